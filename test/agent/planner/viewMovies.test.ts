// A movie made by a step that may write one frame (a projection) is a view only when it is one: a z projection or the
// best-focused slice of each frame, several frames long, is the movie "now segment it" reads.
import { beforeAll, describe, expect, it } from 'vitest';
import type { KnownArtifact } from '../../../src/agent/planner/conversation.ts';
import { nextAction } from '../../../src/agent/planner/planner.ts';
import { catalogue, loadAcquisitionWords } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

const segmentedMovie = (projection: KnownArtifact) => {
  const action = nextAction({ request: 'now segment it', artifactsAtStart: [{ id: 'movie-1', type: 'movie', frames: 3, zSlices: 7 }, projection], earlier: [], current: [], earlierRequests: [] }, catalogue);
  return action.kind === 'call' ? action.args.movie : undefined;
};

describe('"now segment it" after a projection', () => {
  it('segments a projection through z (several frames)', () => {
    expect(segmentedMovie({ id: 'movie-2', type: 'movie', producedBy: 'project', frames: 3, zSlices: 1 })).toBe('movie-2');
  });
  it('segments the movie, not a projection over time (one frame)', () => {
    expect(segmentedMovie({ id: 'movie-2', type: 'movie', producedBy: 'project', frames: 1, zSlices: 7 })).toBe('movie-1');
  });
});
