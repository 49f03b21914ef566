// Later chat turns (stop 52 helper E), in words of no eval file: a key chord is one word, and the request before asked
// again by naming only the other movie, elliptically, with a step of it left out.
import { beforeAll, describe, expect, it } from 'vitest';
import { splitClauses } from '../../../src/agent/planner/clauses.ts';
import { planRequest } from '../../../src/agent/planner/planner.ts';
import type { KnownArtifact, PastResult } from '../../../src/agent/planner/conversation.ts';
import { catalogue, loadAcquisitionWords } from './planOffline.ts';

beforeAll(async () => {
  await loadAcquisitionWords();
});

const movies: KnownArtifact[] = [{ id: 'movie-1', type: 'movie', description: 'input movie ctrl.tif' }, { id: 'movie-2', type: 'movie', description: 'input movie drug.tif' }];
const ran = (tool: string, args: Record<string, unknown>, artifacts: KnownArtifact[] = []): PastResult => ({ tool, args, ok: true, summary: '', values: {}, artifacts });

describe('later turns', () => {
  it('keeps a key chord in one clause, and a plus between steps splits', () => {
    expect(splitClauses('cmd+z').length).toBe(1);
    expect(splitClauses('denoise+segment').length).toBe(2);
  });

  it('asks the request before again on the movie named alone, leaving out a step said', () => {
    const earlier = [ran('segment', { movie: 'movie-1' }, [{ id: 'labels-1', type: 'labels', producedBy: 'segment' }]), ran('track', { labels: 'labels-1' }, [{ id: 'tracks-1', type: 'tracks', producedBy: 'track' }])];
    const after = (request: string) => planRequest({ request, artifactsAtStart: [...movies, ...earlier.flatMap((r) => r.artifacts)], earlier, current: [], earlierRequests: ['segment and track the nuclei in movie-1'] }, catalogue);
    const both = after('how about the second one?');
    expect(both.steps.map((s) => s.tool)).toEqual(['segment', 'track']);
    expect(both.steps[0].args.movie).toMatchObject({ id: 'movie-2' });
    const one = after('and drug.tif, without the tracking');
    expect(one.steps.map((s) => s.tool)).toEqual(['segment']);
    expect(one.steps[0].args.movie).toMatchObject({ id: 'movie-2' });
  });
});
