// A count with a rule that leaves some out, said as a request ("count the nuclei, ignoring anything under 40 px"), measures
// the objects and counts the rest: it never runs a tool the words do not name (it ran correct_drift) nor drops the rule.
import { beforeAll, describe, expect, test } from 'vitest';
import { countsWithACondition } from '../../../src/agent/planner/tableAnswers.ts';
import { loadAcquisitionWords, plan } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

const counts = ['count the nuclei', 'count the cells', 'how many nuclei are there'];
const rules = ['ignoring anything under 40 px', 'but skip anything below 50 px', 'leaving out those smaller than 30 px', 'if I ignore those under 40 px'];

describe('counts with a condition', () => {
  for (const count of counts) {
    for (const rule of rules) {
      const request = `${count}, ${rule}`;
      test(request, () => {
        expect(countsWithACondition(request)).toBe(true);
        const p = plan(request);
        expect(p.steps.map((s) => s.tool)).toEqual(['segment', 'measure']);
        expect(p.question).toBeTruthy();
      });
    }
  }
  test('a count with no condition, or a condition on another quantity, is not one', () => {
    expect(countsWithACondition('count the nuclei')).toBe(false);
    expect(countsWithACondition('how fast are the cells that move more than 3 px per frame?')).toBe(false);
  });
});

describe('everyday adverbs are no slip of a tool word', () => {
  test('"overall" is no "overlay": the question about movement measures the tracks, draws nothing', () => {
    const tools = plan('which cell moved the furthest overall?').steps.map((s) => s.tool);
    expect(tools).toContain('track');
    expect(tools).not.toContain('plot');
  });
});
