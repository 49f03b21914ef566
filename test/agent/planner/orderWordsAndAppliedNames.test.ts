// A word of order at a step's end ("with the U-Net beforehand") is no part of a method's name, and a name one step ran
// with ("export to trackmate") is applied, whichever other tool knows the name too (track's words say TrackMate).
import { beforeAll, describe, expect, it } from 'vitest';
import { asSaid, loadAcquisitionWords } from './planOffline.ts';

const { said, toolsOf } = asSaid;

beforeAll(loadAcquisitionWords);

describe('order words and names applied', () => {
  it('reads "beforehand" as the order, never an option not applied', () => {
    const request = 'do the tracking, but segment with the U-Net beforehand';
    expect(toolsOf(request)).toEqual(['segment', 'track']);
    expect(said(request)).not.toMatch(/Not applied|did not apply/);
  });
  it('says nothing of a name one step ran with', () => {
    const request = 'export to trackmate at the very end, but track with overlap before that';
    expect(toolsOf(request)).toEqual(['segment', 'track', 'export']);
    expect(said(request)).not.toMatch(/did not apply "trackmate"/);
  });
});
