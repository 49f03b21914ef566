// Background subtraction by a rolling ball (Sternberg 1983, doi:10.1109/MC.1983.1654163), as
// Fiji's Process > Subtract Background: a ball of radius r rolled under the intensity surface
// of each plane; the background is the top of the space the ball reaches (a grey-scale opening
// with a ball). Its first half, the ball's top when raised under each pixel until it touches the
// image, is scikit-image's restoration.rolling_ball (ballErosion, checked against it); the second
// half lets the ball's surface reach into the corners between objects as ImageJ's does, so the
// background lies closer to the image and never above it. A ball over 10 px rolls on a shrunk
// plane, as in ImageJ's RollingBall (shrinkFactor). Planes are processed one at a time
// on worker threads and streamed to the output, so memory stays at a few planes per thread.
import { InputError, WorkError } from '../errors.ts';
import { createMovieWriter } from '../image/writer.ts';
import type { DType, Movie, PlaneData } from '../image/movie.ts';
import { defaultThreads, mapInWorkers } from '../parallel/pool.ts';
import { castPlane } from './resample.ts';
import { estimateObjectScale } from './object-size.ts';

/** Fiji's Subtract Background default ball radius, pixels (used when the objects' size is unknown). */
export const FIJI_DEFAULT_RADIUS_PX = 50;
/**
 * A ball this many times the objects' radius rolls around them rather than into them (Fiji's advice:
 * at least the radius of the largest object that is not background; objects vary, so a margin).
 */
export const RADIUS_PER_OBJECT_RADIUS = 3;
/** Smallest ball derived from the object size: below it the ball follows the noise grain. */
const MIN_DERIVED_RADIUS_PX = 5;
/** Largest ball radius accepted, pixels (the kernel's cost grows with its area). */
export const MAX_RADIUS_PX = 500;

export interface BallKernel {
  radiusPx: number;
  /** Half-height of the kernel, ceil(radius). */
  reach: number;
  /** Per row offset dy (index dy + reach): half-width of the ball's chord, pixels. */
  halfWidth: Int32Array;
  /** Per row offset: how far the ball's surface lies below its top, r - sqrt(r² - dx² - dy²), for dx = -halfWidth..halfWidth. */
  drop: Float64Array[];
}

/** The ball's surface below its top at every offset inside it (skimage's ball_kernel: offsets with dx² + dy² <= r²). */
export function ballKernel(radiusPx: number): BallKernel {
  if (!(radiusPx > 0) || radiusPx > MAX_RADIUS_PX) throw new InputError(`the ball radius must be above 0 and at most ${MAX_RADIUS_PX} px, got ${radiusPx}`);
  const reach = Math.ceil(radiusPx);
  const r2 = radiusPx * radiusPx;
  const halfWidth = new Int32Array(2 * reach + 1);
  const drop: Float64Array[] = [];
  for (let dy = -reach; dy <= reach; dy++) {
    const w = dy * dy <= r2 ? Math.floor(Math.sqrt(r2 - dy * dy) + 1e-9) : -1;
    halfWidth[dy + reach] = w;
    const row = new Float64Array(Math.max(0, 2 * w + 1));
    for (let dx = -w; dx <= w; dx++) row[dx + w] = radiusPx - Math.sqrt(Math.max(0, r2 - dx * dx - dy * dy));
    drop.push(row);
  }
  return { radiusPx, reach, halfWidth, drop };
}

/**
 * The ball's top under every pixel: min over the ball's offsets d inside the plane of value(p + d) + drop(d)
 * (skimage.restoration.rolling_ball, before its cast to the input's type).
 */
export function ballErosion(values: Float64Array, width: number, height: number, ball: BallKernel): Float64Array {
  return rollBall(values, width, height, ball, 1);
}

/** The top of the union of balls whose tops are `tops`: max over offsets d of tops(p + d) - drop(d). */
export function ballDilation(tops: Float64Array, width: number, height: number, ball: BallKernel): Float64Array {
  return rollBall(tops, width, height, ball, -1);
}

