import { describe, expect, it } from 'vitest';
import { backgroundStats } from '../../src/analysis/seg-plane.ts';
import { mulberry32 } from '../../src/random.ts';
import { referenceBackgroundStats } from './kernel-reference.ts';

/** A plane of `width` x `height` smooth-ish positive values (quantised to `levels` when given) and a random foreground. */
function scene(width: number, height: number, seed: number, foregroundShare: number, levels?: number) {
  const random = mulberry32(seed);
  const plane = new Float32Array(width * height);
  const foreground = new Uint8Array(width * height);
  for (let i = 0; i < plane.length; i++) {
    const v = 100 + 30 * random() + 5 * Math.sin(i / 97);
    plane[i] = levels ? Math.round(v / (130 / levels)) * (130 / levels) + 1 : v;
    foreground[i] = random() < foregroundShare ? 1 : 0;
  }
  return { plane, foreground };
}

describe('backgroundStats', () => {
  it('gives the figures of the number-array version, bit for bit (sampled and whole planes, ties, odd and even counts)', () => {
    const cases = [
      scene(512, 512, 1, 0.3),
      scene(512, 512, 2, 0.6, 40),
      scene(300, 217, 3, 0.1),
      scene(101, 99, 4, 0.5, 7),
      scene(64, 64, 5, 0.999),
      scene(256, 1030, 6, 0),
    ];
    for (const { plane, foreground } of cases) expect(backgroundStats(plane, foreground)).toEqual(referenceBackgroundStats(plane, foreground));
  });

  it('says there is no background when every pixel is foreground', () => {
    const { plane } = scene(40, 30, 7, 0);
    expect(backgroundStats(plane, new Uint8Array(plane.length).fill(1))).toEqual({ background: Number.NEGATIVE_INFINITY, noise: 0 });
  });

  it('takes the median and 1.4826 x the median absolute deviation', () => {
    const plane = Float32Array.from([5, 1, 9, 3, 7]);
    expect(backgroundStats(plane, new Uint8Array(5))).toEqual({ background: 5, noise: 1.4826 * 2 });
  });
});
