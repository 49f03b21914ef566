// The object radius estimated from a movie (object-size.ts, seg-auto.ts) is either near the truth
// or said to be uncertain, with the radius used: never a confident wrong size. Two simulator movies
// where the estimate fails (issue 12: a fully crowded one measured 18.4 px for nuclei of 9, a noisy
// one 2.3 px) and one where it holds, so the doubt is not always raised.
import { describe, expect, it } from 'vitest';
import { chooseSegmentParameters, describeChosen, sampleMoviePlanes } from '../../src/analysis/seg-auto.ts';
import { simulate, type SimOptions } from '../../src/sim/index.ts';

/** The median equivalent radius (sqrt(area / pi)) of the true nuclei in frame 0. */
function trueRadiusPx(labels: ArrayLike<number>): number {
  const area = new Map<number, number>();
  for (let i = 0; i < labels.length; i++) if (labels[i]) area.set(labels[i], (area.get(labels[i]) ?? 0) + 1);
  const radii = [...area.values()].map((a) => Math.sqrt(a / Math.PI)).sort((a, b) => a - b);
  return radii[radii.length >> 1];
}

async function chosenFor(options: Partial<SimOptions>) {
  const sim = simulate({ width: 256, height: 256, frames: 3, nucleusRadiusPx: 8, ...options });
  const { chosen } = chooseSegmentParameters(await sampleMoviePlanes(sim.movie, 0, [0, 2]), { method: 'auto' });
  return { chosen, truth: trueRadiusPx(await sim.labels.plane(0, 0, 0)) };
}

/** Within 30 % of the truth. */
const near = (radiusPx: number, truth: number) => radiusPx > 0.7 * truth && radiusPx < 1.3 * truth;

describe('object size: near the truth or said to be uncertain', () => {
  it.each([
    ['fully crowded (seed 9403, crowding 1)', { cells: 90, snr: 8, seed: 9403, crowding: 1 }],
    ['noisy (seed 9404, SNR 3)', { cells: 90, snr: 3, seed: 9404, crowding: 0.9 }],
  ])('%s', async (_name, options) => {
    const { chosen, truth } = await chosenFor(options);
    if (near(chosen.objectRadiusPx, truth)) return;
    expect(chosen.sizeDoubt, `radius ${chosen.objectRadiusPx} px for nuclei of ${truth.toFixed(1)} px, given with no doubt`).toBeDefined();
    expect(describeChosen(chosen)).toContain(`Object size uncertain: ${chosen.sizeDoubt}; the parameters above use ${chosen.objectRadiusPx} px`);
  });

  it('raises no doubt where the estimate holds (seed 4, crowding 0.5)', async () => {
    const { chosen, truth } = await chosenFor({ cells: 30, seed: 4, crowding: 0.5 });
    expect(near(chosen.objectRadiusPx, truth), `radius ${chosen.objectRadiusPx} px for nuclei of ${truth.toFixed(1)} px`).toBe(true);
    expect(chosen.sizeDoubt).toBeUndefined();
    expect(describeChosen(chosen)).not.toContain('uncertain');
  });
});
