// An interval shorter than one time point takes ("every 200 ms" while two channels take 500 ms each): refused before it
// reaches the microscope, with the shortest interval the plan can keep, as the acquisition refuses it (limits.ts
// intervalBelowImaging). The time point is reckoned from the run as the conversation tells it, after the changes asked
// with the interval (a shorter exposure said with it counts): its channels, their exposures (the camera's default where
// none was said), its z planes and positions.
import type { Adjustment } from '../../microscope/adjustment.ts';
import { DEFAULT_EXPOSURE_MS, IMAGE_OVERHEAD_MS } from '../../microscope/events.ts';
import { intervalBelowImaging } from '../../microscope/limits.ts';
import { zPlaneCount } from '../../microscope/sequence.ts';
import type { RunState } from './runState.ts';

/** The refusal of the interval the changes set, or undefined (no interval set, nothing known of the channels, or one the plan keeps). */
export function intervalTooShort(changes: Adjustment[], after: RunState): string | undefined {
  const timing = changes.find((c) => c.kind === 'interval' || c.kind === 'intervalFactor');
  if (!timing || !after.channels?.length) return undefined;
  const intervalS = timing.kind === 'interval' ? timing.intervalS : after.intervalS;
  if (intervalS === undefined) return undefined;
  const planes = after.zPlan ? zPlaneCount(after.zPlan) : 1;
  // (an interval at one position only is kept by that position's images alone)
  const positions = timing.kind === 'interval' && timing.onlyAt !== undefined ? 1 : after.positions ?? 1;
  const perPlane = after.channels.reduce((s, ch) => s + ((after.exposureMs?.[ch] ?? DEFAULT_EXPOSURE_MS) + IMAGE_OVERHEAD_MS) / 1000, 0);
  return intervalBelowImaging(intervalS, perPlane * planes * positions, after.channels.length * planes * positions);
}
