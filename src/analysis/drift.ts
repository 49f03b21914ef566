// Drift correction of time-lapse movies, after Fast4DReg (Pylvänäinen et al. 2023,
// doi:10.1242/jcs.260728): the lateral drift is estimated by phase correlation of the
// frames' maximum projections over z (sub-pixel, Guizar-Sicairos upsampled DFT, see
// registration.ts), the axial drift by phase correlation of XZ maximum projections
// (max over y), optionally on time blocks of N averaged frames and within a maximum
// expected drift; the estimate from one channel is applied to every channel.
//
// Cells that move and divide change the image, so a fixed first frame stops being a fair
// reference: by default each frame is compared with a key frame that follows the movie
// (drift-kernel.ts), frames are freed of their background and windowed (Hann), and every
// frame-to-frame increment is checked against the median displacement of matched objects
// (driftObjects.ts, as a biologist checks drift by hand). Where the two disagree the objects
// win; where neither can be trusted the increment is interpolated and the frame reported as
// unsure, rather than applying a wild shift.
//
// Speed: frames are read and registered in runs on the main thread and worker threads
// (drift-runs.ts; the same runs whatever the thread count, so the same table), each frame
// transformed once in single precision by SIMD WebAssembly (fft-simd.ts), as scikit-image
// does on float32 frames.
//
// Drift convention (as the simulator's drift.csv): a point at (x, y, z) in the reference
// appears at (x + dx, y + dy, z + dz) in frame t, so correcting shifts frame t by -drift.
import { allocatePlane, type Movie, type PlaneData, type Shape } from '../image/movie.ts';
import { createMovieWriter } from '../image/writer.ts';
import { InputError, WorkError } from '../errors.ts';
import type { Table } from './table.ts';
import { isFlat } from './registration.ts';
import { SIGNIFICANT_PEAK_SD, type Link, type LinkMode } from './drift-kernel.ts';
import { linksOf, type BlockImages, type FixedReference, type ImageSource, type LinkRunOptions } from './drift-runs.ts';
import { objectShift, type FrameObjects, type ObjectShift } from './driftObjects.ts';
import { castPlane, translatePlane, translateStack, type Interpolation } from './resample.ts';
import { median, upperMedianOf } from './quickselect.ts';
import { tooUnsure } from './drift-decline.ts';

export type DriftReference = 'follow' | 'first' | 'previous' | 'mean';

