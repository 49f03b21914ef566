// Constraints in people's words (brief s37/B): a threshold said by its other name ("cut-off", "cutoff") is the threshold,
// and implies the method it belongs to; the word before the number that names the quantity ("cut-off intensity 1200") is no
// value of another choice (splitBy stays); a level said to part the background from the rest ("anything dimmer than 400 is
// background") is a threshold; an operation the step always does, turned down ("don't fill holes"), is named in one line.
import { beforeAll, describe, expect, it } from 'vitest';
import { argsOf, loadAcquisitionWords, said, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('a threshold by its other name', () => {
  it('is the threshold of method manual, said so', () => {
    for (const [words, threshold] of [['segment, cut-off intensity 1200', 1200], ['can you segment the nuclei with an intensity cutoff of 900?', 900], ['segment, intensity cut-off at 2500', 2500]] as const) {
      const args = argsOf(words, 'segment');
      expect(args, words).toMatchObject({ method: 'manual', threshold });
      expect(args.splitBy, words).toBeUndefined();
      expect(args.objectRadiusPx, words).toBeUndefined();
      expect(said(words), words).toMatch(/manual/);
    }
  });
});

describe('a level that parts the background from the rest', () => {
  it('is the threshold', () => {
    expect(argsOf('segment; anything dimmer than 400 is background', 'segment')).toMatchObject({ method: 'manual', threshold: 400 });
    expect(argsOf('segment, everything below 300 is background', 'segment')).toMatchObject({ method: 'manual', threshold: 300 });
  });

  it('leaves a level said of the things found to be named', () => {
    expect(argsOf('segment but only nuclei brighter than 500', 'segment').threshold).toBeUndefined();
    expect(said('segment but only nuclei brighter than 500')).toContain('brighter than 500');
  });
});

describe('an operation the step always does', () => {
  it('turned down, is named as not applied in one line, the step still run', () => {
    for (const words of ["segment the cells but don't fill holes", 'segment without filling the holes', 'segment, no hole filling']) {
      expect(toolsOf(words), words).toEqual(['segment']);
      expect(said(words), words).toMatch(/Not applied: "[^"]*hol[^"]*": `segment` has no option to leave it out/);
    }
  });

  it('asked, is said as applied', () => {
    expect(said('threshold with otsu and fill holes')).toMatch(/^Applied: `segment` always fills the holes/);
    expect(said('segment, fill holes and order a pizza')).toMatch(/Applied: `segment` always fills the holes/);
  });
});
