// Worker-side kernel of drift estimation: phase correlation of a batch of planes against
// one reference plane or along a chain of consecutive planes. Runs in worker threads
// through src/parallel/pool.ts (inputs and outputs are structured-clonable).
import { estimateShiftFromSpectra, spectrumOf, type ShiftEstimate, type Spectrum } from './registration.ts';

export interface ShiftTask {
  height: number;
  width: number;
  /** The plane the first of `planes` is compared with. */
  reference: Float32Array;
  planes: Float32Array[];
  /** false: every plane against `reference`; true: plane i against plane i-1 (plane 0 against `reference`). */
  chain: boolean;
  upsampleFactor: number;
  maxShiftPx?: number;
  /** 'phase' (default) or 'none': plain cross-correlation of mean-subtracted planes (better for smooth z profiles). */
  normalization?: 'phase' | 'none';
}

/** Smallest share of the plane two candidate alignments must overlap to be compared. */
const MIN_OVERLAP = 0.25;

function spectrumFor(plane: Float32Array, height: number, width: number, normalization: 'phase' | 'none', into?: Float64Array): Spectrum {
  const spectrum = spectrumOf({ data: plane, height, width }, into);
  return normalization === 'phase' ? spectrum : withoutMean(spectrum);
}

/** The spectrum of the mean-subtracted plane: the same with its DC term set to zero. */
function withoutMean(spectrum: Spectrum): Spectrum {
  const values = Float64Array.from(spectrum.values);
  const dcPower = values[0] * values[0] + values[1] * values[1];
  values[0] = values[1] = 0;
  return { ...spectrum, values, energy: Math.max(0, spectrum.energy - dcPower) };
}

/** Pearson correlation of reference(y, x) with moving(y - dy, x - dx) over their overlap; -Infinity when it is too small. */
export function overlapCorrelation(reference: Float32Array, moving: Float32Array, height: number, width: number, dyPx: number, dxPx: number): number {
  const y0 = Math.max(0, dyPx);
  const y1 = Math.min(height, height + dyPx);
  const x0 = Math.max(0, dxPx);
  const x1 = Math.min(width, width + dxPx);
  const n = Math.max(0, y1 - y0) * Math.max(0, x1 - x0);
  if (n < MIN_OVERLAP * height * width || n < 2) return -Infinity;
  let sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
  for (let y = y0; y < y1; y++) {
    const ra = y * width;
    const rb = (y - dyPx) * width - dxPx;
    for (let x = x0; x < x1; x++) {
      const a = reference[ra + x];
      const b = moving[rb + x];
      sa += a; sb += b; saa += a * a; sbb += b * b; sab += a * b;
    }
  }
  const cov = sab - (sa * sb) / n;
  const varA = saa - (sa * sa) / n;
  const varB = sbb - (sb * sb) / n;
  return varA > 0 && varB > 0 ? cov / Math.sqrt(varA * varB) : -Infinity;
}

/**
 * Whitened noise alone gives phase-correlation values of SD 1/sqrt(N); the largest of N such values is about
 * sqrt(2 ln N) SD (5 SD for 512x512). A peak this many SD high cannot be noise.
 */
const SIGNIFICANT_PEAK_SD = 8;

/**
 * Phase correlation whitens every frequency, so on sparse, noisy frames (few cells, most of the spectrum
 * noise) a noise peak can beat the true one and give a jump of tens of px. Guard: where the peak is not
 * clearly above the noise, the plain cross-correlation of the mean-subtracted planes also proposes a
 * whole-pixel shift; where the two disagree by more than 1 px, keep the one under which the planes'
 * overlap correlates best (as a person checking the overlay would).
 */
function guardedShift(
  reference: { plane: Float32Array; spectrum: Spectrum },
  moving: { plane: Float32Array; spectrum: Spectrum },
  task: ShiftTask,
): ShiftEstimate {
  const { height, width, upsampleFactor, maxShiftPx } = task;
  const phase = estimateShiftFromSpectra(reference.spectrum, moving.spectrum, { upsampleFactor, maxShiftPx, normalization: 'phase' });
  if (phase.peakHeight * Math.sqrt(height * width) >= SIGNIFICANT_PEAK_SD) return phase;
  const plainOptions = { maxShiftPx, normalization: 'none', removeMean: true } as const;
  const plain = estimateShiftFromSpectra(reference.spectrum, moving.spectrum, { ...plainOptions, upsampleFactor: 1 });
  const [py, px] = [Math.round(phase.dyPx), Math.round(phase.dxPx)];
  if (Math.abs(plain.dyPx - py) <= 1 && Math.abs(plain.dxPx - px) <= 1) return phase;
  const phaseScore = overlapCorrelation(reference.plane, moving.plane, height, width, py, px);
  const plainScore = overlapCorrelation(reference.plane, moving.plane, height, width, plain.dyPx, plain.dxPx);
  if (!(plainScore > phaseScore)) return phase;
  // the error metric then refers to the mean-subtracted planes
  return estimateShiftFromSpectra(withoutMean(reference.spectrum), withoutMean(moving.spectrum), { ...plainOptions, upsampleFactor });
}

export async function estimateShiftsTask(task: ShiftTask): Promise<ShiftEstimate[]> {
  const { height, width, upsampleFactor, maxShiftPx } = task;
  const normalization = task.normalization ?? 'phase';
  let reference = { plane: task.reference, spectrum: spectrumFor(task.reference, height, width, normalization) };
  const out: ShiftEstimate[] = [];
  // Against a fixed reference the moving spectrum is dropped after use: one buffer serves every plane
  let reusable: Float64Array | undefined;
  for (const plane of task.planes) {
    const moving = { plane, spectrum: spectrumFor(plane, height, width, normalization, task.chain ? undefined : reusable) };
    reusable = moving.spectrum.values;
    out.push(
      normalization === 'phase'
        ? guardedShift(reference, moving, task)
        : estimateShiftFromSpectra(reference.spectrum, moving.spectrum, { upsampleFactor, maxShiftPx, normalization }),
    );
    if (task.chain) reference = moving;
  }
  return out;
}
