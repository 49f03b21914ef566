// A verb that looks rather than does ("have a look at", "glance over", "check") with a scope of frames and no step
// named asks which steps to run on those frames: it never runs drift correction, tracking or anything else that only a
// word of an argument or a value matched. A step named with the scope still runs on it.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAcquisitionWords, plan } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('a scope of frames with a looking verb', () => {
  const cases: [string, string][] = [
    ['could you have a look at the last 8 frames', 'the last 8 frames'],
    ['take a quick look at frames 12 to 20', 'frames 12 to 20'],
    ['check the first 4 frames', 'the first 4 frames'],
    ['glance over time points 5-9', 'time points 5-9'],
    ['go through the final 3 frames', 'the final 3 frames'],
  ];
  for (const [request, scope] of cases) {
    it(`runs nothing and asks which steps: ${request}`, () => {
      const p = plan(request);
      expect(p.steps).toEqual([]);
      expect(p.reply ?? '').toMatch(/^Which steps should I run on /);
      expect(p.reply ?? '').toContain(scope);
    });
  }

  it('runs a step named with the scope', () => {
    expect(plan('denoise frames 12 to 20').steps.map((s) => s.tool)).toEqual(['denoise']);
    expect(plan('project the first 4 frames').steps.map((s) => s.tool)).toEqual(['project']);
  });
});