export interface DriftOptions {
  /** 0-based channel the drift is estimated on (applied to all). Default 0. */
  channel?: number;
  /**
   * 'follow' (default): a key frame that follows the movie (replaced when the sample no longer looks like it);
   * 'first' (Fast4DReg "first frame"); 'previous' (frame to frame, accumulated: errors add up); 'mean' (the
   * average of all frames after a first alignment: less noisy; drift is then reported from the mean position).
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

/** How a frame's step from the frame before was decided. */
export type StepSource = 'image' | 'objects' | 'interpolated';

export interface UnsureFrame {
  /** 0-based frame. */
  t: number;
  source: StepSource;
  /** Why, in a few words. */
  reason: string;
}

export interface DriftEstimate {
  rows: DriftRow[];
  /** 0-based frames whose estimation image was empty (constant); their drift is interpolated from neighbours. */
  emptyFrames: number[];
  /** Largest lateral drift magnitude over the movie, px. */
  maxDriftPx: number;
  /** Per frame, 0 (guessed) to 1 (image registration confirmed by the objects' median displacement). */
  confidence: number[];
  /** Frames whose step image registration got wrong or nothing could check, with what was done instead. */
  unsureFrames: UnsureFrame[];
  /**
   * The object-based check: steps checked, agreeing, the cells' own motion per frame, the uncertainty it leaves,
   * and whether the nuclei's mean displacement led (image registration strayed from it: cells that move on their own).
   */
  objectCheck: { steps: number; agreed: number; cellMotionPxPerFrame: number; uncertaintyPx: number; objectsLed: boolean };
  /**
   * The test for common motion (hasCommonMotion): the largest drift the checked steps add up to (measuredPx),
   * whether it was applied (false: the steps show no motion beyond their uncertainty, and every row is 0), and
   * that uncertainty accumulated over the movie (uncertaintyPx, per axis). Where the cells move on their own
   * and the stage did not move, the steps' mean wanders by chance: that wander is not applied. Nor is a table
   * declined by drift-decline.ts (tooUnsure): guessed at most of its steps, or sure of them by less than
   * half on average (meanStepConfidence) where image registration and the objects agreed at under a tenth of the
   * steps (confirmedSteps; unsureSteps: steps of confidence 0).
   */
  common: { measuredPx: number; applied: boolean; uncertaintyPx: number; unsureSteps?: number; meanStepConfidence?: number; confirmedSteps?: number; tooUnsure?: boolean };
  /** Where the table was declined (common.tooUnsure): the rows the steps add up to, which were not applied. */
  undeclinedRows?: DriftRow[];
}

/** Image registration and the objects' median displacement agree within this many px (or 3 standard errors). */
const AGREEMENT_PX = 1;
/**
 * Cells whose own motion spreads their frame-to-frame displacements by more than this (SD, px) move on their own;
 * below it the spread is mostly the nuclei's localization noise (0.2-0.3 px on static cells at SNR 20).
 */
const OWN_MOTION_PX = 0.4;
/** Image registration is pulled by the cells when its steps stray from the objects' mean by this many times the variance the objects' own uncertainty explains. */
const PULLED = 2;
/** An object-based step is used when its standard error is at most this (px)... */
const PRECISE_OBJECTS_PX = 0.75;
/**
 * ... and at least this share of the objects' area paired under it (ObjectShift.pairedShare): a motion the field's
 * objects do not share is one cell's, and its pieces, however many, are no independent cells.
 */
const SHARED_BY = 0.3;
/** SD (px) of an image-registration step the objects confirmed (or of a clear correlation peak): well below the objects'. */
const CONFIRMED_SD_PX = 0.05;
/** Variance of the median over that of the mean, for normal samples (pi / 2). */
const MEDIAN_EFFICIENCY = Math.PI / 2;

/**
 * Whether the steps (index 0 is no step) show any common motion at all, beyond their uncertainty (per-step
 * variances, px² per axis). The movie's steps are tested as a whole, then (where the whole shows none) by
 * halves, quarters and so on down to single steps: motion is there once the steps of some window add up to
 * more than their uncertainty allows (a chi-square test with 2 degrees of freedom, at a level shared among all
 * the windows looked at, so that noise alone passes none in 20 movies). A steady drift passes on the whole
 * movie, a jump of the stage in the short windows around it; cells that move on their own while the stage
 * stays put leave their mean displacement a random walk that passes nowhere.
 */
export function hasCommonMotion(steps: { dx: number; dy: number }[], variances: number[]): boolean {
  const n = steps.length - 1;
  if (n < 1) return false;
  // the chi-square tail (2 degrees of freedom) beyond k² is exp(-k² / 2)
  const k2 = 2 * Math.log((2 * n - 1) / 0.05);
  const [sx, sy, variance] = [[0], [0], [0]];
  for (let i = 1; i <= n; i++) sx.push(sx[i - 1] + steps[i].dx), sy.push(sy[i - 1] + steps[i].dy), variance.push(variance[i - 1] + variances[i]);
  // steps a..b-1 (1-based)
  const test = (a: number, b: number): boolean => {
    if ((sx[b - 1] - sx[a - 1]) ** 2 + (sy[b - 1] - sy[a - 1]) ** 2 > k2 * (variance[b - 1] - variance[a - 1])) return true;
    if (b - a === 1) return false;
    const mid = (a + b) >> 1;
    return test(a, mid) || test(mid, b);
  };
  return test(1, n + 1);
}

/** Largest distance from the start of the path that the steps (index 0 is no step) add up to. */
function largestExcursion(dx: number[], dy: number[]): number {
  let [x, y, largest] = [0, 0, 0];
  for (let i = 1; i < dx.length; i++) (x += dx[i]), (y += dy[i]), (largest = Math.max(largest, Math.hypot(x, y)));
  return largest;
}

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
  const reference = options.reference ?? 'follow';
  if (!['follow', 'first', 'previous', 'mean'].includes(reference)) throw new InputError(`reference must be follow, first, previous or mean, got ${reference}`);
  return { channel, reference, upsampleFactor, timeAveraging, correctZ };
}

function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new WorkError('cancelled');
}

/**
 * Lets the event loop run once, then throws if cancelled. Frames read from a file come back without a
 * macrotask in between, so a Ctrl-C (a SIGINT handler, itself a macrotask) could not abort the signal
 * until the whole loop had run (~13 s on a 782x1200x48 movie): loops over frames call this per frame.
 */
async function yieldThenThrowIfAborted(signal?: AbortSignal): Promise<void> {
  if (!signal) return;
  await new Promise((resolve) => setImmediate(resolve));
  throwIfAborted(signal);
}

