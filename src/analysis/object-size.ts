// The typical size and contrast of the objects in a plane, measured from the plane itself,
// so segmentation parameters follow the movie rather than fixed defaults sized for one
// kind of data. Size: a quick global threshold (Otsu) of the lightly smoothed plane, and
// per connected object the largest inscribed radius (the maximum of the Euclidean distance
// map). The median over objects is the typical radius; touching objects do not inflate
// it (a cluster of round nuclei still has the inscribed radius of one nucleus), and objects
// count by their area, so specks of noise cannot outvote them. Polarity: fluorescence objects are a bright tail above a dark background
// mode; phase-contrast or brightfield cells are a dark tail below a bright one.
import { selectRank } from './quickselect.ts';
import { radixSortFloat32 } from './radix-sort.ts';
import type { PlaneData } from '../image/movie.ts';
import { blobScalesAt, capValues, sigmaLadder } from './blobs.ts';
import { distanceTransform } from './distance.ts';
import { gaussianBlur, toFloat32 } from './filters.ts';
import { labelComponents } from './morphology.ts';
import { thresholdOtsu } from './threshold.ts';

export type ObjectPolarity = 'bright' | 'dark';

export interface ObjectScale {
  /** Area-weighted median inscribed radius of the objects, pixels (NaN when no object was found). */
  radiusPx: number;
  /** Area-weighted median area of the objects found by the quick threshold, pixels. */
  medianAreaPx: number;
  /** Objects the estimate rests on. */
  objects: number;
  polarity: ObjectPolarity;
  /** Why the size was measured after heavier smoothing than usual (the lightly smoothed plane showed only the noise grain); absent otherwise. */
  note?: string;
}

/** Smoothing and radius are refined together at most this many times (noisy, dim objects need several). */
const MAX_SCALE_PASSES = 4;
/**
 * The estimate smooths by radius / this: enough to merge the texture and noise of dim
 * nuclei into whole objects (at radius / 6, Fluo-N2DH-SIM+ nuclei fell apart into
 * fragments of half their radius), little enough to keep neighbours apart.
 */
const SMOOTHING_PER_RADIUS = 4;
/** Objects smaller than this (pixels) are noise specks for the estimate. */
const SPECK_AREA_PX = 12;
/** A dark tail must be this much longer than the bright one before objects count as dark: fluorescence is the common case. */
const DARK_TAIL_RATIO = 1.5;

/**
 * Each plane's strided sample, sorted once: the threshold, the noise floor and the background
 * level all read quantiles of the same smoothed plane (three sorts of it per measurement before;
 * about a tenth of a segment call's parameter choice). Planes are never written after smoothing.
 */
const sortedSamples = new WeakMap<Float32Array, Float32Array>();

function sortedSample(values: Float32Array): Float32Array {
  let sample = sortedSamples.get(values);
  if (sample) return sample;
  // A strided sample keeps this cheap on large planes; quantiles need few thousand values.
  const step = Math.max(1, Math.floor(values.length / 65536));
  let n = 0;
  for (let i = 0; i < values.length; i += step) if (Number.isFinite(values[i])) n++;
  sample = new Float32Array(n);
  n = 0;
  for (let i = 0; i < values.length; i += step) if (Number.isFinite(values[i])) sample[n++] = values[i];
  // (float32 values kept as float32: the same numbers, sorted by their bits in linear time)
  radixSortFloat32(sample);
  sortedSamples.set(values, sample);
  return sample;
}

function quantiles(values: Float32Array, fractions: number[]): number[] {
  const sample = sortedSample(values);
  return fractions.map((f) => sample[Math.min(sample.length - 1, Math.max(0, Math.round(f * (sample.length - 1))))] ?? Number.NaN);
}

/** The background level of a smoothed plane (the mode between its 0.5th and 99.5th percentiles), computed once per plane. */
const backgroundModes = new WeakMap<Float32Array, number>();

