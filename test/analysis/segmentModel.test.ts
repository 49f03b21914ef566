import { describe, expect, it } from 'vitest';
import { instancesFromProbabilities } from '../../src/analysis/segmentModel.ts';

describe('instancesFromProbabilities', () => {
  it('keeps two touching discs apart through the boundary class and drops specks', () => {
    const [w, h] = [60, 40];
    const background = new Float32Array(w * h).fill(1);
    const interior = new Float32Array(w * h);
    const discs = [
      [20, 20],
      [36, 20],
    ];
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        const d = discs.map(([cx, cy]) => Math.hypot(x - cx, y - cy));
        const nearest = Math.min(...d);
        if (nearest <= 9) background[y * w + x] = 0;
        // Interior only away from the other disc's edge: the boundary class separates them.
        if (nearest <= 6.5) interior[y * w + x] = 0.9;
      }
    interior[2 * w + 55] = 0.9; // a one-pixel speck, below minSeedPx
    const { labels, count } = instancesFromProbabilities(background, interior, w, h);
    expect(count).toBe(2);
    expect(labels[20 * w + 20]).not.toBe(labels[20 * w + 36]);
    expect(labels[20 * w + 20]).toBeGreaterThan(0);
    expect(labels[2 * w + 55]).toBe(0);
    // The whole foreground is assigned: the two objects together cover both discs.
    let covered = 0;
    for (let i = 0; i < w * h; i++) if (background[i] < 0.5 && labels[i] > 0) covered++;
    expect(covered).toBe(Array.from(background).filter((b) => b < 0.5).length);
  });
});
