import { describe, expect, it } from 'vitest';
import { DECLINE_RULE, tooUnsure, type StepEvidence } from '../../src/analysis/drift-decline.ts';

const evidence = (over: Partial<StepEvidence>): StepEvidence => ({ steps: 20, unsureSteps: 0, meanStepConfidence: 0.9, bothMeasured: 20, confirmedSteps: 18, ...over });

describe('tooUnsure', () => {
  it('keeps a table whose steps were mostly confirmed by image registration and the objects', () => {
    expect(tooUnsure(evidence({}))).toBe(false);
  });

  it('declines a table guessed at more than the rule\'s share of its steps', () => {
    const guessed = Math.floor(DECLINE_RULE.mostGuessedShare * 20) + 1;
    expect(tooUnsure(evidence({ unsureSteps: guessed }))).toBe(true);
    expect(tooUnsure(evidence({ unsureSteps: guessed - 1 }))).toBe(false);
  });

  it('declines a table that is unsure on average only where the two estimates also rarely agreed', () => {
    const low = DECLINE_RULE.leastMeanStepConfidence - 0.05;
    const rare = Math.ceil(DECLINE_RULE.leastConfirmedShare * 20) - 1;
    expect(tooUnsure(evidence({ meanStepConfidence: low, confirmedSteps: rare }))).toBe(true);
    // agreement at a larger share, or a surer mean, keeps it
    expect(tooUnsure(evidence({ meanStepConfidence: low, confirmedSteps: rare + 2 }))).toBe(false);
    expect(tooUnsure(evidence({ meanStepConfidence: DECLINE_RULE.leastMeanStepConfidence + 0.05, confirmedSteps: rare }))).toBe(false);
  });

  it('does not judge agreement on fewer than 3 steps (of those both measured, where the rule counts those), nor tables of fewer than 3 steps', () => {
    expect(tooUnsure(evidence({ bothMeasured: 2, confirmedSteps: 0, meanStepConfidence: 0.1 }), { ...DECLINE_RULE, confirmedShareOf: 'measured' })).toBe(false);
    expect(tooUnsure(evidence({ steps: 2, unsureSteps: 2 }))).toBe(false);
  });

  it('reads the rule it is given', () => {
    const e = evidence({ meanStepConfidence: 0.6, confirmedSteps: 4 });
    expect(tooUnsure(e, { mostGuessedShare: 0.5, leastMeanStepConfidence: 0.7, leastConfirmedShare: 0.25, confirmedShareOf: 'measured' })).toBe(true);
    expect(tooUnsure(e, { mostGuessedShare: 0.5, leastMeanStepConfidence: 0.5, leastConfirmedShare: 0.25, confirmedShareOf: 'measured' })).toBe(false);
  });

  it('judges the confirmed share of all steps where the rule says so, however few steps both estimates measured', () => {
    // 2 of 20 steps confirmed, and only 2 measured by both: no share of 'measured' to judge, 10% of all steps
    const e = evidence({ meanStepConfidence: 0.2, bothMeasured: 2, confirmedSteps: 2 });
    expect(tooUnsure(e, { mostGuessedShare: 0.5, leastMeanStepConfidence: 0.5, leastConfirmedShare: 0.25, confirmedShareOf: 'measured' })).toBe(false);
    expect(tooUnsure(e, { mostGuessedShare: 0.5, leastMeanStepConfidence: 0.5, leastConfirmedShare: 0.25, confirmedShareOf: 'steps' })).toBe(true);
  });
});