function backgroundMode(smoothed: Float32Array): number {
  let mode = backgroundModes.get(smoothed);
  if (mode === undefined) {
    const [p005, p995] = quantiles(smoothed, [0.005, 0.995]);
    mode = modeValue(smoothed, p005, p995);
    backgroundModes.set(smoothed, mode);
  }
  return mode;
}

/** The most common value (the background level in most fields), from a 256-bin histogram between the 0.5th and 99.5th percentiles. */
function modeValue(values: Float32Array, low: number, high: number): number {
  if (!(high > low)) return low;
  const counts = new Float64Array(256);
  const scale = 255 / (high - low);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v >= low && v <= high) counts[Math.round((v - low) * scale)]++;
  }
  let best = 0;
  for (let k = 1; k < 256; k++) if (counts[k] > counts[best]) best = k;
  return low + best / scale;
}

/** Bright objects on a dark background, or dark ones on a bright background: whichever side of the background mode has the longer tail. */
export function detectPolarity(smoothed: Float32Array): ObjectPolarity {
  const [p005, p995] = quantiles(smoothed, [0.005, 0.995]);
  const mode = backgroundMode(smoothed);
  const brightTail = p995 - mode;
  const darkTail = mode - p005;
  return darkTail > DARK_TAIL_RATIO * brightTail ? 'dark' : 'bright';
}

/**
 * How far each side of the background mode reaches, in pixel-noise SD: `darkSd` from the mode down to the
 * 0.5th percentile of the lightly smoothed plane, `brightSd` up to the 99.5th. Fluorescence has one long
 * side (its background is the dark end: 0.6-2.5 SD below the mode on SIM+, MSC-02, the cancer movie, CZT
 * peaks, pc12, membranes; 10-120 SD above). Brightfield and phase contrast have two (bright walls or halos
 * and dark cells: TC_BF_cells 12 SD below and 19 above): which side holds the cells cannot be read from
 * the intensities, so a threshold there outlines specks of texture, not cells.
 */
export function contrastSides(plane: PlaneData, width: number, smoothed: Float32Array): { darkSd: number; brightSd: number; twoSided: boolean } {
  const [p005, p995] = quantiles(smoothed, [0.005, 0.995]);
  const mode = backgroundMode(smoothed);
  const noise = pixelNoiseSd(plane, width);
  const inNoise = (d: number) => (d <= 0 ? 0 : noise > 0 ? d / noise : Number.POSITIVE_INFINITY);
  const darkSd = inNoise(mode - p005);
  const brightSd = inNoise(p995 - mode);
  const shorter = Math.min(mode - p005, p995 - mode);
  const longer = Math.max(mode - p005, p995 - mode);
  return { darkSd, brightSd, twoSided: Math.min(darkSd, brightSd) >= TWO_SIDED_MIN_SD && shorter >= TWO_SIDED_MIN_RATIO * longer };
}

/** Both sides of the background must reach this many noise SD (fluorescence: at most 2.5 below it; TC_BF_cells 12). */
const TWO_SIDED_MIN_SD = 6;
/** ...and the shorter side at least this share of the longer (fluorescence 0.00-0.15, SIM+ 02's dimmest frame 0.29 but 0.8 SD; TC_BF_cells 0.66). */
const TWO_SIDED_MIN_RATIO = 0.33;

/** The per-pixel noise SD of a raw plane: the robust spread of neighbouring-pixel differences (objects' edges are rare among them), from a strided sample. */
export function pixelNoiseSd(plane: PlaneData, width: number): number {
  const step = Math.max(1, Math.floor(plane.length / 65536));
  const all = new Float64Array(Math.ceil(plane.length / step));
  let n = 0;
  for (let i = 0; i < plane.length; i += step) {
    const v = plane[i];
    if (Number.isFinite(v) && (i % width) + 1 < width && Number.isFinite(plane[i + 1])) all[n++] = Math.abs(plane[i + 1] - v);
  }
  if (!n) return Number.NaN;
  // (the median by selection: the same value a sort would put there, in linear time)
  return (1.4826 * selectRank(all.subarray(0, n), n >> 1)) / Math.SQRT2;
}

