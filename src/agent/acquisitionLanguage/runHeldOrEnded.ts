// The running acquisition as a whole held or ended, read from what the clause does to what rather than from idioms:
// the object is the run or what it makes (its images), the action is of the class "hold" (a verb or a noun of an
// interruption) or "end" (a verb of ending, the run's making negated, "that's it"), and the time words decide:
// an end said for a while is a pause, an end at the end of the current time point is a finish, "for good" is a stop.
// "end" inside a time phrase ("at the end of this cycle", "run to the end") is no verb of ending.
import type { Adjustment } from '../../microscope/adjustment.ts';
import { durationsIn } from './words.ts';

/** The run, or what it makes: the object of a hold or an end of the whole acquisition. */
const RUN_OBJECT = /\b(?:acquisition|acquiring|run|recording|time[\s-]?lapse|time[\s-]?series|series|imaging|experiment|movie|mda|session|images?|frames?|pictures?|photos?|snap(?:shot)?s?|shots?)\b/;

/** A part of the run (a closed class): a hold or an end of one of these is no hold or end of the whole run. */
const PART_OF_THE_RUN = /\b(?:z[\s-]?stacks?|stacks?|slices?|planes?|grid|tiles?|tiling|auto-?focus\w*|focus|rules?|channels?|lasers?|light|lamp|led|positions?|pos|fields?|wells?|points?|sites?|exposures?|power|interval|colou?rs?|stage|objective|drug|perfusion|pump|incubat\w*)\b/;

/** Verbs of holding (an interruption that goes on later). */
const HOLD_VERB = /\b(?:pause|hold|suspend|interrupt|freeze)\b/;

/** Nouns of an interruption after an article ("a break", "a short breather"), or "on hold" / "on pause". */
const HOLD_NOUN = /\b(?:a|an|some)\s+(?:(?:short|quick|brief|little|small)\s+)?(?:break|breather|pause|rest|time[\s-]?out|interruption|respite)\b|\bon\s+(?:hold|pause)\b/;

/** Verbs of ending, not after an article ("the end" is a noun). */
const END_VERB = /(?<!\b(?:the|an?|its|this|that)\s)\b(?:stop|end|finish|halt|cease|kill|abort|quit|terminate|cancel)\b/;

/** A verb of ending with the run as its object ("kill the time series", "end this experiment"). */
const ENDS_THE_RUN = new RegExp(String.raw`${END_VERB.source}\s+(?:(?:the|this|that|my|our|whole|entire|current)\s+)*${RUN_OBJECT.source}`);

