// Seeds and flooding for splitting touching objects, as scikit-image 0.19 does it:
// peakLocalMax mirrors skimage.feature.peak_local_max (maximum filter with a square
// footprint, mode 'constant', then greedy minimum spacing in decreasing intensity, per label
// when labels are given), and watershed mirrors skimage.segmentation.watershed (marker-based
// priority flood, Beucher & Meyer 1993; ties broken by age, so equal levels flood
// first-in first-out; a pixel takes its label when it is queued).
import type { PlaneData } from '../image/movie.ts';
import type { Connectivity } from './morphology.ts';

export interface PeakOptions {
  /** Minimum distance between peaks in pixels (Chebyshev), and the footprint half-size when none is given. skimage default 1. */
  minDistancePx?: number;
  /** Side of the square footprint of the maximum filter (odd, pixels); default 2 * minDistancePx + 1. */
  footprintSizePx?: number;
  /** Peaks must be above this value; default the plane's minimum. */
  thresholdAbs?: number;
  /** Peaks must be above this fraction of the plane's maximum. */
  thresholdRel?: number;
  /** Exclude peaks within this many pixels of the edge; true (default) means minDistancePx. */
  excludeBorder?: boolean | number;
  /** Keep at most this many peaks (the brightest). */
  numPeaks?: number;
  /** Find peaks within each label separately (0 = background, never a peak). */
  labels?: ArrayLike<number>;
}

/** A peak's row (y) and column (x). */
export type Peak = [number, number];

/** Maximum over a square window of side `size`, pixels outside the region counting as `cval`. */
function maximumFilter(image: Float64Array, width: number, height: number, size: number, cval: number): Float64Array {
  const half = (size - 1) / 2;
  const rows = new Float64Array(width * height);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      let m = x - half < 0 || x + half >= width ? cval : -Infinity;
      const from = Math.max(0, x - half);
      const to = Math.min(width - 1, x + half);
      for (let k = from; k <= to; k++) if (image[row + k] > m) m = image[row + k];
      rows[row + x] = m;
    }
  }
  const out = new Float64Array(width * height);
  for (let x = 0; x < width; x++) {
    for (let y = 0; y < height; y++) {
      let m = y - half < 0 || y + half >= height ? cval : -Infinity;
      const from = Math.max(0, y - half);
      const to = Math.min(height - 1, y + half);
      for (let k = from; k <= to; k++) if (rows[k * width + x] > m) m = rows[k * width + x];
      out[y * width + x] = m;
    }
  }
  return out;
}

/** Candidate peaks: equal to the local maximum and above threshold; none when every pixel (of the region) is a maximum. */
function peakMask(image: Float64Array, width: number, height: number, size: number, threshold: number, region?: Uint8Array): Uint8Array {
  const n = width * height;
  const out = new Uint8Array(n);
  const max = size === 1 ? image : maximumFilter(image, width, height, size, 0);
  let all = true;
  for (let i = 0; i < n; i++) {
    const isMax = image[i] === max[i];
    if (size > 1 && (!region || region[i]) && !isMax) all = false;
    out[i] = isMax ? 1 : 0;
  }
  if (size > 1 && all) {
    out.fill(0);
    // skimage: in a trivial region, pixels that a binary opening removes (isolated ones) are peaks.
    if (region) {
      const opened = binaryOpeningCross(region, width, height);
      for (let i = 0; i < n; i++) out[i] = region[i] && !opened[i] ? 1 : 0;
    }
  }
  for (let i = 0; i < n; i++) if (!(image[i] > threshold)) out[i] = 0;
  return out;
}

/** Binary opening with the 3x3 cross (scipy's default structure); erosion treats outside as 0. */
function binaryOpeningCross(mask: Uint8Array, width: number, height: number): Uint8Array {
  const at = (x: number, y: number) => (x >= 0 && x < width && y >= 0 && y < height ? mask[y * width + x] : 0);
  const eroded = new Uint8Array(mask.length);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      eroded[y * width + x] = at(x, y) && at(x - 1, y) && at(x + 1, y) && at(x, y - 1) && at(x, y + 1) ? 1 : 0;
  const opened = new Uint8Array(mask.length);
  const e = (x: number, y: number) => (x >= 0 && x < width && y >= 0 && y < height ? eroded[y * width + x] : 0);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) opened[y * width + x] = e(x, y) || e(x - 1, y) || e(x + 1, y) || e(x, y - 1) || e(x, y + 1) ? 1 : 0;
  return opened;
}

