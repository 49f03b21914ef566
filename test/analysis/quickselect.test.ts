import { describe, expect, it } from 'vitest';
import { selectRank } from '../../src/analysis/quickselect.ts';
import { mulberry32 } from '../../src/random.ts';

describe('selectRank', () => {
  it('finds the k-th smallest of float32 and float64 arrays, ties and all, with smaller values before it and larger after', () => {
    const random = mulberry32(3);
    for (const length of [1, 2, 3, 10, 101, 1000]) {
      for (const make of [(n: number) => new Float32Array(n), (n: number) => new Float64Array(n)]) {
        const values = make(length).map(() => Math.round(random() * 50) / 7);
        const sorted = Array.from(values).sort((a, b) => a - b);
        for (const k of [0, length >> 1, length - 1]) {
          const copy = values.slice();
          expect(selectRank(copy, k)).toBe(sorted[k]);
          for (let i = 0; i < k; i++) expect(copy[i]).toBeLessThanOrEqual(copy[k]);
          for (let i = k + 1; i < length; i++) expect(copy[i]).toBeGreaterThanOrEqual(copy[k]);
        }
      }
    }
  });

  it('leaves the ranks below `left` alone', () => {
    const values = Float64Array.from([1, 2, 9, 7, 8, 3]);
    expect(selectRank(values, 3, 2)).toBe(7);
    expect(Array.from(values.subarray(0, 2))).toEqual([1, 2]);
  });
});

describe('median and upperMedianOf', () => {
  it('gives the middle value, the mean of the two middle ones for an even count, and the upper of the two middle values of a plane', async () => {
    const { median, upperMedianOf } = await import('../../src/analysis/quickselect.ts');
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(upperMedianOf(Uint16Array.from([4, 1, 3, 2]))).toBe(3);
    expect(upperMedianOf(new Uint16Array(0))).toBe(0);
  });
});