/** The plane with dark objects turned bright (max - v), so one pipeline serves both. */
export function brightObjects(values: Float32Array): Float32Array {
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) if (values[i] > max) max = values[i];
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = max - values[i];
  return out;
}

/**
 * A threshold between background and objects for fluorescence-like planes: Otsu's on log
 * intensities, so objects that differ ten-fold in brightness fall on the same side (plain
 * Otsu splits bright objects from dim ones), but never within the background's noise (at
 * least 4 robust standard deviations above its mode).
 */
export function foregroundThreshold(smoothed: Float32Array): number {
  let low = Infinity;
  for (let i = 0; i < smoothed.length; i++) if (smoothed[i] < low) low = smoothed[i];
  const offset = logOffset(smoothed, low);
  const logged = new Float32Array(smoothed.length);
  for (let i = 0; i < smoothed.length; i++) logged[i] = Math.log(smoothed[i] - low + offset);
  return Math.max(Math.exp(thresholdOtsu(logged)) - offset + low, noiseFloor(smoothed));
}

/** The background mode plus 4 robust standard deviations of the values below it (MAD of the lower half, which objects do not reach). */
function noiseFloor(smoothed: Float32Array): number {
  const mode = backgroundMode(smoothed);
  // The median distance below the mode, from the sorted sample: its values up to the mode, counted from the top.
  const sample = sortedSample(smoothed);
  let below = 0;
  while (below < sample.length && sample[below] <= mode) below++;
  const medianBelow = below ? mode - sample[below - 1 - (below >> 1)] : 0;
  const sigma = 1.4826 * medianBelow;
  return mode + 4 * sigma;
}

/** The offset added before taking logs: the background's spread (median minus the 1st percentile), so noise is not stretched. */
function logOffset(smoothed: Float32Array, low: number): number {
  const [p01, p50] = quantiles(smoothed, [0.01, 0.5]);
  return Math.max(1e-6, p50 - p01, (p50 - low) * 0.1);
}

/** Median inscribed radius and median area of the objects of a bright-object plane, thresholded by Otsu after smoothing by sigmaPx. */
export function measureObjects(bright: Float32Array, width: number, height: number, sigmaPx: number, smoothedGiven?: Float32Array): { radiusPx: number; edgeRadiusPx: number; medianAreaPx: number; objects: number; peaks: number[]; peakLabels: number[]; thresholdValue: number } {
  // (`smoothedGiven`: `bright` already smoothed by sigmaPx, read only)
  const smoothed = smoothedGiven ?? (sigmaPx > 0 ? gaussianBlur(bright, width, height, sigmaPx) : bright);
  const t = foregroundThreshold(smoothed);
  const background = backgroundMode(smoothed);
  const mask = new Uint8Array(width * height);
  for (let i = 0; i < mask.length; i++) mask[i] = smoothed[i] > t ? 1 : 0;
  // No hole filling: in a crowded field the gaps between touching objects would fill into one solid blob.
  const { labels, count } = labelComponents(mask, width, height, 8);
  const distance = distanceTransform(mask, width, height);
  const area = new Float64Array(count + 1);
  const peak = new Float64Array(count + 1);
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i];
    if (l) (area[l]++, distance[i] > peak[l] && (peak[l] = distance[i]));
  }
  // Each object's level: the mean of its core (pixels at least half as deep as its deepest), free of the rim.
  const coreSum = new Float64Array(count + 1);
  const coreCount = new Float64Array(count + 1);
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i];
    if (l && distance[i] >= 0.5 * peak[l]) (coreSum[l] += smoothed[i]), coreCount[l]++;
  }
  // Every ridge maximum of the distance map is the inscribed radius of one object, so in a
  // cluster of touching or overlapping objects each counts on its own. Maxima below half
  // their component's deepest are necks and spurs, not objects.
  const radii: number[] = [];
  const peaks: number[] = [];
  const peakLabels: number[] = [];
  const edgeRadii: number[] = [];
  const weights: number[] = [];
  for (let y = 1; y < height - 1; y++)
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      const l = labels[i];
      const d = distance[i];
      if (!l || area[l] < SPECK_AREA_PX || d < 0.5 * peak[l]) continue;
      if (d < distance[i - 1] || d < distance[i + 1] || d < distance[i - width] || d < distance[i + width]) continue;
      if (d < distance[i - width - 1] || d < distance[i - width + 1] || d < distance[i + width - 1] || d < distance[i + width + 1]) continue;
      // Plateaus (equal neighbours) count once: only the first pixel in raster order.
      if (d === distance[i - 1] || d === distance[i - width] || d === distance[i - width - 1] || d === distance[i - width + 1]) continue;
      // The distance map runs from pixel centre to the nearest background pixel's centre: the edge lies half a pixel nearer.
      // A threshold below half the object's contrast lies outside its blurred edge: that much is taken off.
      radii.push(d - 0.5);
      peaks.push(i);
      peakLabels.push(l);
      edgeRadii.push(d - 0.5 - blurGrowthPx(sigmaPx, t - background, coreSum[l] / coreCount[l] - background));
      weights.push(d * d); // the inscribed disk's area: noise specks cannot outvote objects
    }
  const areas: number[] = [];
  for (let l = 1; l <= count; l++) if (area[l] >= SPECK_AREA_PX) areas.push(area[l]);
  return { radiusPx: weightedMedian(radii, weights), edgeRadiusPx: weightedMedian(edgeRadii, weights), medianAreaPx: weightedMedian(areas, areas), objects: radii.length, peaks, peakLabels, thresholdValue: t };
}

