// The live time plan of a running acquisition: which time point comes next and when.
// Unlike the static expansion in sequence.ts, this one follows live changes: a new
// interval applies from the next time point, a duration plan keeps its end time (so a
// shorter interval gives more time points), a loops plan keeps its count.
import { formatDuration, type Adjustment } from './adjustment.ts';
import { checkInterval, type Limits } from './limits.ts';
import type { TimePlan } from './sequence.ts';
import { phasesOf } from './sequence.ts';

interface LivePhase {
  intervalS: number;
  /** Time points still to take in a loops-based phase. */
  remaining?: number;
  /** Duration-based phase: its length, s; the end is fixed when the phase starts. */
  durationS?: number;
  endS?: number;
}

export class Timeline {
  private readonly phases: LivePhase[];
  private phaseIndex = 0;
  private started = false;
  /** Start of the last time point taken, s from the start of the run. */
  private lastStartS = 0;
  timepointsTaken = 0;

  constructor(plan: TimePlan | undefined) {
    this.phases = phasesOf(plan).map((phase, i) => {
      const skipFirst = i > 0 ? 1 : 0; // a later phase's first time point is the previous phase's last
      if ('loops' in phase && 'intervalS' in phase) return { intervalS: phase.intervalS, remaining: phase.loops - skipFirst };
      if ('loops' in phase) {
        const intervalS = phase.loops > 1 ? phase.durationS / (phase.loops - 1) : 0;
        return { intervalS, remaining: phase.loops - skipFirst };
      }
      if (phase.intervalS <= 0) return { intervalS: 0, remaining: 1 - skipFirst };
      return { intervalS: phase.intervalS, durationS: phase.durationS };
    });
    if (this.phases[0]?.durationS !== undefined) this.phases[0].endS = this.phases[0].durationS;
  }

  /** Interval of the current phase (of the last one once the plan is over), s. */
  get intervalS(): number {
    return this.current()?.intervalS ?? this.phases[this.phases.length - 1]?.intervalS ?? 0;
  }

  /** Planned start of the next time point, s from the start, or undefined when the plan is over. */
  nextStartS(): number | undefined {
    for (;;) {
      const phase = this.current();
      if (!phase) return undefined;
      const candidate = this.started ? this.lastStartS + phase.intervalS : 0;
      if (phase.remaining !== undefined) {
        if (phase.remaining > 0) return candidate;
      } else if (candidate <= (phase.endS ?? Infinity) + 1e-6) {
        return candidate;
      }
      this.advancePhase();
    }
  }

  /** Records that a time point started at `startS` (may be later than planned). */
  markTaken(startS: number): void {
    const phase = this.current();
    if (phase?.remaining !== undefined) phase.remaining--;
    this.started = true;
    this.lastStartS = startS;
    this.timepointsTaken++;
  }

  /** Changes the interval of the current phase (from the next time point on). */
  setInterval(intervalS: number): void {
    const phase = this.current();
    if (!phase) return;
    if (phase.durationS !== undefined && intervalS <= 0) {
      // A duration plan with no interval would never end: take what is left as fast as possible, once.
      phase.remaining = 1;
    }
    phase.intervalS = intervalS;
  }

  /** Sets the total run time of a single-phase plan (or of the current phase), s from the start of the run. */
  setDuration(totalS: number): void {
    const phase = this.current();
    if (!phase) return;
    const phaseStartS = this.phaseStartS();
    phase.remaining = undefined;
    phase.durationS = totalS - phaseStartS;
    phase.endS = totalS;
    if (phase.intervalS <= 0) phase.remaining = 1;
  }

  /** Sets the number of time points of the current phase, counting those already taken in it. */
  setLoops(total: number, takenInRun: number): void {
    const phase = this.current();
    if (!phase) return;
    phase.durationS = undefined;
    phase.endS = undefined;
    phase.remaining = Math.max(0, total - (this.phaseIndex === 0 ? takenInRun : 0));
  }

  /** Ends the plan after the time point in progress. */
  finish(): void {
    this.phaseIndex = this.phases.length;
  }

