// Hysteresis in segmentPlane (seg-plane.ts growToNoiseSd): a dim, textured nucleus whose bright
// chromatin spots alone pass the threshold is grown through its dim body into one object.
import { describe, expect, it } from 'vitest';
import { checkSegmentOptions, growToNoise, segmentPlane } from '../../src/analysis/seg-plane.ts';
import { matchLabels } from '../../src/analysis/matching.ts';

const SIZE = 128;
const RADIUS = 22;

/** Background 100 with noise SD 5; a disk of radius 22 at +15 holding four bright spots (radius 4, +150). */
function texturedNucleus(seed: number): { plane: Float32Array; truth: Uint32Array } {
  let s = seed;
  const random = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const plane = new Float32Array(SIZE * SIZE);
  const truth = new Uint32Array(SIZE * SIZE);
  const c = SIZE / 2;
  const spots = [[-10, -8], [9, -9], [-7, 10], [10, 8]];
  for (let y = 0; y < SIZE; y++)
    for (let x = 0; x < SIZE; x++) {
      const i = y * SIZE + x;
      // Noise of SD 5: the sum of 12 uniforms has SD 1.
      let noise = -6;
      for (let k = 0; k < 12; k++) noise += random();
      plane[i] = 100 + 5 * noise;
      if (Math.hypot(x - c, y - c) > RADIUS) continue;
      truth[i] = 1;
      plane[i] += spots.some(([dx, dy]) => Math.hypot(x - c - dx, y - c - dy) <= 4) ? 150 : 15;
    }
  return { plane, truth };
}

describe('hysteresis: objects grown down to the noise', () => {
  it('joins the bright parts of a dim, textured nucleus into one object; without it the spots come out alone', () => {
    const { plane, truth } = texturedNucleus(7);
    const options = { method: 'otsu' as const, sigmaPx: 2, minAreaPx: 20, minSeedDistancePx: 20 };
    const plain = matchLabels(segmentPlane(plane, SIZE, SIZE, options).labels, truth, SIZE, SIZE, 0.5);
    const grown = segmentPlane(plane, SIZE, SIZE, { ...options, growToNoiseSd: 3 });
    const matched = matchLabels(grown.labels, truth, SIZE, SIZE, 0.5);
    expect(plain.tp, 'Otsu alone keeps only the spots').toBe(0);
    expect(grown.count).toBe(1);
    expect(matched.tp).toBe(1);
    expect(matched.meanMatchedIoU).toBeGreaterThan(0.85);
  });

  it('leaves the background alone: noise grows into no object where nothing passed the threshold', () => {
    const { plane, truth } = texturedNucleus(11);
    // the nucleus replaced by background noise drawn from the plane's own corner
    for (let i = 0; i < plane.length; i++) if (truth[i]) plane[i] = plane[(i % SIZE) % 30 + SIZE * (Math.floor(i / SIZE) % 30)];
    const empty = segmentPlane(plane, SIZE, SIZE, { method: 'manual', threshold: 1e6, growToNoiseSd: 3 });
    expect(empty.count).toBe(0);
  });

  it('finds a nucleus with no pixel above the threshold where its region above the noise is nucleus-sized (segment-border.test.ts)', () => {
    const { plane } = texturedNucleus(11);
    const found = segmentPlane(plane, SIZE, SIZE, { method: 'manual', threshold: 1e6, growToNoiseSd: 3, minAreaPx: 200 });
    expect(found.count).toBe(1);
  });

  it('names a wrong growToNoiseSd', () => {
    expect(() => checkSegmentOptions({ growToNoiseSd: -1 })).toThrow(/growToNoiseSd must be between 0 and 100 noise standard deviations, got -1/);
  });
});

// The growth level stays below the threshold it grows from: where an uneven background inflates the noise
// estimate, background + 3 SD can lie above the threshold and growth would do nothing (issue 12 item 2).
/** A smoothed plane: a background ramp 90-110 (robust SD about 7), one nucleus of a bright core (130) in a dim body (117). */
function rampScene(): { smoothed: Float32Array; width: number; height: number; core: number; body: number; brightestBackground: number } {
  const width = 64;
  const height = 48;
  const smoothed = new Float32Array(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const d = Math.hypot(x - 32, y - 24);
      smoothed[y * width + x] = d <= 3 ? 130 : d <= 9 ? 117 : 90 + (20 * x) / (width - 1);
    }
  return { smoothed, width, height, core: 24 * width + 32, body: 24 * width + 39, brightestBackground: 24 * width + width - 1 };
}

describe('growToNoise level', () => {
  it('grows a dim body from its core where background + 3 SD lies above the threshold, and not into the background', () => {
    const { smoothed, width, height, core, body, brightestBackground } = rampScene();
    const threshold = 120;
    const cut = () => Uint8Array.from(smoothed, (v) => (v > threshold ? 1 : 0));
    const plain = cut();
    expect(plain[core]).toBe(1);
    growToNoise(plain, smoothed, width, height, 3);
    expect(plain[body], 'without the threshold the level is background + 3 SD (about 122): nothing grows').toBe(0);
    const grown = cut();
    growToNoise(grown, smoothed, width, height, 3, undefined, Number.POSITIVE_INFINITY, threshold);
    expect(grown[body], 'the level is at most three quarters of the way to the threshold (115)').toBe(1);
    expect(grown[brightestBackground]).toBe(0);
    expect(grown.reduce((a, b) => a + b, 0)).toBe(cut().reduce((a, b) => a + b, 0) + [...smoothed].filter((v) => v === 117).length);
  });

  it('leaves the noise level where it is the lower one', () => {
    const { smoothed, width, height, body } = rampScene();
    // A threshold far above: three quarters of the way (about 175) is above background + 3 SD, which decides.
    const fg = Uint8Array.from(smoothed, (v) => (v > 129 ? 1 : 0));
    const withFarThreshold = Uint8Array.from(fg);
    growToNoise(withFarThreshold, smoothed, width, height, 3, undefined, Number.POSITIVE_INFINITY, 200);
    const plain = Uint8Array.from(fg);
    growToNoise(plain, smoothed, width, height, 3);
    expect(withFarThreshold).toEqual(plain);
    expect(plain[body]).toBe(0);
  });
});
