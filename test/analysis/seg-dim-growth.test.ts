// seg-dim-growth.ts: a dim nucleus whose body the noise cuts to pieces is outlined whole on a coarser plane; a clear
// nucleus keeps its outline.
import { describe, expect, it } from 'vitest';
import { segmentPlane, type SegmentOptions } from '../../src/analysis/seg-plane.ts';

const W = 96;
const H = 96;

/** Background 10, noise of SD 4; a dim flat disk (r 15 px, +1.3: 2.3 noise SD once smoothed by 2 px) with two small bright spots, three bright disks (r 10 px, +120). */
function plane(seed = 7): Float32Array {
  const out = new Float32Array(W * H);
  let s = seed;
  const random = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      let v = 10 + 8 * (random() + random() + random() - 1.5);
      if ((x - 34) ** 2 + (y - 40) ** 2 <= 15 * 15) v += 1.3;
      for (const [cx, cy] of [[28, 34], [40, 47]]) v += 25 * Math.exp(-((x - cx) ** 2 + (y - cy) ** 2) / (2 * 2.5 * 2.5));
      for (const [cx, cy] of [[74, 72], [76, 22], [20, 82]]) if ((x - cx) ** 2 + (y - cy) ** 2 <= 10 * 10) v += 120;
      out[y * W + x] = v;
    }
  return out;
}

/** The share of the disk (cx, cy, r) that its most overlapping object covers, and that object's label. */
function bestCover(labels: Uint32Array, cx: number, cy: number, r: number): { label: number; share: number; area: number } {
  const counts = new Map<number, number>();
  let area = 0;
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++)
      if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r) (area++, labels[y * W + x] && counts.set(labels[y * W + x], (counts.get(labels[y * W + x]) ?? 0) + 1));
  const [label, n] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? [0, 0];
  return { label, share: n / area, area: labels.filter((l) => l === label).length };
}

describe('dim objects grown on a coarser plane (dimGrowthReachPx)', () => {
  const options: SegmentOptions = { method: 'triangle', sigmaPx: 2, growToNoiseSd: 3, minAreaPx: 20, convexFill: true, splitTouching: true, minSeedDistancePx: 10 };
  const image = plane();
  const without = segmentPlane(image, W, H, options);
  const withGrowth = segmentPlane(image, W, H, { ...options, dimGrowthReachPx: 15 });

  it('outlines the dim nucleus as one object covering most of it; without, no object covers half of it', () => {
    expect(bestCover(without.labels, 34, 40, 15).share).toBeLessThan(0.5);
    expect(bestCover(withGrowth.labels, 34, 40, 15).share).toBeGreaterThan(0.6);
  });

  it('leaves the clear nucleus as it was', () => {
    const a = bestCover(without.labels, 74, 72, 10);
    const b = bestCover(withGrowth.labels, 74, 72, 10);
    expect(b.share).toBe(a.share);
    expect(b.area).toBe(a.area);
  });
});
