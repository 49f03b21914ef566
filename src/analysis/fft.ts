// Discrete Fourier transforms for the registration kernels: 1-D transforms of any length
// (fft.js radix-4 for powers of two, Bluestein's chirp-z for the rest) and 2-D transforms
// of planes, on interleaved complex arrays [re0, im0, re1, im1, ...].
// Conventions follow numpy/scipy.fft: forward X[k] = sum x[n] e^(-2 pi i k n / N),
// the inverse divides by N.
import { createRequire } from 'node:module';

interface FftJs {
  transform(out: Float64Array, data: Float64Array): void;
  inverseTransform(out: Float64Array, data: Float64Array): void;
}
const FFTJS = createRequire(import.meta.url)('fft.js') as new (size: number) => FftJs;

/** A 1-D complex transform of a fixed length; `out` and `input` must be different arrays of 2*size numbers. */
export interface Fft1d {
  readonly size: number;
  forward(out: Float64Array, input: Float64Array): void;
  inverse(out: Float64Array, input: Float64Array): void;
}

export function isPowerOfTwo(n: number): boolean {
  return n > 0 && (n & (n - 1)) === 0;
}

export function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

class RadixFft implements Fft1d {
  private readonly impl: FftJs;
  constructor(readonly size: number) {
    this.impl = new FFTJS(size);
  }
  forward(out: Float64Array, input: Float64Array): void {
    this.impl.transform(out, input);
  }
  inverse(out: Float64Array, input: Float64Array): void {
    this.impl.inverseTransform(out, input);
  }
}

/** Length-1 transform: the identity. */
class UnitFft implements Fft1d {
  readonly size = 1;
  forward(out: Float64Array, input: Float64Array): void {
    out[0] = input[0];
    out[1] = input[1];
  }
  inverse(out: Float64Array, input: Float64Array): void {
    this.forward(out, input);
  }
}

/** Bluestein's algorithm: a length-N DFT as a circular convolution of power-of-two length. */
class BluesteinFft implements Fft1d {
  private readonly padded: RadixFft;
  private readonly chirp: Float64Array; // w[k] = exp(-i pi k^2 / N)
  private readonly kernelSpectrum: Float64Array; // FFT of conj(w) wrapped around
  private readonly work: Float64Array;
  private readonly workOut: Float64Array;

  constructor(readonly size: number) {
    const m = nextPowerOfTwo(2 * size - 1);
    this.padded = new RadixFft(m);
    this.chirp = new Float64Array(2 * size);
    for (let k = 0; k < size; k++) {
      // k^2 mod 2N keeps the angle exact for large k
      const angle = (Math.PI * ((k * k) % (2 * size))) / size;
      this.chirp[2 * k] = Math.cos(angle);
      this.chirp[2 * k + 1] = -Math.sin(angle);
    }
    const kernel = new Float64Array(2 * m);
    for (let k = 0; k < size; k++) {
      kernel[2 * k] = this.chirp[2 * k];
      kernel[2 * k + 1] = -this.chirp[2 * k + 1];
      if (k > 0) {
        kernel[2 * (m - k)] = this.chirp[2 * k];
        kernel[2 * (m - k) + 1] = -this.chirp[2 * k + 1];
      }
    }
    this.kernelSpectrum = new Float64Array(2 * m);
    this.padded.forward(this.kernelSpectrum, kernel);
    this.work = new Float64Array(2 * m);
    this.workOut = new Float64Array(2 * m);
  }

  forward(out: Float64Array, input: Float64Array): void {
    this.run(out, input, false);
  }

  /** inverse(x) = conj(forward(conj(x))) / N */
  inverse(out: Float64Array, input: Float64Array): void {
    this.run(out, input, true);
  }

  private run(out: Float64Array, input: Float64Array, inverse: boolean): void {
    const n = this.size;
    const { work, workOut, chirp, kernelSpectrum } = this;
    const sign = inverse ? -1 : 1;
    work.fill(0);
    for (let k = 0; k < n; k++) {
      const xr = input[2 * k];
      const xi = sign * input[2 * k + 1];
      const wr = chirp[2 * k];
      const wi = chirp[2 * k + 1];
      work[2 * k] = xr * wr - xi * wi;
      work[2 * k + 1] = xr * wi + xi * wr;
    }
    this.padded.forward(workOut, work);
    for (let k = 0; k < workOut.length; k += 2) {
      const ar = workOut[k];
      const ai = workOut[k + 1];
      const br = kernelSpectrum[k];
      const bi = kernelSpectrum[k + 1];
      workOut[k] = ar * br - ai * bi;
      workOut[k + 1] = ar * bi + ai * br;
    }
    this.padded.inverse(work, workOut);
    const scale = inverse ? 1 / n : 1;
    for (let k = 0; k < n; k++) {
      const cr = work[2 * k];
      const ci = work[2 * k + 1];
      const wr = chirp[2 * k];
      const wi = chirp[2 * k + 1];
      out[2 * k] = (cr * wr - ci * wi) * scale;
      out[2 * k + 1] = sign * (cr * wi + ci * wr) * scale;
    }
  }
}

