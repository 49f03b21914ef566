import { describe, expect, it } from 'vitest';
import { radixSortFloat32, radixSortFloat64 } from '../../src/analysis/radix-sort.ts';

const bits = (a: Float32Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));

describe('radixSortFloat32', () => {
  it('orders float32 values bit for bit as Float32Array.prototype.sort', () => {
    let seed = 12345;
    const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (const n of [0, 1, 63, 64, 65, 1000, 6400]) {
      const values = Float32Array.from({ length: n }, (_, i) => (i % 7 === 0 ? Math.round(rand() * 10 - 5) : (rand() - 0.4) * 10 ** Math.floor(rand() * 12 - 6)));
      if (n > 10) values.set([-0, 0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN, 1e-45, -1e-45, 3.4e38, -3.4e38], 1);
      expect(bits(radixSortFloat32(values.slice()))).toEqual(bits(values.slice().sort()));
    }
  });

  it('orders float64 values bit for bit as Float64Array.prototype.sort', () => {
    let seed = 777;
    const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const bits64 = (a: Float64Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, 2 * a.length));
    for (const n of [0, 5, 64, 100, 3000]) {
      const values = Float64Array.from({ length: n }, (_, i) => (i % 5 === 0 ? Math.round(rand() * 10 - 5) : (rand() - 0.4) * 10 ** (rand() * 40 - 20) + (i % 3 ? rand() * 1e-9 : 0)));
      if (n > 10) values.set([-0, 0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN, 5e-324, -5e-324, Number.MAX_VALUE, -Number.MAX_VALUE], 1);
      expect(bits64(radixSortFloat64(values.slice()))).toEqual(bits64(values.slice().sort()));
    }
    const view = Float64Array.from({ length: 300 }, (_, i) => (i * 37) % 101 - 50).subarray(10, 290);
    expect([...radixSortFloat64(view)]).toEqual([...view.slice().sort()]);
  });

  it('puts NaN of either sign last', () => {
    const values = Float32Array.from([2, Number.NaN, -1, 0, 5]);
    new Uint32Array(values.buffer)[3] = 0xffc00000; // a negative NaN, as x86 arithmetic makes it
    const sorted = radixSortFloat32(Float32Array.from({ length: 80 }, (_, i) => values[i % 5]));
    expect([...sorted.subarray(0, 48)].every(Number.isFinite)).toBe(true);
    expect([...sorted.subarray(48)].every(Number.isNaN)).toBe(true);
  });

  it('sorts a view in place and leaves the rest of its buffer alone', () => {
    const buffer = Float32Array.from({ length: 200 }, (_, i) => (i * 37) % 101);
    const view = buffer.subarray(50, 150);
    const expected = view.slice().sort();
    const outside = [...buffer.subarray(0, 50), ...buffer.subarray(150)];
    expect(radixSortFloat32(view)).toBe(view);
    expect([...view]).toEqual([...expected]);
    expect([...buffer.subarray(0, 50), ...buffer.subarray(150)]).toEqual(outside);
  });
});
