// A number joined before a word by a hyphen names a mode or a kind ("3-D", "3-class", "8-connected"), never a size (stop 47).
import { beforeAll, expect, it } from 'vitest';
import { argsOf, loadAcquisitionWords } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

it('is no object radius nor area, while a size with its unit still is', () => {
  for (const request of ['segment the nuclei in 3-D', 'segment the nuclei as 8-connected objects', 'a 2-D segmentation of the nuclei']) {
    const args = argsOf(request, 'segment');
    expect(args.objectRadiusPx, request).toBeUndefined();
    expect(args.minAreaPx, request).toBeUndefined();
  }
  expect(argsOf('segment with a 5-pixel radius', 'segment').objectRadiusPx).toBe(5);
});
