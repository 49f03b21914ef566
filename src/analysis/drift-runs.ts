// Drift estimation over a movie in runs of consecutive images: the images of each run are read
// when a thread is free to register them (only the runs in flight are held, however long the
// movie), the main thread takes runs itself while worker threads take others. The runs are cut
// the same way whatever the number of threads, and each is registered on its own, so the drift
// table does not depend on the thread count.
import { WorkError } from '../errors.ts';
import { defaultThreads, mapInWorkers, workerStream } from '../parallel/pool.ts';
import { estimateShiftsTask, withoutBackground, type Link, type LinkMode, type ShiftTask, type ShiftTaskResult, type StreamPiece } from './drift-kernel.ts';
import { findObjects, type FrameObjects } from './driftObjects.ts';

/** The images registered for a block of frames: XY max projection and (for z) XZ max projection. */
export interface BlockImages {
  xy: Float32Array;
  xz?: Float32Array;
}

/** The images to register, read on demand; read() gives undefined for an empty (constant) image. */
export interface ImageSource {
  count: number;
  height: number;
  width: number;
  /** z slices (height of the XZ images). */
  depth: number;
  read(index: number): Promise<BlockImages | undefined>;
  /** Hands back images read and no longer used: a later read may fill their buffers again. */
  release?(images: BlockImages): void;
}

export interface LinkRunOptions {
  upsampleFactor: number;
  maxShiftPx?: number;
  /** Threads (the main one included); default all cores for movies of more than WORKER_THRESHOLD_PX estimation pixels. */
  threads?: number;
  onProgress?: (done: number, total: number, label?: string) => void;
  signal?: AbortSignal;
}

/** A fixed reference image for mode 'fixed', and its index in the source when it is one of the images (-1 otherwise). */
export interface FixedReference {
  images: BlockImages;
  index: number;
}

/** Images per run: short enough for both cores to stay busy to the end of a movie. */
export const RUN_LENGTH = 8;
/** Shortest run for 'follow': a restart every 32 images adds about as much error as 2-3 images' noise. */
const FOLLOW_RUN_LENGTH = 32;
/**
 * Images per run for `count` images. A followed key frame restarts at each run (from the image the run
 * before ended on: one more link that adds its error), so 'follow' cuts a movie into a few long runs:
 * as many as runs of max(32, count / 4) images make, of equal length, and an even number when more
 * than one (two cores each take half). Runs of 32, 32, 32 and 4 images left one thread idle for a
 * third of a 100-frame movie; 3 runs of 32 leave it idle for a third too.
 */
export function runLength(mode: LinkMode, count: number): number {
  if (mode !== 'follow') return RUN_LENGTH;
  const runs = Math.ceil(count / Math.max(FOLLOW_RUN_LENGTH, Math.ceil(count / 4)));
  return Math.max(1, Math.ceil(count / (runs > 1 && runs % 2 === 1 ? runs + 1 : runs)));
}
/** Below this many estimation pixels in all, one thread does it (starting a worker costs more). */
const WORKER_THRESHOLD_PX = 1 << 22;

interface Run {
  task: ShiftTask;
  run: number;
}

/**
 * Links of every image: for 'fixed', each against the fixed reference (key -1 unless it is an image itself);
 * for 'chain' and 'follow', each run starts from the last non-empty image before it, so the runs join up.
 * Objects (indexed by image) are found when asked for; `empty` lists the images that were constant.
 */
