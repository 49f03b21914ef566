// A count of events asked as a rate ("how many divisions per hour?", "the division rate per hour", "mitoses an hour"):
// the count the answer gives, divided by the time the movie spans ((frames - 1) x the frame interval), in the time unit
// asked. Only where the frame interval and the frame count are known; otherwise the count stands, with one line that the
// rate was not given and why (per frame where the frames are known).
import type { Conversation } from './conversation.ts';
import { frameCounts } from './frames.ts';

/** The time unit of a rate asked: "per hour", "an hour", "/h", "every minute", "hourly"; undefined when none. */
// (a word before the unit is a word of its own: "and" is no "an" + "d", "every second" is)
const RATE_UNIT = /(?:\b(?:per|an?|every|each)\s+|\/\s*)(hours?|hrs?|h|minutes?|mins?|min|seconds?|secs?|s|days?|d)\b|\b(hourly|daily)\b/i;
/** Events counted, as a rate asks them ("divisions", "mitoses", "splits", "events", "births", "deaths"). */
const EVENTS = /\b(?:divisions?|divid\w*|mitos[ie]s|mitotic|splits?|splitting|events?|births?|deaths?|appearances?|disappearances?)\b/i;
/** A count quoted at the start of the answer ("Divisions = 3", "3 divisions"). */
const COUNT_QUOTED = /^(?:([A-Za-z][\w ]{0,40}?)\s*=\s*(\d+)\b|(\d+)\s+([a-z][\w ]{0,30}?)\b(?=[\s,.;(]))/;

const SECONDS: Record<string, number> = { h: 3600, min: 60, s: 1, d: 86400 };

function unitOf(word: string): 'h' | 'min' | 's' | 'd' {
  const w = word.toLowerCase();
  if (/^(?:hours?|hrs?|h|hourly)$/.test(w)) return 'h';
  if (/^(?:minutes?|mins?|min)$/.test(w)) return 'min';
  if (/^(?:days?|d|daily)$/.test(w)) return 'd';
  return 's';
}

/** The frames and the time between them of the session's first movie, where both are known. */
function movieSpan(conversation: Conversation, intervalS: number | undefined): { frames: number; intervalS: number } | undefined {
  if (!intervalS || !(intervalS > 0)) return undefined;
  const counts = frameCounts(conversation);
  const movie = conversation.artifactsAtStart.find((a) => a.type === 'movie' && counts.has(a.id));
  const frames = movie ? counts.get(movie.id) : undefined;
  return frames !== undefined && frames >= 2 ? { frames, intervalS } : undefined;
}

/**
 * The answer with the rate asked put first ("3 divisions in 9 min of movie (10 frames, 1 min apart): 20 per hour."),
 * when the question asks events per unit of time and the answer quotes their count; the answer as it was otherwise.
 */
export function withEventRate(question: string, answer: string, conversation: Conversation, intervalS: number | undefined): string {
  const unit = RATE_UNIT.exec(question);
  if (!unit || !EVENTS.test(question) || /\b(?:speed|velocity|µm|um|microns?|px|pixels?)\b/i.test(question)) return answer;
  const quoted = COUNT_QUOTED.exec(answer);
  if (!quoted) return answer;
  const what = (quoted[1] ?? quoted[4] ?? '').trim().toLowerCase();
  if (!EVENTS.test(what)) return answer;
  const count = Number(quoted[2] ?? quoted[3]);
  const span = movieSpan(conversation, intervalS);
  const per = unitOf(unit[1] ?? unit[2]);
  const round = (v: number) => Number(v.toPrecision(3));
  const perText = per === 'h' ? 'per hour' : per === 'min' ? 'per minute' : per === 'd' ? 'per day' : 'per second';
  // ("how many divisions per hour?" with no frame interval known: the rate asked is named as not given, never the bare count
  // passed off as it; per frame where the frames are known)
  if (!span) {
    const frames = frameCounts(conversation).get(conversation.artifactsAtStart.find((a) => a.type === 'movie')?.id ?? '');
    const perFrame = frames !== undefined && frames >= 2 ? ` (${round(count / (frames - 1))} per frame: ${count} over ${frames} frames)` : '';
    return `${answer}\nNot given ${perText}: no frame interval is known for this movie, so the count is over the whole movie${perFrame}; say "the frame interval is 5 min" (your value) and ask again for the rate ${perText}.`;
  }
  const spanS = (span.frames - 1) * span.intervalS;
  const rate = count / (spanS / SECONDS[per]);
  const spanText = spanS < 7200 ? `${round(spanS / 60)} min` : `${round(spanS / 3600)} h`;
  const noun = /divi|mitos|mitotic|split/.test(what) ? 'divisions' : 'events';
  return `${round(rate)} ${noun} ${perText}: ${count} in ${spanText} of movie (${span.frames} frames, ${round(span.intervalS)} s apart).\n${answer}`;
}
