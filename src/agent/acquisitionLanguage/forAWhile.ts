// A change to the running acquisition said to last a while: "image twice as often for the next 30 min",
// "GFP at 5 % over the next hour", "drop the red for the next 2 hours". The span is cut out of the words
// (the change is read without it) and becomes the time after which the change is set back.
import { durationsIn } from './words.ts';

/** "for the next", "over the following", "during the coming": words that open a span a change lasts. */
const FOR_THE_NEXT = /\b(?:for|over|during|in)\s+the\s+(?:next|following|coming)\s+/gi;

/** The words without the span and its length (s), or undefined when no span of time follows such words. */
export function spanForAWhile(text: string): { rest: string; forS: number } | undefined {
  for (const m of text.matchAll(FOR_THE_NEXT)) {
    const from = m.index! + m[0].length;
    // ("for the next hour": a unit alone is one of it)
    const after = text.slice(from).replace(/^(?=(?:hour|hr|h|minute|min|second|sec|day)s?\b)/i, '1 ');
    const span = durationsIn(after).find((d) => d.index === 0);
    if (!span) continue;
    const taken = after.slice(0, span.length).replace(/^1 /, '');
    const end = from + (after.startsWith('1 ') && !text.slice(from).startsWith('1 ') ? taken.length : span.length);
    const rest = `${text.slice(0, m.index!)} ${text.slice(end)}`.replace(/\s+([,.;!?])/g, '$1').replace(/\s{2,}/g, ' ').trim();
    return { rest, forS: span.seconds };
  }
  return undefined;
}
