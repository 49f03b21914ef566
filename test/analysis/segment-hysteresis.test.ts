// Hysteresis in segmentPlane (seg-plane.ts growToNoiseSd): a dim, textured nucleus whose bright
// chromatin spots alone pass the threshold is grown through its dim body into one object.
import { describe, expect, it } from 'vitest';
import { checkSegmentOptions, segmentPlane } from '../../src/analysis/seg-plane.ts';
import { matchLabels } from '../../src/analysis/matching.ts';

const SIZE = 128;
const RADIUS = 22;

/** Background 100 with noise SD 5; a disk of radius 22 at +15 holding four bright spots (radius 4, +150). */
function texturedNucleus(seed: number): { plane: Float32Array; truth: Uint32Array } {
  let s = seed;
  const random = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const plane = new Float32Array(SIZE * SIZE);
  const truth = new Uint32Array(SIZE * SIZE);
  const c = SIZE / 2;
  const spots = [[-10, -8], [9, -9], [-7, 10], [10, 8]];
  for (let y = 0; y < SIZE; y++)
    for (let x = 0; x < SIZE; x++) {
      const i = y * SIZE + x;
      // Noise of SD 5: the sum of 12 uniforms has SD 1.
      let noise = -6;
      for (let k = 0; k < 12; k++) noise += random();
      plane[i] = 100 + 5 * noise;
      if (Math.hypot(x - c, y - c) > RADIUS) continue;
      truth[i] = 1;
      plane[i] += spots.some(([dx, dy]) => Math.hypot(x - c - dx, y - c - dy) <= 4) ? 150 : 15;
    }
  return { plane, truth };
}

describe('hysteresis: objects grown down to the noise', () => {
  it('joins the bright parts of a dim, textured nucleus into one object; without it the spots come out alone', () => {
    const { plane, truth } = texturedNucleus(7);
    const options = { method: 'otsu' as const, sigmaPx: 2, minAreaPx: 20, minSeedDistancePx: 20 };
    const plain = matchLabels(segmentPlane(plane, SIZE, SIZE, options).labels, truth, SIZE, SIZE, 0.5);
    const grown = segmentPlane(plane, SIZE, SIZE, { ...options, growToNoiseSd: 3 });
    const matched = matchLabels(grown.labels, truth, SIZE, SIZE, 0.5);
    expect(plain.tp, 'Otsu alone keeps only the spots').toBe(0);
    expect(grown.count).toBe(1);
    expect(matched.tp).toBe(1);
    expect(matched.meanMatchedIoU).toBeGreaterThan(0.85);
  });

  it('leaves the background alone: noise grows into no object where nothing passed the threshold', () => {
    const { plane, truth } = texturedNucleus(11);
    // the nucleus replaced by background noise drawn from the plane's own corner
    for (let i = 0; i < plane.length; i++) if (truth[i]) plane[i] = plane[(i % SIZE) % 30 + SIZE * (Math.floor(i / SIZE) % 30)];
    const empty = segmentPlane(plane, SIZE, SIZE, { method: 'manual', threshold: 1e6, growToNoiseSd: 3 });
    expect(empty.count).toBe(0);
  });

  it('finds a nucleus with no pixel above the threshold where its region above the noise is nucleus-sized (segment-border.test.ts)', () => {
    const { plane } = texturedNucleus(11);
    const found = segmentPlane(plane, SIZE, SIZE, { method: 'manual', threshold: 1e6, growToNoiseSd: 3, minAreaPx: 200 });
    expect(found.count).toBe(1);
  });

  it('names a wrong growToNoiseSd', () => {
    expect(() => checkSegmentOptions({ growToNoiseSd: -1 })).toThrow(/growToNoiseSd must be between 0 and 100 noise standard deviations, got -1/);
  });
});
