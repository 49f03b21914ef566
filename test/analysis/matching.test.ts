import { describe, expect, it } from 'vitest';
import { hungarian, matchLabelMovies, matchLabelPairs, matchLabels } from '../../src/analysis/matching.ts';
import { movieFromPlanes } from '../../src/image/movie.ts';

/** Paints axis-aligned rectangles [x0, y0, x1, y1) with a label into a width x height plane. */
function paint(width: number, height: number, rects: [number, number, number, number, number][]): Uint16Array {
  const plane = new Uint16Array(width * height);
  for (const [label, x0, y0, x1, y1] of rects) for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) plane[y * width + x] = label;
  return plane;
}

describe('matchLabels', () => {
  it('counts identical label images as all matched whatever the label values', () => {
    const truth = paint(20, 20, [[1, 0, 0, 5, 5], [2, 10, 10, 15, 15]]);
    const pred = paint(20, 20, [[7, 0, 0, 5, 5], [3, 10, 10, 15, 15]]);
    const s = matchLabels(pred, truth, 20, 20);
    expect(s).toMatchObject({ tp: 2, fp: 0, fn: 0, precision: 1, recall: 1, f1: 1, meanMatchedIoU: 1 });
  });

  it('works out TP, FP, FN and IoU of a hand-made case', () => {
    // truth A 4x4=16 px; pred A' shifted by one column: intersection 12, union 20, IoU 0.6 -> match.
    // truth B 4x4; pred B' covers only 4 of it (IoU 0.25) -> no match at 0.5. pred C has no truth.
    const truth = paint(20, 20, [[1, 0, 0, 4, 4], [2, 10, 0, 14, 4]]);
    const pred = paint(20, 20, [[1, 1, 0, 5, 4], [2, 10, 0, 14, 1], [3, 0, 10, 3, 13]]);
    const s = matchLabels(pred, truth, 20, 20, 0.5);
    expect(s).toMatchObject({ predObjects: 3, trueObjects: 2, tp: 1, fp: 2, fn: 1 });
    expect(s.precision).toBeCloseTo(1 / 3, 12);
    expect(s.recall).toBeCloseTo(1 / 2, 12);
    expect(s.f1).toBeCloseTo(2 / 5, 12);
    expect(s.meanMatchedIoU).toBeCloseTo(0.6, 12);
    expect(s.meanTrueIoU).toBeCloseTo(0.3, 12);
    // At IoU 0.2 the second pair counts too.
    const low = matchLabels(pred, truth, 20, 20, 0.2);
    expect(low).toMatchObject({ tp: 2, fp: 1, fn: 0 });
    expect(low.meanMatchedIoU).toBeCloseTo((0.6 + 0.25) / 2, 12);
  });

  it('matches one-to-one at low thresholds, maximising the number of pairs', () => {
    // truth 1 overlaps preds 1 and 2; truth 2 overlaps only pred 2. A greedy best-IoU choice
    // would give pred 2 to truth 1 and leave truth 2 unmatched; the optimum matches both.
    const truth = paint(10, 1, [[1, 0, 0, 6, 1], [2, 6, 0, 10, 1]]);
    const pred = paint(10, 1, [[1, 0, 0, 2, 1], [2, 2, 0, 9, 1]]);
    const { stats, matched } = matchLabelPairs(pred, truth, 10, 1, 0.1);
    expect(stats.tp).toBe(2);
    expect(matched.map((m) => [m.trueLabel, m.predLabel]).sort()).toEqual([[1, 1], [2, 2]]);
  });

  it('handles empty planes and rejects mismatched sizes in one line', () => {
    const empty = new Uint16Array(16);
    expect(matchLabels(empty, empty, 4, 4)).toMatchObject({ tp: 0, fp: 0, fn: 0, f1: 0 });
    expect(matchLabels(paint(4, 4, [[1, 0, 0, 2, 2]]), empty, 4, 4)).toMatchObject({ fp: 1, precision: 0 });
    expect(() => matchLabels(empty, new Uint16Array(9), 4, 4)).toThrow(/4x4=16 pixels, got 16 and 9/);
  });

  it('pools counts over frames for a movie', async () => {
    const truthPlanes = [paint(8, 8, [[1, 0, 0, 4, 4]]), paint(8, 8, [[1, 0, 0, 4, 4], [2, 4, 4, 8, 8]])];
    const predPlanes = [paint(8, 8, [[5, 0, 0, 4, 4]]), paint(8, 8, [[1, 0, 0, 4, 4]])];
    const shape = { t: 2, z: 1, c: 1, y: 8, x: 8 };
    const s = await matchLabelMovies(
      movieFromPlanes(shape, 'uint16', (t) => predPlanes[t]),
      movieFromPlanes(shape, 'uint16', (t) => truthPlanes[t]),
    );
    expect(s).toMatchObject({ tp: 2, fp: 0, fn: 1 });
    expect(s.perFrame.map((f) => f.f1)).toEqual([1, 2 / 3]);
  });
});

describe('hungarian', () => {
  it('finds the minimum-cost assignment', () => {
    const cost = [[4, 1, 3], [2, 0, 5], [3, 2, 2]].map((r) => Float64Array.from(r));
    const a = hungarian(cost);
    expect(a.reduce((s, c, r) => s + cost[r][c], 0)).toBe(5);
  });
});
