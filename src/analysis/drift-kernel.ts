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
}

export async function estimateShiftsTask(task: ShiftTask): Promise<ShiftEstimate[]> {
  const { height, width, upsampleFactor, maxShiftPx } = task;
  let reference = spectrumOf({ data: task.reference, height, width });
  const out: ShiftEstimate[] = [];
  for (const plane of task.planes) {
    const moving = spectrumOf({ data: plane, height, width });
    out.push(estimateShiftFromSpectra(reference, moving, { upsampleFactor, maxShiftPx }));
    if (task.chain) reference = moving;
  }
  return out;
}
