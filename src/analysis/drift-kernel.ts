// Worker-side kernel of drift estimation: phase correlation of a run of frames against a
// reference that follows the movie (a key frame, replaced when the sample no longer looks
// like it), against one fixed plane, or along the chain of consecutive frames. Frames are
// freed of their background and windowed (Hann) first; bright objects are found on the way
// for the object-based check (driftObjects.ts). Runs in worker threads through
// src/parallel/pool.ts (inputs and outputs are structured-clonable).
import { estimateShiftFromSpectra, kernelSpectrumBuffer, singlePrecisionSpectrum, startShiftFromSpectra, type PendingShift, type ShiftEstimate, type Spectrum } from './registration.ts';
import { loadSimdFft, realFft2d } from './fft-simd.ts';
import { BackgroundKernel } from './driftMaskKernel.ts';
import { findObjects, type FrameObjects } from './driftObjects.ts';

/**
 * 'fixed': every plane against planes[0]; 'chain': plane i against plane i-1; 'follow': against a key
 * frame (planes[0] first), replaced by the latest well-registered frame once the correlation peak falls
 * below KEY_SWITCH of what it was when the key was chosen (cells have moved, divided or changed).
 */
export type LinkMode = 'fixed' | 'chain' | 'follow';

export interface ShiftTask {
  height: number;
  width: number;
  /** Index (image index in the movie) of each plane; -1 for a reference image that is no frame. */
  indices: number[];
  planes: Float32Array[];
  mode: LinkMode;
  upsampleFactor: number;
  maxShiftPx?: number;
  /** 'phase' (default) or 'none': plain cross-correlation of mean-subtracted planes (better for smooth z profiles). */
  normalization?: 'phase' | 'none';
  /** Remove the background and apply a Hann window before correlating (default false). */
  prepare?: boolean;
  /** Find bright objects in every plane (for the object-based check). Default false. */
  objects?: boolean;
  /** Planes before this one (a reference or the run's lead-in from the chunk before) get no objects. Default 0. */
  objectsFrom?: number;
  /** XZ projections of the same planes: their (dz) shift is estimated for the same pairs. */
  xz?: { height: number; planes: Float32Array[] };
  /** Echoed in the result (which run of a movie this is). */
  run?: number;
  /** Let other work of the thread run between planes (on the main thread, beside workers). */
  yieldEveryPlane?: boolean;
  /** Main thread only (a function does not reach a worker): true once the estimate is cancelled; checked per plane. */
  cancelled?: () => boolean;
}

/** The shift of one plane relative to an earlier one, as drift (sample displacement), px. */
export interface Link {
  /** Index of the plane (as ShiftTask.indices counts). */
  index: number;
  /** Index of the plane it was registered against. */
  key: number;
  dxPx: number;
  dyPx: number;
  dzPx?: number;
  /** Correlation peak in SD of the noise floor (peakHeight * sqrt(pixels)); below ~8 it may be noise. */
  peakSd: number;
  /** False when the peak fell below KEY_SWITCH of the last good frame's: the frame does not resemble the movie (flash, defocus, blank). */
  resembles: boolean;
}

export interface ShiftTaskResult {
  run?: number;
  /** One per plane after planes[0]. */
  links: Link[];
  /** Objects of the planes from objectsFrom on, when asked for (objects[i] for planes[objectsFrom + i]). */
  objects?: FrameObjects[];
}

/** Smallest share of the plane two candidate alignments must overlap to be compared. */
const MIN_OVERLAP = 0.25;
/** A key frame is replaced once the correlation peak falls below this share of its first value. */
const KEY_SWITCH = 0.5;

function spectrumFor(plane: Float32Array, height: number, width: number, normalization: 'phase' | 'none', into?: Float32Array): Spectrum {
  const spectrum = singlePrecisionSpectrum({ data: plane, height, width }, into);
  return normalization === 'phase' ? spectrum : withoutMean(spectrum);
}

