// A question whose answer a correcting step measures runs it to measure and writes no corrected result
// (correct_drift's writeMovie off); asked for by its own verb, the step writes as usual.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAcquisitionWords, plan } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('a question measured by a correcting step', () => {
  it('estimates only: the drift asked yes/no, how much, in fragments', () => {
    for (const q of ['is there drift?', 'Stage drift - yes or no?', 'did the stage drift at all?', 'how much did the stage drift?', 'any drift in this movie?', 'was there a lot of drift?']) {
      const steps = plan(q).steps;
      expect(steps.map((s) => s.tool), q).toEqual(['correct_drift']);
      expect(steps[0].args.writeMovie, q).toBe(false);
    }
  });
  it('writes the corrected movie when the step is asked for, in a question form too', () => {
    for (const q of ['correct the drift', 'correct the drift?', 'please correct the drift?', 'can you correct the drift?', 'could you remove the drift please?', 'correct the drift, then segment the nuclei'])
      expect(plan(q).steps.find((s) => s.tool === 'correct_drift')?.args.writeMovie, q).not.toBe(false);
  });
});

describe('a question asked after the steps (stop 55)', () => {
  it('measures only with the step the steps before it never name', () => {
    const steps = plan('correct the drift and tell me whether it bleaches').steps;
    expect(steps.map((s) => s.tool)).toEqual(['correct_drift', 'correct_bleach']);
    expect(steps[0].args.writeMovie).not.toBe(false);
    expect(steps[1].args.writeMovie).toBe(false);
  });
  it('writes the movie of a step the steps name', () => {
    expect(plan('correct the bleaching and tell me how much it bleached').steps.find((s) => s.tool === 'correct_bleach')?.args.writeMovie).not.toBe(false);
  });
});

