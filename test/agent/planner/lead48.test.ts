// The lead's user tries of stop 48: what a first try in fresh words found, each a general cause.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAcquisitionWords, plan } from './planOffline.ts';

beforeAll(async () => {
  await loadAcquisitionWords();
});

const movie = [{ id: 'movie-1', type: 'movie' }];

describe('"per time point" is a unit of the result, as "per frame" is', () => {
  it('names nothing as not applied when a z projection makes one image per time point', () => {
    const p = plan('squash the z stack into one image per time point (max)', movie);
    expect(p.steps.map((s) => s.tool)).toEqual(['project']);
    expect(p.steps[0].args).toMatchObject({ axis: 'z', method: 'max' });
    expect((p.notes ?? []).join(' ')).not.toMatch(/Not applied/);
  });
});