/** The spectrum of the mean-subtracted plane: the same with its DC term set to zero. */
function withoutMean(spectrum: Spectrum): Spectrum {
  const values = spectrum.values.slice();
  const dcPower = values[0] * values[0] + values[1] * values[1];
  values[0] = values[1] = 0;
  return { ...spectrum, values, energy: Math.max(0, spectrum.energy - dcPower) };
}

/** Where each column (or row) of a plane falls between the block centres of the background grid. */
interface GridWeights {
  low: Int32Array;
  high: Int32Array;
  weight: Float32Array;
}

const gridCache = new Map<string, GridWeights>();
function gridWeights(n: number, block: number, cells: number): GridWeights {
  const key = `${n}:${block}`;
  let g = gridCache.get(key);
  if (!g) {
    g = { low: new Int32Array(n), high: new Int32Array(n), weight: new Float32Array(n) };
    for (let i = 0; i < n; i++) {
      const f = Math.min(cells - 1, Math.max(0, (i + 0.5) / block - 0.5));
      g.low[i] = Math.floor(f);
      g.high[i] = Math.min(cells - 1, g.low[i] + 1);
      g.weight[i] = f - g.low[i];
    }
    gridCache.set(key, g);
  }
  return g;
}

/**
 * The plane minus its slowly varying background (block means on a coarse grid, interpolated
 * bilinearly: uneven illumination is fixed to the camera and would pull the estimate to zero),
 * into `out`; with `windowedOut`, also that times the tapered window (one pass for both).
 */
export function withoutBackground(plane: ArrayLike<number>, height: number, width: number, out: Float32Array = new Float32Array(height * width), windowedOut?: Float32Array): Float32Array {
  const block = Math.max(8, Math.round(Math.min(height, width) / 8));
  const gy = Math.ceil(height / block);
  const gx = Math.ceil(width / block);
  const means = new Float64Array(gy * gx);
  for (let y = 0; y < height; y++) {
    const row = Math.floor(y / block) * gx;
    for (let g = 0; g < gx; g++) {
      let sum = 0;
      const end = Math.min(width, (g + 1) * block);
      for (let x = g * block, i = y * width + x; x < end; x++, i++) sum += plane[i];
      means[row + g] += sum;
    }
  }
  for (let cy = 0; cy < gy; cy++)
    for (let cx = 0; cx < gx; cx++) {
      means[cy * gx + cx] /= (Math.min(height, (cy + 1) * block) - cy * block) * (Math.min(width, (cx + 1) * block) - cx * block);
    }
  const ys = gridWeights(height, block, gy);
  const xs = gridWeights(width, block, gx);
  const segments = gridSegments(xs, width, block);
  const wy = taperedWindow(height);
  const wx = taperedWindow(width);
  const rowBackground = new Float64Array(gx);
  // float32 planes with a window go through the SIMD kernel (driftMaskKernel.ts): the same arithmetic
  const kernel = windowedOut && plane instanceof Float32Array ? backgroundKernel(height, width, xs.weight, wx) : undefined;
  if (kernel) kernel.plane.set(plane);
  for (let y = 0; y < height; y++) {
    const top = ys.low[y] * gx;
    const bottom = ys.high[y] * gx;
    const f = ys.weight[y];
    for (let g = 0; g < gx; g++) rowBackground[g] = means[top + g] * (1 - f) + means[bottom + g] * f;
    const base = y * width;
    const rowWeight = wy[y];
    // along x, in stretches between the same two grid centres (the same arithmetic as pixel by pixel)
    for (let s = 0; s < segments.length - 1; s++) {
      const from = segments[s];
      const to = segments[s + 1];
      const a = rowBackground[xs.low[from]];
      const b = rowBackground[xs.high[from]];
      if (kernel) kernel.stretch(y, from, to, a, b, rowWeight);
      else if (windowedOut) {
        for (let x = from; x < to; x++) {
          const w = xs.weight[x];
          const v = Math.fround(plane[base + x] - (a * (1 - w) + b * w));
          out[base + x] = v;
          windowedOut[base + x] = v * rowWeight * wx[x];
        }
      } else {
        for (let x = from; x < to; x++) {
          const w = xs.weight[x];
          out[base + x] = plane[base + x] - (a * (1 - w) + b * w);
        }
      }
    }
  }
  if (kernel && windowedOut) {
    out.set(kernel.out);
    windowedOut.set(kernel.windowed);
  }
  return out;
}

