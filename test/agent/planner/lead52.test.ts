// The lead's user tries of stop 52, in fresh words, each a general mechanism.
import { beforeAll, describe, expect, it } from 'vitest';
import type { KnownArtifact } from '../../../src/agent/planner/conversation.ts';
import { loadAcquisitionWords, plan } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

const segmented: KnownArtifact[] = [{ id: 'movie-1', type: 'movie' }, { id: 'labels-1', type: 'labels', producedBy: 'segment' }];

describe('a count asked "per frame" counts the things in each frame, never the frames', () => {
  it.each(['how many per frame?', 'how many are there per time point?', 'and how many at every timepoint?'])('%s', (request) => {
    expect(plan(request, segmented).steps.map((s) => s.tool)).not.toContain('movie_info');
  });
  it('"segment the spots. how many per frame?" segments and asks no file facts', () => {
    expect(plan('segment the spots. how many per frame?').steps.map((s) => s.tool)).toEqual(['segment']);
  });
  it.each(['how many frames does it have?', 'how many frames per second?'])('"%s" still reads the file', (request) => {
    expect(plan(request).steps.map((s) => s.tool)).toEqual(['movie_info']);
  });
});

describe("the best-focused z slice of each frame is project's method best_focus", () => {
  it.each(['can you find the best focused plane in each time point and segment the cells on it?', 'pick the sharpest z slice of every frame', 'find the sharpest z plane of each time point', 'take the best focal plane per timepoint and count the cells'])('%s', (request) => {
    const p = plan(request);
    expect(p.steps[0].tool).toBe('project');
    expect(p.steps[0].args).toMatchObject({ method: 'best_focus', axis: 'z' });
  });
  it('"max project the z stack" stays a max projection', () => {
    expect(plan('max project the z stack').steps[0].args).toMatchObject({ method: 'max', axis: 'z' });
  });
});
