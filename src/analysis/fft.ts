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
