import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryMovie } from '../../src/image/movie.ts';
import { openMovie } from '../../src/image/index.ts';
import { simulate } from '../../src/sim/index.ts';
import { psnr } from '../../src/analysis/gaussian.ts';
import { areaDownsample2x, bicubicUpsample2x, superResolveMovie } from '../../src/analysis/superres.ts';

const dir = mkdtempSync(join(tmpdir(), 'cellpilot-superres-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bicubic 2x upsampling (cubic convolution a = -0.5, as ImageJ)', () => {
  it('reproduces a quadratic surface exactly away from the edges and keeps constants', () => {
    const [w, h] = [12, 10];
    const f = (x: number, y: number) => 3 + 0.5 * x - 0.25 * y + 0.1 * x * x + 0.05 * x * y - 0.07 * y * y;
    const plane = new Float32Array(w * h);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) plane[y * w + x] = f(x, y);
    const up = bicubicUpsample2x(plane, w, h);
    expect(up.length).toBe(4 * w * h);
    // Output pixel (i, j) sits at input coordinate ((i + 0.5) / 2 - 0.5, (j + 0.5) / 2 - 0.5).
    for (let j = 4; j < 2 * h - 4; j++)
      for (let i = 4; i < 2 * w - 4; i++) expect(up[j * 2 * w + i]).toBeCloseTo(f((i + 0.5) / 2 - 0.5, (j + 0.5) / 2 - 0.5), 3);
    expect([...bicubicUpsample2x(new Float32Array(12).fill(7), 4, 3)].every((v) => Math.abs(v - 7) < 1e-5)).toBe(true);
  });

  it('area averaging keeps the mean and bicubic recovers a smooth image better than 35 dB', () => {
    const [w, h] = [64, 48];
    const plane = new Float32Array(w * h);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) plane[y * w + x] = 100 + 50 * Math.sin(x / 7) * Math.cos(y / 9);
    const low = areaDownsample2x(plane, w, h);
    expect(low).toMatchObject({ width: 32, height: 24 });
    expect(low.plane[0]).toBeCloseTo((plane[0] + plane[1] + plane[w] + plane[w + 1]) / 4, 4);
    expect(psnr(plane, bicubicUpsample2x(low.plane, low.width, low.height))).toBeGreaterThan(35);
  });

  it('refuses a plane of the wrong size in one line', () => {
    expect(() => bicubicUpsample2x(new Float32Array(10), 4, 3)).toThrow(/^plane has 10 values, expected 4 x 3 = 12$/);
  });
});

describe('superResolveMovie', () => {
  it('the model beats bicubic upsampling by at least 2 dB PSNR on held-out simulated frames', async () => {
    // Held-out seed (training used 7001-7040, validation 8001-8004).
    const sim = simulate({ seed: 9601, frames: 2, width: 128, height: 128, cells: 18, snr: 20, nucleusRadiusPx: 5, crowding: 0.3, speedPx: 3 });
    const clean = [await sim.clean.plane(0, 0, 0), await sim.clean.plane(1, 0, 0)];
    const noisy = [await sim.movie.plane(0, 0, 0), await sim.movie.plane(1, 0, 0)];
    const scores: Record<string, { model: number; bicubic: number }> = {};
    for (const [kind, planes] of [['clean', clean], ['noisy', noisy]] as const) {
      const low = planes.map((p) => areaDownsample2x(p, 128, 128).plane);
      const movie = new MemoryMovie({ t: 2, z: 1, c: 1, y: 64, x: 64 }, 'float32', low, { channelNames: ['nuclei'], pixelSizeUm: 1 });
      const out: Record<string, number> = {};
      for (const method of ['model', 'bicubic'] as const) {
        const result = await superResolveMovie(movie, { method, channel: 0, outputPath: join(dir, `${kind}-${method}.tif`) });
        expect(result).toMatchObject({ planes: 2, widthPx: 128, heightPx: 128, pixelSizeUm: 0.5 });
        const up = await openMovie(result.path);
        expect(up.meta.pixelSizeUm).toBeCloseTo(0.5, 6);
        out[method] = (psnr(clean[0], await up.plane(0, 0, 0)) + psnr(clean[1], await up.plane(1, 0, 0))) / 2;
        await up.close();
      }
      scores[kind] = out as { model: number; bicubic: number };
    }
    console.log(`super_resolve PSNR (dB): ${JSON.stringify(scores)}`);
    expect(scores.noisy.model).toBeGreaterThanOrEqual(scores.noisy.bicubic + 2);
    expect(scores.clean.model).toBeGreaterThanOrEqual(scores.clean.bicubic + 2);
  });

  it('names the missing channel in one line', async () => {
    const movie = new MemoryMovie({ t: 1, z: 1, c: 1, y: 16, x: 16 }, 'float32', [new Float32Array(256)], { channelNames: ['GFP'] });
    await expect(superResolveMovie(movie, { method: 'bicubic', channel: 2, outputPath: join(dir, 'x.tif') })).rejects.toThrow(/^channel 3 does not exist: the movie has 1 channel\(s\) \(GFP\)$/);
  });
});