/** sign 1: min of v + drop (erosion); sign -1: max of v - drop, computed as -min(-v + drop). */
function rollBall(values: Float64Array, width: number, height: number, ball: BallKernel, sign: 1 | -1): Float64Array {
  const source = sign === 1 ? values : values.map((v) => -v);
  const out = new Float64Array(width * height).fill(Infinity);
  const { reach, halfWidth, drop } = ball;
  for (let y = 0; y < height; y++) {
    const outRow = y * width;
    for (let dy = Math.max(-reach, -y); dy <= Math.min(reach, height - 1 - y); dy++) {
      const w = halfWidth[dy + reach];
      if (w < 0) continue;
      const g = drop[dy + reach];
      const srcRow = (y + dy) * width;
      for (let x = 0; x < width; x++) {
        const lo = Math.max(-w, -x);
        const hi = Math.min(w, width - 1 - x);
        let m = out[outRow + x];
        const base = srcRow + x;
        for (let dx = lo; dx <= hi; dx++) {
          const v = source[base + dx] + g[dx + w];
          if (v < m) m = v;
        }
        out[outRow + x] = m;
      }
    }
  }
  if (sign === -1) for (let i = 0; i < out.length; i++) out[i] = -out[i];
  return out;
}

export interface PlaneBackgroundOptions {
  radiusPx: number;
  /** Objects dark on a bright background: the ball rolls over the surface from above. */
  lightBackground?: boolean;
  /** Roll the ball on the full-size plane even for a large ball (slow: the cost grows with the ball's area). Default false: shrunk as Fiji does. */
  exact?: boolean;
}

/**
 * How much Fiji's Subtract Background shrinks the plane before rolling a ball of this radius (ImageJ's
 * RollingBall: 1 up to 10 px, 2 up to 30, 4 up to 100, else 8). The cost of a ball grows with the square of its
 * area; shrunk, a 50 px ball on a 512x512 plane takes tens of milliseconds instead of seconds.
 */
export function shrinkFactor(radiusPx: number): number {
  return radiusPx <= 10 ? 1 : radiusPx <= 30 ? 2 : radiusPx <= 100 ? 4 : 8;
}

/** The plane shrunk by `factor`: each pixel the minimum of its factor x factor block (as ImageJ's shrinkImage). */
export function shrinkByMinimum(values: Float64Array, width: number, height: number, factor: number): { values: Float64Array; width: number; height: number } {
  const w = Math.ceil(width / factor);
  const h = Math.ceil(height / factor);
  const out = new Float64Array(w * h).fill(Infinity);
  for (let y = 0; y < height; y++) {
    const row = Math.floor(y / factor) * w;
    for (let x = 0; x < width; x++) {
      const k = row + Math.floor(x / factor);
      const v = values[y * width + x];
      if (v < out[k]) out[k] = v;
    }
  }
  return { values: out, width: w, height: h };
}

/** A shrunk plane back at full size, bilinear between the blocks' centres (edges held). */
export function enlargeBilinear(small: Float64Array, smallWidth: number, smallHeight: number, factor: number, width: number, height: number): Float64Array {
  const out = new Float64Array(width * height);
  const at = (i: number, n: number) => {
    const f = Math.min(n - 1, Math.max(0, (i - (factor - 1) / 2) / factor));
    const lo = Math.floor(f);
    return { lo, hi: Math.min(n - 1, lo + 1), t: f - lo };
  };
  const xs = Array.from({ length: width }, (_, x) => at(x, smallWidth));
  for (let y = 0; y < height; y++) {
    const { lo: y0, hi: y1, t: ty } = at(y, smallHeight);
    for (let x = 0; x < width; x++) {
      const { lo: x0, hi: x1, t: tx } = xs[x];
      const top = small[y0 * smallWidth + x0] * (1 - tx) + small[y0 * smallWidth + x1] * tx;
      const bottom = small[y1 * smallWidth + x0] * (1 - tx) + small[y1 * smallWidth + x1] * tx;
      out[y * width + x] = top * (1 - ty) + bottom * ty;
    }
  }
  return out;
}

/** The opening of the values with a ball: erosion then dilation (the top of the space the ball reaches). */
function ballOpening(values: Float64Array, width: number, height: number, radiusPx: number): Float64Array {
  const ball = ballKernel(radiusPx);
  return ballDilation(ballErosion(values, width, height, ball), width, height, ball);
}

/**
 * The rolling-ball background of one plane (float64, the plane's units): never above the plane (below it for a
 * light background). A ball over 10 px rolls on the plane shrunk by its block minima, with its radius shrunk
 * alike, and the background is enlarged back (bilinear) and held under the plane, as Fiji does.
 */