let backgroundKernels: BackgroundKernel | null | undefined;
/** This thread's background kernel for the size (one size at a time), its x weights and window set; undefined where it cannot run. */
function backgroundKernel(height: number, width: number, weights: Float32Array, window: Float32Array): BackgroundKernel | undefined {
  if (backgroundKernels === null || process.env.CELLPILOT_NO_DRIFT_KERNEL === '1') return undefined;
  if (!backgroundKernels || backgroundKernels.height !== height || backgroundKernels.width !== width) {
    backgroundKernels = BackgroundKernel.create(height, width) ?? null;
    if (!backgroundKernels) return undefined;
    backgroundKernels.weights.set(weights);
    backgroundKernels.window.set(window);
  }
  return backgroundKernels;
}

const segmentCache = new Map<string, Int32Array>();
/** Where (low, high) of the grid weights along an axis change: stretches [segments[s], segments[s + 1]). */
function gridSegments(g: GridWeights, n: number, block: number): Int32Array {
  const key = `${n}:${block}`;
  let segments = segmentCache.get(key);
  if (!segments) {
    const starts = [0];
    for (let i = 1; i < n; i++) if (g.low[i] !== g.low[i - 1] || g.high[i] !== g.high[i - 1]) starts.push(i);
    starts.push(n);
    segmentCache.set(key, (segments = Int32Array.from(starts)));
  }
  return segments;
}

/** Share of each axis tapered by the window (half at each end): the rest keeps full weight. */
const TAPER = 0.25;

const windowCache = new Map<number, Float32Array>();
/**
 * A Tukey (tapered cosine) window: a Hann taper over the outer TAPER / 2 of each end, flat in between.
 * It removes the seam a periodic FFT sees at the border while keeping most pixels at full weight
 * (a full Hann window throws away precision on static scenes).
 */
function taperedWindow(n: number): Float32Array {
  let w = windowCache.get(n);
  if (!w) {
    w = new Float32Array(n).fill(1);
    const edge = Math.floor((TAPER * (n - 1)) / 2);
    for (let i = 0; i < edge; i++) {
      const v = 0.5 - 0.5 * Math.cos((Math.PI * i) / edge);
      w[i] = v;
      w[n - 1 - i] = v;
    }
    windowCache.set(n, w);
  }
  return w;
}

/** plane * window(y) * window(x): the frame's edges fade out, so the periodic FFT sees no seam at the border. */
export function windowed(plane: Float32Array, height: number, width: number, out: Float32Array = new Float32Array(plane.length)): Float32Array {
  const wy = taperedWindow(height);
  const wx = taperedWindow(width);
  for (let y = 0, i = 0; y < height; y++) {
    const rowWeight = wy[y];
    for (let x = 0; x < width; x++, i++) out[i] = plane[i] * rowWeight * wx[x];
  }
  return out;
}

/** Pearson correlation of reference(y, x) with moving(y - dy, x - dx) over their overlap; -Infinity when it is too small. */
export function overlapCorrelation(reference: Float32Array, moving: Float32Array, height: number, width: number, dyPx: number, dxPx: number): number {
  const y0 = Math.max(0, dyPx);
  const y1 = Math.min(height, height + dyPx);
  const x0 = Math.max(0, dxPx);
  const x1 = Math.min(width, width + dxPx);
  const n = Math.max(0, y1 - y0) * Math.max(0, x1 - x0);
  if (n < MIN_OVERLAP * height * width || n < 2) return -Infinity;
  let sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
  for (let y = y0; y < y1; y++) {
    const ra = y * width;
    const rb = (y - dyPx) * width - dxPx;
    for (let x = x0; x < x1; x++) {
      const a = reference[ra + x];
      const b = moving[rb + x];
      sa += a; sb += b; saa += a * a; sbb += b * b; sab += a * b;
    }
  }
  const cov = sab - (sa * sb) / n;
  const varA = saa - (sa * sa) / n;
  const varB = sbb - (sb * sb) / n;
  return varA > 0 && varB > 0 ? cov / Math.sqrt(varA * varB) : -Infinity;
}

