// Live changes in words → typed adjustments (src/microscope/adjustment.ts). Safety first:
// a stop-like verb next to a channel drops that channel and never ends the acquisition;
// a stop-like verb on something vague ("switch it off", "turn off the laser") asks which
// was meant; ending the acquisition is only ever read from words about the acquisition
// itself (and the tool still asks a person to confirm it).
import { troubleAsked } from './observedTrouble.ts';
import { byPlace, channelsByPlace, onePlaceAsked } from './channelPlaces.ts';
import { InputError } from '../../errors.ts';
import { describeAdjustment, type Adjustment } from '../../microscope/adjustment.ts';
import { DEMO_CONFIG, type MicroscopeConfig } from '../../microscope/config.ts';
import { zPositionsUm } from '../../microscope/sequence.ts';
import { stageOffsetSaid } from '../../microscope/stageOffset.ts';
import { axisOrderSaid, channelStackSaid, offsetToPlaneUm, orderInOneClause, POSITION_STACK, zOffsetsSaid } from './channelPlanes.ts';
import { dropsZStack, parseGrid, parsePositionList, parseZPlan, positionCount, spreadPositions } from './space.ts';
import { autofocusScheduleSaid } from './autofocusSchedule.ts';
import type { RunState } from './runState.ts';
import { observationOf, sentencesOf } from './sentences.ts';
import { stackShiftUm } from './stackShift.ts';
import { runHeldOrEnded } from './runHeldOrEnded.ts';
import { DISTANCE_UNIT, NUMBER, durationAfter, durationsIn, everyNth, exposureMs, findChannels, normaliseText, percent, toNumber, uniquePresets, unitMicrometres, unitSeconds } from './words.ts';

/** Words that also ask for analysis ("speed up and segment the nuclei"): the planner plans the steps, this parser reads the microscope clause. */
export class MixedRequest extends InputError {}

/** A command that could mean two different things, or was only partly understood: the message is the question to ask. */
export class AmbiguousCommand extends InputError {}

/** A channel's signal said wrong with no amount ("GFP looks dim"): asked about alone; beside a command of its own, context whose channel "its" names. */
class SignalComplaint extends AmbiguousCommand {
  constructor(message: string, readonly channel: string | undefined) {
    super(message);
  }
}

/** Clauses that begin by asking for an analysis of images ("project the 10 µm stack", "measure GFP every 5 frames") are not commands to the microscope. */
const ANALYSIS_REQUEST = /^(?:please\s+|now\s+|then\s+|can you\s+|could you\s+)*(?:segment|track|measure|plot|project|denoise|correct|export|save|open|load|detect|count|quantify|analy[sz]e|compute|calculate|register|align|deconvolve|filter|smooth|crop|subtract|normali[sz]e|threshold|label|classify|graph|chart)\b/;

const STOP_VERB = String.raw`(?:(?:don'?t|do not|won'?t|will not|no longer|never|rather not|prefer not to|(?:would|'d) prefer not to|let'?s not|(?:we|you) (?:can|could|should|must|need) not|(?:we|you) (?:can'?t|shouldn'?t|mustn'?t)|(?<!\b(?:did|do|does|why|have|had)\s+)(?:(?:we|to|maybe|perhaps|just|please|pls)\s+|^)not)\s+(?:image|acquire|record|take|use|need|want|bother(?:\s+(?:with|imaging|acquiring|recording|taking))?)|no need (?:for|to (?:image|acquire|record|take|keep imaging))|no point(?: in)?|(?:(?:that'?s|we have|we've had|we've got|we have got|had|got)\s+|^)enough(?:\s+of)?|stop|end|halt|abort|cancel|kill|terminate|quit|cease|uncheck|untick|deselect|unselect|un-?tick|switch off|turn off|shut off|shut down|shut|cut|disable|deactivate|drop|remove|exclude|delete|erase|omit|eliminate|skip|no more|get rid of|lose|leave out|take out|take away|without|ditch|scrap|nix|axe|bin off|forget(?: about)?)`;
const CURRENT_TIMEPOINT = String.raw`(?:this|the current|the present|the ongoing)\s+(?:time ?point|frame|round|cycle|loop|pass)`;
const FINISH_THEN_STOP = new RegExp(
  String.raw`\b(?:let|allow)\s+${CURRENT_TIMEPOINT}\s+(?:to\s+)?(?:finish|complete|end)\b.*\bstop\b` +
    String.raw`|\b(?:finish|complete)\s+${CURRENT_TIMEPOINT}\b.*\b(?:then|and)\s+(?:stop|end|quit)\b` +
    String.raw`|\bstop\b.*\b(?:once|when|after)\s+${CURRENT_TIMEPOINT}\s+(?:is\s+|has\s+)?(?:done|finished|complete|completed|over|ended)\b`,
);
/** The numbers with a unit (durations, ms, %, distances) in the clause that none of the changes (or a plan) carries, as written. */
export function quantitiesNotCarried(clause: string, changes: unknown[]): string[] {
  const carried: number[] = [];
  const collect = (v: unknown): void => {
    if (typeof v === 'number') carried.push(Math.abs(v));
    else if (Array.isArray(v)) v.forEach(collect);
    else if (v && typeof v === 'object') Object.values(v).forEach(collect);
  };
  for (const c of changes) {
    collect(c);
    // "reduce by 90 %" is a factor of 0.1, "by 50 %" one of 1.5
    const factor = (c as { factor?: unknown }).factor;
    if (typeof factor === 'number') carried.push(Math.abs(1 - factor) * 100, factor * 100);
  }
  const has = (v: number) => carried.some((c) => Math.abs(c - v) <= 1e-6 * Math.max(1, v));
  const t = clause.toLowerCase();
  const missing: string[] = [];
  // "every 5 min is too fast, make it 10": the duration said before is the value replaced
  const replaced = intervalInEarlierUnit(t) === undefined ? -1 : t.search(MAKE_IT_NUMBER);
  // ("let's call it a day": the day of an end idiom is no span)
  const idiom = END_IDIOM.exec(t);
  const inIdiom = (at: number) => idiom !== null && at >= idiom.index && at < idiom.index + idiom[0].length;
  for (const d of durationsIn(t)) {
    if (d.index < replaced || inIdiom(d.index)) continue;
    // ("90 s instead of 5 min": the old value a new one replaces is no value to set)
    if (/\b(?:instead of|rather than)\s+(?:the\s+)?(?:current\s+|old\s+)?$/.test(t.slice(0, d.index))) continue;
    // "hold on a sec", "give me a minute": a figure of speech, not a time
    // ("hold it there for a sec while I add the drug": "a sec", "a second" after "for" too)
    // ("hold the acquisition a sec": "a sec", "a second" said as a short while anywhere)
    if (/^(?:a|one)\s/.test(t.slice(d.index)) && (/\b(?:hold on|hang on|wait|give (?:me|us)|just|in)\s+$/.test(t.slice(0, d.index)) || A_SHORT_WHILE.test(t.slice(d.index, d.index + d.length)))) continue;
    // "3 frames an hour", "twice a minute", "one image per 30 s": the span a count of time points is counted in (a rate)
    if (/(?:\b(?:frames?|images?|time ?points?|timepoints?|pictures?|shots?|snaps?|acquisitions?|times|twice|thrice|once)\s+(?:a|an|per|each|every|in)?\s*|\bper\s+|\/\s*)$/.test(t.slice(0, d.index)) && !has(d.seconds) && carried.length) continue;
    if (!has(d.seconds) && !has(d.seconds * 1000)) missing.push(t.slice(d.index, d.index + d.length));
  }
  for (const m of t.matchAll(/(\d+(?:\.\d+)?)\s*(?:%|percent|per cent)(?:\s*(?:co2|co₂|o2|oxygen|humidity))?/g)) if (!has(Number(m[1])) || /co2|co₂|o2|oxygen|humidity/.test(m[0])) missing.push(m[0]);
  // ("position 1 every minute and the rest every 5": an interval said without its unit that no change carries is asked about)
  for (const m of t.matchAll(/\bevery\s+(\d+(?:\.\d+)?)(?!\.?\d)\s*(?=$|[,;.!?]|\s+(?:and|then|but|please)\b)/g)) if (!has(Number(m[1])) && !has(Number(m[1]) * 60)) missing.push(m[0]);
  // (a wavelength that names a light source, "the 488 nm line", is a channel, not a distance)
  const channelsAt = new Set(findChannels(t).map((c) => c.index));
  for (const m of t.matchAll(new RegExp(String.raw`(\d+(?:\.\d+)?)\s*(${DISTANCE_UNIT})`, 'g'))) if (!has(Number(m[1]) * unitMicrometres(m[2])) && !(m[2] === 'nm' && channelsAt.has(m.index!))) missing.push(m[0]);
  // settings no plan or change here carries (the incubator, the camera): named, never dropped
  for (const m of t.matchAll(/\d+(?:\.\d+)?\s*(?:°\s*c\b|º\s*c\b|degrees?(?:\s+c(?:elsius)?)?\b|deg\s*c\b)|\b(?:bin(?:ning)?\s*(?:of\s*)?\d\s*x\s*\d|\d\s*x\s*\d\s*bin(?:ning|ned)?|bin(?:ning)?\s*\d)\b|\b(?:em\s*)?gain\s*(?:of\s*)?\d+/g)) missing.push(m[0]);
  return [...new Set(missing)];
}

/** "pause for like 20 min", "about 5%", "roughly every 3 min": the hedge before a number is no part of it. */
/**
 * "(1) drop DAPI, (2) set GFP to 30 ms", "1) ... 2) ...": the marks of a numbered list are no numbers of
 * the commands; "for the remaining time", "for the rest of the run": every change holds from now anyway.
 */
function withoutListMarks(t: string): string {
  // ("Two things: 1) mCherry exposure to 70 ms 2) extend by 3 h": marks inside a line part its commands)
  const inline = /(?:^|[\s,;:])\d{1,2}\)\s+(?=[a-z])/gi;
  // (a list counts from 1, and no bracket opens it: "(0, 0), (800, 0) and ..." are coordinates)
  const marks = t.match(inline) ?? [];
  if (marks.length >= 2 && /^\D*1\)/.test(marks[0] ?? '') && !t.includes('(')) t = t.replace(inline, '; ').replace(/^\s*;\s*/, '');
  return t
    .replace(/(^|[\s,;:])\(\d{1,2}\)\s+(?=[a-z])/gi, '$1')
    .replace(/(^|\n)\s*\d{1,2}[.)]\s+(?=[a-z])/gi, '$1')
    .replace(/^\s*(?:for|during|over)\s+(?:the\s+)?(?:remaining time|remainder(?:\s+of\s+the\s+(?:run|experiment|acquisition|time[\s-]?lapse))?|rest of the (?:run|experiment|acquisition|time[\s-]?lapse|time|imaging))\s*,?\s*/i, '');
}

export function withoutHedges(t: string): string {
  return t.replace(/\b(?:like|about|around|roughly|approximately|approx\.?|circa|ca\.?|something like|more or less|~)\s*(?=\d)/gi, '').replace(/~\s*(?=\d)/g, '');
}

