// Translation between two planes by phase correlation with sub-pixel refinement by an
// upsampled DFT around the peak, as scikit-image's `phase_cross_correlation`
// (skimage/registration/_phase_cross_correlation.py, a port of Guizar-Sicairos' code).
// Guizar-Sicairos, Thurman & Fienup 2008, "Efficient subpixel image registration
// algorithms", Optics Letters 33:156, doi:10.1364/OL.33.000156.
import { InputError } from '../errors.ts';
import { fft2dInPlace, fft2dReal, fftFrequencies } from './fft.ts';

/** A 2-D image, row-major: data[y * width + x]. */
export interface Plane {
  data: ArrayLike<number>;
  height: number;
  width: number;
}

export interface ShiftOptions {
  /** Register to within 1/upsampleFactor px (scikit-image default 1; cellpilot's drift default 20). */
  upsampleFactor?: number;
  /** 'phase' (default, as scikit-image) whitens the cross-power spectrum; 'none' uses the plain cross-correlation. */
  normalization?: 'phase' | 'none';
  /** Only peaks within this many px of zero shift (per axis) are considered (Fast4DReg's max expected drift). Default: no bound. */
  maxShiftPx?: number;
}

/**
 * The shift (px) that registers `moving` onto `reference`, in scikit-image's convention:
 * if moving(x) = reference(x - d) then dxPx = -d.
 */
export interface ShiftEstimate {
  dyPx: number;
  dxPx: number;
  /** Translation-invariant normalised RMS error between the two planes (as scikit-image). */
  error: number;
  /** Global phase difference (rad); near zero for non-negative images. */
  phaseDifference: number;
}

const EPS64 = 2.220446049250313e-16;

/** Checks a plane's size and values; `name` goes into the one-line error. */
export function checkPlane(plane: Plane, name: string): void {
  const { data, height, width } = plane;
  if (!(height >= 1 && width >= 1) || data.length !== height * width) {
    throw new InputError(`${name} must be a ${height}x${width} plane, got ${data.length} values`);
  }
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) {
      throw new InputError(`${name} contains NaN or infinite values (first at pixel ${i % width},${Math.floor(i / width)}): replace them (e.g. with 0) before registration`);
    }
  }
}

/** True when every pixel has the same value: such a plane carries no position information. */
export function isFlat(data: ArrayLike<number>): boolean {
  const first = data[0];
  for (let i = 1; i < data.length; i++) if (data[i] !== first) return false;
  return true;
}

/** The spectrum of a reference plane plus its energy, reusable against many moving planes. */
export interface Spectrum {
  height: number;
  width: number;
  /** Interleaved complex 2-D FFT. */
  values: Float64Array;
  /** sum |F|^2, the amplitude used by the error metric. */
  energy: number;
}

export function spectrumOf(plane: Plane): Spectrum {
  const values = fft2dReal(plane.data, plane.height, plane.width);
  let energy = 0;
  for (let i = 0; i < values.length; i++) energy += values[i] * values[i];
  return { height: plane.height, width: plane.width, values, energy };
}

/** Translation between two planes by phase correlation with sub-pixel refinement. */
export function estimateShift(reference: Plane, moving: Plane, options: ShiftOptions = {}): ShiftEstimate {
  if (reference.height !== moving.height || reference.width !== moving.width) {
    throw new InputError(`images must be the same shape, got ${reference.height}x${reference.width} and ${moving.height}x${moving.width}`);
  }
  checkPlane(reference, 'reference image');
  checkPlane(moving, 'moving image');
  return estimateShiftFromSpectra(spectrumOf(reference), spectrumOf(moving), options);
}

