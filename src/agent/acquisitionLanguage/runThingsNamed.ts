// A turn to a running acquisition that names the run's own things (a channel of its sequence by dye, wavelength or
// colour, its exposure, light power, interval, z-stack, positions, or the run itself) but says no change any reader
// could take ("the 488 channel", "something's off with the mCherry", "change the interval", "the z stack?"): asked
// back in one line that names what was read and the changes it could mean, with the values the run has now. Never
// left to a reader of the movie (a crop, an analysis), the generic help or silence. Stop 55.
// It reads nouns only: a change with a value or a verb of its own is the change reader's (adjustments.ts) and comes first.
import { type MicroscopeConfig, DEMO_CONFIG } from '../../microscope/config.ts';
import { zPositionsUm } from '../../microscope/sequence.ts';
import { runStateOf, type RunState, type StepSeen } from './runState.ts';
import { carries } from './toolCommands.ts';
import { findChannels, fmtS, normaliseText, uniquePresets } from './words.ts';

/** A setting of the run, named by a noun of its own (a closed class per setting). */
type Setting = 'exposure' | 'power' | 'interval' | 'zStack' | 'positions' | 'run';

/** The nouns that name each setting of a run (spaces match any space or hyphen). */
const SETTING_NOUNS: Record<Setting, RegExp> = {
  exposure: /\b(?:exposures?|exp|exposure\s+times?|integration\s+times?|camera\s+times?)\b/,
  power: /\b(?:power|lasers?|laser\s+lines?|intensity|illumination|led|light\s+(?:power|level|dose))\b/,
  interval: /\b(?:intervals?|frame\s+rate|time\s+(?:step|resolution)|cadence|time\s+between\s+(?:frames|time\s*points|images))\b/,
  zStack: /\b(?:z[\s-]?(?:stacks?|range|steps?|slices?|planes?|sections?)|stacks?|slices|planes|optical\s+sections)\b/,
  positions: /\b(?:positions|position\s+list|xy\s+(?:points|positions|list)|stage\s+(?:points|list)|fields\s+of\s+view|multi[\s-]?point)\b/,
  run: /\b(?:time[\s-]?lapse|acquisition|recording|mda|time\s+series|the\s+run|the\s+experiment)\b/,
};

/** What a turn names of the run: its channels (presets) and settings. */
export interface RunThings {
  channels: string[];
  settings: Setting[];
}

/** The run's channels and settings the words name; empty lists when they name none. */
export function runThingsNamed(said: string, config: MicroscopeConfig = DEMO_CONFIG): RunThings {
  const t = normaliseText(said);
  const channels = uniquePresets(findChannels(t, config));
  const settings = (Object.keys(SETTING_NOUNS) as Setting[]).filter((s) => SETTING_NOUNS[s].test(t));
  // (a setting of a channel names the setting, never the whole run: "the exposure on the red")
  return { channels, settings: channels.length || settings.some((s) => s !== 'run') ? settings.filter((s) => s !== 'run') : settings };
}

function valueNow(table: Record<string, number> | undefined, channel: string, unit: string): string {
  const v = table?.[channel];
  return v === undefined ? '' : ` (now ${v} ${unit})`.replace(' %', '%');
}

/** The changes one channel of the run could mean, with its values now. */
function channelOptions(channel: string, settings: Setting[], state: RunState): string {
  const imaged = state.channels ?? [];
  if (imaged.length && !imaged.includes(channel)) return `${channel} is not imaged now: add it ("add ${channel}")?`;
  const exposure = (whose: string) => `${whose} exposure${valueNow(state.exposureMs, channel, 'ms')} ("${channel} exposure 50 ms", "halve the ${channel} exposure")`;
  const power = (whose: string) => `${whose} power${valueNow(state.powerPercent, channel, '%')} ("${channel} to 5%", "halve the ${channel} power")`;
  if (settings.includes('exposure') && !settings.includes('power')) return `the ${exposure(channel)}: to what?`;
  if (settings.includes('power') && !settings.includes('exposure')) return `the ${power(channel)}: to what?`;
  return `the ${channel} channel: ${power('its')}, ${exposure('its')}${imaged.length > 1 ? `, or drop it ("drop ${channel}")` : ''}?`;
}

function zStackNow(state: RunState): string {
  const z = state.zPlan ? zPositionsUm(state.zPlan).positionsUm : [];
  if (z.length < 2) return 'a single plane now';
  const rangeUm = Math.round((Math.max(...z) - Math.min(...z)) * 1e6) / 1e6;
  return `now ${rangeUm} µm in ${Math.round((rangeUm / (z.length - 1)) * 1e6) / 1e6} µm steps, ${z.length} planes`;
}

/** The changes one setting of the run could mean, with its value now. */
function settingOptions(setting: Setting, state: RunState): string {
  const first = state.channels?.[0] ?? 'FITC';
  switch (setting) {
    case 'exposure': return `the exposure: to what? ("exposure 50 ms", "halve the exposure")`;
    case 'power': return `the light power: to what? ("${first} to 5%", "halve the power")`;
    case 'interval': return `the interval${state.intervalS !== undefined ? ` (now ${fmtS(state.intervalS)})` : ''}: to what? ("every 10 min", "twice as often")`;
    case 'zStack': return `the z-stack (${zStackNow(state)}): to what? ("5 planes", "a 3 µm stack", "no z-stack")`;
    case 'positions': return `the positions${state.positions !== undefined ? ` (${state.positions} now)` : ''}: add this one ("add this position"), drop one ("drop position 2") or go to one ("go to position 1")?`;
    case 'run': return `the acquisition itself: pause it, stop it, run it longer ("2 h more") or change a setting ("every 10 min")?`;
  }
}

/**
 * The line that asks back what to change, when the words name the running acquisition's things (read against the run
 * the earlier steps started), or undefined when they name none.
 */
export function runThingsAskedBack(said: string, earlier: StepSeen[], config: MicroscopeConfig = DEMO_CONFIG): string | undefined {
  const named = runThingsNamed(said, config);
  if (!named.channels.length && !named.settings.length) return undefined;
  const state = runStateOf(earlier, (s) => carries(s.tool, 'start'), (s) => carries(s.tool, 'change'));
  const parts = named.channels.length
    ? named.channels.map((c) => channelOptions(c, named.settings, state))
    : named.settings.map((s) => settingOptions(s, state));
  return `I read this as about the running acquisition, but not what to change: ${parts.join(' Or ')} Nothing was changed.`;
}
