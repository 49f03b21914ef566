import { beforeAll, describe, expect, it } from 'vitest';
import { isContext, toldDividing } from '../../../src/agent/planner/clauses.ts';
import { loadAcquisitionWords, movieAndLabels, plan, said } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('context with a reason or a change in it, and cells said to divide (stop 39, helper B second task)', () => {
  it('a change in the sample told as a reason is context', () => {
    for (const text of ['the speed of these cells changes after the drug', 'their size increases over time', 'migration speed drops after treatment', 'because the cells migrate faster', 'the nuclei slow down once the inhibitor is added', 'their intensity goes up after the drug']) expect(isContext(text)).toBe(true);
    for (const text of ['measure how their size increases over time', 'does the speed change after the drug?', 'can you check if the speed of these cells changes after the drug']) expect(isContext(text)).toBe(false);
  });
  it('adds no measure step and no second tracking', () => {
    for (const text of ["the speed of these cells changes after the drug, so I'd like them tracked", 'their size increases over time so please track them', 'because the cells migrate faster after stimulation, please track them', 'the nuclei slow down once the inhibitor is added. track them please']) {
      expect(plan(text, movieAndLabels).steps.map((s) => s.tool)).toEqual(['track']);
    }
  });
  it('whether the objects divide is told', () => {
    expect(toldDividing('cells divide a lot in this movie')).toBe('yes');
    expect(toldDividing("they're dividing all the time")).toBe('yes');
    expect(toldDividing("these cells don't divide")).toBe('no');
    expect(toldDividing('the nuclei never split')).toBe('no');
    expect(toldDividing('is the cell dividing?')).toBeUndefined();
    expect(toldDividing('count how many cells divide')).toBeUndefined();
  });
  it('cells that divide, tracked: splitting on and the divisions found; cells that do not: splitting off', () => {
    const p = plan('cells divide a lot in this movie, track them', movieAndLabels);
    expect(p.steps.map((s) => s.tool)).toEqual(['track', 'detect_divisions']);
    expect(p.steps[0].args.allowSplitting).not.toBe(false);
    for (const text of ["these cells don't divide, track them", 'the nuclei never split. please track them']) {
      const q = plan(text, movieAndLabels);
      expect(q.steps.map((s) => s.tool)).toEqual(['track']);
      expect(q.steps[0].args.allowSplitting).toBe(false);
      expect(said(text, movieAndLabels)).not.toMatch(/Not run/);
    }
    // (no step that links them: nothing is added)
    expect(plan('cells divide a lot in this movie; just segment them').steps.map((s) => s.tool)).toEqual(['segment']);
  });
});
