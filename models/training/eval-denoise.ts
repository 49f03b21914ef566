// Measures denoising PSNR against the simulator's clean movie on held-out seeds:
//   node bin/run-ts.js models/training/eval-denoise.ts [MODEL] [--augment]
// Prints noisy, best Gaussian, best non-local means and N2V (the numbers in the README).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { denoiseMovie } from '../../src/analysis/denoise.ts';
import { bestGaussianSigma, psnr } from '../../src/analysis/gaussian.ts';
import { estimateNoiseSigma, nlMeansDenoise } from '../../src/analysis/nlmeans.ts';
import { openMovie } from '../../src/image/index.ts';
import type { PlaneData } from '../../src/image/movie.ts';
import { simulate } from '../../src/sim/index.ts';

const model = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 'n2v-nuclei';
const augment = process.argv.includes('--augment');
const dir = mkdtempSync(join(tmpdir(), 'eval-denoise-'));
try {
  for (const [seed, snr, size] of [[9301, 3, 128], [9302, 2, 256], [9303, 4, 256]] as const) {
    const sim = simulate({ frames: 3, width: size, height: size, cells: Math.round((14 * size * size) / 128 / 128), snr, seed, crowding: 0.4 });
    const noisy: PlaneData[] = [];
    const clean: PlaneData[] = [];
    for (let t = 0; t < 3; t++) {
      noisy.push(await sim.movie.plane(t, 0, 0));
      clean.push(await sim.clean.plane(t, 0, 0));
    }
    const mean = (f: (t: number) => number) => (f(0) + f(1) + f(2)) / 3;
    const gaussian = bestGaussianSigma(noisy, clean, size, size);
    let nlm = -Infinity;
    for (const factor of [0.4, 0.6, 0.8, 1.0]) nlm = Math.max(nlm, mean((t) => psnr(clean[t], nlMeansDenoise(noisy[t], size, size, { h: factor * estimateNoiseSigma(noisy[t], size, size) }))));
    const result = await denoiseMovie(sim.movie, { method: 'n2v', modelName: model, channel: 0, outputPath: join(dir, `${seed}.tif`), augment });
    const out = await openMovie(result.path);
    const n2v = mean((t) => 0) + (psnr(clean[0], await out.plane(0, 0, 0)) + psnr(clean[1], await out.plane(1, 0, 0)) + psnr(clean[2], await out.plane(2, 0, 0))) / 3;
    await out.close();
    console.log(JSON.stringify({ seed, snr, size, noisyDb: +mean((t) => psnr(clean[t], noisy[t])).toFixed(2), gaussianDb: +gaussian.psnrDb.toFixed(2), gaussianSigmaPx: gaussian.sigmaPx, nlMeansDb: +nlm.toFixed(2), n2vDb: +n2v.toFixed(2), augment }));
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