  /** Remaining time points (estimate, with the current intervals). */
  remainingTimepoints(): number {
    let count = 0;
    let last = this.started ? this.lastStartS : undefined;
    for (let i = this.phaseIndex; i < this.phases.length; i++) {
      const phase = this.phases[i];
      if (phase.remaining !== undefined) {
        count += phase.remaining;
        if (last !== undefined || phase.remaining > 0) last = (last ?? -phase.intervalS) + phase.remaining * phase.intervalS;
      } else {
        const startS = last ?? 0;
        const endS = phase.endS ?? startS + (phase.durationS ?? 0);
        const n = phase.intervalS > 0 ? Math.floor((endS - startS) / phase.intervalS + 1e-9) + (last === undefined ? 1 : 0) : 0;
        count += Math.max(0, n);
        last = startS + Math.max(0, n - (last === undefined ? 1 : 0)) * phase.intervalS;
      }
    }
    return count;
  }

  /** Planned start of the last time point, s from the start (estimate). */
  lastStartPlannedS(): number {
    let last = this.started ? this.lastStartS : undefined;
    for (let i = this.phaseIndex; i < this.phases.length; i++) {
      const phase = this.phases[i];
      if (phase.remaining !== undefined) {
        if (phase.remaining > 0) last = last === undefined ? (phase.remaining - 1) * phase.intervalS : last + phase.remaining * phase.intervalS;
      } else {
        const startS = last ?? 0;
        const endS = phase.endS ?? startS + (phase.durationS ?? 0);
        last = phase.intervalS > 0 ? startS + Math.floor((endS - startS) / phase.intervalS + 1e-9) * phase.intervalS : startS;
      }
    }
    return last ?? 0;
  }

  private phaseStartS(): number {
    const phase = this.current();
    if (phase?.endS !== undefined && phase.durationS !== undefined) return phase.endS - phase.durationS;
    return this.started ? this.lastStartS : 0;
  }

  private current(): LivePhase | undefined {
    return this.phases[this.phaseIndex];
  }

  private advancePhase(): void {
    this.phaseIndex++;
    const next = this.current();
    if (next && next.durationS !== undefined) next.endS = (this.started ? this.lastStartS : 0) + next.durationS;
  }
}

export type TimingAdjustment = Extract<Adjustment, { kind: 'interval' | 'intervalFactor' | 'duration' | 'extend' | 'endIn' | 'loops' }>;

/** Applies a change of timing to the live time plan; returns what it did (and a limit that clamped it). */
export function adjustTimeline(timeline: Timeline, adj: TimingAdjustment, limits: Limits, elapsedS: number): { message: string; notes: string[] } {
  switch (adj.kind) {
    case 'interval':
    case 'intervalFactor': {
      const checked = checkInterval(limits, adj.kind === 'interval' ? adj.intervalS : timeline.intervalS * adj.factor);
      timeline.setInterval(checked.value);
      return { message: `interval set to ${formatDuration(checked.value)}`, notes: checked.note ? [checked.note] : [] };
    }
    case 'duration':
      timeline.setDuration(adj.durationS);
      return { message: `the acquisition now ends ${formatDuration(adj.durationS)} after its start`, notes: [] };
    case 'extend': {
      const endS = Math.max(timeline.lastStartPlannedS(), elapsedS) + adj.extraS;
      timeline.setDuration(endS);
      return { message: `extended by ${formatDuration(adj.extraS)}: it now ends about ${formatDuration(endS)} after its start`, notes: [] };
    }
    case 'endIn': {
      const endS = elapsedS + adj.inS;
      timeline.setDuration(endS);
      return { message: `the acquisition now ends in ${formatDuration(adj.inS)}, ${formatDuration(endS)} after its start`, notes: [] };
    }
    case 'loops':
      timeline.setLoops(adj.loops, timeline.timepointsTaken);
      return { message: `${adj.loops} time points in total`, notes: [] };
  }
}

/** Time left, s: to the last planned start, plus one time point's work. */
export function remainingTimeS(timeline: Timeline, elapsedS: number, perTimepointS: number, acquiring: boolean): number {
  if (timeline.remainingTimepoints() === 0) return acquiring ? perTimepointS : 0;
  return Math.max(0, timeline.lastStartPlannedS() - elapsedS) + perTimepointS;
}
