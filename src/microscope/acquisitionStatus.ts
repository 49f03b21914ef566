// What a running acquisition reports: its state, progress, settings, light dose against
// the budget, files, rules and notes; and the same in words ("how much longer?",
// "how much light so far?").
import { formatDuration } from './adjustment.ts';
import type { DoseLedger } from './dose.ts';
import type { Limits } from './limits.ts';
import type { RuleStatus } from './rules.ts';
import type { WrittenFile } from './sink.ts';

export type AcquisitionState = 'idle' | 'waiting' | 'acquiring' | 'paused' | 'finishing' | 'done';

export interface AcquisitionStatus {
  state: AcquisitionState;
  name: string;
  timepointsDone: number;
  imagesAcquired: number;
  elapsedS: number;
  /** Estimate with the current plan; 0 when done. */
  remainingS: number;
  /** Time to the next time point, s (0 while acquiring). */
  nextTimepointInS: number;
  intervalS: number;
  channels: { channel: string; exposureMs?: number; powerPercent?: number; acquireEvery: number }[];
  zPlanes: number;
  positions: { name: string; xUm: number; yUm: number; zUm: number }[];
  objective: string;
  pixelSizeUm: number;
  dose: {
    totalJPerCm2: number;
    byChannel: Record<string, number>;
    byPosition: Record<string, number>;
    budgetJPerCm2: number;
    /** Highest fraction of the budget any field has used (overlaps counted). */
    budgetUsed: number;
    lightOnS: number;
  };
  files: WrittenFile[];
  framesTable: string;
  stopReason?: string;
  error?: string;
  rules: RuleStatus[];
  notes: string[];
  /** The autofocus schedule in words (undefined: none) and every autofocus run so far (time point, position, planned or asked, shift µm). */
  autofocus: { schedule?: string; runs: { t: number; position: string; reason: 'plan' | 'asked'; shiftUm: number }[] };
}

/** The ledger's part of a status. */
export function doseStatus(ledger: DoseLedger, limits: Limits): AcquisitionStatus['dose'] {
  const byPosition = ledger.byPosition();
  const peak = Math.max(0, ...Object.values(byPosition));
  return {
    totalJPerCm2: ledger.total(),
    byChannel: ledger.byChannel(),
    byPosition,
    budgetJPerCm2: limits.doseBudgetJPerCm2,
    budgetUsed: peak / limits.doseBudgetJPerCm2,
    lightOnS: ledger.totalExposureS(),
  };
}

/** "How long is left" and "how much light so far" in words. */
export function describeStatus(s: AcquisitionStatus, about: 'time' | 'dose' | 'all' = 'all'): string {
  const time =
    s.state === 'done'
      ? `The acquisition has ended after ${s.timepointsDone} time point(s) (${s.stopReason ?? 'finished'}).`
      : `${capitalise(s.state)}: ${s.timepointsDone} time point(s) done in ${formatDuration(s.elapsedS)}, about ${formatDuration(s.remainingS)} left (every ${formatDuration(s.intervalS)}).`;
  const perChannel = Object.entries(s.dose.byChannel)
    .map(([c, d]) => `${c} ${round3(d)}`)
    .join(', ');
  const dose = `Light so far: ${round3(s.dose.totalJPerCm2)} J/cm²${perChannel ? ` (${perChannel})` : ''}, ${Math.round(s.dose.budgetUsed * 100)} % of the ${s.dose.budgetJPerCm2} J/cm² budget at the most exposed field.`;
  const af = s.autofocus;
  const focus = af.schedule || af.runs.length ? ` ${capitalise(af.schedule ?? 'no scheduled autofocus')}${af.runs.length ? `; ${af.runs.length} autofocus run(s) so far, the last before t=${af.runs.at(-1)!.t} moved the focus ${af.runs.at(-1)!.shiftUm} µm` : ''}.` : '';
  return about === 'time' ? time : about === 'dose' ? dose : `${time} ${dose}${focus}`;
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}
