// Outlines asked as a video: plot's movie draws the label outlines on every frame (stop 48; at stop 47 one frame was drawn
// and the video named as not done); one frame alone stays one frame.
import { beforeAll, expect, it } from 'vitest';
import { asSaid, loadAcquisitionWords, movieAndLabels } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

it('draws the outlines on every frame, from the masks there are or segmented first; one frame alone is one frame', () => {
  const request = 'overlay the segmentation outlines on the movie as a video';
  expect(asSaid.toolsOf(request, movieAndLabels)).toEqual(['plot']);
  expect(asSaid.argsOf(request, 'plot', movieAndLabels)).toMatchObject({ kind: 'movie', labels: { $ref: 'labels' } });
  expect(asSaid.said(request, movieAndLabels)).not.toMatch(/Not done/);
  expect(asSaid.toolsOf('make me a video with the nucleus outlines drawn over the raw data')).toEqual(['segment', 'plot']);
  // (a video file no tool writes is named, the pictures are drawn)
  expect(asSaid.argsOf('overlay the segmented nuclei on the movie and save it as an mp4', 'plot')).toMatchObject({ kind: 'movie' });
  expect(asSaid.said('overlay the segmented nuclei on the movie and save it as an mp4')).toMatch(/no tool here writes an MP4 file/);
  expect(asSaid.argsOf('overlay the outlines on frame 5', 'plot', movieAndLabels)).toMatchObject({ kind: 'frame' });
});
