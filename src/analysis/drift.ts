// Drift correction of time-lapse movies, after Fast4DReg (Pylvänäinen et al. 2023,
// doi:10.1242/jcs.260728): the lateral drift is estimated by phase correlation of the
// frames' maximum projections over z (sub-pixel, Guizar-Sicairos upsampled DFT, see
// registration.ts), the axial drift by phase correlation of XZ maximum projections
// (max over y), optionally on time blocks of N averaged frames and within a maximum
// expected drift; the estimate from one channel is applied to every channel.
//
// Drift convention (as the simulator's drift.csv): a point at (x, y, z) in the reference
// appears at (x + dx, y + dy, z + dz) in frame t, so correcting shifts frame t by -drift.
import type { Movie, Shape } from '../image/movie.ts';
import { createMovieWriter } from '../image/writer.ts';
import { InputError, WorkError } from '../errors.ts';
import { mapInWorkers, defaultThreads } from '../parallel/pool.ts';
import type { Table } from './table.ts';
import { isFlat, type ShiftEstimate } from './registration.ts';
import { estimateShiftsTask, type ShiftTask } from './drift-kernel.ts';
import { castPlane, translatePlane, translateStack, type Interpolation } from './resample.ts';

export type DriftReference = 'first' | 'previous' | 'mean';

export interface DriftOptions {
  /** 0-based channel the drift is estimated on (applied to all). Default 0. */
  channel?: number;
  /**
   * 'first' (default, Fast4DReg "first frame"), 'previous' (frame to frame, accumulated: follows slow
   * changes of the sample but errors add up) or 'mean' (the average of all frames after a first alignment:
   * less noisy; drift is then reported from the mean position).
   */
  reference?: DriftReference;
  /** Sub-pixel precision 1/upsampleFactor px. Default 20. */
  upsampleFactor?: number;
  /** Frames averaged per estimate (Fast4DReg's time averaging); the drift is interpolated between block centres. Default 1. */
  timeAveraging?: number;
  /** Largest drift (px, per axis) considered between compared images (Fast4DReg's max expected drift). Default: no bound. */
  maxDriftPx?: number;
  /** Also estimate z drift (needs a z-stack). Default false. */
  correctZ?: boolean;
  /** Worker threads for the estimation; default all cores for large movies, 1 for small ones. */
  threads?: number;
  onProgress?: (done: number, total: number, label?: string) => void;
  signal?: AbortSignal;
}

export interface DriftRow {
  /** 0-based frame index. */
  t: number;
  dxPx: number;
  dyPx: number;
  /** Present when z drift was estimated. */
  dzPx?: number;
}

export interface DriftEstimate {
  rows: DriftRow[];
  /** 0-based frames whose estimation image was empty (constant); their drift is interpolated from neighbours. */
  emptyFrames: number[];
  /** Largest lateral drift magnitude over the movie, px. */
  maxDriftPx: number;
}

/** Above this many estimation pixels, estimation runs in worker threads. */
const WORKER_THRESHOLD_PX = 1 << 22;

function checkOptions(movie: Movie, options: DriftOptions): Required<Pick<DriftOptions, 'channel' | 'reference' | 'upsampleFactor' | 'timeAveraging' | 'correctZ'>> {
  const { shape } = movie;
  const channel = options.channel ?? 0;
  if (!Number.isInteger(channel) || channel < 0 || channel >= shape.c) {
    throw new InputError(`channel ${channel + 1} does not exist: the movie has ${shape.c} channel(s)`);
  }
  const upsampleFactor = options.upsampleFactor ?? 20;
  if (!Number.isInteger(upsampleFactor) || upsampleFactor < 1 || upsampleFactor > 1000) {
    throw new InputError(`upsampleFactor must be an integer from 1 to 1000, got ${upsampleFactor}`);
  }
  const timeAveraging = options.timeAveraging ?? 1;
  if (!Number.isInteger(timeAveraging) || timeAveraging < 1) throw new InputError(`timeAveraging must be a whole number of frames >= 1, got ${timeAveraging}`);
  if (timeAveraging > shape.t) throw new InputError(`timeAveraging of ${timeAveraging} frames is longer than the movie's ${shape.t} frames`);
  if (options.maxDriftPx !== undefined && !(options.maxDriftPx > 0)) throw new InputError(`maxDriftPx must be a positive number of pixels, got ${options.maxDriftPx}`);
  const correctZ = options.correctZ ?? false;
  if (correctZ && shape.z < 2) {
    throw new InputError(`z drift needs a z-stack, but the movie has ${shape.z} slice: estimate xy drift only (correctZ false)`);
  }
  const reference = options.reference ?? 'first';
  if (!['first', 'previous', 'mean'].includes(reference)) throw new InputError(`reference must be first, previous or mean, got ${reference}`);
  return { channel, reference, upsampleFactor, timeAveraging, correctZ };
}