/**
 * Whitened noise alone gives phase-correlation values of SD 1/sqrt(N); the largest of N such values is about
 * sqrt(2 ln N) SD (5 SD for 512x512). A peak this many SD high cannot be noise.
 */
export const SIGNIFICANT_PEAK_SD = 8;

interface Prepared {
  /** The plane as correlated (background removed, windowed). */
  plane: Float32Array;
  spectrum: Spectrum;
}

/**
 * Buffers of prepared frames, reused: a run holds at most a few frames at once (the key, the latest good
 * frame, the current one), so a 512x512 movie costs a few MB however long it is. One pool per thread and
 * size, shared by the runs registered one after the other (a fresh 1 MB buffer costs its page faults and zeroing).
 */
class PreparedPool {
  private readonly free: Prepared[] = [];
  private constructor(private readonly height: number, private readonly width: number, private readonly size: { height: number; width: number }) {}
  private static readonly pools = new Map<string, PreparedPool>();
  /** This thread's pool for planes of height x width transformed at `size`. */
  static of(height: number, width: number, size: { height: number; width: number }): PreparedPool {
    const key = `${height}x${width}:${size.height}x${size.width}`;
    let pool = PreparedPool.pools.get(key);
    if (!pool) PreparedPool.pools.set(key, (pool = new PreparedPool(height, width, size)));
    return pool;
  }
  take(): { plane: Float32Array; values?: Float32Array } {
    const p = this.free.pop();
    if (p) return { plane: p.plane, values: p.spectrum.values instanceof Float32Array ? p.spectrum.values : undefined };
    // a new frame's spectrum where the registration kernels read it in place
    return { plane: new Float32Array(this.height * this.width), values: kernelSpectrumBuffer(this.size.height, this.size.width) };
  }
  /** Returns the frames no longer referenced by `kept`. */
  release(frames: Prepared[], kept: Prepared[]): void {
    for (const f of frames) if (!kept.includes(f) && !this.free.includes(f)) this.free.push(f);
  }
}

/** This thread's plane for the background-free frame (used within one synchronous prepare), by length. */
const flatPlanes = new Map<number, Float32Array>();
function flatPlane(length: number): Float32Array {
  let plane = flatPlanes.get(length);
  if (!plane) flatPlanes.set(length, (plane = new Float32Array(length)));
  return plane;
}

/**
 * Phase correlation whitens every frequency, so on sparse, noisy frames (few cells, most of the spectrum
 * noise) a noise peak can beat the true one and give a jump of tens of px. Guard: where the peak is not
 * clearly above the noise, the plain cross-correlation of the mean-subtracted planes also proposes a
 * whole-pixel shift; where the two disagree by more than 1 px, keep the one under which the planes'
 * overlap correlates best (as a person checking the overlay would).
 */
function guardedShift(reference: Prepared, moving: Prepared, task: Pick<ShiftTask, 'height' | 'width' | 'upsampleFactor' | 'maxShiftPx' | 'normalization'>): PendingShift {
  const { upsampleFactor, maxShiftPx } = task;
  if ((task.normalization ?? 'phase') === 'none') {
    return startShiftFromSpectra(reference.spectrum, moving.spectrum, { upsampleFactor, maxShiftPx, normalization: 'none' });
  }
  const phase = startShiftFromSpectra(reference.spectrum, moving.spectrum, { upsampleFactor, maxShiftPx, normalization: 'phase' });
  if (phase.peakHeight * Math.sqrt(reference.spectrum.height * reference.spectrum.width) >= SIGNIFICANT_PEAK_SD) return phase;
  // a weak peak: the guard below needs the refined shift now
  const done = checkedShift(reference, moving, task, phase.finish());
  return { peakHeight: done.peakHeight, finish: () => done, discard: () => {} };
}

