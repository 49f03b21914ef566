// Linear filters on single planes, as scipy.ndimage / skimage.filters compute them.
// gaussianBlur mirrors scipy.ndimage.gaussian_filter (and skimage.filters.gaussian with
// preserve_range=True): a separable kernel of radius round(truncate * sigma), mode
// 'nearest' (edge pixels repeated).
import type { PlaneData } from '../image/movie.ts';

/** Normalised 1-D Gaussian weights of radius trunc(truncate * sigmaPx + 0.5). */
export function gaussianKernel(sigmaPx: number, truncate = 4): Float64Array {
  const radius = Math.trunc(truncate * sigmaPx + 0.5);
  const weights = new Float64Array(2 * radius + 1);
  let sum = 0;
  for (let i = -radius; i <= radius; i++) {
    const w = Math.exp((-0.5 * i * i) / (sigmaPx * sigmaPx));
    weights[i + radius] = w;
    sum += w;
  }
  for (let i = 0; i < weights.length; i++) weights[i] /= sum;
  return weights;
}

/** Converts any plane to float32 (a copy). */
export function toFloat32(plane: PlaneData): Float32Array {
  return Float32Array.from(plane as ArrayLike<number>);
}

/**
 * Gaussian smoothing of a width x height plane; sigmaPx >= 0 (0 returns a float copy).
 * Boundary: nearest (edge values repeated), truncate 4 sigma, as scipy's defaults with mode='nearest'.
 */
export function gaussianBlur(plane: PlaneData, width: number, height: number, sigmaPx: number, truncate = 4): Float32Array {
  if (!(sigmaPx >= 0) || !Number.isFinite(sigmaPx)) throw new RangeError(`sigmaPx must be a finite number >= 0, got ${sigmaPx}`);
  if (plane.length !== width * height) throw new RangeError(`plane has ${plane.length} pixels, expected ${width}x${height}`);
  if (sigmaPx === 0) return toFloat32(plane);
  const kernel = gaussianKernel(sigmaPx, truncate);
  const radius = (kernel.length - 1) / 2;
  const tmp = new Float32Array(width * height);
  const out = new Float32Array(width * height);
  // Rows: copy each row into a padded line buffer, then convolve (the kernel is symmetric).
  const line = new Float64Array(width + 2 * radius);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let i = -radius; i < width + radius; i++) line[i + radius] = plane[row + Math.min(width - 1, Math.max(0, i))];
    for (let x = 0; x < width; x++) {
      const c = x + radius;
      let s = kernel[radius] * line[c];
      for (let k = 1; k <= radius; k++) s += kernel[radius + k] * (line[c - k] + line[c + k]);
      tmp[row + x] = s;
    }
  }
  // Columns, one output row at a time so memory is read in order.
  const acc = new Float64Array(width);
  for (let y = 0; y < height; y++) {
    acc.fill(0);
    for (let k = -radius; k <= radius; k++) {
      const w = kernel[k + radius];
      const src = Math.min(height - 1, Math.max(0, y + k)) * width;
      for (let x = 0; x < width; x++) acc[x] += w * tmp[src + x];
    }
    out.set(acc, y * width);
  }
  return out;
}
