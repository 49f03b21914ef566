import { describe, expect, it } from 'vitest';
import { DECLINE_RULE, type StepEvidence } from '../../../src/analysis/drift-decline.ts';
import { chooseRule, confusion, driftOfShape, errorLeftPx, QUICK, sweep, type Outcome } from '../../../models/training/drift-sweep.ts';

describe('drift paths of the sweep', () => {
  it('start at 0 and reach the amplitude asked for, whatever the shape', () => {
    for (const shape of ['line', 'walk', 'jumps'] as const) {
      const path = driftOfShape(shape, 16, 7.5, 3);
      expect(path).toHaveLength(16);
      expect(path[0]).toEqual({ dxPx: 0, dyPx: 0 });
      expect(Math.max(...path.map((m) => Math.hypot(m.dxPx, m.dyPx)))).toBeCloseTo(7.5, 6);
    }
  });

  it('jumps hold still between at most 3 jumps', () => {
    const path = driftOfShape('jumps', 30, 10, 8);
    const moves = path.slice(1).filter((m, t) => m.dxPx !== path[t].dxPx || m.dyPx !== path[t].dyPx).length;
    expect(moves).toBeGreaterThan(0);
    expect(moves).toBeLessThanOrEqual(3);
  });
});

const outcome = (evidence: Partial<StepEvidence>, tableErrorPx: number, nothingErrorPx: number, moved = true): Outcome => ({
  base: 'made up',
  family: 'simulator',
  shape: 'walk',
  amplitudePx: 10,
  evidence: { steps: 20, unsureSteps: 0, meanStepConfidence: 0.9, bothMeasured: 20, confirmedSteps: 18, ...evidence },
  declined: false,
  moved,
  tableErrorPx,
  nothingErrorPx,
  truthKnown: true,
});

describe('confusion and the choice of rule', () => {
  const sure = outcome({}, 0.3, 6);
  const unsureWrong = outcome({ meanStepConfidence: 0.2, confirmedSteps: 1 }, 9, 6);
  const unsureRight = outcome({ meanStepConfidence: 0.45, confirmedSteps: 1 }, 1, 6);
  const still = outcome({}, 4, 4, false);

  it('sorts each outcome once: no motion found, applied or declined, by its error against 2 px', () => {
    const c = confusion([sure, unsureWrong, unsureRight, still], DECLINE_RULE);
    // the rule in force declines both unsure tables (1 of 20 steps confirmed, sure by under 0.5): the right one needlessly
    expect(c).toEqual({ stillRight: 0, stillMissed: 1, appliedGood: 1, wrongApplications: 0, declinedBad: 1, needlessDeclines: 1, declinedHarmless: 0 });
  });

  it('chooses the rule that declines the wrong table and keeps the right one', () => {
    const rules = [0.1, 0.3, 0.6].map((least) => ({ ...DECLINE_RULE, leastMeanStepConfidence: least }));
    const { rule, confusion: c } = chooseRule([sure, unsureWrong, unsureRight], rules);
    expect(rule.leastMeanStepConfidence).toBe(0.3);
    expect(c.wrongApplications + c.needlessDeclines).toBe(0);
    // what is left: the sure table's 0.3 px, the drift's 6 px where the wrong table is declined, the right table's 1 px
    expect(errorLeftPx([sure, unsureWrong, unsureRight], rule)).toBeCloseTo((0.3 + 6 + 1) / 3, 6);
  });
});

describe('a small sweep (static and moving simulated cells, 96 px, 12 frames)', () => {
  it('applies the static cells\' drift within 2 px (correctable), and declines no correctable table', { timeout: 300_000 }, async () => {
    const outcomes = await sweep(QUICK);
    expect(outcomes).toHaveLength(6);
    for (const o of outcomes.filter((o) => o.base.includes('static'))) expect(o.tableErrorPx).toBeLessThan(2);
    const c = confusion(outcomes, DECLINE_RULE);
    console.log(`small drift sweep: ${JSON.stringify(c)}`);
    expect(c.needlessDeclines).toBe(0);
    expect(Object.values(c).reduce((a, n) => a + n, 0)).toBe(outcomes.length);
  });
});
