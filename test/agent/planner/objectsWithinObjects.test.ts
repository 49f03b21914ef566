// Things counted or measured inside other things ("foci per nucleus"): no tool relates two kinds of object, so the
// request is named as not applied in one line, never answered with a count of the holders alone.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAcquisitionWords, said } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('things inside other things', () => {
  it('are named as not applied, whatever the words for the parts and their holders', () => {
    for (const request of ['count the spots per nucleus', 'how many foci are in each cell?', 'measure the number of puncta within each nucleus', 'detect spots in channel 2 and count them per cell'])
      expect(said(request), request).toMatch(/Not applied: ".*(?:spots|foci|puncta).*(?:nucleus|cell)" — no tool here relates one kind of object to another/);
  });
  it('leaves counts per frame and things of one kind alone', () => {
    for (const request of ['count the spots per frame', 'count the nuclei in each frame', 'segment the cells and measure their area']) expect(said(request), request).not.toMatch(/relates one kind of object/);
  });
});