export function rollingBallBackground(plane: PlaneData, width: number, height: number, options: PlaneBackgroundOptions): Float64Array {
  if (plane.length !== width * height) throw new RangeError(`plane has ${plane.length} pixels, expected ${width}x${height}`);
  ballKernel(options.radiusPx); // checks the radius
  const flip = options.lightBackground ? -1 : 1;
  const values = Float64Array.from(plane, (v) => (Number.isFinite(v) ? flip * v : 0));
  const factor = options.exact ? 1 : Math.min(shrinkFactor(options.radiusPx), Math.max(1, Math.floor(Math.min(width, height) / 2)));
  let background: Float64Array;
  if (factor === 1) background = ballOpening(values, width, height, options.radiusPx);
  else {
    const small = shrinkByMinimum(values, width, height, factor);
    const smallBackground = ballOpening(small.values, small.width, small.height, options.radiusPx / factor);
    background = enlargeBilinear(smallBackground, small.width, small.height, factor, width, height);
    for (let i = 0; i < background.length; i++) if (background[i] > values[i]) background[i] = values[i];
  }
  if (flip === -1) for (let i = 0; i < background.length; i++) background[i] = -background[i];
  return background;
}

const INTEGER_MAX: Partial<Record<DType, number>> = { uint8: 255, uint16: 65535, uint32: 4294967295, int8: 127, int16: 32767, int32: 2147483647 };

/**
 * The plane minus its background, in the plane's type. Dark background: value - background (>= 0). Light
 * background: the objects stay dark on a flat bright level, the type's maximum for integer types (as Fiji
 * inverts, subtracts and inverts back), 0 for floats (objects then negative).
 */
export function subtractedPlane(plane: PlaneData, background: Float64Array, dtype: DType, lightBackground = false): PlaneData {
  const level = lightBackground ? (INTEGER_MAX[dtype] ?? 0) : 0;
  const values = new Float64Array(plane.length);
  for (let i = 0; i < plane.length; i++) values[i] = level + plane[i] - background[i];
  return castPlane(values, dtype);
}

export interface BackgroundTaskInput {
  plane: PlaneData;
  width: number;
  height: number;
  dtype: DType;
  options: PlaneBackgroundOptions & { createBackground?: boolean };
}

/** Worker entry: one plane in, the background-subtracted plane (or the background) out, in the plane's type. */
export async function backgroundPlaneTask(input: BackgroundTaskInput): Promise<{ plane: PlaneData; backgroundMean: number }> {
  const { plane, width, height, dtype, options } = input;
  const background = rollingBallBackground(plane, width, height, options);
  let sum = 0;
  for (let i = 0; i < background.length; i++) sum += background[i];
  const out = options.createBackground ? castPlane(background, dtype) : subtractedPlane(plane, background, dtype, options.lightBackground);
  return { plane: out, backgroundMean: sum / background.length };
}

export interface BallRadiusChoice {
  radiusPx: number;
  /** How the radius was chosen, in one sentence. */
  reason: string;
}

/** The ball radius: the one asked for, else a few times the objects' radius measured on a plane, else Fiji's 50 px. */
export function chooseBallRadius(asked: number | undefined, plane: PlaneData | undefined, width: number, height: number, lightBackground = false): BallRadiusChoice {
  if (asked !== undefined) return { radiusPx: asked, reason: `ball radius ${asked} px as asked` };
  if (plane) {
    const scale = estimateObjectScale(plane, width, height, lightBackground ? 'dark' : 'bright');
    if (Number.isFinite(scale.radiusPx) && scale.objects > 0) {
      const radiusPx = Math.min(MAX_RADIUS_PX, Math.max(MIN_DERIVED_RADIUS_PX, Math.ceil(RADIUS_PER_OBJECT_RADIUS * scale.radiusPx)));
      return { radiusPx, reason: `ball radius ${radiusPx} px, ${RADIUS_PER_OBJECT_RADIUS}x the objects' radius (${Number(scale.radiusPx.toFixed(1))} px measured on the first frame), so the ball rolls around them, not into them` };
    }
  }
  return { radiusPx: FIJI_DEFAULT_RADIUS_PX, reason: `ball radius ${FIJI_DEFAULT_RADIUS_PX} px (Fiji's default; no objects were found to size it by)` };
}

