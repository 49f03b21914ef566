// The reference frame said in other words maps to correct_drift's reference (brief s24/W, item 7).
import { beforeAll, describe, expect, it } from 'vitest';
import { argsOf, loadAcquisitionWords } from './planOffline.ts';

beforeAll(async () => {
  await loadAcquisitionWords();
});

describe('the drift reference said in words', () => {
  it('reads the first image, the initial frame and the average of the frames', () => {
    expect(argsOf('stabilise every frame against the first image', 'correct_drift')).toMatchObject({ reference: 'first' });
    expect(argsOf('align each time point onto the initial frame', 'correct_drift')).toMatchObject({ reference: 'first' });
    expect(argsOf('register it to the average of the frames', 'correct_drift')).toMatchObject({ reference: 'mean' });
  });

  it('reads no reference from a frame range', () => {
    expect(argsOf('correct drift, frame 1 to 20', 'correct_drift')).not.toHaveProperty('reference');
  });
});
