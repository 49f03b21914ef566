// "look" names nothing of ours: a question about culture work that says how the cells look is still not
// microscopy analysis, while "what am I looking at" with a movie open still describes it.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAcquisitionWords, plan, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('looking words', () => {
  // (each refused alone; saying how the cells look adds nothing of ours)
  for (const base of ['when should I passage my CHO cells', 'how often should I feed my iPSC colonies']) {
    it(`are no sign of our work: ${base}`, () => {
      expect(plan(base).reply ?? '', base).toMatch(/outside what I do/);
      for (const looks of [', they look a bit yellow', ' - the dish looks crowded', ', it looked fine yesterday']) {
        expect(toolsOf(base + looks), base + looks).toEqual([]);
        expect(plan(base + looks).reply ?? '', base + looks).toMatch(/outside what I do/);
      }
    });
  }
  it('still let a person ask what the open movie is', () => expect(toolsOf('what am I looking at')).toEqual(['movie_info']));
});
