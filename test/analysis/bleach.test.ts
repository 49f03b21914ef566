import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backgroundFreeHalfLifeFrames, bleachHalfLifeFrames, correctBleach, fitExponentialWithOffset, frameMeans } from '../../src/analysis/bleach.ts';
import { movieFromPlanes } from '../../src/image/movie.ts';
import { openMovie } from '../../src/image/index.ts';
import { simulate } from '../../src/sim/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'cellpilot-bleach-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('fitExponentialWithOffset', () => {
  it('recovers a, b, c of a noiseless decay', () => {
    const y = Array.from({ length: 40 }, (_, t) => 500 * Math.exp(-0.07 * t) + 120);
    const fit = fitExponentialWithOffset(y);
    expect(fit.a).toBeCloseTo(500, 3);
    expect(fit.b).toBeCloseTo(0.07, 6);
    expect(fit.c).toBeCloseTo(120, 3);
    expect(fit.rSquared).toBeGreaterThan(0.999999);
  });
});

describe('bleachHalfLifeFrames', () => {
  it('is ln 2 / b of the decaying part, whatever the offset', () => {
    const halfLife = 12.5;
    const means = Array.from({ length: 40 }, (_, t) => 800 * 2 ** (-t / halfLife) + 200);
    expect(bleachHalfLifeFrames(means)).toBeCloseTo(halfLife, 1);
  });
  it('is null where the means do not decay, rise, or are too few', () => {
    expect(bleachHalfLifeFrames(Array.from({ length: 30 }, (_, t) => 1000 + 5 * Math.sin(t)))).toBeNull();
    expect(bleachHalfLifeFrames(Array.from({ length: 30 }, (_, t) => 1000 + 10 * t))).toBeNull();
    expect(bleachHalfLifeFrames([1000, 900])).toBeNull();
  });
});

describe('correctBleach on a simulated bleaching movie', () => {
  const sim = simulate({ width: 128, height: 128, frames: 30, cells: 12, bleachRate: 0.03, seed: 2, divisionRate: 0 });
  it.each(['simple_ratio', 'exponential', 'histogram'] as const)('%s keeps every frame mean within 2%% of the first frame', async (method) => {
    const before = (await frameMeans(sim.movie))[0];
    expect(before[29] / before[0]).toBeLessThan(0.9); // the movie really bleaches
    const out = join(dir, `${method}.tif`);
    const result = await correctBleach(sim.movie, out, { method, backgroundIntensity: method === 'simple_ratio' ? 100 : undefined });
    const corrected = await openMovie(out);
    const after = (await frameMeans(corrected))[0];
    for (const m of after) expect(Math.abs(m / after[0] - 1)).toBeLessThan(0.02);
    expect(result.meansAfter[0][29]).toBeCloseTo(after[29], 6);
    if (method === 'exponential') expect(result.fits![0].b).toBeGreaterThan(0);
    console.log(`bleach ${method}: last/first mean before ${(before[29] / before[0]).toFixed(3)}, after ${(after[29] / after[0]).toFixed(4)}`);
    await corrected.close();
  });
});

describe('correctBleach bad input', () => {
  const steady = movieFromPlanes({ t: 10, z: 1, c: 1, y: 8, x: 8 }, 'uint16', (t) => new Uint16Array(64).fill(100 + t));
  it('an intensity that does not decay is a one-line error for the exponential fit', async () => {
    await expect(correctBleach(steady, join(dir, 'x.tif'), { method: 'exponential' })).rejects.toThrow(/does not decay exponentially \(frame mean 100\.0 in frame 1, 109\.0 in frame 10;/);
  });
  it('a background above the signal is named', async () => {
    await expect(correctBleach(steady, join(dir, 'y.tif'), { method: 'simple_ratio', backgroundIntensity: 500 })).rejects.toThrow(/backgroundIntensity/);
  });
  it('NaN frames are named', async () => {
    const nan = movieFromPlanes({ t: 3, z: 1, c: 1, y: 4, x: 4 }, 'float32', (t) => new Float32Array(16).fill(t === 1 ? NaN : 5));
    await expect(correctBleach(nan, join(dir, 'z.tif'))).rejects.toThrow(/frame 2 .*NaN/);
  });
});

describe('backgroundFreeHalfLifeFrames (the objects\' brightness, background removed)', () => {
  it('is ln 2 / b of a pure exponential, also over a short fall, and null where nothing decays', () => {
    expect(backgroundFreeHalfLifeFrames(Array.from({ length: 30 }, (_, t) => 650 * 0.99 ** t))).toBeCloseTo(Math.LN2 / -Math.log(0.99), 3);
    expect(backgroundFreeHalfLifeFrames(Array.from({ length: 30 }, (_, t) => 650 + 5 * Math.sin(t)))).toBeNull();
    expect(backgroundFreeHalfLifeFrames([500, 510, 520, 530])).toBeNull();
    expect(backgroundFreeHalfLifeFrames([500, 0, 400])).toBeNull();
  });
});
