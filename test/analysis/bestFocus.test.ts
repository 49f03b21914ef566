import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bestFocusSlices, normalisedVariance } from '../../src/analysis/bestFocus.ts';
import { movieFromPlanes } from '../../src/image/movie.ts';
import { openMovie } from '../../src/image/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'cellpilot-bestfocus-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const W = 40;
const H = 32;
/** Bright spots on a flat background, blurred by a Gaussian that widens with the distance from the focal slice. */
function spotsPlane(blurSigmaPx: number, offset: number): Float32Array {
  const spots = [[8, 8], [30, 10], [18, 22], [33, 27], [5, 26]];
  const plane = new Float32Array(W * H);
  const s2 = 1.2 ** 2 + blurSigmaPx ** 2;
  // the spots' summed light is kept as they blur (their peaks fall): only sharpness changes, never the mean
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) {
    let v = 100 + offset;
    for (const [sx, sy] of spots) v += (2000 / s2) * Math.exp(-((x - sx) ** 2 + (y - sy) ** 2) / (2 * s2));
    plane[y * W + x] = v;
  }
  return plane;
}

// focus at slice 2 in frame 1, 4 in frame 2, 1 in frame 3 (0-based) of 6 slices; channel 2 tells the slices apart by value
const focus = [2, 4, 1];
const movie = movieFromPlanes({ t: 3, z: 6, c: 2, y: H, x: W }, 'float32', (t, z, c) => (c === 0 ? spotsPlane(1.5 * Math.abs(z - focus[t]), 0) : new Float32Array(W * H).fill(z * 10)));

describe('the best-focused z slice of each frame', () => {
  it('is the slice whose normalised variance is highest: the sharp one, in every frame', async () => {
    const out = join(dir, 'best.tif');
    const result = await bestFocusSlices(movie, out);
    expect(result.slices).toEqual(focus);
    expect(result.shape).toEqual({ t: 3, z: 1, c: 2, y: H, x: W });
    const written = await openMovie(out);
    // every channel comes from the slice the first channel's score chose
    for (let t = 0; t < 3; t++) expect((await written.plane(t, 0, 1))[0]).toBe(focus[t] * 10);
    await written.close();
  });
  it('scores by the variance over the mean: a flat offset lowers it, a sharper plane raises it', () => {
    const plane = spotsPlane(0, 0);
    let mean = 0;
    for (const v of plane) mean += v / plane.length;
    let variance = 0;
    for (const v of plane) variance += (v - mean) ** 2 / plane.length;
    expect(normalisedVariance(plane) / (variance / mean)).toBeCloseTo(1, 9);
    expect(normalisedVariance(spotsPlane(0, 500))).toBeLessThan(normalisedVariance(spotsPlane(0, 0)));
    expect(normalisedVariance(spotsPlane(0, 0))).toBeGreaterThan(normalisedVariance(spotsPlane(2, 0)));
  });
  it('refuses a movie with one z slice, saying why', async () => {
    const flat = movieFromPlanes({ t: 2, z: 1, c: 1, y: 4, x: 4 }, 'uint8', () => new Uint8Array(16));
    await expect(bestFocusSlices(flat, join(dir, 'flat.tif'))).rejects.toThrow(/1 z slice/);
  });
});