/** The standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9 in the central region used here). */
function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  if (p < 0.02425) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/**
 * How far outside a step edge blurred by sigmaPx a threshold `level` above the background
 * lies, for an object `contrast` above it: the blurred step is contrast * Phi(-d / sigma).
 * Levels at or above half the contrast (and levels below 2 % of it, noise) count as the edge.
 */
function blurGrowthPx(sigmaPx: number, level: number, contrast: number): number {
  if (!(contrast > 0) || !(level > 0)) return 0;
  const fraction = level / contrast;
  if (fraction >= 0.5) return 0;
  return -sigmaPx * normalQuantile(Math.max(0.02, fraction));
}

/** The value below which half the total weight lies: objects count by their area, so noise specks cannot outvote the objects. */
function weightedMedian(values: number[], weights: number[]): number {
  if (values.length === 0) return Number.NaN;
  const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
  const half = weights.reduce((a, b) => a + b, 0) / 2;
  let acc = 0;
  for (const i of order) {
    acc += weights[i];
    if (acc >= half) return values[i];
  }
  return values[order[order.length - 1]];
}


/** The threshold's object measure, from smoothing `startSigmaPx`, with smoothing and radius refined together (radius / SMOOTHING_PER_RADIUS). */
export function refineScale(bright: Float32Array, width: number, height: number, startSigmaPx: number, floorSigmaPx = 1, startSmoothed?: Float32Array): ReturnType<typeof measureObjects> & { sigmaPx: number } {
  let sigmaPx = startSigmaPx;
  let estimate = measureObjects(bright, width, height, sigmaPx, startSmoothed);
  for (let pass = 0; pass < MAX_SCALE_PASSES && estimate.radiusPx > 0; pass++) {
    const nextSigma = Math.max(floorSigmaPx, estimate.radiusPx / SMOOTHING_PER_RADIUS);
    const next = measureObjects(bright, width, height, nextSigma);
    if (!(next.radiusPx > 0)) break;
    const settled = Math.abs(next.radiusPx - estimate.radiusPx) < 0.1 * estimate.radiusPx;
    estimate = next;
    sigmaPx = nextSigma;
    if (settled) break;
  }
  return { ...estimate, sigmaPx };
}