/** The making of images said to end: "no more images", "no frames", "don't take any images" (never "no more than"). */
const NO_MAKING = /\bno\s+(?:more\s+|further\s+)?(?:images?|frames?|pictures?|photos?|imaging|acquisition|recording|time[\s-]?points?|shots?|snap(?:shot)?s?)\b|\b(?:don'?t|do\s+not|never)\s+(?:take|acquire|record|image|capture|grab|snap|shoot)\b/;

/** The speaker's own end of it: "that's it", "that's all", "we're done", "we have all the frames we need", "I've got enough images". */
const END_SAID = /\bthat'?s\s+(?:it|all|enough)\b|\b(?:we'?re|we\s+are|i'?m|i\s+am)\s+(?:all\s+)?done\b|\b(?:we|i)(?:\s+have|'ve\s+got|'ve|\s+got)\s+(?:all\s+(?:the\s+)?|enough\s+)(?=\S)/;

/** A verb of making images (the object of "stop saving images", "stop taking pictures"). */
const MAKING_VERB = /\b(?:saving|taking|acquiring|recording|imaging|collecting|capturing|grabbing|snapping|shooting)\b/;

/** When the current time point ends: "at the end of this cycle", "after the current time point", "once this round is done". */
const AT_TIMEPOINT_END = /\b(?:at\s+the\s+end\s+of|by\s+the\s+end\s+of|after|once|when)\s+(?:this|the\s+current|the\s+present)\s+(?:time[\s-]?point|timepoint|cycle|round|loop|pass|frame)(?:\s+(?:is|has)\s+(?:done|finished|over|through))?\b/;

/** The run's own end as a place in time ("let it run to the end", "till the end of the run"): no verb of ending. */
const TO_THE_END = /\b(?:to|till|til|until|through|right\s+to)\s+the\s+(?:very\s+)?end\b(?:\s+of\s+(?:the|this|it)(?:\s+[\w-]+)?)?/;

/** A while that ends (closed class of time words): an end said with one is a pause. */
const FOR_A_WHILE = /\bfor\s+(?:a\s+(?:bit|while|moment|mo|sec(?:ond)?|minute|min|little(?:\s+while)?|short\s+while)|the\s+time\s+being|a\s+few\s+(?:minutes|mins|secs|seconds))\b|\b(?:until|till|til|while|whilst|meanwhile|temporarily|briefly)\b|\b(?:i'?ll|we'?ll|i\s+will|we\s+will)\s+(?:be\s+)?back\b/;

/** "for now", "for the moment": said of a stop verb, the stop is not for ever. */
const FOR_NOW = /\bfor\s+(?:now|the\s+moment|the\s+minute)\b/;

/** For ever (closed class): an end said with one is a stop. */
const FOR_GOOD = /\bfor\s+good\b|\bpermanently\b|\baltogether\b|\bonce\s+and\s+for\s+all\b/;

/** A hold or an end negated ("don't stop it", "no need to pause"): not this reader's. */
const NEGATED = /\b(?:don'?t|do\s+not|never|not|no\s+need\s+to|without)\s+(?:\w+\s+){0,2}?(?:stop|end|finish|pause|hold|halt|kill|abort|quit|cancel|terminate|suspend|interrupt|freeze)\b/;

/** A degree said of the making ("stop taking pictures so often", "don't image that much"): the end is of the degree, not the run. */
const OF_A_DEGREE = /\b(?:so|too|as|that|this)\s+(?:often|frequently|much|many|fast|quickly|rapidly|long|bright|hard)\b/;

/** A question about the run, not a request put as one ("when does it end?", "is it paused?"; "can we pause?" is a request). */
const ASKED_ABOUT = /^(?:(?:so|and|ok(?:ay)?|hmm+)[,\s]+)*(?:what|when|which|how|why|where|who|whose|(?:is|are|was|were|does|did|do|has|have|will|would)\s+(?!you\b|we\b|it\s+be\s+possible\b)(?:it|the|this|that|there|i)\b)/;

/**
 * The whole run held or ended by this clause: a pause (for a span said after "for", else until resumed), a finish
 * after the current time point, a stop; undefined when the clause names no such action on the run, names a part of
 * the run (a channel, a position, the stack: their readers decide), is negated or asks about the run, or is a plain
 * stop verb on the run (the stop readers decide it).
 */
export function runHeldOrEnded(t: string, channelsNamed: number): Adjustment | undefined {
  if (channelsNamed > 0 || NEGATED.test(t) || ASKED_ABOUT.test(t) || OF_A_DEGREE.test(t)) return undefined;
  const atTimepointEnd = AT_TIMEPOINT_END.test(t);
  const words = t.replace(AT_TIMEPOINT_END, ' ').replace(TO_THE_END, ' ');
  const bare = bareBreak(words);
  if (bare) return bare;
  if (PART_OF_THE_RUN.test(words) || !RUN_OBJECT.test(words)) return undefined;
  const forS = spanAfterFor(words);
  if (forS === null) return undefined;
  const pause: Adjustment = { kind: 'pause', ...(forS !== undefined ? { forS } : {}) };
  if (HOLD_VERB.test(words) || HOLD_NOUN.test(words)) return pause;
  const endVerb = END_VERB.test(words);
  const ends = endVerb || NO_MAKING.test(words) || END_SAID.test(words);
  if (!ends) return undefined;
  if (FOR_GOOD.test(words)) return { kind: 'stop' };
  if (forS !== undefined || FOR_A_WHILE.test(words)) return pause;
  // ("stop the movie for now": a stop verb said for now is a pause, which can be undone; "that's it for now" ends the session)
  if (endVerb && FOR_NOW.test(words)) return pause;
  if (atTimepointEnd) return { kind: 'finish' };
  // ("finish the time series now", "kill the time series": the verb's object is the run itself; "finish" lets the time
  // point being imaged end first, as the stop readers read "finish the acquisition")
  const governed = ENDS_THE_RUN.exec(words);
  if (governed) return /^finish/.test(governed[0]) ? { kind: 'finish' } : { kind: 'stop' };
  // (any other stop verb on the run is the stop readers' own; the end said without one is read here)
  return !endVerb || MAKING_VERB.test(words) ? { kind: 'stop' } : undefined;
}

/** The span said after "for" (s), undefined when none, null when another span or figure is said (not this reader's). */
function spanAfterFor(t: string): number | undefined | null {
  const spans = durationsIn(t);
  const afterFor = spans.filter((d) => /\bfor\s+(?:(?:about|around|roughly|another)\s+)?$/.test(t.slice(0, d.index)));
  if (spans.length > afterFor.length || afterFor.length > 1) return null;
  const rest = afterFor.length ? t.slice(0, afterFor[0].index) + t.slice(afterFor[0].index + afterFor[0].length) : t;
  if (/\d/.test(rest)) return null;
  return afterFor[0] && !isIdiom(t, afterFor[0]) ? afterFor[0].seconds : undefined;
}

/** A noun of an interruption said alone, with its span before or after it ("break for 10 minutes", "10 minute break please"). */
const BREAK_ALONE = /^(?:(?:a|an|short|quick|brief|little|please|pls|take|have|do|let'?s|ok(?:ay)?|,)\s*)*(?:break|breather|pause|time[\s-]?out)(?:\s+(?:for|of|please|pls|now|,))*\s*[.!]*$/;

/** A pause for a break said alone (its span said before or after the noun), else undefined. */
function bareBreak(t: string): Adjustment | undefined {
  const spans = durationsIn(t);
  if (spans.length > 1) return undefined;
  const span = spans[0];
  const rest = span ? `${t.slice(0, span.index)} ${t.slice(span.index + span.length)}`.replace(/\s+/g, ' ').trim() : t.trim();
  if (!BREAK_ALONE.test(rest) || /\d/.test(rest)) return undefined;
  return { kind: 'pause', ...(span && !isIdiom(t, span) ? { forS: span.seconds } : {}) };
}

/** "a second", "one sec", "a moment": a short while said as an idiom, no span to time (the pause lasts until resumed). */
function isIdiom(t: string, span: { index: number; length: number }): boolean {
  return /^(?:a|one)\s+(?:sec|secs|second|moment|mo|tick)\b/.test(t.slice(span.index, span.index + span.length));
}