function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new WorkError('cancelled');
}

/** Images a block of frames is estimated on: XY max projection and (for z) XZ max projection, averaged over the block. */
interface BlockImages {
  xy: Float32Array;
  xz?: Float32Array;
  centreT: number;
}

async function projectionsOfFrame(movie: Movie, t: number, channel: number, withXz: boolean): Promise<{ xy: Float64Array; xz?: Float64Array }> {
  const { z: depth, y: height, x: width } = movie.shape;
  const xy = new Float64Array(height * width).fill(-Infinity);
  const xz = withXz ? new Float64Array(depth * width).fill(-Infinity) : undefined;
  for (let z = 0; z < depth; z++) {
    const plane = await movie.plane(t, z, channel);
    for (let i = 0; i < plane.length; i++) {
      const v = plane[i];
      if (Number.isNaN(v)) throw new InputError(`frame ${t + 1} (z ${z + 1}) has NaN values: replace them (e.g. with 0) before drift correction`);
      if (v > xy[i]) xy[i] = v;
    }
    if (xz) {
      for (let y = 0; y < height; y++)
        for (let x = 0; x < width; x++) {
          const v = plane[y * width + x];
          if (v > xz[z * width + x]) xz[z * width + x] = v;
        }
    }
  }
  return { xy, xz };
}

async function blockImages(movie: Movie, channel: number, framesPerBlock: number, withXz: boolean, options: DriftOptions): Promise<BlockImages[]> {
  const { t: frames } = movie.shape;
  const blocks: BlockImages[] = [];
  for (let start = 0; start < frames; start += framesPerBlock) {
    const end = Math.min(frames, start + framesPerBlock);
    let xySum: Float64Array | undefined;
    let xzSum: Float64Array | undefined;
    for (let t = start; t < end; t++) {
      throwIfAborted(options.signal);
      const { xy, xz } = await projectionsOfFrame(movie, t, channel, withXz);
      xySum = addInto(xySum, xy);
      if (xz) xzSum = addInto(xzSum, xz);
      options.onProgress?.(t + 1, frames, 'reading frames');
    }
    const n = end - start;
    blocks.push({ xy: scaleToFloat32(xySum!, 1 / n), xz: xzSum && scaleToFloat32(xzSum, 1 / n), centreT: (start + end - 1) / 2 });
  }
  return blocks;
}

/** sum + values; the first block image is taken over as the sum (projectionsOfFrame gives fresh arrays). */
function addInto(sum: Float64Array | undefined, values: Float64Array): Float64Array {
  if (!sum) return values;
  for (let i = 0; i < sum.length; i++) sum[i] += values[i];
  return sum;
}

function scaleToFloat32(values: Float64Array, scale: number): Float32Array {
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i] * scale;
  return out;
}

/**
 * The 'mean' template: the average of the images after a first alignment to the first one,
 * so that it is sharp (a plain average of drifting frames is motion-blurred) and less noisy than one frame.
 */
function alignedMeanImage(images: Float32Array[], height: number, width: number, shifts: ShiftEstimate[]): Float32Array {
  const sum = new Float64Array(height * width);
  images.forEach((image, i) => {
    const aligned = translatePlane(image, height, width, shifts[i].dxPx, shifts[i].dyPx, 'bilinear');
    for (let p = 0; p < sum.length; p++) sum[p] += aligned[p];
  });
  return scaleToFloat32(sum, 1 / images.length);
}

