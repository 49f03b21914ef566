import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ballErosion, ballKernel, chooseBallRadius, FIJI_DEFAULT_RADIUS_PX, rollingBallBackground, shrinkFactor, subtractBackground, subtractedPlane } from '../../src/analysis/background.ts';
import { movieFromPlanes } from '../../src/image/movie.ts';
import { openMovie } from '../../src/image/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'cellpilot-background-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A 32x32 crop of a real movie and skimage.restoration.rolling_ball of it (fixtures/make_rolling_ball_reference.py). */
const reference = JSON.parse(readFileSync(new URL('./fixtures/rolling-ball-reference.json', import.meta.url), 'utf8')) as { width: number; height: number; plane: number[]; backgrounds: Record<string, number[]> };

function planeOf(width: number, height: number, f: (x: number, y: number) => number): Uint16Array {
  const p = new Uint16Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) p[y * width + x] = f(x, y);
  return p;
}

describe('ballErosion', () => {
  it.each(Object.keys(reference.backgrounds))('equals skimage rolling_ball on a crop of a real movie (radius %s px)', (radius) => {
    const { width, height } = reference;
    const ours = ballErosion(Float64Array.from(reference.plane), width, height, ballKernel(Number(radius)));
    let maxDiff = 0;
    reference.backgrounds[radius].forEach((v, i) => (maxDiff = Math.max(maxDiff, Math.abs(v - ours[i]))));
    console.log(`rolling ball r=${radius}: max |ours - skimage| = ${maxDiff.toExponential(2)} grey levels`);
    expect(maxDiff).toBeLessThan(1e-3);
  });
});

describe('rollingBallBackground', () => {
  it('lies between skimage\'s background and the image on a real crop (the ball reaches into corners)', () => {
    const { width, height, plane } = reference;
    const ours = rollingBallBackground(Uint16Array.from(plane), width, height, { radiusPx: 6 });
    const skimage = reference.backgrounds['6'];
    let closer = 0;
    for (let i = 0; i < plane.length; i++) {
      expect(ours[i]).toBeLessThanOrEqual(plane[i] + 1e-9);
      expect(ours[i]).toBeGreaterThanOrEqual(skimage[i] - 1e-3);
      if (ours[i] > skimage[i] + 1e-3) closer++;
    }
    expect(closer).toBeGreaterThan(0);
  });

  it('a ball over 10 px rolls on the plane shrunk as in Fiji, close to the full-size ball on a real crop', () => {
    const { width, height, plane } = reference;
    const shrunk = rollingBallBackground(Uint16Array.from(plane), width, height, { radiusPx: 12 });
    const exact = rollingBallBackground(Uint16Array.from(plane), width, height, { radiusPx: 12, exact: true });
    let maxDiff = 0;
    let sumDiff = 0;
    for (let i = 0; i < plane.length; i++) {
      expect(shrunk[i]).toBeLessThanOrEqual(plane[i]);
      maxDiff = Math.max(maxDiff, Math.abs(shrunk[i] - exact[i]));
      sumDiff += Math.abs(shrunk[i] - exact[i]);
    }
    const range = Math.max(...plane) - Math.min(...plane);
    console.log(`shrunk (x${shrinkFactor(12)}) vs full-size ball r=12: max |diff| ${maxDiff.toFixed(1)}, mean ${(sumDiff / plane.length).toFixed(1)} grey levels (crop range ${range})`);
    expect(sumDiff / plane.length).toBeLessThan(0.05 * range);
  });

  it('a flat image is all background', () => {
    const flat = planeOf(20, 20, () => 300);
    const background = rollingBallBackground(flat, 20, 20, { radiusPx: 5 });
    expect(Math.max(...background.map((v) => Math.abs(v - 300)))).toBeLessThan(1e-9);
    expect(Array.from(subtractedPlane(flat, background, 'uint16'))).toEqual(new Array(400).fill(0));
  });

  it('keeps a disk smaller than the ball and removes a ramp under it', () => {
    const ramp = (x: number) => 100 + 5 * x;
    const disk = (x: number, y: number) => ((x - 30) ** 2 + (y - 30) ** 2 <= 16 ? 400 : 0);
    const plane = planeOf(60, 60, (x, y) => ramp(x) + disk(x, y));
    const out = subtractedPlane(plane, rollingBallBackground(plane, 60, 60, { radiusPx: 15 }), 'uint16');
    expect(out[30 * 60 + 30]).toBeGreaterThan(390); // the disk's centre keeps its height over the ramp
    let background = 0;
    // a ball rolled under a slope touches it downhill, so the ramp is removed where the ball fits inside the plane (as in Fiji, the edges keep some)
    for (let y = 15; y < 45; y++) for (let x = 15; x < 45; x++) if (!disk(x, y) && Math.hypot(x - 30, y - 30) > 6) background = Math.max(background, out[y * 60 + x]);
    // the ramp (rising 295 grey levels) is gone, but for the shrunk plane's block minima, which sit half a block downhill: 5 x 2 / 2
    expect(background).toBeLessThanOrEqual(5);
  });

  it('light background: dark objects on a bright ramp stay dark on a flat level, never wrapping', () => {
    const plane = planeOf(40, 40, (x, y) => 60000 - 10 * y - ((x - 20) ** 2 + (y - 20) ** 2 <= 9 ? 5000 : 0));
    const background = rollingBallBackground(plane, 40, 40, { radiusPx: 10, lightBackground: true });
    for (let i = 0; i < plane.length; i++) expect(background[i]).toBeGreaterThanOrEqual(plane[i] - 1e-9);
    const out = subtractedPlane(plane, background, 'uint16', true);
    expect(out[20 * 40 + 20]).toBeLessThan(65535 - 4900);
    expect(out[2 * 40 + 2]).toBe(65535);
  });

  it('clips at 0 instead of wrapping when the background is above the value (uint16)', () => {
    const out = subtractedPlane(new Uint16Array([5, 10]), Float64Array.from([8, 3]), 'uint16');
    expect(Array.from(out)).toEqual([0, 7]);
  });

  it('says which value is wrong for a bad radius', () => {
    expect(() => ballKernel(0)).toThrow(/radius must be above 0.*got 0/);
  });
});