/** As estimateShift, on precomputed spectra (so a reference is transformed once for a whole movie). */
export function estimateShiftFromSpectra(reference: Spectrum, moving: Spectrum, options: ShiftOptions = {}): ShiftEstimate {
  const upsampleFactor = options.upsampleFactor ?? 1;
  if (!(Number.isInteger(upsampleFactor) && upsampleFactor >= 1)) {
    throw new InputError(`upsampleFactor must be an integer >= 1, got ${upsampleFactor}`);
  }
  const { height: ny, width: nx } = reference;
  const product = crossPowerSpectrum(reference.values, moving.values, options.normalization ?? 'phase');
  const correlation = fft2dInPlace(Float64Array.from(product), ny, nx, true);
  const [peakY, peakX] = argmaxAbs(correlation, ny, nx, options.maxShiftPx);
  let shiftY = wrapShift(peakY, ny);
  let shiftX = wrapShift(peakX, nx);
  let peak: [number, number];

  if (upsampleFactor === 1) {
    const i = 2 * (peakY * nx + peakX);
    peak = [correlation[i], correlation[i + 1]];
  } else {
    // Refine in a 1.5 px window around the integer peak on a grid 1/upsampleFactor px apart
    const regionSize = Math.ceil(upsampleFactor * 1.5);
    const dftShift = Math.trunc(regionSize / 2);
    const refined = upsampledCorrelation(product, ny, nx, regionSize, upsampleFactor, shiftY, shiftX);
    const [v, u] = argmaxAbs(refined, regionSize, regionSize);
    const i = 2 * (v * regionSize + u);
    peak = [refined[i], refined[i + 1]];
    shiftY += (v - dftShift) / upsampleFactor;
    shiftX += (u - dftShift) / upsampleFactor;
  }
  // A single row or column carries no shift along that axis
  if (ny === 1) shiftY = 0;
  if (nx === 1) shiftX = 0;

  const amplitudes = upsampleFactor === 1 ? (reference.energy / (ny * nx)) * (moving.energy / (ny * nx)) : reference.energy * moving.energy;
  const peakPower = peak[0] * peak[0] + peak[1] * peak[1];
  return {
    dyPx: shiftY,
    dxPx: shiftX,
    error: Math.sqrt(Math.abs(1 - peakPower / amplitudes)),
    phaseDifference: Math.atan2(peak[1], peak[0]),
  };
}

/** F_ref * conj(F_mov), optionally divided by its magnitude (phase correlation). */
function crossPowerSpectrum(reference: Float64Array, moving: Float64Array, normalization: 'phase' | 'none'): Float64Array {
  const out = new Float64Array(reference.length);
  const floor = 100 * EPS64;
  for (let i = 0; i < out.length; i += 2) {
    const ar = reference[i];
    const ai = reference[i + 1];
    const br = moving[i];
    const bi = -moving[i + 1];
    let re = ar * br - ai * bi;
    let im = ar * bi + ai * br;
    if (normalization === 'phase') {
      const magnitude = Math.max(Math.sqrt(re * re + im * im), floor);
      re /= magnitude;
      im /= magnitude;
    }
    out[i] = re;
    out[i + 1] = im;
  }
  return out;
}

/** Index of the largest |value| (first in row-major order), optionally within maxShiftPx of zero shift. */
function argmaxAbs(values: Float64Array, ny: number, nx: number, maxShiftPx?: number): [number, number] {
  let best = -1;
  let bestY = 0;
  let bestX = 0;
  const bounded = maxShiftPx !== undefined && maxShiftPx > 0;
  for (let y = 0; y < ny; y++) {
    if (bounded && Math.abs(wrapShift(y, ny)) > maxShiftPx) continue;
    for (let x = 0; x < nx; x++) {
      if (bounded && Math.abs(wrapShift(x, nx)) > maxShiftPx) continue;
      const i = 2 * (y * nx + x);
      const power = values[i] * values[i] + values[i + 1] * values[i + 1];
      if (power > best) {
        best = power;
        bestY = y;
        bestX = x;
      }
    }
  }
  return [bestY, bestX];
}

/** Peak index to signed shift, as scikit-image: indices above fix(n/2) wrap to negative. */
function wrapShift(index: number, n: number): number {
  return index > Math.trunc(n / 2) ? index - n : index;
}

/**
 * The inverse DFT of `product` evaluated on a regionSize^2 grid of points spaced 1/upsampleFactor px,
 * centred on (centreY, centreX): scikit-image's `_upsampled_dft` (matrix-multiply DFT),
 * conjugations folded in. Returns interleaved complex [v][u].
 */
