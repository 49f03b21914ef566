// A value said alone to the running acquisition ("10 min would be better", "50 ms please", "let's say 5%"): its unit
// names the setting, as only one setting of a run takes a span of seconds or minutes (the interval), a time in ms (an
// exposure) or a share in % (a light power). A value whose unit several settings take (hours: the interval, the
// length, a longer run) or a channel's setting while several channels are imaged is asked back in one line.
import type { Adjustment } from '../../microscope/adjustment.ts';
import type { RunState } from './runState.ts';

/** Words said around a value that say nothing of what it is for (a closed class: openers, courtesy, a verdict on it; never
 * "make it", whose pronoun points back at a setting the words do not name). */
const OPENER = String.raw`(?:(?:ok(?:ay)?|so|maybe|perhaps|actually|hmm+|um+|then|i\s+think|i'?d\s+say|let'?s\s+(?:say|do|go\s+with|try)|go\s+(?:with|for|to)|try|say)[,\s]+)*`;
const VERDICT = String.raw`(?:\s*,?\s*(?:(?:would|'d|will|should|is|'s|sounds?|seems?)\s+(?:be\s+)?(?:(?:much|a\s+lot|probably|really)\s+)?(?:better|fine|good|enough|ok(?:ay)?|nicer|ideal|great|plenty|right|best)|please|pls|instead|then|now|from\s+now(?:\s+on)?|thanks|thank\s+you|i\s+think))*`;
const VALUE_ALONE = new RegExp(String.raw`^${OPENER}(\d+(?:\.\d+)?)\s*(ms|%|percent|s|secs?|seconds?|min|mins|minutes?|h|hrs?|hours?)${VERDICT}\s*[.!?]*$`);

/** The change a value said alone makes, a line to ask back, or undefined when the words are more than a value. */
export function valueAlone(t: string, now: RunState): { change: Adjustment } | { ask: string } | undefined {
  const m = VALUE_ALONE.exec(t.trim());
  if (!m) return undefined;
  const value = Number(m[1]);
  const unit = m[2];
  const channels = now.channels ?? [];
  const one = channels.length === 1 ? { channel: channels[0] } : {};
  if (unit === 'ms' || unit === '%' || unit === 'percent') {
    const setting = unit === 'ms' ? 'exposure' : 'light power';
    if (channels.length > 1) return { ask: `${m[1]} ${unit === 'ms' ? 'ms' : '%'} ${setting} for which channel (${channels.join(', ')}), or every channel? Say e.g. "${channels[0]} ${setting === 'exposure' ? 'exposure' : 'power'} ${m[1]}${unit === 'ms' ? ' ms' : '%'}"; nothing was changed` };
    return { change: unit === 'ms' ? { kind: 'exposure', exposureMs: value, ...one } : { kind: 'power', powerPercent: value, ...one } };
  }
  if (/^(?:h|hrs?|hours?)$/.test(unit)) return { ask: `${m[1]} h for what: the interval ("every ${m[1]} h"), the whole run's length ("${m[1]} h in total") or a longer run ("${m[1]} h more")? Nothing was changed` };
  const seconds = /^m/.test(unit) ? value * 60 : value;
  return { change: { kind: 'interval', intervalS: seconds } };
}
