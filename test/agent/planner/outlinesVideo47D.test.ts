// Outlines asked as a video: plot's movie draws track paths only, so one frame is drawn and the answer says so (stop 47).
import { beforeAll, expect, it } from 'vitest';
import { asSaid, loadAcquisitionWords, movieAndLabels } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

it('names the video not made, never drops it in silence; one frame alone has no such line', () => {
  const request = 'overlay the segmentation outlines on the movie as a video';
  expect(asSaid.toolsOf(request, movieAndLabels)).toEqual(['plot']);
  expect(asSaid.said(request, movieAndLabels)).toMatch(/Not done: a video of the outlines/);
  expect(asSaid.said('overlay the outlines on frame 5', movieAndLabels)).not.toMatch(/video/);
});