function upsampledCorrelation(
  product: Float64Array,
  ny: number,
  nx: number,
  regionSize: number,
  upsampleFactor: number,
  centreY: number,
  centreX: number,
): Float64Array {
  const dftShift = Math.trunc(regionSize / 2);
  const kernelX = dftKernel(nx, regionSize, upsampleFactor, dftShift - centreX * upsampleFactor);
  const kernelY = dftKernel(ny, regionSize, upsampleFactor, dftShift - centreY * upsampleFactor);

  // Contract x first: rows[y][u] = sum_k product[y][k] * kernelX[u][k]. The product of two real
  // images' spectra is Hermitian, so row ny-y follows from row y by conjugation (all but the
  // Nyquist column, whose frequency has no positive twin): half the work of the dominant step.
  const rowsRe = new Float64Array(ny * regionSize);
  const rowsIm = new Float64Array(ny * regionSize);
  const { re: kxRe, im: kxIm } = kernelX;
  const nyquist = nx % 2 === 0 && nx > 1 ? nx / 2 : -1;
  const rowRe = new Float64Array(nx);
  const rowIm = new Float64Array(nx);
  for (let y = 0; y < ny; y++) {
    const twin = (ny - y) % ny;
    if (twin < y) continue; // filled when its twin was done
    const base = 2 * y * nx;
    for (let k = 0; k < nx; k++) {
      rowRe[k] = product[base + 2 * k];
      rowIm[k] = product[base + 2 * k + 1];
    }
    const nyqRe = nyquist >= 0 ? rowRe[nyquist] : 0;
    const nyqIm = nyquist >= 0 ? rowIm[nyquist] : 0;
    if (nyquist >= 0) rowRe[nyquist] = rowIm[nyquist] = 0;
    for (let u = 0; u < regionSize; u++) {
      const off = u * nx;
      let sr = 0;
      let si = 0;
      for (let k = 0; k < nx; k++) {
        const pr = rowRe[k];
        const pi = rowIm[k];
        const er = kxRe[off + k];
        const ei = kxIm[off + k];
        sr += pr * er - pi * ei;
        si += pr * ei + pi * er;
      }
      const nr = nyquist >= 0 ? kxRe[off + nyquist] : 0;
      const ni = nyquist >= 0 ? kxIm[off + nyquist] : 0;
      rowsRe[y * regionSize + u] = sr + (nyqRe * nr - nyqIm * ni);
      rowsIm[y * regionSize + u] = si + (nyqRe * ni + nyqIm * nr);
      if (twin !== y) {
        // conj(S) + conj(P[y][nyquist]) * kernelX[u][nyquist]
        rowsRe[twin * regionSize + u] = sr + (nyqRe * nr + nyqIm * ni);
        rowsIm[twin * regionSize + u] = -si + (nyqRe * ni - nyqIm * nr);
      }
    }
  }
  // Then y: out[v][u] = sum_y kernelY[v][y] * rows[y][u]
  const out = new Float64Array(2 * regionSize * regionSize);
  const { re: kyRe, im: kyIm } = kernelY;
  for (let v = 0; v < regionSize; v++) {
    for (let y = 0; y < ny; y++) {
      const er = kyRe[v * ny + y];
      const ei = kyIm[v * ny + y];
      const rowBase = y * regionSize;
      for (let u = 0; u < regionSize; u++) {
        const pr = rowsRe[rowBase + u];
        const pi = rowsIm[rowBase + u];
        out[2 * (v * regionSize + u)] += pr * er - pi * ei;
        out[2 * (v * regionSize + u) + 1] += pr * ei + pi * er;
      }
    }
  }
  return out;
}

/** exp(+2 pi i (u - offset) f_k / upsampleFactor) for u < regionSize, k < n; f = fftfreq(n). */
function dftKernel(n: number, regionSize: number, upsampleFactor: number, offset: number): { re: Float64Array; im: Float64Array } {
  const frequencies = fftFrequencies(n, upsampleFactor);
  const re = new Float64Array(regionSize * n);
  const im = new Float64Array(regionSize * n);
  for (let u = 0; u < regionSize; u++) {
    for (let k = 0; k < n; k++) {
      const angle = 2 * Math.PI * (u - offset) * frequencies[k];
      re[u * n + k] = Math.cos(angle);
      im[u * n + k] = Math.sin(angle);
    }
  }
  return { re, im };
}
