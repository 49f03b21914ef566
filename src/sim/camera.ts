// The camera: photoelectrons -> counts (ADU). counts = offset + gain * (Poisson(photons)
// + Normal(0, readNoiseE)), clipped at the full well and the 16-bit range, as for an
// sCMOS camera (EMVA 1288 model). Variance above the offset is
// gain * signal + (gain * readNoiseE)^2, with signal = gain * photons.
import type { Rng } from './random.ts';

export interface CameraOptions {
  /** ADU per photoelectron. Default 2 (a typical sCMOS at 16-bit). */
  gain?: number;
  /** Counts added to every pixel (the bias). Default 100. */
  offsetAdu?: number;
  /** Read noise, electrons RMS. Default 1.6. */
  readNoiseE?: number;
  /** Full-well capacity, electrons. Default 30000. */
  fullWellE?: number;
  /** Quantum efficiency: detected over incident photons. Default 1 (photons given as photoelectrons). */
  quantumEfficiency?: number;
  /** Exposure time, ms; photons given are for `referenceExposureMs` and scale linearly. Default 100. */
  exposureMs?: number;
  /** Exposure the photon planes are rendered for, ms. Default 100. */
  referenceExposureMs?: number;
}

export type Camera = Required<CameraOptions>;

export function cameraWithDefaults(options: CameraOptions = {}): Camera {
  return {
    gain: options.gain ?? 2,
    offsetAdu: options.offsetAdu ?? 100,
    readNoiseE: options.readNoiseE ?? 1.6,
    fullWellE: options.fullWellE ?? 30000,
    quantumEfficiency: options.quantumEfficiency ?? 1,
    exposureMs: options.exposureMs ?? 100,
    referenceExposureMs: options.referenceExposureMs ?? 100,
  };
}

const MAX_COUNT = 65535;

function electronsScale(camera: Camera): number {
  return (camera.quantumEfficiency * camera.exposureMs) / camera.referenceExposureMs;
}

/** One noisy exposure: photons (per reference exposure) -> uint16 counts. */
export function expose(photons: Float32Array, camera: Camera, rng: Rng, out = new Uint16Array(photons.length)): Uint16Array {
  const scale = electronsScale(camera);
  for (let p = 0; p < photons.length; p++) {
    const electrons = Math.min(camera.fullWellE, rng.poisson(photons[p] * scale)) + camera.readNoiseE * rng.normal();
    const counts = Math.round(camera.offsetAdu + camera.gain * electrons);
    out[p] = counts < 0 ? 0 : counts > MAX_COUNT ? MAX_COUNT : counts;
  }
  return out;
}

/** The noise-free expectation of `expose` (before rounding): the "clean" image, in counts. */
export function expectedCounts(photons: Float32Array, camera: Camera, out = new Float32Array(photons.length)): Float32Array {
  const scale = electronsScale(camera);
  for (let p = 0; p < photons.length; p++) {
    const counts = camera.offsetAdu + camera.gain * Math.min(camera.fullWellE, photons[p] * scale);
    out[p] = Math.min(MAX_COUNT, counts);
  }
  return out;
}

/**
 * Signal photons at a nucleus's peak that give a requested SNR, defined as the peak
 * signal over the noise SD there: S / sqrt(S + background + readNoise²) = snr.
 */
export function peakPhotonsForSnr(snr: number, backgroundPhotons: number, readNoiseE: number): number {
  const s2 = snr * snr;
  return (s2 + Math.sqrt(s2 * s2 + 4 * s2 * (backgroundPhotons + readNoiseE * readNoiseE))) / 2;
}
