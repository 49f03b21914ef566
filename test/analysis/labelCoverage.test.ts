// A segmentation whose objects cannot be the cells says so: one object over most of the frame,
// or objects that keep a small part of what was above the threshold (a membrane network larger
// than any cell, dropped by the size filter). Nuclei found whole raise no doubt.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { coverageDoubt, labelCoverage, segmentationDoubt } from '../../src/analysis/labelCoverage.ts';
import { movieFromPlanes } from '../../src/image/movie.ts';
import { writeMovie } from '../../src/image/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'cellpilot-label-coverage-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const W = 60;
const H = 40;
const shape = { t: 2, z: 1, c: 1, y: H, x: W };

/** Bright disks of radius 5 on a dark field, and their labels. */
function disks() {
  const centres = [[10, 10], [30, 12], [48, 28], [15, 30]];
  const intensity = new Uint16Array(W * H).fill(100);
  const labels = new Uint16Array(W * H);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) centres.forEach(([cx, cy], k) => {
    if ((x - cx) ** 2 + (y - cy) ** 2 <= 25) {
      intensity[y * W + x] = 1000;
      labels[y * W + x] = k + 1;
    }
  });
  return { intensity, labels };
}

describe('labelCoverage', () => {
  it('measures the largest object and all objects as shares of the frame', () => {
    const labels = new Uint8Array(10 * 10);
    labels.fill(1, 0, 30);
    labels.fill(2, 50, 60);
    expect(labelCoverage(labels, 10, 10)).toEqual({ largestObjectFraction: 0.3, foregroundFraction: 0.4 });
  });
});

describe('coverageDoubt', () => {
  it('says one object covers most of the frame, and what to try', () => {
    const doubt = coverageDoubt([{ largestObjectFraction: 0.8, foregroundFraction: 0.8 }, { largestObjectFraction: 0.7, foregroundFraction: 0.75 }]);
    expect(doubt).toMatch(/^One object covers 75% of the frame/);
    expect(doubt).toMatch(/objects "dark"/);
    expect(coverageDoubt([{ largestObjectFraction: 0.7, foregroundFraction: 0.7 }], 'dark')).toMatch(/objects "bright"/);
  });

  it('says when the objects keep under half of what was above the threshold', () => {
    expect(coverageDoubt([{ largestObjectFraction: 0.02, foregroundFraction: 0.07, aboveThresholdFraction: 0.6 }])).toMatch(/cover 7% of the frame, but 60% is above the threshold.*membrane/);
    expect(coverageDoubt([{ largestObjectFraction: 0.02, foregroundFraction: 0.2, aboveThresholdFraction: 0.3 }])).toBe('');
    expect(coverageDoubt([])).toBe('');
  });
});

describe('segmentationDoubt', () => {
  it('raises none for nuclei found whole', async () => {
    const { intensity, labels } = disks();
    const labelsPath = join(dir, 'disks-labels.tif');
    await writeMovie(labelsPath, movieFromPlanes(shape, 'uint16', () => labels));
    const movie = movieFromPlanes(shape, 'uint16', () => intensity);
    expect(await segmentationDoubt(labelsPath, movie, 0, 0, [500, 500])).toEqual({ note: '', kind: undefined, covered: 0.135, signal: 0.135 });
  });

  it('names a membrane network the objects left out, read at the threshold of each frame', async () => {
    // bright lines every 10 px (a grid of cell outlines); the objects kept are two small pieces
    const intensity = new Uint16Array(W * H).fill(100);
    for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) if (x % 10 < 3 || y % 10 < 3) intensity[y * W + x] = 1000;
    const labels = new Uint16Array(W * H);
    labels.fill(1, 0, 3);
    labels.fill(2, W * 20, W * 20 + 3);
    const labelsPath = join(dir, 'grid-labels.tif');
    await writeMovie(labelsPath, movieFromPlanes(shape, 'uint16', () => labels));
    const movie = movieFromPlanes(shape, 'uint16', () => intensity);
    const doubt = await segmentationDoubt(labelsPath, movie, 0, 0, [500, 500]);
    expect(doubt.kind).toBe('signal left out');
    expect(doubt.note).toMatch(/^The objects cover 0% of the frame, but 51% is above the threshold/);
    // (the shares the doubt was judged on, for the answer that says why another rule ran)
    expect(doubt.signal).toBeCloseTo(0.51, 2);
    // no threshold (a model made them): nothing to compare with
    expect(await segmentationDoubt(labelsPath, movie, 0, 0, [])).toEqual({ note: '', kind: undefined, covered: 0.0025 });
  });
});
