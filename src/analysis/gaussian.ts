// Gaussian denoising of planes (Fiji's Process > Filters > Gaussian Blur, scipy's
// gaussian_filter with mode 'nearest', truncate 4), and the search for the sigma that
// best matches a known clean image: the "best classical" baseline denoisers must beat.
import type { PlaneData } from '../image/movie.ts';
import { gaussianBlur } from './filters.ts';

/** Smooths a width x height plane with a Gaussian of `sigmaPx` pixels (0 = a float copy). */
export function gaussianDenoise(plane: PlaneData, width: number, height: number, sigmaPx: number): Float32Array {
  return gaussianBlur(plane, width, height, sigmaPx);
}

/**
 * Peak signal-to-noise ratio of `test` against `reference`, in dB, as
 * skimage.metrics.peak_signal_noise_ratio with data_range = the reference's max - min
 * (or `dataRange` when given).
 */
export function psnr(reference: ArrayLike<number>, test: ArrayLike<number>, dataRange?: number): number {
  if (reference.length !== test.length) throw new RangeError(`images differ in size: ${reference.length} and ${test.length} pixels`);
  let min = Infinity;
  let max = -Infinity;
  let squared = 0;
  for (let i = 0; i < reference.length; i++) {
    min = Math.min(min, reference[i]);
    max = Math.max(max, reference[i]);
    squared += (reference[i] - test[i]) ** 2;
  }
  const range = dataRange ?? max - min;
  return 10 * Math.log10((range * range) / (squared / reference.length));
}

/** Tries sigmas (default 0.5 to 4 px in 0.25 steps) and returns the one with the best mean PSNR against the clean planes. */
export function bestGaussianSigma(
  noisy: PlaneData[],
  clean: ArrayLike<number>[],
  width: number,
  height: number,
  sigmasPx: number[] = Array.from({ length: 15 }, (_, i) => 0.5 + 0.25 * i),
): { sigmaPx: number; psnrDb: number } {
  let best = { sigmaPx: 0, psnrDb: -Infinity };
  for (const sigmaPx of sigmasPx) {
    const score = noisy.reduce((sum, plane, i) => sum + psnr(clean[i], gaussianDenoise(plane, width, height, sigmaPx)), 0) / noisy.length;
    if (score > best.psnrDb) best = { sigmaPx, psnrDb: score };
  }
  return best;
}
