// Worker-side kernel of drift estimation: phase correlation of a batch of planes against
// one reference plane or along a chain of consecutive planes. Runs in worker threads
// through src/parallel/pool.ts (inputs and outputs are structured-clonable).
import { estimateShiftFromSpectra, spectrumOf, type ShiftEstimate } from './registration.ts';

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

function spectrumFor(plane: Float32Array, height: number, width: number, normalization: 'phase' | 'none') {
  if (normalization === 'phase') return spectrumOf({ data: plane, height, width });
  let mean = 0;
  for (let i = 0; i < plane.length; i++) mean += plane[i];
  mean /= plane.length;
  return spectrumOf({ data: plane.map((v) => v - mean), height, width });
}

export async function estimateShiftsTask(task: ShiftTask): Promise<ShiftEstimate[]> {
  const { height, width, upsampleFactor, maxShiftPx } = task;
  const normalization = task.normalization ?? 'phase';
  let reference = spectrumFor(task.reference, height, width, normalization);
  const out: ShiftEstimate[] = [];
  for (const plane of task.planes) {
    const moving = spectrumFor(plane, height, width, normalization);
    out.push(estimateShiftFromSpectra(reference, moving, { upsampleFactor, maxShiftPx, normalization }));
    if (task.chain) reference = moving;
  }
  return out;
}
