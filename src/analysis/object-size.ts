// The typical size and contrast of the objects in a plane, measured from the plane itself,
// so segmentation parameters follow the movie rather than fixed defaults sized for one
// kind of data. Size: a quick global threshold (Otsu) of the lightly smoothed plane, and
// per connected object the largest inscribed radius (the maximum of the Euclidean distance
// map). The median over objects is the typical radius; touching objects do not inflate
// it (a cluster of round nuclei still has the inscribed radius of one nucleus), and objects
// count by their area, so specks of noise cannot outvote them. Polarity: fluorescence objects are a bright tail above a dark background
// mode; phase-contrast or brightfield cells are a dark tail below a bright one.
import type { PlaneData } from '../image/movie.ts';
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
}

/** Objects smaller than this (pixels) are noise specks for the estimate. */
const SPECK_AREA_PX = 12;
/** A dark tail must be this much longer than the bright one before objects count as dark: fluorescence is the common case. */
const DARK_TAIL_RATIO = 1.5;

function quantiles(values: Float32Array, fractions: number[]): number[] {
  // A strided sample keeps this cheap on large planes; quantiles need few thousand values.
  const step = Math.max(1, Math.floor(values.length / 65536));
  const sample: number[] = [];
  for (let i = 0; i < values.length; i += step) if (Number.isFinite(values[i])) sample.push(values[i]);
  sample.sort((a, b) => a - b);
  return fractions.map((f) => sample[Math.min(sample.length - 1, Math.max(0, Math.round(f * (sample.length - 1))))] ?? Number.NaN);
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
  const mode = modeValue(smoothed, p005, p995);
  const brightTail = p995 - mode;
  const darkTail = mode - p005;
  return darkTail > DARK_TAIL_RATIO * brightTail ? 'dark' : 'bright';
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
  const [p005, p995] = quantiles(smoothed, [0.005, 0.995]);
  const mode = modeValue(smoothed, p005, p995);
  const step = Math.max(1, Math.floor(smoothed.length / 65536));
  const below: number[] = [];
  for (let i = 0; i < smoothed.length; i += step) if (smoothed[i] <= mode) below.push(mode - smoothed[i]);
  below.sort((a, b) => a - b);
  const sigma = 1.4826 * (below[below.length >> 1] ?? 0);
  return mode + 4 * sigma;
}

/** The offset added before taking logs: the background's spread (median minus the 1st percentile), so noise is not stretched. */
function logOffset(smoothed: Float32Array, low: number): number {
  const [p01, p50] = quantiles(smoothed, [0.01, 0.5]);
  return Math.max(1e-6, p50 - p01, (p50 - low) * 0.1);
}

/** Median inscribed radius and median area of the objects of a bright-object plane, thresholded by Otsu after smoothing by sigmaPx. */
function measureObjects(bright: Float32Array, width: number, height: number, sigmaPx: number): { radiusPx: number; medianAreaPx: number; objects: number } {
  const smoothed = sigmaPx > 0 ? gaussianBlur(bright, width, height, sigmaPx) : bright;
  const t = foregroundThreshold(smoothed);
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
  // Every ridge maximum of the distance map is the inscribed radius of one object, so in a
  // cluster of touching or overlapping objects each counts on its own. Maxima below half
  // their component's deepest are necks and spurs, not objects.
  const radii: number[] = [];
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
      radii.push(d - 0.5);
      weights.push(d * d); // the inscribed disk's area: noise specks cannot outvote objects
    }
  const areas: number[] = [];
  for (let l = 1; l <= count; l++) if (area[l] >= SPECK_AREA_PX) areas.push(area[l]);
  return { radiusPx: weightedMedian(radii, weights), medianAreaPx: weightedMedian(areas, areas), objects: radii.length };
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


/**
 * Estimates the typical object radius and the polarity of a plane. Two passes: a first
 * estimate with light smoothing (1 px), then again smoothed by a sixth of that radius so
 * noise does not break large, dim objects into specks. `polarity` skips the detection.
 */
export function estimateObjectScale(plane: PlaneData, width: number, height: number, polarity?: ObjectPolarity): ObjectScale {
  if (plane.length !== width * height) throw new RangeError(`plane has ${plane.length} pixels, expected ${width}x${height}`);
  const values = toFloat32(plane);
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) values[i] = 0;
  const light = gaussianBlur(values, width, height, 1);
  const chosen = polarity ?? detectPolarity(light);
  const bright = chosen === 'dark' ? brightObjects(values) : values;
  const first = measureObjects(bright, width, height, 1);
  if (!(first.radiusPx > 0)) return { ...first, polarity: chosen };
  const second = measureObjects(bright, width, height, Math.max(1, first.radiusPx / 6));
  return { ...(second.radiusPx > 0 ? second : first), polarity: chosen };
}

