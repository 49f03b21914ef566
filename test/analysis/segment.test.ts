import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { matchLabelMovies, matchLabels } from '../../src/analysis/matching.ts';
import { segmentMovie, segmentPlane } from '../../src/analysis/segment.ts';
import { openMovie } from '../../src/image/index.ts';
import { movieFromPlanes } from '../../src/image/movie.ts';
import { simulate } from '../../src/sim/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'cellpilot-segment-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Fraction of the true objects that touch another object (8-neighbourhood). */
function touchingFraction(truth: ArrayLike<number>, width: number): number {
  const all = new Set<number>();
  const touching = new Set<number>();
  for (let i = 0; i < truth.length; i++) {
    if (!truth[i]) continue;
    all.add(truth[i]);
    const x = i % width;
    for (const j of [x < width - 1 ? i + 1 : -1, i + width, x < width - 1 ? i + width + 1 : -1, x > 0 ? i + width - 1 : -1]) {
      if (j >= 0 && j < truth.length && truth[j] && truth[j] !== truth[i]) touching.add(truth[i]).add(truth[j]);
    }
  }
  return touching.size / all.size;
}

describe('segmentMovie on simulated nuclei', () => {
  it('reaches matched F1 >= 0.9 at IoU 0.5 on crowded, touching nuclei and writes a label movie', async () => {
    // crowding 0.5: clusters where most nuclei touch a neighbour; 256x256, 30 founders.
    const sim = simulate({ frames: 6, width: 256, height: 256, cells: 30, crowding: 0.5, seed: 4 });
    expect(touchingFraction(await sim.labels.plane(0, 0, 0), 256)).toBeGreaterThan(0.5);
    const outputPath = join(dir, 'labels.tif');
    const progress: number[] = [];
    const result = await segmentMovie(sim.movie, { outputPath, threads: 2, onProgress: (d) => progress.push(d) });
    expect(progress.at(-1)).toBe(6);
    const labels = await openMovie(outputPath);
    expect(labels.shape).toMatchObject({ t: 6, z: 1, c: 1, y: 256, x: 256 });
    expect(labels.dtype).toBe('uint16');
    expect(labels.meta.pixelSizeUm).toBeCloseTo(0.5, 6);
    const stats = await matchLabelMovies(labels, sim.labels);
    await labels.close();
    console.log(`simulated crowded nuclei: F1 ${stats.f1.toFixed(3)}, mean matched IoU ${stats.meanMatchedIoU.toFixed(3)} (${stats.tp} TP, ${stats.fp} FP, ${stats.fn} FN)`);
    expect(stats.f1).toBeGreaterThanOrEqual(0.9);
    expect(stats.meanMatchedIoU).toBeGreaterThan(0.8);
    expect(result.objectsPerFrame.reduce((a, b) => a + b, 0)).toBe(stats.predObjects);
    // Without splitting, touching nuclei merge and F1 drops: the watershed is doing the work.
    const frame = await sim.movie.plane(0, 0, 0);
    const merged = segmentPlane(frame, 256, 256, { splitTouching: false });
    const split = segmentPlane(frame, 256, 256);
    const truth = await sim.labels.plane(0, 0, 0);
    expect(matchLabels(split.labels, truth, 256, 256).f1).toBeGreaterThan(matchLabels(merged.labels, truth, 256, 256).f1);
  });

  it('segments the chosen frames and channel, in this thread too', async () => {
    const sim = simulate({ frames: 4, width: 96, height: 96, cells: 6, seed: 2, brightfield: true });
    const outputPath = join(dir, 'two-frames.tif');
    const result = await segmentMovie(sim.movie, { outputPath, channel: 0, frames: [1, 2], threads: 1, method: 'li' });
    const labels = await openMovie(outputPath);
    expect(labels.shape.t).toBe(2);
    const stats = await matchLabelMovies(labels, sim.labels, {});
    expect(result.objectsPerFrame).toHaveLength(2);
    expect(stats.perFrame).toHaveLength(2);
    await labels.close();
  });

  it('handles an empty frame and rejects bad options in one line', async () => {
    const empty = movieFromPlanes({ t: 1, z: 1, c: 1, y: 32, x: 32 }, 'uint16', () => new Uint16Array(32 * 32));
    const result = await segmentMovie(empty, { outputPath: join(dir, 'empty.tif'), threads: 1 });
    expect(result.objectsPerFrame).toEqual([0]);
    await expect(segmentMovie(empty, { outputPath: join(dir, 'x.tif'), channel: 3 })).rejects.toThrow(/channel 3 is outside/);
    await expect(segmentMovie(empty, { outputPath: join(dir, 'x.tif'), method: 'manual' })).rejects.toThrow(/needs a numeric threshold/);
    await expect(segmentMovie(empty, { outputPath: join(dir, 'x.tif'), minAreaPx: 50, maxAreaPx: 10 })).rejects.toThrow(/maxAreaPx/);
  });

  it('applies a manual threshold, size filters and border exclusion', () => {
    const plane = new Uint16Array(40 * 40);
    const square = (x0: number, y0: number, side: number, value: number) => {
      for (let y = y0; y < y0 + side; y++) for (let x = x0; x < x0 + side; x++) plane[y * 40 + x] = value;
    };
    square(5, 5, 8, 100); // 64 px
    square(25, 25, 3, 100); // 9 px
    square(0, 30, 6, 100); // touches the border
    const opts = { method: 'manual' as const, threshold: 50, sigmaPx: 0, splitTouching: false, minAreaPx: 0 };
    expect(segmentPlane(plane, 40, 40, opts).count).toBe(3);
    expect(segmentPlane(plane, 40, 40, { ...opts, minAreaPx: 10 }).count).toBe(2);
    expect(segmentPlane(plane, 40, 40, { ...opts, maxAreaPx: 40 }).count).toBe(2); // the 64 px square goes
    expect(segmentPlane(plane, 40, 40, { ...opts, excludeBorder: true, minAreaPx: 0 }).count).toBe(2);
  });
});

describe('segmentPlane on awkward input', () => {
  it('treats NaN pixels as background and handles an all-NaN plane', () => {
    const plane = new Float32Array(40 * 40).fill(10);
    for (let y = 10; y < 20; y++) for (let x = 10; x < 20; x++) plane[y * 40 + x] = 100;
    for (let x = 0; x < 40; x++) plane[35 * 40 + x] = NaN; // a NaN stripe
    const result = segmentPlane(plane, 40, 40, { sigmaPx: 1 });
    expect(result.count).toBe(1);
    expect(result.labels[35 * 40 + 5]).toBe(0);
    expect(segmentPlane(new Float32Array(16).fill(NaN), 4, 4).count).toBe(0);
    expect(() => segmentPlane(new Float32Array(15), 4, 4)).toThrow(/15 pixels, expected 4x4/);
  });
});