const cache = new Map<number, Fft1d>();

/** A cached 1-D transform of the given length (any length >= 1). */
export function fft1d(size: number): Fft1d {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`FFT length must be a positive integer, got ${size}`);
  let f = cache.get(size);
  if (!f) {
    f = size === 1 ? new UnitFft() : isPowerOfTwo(size) ? new RadixFft(size) : new BluesteinFft(size);
    cache.set(size, f);
  }
  return f;
}

/** Transforms every row of an interleaved complex ny x nx array in place. */
function transformRows(data: Float64Array, ny: number, nx: number, inverse: boolean): void {
  const f = fft1d(nx);
  const buffer = new Float64Array(2 * nx);
  for (let y = 0; y < ny; y++) {
    const row = data.subarray(2 * y * nx, 2 * (y + 1) * nx);
    if (inverse) f.inverse(buffer, row);
    else f.forward(buffer, row);
    row.set(buffer);
  }
}

const BLOCK = 32;

/** Blocked transpose of an interleaved complex ny x nx array into nx x ny. */
export function transposeComplex(src: Float64Array, ny: number, nx: number, dst: Float64Array = new Float64Array(src.length)): Float64Array {
  for (let y0 = 0; y0 < ny; y0 += BLOCK) {
    const y1 = Math.min(ny, y0 + BLOCK);
    for (let x0 = 0; x0 < nx; x0 += BLOCK) {
      const x1 = Math.min(nx, x0 + BLOCK);
      for (let y = y0; y < y1; y++) {
        for (let x = x0; x < x1; x++) {
          const s = 2 * (y * nx + x);
          const d = 2 * (x * ny + y);
          dst[d] = src[s];
          dst[d + 1] = src[s + 1];
        }
      }
    }
  }
  return dst;
}

/** 2-D transform of an interleaved complex ny x nx array, in place (as scipy.fft.fft2 / ifft2). */
export function fft2dInPlace(data: Float64Array, ny: number, nx: number, inverse = false): Float64Array {
  if (data.length !== 2 * ny * nx) throw new RangeError(`complex array of length ${data.length} does not hold ${ny}x${nx} values`);
  transformRows(data, ny, nx, inverse);
  if (ny > 1) {
    const transposed = transposeComplex(data, ny, nx);
    transformRows(transposed, nx, ny, inverse);
    transposeComplex(transposed, nx, ny, data);
  }
  return data;
}

/** Forward 2-D transform of a real plane (row-major ny x nx), returned interleaved complex. */
export function fft2dReal(plane: ArrayLike<number>, ny: number, nx: number): Float64Array {
  if (plane.length !== ny * nx) throw new RangeError(`plane of length ${plane.length} is not ${ny}x${nx}`);
  const data = new Float64Array(2 * ny * nx);
  for (let i = 0; i < ny * nx; i++) data[2 * i] = plane[i];
  return fft2dInPlace(data, ny, nx, false);
}

/** numpy.fft.fftfreq(n, d): sample frequencies in cycles per unit of d. */
export function fftFrequencies(n: number, d = 1): Float64Array {
  const out = new Float64Array(n);
  const positive = Math.floor((n - 1) / 2) + 1;
  for (let k = 0; k < n; k++) out[k] = (k < positive ? k : k - n) / (n * d);
  return out;
}

/** Number of columns kept in the half spectrum of a real ny x nx plane (as numpy.fft.rfft2): floor(nx/2) + 1. */
export function halfWidth(nx: number): number {
  return Math.floor(nx / 2) + 1;
}

/** Scratch buffers per length, reused between calls (each worker thread has its own module state). */
const scratch = new Map<string, Float64Array>();
function scratchBuffer(name: string, length: number): Float64Array {
  const key = `${name}:${length}`;
  let b = scratch.get(key);
  if (!b) {
    b = new Float64Array(length);
    scratch.set(key, b);
  }
  return b;
}

/**
 * Forward 2-D transform of a real plane (row-major ny x nx) as numpy.fft.rfft2: the half spectrum,
 * ny x halfWidth(nx) interleaved complex (the other columns follow by Hermitian symmetry).
 * Two real rows go through one complex FFT (z = a + ib), and only the kept columns are transformed
 * along y: about half the work of a complex 2-D transform.
 */
