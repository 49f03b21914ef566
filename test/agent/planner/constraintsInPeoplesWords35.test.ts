// Constraints in people's words (brief s35/B): a light background said as a fact of the image ("the background is
// bright") is subtract_background's lightBackground, as "a light background" is; too much background is not one.
import { beforeAll, describe, expect, it } from 'vitest';
import { argsOf, loadAcquisitionWords } from './planOffline.ts';

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
