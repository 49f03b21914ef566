import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { estimateNoiseSigma, nlMeansDenoise } from '../../src/analysis/nlmeans.ts';
import { readNpy, writeNpy } from '../../src/onnx/npy.ts';

function noisySquares(width: number, height: number, sigma: number, seed = 3): { noisy: Float32Array; clean: Float32Array } {
  let s = seed;
  const gauss = () => {
    s = (s * 16807) % 2147483647;
    const u = s / 2147483647;
    s = (s * 16807) % 2147483647;
    const v = s / 2147483647;
    return Math.sqrt(-2 * Math.log(u + 1e-12)) * Math.cos(2 * Math.PI * v);
  };
  const clean = new Float32Array(width * height);
  const noisy = new Float32Array(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const v = (x > 10 && x < 30 && y > 8 && y < 28) || (x - 45) ** 2 + (y - 40) ** 2 < 100 ? 1 : 0.2;
      clean[y * width + x] = v;
      noisy[y * width + x] = v + sigma * gauss();
    }
  return { noisy, clean };
}

function hasSkimage(): boolean {
  try {
    execFileSync('/usr/bin/python3', ['-c', 'import skimage.restoration'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('non-local means', () => {
  it('estimates the noise sigma of white noise within 10%', () => {
    const { noisy } = noisySquares(128, 128, 0.1);
    expect(estimateNoiseSigma(noisy, 128, 128)).toBeGreaterThan(0.09);
    expect(estimateNoiseSigma(noisy, 128, 128)).toBeLessThan(0.11);
  });

  it('removes most of the noise while keeping edges', () => {
    const { noisy, clean } = noisySquares(64, 64, 0.1);
    const out = nlMeansDenoise(noisy, 64, 64, { h: 0.08 });
    const mse = (a: ArrayLike<number>) => Array.from(clean).reduce((s, c, i) => s + (c - a[i]) ** 2, 0) / clean.length;
    expect(mse(out)).toBeLessThan(mse(noisy) / 5);
  });

  it.skipIf(!hasSkimage())('matches skimage.restoration.denoise_nl_means (fast mode)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nlm-'));
    try {
      const { noisy } = noisySquares(60, 52, 0.15);
      writeFileSync(join(dir, 'in.npy'), writeNpy({ shape: [52, 60], dtype: 'float32', data: noisy }));
      execFileSync('/usr/bin/python3', [
        '-c',
        `import numpy as np; from skimage.restoration import denoise_nl_means as d; a=np.load("${dir}/in.npy").astype(np.float64); np.save("${dir}/out.npy", d(a, patch_size=5, patch_distance=6, h=0.12, fast_mode=True).astype(np.float32))`,
      ]);
      const expected = readNpy(readFileSync(join(dir, 'out.npy'))).data as Float32Array;
      const ours = nlMeansDenoise(noisy, 60, 52, { patchSizePx: 5, patchDistancePx: 6, h: 0.12 });
      let maxDiff = 0;
      for (let i = 0; i < ours.length; i++) maxDiff = Math.max(maxDiff, Math.abs(ours[i] - expected[i]));
      // skimage uses a fast approximate exp(); values agree to about 1% of the 0.2-1 range.
      expect(maxDiff).toBeLessThan(0.01);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
