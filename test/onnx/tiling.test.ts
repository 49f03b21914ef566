import { describe, expect, it } from 'vitest';
import { planAxis } from '../../src/onnx/tiling.ts';

describe('planAxis', () => {
  it('caps the seam overlap of small fixed tiles at an eighth of the tile', () => {
    // a 64 px fixed-size model on a 512 px axis: an 8 px overlap (9 tiles), not the 16 px asked (11)
    const tiles = planAxis(512, { kind: 'fixed', value: 64 }, 0, 1024, 16, 'x');
    expect(tiles.length).toBe(9);
    expect(tiles[0].validStart).toBe(0);
    expect(tiles[tiles.length - 1].validEnd).toBe(512);
    for (let i = 1; i < tiles.length; i++) {
      const overlap = tiles[i - 1].validEnd - tiles[i].validStart;
      expect(overlap).toBeGreaterThanOrEqual(8);
      expect(overlap).toBeLessThanOrEqual(9);
    }
  });

  it('keeps the asked overlap where the tile is large enough', () => {
    const tiles = planAxis(2048, { kind: 'parametrized', min: 16, step: 8 }, 8, 1024, 16, 'x');
    for (let i = 1; i < tiles.length; i++) expect(tiles[i - 1].validEnd - tiles[i].validStart).toBeGreaterThanOrEqual(16);
  });

  it('runs a plane that fits whole as one tile', () => {
    expect(planAxis(512, { kind: 'parametrized', min: 16, step: 8 }, 8, 1024, 16, 'x')).toEqual([{ inStart: 0, inSize: 512, validStart: 0, validEnd: 512, rampLow: false, rampHigh: false }]);
  });
});