/** Greedy spacing: brightest first (raster order on ties), dropping candidates closer than minDistance (Chebyshev). */
function highIntensityPeaks(image: Float64Array, width: number, mask: Uint8Array, minDistancePx: number, numPeaks: number): Peak[] {
  const candidates: number[] = [];
  for (let i = 0; i < mask.length; i++) if (mask[i]) candidates.push(i);
  candidates.sort((a, b) => image[b] - image[a] || a - b);
  const accepted: Peak[] = [];
  for (const i of candidates) {
    if (accepted.length >= numPeaks) break;
    const x = i % width;
    const y = (i - x) / width;
    let tooClose = false;
    for (const [py, px] of accepted) {
      if (Math.max(Math.abs(py - y), Math.abs(px - x)) < minDistancePx) {
        tooClose = true;
        break;
      }
    }
    if (!tooClose) accepted.push([y, x]);
  }
  return accepted;
}

function checkOptions(minDistancePx: number, size: number): void {
  if (!Number.isInteger(minDistancePx) || minDistancePx < 1) throw new RangeError(`minDistancePx must be an integer >= 1, got ${minDistancePx}`);
  if (!Number.isInteger(size) || size < 1 || size % 2 === 0) throw new RangeError(`footprintSizePx must be an odd integer >= 1, got ${size}`);
}

/** Local maxima of a plane as [y, x] pairs, brightest first (per label, in label order, when labels are given). */
export function peakLocalMax(image: PlaneData, width: number, height: number, options: PeakOptions = {}): Peak[] {
  const minDistancePx = options.minDistancePx ?? 1;
  const size = options.footprintSizePx ?? 2 * minDistancePx + 1;
  checkOptions(minDistancePx, size);
  const values = Float64Array.from(image as ArrayLike<number>);
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) (min = Math.min(min, values[i])), (max = Math.max(max, values[i]));
  let threshold = options.thresholdAbs ?? min;
  if (options.thresholdRel !== undefined) threshold = Math.max(threshold, options.thresholdRel * max);
  const border = options.excludeBorder === false ? 0 : options.excludeBorder === true || options.excludeBorder === undefined ? minDistancePx : options.excludeBorder;
  const numPeaks = options.numPeaks ?? Infinity;
  if (!options.labels) {
    const mask = peakMask(values, width, height, size, threshold);
    clearBorder(mask, width, height, border);
    return highIntensityPeaks(values, width, mask, minDistancePx, numPeaks);
  }
  const peaks = peaksPerLabel(values, width, height, options.labels, size, threshold, border, minDistancePx);
  if (peaks.length <= numPeaks) return peaks;
  const mask = new Uint8Array(width * height);
  for (const [y, x] of peaks) mask[y * width + x] = 1;
  return highIntensityPeaks(values, width, mask, minDistancePx, numPeaks);
}

function clearBorder(mask: { [i: number]: number }, width: number, height: number, border: number): void {
  if (border <= 0) return;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) if (y < border || y >= height - border || x < border || x >= width - border) mask[y * width + x] = 0;
}

interface Box {
  y0: number;
  x0: number;
  y1: number;
  x1: number;
}

/** Bounding boxes (inclusive) of labels 1..max, as scipy.ndimage.find_objects. */
export function boundingBoxes(labels: ArrayLike<number>, width: number): (Box | undefined)[] {
  const boxes: (Box | undefined)[] = [];
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i];
    if (!l) continue;
    const x = i % width;
    const y = (i - x) / width;
    const b = boxes[l];
    if (!b) boxes[l] = { y0: y, x0: x, y1: y, x1: x };
    else {
      if (x < b.x0) b.x0 = x;
      if (x > b.x1) b.x1 = x;
      if (y > b.y1) b.y1 = y;
    }
  }
  return boxes;
}

