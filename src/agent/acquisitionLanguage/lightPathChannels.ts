// Channels named by their light path instead of their name (stop 52): "widefield channel off", "drop the fluorescence
// channels", "the epi channel every 3rd frame". This microscope is a widefield: its fluorescence presets light the sample
// through the objective (epi-illumination) and its transmitted presets (brightfield) from above. Said while imaging, the
// light path names the run's channels of that kind: the one such channel when the run images one, every one of them when
// the words say channels (plural), and otherwise a question back that names them (never a guess between two).
import { DEMO_CONFIG, type MicroscopeConfig } from '../../microscope/config.ts';

/** "the widefield channel", "fluorescent channels", "epi channel": group 1 the light path, group 2 the channel noun. */
const LIGHT_PATH_CHANNEL = /\b(wide[\s-]?field|epi(?:[\s-]?fluorescen(?:ce|t))?|fluorescen(?:ce|t)|fluo)\s+(channels?|presets?|colou?rs?)\b/i;
/** "widefield off", "fluorescence off": the light path alone before "off" (no channel noun) is its channels too. */
const LIGHT_PATH_OFF = /\b(wide[\s-]?field|epi(?:[\s-]?fluorescen(?:ce|t))?|fluorescen(?:ce|t))\s+(?=off\b)/i;

export type LightPathReading = { text: string } | { ask: string };

/**
 * The words with a channel named by its light path replaced by the run's channel(s) of that light path, or a question
 * when the words name one channel of several; undefined when no light path names a channel (or the run images none of it).
 */
export function lightPathChannels(text: string, imaged: readonly string[], config: MicroscopeConfig = DEMO_CONFIG): LightPathReading | undefined {
  const named = LIGHT_PATH_CHANNEL.exec(text) ?? LIGHT_PATH_OFF.exec(text);
  if (!named || !imaged.length) return undefined;
  const transmitted = new Set(config.channels.filter((c) => c.transmitted).map((c) => c.name));
  const ofThePath = imaged.filter((c) => !transmitted.has(c));
  if (!ofThePath.length) return { ask: `"${named[0].trim()}": the run images no widefield fluorescence channel (it images ${imaged.join(' and ')}); nothing was changed: name the channel.` };
  const plural = /s$/i.test(named[2] ?? '');
  if (ofThePath.length > 1 && !plural) return { ask: `Which channel is "${named[0].trim()}"? The run images ${ofThePath.join(' and ')} in widefield fluorescence${imaged.length > ofThePath.length ? ` (and ${imaged.filter((c) => transmitted.has(c)).join(' and ')} in transmitted light)` : ''}; nothing was changed: name the channel ("drop ${ofThePath[0]}").` };
  const names = ofThePath.join(' and ');
  return { text: text.slice(0, named.index) + (named[2] ? names : `${names} `) + text.slice(named.index + named[0].length) };
}
