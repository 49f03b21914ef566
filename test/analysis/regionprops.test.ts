import { describe, expect, it } from 'vitest';
import { circularityOf, groupPixels, regionShapes } from '../../src/analysis/regionprops.ts';

/** A label plane holding one disc of radius `radiusPx` (pixel centres within it), with a 2-pixel margin. */
function disc(radiusPx: number): { plane: Int32Array; size: number } {
  const size = 2 * radiusPx + 5;
  const plane = new Int32Array(size * size);
  const c = radiusPx + 2;
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) if ((x - c) ** 2 + (y - c) ** 2 <= radiusPx ** 2) plane[y * size + x] = 1;
  return { plane, size };
}

describe('regionShapes circularity', () => {
  it('stays at most 1 for discs of radius 2, 5 and 20 px, and a large disc reads round', () => {
    const values = [2, 5, 20].map((r) => {
      const { plane, size } = disc(r);
      const [shape] = regionShapes(plane, size, size);
      return { r, shape };
    });
    for (const { r, shape } of values) expect(shape.circularity, `radius ${r}`).toBeLessThanOrEqual(1);
    // radius 2: 13 px, perimeter 11.3 px: 4πA/P² is 1.28 unclamped
    const small = values[0].shape;
    expect((4 * Math.PI * small.areaPx) / small.perimeterPx ** 2).toBeGreaterThan(1.2);
    expect(small.circularity).toBe(1);
    expect(values[2].shape.circularity).toBeGreaterThan(0.85);
  });

  it('leaves values below 1 as 4πA/P² and gives 0 without a perimeter', () => {
    expect(circularityOf(100, 40)).toBeCloseTo((4 * Math.PI * 100) / 1600, 12);
    expect(circularityOf(5, 0)).toBe(0);
    // a 2x20 bar is far from round
    const plane = new Int32Array(30 * 6);
    for (let x = 5; x < 25; x++) for (let y = 2; y < 4; y++) plane[y * 30 + x] = 1;
    expect(regionShapes(plane, 30, 6)[0].circularity).toBeLessThan(0.5);
  });

  it('takes the pixel groups already made for the plane', () => {
    const { plane, size } = disc(5);
    expect(regionShapes(plane, size, size, groupPixels(plane))).toEqual(regionShapes(plane, size, size));
  });
});