/** The guard of guardedShift for a phase-correlation shift whose peak is not clearly above the noise. */
function checkedShift(reference: Prepared, moving: Prepared, task: Pick<ShiftTask, 'height' | 'width' | 'upsampleFactor' | 'maxShiftPx' | 'normalization'>, phase: ShiftEstimate): ShiftEstimate {
  const { height, width, upsampleFactor, maxShiftPx } = task;
  const plainOptions = { maxShiftPx, normalization: 'none', removeMean: true } as const;
  const plain = estimateShiftFromSpectra(reference.spectrum, moving.spectrum, { ...plainOptions, upsampleFactor: 1 });
  const [py, px] = [Math.round(phase.dyPx), Math.round(phase.dxPx)];
  if (Math.abs(plain.dyPx - py) <= 1 && Math.abs(plain.dxPx - px) <= 1) return phase;
  const phaseScore = overlapCorrelation(reference.plane, moving.plane, height, width, py, px);
  const plainScore = overlapCorrelation(reference.plane, moving.plane, height, width, plain.dyPx, plain.dxPx);
  if (!(plainScore > phaseScore)) return phase;
  // the error metric then refers to the mean-subtracted planes; the peak height stays the phase one (a significance)
  const chosen = estimateShiftFromSpectra(withoutMean(reference.spectrum), withoutMean(moving.spectrum), { ...plainOptions, upsampleFactor });
  return { ...chosen, peakHeight: phase.peakHeight };
}

/** Frames of at least this many pixels are padded to a size the SIMD transforms take. */
const PAD_FROM_PX = 1 << 18;

/** Smallest size >= n that is a multiple of `multiple` and has no prime factor above 5. */
function smoothSize(n: number, multiple: number): number {
  for (let m = Math.ceil(n / multiple) * multiple; ; m += multiple) {
    let r = m;
    for (const p of [2, 3, 5]) while (r % p === 0) r /= p;
    if (r === 1) return m;
  }
}

/**
 * The size prepared planes are zero-padded to for the transforms: their own where the SIMD transforms take it,
 * else the next size they take (a prepared plane fades to zero at its border, so the padding adds no seam; a
 * 773 x 739 frame otherwise goes through the double-precision prime-size transforms, ten times slower).
 * Small frames keep their size: they are fast either way, and padding PC12's 201 x 199 frames moved its
 * steps enough for the nuclei check to overrule them (correlation with StackReg 0.9955 -> 0.74).
 */
function transformSize(height: number, width: number): { height: number; width: number } {
  if (height * width < PAD_FROM_PX || !realFft2d(32, 32) || realFft2d(height, width)) return { height, width };
  const padded = { height: smoothSize(height, 16), width: smoothSize(width, 32) };
  return realFft2d(padded.height, padded.width) ? padded : { height, width };
}

/** What a run's registration needs besides its planes. */
export type LinkerOptions = Pick<ShiftTask, 'height' | 'width' | 'mode' | 'upsampleFactor' | 'maxShiftPx' | 'normalization'> & {
  /** true: remove the background and window each plane; 'prepared': the planes come so (drift-runs.ts did it). */
  prepare?: boolean | 'prepared';
};

/**
 * The registration of one run, a plane at a time (add): links every plane after the first against the run's
 * key frame (or the plane before), as estimateShiftsTask does for a whole run at once. A run fed plane by plane
 * (streamShiftsTask) gives the same links, bit for bit, as the same planes given at once.
 */
export class RunLinker {
  readonly links: Link[] = [];
  private readonly indices: number[] = [];
  private readonly size: { height: number; width: number };
  private readonly padded: Float32Array | undefined;
  private readonly sqrtN: number;
  private readonly pool: PreparedPool;
  private readonly flat: Float32Array;
  private key = 0;
  private keyFrame: (Prepared & { source: Float32Array }) | undefined;
  private keyPeak: number | undefined;
  /** The best peak of the latest well-registered frame: a frame far below it is a bad frame, never a key. */
  private recentPeak: number | undefined;
  private lastGood: { index: number; frame: Prepared & { source: Float32Array } } | undefined;

