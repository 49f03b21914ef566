// Translation between two planes by phase correlation with sub-pixel refinement by an
// upsampled DFT around the peak, as scikit-image's `phase_cross_correlation`
// (skimage/registration/_phase_cross_correlation.py, a port of Guizar-Sicairos' code).
// Guizar-Sicairos, Thurman & Fienup 2008, "Efficient subpixel image registration
// algorithms", Optics Letters 33:156, doi:10.1364/OL.33.000156.
import { InputError } from '../errors.ts';
import { fftFrequencies, halfWidth, irfft2d, rfft2d } from './fft.ts';
import { realFft2d, simdFft, zoomDft } from './fft-simd.ts';
import { correlationKernel } from './registrationKernel.ts';

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
  /** Zero the DC term of the cross-power spectrum: the correlation of the mean-subtracted planes. Default false. */
  removeMean?: boolean;
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
  /**
   * |correlation| at the whole-pixel peak. With phase normalisation it is the share of the spectrum in phase
   * (0..1); whitened noise alone gives values of SD 1/sqrt(height*width).
   */
  peakHeight: number;
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
  /**
   * Half spectrum (numpy.fft.rfft2 layout): height x (floor(width/2) + 1), interleaved complex. Float32Array:
   * single precision (singlePrecisionSpectrum), registered with the SIMD transforms.
   */
  values: Float64Array | Float32Array;
  /** sum |F|^2 over the full spectrum, the amplitude used by the error metric. */
  energy: number;
  /**
   * The half spectrum in column order (singlePrecisionSpectrum: value (y, k) at values[2 * (k * height + y)], as
   * the SIMD column transforms leave it, so neither they nor the inverse transpose it). Spectra registered together
   * must share the order.
   */
  columnMajor?: boolean;
}

/** The half spectrum of a plane; `into` (ny x (floor(nx/2)+1) complex) is filled instead of a new array when given. */
export function spectrumOf(plane: Plane, into?: Float64Array): Spectrum {
  const { height: ny, width: nx } = plane;
  const values = rfft2d(plane.data, ny, nx, into);
  const hc = halfWidth(nx);
  const nyquist = nx % 2 === 0 ? nx / 2 : -1;
  let energy = 0;
  for (let y = 0; y < ny; y++) {
    for (let k = 0; k < hc; k++) {
      const i = 2 * (y * hc + k);
      // columns other than DC and Nyquist stand for themselves and their mirrored twin
      const weight = k === 0 || k === nyquist ? 1 : 2;
      energy += weight * (values[i] * values[i] + values[i + 1] * values[i + 1]);
    }
  }
  return { height: ny, width: nx, values, energy };
}

/**
 * The half spectrum in single precision (as scikit-image on float32 images) by the SIMD transforms, 5-10x
 * faster, where they are loaded (await loadSimdFft()) and take the size; else the double-precision spectrum.
 */
export function singlePrecisionSpectrum(plane: Plane, into?: Float32Array): Spectrum {
  const { height: ny, width: nx } = plane;
  const plan = realFft2d(ny, nx);
  if (!plan) return spectrumOf(plane);
  const values = into ?? new Float32Array(2 * ny * plan.halfWidth);
  const energy = plan.forwardColumns(plane.data, values);
  return { height: ny, width: nx, values, energy, columnMajor: true };
}

/**
 * A buffer for singlePrecisionSpectrum's `into` of ny x nx planes that the registration kernels read in place
 * (registrationKernel.ts spectrumBuffer; for a caller that keeps its spectra's buffers), else undefined.
 */
