// Global thresholds, matching scikit-image 0.19's skimage.filters implementations:
// threshold_otsu (Otsu 1979, doi:10.1109/TSMC.1979.4310076), threshold_li (Li & Lee 1993,
// doi:10.1016/0031-3203(93)90115-D; Li & Tam 1998, iterative form) and threshold_triangle
// (Zack et al. 1977, doi:10.1177/25.7.70454). Histograms follow skimage.exposure.histogram:
// integer planes get one bin per integer value between min and max; float planes get
// `nbins` equal bins over [min, max] with bin centres.
import type { PlaneData } from '../image/movie.ts';

export type ThresholdMethod = 'otsu' | 'li' | 'triangle';

export interface Histogram {
  counts: Float64Array;
  binCenters: Float64Array;
}

function isIntegerPlane(plane: PlaneData): boolean {
  return !(plane instanceof Float32Array || plane instanceof Float64Array);
}

/** Finite values only (NaN and ±Inf dropped), as a float64 copy. */
function finiteValues(plane: PlaneData): Float64Array {
  const out = new Float64Array(plane.length);
  let n = 0;
  for (let i = 0; i < plane.length; i++) if (Number.isFinite(plane[i])) out[n++] = plane[i];
  return out.subarray(0, n);
}

function minMax(values: ArrayLike<number>): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return [min, max];
}

/** skimage.exposure.histogram(image, nbins, source_range='image'). */
export function histogram(plane: PlaneData, nbins = 256): Histogram {
  if (isIntegerPlane(plane)) {
    const [min, max] = minMax(plane);
    const counts = new Float64Array(max - min + 1);
    for (let i = 0; i < plane.length; i++) counts[plane[i] - min]++;
    return { counts, binCenters: Float64Array.from({ length: counts.length }, (_, i) => min + i) };
  }
  const values = finiteValues(plane);
  let [min, max] = minMax(values);
  if (min === max) (min -= 0.5), (max += 0.5); // numpy's rule for an empty range
  const counts = new Float64Array(nbins);
  const step = (max - min) / nbins;
  const edges = Float64Array.from({ length: nbins + 1 }, (_, i) => (i === nbins ? max : min + i * step));
  const norm = nbins / (max - min);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    let k = Math.min(nbins - 1, Math.floor((v - min) * norm));
    // numpy corrects rounding at bin edges the same way.
    if (v < edges[k]) k--;
    else if (k < nbins - 1 && v >= edges[k + 1]) k++;
    counts[k]++;
  }
  const binCenters = Float64Array.from({ length: nbins }, (_, i) => (edges[i] + edges[i + 1]) / 2);
  return { counts, binCenters };
}

function checkPlane(plane: PlaneData, name: string): void {
  if (plane.length === 0) throw new RangeError(`${name}: the plane is empty`);
}

/** The single value of a constant plane, or undefined. */
export function constantValue(plane: PlaneData): number | undefined {
  const first = plane[0];
  for (let i = 1; i < plane.length; i++) if (plane[i] !== first) return undefined;
  return first;
}

/** Otsu's threshold: pixels > threshold are foreground. nbins applies to float planes only. */
export function thresholdOtsu(plane: PlaneData, nbins = 256): number {
  checkPlane(plane, 'otsu');
  const constant = constantValue(plane);
  if (constant !== undefined) return constant;
  const { counts, binCenters } = histogram(plane, nbins);
  const n = counts.length;
  const weight1 = new Float64Array(n);
  const sum1 = new Float64Array(n);
  let w = 0;
  let s = 0;
  for (let i = 0; i < n; i++) (w += counts[i]), (s += counts[i] * binCenters[i]), (weight1[i] = w), (sum1[i] = s);
  const totalWeight = w;
  const totalSum = s;
  let best = -Infinity;
  let bestIndex = 0;
  for (let i = 0; i < n - 1; i++) {
    const w1 = weight1[i];
    const w2 = totalWeight - w1;
    const mean1 = sum1[i] / w1;
    const mean2 = (totalSum - sum1[i]) / w2;
    const variance = w1 * w2 * (mean1 - mean2) ** 2;
    // NaN (an empty class) never wins, as with numpy's argmax over finite values.
    if (variance > best) (best = variance), (bestIndex = i);
  }
  return binCenters[bestIndex];
}

/**
 * Li's minimum cross-entropy threshold, iterated until the change is below the tolerance
 * (0.5 grey level for integer planes, half the smallest gap between distinct values for float).
 */