/** "don't stop, just pause", "no need to stop it": a stop said not to be done is no command to stop. */
export function withoutNegatedStops(t: string): string {
  // ("stop - not the whole thing, only DAPI", "end it, not everything, just the red": the whole run said not to be meant
  // narrows the stop to what follows)
  return t.replace(/\s*[,;:\-–—]?\s*\bnot\s+(?:(?:the|this)\s+(?:whole|entire)\s+(?:thing|run|acquisition|experiment|time[\s-]?lapse|imaging|mda)|everything|all of it|it all|the lot)\s*[,;:\-–—]?\s*(?:(?:only|just|but)\s+)?(?=\S)/gi, ' ').replace(/\b(?:please\s+)?(?:don'?t|do not|never|no need to|without)\s+(?:stop|end|abort|kill|cancel|halt|terminate)(?:ping)?(?:\s+(?:it|the acquisition|the run|imaging|everything|the time[\s-]?lapse))?\b\s*[,;.!]?\s*(?:(?:just|only|but|instead)\s+)*/gi, '').trim();
}

/** A question about the run: its progress, what it is doing, its current settings. */
const STATUS_QUESTION = /\bhow many (?:cells|nuclei|objects)\b.*\b(?:latest|last|current|newest|live|most recent)\s+(?:image|frame|snap|picture|time ?point)\b|\b(?:is it|are we|is the (?:acquisition|run|imaging|time[\s-]?lapse)) (?:done|finished|over|complete|still going)\b|^(?:which|what|how many)\s+(?:channels?|positions?|objective|objectives|lasers?|exposures?|settings|z[\s-]?planes?|planes|(?:z[\s-]?)?slices|sections|fields?|interval|frame rate|power|laser power)\b.*\b(?:on|at|are we|is it|imaging|using|used|running|active|set|in use|being imaged|are there|do we have|have we got|taking|doing|acquiring|getting|collecting|per (?:stack|time ?point))\b|\bhow many (?:images|frames|time ?points|pictures|stacks)\b.*\b(?:so far|taken|done|acquired|have we|did we|have you|did you|do we have|have we got|we(?:'ve| have) got|are there|is that|(?:in )?total|left|to go|remaining)\b|\bwhat (?:time ?point|frame) (?:are we|is it)\b|\bwhich (?:time ?point|frame) (?:are we|is it)\b|\bwhen(?:'s| is) the next (?:time ?point|frame|image)\b|^(?:so\s+|and\s+|ok(?:ay)?,?\s+)?what(?:'s| is)\s+(?:running|happening|going on)\b|\bwhat are you (?:doing|imaging|acquiring)\b|\bwhat(?:'s| is) the (?:microscope|scope|acquisition) (?:doing|up to)\b|^(?:is|are) (?:it|the acquisition|the microscope|the run|the time[\s-]?lapse|anything|we) (?:still |now |already )?(?:running|imaging|acquiring|going|on|paused|stopped|on hold|waiting|finished|done)\b|(?<!\b(?:add|include|mark|save|append|store|remember|use)\s+(?:(?:the|this|my|our)\s+)?)(?<!\dx of the )\b(?:current|present) (?:interval|settings?|exposures?|power|frame rate|positions?|objective|plan|channels?|z[\s-]?steps?|step size|z[\s-]?stack|stack|z[\s-]?range|grid|tiling)\b|^what(?:'s| is| are) the (?:(?:current|present|actual|set)\s+)?(?:[\w-]+ )?(?:interval|exposures?|exposure time|power|laser power|frame rate|settings|channels|positions|objective|z-?stack|z[\s-]?step|step size|z[\s-]?range|z[\s-]?planes|plan)\b|\bwhere(?:'s| is) the stage\b|\bhow (?:far|long) (?:along|in|through|into it) (?:are we|is it)\b|\bhow far (?:are we|is it) (?:along|in|through)\b|\bwhere (?:are we|is it|is the (?:run|acquisition)) (?:in|along|at|with)\b|\bwhere (?:are|is|do|will|does) (?:the |my |our |these )?(?:images?|files?|frames?|data|movies?|stacks?|tiffs?|output)\b.*\b(?:saved|sav(?:e|ing)|go(?:ing)?|written|writ(?:e|ing)|stored|stor(?:e|ing)|end(?:ing)? up|put)\b/;
/** A yes/no question about the state of a part of the run ("is the 561 still on?", "are both lasers active?", "is DAPI still being imaged"): it changes nothing. */
const STATE_QUESTION = /^(?:so\s+|and\s+|ok(?:ay)?,?\s+)?(?:is|are)\s+(?:the\s+|my\s+|our\s+|both\s+|all\s+)?(?:[\w-]+\s+){0,3}?(?:still\s+|currently\s+|now\s+|already\s+)?(?:on|off|switched (?:on|off)|turned (?:on|off)|active|enabled|disabled|included|in (?:the|this) (?:plan|acquisition|run|time[\s-]?lapse)|being (?:imaged|acquired|recorded|used))(?:\s+or\s+(?:on|off|not))?\s*[?!.]*$/;
/** The words a command to the microscope starts with: after "and" or "but", or right after a value with its unit, they start a clause of their own. */
const COMMAND_VERB = String.raw`(?:every|interval|set|add|drop|remove|stop|pause|resume|zoom|switch|change|speed|slow|image|take|use|increase|decrease|lower|raise|reduce|turn|move|refocus|autofocus|extend|run|finish|skip|halve|double|triple|quadruple|make|go|tell|show|report|give|stretch|lengthen|shorten|bump|boost|crank|dial|bring|put|cut|trim|widen|narrow|tighten|shift|disable|enable|delete|cancel|hold|freeze|unpause|continue|swap|replace|segment|track|measure|plot|project|denoise|correct|export|save|detect|count|quantify|analy[sz]e)\b`;
/** Of those, the ones never a noun or a comparison after a value ("a 5 min pause", "0.5 µm lower than GFP" are no second command). */
const RUN_ON_VERB = String.raw`(?:set|change|make|add|drop|remove|lower|raise|increase|decrease|reduce|halve|double|triple|switch|turn|extend|image|bump|boost|crank|bring|put|cut|trim|swap|replace|disable|enable|move|slow|speed)\b`;
/** A value with its unit, the end of a change ("5%", "150 ms", "10 min"). */
const VALUE_WITH_UNIT = String.raw`\d\s*(?:%|percent|per cent|ms|msec|s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|µm|um|microns?|x)`;
/** "also" after a clause of its own ("drop DAPI also every 4 min"), never after a subject or a modal ("can you also image Cy5"). */
const ALSO_AFTER_A_CLAUSE = String.raw`(?<!\b(?:you|we|i|they|please|pls|to|can|could|will|would|should|must|may|might|then|let'?s|and|just|maybe|perhaps))\s+also`;
/** Words a question starts with: after "and" or "also" they start a clause of their own ("add 20 ms and also how many frames are left?"). */
const QUESTION_START = String.raw`(?:how (?:many|much|long)|what(?:'s| is| are)|when(?:'s| is| will)|which|where(?:'s| is)|is (?:it|the)|are (?:we|the)|tell me|give me|show me|let me know)\b`;
// ("reduce the 488 to 5%, and, if possible, extend ...": "and" set off by commas; "set GFP to 5% change the interval to 5 min":
// two commands run on, the second starting right after the first one's value with a verb that is no noun)
// ("interval 10 min / DAPI off / GFP 3%": a slash with spaces around it, between words, parts commands as a semicolon does)
// ("the time interval to 00:02:00 and exposure to 80": after a time, "and" with a light setting's name begins that setting's clause)
const SPLIT = new RegExp(String.raw`\s*(?:;|(?<![\d.])\s+\/\s+(?![\d.])|(?<=\d(?::\d\d)+|\d\s*(?:s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?))\s+and\s+(?=(?:the\s+|its\s+)?(?:exposure|power|laser|intensity)\b)|\.\s|[?!]\s+(?=\S)|,?\s+and then\s+|,?\s+then\s+|,\s*and\s*,\s*|,\s*and\s+|\s+(?:and|but|plus|and also|\+|&)\s+(?=${COMMAND_VERB})|\s+(?:and|plus|and also)\s+(?=${QUESTION_START})|${ALSO_AFTER_A_CLAUSE}\s+(?=${COMMAND_VERB}|${QUESTION_START})|(?<=${VALUE_WITH_UNIT})\s+(?=${RUN_ON_VERB}\s+(?!than\b|of\b)\S))\s*`, 'i');

/**
 * "the GFP at 2% and the mCherry at 4%", "DAPI 20 ms, mCherry 80 ms": channels each with a value of
 * its own are one change each; the words before the first channel ("can you do", "lower") go with each.
 * The clause as it is when a channel has no value of its own ("drop mCherry and DAPI").
 */
function perChannel(clause: string, config: MicroscopeConfig): string[] {
  const mentions = findChannels(clause, config);
  if (new Set(mentions.map((m) => m.preset)).size < 2 || mentions.length !== new Set(mentions.map((m) => m.preset)).size) return [clause];
  const value = /\d+(?:\.\d+)?\s*(?:%|percent|per cent|ms|msec|milliseconds?|x\b|times\b)|\b(?:to|at)\s+\d+(?:\.\d+)?\b/i;
  const parts = mentions.map((m, i) => clause.slice(m.index, i + 1 < mentions.length ? mentions[i + 1].index : clause.length));
  const own = parts.map((p, i) => value.test(p.slice(mentions[i].text.length)));
  if (!own.every(Boolean)) return [clause];
  const lead = clause.slice(0, mentions[0].index);
  return parts.map((p, i) => (i === 0 ? lead : lead.replace(/^\s*(?:and|also)\s+/i, '')) + p.replace(/(?:\s*(?:,|;|\band\b|&|\bplus\b)\s*(?:the\s+)?)+$/i, '').trim()).map((p) => p.trim());
}

/** "wrap up", "wrap it up", "wrap the run up": the phrasal verb with its object between the words or after them. */
const WRAP_UP = String.raw`wrap(?:\s+(?:it|this|things|everything|(?:the|this) (?:run|acquisition|experiment|imaging|time[\s-]?lapse|mda|session)))?\s+up`;

/**
 * "wrap up at the 8 h mark", "end it at 10 hours", "stop at hour 6": an end said at a time into the run
 * (counted from its start, as its duration is) is its total duration, never a stop now.
 */
function endAtElapsed(t: string): string {
  const end = String.raw`\b(?:stop|end|finish|${WRAP_UP}|conclude|terminate|call it a day)\b(?:\s+(?:it|everything|imaging|the (?:run|acquisition|experiment|imaging|time[\s-]?lapse|mda)))?`;
  return t
    .replace(new RegExp(String.raw`${end}\s+at\s+hour\s+(\d+(?:\.\d+)?)\b`, 'i'), 'total duration $1 h')
    .replace(new RegExp(String.raw`${end}\s+(?:at|on)\s+(?:the\s+)?(\d+(?:\.\d+)?\s*(?:h|hrs?|hours?|min|mins|minutes?|d|days?))(?:\s+(?:mark|point|in|into the run|after the start|after start|from the start))?(?=\s*[.!]*$|\s*[,;])`, 'i'), 'total duration $1');
}

/**
 * "fewer slices please, 5 instead of 11", "more planes, say 15": a bare count after a comma, said instead of another or as an
 * example, is a clause of its own (it settles the vague clause before it); never a list ("positions 2, 3" stays whole).
 */
const COUNT_AFTER_COMMA = /(?<=\b(?:slices|planes|sections)\b[^,]*)\s*,\s*(?=(?:(?:say|like|maybe|perhaps|e\.?g\.?|so)\s+\d+|\d+\s+(?:instead of|rather than|in place of)\s+(?:the\s+)?(?:current\s+)?\d+)\s*(?:please|pls|instead)?\s*[?.!]*$)/i;

/** "after this time point", "from the next frame on": when a change starts, said alone. */
const WHEN_NEXT_TIMEPOINT = /^(?:(?:right|just|straight)\s+)?(?:after|from|at|starting\s+(?:with|from|at)|beginning\s+(?:with|at)|as\s+of)\s+(?:this|the\s+current|the\s+next|the\s+following|next)\s+(?:time[\s-]?point|timepoint|frame|round|cycle|loop)(?:\s+on(?:wards)?)?\s*[.!]*$/i;

/** "go from 11 planes to 5", "from 3 positions down to 2 slices": a count changed from one to another is the new count. */
function countFromTo(t: string): string {
  return t.replace(/\bfrom\s+(\d+)\s+(slices|planes|sections|z[\s-]?slices|z[\s-]?planes)\s+(?:(?:down|up)\s+)?to\s+(?:just\s+|only\s+)?(\d+)(?:\s+(?:slices|planes|sections))?\b/gi, (_m, _from: string, noun: string, to: string) => `${to} ${noun}`);
}

/** Ways of saying the end of the day's imaging: "call it a day", "pack it in", "pull the plug on it". */
const END_IDIOM = /\b(?:call(?:ing)?\s+it\s+(?:a\s+day|a\s+night|quits)|pack(?:ing)?\s+(?:it\s+)?in|pull(?:ing)?\s+the\s+plug(?:\s+on\s+(?:it|this|the\s+(?:run|acquisition|experiment|imaging|time[\s-]?lapse)))?)\b/i;

/**
 * "let's call it a day in half an hour", "pack it in after 2 more hours": an end idiom with a span from now is the end
 * verb ("end it in 0.5 h"), so the span is when (never a stop now, nor "a day" read as a span); alone, it stays as said.
 */
function endIdiomWithSpan(t: string): string {
  const idiom = END_IDIOM.exec(t);
  if (!idiom) return t;
  const rest = t.slice(0, idiom.index) + t.slice(idiom.index + idiom[0].length);
  return durationsIn(rest.toLowerCase()).length ? `${t.slice(0, idiom.index)}end it${t.slice(idiom.index + idiom[0].length)}` : t;
}

/**
 * "give it another 45 minutes at the end", "tack 1 h onto the end of the run": with a span said, "the end" is the place
 * the span goes (a noun, no stop said); the words are taken out, the span kept. Without a span they stay as said.
 */
function spanAtTheEnd(t: string): string {
  const place = /\s*\b(?:at|to|onto|on)\s+the\s+end\b(?:\s+of\s+(?:it|the\s+(?:run|acquisition|experiment|imaging|time[\s-]?lapse|movie|recording)))?/i.exec(t);
  if (!place) return t;
  const rest = t.slice(0, place.index) + t.slice(place.index + place[0].length);
  return durationsIn(rest.toLowerCase()).length ? rest : t;
}

/** A stop said after a span, to end the run there ("..., then stop", "... and then end it", "... and stop"). */
/**
 * The end of the run said as people say it at the end of a clause: "stop", "end it", "finish there", "call it (a day |
 * quits)", "wrap (it) up", "be done", "we're done", "that's it", "shut it down". One list for every reader of an end.
 */
const END_SAID = String.raw`(?:(?:stop|end|finish|quit|terminate)(?:\s+(?:it|there|everything|imaging|up|the (?:run|acquisition|experiment|imaging|time[\s-]?lapse|mda)))?|call\s+it(?:\s+(?:a\s+day|quits|there))?|wrap(?:\s+(?:it|things|this))?\s+up|shut\s+(?:it\s+)?down|(?:be|we(?:'re|\s+are)|i(?:'m|\s+am))\s+done|that(?:'s|\s+is)\s+(?:it|all)|done)`;
// ("another 45 minutes at the end": "the end" is a noun, the place the span goes, no stop said)
const THEN_STOP = new RegExp(String.raw`(?<!\b(?:the|its|an?)\s*)(?:\s*[,;.]\s*|\s+)(?:and\s+)?(?:then\s+)?(?:we\s+can\s+|you\s+can\s+)?${END_SAID}\s*[.!]*$`, 'i');
/** An end said anywhere in the clause (END_SAID as a word of it). */
const END_IN_CLAUSE = new RegExp(String.raw`\b${END_SAID}\b`);

/** A word that joins a clause to the one before ("Then resume", "And add Cy5", "Also, drop DAPI"): no part of the clause. */
/**
 * Where a clause may hold two commands: a comma before a verb that only commands ("drop DAPI, set GFP to
 * 30 ms"), "and" before a value and the setting it is of ("2 min intervals and 40 ms exposure for GFP").
 */
const SECOND_COMMAND = /,\s*(?=(?:set|add|drop|remove|pause|resume|zoom|switch|change|increase|decrease|lower|raise|reduce|turn|move|refocus|autofocus|extend|skip|halve|double|triple|swap|replace|bump|boost|shorten|lengthen|stretch)\s(?!(?:it|its|them|that|this|those)\b))|\s+and\s+(?=\d+(?:\.\d+)?\s*(?:ms|msec|%|percent|s|sec|min|mins|minutes?|h|hours?)\s+(?:of\s+)?(?:exposure|power|laser|intensity|intervals?)\b)|\s+and\s+(?=(?:(?:half|double|twice|triple|quarter|a (?:half|third|quarter) of)\s+(?:the|its)|\d+(?:\.\d+)?x of the current)\s+(?:exposure|power|intensity|laser)\b)/i;

/** "half the exposure", "double its power": a share of a setting; group 1 the word before the setting. */
const SHARE_OF_SETTING = /^(?:(?:half|double|twice|triple|quarter|a (?:half|third|quarter) of)\s+(the|its)|\d+(?:\.\d+)?x of the current)\s+(?:exposure|power|intensity|laser)\b/i;

/**
 * The clause split where it holds two commands, only when the second names its own channel or the first
 * names none: "set GFP to 50 ms and 5% power" is GFP's power, one clause as said.
 */
function splitSecondCommand(clause: string, config: MicroscopeConfig): string[] {
  const m = SECOND_COMMAND.exec(clause);
  if (!m) return [clause];
  const [first, rest] = [clause.slice(0, m.index), clause.slice(m.index + m[0].length)];
  // "DAPI to 1% and half the exposure": a share of a setting said after "and" is that setting of the one channel named before
  const share = SHARE_OF_SETTING.exec(rest);
  const named = uniquePresets(findChannels(first, config));
  if (share && named.length === 1 && !findChannels(rest, config).length) {
    const said = findChannels(first, config)[0].text;
    return [first, ...splitSecondCommand(share[1] !== undefined ? rest.replace(share[1], `the ${said}`) : rest.replace(/\bof the current\b/i, `of the current ${said}`), config)];
  }
  if (findChannels(first, config).length && !findChannels(rest, config).length) return [clause];
  return [first, ...splitSecondCommand(rest, config)];
}

/** The changes a clause reads to alone, or undefined when it reads to none (or asks back). */
function readsAlone(clause: string, config: MicroscopeConfig, now: RunState): Adjustment[] | undefined {
  try {
    const changes = parseClause(clause, config, now);
    return changes?.length ? changes : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The clause cut at one "and" (or comma) into two commands that each read alone and carry all their own
 * numbers; undefined when no cut does.
 */
function readAsTwo(clause: string, config: MicroscopeConfig, now: RunState): Adjustment[] | undefined {
  for (const joint of clause.matchAll(/\s*,?\s+and\s+|\s*,\s*/g)) {
    const halves = [clause.slice(0, joint.index), clause.slice(joint.index! + joint[0].length)];
    const read = halves.map((h) => readsAlone(h, config, now));
    if (read.every((r, i) => r && !r.some((c) => c.kind === 'status') && quantitiesNotCarried(halves[i], r).length === 0)) {
      const named = read[0]!.map((c) => ('channel' in c && typeof c.channel === 'string' ? c.channel : undefined)).filter(Boolean);
      return [...read[0]!, ...(scheduleOfIt(read[1], halves[1], named.length === 1 ? named[0] : undefined) ?? [])] as Adjustment[];
    }
  }
  return undefined;
}

/**
 * "lower DAPI to 2% and only image it every 4th time point": every Nth time point said of "it" after one channel was
 * named is that channel's schedule (acquireEvery), never the whole run slowed N times.
 */
function scheduleOfIt(changes: Adjustment[] | undefined, clause: string, channel: string | undefined): Adjustment[] | undefined {
  const [only] = changes ?? [];
  if (changes?.length !== 1 || only.kind !== 'intervalFactor' || !channel || everyNth(clause.toLowerCase()) !== only.factor || !/\b(?:it|that channel|the same channel|that one|this one)\b/i.test(clause)) return changes;
  return [{ kind: 'acquireEvery', channel, every: only.factor }];
}

/** The changes that hold at every position alike (the interval too, unless it names the one it is for). */
const PLAN_WIDE = new Set<string>(['interval', 'intervalFactor', 'exposure', 'exposureFactor', 'power', 'powerFactor', 'addChannel', 'dropChannel', 'onlyChannels', 'acquireEvery', 'channelZOffset', 'channelStack', 'axisOrder', 'zPlan', 'grid']);

/** A change of the interval by a factor said of one position ("image position 3 more often"): that position. */
const FACTOR_AT = new WeakMap<Adjustment, string>();

/** A change said for one position: "at position 2", "for field 3", "in pos 1". */
const POSITION_SCOPE = /\b(?:at|in|on|for|from)\s+(?:the\s+)?((?:stage\s+)?(?:position|pos|field|site)\s*#?\s*\d+|(?:first|second|third|fourth|fifth|last)\s+(?:position|field|site))\b/;

/** A change that takes a part out of the plan: a channel, a position, the z-stack, the grid. */
const isDrop = (a: Adjustment) => a.kind === 'dropChannel' || a.kind === 'dropPosition' || (a.kind === 'zPlan' && a.zPlan === null) || (a.kind === 'grid' && a.grid === null);

/**
 * "drop DAPI, set exposure to 30 ms", "lose mCherry, GFP to 8%": a part taken out, then a comma, then
 * a command of its own is two commands, each read alone (the second never takes the dropped channel
 * for its own: what it sets without a channel goes to the channels that remain).
 */
function splitAfterDrop(clause: string, config: MicroscopeConfig, now: RunState): string[] {
  const mayDrop = (part: string) => STOP_WORD_AT.test(part.toLowerCase()) || OFF_AT_END.test(part.toLowerCase()) || /(?:^|\s)no\s/i.test(part);
  for (const comma of clause.matchAll(/\s*,\s*/g)) {
    const [head, tail] = [clause.slice(0, comma.index), clause.slice(comma.index! + comma[0].length)];
    if (!head.trim() || !tail.trim() || (!mayDrop(head) && !mayDrop(tail))) continue;
    // ("drop DAPI, GFP and mCherry": more names after the comma are more of what is dropped;
    // "enough of the Hoechst, stop acquiring it": a pronoun after the comma points back at the same part)
    if (namesOnlyChannels(tail, config) || (/\b(?:it|them|that|this|those|these)\b/i.test(tail) && !findChannels(tail, config).length)) continue;
    const [first, second] = [readsAlone(head, config, now), readsAlone(tail, config, now)];
    // (either side the drop: "GFP exposure 50 ms, DAPI off" is the exposure of GFP, and DAPI dropped)
    if (!first || !second || (!first.every(isDrop) && !second.every(isDrop)) || quantitiesNotCarried(head, first).length) continue;
    return [head, ...splitAfterDrop(tail, config, now)];
  }
  return [clause];
}

/** Words that are channel names only, with articles and joining words ("GFP and mCherry", "the far red channel"). */
function namesOnlyChannels(text: string, config: MicroscopeConfig): boolean {
  const mentions = findChannels(text, config);
  if (!mentions.length) return false;
  let rest = text;
  for (const m of [...mentions].reverse()) rest = rest.slice(0, m.index) + ' ' + rest.slice(m.index + m.text.length);
  return /^(?:\s|,|&|\b(?:and|the|a|channels?|lasers?|lines?|too|also|as well)\b|[.!])*$/i.test(rest);
}

/** A stop word that begins a clause (group 1), after courtesy words. */
const LEADING_STOP_VERB = new RegExp(String.raw`^\s*(?:(?:please|pls|now|also|and|then|can you|could you)\s+)*(${STOP_VERB})\b`, 'i');

/** The parts of a plan a stop word can take out, said without a verb of their own after "and". */
const PART_OBJECT = /^(?:also\s+)?(?:the\s+)?(?:(?:stage\s+|xy\s+)?(?:positions?|pos|fields?|sites?)\s*#?\s*\d+(?:\s*(?:,|and|&)\s*\d+)*|(?:first|second|third|fourth|fifth|last)\s+(?:position|field|site)|z[\s-]?stacks?|(?:z[\s-]?)?stack|grid|tiling|tiles)\s*[.!]*$/i;

/**
 * "stop Cy5 and position 3", "drop position 2 and the z-stack": one stop word over parts of different
 * kinds (a channel, a position, the z-stack, the grid) takes out each of them, each read with the verb.
 */
function stopVerbOverObjects(clause: string, config: MicroscopeConfig): string[] {
  const verb = LEADING_STOP_VERB.exec(clause);
  if (!verb) return [clause];
  const joints = [...clause.matchAll(/\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)/g)];
  for (const joint of joints) {
    const [head, tail] = [clause.slice(0, joint.index), clause.slice(joint.index! + joint[0].length)];
    // (each side a different kind of part: a channel beside a position, the z-stack or the grid)
    const headIsChannel = findChannels(head, config).length > 0 && !PART_OBJECT.test(head.slice(verb[0].length).trim());
    const tailIsChannel = namesOnlyChannels(tail, config);
    if (headIsChannel && PART_OBJECT.test(tail.trim())) return [head, `${verb[1]} ${tail}`];
    if (!headIsChannel && PART_OBJECT.test(head.slice(verb[0].length).trim()) && tailIsChannel) return [head, `${verb[1]} ${tail}`];
  }
  return [clause];
}

const CONNECTIVE = /^\s*(?:(?:and|then|after that|afterwards|finally)\b[,\s]*)+(?=\S)/i;

const COUNT_WORDS: Record<string, number> = { two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, twenty: 20, hundred: 100 };

/** "five times more", "three-fold", "ten x": a count said in words before a multiplier, as digits ("5 times more"). */
export function countsAsDigits(t: string): string {
  return t.replace(/\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|hundred)(\s*-?\s*)(times|fold|x)\b/gi, (_m, n: string, gap: string, w: string) => `${COUNT_WORDS[n.toLowerCase()]}${/-/.test(gap) || w.toLowerCase() === 'fold' ? '-' : ' '}${w}`);
}

/**
 * "speed up to every 10 seconds", "switch off the 488", "reduce the 488 power by 90%",
 * "add 11 planes, 0.5 µm apart", "stop after this time point", "how much longer?" → the
 * changes, in order. InputError (AmbiguousCommand for a question to ask) when nothing matches.
 */
export function parseAdjustment(text: string, config: MicroscopeConfig = DEMO_CONFIG, now: RunState = {}): Adjustment[] {
  // ("image the first channel every 3rd time point", "drop C3": a channel said by its place is read as its name, and
  // given to the tool by its place again, as the plan numbers it)
  const placed = channelsByPlace(normaliseText(text), now);
  if (placed.past) throw new AmbiguousCommand(placed.past);
  let changes: Adjustment[];
  try {
    changes = adjustmentsOf(placed.text, config, now);
  } catch (err) {
    // ("drop the last one": a place said without its list, in a command not otherwise read, is asked about by name)
    const asked = err instanceof InputError && !(err instanceof AmbiguousCommand) ? onePlaceAsked(placed.text, now) : undefined;
    throw asked ? new AmbiguousCommand(asked) : err;
  }
  return placed.places?.size ? changes.map((c) => byPlace(c, placed.places!)) : changes;
}

function adjustmentsOf(text: string, config: MicroscopeConfig, now: RunState): Adjustment[] {
  const whole = countFromTo(endIdiomWithSpan(endAtElapsed(withoutHedges(withoutNegatedStops(spanAtTheEnd(countsAsDigits(withoutListMarks(upOrDownOfTheFocus(normaliseText(text))))))))));
  // "image for another 90 minutes, then stop", "keep going 2 more hours and end it": the run ends that
  // span from now (an end time), never a stop now nor a run longer than planned
  const thenStop = THEN_STOP.exec(whole);
  if (thenStop && thenStop.index > 0 && durationsIn(whole.slice(0, thenStop.index).toLowerCase()).length === 1 && /\b(?:another|more|extra|additional|further|for)\b/i.test(whole.slice(0, thenStop.index))) {
    try {
      const span = parseAdjustment(whole.slice(0, thenStop.index), config, now);
      if (span.length === 1 && (span[0].kind === 'extend' || span[0].kind === 'endIn')) return [{ kind: 'endIn', inS: span[0].kind === 'extend' ? span[0].extraS : span[0].inS }];
    } catch {
      // read as a whole below
    }
  }
  // "20 more time points, then stop": the end that many intervals from now
  if (thenStop && thenStop.index > 0 && /^\W*(?:(?:please|just|only|take|image|acquire|do|run|go for|another|ok(?:ay)?)[,\s]+)*\d+\s+more\s+(?:time[\s-]?points?|timepoints?|frames?|cycles?|rounds?|loops?)\s*$/i.test(whole.slice(0, thenStop.index))) {
    return [endAfterMoreTimePoints(Number(/(\d+)\s+more\b/i.exec(whole)![1]), now)];
  }
  if (!whole) throw new InputError(`"${text.trim()}" says what not to do: nothing was changed; say what to change instead`);
  // "let this time point finish and then stop": one command across the clauses
  if (FINISH_THEN_STOP.test(whole.toLowerCase()) && findChannels(whole, config).length === 0) return [{ kind: 'finish' }];
  // "GFP off, 561 to 5%": a command that ends in off or out is whole; what follows its comma is another
  // ("Then resume automatically.", "And add Cy5.": a word that joins the clause to the one before is no part of it)
  // ("488 to 7%, interval 15 min": a timing with its value after a comma is a clause of its own)
  // (only after a value of its own: "image faster, every 30 s" is one change said twice)
  // ("channels first, then z": one order said in two parts, not two commands)
  // ("mCherry off and brightfield on": two parts each switched, joined by "and", are two commands)
  const clauses = orderInOneClause(whole).split(SPLIT).flatMap((c) => c.split(/(?<=\b(?:off|out))\s*,\s*|(?<=\b(?:off|out|on))\s*,?\s+and\s+(?=(?:the\s+)?[\w-]+(?:\s+[\w-]+)?\s+(?:on|off|out)\b)|(?<=\d[^,]*)\s*,\s*(?=(?:and\s+)?(?:the\s+)?(?:interval|every|time[\s-]?step|frame rate)\b[^,]*\d)/i)).flatMap((c) => c.split(COUNT_AFTER_COMMA)).flatMap((c) => splitSecondCommand(c, config)).flatMap((c) => splitAfterDrop(c, config, now)).flatMap((c) => stopVerbOverObjects(c, config)).flatMap((c) => perChannel(c, config)).map((c) => c.replace(CONNECTIVE, '')).filter((c) => c.trim().length > 0);
  const out: Adjustment[] = [];
  const unread: string[] = [];
  let lastChannel: string | undefined;
  // the sentences of a message of several, for telling a sentence of context from a command
  const sentences = sentencesOf(whole).length > 1 ? new Set(sentencesOf(whole).map((s) => s.replace(/[.!?]+$/, '').trim().toLowerCase())) : new Set<string>();
  // ("I think position 2 is dead, let's not image it anymore": "it" is the one position an observation before names)
  let lastPosition: string | undefined;
  let complaint: SignalComplaint | undefined;
  // ("GFP is bleached out, stop it": "it" after an observation of one channel is that channel)
  let observedChannel: string | undefined;
  for (const said of clauses) {
    // ("after this timepoint, stop mCherry", "from the next frame on, GFP 50 ms": when a change starts, said alone, is when every
    // change starts; no command of its own, never a finish of the run when a channel or another setting is the command)
    if (clauses.length > 1 && WHEN_NEXT_TIMEPOINT.test(said.trim()) && (findChannels(whole, config).length > 0 || !STOP_WORD_AT.test(whole.toLowerCase()))) continue;
    const ofObserved = observedChannel && !lastPosition && STOP_WORD_AT.test(said.toLowerCase()) && /\b(?:it|that one|this one)\b(?!['’]s)/i.test(said) && !findChannels(said, config).length ? said.replace(/\b(?:it|that one|this one)\b(?!['’]s)/i, observedChannel) : said;
    const clause = lastPosition && /\b(?:it|that one|this one)\b(?!['’]s)/i.test(said) && !findChannels(said, config).length && !/\b(?:positions?|pos|fields?)\s*#?\s*\d/i.test(said) ? said.replace(/\b(?:it|that one|this one)\b(?!['’]s)/i, lastPosition) : ofObserved;
    if (ANALYSIS_REQUEST.test(clause.trim().toLowerCase()) && !PLACE_KEPT.test(clause.trim().toLowerCase())) throw new MixedRequest(`"${clause.trim()}" asks for an analysis, not a change to the acquisition`);
    // "add brightfield at 20 ms, every 3rd timepoint": a schedule said alone after a channel's change is that channel's schedule
    const scheduled = scheduleOfTheChannelBefore(clause, out.at(-1), config);
    if (scheduled) {
      out[out.length - 1] = scheduled;
      continue;
    }
    let changes: Adjustment[] | undefined;
    try {
      changes = parseClause(clause, config, now);
      // "561 nm exposure should be 50 ms and images taken every 10 min": a clause read with a number left over is
      // two commands joined by "and", each read alone, when that carries every number
      if (changes?.length && !changes.every((c) => c.kind === 'status' || RECKONED.has(c)) && quantitiesNotCarried(clause, changes).length) changes = readAsTwo(clause, config, now) ?? changes;
    } catch (err) {
      // "GFP looks dim; increase its exposure to 150 ms": a signal said wrong beside another clause is context (asked alone only when nothing else is read)
      if (err instanceof SignalComplaint && clauses.length > 1) {
        if (err.channel) lastChannel = observedChannel = err.channel;
        complaint ??= err;
        continue;
      }
      // "maybe go a bit faster? like every 3 min?": an amount left vague in one clause and given in another is that one
      // (only when the next clause gives it as an example: "like ...", "say ...", "maybe ...", "e.g. ...")
      const at = clauses.indexOf(said);
      const next = clauses[at + 1] ?? '';
      // ("lower the blue laser a bit? Like 1%?": the hedge is gone before this reads it, so a bare value is that example too)
      const bareValue = /^\s*\d+(?:\.\d+)?\s*(?:%|percent|ms|msec|s|sec|min|mins|minutes?)?\s*[?.!]*$/i.test(next);
      // ("could you go a bit faster? every 2 min-ish would be great": the next clause, read alone, sets what the vague one
      // asked how much of: the interval for "faster"/"less often", the light for "less light")
      const example = VAGUE_AMOUNT.test(clause.toLowerCase()) && (bareValue || /^\s*(?:like|say|maybe|perhaps|e\.?g\.?|i\.?e\.?|something like|such as|so|around|about|roughly)\b[^]*\d/i.test(next));
      // ("fewer slices please, 5 instead of 11", "more planes, say 15": a bare count after a count asked about is that many of
      // the things the vague clause counts)
      const counted = err instanceof AmbiguousCommand && /^how much\b/i.test(err.message) && !/\d/.test(clause) ? /\b(slices|planes|sections)\b/i.exec(clause) : null;
      const bareCount = counted ? /^\s*(?:(?:say|maybe|like|perhaps|make it|go with|let'?s do|let'?s go with|just|only|so)\s+)*(\d+)(?:\s+(?:instead of|rather than|not|in place of)\s+(?:the\s+)?(?:current\s+)?\d+)?\s*(?:please|pls|then|instead)?\s*[?.!]*$/i.exec(next) : null;
      if (counted && bareCount) {
        clauses[at + 1] = `${bareCount[1]} ${counted[1].toLowerCase()}`;
        continue;
      }
      // ("make the interval longer? like 5 minutes": a bare span after an interval asked how much of is that interval)
      const spanAlone = err instanceof AmbiguousCommand && /^how much\b/i.test(err.message) && !/\d/.test(clause) && INTERVAL_NOUN.test(clause.toLowerCase())
        ? /^\s*(?:(?:like|say|maybe|perhaps|e\.?g\.?|something like|so|around|about|roughly|make it|go with|just)\s+)*(\d+(?:\.\d+)?\s*(?:s|secs?|seconds?|min|mins|minutes?|h|hrs?|hours?))\s*(?:please|pls|then|instead)?\s*[?.!]*$/i.exec(next) : null;
      if (spanAlone) {
        clauses[at + 1] = `interval ${spanAlone[1]}`;
        continue;
      }
      if (!(err instanceof AmbiguousCommand) || /\d/.test(clause) || !(example || (/^how (?:much|often)\b/i.test(err.message) && setsTheSameSetting(clause, next, config, now)))) throw err;
      // (the value alone is said of the channel the vague clause names)
      const named = findChannels(clause, config);
      if (bareValue && named.length === 1) clauses[at + 1] = `${named[0].text} ${next.trim()}`;
      continue;
    }
    // "GFP looks dim; increase its exposure": an observation beside the command is context, and its one channel is what "its" names
    const observed = !changes ? observationOf(clause) : undefined;
    if (observed) {
      const named = uniquePresets(findChannels(observed.subject, config));
      if (named.length === 1) lastChannel = observedChannel = named[0];
      const position = /\b(?:position|pos|field)\s*#?\s*(\d+)\b/i.exec(observed.subject);
      if (position && !named.length) lastPosition = `position ${position[1]}`;
      continue;
    }
    // ("GFP laser up to 12 %, and the red down to 3": a bare number after a channel's change said in a unit is in that unit too)
    const unitBefore = out.at(-1)?.kind === 'power' ? '%' : out.at(-1)?.kind === 'exposure' ? 'ms' : undefined;
    if (!changes && unitBefore && findChannels(clause, config).length && /\b(?:to|at)\s+\d+(?:\.\d+)?\s*[.!]*$/.test(clause.trim())) {
      try {
        changes = parseClause(`${clause.trim().replace(/[.!]+$/, '')} ${unitBefore}`, config, now);
      } catch {
        changes = undefined;
      }
      if (changes && !changes.every((c) => c.kind === out.at(-1)!.kind)) changes = undefined;
    }
    // ("mark this spot and image it too": a clause that only says to image the place just added is that same addition, stop 47)
    if (!changes && out.at(-1)?.kind === 'addPosition' && IMAGES_IT_TOO.test(clause.trim())) continue;
    if (!changes && !/^(?:please|thanks?(?: you)?|ok(?:ay)?|now|then|and|also|too|right away|asap)[.!?]*$/i.test(clause.trim()) && !isRemark(clause, config) && !isContextSentence(clause, sentences, config)) unread.push(clause.trim());
    // ("GFP to 5% at position 2": a setting said for one position, which only the interval can be; asked, never applied everywhere)
    const scope = changes?.length ? POSITION_SCOPE.exec(clause.toLowerCase()) : null;
    // ("halve the interval for position 1 only": an interval by a factor at one position is that position's interval, read below)
    // (a position added is no scope: "add a second position 200 µm to the right" says where the new one goes)
    if (scope && changes!.every((c) => PLAN_WIDE.has(c.kind) && c.kind !== 'addPosition' && !(c.kind === 'interval' && c.onlyAt !== undefined) && !FACTOR_AT.has(c))) {
      throw new AmbiguousCommand(`I can ${changes!.map(describeAdjustment).join('; ')} at every position, not at ${scope[1]} only (only the interval can differ between positions): say "at every position", or drop ${scope[1]}; nothing was changed`);
    }
    // a number with its unit that no change carries was not understood ("image GFP every 5 min for 2 h" is more than an interval)
    if (changes && !changes.every((c) => c.kind === 'status' || RECKONED.has(c))) unread.push(...quantitiesNotCarried(clause, changes));
    changes = scheduleOfIt(changes, clause, lastChannel);
    for (const a of changes ?? []) {
      if (a.kind === 'resume' && /^(?:(?:ok(?:ay)?|so|just|please)[,\s]+)*(?:keep (?:going|imaging|running|it (?:going|running))|carry on|go on|continue)\b/i.test(clause.trim())) GOING_ON.add(a);
      // "... GFP exposure to 150 ms and lower its power to 8%": "its" is the channel just named.
      // ("GFP 50 ms and double the power": a share of a setting right after a setting of one channel is that channel's)
      const light = a.kind === 'power' || a.kind === 'exposure' || a.kind === 'powerFactor' || a.kind === 'exposureFactor';
      if (light && a.channel === undefined && lastChannel && (/\b(its|it|that channel|the same channel)\b/i.test(clause) || (SHARE_OF_SETTING.test(clause.trim()) && out.at(-1) !== undefined && !isDrop(out.at(-1)!) && (out.at(-1) as { channel?: string }).channel === lastChannel))) a.channel = lastChannel;
      if ('channel' in a && typeof a.channel === 'string') lastChannel = a.channel;
      out.push(a);
    }
  }
  // "image for another 90 minutes, then stop": the stop is where the span said before ends, no stop now
  const spanned = out.findIndex((a) => a.kind === 'extend' || a.kind === 'endIn' || a.kind === 'duration' || a.kind === 'loops');
  if (spanned >= 0 && out.slice(spanned + 1).some((a) => a.kind === 'stop')) out.splice(0, out.length, ...out.filter((a, i) => !(a.kind === 'stop' && i > spanned)));
  // "pause for 5 min, then resume", "give them a break and resume in 20 minutes": one pause that ends by itself
  const bounded: Adjustment | undefined = out.find((a) => a.kind === 'pause' && a.forS !== undefined);
  if (bounded && !out.some((a) => a.kind !== 'pause' && a.kind !== 'resume')) out.splice(0, out.length, bounded);
  // "keep going but add another hour", "carry on and drop DAPI": going on is what a running acquisition does; the change is the command
  // positions dropped by their number in the list go last first: each drop renumbers the positions after it
  // ("drop positions 1 and 3" drops the first and the third as the list is now, never the first and the fourth)
  const numberedDrops = out.filter((a): a is Extract<Adjustment, { kind: 'dropPosition' }> => a.kind === 'dropPosition' && /^\d+$/.test(a.position));
  if (numberedDrops.length > 1) {
    const descending = [...numberedDrops].sort((a, b) => Number(b.position) - Number(a.position));
    let k = 0;
    out.forEach((a, i) => {
      if (a.kind === 'dropPosition' && /^\d+$/.test(a.position)) out[i] = descending[k++];
    });
  }
  // (an explicit "resume", "unpause" is kept: the run may be paused)
  if (out.some((a) => GOING_ON.has(a)) && !out.some((a) => a.kind === 'pause') && out.some((a) => a.kind !== 'resume')) out.splice(0, out.length, ...out.filter((a) => !GOING_ON.has(a)));
  // ("pause, then drop DAPI and carry on", "pause, add a position here and continue": going on said last after a pause
  // ends that pause, though the clause it ends read it as the rest of the run going on)
  if (out.some((a) => a.kind === 'pause' && a.forS === undefined) && !out.some((a) => a.kind === 'resume') && GOES_ON_AT_THE_END.test(text.trim())) out.push({ kind: 'resume' });
  if (out.length === 0 && complaint) throw complaint;
  if (out.length === 0) {
    throw new InputError(
      `I could not turn "${text.trim()}" into a change: I understand intervals ("every 10 s"), exposure ("GFP 50 ms"), power ("488 to 5%", "reduce the 488 by 90%"), channels ("add mCherry every 3rd frame", "switch off the 488"), z-stacks ("11 planes, 0.5 µm apart"), positions, "zoom into cell 12", pause, resume, stop, "stop after this time point", extend, and "how much longer?"`,
    );
  }
  settingsOfChannelsNotImaged(out, whole, now);
  // "image position 3 more often, every 2 min": a direction and the interval that says how much are one change
  const timings = out.filter((a) => a.kind === 'interval' || a.kind === 'intervalFactor');
  const [interval, factor] = [timings.find((a) => a.kind === 'interval'), timings.find((a) => a.kind === 'intervalFactor')];
  if (timings.length === 2 && interval?.kind === 'interval' && factor?.kind === 'intervalFactor' && (now.intervalS === undefined || Math.sign(interval.intervalS - now.intervalS) === Math.sign(factor.factor - 1))) {
    out.splice(out.indexOf(factor), 1);
    const position = FACTOR_AT.get(factor);
    if (position && interval.onlyAt === undefined) out[out.indexOf(interval)] = { ...interval, onlyAt: position };
  }
  // ("image pos 2 twice as often": the factor of the run's interval, at that position only)
  const scoped = out.find((a) => FACTOR_AT.has(a));
  if (scoped?.kind === 'intervalFactor' && now.intervalS !== undefined) {
    const change: Adjustment = { kind: 'interval', intervalS: Math.round(now.intervalS * scoped.factor * 1e6) / 1e6, onlyAt: FACTOR_AT.get(scoped)! };
    RECKONED.add(change);
    out[out.indexOf(scoped)] = change;
  } else if (scoped) {
    const p = FACTOR_AT.get(scoped)!;
    const named = /^\d+$/.test(p) ? `position ${p}` : p;
    throw new AmbiguousCommand(`how often at ${named}? Say its interval, e.g. "${named} every 2 min" (the other positions keep theirs); nothing was changed`);
  }
  // one interval at a time: "every 2 min for the next hour, then every 10 min" is a plan of phases, not two changes now
  if (out.filter((a) => a.kind === 'interval' || a.kind === 'intervalFactor').length > 1) {
    throw new AmbiguousCommand(`I can change the interval once from the next time point, not to ${out.filter((a) => a.kind === 'interval' || a.kind === 'intervalFactor').map(describeAdjustment).join(' and then ')}: say one interval now, and the next one when it is due`);
  }
  // never a silent partial: a part not understood is asked about, and nothing is changed
  if (unread.length) {
    throw new AmbiguousCommand(`I understood ${out.map(describeAdjustment).join('; ')}, but not "${unread.join('", "')}": say that part another way (or leave it out); nothing was changed`);
  }
  // ("lose the z, just one plane from now": one change said twice is made once)
  const said = out.map((a) => JSON.stringify(a));
  return out.filter((_, i) => said.indexOf(said[i]) === i);
}

/** Words that ask for a channel to be there ("we also need Cy5, 300 ms", "I want far red at 200 ms too"). */
const WANTED = /\b(?:also|too|as well|add|include|need|want|bring in)\b/;

/**
 * An exposure or a power set for a channel the run does not image: with words that want it there
 * ("we also need Cy5, 300 ms, 20% power"), that channel added with those settings. In place, on `out`.
 */
function settingsOfChannelsNotImaged(out: Adjustment[], words: string, now: RunState): void {
  if (!now.channels) return;
  const imaged = new Set(now.channels);
  const setting = (a: Adjustment): a is Extract<Adjustment, { kind: 'exposure' | 'power' }> => (a.kind === 'exposure' || a.kind === 'power') && a.channel !== undefined && !/^\d{1,2}$/.test(a.channel) && !imaged.has(a.channel);
  const missing = [...new Set(out.filter(setting).map((a) => a.channel!))].filter((c) => !out.some((a) => a.kind === 'addChannel' && a.channel === c));
  for (const channel of missing) {
    // (without them the change goes as said: the microscope refuses it, naming the channels it images)
    if (!WANTED.test(words.toLowerCase())) continue;
    const settings = out.filter((a) => setting(a) && a.channel === channel) as Extract<Adjustment, { kind: 'exposure' | 'power' }>[];
    const added: Adjustment = { kind: 'addChannel', channel, ...Object.assign({}, ...settings.map((a) => (a.kind === 'exposure' ? { exposureMs: a.exposureMs } : { powerPercent: a.powerPercent }))) };
    const at = out.indexOf(settings[0]);
    out.splice(0, out.length, ...out.slice(0, at).filter((a) => !settings.includes(a as never)), added, ...out.slice(at).filter((a) => !settings.includes(a as never)));
  }
}

/**
 * A remark beside the command ("The cells look a bit stressed.", "the rest is fine"): no number,
 * no channel, no word of a command. It asks for nothing, so it is neither applied nor asked about.
 */
/** The settings of a run by their names. */
const RUN_SETTING_NOUN = String.raw`(?:interval|timing|frame rate|time ?lapse rate|rate|exposures?|exposure times?|power|laser(?: power)?|light|intensity|z[\s-]?stacks?|stacks?|z[\s-]?steps?|slices|positions?|channels?|settings|focus|duration|length|grid|objective)`;

/** A setting of the run said to stay as it is (keep or leave it the same, don't change or touch it). */
const KEPT_AS_IT_IS = new RegExp(String.raw`^(?:(?:let'?s|please|we can|just|but|and|so)\s+)*(?:(?:keep|leave)\s+(?:the|its|their|our)\s+(?:[\w-]+\s+){0,2}?${RUN_SETTING_NOUN}(?:\s+settings?)?\s+(?:the same|as (?:it is|is|they are|it was|they were|before)|unchanged|alone|where (?:it is|they are))|(?:don'?t|do not|no need to|there'?s no need to)\s+(?:change|touch|alter|adjust)\s+(?:the|its|their|our)\s+(?:[\w-]+\s+){0,2}?${RUN_SETTING_NOUN}(?:\s+settings?)?)\s*[.!]*$`);

/** The rest of the run said to go on: "keep everything else running", "the others can carry on", "let the rest go on". */
const OTHERS = String.raw`(?:everything|all|the rest|the others?|all (?:the )?others|the other (?:channels?|positions?|fields?|colou?rs))(?:\s+else)?`;
const GO_ON = String.raw`(?:continue|carry on|go on|keep going|keep running|keep imaging|run on|stay on|running|going|imaging|on|as (?:it is|is|they are))`;
const OTHERS_GO_ON = new RegExp(String.raw`^(?:(?:let'?s|please|we can|just|but|and|so)\s+)*(?:(?:keep|leave|let)\s+${OTHERS}\s+(?:${GO_ON}|go|run)|${OTHERS}\s+(?:(?:can|should|will|may|must)\s+)?(?:just\s+)?${GO_ON})(?:\s+(?:as (?:before|normal|usual|planned)|normally|please))?\s*[.!]*$`);

/** A channel said to go on as it is, its name written CHANNEL: "keep CHANNEL going", "leave the CHANNEL channel as is". */
const CHANNEL_GOES_ON = new RegExp(String.raw`^(?:(?:let'?s|please|we can|just|but|and|so)\s+)*(?:keep|leave|let)\s+(?:the\s+)?CHANNEL(?:\s+and\s+(?:the\s+)?CHANNEL)*(?:\s+(?:channel|laser|line)s?)?\s+(?:${GO_ON}|go|run|the same|unchanged|alone|as (?:it was|before))(?:\s+(?:as (?:before|normal|usual|planned)|normally|please))?\s*[.!]*$`);

export function isRemark(clause: string, config: MicroscopeConfig): boolean {
  const t = clause.trim().toLowerCase();
  // (a figure makes a clause part of a command in every reading below; the channels named are found once)
  if (/\d/.test(t)) return false;
  const noChannel = findChannels(t, config).length === 0;
  // "let's keep everything the same", "leave the rest as it is": what stays is no change
  if (noChannel && /^(?:(?:let'?s|please|we can|just|but)\s+)*(?:keep|leave)\s+(?:everything|all|the rest|the others?)(?:\s+else)?\s+(?:the same|as (?:it is|is|they are|before)|unchanged|alone)\s*[.!]*$/.test(t)) return true;
  // "keep the interval as is but add Cy5", "leave the GFP exposure unchanged", "don't touch the z-stack": a setting said to stay is no change
  if (KEPT_AS_IT_IS.test(t)) return true;
  // "keep everything else running", "the others can carry on", "let the rest go on": the rest of the run going on, as it does anyway
  if (noChannel && OTHERS_GO_ON.test(t)) return true;
  // ("turn the 488 off, keep red going", "leave mCherry as it is": a channel said to go on as it is is no change)
  if (!noChannel && CHANNEL_GOES_ON.test(findChannels(t, config).reduceRight((w, c) => `${w.slice(0, c.index)}CHANNEL${w.slice(c.index + c.text.length)}`, t))) return true;
  return noChannel && !REMARK_BREAKERS.test(t);
}

/**
 * A sentence of context in a message of several ("Media change in a few minutes. Pause for 20 min."): a whole
 * sentence with no figure, no channel and no stop word, that does not begin with a command or request word.
 * It tells why; the command is in another sentence.
 */
function isContextSentence(clause: string, sentences: Set<string>, config: MicroscopeConfig): boolean {
  const t = clause.replace(/[.!?]+$/, '').trim().toLowerCase();
  if (!sentences.has(t) || /\d/.test(t) || findChannels(t, config).length || STOP_WORD_AT.test(t)) return false;
  return !/^(?:please|pls|can|could|would|will|should|shall|let'?s|make|set|go|switch|turn|start|add|remove|take|keep|put|use|halve|double|speed|slow|increase|decrease|reduce|lower|raise|cut|bump|pause|resume|continue|image|acquire|move|refocus|autofocus|skip|change|extend|run|give|show|tell|every|only|just|no|more|less|faster|slower)\b/.test(t);
}

/** Words that make a clause part of a command (a remark has none of them). */
const REMARK_BREAKERS = new RegExp(String.raw`\b(?:stop|end|halt|abort|cancel|kill|drop|add|remove|skip|every|each|interval|rate|power|exposure|laser|light|lamp|z|stack|slices?|planes?|positions?|fields?|grid|tiles?|tiling|pause|resume|continue|zoom|focus|move|stage|objective|image|imaging|acquire|record|channels?|faster|slower|often|more|less|increase|decrease|lower|raise|reduce|halve|double|extend|longer|shorter|finish|until|for|instead|switch|turn|set|change|make|keep|only|just)\b|\b(?:${STOP_VERB.slice(3, -1)})\b`);

/** One clause's words, read once: the text, the channels it names, whether a stop-like word is in it. */
interface ClauseWords {
  clause: string;
  t: string;
  config: MicroscopeConfig;
  channels: string[];
  channel?: string;
  stopVerb: boolean;
  /** The running acquisition as the conversation tells it (its interval, positions, z plan). */
  now: RunState;
}

/**
 * A reader of one kind of command: the changes, [] for "not a microscope command, stop
 * reading" (a stop word and a channel that are not verb and object), undefined for "not mine".
 */
type Reader = (w: ClauseWords) => Adjustment[] | undefined;

function parseClause(clause: string, config: MicroscopeConfig, now: RunState = {}): Adjustment[] | undefined {
  // "abort abort", "stop, stop!": a word said twice for urgency is said once
  const t = clause.trim().toLowerCase().replace(/\b([a-z]+)(?:[\s,!]+\1\b)+/g, '$1');
  if (ANALYSIS_REQUEST.test(t) && !PLACE_KEPT.test(t)) return undefined;
  // the incubator is not the microscope's light: "set CO2 to 5%" is not read as a power
  // ("skip the next cycle, someone has the incubator door open": an incubator named in passing is no setting of it)
  if (/\b(co2|co₂|o2|oxygen|humidity|temperature|incubat\w*|heater|degrees)\b/.test(t) && (/\d|\b(?:co2|co₂|o2|oxygen|humidity|temperature|degrees)\b/.test(t) || /\b(?:set|change|raise|lower|increase|decrease|turn|adjust|make|warm|cool|heat|keep|put)\b/.test(t))) throw new AmbiguousCommand(`"${clause.trim()}" is about the incubator (temperature, CO2, humidity), which I do not control: set it on the incubator; nothing was changed`);
  // a clock time or a day ("stop at 6 pm", "keep going until tomorrow morning"): the microscope counts spans from now, never guesses the clock
  if (CLOCK_TIME.test(t) && /\b(?:stop|end|finish|until|till|run|keep|continue|go on|carry on|image|imaging|extend|pause|resume)\b/.test(t)) throw new AmbiguousCommand(`I change the end of a run by a span from now ("end it in 3 h", "run 2 h longer") or a number of time points, not by a clock time or a day: say how long from now; nothing was changed`);
  // the camera's settings (binning, gain, region of interest) are no part of a plan here: named, nothing changed
  const camera = CAMERA_SETTING.exec(t);
  if (camera) throw new AmbiguousCommand(`"${clause.trim()}" sets the camera's ${cameraSettingName(camera[0])}, which the acquisition tools do not set (they set channels, exposure, light power, timing, z, positions and tiling): set it in the camera's own settings; nothing was changed`);
  // light power in watts ("1 mW on the 488"): the light sources are set in % of their maximum, never a unit guessed
  const watts = /(\d+(?:\.\d+)?)\s*(mw|µw|uw|w|milliwatts?|microwatts?|watts?)\b/.exec(t);
  if (watts) throw new AmbiguousCommand(`I set light power in % of each light source's maximum, not in ${({ mw: 'mW', uw: 'µW', µw: 'µW', w: 'W' } as Record<string, string>)[watts[2]] ?? watts[2]}: say it in %, e.g. "488 to 5%"; nothing was changed`);
  // ("set DAPI power to -5%", "GFP exposure to -10 ms": a setting said below zero is outside the device's range, refused with it, never read as a share or its sign dropped)
  const negative = NEGATIVE_SETTING.exec(t);
  if (negative) throw new AmbiguousCommand(`"${negative[0].replace(/^[\s:=]*(?:to|at)?\s*/, '').trim()}" is below zero: light power goes from 0 to 100 % of each light source, and exposures and intervals are above zero; nothing was changed`);
  const channels = uniquePresets(findChannels(t, config));
  // "488 off", "GFP out": a channel and off/out at the end is a stop word too
  const offAtEnd = channels.length > 0 && offAtTheEnd(t, config);
  const stopVerb = STOP_WORD_AT.test(t) || (channels.length > 0 && findChannels(t, config).some((m) => CHANNEL_DONE_BEFORE.test(t.slice(0, m.index)) || CHANNEL_DONE_AFTER.test(t.slice(m.index + m.text.length)))) || (channels.length > 0 && /^(?:(?:ok(?:ay)?|so|and|then|also|right)[,\s]+)*no\s/.test(t)) || /\b(switch|turn|shut|cut|shut|knock|take)\b.*\boff\b/.test(t) || (channels.length > 0 && /\b(?:take|leave|keep)\b.*\bout\b/.test(t)) || offAtEnd || (channels.length > 0 && /\b(?:wants?|needs?|likes?|get|have)\s+(?:(?:the|a|my|our)\s+)*\S+(?:\s+\S+)?\s+(?:gone|removed|dropped|away)\b/.test(t));
  const words: ClauseWords = { clause, t, config, channels, channel: channels[0], stopVerb, now };
  // the order keeps commands safe: questions first, then stop words on a part of the plan, then stop words on a channel or the run
  for (const read of READERS) {
    const changes = read(words);
    if (changes !== undefined) return changes.length ? changes : undefined;
  }
  return undefined;
}

/** A setting said to a value below zero: "to -5%", "at -10 ms", "= -2 s". */
const NEGATIVE_SETTING = /(?:\bto|\bat|=|:)\s*[-−–]\s*\d+(?:\.\d+)?\s*(?:%|percent|ms|msec|milliseconds?|s|sec|seconds?|min|mins|minutes?)(?![\w])/;

/** A time of day or a day: "at 6 pm", "18:30", "until tomorrow morning", "tonight", "by noon". */
const CLOCK_TIME = /\b\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.|o'?clock)\b|\b(?:at|by|until|till|before)\s+\d{1,2}:\d{2}\b|\b(?:tomorrow|tonight|noon|midnight|this (?:evening|afternoon|morning)|monday|tuesday|wednesday|thursday|friday|saturday|sunday|the weekend)\b/;

/** A setting of the camera itself: binning, gain, EM gain, a region of interest, its readout. */
export const CAMERA_SETTING = /\b(?:bin(?:ning|ned)?(?=\s*(?:of\s*)?\d|\s+(?:to|at|by)\b)|\d\s*[x×]\s*\d\s*bin(?:ning|ned)?|binning|em[\s-]?gain|(?:camera|ccd|cmos|emccd|analog(?:ue)?|digital)\s+gain|gain(?=\s*(?:of\s*|to\s*|at\s*|up\s*(?:to\s*)?|down\s*(?:to\s*)?)?\d)|(?<=\b(?:turn|crank|dial|bump|raise|increase|lower|reduce|decrease|boost|up)\s+(?:(?:up|down)\s+)?(?:the\s+)?)gain(?!\s+(?:of|in)\s+(?:signal|intensity|brightness|fluorescence))|(?:camera\s+)?roi|region of interest|(?:camera\s+)?(?:readout|read-out)(?:\s+(?:mode|speed|rate))?|sub-?array)\b/;

/** The camera setting a phrase names, in words: "2x2 binning" → binning, "EM gain 300" → EM gain. */
export function cameraSettingName(phrase: string): string {
  if (/bin/.test(phrase)) return 'binning';
  if (/em[\s-]?gain/.test(phrase)) return 'EM gain';
  if (/gain/.test(phrase)) return 'gain';
  if (/read-?out/.test(phrase)) return 'readout';
  return 'region of interest (ROI)';
}

const STOP_WORD_AT = new RegExp(String.raw`(?:^|\b)${STOP_VERB}\b`);

/** "only GFP from now on", "just image DAPI and mCherry": these channels and no others. */
function readOnlyChannels({ t: said, channels }: ClauseWords): Adjustment[] | undefined {
  // "from now on just DAPI": the time the change starts from comes first
  const t = said.replace(/^(?:(?:ok(?:ay)?|right|so)[,\s]+)?(?:from now on|from here on|from now|from here|now|going forward|henceforth|for the rest of the run)[,:]?\s+/, '');
  if (channels.length && (/^(?:please\s+)?(?:(?:image|acquire|keep|use|take)\s+)?(?:only|just)\b|\b(?:image|acquire|keep|use)\s+(?:only|just)\b|\bonly\s+(?:image|acquire|keep|use)\b/.test(t) || RESTRICT.test(t)) && !/\bevery\b/.test(t)) {
    return [{ kind: 'onlyChannels', channels }];
  }
  return undefined;
}

/** "restrict imaging to position 3", "limit it to GFP and DAPI", "narrow it down to positions 1 and 2": these and no others. */
const RESTRICT = /\b(?:restrict|limit|confine|narrow(?:\s+(?:it|this|things|imaging|the (?:run|acquisition|imaging))\s+down|\s+down)?)\w*\b(?:\s+(?:imaging|acquisition|the (?:run|acquisition|imaging|time[\s-]?lapse)|it|this|things|ourselves))?\s+to\b/;

/** Questions about the run: time, light, status. */
function readQuestion({ t, channels, stopVerb, now }: ClauseWords): Adjustment[] | undefined {
  // "That's too much light - go down to 2% on all lasers": a verb of change with its value is a command, whatever is said of the light
  // ("set the current interval to 10 min": a time or a distance with the verb too)
  if (!/\?\s*$/.test(t) && /\b(?:set|change|make|lower|raise|reduce|increase|decrease|go (?:down|up)|bring|turn|drop|cut|put)\b/.test(t) && /\d+(?:\.\d+)?\s*(?:%|percent|ms|msec|s\b|secs?|seconds?|min|mins|minutes?|h\b|hrs?|hours?|µm|um|microns?)/.test(t)) return undefined;
  // "GFP is photobleaching badly, turn it off": a command on a channel, whatever it says about the light
  if (stopVerb && channels.length && !/\?\s*$/.test(t) && !STATE_QUESTION.test(t)) return undefined;
  // "too much light on the DAPI, reduce it": a verb of change on a channel, said without its amount, is a change asked about, no dose report
  if (channels.length && !/\?\s*$/.test(t) && /\b(?:reduce|lower|decrease|dim|cut|turn (?:it |them |that )?down|tone (?:it )?down|less)\b/.test(t) && /\btoo much\b/.test(t)) return undefined;
  // "how much disk space will this use?", "how big are the files?", "what's the focus score?": what the run writes and how it
  // focuses are the run's status (its files, sizes and autofocus runs), asked as a question
  if ((/\?\s*$/.test(t) || SETTING_QUESTION.test(t)) && /\b(?:disk(?:\s+space)?|storage|file\s*sizes?|(?:how|so)\s+(?:big|large)\b.*\bfiles?|files?\b.*\b(?:how|so)\s+(?:big|large)|gigabytes?|megabytes?|\d*\s*(?:gb|mb|tb)\b|focus\s+(?:score|quality|metric|value)|sharpness)\b/.test(t)) return [{ kind: 'status', about: 'all' }];
  if (/how (much|long) (longer|more time|time is left|is left|remaining)|time (left|remaining|remains|to go)|remaining time|how long (?:to go|remains)\b|when will it (end|finish|be done)|^(?:so\s+|and\s+)?(?:(?:at|by)\s+)?(?:when|what time)\b.*\b(?:end|ends|finish|finishes|finished|done|over|stop|stops|complete)\b|how long (?:until|till|til|before)|\beta\b|\b(?:estimated|expected|projected|planned)?\s*(?:end|finish|finishing|completion|stop)(?:ing)?\s+time\b|\btime\s+(?:of|to)\s+(?:completion|finish)\b|how many .*(?:left|to go|remaining|remain)\b|how long (?:has it|have we|has the (?:acquisition|run|imaging)) been (?:running|going|imaging|acquiring|paused|on hold|stopped|waiting)/.test(t)) return [{ kind: 'status', about: 'time' }];
  // ("time to next frame?", "next time point in?": Micro-Manager's "time to next frame" read as a question, never a change to it)
  if (/\btime\s+(?:to|until|till|til|before)\s+(?:the\s+)?next\s+(?:frame|time ?point|image|round|loop)\b|\bnext\s+(?:frame|time ?point|image|round|loop)\s+(?:due\s+)?in\s*\?/.test(t) && !CHANGE_VERB.test(t)) return [{ kind: 'status', about: 'time' }];
  // ("halve the DAPI power, it's phototoxic": a verb of change on a channel or a setting, not asked, is the command; the light its reason)
  if (!/\?\s*$/.test(t) && CHANGE_VERB.test(t) && (channels.length > 0 || /\b(?:power|laser|exposure|interval|light)\b/.test(t)) && /\b(?:phototox\w*|photobleach\w*|too much light|light damage)\b/.test(t) && !/\bhow\b/.test(t)) return undefined;
  if (/how much (light|dose|exposure|laser|illumination)|^how much\b.*\b(?:had|received|got|gotten|seen|absorbed|get|gets)\b|\b(?:cumulative|total|accumulated|integrated) (?:light|illumination|dose|light exposure|energy|fluence)\b|\bj\s*\/\s*cm|\bfluence\b|\b(?:am i|are we|is it) (?:fry|cook|toast|damag|kill|hurt|burn)\w*\b|(light|photo|laser)?\s*dose (so far|used|report)|\bdose\b.*\?|light so far|photobleach|phototox|\bhow (?:bleached|photo-?bleached|damaged|fried|cooked|toasted)\b|\bhow much\b.*\b(?:bleach\w*|photobleach\w*)\b|light budget|too much light|light damage|^(what|show|report|tell)\b.*\b(light )?dose\b|^(?:is|are|has|have)\b.*\bbleach\w*|^(?:total |cumulative )?(?:light )?(?:dose|light exposure|illumination)(?: (?:per|by) (?:channel|position|field))?\??$|\b(?:budget|dose) (?:is )?(?:left|remaining|remains)\b|\b(?:left|remaining) (?:of the )?(?:light |dose )?budget\b/.test(t)) return [{ kind: 'status', about: 'dose' }];
  // ("any problems so far?", "what have we acquired so far": a question about the run up to now)
  // (never a question about the cells or what they do: "how many divisions so far?" is the data's)
  if (/^(?:(?:so|and|ok(?:ay)?)[,\s]+)?(?:any\s+(?:problems?|issues?|errors?|trouble|hiccups?|warnings?)|what\s+(?:have|did)\s+(?:we|you)\s+(?:acquired?|imaged?|taken|took|got(?:ten)?|recorded?|collected?)|(?:has|have|did)\s+(?:it|the (?:run|acquisition|imaging|scope|microscope))\s+(?:had|run into|hit|thrown))\b.*\bso far\b/.test(t) && !CHANGE_VERB.test(t)) return [{ kind: 'status', about: 'all' }];
  // ("what did you change so far?", "which changes have we made?": the run's report, with the changes made)
  if (/^(?:(?:so|and|ok(?:ay)?|remind me)[,:\s]+)*(?:what|which (?:changes|settings))\s+(?:did|have)\s+(?:you|we|i)\s+(?:(?:already|just)\s+)?(?:change|changed|adjust|adjusted|modif\w+|alter\w*|made|make|tweak\w*)\b/.test(t) && !channels.length) return [{ kind: 'status', about: 'all' }];
  // ("give me a quick summary of the run", "quick update?", "a recap of the acquisition please": the run's report)
  if (/^(?:(?:please|can you|could you|would you)\s+)?(?:(?:give|send|show|tell)\s+(?:me|us)\s+)?(?:a\s+|an\s+|the\s+)?(?:quick\s+|short\s+|brief\s+|progress\s+)?(?:summary|overview|recap|update|status report|rundown|progress report)\b(?:\s+(?:of|on|about)\s+(?:the\s+|this\s+)?(?:run|acquisition|imaging|time[\s-]?lapse|experiment|mda|progress|microscope|scope))?(?:\s*,?\s*please)?\s*[?.!]*$/.test(t)) return [{ kind: 'status', about: 'all' }];
  if (/^(status|what('s| is) (it|the acquisition) doing|how is (it|the acquisition) going|progress)\??$/.test(t) || /\bstatus\b/.test(t) || STATUS_QUESTION.test(t) || STATE_QUESTION.test(t)) return [{ kind: 'status', about: 'all' }];
  // any question form about a setting or a channel that gives no value and asks for no change ("how much power is the 561 at",
  // "are we still doing DAPI every frame?", "what exposure does mCherry have?"): the run's report answers it
  // (only of a run this conversation started: "which channel has the nuclei?" about a movie is the data's)
  if ((now.intervalS !== undefined || now.positions !== undefined) && SETTING_QUESTION.test(t) && (channels.length || SETTING_NOUN.test(t)) && !/\d+(?:\.\d+)?\s*(?:%|percent|ms|msec|s\b|secs?|seconds?|min|mins|minutes?|h\b|hrs?|hours?|µm|um|x\b|times)/.test(t) && !CHANGE_VERB.test(t)) return [{ kind: 'status', about: /\b(?:dose|light so far|bleach\w*)\b/.test(t) ? 'dose' : 'all' }];
  return undefined;
}

/** A question form: a question word, or a verb that asks ("is", "are we", "does it"), not a request worded as a question. */
const SETTING_QUESTION = /^(?:(?:so|and|ok(?:ay)?|hmm+|quick question|just checking|btw|remind me)[,:\s]+)*(?:how (?:much|many|long|often|fast|bright|high|low|big|thick)|what|which|(?:is|are|was|were)\s+(?!(?:it|there)\s+(?:possible|ok|okay|feasible|a way)\b)|(?:do|does|did|have|has)\s+(?!you\s+(?:mind|want|think)\b)(?:we|it|i|you|they|\w+\s+(?:still|already|ever|now))\b|(?:do|does|did|have|has)\b(?=.*\?\s*$))/;
/** The settings and parts of a run one asks about. */
const SETTING_NOUN = /\b(?:power|exposure|interval|frame rate|rate|channels?|lasers?|positions?|fields?|z[\s-]?stacks?|z[\s-]?steps?|slices|planes|objective|grid|tiles?|every (?:frame|time ?point|other))\b/;
/** A verb that asks for a change (a question with one is a request or a hypothesis, read elsewhere). */
const CHANGE_VERB = /\b(?:change|make|drop|remove|add|lower|raise|reduce|increase|decrease|switch|turn|stop|pause|resume|halve|double|triple|skip|extend|shorten|speed|slow|bump|cut|boost|go to|move|refocus|autofocus|zoom|if)\b/;

/** A stop word on a part of the plan changes that part: the z-stack, the grid, a position, a channel by number, a count, an end time. */
function readPartStopped({ t, channels, channel, now }: ClauseWords): Adjustment[] | undefined {
  // The z-stack, before channels: "switch off the z-stack" is not a channel.
  if (dropsZStack(t)) return [{ kind: 'zPlan', zPlan: null }];
  // likewise the tiling: "stop tiling" ends the grid, not the acquisition
  if (dropsGrid(t)) return [{ kind: 'grid', grid: null }];
  // one position: "stop imaging position 2", "drop Pos1", "skip the third field"; "add a position at (500, 500)"
  // ("only the middle positions", "drop the central field": by their place in the running plan)
  const byNumber = positionsNumbered(t);
  const several = byNumber.length ? byNumber : middlePositions(t, now);
  // ("take positions 3 and 4 out", "positions 1, 2 off": the verb's particle at the end, as for one position)
  if (several.length > 1 && (STOP_WORD_AT.test(t) || OFF_AT_END.test(t)) && !channel) return several.map((p) => ({ kind: 'dropPosition' as const, position: p }));
  const position = positionNamed(t, now) ?? (several.length === 1 ? several[0] : undefined);
  // "only image the second position from now", "just positions 1 and 3": every other position is dropped
  // ("drop all positions except 2", "image every field but 1 and 3": the ones named after "except" are kept, whatever the verb)
  const allBut = /\b(?:all|every|each)\s+(?:the\s+)?(?:other\s+)?(?:positions?|fields?|points?|wells?|sites?|locations?|fovs?)\s+(?:except(?:\s+for)?|but|apart from|other than|save|besides)\s+(?:(?:(?:positions?|pos|fields?|points?|wells?|sites?|no\.?|#)\s*)?(\d+(?:\s*(?:,|and|&|\+|or)\s*\d+)*)\b|(?:the\s+)?(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|final)\b)/.exec(t);
  // ("all the positions except the first one", "every field but the last": the one kept out by its place in the run)
  const excepted = allBut ? (allBut[1] !== undefined ? allBut[1].split(/\D+/).filter(Boolean) : [positionByOrder(allBut[2], now)]) : [];
  // ("image all positions but 2", "keep every field except 3": with no verb of dropping, the ones after "except" are dropped)
  if (allBut && !channel && !(STOP_WORD_AT.test(t) || OFF_AT_END.test(t))) return excepted.map((p) => ({ kind: 'dropPosition' as const, position: p }));
  const kept = allBut ? excepted : several.length > 1 ? several : position ? [position] : [];
  if (kept.length && !channel && (allBut || ((/\b(?:only|just)\b/.test(t) || RESTRICT.test(t)) && !STOP_WORD_AT.test(t) && !/\b(?:every|each|interval)\b/.test(t)))) {
    if (!kept.every((p) => /^\d+$/.test(p))) throw new AmbiguousCommand(`which positions are those in the list? Say them by number ("only position 2"); nothing was changed`);
    if (now.positions === undefined) throw new AmbiguousCommand('I do not know how many positions this run has, so I cannot drop the others: name the ones to drop ("drop positions 1 and 3"); nothing was changed');
    const numbers = kept.map(Number);
    const outside = numbers.find((n) => n < 1 || n > now.positions!);
    if (outside !== undefined) throw new AmbiguousCommand(`this run has ${now.positions} position${now.positions === 1 ? '' : 's'}: there is no position ${outside}; nothing was changed`);
    const dropped = Array.from({ length: now.positions }, (_, i) => i + 1).filter((n) => !numbers.includes(n));
    if (dropped.length) return dropped.map((n) => ({ kind: 'dropPosition' as const, position: String(n) }));
  }
  // ("pos 2 out", "position 3 off please": the position and off/out at the end)
  // ("position 4 can go", "we don't need field 2 any more": a position said not to be wanted, as a channel is)
  if (position && (STOP_WORD_AT.test(t) || OFF_AT_END.test(t) || PART_NOT_WANTED.test(t)) && !channel) return [{ kind: 'dropPosition', position }];
  // ("update position 2 to the current stage location", "reset pos 3 to here": one of the run's positions made the place the
  // stage is at; the list has no place kept in it, so the old one is dropped and the current place added at the list's end)
  if (position && !channel && PLACE_REPLACED.test(t) && (HERE.test(t) || WHERE_WE_ARE_NOW.test(t))) return [{ kind: 'dropPosition', position }, { kind: 'addPosition' }];
  // ("recenter position 2 50 um up", "position 2 should be 30 µm further right": one of the run's positions with an offset in
  // the plane is that position moved, whatever the verb or none; never the stage tool, which moves the run's first position)
  const moved = position && !channel && !/\b(?:add|new|another|extra|additional|focus|z|stack|planes?|slices?)\b/.test(t) ? stageOffsetSaid(t) : undefined;
  if (moved && position) return [{ kind: 'moveStage', ...(moved.dxUm ? { xUm: moved.dxUm } : {}), ...(moved.dyUm ? { yUm: moved.dyUm } : {}), relative: true, position }];
  // "add a position at (500, 500)", "also image (500, 500) and (900, 0)": added to the positions, not instead of them
  // ("new position x = 1200, y = 800": one new position is one more, never the list replaced by it)
  // ("mark this spot", "remember the current position", "bookmark here": a place kept is a place added to the run's, stop 47)
  if ((/\b(?:add|include|also|another|extra|additional|as well|too|plus)\b|\b(?:one|1|a few|two|three|2|3)\s+more\b|\bnew\s+(?:(?:stage|xy)\s+)?(?:position|point|field|site|location)\b(?!s)/.test(t) || PLACE_KEPT.test(t)) && !/\b(?:instead|only|just)\b/.test(t)) {
    // "add the current stage position", "add the position I'm at now": where the stage is now, which the microscope reads
    // when the change is made (x and y left out; one of the run's own positions, where the run has just moved it, is refused there)
    if ((PLACE_KEPT.test(t) || /\b(?:current|present|this)\s+(?:(?:stage|xy)\s+)?(?:position|location|field|spot|point|place)\b|\bposition\s+(?:here|(?:where\s+)?(?:we|i|the stage|it)(?:'m|'re| am| are| is)\s+(?:at\s+)?(?:now|at)?)\b|\bwhere the stage is\b|\b(?:here|this one)\b/.test(t) || WHERE_WE_ARE_NOW.test(t)) && !parsePositionList(t).length) {
      return [{ kind: 'addPosition' }];
    }
    // ("add an XY point at 3000, 2000": a pair without brackets after a word for a position)
    // ("also image at 1500, 200": a verb of imaging before "at" says it too)
    const pair = /\b(?:positions?|points?|xy|locations?|sites?|fields?|image|imaging|acquire|visit)\b.*?\bat\s+(-?\d+(?:\.\d+)?)\s*(?:µm|um)?\s*[,/]\s*(-?\d+(?:\.\d+)?)\s*(?:µm|um)?\s*(?:please|pls)?\s*[.!]?$/.exec(t);
    const added = parsePositionList(t).length || !pair ? parsePositionList(t) : [{ xUm: Number(pair[1]), yUm: Number(pair[2]) } as { xUm: number; yUm: number; zUm?: number }];
    if (added.length) return added.map((p) => ({ kind: 'addPosition' as const, xUm: p.xUm, yUm: p.yUm, ...(p.zUm !== undefined ? { zUm: p.zUm } : {}) }));
    // ("add a second position 200 µm to the right": an offset from the run's last position)
    const offset = /\b(?:positions?|points?|xy|locations?|sites?|fields?|fovs?)\b/.test(t) ? stageOffsetSaid(t) : undefined;
    if (offset) return [{ kind: 'addPosition', dxUm: offset.dxUm, dyUm: offset.dyUm }];
  }
  // "everything except GFP", "all channels but DAPI and mCherry": only those from now on
  if (channels.length && /\b(?:everything|all(?: the)?(?: other)?(?: channels| colou?rs| lasers)?|every channel|the rest)\s+(?:except|but|apart from|other than|save)\b/.test(t)) return [{ kind: 'onlyChannels', channels }];
  // a channel by its number in the plan: "drop channel 2", "turn off ch3", "stop the second channel"
  const numbered = channelNumbered(t, now);
  if (numbered && !channel && (STOP_WORD_AT.test(t) || /\b(switch|turn|shut)\b.*\boff\b|\boff\s*$/.test(t)) && !ACQUISITION_WORD.test(t.replace(/\b(?:imaging|acquiring|recording)\b/, ''))) return [{ kind: 'dropChannel', channel: numbered }];
  // "stop after 100 time points": the number of time points, not a stop now
  const lastAt = /\b(?:stop|end|finish|quit)\b.*?\b(?:after|at)\s+(?:time ?point|frame)?\s*#?(\d+)\s*(?:time ?points|frames|timepoints|loops|rounds)?\b(?!\s*(?:more|s\b|sec|min|h\b|hours?|days?))/.exec(t);
  if (lastAt && /\b(?:time ?points?|frames?|timepoints|loops|rounds)\b/.test(t) && !/\bmore\b/.test(t) && !channel) return [{ kind: 'loops', loops: Number(lastAt[1]) }];
  // "stop in 2 hours", "end the run after 30 more minutes", "finish 1 h from now": an end time, not a stop now
  if (!channel && new RegExp(String.raw`\b(?:stop|end|finish|quit|${WRAP_UP})\b`).test(t)) {
    const inS = durationAfter(t, /\bin\b|\bafter(?:\s+another)?\b|\bwithin\b/) ?? durationsIn(t).find((d) => /^\s*from now\b/.test(t.slice(d.index + d.length)))?.seconds;
    if (inS !== undefined && inS > 0) return [{ kind: 'endIn', inS }];
  }
  return undefined;
}

/** The position being imaged said as a point to stop at: "after the current position", "once it's done with the field it's on". */
export const POSITION_BEING_IMAGED = /\b(?:(?:this|the current|the present)\s+(?:stage\s+)?(?:position|field|well|xy point|tile)|(?:position|field|well|tile)\s+(?:it(?:'s|’s| is)|we(?:'re|’re| are))\s+(?:on|at|imaging|doing))\b/;

/** Stop-like words: a channel named → drop it; the acquisition named (or nothing) → stop; after this time point → finish; anything else → ask. */
function readStopWords({ t, channels, channel, stopVerb, config, now }: ClauseWords): Adjustment[] | undefined {
  // "cut the run short at 4 hours total", "end it after 6 h overall": the whole run's length, not a stop now
  const totalSpan = channel ? undefined : durationsIn(t).find((d) => /^\s*(?:in\s+)?(?:total|overall|all together|altogether|from the start|since the start|mark)\b/.test(t.slice(d.index + d.length)) && /\b(?:at|after)\s*$/.test(t.slice(0, d.index)));
  if (totalSpan) return [{ kind: 'duration', durationS: totalSpan.seconds }];
  // ("stop once it's done with the position it's on", "end it after the current field": the stop after the current time point)
  if (stopVerb && !channel && POSITION_BEING_IMAGED.test(t) && /\b(?:after|once|when|as soon as|done with|finished with|finishes)\b/.test(t)) return [{ kind: 'finish' }];
  // ("stop after the next time point": the one coming is the one to finish, between time points as during one)
  // ("pause after this time point", "pause at the end of this cycle": a pause said for when the time point ends is a pause, never a stop)
  if (!/\b(?:pause|paused|pausing|suspend\w*|hold)\b/.test(t) && /\b(after|at the end of|once|when) (this|the current|the present|the next|the upcoming) (time ?point|frame|round|cycle|loop|one)\b|\bfinish (the|this) (current )?(time ?point|frame|round)\b|\bwrap (?:(?:it|this|things|everything|(?:the|this) (?:run|acquisition|experiment|imaging|time[\s-]?lapse|mda|session)) )?up\b|\blast time ?point\b|\bfinish (up|off)?\s*(the (?:acquisition|experiment|run|time[\s-]?lapse|imaging|mda)|this (?:acquisition|experiment|run)|imaging|it)?(?:\s+(?:now|here|please|today))*[.!]*$/.test(t) && !channel) return [{ kind: 'finish' }];
  const aboutLight = /\b(power|exposure|intensity|brightness|ms|milliseconds?|half|halve)\b|\b(?:by|to) \d|\b(?:by|to)\s+(?:a|one)\s+(?:third|quarter|fifth|tenth|hundredth)\b/.test(t);
  if (stopVerb && channels.length && percent(t) === undefined && (!aboutLight || stopsTheLight(t)) && !/\b(every|each)\b.*\b(time ?point|frame)s?\b|\bevery (other|\d+(st|nd|rd|th))\b/.test(t)) {
    const dropped = channelsStopped(t, config);
    // ("cancel Cy5 at position 2": a channel dropped at one position only is no change a plan holds; asked, never dropped everywhere)
    const at = POSITION_SCOPE.exec(t);
    if (dropped.length && at) throw new AmbiguousCommand(`I can drop ${dropped.join(' and ')} at every position, or drop ${at[1]} with all its channels, but not ${dropped.join(' and ')} at ${at[1]} only: say which; nothing was changed`);
    if (dropped.length) return dropped.map((c) => ({ kind: 'dropChannel' as const, channel: c }));
    // "that's the GFP done, stop it": a stop verb whose object is a pronoun standing for the one channel named
    // ("Hoechst is toxic, stop imaging it", "mCherry is bleached, stop wasting light on it")
    if (channels.length === 1 && (new RegExp(String.raw`(?:^|\b)${STOP_VERB}(?:\s+[a-z]+ing(?:\s+(?:light|time|dose))?(?:\s+(?:on|with|in))?)?\s+(?:it|that|this|them|those|that one|this one)\b`).test(t) || /\b(?:turn|switch|shut|take|knock|cut)\s+(?:it|that|this|that one|this one)\s+(?:off|out)\b/.test(t)) && !ACQUISITION_WORD.test(t.replace(/\b(?:imaging|acquiring|recording)\s+(?:it|that|this|them)\b/, ''))) return [{ kind: 'dropChannel', channel: channels[0] }];
    // a stop word and a channel that are not verb and object ("remove the background in the GFP channel"): not a command to the microscope
    return [];
  }
  // "we're done", "that's it, call it a day": the end of the run (a person confirms it)
  if (!channels.length && /\bcall it (?:a day|a night|quits|here|there)\b|\bpull the plug\b(?:\s+on\s+(?:it|this|the (?:run|acquisition|experiment|imaging|time[\s-]?lapse)|this (?:run|acquisition|experiment)))?\s*(?:now|please)?[.!]*$|\b(?:we can|let'?s|we'?ll|i'?ll)\s+(?:finish|stop|end|wrap up|leave it)\s+(?:here|there|now|for (?:today|now|the day|tonight))\b|^(?:ok(?:ay)?,?\s+|right,?\s+|alright,?\s+)?that'?s (?:it|all|enough)(?: for (?:today|now|tonight))?,?\s*(?:thanks|thank you|cheers)?[.!]*$|^(?:ok(?:ay)?,?\s+|right,?\s+)?(?:we'?re|we are|i'?m|i am) (?:all )?done(?: here| now| with (?:it|this|that|the)(?: (?:acquisition|imaging|experiment|run|time[\s-]?lapse))?)?(?: for (?:today|now))?[.!]*$|\bcall it a day\b|^(?:ok(?:ay)?,?\s+|right,?\s+)?that'?s (?:it|all)(?: for (?:today|now))?(?:,? (?:stop|we'?re done))?[.!]*$/.test(withoutInterjections(t))) return [{ kind: 'stop' }];
  // "cut the light in half", "drop the laser power by 30%": an amount of light, never a stop (the light readers take it)
  if (stopVerb && !channels.length && /\b(?:light|lasers?|power|intensity|illumination|exposure|excitation)\b/.test(t) && (/\b(?:in half|by half|halve|by \d|to \d|by (?:a|one) (?:third|quarter|fifth|tenth))/.test(t) || /\d\s*(?:%|percent|x\b|ms\b)/.test(t))) return undefined;
  // a question about stopping or the end ("at what time does the run end", "what happens if I stop now?") asks, never stops
  if (stopVerb && !channels.length && ASKED.test(t)) return [{ kind: 'status', about: 'all' }];
  // "stop for a bit", "stop a sec while I refocus", "stop for a moment, I need to top up the medium": a pause until resumed
  if (stopVerb && !channels.length && briefStop(t, config)) return [{ kind: 'pause' }];
  if (stopVerb && !channels.length) {
    // ("cut it short: 50 time points in total will do", "end it at 6 h overall": a new length of the whole run, said beside a
    // word of stopping, is that length, never a stop now nor a question about one)
    const length = parseTiming(t);
    if (length && (length.kind === 'loops' || length.kind === 'duration')) return [length];
    // ("you can stop now, thanks", "go ahead and end it": the courtesy around the word is no object of it)
    // ("I think we have enough data now, stop": a remark before the comma is no object of the stop)
    // ("the dish is drying out so please abort": a reason joined by "so" is a remark too)
    const parts = t.split(/\s*,\s*|\s+(?:so|therefore|hence)\s+(?=(?:please\s+|pls\s+|just\s+)*[a-z]+\s*(?:it|that|this|now|please|everything|all)?\s*[.!]*$)/);
    const last = parts.length > 1 && parts.slice(0, -1).every((p) => isRemark(p, config) || /\benough\b/.test(p)) ? parts.at(-1)! : t;
    // ("we need to stop now, abort": every part a bare stop, or a remark, is one stop)
    const wholeParts = parts.length > 1 && parts.every((p) => isRemark(p, config) || /\benough\b/.test(p) || bareStop(p)) && parts.some(bareStop);
    // "halt imaging for half an hour", "stop for 20 min while I add the drug": a stop for a span is a pause that long (a stop is never for a while)
    const forS = durationAfter(t, /\bfor\b/);
    // ("stop for 20 min", "stop everything for 15 minutes": a bare stop once its span is read is the whole run's)
    // ("cut it short", "end it early", "finish things ahead of schedule": what ends before its planned end is the run)
    const endsEarly = /\b(?:it|this|things|everything)\s+(?:up\s+)?(?:short|early|earlier|prematurely|ahead of (?:time|schedule))\b/.test(t);
    const whole = bareStop(last) || (forS !== undefined && bareStop(withoutSpan(last))) || wholeParts || ACQUISITION_WORD.test(t) || endsEarly;
    const vague = /\b(it|that|this|them|the (laser|lasers|light|lights|lamp|led|channel|illumination|excitation|fluorescence|colou?r))\b/.test(t);
    if (whole && /\bfor (?:a (?:bit|while|moment|sec(?:ond)?|little while|short while)|a few (?:minutes|mins))\b/.test(t) && !/\b(channel|laser|light|lamp|led)\b/.test(t)) return [{ kind: 'pause' }];
    if (whole && forS !== undefined && !/\b(channel|laser|light|lamp|led)\b/.test(t)) return [{ kind: 'pause', forS }];
    if (whole && !/\b(channel|laser|light|lamp|led)\b/.test(t)) return [{ kind: 'stop' }];
    // ("since the cells are dying, end it" while one channel is imaged: "it" can only be the run, as dropping its one channel
    // would stop it; with several channels imaged it is asked)
    if (onlyPronounStopped(last, now)) return [{ kind: 'stop' }];
    if (vague || whole || /\b(channel|laser|light|lamp|led)\b/.test(t)) {
      throw new AmbiguousCommand(`do you mean to stop the whole acquisition, or to stop imaging one channel? Say "stop the acquisition" (I will ask you to confirm) or name the channel, e.g. "switch off the 488" or "drop DAPI"`);
    }
  }
  return undefined;
}

/**
 * A stop whose object is only a pronoun ("end it", "please kill it now") while the run images one channel: the run itself
 * (its one channel dropped would leave nothing to image). Never with a word of a part ("the laser", "the channel").
 */
function onlyPronounStopped(part: string, now: RunState): boolean {
  if (now.channels?.length !== 1) return false;
  return bareStop(part.replace(/\b(?:it|that|this)\b(?=\s*(?:now|immediately|right now|at once|please|pls|plz|thanks|thank you)?\s*[.!?]*$)/, '').replace(/\s+/g, ' '));
}

/**
 * The interval said to be made longer or shorter with no value: "make the interval longer", "increase / lengthen the interval",
 * "a longer interval", "time step shorter please". Undefined when the words say neither, or both.
 */
export function intervalDirection(t: string): 'longer' | 'shorter' | undefined {
  if (!INTERVAL_NOUN.test(t)) return undefined;
  const longer = /\b(?:longer|lengthen|increase|extend|raise|stretch|bigger|larger|greater|widen)\b/.test(t);
  const shorter = /\b(?:shorter|shorten|decrease|reduce|cut|lower|smaller|tighten)\b/.test(t);
  return longer === shorter ? undefined : longer ? 'longer' : 'shorter';
}

/** A question form (not a request worded as one: "can you stop it?" is a request). */
const ASKED = /^(?:(?:so|and|ok(?:ay)?|hmm+|quick question)[,:\s]+)*(?:(?:at|by|from)\s+)?(?:what|when|which|how|why|where|(?:is|are|was|were|does|did|do|has|have|will|would)\s+(?!you\b)(?:it|the|this|that|we|i|there|anything|everything|stopping|ending)\b)/;

/** The words without the span a plain "for" says ("stop for 20 min" → "stop"; "for an hour", "for half an hour", "for 1.5 h"). */
function withoutSpan(part: string): string {
  const span = durationsIn(part).find((d) => /\bfor\s+(?:(?:about|around|roughly|like|approx\.?|~|the next|another)\s+)*$/.test(part.slice(0, d.index)));
  if (!span) return part;
  const start = part.slice(0, span.index).search(/\s*\bfor\s+(?:(?:about|around|roughly|like|approx\.?|~|the next|another)\s+)*$/);
  return `${part.slice(0, start)} ${part.slice(span.index + span.length)}`.replace(/\s+/g, ' ').trim();
}


/**
 * A stop for a short while said as an idiom ("stop for a bit", "stop a sec while I refocus", "stop for a moment, I need to
 * top up the medium"): a pause until resumed, as a stop is never for a while. The reason after "while", "because",
 * "so", "until" and a remark after a comma are no part of it; nothing else may be said beside it.
 */
function briefStop(t: string, config: MicroscopeConfig): boolean {
  const parts = t.split(/\s*[,;]\s*/).map((p) => p.replace(/\s+(?:while|whilst|because|cause|cos|as|since|so|so that|until|till|til)\s+.*$/, '').trim()).filter(Boolean);
  const at = parts.findIndex((p) => SHORT_WHILE_SAID.test(p) && bareStop(p.replace(SHORT_WHILE_SAID, ' ')));
  return at >= 0 && parts.every((p, i) => i === at || isRemark(p, config));
}

/**
 * A channel's light or exposure said to stop, with no amount ("stop the blue light exposure", "no more DAPI exposure,
 * it's toxic"): that channel dropped. A verb that also means less ("cut", "drop", "lower") or an amount is a change of
 * the light, read elsewhere.
 */
function stopsTheLight(t: string): boolean {
  return /\b(?:stop|end|halt|cease|kill|no more|switch off|turn off|shut off|quit)\b/.test(t) && !/\d|\b(?:half|halve|by|less|lower|down|up|reduce|decrease|shorter|dimmer|a bit|a little|going|increasing|rising|changing|creeping|getting)\b/.test(t);
}

/**
 * An end idiom with the interjections and thanks said around it taken away ("great, we're done here, thanks!", "ok I think
 * we're done for today", "perfect, that's all, cheers"): "we're done here", "we're done for today", "that's all".
 */
function withoutInterjections(t: string): string {
  return t
    .replace(/^(?:(?:ok(?:ay)?|right|alright|all right|great|good|cool|perfect|lovely|nice|fine|excellent|super|awesome|brilliant|well|so|yes|yeah|yep|i think|i guess|i believe|looks like|seems like)\b[,!.\s]*)+(?=\S)/, '')
    .replace(/(?:[,!.\s]+(?:thanks?|thank you|thx|ty|cheers|ta|much appreciated)(?:\s+(?:so much|a lot|very much|again|for (?:the|your) help))?)+\s*[.!]*$/, '')
    .replace(/\s*[,;:]+\s*$/, '');
}

/** Nothing but a stop, with courtesy around it: "stop", "abort now", "we need to stop now", "you can end it, thanks". */
function bareStop(part: string): boolean {
  const bare = part
    .trim()
    .replace(/^(?:(?:ok(?:ay)?|right|alright|great|good|fine|so)[,\s]+)*(?:you can|you may|feel free to|go ahead and|i'?d like you to|i want you to|we need to|we have to|we must|we should|need to|have to|time to|it'?s time to|let'?s|lets|(?:can|could|would|will) you)\s+/, '')
    // ("could you stop please?": a polite ask to stop is the stop; the stop is confirmed anyway)
    .replace(/[,\s]*(?:thanks|thank you|cheers|thx|ta)\s*[.!]*$/, '')
    .replace(/\s*\?+\s*$/, '');
  // ("stop the time-lapse", "halt the imaging": the run named is the run, no part of it)
  return /^(please\s+|pls\s+|plz\s+|ok(?:ay)?,?\s+)?(stop|end|halt|abort|cancel|terminate|quit|kill|shut (?:it )?down)\s*(it\s+|(?:the|this|my|our)\s+(?:acquisition|run|time[\s-]?lapse|imaging|recording|experiment|movie|mda)\s*)?(?:(?:now|immediately|right now|everything|all|at once|please|pls|plz)\s*)*[.!]*$/.test(bare);
}

/** Words for time points: what a count of them ("the next 2 time points") counts. */
const TIME_POINTS = String.raw`(?:time[\s-]?points?|timepoints?|frames?|cycles?|rounds?|loops?|acquisitions?|passes|intervals?)`;

/**
 * "skip the next 2 time points", "miss out a cycle", "leave out the next frame": no images for that
 * many intervals, then on as before: a pause as long as that many intervals of the running plan.
 * Asked when the interval is not known; not this reader's when a channel is named ("skip GFP every
 * other frame" images a channel less often).
 */
function readSkipTimepoints({ t, channels, now }: ClauseWords): Adjustment[] | undefined {
  if (channels.length) return undefined;
  const m = new RegExp(String.raw`\b(?:skip(?:ping)?|miss(?:\s+out)?|leave out|sit out|omit|pass on|jump(?:\s+over)?|drop|hold off(?:\s+on)?|(?:do not|don'?t) (?:take|image|acquire|do|shoot|record))\s+(?:the\s+)?(next\s+)?(?:${NUMBER}\s+|(?:a\s+)?couple(?:\s+of)?\s+)?(?:more\s+)?(${TIME_POINTS})\b`).exec(t);
  if (!m) return undefined;
  const counted = m[2] !== undefined || /\bcouple\b/.test(m[0]);
  // "skip the frame" / "skip frames": no count and no "next" is no number of time points
  if (!counted && !m[1]) return undefined;
  // ("every other frame": a channel's schedule, not a gap)
  if (/\bevery\b/.test(t)) return undefined;
  const n = m[2] !== undefined ? toNumber(m[2]) : /\bcouple\b/.test(m[0]) ? 2 : 1;
  if (!(n >= 1) || !Number.isFinite(n)) return undefined;
  if (now.intervalS === undefined || now.intervalS <= 0) throw new AmbiguousCommand(`I do not know the interval of this run, so I cannot tell how long ${n} time point${n === 1 ? '' : 's'} last: say how long to pause, e.g. "pause for 10 min"; nothing was changed`);
  return [{ kind: 'pause', forS: Math.round(n * now.intervalS * 1e6) / 1e6 }];
}

/** Light damage said as a worry about the cells ("they look stressed", "we're frying them", "blebbing", "phototoxicity"). */
const LIGHT_DAMAGE = /\b(?:stressed|stressing|fry(?:ing)?|fried|cook(?:ing|ed)|bleb\w*|round(?:ing)? up|phototox\w*|photo-?damage|light damage|burn(?:ing|t|ed)?|(?:look|seem)s?\s+(?:unhappy|sick|bad|unwell|sad)|(?:don'?t|do not|doesn'?t)\s+look\s+(?:happy|good|healthy|well|great))\b/;

/** "a sec", "a second", "a moment", "a tick", "a bit": a short while said as an idiom, no span to time. */
// ("temporarily stop the time-lapse", "stop briefly": a stop said to be short is a pause too)
const A_SHORT_WHILE = /\b(?:a|one)\s+(?:sec|secs|moment|mo|tick|jiffy|bit|little\s+while|short\s+while|while)\b|\ba\s+second\b(?!\s+(?:and|or|\d))|\b(?:temporarily|briefly)\b/;
/** A short while said as an idiom after a stop, with or without "for": "for a bit", "a sec", "for a few minutes". */
const SHORT_WHILE_SAID = new RegExp(String.raw`\s*\b(?:for\s+)?(?:${A_SHORT_WHILE.source})|\s*\bfor\s+(?:a\s+)?(?:few|couple(?:\s+of)?)\s+(?:minutes|mins|secs|seconds)\b`);

/** Words for going easier on the sample without an amount: "ease up on", "go easy on", "back off", "cut back on", "tone down". */
const EASE_OFF = /\b(?:ease (?:up|off)|go (?:(?:a (?:bit|little|tad) |much |way )?(?:easy|easier|gentler|gentle|softer|lighter))|be (?:(?:a (?:bit|little|tad) |more )?(?:gentle|gentler|easier|kinder|softer))|back off|lay off|cut back|tone (?:it |things |everything |them )?down|dial (?:it |things |everything |them )?back|take it easy|turn (?:everything|it all|all (?:the )?(?:lasers|lights|light|channels)) down|turn down (?:everything|all (?:the )?(?:lasers|lights|light|channels)))\b/;

/**
 * "ease up on the green", "go easy on the 561", "turn everything down", "lay off it for a while": less
 * light (or a pause) said without how much: asked, never guessed; nothing is changed.
 */
function readEaseOff({ t, channels }: ClauseWords): Adjustment[] | undefined {
  // "the cells look stressed", "I think we're frying them": light damage said as a worry, with no amount: what would lower the dose, asked
  // (a remark beside another command is context, asked only when nothing else is read: "they look stressed, halve the 488")
  // ("the cells look stressed, cut the light in half": the command after the remark is read, not the remark)
  const worry = LIGHT_DAMAGE.exec(t);
  const afterWorry = worry ? t.slice(worry.index + worry[0].length).split(/[,;:.!?]|\s+(?:so|and|then)\s+/).slice(1).join(' ').replace(/\b(?:please|pls|thanks|i think|i guess|maybe)\b/g, '').trim() : '';
  // (a clause that names a channel or a change is that command, the worry its reason: "cut the Hoechst power in half, it's phototoxic")
  const commands = channels.length > 0 || /\b(?:cut|halve|half|lower|reduce|drop|stop|decrease|dim|turn|switch|set|change|less|down|off|skip|pause|every|interval|exposure|power|laser)\b/.test(t);
  if (worry && !afterWorry && !commands && !EASE_OFF.test(t) && !hasFigure(t)) throw new SignalComplaint(`that sounds like too much light for the cells. I can lower the dose: less power ("halve the ${channels.length ? channels[0] : '488'} power"), shorter exposure ("exposure 50 ms"), imaging less often ("every 10 min") or dropping a channel; "how much light so far?" tells you the dose. Say which; nothing was changed`, channels[0]);
  if (!EASE_OFF.test(t) || hasFigure(t)) return undefined;
  const light = channels.length > 0 || /\b(?:light|laser|lasers|power|exposure|illumination|lamp|led|intensity|everything|it all|cells|sample)\b/.test(t);
  if (light && !/\b(?:for a (?:while|bit)|for now|a break)\b/.test(t)) throw new AmbiguousCommand(`how much less light${channels.length ? ` on ${channels.join(' and ')}` : ''}? Say e.g. "halve the ${channels.length ? channels[0] : '488'} power", "${channels.length ? channels[0] : '488'} to 5%" or "exposure 50 ms"; nothing was changed`);
  throw new AmbiguousCommand('do you mean a pause or less light? Say e.g. "pause for 30 min", or how much less light ("halve the 488 power"); nothing was changed');
}

/** A figure in the words other than in a channel's name ("488", "Cy5", "af647" name channels; "5%" and "2x" are figures). */
function hasFigure(t: string): boolean {
  return /\d/.test(withoutChannelWords(t, DEMO_CONFIG));
}

/** Words that keep the rest of the plan as it is ("leave the others as they are", "the rest as is", "everything else unchanged"). */
const OTHERS_AS_THEY_ARE = /\b(?:the (?:others?|rest)|other (?:positions|channels|fields)|everything else|all (?:the )?others)\s+(?:as (?:they are|it is|is|before)|unchanged|stays?|the same|keep (?:theirs|their|going|as)|can stay|untouched|normal)\b|\bleave (?:the (?:others?|rest)|everything else|other \S+)(?:\s+(?:alone|as (?:they are|it is|is)|unchanged|be))?\b|\b(?:keep|leave) (?:the (?:others?|rest)|everything else) (?:at|on)\b/;

/** Going on said at the end of the words, after another command ("... and carry on", "..., then continue"). */
const GOES_ON_AT_THE_END = /(?:,|;|\band|\bthen)\s+(?:(?:then|just|please)\s+)?(?:keep (?:going|imaging|running)|carry on|go on|continue|resume|unpause|start (?:it )?again)(?:\s+(?:again|afterwards|after that|with (?:it|the (?:run|imaging|acquisition|time[\s-]?lapse))|please))*\s*[.!]*$/i;
/** A resume said as "keep going", "carry on": no change beside another change (the run goes on anyway). */
const GOING_ON = new WeakSet<Adjustment>();

/** Changes reckoned from the words and the running plan ("3 h shorter" of a 12 h run is 9 h): their numbers are not the words' own. */
const RECKONED = new WeakSet<Adjustment>();

/** The end `count` more time points from now ("20 more time points, then stop"), at the run's interval; asked when that is not known. */
function endAfterMoreTimePoints(count: number, now: RunState): Adjustment {
  if (!now.intervalS) throw new AmbiguousCommand(`I do not know the interval of this run, so I cannot tell when ${count} more time points end: say when to end ("end in 2 h"); nothing was changed`);
  return { kind: 'endIn', inS: Math.round(count * now.intervalS * 1e6) / 1e6 };
}

/** The run's length grown by a span: "increase the duration by 2 h", "raise the total time by 1 h", "make the experiment 2 h longer". */
const RUN_LENGTH_GROWN = /\b(?:increase|raise|lengthen|prolong|grow|bump(?:\s+up)?|up)\s+(?:the\s+|its\s+)?(?:(?:acquisition|run|experiment|imaging|time[\s-]?lapse|recording|total|overall|mda)\s+)?(?:duration|length|total(?:\s+time)?|run(?:\s*time)?|time)\s+by\s+\d|\b(?:make|keep)\s+(?:it|the\s+(?:run|acquisition|experiment|imaging|time[\s-]?lapse|recording|mda))\s+\d+(?:\.\d+)?\s*(?:h|hrs?|hours?|min|mins|minutes?|d|days?)\s+longer\b/;

/**
 * How long the run goes on, said against what is planned: "cut the run short by 3 hours", "shorten it by
 * 2 h" (the planned duration less that; asked when the plan is not known), "I only need 2 more hours"
 * (the end that long from now), "run until 100 frames" (the number of time points).
 */
function readSpan({ t, channel, now }: ClauseWords): Adjustment[] | undefined {
  if (channel) return undefined;
  // ("increase the acquisition duration by 2 hours", "make the experiment 2 hours longer": the run's length grown by a span is
  // that much more of it, never the span as its new length)
  const grown = RUN_LENGTH_GROWN.exec(t);
  const grownBy = grown ? durationsIn(t).filter((d) => !/ms|milli/.test(t.slice(d.index, d.index + d.length))) : [];
  if (grown && grownBy.length === 1 && !/\bevery\b|\binterval\b/.test(t)) return [{ kind: 'extend', extraS: grownBy[0].seconds }];
  const shorter = /\b(?:cut|shorten|trim|reduce|shave|bring forward|end|finish|stop)\b/.test(t) ? durationAfter(t, /\b(?:short(?:er)?\s+)?by\b|\b(?:shorten|trim|shave|cut)\s+(?:off\s+)?/) : undefined;
  const earlier = durationsIn(t).find((d) => /^\s*(?:shorter|less|earlier|sooner|early)\b/.test(t.slice(d.index + d.length)));
  const less = shorter ?? (earlier && /\b(?:run|experiment|acquisition|imaging|time[\s-]?lapse|it|end|finish|stop)\b/.test(t) ? earlier.seconds : undefined);
  if (less !== undefined && less > 0 && /\b(?:short|shorten|shorter|trim|shave|less|earlier|sooner|early|cut)\b/.test(t)) {
    if (now.durationS === undefined) throw new AmbiguousCommand(`I do not know how long this run is planned for, so I cannot take ${fmtSpan(less)} off it: say the new total ("run 6 h in total") or when to end ("end in 2 h"); nothing was changed`);
    if (now.durationS - less <= 0) throw new AmbiguousCommand(`the run is planned for ${fmtSpan(now.durationS)}: taking ${fmtSpan(less)} off leaves nothing; to end it, say "stop the acquisition" (you will be asked to confirm); nothing was changed`);
    const change: Adjustment = { kind: 'duration', durationS: now.durationS - less };
    RECKONED.add(change);
    return [change];
  }
  // "I only need 2 more hours", "just another 30 min and we're done": the end that long from now
  const only = /\b(?:only|just)\s+(?:(?:need|want|needs|have|got)\s+(?:to\s+(?:image|run|go)\s+)?)?(?:for\s+)?(?:another|a further)?\s*/.exec(t);
  if (only && /\b(?:more|another|further|left|longer)\b/.test(t)) {
    const inS = leadingSpan(t.slice(only.index + only[0].length));
    if (inS !== undefined && inS > 0) return [{ kind: 'endIn', inS }];
  }
  // "keep going 2 more hours", "let the run continue one more hour": the run that much longer (with "then finish" after it,
  // the end that long from now: parseAdjustment reads the two together)
  const goingOn = /\b(?:keep (?:going|imaging|running|it (?:going|running))|let (?:it|the (?:run|acquisition|imaging|time[\s-]?lapse)) (?:go|run|continue)(?: on)?|carry on|go on|continue|run (?:it )?for)\b/.test(t);
  const moreSpan = durationsIn(t).find((d) => /^\s*(?:more|longer|extra)\b/.test(t.slice(d.index + d.length)) || /\b(?:one more|\d+ more)\s*$/.test(t.slice(0, d.index)));
  // ("2 more hours", "one more hour": the number, then "more", then its unit)
  const countMore = /\b(\d+(?:\.\d+)?|one)\s+more\s+(hours?|hrs?|h|minutes?|mins?|min|seconds?|secs?|s)\b/.exec(t);
  const moreS = moreSpan?.seconds ?? (countMore ? (countMore[1] === 'one' ? 1 : Number(countMore[1])) * unitSeconds(countMore[2]) : undefined);
  if (goingOn && moreS !== undefined && moreS > 0 && !/\bevery\b|\binterval\b|\bfor\b/.test(t)) return [{ kind: 'extend', extraS: moreS }];
  // "we only need 4 hours of imaging", "6 h of data is enough": the run's whole length
  const needed = /\b(?:only|just)\s+(?:need|want|needs)\s+(?:about\s+)?/.exec(t) ?? /^(?:about\s+)?(?=\d)/.exec(t);
  const neededSpan = needed ? durationsIn(t.slice(needed.index + needed[0].length))[0] : undefined;
  if (needed && neededSpan && neededSpan.index === 0 && /^\s*(?:of\s+(?:imaging|data|acquisition|recording|time[\s-]?lapse|movie)|(?:of\s+\w+\s+)?(?:is|are|will be|would be)\s+(?:enough|plenty|fine|sufficient))\b/.test(t.slice(needed.index + needed[0].length + neededSpan.length))) return [{ kind: 'duration', durationS: neededSpan.seconds }];
  // "run until 24 h", "keep going till the 36 h mark": the run's whole length, counted from its start
  const untilSpan = /\b(?:run|go|continue|keep (?:going|imaging|running)|image|carry on|extend(?: it)?)\b.*\b(?:until|till|til|up to|to)\s+(?:the\s+)?/.exec(t);
  if (untilSpan && !/\b(?:more|another|extra|from now|longer)\b/.test(t)) {
    const rest = t.slice(untilSpan.index + untilSpan[0].length);
    const span = durationsIn(rest)[0];
    if (span && span.index === 0 && /^\s*(?:mark|point|total|in total|from the start|since the start|overall)?\s*[.!]*$/.test(rest.slice(span.length))) return [{ kind: 'duration', durationS: span.seconds }];
  }
  // "end after 100 more frames", "20 more time points, then stop", "only 10 more frames": the end that many intervals from now
  // ("run for another 30 frames", "keep going another 20 time points": as many more, the end that many intervals from now)
  // ("add 20 more time points", "extend by 10 loops", "tack on another 5 frames": the plan made that many intervals longer, stop 47)
  const added = new RegExp(String.raw`\b(?:add|extend(?:\s+(?:it|the run|the acquisition|the experiment|the time[\s-]?lapse|the imaging))?\s+by|tack on|append)\s+(?:another\s+)?(\d+)\s+(?:more\s+|extra\s+|additional\s+)?(?:time[\s-]?points?|timepoints?|frames?|cycles?|rounds?|loops?)\b`).exec(t);
  if (added) {
    if (!now.intervalS) throw new AmbiguousCommand(`I do not know the interval of this run, so I cannot tell how long ${added[1]} more time points take: say how much longer ("another 2 h"); nothing was changed`);
    const change: Adjustment = { kind: 'extend', extraS: Math.round(Number(added[1]) * now.intervalS * 1e6) / 1e6 };
    RECKONED.add(change);
    return [change];
  }
  const more = new RegExp(String.raw`\b(\d+)\s+more\s+(?:time[\s-]?points?|timepoints?|frames?|cycles?|rounds?|loops?)\b|\banother\s+(\d+)\s+(?:time[\s-]?points?|timepoints?|frames?|cycles?|rounds?|loops?)\b`).exec(t);
  if (more && (/\b(?:stop|end|finish|quit|only|just|then (?:stop|end)|and (?:stop|end)|wrap)\b/.test(t) || END_IN_CLAUSE.test(t) || (more[2] !== undefined && /\b(?:run|keep|continue|go on|carry on|image|imaging|acquire|record|take|do|go for)\b/.test(t)))) {
    const change = endAfterMoreTimePoints(Number(more[1] ?? more[2]), now);
    RECKONED.add(change);
    return [change];
  }
  // "run until 100 frames", "keep going till time point 200"
  const until = /\b(?:until|till|til|up to)\s+(?:(?:time ?point|frame)\s*#?\s*)?(\d+)\s*(time ?points|frames|timepoints|loops|cycles)?\b/.exec(t);
  if (until && (until[2] || /\b(?:time ?point|frame)\s*#?\s*\d/.test(until[0]))) return [{ kind: 'loops', loops: Number(until[1]) }];
  return undefined;
}

/** The span at the start of the words, s ("2 more hours of imaging"). */
function leadingSpan(t: string): number | undefined {
  const d = durationsIn(t)[0];
  return d && d.index === 0 ? d.seconds : undefined;
}

function fmtSpan(s: number): string {
  return describeAdjustment({ kind: 'extend', extraS: s }).replace(/^run (.*) longer$/, '$1');
}

/** "10 min instead of 5", "20 s instead of 1 min": the new span and the old one (in the new one's unit when it has none), s. */
function spanInsteadOf(t: string): { newS: number; oldS: number } | undefined {
  const m = /^(?:(?:ok(?:ay)?|let'?s (?:do|go with|try)|please|maybe|actually|rather|make it|go (?:for|with))[,\s]+)*(\d+(?:\.\d+)?)\s*(s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?)\s+instead of\s+(?:the\s+)?(?:current\s+)?(\d+(?:\.\d+)?)\s*(s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?)?\s*(?:please)?[.!]*$/.exec(t);
  if (!m) return undefined;
  return { newS: Number(m[1]) * unitSeconds(m[2]), oldS: Number(m[3]) * unitSeconds(m[4] ?? m[2]) };
}

/**
 * An autofocus schedule ("AF every 3rd frame", "refocus before each time point", "autofocus every 10 min",
 * "stop autofocusing"): read before the stop words, so ending the schedule never ends the run.
 * "autofocus once" is the one-time autofocus.
 */
function readAutofocusSchedule({ t }: ClauseWords): Adjustment[] | undefined {
  const said = autofocusScheduleSaid(t);
  if (!said) return undefined;
  if (said.off) return [{ kind: 'noAutofocusSchedule' }];
  if (said.everyTimepoints === 0) return [{ kind: 'autofocus' }];
  return [{ kind: 'autofocusSchedule', ...(said.everyS !== undefined ? { everyS: said.everyS } : { everyTimepoints: said.everyTimepoints }), ...(said.eachPosition ? { eachPosition: true } : {}) }];
}

/** Pause (for a while), resume, autofocus. */
function readRunControl({ t, channels, config, now }: ClauseWords): Adjustment[] | undefined {
  // "pause the DAPI channel for now", "suspend the 488": a channel paused is a channel dropped (brought back by "add DAPI"),
  // never the whole acquisition paused
  if (channels.length && /\b(?:pause|suspend|hold off(?: on)?|put on hold)\b/.test(t)) {
    const dropped = channelsStopped(t.replace(/\b(?:pause|suspend|hold off(?: on)?|put on hold)\b/g, 'stop'), config);
    if (dropped.length) return dropped.map((c) => ({ kind: 'dropChannel' as const, channel: c }));
  }
  // "pause position 2", "suspend the third field, the others carry on": one position paused is that position left out (brought
  // back by "for <a span>" or by adding it again), never the whole acquisition paused
  const pausedPosition = !channels.length && /\b(?:pause|suspend|hold off(?: on)?|put\s+(?:[\w-]+\s+){0,3}on hold|freeze)\b/.test(t) ? positionNamed(t, now) : undefined;
  if (pausedPosition) return [{ kind: 'dropPosition', position: pausedPosition }];
  // "give me two minutes", "give us a sec": the time asked for is a pause that long (the speaker does something meanwhile)
  const giveMe = /^(?:(?:ok(?:ay)?|please|pls|just|hang on|hold on|wait)[,\s]+)*(?:can you\s+|could you\s+)?give\s+(?:me|us)\s+(?:((?:a|one)\s+(?:sec(?:ond)?|min(?:ute)?|moment|mo|tick|bit)\b|(?:a\s+)?(?:few|couple(?:\s+of)?)\s+(?:minutes|mins|secs|seconds)\b)|(?=\d|half|an?\s|one|two|three|four|five|ten|fifteen|twenty|thirty))/.exec(t);
  if (giveMe) {
    // ("give me a sec", "a few minutes": a while no one measures, a pause until resumed)
    if (giveMe[1]) return [{ kind: 'pause' }];
    const span = durationsIn(t).find((d) => d.index === giveMe[0].length || /^\s*$/.test(t.slice(giveMe[0].length, d.index)));
    if (span) return [{ kind: 'pause', forS: span.seconds }];
  }
  // ("can you pause for 10 min": a polite ask opens the command as "please" does)
  if (/^(?:(?:please|pls|ok(?:ay)?,?|just|(?:can|could|would|will)\s+you(?:\s+please)?)\s+)*(pause|hold on|hold it|hold for|hold off|wait|suspend|interrupt|freeze)\b|\b(?:do|make|have|take|put in)\s+(?:(?:a|an)\s+)?(?:short\s+|quick\s+|brief\s+|\S+[\s-](?:min(?:ute)?|hour|h|hr|sec(?:ond)?|s)s?\s+)?pause\b|\b(?:put|keep|place)\s+(?:it|the acquisition|the run|imaging|everything|the time[\s-]?lapse|the mda|the experiment|the recording)\s+on (?:hold|pause)\b|\b(pause|hold|suspend|interrupt|freeze)\s+(the\s+|all\s+)?(acquisition|imaging|run|it|everything|time[\s-]?lapse|recording|experiment)\b|\btake an? (?:short |quick |brief |\S+[\s-](?:min(?:ute)?|hour|h|hr|sec(?:ond)?|s)s? )?break\b|\bgive\s+(?:the\s+)?(?:cells|sample|them|it|everything)\s+an?\s+(?:short |quick |brief |\S+[\s-](?:min(?:ute)?|hour|h|hr)s? )?(?:rest|break|breather|pause)\b|^(?:please\s+|ok(?:ay)?,?\s+|just\s+)?halt\b(?=.*\bfor\b)|\blet\s+(?:the\s+)?(?:cells|sample|them)\s+(?:rest|recover)\b/.test(t)) {
    // "pause for 5 min", "pause 5 min", "wait 10 minutes", "take a 15 minute break"
    const spans = durationsIn(t);
    const breakSpan = /\b(?:break|rest|breather|recover|pause)\b/.test(t) ? spans : [];
    // "hold on for 10": a number without its unit is asked, never taken for minutes
    const unitless = /\bfor\s+(\d+(?:\.\d+)?)\s*(?:more\s*)?[.!]*$/.exec(t);
    if (unitless) throw new AmbiguousCommand(`pause for ${unitless[1]} what? Say the unit, e.g. "pause for ${unitless[1]} min"; nothing was changed`);
    // ("pause imaging till I'm back, 15 min": the one span said in figures is how long)
    const figures = spans.filter((d) => /^\d/.test(t.slice(d.index)) && !/\b(?:every|each|at)\s+$/.test(t.slice(0, d.index)));
    // ("pause in 10 min", "take a break after half an hour": when to pause, not how long; a pause is made when it is said)
    const delay = spans.find((d) => /\b(?:in|after|within)\s+(?:another\s+|about\s+|around\s+)?$/.test(t.slice(0, d.index)));
    // ("pause and resume in 20 min": the span says when it goes on, a pause that long)
    if (delay && !/\bfor\b|\b(?:resume|continue|restart|carry on|go on|back|start again|unpause|pick (?:it )?up)\b/.test(t)) throw new AmbiguousCommand(`I pause when you say it, not later by itself ("${t.slice(delay.index, delay.index + delay.length).trim()}" from now), so nothing was changed: say "pause" when it is due, or "pause for 20 min" for a pause that ends by itself`);
    // ("hold it there for a sec while I add the drug", "wait a second": a short while said as an idiom is no span of 1 s;
    // the pause lasts until resumed)
    const forS = figures.length === 0 && A_SHORT_WHILE.test(t) ? undefined : durationAfter(t, /\bfor\b|\b(?:pause|wait|hold(?: off)?)\b(?:\s+(?:it|the acquisition|imaging))?|\bon hold\b/) ?? (breakSpan.length === 1 ? breakSpan[0].seconds : undefined) ?? (figures.length === 1 ? figures[0].seconds : undefined);
    return [{ kind: 'pause', ...(forS !== undefined ? { forS } : {}) }];
  }
  // "resume in 20 minutes", "carry on after 10 min", "back in half an hour": a pause that ends by itself then
  const resumeIn = /^(?:please\s+|ok(?:ay)?,?\s+|right,?\s+|then\s+)?(?:resume|continue|restart|start again|carry on|go on|pick (?:it )?(?:up|back up)|(?:come|be|get going)\s+back|back)\b(?:\s+(?:it|imaging|the acquisition|the run))?\s+(?:in|after)\s+/.exec(t);
  const resumeAfter = resumeIn ? durationAfter(t.slice(resumeIn[0].length - 1), /^\s*/) : undefined;
  if (resumeAfter !== undefined && resumeAfter > 0) return [{ kind: 'pause', forS: resumeAfter }];
  // "resume automatically", "resume by itself": what a pause of a set length does anyway
  if (/^(?:then\s+)?(?:resume|continue|carry on|start again)\s+(?:automatically|by itself|on its own|afterwards|after that)\s*[.!]*$/.test(t)) return [{ kind: 'resume' }];
  // ("go back to imaging every 5 min": the interval said is the change, not a resume)
  if (!/\bback to\b.*\bevery\b/.test(t) && /^(please\s+|ok(?:ay)?,?\s+|right,?\s+)?(?:(?:we|you)\s+(?:can|may|could)\s+(?:now\s+)?)?(resume|continue|unpause|un-pause|carry on|go on|keep going|restart the (?:acquisition|imaging|time[\s-]?lapse|run|recording|experiment|mda)|start again|(?:stop|end|cancel|break|lift|finish)\s+the\s+pause|unfreeze|go back to (?:imaging|acquiring|the acquisition|the time[\s-]?lapse)|back to (?:imaging|acquiring|it)|pick (?:it )?(?:up|back up) again|start imaging again)\b(?!.*\bfor\b)/.test(t)) return [{ kind: 'resume' }];
  // ("restart imaging", "go again", "set it going again", "switch imaging back on": the run going again, said alone)
  if (/^(?:please\s+|ok(?:ay)?,?\s+|right,?\s+|(?:all\s+)?done,?\s+|ready,?\s+)*(?:restart(?:\s+(?:imaging|acquiring|acquisition|recording|it))?|(?:go|run|start|get going)(?:\s+it)?\s+again|(?:set|get)\s+(?:it|things|imaging)\s+(?:going|running)\s+again|let\s+it\s+(?:run|go)\s+again|(?:switch|turn|put)\s+(?:it|imaging|the (?:acquisition|run|time[\s-]?lapse))\s+back\s+on|(?:imaging|acquisition|the (?:acquisition|run|imaging|time[\s-]?lapse))\s+back\s+on)(?:\s+(?:now|please))*\s*[.!]*$/.test(t)) return [{ kind: 'resume' }];
  if (/\b(autofocus|auto-focus|refocus|re-focus|find focus|focus again)\b|\b(?:fix|correct|sort out|redo|re-?do|adjust)\s+(?:the\s+)?focus\b|\bfocus\b.*\b(?:drift\w*|is off|went off|lost|gone)\b.*\b(?:fix|correct|sort)\b/.test(t)) {
    // a periodic autofocus is no one-time command: asked, never done once with "every N" dropped
    if (/\b(?:every|each|always|throughout|continuous(?:ly)?|constantly|all the time|from now on|(?:for|during) the (?:whole|entire|rest of the) (?:run|time|acquisition|experiment|time[\s-]?lapse)|keep\b.*\bon|lock(?:ed)?|engaged?)\b/.test(t)) throw new AmbiguousCommand('how often should I autofocus? Say e.g. "autofocus every time point", "autofocus every 3rd frame" or "autofocus every 30 min" (a schedule), "autofocus" (once, before the next time point), or the rule "whenever it goes out of focus, autofocus"; nothing was changed');
    return [{ kind: 'autofocus' }];
  }
  return undefined;
}

/** Zoom on a cell, an objective, a stage move. */
function readZoomOrMove({ t, now }: ClauseWords): Adjustment[] | undefined {
  const zoom = parseZoom(t);
  if (zoom) return [zoom];
  const move = parseMove(t);
  // ("move position 2 by 50 um to the right", "shift pos 3 50 um left": the position of the run named is the one moved)
  if (move?.kind !== 'moveStage' || (move.xUm === undefined && move.yUm === undefined)) return move ? [move] : undefined;
  const position = positionNamed(t, now);
  return [position !== undefined ? { ...move, position } : move];
}

/** Where: z-stacks, positions, grids. */
function readWhere({ t, config, now }: ClauseWords): Adjustment[] | undefined {
  // ("raise the stack by 2 µm", "move the z range up 2 microns": the stack moved as a whole, never its new range)
  const shifted = stackShiftUm(t);
  if (shifted !== undefined) return [{ kind: 'moveStage', zUm: shifted, relative: true }];
  const z = parseZPlan(t, now.zPlan);
  if (z && !/\bevery\b.*\b(s|sec|seconds?|min|minutes?|h|hours?)\b/.test(t)) return [{ kind: 'zPlan', zPlan: z }];
  const listed = parsePositionList(t);
  if (listed.length && /\bpositions?|\bat\b|\bfields?\b|\bimage\b/.test(t)) return [{ kind: 'positions', positions: listed }];
  // ("do 2 by 2 fields from now": rows by columns of fields are a grid, never that many positions)
  const grid = parseGrid(t);
  if (grid) return [{ kind: 'grid', grid }];
  const count = positionCount(t);
  if (count && count > 1) return [{ kind: 'positions', positions: spreadPositions(count, config).positions }];
  if (/\b(no|remove|drop|without)\b.*\b(grid|tiles?|tiling|mosaic)\b/.test(t)) return [{ kind: 'grid', grid: null }];
  return undefined;
}

/** The words with the channels named taken out ("cy5 and dapi on" → " and  on"). */
function withoutChannelWords(t: string, config: MicroscopeConfig): string {
  let out = t;
  for (const m of findChannels(t, config).reverse()) out = out.slice(0, m.index) + ' ' + out.slice(m.index + m.text.length);
  return out.replace(/\s+/g, ' ').trim();
}

/** Channels added, or imaged every Nth time point. */
function readChannels({ t, channels, channel, config }: ClauseWords): Adjustment[] | undefined {
  const nth = everyNth(t);
  const adding = /\b(add|include|also image|start imaging|image also|turn on|switch on|bring in|bring back|re-?enable|enable)\b|\b(?:turn|switch|put|bring)\b.*\b(?:back\s+)?on\b\s*(?:again|please|now)?\s*[.!]?$|\b(?:turn|switch)\b[^,.;]*?\bon\s+(?:with|at|using)\b|\bback(?:\s+(?:in|on))?\s*(?:again|please|now)?\s*[.!]?$|\balso (?:take|acquire|record|grab|collect|do|shoot|capture|get|have|image)\b|\b(?:too|as well)\s*[.!]?$/.test(t) && !(/\b(?:too|as well)\s*[.!]?$/.test(t) && /\d\s*(?:%|percent|ms)\b|\d\s*%/.test(t));
  // "Cy5 on pls", "far red back on": nothing but the channels, on and courtesy
  const bareOn = channels.length > 0 && /^(?:(?:the|and|,|&|\+|channels?|lasers?|lines?|please|pls|plz|now)\s*)*(?:back\s+)?on\b(?:\s*(?:again|please|pls|plz|now|too|as well|from now on|thanks))*\s*[.!]*$/.test(withoutChannelWords(t, config));
  // ("also the DAPI channel", "plus the red", "also Texas Red please": nothing but the channels and a word of adding)
  const bareAlso = channels.length > 0 && /\b(?:also|plus|too|as well)\b/.test(t) && /^(?:(?:also|plus|and|the|channels?|lasers?|lines?|please|pls|plz|now|too|as well|,|&|\+)\s*)+[.!]*$/.test(withoutChannelWords(t, config));
  if ((adding || bareOn || bareAlso) && channels.length) {
    const exp = exposureMs(t);
    const pct = percent(t);
    return channels.map((c) => ({ kind: 'addChannel' as const, channel: c, ...(exp !== undefined ? { exposureMs: exp } : {}), ...(pct !== undefined ? { powerPercent: pct } : {}), ...(nth ? { acquireEvery: nth } : {}) }));
  }
  if (nth && channel) return [{ kind: 'acquireEvery', channel, every: nth }];
  // "image mCherry less often", "the red one not as often": that channel every other time point, the run's own pace kept
  // (a vague amount, "a bit less often", is asked; a channel cannot be imaged more often than the run's time points)
  if (channel && channels.length === 1 && !hasFigure(t) && /\b(?:less|not as) (?:often|frequently)\b|\bmore rarely\b/.test(t)) {
    if (VAGUE_AMOUNT.test(t)) throw new AmbiguousCommand(`how much less often for ${channel}? Say e.g. "${channel} every other time point" or "${channel} every 3rd time point"; nothing was changed`);
    return [{ kind: 'acquireEvery', channel, every: 2 }];
  }
  if (channel && channels.length === 1 && !hasFigure(t) && /\bmore (?:often|frequently)\b/.test(t)) throw new AmbiguousCommand(`${channel} is imaged at the run's time points; to image it more often, make the whole run faster (e.g. "every 2 min") and image the other channels every Nth time point; nothing was changed`);
  // "image every other time point", "skip every other frame", "only take every 3rd frame": every channel that often, the interval times N
  if (nth && nth > 1 && !channels.length && /\b(?:image|imaging|acquire|take|grab|record|capture|skip|only|just|keep)\b/.test(t) && !/\b(?:z[\s-]?stacks?|stacks?|tiles?|grid|autofocus|focus)\b/.test(t)) return [{ kind: 'intervalFactor', factor: nth }];
  return undefined;
}

function readTiming({ t, channel, now }: ClauseWords): Adjustment[] | undefined {
  // "10 min instead of 5", "3 h rather than 12": a span said instead of the run's current interval or length is the new one
  const replaced = !channel ? spanInsteadOf(t) : undefined;
  if (replaced && replaced.oldS === now.intervalS) return [{ kind: 'interval', intervalS: replaced.newS }];
  if (replaced && replaced.oldS === now.durationS) return [{ kind: 'duration', durationS: replaced.newS }];
  const by = intervalChangedBy(t);
  if (by !== undefined) {
    if (now.intervalS === undefined) throw new AmbiguousCommand(`I do not know the interval now, so I cannot change it by ${fmtSpan(Math.abs(by))}: say the new interval, e.g. "every 10 min"; nothing was changed`);
    if (now.intervalS + by < 0) throw new AmbiguousCommand(`the interval is ${fmtSpan(now.intervalS)}: it cannot be ${fmtSpan(-by)} shorter; say the new interval; nothing was changed`);
    const change: Adjustment = { kind: 'interval', intervalS: now.intervalS + by };
    RECKONED.add(change);
    return [change];
  }
  const time = parseTiming(t);
  const everywhere = /\b(?:all|every|each|both) (?:the )?(?:positions|fields|sites)\b|\beverywhere\b/.test(t);
  // ("the interval to 10 min for positions 1 and 2", "pos 1 and 3 every 2 min": one position at a time can have its own
  // interval, so several are refused in one line, never applied to one of them or to all)
  const several = (time?.kind === 'interval' || time?.kind === 'intervalFactor') && !channel && !everywhere ? positionsNumbered(t) : [];
  if (several.length > 1) {
    throw new AmbiguousCommand(`one position at a time can have its own interval (the others keep the run's), not ${several.every((p) => /^\d+$/.test(p)) ? 'positions ' : ''}${several.join(' and ')} together: say one position, or the interval for every position; nothing was changed`);
  }
  // "image position 2 every minute, leave the others as they are": the interval at that position only (the others keep theirs)
  const position = time?.kind === 'interval' && !channel ? positionNamed(t, now) : undefined;
  // ("image position 1 every 2 min": a position named with an interval is where it applies, never dropped)
  if (time?.kind === 'interval' && position && !/\b(?:all|every|each|both) (?:the )?(?:positions|fields|sites)\b|\beverywhere\b/.test(t)) {
    // (a number is the position's place in the list, as for dropping one: the microscope resolves it)
    if (/^\d+$/.test(position) && now.positions !== undefined && Number(position) > now.positions) throw new AmbiguousCommand(`this run has ${now.positions} position${now.positions === 1 ? '' : 's'}: there is no position ${position}; nothing was changed`);
    return [{ ...time, onlyAt: position }];
  }
  // ("image position 3 more often": how often at that position is asked, never a change of every position)
  // (kept for the interval another clause gives: "image position 3 more often, every 2 min"; asked at the end otherwise)
  const at = time?.kind === 'intervalFactor' && !channel ? positionNamed(t, now) : undefined;
  if (at && time && !/\b(?:all|every|each|both) (?:the )?(?:positions|fields|sites)\b|\beverywhere\b/.test(t)) {
    FACTOR_AT.set(time, at);
    return [time];
  }
  // "DAPI just once an hour, the rest as is", "only image mCherry every 30 min": that channel every Nth time point of the run's interval
  if (time?.kind === 'interval' && channel && (OTHERS_AS_THEY_ARE.test(t) || /\b(?:just|only)\s+(?:once|every)\b/.test(t))) {
    const every = now.intervalS ? time.intervalS / now.intervalS : NaN;
    if (!(Math.abs(every - Math.round(every)) < 0.01 && Math.round(every) >= 1)) {
      throw new AmbiguousCommand(`a channel can be imaged every Nth time point of the run${now.intervalS ? ` (every ${fmtSpan(now.intervalS)})` : ''}, not every ${fmtSpan(time.intervalS)}: say e.g. "${channel} every 3rd time point"; nothing was changed`);
    }
    const change: Adjustment = { kind: 'acquireEvery', channel, every: Math.round(every) };
    RECKONED.add(change);
    return [change];
  }
  // "take a z-stack every hour": a part of the plan on a schedule of its own, never the interval of everything
  if (time?.kind === 'interval' && /\b(?:z[\s-]?stacks?|stacks?|tiles?|tiling|grid|mosaic|snap(?:shot)?s?|autofocus)\b/.test(t) && /\b(?:take|do|acquire|grab|run|make)\s+(?:a|an|one)\b/.test(t)) {
    throw new AmbiguousCommand('I can change the interval of the whole acquisition ("every 10 min"), or add a z-stack or a grid to every time point ("add a z-stack: 7 planes, 2 µm apart"), but not run one part on a schedule of its own: which do you want? Nothing was changed');
  }
  return time ? [time] : undefined;
}

/** The channels said to stay as they are ("561 unchanged", "leave DAPI as it is", "keep mCherry the same"). */
function channelsKept(t: string): string[] {
  const kept: string[] = [];
  for (const m of findChannels(t)) {
    const after = t.slice(m.index + m.text.length);
    const before = t.slice(0, m.index);
    if (/^(?:\s+(?:channel|laser|line))?\s*(?::\s*)?(?:is\s+|stays?\s+|remains?\s+|can stay\s+)?(?:unchanged|untouched|as (?:it is|is|before)|the same|alone|stays?|fine)\b/.test(after) || /\b(?:keep|leave|don'?t (?:touch|change))\s+(?:the\s+)?$/.test(before)) kept.push(m.preset);
  }
  return kept;
}

/** A part of the z-stack a share is said of: its step, its range, its number of planes. */
const Z_PART = /\b(?:z[\s-]?)?(?:step(?:\s*size)?|spacing)\b|\b(?:number of |no\.? of |# of )?(?:z[\s-]?)?(?:slices|planes|sections)\b|\b(?:z[\s-]?)?(?:range|stack(?:\s+(?:size|height|depth|range))?)\b/;

/**
 * "half the z step", "double the number of slices", "triple the z range": the running z-stack with that
 * part scaled (a step halved keeps the range, a count doubled keeps the range); asked when there is no
 * z-stack; undefined when the words scale no part of the z-stack or name light.
 */
function zPlanScaled(t: string, now: RunState): Adjustment[] | undefined {
  const share = /\b(half|halve|double|twice|triple|three times)\b/.exec(t);
  const part = Z_PART.exec(t);
  if (!share || !part || /\b(?:power|laser|light|intensity|exposure|interval|expos\w*)\b/.test(t) || hasFigure(t)) return undefined;
  const factor = /^(?:half|halve)$/.test(share[1]) ? 0.5 : /^(?:double|twice)$/.test(share[1]) ? 2 : 3;
  const z = now.zPlan ? zPositionsUm(now.zPlan).positionsUm : undefined;
  if (!z || z.length < 2) throw new AmbiguousCommand(`this run has no z-stack whose ${part[0]} I could change: say the stack, e.g. "11 planes, 0.5 µm apart"; nothing was changed`);
  const rangeUm = Math.round((Math.max(...z) - Math.min(...z)) * 1e6) / 1e6;
  const stepUm = Math.round((rangeUm / (z.length - 1)) * 1e6) / 1e6;
  const round = (v: number) => Math.round(v * 1e6) / 1e6;
  // (the step scaled keeps the range; the count scaled keeps the range with a step to match; the range scaled keeps the step)
  if (/step|spacing/.test(part[0])) return [{ kind: 'zPlan', zPlan: { rangeUm, stepUm: round(stepUm * factor) } }];
  if (/slices|planes|sections/.test(part[0])) {
    const planes = Math.max(2, Math.round((z.length - 1) * factor) + 1);
    return [{ kind: 'zPlan', zPlan: { rangeUm, stepUm: round(rangeUm / (planes - 1)) } }];
  }
  return [{ kind: 'zPlan', zPlan: { rangeUm: round(rangeUm * factor), stepUm } }];
}

/** "2 more z slices", "one extra plane", "4 fewer planes", "3 slices more", "another 2 planes": planes added or taken away. */
const Z_COUNTED = new RegExp(String.raw`(?:\b(?:another|an?\s+(?:additional|extra))\s+)?\b${NUMBER}\s+(?:(more|extra|additional|fewer|less)\s+)?(?:z[\s-]?)?(?:slices?|planes?|sections?)(?:\s+(more|fewer|less|extra))?\b`);

/** Planes said to go at both ends of the stack ("above and below", "on each side", "top and bottom"), right after their count. */
const Z_AT_EACH_END = /^\s+(?:(?:both\s+)?above\s+and\s+below|below\s+and\s+above|on\s+(?:each|either|both)\s+sides?|at\s+(?:each|either|both)\s+ends?|(?:at\s+)?(?:the\s+)?top\s+and\s+(?:the\s+)?bottom)\b/;

/**
 * "add 2 more z slices", "2 extra planes", "4 fewer planes", "take another 2 slices": the running z-stack with that many
 * planes more (or fewer) at its step, centred as before; asked when there is no z-stack. Undefined when the words
 * change the count by no number said ("11 planes" is the count itself, read by the z plan's reader).
 */
function zPlanCounted(t: string, now: RunState): Adjustment[] | undefined {
  const m = Z_COUNTED.exec(t);
  if (!m) return undefined;
  const more = m[2] ?? m[3];
  const another = /^(?:another|an?\s+(?:additional|extra))\b/.test(m[0]);
  const fewer = more !== undefined && /^(?:fewer|less)$/.test(more) || (more === undefined && /\b(?:remove|drop|take away|delete|cut|lose)\b/.test(t.slice(0, m.index)));
  // ("add 2 planes above and below", "put 3 slices on each side": planes added, that many at each end of the stack)
  const eachEnd = Z_AT_EACH_END.test(t.slice(m.index + m[0].length));
  // ("add 2 planes": the count right after the verb, to a stack the run has; "add a z-stack of 5 planes" is a stack of its own)
  const added = more === undefined && !fewer && (eachEnd ? /\b(?:add|adding|include|put|take|image)\b/ : /\b(?:add|adding)\s+$/).test(t.slice(0, m.index)) && !!now.zPlan;
  if (more === undefined && !another && !fewer && !added) return undefined;
  const n = toNumber(m[1]) * (eachEnd ? 2 : 1);
  if (!Number.isFinite(n) || n < 1 || n !== Math.round(n)) return undefined;
  const z = now.zPlan ? zPositionsUm(now.zPlan).positionsUm : undefined;
  if (!z || z.length < 2) throw new AmbiguousCommand(`"${m[0].trim()}": this run has no z-stack to ${fewer ? 'take planes from' : 'add planes to'}; say the stack to image, e.g. "11 planes, 0.5 µm apart"; nothing was changed`);
  const round = (v: number) => Math.round(v * 1e6) / 1e6;
  const stepUm = round((Math.max(...z) - Math.min(...z)) / (z.length - 1));
  const planes = z.length + (fewer ? -n : n);
  if (planes < 1) throw new AmbiguousCommand(`the z-stack has ${z.length} planes, so ${n} fewer leaves none: say "a single plane" to image one plane; nothing was changed`);
  return [{ kind: 'zPlan', zPlan: planes === 1 ? null : { planes, stepUm } }];
}

/** The z-stack's count of planes changed by a number ("add 2 more z slices", "3 fewer planes"). */
function readZPlanCounted({ t, now }: ClauseWords): Adjustment[] | undefined {
  return zPlanCounted(t, now);
}

/** A z-stack said bigger or smaller without how much: "fewer slices", "a thinner stack", "finer z steps", "more planes". */
const Z_COMPARATIVE = /\b(?:fewer|less|more|extra|additional|thinner|thicker|shallower|deeper|finer|coarser|denser|sparser|bigger|smaller|larger|wider|narrower|taller|shorter)\s+(?:z[\s-]?)?(?:slices|planes|sections|steps?|stacks?|range)\b|\b(?:z[\s-]?)?(?:slices|planes|sections|steps?|stacks?|range)\s+(?:a\s+(?:bit|little|tad)\s+)?(?:thinner|thicker|shallower|deeper|finer|coarser|denser|sparser|bigger|smaller|larger|wider|narrower|taller|shorter|closer(?:\s+together)?|further\s+apart)\b|\b(?:z[\s-]?)?(?:stack|steps?|range|slices|planes)\s+(?:could|should|can|might|needs?\s+to|has\s+to)\s+be\s+(?:a\s+(?:bit|little|tad)\s+|much\s+|way\s+)?(?:thinner|thicker|shallower|deeper|finer|coarser|denser|sparser|bigger|smaller|larger|wider|narrower|shorter|taller)\b|\b(?:make|keep)\s+(?:the\s+)?(?:z[\s-]?)?(?:stack|steps?|range)\s+(?:a\s+(?:bit|little|tad)\s+)?(?:thinner|thicker|shallower|deeper|finer|coarser|denser|sparser|bigger|smaller|larger|wider|narrower|shorter|taller)\b/;

/**
 * "let's do fewer z slices", "make the z stack thinner", "finer z steps": a change of the z-stack without an amount
 * is asked about, saying the stack as it is now; never guessed, and never read as light or the run. Undefined when
 * the words name no such change or give a figure (the readers of figures read those).
 */
function zPlanComparative(t: string, now: RunState): Adjustment[] | undefined {
  const said = Z_COMPARATIVE.exec(t);
  if (!said || hasFigure(t) || /\b(?:power|laser|light|intensity|exposure|interval|expos\w*)\b/.test(t)) return undefined;
  const z = now.zPlan ? zPositionsUm(now.zPlan).positionsUm : undefined;
  if (!z || z.length < 2) throw new AmbiguousCommand(`"${said[0]}": this run has no z-stack to change; say the stack to image, e.g. "11 planes, 0.5 µm apart"; nothing was changed`);
  const rangeUm = Math.round((Math.max(...z) - Math.min(...z)) * 1e6) / 1e6;
  const stepUm = Math.round((rangeUm / (z.length - 1)) * 1e6) / 1e6;
  const fewer = /\b(?:fewer|less|thinner|shallower|coarser|sparser|smaller|narrower|shorter|further)\b/.test(said[0]);
  const planes = fewer ? Math.max(2, z.length - 2) : z.length + 2;
  throw new AmbiguousCommand(`how much ("${said[0]}")? The z-stack is now ${rangeUm} µm in ${stepUm} µm steps (${z.length} planes); say e.g. "${planes} planes", "a ${fewer ? Math.round(rangeUm * 0.5 * 1e6) / 1e6 : rangeUm * 2} µm stack" or "${fewer ? 'double' : 'half'} the z step"; nothing was changed`);
}

/** Power and exposure, absolute or relative; full power; a change of light without an amount is asked about. */
function readLight({ t, channel: named, channels, now }: ClauseWords): Adjustment[] | undefined {
  // "half the z step", "double the number of slices": a share of the z-stack, never of the light
  const zScaled = zPlanScaled(t, now) ?? zPlanComparative(t, now);
  if (zScaled) return zScaled;
  // "double the number of positions", "double everything": a share of what is no light is asked, never read as the light
  // (a share in words, or a figure times "as long"/"as many": "128 x 96" is a size, no share)
  const share = /\b(?:half|halve|double|twice|triple|quadruple|three times)\b|\b\d+(?:\.\d+)?\s*(?:x|times)\s+(?=as\s+(?:long|many|much)\b)/.exec(t);
  // (only of a run this conversation started: "simulate twice as many cells" is no command to a microscope)
  const other = share && !named && (now.intervalS !== undefined || now.positions !== undefined) && !/\b(?:power|laser|lasers|light|lights|intensity|illumination|brightness|brighter|dimmer|stronger|weaker|lamp|led|exposures?|expos\w*|dose)\b/.test(t) ? /\b(?:positions?|fields?|sites?|channels?|colou?rs?|grid|tiles?|tiling|everything|all of it|time ?points?|frames?|cells?|duration|run|experiment|acquisition|imaging|time[\s-]?lapse|timelapse|length|time)\b/.exec(t) : null;
  // ("run twice as long", "double the duration": the planned length scaled)
  // ("double the imaging time", "twice the length": the run's time said by what it is)
  if (other && /^(?:duration|run|experiment|acquisition|imaging|time[\s-]?lapse|timelapse|length)$/.test(other[0]) && now.durationS !== undefined && !/\b(?:half|halve)\b/.test(share![0])) {
    const factor = /double|twice/.test(share![0]) ? 2 : /triple|three/.test(share![0]) ? 3 : /quadruple/.test(share![0]) ? 4 : Number(/\d+(?:\.\d+)?/.exec(share![0])?.[0]);
    if (factor > 1) {
      const change: Adjustment = { kind: 'duration', durationS: Math.round(now.durationS * factor) };
      RECKONED.add(change);
      return [change];
    }
  }
  if (other) throw new AmbiguousCommand(`I cannot apply "${share![0].trim()}" to the ${other[0]}: I can change the interval ("halve the interval"), a channel's light ("double the GFP power", "halve the exposure"), the z-stack ("double the number of slices"), or the run's length ("run 2 h longer"); nothing was changed`);
  // a channel by its number in the plan ("exposure of channel 2 to 40 ms"): that one, never all of them
  const channel = named ?? channelNumbered(t, now);
  const light = parseLight(t, channel);
  // "set the 488 and 561 to 5%", "halve GFP and mCherry": one value for each channel named
  // ("exposure for 488 reduced to 40 ms, 561 unchanged": a channel said to stay as it is is no part of the change)
  const changed = channels.filter((c) => !channelsKept(t).includes(c));
  if (light.length && changed.length === 1 && channels.length > 1) return light.map((l) => ({ ...l, channel: changed[0] }) as Adjustment);
  if (light.length && channels.length > 1) return changed.flatMap((c) => light.map((l) => ({ ...l, channel: c }) as Adjustment));
  if (light.length) return light;
  // "max power on the 640", "full laser on DAPI": 100 % (a raise of more than 2x is confirmed by a person)
  if (/\b(?:max(?:imum)?|full)\s+(?:power|laser|intensity|light)\b|\b(?:power|laser|intensity)\s+(?:to\s+)?(?:the\s+)?max(?:imum)?\b|\bmax(?:imi[sz]e)?\s+(?:out\s+)?(?:the\s+)?(?:\S+\s+)?(?:power|laser|intensity|light)\b|\bmax\s+(?:it\s+)?out\b/.test(t) && !hasFigure(t)) return [{ kind: 'power', powerPercent: 100, ...(channel ? { channel } : {}) }];
  // "less laser please", "more light on GFP": how much is asked, never guessed
  if ((/\b(power|laser|light|intensity|illumination|exposure|lamp|led|dose)\b/.test(t) || (channel !== undefined && /\b(?:turn|dial|bring)\b.*\b(?:down|up)\b|\b(?:a notch|a tad|a touch|a smidge|a bit|a little|slightly)\b.*\b(?:down|up|brighter|dimmer|weaker|stronger|lower|higher|less|more)\b|\b(?:down|up|brighter|dimmer|weaker|stronger|lower|higher|less|more)\b.*\b(?:a notch|a tad|a touch|a smidge|a bit|a little|slightly)\b|\b(?:make|get|keep)\b.*\b(?:dimmer|brighter|weaker|stronger)\b|\b(?:crank|bump|boost|pump)\b|\b(?:lower|reduce|decrease|dim|raise|increase)\s+(?:it|that|them|this|its)\b/.test(t))) && /\b(less|more|lower|higher|reduce|increase|decrease|raise|dim|weaker|stronger|brighter|dimmer|turn down|turn up|minimi[sz]e|minimum|as little|least|lowest|all the way down|down|up|short|shorter|long|longer|bump|crank|boost|juice|pump)\b/.test(t) && !hasFigure(t)) {
    // (the channel named is the one the example sets: "the mCherry looks too dim, give it more light" is no question about the 488)
    const more = /\b(more|higher|increase|raise|stronger|brighter|turn up|bump|crank|boost|juice|pump)\b/.test(t);
    const on = channel ?? channels[0];
    throw new AmbiguousCommand(`how much ${more ? 'more' : 'less'} light${on ? ` on ${on}` : ''}? Say e.g. "${more ? 'double' : 'halve'} the ${on ?? '488'} power", "${on ?? '488'} to ${more ? 20 : 5}%" or "exposure 50 ms"; nothing was changed`);
  }
  // "GFP to 50", "mCherry at 30": a channel given a number with no unit and no setting named: which setting is asked, never guessed
  const unitless = channel !== undefined && channels.length <= 1 ? /^(?:please\s+)?(?:(?:set|put|change|turn|bring|make|lower|raise|reduce|increase)\s+)?(?:the\s+)?[\w-]+(?:\s+(?:channel|one))?\s*(?:to|at|=|:|->|→)\s*(\d+(?:\.\d+)?)\s*(?:please|pls)?\s*[.!]*$/.exec(t) : null;
  if (unitless) throw new AmbiguousCommand(`${unitless[1]} what for ${channel}? Say "${channel} power ${unitless[1]}%" or "${channel} exposure ${unitless[1]} ms"; nothing was changed`);
  return undefined;
}

/** An exposure said as an amount to add or take off ("20 ms more", "take 10 ms off", "increase it by 20 ms", "-10 ms"): +ms or -ms, or undefined. */
function exposureDelta(t: string): number | undefined {
  const MS = String.raw`(\d+(?:\.\d+)?)\s*(?:ms|msec|milliseconds?)\b`;
  const comparative = new RegExp(String.raw`${MS}\s+(?:of\s+)?(more|longer|extra|additional|less|shorter|fewer)\b`).exec(t);
  if (comparative) return /^(?:less|shorter|fewer)$/.test(comparative[2]) ? -Number(comparative[1]) : Number(comparative[1]);
  const off = new RegExp(String.raw`\b(?:take|knock|shave|trim|cut|subtract|remove)\s+(?:another\s+)?${MS}\s*(?:off|from|away)\b|${MS}\s+off\b`).exec(t);
  if (off) return -Number(off[1] ?? off[2]);
  const addTo = new RegExp(String.raw`\b(?:add|put|give)\s+(?:(?:it|the\s+\S+|\S+)\s+)?(?:another\s+|an? extra\s+)?${MS}\s*(?:to|on|onto)\b`).exec(t);
  if (addTo) return Number(addTo[1]);
  const by = new RegExp(String.raw`\bby\s+(?:another\s+)?${MS}`).exec(t);
  if (by && !/\bto\s+\d/.test(t.slice(by.index + by[0].length))) {
    const down = /\b(?:reduce|lower|decrease|shorten|cut|drop|trim|less|shorter|down)\b/.test(t);
    const up = /\b(?:increase|raise|lengthen|extend|longer|more|up|bump|boost)\b/.test(t);
    if (down !== up) return down ? -Number(by[1]) : Number(by[1]);
  }
  // "bump GFP exposure up 15 ms", "DAPI exposure down 5 ms": a direction word beside the amount
  const dir = new RegExp(String.raw`\b(up|down)\s+(?:by\s+)?(?:another\s+)?${MS}`).exec(t);
  if (dir && !/\bto\s+\d/.test(t)) return dir[1] === 'down' ? -Number(dir[2]) : Number(dir[2]);
  // ("GFP exposure minus 20 ms", "plus 50 ms on mCherry": the sign said as a word)
  const worded = new RegExp(String.raw`\b(plus|minus)\s+(?:another\s+)?${MS}`).exec(t);
  if (worded && !/\bto\s+\d/.test(t)) return worded[1] === 'minus' ? -Number(worded[2]) : Number(worded[2]);
  const signed = new RegExp(String.raw`(?:^|\s)([+-])\s*${MS}`).exec(t);
  if (signed && !/\bto\b/.test(t)) return signed[1] === '-' ? -Number(signed[2]) : Number(signed[2]);
  return undefined;
}

/**
 * "give GFP 20 ms more exposure", "take 10 ms off the DAPI exposure": the channel's exposure now, plus or
 * minus that (reckoned from the plan and the changes since); asked when the conversation does not tell
 * the exposure now, never set to the amount said.
 */
function readExposureAdded({ t, channels, now }: ClauseWords): Adjustment[] | undefined {
  const delta = exposureDelta(t);
  if (delta === undefined) return undefined;
  const amount = `${Math.abs(delta)} ms`;
  // ("add 20 ms to the exposure" while one channel is imaged: that channel's)
  if (!channels.length && now.channels?.length === 1) channels = now.channels;
  if (channels.length !== 1) {
    throw new AmbiguousCommand(`which channel's exposure should ${delta > 0 ? `get ${amount} more` : `lose ${amount}`}? Name it, or say the new exposure, e.g. "GFP exposure 120 ms"; nothing was changed`);
  }
  const [channel] = channels;
  const before = now.exposureMs?.[channel];
  if (before === undefined) throw new AmbiguousCommand(`I do not know the ${channel} exposure now, so I cannot ${delta > 0 ? `add ${amount} to it` : `take ${amount} off it`}: say the new exposure, e.g. "${channel} exposure 120 ms"; nothing was changed`);
  const after = Math.round((before + delta) * 1e6) / 1e6;
  if (after <= 0) throw new AmbiguousCommand(`the ${channel} exposure is ${before} ms: taking ${amount} off leaves nothing; say the new exposure; nothing was changed`);
  const change: Adjustment = { kind: 'exposure', exposureMs: after, channel };
  RECKONED.add(change);
  return [change];
}

/**
 * Where each channel sits in z: a channel's focus offset ("Cy5 needs a z offset of 2 µm"), a channel
 * at the middle plane only ("no z-stack for brightfield"), the loop order of channels and planes
 * ("channels first, then z"). A z-stack of one position is named: a plan here has one z plan for all.
 */
function readChannelPlanes({ t, clause, config, now }: ClauseWords): Adjustment[] | undefined {
  // (most commands name none of these: read no further)
  if (!/\b(?:offset|shift|z|stacks?|planes?|slices?|sections?|order|first|channels|colou?rs|wavelengths|lasers|filters|focus|focal)\b|\d\s*(?:µm|um|microns?)\s+(?:higher|above|lower|below|deeper|off|out)\b/.test(t)) return undefined;
  // (a question about them changes nothing: "is brightfield on a single plane?")
  // ("do the whole stack in each channel" is a request, not a question)
  if (/\?\s*$/.test(t) || /^(?:(?:so|and|ok(?:ay)?)[,\s]+)?(?:what|which|how|why|when|where|is|are|was|were|does|did)\b/.test(t)) return undefined;
  const offsets = zOffsetsSaid(t, config);
  if (offsets.length) {
    const unnamed = offsets.find((o) => o.channel === undefined);
    if (unnamed) throw new AmbiguousCommand(`a z offset of ${unnamed.zOffsetUm} µm for which channel? It moves one channel's focus from the others' (say e.g. "Cy5 z offset ${unnamed.zOffsetUm} µm"); to move the focus of every channel, say "move the focus up ${Math.abs(unnamed.zOffsetUm)} µm"; nothing was changed`);
    const unsigned = offsets.find((o) => o.unsigned);
    if (unsigned) throw new AmbiguousCommand(`is the ${unsigned.channel} focus ${unsigned.zOffsetUm} µm above or below the others'? Say e.g. "${unsigned.channel} z offset +${unsigned.zOffsetUm} µm" (above) or "-${unsigned.zOffsetUm} µm" (below); nothing was changed`);
    return offsets.map((o) => ({ kind: 'channelZOffset', channel: o.channel!, zOffsetUm: o.zOffsetUm }));
  }
  const perPosition = POSITION_STACK.exec(t);
  if (perPosition) throw new AmbiguousCommand(`"${clause.trim()}": a z-stack here is one plan for every position (or one channel at the middle plane only, e.g. "no z-stack for brightfield"); it cannot differ at ${perPosition[1].replace(/^the\s+/, '')}. Drop that position, or the z-stack for all, and say which; nothing was changed`);
  const stack = channelStackSaid(t, config);
  // (every channel of the run at one plane is no z-stack at all)
  if (stack && !stack.doStack && !stack.plane && now.zPlan !== null && now.channels?.length && now.channels.every((c) => stack.channels.includes(c))) return [{ kind: 'zPlan', zPlan: null }];
  if (stack && !stack.doStack && now.zPlan === null) throw new AmbiguousCommand(`this run has no z-stack: ${stack.channels.join(' and ')} ${stack.channels.length > 1 ? 'are' : 'is'} already imaged at one plane; nothing was changed`);
  if (stack?.plane) {
    // (the top or bottom plane: the middle plane moved there by the channel's focus offset, which needs the stack's planes)
    if (!now.zPlan) throw new AmbiguousCommand(`I do not know this run's z-stack, so not where its ${stack.plane} plane is: say the offset from the middle plane instead (e.g. "${stack.channels[0]} z offset 2 µm, middle plane only"); nothing was changed`);
    const zOffsetUm = offsetToPlaneUm(now.zPlan, stack.plane);
    return stack.channels.flatMap((channel) => [{ kind: 'channelStack', channel, doStack: false }, { kind: 'channelZOffset', channel, zOffsetUm }] as Adjustment[]);
  }
  if (stack) return stack.channels.map((channel) => ({ kind: 'channelStack', channel, doStack: stack.doStack }));
  const order = axisOrderSaid(t);
  if (order) {
    // (without a z-stack the order of channels and planes changes nothing: said, not silently kept)
    if (now.zPlan === null) throw new AmbiguousCommand(`this run has no z-stack, so the order of channels and planes changes nothing; add a z-stack first (e.g. "11 planes, 0.5 µm apart"); nothing was changed`);
    return [{ kind: 'axisOrder', axisOrder: order }];
  }
  return undefined;
}

/**
 * One channel in place of another: "swap Cy5 for mCherry", "replace GFP with Cy5", "switch from DAPI to
 * far red", "use mCherry instead of Cy5" → the one out dropped, the one in added (the run goes on).
 */
function readSwap({ t, config }: ClauseWords): Adjustment[] | undefined {
  const mentions = findChannels(t, config);
  if (mentions.length !== 2) return undefined;
  const [first, second] = mentions;
  const out = swappedOut(t, first, second);
  if (!out) return undefined;
  // ("swap GFP out for YFP": one preset images both; said, never a drop and an add of the same channel)
  if (first.preset === second.preset) throw new AmbiguousCommand(`"${first.text}" and "${second.text}" are imaged with the same channel (${first.preset}), so there is nothing to swap; nothing was changed`);
  const added = out === first ? second : first;
  return [{ kind: 'dropChannel', channel: out.preset }, { kind: 'addChannel', channel: added.preset }];
}

/**
 * Which of two channels named is swapped out, by the words around them: "swap Cy5 (out) for mCherry", "replace GFP with
 * Cy5", "switch from DAPI to far red", "change the red (channel) to Cy5", "use mCherry instead of Cy5", "instead of the red
 * use far red"; undefined when the words say no swap.
 */
function swappedOut<M extends { index: number; text: string }>(t: string, first: M, second: M): M | undefined {
  const between = t.slice(first.index + first.text.length, second.index);
  const before = t.slice(0, first.index);
  if (/\b(?:swap|replace|exchange|substitute|trade)\w*\s+(?:the\s+)?$/.test(before) && /^\s*(?:channel\s+|laser\s+|line\s+)?(?:out\s+)?(?:for|with|by|to)\s+(?:the\s+)?$/.test(between)) return first;
  if (/\b(?:switch|change|go|move)\w*\s+(?:over\s+)?from\s+(?:the\s+)?$/.test(before) && /^\s*(?:channel\s+|laser\s+)?(?:to|for)\s+(?:the\s+)?$/.test(between)) return first;
  // ("change the red channel to Cy5", "switch mCherry over to far red": a channel changed into another)
  if (/(?:^|\b(?:please|pls|can you|could you|just|then|and|now))\s*(?:switch|change|convert|turn|move)\s+(?:the\s+)?$/.test(before) && /^\s*(?:channel\s+|laser\s+|line\s+)?(?:over\s+)?(?:to|into)\s+(?:the\s+)?$/.test(between)) return first;
  if (/^\s*(?:channel\s+|laser\s+)?instead\s+of\s+(?:the\s+)?$/.test(between) && /\b(?:use|image|take|do|acquire|want|need)\w*\s+(?:the\s+)?$/.test(before)) return second;
  // ("instead of the red use far red", "in place of DAPI, image SiR-DNA")
  if (/(?:^|\b(?:so|and|then|please|pls))\s*(?:instead\s+of|in\s+place\s+of|rather\s+than)\s+(?:the\s+)?$/.test(before) && /^\s*(?:channel\s+|laser\s+)?[,;]?\s*(?:(?:please|pls|let'?s|can you|could you|we|i)\s+)*(?:use|image|take|do|acquire|want|need|go with)\s+(?:the\s+)?$/.test(between)) return first;
  return undefined;
}

/** Words a correction opens with: "sorry", "oops", "no wait", "my bad", "ah". */
const CORRECTION_OPENING = String.raw`(?:(?:sorry|oops|whoops|my bad|my mistake|ah|oh|no|nope|wait|actually|ok(?:ay)?|hmm+|argh|ugh)\b[\s,.!:;-]*)*`;
/**
 * What a channel correction may say before the channel meant: "I meant", "it should be", "the second channel should
 * have been", "that was supposed to be", "use", "image" (nothing else: "drop GFP, not mCherry" is no correction).
 */
const CORRECTION_LEAD = new RegExp(String.raw`^${CORRECTION_OPENING}(?:(?:i|we)\s+(?:(?:meant|mean|wanted|want|needed|need)(?:\s+to\s+(?:say|use|image|put|have))?|should\s+have\s+(?:said|put|used|written))\s+|(?:(?:it|that|this|the\s+(?:(?:first|second|third|fourth|other|last|new|\d+(?:st|nd|rd|th))\s+)?(?:channel|laser|line|colou?r|one|fluor\w*))\s+)?(?:should(?:\s+have)?\s+(?:be|been)|(?:was|is|were)\s+(?:supposed|meant)\s+to\s+be|ought\s+to\s+(?:be|have\s+been))\s+|(?:(?:please|just)\s+)?(?:use|image|take|do|acquire|make\s+(?:it|that))\s+)?(?:the\s+)?$`);
/** Between the channel meant and the one it replaces: ", not", "rather than", "instead of", "in place of". */
const MEANT_NOT = /^\s*(?:channel\s+|laser\s+)?[,;]?\s*(?:and\s+)?(?:not|rather\s+than|instead\s+of|in\s+place\s+of)\s+(?:the\s+)?$/;
/** Between the channel taken back and the one meant: "not GFP - RFP", "not GFP, I meant RFP", "not the 488 but the 561". */
const NOT_BUT = /^\s*(?:channel\s+|laser\s+)?(?:[-–—,;:]+|\s(?:but|rather))\s*(?:(?:i\s+)?(?:meant|mean)\s+|use\s+|it'?s\s+)?(?:the\s+)?$/;

/**
 * A correction of a channel said before ("oops, I meant mCherry not GFP", "sorry, the second channel should be 561 not
 * 488", "that should have been Cy5 instead of GFP", "no wait, not GFP - RFP"), as the swap it asks for ("swap GFP for
 * mCherry"): the channel taken back is dropped and the one meant added. The words themselves when they are no such
 * correction (two channels, one meant and one taken back, and nothing else before them but an apology or "I meant").
 */
export function channelCorrectionAsSwap(text: string, config?: MicroscopeConfig): string {
  const t = text.trim().replace(/[.!]+$/, '').toLowerCase();
  const mentions = findChannels(t, config);
  if (mentions.length !== 2 || mentions[0].preset === mentions[1].preset) return text;
  const [first, second] = mentions;
  if (t.slice(second.index + second.text.length).replace(/\b(?:please|thanks|thank you|sorry|then|instead|channel|laser)\b/g, '').replace(/[\s,.!;:-]+/g, '') !== '') return text;
  const before = t.slice(0, first.index);
  const between = t.slice(first.index + first.text.length, second.index);
  if (CORRECTION_LEAD.test(before) && MEANT_NOT.test(between)) return `swap ${second.text} for ${first.text}`;
  const taken = /\bnot\s+(?:the\s+)?$/.exec(before);
  if (taken && CORRECTION_LEAD.test(before.slice(0, taken.index)) && NOT_BUT.test(between)) return `swap ${first.text} for ${second.text}`;
  return text;
}

/** A signal said too bright or too faint ("GFP is saturating", "the red signal is weak", "DAPI looks too dim"): up or down, undefined when neither. */
const TOO_BRIGHT = /\b(?:too (?:bright|strong|hot|intense)|way too bright|saturat\w*|over-?exposed|blown(?: |-)out|clipping|too much (?:light|signal|laser|power))\b/;
const TOO_FAINT = /\b(?:too (?:dim|weak|faint|dark|noisy)|(?:is|are|looks?|seems?|getting|gets|got|very|quite|really|pretty|rather|so)\s+(?:(?:a\s+bit|a\s+little|kind\s+of|kinda|way)\s+)?(?:dim|weak|faint|dark)|barely visible|hard to see|can(?:'?t| ?not) see (?:it|anything|much)|not bright enough|under-?exposed)\b/;

/**
 * "the green is way too bright", "mCherry signal is too weak", "DAPI is saturating, turn it down": a channel's signal
 * said wrong without an amount is a change of its light asked about (how much, on which channel), never a guess,
 * a dose report or an analysis; a question ("is GFP saturating?") is left to the questions.
 */
function readSignalComplaint({ t, channels, channel }: ClauseWords): Adjustment[] | undefined {
  if (hasFigure(t) || /\?\s*$/.test(t) || /^(?:is|are|does|do|was|were|why|how|what|which)\b/.test(t)) return undefined;
  // ("the red is way too dim, triple its exposure", "mCherry's too dim so double its power": the complaint is the reason
  // for the command after it, which says how much: the light readers read that)
  const after = /(?:,|\s+(?:so|therefore|hence)\b|\s+[-–—]\s)\s*(?:(?:so|then|please|just|can you|could you)\s+)?(\S.*)$/.exec(t);
  if (after && (TOO_BRIGHT.test(t.slice(0, after.index)) || TOO_FAINT.test(t.slice(0, after.index))) && parseLight(after[1], channel ?? channels[0]).length) return undefined;
  const down = TOO_BRIGHT.test(t);
  const up = TOO_FAINT.test(t);
  if (down === up) return undefined;
  const on = channels[0];
  if (!on && !/\b(?:signal|image|images|channel|fluorescence|picture|it)\b/.test(t)) return undefined;
  const which = channels.length > 1 ? channels.join(' and ') : on;
  throw new SignalComplaint(`how much ${up ? 'more' : 'less'} light${which ? ` on ${which}` : ''}? Say e.g. "${up ? 'double' : 'halve'} the ${on ?? '488'} power", "${on ?? '488'} to ${up ? 20 : 5}%" or "${on ? `${on} ` : ''}exposure ${up ? 200 : 50} ms"; nothing was changed`, channels.length === 1 ? on : undefined);
}

/**
 * "I'm missing the fast events", "the cells keep wandering out of the field": a trouble seen with what the run follows,
 * told with no figure, no channel and no question, is asked back with the changes that would help (observedTrouble.ts).
 */
function readObservedTrouble({ t, channels }: ClauseWords): Adjustment[] | undefined {
  if (hasFigure(t) || channels.length || /\?\s*$/.test(t) || /^(?:is|are|does|do|was|were|why|how|what|which|if|when(?:ever)?|once|as soon as)\b/.test(t)) return undefined;
  const ask = troubleAsked(t);
  if (ask) throw new AmbiguousCommand(ask);
  return undefined;
}

/** "make it run longer", "can we make the experiment shorter", "keep going a bit longer": the run's length changed without how much is asked. */
function readRunLengthVague({ t }: ClauseWords): Adjustment[] | undefined {
  if (hasFigure(t) || /\b(?:power|laser|light|intensity|exposure|expos\w*|interval|steps?|slices|planes|stack|range|gap|pause|break)\b/.test(t)) return undefined;
  const m = /\b(?:(?:make|let)\s+(?:it|the\s+(?:run|acquisition|experiment|time[\s-]?lapse|imaging|movie|recording))\s+(?:run\s+|go\s+|last\s+)?|(?:run|go|keep\s+(?:it\s+)?going|keep\s+imaging|image|carry\s+on|continue)\s+(?:(?:a\s+)?(?:bit|little|lot|while)\s+)?)(longer|shorter)\b/.exec(t);
  if (!m) return undefined;
  const longer = m[1] === 'longer';
  throw new AmbiguousCommand(`how much ${longer ? 'longer' : 'shorter'}? Say e.g. ${longer ? '"run 2 h longer" or "make it 24 h in total"' : '"end it in 3 h" or "make it 6 h in total"'}; nothing was changed`);
}

/** The whole run held or ended, read by what is done to it and when (runHeldOrEnded.ts). */
function readRunHeldOrEnded({ t, channels }: ClauseWords): Adjustment[] | undefined {
  const said = runHeldOrEnded(t, channels.length);
  return said ? [said] : undefined;
}

const READERS: Reader[] = [readZPlanCounted, readChannelPlanes, readSwap, readOnlyChannels, readQuestion, readAutofocusSchedule, readSignalComplaint, readObservedTrouble, readRunLengthVague, readSkipTimepoints, readEaseOff, readSpan, readPartStopped, readRunHeldOrEnded, readStopWords, readRunControl, readZoomOrMove, readWhere, readExposureAdded, readChannels, readTiming, readLight];

/**
 * Channels that are the object of a stop-like verb: "stop imaging the 488", "switch off GFP",
 * "turn the 561 laser off", "no more far red"; only articles, imaging words and the words
 * channel/laser/light may stand between them.
 */
/** A part of the run (a channel, a position) said not to be wanted any more, wherever it stands ("can go", "is no longer needed", "done with", "don't need"). */
const PART_NOT_WANTED = /\b(?:can|may|should|could)\s+(?:go|be\s+(?:dropped|removed|skipped|left\s+out|forgotten))\b|\bis\s+(?:no\s+longer|not)\s+needed\b|\b(?:done|finished|through)\s+with\b|\b(?:don'?t|do\s+not|no\s+longer|won'?t)\s+need\b/;
/** Verbs that give a saved thing a new value (a closed class): "update", "replace", "reset", "overwrite", "redefine", "re-save". */
const PLACE_REPLACED = /\b(?:update|replace|reset|overwrite|redefine|re-?save|re-?set|re-?mark|re-?store)\b/;
/** The place the stage is at now, said as a place ("here", "the current stage location", "this spot"). */
const HERE = /\bhere\b|\b(?:current|present|this)\s+(?:(?:stage|xy)\s+)?(?:position|location|field|spot|point|place|coordinates?)\b/;

/** Words before a channel that say it is not wanted any more ("done with", "finished with", "don't need the"). */
const CHANNEL_DONE_BEFORE = /\b(?:(?:done|finished|through)\s+with|(?:don'?t|do\s+not|no\s+longer|won'?t)\s+need)\s+(?:(?:the|a|my|our|any)\s+)*$/;
/** Words after a channel that say so ("... can stop now", "... can go", "... is no longer needed"). */
const CHANNEL_DONE_AFTER = /^(?:\s+(?:channel|laser|light|line|imaging))?\s+(?:(?:can|may|should|could)\s+(?:stop|go|be\s+(?:stopped|dropped|turned\s+off|switched\s+off|removed))|is\s+(?:no\s+longer|not)\s+needed)\b/;

function channelsStopped(t: string, config: MicroscopeConfig): string[] {
  // ("not take anymore the red channel": a non-native order, "any more" before the object, is filler too)
  const filler = String.raw`(?:\s+(?:the|a|my|our|imaging|acquiring|recording|taking|collecting|capturing|grabbing|shooting|doing|shining|blasting|zapping|hitting|firing|exposing|lighting|using|running|images?|pictures?|acquisition|of|in|with|using|exciting|excitation|illuminating|illumination|colou?r|fluorescence|signal|channel|laser|light|line|please|now|all|both|and|,|anymore|any more|no more|any longer|from now on))*\s+`;
  const out = new Set<string>();
  for (const m of findChannels(t, config)) {
    const before = t.slice(0, m.index);
    const after = t.slice(m.index + m.text.length);
    const verbFirst = new RegExp(String.raw`(?:^|\b)${STOP_VERB}${filler}$`).test(before + ' ') || new RegExp(String.raw`(?:^|\b)${STOP_VERB}${filler}(?:\S+${filler})?$`).test(before + ' ') && /\b(?:and|,)(?:\s+(?:the|a|my|our))?\s*$/.test(before);
    const offAfter = /\b(turn|switch|shut|cut|knock|take)\b(?:\s+(?:the|a|my|our))*\s*$/.test(before) && /^(?:\s+(?:channel|laser|light|line|colou?r))*\s+off\b/.test(after) ||
      // "take DAPI out of the acquisition", "leave the red out from now on"
      (/\b(take|leave|keep)\b(?:\s+(?:the|a|my|our))*\s*$/.test(before) && /^(?:\s+(?:channel|laser|light|line|colou?r|signal))*\s+out\b/.test(after));
    // "488 off", "GFP out please", "the red colour channel off": nothing but the channel before off/out
    const bareOff = /^(?:please\s+|ok(?:ay)?,?\s+|now\s+)?(?:(?:turn|switch|shut|take|leave|knock|cut)\s+)?(?:(?:the|a|my|our)\s+)*$/.test(before) && offAtTheEnd(after, config);
    if (bareOff) out.add(m.preset);
    // "I only want the DAPI gone", "I'd like the 561 off", "get the far red out": the channel wished away
    const wishedAway = /\b(?:wants?|needs?|likes?|get|have)\s+(?:(?:the|a|my|our)\s+)*$/.test(before) && /^(?:\s+(?:channel|laser|light|line|colou?r|signal))*\s+(?:gone|off|out|removed|dropped|switched off|turned off|away)\b/.test(after);
    if (wishedAway) out.add(m.preset);
    // "no DAPI from now on", "no more red please": the channel after "no" and nothing but when or a courtesy after it
    // ("mCherry: stop", "DAPI - off": a channel as a label, and a stop word for its value)
    const labelled = /^(?:(?:the|a|my|our)\s+)*$/.test(before) && /^(?:\s+(?:channel|laser|line))?\s*[:=\-–]/.test(after) && STOP_AS_VALUE.test(after);
    if (labelled) out.add(m.preset);
    const noneOf = /^(?:(?:ok(?:ay)?|so|and|then|also|right)[,\s]+)*no\s+(?:(?:more|further|the)\s+)*$/.test(before) && /^(?:\s+(?:channel|laser|light|line|imaging|images?))*(?:\s*,?\s*(?:from now(?: on)?|from here(?: on)?|anymore|any more|for now|please|pls|needed|thanks|going forward|for the rest of the (?:run|experiment|acquisition)))*\s*[.!]*$/.test(after);
    // ("I'm done with mCherry", "we don't need the red anymore", "mCherry can stop now", "the GFP is no longer needed": the channel not wanted any more)
    const notWanted = CHANNEL_DONE_BEFORE.test(before) || CHANNEL_DONE_AFTER.test(after);
    if (verbFirst || offAfter || noneOf || notWanted) out.add(m.preset);
  }
  // ("drop DAPI, GFP and mCherry": every name of a list after a stopped channel, joined by commas and "and", is stopped too)
  const mentions = findChannels(t, config);
  mentions.forEach((m, i) => {
    const prev = mentions[i - 1];
    if (prev && out.has(prev.preset) && /^(?:\s*(?:,|&|\band\b|\bthe\b|\bchannels?\b|\blasers?\b)\s*)+$/.test(t.slice(prev.index + prev.text.length, m.index))) out.add(m.preset);
  });
  return [...out];
}

/** A stop word as a channel's value after its label ("mCherry: stop", "DAPI - off"). */
const STOP_AS_VALUE = new RegExp(String.raw`^(?:\s+(?:channel|laser|line))?\s*[:=\-–]\s*(?:${STOP_VERB}|off|out|none)(?:\s+(?:it|please|pls|now|for now|from now(?: on)?))*\s*[.!]*$`);

/** Off or out at the end of the words ("488 off", "GFP out please"). */
const OFF_AT_END = /^(?:.*?)(?:\s+(?:channel|laser|light|line|colou?r))*\s*\b(?:off|out)\b(?:\s+of\s+(?:the\s+|our\s+|my\s+)?(?:rotation|loop|list|cycle|run|acquisition|plan|schedule|rounds?|sequence|experiment|imaging|time[\s-]?lapse))?(?:\s+(?:please|now|for now|from now on|from now|from here on|anymore|any more|thanks))*\s*[.!]*$/;

/** Off or out at the end, or before a remark only ("mCherry out, everything else is fine"). */
function offAtTheEnd(t: string, config: MicroscopeConfig): boolean {
  if (OFF_AT_END.test(t)) return true;
  const m = /^(.*?\b(?:off|out)\b)\s*,\s*([^,]+)$/.exec(t);
  return !!m && OFF_AT_END.test(m[1]) && isRemark(m[2], config);
}

/** Words for the whole acquisition (stopping these is stopping everything). */
const ACQUISITION_WORD = /\b(the |this |my )?(whole |entire )?(acquisition|acquiring|imaging|experiment|time[\s-]?lapse|recording|run|mda|movie|everything|all imaging|microscope|scope)\b|\b(?:the |this )?whole thing\b/;

/** The settings a vague change is about: the interval for "faster", "less often"; the light for "less light", "dimmer". */
const TIMING_WORDS = /\b(?:fast|faster|quick|quicker|quickly|slow|slower|slowly|often|frequent\w*|rate|interval|gap)\b/;

/**
 * Whether `next`, read alone, sets a value of the setting the vague clause before it changed without how much ("a bit
 * faster? every 2 min would be great": an interval; "less light please. GFP to 5%": a light setting).
 */
function setsTheSameSetting(vague: string, next: string, config: MicroscopeConfig, now: RunState): boolean {
  if (!/\d/.test(next)) return false;
  const family = TIMING_WORDS.test(vague.toLowerCase()) ? /^interval/ : /^(?:power|exposure)/;
  try {
    return (parseClause(next, config, now) ?? []).some((c) => family.test(c.kind));
  } catch {
    return false;
  }
}

const ORDINALS: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10 };

/** A position named or numbered: "Pos1" (its name), "position 2" / "the second field" (its number, 1-based). */
/** A word for one stage position of the plan. */
const POSITION_NOUN = String.raw`(?:positions?|fields?(?: of view)?|sites?|points?|locations?|spots?|xys?|fovs?|wells?)`;

export function positionNamed(t: string, now: RunState = {}): string | undefined {
  const name = /\bpos\s*(\d+)\b/.exec(t);
  if (name) return `Pos${name[1]}`;
  // ("end the run at time point 100": a time point is no stage point)
  const numbered = /\b(?:position|field|site|stage position|xy position|xy point|xy|(?<!\btime[\s-]?)point)\s*(?:number\s*|no\.?\s*|#\s*)?(\d+)\b(?!\s*(?:µm|um|microns?|mm|%|x\b))/.exec(t);
  if (numbered) return numbered[1];
  const ordinal = new RegExp(String.raw`\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|final|latest|newest|last-added|most recent)\s+(?:(?:stage|xy|x-y|imaging)\s+)?${POSITION_NOUN}\b`).exec(t);
  if (!ordinal) return undefined;
  if (ORDINALS[ordinal[1]] !== undefined) return String(ORDINALS[ordinal[1]]);
  // "the last position": its number in the running plan; asked when the conversation does not tell how many there are
  if (now.positions === undefined) throw new AmbiguousCommand('which position is the last one? I do not know how many positions this run has: name it by its number ("drop position 4") or name ("drop Pos3"); nothing was changed');
  return String(now.positions);
}

/** A position by its place in the run ("first" → "1"; "last" → the run's number of positions, asked when not known). */
function positionByOrder(word: string, now: RunState): string {
  if (ORDINALS[word] !== undefined) return String(ORDINALS[word]);
  if (now.positions === undefined) throw new AmbiguousCommand('which position is the last one? I do not know how many positions this run has: name it by its number ("drop position 4") or name ("drop Pos3"); nothing was changed');
  return String(now.positions);
}

/**
 * "the middle position", "the central fields", "the middle two positions": by the run's number of positions, the middle
 * one of an odd number, the middle N when a count is said, or every one but the first and the last for the plural; asked
 * when the run's positions are not known or the middle is not one place (one of an even number).
 */
function middlePositions(t: string, now: RunState): string[] {
  const m = new RegExp(String.raw`\b(?:middle|central|centre|center|inner|interior)\s+(?:(\d+|two|three|four|five|six)\s+)?(?:(?:stage|xy|x-y|imaging)\s+)?(${POSITION_NOUN})`).exec(t);
  if (!m) return [];
  const n = now.positions;
  const count = m[1] === undefined ? undefined : (ORDINAL_COUNTS[m[1]] ?? Number(m[1]));
  const plural = count !== undefined ? count > 1 : /^(?:positions|fields|sites|points|locations|spots)\b/.test(m[2]);
  const ask = (why: string) => new AmbiguousCommand(`${why}: name ${plural ? 'them' : 'it'} by number ("only position 2"); nothing was changed`);
  if (n === undefined) throw ask(`which ${plural ? 'positions are the middle ones' : 'position is the middle one'}? I do not know how many positions this run has`);
  const k = count ?? (plural ? n - 2 : 1);
  if (k >= 1 && k < n && (n - k) % 2 === 0) return Array.from({ length: k }, (_, i) => String((n - k) / 2 + i + 1));
  throw ask(`this run has ${n} position${n === 1 ? '' : 's'}, so no ${k === 1 ? 'single one is' : `${k} are`} in the middle`);
}
const ORDINAL_COUNTS: Record<string, number> = { two: 2, three: 3, four: 4, five: 5, six: 6 };

/** Several positions by number: "positions 3 and 4", "fields 1, 2 & 5" → ["3", "4"]. */
function positionsNumbered(t: string): string[] {
  // "positions 1-3", "fields 2 to 4": every one of the range
  const range = /\b(positions|fields|sites|pos)\s*(\d+)\s*(?:-|–|to|through|thru)\s*(\d+)\b(?!\s*(?:%|ms|s\b|sec|min|h\b|µm|um))/.exec(t);
  if (range && Number(range[3]) > Number(range[2]) && Number(range[3]) - Number(range[2]) < 100) {
    return Array.from({ length: Number(range[3]) - Number(range[2]) + 1 }, (_, i) => (range[1] === 'pos' ? `Pos${Number(range[2]) + i}` : String(Number(range[2]) + i)));
  }
  // ("drop position 2 and 3": the singular before a list is the same list)
  const m = /\b(positions|fields|sites|pos|position|field|site)\s*((?:\d+\s*(?:,|and|&|\+)\s*)+\d+)\b(?!\s*(?:%|ms|s\b|sec|min|h\b|µm|um))/.exec(t);
  // "pos 1" is a position's name (Pos1), "position 1" its number, as for one position
  return m ? m[2].split(/\s*(?:,|and|&|\+)\s*/).filter(Boolean).map((n) => (m[1] === 'pos' ? `Pos${n}` : n)) : [];
}

/** A channel numbered as in the plan: "channel 2", "ch3", "the second channel", "the last channel" → "2". */
function channelNumbered(t: string, now: RunState = {}): string | undefined {
  // "the last channel": the plan's last, where the conversation tells the channels
  if (/\b(?:the\s+)?(?:last|final)\s+channel\b/.test(t) && now.channels?.length) return String(now.channels.length);
  const numbered = /\b(?:channel|ch)\s*#?\s*(\d)\b(?!\s*(?:%|ms|s\b|µm|um|min|x\b))/.exec(t);
  if (numbered) return numbered[1];
  const ordinal = /\b(first|second|third|fourth|fifth) channel\b/.exec(t);
  if (ordinal) return String(ORDINALS[ordinal[1]]);
  // "the 2nd channel", "3rd channel"
  const numeral = /\b([1-9])(?:st|nd|rd|th) channel\b/.exec(t);
  return numeral ? numeral[1] : undefined;
}

/** Words that take the tiling away ("stop tiling", "no grid"). */
function dropsGrid(t: string): boolean {
  // ("make it a single tile again": one tile is no grid)
  return (/\b(no|remove|drop|without|stop|skip|turn off|switch off|disable|end|cancel|get rid of|lose|ditch|scrap)\b.*\b(grid|tiles?|tiling|mosaic|montage)\b/.test(t) || /\b(?:switch|turn|shut)\b.*\b(?:grid|tiling|mosaic|montage)\b.*\boff\b/.test(t) || /\b(?:a\s+)?(?:single|one|1)\s+tile\b/.test(t)) && !/\d\s*(?:x|×|by)\s*\d/.test(t);
}

/** An amount said without a number ("a bit", "slightly", "a notch"): asked, never guessed. */
const VAGUE_AMOUNT = /\b(?:slightly|somewhat|marginally|a (?:little|bit|tad|touch|notch|smidge|smidgen|hair|shade|wee bit|little bit|fraction))\b/;

/** Words that only say to image what was just named ("image it too", "include that one as well", "and acquire there"). */
const IMAGES_IT_TOO = /^(?:and\s+|then\s+)?(?:image|include|acquire|record|use|visit|add|film|capture)\s+(?:it|that|this|that one|this one|there|that spot|this spot)(?:\s+(?:too|as well|also|in the run|in the list|from now on|from now))*\s*[.!]*$/i;

/** The place the stage is at, said to be kept: "mark this spot", "remember the current position", "save here", "bookmark this field". */
/** "where I am now", "where im at now", "where we are at the moment": the stage's place now, said with no noun for a position. */
const WHERE_WE_ARE_NOW = /\bwhere\s+(?:i'm|im|i am|we're|we are|the stage is|it is|it's)\s+(?:at\s+)?(?:now|right now|currently|at the moment)\b/;

export const PLACE_KEPT =
  /\b(?:mark|remember|save|store|bookmark|memori[sz]e|note|keep|log)\s+(?:(?:(?:this|that|the current|the present|my current|our current)\s+(?:(?:stage|xy)\s+)?(?:position|location|field(?: of view)?|spot|point|place|site|fov)|where we are|where the stage is)\b|here\b(?!\s+(?:as|in|to)\b))(?!\s+(?:as|to)\s+(?:a\s+)?(?:pipeline|protocol|workflow|file|preset|template|recipe|csv|table))/;

const COUNT_WORD = String.raw`(\d+(?:\.\d+)?|one|two|three|four|five|six|ten)`;

/** The interval between time points, by any of its names. */
const INTERVAL_NOUN = /\b(?:interval|time[\s-]?step|(?:gap|time|spacing|pause|wait|delay) between (?:the |two |2 |consecutive |successive |each |)(?:frames|time ?points|images|pictures|acquisitions|shots|snaps))\b/;
/** The rate of time points, by any of its names (the interval's inverse). */
const RATE_NOUN = /\b(?:(?:frame|imaging|acquisition|sampling|time[\s-]?point)\s+(?:rate|frequency)|frame ?rate|fps|(?:temporal|time) resolution|frequency)\b/;

/**
 * A multiplier said without its setting: "half"/"halve"/"in half" 0.5, "double"/"twice" 2, "triple" 3,
 * "quadruple" 4, "N times"/"Nx"/"N-fold" N (1/N with a word that lowers: "cut the rate 3x"),
 * "by N%" / "by a third" up or down; undefined when the words give none, or no direction for a share.
 */
function multiplierOf(t: string): number | undefined {
  const down = /\b(?:reduce|lower|decrease|cut|shorten|divide|drop|bring down|less|shorter|lower)\b/.test(t);
  const up = /\b(?:increase|raise|lengthen|extend|boost|more|longer|higher|bump|up)\b/.test(t);
  // ("increase the interval by half", "raise it by half": half as much again, 1.5; "cut it by half": 0.5)
  if (/\bby half\b/.test(t) && up && !down) return 1.5;
  if (/\b(?:halve|half|in half|by half)\b/.test(t) && !/\bhalf (?:an?|as)\b/.test(t)) return 0.5;
  if (/^(?:please\s+|pls\s+|now\s+|then\s+)*quarter\b|\bquarter the\b/.test(t)) return 0.25;
  if (/\b(?:double|twice)\b/.test(t) && !/\btwice as\b/.test(t)) return 2;
  if (/\btriple\b/.test(t)) return 3;
  if (/\bquadruple\b/.test(t)) return 4;
  const n = /\b(\d+(?:\.\d+)?)\s*(?:x|times|-?fold)\b/.exec(t);
  if (n && Number(n[1]) > 0 && !/\btimes? (?:as|longer|shorter|faster|slower|more|less)\b/.test(t)) return down && !up ? 1 / Number(n[1]) : Number(n[1]);
  const pct = /\bby\s+(\d+(?:\.\d+)?)\s*(?:%|percent|per cent)/.exec(t);
  if (pct && down !== up) return down ? Math.max(0.001, 1 - Number(pct[1]) / 100) : 1 + Number(pct[1]) / 100;
  const part = /\bby\s+(?:a|one)\s+(third|quarter|fifth|tenth)\b/.exec(t);
  const parts: Record<string, number> = { third: 3, quarter: 4, fifth: 5, tenth: 10 };
  if (part && down !== up) return down ? 1 - 1 / parts[part[1]] : 1 + 1 / parts[part[1]];
  return undefined;
}

const MAKE_IT_NUMBER = /\b(?:make it|change it to|set it to|change to|make that|to)\s+(\d+(?:\.\d+)?)\s*(?:instead|please|pls|then)?\s*[.!?]*$/;

/** "every 5 min is too fast, make it 10": a bare number for the interval, in the unit of the duration said before it. */
function intervalInEarlierUnit(t: string): number | undefined {
  const bare = MAKE_IT_NUMBER.exec(t);
  if (!bare || !/\b(?:every|intervals?|too (?:fast|slow|often|frequent))\b/.test(t)) return undefined;
  const said = durationsIn(t.slice(0, bare.index)).at(-1);
  const count = said ? Number(/^\d+(?:\.\d+)?/.exec(t.slice(said.index))?.[0]) : NaN;
  return said && count > 0 ? Math.round((said.seconds / count) * Number(bare[1]) * 1e6) / 1e6 : undefined;
}

/**
 * "increase the interval by 5 min", "add 2 min to the interval", "make the interval 30 s shorter": the
 * interval changed by a span, s (negative: shorter); undefined when the words say no such change.
 */
function intervalChangedBy(t: string): number | undefined {
  if (!INTERVAL_NOUN.test(t) || /\bevery\b|\b(?:to|at)\s+\d/.test(t)) return undefined;
  const spans = durationsIn(t).filter((d) => !/ms|milli/.test(t.slice(d.index, d.index + d.length)));
  if (spans.length !== 1) return undefined;
  const [span] = spans;
  const before = t.slice(0, span.index);
  const after = t.slice(span.index + span.length);
  const longer = /\b(?:increase|lengthen|extend|raise|stretch|add|longer|more)\b/;
  const shorter = /\b(?:decrease|reduce|shorten|cut|lower|take|knock|trim|shave|subtract|shorter|less|drop)\b/;
  // ("by 5 min", "add 2 min to", "2 min longer", "take 1 min off")
  const said = /\bby\s*$/.test(before) || /^\s*(?:to|onto|on to|off|from)\s+(?:the\s+)?(?:interval|time[\s-]?step|gap)\b/.test(after) || /^\s*(?:longer|shorter|more|less)\b/.test(after);
  if (!said) return undefined;
  // ("bump the interval up by 2 min", "knock it down by 1 min": a particle of direction after the verb says which way)
  if (/\bup\b/.test(t) !== /\bdown\b/.test(t)) return /\bup\b/.test(t) ? span.seconds : -span.seconds;
  if (shorter.test(t)) return -span.seconds;
  if (longer.test(t)) return span.seconds;
  return undefined;
}

function parseTiming(said: string): Adjustment | undefined {
  // "hourly", "half-hourly", "daily": an interval said as an adverb
  const t = said.replace(/\bhalf[\s-]?hourly\b/g, 'every 30 min').replace(/\bhourly\b/g, 'every hour').replace(/\bdaily\b/g, 'every day');
  const inEarlierUnit = intervalInEarlierUnit(t);
  if (inEarlierUnit !== undefined) return { kind: 'interval', intervalS: inEarlierUnit };
  // ("lengthen the experiment by 4 h", "prolong the run by 2 hours": the run made longer)
  const extendWords = /\b(extend|another|more|longer|additional|add|extra)\b/.test(t) || (/\b(?:lengthen|prolong)\b/.test(t) && !/\b(?:expos\w*|interval|power|stack)\b/.test(t));
  // ("1.5 h more please", "2 extra hours": the span first, then the word that makes it more)
  const first = durationsIn(t)[0];
  const spanFirst = first && first.index === 0 && (/^\s*(?:more|extra|longer|additional)\b/.test(t.slice(first.length)) || /\b(?:more|extra|additional|further)\b/.test(t.slice(0, first.length))) ? first.seconds : undefined;
  const extend = extendWords ? durationAfter(t, /\bby\b|\bfor\b|\banother\b|\bextend(?:\s+it)?\b|\brun\b|\badd(?:\s+(?:on|another))?\b/) ?? spanFirst : undefined;
  if (extend !== undefined && !/\bevery\b/.test(t)) return { kind: 'extend', extraS: extend };
  const every = durationAfter(t, /\bevery\b|\binterval(?:\s+(?:to|of|be|is|at|=|should be|could be|can be|must be))?\b|\b(?:speed|slow)(?:\s+it)?\s+(?:up|down)\s+to\b|\bonce (?:a|an|per|every)\b|\bintervals? (?:to|of)\b|\b(?:time[\s-]?step|(?:temporal|time) resolution|cadence|sampling(?: interval| period)?|frame interval)(?:\s+(?:to|of|is|=|down to|up to))?\b/) ??
    // "a 5-min interval", "10 s cadence"
    // ("let's do 2 min frames", "30 s time points from now")
    durationsIn(t).find((d) => /^\s*(?:intervals?|cadence|period|apart|frames|time ?points|timepoints)\b/.test(t.slice(d.index + d.length)) && !/ms|milli/.test(t.slice(d.index, d.index + d.length)))?.seconds;
  if (every !== undefined && (/\b(speed (?:it )?up|slow (?:it )?down|faster|slower|more often|less often|intervals?|every|frame rate|rate|image|imaging|instead|from now|switch|change|set|go|time[\s-]?steps?|cadence|once (?:a|an|per|every))\b/.test(t) || durationsIn(t).some((d) => d.seconds === every && /^\s*(?:frames|time ?points|timepoints)\b/.test(t.slice(d.index + d.length))) || INTERVAL_NOUN.test(t) || RATE_NOUN.test(t))) return { kind: 'interval', intervalS: every };
  // "change the time between frames to 2.5 minutes", "the time between two images more long, 10 minutes": the interval by its
  // name and the one span said (no multiplier, no second span)
  const spansSaid = durationsIn(t).filter((d) => !/ms|milli/.test(t.slice(d.index, d.index + d.length)));
  if (INTERVAL_NOUN.test(t) && spansSaid.length === 1 && !/\b(?:by|times|fold|x)\b|%/.test(t) && !/\b(?:z[\s-]?stacks?|stacks?|tiles?|grid|autofocus)\b/.test(t)) return { kind: 'interval', intervalS: spansSaid[0].seconds };
  // "2 frames per minute", "one image every minute", "1 fps"
  // ("1 frame/10 min", "one image per 30 s", "2 frames every 3 min": a count of frames in a span)
  const perUnit = new RegExp(String.raw`\b${COUNT_WORD}\s*(?:frames?|images?|time ?points?|timepoints?|pictures?|acquisitions?|shots?|snaps?)\s*(?:per|a|an|each|every|\/|in)\s*(\d+(?:\.\d+)?\s*)?(seconds?|secs?|s|minutes?|mins?|min|hours?|hrs?|hr|h|days?)\b`).exec(t);
  if (perUnit) return { kind: 'interval', intervalS: Math.round(((unitSeconds(perUnit[3]) * (perUnit[2] ? Number(perUnit[2]) : 1)) / toNumber(perUnit[1])) * 1e6) / 1e6 };
  // "frame rate: 1 per min", "rate of 2 a minute"
  // ("frame rate 1 per 10 min": a count in so many units)
  const rate = new RegExp(String.raw`\b(?:frame )?rate\b\W*(?:of\s+|to\s+)?${COUNT_WORD}\s*(?:per|a|an|each|every|\/)\s*(\d+(?:\.\d+)?\s*)?(seconds?|secs?|minutes?|mins?|min|hours?|hrs?|hr|h|days?)\b`).exec(t);
  if (rate) return { kind: 'interval', intervalS: Math.round(((unitSeconds(rate[3]) * (rate[2] ? Number(rate[2]) : 1)) / toNumber(rate[1])) * 1e6) / 1e6 };
  // "twice an hour", "3 times a minute", "four times per hour": that many time points in the span
  const times = new RegExp(String.raw`\b(?:(twice|thrice)|${COUNT_WORD}\s*times)\s+(?:a|an|per|each|every)\s+(?:(\d+(?:\.\d+)?)\s*)?(seconds?|secs?|minutes?|mins?|min|hours?|hrs?|hr|h|days?)\b`).exec(t);
  if (times && /\b(?:image|imaging|acquire|take|shoot|record|capture|frames?|time ?points?|go|switch|change|set|interval|rate|only|just)\b|^\s*(?:twice|thrice|\d+\s*times)\b/.test(t)) {
    const n = times[1] === 'twice' ? 2 : times[1] === 'thrice' ? 3 : toNumber(times[2]);
    if (n > 0) return { kind: 'interval', intervalS: Math.round(((unitSeconds(times[4]) * (times[3] ? Number(times[3]) : 1)) / n) * 1e6) / 1e6 };
  }
  const fps = /\b(\d+(?:\.\d+)?)\s*fps\b/.exec(t);
  if (fps) return { kind: 'interval', intervalS: Math.round((1 / Number(fps[1])) * 1e6) / 1e6 };
  // a multiplier said of the interval or of the rate: "half the interval", "triple the gap between frames" (the interval times
  // it); "cut the frame rate in half", "double the imaging frequency" (the interval divided by it)
  const timingTarget = INTERVAL_NOUN.test(t) ? 'interval' : RATE_NOUN.test(t) ? 'rate' : undefined;
  const multiplier = timingTarget && !/\b(?:power|exposure|laser|intensity|lamp|led|brightness)\b/.test(t) ? multiplierOf(t) : undefined;
  if (multiplier !== undefined) return { kind: 'intervalFactor', factor: Math.round((timingTarget === 'interval' ? multiplier : 1 / multiplier) * 1e6) / 1e6 };
  // "make the interval 3 times longer", "lengthen the interval by 50%": the interval itself, by a factor or a share
  if (/\binterval\b/.test(t) && !/\b(?:power|exposure|laser|intensity)\b/.test(t)) {
    const longer = /\b(longer|lengthen|increase|extend|raise|stretch)\b/.test(t);
    const shorter = /\b(shorter|shorten|decrease|reduce|cut|lower)\b/.test(t);
    const n = new RegExp(String.raw`\b${COUNT_WORD}\s*(?:x|times|-?fold)\b`).exec(t);
    const pct = /\bby\s+(\d+(?:\.\d+)?)\s*(?:%|percent|per cent)|(\d+(?:\.\d+)?)\s*(?:%|percent|per cent)\s+(?:longer|shorter)\b/.exec(t);
    // "twice as long", "half as long"
    const as = /\b(twice|half) as (long|short)\b/.exec(t);
    if (as) return { kind: 'intervalFactor', factor: (as[1] === 'twice') === (as[2] === 'long') ? 2 : 0.5 };
    if (longer !== shorter && (n || pct)) {
      const share = Number(pct?.[1] ?? pct?.[2]);
      const factor = n ? (longer ? toNumber(n[1]) : 1 / toNumber(n[1])) : longer ? 1 + share / 100 : 1 - share / 100;
      if (factor > 0 && Number.isFinite(factor)) return { kind: 'intervalFactor', factor: Math.round(factor * 1e6) / 1e6 };
    }
  }
  // ("halve the imaging frequency": the rate of time points, its interval doubled)
  const rateWord = String.raw`(?:(?:frame|imaging|acquisition|sampling|time[\s-]?point)\s+)?(?:rate|frequency)`;
  if (new RegExp(String.raw`\b(twice|2x|two times) (as )?(fast|often|frequently)\b|\bdouble the ${rateWord}\b|\bhalve the interval\b`).test(t)) return { kind: 'intervalFactor', factor: 0.5 };
  if (new RegExp(String.raw`\b(half as often|half as frequently|twice as slow|half the (speed|${rateWord})|halve the ${rateWord}|double the interval)\b`).test(t)) return { kind: 'intervalFactor', factor: 2 };
  // "three times faster", "speed up 3x", "slow down by a factor of 2"; without a number: twice as fast or slow
  const aboutLight = /\b(power|exposure|laser|intensity|lamp|led|brightness)\b/.test(t);
  // "make the cells divide faster", "get them to grow quicker": the cells' own pace, which no setting of the microscope changes
  if (/\b(?:divid\w*|divide|grow\w*|migrat\w*|mov(?:e|ing)|proliferat\w*|die|dying|differentiat\w*|heal\w*|spread\w*|crawl\w*|swim\w*|beat\w*|develop\w*)\s+(?:(?:a\s+)?(?:bit|lot|little|much|way)\s+)?(?:faster|slower|quicker|more quickly|more slowly)\b/.test(t)) throw new AmbiguousCommand(`That asks the cells to change, which no setting of the microscope does: I can change how they are imaged (interval, light, channels, z, positions); nothing was changed`);
  // ("3 times as often", "4x as frequently": that many time points where there was one)
  const faster = /\b(faster|quicker|more often|more frequently|speed (?:it )?up|increase the (?:frame )?rate)\b|(?:\btimes|\dx|\bx)\s+as\s+(?:often|frequently|fast|quickly)\b/.test(t);
  const slower = /\b(slower|less often|less frequently|slow (?:it )?down|decrease the (?:frame )?rate|reduce the (?:frame )?rate)\b|(?:\btimes|\dx|\bx)\s+as\s+(?:slow(?:ly)?|rarely|seldom)\b/.test(t);
  // ("make the interval longer", "increase the interval", "a shorter time step": the interval changed by its direction alone is
  // asked how much, never a factor guessed; a value said with it, or in the next clause, "like 5 min", is that value)
  const direction = !aboutLight && !/\d/.test(t) ? intervalDirection(t) : undefined;
  if (direction && !faster && !slower) throw new AmbiguousCommand(`how much ${direction}? Say the new interval, e.g. "every ${direction === 'longer' ? '10' : '2'} min", or a factor, e.g. "${direction === 'longer' ? 'twice as long' : 'half as long'}"; nothing was changed`);
  // ("faster please, 30 s", "slower - 10 min": one span said beside the direction, not as how long ("for 30 min"), is the
  // new interval)
  if ((faster || slower) && !aboutLight && !(faster && slower) && spansSaid.length === 1 && !/\b(?:for|over|during|next|in|after|within)\s+(?:the\s+)?(?:next\s+)?(?:about\s+|around\s+)?$/.test(t.slice(0, spansSaid[0].index)) && !/%|\b(?:x|times|fold|factor)\b/.test(t)) return { kind: 'interval', intervalS: spansSaid[0].seconds };
  if ((faster || slower) && !aboutLight && !(faster && slower)) {
    // "slightly more often", "a bit slower": how much is asked, never guessed
    if (VAGUE_AMOUNT.test(t) && !/\d/.test(t)) throw new AmbiguousCommand(`how much ${faster ? 'more' : 'less'} often? Say the interval, e.g. "every 2 min", or a factor, e.g. "twice as often"; nothing was changed`);
    // ("go 50% faster", "20 percent less often": the rate changed by that share, so the interval by its inverse;
    // a rate cut by all of itself or more is no rate)
    const share = /(\d+(?:\.\d+)?)\s*(?:%|percent\b|per\s*cent\b)/.exec(t);
    if (share && Number(share[1]) > 0) {
      const p = Number(share[1]) / 100;
      if (!faster && p >= 1) throw new AmbiguousCommand(`${share[0]} slower leaves no time points: say the new interval, e.g. "every 10 min"; nothing was changed`);
      const change: Adjustment = { kind: 'intervalFactor', factor: Math.round((faster ? 1 / (1 + p) : 1 / (1 - p)) * 1000) / 1000 };
      RECKONED.add(change);
      return change;
    }
    const n = new RegExp(String.raw`\b${COUNT_WORD}\s*(?:x|times|-?fold)\b|\bfactor of\s*${COUNT_WORD}`).exec(t);
    const by = n ? toNumber(n[1] ?? n[2]) : 2;
    if (by > 0 && Number.isFinite(by)) return { kind: 'intervalFactor', factor: Math.round((faster ? 1 / by : by) * 1e6) / 1e6 };
  }
  // "make it 24 hours in total", "the whole thing 6 h long": the total duration
  const spans = durationsIn(t).filter((d) => !/ms|milli/.test(t.slice(d.index, d.index + d.length)));
  // "make it 10 hours instead of 12", "set the run to 8 h": the whole run's length, said with the verb and what it is of
  // ("make it 3 min" alone could be any timing: "it" / "that" is the run only with "long", "in total" or the old length it
  // corrects: "instead of 2", "sorry, make that 4 hours not 2")
  const runLength = spans.length === 1 && !/\bevery\b|\binterval\b/.test(t) ? /^(?:(?:sorry|oops|no|actually|wait|ok(?:ay)?|please)[,!.]?\s+)*(?:make|set|change|cut|shorten|extend|put)\s+(it|that|the (?:run|acquisition|experiment|time[\s-]?lapse|imaging|whole thing|duration|total(?: time| duration)?))\s+(?:to\s+|at\s+|only\s+|just\s+)*$/.exec(t.slice(0, spans[0].index)) : null;
  const lengthTail = runLength ? /^\s*(long|in total|total|(?:instead\s+of|rather\s+than|not)\s+(?:the\s+)?\d+(?:\.\d+)?(?:\s*(?:h|hrs?|hours?|min|mins|minutes?|d|days?))?)?\s*(?:instead)?\s*[.!]*$/.exec(t.slice(spans[0].index + spans[0].length)) : null;
  if (runLength && lengthTail && ((runLength[1] !== 'it' && runLength[1] !== 'that') || lengthTail[1])) return { kind: 'duration', durationS: spans[0].seconds };
  if (spans.length === 1 && !/\bevery\b/.test(t) && (/\b(in total|total|altogether|overall|in all|all together|whole (?:run|thing|acquisition|experiment|time[\s-]?lapse)|entire (?:run|acquisition|experiment|time[\s-]?lapse))\b/.test(t) || /^\s*(?:long|in length)\b/.test(t.slice(spans[0].index + spans[0].length)))) return { kind: 'duration', durationS: spans[0].seconds };
  const totalFor = /\b(run|image|continue|keep (going|imaging))\b.*\bfor\b/.test(t) ? durationAfter(t, /\bfor(?:\s+a\s+total\s+of)?\b/) : undefined;
  if (totalFor !== undefined && /\btotal\b/.test(t)) return { kind: 'duration', durationS: totalFor };
  if (totalFor !== undefined) return { kind: 'extend', extraS: totalFor };
  // ("make it 200 time points", "set the run to 50 frames": a count of time points said as what the run is, the total)
  const frames = /\b(\d+)\s*(?:time[\s-]?points|frames)\s*(?:in total|total)\b|\b(?:total of|only|just)\s*(\d+)\s*(?:time[\s-]?points|frames)\b|^(?:(?:ok(?:ay)?|actually|sorry|no|please)[,!.]?\s+)*(?:make|set|change|put|cut|shorten|extend|increase|reduce|lower|raise)\s+(?:it|that|the (?:run|acquisition|experiment|time[\s-]?lapse|imaging|whole thing))\s+(?:to\s+|at\s+|only\s+|just\s+)*(\d+)\s*(?:time[\s-]?points|timepoints|frames)(?:\s+(?:instead|please))*\s*[.!]*$/.exec(t);
  if (frames) return { kind: 'loops', loops: Number(frames[1] ?? frames[2] ?? frames[3]) };
  return undefined;
}

/**
 * "use 0.08 seconds for the GFP", "mCherry: half a second": a span under 10 s said of a channel, with no
 * word of timing, is its exposure (ms); undefined otherwise.
 */
function exposureSeconds(t: string, channel: string | undefined): number | undefined {
  if (!channel || /\b(?:every|interval|each|per|frame rate|for (?:another|more|the next)|pause|wait|hold|extend|longer|more|run|until|till|in)\b/.test(t)) return undefined;
  const spans = durationsIn(t);
  if (spans.length !== 1 || spans[0].seconds <= 0 || spans[0].seconds >= 10) return undefined;
  return Math.round(spans[0].seconds * 1000 * 1e6) / 1e6;
}

/** "reduce the 488 power by 90%" is a factor of 0.1; "drop the 488 to 5%" is 5 %; ms are exposure. */
function parseLight(said: string, channel: string | undefined): Adjustment[] {
  // "halve the exposure and the power", "cut the power and exposure of the 561 by 30%": one amount said of both
  // settings is a change of each (never of the power alone)
  const pair = /\b(expos\w*)\s+(?:and|&|\+|as well as|plus)\s+(?:the\s+|its\s+)?((?:laser\s+)?power|intensity)\b|\b((?:laser\s+)?power|intensity)\s+(?:and|&|\+|as well as|plus)\s+(?:the\s+|its\s+)?(expos\w*)\b/i.exec(said);
  if (pair) {
    const exposure = parseLight(said.replace(pair[0], pair[1] ?? pair[4]), channel);
    const power = parseLight(said.replace(pair[0], pair[2] ?? pair[3]), channel);
    if (exposure.length && power.length && exposure.every((a) => a.kind === 'exposure' || a.kind === 'exposureFactor') && power.every((a) => a.kind === 'power' || a.kind === 'powerFactor')) return [...exposure, ...power];
  }
  const ch = channel ? { channel } : {};
  // ("the GFP is way too dim, give it 3x the exposure": an observation before the comma says what is seen, not which way to go)
  const comma = /^([^,]+),\s+(\S.*)$/.exec(said);
  const t = comma && observationOf(comma[1]) && !observationOf(comma[2]) ? comma[2] : said;
  // ("halve the 488 nm laser exposure": a laser named by its line names the channel, not its power)
  const isExposure = /\bexpos/.test(t) && !/\b(power|laser|intensity|lamp|led)\b/.test(t.replace(/\b(\d{3})\s*(?:nm\s*)?(?:laser|line)\b|\b(?:laser|line)\s*(\d{3})\b/g, '$1$2'));
  // "turn the 561 down by 10 percent": the verb and its particle apart
  // "488 down 10%", "up the GFP exposure 1.5x", "dapi exposure -20%": a direction word or sign beside the amount
  const down = /\b(reduce|lower|decrease|drop|cut|dim|shorten|turn down|bring down|knock off|take off|shave off|trim|back off|ease off|tone down|dial back|less|weaker|dimmer|fewer)\b|\b(?:turn|bring|dial|take)\b.*\bdown\b|\bdown\s+(?:by\s+)?\d|\bdown\s+by\b|(?:^|\s)[-−]\s*\d+(?:\.\d+)?\s*(?:%|percent)/.test(t);
  const up = /\b(increase|raise|boost|turn up|bring up|brighten|bump|crank|lengthen|more|stronger|brighter)\b|\b(?:turn|bring|dial)\b.*\bup\b|^(?:please\s+)?up\s+(?:the|its|all)\b|\bup\s+(?:by\s+)?\d|\bup\s+by\b|(?:^|\s)\+\s*\d+(?:\.\d+)?\s*(?:%|percent)|^\d+(?:\.\d+)?\s*x\s+(?:the|its|all)\b/.test(t);
  const byPct = /\b(?:by|down|up|off)\s+(\d+(?:\.\d+)?)\s*(?:%|percent|per cent)|(?:^|\s)[-−+]\s*(\d+(?:\.\d+)?)\s*(?:%|percent)/.exec(t);
  // ("GFP power ×0.5", "mCherry exposure x2": the multiplier before its number, as in a spreadsheet)
  const times = /\b(\d+(?:\.\d+)?)\s*(?:x|times)\b(?!\s*(?:objective|\d))/.exec(t) ?? /(?:\b|\s)[x×]\s*(\d+(?:\.\d+)?)\s*$/.exec(t);
  const byPart = /\bby\s+(?:a|one)\s+(half|third|quarter|fifth|tenth)\b/.exec(t);
  const relative = (raw: number): Adjustment => {
    const factor = Math.round(raw * 1e6) / 1e6;
    return isExposure ? { kind: 'exposureFactor', factor, ...ch } : { kind: 'powerFactor', factor, ...ch };
  };
  // "50% longer", "20 percent dimmer": a share of the setting more or less
  const comparative = /(\d+(?:\.\d+)?)\s*(?:%|percent|per cent)\s+(longer|shorter|more|less|higher|lower|brighter|dimmer|stronger|weaker)\b/.exec(t);
  // ("half of what it is now" → "0.5x of the current": a share of the setting as it is, whatever verb lowers or raises it)
  const ofCurrent = /(\d+(?:\.\d+)?)x of the current\b/.exec(t);
  if (ofCurrent && Number(ofCurrent[1]) > 0) return [relative(Number(ofCurrent[1]))];
  if (comparative && !/\b(?:interval|duration|frame rate|cadence)\b/.test(t)) {
    const pct = Number(comparative[1]);
    const more = /^(?:longer|more|higher|brighter|stronger)$/.test(comparative[2]);
    if (more || pct < 100) return [relative(more ? 1 + pct / 100 : 1 - pct / 100)];
  }
  if (byPct && (down || up)) {
    const pct = Number(byPct[1] ?? byPct[2]);
    return [relative(down ? Math.max(0, 1 - pct / 100) || 0.001 : 1 + pct / 100)];
  }
  // ("increase the GFP power by half": half as much again)
  if (/\bby half\b/.test(t) && /\b(?:increase|raise|boost|bump|up|more|lengthen|extend)\b/.test(t) && !/\b(?:reduce|lower|decrease|cut|drop|less|shorten|dim)\b/.test(t)) return [relative(1.5)];
  if (/\bhalve\b|\bhalf the\b|\bby half\b|\bin half\b|\b(?:at|to)\s+half\s+(?:the\s+)?(?:power|exposure|intensity|laser|light)\b/.test(t)) return [relative(0.5)];
  // "quarter the GFP power", "a quarter of the exposure": the verb and the share as halve and half are
  if (/^(?:please\s+|pls\s+|now\s+|then\s+)*quarter\b|\bquarter the\b|\b(?:a\s+)?quarter of the\b/.test(t)) return [relative(0.25)];
  const fraction = /\bto (?:(?:a|one) )?(half|third|quarter|fifth|tenth|hundredth)\b/.exec(t);
  const parts: Record<string, number> = { half: 2, third: 3, quarter: 4, fifth: 5, tenth: 10, hundredth: 100 };
  // "lower it by a fifth" takes a fifth away; "raise it by a third" adds one
  if (byPart && (down || up)) return [relative(down ? 1 - 1 / parts[byPart[1]] : 1 + 1 / parts[byPart[1]])];
  if (fraction) return [relative(1 / parts[fraction[1]])];
  const fold = /\b(\d+(?:\.\d+)?|two|three|four|five|ten|hundred)[\s-]?fold\b/.exec(t);
  if (fold && (down || up)) return [relative(down ? 1 / toNumber(fold[1]) : toNumber(fold[1]))];
  if (/\bdouble\b|\btwice the\b/.test(t)) return [relative(2)];
  if (/\btriple\b|\bthree times the\b/.test(t)) return [relative(3)];
  if (/\bquadruple\b|\bfour times the\b/.test(t)) return [relative(4)];
  if (times && (down || up)) return [relative(down ? 1 / Number(times[1]) : Number(times[1]))];
  // "488 power 2x", "GFP exposure 0.5x": the setting times that
  if (times && /\b(?:power|exposure|intensity|laser)\b/.test(t) && Number(times[1]) > 0) return [relative(Number(times[1]))];
  const out: Adjustment[] = [];
  // ("EGFP laser power at 8", "561 power = 12": light power is only ever set in %, so a bare number said of it is a percentage)
  const bare = /\b(?:power|laser power|laser|intensity)(?:\s+(?:on|of|for|in)\s+(?:the\s+)?[\w-]+(?:\s+(?:channel|laser|line))?\s*(?=to|at|=|:))?\s*(?:to|at|of|=|:|->)?\s*(\d+(?:\.\d+)?)(?!\s*(?:%|percent|per cent|ms|msec|s\b|secs?|min|h\b|hrs?|x\b|times|fold|µm|um|nm|mw|µw|uw|w\b|\.\d|\d))/.exec(t);
  // ("lower the 488 to 2", "put the 561 laser at 8": a laser line or a laser given a bare number is its power, in %)
  const laserTo = !bare && channel && !/\bexpos|\bexp\b/.test(t) && /(?:^|\s)(?:the\s+)?(?:\d{3}(?:\s*nm)?|[\w-]+\s+(?:laser|line))\b/.test(t) && /\b(?:lower|raise|reduce|increase|decrease|set|put|turn|bring|drop|go|change|dial|bump|crank|boost|knock)\b/.test(t) ? /\b(?:to|at)\s+(\d+(?:\.\d+)?)\s*(?:please|pls|instead)?\s*[.!]*$/.exec(t) : null;
  // ("power gfp 7", "laser mcherry 12": the setting, the channel and the number)
  const trailing = !bare && channel && /^(?:please\s+)?(?:power|laser(?: power)?|intensity)\s+(?:on\s+|for\s+)?(?:the\s+)?[\w-]+(?:\s+(?:channel|laser|line))?\s+(?:to\s+|at\s+)?(\d+(?:\.\d+)?)\s*[.!]*$/.exec(t);
  const pct = percent(t) ?? (trailing && Number(trailing[1]) <= 100 ? Number(trailing[1]) : undefined) ?? (laserTo && Number(laserTo[1]) <= 100 ? Number(laserTo[1]) : undefined) ?? (bare && Number(bare[1]) <= 100 && !findChannels(t.slice(bare.index)).some((m) => m.index === bare[0].length - bare[1].length) ? Number(bare[1]) : undefined);
  // ("GFP: 30 ms, 4%": a percentage said of a channel is its light power)
  if (pct !== undefined && (/\b(power|laser|led|light|intensity|lamp|drop|lower|reduce|raise|increase|set|turn|to|at)\b/.test(t) || channel !== undefined)) out.push({ kind: 'power', powerPercent: pct, ...ch });
  // ("GFP exposure down a notch, say 60", "exposure for DAPI: 40": an exposure said as a bare number is in ms, as cameras count it)
  // ("exp gfp 60": the setting, the channel and the number, as in a lab notebook)
  const bareExposure = /\b(?:expos\w*|exp)\b(?:(?!\bevery\b|\binterval\b|\bby\b|\bx\b|\btimes\b|\bpositions?\b|\bchannel\s*\d).)*?(?:\b(?:to|at|of|say|be|is|make it)\b|=|:|->|→|\s)\s*(\d+(?:\.\d+)?)(?:\s+(?:for|on|in|of)\s+(?:the\s+)?[a-z][\w-]*(?:\s+(?:channel|laser|line))?)?\s*(?:instead|please|pls|then)?\s*[.!]*$/.exec(t);
  // ("set the 488 exposure to 50 and power to 5%": a bare number of the exposure followed by the power's own value)
  const exposureThenPower = /\b(?:expos\w*|exp)\b\s*(?:time\s*)?(?:to|at|of|=|:)?\s*(\d+(?:\.\d+)?)\s*(?:,|and|,\s*and)\s+(?:the\s+|its\s+)?(?:\S+\s+)?(?:power|laser|intensity)\b/.exec(t);
  const exp = exposureMs(t) ?? exposureSeconds(t, channel) ?? (bareExposure && pct === undefined ? Number(bareExposure[1]) : exposureThenPower ? Number(exposureThenPower[1]) : undefined);
  // ("all channels 50 ms": ms said of every channel is their exposure)
  if (exp !== undefined && (/\bexpos/.test(t) || channel || /\b(set|change|increase|decrease|lower|raise|reduce|to)\b/.test(t) || /\b(?:all|every|each|both)\s+(?:the\s+|of\s+the\s+)?(?:channels?|colou?rs?)\b/.test(t))) out.push({ kind: 'exposure', exposureMs: exp, ...ch });
  // ("give DAPI twice as long", "GFP half as long", "twice as long exposure": a channel's time under the light is its exposure)
  const as = out.length === 0 && (channel || /\bexpos\w*\b/.test(t)) && !/\b(?:interval|every|frame rate|run|experiment|acquisition|imaging|time[\s-]?lapse)\b/.test(t) ? /\b(twice|half|three times|\d+(?:\.\d+)?\s*(?:x|times)) as (long|short)\b/.exec(t) : null;
  if (as) {
    const n = as[1] === 'twice' ? 2 : as[1] === 'half' ? 0.5 : as[1] === 'three times' ? 3 : Number(/\d+(?:\.\d+)?/.exec(as[1])![0]);
    out.push({ kind: 'exposureFactor', factor: as[2] === 'long' ? n : 1 / n, ...ch });
  }
  return out;
}

function parseZoom(t: string): Adjustment | undefined {
  const objective = /\b(10|20|40)\s*x\b/.exec(t);
  // ("zoom into cell 3 at position 2": the cell is numbered in that position's latest image)
  const position = positionNamed(t);
  const obj = { ...(objective ? { objective: `${objective[1]}X` } : {}), ...(position ? { position } : {}) };
  const cell =
    /\bzoom(?:\s+(?:in|into|on|onto|to))*\s+(?:on\s+|to\s+)?(?:the\s+)?(?:cell|nucleus|object)\s*(?:#|number|no\.?|nr\.?)?\s*(\d+)/.exec(t) ??
    /\b(?:cell|nucleus)\s*#?\s*(\d+)\b.*\b(?:zoom|(?:higher|more|greater) magnification|magnif\w*|closer look)/.exec(t) ??
    /\b(?:magnify|(?:take a )?closer look at|get closer to)\s+(?:the\s+)?(?:cell|nucleus)\s*#?\s*(\d+)/.exec(t);
  // a cell by a description ("the brightest cell"): the cells are numbered in the status, not described
  if (!cell && /\bzoom\b|\bmagnif/.test(t) && /\b(?:cell|nucleus|object)\b/.test(t) && !/\b(?:cell|nucleus|object)\s*(?:#|number|no\.?|nr\.?)?\s*\d/.test(t)) {
    throw new AmbiguousCommand('which cell? I zoom on a cell by its number in the latest image: ask "what is the microscope doing?" to see them numbered, then say e.g. "zoom into cell 12"');
  }
  if (cell) return { kind: 'zoom', cell: Number(cell[1]), ...obj };
  const pixel = /\bzoom\b.*?\(?\s*(\d+(?:\.\d+)?)\s*,\s*(\d+(?:\.\d+)?)\s*\)?/.exec(t);
  if (pixel && /pixel|px|\(/.test(t)) return { kind: 'zoom', xPx: Number(pixel[1]), yPx: Number(pixel[2]), ...obj };
  // ("switch to the 60x objective", "use the 100x oil": an objective the microscope does not have is refused with those it has)
  const other = /\b(?:switch|change|swap|go)\s+(?:over\s+)?to\s+(?:the\s+|a\s+)?(\d+)\s*x\b(?!\s*(?:faster|slower|more|less|as|longer|shorter|the|speed))|\b(?:use|select|mount|load)\s+(?:the\s+|a\s+)?(\d+)\s*x\b(?!\s*(?:faster|slower|more|less|as|longer|shorter|the|speed))|\b(\d+)\s*x\s+(?:oil|water|air|silicone|glycerol|objective|lens|obj)\b/.exec(t);
  const power = other ? other[1] ?? other[2] ?? other[3] : undefined;
  if (power && !['10', '20', '40'].includes(power)) throw new AmbiguousCommand(`the microscope has the 10X, 20X and 40X objectives, no ${power}X one; nothing was changed`);
  const switchTo = /\b(?:switch|change|go|move|use|select|put|swap|mount|load)\b.*?\b(10|20|40)\s*x\b|\b(10|20|40)\s*x\s+objective\b|\bzoom\b.*?\b(10|20|40)\s*x\b/.exec(t);
  if (switchTo) return { kind: 'objective', objective: `${switchTo[1] ?? switchTo[2] ?? switchTo[3]}X` };
  // ("20x please", "40x thanks": an objective the microscope has, said alone with only a polite word, is that objective)
  const alone = /^(?:(?:ok(?:ay)?|now|then|and|the)[,\s]+)*(10|20|40)\s*x\b(?:[,\s]+(?:please|thanks|thank you|thx|cheers|now|objective|lens))*[\s.!]*$/.exec(t);
  if (alone) return { kind: 'objective', objective: `${alone[1]}X` };
  if (/\bzoom (in|out)\b/.test(t)) return { kind: 'objective', objective: /zoom out/.test(t) ? '10X' : '40X' };
  return undefined;
}

/** ("focus is off, go up 2 microns": a step up or down with no axis, said beside the focus, is the focus's) */
function upOrDownOfTheFocus(text: string): string {
  if (!/\b(?:focus|focal plane|out of focus|blurr(?:y|ed)|sharp|z)\b/i.test(text) || /\b(?:stage|xy|field|fov|left|right)\b/i.test(text)) return text;
  return text.replace(/\b(?:go|move|step|shift|nudge|come)\s+(up|down)\b(?=\s*(?:by\s+)?\d)/gi, 'focus $1');
}

/** Below this, a step "up" or "down" is as much a focus step as a stage step. */
const FOCUS_SIZED_UM = 50;

/** One move up or down by less than a focus-sized step, with no word naming the stage (or x, y, a field): the axis is not said. */
function upOrDownUnnamed(t: string, moves: { um: number; direction: string }[]): boolean {
  return moves.length === 1 && /^(?:up|down)$/.test(moves[0].direction) && moves[0].um < FOCUS_SIZED_UM && !/\b(?:stage|xy|x|y|field|fov|sample|dish|plate|slide|left|right|north|south)\b/.test(t);
}

/** The compass points as the stage's sides (north up, as the image is shown). */
const COMPASS_SIDE: Record<string, string> = { north: 'up', south: 'down', east: 'right', west: 'left' };

/**
 * Stage and focus moves: "move the stage to x=100, y=200", "move to (1000, 500)", "move 200 µm
 * to the right", "shift left by 50 microns", "move the focus down 2 µm" (z up is +).
 */
function parseMove(said: string): Adjustment | undefined {
  // ("move 100 um north", "go 50 µm west": compass points are the stage's sides, north up as on the screen)
  const t = said.replace(/\b(north|south|east|west)(?:wards?)?\b/g, (_m, p: string) => COMPASS_SIDE[p]);
  // ("focus up a bit", "move the stage a little to the left": a way said with no distance is asked, never a guessed distance)
  const zSaid = /\b(?:focus|focal plane|objective)\b/.test(t);
  const way = (zSaid ? /\b(left|right|up|down|higher|lower|deeper)\b/ : /\b(left|right|up|down)\b/).exec(t);
  if (way && VAGUE_AMOUNT.test(t) && !/\d/.test(t) && /\b(?:move|shift|go|nudge|jog|step|bring|focus|objective|stage)\b/.test(t) && !/\b(?:power|exposure|laser|intensity|interval|gain)\b/.test(t)) {
    const example = zSaid ? `focus ${way[1]} 2 µm` : `move the stage 100 µm ${/left|right/.test(way[1]) ? `to the ${way[1]}` : way[1]}`;
    throw new AmbiguousCommand(`how far? Say the distance, e.g. "${example}"; nothing was moved`);
  }
  // ("lower the objective by 3 microns": the objective raised or lowered by a distance is the focus; "a lower objective" names no distance)
  // ("move the objective down of 2 um": the objective moved up or down by a distance is the focus too)
  const objectiveMoved = new RegExp(String.raw`\b(?:raise|lower)\b.*\bobjective\b.*?\d\s*(?:${DISTANCE_UNIT})|\bobjective\s+(?:up|down|higher|lower)\b.*?\d\s*(?:${DISTANCE_UNIT})`).test(t);
  const focus = (/\b(focus|focal plane|z|objective height)\b/.test(t) || objectiveMoved) && !/\b(?:x|y)\s*[=:]/.test(t);
  // "focus 3 µm higher", "raise the focus by 2 µm", "lower the focus 1 um", "raise the objective 2 µm"
  // ("focus more up of 1.5 micrometer", "focus higher of 3 micron", "raise z of 4 microns": the direction before the distance,
  // joined by any small word, as people write it in their own grammar)
  const zBy = new RegExp(String.raw`(\d+(?:\.\d+)?)\s*(${DISTANCE_UNIT})\s*(higher|lower|deeper|up|down)\b|\b(raise|lower)\b.*\b(?:focus|objective|z)\b.*?(\d+(?:\.\d+)?)\s*(${DISTANCE_UNIT})|\b(higher|lower|deeper|up|down)\s+(?:(?:of|by|for|with|about|around|some|to)\s+)?(\d+(?:\.\d+)?)\s*(${DISTANCE_UNIT})`).exec(t);
  if (focus && zBy) {
    const [d, unit, direction] = zBy[1] ? [Number(zBy[1]), zBy[2], zBy[3]] : zBy[5] ? [Number(zBy[5]), zBy[6], zBy[4] === 'raise' ? 'up' : 'down'] : [Number(zBy[8]), zBy[9], zBy[7]];
    const um = d * unitMicrometres(unit);
    return { kind: 'moveStage', relative: true, zUm: /higher|up|raise/.test(direction) ? um : -um };
  }
  // ("set the focus to 1520 microns", "put the focal plane at 1500 µm", "focus at z = 30"): the focus drive to a height
  const focusTo = new RegExp(String.raw`\b(?:focus|focal plane|z(?:[\s-]?(?:drive|position|height))?)\s+(?:(?:position|height|drive)\s+)?(?:to|at|=)\s*(-?\d+(?:\.\d+)?)\s*(${DISTANCE_UNIT})?(?![\w%])`).exec(t);
  // (a bare "z to 7" with no unit is no height: "set the z to 7 and simulate a time-lapse" is a number of planes)
  if (focus && focusTo && (focusTo[2] || /^(?:focus|focal)/.test(focusTo[0])) && !/\b(?:by|up|down|higher|lower|deeper|step|steps|range|planes|slices)\b/.test(t)) return { kind: 'moveStage', relative: false, zUm: Number(focusTo[1]) * (focusTo[2] ? unitMicrometres(focusTo[2]) : 1) };
  if (!/\b(move|shift|go|step|jog|nudge|translate|bring|return|send|home)\b|\bfocus\s+(?:up|down)\b/.test(t) || /\b(positions?|fields?)\b.*\b(from now|instead)\b/.test(t)) return undefined;
  // "15 planes, 0.3 µm step", "z-series: 10 µm range, step 0.5": a z-stack's step, not a move
  if (/\b(?:planes|slices|sections|z[\s-]?stacks?|stack|z[\s-]?series|range)\b/.test(t)) return undefined;
  const x = /\bx\s*(?:=|:|to|by)?\s*(-?\d+(?:\.\d+)?)/.exec(t);
  const y = /\by\s*(?:=|:|to|by)?\s*(-?\d+(?:\.\d+)?)/.exec(t);
  const z = /\bz\s*(?:=|:|to|by)?\s*(-?\d+(?:\.\d+)?)/.exec(t);
  const relative = /\bby\b|\bshift\b|\bleft\b|\bright\b|\bup\b|\bdown\b/.test(t);
  if (x || y || z) return { kind: 'moveStage', relative, ...(x ? { xUm: Number(x[1]) } : {}), ...(y ? { yUm: Number(y[1]) } : {}), ...(z ? { zUm: Number(z[1]) } : {}) };
  if (/\b(?:to|back to)\s+(?:the\s+)?(?:origin|home(?: position)?|zero|centre|center)\b|\bhome the stage\b|\b(?:stage|it)\s+(?:back\s+)?home\b/.test(t)) return { kind: 'moveStage', relative: false, xUm: 0, yUm: 0 };
  const pair = /\bto\s*(?:(?:position|point|coordinates?|xy)\s*)?\(\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*(?:,\s*(-?\d+(?:\.\d+)?)\s*)?\)/.exec(t);
  if (pair) return { kind: 'moveStage', relative: false, xUm: Number(pair[1]), yUm: Number(pair[2]), ...(pair[3] !== undefined ? { zUm: Number(pair[3]) } : {}) };
  // "go to 2500, 1200 µm": a pair without brackets, in µm
  const bare = new RegExp(String.raw`\bto\s+(-?\d+(?:\.\d+)?)\s*(?:${DISTANCE_UNIT})?\s*,\s*(-?\d+(?:\.\d+)?)\s*(${DISTANCE_UNIT})?\s*[.!]?$`).exec(t);
  if (bare) {
    const scale = bare[3] ? unitMicrometres(bare[3]) : 1;
    return { kind: 'moveStage', relative: false, xUm: Number(bare[1]) * scale, yUm: Number(bare[2]) * scale };
  }
  // every distance with its direction ("100 um to the left and 50 um up": one move in x and y)
  const moves = [...t.matchAll(new RegExp(String.raw`(\d+(?:\.\d+)?)\s*(${DISTANCE_UNIT})\s*(?:to the\s+|towards? the\s+)?(left|right|up|down)\b|\b(left|right|up|down)\s*(?:by\s+)?(\d+(?:\.\d+)?)\s*(${DISTANCE_UNIT})`, 'g'))]
    .map((m) => (m[1] ? { um: Number(m[1]) * unitMicrometres(m[2]), direction: m[3] } : { um: Number(m[5]) * unitMicrometres(m[6]), direction: m[4] }));
  if (moves.length === 0) return undefined;
  const { um, direction } = moves[0];
  if (focus && (direction === 'up' || direction === 'down')) return { kind: 'moveStage', relative: true, zUm: direction === 'up' ? um : -um };
  // ("go up 5 microns then snap": a focus-sized step up or down with neither the focus nor the stage named is either; asked, never a guessed axis)
  if (upOrDownUnnamed(said, moves)) throw new AmbiguousCommand(`the focus (z) or the stage (y)? Say "focus ${direction} ${um} µm" or "move the stage ${um} µm ${direction}"; nothing was moved`);
  const axis = (d: string) => (d === 'left' || d === 'right' ? 'xUm' : 'yUm');
  const signed = (m: { um: number; direction: string }) => (m.direction === 'left' || m.direction === 'up' ? -m.um : m.um);
  const moved: { xUm?: number; yUm?: number } = {};
  for (const m of moves) moved[axis(m.direction)] = (moved[axis(m.direction)] ?? 0) + signed(m);
  return { kind: 'moveStage', relative: true, ...moved };
}

/**
 * A clause that only says how often ("every 3rd timepoint", "only every other frame") right after a change of one
 * channel added is its schedule (acquireEvery). Undefined otherwise.
 */
export function scheduleOfTheChannelBefore(clause: string, before: Adjustment | undefined, config: MicroscopeConfig): Adjustment | undefined {
  const nth = everyNth(clause);
  if (!nth || !before || findChannels(clause, config).length) return undefined;
  const rest = clause.toLowerCase().replace(/\bevery\s+(?:\d+(?:st|nd|rd|th)?|other|second|third|fourth|fifth|sixth|tenth)(?:\s+(?:time[\s-]?points?|timepoints?|frames?|rounds?|cycles?|loops?))?\b/, '');
  if (/\p{L}/u.test(rest.replace(/\b(?:and|but|only|just|please|pls|at|on|for|it|that|then|also|images?|imaged|imaging|acquired|taken)\b/g, ''))) return undefined;
  if (before.kind === 'addChannel') return { ...before, acquireEvery: nth };
  return undefined;
}

