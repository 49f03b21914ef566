// Values followed per cell over time ("measure intensity over time per cell") need each object's track: the tracks are
// made beside the labels, and measure adds a track id to every object's row, so one cell's values can be followed.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAcquisitionWords, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('values followed per cell over time', () => {
  it('track the objects before measuring them', () => {
    for (const request of ['measure intensity over time per cell', 'plot the mean GFP intensity of every cell through time'])
      expect(toolsOf(request).slice(0, 3), request).toEqual(['segment', 'track', 'measure']);
  });
  it('leave a measurement of objects per frame alone', () => {
    for (const request of ['measure the area of the nuclei', 'measure intensity per frame']) expect(toolsOf(request), request).not.toContain('track');
  });
});
