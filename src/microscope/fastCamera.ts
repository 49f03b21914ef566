// The simulated microscope's camera: the same EMVA 1288 model as src/sim/camera.ts
// (counts = offset + gain × (Poisson(photons) + Normal(0, read noise)), clipped), made
// fast enough for live acquisition (a 512x512 frame in a few ms instead of ~100 ms):
// - from GAUSSIAN_FROM (12) photoelectrons up, Poisson + read noise is drawn as one normal with
//   variance photons + readNoise² (the normal approximation to the Poisson; its error in
//   the variance is below 1/λ, far under what an analysis can see);
// - normals come from a table of 65536 exact quantiles indexed by 16 random bits (two per
//   32-bit draw); the table spans ±4.3 SD, which camera noise never needs beyond.
// Below the cut-off, photon counts are drawn exactly, by inversion of the Poisson CDF.
import type { Camera } from '../sim/camera.ts';
import type { Rng } from '../sim/random.ts';

const GAUSSIAN_FROM = 12;
const MAX_COUNT = 65535;

let normalTable: Float32Array | undefined;

/** Inverse normal CDF (Acklam's rational approximation, relative error < 1.2e-9). */
function inverseNormal(p: number): number {
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - low) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

function table(): Float32Array {
  if (!normalTable) {
    normalTable = new Float32Array(65536);
    for (let i = 0; i < 65536; i++) normalTable[i] = inverseNormal((i + 0.5) / 65536);
  }
  return normalTable;
}

/** One noisy exposure: photoelectrons per pixel (already scaled for exposure) -> uint16 counts. */
export function exposeFast(electrons: Float32Array, camera: Camera, rng: Rng, out = new Uint16Array(electrons.length)): Uint16Array {
  const normals = table();
  const read2 = camera.readNoiseE * camera.readNoiseE;
  const { gain, offsetAdu, fullWellE, readNoiseE } = camera;
  const n = electrons.length;
  for (let p = 0; p < n; p += 2) {
    // One 32-bit draw gives the table indices for two pixels.
    const bits = rng.nextUint32();
    out[p] = pixelCounts(electrons[p], normals[bits & 0xffff], read2, readNoiseE, gain, offsetAdu, fullWellE, rng);
    if (p + 1 < n) out[p + 1] = pixelCounts(electrons[p + 1], normals[bits >>> 16], read2, readNoiseE, gain, offsetAdu, fullWellE, rng);
  }
  return out;
}

function pixelCounts(lambda: number, normal: number, read2: number, readNoiseE: number, gain: number, offsetAdu: number, fullWellE: number, rng: Rng): number {
  let e: number;
  if (lambda >= GAUSSIAN_FROM) {
    e = lambda + Math.sqrt(lambda + read2) * normal;
    if (e > fullWellE) e = fullWellE;
  } else {
    e = poissonByInversion(lambda, rng.uniform()) + readNoiseE * normal;
  }
  // Rounds half up; the Uint16Array store truncates the (non-negative, clamped) value.
  const counts = offsetAdu + gain * e + 0.5;
  return counts < 0 ? 0 : counts > MAX_COUNT ? MAX_COUNT : counts;
}

/** Exact Poisson draw for a small mean by sequential search of the CDF with one uniform. */
function poissonByInversion(lambda: number, u: number): number {
  if (!(lambda > 0)) return 0;
  let k = 0;
  let p = Math.exp(-lambda);
  let cdf = p;
  while (u > cdf && k < 200) {
    k++;
    p *= lambda / k;
    cdf += p;
  }
  return k;
}
