// Shape and intensity properties of the objects of one label plane, as
// skimage.measure.regionprops (0.19) defines them: area, centroid, perimeter (4-connected
// border pixels weighted by their neighbourhood code; Benkrid et al. 2000,
// doi:10.1109/ICIP.2000.899432), ellipse fit from second central moments (major/minor axis
// length = 4·sqrt(eigenvalue), orientation = angle between the row axis and the major axis,
// in radians in [-π/2, π/2]), eccentricity, and intensity statistics (population std,
// median as numpy's).
import type { PlaneData } from '../image/movie.ts';

export interface RegionShape {
  label: number;
  areaPx: number;
  centroidX: number;
  centroidY: number;
  perimeterPx: number;
  /**
   * min(1, 4πA/P²), A the pixel count and P perimeterPx. Clamped at 1, as ImageJ does: on a pixel grid the
   * perimeter of a small object is short for its pixel count (a disc of radius 2 px, 13 px: P 11.3 px, 4πA/P²
   * 1.28; radius 1: 1.96), so a value over 1 says nothing more than "as round as the grid can show". Large
   * discs read about 0.91 (radius 20 px), not 1: the estimate of P runs ~5% long on curved outlines.
   */
  circularity: number;
  majorAxisPx: number;
  minorAxisPx: number;
  /** skimage orientation: angle between the row (y) axis and the major axis, radians. */
  orientationRad: number;
  eccentricity: number;
  bbox: { x0: number; y0: number; x1: number; y1: number };
}

export interface IntensityStats {
  mean: number;
  median: number;
  min: number;
  max: number;
  std: number;
  sum: number;
}

/** Perimeter weights by neighbourhood code (skimage.measure.perimeter, 4-neighbourhood). */
const PERIMETER_WEIGHTS = (() => {
  const w = new Float64Array(50);
  for (const k of [5, 7, 15, 17, 25, 27]) w[k] = 1;
  for (const k of [21, 33]) w[k] = Math.SQRT2;
  for (const k of [13, 23]) w[k] = (1 + Math.SQRT2) / 2;
  return w;
})();

export interface PixelGroups {
  /** The labels present, ascending. */
  ids: number[];
  start: Int32Array;
  order: Int32Array;
  maxLabel: number;
}

/** The bounding box (inclusive, in pixels) of one label's pixels order[from .. to) of a plane `width` wide (see groupPixels). */
export function groupBox(order: ArrayLike<number>, from: number, to: number, width: number): { x0: number; y0: number; x1: number; y1: number } {
  let x0 = Infinity, y0 = Infinity, x1 = -1, y1 = -1;
  for (let j = from; j < to; j++) {
    const x = order[j] % width;
    const y = (order[j] - x) / width;
    (x0 = Math.min(x0, x)), (x1 = Math.max(x1, x)), (y0 = Math.min(y0, y)), (y1 = Math.max(y1, y));
  }
  return { x0, y0, x1, y1 };
}

/** Pixel indices of each label, grouped (counting sort): label l owns order[start[l] .. start[l+1]). */
export function groupPixels(labels: ArrayLike<number>): PixelGroups {
  let maxLabel = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] > maxLabel) maxLabel = labels[i];
  const counts = new Int32Array(maxLabel + 2);
  for (let i = 0; i < labels.length; i++) if (labels[i] > 0) counts[labels[i] + 1]++;
  const start = new Int32Array(maxLabel + 2);
  for (let l = 1; l <= maxLabel + 1; l++) start[l] = start[l - 1] + counts[l];
  const fill = start.slice();
  const order = new Int32Array(start[maxLabel + 1]);
  for (let i = 0; i < labels.length; i++) if (labels[i] > 0) order[fill[labels[i]]++] = i;
  const ids: number[] = [];
  for (let l = 1; l <= maxLabel; l++) if (start[l + 1] > start[l]) ids.push(l);
  return { ids, start, order, maxLabel };
}

function isBorder(labels: ArrayLike<number>, width: number, height: number, i: number, label: number): boolean {
  const x = i % width;
  const y = (i - x) / width;
  return (
    x === 0 || y === 0 || x === width - 1 || y === height - 1 ||
    labels[i - 1] !== label || labels[i + 1] !== label || labels[i - width] !== label || labels[i + width] !== label
  );
}

