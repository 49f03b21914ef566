// What the running acquisition is now, as far as the conversation tells it: the plan it was
// started with and the changes made since. Words that count on the plan ("skip the next 2 time
// points", "drop the last position", "15 slices instead of 11", "0.25 µm steps instead") are
// read against it; where the conversation does not tell it, those words are asked about.
import { toZPlan, type Adjustment } from '../../microscope/adjustment.ts';
import type { ZPlan } from '../../microscope/sequence.ts';

/** A step that ran earlier in the conversation: its tool and arguments. */
export interface StepSeen {
  tool: string;
  args: Record<string, unknown>;
}

/** The running acquisition as the conversation tells it; a field is absent where it does not. */
export interface RunState {
  /** The current interval between time points, s. */
  intervalS?: number;
  /** How many stage positions are imaged (1 when the plan named none). */
  positions?: number;
  /** The current z plan; null when a single plane is imaged. */
  zPlan?: ZPlan | null;
  /** The planned total duration from the start, s. */
  durationS?: number;
  /** Each channel's exposure (ms) and light power (%) where the plan or a change since said it, by preset name. */
  exposureMs?: Record<string, number>;
  powerPercent?: Record<string, number>;
  /** The values each channel's exposure and power have had, first to current, where said. */
  exposureHistory?: Record<string, number[]>;
  powerHistory?: Record<string, number[]>;
  /** The channels imaged now, by preset name, where the plan and the changes since tell them. */
  channels?: string[];
  /** The objective imaging now ("20X"), where the start or a change since named it. */
  objective?: string;
}

/** A channel setting (exposure or power) set, scaled or said at the start: its current value and its history updated. */
function setSetting(state: RunState, which: 'exposure' | 'power', channel: string | undefined, value: (before: number | undefined) => number | undefined): void {
  const current = which === 'exposure' ? (state.exposureMs ??= {}) : (state.powerPercent ??= {});
  const history = which === 'exposure' ? (state.exposureHistory ??= {}) : (state.powerHistory ??= {});
  // (a change without a channel is of every channel)
  for (const ch of channel ? [channel] : Object.keys(current)) {
    const after = value(current[ch]);
    if (after === undefined) {
      delete current[ch];
      continue;
    }
    current[ch] = Math.round(after * 1e6) / 1e6;
    (history[ch] ??= []).push(current[ch]);
  }
}

/**
 * The state of the acquisition started last, replayed from its plan and the changes since.
 * `starts(step)` / `changes(step)`: whether a step started an acquisition / changed the running one.
 */
export function runStateOf(earlier: StepSeen[], starts: (s: StepSeen) => boolean, changes: (s: StepSeen) => boolean): RunState {
  const at = earlier.map(starts).lastIndexOf(true);
  if (at < 0) return {};
  const plan = earlier[at].args.plan as { timePlan?: Record<string, unknown>; stagePositions?: unknown[]; zPlan?: ZPlan } | undefined;
  const state: RunState = { positions: Array.isArray(plan?.stagePositions) && plan.stagePositions.length ? plan.stagePositions.length : 1, zPlan: plan?.zPlan ?? null };
  for (const c of (Array.isArray((plan as { channels?: unknown })?.channels) ? (plan as { channels: { config?: unknown; exposureMs?: unknown; powerPercent?: unknown }[] }).channels : [])) {
    if (typeof c.config !== 'string') continue;
    (state.channels ??= []).push(c.config);
    if (typeof c.exposureMs === 'number') setSetting(state, 'exposure', c.config, () => c.exposureMs as number);
    if (typeof c.powerPercent === 'number') setSetting(state, 'power', c.config, () => c.powerPercent as number);
  }
  if (typeof earlier[at].args.objective === 'string') state.objective = earlier[at].args.objective as string;
  const first = firstInterval(plan?.timePlan);
  if (first !== undefined) state.intervalS = first;
  const total = totalDuration(plan?.timePlan);
  if (total !== undefined) state.durationS = total;
  for (const step of earlier.slice(at + 1)) {
    if (!changes(step) || !Array.isArray(step.args.changes)) continue;
    for (const c of step.args.changes as Adjustment[]) {
      if (c.kind === 'interval') state.intervalS = c.intervalS;
      else if (c.kind === 'intervalFactor' && state.intervalS !== undefined) state.intervalS = Math.round(state.intervalS * c.factor * 1e6) / 1e6;
      else if (c.kind === 'duration') state.durationS = c.durationS;
      else if (c.kind === 'extend' && state.durationS !== undefined) state.durationS += c.extraS;
      else if (c.kind === 'zPlan') state.zPlan = c.zPlan ? toZPlan(c.zPlan) : null;
      else if (c.kind === 'positions') state.positions = c.positions.length;
      else if (c.kind === 'addPosition' && state.positions !== undefined) state.positions += 1;
      else if (c.kind === 'dropPosition' && state.positions !== undefined) state.positions = Math.max(1, state.positions - 1);
      else if (c.kind === 'exposure') setSetting(state, 'exposure', c.channel, () => c.exposureMs);
      else if (c.kind === 'exposureFactor') setSetting(state, 'exposure', c.channel, (b) => (b === undefined ? undefined : b * c.factor));
      else if (c.kind === 'power') setSetting(state, 'power', c.channel, () => c.powerPercent);
      else if (c.kind === 'powerFactor') setSetting(state, 'power', c.channel, (b) => (b === undefined ? undefined : b * c.factor));
      else if (c.kind === 'dropChannel' && state.channels) state.channels = state.channels.filter((ch) => ch !== c.channel);
      else if (c.kind === 'onlyChannels' && state.channels) state.channels = [...c.channels];
      else if (c.kind === 'objective' || (c.kind === 'zoom' && c.objective)) state.objective = c.objective;
      if (c.kind === 'addChannel') {
        if (state.channels && !state.channels.includes(c.channel)) state.channels.push(c.channel);
        if (c.exposureMs !== undefined) setSetting(state, 'exposure', c.channel, () => c.exposureMs);
        if (c.powerPercent !== undefined) setSetting(state, 'power', c.channel, () => c.powerPercent);
      }
    }
  }
  return state;
}

/** The planned duration of a time plan, s: its phases' durations (a count of time points times its interval). */
function totalDuration(timePlan: Record<string, unknown> | undefined): number | undefined {
  if (!timePlan) return undefined;
  let total = 0;
  for (const phase of (Array.isArray(timePlan.phases) ? timePlan.phases : [timePlan]) as Record<string, number>[]) {
    if (typeof phase?.durationS === 'number') total += phase.durationS;
    else if (typeof phase?.loops === 'number' && typeof phase.intervalS === 'number') total += (phase.loops - 1) * phase.intervalS;
    else return undefined;
  }
  return total;
}

/** The interval of a time plan's first phase, s (a count over a duration gives its spacing). */
function firstInterval(timePlan: Record<string, unknown> | undefined): number | undefined {
  if (!timePlan) return undefined;
  const phase = (Array.isArray(timePlan.phases) ? timePlan.phases[0] : timePlan) as Record<string, number>;
  if (typeof phase?.intervalS === 'number') return phase.intervalS;
  if (typeof phase?.durationS === 'number' && typeof phase.loops === 'number' && phase.loops > 1) return phase.durationS / (phase.loops - 1);
  return undefined;
}