  constructor(
    private readonly options: LinkerOptions,
    /** dz of plane `i` against plane `key` (positions in the run), where XZ projections are registered too. */
    private readonly dzOf: (key: number, i: number) => number | undefined = () => undefined,
  ) {
    const { height, width } = options;
    this.size = options.prepare ? transformSize(height, width) : { height, width };
    this.padded = this.size.height !== height || this.size.width !== width ? new Float32Array(this.size.height * this.size.width) : undefined;
    this.sqrtN = Math.sqrt(this.size.height * this.size.width);
    this.pool = PreparedPool.of(height, width, this.size);
    this.flat = flatPlane(height * width);
  }

  /** Planes added so far. */
  get count(): number {
    return this.indices.length;
  }

  private prepare(source: Float32Array, objects?: FrameObjects[]): Prepared & { source: Float32Array } {
    const { height, width } = this.options;
    const normalization = this.options.normalization ?? 'phase';
    const buffers = this.pool.take();
    let plane = source;
    if (this.options.prepare === 'prepared') {
      // used as it came
    } else if (this.options.prepare) {
      withoutBackground(source, height, width, this.flat, buffers.plane);
      objects?.push(findObjects(this.flat, height, width));
      plane = buffers.plane;
    } else objects?.push(findObjects(plane, height, width));
    const { padded, size } = this;
    if (!padded) return { plane, spectrum: spectrumFor(plane, height, width, normalization, buffers.values), source };
    for (let y = 0; y < height; y++) padded.set(plane.subarray(y * width, (y + 1) * width), y * size.width);
    return { plane, spectrum: spectrumFor(padded, size.height, size.width, normalization, buffers.values), source };
  }

  /** Registers `plane` (image `index`); `objects` gets its objects pushed when given (planes with their background only). */
  add(plane: Float32Array, index: number, objects?: FrameObjects[]): void {
    const i = this.indices.length;
    this.indices.push(index);
    const frame = this.prepare(plane, objects);
    if (i === 0) {
      this.keyFrame = frame;
      this.lastGood = { index: 0, frame };
      return;
    }
    const task = this.options;
    const mode = task.mode;
    let keyFrame = this.keyFrame!;
    const lastGood = this.lastGood!;
    const before = [keyFrame, lastGood.frame, frame];
    // A chain skips frames that did not resemble the movie, so one bad frame breaks no link
    const reference = mode === 'chain' ? lastGood.frame : keyFrame;
    const against = mode === 'chain' ? lastGood.index : this.key;
    // the sub-pixel refinement runs only for the reference kept (pending.finish below)
    let pending = guardedShift(reference, frame, task);
    let chosenKey = against;
    let chosenFrame = reference;
    let switched = false;
    if (mode === 'follow') {
      this.keyPeak ??= pending.peakHeight;
      if (pending.peakHeight < KEY_SWITCH * this.keyPeak && lastGood.index !== this.key) {
        // The key frame no longer looks like this one: try the latest well-registered frame as the key
        const retry = guardedShift(lastGood.frame, frame, task);
        if (retry.peakHeight > pending.peakHeight) {
          pending.discard();
          [pending, chosenKey, this.key, keyFrame, this.keyPeak, switched] = [retry, lastGood.index, lastGood.index, lastGood.frame, retry.peakHeight, true];
          chosenFrame = keyFrame;
          this.keyFrame = keyFrame;
        } else retry.discard();
      }
    }
    const shift = pending.finish();
    // A plane compared with itself (frame 1 against itself as the fixed reference) says nothing about resemblance
    const itself = plane === chosenFrame.source;
    if (!itself) this.recentPeak ??= shift.peakHeight;
    const resembles = itself || this.recentPeak === undefined || shift.peakHeight >= KEY_SWITCH * this.recentPeak;
    if (itself) {
      // nothing to learn
    } else if (resembles) {
      this.lastGood = { index: i, frame };
      this.recentPeak = shift.peakHeight;
    } else if (switched) {
      this.keyPeak = undefined; // measured on a bad frame: the next frame sets it
    }
    const dzPx = this.dzOf(chosenKey, i);
    this.links.push({
      index,
      key: this.indices[chosenKey],
      dxPx: 0 - shift.dxPx, // 0 - s, not -s: no negative zeros in the table
      dyPx: 0 - shift.dyPx,
      ...(dzPx !== undefined ? { dzPx } : {}),
      peakSd: shift.peakHeight * this.sqrtN,
      resembles,
    });
    this.pool.release(before, [this.keyFrame!, this.lastGood!.frame]);
  }