export function kernelSpectrumBuffer(ny: number, nx: number): Float32Array | undefined {
  const plan = realFft2d(ny, nx);
  return plan ? correlationKernel(2 * ny * plan.halfWidth, ny * nx)?.spectrumBuffer() : undefined;
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

/**
 * As estimateShift, on precomputed spectra (so a reference is transformed once for a whole movie).
 * Both planes are real, so their cross-power spectrum is Hermitian: the correlation is computed from the
 * half spectrum (real inverse transform) and the upsampled DFT folds the mirrored half in by conjugation.
 */
export function estimateShiftFromSpectra(reference: Spectrum, moving: Spectrum, options: ShiftOptions = {}): ShiftEstimate {
  return startShiftFromSpectra(reference, moving, options).finish();
}

/**
 * A registration whose whole-pixel peak is known (peakHeight) and whose sub-pixel refinement (the upsampled DFT,
 * the costly part at upsample 20) runs only when asked (finish): a caller comparing two candidate references by
 * their peaks refines only the one it keeps, with the same result as estimateShiftFromSpectra. discard() frees
 * one never finished.
 */
export interface PendingShift {
  peakHeight: number;
  finish(): ShiftEstimate;
  discard(): void;
}

export function startShiftFromSpectra(reference: Spectrum, moving: Spectrum, options: ShiftOptions = {}): PendingShift {
  const upsampleFactor = options.upsampleFactor ?? 1;
  if (!(Number.isInteger(upsampleFactor) && upsampleFactor >= 1)) {
    throw new InputError(`upsampleFactor must be an integer >= 1, got ${upsampleFactor}`);
  }
  if (!reference.columnMajor !== !moving.columnMajor) throw new Error('spectra in different orders (rows and columns) cannot be registered together');
  if (reference.values instanceof Float32Array && moving.values instanceof Float32Array) {
    return startShiftSingle(reference, reference.values, moving, moving.values, upsampleFactor, options);
  }
  const done = estimateShiftDouble(reference, moving, upsampleFactor, options);
  return { peakHeight: done.peakHeight, finish: () => done, discard: () => {} };
}

function estimateShiftDouble(reference: Spectrum, moving: Spectrum, upsampleFactor: number, options: ShiftOptions): ShiftEstimate {
  const { height: ny, width: nx } = reference;
  const product = scratch('product', reference.values.length);
  crossPowerSpectrum(asDouble(reference.values), asDouble(moving.values), options.normalization ?? 'phase', product);
  if (options.removeMean) product[0] = product[1] = 0;
  // irfft2d overwrites its input: transform a copy, the product is needed again for the refinement
  const work = scratch('correlation-input', product.length);
  work.set(product);
  const correlation = irfft2d(work, ny, nx, scratch('correlation', ny * nx));
  const [peakY, peakX] = argmaxAbs(correlation, ny, nx, options.maxShiftPx);
  let shiftY = wrapShift(peakY, ny);
  let shiftX = wrapShift(peakX, nx);
  const peakHeight = Math.abs(correlation[peakY * nx + peakX]);
  let peak: [number, number];

  if (upsampleFactor === 1) {
    peak = [correlation[peakY * nx + peakX], 0];
  } else {
    ({ peak, shiftY, shiftX } = subPixelPeak((regionSize) => upsampledCorrelation(product, ny, nx, regionSize, upsampleFactor, shiftY, shiftX), upsampleFactor, shiftY, shiftX));
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
    peakHeight,
  };
}

/**
 * estimateShiftFromSpectra on single-precision spectra: the correlation by the SIMD inverse transform and the
 * upsampled DFT by chirp-z transforms (zoomUpsampledCorrelation), as the double-precision path otherwise.
 */
function startShiftSingle(reference: Spectrum, referenceValues: Float32Array, moving: Spectrum, movingValues: Float32Array, upsampleFactor: number, options: ShiftOptions): PendingShift {
  const { height: ny, width: nx } = reference;
  const plan = realFft2d(ny, nx)!;
  // the cross-power spectrum is kept until the refinement: one buffer per pending registration
  const free = freeProducts(referenceValues.length);
  const n = ny * nx;
  // the WebAssembly kernels (registrationKernel.ts): the same values as the loops below, bit for bit
  const kernel = correlationKernel(referenceValues.length, n);
  let product: Float32Array | undefined = free.pop() ?? kernel?.spectrumBuffer() ?? new Float32Array(referenceValues.length);
  const phase = (options.normalization ?? 'phase') === 'phase';
  if (kernel) {
    const crossPower = kernel.crossPower(referenceValues, movingValues, phase, 100 * EPS64, product);
    if (crossPower !== product) product.set(crossPower);
  } else crossPowerSpectrumSingle(referenceValues, movingValues, options.normalization ?? 'phase', product);
  if (options.removeMean) product[0] = product[1] = 0;
  const columnMajor = reference.columnMajor === true;
  const correlation = columnMajor ? plan.inverseColumnsUnscaled(product) : plan.inverseUnscaled(product); // n times the correlation
  const bounded = options.maxShiftPx !== undefined && options.maxShiftPx > 0;
  const peakIndex = kernel && !bounded ? kernel.argmaxAbs(correlation) : -1;
  const [peakY, peakX] = peakIndex >= 0 ? [Math.floor(peakIndex / nx), peakIndex % nx] : argmaxAbsSingle(correlation, ny, nx, options.maxShiftPx);
  const peakValue = correlation[peakY * nx + peakX];
  const peakHeight = Math.abs(peakValue) / n;
  let result: ShiftEstimate | undefined;
  const release = () => {
    if (product) free.push(product);
    product = undefined;
  };
  const finish = (): ShiftEstimate => {
    if (result) return result;
    if (!product) throw new Error('registration finished after it was discarded');
    let shiftY = wrapShift(peakY, ny);
    let shiftX = wrapShift(peakX, nx);
    let peak: [number, number];
    if (upsampleFactor === 1) {
      peak = [peakValue / n, 0];
    } else {
      const kept = product;
      ({ peak, shiftY, shiftX } = subPixelPeak((regionSize) => zoomUpsampledCorrelation(kept, ny, nx, regionSize, upsampleFactor, shiftY, shiftX, columnMajor), upsampleFactor, shiftY, shiftX));
    }
    release();
    const amplitudes = upsampleFactor === 1 ? (reference.energy / n) * (moving.energy / n) : reference.energy * moving.energy;
    const peakPower = peak[0] * peak[0] + peak[1] * peak[1];
    result = {
      dyPx: shiftY,
      dxPx: shiftX,
      error: Math.sqrt(Math.abs(1 - peakPower / amplitudes)),
      phaseDifference: Math.atan2(peak[1], peak[0]),
      peakHeight,
    };
    return result;
  };
  return { peakHeight, finish, discard: release };
}

/** Where (float offset in PFFFT's memory) a half spectrum of `floats` floats is copied for the zoom transform; one place per length and thread. */
function heapCopyAt(simd: NonNullable<ReturnType<typeof simdFft>>, floats: number): number {
  let at = heapCopies.get(floats);
  if (at === undefined) heapCopies.set(floats, (at = simd.allocate(floats)));
  return at;
}
const heapCopies = new Map<number, number>();

/** Cross-power buffers of this thread no pending registration holds, by length. */
const productPool = new Map<number, Float32Array[]>();
function freeProducts(length: number): Float32Array[] {
  let free = productPool.get(length);
  if (!free) productPool.set(length, (free = []));
  return free;
}

/**
 * upsampledCorrelation on a single-precision half spectrum (even width, as the SIMD transforms take), each
 * axis by a chirp-z transform instead of a matrix product: about a fifth of the work at upsample 20 on 512 px.
 * The same folding of the mirrored half: S_y[u] = A_y[u] + conj(B_-y[u]).
 */
function zoomUpsampledCorrelation(half: Float32Array, ny: number, nx: number, regionSize: number, upsampleFactor: number, centreY: number, centreX: number, columnMajor = false): Float64Array {
  const simd = simdFft()!;
  const hc = halfWidth(nx);
  const nyquist = nx / 2;
  const dftShift = Math.trunc(regionSize / 2);
  const R = regionSize;
  // x: the columns below Nyquist (frequencies k / nx) by the zoom transform, Nyquist (frequency -1/2, as fftfreq) directly
  const offsetX = dftShift - centreX * upsampleFactor;
  const rowSums = scratch('zoom-rows', 2 * ny * R);
  // value (y, k) of the half spectrum (by rows, or by columns: singlePrecisionSpectrum's order)
  const at = columnMajor ? (y: number, k: number) => 2 * (k * ny + y) : (y: number, k: number) => 2 * (y * hc + k);
  const zoomX = zoomDft(simd, nx * upsampleFactor, nyquist, R);
  if (columnMajor) {
    // by columns: copied into PFFFT's memory, where the zoom gathers each row's values itself (row y's value k at
    // 2 (k ny + y)); the copy's place is taken before the heap is read (taking it may grow the memory)
    const copyAt = heapCopyAt(simd, half.length);
    simd.heap().set(half, copyAt);
    zoomX.runGathered(ny, offsetX, 0, copyAt, 2, 2 * ny, rowSums);
  } else zoomX.run(ny, offsetX, 0, (y, heap, to) => heap.set(half.subarray(2 * y * hc, 2 * y * hc + 2 * nyquist), to), rowSums);
  const nyquistRe = new Float64Array(R);
  const nyquistIm = new Float64Array(R);
  for (let u = 0; u < R; u++) {
    const angle = (-Math.PI * (u - offsetX)) / upsampleFactor;
    nyquistRe[u] = Math.cos(angle);
    nyquistIm[u] = Math.sin(angle);
  }
  // A_y[u] = rowSums + Nyquist term; B_y[u] = rowSums - DC term
  const aSums = scratch('zoom-a', 2 * ny * R);
  const bSums = scratch('zoom-b', 2 * ny * R);
  for (let y = 0; y < ny; y++) {
    const dc = at(y, 0);
    const nq = at(y, nyquist);
    const dcRe = half[dc];
    const dcIm = half[dc + 1];
    const nqRe = half[nq];
    const nqIm = half[nq + 1];
    for (let u = 0; u < R; u++) {
      const i = 2 * (y * R + u);
      aSums[i] = rowSums[i] + nqRe * nyquistRe[u] - nqIm * nyquistIm[u];
      aSums[i + 1] = rowSums[i + 1] + nqRe * nyquistIm[u] + nqIm * nyquistRe[u];
      bSums[i] = rowSums[i] - dcRe;
      bSums[i + 1] = rowSums[i + 1] - dcIm;
    }
  }
  // y: frequencies j / ny for j from -(ny - positive) up, so row y = j mod ny
  const positive = Math.floor((ny - 1) / 2) + 1;
  const start = -(ny - positive);
  const columnSums = scratch('zoom-columns', 2 * R * R);
  zoomDft(simd, ny * upsampleFactor, ny, R).run(R, dftShift - centreY * upsampleFactor, start, (u, heap, at) => {
    for (let m = 0; m < ny; m++) {
      const y = (start + m + ny) % ny;
      const i = 2 * (y * R + u);
      const twin = 2 * (((ny - y) % ny) * R + u);
      heap[at + 2 * m] = aSums[i] + bSums[twin];
      heap[at + 2 * m + 1] = aSums[i + 1] - bSums[twin + 1];
    }
  }, columnSums);
  const out = new Float64Array(2 * R * R);
  for (let u = 0; u < R; u++)
    for (let v = 0; v < R; v++) {
      out[2 * (v * R + u)] = columnSums[2 * (u * R + v)];
      out[2 * (v * R + u) + 1] = columnSums[2 * (u * R + v) + 1];
    }
  return out;
}

/** Scratch arrays reused between calls of one thread (their contents never escape a call). */
const scratchArrays = new Map<string, Float64Array>();
function scratch(name: string, length: number): Float64Array {
  const key = `${name}:${length}`;
  let a = scratchArrays.get(key);
  if (!a) {
    a = new Float64Array(length);
    scratchArrays.set(key, a);
  }
  return a;
}

const asDouble = (values: Float64Array | Float32Array) => (values instanceof Float64Array ? values : Float64Array.from(values));

/** crossPowerSpectrum on single-precision spectra (a function of its own, so each stays monomorphic: twice as fast). */
export function crossPowerSpectrumSingle(reference: Float32Array, moving: Float32Array, normalization: 'phase' | 'none', out: Float32Array): void {
  const floor = 100 * EPS64;
  const phase = normalization === 'phase';
  for (let i = 0; i < out.length; i += 2) {
    const ar = reference[i];
    const ai = reference[i + 1];
    const br = moving[i];
    const bi = -moving[i + 1];
    let re = ar * br - ai * bi;
    let im = ar * bi + ai * br;
    if (phase) {
      const scale = 1 / Math.max(Math.sqrt(re * re + im * im), floor);
      re *= scale;
      im *= scale;
    }
    out[i] = re;
    out[i + 1] = im;
  }
}

/** argmaxAbs on a single-precision plane. */
export function argmaxAbsSingle(values: Float32Array, ny: number, nx: number, maxShiftPx?: number): [number, number] {
  let best = -1;
  let bestIndex = 0;
  const bounded = maxShiftPx !== undefined && maxShiftPx > 0;
  for (let y = 0; y < ny; y++) {
    if (bounded && Math.abs(wrapShift(y, ny)) > maxShiftPx) continue;
    const row = y * nx;
    for (let x = 0; x < nx; x++) {
      if (bounded && Math.abs(wrapShift(x, nx)) > maxShiftPx) continue;
      const magnitude = Math.abs(values[row + x]);
      if (magnitude > best) {
        best = magnitude;
        bestIndex = row + x;
      }
    }
  }
  return [Math.floor(bestIndex / nx), bestIndex % nx];
}

/** F_ref * conj(F_mov), optionally divided by its magnitude (phase correlation). */
function crossPowerSpectrum(reference: Float64Array, moving: Float64Array, normalization: 'phase' | 'none', out: Float64Array): void {
  const floor = 100 * EPS64;
  for (let i = 0; i < out.length; i += 2) {
    const ar = reference[i];
    const ai = reference[i + 1];
    const br = moving[i];
    const bi = -moving[i + 1];
    let re = ar * br - ai * bi;
    let im = ar * bi + ai * br;
    if (normalization === 'phase') {
      const scale = 1 / Math.max(Math.sqrt(re * re + im * im), floor);
      re *= scale;
      im *= scale;
    }
    out[i] = re;
    out[i + 1] = im;
  }
}

/** Index of the largest |value| of a real ny x nx array (first in row-major order), optionally within maxShiftPx of zero shift. */
function argmaxAbs(values: Float64Array, ny: number, nx: number, maxShiftPx?: number): [number, number] {
  let best = -1;
  let bestY = 0;
  let bestX = 0;
  const bounded = maxShiftPx !== undefined && maxShiftPx > 0;
  for (let y = 0; y < ny; y++) {
    if (bounded && Math.abs(wrapShift(y, ny)) > maxShiftPx) continue;
    for (let x = 0; x < nx; x++) {
      if (bounded && Math.abs(wrapShift(x, nx)) > maxShiftPx) continue;
      const magnitude = Math.abs(values[y * nx + x]);
      if (magnitude > best) {
        best = magnitude;
        bestY = y;
        bestX = x;
      }
    }
  }
  return [bestY, bestX];
}

/**
 * The peak refined in a 1.5 px window around the integer peak on a grid 1/upsampleFactor px
 * apart: `upsampled(regionSize)` gives the correlation on that grid (interleaved complex).
 */
function subPixelPeak(upsampled: (regionSize: number) => Float64Array, upsampleFactor: number, shiftY: number, shiftX: number): { peak: [number, number]; shiftY: number; shiftX: number } {
  const regionSize = Math.ceil(upsampleFactor * 1.5);
  const dftShift = Math.trunc(regionSize / 2);
  const refined = upsampled(regionSize);
  const [v, u] = argmaxAbsComplex(refined, regionSize, regionSize);
  const i = 2 * (v * regionSize + u);
  return { peak: [refined[i], refined[i + 1]], shiftY: shiftY + (v - dftShift) / upsampleFactor, shiftX: shiftX + (u - dftShift) / upsampleFactor };
}

/** Index of the largest |value| of an interleaved complex ny x nx array (first in row-major order). */
function argmaxAbsComplex(values: Float64Array, ny: number, nx: number): [number, number] {
  let best = -1;
  let bestIndex = 0;
  for (let i = 0; i < ny * nx; i++) {
    const power = values[2 * i] * values[2 * i] + values[2 * i + 1] * values[2 * i + 1];
    if (power > best) {
      best = power;
      bestIndex = i;
    }
  }
  return [Math.floor(bestIndex / nx), bestIndex % nx];
}

/** Peak index to signed shift, as scikit-image: indices above fix(n/2) wrap to negative. */
function wrapShift(index: number, n: number): number {
  return index > Math.trunc(n / 2) ? index - n : index;
}

/**
 * The inverse DFT of the cross-power spectrum evaluated on a regionSize^2 grid of points spaced
 * 1/upsampleFactor px, centred on (centreY, centreX): scikit-image's `_upsampled_dft` (matrix-multiply
 * DFT), conjugations folded in. `half` is the half spectrum (ny x floor(nx/2)+1). Returns interleaved complex [v][u].
 */
function upsampledCorrelation(
  half: Float64Array,
  ny: number,
  nx: number,
  regionSize: number,
  upsampleFactor: number,
  centreY: number,
  centreX: number,
): Float64Array {
  const hc = halfWidth(nx);
  const dftShift = Math.trunc(regionSize / 2);
  const kernelX = dftKernel(nx, regionSize, upsampleFactor, dftShift - centreX * upsampleFactor, hc);
  const kernelY = dftKernel(ny, regionSize, upsampleFactor, dftShift - centreY * upsampleFactor, ny);

  // Contract x first. The full row sum S_y[u] = sum_k P[y][k] E[u][k] splits into the kept columns,
  // A_y[u], and the mirrored ones: P[y][nx-j] = conj(P[-y][j]) and E[u][nx-j] = conj(E[u][j]), so they
  // add conj(B_-y[u]), with B_y = A_y minus its DC and Nyquist terms (columns without a mirrored twin).
  const nyquist = nx % 2 === 0 && nx > 1 ? nx / 2 : -1;
  const aRe = scratch('a-re', ny * regionSize);
  const aIm = scratch('a-im', ny * regionSize);
  const bRe = scratch('b-re', ny * regionSize);
  const bIm = scratch('b-im', ny * regionSize);
  const { re: kxRe, im: kxIm } = kernelX;
  for (let y = 0; y < ny; y++) {
    const base = 2 * y * hc;
    // Four output columns per pass over the row: the row is read once for four sums (each sum still
    // adds its terms in k order, so the result is the same as one column at a time)
    let u = 0;
    for (; u + 4 <= regionSize; u += 4) {
      const o0 = u * hc;
      const o1 = o0 + hc;
      const o2 = o1 + hc;
      const o3 = o2 + hc;
      let r0 = 0, i0 = 0, r1 = 0, i1 = 0, r2 = 0, i2 = 0, r3 = 0, i3 = 0;
      for (let k = 0; k < hc; k++) {
        const pr = half[base + 2 * k];
        const pi = half[base + 2 * k + 1];
        let er = kxRe[o0 + k], ei = kxIm[o0 + k];
        r0 += pr * er - pi * ei;
        i0 += pr * ei + pi * er;
        er = kxRe[o1 + k]; ei = kxIm[o1 + k];
        r1 += pr * er - pi * ei;
        i1 += pr * ei + pi * er;
        er = kxRe[o2 + k]; ei = kxIm[o2 + k];
        r2 += pr * er - pi * ei;
        i2 += pr * ei + pi * er;
        er = kxRe[o3 + k]; ei = kxIm[o3 + k];
        r3 += pr * er - pi * ei;
        i3 += pr * ei + pi * er;
      }
      storeRowSums(y, u, r0, i0);
      storeRowSums(y, u + 1, r1, i1);
      storeRowSums(y, u + 2, r2, i2);
      storeRowSums(y, u + 3, r3, i3);
    }
    for (; u < regionSize; u++) {
      const off = u * hc;
      let sr = 0;
      let si = 0;
      for (let k = 0; k < hc; k++) {
        const pr = half[base + 2 * k];
        const pi = half[base + 2 * k + 1];
        const er = kxRe[off + k];
        const ei = kxIm[off + k];
        sr += pr * er - pi * ei;
        si += pr * ei + pi * er;
      }
      storeRowSums(y, u, sr, si);
    }
  }

  /** A_y[u] = (sr, si); B_y[u] = A_y[u] minus the DC and Nyquist terms. */
  function storeRowSums(y: number, u: number, sr: number, si: number): void {
    const base = 2 * y * hc;
    const off = u * hc;
    const i = y * regionSize + u;
    aRe[i] = sr;
    aIm[i] = si;
    const dcRe = half[base];
    const dcIm = half[base + 1];
    let br = sr - (dcRe * kxRe[off] - dcIm * kxIm[off]);
    let bi = si - (dcRe * kxIm[off] + dcIm * kxRe[off]);
    if (nyquist >= 0) {
      const nqRe = half[base + 2 * nyquist];
      const nqIm = half[base + 2 * nyquist + 1];
      br -= nqRe * kxRe[off + nyquist] - nqIm * kxIm[off + nyquist];
      bi -= nqRe * kxIm[off + nyquist] + nqIm * kxRe[off + nyquist];
    }
    bRe[i] = br;
    bIm[i] = bi;
  }
  // Then y: out[v][u] = sum_y kernelY[v][y] * S_y[u], S_y = A_y + conj(B_-y)
  const out = new Float64Array(2 * regionSize * regionSize);
  const { re: kyRe, im: kyIm } = kernelY;
  for (let y = 0; y < ny; y++) {
    const rowBase = y * regionSize;
    const twinBase = ((ny - y) % ny) * regionSize;
    for (let v = 0; v < regionSize; v++) {
      const er = kyRe[v * ny + y];
      const ei = kyIm[v * ny + y];
      const outBase = 2 * v * regionSize;
      for (let u = 0; u < regionSize; u++) {
        const pr = aRe[rowBase + u] + bRe[twinBase + u];
        const pi = aIm[rowBase + u] - bIm[twinBase + u];
        out[outBase + 2 * u] += pr * er - pi * ei;
        out[outBase + 2 * u + 1] += pr * ei + pi * er;
      }
    }
  }
  return out;
}

/** exp(+2 pi i (u - offset) f_k / upsampleFactor) for u < regionSize and the first `columns` k < n; f = fftfreq(n). Layout [u][k]. */
function dftKernel(n: number, regionSize: number, upsampleFactor: number, offset: number, columns: number): { re: Float64Array; im: Float64Array } {
  const frequencies = fftFrequencies(n, upsampleFactor);
  const re = new Float64Array(regionSize * columns);
  const im = new Float64Array(regionSize * columns);
  for (let u = 0; u < regionSize; u++) {
    for (let k = 0; k < columns; k++) {
      const angle = 2 * Math.PI * (u - offset) * frequencies[k];
      re[u * columns + k] = Math.cos(angle);
      im[u * columns + k] = Math.sin(angle);
    }
  }
  return { re, im };
}