/** skimage's labelled branch: each object is cut out by its bounding box, outside pixels set very low. */
function peaksPerLabel(values: Float64Array, width: number, height: number, labels: ArrayLike<number>, size: number, threshold: number, border: number, minDistancePx: number): Peak[] {
  const trimmed = Uint32Array.from(labels as ArrayLike<number>);
  clearBorder(trimmed, width, height, border);
  const boxes = boundingBoxes(trimmed, width);
  const peaks: Peak[] = [];
  for (let label = 1; label < boxes.length; label++) {
    const box = boxes[label];
    if (!box) continue;
    const w = box.x1 - box.x0 + 1;
    const h = box.y1 - box.y0 + 1;
    const crop = new Float64Array(w * h);
    const region = new Uint8Array(w * h);
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        const i = (y + box.y0) * width + x + box.x0;
        const inside = labels[i] === label;
        region[y * w + x] = inside ? 1 : 0;
        crop[y * w + x] = inside ? values[i] : -Number.MAX_VALUE;
      }
    const mask = peakMask(crop, w, h, size, threshold, region);
    for (const [y, x] of highIntensityPeaks(crop, w, mask, minDistancePx, Infinity)) peaks.push([y + box.y0, x + box.x0]);
  }
  return peaks;
}

/** A min-heap of pixels keyed by (value, age). */
class PixelHeap {
  private values: Float64Array;
  private ages: Float64Array;
  private indices: Int32Array;
  size = 0;
  constructor(capacity: number) {
    this.values = new Float64Array(capacity);
    this.ages = new Float64Array(capacity);
    this.indices = new Int32Array(capacity);
  }
  private less(a: number, b: number): boolean {
    return this.values[a] < this.values[b] || (this.values[a] === this.values[b] && this.ages[a] < this.ages[b]);
  }
  private swap(a: number, b: number): void {
    const v = this.values[a], g = this.ages[a], i = this.indices[a];
    this.values[a] = this.values[b], this.ages[a] = this.ages[b], this.indices[a] = this.indices[b];
    this.values[b] = v, this.ages[b] = g, this.indices[b] = i;
  }
  push(value: number, age: number, index: number): void {
    if (this.size === this.values.length) this.grow();
    let k = this.size++;
    this.values[k] = value;
    this.ages[k] = age;
    this.indices[k] = index;
    while (k > 0) {
      const parent = (k - 1) >> 1;
      if (!this.less(k, parent)) break;
      this.swap(k, parent);
      k = parent;
    }
  }
  pop(): number {
    const top = this.indices[0];
    this.size--;
    if (this.size > 0) {
      this.values[0] = this.values[this.size];
      this.ages[0] = this.ages[this.size];
      this.indices[0] = this.indices[this.size];
      let k = 0;
      for (;;) {
        const l = 2 * k + 1;
        const r = l + 1;
        let m = k;
        if (l < this.size && this.less(l, m)) m = l;
        if (r < this.size && this.less(r, m)) m = r;
        if (m === k) break;
        this.swap(k, m);
        k = m;
      }
    }
    return top;
  }
  private grow(): void {
    const grow = <T extends Float64Array | Int32Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(a.length * 2 + 16);
      b.set(a);
      return b;
    };
    this.values = grow(this.values);
    this.ages = grow(this.ages);
    this.indices = grow(this.indices);
  }
}

/**
 * Marker-based watershed: floods `image` from the non-zero `markers` (label values kept)
 * in order of increasing level, restricted to non-zero `mask` pixels when given.
 * Pixels that no marker reaches stay 0. connectivity 4 (default, skimage's connectivity=1) or 8.
 */
