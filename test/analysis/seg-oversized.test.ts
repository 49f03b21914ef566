// Objects far larger than their peers split again by their own shape (seg-oversized.ts): two nuclei pressed
// together with no dark seam between them, which the plane's smoothed distance seeds keep as one.
import { describe, expect, it } from 'vitest';
import { splitOversizedObjects } from '../../src/analysis/seg-oversized.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { segmentMovie } from '../../src/analysis/segment.ts';
import { segmentPlane } from '../../src/analysis/seg-plane.ts';
import { chooseSegmentParameters } from '../../src/analysis/seg-auto.ts';
import { movieFromPlanes } from '../../src/image/movie.ts';

const W = 128;
const H = 128;
const R = 10;

type Shape = (x: number, y: number) => boolean;
const disk = (cx: number, cy: number, r = R): Shape => (x, y) => Math.hypot(x - cx, y - cy) <= r;

/** Five lone disks of radius R as peers, and `extra` shapes, as labels (one label per shape, overlaps to the first). */
function labelsOf(extra: Shape[][]): Uint32Array {
  const peers = [disk(15, 15), disk(50, 15), disk(85, 15), disk(15, 50), disk(15, 85)];
  const shapes = [...peers.map((p) => [p]), ...extra];
  const labels = new Uint32Array(W * H);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const k = shapes.findIndex((parts) => parts.some((s) => s(x, y)));
      if (k >= 0) labels[y * W + x] = k + 1;
    }
  return labels;
}

const count = (labels: Uint32Array) => new Set(labels).size - 1;

describe('splitOversizedObjects', () => {
  it('cuts two disks whose centres lie one radius apart (no waist the smoothed seeds see) into two', () => {
    const labels = labelsOf([[disk(80, 80), disk(80 + R, 80)]]);
    expect(count(labels)).toBe(6);
    expect(splitOversizedObjects(labels, W, H)).toBe(1);
    expect(count(labels)).toBe(7);
    // the cut runs between the two centres
    expect(labels[80 * W + 80]).not.toBe(labels[80 * W + 80 + R]);
    expect(labels[80 * W + 80]).toBeGreaterThan(0);
  });

  it('leaves whole a large round nucleus (one distance peak) and an elongated one (pieces it would cut are no nucleus)', () => {
    const big = labelsOf([[disk(80, 80, 1.5 * R)]]);
    expect(splitOversizedObjects(big, W, H)).toBe(0);
    const ellipse: Shape = (x, y) => ((x - 80) / (2.2 * R)) ** 2 + ((y - 80) / (0.8 * R)) ** 2 <= 1;
    const long = labelsOf([[ellipse]]);
    expect(splitOversizedObjects(long, W, H)).toBe(0);
  });

  it('sizes the typical object by the objects the plane edge does not cut', () => {
    // a nucleus of two lobes (1.16 whole disks) among five whole disks and seven halves the edge cuts
    const halves = [20, 40, 60, 80, 100].map((x) => [disk(x, 0)]).concat([[disk(0, 110)], [disk(127, 60)]]);
    const labels = labelsOf([[disk(70, 80, 8.5), disk(78.5, 80, 8.5)], ...halves]);
    expect(splitOversizedObjects(labels, W, H)).toBe(0);
  });

  it('leaves objects alone where there are too few peers to say what size is typical', () => {
    const labels = new Uint32Array(W * H);
    for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) if (disk(60, 60)(x, y) || disk(60 + R, 60)(x, y)) labels[y * W + x] = 1;
    expect(splitOversizedObjects(labels, W, H)).toBe(0);
  });
});

describe('segmentPlane splitOversized', () => {
  // Flat nuclei on a flat background (no smoothing, no noise: the mask is the shapes' union), the pair's distance map
  // smoothed enough (seedSigmaPx 3) that the plane's own seeds find one peak in it.
  const pair = labelsOf([[disk(80, 80), disk(80 + R, 80)]]);
  const plane = Float32Array.from(pair, (l) => (l ? 1100 : 100));
  const options = { method: 'otsu' as const, sigmaPx: 0, minAreaPx: 63, minSeedDistancePx: 7, seedSigmaPx: 3 };

  it('splits a seamless pair the smoothed distance seeds keep as one', () => {
    expect(segmentPlane(plane, W, H, options).count).toBe(6);
    expect(segmentPlane(plane, W, H, { ...options, splitOversized: true }).count).toBe(7);
  });

  it('reaches the planes of a movie (segmentMovie passes every plane option on)', async () => {
    const movie = movieFromPlanes({ t: 1, z: 1, c: 1, y: H, x: W }, 'float32', () => plane);
    const dir = mkdtempSync(join(tmpdir(), 'oversized-'));
    try {
      const without = await segmentMovie(movie, { ...options, threads: 1, outputPath: join(dir, 'a.tif') });
      const withIt = await segmentMovie(movie, { ...options, splitOversized: true, threads: 1, outputPath: join(dir, 'b.tif') });
      expect(without.objectsPerFrame).toEqual([6]);
      expect(withIt.objectsPerFrame).toEqual([7]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is on for round objects and off for whole cells in the parameters the segment tool derives', () => {
    const samples = [{ plane, width: W, height: H }];
    expect(chooseSegmentParameters(samples, { method: 'otsu' }).options.splitOversized).toBe(true);
    expect(chooseSegmentParameters(samples, { method: 'otsu', shape: 'irregular' }).options.splitOversized).toBe(false);
  });
});