interface ShiftRunOptions {
  upsampleFactor: number;
  maxShiftPx?: number;
  normalization?: 'phase' | 'none';
  threads?: number;
  onProgress?: DriftOptions['onProgress'];
  signal?: AbortSignal;
}

/**
 * Shifts (scikit-image convention) of each image against `reference`: a fixed image, or
 * 'previous' to compare each image with the one before it (the first with itself).
 */
async function shiftsOf(images: Float32Array[], height: number, width: number, reference: Float32Array | 'previous', options: ShiftRunOptions): Promise<ShiftEstimate[]> {
  const chain = reference === 'previous';
  const threads = options.threads ?? (images.length * height * width >= WORKER_THRESHOLD_PX ? defaultThreads() : 1);
  // A few tasks per thread so that both cores stay busy to the end
  const taskCount = threads <= 1 ? 1 : Math.min(images.length, threads * 4);
  const tasks: ShiftTask[] = [];
  const perTask = Math.ceil(images.length / taskCount);
  for (let start = 0; start < images.length; start += perTask) {
    const planes = images.slice(start, start + perTask);
    const taskReference = chain ? images[Math.max(0, start - 1)] : reference;
    tasks.push({ height, width, reference: taskReference, planes, chain, upsampleFactor: options.upsampleFactor, maxShiftPx: options.maxShiftPx, normalization: options.normalization });
  }
  let results: ShiftEstimate[][];
  if (threads <= 1) {
    results = [];
    for (const task of tasks) {
      throwIfAborted(options.signal);
      results.push(await estimateShiftsTask(task));
    }
  } else {
    results = await mapInWorkers<ShiftTask, ShiftEstimate[]>(new URL('./drift-kernel.ts', import.meta.url), 'estimateShiftsTask', tasks, {
      threads,
      signal: options.signal,
      onProgress: (done, total) => options.onProgress?.(done, total, 'estimating drift'),
    });
  }
  return results.flat();
}

/** Shifts of every image for the chosen reference ('mean' runs twice: against the first image, then against the aligned mean). */
async function shiftsForReference(images: Float32Array[], height: number, width: number, reference: DriftReference, options: ShiftRunOptions): Promise<ShiftEstimate[]> {
  if (reference === 'previous') return shiftsOf(images, height, width, 'previous', options);
  const againstFirst = await shiftsOf(images, height, width, images[0], options);
  if (reference === 'first') return againstFirst;
  return shiftsOf(images, height, width, alignedMeanImage(images, height, width, againstFirst), options);
}

/** Drift (sample displacement) of each image from the shifts: negated, accumulated for 'previous'. */
function driftFromShifts(shifts: number[], reference: DriftReference): number[] {
  const drift = shifts.map((s) => 0 - s); // 0 - s, not -s: no negative zeros in the table
  if (reference === 'previous') for (let i = 1; i < drift.length; i++) drift[i] += drift[i - 1];
  return drift;
}

/** Linear interpolation of (x, y) samples at `at`, constant beyond the ends. */
function interpolate(xs: number[], ys: number[], at: number): number {
  if (at <= xs[0]) return ys[0];
  if (at >= xs[xs.length - 1]) return ys[ys.length - 1];
  let i = 1;
  while (xs[i] < at) i++;
  const f = (at - xs[i - 1]) / (xs[i] - xs[i - 1]);
  return ys[i - 1] * (1 - f) + ys[i] * f;
}

