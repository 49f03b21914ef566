import { describe, expect, it } from 'vitest';
import { fft1d, fft2dInPlace, fft2dReal, fftFrequencies, halfWidth, irfft2d, rfft2d } from '../../src/analysis/fft.ts';

function naiveDft(re: number[], im: number[], inverse = false): [number[], number[]] {
  const n = re.length;
  const outRe = new Array(n).fill(0);
  const outIm = new Array(n).fill(0);
  const sign = inverse ? 1 : -1;
  for (let k = 0; k < n; k++)
    for (let j = 0; j < n; j++) {
      const a = (sign * 2 * Math.PI * k * j) / n;
      outRe[k] += re[j] * Math.cos(a) - im[j] * Math.sin(a);
      outIm[k] += re[j] * Math.sin(a) + im[j] * Math.cos(a);
    }
  if (inverse) for (let k = 0; k < n; k++) (outRe[k] /= n), (outIm[k] /= n);
  return [outRe, outIm];
}

function randomComplex(n: number, seed: number): Float64Array {
  let s = seed;
  return Float64Array.from({ length: 2 * n }, () => ((s = (s * 16807) % 2147483647) / 2147483647) - 0.5);
}

describe('fft1d', () => {
  it.each([1, 2, 8, 12, 17, 100, 127])('matches the direct DFT for length %i, forward and inverse', (n) => {
    const input = randomComplex(n, n + 3);
    const re = Array.from({ length: n }, (_, i) => input[2 * i]);
    const im = Array.from({ length: n }, (_, i) => input[2 * i + 1]);
    for (const inverse of [false, true]) {
      const out = new Float64Array(2 * n);
      if (inverse) fft1d(n).inverse(out, input);
      else fft1d(n).forward(out, input);
      const [eRe, eIm] = naiveDft(re, im, inverse);
      for (let k = 0; k < n; k++) {
        expect(out[2 * k]).toBeCloseTo(eRe[k], 9);
        expect(out[2 * k + 1]).toBeCloseTo(eIm[k], 9);
      }
    }
  });

  it('rejects a length of 0', () => {
    expect(() => fft1d(0)).toThrow(/positive integer/);
  });
});

describe('fft2d', () => {
  it('equals row then column DFTs and inverts back (6 x 10, non-power-of-two)', () => {
    const ny = 6;
    const nx = 10;
    const plane = Array.from({ length: ny * nx }, (_, i) => Math.sin(i * 0.7) + (i % 3));
    const spectrum = fft2dReal(plane, ny, nx);
    // direct 2-D DFT at a few frequencies
    for (const [ky, kx] of [[0, 0], [1, 3], [5, 9], [3, 5]]) {
      let re = 0;
      let im = 0;
      for (let y = 0; y < ny; y++)
        for (let x = 0; x < nx; x++) {
          const a = -2 * Math.PI * ((ky * y) / ny + (kx * x) / nx);
          re += plane[y * nx + x] * Math.cos(a);
          im += plane[y * nx + x] * Math.sin(a);
        }
      expect(spectrum[2 * (ky * nx + kx)]).toBeCloseTo(re, 9);
      expect(spectrum[2 * (ky * nx + kx) + 1]).toBeCloseTo(im, 9);
    }
    const back = fft2dInPlace(spectrum, ny, nx, true);
    for (let i = 0; i < ny * nx; i++) {
      expect(back[2 * i]).toBeCloseTo(plane[i], 10);
      expect(Math.abs(back[2 * i + 1])).toBeLessThan(1e-10);
    }
  });
});

describe('rfft2d / irfft2d (half spectrum of a real plane, as numpy.fft.rfft2 / irfft2)', () => {
  // even and odd widths and heights, a single row and a single column
  for (const [ny, nx] of [[6, 10], [7, 9], [8, 8], [1, 8], [5, 1], [3, 2]]) {
    it(`${ny} x ${nx}: equals the kept columns of the complex transform and inverts back`, () => {
      const plane = Array.from({ length: ny * nx }, (_, i) => Math.cos(i * 1.3) * 5 + (i % 4));
      const full = fft2dReal(plane, ny, nx);
      const hc = halfWidth(nx);
      const half = rfft2d(plane, ny, nx);
      expect(half.length).toBe(2 * ny * hc);
      for (let y = 0; y < ny; y++)
        for (let k = 0; k < hc; k++) {
          expect(half[2 * (y * hc + k)]).toBeCloseTo(full[2 * (y * nx + k)], 9);
          expect(half[2 * (y * hc + k) + 1]).toBeCloseTo(full[2 * (y * nx + k) + 1], 9);
        }
      const back = irfft2d(half, ny, nx);
      for (let i = 0; i < ny * nx; i++) expect(back[i]).toBeCloseTo(plane[i], 9);
    });
  }
});

describe('fftFrequencies', () => {
  it('matches numpy.fft.fftfreq for even and odd lengths', () => {
    expect(Array.from(fftFrequencies(4))).toEqual([0, 0.25, -0.5, -0.25]);
    expect(Array.from(fftFrequencies(5, 2)).map((v) => Number(v.toFixed(6)))).toEqual([0, 0.1, 0.2, -0.2, -0.1]);
  });
});
