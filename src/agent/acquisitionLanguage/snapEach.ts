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
