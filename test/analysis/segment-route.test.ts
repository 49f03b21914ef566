// The route that sizes textured nuclei (seg-auto.ts: the blob scale sets the radius where the threshold draws only a
// textured nucleus's bright parts) must hold on the movies it was measured on: the 512 px centre of Fluo-N2DH-SIM+ 02
// frames 79, 84 and 88 (dim textured nuclei; the real-table.ts row) takes it; the same window of SIM+ 01 frames 8, 13 and
// 17 (nuclei the threshold sees whole) keeps the threshold's radius, in 16 and 8 bits; so do smooth simulated nuclei.
// Known failure, kept as `it.fails` so that a fix shows here: SIM+ 02 written in 8 bits leaves the route (median blob /
// threshold ratio 1.319 against the cut 1.33; radius 11.8 px against 16.1 px, TRA 0.753 against 0.874; stop 41 helper D,
// and stop 42 helper D: no direct feature measured so far separates the two kinds with a margin). Skips the real movies
// where ../shared/data is absent.
import { describe, expect, it } from 'vitest';
import { chooseSegmentParameters, sampleMoviePlanes, type SamplePlane } from '../../src/analysis/seg-auto.ts';
import { simulate } from '../../src/sim/index.ts';
import { ctcDataset, datasetPresent, readFrame } from '../../models/training/real-data.ts';

/** The planes mapped onto 0-255 by the first plane's range and rounded (an 8-bit export, levels fixed for the movie). */
function eightBit(samples: SamplePlane[]): SamplePlane[] {
  let low = Infinity;
  let high = -Infinity;
  for (const v of samples[0].plane) (low = Math.min(low, v)), (high = Math.max(high, v));
  const span = high - low || 1;
  return samples.map(({ plane, width, height }) => ({ plane: Float32Array.from(plane, (v) => Math.max(0, Math.min(255, Math.round((255 * (v - low)) / span)))), width, height }));
}

// (the route fills each round object to its hull: convexFill is chosen on it alone)
const blobRoute = (samples: SamplePlane[]) => chooseSegmentParameters(samples, { method: 'auto' }).chosen.convexFill;

const simplus02 = ctcDataset('simplus02', 1, { x: 113, y: 130, width: 512, height: 512 });
const simplus01 = ctcDataset('simplus01', 1, { x: 58, y: 89, width: 512, height: 512 });
const present = datasetPresent(simplus02) && datasetPresent(simplus01);
if (!present) console.log(`skipping the route on SIM+ 01 / 02: ${simplus02.images} not found`);

describe('the route for textured nuclei', () => {
  it.skipIf(!present)('SIM+ 02 (textured) takes it; SIM+ 01 (whole nuclei) does not, in 16 or 8 bits', async () => {
    const two = await Promise.all([79, 84, 88].map((t) => readFrame(simplus02, t)));
    const one = await Promise.all([8, 13, 17].map((t) => readFrame(simplus01, t)));
    expect(blobRoute(two), 'SIM+ 02, 16 bits').toBe(true);
    expect(blobRoute(one), 'SIM+ 01, 16 bits').toBe(false);
    expect(blobRoute(eightBit(one)), 'SIM+ 01, 8 bits').toBe(false);
  }, 30_000);

  it.skipIf(!present).fails('SIM+ 02 written in 8 bits takes it too (known failure: the ratio sits on the cut)', async () => {
    const two = await Promise.all([79, 84, 88].map((t) => readFrame(simplus02, t)));
    expect(blobRoute(eightBit(two)), 'SIM+ 02, 8 bits').toBe(true);
  }, 30_000);

  it('smooth simulated nuclei keep the threshold radius', async () => {
    const sim = simulate({ frames: 6, width: 128, height: 128, cells: 10, seed: 3 });
    const samples = await sampleMoviePlanes(sim.movie, 0, [0, 5]);
    expect(blobRoute(samples)).toBe(false);
  });
});
