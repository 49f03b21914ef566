// An uneven background (illumination fall-off, a gradient, a bright corner) defeats every global
// threshold: the dim side's objects fall below it, or the bright side's background rises above it.
// The background surface is measured on a coarse grid of tiles (a low percentile of each tile, which
// objects covering most of a tile do not reach), and a smooth surface (a quadratic in x and y) is fitted to
// them, tiles mostly covered by objects left out. It is subtracted only where
// it varies by more than the noise and a share of the objects' contrast would tolerate
// (backgroundUnevenness), so flat movies are segmented exactly as before.

import { radixSortFloat64 } from './radix-sort.ts';

/**
 * A background surface that spans less than this many noise SDs (of the lightly smoothed plane, as measured here)
 * is flat. On crowded movies the tiles' low percentiles differ by crowding alone: 8.5-10.5 SD on our simulator's
 * 90 nuclei at crowding 0.6-1.0 (seeds 9401-9404), where flattening cost seed 9404 (SNR 3) F1 0.584 -> 0.207
 * (eval-sim-seg.ts); a gradient of 0.6x the objects' contrast added to the same movies spans 14.4-22.9 SD.
 */
const MIN_RANGE_IN_NOISE_SD = 12;

/** Tiles per side of the grid along the shorter side (at least 32 px each): a smooth gradient needs few. */
const TILES_SHORT_SIDE = 6;
/** Each tile's background is this percentile of its pixels (objects rarely cover four fifths of a tile). */
const TILE_PERCENTILE = 0.2;

export interface BackgroundSurface {
  /** Background level at every pixel (empty when asked for the measures only). */
  surface: Float32Array;
  /** Largest minus smallest tile background (after outlier replacement). */
  range: number;
  /** Robust noise SD of pixels near their tile's background (1.4826 MAD of the lower half), the plane's units. */
  noise: number;
  /** Objects' contrast: 99.5th percentile of (plane - surface) minus its median. */
  contrast: number;
}

function percentile(values: number[], f: number): number {
  return atFraction(radixSortFloat64(Float64Array.from(values)), f);
}

/** percentile() of values already sorted (one sort read at several fractions). */
function atFraction(sorted: Float64Array, f: number): number {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(f * (sorted.length - 1))))];
}

function evaluate(coef: number[], t: number[]): number {
  let v = 0;
  for (let k = 0; k < t.length; k++) v += coef[k] * t[k];
  return v;
}

/**
 * evaluate(coef, terms(x, y)) for the quadratic, linear and constant surfaces, with the same operations in the same
 * order, without a terms array per pixel (the full surface is evaluated at every pixel of every flattened plane).
 */
function surfaceAt(coef: number[], x: number, y: number): number {
  let v = 0;
  v += coef[0] * 1;
  if (coef.length === 1) return v;
  v += coef[1] * x;
  v += coef[2] * y;
  if (coef.length === 3) return v;
  v += coef[3] * (x * x);
  v += coef[4] * (x * y);
  v += coef[5] * (y * y);
  return v;
}

/** Least-squares coefficients of `terms` for the points (normal equations, Gaussian elimination with pivoting). */
function fitSurface(points: { x: number; y: number; v: number }[], terms: (x: number, y: number) => number[]): number[] {
  const n = terms(0, 0).length;
  const a = Array.from({ length: n }, () => new Float64Array(n + 1));
  for (const p of points) {
    const t = terms(p.x, p.y);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) a[i][j] += t[i] * t[j];
      a[i][n] += t[i] * p.v;
    }
  }
  for (let c = 0; c < n; c++) {
    let best = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[best][c])) best = r;
    [a[c], a[best]] = [a[best], a[c]];
    if (Math.abs(a[c][c]) < 1e-12) continue;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = a[r][c] / a[c][c];
      for (let k = c; k <= n; k++) a[r][k] -= f * a[c][k];
    }
  }
  return Array.from({ length: n }, (_, i) => (Math.abs(a[i][i]) < 1e-12 ? 0 : a[i][n] / a[i][i]));
}

