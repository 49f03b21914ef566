// An autofocus schedule asked for while a run goes on ("autofocus every 3rd frame", "AF every
// 10 min"): the plan's autofocusPlan it becomes. A span becomes every N time points at the
// current interval (rounded, at least 1), and the answer says so.
import type { Adjustment } from './adjustment.ts';
import { formatDuration } from './adjustment.ts';
import type { AutofocusPlan } from './sequence.ts';

/** Time points between autofocus runs for a span at an interval (at least 1), and whether that is exact. */
export function timepointsForSpan(everyS: number, intervalS: number): { everyTimepoints: number; exact: boolean } {
  if (!(intervalS > 0)) return { everyTimepoints: 1, exact: false };
  const ratio = everyS / intervalS;
  const everyTimepoints = Math.max(1, Math.round(ratio));
  return { everyTimepoints, exact: Math.abs(ratio - everyTimepoints) < 1e-6 };
}

/** The "(every 10 min = every 2nd time point at the 5 min interval)" a span said becomes. */
export function spanSaid(everyS: number, intervalS: number, everyTimepoints: number, exact: boolean): string {
  if (!(intervalS > 0)) return ` (every ${formatDuration(everyS)} asked, but the run has no interval: before every time point)`;
  return ` (every ${formatDuration(everyS)} is ${exact ? '' : 'about '}every ${everyTimepoints} time point(s) at the ${formatDuration(intervalS)} interval)`;
}

/** The plan's autofocus schedule after a change, and what a span became, in words. */
export function autofocusScheduleAt(adj: Extract<Adjustment, { kind: 'autofocusSchedule' }>, intervalS: number, current: AutofocusPlan | undefined): { plan: AutofocusPlan; said: string } {
  const eachPosition = adj.eachPosition ?? current?.eachPosition ?? false;
  if (adj.everyS !== undefined) {
    const { everyTimepoints, exact } = timepointsForSpan(adj.everyS, intervalS);
    return { plan: { everyTimepoints, eachPosition }, said: spanSaid(adj.everyS, intervalS, everyTimepoints, exact) };
  }
  return { plan: { everyTimepoints: adj.everyTimepoints ?? current?.everyTimepoints ?? 1, eachPosition }, said: '' };
}
