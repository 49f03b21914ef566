// A yes/no from the first-to-last change a step run only to measure reported (measuredOnlyVerdict.ts).
import { describe, expect, it } from 'vitest';
import { measuredOnlyVerdict } from '../../../src/agent/planner/measuredOnlyVerdict.ts';
import type { PastResult } from '../../../src/agent/planner/conversation.ts';

const bleach = (intensityLossPercent: number, writeMovie?: boolean) => ({ tool: 'correct_bleach', ok: true, args: { writeMovie }, values: { intensityLossPercent }, artifacts: [], summary: '' }) as unknown as PastResult;

describe('is it bleaching', () => {
  it('is yes over 5% lost, with the number', () => {
    expect(measuredOnlyVerdict('is it bleaching?', [bleach(23.5, false)])).toMatch(/^Yes, bleaching: the intensity fell from the first to the last frame by 23\.5%/);
    expect(measuredOnlyVerdict('is it bleaching?', [bleach(2, false)])).toMatch(/^No, bleaching: .* by 2% \(within/);
  });
  it('turns for a question of staying steady', () => {
    expect(measuredOnlyVerdict('is the signal stable?', [bleach(23.5, false)])).toMatch(/^No, bleaching:/);
  });
  it('is no answer from a correction that wrote a movie, nor for a question that is no yes/no', () => {
    expect(measuredOnlyVerdict('is it bleaching?', [bleach(23.5)])).toBeUndefined();
    expect(measuredOnlyVerdict('how much did it bleach?', [bleach(23.5, false)])).toBeUndefined();
  });
});