/** Estimates the drift of every frame (see the module comment for the convention). */
export async function estimateDrift(movie: Movie, options: DriftOptions = {}): Promise<DriftEstimate> {
  const { channel, reference, upsampleFactor, timeAveraging, correctZ } = checkOptions(movie, options);
  const { shape } = movie;
  if (shape.t === 1) {
    // A single frame has nothing to drift from: zero drift, documented rather than an error
    return { rows: [{ t: 0, dxPx: 0, dyPx: 0, ...(correctZ ? { dzPx: 0 } : {}) }], emptyFrames: [], maxDriftPx: 0 };
  }
  const blocks = await blockImages(movie, channel, timeAveraging, correctZ, options);
  const valid = blocks.filter((b) => !isFlat(b.xy));
  if (valid.length === 0) throw new InputError(`every frame of channel ${channel + 1} is empty (constant): there is nothing to estimate drift from`);
  if (reference === 'first' && valid[0] !== blocks[0]) {
    throw new InputError(`the first frame of channel ${channel + 1} is empty (constant): use reference "mean" or "previous", or start from a later frame`);
  }
  const common = { upsampleFactor, maxShiftPx: options.maxDriftPx, threads: options.threads, onProgress: options.onProgress, signal: options.signal };
  const xyShifts = await shiftsForReference(valid.map((b) => b.xy), shape.y, shape.x, reference, common);
  const centres = valid.map((b) => b.centreT);
  const dx = driftFromShifts(xyShifts.map((s) => s.dxPx), reference);
  const dy = driftFromShifts(xyShifts.map((s) => s.dyPx), reference);
  let dz: number[] | undefined;
  if (correctZ) {
    // Correlation of XZ images gives (dz, dx); dx is already known from XY, and a lateral
    // shift does not change the dz estimate, so XY need not be corrected first. Along z the
    // profiles are smooth and the stack short, so plain cross-correlation (as NanoJ/Fast4DReg)
    // is used: whitening would weigh the stack's ends more than its content.
    const xzShifts = await shiftsForReference(valid.map((b) => b.xz!), shape.z, shape.x, reference, { ...common, threads: 1, normalization: 'none' });
    dz = driftFromShifts(xzShifts.map((s) => s.dyPx), reference);
  }
  const rows: DriftRow[] = [];
  let maxDriftPx = 0;
  for (let t = 0; t < shape.t; t++) {
    const row: DriftRow = { t, dxPx: interpolate(centres, dx, t), dyPx: interpolate(centres, dy, t) };
    if (dz) row.dzPx = interpolate(centres, dz, t);
    maxDriftPx = Math.max(maxDriftPx, Math.hypot(row.dxPx, row.dyPx));
    rows.push(row);
  }
  const emptyFrames: number[] = [];
  blocks.forEach((b, i) => {
    if (!valid.includes(b)) for (let t = i * timeAveraging; t < Math.min(shape.t, (i + 1) * timeAveraging); t++) emptyFrames.push(t);
  });
  return { rows, emptyFrames, maxDriftPx };
}

/** The drift as a tidy table: t (0-based), dx_px, dy_px [, dz_px]. */
export function driftTable(rows: DriftRow[]): Table {
  const hasZ = rows.some((r) => r.dzPx !== undefined);
  return {
    columns: hasZ ? ['t', 'dx_px', 'dy_px', 'dz_px'] : ['t', 'dx_px', 'dy_px'],
    rows: rows.map((r) => {
      const row: Record<string, number> = { t: r.t, dx_px: r.dxPx, dy_px: r.dyPx };
      if (hasZ) row.dz_px = r.dzPx ?? 0;
      return row;
    }),
  };
}

export interface ApplyOptions {
  interpolation?: Interpolation;
  onProgress?: (done: number, total: number, label?: string) => void;
  signal?: AbortSignal;
}

/**
 * Writes `movie` shifted by -offset(t, c) to `outputPath`, plane by plane (ImageJ order),
 * in the input's dtype. `offset` gives the displacement to remove for a frame and channel.
 */
export async function writeTranslated(
  movie: Movie,
  outputPath: string,
  offset: (t: number, c: number) => { dxPx: number; dyPx: number; dzPx?: number },
  options: ApplyOptions = {},
): Promise<void> {
  const { shape } = movie;
  const writer = await createMovieWriter(outputPath, { shape, dtype: movie.dtype, meta: movie.meta });
  const total = shape.t * shape.z * shape.c;
  try {
    for (let t = 0; t < shape.t; t++) {
      throwIfAborted(options.signal);
      const stacks = await translatedFrame(movie, shape, t, offset, options.interpolation ?? 'bilinear');
      for (let z = 0; z < shape.z; z++)
        for (let c = 0; c < shape.c; c++) {
          await writer.writePlane(castPlane(stacks[c][z], movie.dtype));
        }
      options.onProgress?.(writer.planesWritten, total, 'writing corrected movie');
    }
  } catch (err) {
    await writer.abort();
    throw err;
  }
  await writer.close();
}

