// Bleach correction with the three methods of the ImageJ "Bleach Correction" plugin
// (Miura 2020, doi:10.12688/f1000research.27171.1): simple ratio (with a background
// value), exponential fit a·e^(−b·t)+c of the frame means, and histogram matching to the
// first frame. Each channel is corrected on its own; for z-stacks the mean (or histogram)
// of the whole stack at a time point is used, as the plugin does for 3-D time series.
import type { Movie, PlaneData } from '../image/movie.ts';
import { createMovieWriter } from '../image/writer.ts';
import { InputError, WorkError } from '../errors.ts';
import { castPlane } from './resample.ts';
import { thresholdOtsu } from './threshold.ts';

export type BleachMethod = 'simple_ratio' | 'exponential' | 'histogram';

export interface BleachOptions {
  /** Default 'simple_ratio' (the plugin's first choice). */
  method?: BleachMethod;
  /** Simple ratio only: background intensity subtracted before the ratio, in grey levels. Default 0. */
  backgroundIntensity?: number;
  onProgress?: (done: number, total: number, label?: string) => void;
  signal?: AbortSignal;
}

export interface ExponentialFit {
  /** Amplitude, rate per frame and offset of a·e^(−b·t)+c, t in frames from 0. */
  a: number;
  b: number;
  c: number;
  rSquared: number;
}

export interface BleachResult {
  method: BleachMethod;
  /** Frame means per channel before correction: meansBefore[c][t]. */
  meansBefore: number[][];
  /** Frame means per channel after correction. */
  meansAfter: number[][];
  /** Multiplicative factor per channel and frame (simple ratio and exponential). */
  factors?: number[][];
  /** Exponential fits per channel. */
  fits?: ExponentialFit[];
}

function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new WorkError('cancelled');
}

/** Mean of every time point's stack, per channel: means[c][t]. */
export async function frameMeans(movie: Movie, signal?: AbortSignal): Promise<number[][]> {
  return (await frameIntensities(movie, { objects: false, signal })).means;
}

export interface FrameIntensities {
  /** Mean of every time point's stack, per channel: means[c][t]. */
  means: number[][];
  /**
   * The objects' own brightness, per channel and time point: the mean of the pixels above each plane's Otsu threshold
   * minus the mean of those below it (absent unless asked for). Unlike the frame mean it does not rise when cells
   * divide or enter the field, so it shows bleaching that more or bigger cells hide.
   */
  objectSignal?: number[][];
}

/** The frame means and, with `objects`, the objects' brightness above background, in one pass over the movie. */
export async function frameIntensities(movie: Movie, options: { objects: boolean; signal?: AbortSignal }): Promise<FrameIntensities> {
  const { shape } = movie;
  const perChannel = () => Array.from({ length: shape.c }, () => new Array<number>(shape.t).fill(0));
  const means = perChannel();
  const objectSignal = options.objects ? perChannel() : undefined;
  for (let t = 0; t < shape.t; t++) {
    throwIfAborted(options.signal);
    for (let c = 0; c < shape.c; c++) {
      let sum = 0;
      const split = { above: 0, nAbove: 0, below: 0, nBelow: 0 };
      for (let z = 0; z < shape.z; z++) {
        const plane = await movie.plane(t, z, c);
        for (let i = 0; i < plane.length; i++) sum += plane[i];
        if (Number.isNaN(sum)) break;
        if (objectSignal) addAboveAndBelow(plane, thresholdOtsu(plane), split);
      }
      if (Number.isNaN(sum)) throw new InputError(`frame ${t + 1} (channel ${c + 1}) has NaN values: replace them (e.g. with 0) before bleach correction`);
      means[c][t] = sum / (shape.z * shape.y * shape.x);
      if (objectSignal) objectSignal[c][t] = split.nAbove && split.nBelow ? split.above / split.nAbove - split.below / split.nBelow : 0;
    }
  }
  return { means, objectSignal };
}

function addAboveAndBelow(plane: PlaneData, threshold: number, split: { above: number; nAbove: number; below: number; nBelow: number }): void {
  for (let i = 0; i < plane.length; i++) {
    const v = plane[i];
    if (v > threshold) (split.above += v), split.nAbove++;
    else (split.below += v), split.nBelow++;
  }
}

/** Least-squares a, c for a fixed rate b (the model is linear in a and c). */
function linearPart(y: number[], b: number): { a: number; c: number; sse: number } {
  const n = y.length;
  let su = 0;
  let suu = 0;
  let sy = 0;
  let suy = 0;
  for (let t = 0; t < n; t++) {
    const u = Math.exp(-b * t);
    su += u;
    suu += u * u;
    sy += y[t];
    suy += u * y[t];
  }
  const det = n * suu - su * su;
  const a = Math.abs(det) < 1e-300 ? 0 : (n * suy - su * sy) / det;
  const c = (sy - a * su) / n;
  let sse = 0;
  for (let t = 0; t < n; t++) sse += (y[t] - a * Math.exp(-b * t) - c) ** 2;
  return { a, c, sse };
}

