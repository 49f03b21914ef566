// A change to the running acquisition said to start later: "after 1 hour, halve the frame rate", "in 30 min switch
// to every 10 min", "an hour from now add mCherry", "starting in 2 h, GFP at 5 %". The delay is cut out of the words
// (the change is read without it) and becomes the time from now the tool makes the change at. Ends of the run said so
// ("after 2 h stop", "in an hour end it") are the end readers' (an end time), never a delayed change.
import { durationsIn } from './words.ts';

/** Words that open a delay at the start of a command: "after", "in", "starting in", "from", "once ... has passed". */
const DELAY_OPENING = /^(?:(?:ok(?:ay)?|so|and|then|also|please|pls)[,\s]+)*(?:(?:starting|beginning)\s+(?:in|after|from)|after|in|from|once)\s+(?:another\s+|a\s+further\s+)?(?:(?:about|around|roughly)\s+)?/i;
/** After the delay's length: "from now", "('s) time", "has passed", "on", then a comma or colon. */
const DELAY_CLOSING = /^(?:\s+(?:from\s+now|(?:'s|s')?\s*time|has\s+passed|have\s+passed|is\s+up|are\s+up|on(?:wards)?|or\s+so))*\s*[,:;-]?\s*/i;
/** "an hour from now, ...", "30 min from now add mCherry": the delay first, with no opening word. */
const FROM_NOW_FIRST = /^(?:(?:ok(?:ay)?|so|and|then|also|please)[,\s]+)*(?=[\da-z])/i;

/** "... in 10 min", "... after half an hour from now": a delay that ends the words. */
const DELAY_AT_END = /\s(?:in|after|within)\s+(?:another\s+|(?:about|around|roughly)\s+)?(\S.*?)(?:\s+(?:from\s+now|time))?\s*(?:please|pls)?\s*[.!]*$/i;

/** The words without the delay and the delay, s; undefined when the words say none first or last. */
export function delayBeforeChange(text: string): { rest: string; inS: number } | undefined {
  return delayFirst(text) ?? delayLast(text);
}

function delayLast(text: string): { rest: string; inS: number } | undefined {
  const t = text.trim();
  const m = DELAY_AT_END.exec(t);
  if (!m) return undefined;
  const said = m[1].replace(/^(?:an?|one)\s+(?=(?:hour|hr|minute|min|second|sec|day)s?\b)/i, '1 ');
  const span = durationsIn(said).find((d) => d.index === 0 && d.length === said.length);
  const rest = t.slice(0, m.index).trim();
  return span && span.seconds > 0 && rest ? { rest, inS: span.seconds } : undefined;
}

function delayFirst(text: string): { rest: string; inS: number } | undefined {
  const t = text.trim();
  const opened = DELAY_OPENING.exec(t);
  const from = opened ? opened[0].length : (FROM_NOW_FIRST.exec(t)?.[0].length ?? 0);
  // ("in an hour", "after the next hour": a unit alone is one of it)
  const after = t.slice(from).replace(/^(?:an?|the\s+next|one)\s+(?=(?:hour|hr|minute|min|second|sec|day)s?\b)/i, '1 ');
  const span = durationsIn(after).find((d) => d.index === 0);
  if (!span || span.seconds <= 0) return undefined;
  const closing = DELAY_CLOSING.exec(after.slice(span.length))!;
  // (with no opening word, only "from now" makes the span a delay: "30 min intervals" is no delay)
  if (!opened && !/from\s+now/i.test(closing[0])) return undefined;
  const rest = after.slice(span.length + closing[0].length).trim();
  return rest ? { rest, inS: span.seconds } : undefined;
}
