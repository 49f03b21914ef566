import { beforeAll, describe, expect, it } from 'vitest';
import { loadAcquisitionWords, plan, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('a step planned twice with the same settings on the same input', () => {
  it('runs once', () => {
    expect(toolsOf('tell me whether these cells migrate in a particular direction. Could you follow them over time and plot their trajectories?')).toEqual(['segment', 'track', 'measure', 'plot']);
  });

  it('runs again when a step in between made its input anew', () => {
    expect(toolsOf('measure the areas, then correct drift and measure again')).toEqual(['segment', 'measure', 'correct_drift', 'measure']);
  });
});

describe('a step restated with more settings that contradict none', () => {
  it('is one step with all of them; one with a contradicting setting stays apart', () => {
    expect(plan('segment the nuclei. The segmentation should use the Li threshold').steps.map((s) => [s.tool, s.args.method, s.args.target])).toEqual([['segment', 'li', 'nuclei']]);
    expect(plan('segment with otsu and also segment with li to compare').steps.map((s) => s.args.method)).toEqual(['otsu', 'li']);
  });
});