/**
 * Estimates the typical object radius and the polarity of a plane. Two passes: a first
 * estimate with light smoothing (1 px), then again smoothed by a sixth of that radius so
 * noise does not break large, dim objects into specks. `polarity` skips the detection.
 */
export function estimateObjectScale(plane: PlaneData, width: number, height: number, polarity?: ObjectPolarity, lightGiven?: Float32Array): ObjectScale {
  if (plane.length !== width * height) throw new RangeError(`plane has ${plane.length} pixels, expected ${width}x${height}`);
  const values = toFloat32(plane);
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) values[i] = 0;
  // (`lightGiven`: the plane, non-finite pixels as 0, smoothed by 1 px, read only; the same smoothing of the bright-object
  // plane is measured from, and again where the noise grain is looked for: made once)
  const light = lightGiven ?? gaussianBlur(values, width, height, 1);
  const chosen = polarity ?? detectPolarity(light);
  const bright = chosen === 'dark' ? brightObjects(values) : values;
  const brightLight = bright === values ? light : gaussianBlur(bright, width, height, 1);
  const { estimate, note } = beyondNoiseGrain(bright, width, height, refineScale(bright, width, height, 1, 1, brightLight), brightLight);
  // The smoothing settles on the threshold's radius; the object's own edge lies inside it.
  const { edgeRadiusPx, peaks: _p, peakLabels: _l, ...rest } = estimate;
  return { ...rest, radiusPx: edgeRadiusPx > 0 ? edgeRadiusPx : estimate.radiusPx, polarity: chosen, ...(note ? { note } : {}) };
}

/**
 * Objects measured under this radius (pixels) from the lightest smoothing may be the grain of the noise rather than objects:
 * an upsampled or correlated noise (a movie resampled 3x: grains of 3-5 px) is a fixed point of the estimate, whose smoothing
 * follows the radius it measures. Small, well resolved objects measure from 3 px up (our simulator at 0.5x: 4.3 px).
 */
const GRAIN_RADIUS_PX = 6;
/** Starting smoothings tried beyond 1 px where the radius is under GRAIN_RADIUS_PX (each also the floor of its refinement). */
const GRAIN_START_SIGMAS = [2, 4, 8, 16];
/**
 * Another start's objects replace the first ones only where they stand out this many times more (blobContrast) and are at
 * least GRAIN_SIZE_GAIN times larger. Measured (first start -> best other start): MSC-02 at 3x 3.5 -> 6.7 (4.5 -> 14.4 px)
 * and 3.2 -> 10.1 (3.1 -> 21.9 px); where the first objects are real, small ones no larger start stands out more than 1.44x
 * (cancer_cell_migration_crop at 0.5x: 2.7 -> 3.9 at 4.5 -> 4.9 px, three objects) or is larger and stands out more (our
 * simulator and the cancer movie at 0.5x, with gamma 2 and blur).
 */
const GRAIN_CONTRAST_GAIN = 1.5;
const GRAIN_SIZE_GAIN = 2;

/**
 * How clearly the measured objects stand out at their own scale: the median scale-normalised Laplacian-of-Gaussian response
 * (-σ² LoG at σ = r / √2, on the plane smoothed by 1 px) at their centres, over the same response's robust spread (1.4826 x
 * the median absolute response) at points of an even grid outside the objects (below the estimate's threshold). Noise
 * grains answer about as strongly as the background around them does.
 */
