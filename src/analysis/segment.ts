// Classical segmentation of a movie: every plane of one channel (all z, the chosen frames)
// goes through segmentPlane (seg-plane.ts) on worker threads, and the label planes are
// streamed to an ImageJ hyperstack, uint16 (or uint32 when a plane holds more than 65535
// objects). Labels are numbered 1..n within each plane, or within each frame of a z-stack,
// whose slices' objects are joined into 3-D objects (seg-zlink.ts); not linked over time.
import { WorkError } from '../errors.ts';
import { createMovieWriter, type MovieWriter } from '../image/index.ts';
import { sourceFrameExtra } from '../image/frameOrigin.ts';
import type { Movie, PlaneData } from '../image/movie.ts';
import { mapInWorkers } from '../parallel/pool.ts';
import { keptOnContents } from './plane-memo.ts';
import { checkSegmentOptions, SEGMENT_DEFAULTS, segmentationKey, segmentPlane, segmentPlaneRemembered, type PlaneSegmentation, type SegmentOptions } from './seg-plane.ts';
import { linkSlices } from './seg-zlink.ts';

export { SEGMENT_DEFAULTS, segmentPlane, type SegmentMethod, type SegmentOptions, type SplitBy, type PlaneSegmentation } from './seg-plane.ts';

export interface SegmentMovieOptions extends SegmentOptions {
  /** 0-based channel to segment. Default 0. */
  channel?: number;
  /** 0-based inclusive frame range. Default all frames. */
  frames?: [number, number];
  /** Where to write the label movie (.tif). */
  outputPath: string;
  /** Label dtype; default uint16, or uint32 when a plane could hold more than 65535 objects of minAreaPx. */
  dtype?: 'uint16' | 'uint32';
  /** Worker threads; default all cores (1 runs in this thread). */
  threads?: number;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  /** A nucleus shape model (seg-shape.ts) that redraws every object's outline after the classical pipeline. */
  shapeModel?: string;
}

export interface SegmentMovieResult {
  path: string;
  /** Objects per frame (3-D objects in a z-stack: a nucleus seen in several slices counts once). */
  objectsPerFrame: number[];
  /** Threshold applied per frame (first z plane), in smoothed intensity units. */
  thresholds: number[];
}

const TASK = new URL('./seg-plane.ts', import.meta.url);
/** Planes read and segmented per round, so memory stays bounded on long movies. */
const BATCH_PLANES = 64;

function checkMovieOptions(movie: Movie, options: SegmentMovieOptions): [number, number, number] {
  const channel = options.channel ?? 0;
  if (!Number.isInteger(channel) || channel < 0 || channel >= movie.shape.c) {
    throw new RangeError(`channel ${channel} is outside the movie's 0..${movie.shape.c - 1}`);
  }
  const [first, last] = options.frames ?? [0, movie.shape.t - 1];
  if (!Number.isInteger(first) || !Number.isInteger(last) || first < 0 || last >= movie.shape.t || first > last) {
    throw new RangeError(`frames ${first}..${last} are outside the movie's 0..${movie.shape.t - 1}`);
  }
  checkSegmentOptions(options);
  return [channel, first, last];
}

function toLabelPlane(result: Pick<PlaneSegmentation, 'labels' | 'count'>, dtype: 'uint16' | 'uint32'): PlaneData {
  if (dtype === 'uint32') return result.labels;
  if (result.count > 65535) throw new WorkError(`a plane has ${result.count} objects, more than uint16 labels hold: segment again with dtype uint32`);
  return Uint16Array.from(result.labels);
}

/** Segments every plane of one channel of `movie` and writes the label movie. */
export async function segmentMovie(movie: Movie, options: SegmentMovieOptions): Promise<SegmentMovieResult> {
  const [channel, first, last] = checkMovieOptions(movie, options);
  const { x: width, y: height, z: depth } = movie.shape;
  // uint16 unless a plane could hold more objects than it can number.
  const minArea = Math.max(1, options.minAreaPx ?? SEGMENT_DEFAULTS.minAreaPx);
  const dtype = options.dtype ?? ((width * height) / minArea > 65535 ? 'uint32' : 'uint16');
  const frames = last - first + 1;
  const total = frames * depth;
  const segmentOptions: SegmentOptions = pickSegmentOptions(options);
  const writer: MovieWriter = await createMovieWriter(options.outputPath, {
    shape: { t: frames, z: depth, c: 1, y: height, x: width },
    dtype,
    meta: { ...movie.meta, channelNames: ['labels'], extra: { ...(movie.meta.extra?.frameNumbers !== undefined ? { frameNumbers: movie.meta.extra.frameNumbers } : {}), ...sourceFrameExtra(movie.meta, first) } },
  });
  const objectsPerFrame = new Array<number>(frames).fill(0);
  const thresholds = new Array<number>(frames).fill(Number.NaN);
  let done = 0;
  const shape = options.shapeModel ? await shapeRefiner(options.shapeModel) : undefined;
  const stack: Uint32Array[] = [];
  try {
    for (let start = 0; start < total; start += BATCH_PLANES) {
      if (options.signal?.aborted) throw new WorkError('segmentation cancelled');
      const indices = Array.from({ length: Math.min(BATCH_PLANES, total - start) }, (_, k) => start + k);
      const inputs = [];
      for (const k of indices) {
        const plane = await movie.plane(first + Math.floor(k / depth), k % depth, channel);
        // Copy so the worker may take the buffer without touching the movie's own planes.
        inputs.push({ plane: plane.slice(), width, height, options: segmentOptions });
      }
      const results = await runBatch(inputs, options, (n) => options.onProgress?.(done + n, total));
      for (let i = 0; i < results.length; i++) {
        const k = indices[i];
        const frame = Math.floor(k / depth);
        if (k % depth === 0) thresholds[frame] = results[i].thresholdValue;
        // (the worker may have taken the input plane's buffer: read it again)
        if (shape) results[i].labels = await shape(await movie.plane(first + frame, k % depth, channel), results[i].labels, width, height);
        if (depth === 1) {
          objectsPerFrame[frame] = results[i].count;
          await writer.writePlane(toLabelPlane(results[i], dtype));
          continue;
        }
        // A z-stack's slices are joined into 3-D objects once the frame's last slice is in.
        stack.push(results[i].labels);
        if (stack.length < depth) continue;
        const linked = linkSlices(stack.splice(0));
        objectsPerFrame[frame] = linked.count;
        for (const labels of linked.labels) await writer.writePlane(toLabelPlane({ labels, count: linked.count }, dtype));
      }
      done += results.length;
    }
  } catch (err) {
    await writer.abort();
    throw err;
  }
  await writer.close();
  return { path: options.outputPath, objectsPerFrame, thresholds };
}

