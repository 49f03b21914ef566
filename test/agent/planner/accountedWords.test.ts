// Every content word of a request is accounted for or named (brief s55/K), in words of no eval file.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAcquisitionWords, said } from './planOffline.ts';

const withTracks = [{ id: 'movie-1', type: 'movie' as const }, { id: 'labels-1', type: 'labels' as const, producedBy: 'segment' }, { id: 'tracks-1', type: 'tracks' as const, producedBy: 'track' }];

beforeAll(async () => {
  await loadAcquisitionWords();
});

describe('content words no step offers', () => {
  it('names a detail of a plot no step offers, in the person\'s words', () => {
    expect(said('plot the mean speed over time with the x axis ending at sixty', withTracks)).toMatch(/Not applied: .*ending at sixty/);
  });

  it('names nothing for a request whose words the steps declare, nor for told parts', () => {
    expect(said('track the cells and plot the mean speed over time', withTracks)).not.toMatch(/not applied|did not apply/i);
    expect(said('we rinsed the dish twice before filming, so please track the cells', withTracks)).not.toMatch(/not applied|did not apply/i);
  });
});
