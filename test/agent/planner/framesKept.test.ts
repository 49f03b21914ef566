// Frames asked to be kept with no other step: a cut of the movie in time by the tool that declares it cuts the movie
// and takes frames, never a question back of which steps to run on them.
import { beforeAll, describe, expect, it } from 'vitest';
import { planRequest } from '../../../src/agent/planner/planner.ts';
import { catalogue, loadAcquisitionWords } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

const plan = (request: string) => planRequest({ request, artifactsAtStart: [{ id: 'movie-1', type: 'movie' }], earlier: [], current: [], earlierRequests: [] }, catalogue);

describe('frames kept alone', () => {
  it('are cut out as a new movie', () => {
    for (const request of ['keep frames 5 to 15 only', 'I want the frames 5 to 15 only, as a new movie', 'cut out frames 5 to 15 as a new movie', 'extract timepoints 5-15 into a separate stack']) {
      const p = plan(request);
      expect(p.steps.map((s) => s.tool), request).toEqual(['crop']);
      expect(p.steps[0].args.frames, request).toEqual({ first: 5, last: 15 });
    }
    expect(plan('just the first 10 frames please').steps[0].args.frames).toEqual({ first: 1, last: 10 });
  });
  it('are the scope of a step named beside them, and frames left out or analysed are asked about', () => {
    expect(plan('segment frames 5 to 15 only').steps.map((s) => s.tool)).toEqual(['segment']);
    for (const request of ['skip frames 1-4', 'analyse frames 10 to 20 only']) {
      const p = plan(request);
      expect(p.steps, request).toEqual([]);
      expect(p.reply, request).toMatch(/^Which steps should I run/);
    }
  });
});