export function watershed(
  image: ArrayLike<number>,
  markers: ArrayLike<number>,
  width: number,
  height: number,
  options: { mask?: ArrayLike<number>; connectivity?: Connectivity } = {},
): Uint32Array {
  const n = width * height;
  if (image.length !== n || markers.length !== n || (options.mask && options.mask.length !== n)) {
    throw new RangeError(`image, markers and mask must all hold ${width}x${height} pixels`);
  }
  const mask = options.mask;
  const output = new Uint32Array(n);
  const heap = new PixelHeap(Math.min(n, 1 << 16));
  for (let i = 0; i < n; i++) {
    if (markers[i] && (!mask || mask[i])) {
      output[i] = markers[i];
      heap.push(image[i], 0, i);
    }
  }
  const dx = options.connectivity === 8 ? [0, -1, 1, 0, -1, 1, -1, 1] : [0, -1, 1, 0];
  const dy = options.connectivity === 8 ? [-1, 0, 0, 1, -1, -1, 1, 1] : [-1, 0, 0, 1];
  let age = 0;
  while (heap.size > 0) {
    const i = heap.pop();
    const x = i % width;
    const y = (i - x) / width;
    for (let k = 0; k < dx.length; k++) {
      const xx = x + dx[k];
      const yy = y + dy[k];
      if (xx < 0 || xx >= width || yy < 0 || yy >= height) continue;
      const j = yy * width + xx;
      if (output[j] || (mask && !mask[j])) continue;
      output[j] = output[i];
      heap.push(image[j], ++age, j);
    }
  }
  return output;
}

/**
 * Merges watershed basins that are not separated by a deep enough pass (h-maxima by
 * dynamics, as skimage.morphology.h_maxima would select the seeds): two neighbouring basins
 * stay apart only where the lower of their peaks rises at least `minDepth` above the highest
 * point of the border between them. On a distance map this keeps the waist between two
 * touching round nuclei and removes the shallow ones along an elongated or irregular cell.
 * `landscape` is the height the basins were grown from (higher = nearer a peak); label 0 is
 * background. Returns the labels renumbered 1..n.
 */
export function mergeShallowBasins(labels: Uint32Array, landscape: ArrayLike<number>, width: number, height: number, minDepth: number): { labels: Uint32Array; count: number } {
  let max = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] > max) max = labels[i];
  const peak = new Float64Array(max + 1).fill(-Infinity);
  for (let i = 0; i < labels.length; i++) if (labels[i] && landscape[i] > peak[labels[i]]) peak[labels[i]] = landscape[i];
  const parent = Uint32Array.from({ length: max + 1 }, (_, k) => k);
  const find = (k: number): number => {
    while (parent[k] !== k) k = parent[k] = parent[parent[k]];
    return k;
  };
  // Highest passes first: a basin joins its neighbour while it is still shallow, before lower passes are judged.
  for (const [first, second, level] of passesBetweenBasins(labels, landscape, width, height, max)) {
    const a = find(first);
    const b = find(second);
    if (a === b) continue;
    if (Math.min(peak[a], peak[b]) - level >= minDepth) continue;
    const [high, low] = peak[a] >= peak[b] ? [a, b] : [b, a];
    parent[low] = high;
  }
  const renumber = new Uint32Array(max + 1);
  let count = 0;
  for (let k = 1; k <= max; k++) if (find(k) === k && peak[k] > -Infinity) renumber[k] = ++count;
  const out = new Uint32Array(labels.length);
  for (let i = 0; i < labels.length; i++) if (labels[i]) out[i] = renumber[find(labels[i])];
  return { labels: out, count };
}

/**
 * The highest pass between each pair of touching basins (4-neighbours; the lower of the two pixels on the
 * border), highest first, as [basin, basin, level]. Labels run 1..maxLabel; 0 is background.
 */
export function passesBetweenBasins(labels: ArrayLike<number>, landscape: ArrayLike<number>, width: number, height: number, maxLabel: number): [number, number, number][] {
  const pass = new Map<number, number>();
  const note = (a: number, b: number, level: number) => {
    const key = a < b ? a * (maxLabel + 1) + b : b * (maxLabel + 1) + a;
    const old = pass.get(key);
    if (old === undefined || level > old) pass.set(key, level);
  };
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const a = labels[i];
      if (!a) continue;
      if (x + 1 < width && labels[i + 1] && labels[i + 1] !== a) note(a, labels[i + 1], Math.min(landscape[i], landscape[i + 1]));
      if (y + 1 < height && labels[i + width] && labels[i + width] !== a) note(a, labels[i + width], Math.min(landscape[i], landscape[i + width]));
    }
  return [...pass.entries()].sort((p, q) => q[1] - p[1]).map(([key, level]) => [Math.floor(key / (maxLabel + 1)), key % (maxLabel + 1), level]);
}
