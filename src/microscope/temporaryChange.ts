// A change for a while ("image twice as often for the next 30 min", "GFP at 5 % for the next hour"):
// the changes that set it back afterwards, worked out from the run as it is before the change. Only
// settings with a value to go back to are timed (interval, exposure, power, channels, every-Nth, z-stack,
// grid, a position left out for a while); a change that cannot be set back (a stop, an extension, a stage move) is said, never half-timed.
import type { Adjustment } from './adjustment.ts';
import type { AcquisitionStatus } from './acquisitionStatus.ts';
import type { GridPlan, StagePosition, ZPlan } from './sequence.ts';

/** The kinds of change that can be made for a while (set back by themselves afterwards). */
const TIMED = new Set<Adjustment['kind']>(['interval', 'intervalFactor', 'exposure', 'exposureFactor', 'power', 'powerFactor', 'addChannel', 'dropChannel', 'onlyChannels', 'acquireEvery', 'zPlan', 'grid', 'dropPosition']);

/** Whether a change can be made for a while: a setting with a value to go back to. */
export function canBeSetBack(adj: Adjustment): boolean {
  return TIMED.has(adj.kind) && !(adj.kind === 'interval' && adj.onlyAt !== undefined);
}

/** The run before the change: what the changes set back to. */
export interface RunBefore {
  intervalS: number;
  channels: AcquisitionStatus['channels'];
  zPlan?: ZPlan;
  gridPlan?: GridPlan;
  /** The stage positions imaged now (undefined: the one current position). */
  positions?: StagePosition[];
}

/**
 * The changes that set `adj` back to `before`, or a reason (one clause) why it cannot be timed.
 * `presetOf` names the channel a change means ("488", "GFP", "2" = the second), undefined when none matches.
 */
export function undoOf(adj: Adjustment, before: RunBefore, presetOf: (name: string) => string | undefined): Adjustment[] | string {
  const channelsOf = (name: string | undefined) => (name === undefined ? before.channels : before.channels.filter((c) => c.channel === presetOf(name)));
  switch (adj.kind) {
    case 'interval':
      if (adj.onlyAt !== undefined) return 'an interval at one position is not set back by itself';
      return [{ kind: 'interval', intervalS: before.intervalS }];
    case 'intervalFactor':
      return [{ kind: 'interval', intervalS: before.intervalS }];
    case 'exposure':
    case 'exposureFactor': {
      const chs = channelsOf(adj.channel);
      if (!chs.length || chs.some((c) => c.exposureMs === undefined)) return 'the exposure it had is not known';
      return chs.map((c) => ({ kind: 'exposure' as const, exposureMs: c.exposureMs!, channel: c.channel }));
    }
    case 'power':
    case 'powerFactor': {
      const chs = channelsOf(adj.channel);
      if (!chs.length || chs.some((c) => c.powerPercent === undefined)) return 'the power it had is not known';
      return chs.map((c) => ({ kind: 'power' as const, powerPercent: c.powerPercent!, channel: c.channel }));
    }
    case 'addChannel': {
      const there = channelsOf(adj.channel)[0];
      // (a channel already imaged keeps being imaged: its settings go back)
      if (there) return [{ kind: 'acquireEvery', channel: there.channel, every: there.acquireEvery }, ...(there.exposureMs !== undefined ? [{ kind: 'exposure' as const, exposureMs: there.exposureMs, channel: there.channel }] : []), ...(there.powerPercent !== undefined ? [{ kind: 'power' as const, powerPercent: there.powerPercent, channel: there.channel }] : [])];
      return [{ kind: 'dropChannel', channel: presetOf(adj.channel) ?? adj.channel }];
    }
    case 'dropChannel': {
      const gone = channelsOf(adj.channel)[0];
      if (!gone) return 'that channel is not imaged now';
      return [{ kind: 'addChannel', channel: gone.channel, ...(gone.exposureMs !== undefined ? { exposureMs: gone.exposureMs } : {}), ...(gone.powerPercent !== undefined ? { powerPercent: gone.powerPercent } : {}), ...(gone.acquireEvery > 1 ? { acquireEvery: gone.acquireEvery } : {}) }];
    }
    case 'onlyChannels': {
      const kept = new Set(adj.channels.map((c) => presetOf(c) ?? c));
      const back: Adjustment[] = before.channels.filter((c) => !kept.has(c.channel)).map((c) => ({ kind: 'addChannel', channel: c.channel, ...(c.exposureMs !== undefined ? { exposureMs: c.exposureMs } : {}), ...(c.powerPercent !== undefined ? { powerPercent: c.powerPercent } : {}), ...(c.acquireEvery > 1 ? { acquireEvery: c.acquireEvery } : {}) }));
      const added: Adjustment[] = [...kept].filter((k) => !before.channels.some((c) => c.channel === k)).map((channel) => ({ kind: 'dropChannel', channel }));
      return [...back, ...added];
    }
    case 'acquireEvery': {
      const ch = channelsOf(adj.channel)[0];
      if (!ch) return 'that channel is not imaged now';
      return [{ kind: 'acquireEvery', channel: ch.channel, every: ch.acquireEvery }];
    }
    case 'zPlan':
      return [{ kind: 'zPlan', zPlan: before.zPlan ?? null }];
    case 'grid':
      return [{ kind: 'grid', grid: before.gridPlan ?? null }];
    // ("pause position 2 for an hour": the positions imaged before come back, the left-out one with them)
    case 'dropPosition':
      if (!before.positions || before.positions.length < 2) return 'the run has no other position to go on with';
      return [{ kind: 'positions', positions: before.positions.map((p) => ({ ...p })) }];
    case 'pause':
      return 'a pause takes its own length ("pause for 20 min")';
    case 'stop':
    case 'finish':
    case 'extend':
    case 'endIn':
    case 'duration':
    case 'loops':
      return 'it changes when the run ends, which is not set back';
    default:
      return 'it has no setting to go back to';
  }
}
