// Blob scale by the scale-normalised Laplacian of Gaussian (blobs.ts): a disk answers at its
// radius; a textured disk (bright spots in a dim body) answers at the spots' scale unless the
// plane is capped at the body's level.
import { describe, expect, it } from 'vitest';
import { blobScalesAt, capValues, sigmaLadder } from '../../src/analysis/blobs.ts';

const SIZE = 160;

/** A disk of radius r at the centre, level `body`, with optional bright spots of radius 3 px at `spotLevel`. */
function disk(radiusPx: number, body: number, spots: [number, number][] = [], spotLevel = 0): Float32Array {
  const plane = new Float32Array(SIZE * SIZE).fill(10);
  const c = SIZE / 2;
  for (let y = 0; y < SIZE; y++)
    for (let x = 0; x < SIZE; x++) {
      if (Math.hypot(x - c, y - c) > radiusPx) continue;
      plane[y * SIZE + x] = spots.some(([dx, dy]) => Math.hypot(x - c - dx, y - c - dy) <= 3) ? spotLevel : body;
    }
  return plane;
}

const centre = (SIZE / 2) * SIZE + SIZE / 2;
const ladder = sigmaLadder(1, 30);

describe('blob scale (scale-normalised LoG)', () => {
  for (const radius of [6, 12, 24]) {
    it(`measures a disk of radius ${radius} px within 15 %`, () => {
      const [b] = blobScalesAt(disk(radius, 100), SIZE, SIZE, [centre], ladder);
      expect(Math.abs(b.radiusPx - radius) / radius, `measured ${b.radiusPx}`).toBeLessThan(0.15);
      expect(b.response).toBeGreaterThan(0);
    });
  }

  it('answers at the bright spots of a textured disk, and at the disk once capped at its body level', () => {
    const textured = disk(20, 40, [[0, 0], [8, 4], [-6, 9], [-9, -8], [5, -10]], 400);
    const [raw] = blobScalesAt(textured, SIZE, SIZE, [centre], ladder);
    const [capped] = blobScalesAt(capValues(textured, 40), SIZE, SIZE, [centre], ladder);
    expect(raw.radiusPx, 'uncapped: the spots answer').toBeLessThan(8);
    expect(Math.abs(capped.radiusPx - 20) / 20, `capped measured ${capped.radiusPx}`).toBeLessThan(0.15);
  });

  it('gives no radius where nothing is brighter than its surroundings', () => {
    const [flat] = blobScalesAt(new Float32Array(SIZE * SIZE).fill(5), SIZE, SIZE, [centre], ladder);
    expect(flat.radiusPx).toBeNaN();
  });

  it('rejects a ladder that is not increasing and a plane of the wrong size', () => {
    expect(() => sigmaLadder(4, 2)).toThrow(/low <= high/);
    expect(() => blobScalesAt(new Float32Array(10), SIZE, SIZE, [0], ladder)).toThrow(/expected 160x160/);
  });
});