export function blobContrast(light: Float32Array, width: number, height: number, estimate: { radiusPx: number; peaks: number[]; thresholdValue: number }): number {
  if (!(estimate.radiusPx > 0) || !estimate.peaks.length) return 0;
  const sigma = [Math.max(0.7, estimate.radiusPx / Math.SQRT2)];
  const stride = Math.ceil(estimate.peaks.length / 300);
  const at = blobScalesAt(light, width, height, estimate.peaks.filter((_, k) => k % stride === 0), sigma).map((b) => b.response).sort((a, b) => a - b);
  // Points of an even grid that lie below the estimate's threshold: the plane outside its objects.
  const side = 24;
  const grid: number[] = [];
  for (let gy = 0; gy < side; gy++)
    for (let gx = 0; gx < side; gx++) {
      const p = Math.min(height - 1, Math.floor(((gy + 0.5) * height) / side)) * width + Math.min(width - 1, Math.floor(((gx + 0.5) * width) / side));
      if (light[p] < estimate.thresholdValue) grid.push(p);
    }
  if (grid.length < 16) return 0;
  const spread = blobScalesAt(light, width, height, grid, sigma).map((b) => Math.abs(b.response)).sort((a, b) => a - b);
  const mad = 1.4826 * spread[spread.length >> 1];
  return mad > 0 ? at[at.length >> 1] / mad : Number.POSITIVE_INFINITY;
}

/**
 * Where the lightest smoothing measures objects under GRAIN_RADIUS_PX (or none), the estimate is started again from heavier
 * smoothings (never refined below them); the objects that stand out most clearly (blobContrast) win if they stand out
 * GRAIN_CONTRAST_GAIN times more than the first ones and are GRAIN_SIZE_GAIN times larger. Measured on MSC-02 resampled 3x
 * (cells of about 100 px, low SNR): the first estimate is 3.1-4.5 px on two of three sample frames.
 */
function beyondNoiseGrain(bright: Float32Array, width: number, height: number, first: ReturnType<typeof refineScale>, light: Float32Array): { estimate: ReturnType<typeof refineScale>; note?: string } {
  const firstRadius = first.edgeRadiusPx > 0 ? first.edgeRadiusPx : first.radiusPx;
  if (firstRadius >= GRAIN_RADIUS_PX) return { estimate: first };
  const firstContrast = blobContrast(light, width, height, first);
  let best = first;
  let bestContrast = firstContrast;
  for (const start of GRAIN_START_SIGMAS) {
    if (start > Math.min(width, height) / 16) break;
    const candidate = refineScale(bright, width, height, start, start);
    const contrast = blobContrast(light, width, height, candidate);
    const radius = candidate.edgeRadiusPx > 0 ? candidate.edgeRadiusPx : candidate.radiusPx;
    if (contrast > bestContrast && contrast >= GRAIN_CONTRAST_GAIN * firstContrast && !(radius < GRAIN_SIZE_GAIN * firstRadius)) (best = candidate), (bestContrast = contrast);
  }
  if (best === first) return { estimate: first };
  const r = (e: typeof first) => (e.edgeRadiusPx > 0 ? e.edgeRadiusPx : e.radiusPx);
  const was = firstRadius > 0 ? `${firstRadius.toFixed(1)} px objects standing out ${firstContrast.toFixed(1)}x the background's response (the noise grain)` : 'no objects';
  return { estimate: best, note: `lightly smoothed, the plane showed ${was}; smoothed by ${+best.sigmaPx.toFixed(1)} px it shows ${r(best).toFixed(1)} px objects standing out ${bestContrast.toFixed(1)}x` };
}

/**
 * The blob radius of a plane's objects (blobs.ts): at each object found as estimateObjectScale
 * finds them (objects of radius `radiusPx`, the plane smoothed by a quarter of it), the scale of the
 * strongest scale-normalised Laplacian-of-Gaussian response, on the lightly smoothed plane capped at
 * the objects' median level so bright texture does not answer at its own scale. The median over
 * objects, weighted by response; NaN where no object answers. Unlike a threshold it sees the dim
 * parts of a nucleus around its bright chromatin (Fluo-N2DH-SIM+ 02: 15.6-25.5 px where a threshold
 * measures 10.7-19.7, the masks 18-26), but it takes a cluster of touching objects as one blob
 * (our fully crowded simulator movie: 29-90 px for nuclei of 9).
 */
