import { describe, expect, it } from 'vitest';
import { gaussianBlur } from '../../src/analysis/filters.ts';
import { joinPiecesWithoutValley } from '../../src/analysis/seg-join.ts';
import { backgroundStats } from '../../src/analysis/seg-plane.ts';
import { MAX_SOLIDITY_OF_ONE } from '../../src/analysis/temporalRepair.ts';

const W = 96;
const H = 64;
const JOIN = { maxValleySd: 3, maxValleyShare: 0.1, maxAreaOfTypical: 2, minSolidity: MAX_SOLIDITY_OF_ONE, reachPx: 2 };

/** A seeded pseudo-random generator, so that the noise is the same on every run. */
function rng(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
}

function disc(labels: Uint32Array, cx: number, cy: number, r: number, label: number, keep: (x: number) => boolean = () => true): void {
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r && keep(x)) labels[y * W + x] = label;
}

function plane(draw: (x: number, y: number) => number, seed: number): Float32Array {
  const random = rng(seed);
  const p = new Float32Array(W * H);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) p[y * W + x] = 100 + draw(x, y) + 4 * (random() + random() + random() - 1.5);
  return gaussianBlur(p, W, H, 1.5);
}

function stats(smoothed: Float32Array, labels: Uint32Array) {
  const fg = new Uint8Array(labels.length);
  for (let i = 0; i < fg.length; i++) fg[i] = labels[i] ? 1 : 0;
  return backgroundStats(smoothed, fg);
}

describe('joinPiecesWithoutValley', () => {
  it('joins the two pieces a dim textured nucleus thresholds into', () => {
    // One dim nucleus (radius 12, textured) cut in two along x = 48 by a one-pixel gap in its mask; two clear nuclei beside it set the typical size.
    const texture = rng(5);
    const spots = Array.from({ length: 12 }, () => [36 + 24 * texture(), 20 + 24 * texture()]);
    const smoothed = plane((x, y) => {
      let v = 0;
      if ((x - 48) ** 2 + (y - 32) ** 2 <= 144) v = 25 + spots.reduce((s, [sx, sy]) => s + 15 * Math.exp(-((x - sx) ** 2 + (y - sy) ** 2) / 8), 0);
      if ((x - 14) ** 2 + (y - 32) ** 2 <= 144 || (x - 82) ** 2 + (y - 32) ** 2 <= 144) v = 80;
      return v;
    }, 1);
    const labels = new Uint32Array(W * H);
    disc(labels, 48, 32, 12, 1, (x) => x < 48);
    disc(labels, 48, 32, 12, 2, (x) => x > 48);
    disc(labels, 14, 32, 12, 3);
    disc(labels, 82, 32, 12, 4);
    expect(joinPiecesWithoutValley(labels, W, H, { smoothed, ...stats(smoothed, labels), ...JOIN })).toBe(1);
    const ids = new Set(labels);
    expect(ids.has(2)).toBe(false);
    expect(labels[32 * W + 48]).toBe(1); // the gap between the pieces is the nucleus's too
  });

  it('keeps two touching nuclei with a valley between them apart', () => {
    // Two nuclei of radius 11 pressed together (centres 20 px apart) whose blur leaves a darker seam where they meet.
    const bump = (d2: number) => 80 * Math.exp(-((d2 / 200) ** 2)); // flat-topped, falling off past radius 14
    const smoothed = plane((x, y) => Math.max(bump((x - 38) ** 2 + (y - 32) ** 2), bump((x - 58) ** 2 + (y - 32) ** 2)), 2);
    const labels = new Uint32Array(W * H);
    disc(labels, 38, 32, 11, 1, (x) => x < 48);
    disc(labels, 58, 32, 11, 2, (x) => x >= 48);
    disc(labels, 12, 12, 11, 3);
    expect(joinPiecesWithoutValley(labels, W, H, { smoothed, ...stats(smoothed, labels), ...JOIN })).toBe(0);
    expect(new Set(labels).size).toBe(4);
  });

  it('keeps two pieces apart where joined they would be twice a typical nucleus', () => {
    const smoothed = plane((x, y) => ((x - 36) ** 2 + (y - 32) ** 2 <= 196 || (x - 60) ** 2 + (y - 32) ** 2 <= 196 ? 60 : 0), 3);
    const labels = new Uint32Array(W * H);
    disc(labels, 36, 32, 14, 1, (x) => x < 48);
    disc(labels, 60, 32, 14, 2, (x) => x >= 48);
    disc(labels, 10, 10, 6, 3);
    disc(labels, 86, 54, 6, 4);
    disc(labels, 86, 10, 6, 5);
    expect(joinPiecesWithoutValley(labels, W, H, { smoothed, ...stats(smoothed, labels), ...JOIN })).toBe(0);
  });
});