/** skimage regionprops perimeter of one object, given its pixels. */
function perimeterOf(labels: ArrayLike<number>, width: number, height: number, pixels: Int32Array, label: number): number {
  const border = new Set<number>();
  for (const i of pixels) if (isBorder(labels, width, height, i, label)) border.add(i);
  let total = 0;
  for (const i of border) {
    const x = i % width;
    const y = (i - x) / width;
    let code = 1;
    for (let dy = -1; dy <= 1; dy++)
      for (let dx = -1; dx <= 1; dx++) {
        if (dx === 0 && dy === 0) continue;
        const xx = x + dx;
        const yy = y + dy;
        if (xx < 0 || yy < 0 || xx >= width || yy >= height || !border.has(yy * width + xx)) continue;
        code += dx !== 0 && dy !== 0 ? 10 : 2;
      }
    total += PERIMETER_WEIGHTS[code];
  }
  return total;
}

/** 4πA/P² at most 1 (see RegionShape.circularity); 0 for an object without a perimeter. */
export function circularityOf(areaPx: number, perimeterPx: number): number {
  return perimeterPx > 0 ? Math.min(1, (4 * Math.PI * areaPx) / (perimeterPx * perimeterPx)) : 0;
}

function shapeOf(labels: ArrayLike<number>, width: number, height: number, pixels: Int32Array, label: number): RegionShape {
  const n = pixels.length;
  let sx = 0, sy = 0;
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const i of pixels) {
    const x = i % width;
    const y = (i - x) / width;
    sx += x;
    sy += y;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  const cx = sx / n;
  const cy = sy / n;
  let varX = 0, varY = 0, cov = 0;
  for (const i of pixels) {
    const dx = (i % width) - cx;
    const dy = Math.floor(i / width) - cy;
    varX += dx * dx;
    varY += dy * dy;
    cov += dx * dy;
  }
  varX /= n;
  varY /= n;
  cov /= n;
  // skimage inertia tensor [[a, b], [b, c]] with a = var(cols), c = var(rows), b = -cov.
  const a = varX, b = -cov, c = varY;
  const half = Math.sqrt(((a - c) / 2) ** 2 + b * b);
  const l1 = (a + c) / 2 + half;
  const l2 = Math.max(0, (a + c) / 2 - half);
  const orientationRad = a - c === 0 ? (b < 0 ? -Math.PI / 4 : Math.PI / 4) : 0.5 * Math.atan2(-2 * b, c - a);
  const perimeterPx = perimeterOf(labels, width, height, pixels, label);
  return {
    label,
    areaPx: n,
    centroidX: cx,
    centroidY: cy,
    perimeterPx,
    circularity: circularityOf(n, perimeterPx),
    majorAxisPx: 4 * Math.sqrt(l1),
    minorAxisPx: 4 * Math.sqrt(l2),
    orientationRad,
    eccentricity: l1 > 0 ? Math.sqrt(1 - l2 / l1) : 0,
    bbox: { x0, y0, x1, y1 },
  };
}

/** Shape properties of every object of a label plane, in label order (`groups`: groupPixels of the plane, when already made). */
export function regionShapes(labels: ArrayLike<number>, width: number, height: number, groups?: PixelGroups): RegionShape[] {
  if (labels.length !== width * height) throw new RangeError(`label plane has ${labels.length} pixels, expected ${width}x${height}`);
  groups ??= groupPixels(labels);
  return groups.ids.map((l) => shapeOf(labels, width, height, groups.order.subarray(groups.start[l], groups.start[l + 1]), l));
}

/** Intensity statistics of `values` at `pixels` (NaN pixels skipped). */
export function intensityStats(values: PlaneData, pixels: Int32Array): IntensityStats {
  const v = new Float64Array(pixels.length);
  let n = 0;
  for (const i of pixels) if (!Number.isNaN(values[i])) v[n++] = values[i];
  const used = v.subarray(0, n).sort();
  if (n === 0) return { mean: NaN, median: NaN, min: NaN, max: NaN, std: NaN, sum: 0 };
  let sum = 0;
  for (let k = 0; k < n; k++) sum += used[k];
  const mean = sum / n;
  let ss = 0;
  for (let k = 0; k < n; k++) ss += (used[k] - mean) ** 2;
  const median = n % 2 ? used[(n - 1) / 2] : (used[n / 2 - 1] + used[n / 2]) / 2;
  return { mean, median, min: used[0], max: used[n - 1], std: Math.sqrt(ss / n), sum };
}
