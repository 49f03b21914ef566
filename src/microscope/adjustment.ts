// Live changes to a running acquisition, as data: what a person's command ("speed up
// to every 10 seconds") or a self-driving rule asks for. The engine applies them to
// events not yet started; the language parser produces them.
import type { ZPlan, StagePosition } from './sequence.ts';

export type Adjustment =
  | { kind: 'interval'; intervalS: number }
  /** Multiplies the interval ("twice as fast" = 0.5). */
  | { kind: 'intervalFactor'; factor: number }
  | { kind: 'duration'; durationS: number }
  | { kind: 'extend'; extraS: number }
  | { kind: 'loops'; loops: number }
  | { kind: 'exposure'; exposureMs: number; channel?: string }
  | { kind: 'power'; powerPercent: number; channel?: string }
  | { kind: 'addChannel'; channel: string; exposureMs?: number; powerPercent?: number; acquireEvery?: number }
  | { kind: 'dropChannel'; channel: string }
  | { kind: 'acquireEvery'; channel: string; every: number }
  | { kind: 'zPlan'; zPlan: ZPlan | null }
  | { kind: 'positions'; positions: StagePosition[] }
  | { kind: 'zoom'; cell?: number; xPx?: number; yPx?: number; objective?: string; position?: string }
  | { kind: 'moveStage'; xUm?: number; yUm?: number; zUm?: number; relative?: boolean }
  | { kind: 'objective'; objective: string }
  | { kind: 'autofocus' }
  | { kind: 'pause' }
  | { kind: 'resume' }
  | { kind: 'stop' }
  | { kind: 'finish' }
  | { kind: 'status'; about?: 'time' | 'dose' | 'all' };

export type AdjustmentKind = Adjustment['kind'];

/** One line saying what a change does, for confirmations and the provenance log. */
export function describeAdjustment(adj: Adjustment): string {
  switch (adj.kind) {
    case 'interval':
      return `image every ${formatDuration(adj.intervalS)}`;
    case 'intervalFactor':
      return adj.factor < 1 ? `image ${Math.round(1 / adj.factor)} times as often` : `image ${adj.factor} times less often`;
    case 'duration':
      return `run for ${formatDuration(adj.durationS)} in total`;
    case 'extend':
      return `run ${formatDuration(adj.extraS)} longer`;
    case 'loops':
      return `take ${adj.loops} time points in total`;
    case 'exposure':
      return `set the ${adj.channel ?? 'current channel'} exposure to ${adj.exposureMs} ms`;
    case 'power':
      return `set the ${adj.channel ?? 'current'} light to ${adj.powerPercent} %`;
    case 'addChannel':
      return `add the ${adj.channel} channel${adj.exposureMs ? ` at ${adj.exposureMs} ms` : ''}${adj.acquireEvery && adj.acquireEvery > 1 ? ` every ${adj.acquireEvery} time points` : ''}`;
    case 'dropChannel':
      return `stop imaging ${adj.channel}`;
    case 'acquireEvery':
      return `image ${adj.channel} every ${adj.every === 1 ? '' : ordinal(adj.every) + ' '}time point`;
    case 'zPlan':
      return adj.zPlan ? `acquire a z-stack (${describeZPlan(adj.zPlan)})` : 'acquire a single plane (no z-stack)';
    case 'positions':
      return `image ${adj.positions.length} stage position(s)`;
    case 'zoom':
      return `zoom in${adj.cell !== undefined ? ` on cell ${adj.cell}` : adj.xPx !== undefined ? ` on pixel (${adj.xPx}, ${adj.yPx})` : ''}${adj.objective ? ` with the ${adj.objective} objective` : ''}`;
    case 'moveStage':
      return `move the stage ${adj.relative ? 'by' : 'to'} ${(
        [
          ['x', adj.xUm],
          ['y', adj.yUm],
          ['z', adj.zUm],
        ] as const
      )
        .filter(([, v]) => v !== undefined)
        .map(([axis, v]) => `${axis} ${v} µm`)
        .join(', ')}`;
    case 'objective':
      return `switch to the ${adj.objective} objective`;
    case 'autofocus':
      return 'refocus (autofocus)';
    case 'pause':
      return 'pause the acquisition';
    case 'resume':
      return 'resume the acquisition';
    case 'stop':
      return 'stop the acquisition now';
    case 'finish':
      return 'finish after the current time point';
    case 'status':
      return adj.about === 'dose' ? 'report the light dose so far' : adj.about === 'time' ? 'report the time left' : 'report the status';
  }
}

export function describeZPlan(plan: ZPlan): string {
  if ('rangeUm' in plan) return `${plan.rangeUm} µm range, ${plan.stepUm} µm steps`;
  if ('aboveUm' in plan) return `${plan.belowUm} µm below to ${plan.aboveUm} µm above, ${plan.stepUm} µm steps`;
  if ('topUm' in plan) return `z ${plan.bottomUm} to ${plan.topUm} µm, ${plan.stepUm} µm steps`;
  if ('relativeUm' in plan) return `${plan.relativeUm.length} planes relative to focus`;
  return `${plan.absoluteUm.length} absolute planes`;
}

function ordinal(n: number): string {
  const suffix = n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

/** "10 s", "2 min", "1 h 30 min". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return 'an unknown time';
  const s = Math.max(0, Math.round(seconds * 10) / 10);
  if (s < 60) return `${trim(s)} s`;
  if (s < 3600) {
    const m = Math.floor(s / 60);
    const rest = Math.round(s - m * 60);
    return rest ? `${m} min ${rest} s` : `${m} min`;
  }
  const h = Math.floor(s / 3600);
  const m = Math.round((s - h * 3600) / 60);
  return m ? `${h} h ${m} min` : `${h} h`;
}

function trim(v: number): string {
  return String(Math.round(v * 10) / 10);
}
