// Exposures or powers listed per channel as Micro-Manager's channel table shows them, with the unit said
// once: "DAPI 50 ms, GFP 200", "GFP 80 ms, mCherry 150", "GFP 5%, Cy5 at 8". A bare number right after a
// channel's name takes the unit every other channel's number in the list has (one unit, ms or %), never
// dropped and never read as something else; with no such unit, or two, the words stay as they were.
import type { MicroscopeConfig } from '../../microscope/config.ts';
import { findChannels } from './words.ts';

export function unitsSaidOnce(text: string, config: MicroscopeConfig): string {
  const mentions = findChannels(text, config);
  if (new Set(mentions.map((m) => m.preset)).size < 2) return text;
  const after = mentions.map((m) => text.slice(m.index + m.text.length));
  const units = new Set<string>();
  const bare: number[] = [];
  after.forEach((rest, i) => {
    const withUnit = WITH_UNIT.exec(rest);
    if (withUnit) units.add(withUnit[1].toLowerCase().startsWith('m') ? 'ms' : '%');
    else if (BARE.test(rest)) bare.push(i);
  });
  if (units.size !== 1 || !bare.length) return text;
  const unit = [...units][0];
  let out = text;
  for (const i of bare.reverse()) {
    const at = mentions[i].index + mentions[i].text.length;
    const number = BARE.exec(out.slice(at))!;
    const end = at + number[0].length;
    out = `${out.slice(0, end)}${unit === 'ms' ? ' ms' : '%'}${out.slice(end)}`;
  }
  return out;
}

/** A number with its unit right after a channel's name: "GFP 200 ms", "DAPI: 50ms", "488 at 10%". */
const WITH_UNIT = /^\s*(?:at|:|=|@)?\s*\d+(?:\.\d+)?\s*(ms|msec|milliseconds?|%|percent|per cent)(?![a-z])/i;
/** A bare number right after a channel's name, ending the channel's part: "GFP 200,", "Cy5 at 300 every ...". */
const BARE = /^\s*(?:at|:|=|@)?\s*\d+(?:\.\d+)?(?=\s*(?:$|,|;|\band\b|&|\+|\bplus\b|\bevery\b|\bfor\b|\bthen\b|\bplease\b|\bpls\b))/i;
