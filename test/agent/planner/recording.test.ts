// Words that act on the recording at hand ("squash the stack into one picture") are about that
// data: a microscope step that makes new images from nothing is not what they ask for.
import { describe, expect, it } from 'vitest';
import { planRequest } from '../../../src/agent/planner/planner.ts';
import { catalogue, loadAcquisitionWords } from './planOffline.ts';

const withMovie = (request: string) => ({ request, artifactsAtStart: [{ id: 'movie-1', type: 'movie' }], earlier: [], current: [], earlierRequests: [] });
const withNothing = (request: string) => ({ request, artifactsAtStart: [], earlier: [], current: [], earlierRequests: [] });
const tools = (plan: ReturnType<typeof planRequest>) => plan.steps.map((s) => s.tool);

describe('requests on the recording at hand', () => {
  it('a picture made of the loaded stack is a projection, never a snap on the microscope', async () => {
    await loadAcquisitionWords();
    expect(tools(planRequest(withMovie('squash the stack into one picture using the brightest pixel'), catalogue))).toEqual(['project']);
    expect(tools(planRequest(withMovie('make one picture of the whole movie using the brightest pixel'), catalogue))).toEqual(['project']);
  });

  it('a picture asked of the microscope is still taken', async () => {
    await loadAcquisitionWords();
    expect(tools(planRequest(withMovie('take a picture in GFP'), catalogue))).toEqual(['snap']);
  });

  it('a picture made of a stack with no movie open is no snap either: the microscope acts only when asked to take one', async () => {
    await loadAcquisitionWords();
    expect(tools(planRequest(withNothing('squash the stack into one picture'), catalogue))).not.toContain('snap');
  });
});
