// Non-local means denoising of a plane, as skimage.restoration.denoise_nl_means with
// fast_mode=True (its defaults: patch_size 7, patch_distance 11, h 0.1, sigma 0):
// every pixel becomes a weighted mean of the pixels within patch_distance whose
// surrounding patches look alike, weights exp(-max(d² - 2σ², 0) / (h² · patch_size²)).
// Buades, Coll & Morel 2005, doi:10.1109/CVPR.2005.38; the fast shift-wise algorithm
// with integral images is Darbon et al. 2008, doi:10.1109/ISBI.2008.4541250.
import type { PlaneData } from '../image/movie.ts';

export interface NlMeansOptions {
  /** Side of the square patches compared, pixels (made odd). skimage default 7. */
  patchSizePx?: number;
  /** Largest shift searched for similar patches, pixels. skimage default 11. */
  patchDistancePx?: number;
  /** Cut-off in intensity units: larger h averages more. Default 0.8 x the estimated noise sigma (skimage's advice for fast mode). */
  h?: number;
  /** Known noise standard deviation subtracted from patch distances (skimage `sigma`). Default 0. */
  sigma?: number;
}

const DISTANCE_CUTOFF = 5;

function reflect(i: number, n: number): number {
  if (n === 1) return 0;
  const period = 2 * (n - 1);
  let k = ((i % period) + period) % period;
  if (k >= n) k = period - k;
  return k;
}

/**
 * Noise standard deviation from the finest diagonal Haar wavelet detail, by the median
 * absolute deviation (Donoho & Johnstone 1994), like skimage.restoration.estimate_sigma.
 */
export function estimateNoiseSigma(plane: PlaneData, width: number, height: number): number {
  const details: number[] = [];
  for (let y = 0; y + 1 < height; y += 2)
    for (let x = 0; x + 1 < width; x += 2) {
      const i = y * width + x;
      details.push(Math.abs((plane[i] - plane[i + 1] - plane[i + width] + plane[i + width + 1]) / 2));
    }
  if (!details.length) return 0;
  details.sort((a, b) => a - b);
  return details[Math.floor(details.length / 2)] / 0.6745;
}

/** Denoises a width x height plane; returns float32. */
export function nlMeansDenoise(plane: PlaneData, width: number, height: number, options: NlMeansOptions = {}): Float32Array {
  if (plane.length !== width * height) throw new RangeError(`plane has ${plane.length} pixels, expected ${width}x${height}`);
  let s = Math.round(options.patchSizePx ?? 7);
  if (s < 1) throw new RangeError(`patchSizePx must be at least 1, got ${options.patchSizePx}`);
  if (s % 2 === 0) s += 1;
  const d = Math.round(options.patchDistancePx ?? 11);
  if (d < 0) throw new RangeError(`patchDistancePx must be >= 0, got ${options.patchDistancePx}`);
  const h = options.h ?? 0.8 * estimateNoiseSigma(plane, width, height);
  if (!(h > 0)) return Float32Array.from(plane as ArrayLike<number>);
  const variance2 = 2 * (options.sigma ?? 0) ** 2;
  const offset = s >> 1;
  const pad = offset + d + 1;
  const rows = height + 2 * pad;
  const cols = width + 2 * pad;
  const padded = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const src = reflect(r - pad, height) * width;
    for (let c = 0; c < cols; c++) padded[r * cols + c] = plane[src + reflect(c - pad, width)];
  }
  const result = new Float64Array(rows * cols);
  const weights = new Float64Array(rows * cols);
  const integral = new Float64Array(rows * cols);
  const h2s2 = h * h * s * s;
  for (let tRow = -d; tRow <= d; tRow++) {
    for (let tCol = 0; tCol <= d; tCol++) {
      // Shifts (t, 0) and (-t, 0) are both visited, so each counts half (as in skimage).
      const alpha = tCol === 0 ? 0.5 : 1;
      const shift = tRow * cols + tCol;
      for (let r = Math.max(1, -tRow); r < Math.min(rows, rows - tRow); r++)
        for (let c = Math.max(1, -tCol); c < Math.min(cols, cols - tCol); c++) {
          const i = r * cols + c;
          const diff = padded[i] - padded[i + shift];
          integral[i] = diff * diff - variance2 + integral[i - cols] + integral[i - 1] - integral[i - cols - 1];
        }
      // Patch distance from four integral-image corners (skimage's _integral_to_distance_2d).
      for (let r = Math.max(offset, offset - tRow); r < Math.min(rows - offset, rows - offset - tRow); r++) {
        const lo = (r - offset) * cols;
        const hi = (r + offset) * cols;
        for (let c = offset; c < cols - offset - tCol; c++) {
          let distance = integral[hi + c + offset] + integral[lo + c - offset] - integral[lo + c + offset] - integral[hi + c - offset];
          distance = Math.max(distance, 0) / h2s2;
          if (distance > DISTANCE_CUTOFF) continue;
          const weight = alpha * Math.exp(-distance);
          const i = r * cols + c;
          weights[i] += weight;
          weights[i + shift] += weight;
          result[i] += weight * padded[i + shift];
          result[i + shift] += weight * padded[i];
        }
      }
    }
  }
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y + pad) * cols + x + pad;
      out[y * width + x] = result[i] / weights[i];
    }
  return out;
}