export function thresholdLi(plane: PlaneData): number {
  checkPlane(plane, 'li');
  const values = finiteValues(plane);
  if (values.length === 0) return Number.NaN;
  const constant = constantValue(values);
  if (constant !== undefined) return constant;
  const [imageMin] = minMax(values);
  if (isIntegerPlane(plane)) return thresholdLiInteger(plane, imageMin);
  for (let i = 0; i < values.length; i++) values[i] -= imageMin;
  const sorted = Float64Array.from(values).sort();
  let minGap = Infinity;
  for (let i = 1; i < sorted.length; i++) {
    const gap = sorted[i] - sorted[i - 1];
    if (gap > 0 && gap < minGap) minGap = gap;
  }
  const tolerance = minGap / 2;
  let tNext = mean(values);
  let tCurr = -2 * tolerance;
  while (Math.abs(tNext - tCurr) > tolerance) {
    tCurr = tNext;
    let fore = 0;
    let foreCount = 0;
    let back = 0;
    let backCount = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v > tCurr) (fore += v), foreCount++;
      else (back += v), backCount++;
    }
    const meanFore = fore / foreCount;
    const meanBack = back / backCount;
    tNext = (meanBack - meanFore) / (Math.log(meanBack) - Math.log(meanFore));
    if (!Number.isFinite(tNext)) break;
  }
  return tNext + imageMin;
}

/** skimage's integer branch of threshold_li: the same iteration over the histogram. */
function thresholdLiInteger(plane: PlaneData, imageMin: number): number {
  const { counts, binCenters } = histogram(plane);
  const centers = binCenters.map((c) => c - imageMin);
  let total = 0;
  let totalSum = 0;
  for (let i = 0; i < counts.length; i++) (total += counts[i]), (totalSum += counts[i] * centers[i]);
  const tolerance = 0.5;
  let tNext = totalSum / total;
  let tCurr = -2 * tolerance;
  while (Math.abs(tNext - tCurr) > tolerance) {
    tCurr = tNext;
    let back = 0;
    let backCount = 0;
    for (let i = 0; i < counts.length && centers[i] <= tCurr; i++) (back += counts[i] * centers[i]), (backCount += counts[i]);
    const meanBack = back / backCount;
    const meanFore = (totalSum - back) / (total - backCount);
    tNext = (meanBack - meanFore) / (Math.log(meanBack) - Math.log(meanFore));
    if (!Number.isFinite(tNext)) break;
  }
  return tNext + imageMin;
}

/** Triangle (Zack) threshold over the histogram; nbins applies to float planes only. */
export function thresholdTriangle(plane: PlaneData, nbins = 256): number {
  checkPlane(plane, 'triangle');
  const { counts, binCenters } = histogram(plane, nbins);
  const n = counts.length;
  let hist = counts;
  let argPeak = 0;
  for (let i = 1; i < n; i++) if (hist[i] > hist[argPeak]) argPeak = i;
  const peakHeight = hist[argPeak];
  let argLow = 0;
  while (argLow < n - 1 && hist[argLow] === 0) argLow++;
  let argHigh = n - 1;
  while (argHigh > 0 && hist[argHigh] === 0) argHigh--;
  // Work on the longer tail: flip when the left one is shorter.
  const flip = argPeak - argLow < argHigh - argPeak;
  if (flip) {
    hist = Float64Array.from(hist).reverse();
    argLow = n - argHigh - 1;
    argPeak = n - argPeak - 1;
  }
  const width = argPeak - argLow;
  const norm = Math.sqrt(peakHeight * peakHeight + width * width);
  const peakNorm = peakHeight / norm;
  const widthNorm = width / norm;
  let best = -Infinity;
  let argLevel = argLow;
  for (let x = 0; x < width; x++) {
    const length = peakNorm * x - widthNorm * hist[x + argLow];
    if (length > best) (best = length), (argLevel = x + argLow);
  }
  if (flip) argLevel = n - argLevel - 1;
  return binCenters[argLevel];
}

function mean(values: Float64Array): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s / values.length;
}

/** Dispatches on the method name. */
export function threshold(plane: PlaneData, method: ThresholdMethod): number {
  switch (method) {
    case 'otsu':
      return thresholdOtsu(plane);
    case 'li':
      return thresholdLi(plane);
    case 'triangle':
      return thresholdTriangle(plane);
  }
}
