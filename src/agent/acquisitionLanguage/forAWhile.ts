// A change to the running acquisition said to last a while: "image twice as often for the next 30 min",
// "GFP at 5 % over the next hour", "drop the red for the next 2 hours", "every minute for the next 20 frames".
// The span is cut out of the words (the change is read without it) and becomes the time after which the
// change is set back: a time as said, or a count of time points (the router turns it into a time with the
// interval the change runs at). A "then go back (to normal)" after it says the same and goes with it.
import { durationsIn, NUMBER, toNumber } from './words.ts';

/** "for the next", "over the following", "during the coming": words that open a span a change lasts. */
const FOR_THE_NEXT = /\b(?:for|over|during|in)\s+the\s+(?:next|following|coming)\s+/gi;
/** "for": a span with no "the next" ("image every 30 s for 15 min"), read only where the words mean nothing else. */
const FOR = /\bfor\s+/gi;
/** "about", "around", "roughly", "~", "approx.": a hedge before the span's length, read past ("for about 10 min"). */
const HEDGE = /^(?:(?:about|around|roughly|approx(?:imately|\.)?|circa|ca\.|some|maybe|perhaps|probably|something\s+like|like)\s+|~\s*)/i;
/** "or so", "-ish", "give or take": a hedge after the span's length, taken with it. */
const HEDGE_AFTER = /^(?:\s*(?:or\s+so|or\s+thereabouts|give\s+or\s+take|tops|max)\b|-?ish\b)/i;
/**
 * A span said as a clause of its own at the end of the words ("every 30 s while I add the drug, about 10 min",
 * "(10 min or so)", "- should take around 15 min"): set off by a comma, semicolon, dash or bracket, with nothing
 * after it; read only with `plain` (where the words read no other way).
 */
