// A correction of the channel the last change was made to, said in the next turn: "no, the other channel" after "drop
// Cy5", "not that one, the DAPI" after "remove GFP", "stop, that's wrong - I meant the DAPI exposure" after "raise the
// GFP exposure to 150 ms". The last change is taken back on the channel it was made to and made on the channel meant,
// in one adjustment. Before, these were read as new requests: a crop with no rectangle, nothing, or a stop of the whole
// acquisition (the worst reading of all: the person only corrected which channel they meant).
import type { Adjustment } from '../../microscope/adjustment.ts';
import type { MicroscopeConfig } from '../../microscope/config.ts';
import { runStateOf, type StepSeen } from './runState.ts';
import { carries, toolCarrying } from './toolCommands.ts';
import { findChannels, uniquePresets } from './words.ts';

/** The kinds of change made to one channel, which the same change can be made to another. */
const ONE_CHANNEL = new Set<Adjustment['kind']>(['exposure', 'exposureFactor', 'power', 'powerFactor', 'addChannel', 'dropChannel', 'acquireEvery', 'channelZOffset', 'channelStack']);

/** Words that say the last turn was not what was meant (one of them opens the turn or stands as its own clause). */
const NOT_MEANT = ['no', 'nope', 'wrong', 'meant', 'mean', 'sorry', 'oops', 'whoops', 'not', 'other', 'instead', 'rather', 'mistake'];
/** Words a correction says besides the channel: the filler of "stop, that's wrong - I meant the other one". */
const FILLER = new Set([...NOT_MEANT, 'i', 'the', 'that', "that's", 'thats', 'this', 'it', "it's", 'its', 'is', 'was', 'one', 'channel', 'laser', 'line', 'stop', 'wait', 'hold', 'on', 'actually', 'ah', 'oh', 'hmm', 'please', 'pls', 'sorry', 'my', 'bad', 'to', 'do', 'should', 'be', 'have', 'been', 'said', 'a', 'of', 'for', 'thanks', 'again', 'ok', 'okay']);
/** The setting a change moves, as people name it. */
const SETTING_WORDS: Record<string, string[]> = { exposure: ['exposure', 'exposures', 'exposure time'], power: ['power', 'laser power', 'intensity', 'light'] };

function settingOf(kind: Adjustment['kind']): keyof typeof SETTING_WORDS | undefined {
  return kind === 'exposure' || kind === 'exposureFactor' ? 'exposure' : kind === 'power' || kind === 'powerFactor' ? 'power' : undefined;
}

/** The words of `t` besides the channels found, split on anything but letters and apostrophes. */
function wordsBesides(t: string, channelTexts: string[]): string[] {
  let rest = t;
  for (const c of channelTexts) rest = rest.split(c).join(' ');
  return rest.split(/[^a-z']+/).filter(Boolean);
}

/**
 * The adjustment that moves the last change from the channel it was made to onto the channel the words mean, or a line
 * to say when that cannot be done; undefined when the words are no such correction. `t`: the turn, lower case.
 */
export function retargetedChange(t: string, earlier: StepSeen[], config: MicroscopeConfig): { tool: string; args: { changes: Adjustment[] }; notApplied?: string[] } | { ask: string; command: true } | undefined {
  const last = earlier.at(-1);
  if (!last || !carries(last.tool, 'change') || !Array.isArray(last.args.changes)) return undefined;
  const changes = last.args.changes as Adjustment[];
  if (!changes.length || !changes.every((c) => ONE_CHANNEL.has(c.kind) && 'channel' in c && typeof c.channel === 'string')) return undefined;
  const from = [...new Set(changes.map((c) => (c as { channel: string }).channel))];
  if (from.length !== 1) return undefined;
  const mentions = findChannels(t, config);
  // (a question, or a value said: another reader's — "no, I meant 5 min", "is DAPI still on?")
  if (/\?\s*$/.test(t) || /\d/.test(mentions.reduce((rest, m) => rest.split(m.text).join(' '), t))) return undefined;
  const named = uniquePresets(mentions).filter((c) => c !== from[0]);
  const words = wordsBesides(t, mentions.map((m) => m.text));
  if (!words.some((w) => NOT_MEANT.includes(w))) return undefined;
  const setting = settingOf(changes[0].kind);
  const settingWords = setting ? SETTING_WORDS[setting].flatMap((w) => w.split(' ')) : [];
  // (anything else said is more than a correction of the channel: left to the other readers)
  if (words.some((w) => !FILLER.has(w) && !settingWords.includes(w))) return undefined;
  const state = runStateOf(earlier.slice(0, -1), (s) => carries(s.tool, 'start'), (s) => carries(s.tool, 'change'));
  let to: string | undefined;
  if (named.length === 1) to = named[0];
  else if (named.length === 0 && words.includes('other')) {
    const others = (state.channels ?? []).filter((c) => c !== from[0]);
    if (others.length !== 1) return { ask: `Which channel did you mean instead of ${from[0]}? ${others.length ? `The acquisition images ${others.join(', ')} besides it` : 'The conversation does not tell which other channels are imaged'}; nothing was changed.`, command: true };
    to = others[0];
  } else return undefined;
  const back: Adjustment[] = [];
  const kept: string[] = [];
  for (const c of changes) {
    if (c.kind === 'dropChannel') back.push({ kind: 'addChannel', channel: from[0] });
    else if (c.kind === 'addChannel') back.push({ kind: 'dropChannel', channel: from[0] });
    else if (setting === 'exposure' && state.exposureMs?.[from[0]] !== undefined) back.push({ kind: 'exposure', exposureMs: state.exposureMs[from[0]], channel: from[0] });
    else if (setting === 'power' && state.powerPercent?.[from[0]] !== undefined) back.push({ kind: 'power', powerPercent: state.powerPercent[from[0]], channel: from[0] });
    else kept.push(`${from[0]} keeps the ${setting ?? c.kind} it was just given: this conversation does not tell its value before, so say it to set it back (e.g. "${from[0]} ${setting === 'power' ? 'power 10%' : 'exposure 100 ms'}")`);
  }
  const moved = changes.map((c) => ({ ...c, channel: to }) as Adjustment);
  return { tool: toolCarrying('change'), args: { changes: [...back, ...moved] }, ...(kept.length ? { notApplied: kept } : {}) };
}
