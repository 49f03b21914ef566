// Sample planes binned (the mean of k x k blocks) so that a measure made in pixels sees objects of a working size
// whatever the pixel density: a microscope with twice the pixel density shows the same cells twice as large, and a
// measure of their outlines should not change with it (objectKind.ts).
import type { SamplePlane } from './seg-auto.ts';

/** The plane with each k x k block replaced by its mean (NaN and infinite pixels count as 0); a partial last block keeps its own mean. */
export function binPlane(sample: SamplePlane, k: number): SamplePlane {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`bin factor ${k} is not a whole number of at least 1`);
  const { plane, width, height } = sample;
  if (k === 1) return sample;
  const w = Math.ceil(width / k);
  const h = Math.ceil(height / k);
  const sum = new Float64Array(w * h);
  const count = new Float64Array(w * h);
  for (let y = 0; y < height; y++) {
    const row = Math.floor(y / k) * w;
    for (let x = 0; x < width; x++) {
      const v = plane[y * width + x];
      const j = row + Math.floor(x / k);
      sum[j] += Number.isFinite(v) ? v : 0;
      count[j]++;
    }
  }
  const out = new Float32Array(w * h);
  for (let j = 0; j < out.length; j++) out[j] = sum[j] / count[j];
  return { plane: out, width: w, height: h };
}

/**
 * The whole bin factor that brings objects of radiusPx to between workingRadiusPx and twice it (1 where they are under
 * twice it already, or the radius is unknown): objects never shrink below the working size.
 */
export function binFactorFor(radiusPx: number, workingRadiusPx: number): number {
  if (!(radiusPx > 0) || !(workingRadiusPx > 0)) return 1;
  return Math.max(1, Math.floor(radiusPx / workingRadiusPx));
}
