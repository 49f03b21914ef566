// A range said of what a pair of arguments shares ("an area between 30 and 800 px") gives the pair its two ends
// (minAreaPx / maxAreaPx), never one end to another argument (it had set the radius to 30 and the minimum area to 800).
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAcquisitionWords, plan } from './planOffline.ts';

beforeAll(loadAcquisitionWords);
const segmentArgs = (request: string) => plan(request).steps.find((s) => s.tool === 'segment')?.args ?? {};

describe('a range of a paired setting', () => {
  it.each([
    ['segment the nuclei between 30 and 800 px in area', 30, 800],
    ['find cells, keeping only objects with an area between 45 and 1200 pixels', 45, 1200],
    ['segment with areas from 60 to 900 px', 60, 900],
    ['segment nuclei, area 40-700 px', 40, 700],
    ['segment with minArea=25 and maxArea=500', 25, 500],
  ])('"%s" sets both ends', (request, low, high) => {
    const args = segmentArgs(request);
    expect(args.minAreaPx, request).toBe(low);
    expect(args.maxAreaPx, request).toBe(high);
    expect(args.objectRadiusPx, request).toBeUndefined();
  });

  it('leaves a frame range to the frames', () => {
    const args = segmentArgs('segment frames 5 to 20');
    expect(args.minAreaPx).toBeUndefined();
    expect(args.frames).toMatchObject({ first: 5, last: 20 });
  });
});
