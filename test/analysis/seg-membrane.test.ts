// seg-membrane.ts: cells outlined by a membrane stain (bright borders, dim interiors, a darker outside) are found one per
// cell by a seeded watershed on the membrane signal; the real movie's objects are the cells, not the membranes.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { membraneCellRadius, segmentMembranePlane } from '../../src/analysis/seg-membrane.ts';
import { segmentPlane } from '../../src/analysis/seg-plane.ts';
import { matchLabels } from '../../src/analysis/matching.ts';
import { openMovie } from '../../src/image/reader.ts';

const W = 160;
const H = 160;

/**
 * A Voronoi tessellation of jittered seeds on a grid `spacing` px apart, inside a disk of radius 62 px: membranes 3 px
 * wide at 1000 where two cells (or a cell and the outside) meet, interiors at 300, the outside at 100, noise of SD ~25.
 * Returns the plane and the true cells (each cell's pixels, its membrane shared half and half).
 */
function voronoiCells(spacing: number, seed = 3): { plane: Float32Array; truth: Uint32Array; cells: number } {
  let s = seed;
  const random = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const seeds: [number, number][] = [];
  for (let y = spacing / 2; y < H; y += spacing)
    for (let x = spacing / 2; x < W; x += spacing) {
      const px = x + (random() - 0.5) * spacing * 0.5;
      const py = y + (random() - 0.5) * spacing * 0.5;
      if ((px - W / 2) ** 2 + (py - H / 2) ** 2 <= 55 * 55) seeds.push([px, py]);
    }
  const plane = new Float32Array(W * H);
  const truth = new Uint32Array(W * H);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      let d1 = Infinity, d2 = Infinity, nearest = 0;
      seeds.forEach(([sx, sy], k) => {
        const d = Math.hypot(x - sx, y - sy);
        if (d < d1) (d2 = d1), (d1 = d), (nearest = k + 1);
        else if (d < d2) d2 = d;
      });
      const fromEdge = 62 - Math.hypot(x - W / 2, y - H / 2);
      const noise = 25 * (random() + random() + random() - 1.5) * 2;
      const i = y * W + x;
      if (fromEdge < -1.5) {
        plane[i] = 100 + noise;
        continue;
      }
      truth[i] = nearest;
      // (d2 - d1 is twice the distance to the bisector: a membrane 3 px wide)
      const membrane = d2 - d1 < 3 || Math.abs(fromEdge) <= 1.5;
      plane[i] = (membrane ? 1000 : 300) + noise;
    }
  return { plane, truth, cells: seeds.length };
}

/** CTC's SEG on one plane: the mean IoU of the true cells with the object covering over half of each (0 where none). */
function seg(pred: Uint32Array, truth: Uint32Array, cells: number): number {
  const overlap = new Map<number, number>();
  const predArea = new Map<number, number>();
  const trueArea = new Map<number, number>();
  for (let i = 0; i < pred.length; i++) {
    if (pred[i]) predArea.set(pred[i], (predArea.get(pred[i]) ?? 0) + 1);
    if (truth[i]) trueArea.set(truth[i], (trueArea.get(truth[i]) ?? 0) + 1);
    if (pred[i] && truth[i]) overlap.set(truth[i] * 65536 + pred[i], (overlap.get(truth[i] * 65536 + pred[i]) ?? 0) + 1);
  }
  let sum = 0;
  for (const [key, n] of overlap) {
    const t = Math.floor(key / 65536);
    const p = key % 65536;
    if (n > 0.5 * trueArea.get(t)!) sum += n / (trueArea.get(t)! + predArea.get(p)! - n);
  }
  return sum / cells;
}

describe('segmentMembranePlane', () => {
  // (measured: 21 of 21 cells, F1 0.95, SEG 0.91 at 22 px; 9 of 9, F1 1, SEG 0.90 at 32 px)
  it.each([
    [22, 0.85],
    [32, 0.85],
  ])('finds one object per cell of a membrane-stained tessellation (cells %i px apart), the size measured from the plane', (spacing, least) => {
    const { plane, truth, cells } = voronoiCells(spacing);
    const radius = membraneCellRadius(plane, W, H)!;
    // (a Voronoi cell of a grid `spacing` apart is a square of that side: a disk's radius of about 0.56 of it)
    expect(radius).toBeGreaterThan(0.35 * spacing);
    expect(radius).toBeLessThan(0.75 * spacing);
    const out = segmentMembranePlane(plane, W, H, { cellRadiusPx: radius });
    const stats = matchLabels(out.labels, truth, W, H);
    expect(stats.f1).toBeGreaterThanOrEqual(least);
    expect(seg(out.labels, truth, cells)).toBeGreaterThanOrEqual(0.8);
    expect(Math.abs(out.count - cells)).toBeLessThanOrEqual(Math.ceil(0.15 * cells));
  });

  it('is what segmentPlane runs with membraneCellRadiusPx, and a threshold of the bright signal is not (the membranes are one network)', () => {
    const { plane, truth } = voronoiCells(22);
    const membrane = segmentPlane(plane, W, H, { membraneCellRadiusPx: 12, minAreaPx: 90 });
    expect(matchLabels(membrane.labels, truth, W, H).f1).toBeGreaterThanOrEqual(0.8);
    const bright = segmentPlane(plane, W, H, { minAreaPx: 90, maxAreaPx: 30 * Math.PI * 144 });
    expect(matchLabels(bright.labels, truth, W, H).f1).toBeLessThan(0.3);
  });

  it('finds nothing in a plane of noise alone, and rejects a cell radius that is not positive', () => {
    let s = 5;
    const noise = Float32Array.from({ length: W * H }, () => 100 + 20 * ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648));
    expect(segmentMembranePlane(noise, W, H, { cellRadiusPx: 12 }).count).toBeLessThanOrEqual(1);
    expect(() => segmentMembranePlane(noise, W, H, { cellRadiusPx: 0 })).toThrow(/cellRadiusPx/);
  });
});

const REAL = new URL('../../../shared/data/biaNotebooks-timelapse/membrane_2d_timelapse.tif', import.meta.url).pathname;

describe.skipIf(!existsSync(REAL))('a real membrane-stained movie (biaNotebooks membrane_2d_timelapse)', () => {
  it('finds a sane number of cells, whose borders are brighter than their interiors (the cells, not the membranes)', async () => {
    const movie = await openMovie(REAL);
    try {
      const { x: width, y: height } = movie.shape;
      const plane = await movie.plane(0, 0, 0);
      const radius = membraneCellRadius(plane, width, height)!;
      expect(radius).toBeGreaterThan(8);
      expect(radius).toBeLessThan(25);
      const out = segmentMembranePlane(plane, width, height, { cellRadiusPx: radius });
      expect(out.count).toBeGreaterThanOrEqual(20);
      expect(out.count).toBeLessThanOrEqual(50);
      let border = 0, borderN = 0, inside = 0, insideN = 0, covered = 0;
      const L = out.labels;
      for (let y = 1; y < height - 1; y++)
        for (let x = 1; x < width - 1; x++) {
          const i = y * width + x;
          if (!L[i]) continue;
          covered++;
          const edge = L[i - 1] !== L[i] || L[i + 1] !== L[i] || L[i - width] !== L[i] || L[i + width] !== L[i];
          if (edge) (border += plane[i]), borderN++;
          else (inside += plane[i]), insideN++;
        }
      expect(border / borderN).toBeGreaterThan(1.5 * (inside / insideN));
      // (the cells fill most of the frame's cells' area, not a thin network)
      expect(covered / (width * height)).toBeGreaterThan(0.4);
    } finally {
      await movie.close();
    }
  });
});