async function translatedFrame(
  movie: Movie,
  shape: Shape,
  t: number,
  offset: (t: number, c: number) => { dxPx: number; dyPx: number; dzPx?: number },
  interpolation: Interpolation,
): Promise<Float64Array[][]> {
  const stacks: Float64Array[][] = [];
  for (let c = 0; c < shape.c; c++) {
    const planes = [];
    for (let z = 0; z < shape.z; z++) planes.push(await movie.plane(t, z, c));
    const d = offset(t, c);
    stacks.push(translateStack(planes, shape.y, shape.x, { dxPx: -d.dxPx, dyPx: -d.dyPx, dzPx: -(d.dzPx ?? 0) }, interpolation));
  }
  return stacks;
}

export interface CorrectDriftResult extends DriftEstimate {
  outputPath: string;
}

/** Estimates the drift and writes the corrected movie (every channel shifted by the estimate). */
export async function correctDrift(movie: Movie, outputPath: string, options: DriftOptions & ApplyOptions = {}): Promise<CorrectDriftResult> {
  const estimate = await estimateDrift(movie, options);
  await writeTranslated(movie, outputPath, (t) => estimate.rows[t], options);
  return { ...estimate, outputPath };
}

export interface ChannelOffset {
  /** 0-based channel. */
  channel: number;
  /** Displacement of this channel's content from the reference channel's, px (removed by the correction). */
  dxPx: number;
  dyPx: number;
}

export interface AlignChannelsOptions extends ApplyOptions {
  /** 0-based reference channel. Default 0. */
  referenceChannel?: number;
  /** 0-based inclusive frame range averaged for the estimate. Default all frames. */
  frames?: [number, number];
  upsampleFactor?: number;
}

/**
 * Estimates the fixed offset of every channel from the reference channel (phase correlation of
 * the channels' time-averaged maximum projections) and writes the movie with the offsets removed.
 */
export async function alignChannels(movie: Movie, outputPath: string, options: AlignChannelsOptions = {}): Promise<ChannelOffset[]> {
  const { shape } = movie;
  const reference = options.referenceChannel ?? 0;
  if (shape.c < 2) throw new InputError(`channel alignment needs at least 2 channels, the movie has ${shape.c}`);
  if (!Number.isInteger(reference) || reference < 0 || reference >= shape.c) {
    throw new InputError(`reference channel ${reference + 1} does not exist: the movie has ${shape.c} channels`);
  }
  const [first, last] = options.frames ?? [0, shape.t - 1];
  const images: Float32Array[] = [];
  for (let c = 0; c < shape.c; c++) {
    let sum: Float64Array | undefined;
    for (let t = first; t <= last; t++) {
      throwIfAborted(options.signal);
      sum = addInto(sum, (await projectionsOfFrame(movie, t, c, false)).xy);
    }
    const image = scaleToFloat32(sum!, 1 / (last - first + 1));
    if (isFlat(image)) throw new InputError(`channel ${c + 1} is empty (constant) over the chosen frames: nothing to align`);
    images.push(image);
  }
  const shifts = await shiftsOf(images, shape.y, shape.x, images[reference], { upsampleFactor: options.upsampleFactor ?? 20, threads: 1 });
  const offsets = shifts.map((s, channel) => ({ channel, dxPx: 0 - s.dxPx, dyPx: 0 - s.dyPx }));
  await writeTranslated(movie, outputPath, (_t, c) => offsets[c], options);
  return offsets;
}

/**
 * A z-stack with one time point seen as a time series (slices become frames), as StackReg
 * registers the slices of a plain stack: multi-page TIFFs without hyperstack metadata often
 * hold a time series in their "slices".
 */
export function slicesAsFrames(movie: Movie): Movie {
  const { shape } = movie;
  if (shape.t !== 1 || shape.z === 1) return movie;
  return {
    shape: { ...shape, t: shape.z, z: 1 },
    dtype: movie.dtype,
    meta: { ...movie.meta, frameIntervalS: movie.meta.frameIntervalS, zStepUm: undefined },
    source: movie.source,
    plane: (t, _z, c) => movie.plane(0, t, c),
    close: () => movie.close(),
  };
}