/** Objects sized by estimateBlobScale per plane (more are subsampled); measured 0.4-0.8 s of CPU per plane on SIM+ 02 and MSC-02 (0.6-0.9 megapixels). */
const MAX_BLOB_POINTS = 300;

export function estimateBlobScale(plane: PlaneData, width: number, height: number, polarity: ObjectPolarity, radiusPx: number, lightGiven?: Float32Array): number {
  if (!(radiusPx > 0)) return Number.NaN;
  const values = toFloat32(plane);
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) values[i] = 0;
  const bright = polarity === 'dark' ? brightObjects(values) : values;
  const objects = measureObjects(bright, width, height, Math.max(1, radiusPx / SMOOTHING_PER_RADIUS));
  if (!objects.peaks.length) return Number.NaN;
  // (`lightGiven`: the plane, non-finite pixels as 0, smoothed by 1 px, read only: the bright plane's where objects are bright)
  const light = lightGiven && bright === values ? lightGiven : gaussianBlur(bright, width, height, 1);
  const step = Math.max(1, Math.floor(light.length / 65536));
  const above: number[] = [];
  for (let i = 0; i < light.length; i += step) if (light[i] > objects.thresholdValue) above.push(light[i]);
  if (!above.length) return Number.NaN;
  above.sort((a, b) => a - b);
  const capped = capValues(light, above[above.length >> 1]);
  // Scales up to three times the threshold's radius: objects that threshold sees at a third of their size are not sized here.
  // At most MAX_BLOB_POINTS objects, evenly spread over the raster order: the cost is a window sum per object and scale.
  const stride = Math.ceil(objects.peaks.length / MAX_BLOB_POINTS);
  const points = objects.peaks.filter((_, k) => k % stride === 0);
  const blobs = blobScalesAt(capped, width, height, points, sigmaLadder(1, Math.max(2, (3 * radiusPx) / Math.SQRT2)));
  const found = blobs.filter((b) => b.radiusPx > 0);
  return weightedMedian(found.map((b) => b.radiusPx), found.map((b) => b.response));
}

/**
 * Sample planes whose radii differ by more than this factor do not agree on one object size. Measured
 * (largest / smallest of the first, middle and last frames): our simulator 1.00-1.23 on five sane
 * movies, Fluo-N2DH-SIM+ 01 1.18, MSC-02 1.15; the fully crowded simulator movie (seed 9403) 1.90,
 * Fluo-N2DH-SIM+ 02 1.84 (its later frames measure texture fragments: 11 px for nuclei of about 20).
 */
export const MAX_SAMPLE_RADIUS_RATIO = 1.5;
/**
 * Radii under this (pixels) are barely larger than the lightest smoothing (1 px): noise specks
 * (our simulator at SNR 3, nuclei of 8-10 px, measures 1.7-2.5 px) or objects too small to size.
 */
const MIN_CONFIDENT_RADIUS_PX = 3;

/**
 * Why the radius estimated from these sample planes cannot be trusted, in words, or undefined when
 * nothing speaks against it: the planes disagree (crowded objects merge as the estimate's smoothing
 * grows: seed 9403 measures 9.5 px at the first pass, 17-32 px after four), or it sits at the noise scale. `radiusPx` is the radius taken from them.
 */
export function objectScaleDoubt(scales: ObjectScale[], radiusPx: number): string | undefined {
  const radii = scales.map((s) => s.radiusPx).filter((r) => r > 0);
  if (!radii.length) return undefined;
  const reasons: string[] = [];
  const low = Math.min(...radii);
  const high = Math.max(...radii);
  if (high > MAX_SAMPLE_RADIUS_RATIO * low) reasons.push(`the sample frames disagree (${low.toFixed(1)}-${high.toFixed(1)} px)`);
  if (radiusPx < MIN_CONFIDENT_RADIUS_PX) reasons.push(`objects measured barely larger than the smoothing (noise specks or objects too small to size)`);
  return reasons.length ? reasons.join('; ') : undefined;
}

