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
