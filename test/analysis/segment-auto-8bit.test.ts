// The object size chosen from a movie (seg-auto.ts chooseSegmentParameters) must not depend on how the movie was
// written: the same simulated movie with its range mapped onto 0-255 (an 8-bit export), 0-4095 (a 12-bit camera in a
// 16-bit file) or 0-31 (a dim camera: noise under one grey level), rounded, gives the radius of the original within 10%.
// (A guard: it passed before the stop-41 change too. The failure it guards against was measured on Fluo-N2DH-SIM+ 02,
// frames 79-88, 512 px: 11.8 px in 8 bits against 16.1 px in 16 bits, TRA 0.753 against 0.874, because the median blob /
// threshold radius ratio of its sample frames, 1.333 in 16 bits and 1.319 in 8, sat on the blob route's cut, then 1.33.)
import { describe, expect, it } from 'vitest';
import { chooseSegmentParameters, sampleMoviePlanes, type SamplePlane } from '../../src/analysis/seg-auto.ts';
import { simulate } from '../../src/sim/index.ts';

/** The planes with their joint range mapped onto 0..top and rounded (levels fixed for the movie, as an export writes them). */
function quantised(samples: SamplePlane[], top: number): SamplePlane[] {
  let low = Infinity;
  let high = -Infinity;
  for (const { plane } of samples) for (let i = 0; i < plane.length; i++) (low = Math.min(low, plane[i])), (high = Math.max(high, plane[i]));
  const span = high - low || 1;
  return samples.map(({ plane, width, height }) => ({ plane: Float32Array.from(plane, (v) => Math.round((top * (v - low)) / span)), width, height }));
}

describe('the chosen object size does not depend on the bit depth', () => {
  for (const seed of [3, 21])
    it(`simulated movie (seed ${seed}) in 8, 12 and 5 bits: the radius of the original within 10%`, async () => {
      const sim = simulate({ frames: 6, width: 96, height: 96, cells: 6, seed });
      const samples = await sampleMoviePlanes(sim.movie, 0, [0, 5]);
      const original = chooseSegmentParameters(samples, { method: 'auto' }).chosen.objectRadiusPx;
      for (const top of [255, 4095, 31]) {
        const radius = chooseSegmentParameters(quantised(samples, top), { method: 'auto' }).chosen.objectRadiusPx;
        expect(Math.abs(radius - original), `${top + 1} levels: ${radius} px against ${original} px`).toBeLessThanOrEqual(0.1 * original);
      }
    });
});