/** The background surface of a bright-object plane (lightly smoothed input is best: noise then moves the percentile little). */
export function backgroundSurface(plane: ArrayLike<number>, width: number, height: number, full = true): BackgroundSurface {
  const tile = Math.max(24, Math.floor(Math.min(width, height) / TILES_SHORT_SIDE));
  const nx = Math.max(1, Math.round(width / tile));
  const ny = Math.max(1, Math.round(height / tile));
  const tw = width / nx;
  const th = height / ny;
  const grid = new Float64Array(nx * ny);
  const lowerDeviations: number[] = [];
  for (let gy = 0; gy < ny; gy++)
    for (let gx = 0; gx < nx; gx++) {
      const x0 = Math.round(gx * tw);
      const x1 = Math.round((gx + 1) * tw);
      const y0 = Math.round(gy * th);
      const y1 = Math.round((gy + 1) * th);
      const step = Math.max(1, Math.floor(Math.sqrt(((x1 - x0) * (y1 - y0)) / 1024)));
      const values: number[] = [];
      for (let y = y0; y < y1; y += step) for (let x = x0; x < x1; x += step) {
        const v = plane[y * width + x];
        if (Number.isFinite(v)) values.push(v);
      }
      // (sorted once for both percentiles)
      const sorted = radixSortFloat64(Float64Array.from(values));
      const level = atFraction(sorted, TILE_PERCENTILE);
      grid[gy * nx + gx] = level;
      // Noise: the spread below the tile's median of its lowest two fifths (background pixels)
      const median = atFraction(sorted, 0.2);
      for (const v of values) if (v <= median) lowerDeviations.push(median - v);
    }
  // A smooth surface (a quadratic in x and y) fitted to the tile backgrounds by least squares, twice: tiles that
  // stand above the first fit by more than 3 robust SD (tiles mostly covered by objects) are left out of the second.
  const centres: { x: number; y: number; v: number }[] = [];
  for (let gy = 0; gy < ny; gy++) for (let gx = 0; gx < nx; gx++) if (Number.isFinite(grid[gy * nx + gx])) centres.push({ x: ((gx + 0.5) * tw) / width - 0.5, y: ((gy + 0.5) * th) / height - 0.5, v: grid[gy * nx + gx] });
  const terms = (x: number, y: number) => (centres.length >= 12 ? [1, x, y, x * x, x * y, y * y] : centres.length >= 4 ? [1, x, y] : [1]);
  let coef = fitSurface(centres, terms);
  const residuals = centres.map((c) => c.v - evaluate(coef, terms(c.x, c.y)));
  const mad = 1.4826 * percentile(residuals.map(Math.abs), 0.5);
  const kept = centres.filter((_, k) => residuals[k] <= 3 * mad + 1e-12);
  if (kept.length >= terms(0, 0).length && kept.length < centres.length) coef = fitSurface(kept, terms);
  // The surface at every pixel only when it is to be subtracted; the measures need it at the sampled pixels alone.
  const at = (i: number) => {
    const x = i % width;
    return surfaceAt(coef, (x + 0.5) / width - 0.5, ((i - x) / width + 0.5) / height - 0.5);
  };
  let surface = new Float32Array(0);
  if (full) {
    surface = new Float32Array(width * height);
    for (let y = 0; y < height; y++) {
      const fy = (y + 0.5) / height - 0.5;
      for (let x = 0; x < width; x++) surface[y * width + x] = surfaceAt(coef, (x + 0.5) / width - 0.5, fy);
    }
  }
  let lo = Infinity;
  let hi = -Infinity;
  for (const c of centres) {
    const v = evaluate(coef, terms(c.x, c.y));
    (v < lo && (lo = v), v > hi && (hi = v));
  }
  const noise = 1.4826 * percentile(lowerDeviations, 0.5);
  const step = Math.max(1, Math.floor(plane.length / 65536));
  const flat: number[] = [];
  for (let i = 0; i < plane.length; i += step) if (Number.isFinite(plane[i])) flat.push(plane[i] - (full ? surface[i] : at(i)));
  const sortedFlat = radixSortFloat64(Float64Array.from(flat));
  const contrast = atFraction(sortedFlat, 0.995) - atFraction(sortedFlat, 0.5);
  return { surface, range: hi - lo, noise, contrast };
}

/**
 * How uneven the background is, as a share of the objects' contrast: the range of the tile backgrounds
 * over the contrast, once the range exceeds what noise in the tile percentiles explains (3 noise SD).
 */
export function backgroundUnevenness(b: BackgroundSurface): number {
  if (!(b.contrast > 0) || b.range <= MIN_RANGE_IN_NOISE_SD * b.noise) return 0;
  return b.range / b.contrast;
}

/** plane - surface + the surface's mean: the background made flat at its average level. */
export function subtractSurface(plane: ArrayLike<number>, surface: Float32Array): Float32Array {
  let mean = 0;
  for (let i = 0; i < surface.length; i++) mean += surface[i];
  mean /= surface.length || 1;
  const out = new Float32Array(plane.length);
  for (let i = 0; i < plane.length; i++) out[i] = plane[i] - surface[i] + mean;
  return out;
}
