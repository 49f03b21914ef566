// Wording robustness: a few requests of our own (none from evals/), each reworded by every
// family, keep their plan. A floor per family, so a change that breaks a tolerance fails here.
import { describe, expect, it } from 'vitest';
import { ALL_TOOLS } from '../../src/agent/allTools.ts';
import { type EvalSuite, suiteSchema } from '../../src/agent/evals.ts';
import { isTunedSuite, perturbationKeepRates, reworded } from '../../src/agent/perturbedEvals.ts';
import { PERTURBATION_FAMILIES } from '../../src/agent/planner/perturbations.ts';

const SUITE: EvalSuite = {
  ...suiteSchema.parse({
    suite: 'wording',
    cases: [
      { id: 'stabilize-li', turns: ['Please stabilize the recording, then segment the nuclei with the Li threshold.'], expect: { calls: [{ tool: 'correct_drift' }, { tool: 'segment', args: { method: 'li' } }] } },
      { id: 'no-divisions', turns: ['Segment the nuclei, then follow them over time but do not link divisions.'], expect: { calls: [{ tool: 'segment' }, { tool: 'track' }] } },
      { id: 'ball-denoise', turns: ['Subtract the background with a rolling ball of 30 px, then denoise the time-lapse.'], expect: { calls_include: [{ tool: 'subtract_background' }, { tool: 'denoise' }] } },
      { id: 'channel-two', turns: ["I'd like the labelled nuclei measured in channel 2."], expect: { calls_include: [{ tool: 'measure', args: { channel: 2 } }] } },
      { id: 'weather', turns: ["What's the weather like in Lisbon tomorrow?"], expect: { calls: [] } },
    ],
  }),
  path: '/nowhere/wording.yaml',
};

/** Cases each family rewords in SUITE, and keeps (all of them, on this sample: measured 2026-12-03; runOn 3/5 before verb phrases were cut apart; listed 3/3, 2026-12-04; hurried, question, wish and bareLower all kept, 2026-12-07). */
const FLOOR: Record<string, number> = { typo: 5, spelling: 3, lowerCase: 5, upperCase: 5, punctuation: 5, polite: 5, contractions: 3, units: 1, numberWords: 1, hyphens: 1, runOn: 5, listed: 3, hurried: 5, question: 2, wish: 2, bareLower: 5 };
/** Of those, the cases kept where a family keeps fewer than all. */
const KEPT: Partial<Record<string, number>> = {};

describe('perturbationKeepRates', () => {
  it('keeps the plan of every reworded request of ours, family by family, and runs nothing new where nothing ran', async () => {
    const report = await perturbationKeepRates([SUITE], { tools: ALL_TOOLS });
    expect(report.failingBefore).toBe(0);
    expect(report.cases).toBe(SUITE.cases.length);
    for (const family of PERTURBATION_FAMILIES) {
      const score = report.families.find((f) => f.family === family)!;
      expect({ family, applicable: score.applicable, kept: score.kept }).toEqual({ family, applicable: FLOOR[family], kept: KEPT[family] ?? FLOOR[family] });
      expect(score.gainedCalls).toBe(0);
    }
  }, 60_000);

  it('never rewords held-out or -check files', () => {
    expect(isTunedSuite(SUITE)).toBe(true);
    expect(isTunedSuite({ ...SUITE, heldout: true })).toBe(false);
    expect(isTunedSuite({ ...SUITE, suite: 'tuning-x-check', path: '/e/tuning-x-check.yaml' })).toBe(false);
  });

  it('rewords every turn of a case, and says when a family has nothing to change', () => {
    const twoTurns = { id: 'two', turns: ['segment the cells', { say: 'then track them for 5 frames' }] };
    const out = reworded(twoTurns, SUITE, 'upperCase')!;
    expect(out.turns).toEqual(['SEGMENT THE CELLS', { say: 'THEN TRACK THEM FOR 5 FRAMES' }]);
    expect(reworded({ id: 'bare', turns: ['segment'] }, SUITE, 'units')).toBeUndefined();
  });
});