const SPAN_CLAUSE = /(?:\s*[,;(]|\s+[-–—]+)\s*(?:(?:(?:it|this|that)\s*(?:'ll|\s+will|\s+should|\s+might|\s+may|\s+would)?\s+)?(?:take|takes|last|lasts|lasting|for)\s+|(?:should|will|might|may|would)\s+(?:take|last)\s+)?(?=\S)/gi;
/** A count of time points after such words: "20 frames", "ten timepoints", "5 time points", "3 cycles". */
const TIME_POINTS = new RegExp(String.raw`^${NUMBER}\s*(?:time[\s-]?points?|timepoints?|frames?|cycles?|rounds?|loops?|images?)\b`, 'i');
/** "for 20 frames": a count of time points after "for" alone is a span too ("for 20 more frames" runs longer instead). */
const FOR_A_COUNT = new RegExp(String.raw`\bfor\s+(?=${NUMBER}\s*(?:time[\s-]?points?|timepoints?|frames?|cycles?|rounds?|loops?)\b)`, 'gi');
/**
 * "every 30 s until 50 frames, then back to 5 min": a count of time points after "until" / "till" / "up to" is how long
 * the change lasts when a set-back follows (the change is undone after that many time points); with no set-back, "until
 * 50 frames" is the run's own length and is read by the end readers.
 */
const UNTIL_A_COUNT = new RegExp(String.raw`\b(?:until|till|til|up\s+to)\s+(?=${NUMBER}\s*(?:time[\s-]?points?|timepoints?|frames?|cycles?|rounds?|loops?|images?)\b)`, 'gi');

/** "then go back", "and then back to normal", "then revert to what it was": the end of a change for a while, said. */
const SET_BACK = /\s*[,;]?\s*(?:and\s+)?(?:then|after(?:wards?)?(?:\s+that)?)?\s*,?\s*(?:(?:go|switch|change|set\s+(?:it|them|everything)|put\s+(?:it|them|everything)|revert|return|come)\s+)?back(?:\s+(?:to\s+(?:normal|the\s+(?:usual|old|previous|original)(?:\s+\w+)?|what\s+(?:it|they)\s+(?:was|were)|before|how\s+it\s+was)|again))?\s*(?:please|pls)?\s*[.!]*$|\s*[,;]?\s*(?:and\s+)?then\s+(?:revert|return)\b.*$/i;

/**
 * "then go back to every 5 min", "and after that back to 10 %": the end of a change for a while said with a value
 * (the router keeps it as the set-back only when that value is the setting's value now).
 */
const SET_BACK_TO = /\s*[,;]?\s*(?:and\s+)?(?:then|after(?:wards?)?(?:\s+that)?)\s*,?\s*(?:(?:go|switch|change|revert|return|come|drop|set\s+(?:it|them)|put\s+(?:it|them))\s+)?back\s+(?:down\s+|up\s+)?to\s+(.+?)\s*(?:please|pls)?\s*[.!]*$/i;

/** A set-back said anywhere after a span ("..., then back to 5 min", "and then go back"). */
const SET_BACK_SAID = /\b(?:then|after(?:wards?)?(?:\s+that)?)\s*,?\s*(?:(?:go|switch|change|revert|return|come|drop|set\s+(?:it|them|everything)|put\s+(?:it|them|everything))\s+)?back\b|\bthen\s+(?:revert|return)\b/i;

/** A span a change lasts: its time (s), or a count of time points; `backTo`, the words of the value it is said to go back to. */
export type SpanForAWhile = ({ rest: string; forS: number; timePoints?: undefined } | { rest: string; timePoints: number; forS?: undefined }) & { backTo?: string };

/**
 * The words without the span and its length, or undefined when no span follows such words. `plain`: a span
 * opened by "for" alone counts too (the router tries that only when the words read no other way).
 */
export function spanForAWhile(text: string, plain = false): SpanForAWhile | undefined {
  const opened = plain ? [...text.matchAll(FOR), ...text.matchAll(SPAN_CLAUSE)] : [...text.matchAll(FOR_THE_NEXT), ...text.matchAll(FOR_A_COUNT), ...(SET_BACK_SAID.test(text) ? text.matchAll(UNTIL_A_COUNT) : [])];
  for (const m of opened) {
    const hedged = HEDGE.exec(text.slice(m.index! + m[0].length));
    const from = m.index! + m[0].length + (hedged ? hedged[0].length : 0);
    // (a span as a clause of its own ends the words: only a closing bracket or stop may follow it)
    const ownClause = !/^\s*for\s+$/i.test(m[0]) && /^\s*[,;(]|^\s+[-–—]/.test(m[0]);
    const endOf = (end: number) => end + (HEDGE_AFTER.exec(text.slice(end))?.[0].length ?? 0);
    const endsTheWords = (end: number) => /^\s*\)?\s*[.!]*\s*$/.test(text.slice(endOf(end)).replace(SET_BACK_TO, '').replace(SET_BACK, ''));
    const joined = (end: number) => `${text.slice(0, m.index!)} ${text.slice(end)}`.replace(SET_BACK, '');
    const backTo = (end: number) => SET_BACK_TO.exec(joined(end))?.[1];
    const cut = (end: number) => joined(end).replace(SET_BACK_TO, '').replace(/\s+([,.;!?])/g, '$1').replace(/\s{2,}/g, ' ').replace(/[\s,;]+$/, '').trim();
    const withBack = (end: number) => (backTo(end) ? { backTo: backTo(end) } : {});
    const counted = TIME_POINTS.exec(text.slice(from));
    if (counted) {
      const n = toNumber(counted[1]);
      const end = endOf(from + counted[0].length);
      if (ownClause && !endsTheWords(end)) continue;
      if (Number.isInteger(n) && n >= 1) return { rest: cut(ownClause ? text.length : end), timePoints: n, ...withBack(end) };
      continue;
    }
    // ("for the next hour": a unit alone is one of it)
    const after = text.slice(from).replace(/^(?=(?:hour|hr|h|minute|min|second|sec|day)s?\b)/i, '1 ');
    const span = durationsIn(after).find((d) => d.index === 0);
    if (!span) continue;
    const taken = after.slice(0, span.length).replace(/^1 /, '');
    const end = endOf(from + (after.startsWith('1 ') && !text.slice(from).startsWith('1 ') ? taken.length : span.length));
    if (ownClause && !endsTheWords(end)) continue;
    return { rest: cut(ownClause ? text.length : end), forS: span.seconds, ...withBack(end) };
  }
  return undefined;
}
