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

/** Convolves each row with a symmetric kernel (edges repeated) and writes the result transposed (dst is height x width). */
function convolveRowsTransposed(src: ArrayLike<number>, width: number, height: number, kernel: Float64Array, dst: Float32Array): void {
  const radius = (kernel.length - 1) / 2;
  const line = new Float64Array(width + 2 * radius);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let i = 0; i < radius; i++) (line[i] = src[row]), (line[width + radius + i] = src[row + width - 1]);
    for (let x = 0; x < width; x++) line[x + radius] = src[row + x];
    for (let x = 0; x < width; x++) {
      const c = x + radius;
      let s = kernel[radius] * line[c];
      for (let k = 1; k <= radius; k++) s += kernel[radius + k] * (line[c - k] + line[c + k]);
      dst[x * height + y] = s;
    }
  }
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
  // Two passes of "convolve rows, write transposed": both passes read memory in order.
  const transposed = new Float32Array(width * height);
  const out = new Float32Array(width * height);
  convolveRowsTransposed(plane, width, height, kernel, transposed);
  convolveRowsTransposed(transposed, height, width, kernel, out);
  return out;
}
