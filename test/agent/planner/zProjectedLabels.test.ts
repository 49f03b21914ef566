// A label movie made on a z-projection is measured against that projection, never against the
// z-stack it came from: same frames, but another number of z slices (frames.ts matchingMovie).
import { beforeAll, describe, expect, it } from 'vitest';
import { nextAction } from '../../../src/agent/planner/planner.ts';
import type { Conversation, PastResult } from '../../../src/agent/planner/conversation.ts';
import { catalogue, loadAcquisitionWords } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

const stack = { id: 'movie-1', type: 'movie', frames: 4, zSlices: 5 };
const done = (tool: string, args: Record<string, unknown>, made: { id: string; type: string }): PastResult => ({ tool, args, ok: true, summary: '', values: {}, artifacts: [{ ...made, producedBy: tool }] });

function callAfter(request: string, current: PastResult[]) {
  const conversation: Conversation = { request, artifactsAtStart: [stack], earlier: [], current, earlierRequests: [] };
  return nextAction(conversation, catalogue);
}

describe('labels of a z-projection', () => {
  const request = 'max project over z, then find the nuclei in each time point and measure their intensity';
  const projected = done('project', { movie: 'movie-1', method: 'max', axis: 'z' }, { id: 'movie-2', type: 'movie' });
  const segmented = done('segment', { movie: 'movie-2' }, { id: 'labels-1', type: 'labels' });

  it('are measured on the projection, not on the z-stack', () => {
    const action = callAfter(request, [projected, segmented]);
    expect(action).toMatchObject({ kind: 'call', tool: 'measure', args: { labels: 'labels-1', movie: 'movie-2' } });
  });

  it('labels of a time projection keep the stack\'s slices: measured on the time projection, not on the time-lapse', () => {
    const overTime = done('project', { movie: 'movie-1', method: 'max', axis: 'time' }, { id: 'movie-2', type: 'movie' });
    const action = callAfter('project over time, segment the nuclei and measure their intensity', [overTime, segmented]);
    expect(action).toMatchObject({ kind: 'call', tool: 'measure', args: { labels: 'labels-1', movie: 'movie-2' } });
  });

  it('"each time point" is every frame, not a scope the step could not apply', () => {
    const action = callAfter(request, []);
    expect(action).toMatchObject({ kind: 'call', tool: 'project' });
    const finished = callAfter(request, [projected, segmented, done('measure', { labels: 'labels-1', movie: 'movie-2' }, { id: 'table-1', type: 'table' })]);
    expect(finished.kind).toBe('answer');
    expect((finished as { text: string }).text).not.toMatch(/Not applied/);
  });
});
