// seg-intensity-split.ts: a bright nucleus pressed against a dim one is two objects, a nucleus of even brightness one.
import { describe, expect, it } from 'vitest';
import { segmentPlaneAuto } from '../../src/analysis/seg-auto.ts';
import { segmentPlane, type SegmentOptions } from '../../src/analysis/seg-plane.ts';
import { gaussianBlur } from '../../src/analysis/filters.ts';

const W = 80;
const H = 64;

/**
 * A noisy plane of nuclei with dense centres (each pixel the brighter nucleus's Gaussian profile, as a maximum
 * projection shows them: centre x, y, profile SD, height over a background of 10).
 */
function plane(nuclei: [number, number, number, number][], seed = 3): Float32Array {
  const out = new Float32Array(W * H);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      let v = 0;
      for (const [cx, cy, sd, a] of nuclei) v = Math.max(v, a * Math.exp(-((x - cx) ** 2 + (y - cy) ** 2) / (2 * sd * sd)));
      out[y * W + x] = v;
    }
  let s = seed;
  const random = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = 0; i < out.length; i++) out[i] += 10 + 4 * (random() + random() + random() - 1.5);
  return out;
}

/** Objects covering each point (x, y). */
function labelsAt(labels: Uint32Array, points: [number, number][]): number[] {
  return points.map(([x, y]) => labels[y * W + x]);
}

describe('splitByIntensity (when asked)', () => {
  // a bright nucleus and a dim one pressed together (centres 18 px apart, radii about 12 and 9 px), two far ones for scale
  const touching = plane([
    [30, 32, 6, 240],
    [48, 32, 4.5, 90],
    [12, 10, 5, 200],
    [66, 52, 5, 150],
  ]);

  // the options the segment tool chose for sktracker's TZ_nucleus (max projection; nuclei of radius 9.5 px): growth
  // down to 3 noise SD joins the two nuclei into one foreground region, whose distance map has one peak
  const grown: SegmentOptions = { method: 'otsu', sigmaPx: 1.58, minAreaPx: 56, minSeedDistancePx: 9, seedSigmaPx: 1.58, edgeFraction: 0.25, edgeSigmaPx: 1, growToNoiseSd: 3, convexFill: true, splitOversized: true };

  it('is off unless asked (it cuts textured nuclei too), and passed on when asked', () => {
    expect(segmentPlaneAuto(touching, W, H, { method: 'auto' }).chosen.splitByIntensity).toBe(false);
    expect(segmentPlaneAuto(touching, W, H, { method: 'auto', splitByIntensity: true }).chosen.splitByIntensity).toBe(true);
  });

  it('cuts a bright disk touching a dim disk into two objects', () => {
    const seg = segmentPlane(touching, W, H, { ...grown, splitByIntensity: true });
    const [bright, dim] = labelsAt(seg.labels, [
      [30, 32],
      [48, 32],
    ]);
    expect(bright).toBeGreaterThan(0);
    expect(dim).toBeGreaterThan(0);
    expect(dim).not.toBe(bright);
  });

  it('without it the two are one object (what the test guards against)', () => {
    const seg = segmentPlane(touching, W, H, { ...grown, splitByIntensity: false });
    const [bright, dim] = labelsAt(seg.labels, [
      [30, 32],
      [48, 32],
    ]);
    expect(bright).toBe(dim);
  });

  it('keeps a nucleus with a brighter and a dimmer patch but no valley between them whole', () => {
    // one disk of radius 12 whose left part is brighter: a ramp, no valley
    const ramp = plane([[40, 32, 7, 120]]);
    for (let y = 0; y < H; y++) for (let x = 28; x < 40; x++) if ((x - 40) ** 2 + (y - 32) ** 2 <= 144) ramp[y * W + x] += 100 * ((40 - x) / 12) * Math.exp(-((x - 40) ** 2 + (y - 32) ** 2) / 98);
    const seg = segmentPlane(gaussianBlur(ramp, W, H, 1), W, H, { ...grown, splitByIntensity: true });
    const ids = new Set(labelsAt(seg.labels, [
      [31, 32],
      [46, 32],
      [48, 32],
      [40, 40],
    ]));
    expect(ids.size).toBe(1);
    expect([...ids][0]).toBeGreaterThan(0);
  });
});
