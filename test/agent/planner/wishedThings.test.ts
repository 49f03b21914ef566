// A thing asked for with no verb ("a heat map of where the cells go") that no tool makes is named in one line, as after a
// verb ("make a heatmap of ..."); things a tool makes, said the same way, are not.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAcquisitionWords, said } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('a thing wished for without a verb', () => {
  it('is named when no tool makes it', () => {
    expect(said('a heat map of where the cells go during the movie')).toMatch(/I did not apply "heat map": no tool here makes one/);
  });
  it('is not named when a tool makes it', () => {
    for (const request of ['a plot of nucleus count vs time', 'a movie with the tracks drawn on it', 'a lineage tree of the dividing cells', 'a max projection of the movie'])
      expect(said(request), request).not.toMatch(/I did not apply/);
  });
});
