import { describe, expect, it } from 'vitest';
import { gaussianBlur } from '../../src/analysis/filters.ts';
import { outlineAtHalfLevel } from '../../src/analysis/seg-halflevel.ts';
import { segmentPlane } from '../../src/analysis/seg-plane.ts';

/** A disc of radius r (value 100 on 10) at (cx, cy), blurred by sigma. */
function blurredDisc(w: number, h: number, cx: number, cy: number, r: number, sigma: number): Float32Array {
  const plane = new Float32Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) plane[y * w + x] = Math.hypot(x - cx, y - cy) <= r ? 100 : 10;
  return gaussianBlur(plane, w, h, sigma);
}

/** Labels of a disc of radius r at (cx, cy). */
function disc(w: number, h: number, cx: number, cy: number, r: number, label = 1, into?: Uint32Array): Uint32Array {
  const labels = into ?? new Uint32Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (Math.hypot(x - cx, y - cy) <= r) labels[y * w + x] = label;
  return labels;
}

const radiusOf = (labels: Uint32Array, label = 1) => Math.sqrt(labels.filter((l) => l === label).length / Math.PI);

describe('outlineAtHalfLevel', () => {
  it('outlines a blurred disc at its radius within 1 px, from an outline too large or too small', () => {
    const image = blurredDisc(96, 96, 48, 48, 14, 3);
    for (const start of [19, 11]) {
      const labels = disc(96, 96, 48, 48, start);
      expect(outlineAtHalfLevel(labels, image, 96, 96, 10, { fraction: 0.5, reachPx: 6 })).toBe(1);
      expect(Math.abs(radiusOf(labels) - 14)).toBeLessThan(1);
    }
  });

  it('keeps dark texture enclosed by the nucleus, and reads the background around each object', () => {
    const w = 96;
    const plane = new Float32Array(w * w);
    // A raised background on the right half (60 against 10), a disc of radius 12 at 100 above each background, a dark hole inside the left one.
    for (let y = 0; y < w; y++)
      for (let x = 0; x < w; x++) {
        const base = x < 48 ? 10 : 60;
        const inside = Math.hypot(x - 22, y - 48) <= 12 || Math.hypot(x - 72, y - 48) <= 12;
        const hole = Math.hypot(x - 22, y - 48) <= 4;
        plane[y * w + x] = inside && !hole ? base + 100 : base;
      }
    const image = gaussianBlur(plane, w, w, 1.5);
    const labels = disc(w, w, 22, 48, 16);
    disc(w, w, 72, 48, 16, 2, labels);
    expect(outlineAtHalfLevel(labels, image, w, w, 10, { fraction: 0.5, reachPx: 4 })).toBe(2);
    expect(Math.abs(radiusOf(labels, 1) - 12)).toBeLessThan(1);
    expect(Math.abs(radiusOf(labels, 2) - 12)).toBeLessThan(1);
    expect(labels[48 * w + 22]).toBe(1);
  });

  it('never takes another object\'s pixels, and leaves an object whose level would cut most of it away', () => {
    const w = 80;
    const image = blurredDisc(w, w, 30, 40, 10, 2);
    const labels = disc(w, w, 30, 40, 16);
    for (let i = 0; i < labels.length; i++) if (i % w >= 38 && labels[i]) labels[i] = 2; // a neighbour holding the disc's right side
    const before = labels.filter((l) => l === 2).length;
    outlineAtHalfLevel(labels, image, w, w, 10, { fraction: 0.5, reachPx: 4 });
    for (let i = 0; i < labels.length; i++) if (i % w >= 38 && labels[i] === 1) throw new Error('took the neighbour\'s pixel');
    expect(labels.filter((l) => l === 2).length).toBeLessThanOrEqual(before);
    const flat = new Float32Array(w * w).fill(10);
    flat[40 * w + 30] = 100; // one bright pixel in a large object: the level would keep one pixel of it
    const big = disc(w, w, 30, 40, 12);
    const area = big.filter((l) => l).length;
    expect(outlineAtHalfLevel(big, flat, w, w, 10, { fraction: 0.5, reachPx: 4 })).toBe(0);
    expect(big.filter((l) => l).length).toBe(area);
  });

  it('segmentPlane outlineFraction 0.5 outlines a blurred disc at its radius', () => {
    const image = blurredDisc(96, 96, 48, 48, 12, 2.5);
    const loose = segmentPlane(image, 96, 96, { method: 'manual', threshold: 14, sigmaPx: 2 });
    const redrawn = segmentPlane(image, 96, 96, { method: 'manual', threshold: 14, sigmaPx: 2, outlineFraction: 0.5 });
    expect(radiusOf(loose.labels) - 12).toBeGreaterThan(2);
    expect(Math.abs(radiusOf(redrawn.labels) - 12)).toBeLessThan(1);
    expect(() => segmentPlane(image, 96, 96, { outlineFraction: 1 })).toThrow(/outlineFraction/);
  });
});