/**
 * Fits y(t) = a·e^(−b·t) + c by variable projection: a and c are solved exactly for each
 * rate b, and b is found by a log-spaced scan (positive and negative rates) refined by
 * golden-section search, so the fit cannot stall in a local minimum as a badly started
 * Levenberg-Marquardt can.
 */
export function fitExponentialWithOffset(y: number[]): ExponentialFit {
  const n = y.length;
  if (n < 3) throw new InputError(`an exponential fit needs at least 3 frames, the movie has ${n}`);
  const rates: number[] = [];
  for (let e = -6; e <= 1; e += 0.05) {
    rates.push(10 ** e, -(10 ** e));
  }
  const maxRate = 50 / n; // e^(-50) beyond: the model is a step
  const candidates = rates.filter((b) => Math.abs(b) <= maxRate).sort((p, q) => p - q);
  let best = 0;
  for (let i = 1; i < candidates.length; i++) if (linearPart(y, candidates[i]).sse < linearPart(y, candidates[best]).sse) best = i;
  let lo = candidates[Math.max(0, best - 1)];
  let hi = candidates[Math.min(candidates.length - 1, best + 1)];
  const golden = (Math.sqrt(5) - 1) / 2;
  for (let k = 0; k < 100 && hi - lo > 1e-12 * Math.max(1, Math.abs(hi)); k++) {
    const m1 = hi - golden * (hi - lo);
    const m2 = lo + golden * (hi - lo);
    if (linearPart(y, m1).sse < linearPart(y, m2).sse) hi = m2;
    else lo = m1;
  }
  const b = (lo + hi) / 2;
  const { a, c, sse } = linearPart(y, b);
  const mean = y.reduce((s, v) => s + v, 0) / n;
  const sst = y.reduce((s, v) => s + (v - mean) ** 2, 0);
  return { a, b, c, rSquared: sst > 0 ? 1 - sse / sst : 1 };
}

/**
 * Frames for the decaying part of an exponential fit to the frame means to halve (ln 2 / b of a·e^(−b·t)+c), or null
 * where the means do not decay (a rate at or below zero, an amplitude at or below zero, under 3 frames, or a fit that
 * explains less than half of their variance).
 */
export function bleachHalfLifeFrames(means: number[]): number | null {
  return means.length < 3 ? null : halfLifeOfFit(fitExponentialWithOffset(means));
}

/**
 * The half-life of a signal with its background already removed (the objects' brightness of frameIntensities): a pure
 * exponential A·e^(−b·t), fitted as a straight line to ln(signal); ln 2 / b where it decays and the line explains at least
 * half of the variance of ln(signal), else null. (An offset c would be unidentifiable over a short fall.)
 */
export function backgroundFreeHalfLifeFrames(signal: number[]): number | null {
  if (signal.length < 3 || signal.some((v) => !(v > 0))) return null;
  const n = signal.length;
  const logs = signal.map(Math.log);
  const meanT = (n - 1) / 2;
  const meanLog = logs.reduce((a, v) => a + v, 0) / n;
  let stt = 0;
  let stl = 0;
  let sll = 0;
  for (let t = 0; t < n; t++) (stt += (t - meanT) ** 2), (stl += (t - meanT) * (logs[t] - meanLog)), (sll += (logs[t] - meanLog) ** 2);
  const slope = stl / stt;
  const rSquared = sll > 0 ? (stl * stl) / (stt * sll) : 0;
  return slope < 0 && rSquared >= 0.5 ? Math.LN2 / -slope : null;
}

/** ln 2 / b of a fit that decays and explains at least half of the means' variance, else null (bleachHalfLifeFrames). */
export function halfLifeOfFit(fit: ExponentialFit): number | null {
  return fit.b > 0 && fit.a > 0 && fit.rSquared >= 0.5 ? Math.LN2 / fit.b : null;
}

function ratioFactors(means: number[], background: number, channel: number): number[] {
  const reference = means[0] - background;
  if (!(reference > 0)) {
    throw new InputError(`channel ${channel + 1}: the first frame's mean (${means[0].toFixed(2)}) is not above the background ${background}: lower backgroundIntensity`);
  }
  return means.map((m, t) => {
    if (!(m - background > 0)) throw new InputError(`channel ${channel + 1}: frame ${t + 1}'s mean (${m.toFixed(2)}) is not above the background ${background}: lower backgroundIntensity`);
    return reference / (m - background);
  });
}

function exponentialFactors(means: number[], channel: number): { factors: number[]; fit: ExponentialFit } {
  const fit = fitExponentialWithOffset(means);
  if (!(fit.b > 0 && fit.a > 0)) {
    throw new InputError(
      `channel ${channel + 1}: the intensity does not decay exponentially (frame mean ${means[0].toPrecision(4)} in frame 1, ${means[means.length - 1].toPrecision(4)} in frame ${means.length}; fitted a*exp(-b*t)+c has a ${fit.a.toPrecision(3)}, b ${fit.b.toPrecision(3)} per frame): there is no bleaching to fit; use method simple_ratio or histogram, or skip bleach correction`,
    );
  }
  const model = (t: number) => fit.a * Math.exp(-fit.b * t) + fit.c;
  return { factors: means.map((_, t) => model(0) / model(t)), fit };
}