/** XY max projection (and XZ, max over y) of one frame, as float64 (-Infinity where nothing was projected yet). */
async function projectionsOfFrame(movie: Movie, t: number, channel: number, withXz: boolean): Promise<{ xy: Float64Array; xz?: Float64Array }> {
  const { z: depth, y: height, x: width } = movie.shape;
  const xy = new Float64Array(height * width).fill(-Infinity);
  const xz = withXz ? new Float64Array(depth * width).fill(-Infinity) : undefined;
  for (let z = 0; z < depth; z++) {
    const plane = await movie.plane(t, z, channel);
    for (let i = 0; i < plane.length; i++) {
      const v = plane[i];
      if (Number.isNaN(v)) throw nanError(t, z);
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

const nanError = (t: number, z: number) => new InputError(`frame ${t + 1} (z ${z + 1}) has NaN values: replace them (e.g. with 0) before drift correction`);

/**
 * A single 2-D frame as float32 in one pass (the common case: no projection, no averaging), into `out` when given;
 * the file's values are read into `raw` (a plane of the movie's type that the caller owns) where the reader takes it.
 */
async function planeOfFrame(movie: Movie, t: number, channel: number, out?: Float32Array, raw?: PlaneData): Promise<Float32Array> {
  const plane = await movie.plane(t, 0, channel, raw);
  out = out?.length === plane.length ? out : new Float32Array(plane.length);
  // integer planes have no NaN: converted natively (as the loop below would, value for value)
  if (!(plane instanceof Float32Array || plane instanceof Float64Array) && ArrayBuffer.isView(plane)) {
    out.set(plane);
    return out;
  }
  for (let i = 0; i < plane.length; i++) {
    const v = plane[i];
    if (v !== v) throw nanError(t, 0);
    out[i] = v;
  }
  return out;
}

/** The movie as blocks of framesPerBlock frames, each read when asked: max projections averaged over the block. */
function blockSource(movie: Movie, channel: number, framesPerBlock: number, withXz: boolean, options: DriftOptions): ImageSource & { centreT(block: number): number; framesOf(block: number): number[] } {
  const { t: frames, z: depth, y: height, x: width } = movie.shape;
  const range = (block: number) => [block * framesPerBlock, Math.min(frames, (block + 1) * framesPerBlock)];
  let readUpTo = 0;
  // Single frames are read into buffers handed back by release() (a fresh 1 MB plane per frame costs its page
  // faults and zeroing), the file's values through one plane of the movie's type
  const free: Float32Array[] = [];
  let raw: PlaneData | undefined;
  const release = (images: BlockImages) => {
    if (framesPerBlock === 1 && depth === 1 && !withXz && images.xy.length === height * width && !free.includes(images.xy)) free.push(images.xy);
  };
  return {
    count: Math.ceil(frames / framesPerBlock),
    height,
    width,
    depth,
    centreT: (block) => (range(block)[0] + range(block)[1] - 1) / 2,
    framesOf: (block) => Array.from({ length: range(block)[1] - range(block)[0] }, (_, i) => range(block)[0] + i),
    async read(block) {
      const [start, end] = range(block);
      let images: BlockImages;
      if (end - start === 1 && depth === 1 && !withXz) {
        await yieldThenThrowIfAborted(options.signal);
        raw ??= allocatePlane(movie.dtype, height * width);
        images = { xy: await planeOfFrame(movie, start, channel, free.pop(), raw) };
      } else {
        let xySum: Float64Array | undefined;
        let xzSum: Float64Array | undefined;
        for (let t = start; t < end; t++) {
          await yieldThenThrowIfAborted(options.signal);
          const { xy, xz } = await projectionsOfFrame(movie, t, channel, withXz);
          xySum = addInto(xySum, xy);
          if (xz) xzSum = addInto(xzSum, xz);
        }
        images = { xy: scaleToFloat32(xySum!, 1 / (end - start)), xz: xzSum && scaleToFloat32(xzSum, 1 / (end - start)) };
      }
      if (end > readUpTo) options.onProgress?.((readUpTo = end), frames, 'reading frames');
      if (!isFlat(images.xy)) return images;
      release(images);
      return undefined;
    },
    release,
  };
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
 * The 'mean' template: the average of the images after a first alignment (read again, one at a time),
 * so that it is sharp (a plain average of drifting frames is motion-blurred) and less noisy than one frame.
 */
async function alignedMeanImages(source: ImageSource, indices: number[], positions: Position[]): Promise<BlockImages> {
  const { height, width, depth } = source;
  const xy = new Float64Array(height * width);
  let xz: Float64Array | undefined;
  for (let k = 0; k < indices.length; k++) {
    const images = (await source.read(indices[k]))!;
    const p = positions[k];
    const aligned = translatePlane(images.xy, height, width, -p.dxPx, -p.dyPx, 'bilinear');
    for (let i = 0; i < xy.length; i++) xy[i] += aligned[i];
    if (images.xz) {
      xz ??= new Float64Array(depth * width);
      const alignedXz = translatePlane(images.xz, depth, width, -p.dxPx, -p.dzPx, 'bilinear');
      for (let i = 0; i < xz.length; i++) xz[i] += alignedXz[i];
    }
  }
  return { xy: scaleToFloat32(xy, 1 / indices.length), xz: xz && scaleToFloat32(xz, 1 / indices.length) };
}

export interface Position {
  dxPx: number;
  dyPx: number;
  dzPx: number;
}

/** Positions (drift) of every image from links whose keys come earlier (index -1: the fixed reference, at 0). */
function positionsFromLinks(links: Link[], count: number): Position[] {
  const positions: Position[] = new Array(count);
  const byIndex = new Map(links.map((l) => [l.index, l]));
  const at = (i: number): Position => (i < 0 ? { dxPx: 0, dyPx: 0, dzPx: 0 } : positions[i]);
  for (let i = 0; i < count; i++) {
    const link = byIndex.get(i);
    if (!link) {
      positions[i] = { dxPx: 0, dyPx: 0, dzPx: 0 };
      continue;
    }
    const key = at(link.key);
    positions[i] = { dxPx: key.dxPx + link.dxPx, dyPx: key.dyPx + link.dyPx, dzPx: key.dzPx + (link.dzPx ?? 0) };
  }
  return positions;
}


/** The shared median (quickselect.ts), 0 where nothing was measured (a movie of one image has no steps). */
const medianOrZero = (values: number[]): number => (values.length ? median(values) : 0);

/**
 * Whether image registration strays from the objects' mean displacement by more than the objects' own
 * uncertainty explains (mean squared gap against mean squared standard error, per axis): cells that move on
 * their own then pull the whole-image estimate (weighted by brightness, changed by divisions), and their mean
 * is the better estimate of the common motion. Where the two agree that well, image registration (every
 * pixel, no segmentation) stays the more precise one.
 */
function imageIsPulled(steps: { dx: number; dy: number }[], byObjects: (ObjectShift | undefined)[]): boolean {
  // per step, and accumulated (a small steady pull adds up over a movie while each step looks fine)
  let [gap, uncertainty, gapSum, uncertaintySum] = [0, 0, 0, 0];
  let [cx, cy, cv] = [0, 0, 0];
  byObjects.forEach((o, i) => {
    if (!o) return;
    const [gx, gy] = [steps[i].dx - o.dxPx, steps[i].dy - o.dyPx];
    gap += (gx * gx + gy * gy) / 2;
    uncertainty += o.standardErrorPx ** 2;
    [cx, cy, cv] = [cx + gx, cy + gy, cv + o.standardErrorPx ** 2];
    gapSum += (cx * cx + cy * cy) / 2;
    uncertaintySum += cv;
  });
  return gap > PULLED * uncertainty || gapSum > PULLED * uncertaintySum;
}

/** Image registration is not trusted on the steps nothing checked once it disagreed with the objects at more than this share of those they checked. */
const UNRELIABLE_SHARE = 0.5;

/**
 * How far image registration can be trusted where no object checks it, from how it fared where objects did
 * (any objects found, however loosely they pin the step down), and the typical step and the largest plausible
 * departure from it. Both come from the objects' median displacements when at least 3 steps have them: image
 * steps that are noise (large, smooth nuclei whose own motion pulls the correlation, a weak peak) would make
 * any step look typical.
 */
function imageTrust(steps: { dx: number; dy: number }[], byObjects: (ObjectShift | undefined)[]): { typical: { dx: number; dy: number }; implausiblePx: number; checked: number; disagreed: number; unreliable: boolean } {
  const checked = byObjects.flatMap((o, i) => (i > 0 && o ? [{ o, step: steps[i] }] : []));
  const disagreed = checked.filter(({ o, step }) => Math.hypot(step.dx - o.medianDxPx, step.dy - o.medianDyPx) > Math.max(AGREEMENT_PX, 3 * o.standardErrorPx)).length;
  const reference = checked.length >= 3 ? checked.map(({ o }) => ({ dx: o.medianDxPx, dy: o.medianDyPx })) : steps.slice(1);
  const typical = { dx: medianOrZero(reference.map((s) => s.dx)), dy: medianOrZero(reference.map((s) => s.dy)) };
  const deviations = reference.map((s) => Math.hypot(s.dx - typical.dx, s.dy - typical.dy));
  const implausiblePx = Math.max(2, 6 * (medianOrZero(deviations) / 1.1774));
  return { typical, implausiblePx, checked: checked.length, disagreed, unreliable: checked.length >= 3 && disagreed > UNRELIABLE_SHARE * checked.length };
}

/** Positions from the first one and the steps (index 0 is no step); z kept as registered. Image steps add up to the registered positions again (no extra accumulation of error). */
function addedUp(positions: Position[], steps: { dx: number; dy: number }[]): Position[] {
  const out: Position[] = [positions[0]];
  for (let i = 1; i < positions.length; i++) out.push({ dxPx: out[i - 1].dxPx + steps[i].dx, dyPx: out[i - 1].dyPx + steps[i].dy, dzPx: positions[i].dzPx });
  return out;
}

export interface CheckedSteps {
  positions: Position[];
  /** The positions had the decline (drift-decline.ts) not stopped them: equal to positions unless common.tooUnsure. */
  undeclined: Position[];
  confidence: number[];
  sources: StepSource[];
  reasons: string[];
  objectCheck: DriftEstimate['objectCheck'];
  common: DriftEstimate['common'];
}

/** The median of a chi-square with 1 degree of freedom is this share of its mean. */
const CHI2_1_MEDIAN = 0.4549;

/** Robust variance (px² per axis) from squared deviations that are each a chi-square of 1 degree of freedom times it; 0 with fewer than 6. */
function robustVariance(squares: number[]): number {
  return squares.length >= 6 ? median(squares) / CHI2_1_MEDIAN : 0;
}

/**
 * How sure the steps the objects gave are (variance, px² per axis). Their standard error counts only the
 * scatter of the cells' own motion; merged, split and missed nuclei add more. Two measures bound it from
 * above: the scatter from one object step to the next (half the squared successive differences, as von
 * Neumann's estimator), which adds the change of the drift itself (small for a steady drift, the whole step
 * for a drift that wanders as a random walk), and the gap between the object step and image registration's,
 * which adds the registration's own error (small on still cells). The smaller bound is kept.
 */
export function objectStepVariance(steps: { dx: number; dy: number }[], chosen: { dx: number; dy: number }[], sources: StepSource[], byObjects: (ObjectShift | undefined)[]): number {
  const successive: number[] = [];
  const gaps: number[] = [];
  for (let i = 1; i < chosen.length; i++) {
    if (sources[i] !== 'objects') continue;
    if (byObjects[i]) gaps.push((steps[i].dx - chosen[i].dx) ** 2, (steps[i].dy - chosen[i].dy) ** 2);
    if (i >= 2 && sources[i - 1] === 'objects') successive.push((chosen[i].dx - chosen[i - 1].dx) ** 2 / 2, (chosen[i].dy - chosen[i - 1].dy) ** 2 / 2);
  }
  const bounds = [successive, gaps].filter((squares) => squares.length >= 6).map(robustVariance);
  return bounds.length ? Math.min(...bounds) : 0;
}

/**
 * Checks every step (position change from the image before) of image registration against the median
 * displacement of matched objects, and the steps no object could check against the movie's typical
 * step: a disagreeing step takes the objects' value, an implausible weak one the typical step.
 */
export function checkSteps(positions: Position[], links: Link[], objects: FrameObjects[]): CheckedSteps {
  const count = positions.length;
  const peakOf = new Map(links.map((l) => [l.index, l.peakSd]));
  const steps = positions.map((p, i) => (i === 0 ? { dx: 0, dy: 0 } : { dx: p.dxPx - positions[i - 1].dxPx, dy: p.dyPx - positions[i - 1].dyPx }));
  const imageTypical = { dx: medianOrZero(steps.slice(1).map((s) => s.dx)), dy: medianOrZero(steps.slice(1).map((s) => s.dy)) };
  const confidence = [1];
  const sources: StepSource[] = ['image'];
  const reasons = [''];
  const chosen = [{ dx: 0, dy: 0 }];
  const all: (ObjectShift | undefined)[] = positions.map((_, i) =>
    i === 0 || !objects[i - 1] || !objects[i] ? undefined : objectShift(objects[i - 1], objects[i], [[steps[i].dx, steps[i].dy], [0, 0], [imageTypical.dx, imageTypical.dy]]),
  );
  const trust = imageTrust(steps, all);
  const { typical, implausiblePx } = trust;
  // Few objects moving every which way (or paired wrongly) cannot pin the common motion down: they only veto
  const byObjects = all.map((o) => (o && o.standardErrorPx <= PRECISE_OBJECTS_PX && o.pairedShare >= SHARED_BY ? o : undefined));
  // Per step and axis, the variance (px²) of the step chosen: what the test for common motion weighs it by
  const variances = [0];
  const precise = byObjects.filter((o): o is ObjectShift => o !== undefined);
  const cellMotionPxPerFrame = medianOrZero(precise.map((o) => o.spreadPx));
  // Cells that move on their own pull whole-image registration (weighted by brightness, changed by divisions);
  // the median of matched objects is then the better estimate of the common motion
  const objectsFirst = cellMotionPxPerFrame > OWN_MOTION_PX && imageIsPulled(steps, byObjects);
  let agreed = 0;
  for (let i = 1; i < count; i++) {
    const step = steps[i];
    const peakSd = peakOf.get(i) ?? 0;
    const o = byObjects[i];
    if (o) {
      const gap = Math.hypot(step.dx - o.medianDxPx, step.dy - o.medianDyPx);
      const agrees = gap <= Math.max(AGREEMENT_PX, 3 * o.standardErrorPx);
      if (agrees) agreed++;
      const byNuclei = objectsFirst ? { dx: o.dxPx, dy: o.dyPx } : { dx: o.medianDxPx, dy: o.medianDyPx };
      if (agrees && !objectsFirst) {
        chosen.push(step), sources.push('image'), reasons.push(''), confidence.push(1), variances.push(CONFIRMED_SD_PX ** 2);
      } else {
        variances.push((objectsFirst ? 1 : MEDIAN_EFFICIENCY) * o.standardErrorPx ** 2);
        // Moving cells: their mean displacement is the common motion; a disagreement on a still scene is
        // settled by the median (a wrong pairing or two must not decide it)
        chosen.push(byNuclei);
        sources.push('objects');
        // When cells move on their own the objects lead anyway: a disagreement is then no doubt about the step
        reasons.push(
          agrees || objectsFirst
            ? ''
            : `image registration (${fmt(step.dx)}, ${fmt(step.dy)} px) disagreed with the median displacement of ${o.matched} matched objects (${fmt(o.medianDxPx)}, ${fmt(o.medianDyPx)} px)`,
        );
        confidence.push(Math.max(0.3, Math.min(1, o.matched / 10, 0.25 / Math.max(o.standardErrorPx, 1e-6))) * (agrees ? 1 : 0.6));
      }
      continue;
    }
    const peakConfidence = Math.min(1, peakSd / (2 * SIGNIFICANT_PEAK_SD));
    const loose = all[i];
    if (!loose && trust.unreliable) {
      // Where image registration got most of the checked steps wrong, an unchecked step of it is no better
      chosen.push(typical);
      sources.push('interpolated');
      reasons.push(
        `image registration disagreed with the objects at ${trust.disagreed} of the ${trust.checked} steps they could check, and nothing checked this one (${fmt(step.dx)}, ${fmt(step.dy)} px); the objects' typical step (${fmt(typical.dx)}, ${fmt(typical.dy)} px) was used`,
      );
      confidence.push(0);
      variances.push(Math.max(1, (implausiblePx / 3) ** 2));
    } else if (loose && Math.hypot(step.dx - loose.medianDxPx, step.dy - loose.medianDyPx) > Math.max(AGREEMENT_PX, 3 * loose.standardErrorPx)) {
      // The objects found move too much on their own to pin the step down, but enough to rule this one out
      chosen.push({ dx: loose.medianDxPx, dy: loose.medianDyPx });
      sources.push('objects');
      reasons.push(`image registration (${fmt(step.dx)}, ${fmt(step.dy)} px) disagreed with the median displacement of ${loose.matched} matched objects (${fmt(loose.medianDxPx)}, ${fmt(loose.medianDyPx)} px, ±${fmt(loose.standardErrorPx)} px)`);
      confidence.push(0);
      variances.push(MEDIAN_EFFICIENCY * loose.standardErrorPx ** 2);
    } else if (loose && loose.pairedShare < SHARED_BY) {
      // Image registration followed a motion most of the objects do not share (one large cell's, found as
      // many pieces): no common motion confirmed the step, however clear its correlation peak
      chosen.push(step);
      sources.push('image');
      reasons.push(`image registration's step (${fmt(step.dx)}, ${fmt(step.dy)} px) moves only ${Math.round(100 * loose.pairedShare)}% of the objects' area (the others move their own ways)`);
      confidence.push(0);
      variances.push(Math.max(1, MEDIAN_EFFICIENCY * loose.standardErrorPx ** 2));
    } else if (Math.hypot(step.dx - typical.dx, step.dy - typical.dy) > implausiblePx && peakSd < 2 * SIGNIFICANT_PEAK_SD) {
      chosen.push(typical);
      sources.push('interpolated');
      reasons.push(`a step of (${fmt(step.dx)}, ${fmt(step.dy)} px) with a weak correlation peak and no objects to check it; the movie's typical step was used`);
      confidence.push(0);
      variances.push(Math.max(1, (implausiblePx / 3) ** 2));
    } else {
      chosen.push(step), sources.push('image'), reasons.push(''), confidence.push(peakConfidence);
      // an unchecked step is as sure as its correlation peak is clear of the noise
      variances.push((CONFIRMED_SD_PX / Math.max(peakConfidence, 0.05)) ** 2);
    }
  }
  // Only the motion the steps agree on beyond their uncertainty is applied (the rest is the cells' own)
  const objectVariance = objectStepVariance(steps, chosen, sources, byObjects);
  for (let i = 1; i < count; i++) if (sources[i] === 'objects') variances[i] = Math.max(variances[i], objectVariance);
  // A table too unsure to apply (drift-decline.ts) is no correction: nothing is applied, and the answer says why
  // (each row adds up every step before it, so guessed and loosely pinned steps carry their error into every later row)
  const unsureSteps = confidence.slice(1).filter((c) => c === 0).length;
  const meanStepConfidence = count > 1 ? confidence.slice(1).reduce((a, c) => a + c, 0) / (count - 1) : 1;
  const declined = tooUnsure({ steps: count - 1, unsureSteps, meanStepConfidence, bothMeasured: precise.length, confirmedSteps: agreed });
  const moved = hasCommonMotion(chosen, variances);
  // the table the steps add up to, had the decline not stopped it (what a declined answer withholds)
  const undeclined = addedUp(positions, moved ? chosen : chosen.map(() => ({ dx: 0, dy: 0 })));
  const out = declined ? addedUp(positions, chosen.map(() => ({ dx: 0, dy: 0 }))) : undeclined;
  const measuredPx = largestExcursion(chosen.map((c) => c.dx), chosen.map((c) => c.dy));
  return {
    positions: out,
    undeclined,
    confidence,
    sources,
    reasons,
    objectCheck: {
      steps: precise.length,
      agreed,
      cellMotionPxPerFrame,
      uncertaintyPx: Math.sqrt(precise.reduce((sum, o) => sum + o.standardErrorPx ** 2, 0)),
      objectsLed: objectsFirst,
    },
    common: { measuredPx, applied: moved && !declined, uncertaintyPx: Math.sqrt(variances.reduce((a, v) => a + v, 0)), unsureSteps, meanStepConfidence, confirmedSteps: agreed, tooUnsure: declined },
  };
}

const fmt = (v: number) => String(Number(v.toFixed(2)));

/** Linear interpolation of (x, y) samples at `at`, constant beyond the ends. */
function interpolate(xs: number[], ys: number[], at: number): number {
  if (at <= xs[0]) return ys[0];
  if (at >= xs[xs.length - 1]) return ys[ys.length - 1];
  let i = 1;
  while (xs[i] < at) i++;
  const f = (at - xs[i - 1]) / (xs[i] - xs[i - 1]);
  return ys[i - 1] * (1 - f) + ys[i] * f;
}

/** Links whose images are among `indices`, renumbered to their place there. */
function renumberedLinks(links: Link[], indices: number[]): Link[] {
  const place = new Map(indices.map((index, k) => [index, k]));
  return links.filter((l) => place.has(l.index)).map((l) => ({ ...l, index: place.get(l.index)! }));
}

interface Estimated {
  /** Per image of the source (empty images at 0). */
  positions: Position[];
  links: Link[];
  objects: FrameObjects[];
  empty: Set<number>;
}

/** Positions of every image for the chosen reference ('mean' runs twice: following the movie, then against the aligned mean). */
async function positionsForReference(source: ImageSource, reference: DriftReference, channel: number, options: LinkRunOptions): Promise<Estimated> {
  const mode: LinkMode = reference === 'first' ? 'fixed' : reference === 'previous' ? 'chain' : 'follow';
  let fixed: FixedReference | undefined;
  if (reference === 'first') {
    const first = await source.read(0);
    if (!first) throw new InputError(`the first frame of channel ${channel + 1} is empty (constant): use reference "follow" or "previous", or start from a later frame`);
    fixed = { images: first, index: 0 };
  }
  const first = await linksOf(source, mode, fixed, true, options);
  const positions = positionsFromLinks(first.links, source.count);
  const valid = positions.map((_, i) => i).filter((i) => !first.empty.has(i));
  if (reference !== 'mean' || valid.length === 0) return { positions, ...first };
  const checked = checkSteps(valid.map((i) => positions[i]), renumberedLinks(first.links, valid), valid.map((i) => first.objects[i])).positions;
  const template = await alignedMeanImages(source, valid, checked);
  const second = await linksOf(source, 'fixed', { images: template, index: -1 }, false, options);
  return { positions: positionsFromLinks(second.links, source.count), links: second.links, objects: first.objects, empty: first.empty };
}

/** Estimates the drift of every frame (see the module comment for the convention). */
export async function estimateDrift(movie: Movie, options: DriftOptions = {}): Promise<DriftEstimate> {
  const { channel, reference, upsampleFactor, timeAveraging, correctZ } = checkOptions(movie, options);
  const { shape } = movie;
  if (shape.t === 1) {
    // A single frame has nothing to drift from: zero drift, documented rather than an error
    return {
      rows: [{ t: 0, dxPx: 0, dyPx: 0, ...(correctZ ? { dzPx: 0 } : {}) }],
      emptyFrames: [],
      maxDriftPx: 0,
      confidence: [1],
      unsureFrames: [],
      objectCheck: { steps: 0, agreed: 0, cellMotionPxPerFrame: 0, uncertaintyPx: 0, objectsLed: false },
      common: { measuredPx: 0, applied: true, uncertaintyPx: 0 },
    };
  }
  const source = blockSource(movie, channel, timeAveraging, correctZ, options);
  const common = { upsampleFactor, maxShiftPx: options.maxDriftPx, threads: options.threads, onProgress: options.onProgress, signal: options.signal };
  const estimated = await positionsForReference(source, reference, channel, common);
  const valid = estimated.positions.map((_, i) => i).filter((i) => !estimated.empty.has(i));
  if (valid.length === 0) throw new InputError(`every frame of channel ${channel + 1} is empty (constant): there is nothing to estimate drift from`);
  // Frames that do not resemble the movie (a flash, a blank, defocus) are left out and their drift interpolated
  const outliers = new Set(estimated.links.filter((l) => !l.resembles && l.index >= 0).map((l) => l.index));
  const kept = valid.filter((i) => !outliers.has(i));
  const checked = checkSteps(kept.map((i) => estimated.positions[i]), renumberedLinks(estimated.links, kept), kept.map((i) => estimated.objects[i]));
  const centres = kept.map((i) => source.centreT(i));
  // 'mean' reports drift from the mean position; the others from the first image
  const rows = rowsPerFrame(checked.positions, centres, shape.t, correctZ);
  const maxDriftPx = rows.reduce((m, r) => Math.max(m, Math.hypot(r.dxPx, r.dyPx)), 0);
  const confidence = rows.map((_, t) => (centres.length ? checked.confidence[nearestIndex(centres, t)] : 0));
  const emptyFrames = [...estimated.empty].sort((a, b) => a - b).flatMap((i) => source.framesOf(i));
  const unsureFrames: UnsureFrame[] = [];
  checked.sources.forEach((source, k) => {
    if (checked.reasons[k]) unsureFrames.push({ t: Math.round(centres[k]), source, reason: checked.reasons[k] });
  });
  for (const i of outliers) {
    const t = Math.round(source.centreT(i));
    confidence[t] = 0;
    unsureFrames.push({ t, source: 'interpolated', reason: 'the frame does not resemble the frames around it (blank, flash or out of focus); its drift was interpolated from its neighbours' });
  }
  unsureFrames.sort((a, b) => a.t - b.t);
  const undeclined = checked.common.tooUnsure ? { undeclinedRows: rowsPerFrame(checked.undeclined, centres, shape.t, correctZ) } : {};
  return { rows, emptyFrames, maxDriftPx, confidence, unsureFrames, objectCheck: checked.objectCheck, common: checked.common, ...undeclined };
}

/** One row per frame from the positions of the images centred at `centres` (interpolated between them). */
function rowsPerFrame(positions: Position[], centres: number[], frames: number, withZ: boolean): DriftRow[] {
  const [dx, dy, dz] = [positions.map((p) => p.dxPx), positions.map((p) => p.dyPx), positions.map((p) => p.dzPx)];
  return Array.from({ length: frames }, (_, t) => ({ t, dxPx: interpolate(centres, dx, t), dyPx: interpolate(centres, dy, t), ...(withZ ? { dzPx: interpolate(centres, dz, t) } : {}) }));
}

function nearestIndex(sorted: number[], at: number): number {
  let best = 0;
  for (let i = 1; i < sorted.length; i++) if (Math.abs(sorted[i] - at) < Math.abs(sorted[best] - at)) best = i;
  return best;
}

/**
 * Share of the field (0..1) that some frame lost to the correction: outside the region every corrected
 * frame still covers. The corrected frames are filled with each plane's median there (fillUncovered).
 */
export function fieldLost(rows: DriftRow[], height: number, width: number): number {
  const xs = rows.map((r) => r.dxPx);
  const ys = rows.map((r) => r.dyPx);
  const keptX = Math.max(0, width - (Math.max(...xs) - Math.min(...xs)));
  const keptY = Math.max(0, height - (Math.max(...ys) - Math.min(...ys)));
  return 1 - (keptX * keptY) / (width * height);
}

/**
 * The drift as a tidy table: t (0-based), dx_px, dy_px [, dz_px], and, given the estimate's per-frame confidence,
 * confidence (0: the frame's step was guessed, 1: image registration confirmed by the objects' displacement).
 */
export function driftTable(rows: DriftRow[], confidence?: number[]): Table {
  const hasZ = rows.some((r) => r.dzPx !== undefined);
  if (confidence && confidence.length !== rows.length) throw new InputError(`the drift table has ${rows.length} rows but ${confidence.length} confidences`);
  return {
    columns: [...(hasZ ? ['t', 'dx_px', 'dy_px', 'dz_px'] : ['t', 'dx_px', 'dy_px']), ...(confidence ? ['confidence'] : [])],
    rows: rows.map((r, t) => {
      const row: Record<string, number> = { t: r.t, dx_px: r.dxPx, dy_px: r.dyPx };
      if (hasZ) row.dz_px = r.dzPx ?? 0;
      if (confidence) row.confidence = confidence[t];
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
      await yieldThenThrowIfAborted(options.signal);
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
    const shifted = translateStack(planes, shape.y, shape.x, { dxPx: -d.dxPx, dyPx: -d.dyPx, dzPx: -(d.dzPx ?? 0) }, interpolation);
    for (let z = 0; z < shape.z; z++) fillUncovered(shifted[z], shape.y, shape.x, -d.dxPx, -d.dyPx, upperMedianOf(planes[z]));
    stacks.push(shifted);
  }
  return stacks;
}

/**
 * Sets the pixels of a plane translated by (shiftXPx, shiftYPx) that no input pixel covers (or only
 * partly, blended with the outside) to `level`. Filled with 0, such borders pull every threshold and
 * background estimate of a later segmentation down (a quarter of a small field is often lost), so
 * they are filled with the plane's own background level instead.
 */
export function fillUncovered(plane: Float64Array, height: number, width: number, shiftXPx: number, shiftYPx: number, level: number): void {
  const uncoveredX = (x: number) => x < shiftXPx || x > width - 1 + shiftXPx;
  const uncoveredY = (y: number) => y < shiftYPx || y > height - 1 + shiftYPx;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    if (uncoveredY(y)) {
      plane.fill(level, row, row + width);
      continue;
    }
    for (let x = 0; x < width; x++) if (uncoveredX(x)) plane[row + x] = level;
  }
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
      await yieldThenThrowIfAborted(options.signal);
      sum = addInto(sum, (await projectionsOfFrame(movie, t, c, false)).xy);
    }
    const image = scaleToFloat32(sum!, 1 / (last - first + 1));
    if (isFlat(image)) throw new InputError(`channel ${c + 1} is empty (constant) over the chosen frames: nothing to align`);
    images.push(image);
  }
  const channels: ImageSource = { count: shape.c, height: shape.y, width: shape.x, depth: 1, read: async (c) => ({ xy: images[c] }) };
  const { links } = await linksOf(channels, 'fixed', { images: { xy: images[reference] }, index: reference }, false, { upsampleFactor: options.upsampleFactor ?? 20, threads: 1 });
  const byChannel = new Map(links.map((l) => [l.index, l]));
  const offsets = images.map((_, channel) => ({ channel, dxPx: channel === reference ? 0 : byChannel.get(channel)!.dxPx, dyPx: channel === reference ? 0 : byChannel.get(channel)!.dyPx }));
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
