// A change of one channel that the running acquisition does not image ("drop the Cy5" while GFP and mCherry run,
// "DAPI exposure 20 ms" without DAPI in the plan): never made on another channel, never a silent no-op. The run's
// channels come from the conversation (runState); where it does not tell them, nothing is judged here.
import type { Adjustment } from '../../microscope/adjustment.ts';
import { DEMO_CONFIG, findChannel, type MicroscopeConfig } from '../../microscope/config.ts';

/**
 * The kinds of change made to one named channel the run already images (an added channel or a new list is no such change).
 * (A light source's power is the tool's to judge: "max power on the 640" is planned, and the tool says at run time
 * when no channel imaged uses that source.)
 */
const OF_ONE_IMAGED = new Set(['dropChannel', 'exposure', 'exposureFactor', 'acquireEvery', 'channelZOffset', 'channelStack']);

/**
 * The line to answer, nothing changed, when a change names a channel (by preset, dye or line) that is not among
 * `channelsNow` (the run's channels by preset); undefined when every channel named is imaged, a channel is given by its
 * number in the plan, or the run's channels are not known.
 */
export function channelNotImaged(changes: Adjustment[], channelsNow: string[] | undefined, config: MicroscopeConfig = DEMO_CONFIG): string | undefined {
  if (!channelsNow?.length) return undefined;
  const imaged = new Set(channelsNow.map((c) => (findChannel(config, c)?.name ?? c).toLowerCase()));
  const missing: { preset: string; kind: string }[] = [];
  for (const c of changes) {
    if (!OF_ONE_IMAGED.has(c.kind) || !('channel' in c) || typeof c.channel !== 'string' || /^\d+$/.test(c.channel.trim())) continue;
    const preset = findChannel(config, c.channel)?.name;
    if (preset && !imaged.has(preset.toLowerCase()) && !missing.some((m) => m.preset === preset)) missing.push({ preset, kind: c.kind });
  }
  if (!missing.length) return undefined;
  const names = missing.map((m) => m.preset).join(' and ');
  const list = channelsNow.map((c) => findChannel(config, c)?.name ?? c).join(', ');
  const dropsOnly = missing.every((m) => m.kind === 'dropChannel');
  const hint = dropsOnly ? '' : ` To image it too, say "add ${missing[0].preset}" (with its exposure, e.g. "add ${missing[0].preset} 50 ms").`;
  return `${names} ${missing.length > 1 ? 'are' : 'is'} not imaged in this run (it images ${list}), so nothing was changed: no other channel was taken in its place.${hint}`;
}
