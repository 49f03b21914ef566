// A step added to make another step's input (segment before track) takes no number the asked step
// took for itself: "a search radius of 12 px" is the tracker's, never the nuclei's radius too.
import { beforeAll, describe, expect, it } from 'vitest';
import { argsOf, loadAcquisitionWords, said } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('numbers of the asked step', () => {
  it('are not the added step\'s settings too', () => {
    const request = 'track the nuclei with a max gap of 3 frames and a search radius of 12 px, then save the tracks for TrackMate';
    expect(argsOf(request, 'track')).toMatchObject({ maxLinkingDistancePx: 12, maxFrameGap: 3 });
    expect(argsOf(request, 'segment').objectRadiusPx).toBeUndefined();
  });
  it('in µm, are not the added step\'s settings nor its notes', () => {
    const request = 'track with a max gap of 2 frames and a search radius of 15 microns';
    expect(argsOf(request, 'track')).toMatchObject({ maxLinkingDistancePx: 15, maxFrameGap: 2 });
    expect(argsOf(request, 'segment')).not.toHaveProperty('$note');
    expect(said(request)).not.toMatch(/object size/);
  });

});
