// Borders that a drift correction uncovers are filled with the plane's background level, not 0.
import { describe, expect, it } from 'vitest';
import { fillUncovered } from '../../src/analysis/drift.ts';
import { translatePlane } from '../../src/analysis/resample.ts';

describe('fillUncovered', () => {
  it('fills the columns and rows a shift leaves without input, and only those', () => {
    const height = 6;
    const width = 8;
    const input = Float64Array.from({ length: height * width }, () => 100);
    const shifted = translatePlane(input, height, width, 2, -1);
    fillUncovered(shifted, height, width, 2, -1, 7);
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        const uncovered = x < 2 || y > height - 2;
        expect(shifted[y * width + x], `pixel (${x}, ${y})`).toBe(uncovered ? 7 : 100);
      }
  });

  it('counts a pixel blended with the outside by a fractional shift as uncovered', () => {
    const input = Float64Array.from({ length: 4 * 5 }, () => 50);
    const shifted = translatePlane(input, 4, 5, -1.5, 0);
    fillUncovered(shifted, 4, 5, -1.5, 0, 9);
    // x - (-1.5) > 4 for x = 3 and 4: no whole input pixel lies there
    expect(Array.from(shifted.subarray(0, 5))).toEqual([50, 50, 50, 9, 9]);
  });
});
