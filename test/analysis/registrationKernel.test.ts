// The registration's WebAssembly kernels against the JavaScript loops they stand for (registration.ts): the
// cross-power spectrum bit for bit (whitened or not, with zeros, negative zeros, tiny and huge values) and the
// correlation peak at the same index (ties, NaN, all zeros, the peak in the last group of four).
import { describe, expect, it } from 'vitest';
import { argmaxAbsSingle, crossPowerSpectrumSingle } from '../../src/analysis/registration.ts';
import { correlationKernel } from '../../src/analysis/registrationKernel.ts';

function randomValues(n: number, seed: number, scale = 1000): Float32Array {
  let s = seed;
  return Float32Array.from({ length: n }, () => ((s = (s * 16807) % 2147483647) / 2147483647 - 0.4) * scale);
}

const same = (a: Float32Array, b: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

describe('correlationKernel', () => {
  it('gives the cross-power spectrum of the JavaScript loop bit for bit, whitened and not', () => {
    const floats = 2 * 48 * 33;
    const kernel = correlationKernel(floats, 48 * 64);
    if (!kernel) return void console.log('WebAssembly SIMD missing: skipped');
    for (const seed of [1, 7, 99]) {
      const a = randomValues(floats, seed);
      const b = randomValues(floats, seed + 1000, seed === 99 ? 1e-30 : 1000);
      // zeros, negative zeros, values that cancel, tiny and huge values
      a.set([0, 0, -0, 0, 0, -0, 1e-40, -1e-40, 3e38, -3e38], 0);
      b.set([0, -0, 0, 0, -0, -0, 1e-40, 1e-40, 3e38, 3e38], 0);
      a.set([2, 3], 20);
      b.set([3, -2], 20);
      for (const phase of [true, false]) {
        const expected = new Float32Array(floats);
        crossPowerSpectrumSingle(a, b, phase ? 'phase' : 'none', expected);
        const got = kernel.crossPower(a, b, phase, 100 * 2.220446049250313e-16).slice();
        expect(same(got, expected), `seed ${seed} phase ${phase}`).toBe(true);
      }
    }
  });

  it('reads spectra and writes the product in its own buffers in place, with the same bits as through copies', () => {
    const floats = 2 * 40 * 17;
    const kernel = correlationKernel(floats, 40 * 32);
    if (!kernel) return void console.log('WebAssembly SIMD missing: skipped');
    const [a, b, out] = [kernel.spectrumBuffer()!, kernel.spectrumBuffer()!, kernel.spectrumBuffer()!];
    a.set(randomValues(floats, 5));
    b.set(randomValues(floats, 6));
    const expected = new Float32Array(floats);
    crossPowerSpectrumSingle(a, b, 'phase', expected);
    const floor = 100 * 2.220446049250313e-16;
    // in place: the product lands in `out`, the work areas untouched
    expect(kernel.crossPower(a, b, true, floor, out)).toBe(out);
    expect(same(out, expected)).toBe(true);
    // a plain array for either spectrum or the product goes through the work areas: the same bits
    expect(same(kernel.crossPower(a.slice(), b, true, floor, new Float32Array(floats)), expected)).toBe(true);
    expect(same(kernel.crossPower(a, b.slice(), true, floor), expected)).toBe(true);
    // the buffers are distinct and run out (then undefined: callers fall back to their own arrays)
    const handedOut = [a, b, out];
    for (let buffer = kernel.spectrumBuffer(); buffer; buffer = kernel.spectrumBuffer()) handedOut.push(buffer);
    expect(handedOut.length).toBeGreaterThan(3);
    expect(new Set(handedOut.map((buffer) => buffer.byteOffset)).size).toBe(handedOut.length);
    expect(handedOut.every((buffer) => buffer.length === floats)).toBe(true);
  });

  it('finds the correlation peak where the loop does: the first largest |value|', () => {
    const [ny, nx] = [48, 64];
    const kernel = correlationKernel(2 * 48 * 33, ny * nx);
    if (!kernel) return void console.log('WebAssembly SIMD missing: skipped');
    const cases: Float32Array[] = [];
    cases.push(randomValues(ny * nx, 5));
    const negative = randomValues(ny * nx, 6);
    negative[1234] = -5000; // the largest magnitude negative
    cases.push(negative);
    const tie = randomValues(ny * nx, 8);
    tie[77] = 4000;
    tie[2001] = -4000; // a tie: the first wins
    tie[30] = Number.NaN; // NaN never taken
    cases.push(tie);
    const last = randomValues(ny * nx, 9, 1);
    last[ny * nx - 1] = 10; // in the last group of four
    cases.push(last);
    cases.push(new Float32Array(ny * nx)); // all zeros: index 0
    cases.push(new Float32Array(ny * nx).fill(Number.NaN)); // all NaN: index 0
    const inGroup = new Float32Array(ny * nx);
    inGroup.set([1, 3, -3, 2], 40); // two equal in one group of four
    cases.push(inGroup);
    for (const [i, values] of cases.entries()) {
      const [y, x] = argmaxAbsSingle(values, ny, nx);
      expect(kernel.argmaxAbs(values), `case ${i}`).toBe(y * nx + x);
    }
  });
});
