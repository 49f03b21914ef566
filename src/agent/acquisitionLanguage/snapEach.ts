// "snap brightfield at 20 ms, then GFP at 200 ms", "snap DAPI and GFP": a picture of each channel named, one after the
// other, each with the exposure and power said for it (as a plan's channel table reads them, requests.ts), or the one
// value said for them all; a channel with none of its own takes the microscope's current setting, never another
// channel's value.
import type { MicroscopeConfig } from '../../microscope/config.ts';
import { channelSettings } from './requests.ts';
import { findChannels, uniquePresets } from './words.ts';

/** The arguments of a snap of each channel the words name after the first (whose arguments are `first`). */
export function snapsOfOtherChannels(words: string, first: Record<string, unknown>, config: MicroscopeConfig): Record<string, unknown>[] {
  const presets = uniquePresets(findChannels(words, config));
  const each = channelSettings(words, config);
  const own = (preset: string) => {
    const s = each.get(preset) ?? {};
    return { ...(s.exposureMs !== undefined ? { exposureMs: s.exposureMs } : {}), ...(s.powerPercent !== undefined ? { powerPercent: s.powerPercent } : {}) };
  };
  const base = Object.fromEntries(Object.entries(first).filter(([k]) => k !== 'exposureMs' && k !== 'powerPercent'));
  return presets.filter((p) => p !== first.channel).map((channel) => ({ ...base, channel, ...own(channel) }));
}

/**
 * The words of a command said before a snap and joined to it ("move 300 µm to the left and take a brightfield picture",
 * "focus down 2 µm, then snap DAPI"): the head, to be read as a command of its own, or undefined when the snap stands alone.
 */
const BEFORE_SNAP = /^(.+?)\s*(?:,\s*|;\s*|\s+)(?:(?:and|then|after\s+that|afterwards)\s*,?\s*)+(?:(?:please|pls|also|just)\s+)?(?=(?:snap|take|grab|get|acquire|capture|shoot)\b)/i;
export function commandBeforeSnap(text: string): string | undefined {
  return BEFORE_SNAP.exec(text)?.[1];
}

/**
 * "one image each of DAPI and GFP", "1 frame for every channel", "100 ms each", "one per filter": "each", "every" and
 * "per" that share things out among channels or pictures, not a rate of a time-lapse ("every 5 min", "each hour").
 * The words with them taken out, to be read for a rate.
 */
const SHARED_OUT = /\b(?:each|every|per)\s+(?:one\s+)?(?:of\s+)?(?:the\s+|my\s+|these\s+|those\s+)?(?:channels?|colou?rs?|filters?|lasers?|laser lines?|dyes?|fluorophores?|wavelengths?|stains?|labels?|markers?)\b|\beach\s+of\b|(?:\b(?:a|an|one|1)\s+(?:\w+\s+)?|\b(?:images?|pictures?|frames?|snaps?|shots?|photos?)\s+|\d\s*(?:ms|msec|s|sec|%)\s+)each\b(?!\s+(?:\d|other|s\b|secs?\b|seconds?|mins?\b|minutes?|h\b|hrs?\b|hours?|days?|nights?|times?\b|time\s?points?|timepoints?|frames?|cycles?|loops?|rounds?))/g;
export function withoutSharedOut(t: string): string {
  return t.replace(SHARED_OUT, ' ');
}

/** "take two pictures, first DAPI then GFP", "grab 3 images: DAPI, GFP and mCherry": as many pictures as channels named, one each. */
const COUNTED_PICTURES = /\b(?:take|grab|get|acquire|capture|shoot|snap|make)\s+(?:me\s+)?(?<n>two|three|four|2|3|4)\s+(?:\w+\s+)?(?:pictures|images|snapshots|snaps|photos|frames|shots)\b/;
const COUNT: Record<string, number> = { two: 2, three: 3, four: 4 };
export function picturesOfEachChannel(t: string, config: MicroscopeConfig): boolean {
  const said = COUNTED_PICTURES.exec(t)?.groups?.n;
  if (!said) return false;
  return uniquePresets(findChannels(t, config)).length === (COUNT[said] ?? Number(said));
}
