// "my E. coli divide roughly every 20 minutes, so image every 5 min for 3 h" (stop 52): a start that says two intervals,
// one of them after an imaging verb and the other not, tells with the other what the sample does (how often it divides,
// beats or moves). The plan's interval is the one the imaging verb says; the other is taken out of the words read as the
// plan and named in one line, never read as a second interval nor asked about as a part not understood.
import { durationsIn, findChannels } from './words.ts';

/** An imaging verb (or the imaged thing) in the clause before an interval: "image every 5 min", "one frame every 10 min". */
const IMAGING_BEFORE = /\b(?:image|imaging|acquire|acquiring|capture|capturing|snap|record|recording|take|taking|shoot|film|scan|frames?|pictures?|time ?points?|timepoints?|time[\s-]?lapse|mda)\b[^,;.]*$/i;
/** The words that make a span an interval ("every", "each", "once every"), right before it. */
const EVERY_BEFORE = /\b(?:once\s+)?(?:every|each)\s+(?:(?:about|around|roughly|approximately|approx\.?|~)\s+)?$/i;

export interface SampleRhythmApart {
  /** The words without the sample's own interval. */
  text: string;
  /** One line naming each interval taken out. */
  notes: string[];
}

/** The words with the interval told of the sample taken out and named; undefined when there is no such pair of intervals. */
export function sampleRhythmApart(text: string): SampleRhythmApart | undefined {
  const intervals = durationsIn(text).flatMap((d) => {
    const lead = EVERY_BEFORE.exec(text.slice(0, d.index));
    return lead && !/ms|milli/i.test(text.slice(d.index, d.index + d.length)) ? [{ start: lead.index, end: d.index + d.length, imaged: IMAGING_BEFORE.test(text.slice(Math.max(0, lead.index - 40), lead.index)) }] : [];
  });
  const imaged = intervals.filter((i) => i.imaged);
  if (intervals.length < 2 || imaged.length !== 1) return undefined;
  const told = intervals.filter((i) => !i.imaged);
  // (only said before the imaging, with words of its own before it: "image every 30 s for 10 min, then every 5 min" is two
  // phases of the plan, and "GFP every 5 min, DAPI every 20 min" two channels')
  if (told.some((i) => i.start > imaged[0].start || !/\p{L}{2,}/u.test(clauseBefore(text, i.start).replace(/\b(?:then|and|so|after that|afterwards|later)\b/gi, '')))) return undefined;
  // (a channel said before the other interval, "GFP every 5 min and DAPI every 20 min", makes it that channel's: no sample's)
  if (told.some((i) => findChannels(clauseBefore(text, i.start)).length)) return undefined;
  let out = text;
  for (const i of [...told].reverse()) out = `${out.slice(0, i.start)}${out.slice(i.end)}`;
  const kept = text.slice(imaged[0].start, imaged[0].end);
  return { text: out.replace(/\s+/g, ' ').trim(), notes: told.map((i) => `Not applied: "${text.slice(i.start, i.end)}" as the interval: it tells what the sample does; the plan images ${kept}.`) };
}

/** The words of the clause before a position (back to a comma, a semicolon, a full stop or "and"). */
function clauseBefore(text: string, at: number): string {
  const before = text.slice(0, at);
  const cut = Math.max(...[/[,;.]\s/g, /\band\b/gi].map((re) => Math.max(-1, ...[...before.matchAll(re)].map((m) => m.index + m[0].length))));
  return before.slice(Math.max(0, cut));
}
