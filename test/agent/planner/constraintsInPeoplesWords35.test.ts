// Constraints in people's words (brief s35/B): a light background said as a fact of the image ("the background is
// bright") is subtract_background's lightBackground, as "a light background" is; too much background is not one. A bare
// number after a comparative of a quality ("brighter than 500", "dimmer than 300") is on that quality (the intensity),
// never a size of the things compared: no tool takes it, so the answer names the condition whole.
import { beforeAll, describe, expect, it } from 'vitest';
import { argsOf, loadAcquisitionWords, said } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('a light background said as a fact of the image', () => {
  it('sets lightBackground', () => {
    for (const words of ['subtract background, rolling ball radius 25 px, the background is bright', 'remove the background; the background looks white here', 'background subtraction please, background is brighter than the cells']) {
      expect(argsOf(words, 'subtract_background'), words).toMatchObject({ lightBackground: true });
    }
  });

  it('is not too much background', () => {
    expect(argsOf('the background is too bright, subtract it', 'subtract_background').lightBackground).toBeUndefined();
  });
});

describe('a bare number after a comparative of a quality', () => {
  it('is never a size of the things compared, and is named with its comparison', () => {
    for (const [words, shown] of [['segment but only nuclei brighter than 500', 'brighter than 500'], ['segment, keeping only nuclei dimmer than 300', 'dimmer than 300'], ['find the cells, just the ones fainter than 80', 'fainter than 80']]) {
      expect(argsOf(words, 'segment').objectRadiusPx, words).toBeUndefined();
      expect(said(words), words).toContain(shown);
    }
  });

  it('leaves a size said with its unit to the size', () => {
    expect(argsOf('segment but only nuclei larger than 500 px', 'segment')).toMatchObject({ minAreaPx: 500 });
  });
});