export async function linksOf(source: ImageSource, mode: LinkMode, fixed: FixedReference | undefined, withObjects: boolean, options: LinkRunOptions): Promise<{ links: Link[]; objects: FrameObjects[]; empty: Set<number> }> {
  const { count, height, width } = source;
  const length = runLength(mode, count);
  const runs = Math.ceil(count / length);
  const threads = Math.max(1, Math.min(runs, options.threads ?? (count * height * width >= WORKER_THRESHOLD_PX ? defaultThreads() : 1)));
  if (threads > 1 && withObjects && mode !== 'fixed') return splitLinks(source, mode, length, runs, threads - 1, options);
  const empty = new Set<number>();
  const recent = new Map<number, BlockImages | undefined>();
  // The last images read are kept: a run's lead-in is the image the run before ended on
  const read = async (index: number): Promise<BlockImages | undefined> => {
    if (fixed && index === fixed.index) return fixed.images;
    if (recent.has(index)) return recent.get(index);
    const images = await source.read(index);
    if (!images) empty.add(index);
    recent.set(index, images);
    if (recent.size > 4) recent.delete(recent.keys().next().value!);
    return images;
  };
  const indicesOf: number[][] = [];
  const makeRun = async (run: number): Promise<Run> => {
    const start = run * length;
    const end = Math.min(count, start + length);
    const indices: number[] = [];
    const planes: BlockImages[] = [];
    if (mode === 'fixed') {
      indices.push(-1), planes.push(fixed!.images); // links against it have key -1 (drift 0)
    } else {
      for (let i = start - 1; i >= 0; i--) {
        const lead = await read(i);
        if (lead) {
          indices.push(i), planes.push(lead);
          break;
        }
      }
    }
    const objectsFrom = indices.length;
    for (let i = start; i < end; i++) {
      if (options.signal?.aborted) throw new WorkError('cancelled');
      const images = await read(i);
      if (images) indices.push(i), planes.push(images);
    }
    indicesOf[run] = indices;
    const xz = planes.every((p) => p.xz) && planes.length > 0 ? { height: source.depth, planes: planes.map((p) => p.xz!) } : undefined;
    return {
      run,
      task: {
        height,
        width,
        indices,
        planes: planes.map((p) => p.xy),
        mode,
        upsampleFactor: options.upsampleFactor,
        maxShiftPx: options.maxShiftPx,
        prepare: true,
        objects: withObjects,
        objectsFrom,
        ...(xz ? { xz } : {}),
      },
    };
  };

  // Runs are claimed in order by whichever thread is free
  let claimed = 0;
  let done = 0;
  const results: ShiftTaskResult[] = [];
  const finished = (run: number, result: ShiftTaskResult) => {
    results[run] = result;
    options.onProgress?.(++done, runs, 'estimating drift');
  };
  const claim = async (): Promise<Run | undefined> => (claimed < runs ? makeRun(claimed++) : undefined);
  // On one thread a run's images are done with once it is registered, but for the last few (the next run's lead-in)
  const releaseRun = (task: ShiftTask) => {
    if (threads > 1 || !source.release) return;
    const kept = new Set([...recent.values()].map((images) => images?.xy));
    for (const xy of task.planes) if (!kept.has(xy) && xy !== fixed?.images.xy) source.release({ xy });
  };
  const mainLane = async () => {
    for (let r = await claim(); r; r = await claim()) {
      // the main thread registers a whole run at once: it yields per plane (so a Ctrl-C can abort the signal, and
      // the other threads get their pieces) and stops at the next plane once cancelled
      finished(r.run, await estimateShiftsTask({ ...r.task, yieldEveryPlane: threads > 1 || options.signal !== undefined, cancelled: () => options.signal?.aborted === true }));
      if (options.signal?.aborted) throw new WorkError('cancelled');
      releaseRun(r.task);
    }
  };
  const workerLanes = async () => {
    if (threads < 2) return;
    // A worker that finds no run left gets an empty task (the main thread took the rest)
    const none: ShiftTask = { height, width, indices: [], planes: [], mode, upsampleFactor: options.upsampleFactor };
    const tagged = await mapInWorkers<ShiftTask & { run?: number }, ShiftTaskResult & { run?: number }>(new URL('./drift-kernel.ts', import.meta.url), 'estimateShiftsTask', {
      length: runs,
      get: async () => {
        const r = await claim();
        return r ? { ...r.task, run: r.run } : none;
      },
    }, { threads: threads - 1, signal: options.signal });
    for (const t of tagged) if (t.run !== undefined) finished(t.run, t);
  };
  await Promise.all([mainLane(), workerLanes()]);
  if (options.signal?.aborted) throw new WorkError('cancelled');

  const links: Link[] = [];
  const objects: FrameObjects[] = [];
  results.forEach((result, run) => {
    links.push(...result.links);
    const indices = indicesOf[run];
    const from = indices.length - (result.objects?.length ?? 0);
    result.objects?.forEach((o, i) => (objects[indices[from + i]] = o));
  });
  return { links, objects, empty };
}

/** Planes per message to a registration thread: the first one starts soon, and few messages. */
const PIECE = 4;
/** Pieces in flight to one registration thread, at most (bounds the planes held when it falls behind). */
const MAX_PIECES_IN_FLIGHT = 8;

/**
 * linksOf on several threads with the work split by kind rather than by run: this thread reads every image,
 * removes its background, finds its objects and windows it, and sends the prepared planes to
 * `registrars` worker threads that register whole runs (run r on thread r mod registrars), a few planes
 * at a time. Each thread compiles only its own kernels (cutting the movie's runs among threads that all run
 * every kernel cost ~0.75 s more CPU per 100 frames of 512²: every kernel compiled and warmed up twice) and
 * the frames are not held for a whole run. The same runs are registered on the same planes as on one thread,
 * so the links and objects are the same, bit for bit.
 */
