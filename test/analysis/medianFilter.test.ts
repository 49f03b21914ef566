import { describe, expect, it } from 'vitest';
import { medianFilter, medianKernel } from '../../src/analysis/medianFilter.ts';

/** The median of each pixel's kernel by sorting, the edge pixel standing in outside: the definition, written plainly. */
function medianBySorting(plane: number[], width: number, height: number, radiusPx: number): number[] {
  const kernel = medianKernel(radiusPx);
  const out: number[] = [];
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const values = kernel.map(([dx, dy]) => plane[Math.min(height - 1, Math.max(0, y + dy)) * width + Math.min(width - 1, Math.max(0, x + dx))]).sort((a, b) => a - b);
      out.push(values[values.length >> 1]);
    }
  return out;
}

describe('medianFilter (Fiji Process > Filters > Median)', () => {
  it("uses Fiji's circular kernels: radius 1 is the 3 x 3 square, radius 2 has 21 pixels, radius 3 has 37", () => {
    expect(medianKernel(1)).toHaveLength(9);
    expect(medianKernel(2)).toHaveLength(21);
    expect(medianKernel(3)).toHaveLength(37);
  });

  it('removes an isolated hot pixel and keeps a straight edge where it is', () => {
    const width = 9, height = 9;
    const plane: number[] = Array.from({ length: width * height }, (_, i) => (i % width < 4 ? 10 : 100));
    plane[4 * width + 1] = 5000; // a hot pixel in the dark half
    const out = medianFilter(plane, width, height, 1);
    expect(out[4 * width + 1]).toBe(10);
    for (let y = 0; y < height; y++) {
      expect(out[y * width + 3]).toBe(10);
      expect(out[y * width + 4]).toBe(100);
    }
  });

  it('equals the median by sorting on a random plane, at the borders too', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const width = 23, height = 17;
    const plane = Array.from({ length: width * height }, () => Math.round(random() * 1000));
    for (const r of [1, 2, 3.5]) expect(Array.from(medianFilter(plane, width, height, r))).toEqual(medianBySorting(plane, width, height, r));
  });

  it('refuses a radius out of range, naming it', () => {
    expect(() => medianFilter([1, 2, 3, 4], 2, 2, 0)).toThrow(/median radius must be 0.5 to 50 px, got 0/);
  });
});