/**
 * The labels segmentMovie would write for a few frames of a single-plane movie (`picks`, 0-based within
 * `options.frames`), segmented here and remembered by the planes' contents (seg-plane.ts segmentPlaneRemembered), so
 * that segmentMovie with the same options finds them instead of segmenting those planes again. The segment tool judges
 * on them which rule fits the movie before it segments the whole movie once.
 */
export async function segmentSampleFrames(movie: Movie, options: SegmentMovieOptions, picks: number[]): Promise<{ labels: Uint32Array[]; counts: number[]; thresholds: number[] }> {
  const [channel, first] = checkMovieOptions(movie, options);
  if (movie.shape.z !== 1) throw new RangeError('segmentSampleFrames: single-plane movies only (a z-stack\'s slices are linked into 3-D objects)');
  const { x: width, y: height } = movie.shape;
  const segmentOptions = pickSegmentOptions(options);
  const shape = options.shapeModel ? await shapeRefiner(options.shapeModel) : undefined;
  const out = { labels: [] as Uint32Array[], counts: [] as number[], thresholds: new Array<number>(Math.max(0, ...picks) + 1).fill(Number.NaN) };
  for (const k of picks) {
    if (options.signal?.aborted) throw new WorkError('segmentation cancelled');
    const plane = await movie.plane(first + k, 0, channel);
    const result = segmentPlaneRemembered(plane.slice(), width, height, segmentOptions);
    out.labels.push(shape ? await shape(await movie.plane(first + k, 0, channel), result.labels.slice(), width, height) : result.labels);
    out.counts.push(result.count);
    out.thresholds[k] = result.thresholdValue;
  }
  return out;
}

/** Redraws a plane's object outlines with the shape model `key` (loaded once). */
async function shapeRefiner(key: string): Promise<(plane: PlaneData, labels: Uint32Array, width: number, height: number) => Promise<Uint32Array>> {
  const [{ refineShapes }, { loadModel }] = await Promise.all([import('./seg-shape.ts'), import('../onnx/index.ts')]);
  const model = await loadModel(key);
  return (plane, labels, width, height) => refineShapes(plane, labels, width, height, model);
}

/**
 * A batch of fewer pixels than this is segmented in this thread unless threads are asked for: handing a small movie's
 * planes to workers (copies, messages, each worker's own compiled kernels) cost more CPU than the work.
 */
const INLINE_BELOW_PX = 1 << 18;

type PlaneInput = { plane: PlaneData; width: number; height: number; options: SegmentOptions };

async function runBatch(inputs: PlaneInput[], options: SegmentMovieOptions, onProgress: (done: number) => void): Promise<PlaneSegmentation[]> {
  // planes the segment tool already segmented with these options while choosing its method (seg-method-check.ts): the
  // same segmentation, copied (the caller may write its labels)
  const known = inputs.map((input) => {
    const key = segmentationKey(input.width, input.height, input.options);
    const kept = key === undefined ? undefined : keptOnContents<PlaneSegmentation>(input.plane, key);
    return kept && { ...kept, labels: kept.labels.slice() };
  });
  const rest = inputs.filter((_, i) => !known[i]);
  for (let n = 1; n <= inputs.length - rest.length; n++) onProgress(n);
  const segmented = rest.length ? await segmentBatch(rest, options, (n) => onProgress(inputs.length - rest.length + n)) : [];
  let next = 0;
  return known.map((k) => k ?? segmented[next++]);
}

async function segmentBatch(inputs: PlaneInput[], options: SegmentMovieOptions, onProgress: (done: number) => void): Promise<PlaneSegmentation[]> {
  if (options.threads === 1 || inputs.length === 1 || (options.threads === undefined && inputs.length * inputs[0].width * inputs[0].height < INLINE_BELOW_PX)) {
    return inputs.map((input, i) => {
      const out = segmentPlane(input.plane, input.width, input.height, input.options);
      onProgress(i + 1);
      return out;
    });
  }
  return mapInWorkers<PlaneInput, PlaneSegmentation>(TASK, 'segmentPlaneTask', inputs, {
    threads: options.threads,
    signal: options.signal,
    onProgress: (n) => onProgress(n),
  });
}

/**
 * The plane options among a movie's: every option but those of the movie run itself. (A list of the plane options
 * kept here had fallen behind them: closeBaysPx, which the segment tool chooses for round nuclei, never reached the
 * planes.)
 */
function pickSegmentOptions(o: SegmentMovieOptions): SegmentOptions {
  const { channel: _c, frames: _f, outputPath: _o, dtype: _d, threads: _t, onProgress: _p, signal: _s, shapeModel: _m, ...plane } = o;
  return plane;
}
