// A channel said by its place in the running plan ("the second channel", "the 3rd channel", "channel 2", "ch2", Fiji's
// "C2", "the last channel"): read as that channel's preset name where the conversation tells the run's channels, so
// every command about a channel (drop, exposure, power, every Nth time point, swap) reads it as it reads a name; the
// change then names it by its place again, as the tool takes it ("2" = the second channel). A place past the run's last
// channel is no channel: said back, never guessed.
import type { Adjustment } from '../../microscope/adjustment.ts';
import type { RunState } from './runState.ts';

const ORDINAL_WORDS: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6 };

/** "the second channel", "2nd channel", "last channel", "channel 2", "ch 2", "ch#2", "c2" (Fiji), "the last/final channel". */
// ("add a second channel": a new one is no place in the run)
const PLACE = /(?<!\b(?:a|an|another|new|extra|more)\s+)\b(?:the\s+)?(first|second|third|fourth|fifth|sixth|last|final|[1-6](?:st|nd|rd|th))\s+(channel|colou?r)\b|\b(?:the\s+)?(?:channel|ch)\s*#?\s*([1-6])\b(?!\s*(?:%|ms|s\b|µm|um|min|x\b|\.\d))|(?<!\b(?:well|wells|position|pos|site|field|row|column|col)\s+)\bc([1-6])\b(?![.\d])/gi;

function placeOf(m: RegExpExecArray, count: number): number {
  const word = (m[1] ?? '').toLowerCase();
  if (word === 'last' || word === 'final') return count;
  if (word) return ORDINAL_WORDS[word] ?? Number(word.replace(/\D/g, ''));
  return Number(m[3] ?? m[4]);
}

/**
 * The text with each channel said by its place replaced by "the NAME channel" (NAME: the run's preset at that place),
 * unchanged where the run's channels are not known; `past`: the line to answer when a place is past the run's last channel.
 */
export function channelsByPlace(text: string, now: RunState): { text: string; past?: string; places?: Map<string, number> } {
  const channels = now.channels;
  if (!channels?.length) return { text };
  let past: string | undefined;
  const places = new Map<string, number>();
  const read = text.replace(PLACE, (...args) => {
    const m = args.slice(0, -2) as unknown as RegExpExecArray;
    const place = placeOf(m, channels.length);
    // (Fiji's "C5" on a run of 2 channels may be no channel word at all: left as said)
    if (m[4] !== undefined && place > channels.length) return m[0];
    if (place < 1 || place > channels.length) {
      past ??= `there is no channel ${place} in this run: it images ${channels.length} (${channels.map((c, i) => `${i + 1} ${c}`).join(', ')}), so nothing was changed; say which of them you mean`;
      return m[0];
    }
    places.set(channels[place - 1].toLowerCase(), place);
    return `the ${channels[place - 1]} channel`;
  });
  return past ? { text, past } : { text: read, places };
}

/** A change of a channel read from its place, naming it by that place again ("2"); any other change as it is. */
export function byPlace(change: Adjustment, places: Map<string, number>): Adjustment {
  if (!('channel' in change) || typeof change.channel !== 'string') return change;
  const place = places.get(change.channel.toLowerCase());
  return place === undefined ? change : ({ ...change, channel: String(place) } as Adjustment);
}

/** "the last one", "the first one", "the 2nd one": a place said without what it is the place of. */
const ONE_AT = /\b(?:the\s+)(first|second|third|fourth|fifth|sixth|last|final|[1-6](?:st|nd|rd|th))\s+one\b/i;

/**
 * The question to ask when a command not otherwise understood says a place without its list ("drop the last one" while
 * the run images several channels): the channel at that place (and the position, where there are several) named as
 * what it may mean; undefined when no such place is said or the run's channels are not known.
 */
export function onePlaceAsked(text: string, now: RunState): string | undefined {
  const m = ONE_AT.exec(text);
  const channels = now.channels;
  if (!m || !channels || channels.length < 2) return undefined;
  const place = placeOf([m[0], m[1]] as unknown as RegExpExecArray, channels.length);
  if (place < 1 || place > channels.length) return undefined;
  const positions = now.positions && now.positions > 1 && place <= now.positions ? ` or position ${place}` : '';
  return `which do you mean by "${m[0]}": the ${channels[place - 1]} channel (channel ${place} of ${channels.join(', ')})${positions}? Say it by its name (e.g. "${channels[place - 1]}"); nothing was changed`;
}