export interface SubtractBackgroundOptions {
  /** Ball radius, pixels; default chooseBallRadius on the first frame of the first channel. */
  radiusPx?: number;
  lightBackground?: boolean;
  /** Write the background instead of the subtracted movie (Fiji's "Create background"). */
  createBackground?: boolean;
  /** Worker threads; default all cores (1 runs in this thread). */
  threads?: number;
  onProgress?: (done: number, total: number, label?: string) => void;
  signal?: AbortSignal;
}

export interface SubtractBackgroundResult {
  radiusPx: number;
  radiusReason: string;
  planes: number;
  /** Mean background level per channel, averaged over its planes (the movie's units). */
  meanBackground: number[];
  /** Mean intensity per channel before and after (the movie's units). */
  meanBefore: number[];
  meanAfter: number[];
}

const TASK = new URL('./background.ts', import.meta.url);

/** Subtracts (or writes) the rolling-ball background of every plane of the movie, each channel on its own, in the movie's type. */
export async function subtractBackground(movie: Movie, outputPath: string, options: SubtractBackgroundOptions = {}): Promise<SubtractBackgroundResult> {
  const { shape, dtype } = movie;
  const { x: width, y: height } = shape;
  if (options.radiusPx !== undefined && !(options.radiusPx > 0 && options.radiusPx <= MAX_RADIUS_PX)) {
    throw new InputError(`radiusPx must be above 0 and at most ${MAX_RADIUS_PX} px, got ${options.radiusPx}: give the ball radius in pixels, larger than the objects`);
  }
  const firstPlane = options.radiusPx === undefined ? await movie.plane(0, Math.floor(shape.z / 2), 0) : undefined;
  const choice = chooseBallRadius(options.radiusPx, firstPlane, width, height, options.lightBackground);
  const planeOptions = { radiusPx: choice.radiusPx, lightBackground: options.lightBackground, createBackground: options.createBackground };
  const total = shape.t * shape.z * shape.c;
  const threads = Math.max(1, options.threads ?? defaultThreads());
  const order: { t: number; z: number; c: number }[] = [];
  for (let t = 0; t < shape.t; t++) for (let z = 0; z < shape.z; z++) for (let c = 0; c < shape.c; c++) order.push({ t, z, c });
  const sums = { background: new Array(shape.c).fill(0), before: new Array(shape.c).fill(0), after: new Array(shape.c).fill(0) };
  const writer = await createMovieWriter(outputPath, { shape, dtype, meta: movie.meta });
  try {
    // batches of a few planes per thread: outputs are written in order, so only a batch is held; a cancel is
    // seen between batches (the signal is not handed to each batch's call: every call would add a listener to it)
    const batch = threads * 2;
    for (let start = 0; start < total; start += batch) {
      if (options.signal?.aborted) throw new WorkError('cancelled');
      const indices = order.slice(start, start + batch);
      const inputs: BackgroundTaskInput[] = [];
      for (const { t, z, c } of indices) inputs.push({ plane: await movie.plane(t, z, c), width, height, dtype, options: planeOptions });
      const outputs = threads === 1 || inputs.length === 1 ? await Promise.all(inputs.map(backgroundPlaneTask)) : await mapInWorkers<BackgroundTaskInput, Awaited<ReturnType<typeof backgroundPlaneTask>>>(TASK, 'backgroundPlaneTask', inputs, { threads });
      for (let k = 0; k < outputs.length; k++) {
        const c = indices[k].c;
        sums.background[c] += outputs[k].backgroundMean;
        sums.before[c] += meanOf(inputs[k].plane);
        sums.after[c] += meanOf(outputs[k].plane);
        await writer.writePlane(outputs[k].plane);
      }
      options.onProgress?.(Math.min(total, start + batch), total, 'planes');
    }
  } catch (err) {
    await writer.abort();
    throw err;
  }
  await writer.close();
  const perChannel = total / shape.c;
  const mean = (s: number[]) => s.map((v) => v / perChannel);
  return { radiusPx: choice.radiusPx, radiusReason: choice.reason, planes: total, meanBackground: mean(sums.background), meanBefore: mean(sums.before), meanAfter: mean(sums.after) };
}

function meanOf(plane: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < plane.length; i++) sum += plane[i];
  return plane.length ? sum / plane.length : 0;
}
