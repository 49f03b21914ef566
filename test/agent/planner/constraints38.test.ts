import { beforeAll, describe, expect, it } from 'vitest';
import { statedNumbers } from '../../../src/agent/planner/arguments.ts';
import type { KnownArtifact } from '../../../src/agent/planner/conversation.ts';
import { catalogue, loadAcquisitionWords, plan } from './planOffline.ts';

beforeAll(loadAcquisitionWords);
const twenty: KnownArtifact[] = [{ id: 'movie-1', type: 'movie', frames: 20 }];

describe('constraints in unusual forms (stop 38)', () => {
  it('a negated comparison is a bound, never a setting turned down', async () => {
    for (const text of ['segment, nuclei no bigger than 700 px', 'segment nuclei not bigger than 700 px', 'segment, objects no larger than 700 px']) {
      const p = await plan(text);
      expect(p.steps[0].args).toMatchObject({ maxAreaPx: 700 });
      expect(p.notes ?? []).toEqual([]);
    }
  });
  it('≤ and ≥ are bounds as <= and >= are', () => {
    expect(statedNumbers('segment', 'keep area ≤ 1000 px', catalogue)).toEqual({ maxAreaPx: 1000 });
    expect(statedNumbers('segment', 'area ≥ 40 px', catalogue)).toEqual({ minAreaPx: 40 });
  });
  it('both ends of the movie left out', async () => {
    const p = await plan('segment, ignoring the first 2 and the last 2 frames', twenty);
    expect(p.steps[0].args.frames).toEqual({ first: 3, last: 18 });
    expect(p.notes).toEqual([expect.stringMatching(/^Frames 3-18 of 20: the first 2 and the last 2 left out/)]);
    expect((await plan('segment, ignoring the last 2 frames', twenty)).steps[0].args.frames).toEqual({ first: 1, last: 18 });
  });
});
