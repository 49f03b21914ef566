// A scope of frames with only a general verb ("analyse", "process", "look at") asks, in one line, which steps to run
// on those frames, naming what can be run; never "understood the numbers but not what to do".
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAcquisitionWords, plan } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('a frame scope with no step named', () => {
  const cases: [string, string][] = [
    ['please analyse frames 4 to 12 only', 'frames 4 to 12'],
    ['process time points 2-9', 'time points 2-9'],
    ['look at the last 6 frames', 'the last 6 frames'],
    ['work on frames 30 through 40', 'frames 30 through 40'],
  ];
  for (const [request, scope] of cases) {
    it(`asks which steps to run on ${scope}`, () => {
      const p = plan(request);
      expect(p.steps).toEqual([]);
      expect(p.reply ?? '').not.toMatch(/not what to do/);
      expect(p.reply ?? '').toContain(`Which steps should I run on ${scope}?`);
      expect((p.reply ?? '').split('\n')).toHaveLength(1);
    });
  }

  it('runs the step when one is named with the scope', () => {
    expect(plan('segment frames 4 to 12').steps.map((s) => s.tool)).toEqual(['segment']);
  });
});
