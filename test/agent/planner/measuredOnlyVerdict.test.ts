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

describe('a step that decides its own yes or no (stop 55)', () => {
  const measured = (values: Record<string, unknown>, summary: string) => ({ tool: 'correct_bleach', ok: true, args: { writeMovie: false }, values, artifacts: [], summary }) as unknown as PastResult;
  it("leads with the step's verdict and its sentence, the loss one per channel", () => {
    const found = measured({ bleaching: true, intensityLossPercent: [14.7] }, 'Bleaching found over 8 frames (...): whole-frame mean intensity fell by 14.7%, half-life 14 frames.');
    expect(measuredOnlyVerdict('is there photobleaching?', [found])).toBe('Yes: bleaching found over 8 frames (...): whole-frame mean intensity fell by 14.7%, half-life 14 frames');
    const none = measured({ bleaching: false, intensityLossPercent: [-0.7] }, 'No bleaching found over 6 frames (...): whole-frame mean intensity rose by 0.7%, no decay to fit.');
    expect(measuredOnlyVerdict('is it bleaching?', [none])).toMatch(/^No: no bleaching found .*0\.7%/);
  });
  it("turns the step's verdict for a question of staying steady", () => {
    expect(measuredOnlyVerdict('is the signal stable?', [measured({ bleaching: true, intensityLossPercent: [20] }, 'Bleaching found.')])).toMatch(/^No: bleaching found/);
  });
  it('judges a list of losses by the ±5% rule where the step decides none', () => {
    expect(measuredOnlyVerdict('is it bleaching?', [measured({ intensityLossPercent: [2, 12] }, '')])).toMatch(/^Yes, bleaching: .* by 12%/);
  });
});

describe('a yes/no asked inside a request (stop 55)', () => {
  it('"tell me whether it bleaches" gets the verdict', () => {
    expect(measuredOnlyVerdict('tell me whether it bleaches', [bleach(23.5, false)])).toMatch(/^Yes, bleaching:/);
  });
});