  /** Hands the frames still held back to the thread's pool: call once the run's last plane is added (links stay). */
  close(): void {
    const held = [this.keyFrame, this.lastGood?.frame].filter((f): f is Prepared & { source: Float32Array } => f !== undefined);
    this.pool.release(held, []);
    this.keyFrame = this.lastGood = undefined;
  }
}

export async function estimateShiftsTask(task: ShiftTask): Promise<ShiftTaskResult> {
  await loadSimdFft();
  if (task.planes.length === 0) return { run: task.run, links: [], objects: [] };
  const { width } = task;
  const objects: FrameObjects[] | undefined = task.objects ? [] : undefined;
  const objectsFrom = task.objectsFrom ?? 0;
  const xzSpectra = task.xz ? task.xz.planes.map((p) => spectrumFor(p, task.xz!.height, width, 'none')) : undefined;
  const dzOf = (key: number, i: number) =>
    xzSpectra ? 0 - estimateShiftFromSpectra(xzSpectra[key], xzSpectra[i], { upsampleFactor: task.upsampleFactor, maxShiftPx: task.maxShiftPx, normalization: 'none' }).dyPx : undefined;
  const linker = new RunLinker(task, dzOf);
  for (let i = 0; i < task.planes.length; i++) {
    if (i > 0 && task.yieldEveryPlane) await new Promise((resolve) => setImmediate(resolve));
    if (task.cancelled?.()) break; // the caller throws; the links so far are no result
    linker.add(task.planes[i], task.indices[i], i >= objectsFrom ? objects : undefined);
  }
  linker.close();
  return { run: task.run, links: linker.links, objects };
}

/**
 * A piece of a run sent to a registration thread (streamShiftsTask): its planes come prepared (background removed
 * and windowed by the sending thread, which finds the objects on the background-free planes), a few at a time
 * as they are read.
 */
export interface StreamPiece {
  run: number;
  /** With the run's first piece. */
  options?: Omit<LinkerOptions, 'prepare'>;
  indices: number[];
  planes: Float32Array[];
  /** The run's last piece: its links come back. */
  end?: boolean;
}

const streamed = new Map<number, RunLinker>();
let streamQueue: Promise<unknown> = Promise.resolve();

/**
 * Registers runs whose planes arrive in pieces (worker threads; see drift-runs.ts): pieces are taken in the
 * order they came, and a run's last piece answers with its links. The thread that finds the objects sends
 * the planes, so this thread runs only the registration's kernels (each thread compiles only its own).
 */
export function streamShiftsTask(piece: StreamPiece): Promise<{ run: number; links?: Link[] }> {
  const answer = streamQueue.then(async () => {
    await loadSimdFft();
    let linker = streamed.get(piece.run);
    if (!linker) {
      if (!piece.options) throw new Error(`run ${piece.run} was never started`);
      streamed.set(piece.run, (linker = new RunLinker({ ...piece.options, prepare: 'prepared' })));
    }
    for (let k = 0; k < piece.planes.length; k++) linker.add(piece.planes[k], piece.indices[k]);
    if (!piece.end) return { run: piece.run };
    streamed.delete(piece.run);
    linker.close();
    return { run: piece.run, links: linker.links };
  });
  streamQueue = answer.catch(() => {});
  return answer;
}