/** Values and cumulative quantiles of a sample (scikit-image's _match_cumulative_cdf building block). */
function cumulativeDistribution(values: Float64Array): { levels: Float64Array; quantiles: Float64Array } {
  const sorted = Float64Array.from(values).sort();
  const levels: number[] = [];
  const quantiles: number[] = [];
  for (let i = 0; i < sorted.length; i++) {
    if (i + 1 < sorted.length && sorted[i + 1] === sorted[i]) continue;
    levels.push(sorted[i]);
    quantiles.push((i + 1) / sorted.length);
  }
  return { levels: Float64Array.from(levels), quantiles: Float64Array.from(quantiles) };
}

/** Linear interpolation of x in ascending xs (numpy.interp: clamped at the ends). */
function interp(x: number, xs: Float64Array, ys: Float64Array): number {
  if (x <= xs[0]) return ys[0];
  if (x >= xs[xs.length - 1]) return ys[ys.length - 1];
  let lo = 0;
  let hi = xs.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] <= x) lo = mid;
    else hi = mid;
  }
  const f = (x - xs[lo]) / (xs[hi] - xs[lo]);
  return ys[lo] + f * (ys[hi] - ys[lo]);
}

async function stackValues(movie: Movie, t: number, c: number): Promise<Float64Array> {
  const { z: depth, y, x } = movie.shape;
  const out = new Float64Array(depth * y * x);
  for (let z = 0; z < depth; z++) out.set(await movie.plane(t, z, c), z * y * x);
  return out;
}

/** Maps a stack's values so that its histogram matches the reference distribution (as skimage.exposure.match_histograms). */
function matchHistogram(values: Float64Array, reference: { levels: Float64Array; quantiles: Float64Array }): Float64Array {
  const own = cumulativeDistribution(values);
  const mapped = new Map<number, number>();
  own.levels.forEach((level, i) => mapped.set(level, interp(own.quantiles[i], reference.quantiles, reference.levels)));
  return values.map((v) => mapped.get(v)!);
}

/** Corrects bleaching and writes the result (input dtype) plane by plane to `outputPath`. */
export async function correctBleach(movie: Movie, outputPath: string, options: BleachOptions = {}): Promise<BleachResult> {
  const method = options.method ?? 'simple_ratio';
  const { shape } = movie;
  if (!['simple_ratio', 'exponential', 'histogram'].includes(method)) throw new InputError(`method must be simple_ratio, exponential or histogram, got ${method}`);
  const background = options.backgroundIntensity ?? 0;
  if (!Number.isFinite(background)) throw new InputError(`backgroundIntensity must be a number of grey levels, got ${background}`);
  const meansBefore = await frameMeans(movie, options.signal);
  let factors: number[][] | undefined;
  let fits: ExponentialFit[] | undefined;
  let references: { levels: Float64Array; quantiles: Float64Array }[] | undefined;
  if (method === 'simple_ratio') factors = meansBefore.map((m, c) => ratioFactors(m, background, c));
  if (method === 'exponential') {
    const results = meansBefore.map((m, c) => exponentialFactors(m, c));
    factors = results.map((r) => r.factors);
    fits = results.map((r) => r.fit);
  }
  if (method === 'histogram') {
    references = [];
    for (let c = 0; c < shape.c; c++) references.push(cumulativeDistribution(await stackValues(movie, 0, c)));
  }

  const writer = await createMovieWriter(outputPath, { shape, dtype: movie.dtype, meta: movie.meta });
  const meansAfter = Array.from({ length: shape.c }, () => new Array<number>(shape.t).fill(0));
  const planeSize = shape.y * shape.x;
  try {
    for (let t = 0; t < shape.t; t++) {
      throwIfAborted(options.signal);
      const corrected: PlaneData[][] = [];
      for (let c = 0; c < shape.c; c++) {
        let values = await stackValues(movie, t, c);
        if (references) values = matchHistogram(values, references[c]);
        else {
          const factor = factors![c][t];
          const offset = method === 'simple_ratio' ? background : 0;
          values = values.map((v) => (v - offset) * factor);
        }
        const planes: PlaneData[] = [];
        let sum = 0;
        for (let z = 0; z < shape.z; z++) {
          const plane = castPlane(values.subarray(z * planeSize, (z + 1) * planeSize), movie.dtype);
          for (let i = 0; i < plane.length; i++) sum += plane[i];
          planes.push(plane);
        }
        meansAfter[c][t] = sum / values.length;
        corrected.push(planes);
      }
      for (let z = 0; z < shape.z; z++) for (let c = 0; c < shape.c; c++) await writer.writePlane(corrected[c][z]);
      options.onProgress?.(t + 1, shape.t, 'frames');
    }
  } catch (err) {
    await writer.abort();
    throw err;
  }
  await writer.close();
  return { method, meansBefore, meansAfter, factors, fits };
}
