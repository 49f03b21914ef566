// A "when" clause right after a span of frames is that span's reason, no microscope rule.
import { beforeAll, describe, expect, it } from 'vitest';
import { isASpansReason, whenGivesASpansReason } from '../../../src/agent/planner/scopeReason.ts';
import { argsOf, loadAcquisitionWords, movieAndLabels, plan, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe("a span's reason", () => {
  it('is a when clause after a span of frames', () => {
    expect(whenGivesASpansReason('measure the intensity from time point 12 on, when the stimulus starts')).toBe(true);
    expect(whenGivesASpansReason('when a cell divides, image every 10 s for 5 minutes')).toBe(false);
    expect(isASpansReason('segment the nuclei up to frame 30', 'when the cells start dying')).toBe(true);
    expect(isASpansReason('segment the nuclei', 'when the cells start dying')).toBe(false);
  });
  it('scopes the step and reads no rule', () => {
    expect(toolsOf('measure the intensity from time point 12 on, when the stimulus starts', movieAndLabels)).toEqual(['measure']);
    expect(argsOf('segment the nuclei up to frame 30, when the cells start dying', 'segment').frames).toEqual({ first: 1, last: 30 });
    expect(plan('when a cell divides, image every 10 s for 5 minutes').steps.map((s) => s.tool)).toEqual(['add_rule']);
  });
});
