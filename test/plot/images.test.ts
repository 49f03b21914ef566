import { describe, expect, it } from 'vitest';
import { displayRange, drawLabelOutlines, drawLine, drawTracks, enlarge, planeToRgba } from '../../src/plot/images.ts';
import type { Tracks } from '../../src/analysis/tracks.ts';

const blank = (w: number, h: number) => planeToRgba(new Float32Array(w * h), w, h, [0, 1]);
const isBlack = (img: ReturnType<typeof blank>, x: number, y: number) => img.data[(y * img.width + x) * 4] === 0 && img.data[(y * img.width + x) * 4 + 1] === 0;

describe('image outputs', () => {
  it('display range saturates 0.35 % of pixels as ImageJ Auto', () => {
    const plane = Float32Array.from({ length: 10000 }, (_, i) => i);
    const [lo, hi] = displayRange(plane);
    expect(lo).toBeCloseTo(17, -1); // 0.175 % of 10000
    expect(hi).toBeCloseTo(9982, -1);
    const img = planeToRgba(plane, 100, 100, [lo, hi]);
    expect(img.data[0]).toBe(0);
    expect(img.data[(9999) * 4]).toBe(255);
    expect(img.data[5000 * 4]).toBeGreaterThan(120);
    expect(img.data[5000 * 4]).toBeLessThan(136);
  });

  it('outlines each object on its border pixels only', () => {
    const w = 12, h = 10;
    const labels = new Uint16Array(w * h);
    for (let y = 2; y < 7; y++) for (let x = 2; x < 8; x++) labels[y * w + x] = 3; // 6x5 box
    const img = blank(w, h);
    expect(drawLabelOutlines(img, labels)).toBe(1);
    let coloured = 0;
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (!isBlack(img, x, y)) coloured++;
    expect(coloured).toBe(6 * 5 - 4 * 3); // perimeter of the box
    expect(isBlack(img, 4, 4)).toBe(true); // interior stays
  });

  it('draws lines end to end and tracks up to a frame', () => {
    const img = blank(20, 20);
    drawLine(img, 1, 1, 15, 8, [255, 0, 0]);
    expect(isBlack(img, 1, 1)).toBe(false);
    expect(isBlack(img, 15, 8)).toBe(false);
    const tracks: Tracks = {
      frames: 3,
      spots: [
        { id: 1, t: 0, x: 2, y: 10, branchId: 1 },
        { id: 2, t: 1, x: 8, y: 10, branchId: 1 },
        { id: 3, t: 2, x: 16, y: 10, branchId: 1 },
      ],
      branches: [{ id: 1, start: 0, end: 2, parent: 0, spotIds: [1, 2, 3] }],
    };
    const upTo1 = blank(20, 20);
    expect(drawTracks(upTo1, tracks, { lastFrame: 1 })).toBe(1);
    expect(isBlack(upTo1, 5, 10)).toBe(false);
    expect(isBlack(upTo1, 13, 10)).toBe(true); // frame 2 not reached yet
  });

  it('enlarges by an integer factor without blurring', () => {
    const img = planeToRgba(Float32Array.from([0, 1, 1, 0]), 2, 2, [0, 1]);
    const big = enlarge(img, 3);
    expect(big.width).toBe(6);
    expect(big.data[(0 * 6 + 2) * 4]).toBe(0);
    expect(big.data[(0 * 6 + 3) * 4]).toBe(255);
  });
});