describe('chooseBallRadius', () => {
  it('takes the radius asked for, else a few times the objects\' radius, else Fiji\'s 50 px', () => {
    expect(chooseBallRadius(25, undefined, 10, 10).radiusPx).toBe(25);
    const spots = planeOf(96, 96, (x, y) => 100 + ([24, 72].some((cx) => [24, 72].some((cy) => (x - cx) ** 2 + (y - cy) ** 2 <= 36)) ? 900 : 0));
    const derived = chooseBallRadius(undefined, spots, 96, 96);
    expect(derived.radiusPx).toBeGreaterThanOrEqual(12);
    expect(derived.radiusPx).toBeLessThanOrEqual(24);
    expect(derived.reason).toMatch(/objects' radius/);
    expect(chooseBallRadius(undefined, undefined, 10, 10).radiusPx).toBe(FIJI_DEFAULT_RADIUS_PX);
  });
});

describe('subtractBackground', () => {
  const shape = { t: 2, z: 1, c: 2, y: 24, x: 24 };
  const movie = movieFromPlanes(shape, 'uint16', (t, _z, c) => planeOf(24, 24, (x, y) => 200 + 10 * x + t * 50 + c * 7 + ((x - 12) ** 2 + (y - 12) ** 2 <= 4 ? 300 : 0)));

  it('writes a movie of the same shape and type, background subtracted plane by plane', async () => {
    const out = join(dir, 'subtracted.tif');
    const result = await subtractBackground(movie, out, { radiusPx: 8, threads: 1 });
    const written = await openMovie(out);
    expect(written.shape).toEqual(shape);
    expect(written.dtype).toBe('uint16');
    const plane = await written.plane(1, 0, 1);
    expect(plane[12 * 24 + 12]).toBeGreaterThan(290);
    expect(plane[15 * 24 + 8]).toBeLessThanOrEqual(1); // the ramp, inside the ball's reach of the edges
    expect(result.meanBackground[1]).toBeGreaterThan(result.meanBackground[0]);
    expect(result.meanAfter[0]).toBeLessThan(result.meanBefore[0]);
    await written.close();
  });

  it('writes the background itself when asked (create background), the same on worker threads', async () => {
    const inThread = join(dir, 'background-1.tif');
    const inWorkers = join(dir, 'background-2.tif');
    await subtractBackground(movie, inThread, { radiusPx: 8, createBackground: true, threads: 1 });
    await subtractBackground(movie, inWorkers, { radiusPx: 8, createBackground: true, threads: 2 });
    const [a, b] = await Promise.all([openMovie(inThread), openMovie(inWorkers)]);
    for (let t = 0; t < 2; t++) for (let c = 0; c < 2; c++) expect(Array.from(await b.plane(t, 0, c))).toEqual(Array.from(await a.plane(t, 0, c)));
    const background = await a.plane(0, 0, 0);
    expect(background[12 * 24 + 12]).toBeLessThan(350); // the disk is not background
    await Promise.all([a.close(), b.close()]);
  });
});
