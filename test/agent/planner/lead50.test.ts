// The lead's user tries of stop 50, in fresh words, each a general mechanism.
import { beforeAll, describe, expect, it } from 'vitest';
import { asSaid, loadAcquisitionWords } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('a wish to know with a hedge or a noun phrase after it is the question', () => {
  it.each([
    "find the cells and follow them over time. I'd like to know roughly how fast they move",
    "segment and track, I'd like to know the mean speed",
    'track the nuclei; we need to know their average speed',
  ])('%s', (request) => {
    const p = asSaid.plan(request);
    expect(p.steps.map((s) => s.tool)).toContain('measure');
    expect((p.notes ?? []).join(' ')).not.toMatch(/Not applied/);
  });
});
