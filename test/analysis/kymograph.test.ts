import { describe, expect, it } from 'vitest';
import { kymograph, samplePolyline } from '../../src/analysis/kymograph.ts';
import { movieFromPlanes } from '../../src/image/movie.ts';

/** A Gaussian spot moving along y = 20 at vx px per frame, starting at x0. */
function movingSpot(frames: number, x0: number, vx: number) {
  return movieFromPlanes({ t: frames, z: 1, c: 1, y: 40, x: 80 }, 'float32', (t) =>
    Float32Array.from({ length: 40 * 80 }, (_, i) => 10 + 500 * Math.exp(-(((i % 80) - x0 - vx * t) ** 2 + (Math.floor(i / 80) - 20) ** 2) / 8)),
  );
}

function peakColumn(row: Float32Array): number {
  let best = 0;
  for (let i = 1; i < row.length; i++) if (row[i] > row[best]) best = i;
  return best;
}

describe('kymograph', () => {
  it('a spot moving 1.5 px per frame traces a line of slope 1.5 px per row', async () => {
    const movie = movingSpot(20, 10, 1.5);
    const k = await kymograph(movie, [[0, 21], [79, 21]], { widthPx: 5, across: 'max' });
    expect([k.height, k.width]).toEqual([20, 80]);
    const peaks = Array.from({ length: 20 }, (_, t) => peakColumn(k.planes[0].subarray(t * 80, (t + 1) * 80)));
    // least-squares slope of peak position against frame
    const n = peaks.length;
    const mt = (n - 1) / 2;
    const mp = peaks.reduce((a, b) => a + b, 0) / n;
    const slope = peaks.reduce((s, p, t) => s + (t - mt) * (p - mp), 0) / peaks.reduce((s, _, t) => s + (t - mt) ** 2, 0);
    expect(slope).toBeCloseTo(1.5, 1);
    // the line passes 1 px from the spot's centre: max across a 5 px band finds the full peak, mean less
    const mean = await kymograph(movie, [[0, 21], [79, 21]], { widthPx: 5, across: 'mean' });
    expect(Math.max(...k.planes[0])).toBeGreaterThan(Math.max(...mean.planes[0]));
  });

  it('follows a polyline, one sample per pixel of length', () => {
    const samples = samplePolyline([[0, 0], [3, 4], [3, 10]]);
    expect(samples).toHaveLength(12); // 5 + 6 px of length, 11 steps
    expect(samples[5].x).toBeCloseTo(3, 9);
    expect(samples[5].y).toBeCloseTo(4, 9);
    expect(samples[11].y).toBeCloseTo(10, 9);
  });

  it('a line outside the image or with one point is a one-line error', async () => {
    const movie = movingSpot(2, 10, 1);
    await expect(kymograph(movie, [[0, 0], [120, 5]])).rejects.toThrow('kymograph point (120, 5) is outside the 80x40 image');
    await expect(kymograph(movie, [[3, 3]])).rejects.toThrow(/at least 2 points/);
    await expect(kymograph(movie, [[3, 3], [3, 3]])).rejects.toThrow(/zero length/);
  });

  it('a single-frame movie (e.g. a projection chained by mistake) is a one-line error asking for the time-lapse', async () => {
    await expect(kymograph(movingSpot(1, 1, 1), [[0, 5], [30, 5]])).rejects.toThrow(/single frame .* give it the time-lapse movie/);
  });
});