async function splitLinks(source: ImageSource, mode: LinkMode, length: number, runs: number, registrars: number, options: LinkRunOptions): Promise<{ links: Link[]; objects: FrameObjects[]; empty: Set<number> }> {
  const { count, height, width } = source;
  const url = new URL('./drift-kernel.ts', import.meta.url);
  // lanes of our own: the pieces of two estimates running at once must not meet in one worker
  const taken: number[] = [];
  for (let lane = 0; taken.length < registrars; lane++) if (!lanesInUse.has(lane)) lanesInUse.add(lane), taken.push(lane);
  const lanes = taken.map((lane) => workerStream<StreamPiece, { run: number; links?: Link[] }>(url, 'streamShiftsTask', lane));
  const empty = new Set<number>();
  const objects: FrameObjects[] = [];
  const runLinks: Promise<Link[]>[] = [];
  const inFlight: Promise<unknown>[][] = lanes.map(() => []);
  let done = 0;
  // the last non-empty image, prepared: the next run's lead-in
  let lead: { index: number; prepared: Float32Array } | undefined;
  const flat = new Float32Array(height * width);
  // prepared planes a posted piece was copied from (postMessage copies them at once), for the frames after; not the lead-in
  const spare: Float32Array[] = [];
  const recycle = (piece: StreamPiece) => {
    for (const plane of piece.planes) if (plane !== lead?.prepared && !spare.includes(plane)) spare.push(plane);
  };
  let onAbort = () => {};
  const cancelled = new Promise<never>((_, reject) => (onAbort = () => reject(new WorkError('cancelled'))));
  cancelled.catch(() => {});
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for (let run = 0; run < runs; run++) {
      const lane = run % registrars;
      // Pieces go out in order: the loop waits here (when the thread is behind) before it posts the next
      const send = async (piece: StreamPiece) => {
        const pieces = inFlight[lane];
        while (pieces.length >= MAX_PIECES_IN_FLIGHT) await pieces.shift();
        const answer = lanes[lane].send(piece);
        pieces.push(answer.catch(() => {}));
        answer.catch(() => {}); // a failure surfaces through the run's last piece (or the cancellation)
        return { answer };
      };
      let piece: StreamPiece = { run, options: { height, width, mode, upsampleFactor: options.upsampleFactor, maxShiftPx: options.maxShiftPx }, indices: [], planes: [] };
      if (lead) piece.indices.push(lead.index), piece.planes.push(lead.prepared);
      const end = Math.min(count, (run + 1) * length);
      for (let i = run * length; i < end; i++) {
        if (options.signal?.aborted) throw new WorkError('cancelled');
        // a macrotask per frame: frames read from a file come back without one, and a Ctrl-C needs one to abort the signal
        if (options.signal) await new Promise((resolve) => setImmediate(resolve));
        const images = await source.read(i);
        if (!images) {
          empty.add(i);
          continue;
        }
        // the background-free plane for the objects, and windowed (in the same pass) for the registration
        const prepared = spare.pop() ?? new Float32Array(height * width);
        objects[i] = findObjects(withoutBackground(images.xy, height, width, flat, prepared), height, width);
        source.release?.(images);
        lead = { index: i, prepared };
        piece.indices.push(i), piece.planes.push(prepared);
        if (piece.planes.length >= PIECE && i < end - 1) {
          await send(piece);
          recycle(piece);
          piece = { run, indices: [], planes: [] };
        }
      }
      const last = await send({ ...piece, end: true });
      recycle(piece);
      const links = last.answer.then((answer) => {
        options.onProgress?.(++done, runs, 'estimating drift');
        return answer.links ?? [];
      });
      links.catch(() => {}); // awaited below; a failure meanwhile is no unhandled rejection
      runLinks.push(links);
    }
    const links = (await Promise.race([Promise.all(runLinks), cancelled])).flat();
    return { links, objects, empty };
  } catch (err) {
    // a run left half sent (cancelled, or a frame could not be read): its thread holds its state, so stop it
    await Promise.all(lanes.map((l) => l.terminate()));
    throw options.signal?.aborted ? new WorkError('cancelled') : err;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    for (const lane of taken) lanesInUse.delete(lane);
  }
}

/** Registration lanes (stream workers) held by an estimate in progress. */
const lanesInUse = new Set<number>();
