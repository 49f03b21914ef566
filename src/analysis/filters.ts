// Linear filters on single planes, as scipy.ndimage / skimage.filters compute them.
// gaussianBlur mirrors scipy.ndimage.gaussian_filter (and skimage.filters.gaussian with
// preserve_range=True): a separable kernel of radius round(truncate * sigma), mode
// 'nearest' (edge pixels repeated) or, where asked, 'mirror'.
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
 * Convolves each row with a symmetric kernel (edges repeated) into dst (same layout). Four
 * pixels at a time, each with its own running sum (four independent chains of additions
 * instead of one): per pixel the same sums in the same order as a plain tap loop.
 */
function convolveRows(src: ArrayLike<number>, width: number, height: number, kernel: Float64Array, dst: Float32Array, border: BlurBorder = 'nearest'): void {
  const radius = (kernel.length - 1) / 2;
  const line = new Float64Array(width + 2 * radius);
  const center = kernel[radius];
  const blocks = width & ~3;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    const first = src[row];
    const last = src[row + width - 1];
    if (border === 'mirror') for (let i = 0; i < radius; i++) (line[radius - 1 - i] = src[row + mirrorIndex(-1 - i, width)]), (line[width + radius + i] = src[row + mirrorIndex(width + i, width)]);
    else for (let i = 0; i < radius; i++) (line[i] = first), (line[width + radius + i] = last);
    for (let x = 0; x < width; x++) line[x + radius] = src[row + x];
    let x = 0;
    for (; x < blocks; x += 4) {
      const c = x + radius;
      let s0 = center * line[c];
      let s1 = center * line[c + 1];
      let s2 = center * line[c + 2];
      let s3 = center * line[c + 3];
      for (let k = 1; k <= radius; k++) {
        const w = kernel[radius + k];
        const l = c - k;
        const r = c + k;
        s0 += w * (line[l] + line[r]);
        s1 += w * (line[l + 1] + line[r + 1]);
        s2 += w * (line[l + 2] + line[r + 2]);
        s3 += w * (line[l + 3] + line[r + 3]);
      }
      dst[row + x] = s0;
      dst[row + x + 1] = s1;
      dst[row + x + 2] = s2;
      dst[row + x + 3] = s3;
    }
    for (; x < width; x++) {
      const c = x + radius;
      let s = center * line[c];
      for (let k = 1; k <= radius; k++) s += kernel[radius + k] * (line[c - k] + line[c + k]);
      dst[row + x] = s;
    }
  }
}

/**
 * Convolves each column with a symmetric kernel (edges repeated), reading and writing rows
 * (memory in order, no transposition), four columns at a time: per pixel the same sums in
 * the same order as a plain tap loop down the column.
 */
function convolveColumns(src: Float32Array, width: number, height: number, kernel: Float64Array, dst: Float32Array, border: BlurBorder = 'nearest'): void {
  const radius = (kernel.length - 1) / 2;
  const center = kernel[radius];
  const blocks = width & ~3;
  // Row offsets of the taps above and below, edges repeated.
  const above = new Int32Array(radius + 1);
  const below = new Int32Array(radius + 1);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    if (border === 'mirror') for (let k = 1; k <= radius; k++) (above[k] = mirrorIndex(y - k, height) * width), (below[k] = mirrorIndex(y + k, height) * width);
    else for (let k = 1; k <= radius; k++) (above[k] = Math.max(0, y - k) * width), (below[k] = Math.min(height - 1, y + k) * width);
    let x = 0;
    for (; x < blocks; x += 4) {
      let s0 = center * src[row + x];
      let s1 = center * src[row + x + 1];
      let s2 = center * src[row + x + 2];
      let s3 = center * src[row + x + 3];
      for (let k = 1; k <= radius; k++) {
        const w = kernel[radius + k];
        const a = above[k] + x;
        const b = below[k] + x;
        s0 += w * (src[a] + src[b]);
        s1 += w * (src[a + 1] + src[b + 1]);
        s2 += w * (src[a + 2] + src[b + 2]);
        s3 += w * (src[a + 3] + src[b + 3]);
      }
      dst[row + x] = s0;
      dst[row + x + 1] = s1;
      dst[row + x + 2] = s2;
      dst[row + x + 3] = s3;
    }
    for (; x < width; x++) {
      let s = center * src[row + x];
      for (let k = 1; k <= radius; k++) s += kernel[radius + k] * (src[above[k] + x] + src[below[k] + x]);
      dst[row + x] = s;
    }
  }
}

/**
 * How a blur reads past the plane's edge: 'nearest' repeats the edge pixel (scipy's mode='nearest'), 'mirror' reflects
 * the plane about its edge pixel without repeating it (scipy's mode='mirror': d c b | a b c d | c b a). Under 'nearest'
 * the edge pixel carries the kernel's whole outer half, so the smoothed noise of a plane of noise has up to ~1.9x (side)
 * and ~3.7x (corner) its interior standard deviation there; under 'mirror' each pixel near the edge counts at most
 * twice: ~1.4x and ~2x, the least a kernel of the same shape and reach can do with half its support missing.
 */
export type BlurBorder = 'nearest' | 'mirror';

/** The index that reads position i (any integer) of a line of n pixels reflected about its end pixels ('mirror'). */
function mirrorIndex(i: number, n: number): number {
  if (n === 1) return 0;
  const period = 2 * n - 2;
  let j = Math.abs(i) % period;
  if (j >= n) j = period - j;
  return j;
}

/**
 * Gaussian smoothing of a width x height plane; sigmaPx >= 0 (0 returns a float copy).
 * Boundary: nearest (edge values repeated) unless `border` is 'mirror', truncate 4 sigma, as scipy's gaussian_filter
 * with that mode.
 */
export function gaussianBlur(plane: PlaneData, width: number, height: number, sigmaPx: number, truncate = 4, border: BlurBorder = 'nearest'): Float32Array {
  if (!(sigmaPx >= 0) || !Number.isFinite(sigmaPx)) throw new RangeError(`sigmaPx must be a finite number >= 0, got ${sigmaPx}`);
  if (plane.length !== width * height) throw new RangeError(`plane has ${plane.length} pixels, expected ${width}x${height}`);
  if (sigmaPx === 0) return toFloat32(plane);
  const kernel = gaussianKernel(sigmaPx, truncate);
  // Rows into a float32 plane, then columns: both passes read and write memory in order.
  const rows = new Float32Array(width * height);
  const out = new Float32Array(width * height);
  convolveRows(plane, width, height, kernel, rows, border);
  convolveColumns(rows, width, height, kernel, out, border);
  return out;
}
