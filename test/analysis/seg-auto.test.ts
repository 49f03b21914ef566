// seg-auto.ts: the noise rule's extra smoothing never takes a derived smoothing past MAX_NOISE_SMOOTHING_PX (8 px). Large
// noisy nuclei got 15.4 px before (SIM+ 01 at 3x with nucleoli and Poisson noise, eval-robust.ts: DET / SEG 0.900 /
// 0.499 against 0.963 / 0.726 at 8 px; models/README.md). The usual smoothing, a sixth of the radius, is not capped: it
// follows the objects however large the pixel density makes them.
import { describe, expect, it } from 'vitest';
import { chooseSegmentParameters } from '../../src/analysis/seg-auto.ts';

/** Disks of radius r on a grid (background 100, contrast 100) with Gaussian noise of SD `noiseSd` (seeded). */
function noisyDisks(size: number, r: number, noiseSd: number): Float32Array {
  let s = 7;
  const rand = () => ((s = (s * 16807) % 2147483647) / 2147483647);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const step = Math.round(2.8 * r);
  const image = new Float32Array(size * size);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const cx = (Math.floor(x / step) + 0.5) * step;
      const cy = (Math.floor(y / step) + 0.5) * step;
      image[y * size + x] = 100 + (Math.hypot(x - cx, y - cy) <= r ? 100 : 0) + noiseSd * gauss();
    }
  return image;
}

describe('chooseSegmentParameters smoothing', () => {
  it('noisy large objects: the noise rule smooths more, but never past 8 px, and says so', () => {
    const size = 340;
    const { chosen } = chooseSegmentParameters([{ plane: noisyDisks(size, 42, 30), width: size, height: size }]);
    expect(chosen.objectRadiusPx).toBeGreaterThan(30); // r / 6 > 5 px, so the noise rule's up to 2x would pass 8 px
    expect(chosen.sigmaPx).toBe(8);
    expect(chosen.noiseReason).toMatch(/x the usual sixth of the radius \(8 px at most\): the movie is noisy/);
  });

  it('noisy small objects keep the rule as measured (smoothing grows with the noise, under the cap)', () => {
    const size = 200;
    const { chosen } = chooseSegmentParameters([{ plane: noisyDisks(size, 10, 30), width: size, height: size }]);
    expect(chosen.sigmaPx).toBeGreaterThan(chosen.objectRadiusPx / 6 + 0.1);
    expect(chosen.sigmaPx).toBeLessThan(8);
  });

  it('large objects: the usual sixth of the radius is not capped (it follows the pixel density), and the noise rule adds nothing past 8 px', () => {
    const size = 460;
    const { chosen } = chooseSegmentParameters([{ plane: noisyDisks(size, 72, 30), width: size, height: size }]);
    expect(chosen.objectRadiusPx).toBeGreaterThan(60);
    expect(chosen.sigmaPx).toBeCloseTo(chosen.objectRadiusPx / 6, 1);
    expect(chosen.noiseReason).toBe('');
  });
});
