import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { denoiseMovie, removedSignal, residualSums } from '../../src/analysis/denoise.ts';
import { bestGaussianSigma, gaussianDenoise, psnr } from '../../src/analysis/gaussian.ts';
import { estimateNoiseSigma, nlMeansDenoise } from '../../src/analysis/nlmeans.ts';
import { openMovie } from '../../src/image/index.ts';
import type { PlaneData } from '../../src/image/movie.ts';
import { simulate } from '../../src/sim/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'cellpilot-denoise-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('denoise accuracy on held-out simulated nuclei (low signal)', () => {
  it('N2V beats the best Gaussian and non-local means by >= 1 dB and the noisy input by >= 8 dB', async () => {
    // Seed 9301 is used by neither training (1001-1016) nor validation (2001-2004).
    const sim = simulate({ frames: 3, width: 128, height: 128, cells: 14, snr: 3, seed: 9301, crowding: 0.4 });
    const [w, h] = [128, 128];
    const noisy: PlaneData[] = [];
    const clean: PlaneData[] = [];
    for (let t = 0; t < 3; t++) {
      noisy.push(await sim.movie.plane(t, 0, 0));
      clean.push(await sim.clean.plane(t, 0, 0));
    }
    const mean = (f: (t: number) => number) => (f(0) + f(1) + f(2)) / 3;
    const noisyDb = mean((t) => psnr(clean[t], noisy[t]));
    const gaussian = bestGaussianSigma(noisy, clean, w, h);
    // Non-local means with the best of several cut-offs h (multiples of the estimated noise sigma).
    let nlmDb = -Infinity;
    for (const factor of [0.4, 0.6, 0.8, 1.0]) {
      nlmDb = Math.max(nlmDb, mean((t) => psnr(clean[t], nlMeansDenoise(noisy[t], w, h, { h: factor * estimateNoiseSigma(noisy[t], w, h) }))));
    }
    const result = await denoiseMovie(sim.movie, { method: 'n2v', channel: 0, outputPath: join(dir, 'n2v.tif') });
    const out = await openMovie(result.path);
    const outPlanes = [await out.plane(0, 0, 0), await out.plane(1, 0, 0), await out.plane(2, 0, 0)];
    await out.close();
    const n2vDb = mean((t) => psnr(clean[t], outPlanes[t]));
    console.log(`PSNR dB: noisy ${noisyDb.toFixed(2)}, Gaussian best (sigma ${gaussian.sigmaPx}) ${gaussian.psnrDb.toFixed(2)}, NLM best ${nlmDb.toFixed(2)}, N2V ${n2vDb.toFixed(2)}`);
    expect(n2vDb).toBeGreaterThanOrEqual(Math.max(gaussian.psnrDb, nlmDb) + 1);
    expect(n2vDb).toBeGreaterThanOrEqual(noisyDb + 8);
  });
});

describe('removedSignal: what a denoiser took out, noise or structure', () => {
  const [w, h] = [48, 40];
  const noise = (seed: number) => {
    // independent pixel noise of sigma ~1 (sum of 12 uniforms - 6)
    let state = seed;
    const next = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
    return Float32Array.from({ length: w * h }, () => Array.from({ length: 12 }, next).reduce((a, b) => a + b, 0) - 6);
  };
  // discs of 6 px radius on a dark background: edges a blur smooths away
  const discs = Float32Array.from({ length: w * h }, (_, i) => ((i % w) % 16 - 8) ** 2 + (Math.floor(i / w) % 16 - 8) ** 2 < 36 ? 100 : 10);

  it('taking out exactly the pixel noise leaves a residual of that noise: rms ~1, neighbour correlation ~0', () => {
    const n = noise(7);
    const noisy = discs.map((v, i) => v + n[i]);
    const removed = removedSignal([residualSums(noisy, discs, w, h)]);
    expect(removed.residualRms).toBeGreaterThan(0.8);
    expect(removed.residualRms).toBeLessThan(1.2);
    expect(removed.neighbourCorrelation).toBeLessThan(0.1);
  });

  it('a sigma 2 blur of the same movie takes out edges as well: its residual correlates between neighbours', () => {
    const n = noise(7);
    const noisy = discs.map((v, i) => v + n[i]);
    const removed = removedSignal([residualSums(noisy, gaussianDenoise(noisy, w, h, 2), w, h)]);
    expect(removed.residualRms).toBeGreaterThan(5);
    expect(removed.neighbourCorrelation).toBeGreaterThan(0.5);
  });

  it('pools planes, and an unchanged plane took out nothing', () => {
    expect(removedSignal([residualSums(discs, discs, w, h), residualSums(discs, discs, w, h)])).toEqual({ residualRms: 0, neighbourCorrelation: 0 });
  });
});

describe('the median method (Fiji Median) over a movie', () => {
  it('writes every plane median-filtered and lowers the noise of simulated nuclei', async () => {
    const sim = simulate({ frames: 2, width: 64, height: 64, cells: 5, snr: 3, seed: 9302 });
    const result = await denoiseMovie(sim.movie, { method: 'median', radiusPx: 2, channel: 0, outputPath: join(dir, 'median.tif') });
    expect(result.planes).toBe(2);
    expect(result.noiseSigmaAfter).toBeLessThan(result.noiseSigmaBefore / 2);
    const out = await openMovie(result.path);
    const clean = await sim.clean.plane(1, 0, 0);
    const noisy = await sim.movie.plane(1, 0, 0);
    expect(psnr(clean, await out.plane(1, 0, 0))).toBeGreaterThan(psnr(clean, noisy) + 3);
    await out.close();
  });
});
