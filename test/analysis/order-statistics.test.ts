import { describe, expect, it } from 'vitest';
import { lowerMedian, lowerQuantile } from '../../src/analysis/order-statistics.ts';

describe('order statistics', () => {
  it('takes the element at floor(p (n - 1)) of the sorted values, the lower middle for the median', () => {
    expect(lowerMedian([5, 1, 4, 2])).toBe(2);
    expect(lowerMedian([3, 1, 2])).toBe(2);
    expect(lowerQuantile([10, 30, 20, 40, 50], 0.9)).toBe(40);
    expect(lowerQuantile([10, 30, 20], 0)).toBe(10);
    expect(lowerQuantile([10, 30, 20], 1)).toBe(30);
  });

  it('is NaN for no values', () => {
    expect(lowerMedian([])).toBeNaN();
  });
});
