import { describe, expect, it } from 'vitest';
import { backgroundStats, segmentPlane } from '../../src/analysis/seg-plane.ts';
import { ctcDataset, datasetPresent, readFrame, scoreSegmentation, sequenceParameters } from '../../models/training/real-data.ts';
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

// Foreign ground truth: Fluo-N2DH-SIM+ 02 (dim, textured nuclei; another group's simulator, never trained or tuned
// on), whole frames segmented with the parameters the segment tool chooses for the movie (blob route: grown down to
// 3 noise SD), scored in a 128 px window where dim nuclei crowd. Dim nuclei grown onto their blur lose that rim
// (trimToEdges `grown`). Skips without ../shared/data.
const simplus02 = ctcDataset('simplus02');
if (!datasetPresent(simplus02)) console.log(`skipping SIM+ 02: ${simplus02.images} not found`);

describe.skipIf(!datasetPresent(simplus02))('dim grown nuclei outlined at their edge, not on their blur (SIM+ 02)', () => {
  it('raises SEG where dim nuclei crowd, without losing a nucleus', async () => {
    const { options, chosen } = await sequenceParameters(simplus02, { method: 'auto' });
    expect(chosen.growToNoiseSd).toBeGreaterThan(0);
    const window = { x: 608, y: 576, width: 128, height: 128 };
    const score = await scoreSegmentation(ctcDataset('simplus02', 1, window), [110, 130], async (_plane, w, h, t) => {
      const full = await readFrame(simplus02, t);
      const labels = segmentPlane(full.plane, full.width, full.height, options).labels;
      const cut = new Uint32Array(w * h);
      for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) cut[y * w + x] = labels[(window.y + y) * full.width + window.x + x];
      return cut;
    });
    console.log(`SIM+ 02 window (608, 576) frames 110, 130: DET ${score.DET.toFixed(3)} SEG ${score.SEG.toFixed(3)}, ${score.objects} objects for ${score.referenceObjects}`);
    // Measured 0.788 (before the rim trim 0.693); DET 1.000 both (4 nuclei a frame).
    expect(score.DET).toBe(1);
    expect(score.SEG).toBeGreaterThanOrEqual(0.75);
  }, 90_000);
});