export function rfft2d(plane: ArrayLike<number>, ny: number, nx: number, out?: Float64Array): Float64Array {
  if (plane.length !== ny * nx) throw new RangeError(`plane of length ${plane.length} is not ${ny}x${nx}`);
  const hc = halfWidth(nx);
  const result = out ?? new Float64Array(2 * ny * hc);
  const f = fft1d(nx);
  const z = scratchBuffer('row-in', 2 * nx);
  const spectrum = scratchBuffer('row-out', 2 * nx);
  for (let y = 0; y < ny; y += 2) {
    const pair = y + 1 < ny;
    const a = y * nx;
    const b = (y + 1) * nx;
    for (let n = 0; n < nx; n++) {
      z[2 * n] = plane[a + n];
      z[2 * n + 1] = pair ? plane[b + n] : 0;
    }
    f.forward(spectrum, z);
    // A[k] = (Z[k] + conj Z[-k]) / 2, B[k] = (Z[k] - conj Z[-k]) / 2i
    const rowA = 2 * y * hc;
    const rowB = 2 * (y + 1) * hc;
    for (let k = 0; k < hc; k++) {
      const m = k === 0 ? 0 : nx - k;
      const zr = spectrum[2 * k];
      const zi = spectrum[2 * k + 1];
      const mr = spectrum[2 * m];
      const mi = spectrum[2 * m + 1];
      result[rowA + 2 * k] = (zr + mr) / 2;
      result[rowA + 2 * k + 1] = (zi - mi) / 2;
      if (pair) {
        result[rowB + 2 * k] = (zi + mi) / 2;
        result[rowB + 2 * k + 1] = (mr - zr) / 2;
      }
    }
  }
  if (ny > 1) transformColumns(result, ny, hc, false);
  return result;
}

/**
 * Inverse of rfft2d (as numpy.fft.irfft2 with s = (ny, nx)): the real ny x nx plane whose half spectrum is
 * `half` (ny x halfWidth(nx) interleaved complex). `half` is overwritten.
 */
export function irfft2d(half: Float64Array, ny: number, nx: number, out?: Float64Array): Float64Array {
  const hc = halfWidth(nx);
  if (half.length !== 2 * ny * hc) throw new RangeError(`half spectrum of length ${half.length} does not hold ${ny}x${hc} values`);
  const result = out ?? new Float64Array(ny * nx);
  if (ny > 1) transformColumns(half, ny, hc, true);
  const f = fft1d(nx);
  const z = scratchBuffer('row-in', 2 * nx);
  const values = scratchBuffer('row-out', 2 * nx);
  const nyquist = nx % 2 === 0 ? nx / 2 : -1;
  for (let y = 0; y < ny; y += 2) {
    const pair = y + 1 < ny;
    const a = 2 * y * hc;
    const b = 2 * (y + 1) * hc;
    // Z = A + iB over the full row, A and B Hermitian: their DC and Nyquist terms are real (as irfft)
    for (let k = 0; k < nx; k++) {
      const mirrored = k >= hc;
      const j = mirrored ? nx - k : k;
      const realOnly = j === 0 || j === nyquist;
      const ar = half[a + 2 * j];
      const ai = realOnly ? 0 : mirrored ? -half[a + 2 * j + 1] : half[a + 2 * j + 1];
      const br = pair ? half[b + 2 * j] : 0;
      const bi = !pair || realOnly ? 0 : mirrored ? -half[b + 2 * j + 1] : half[b + 2 * j + 1];
      z[2 * k] = ar - bi;
      z[2 * k + 1] = ai + br;
    }
    f.inverse(values, z);
    for (let n = 0; n < nx; n++) {
      result[y * nx + n] = values[2 * n];
      if (pair) result[(y + 1) * nx + n] = values[2 * n + 1];
    }
  }
  return result;
}

/** Transforms every column of an interleaved complex ny x nc array in place (through a blocked transpose). */
function transformColumns(data: Float64Array, ny: number, nc: number, inverse: boolean): void {
  const transposed = transposeComplex(data, ny, nc, scratchBuffer('transposed', data.length));
  const f = fft1d(ny);
  const column = scratchBuffer('column', 2 * ny);
  for (let c = 0; c < nc; c++) {
    const row = transposed.subarray(2 * c * ny, 2 * (c + 1) * ny);
    if (inverse) f.inverse(column, row);
    else f.forward(column, row);
    row.set(column);
  }
  transposeComplex(transposed, nc, ny, data);
}
