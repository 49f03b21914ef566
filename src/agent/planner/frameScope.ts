// The frames a step is said to run on ("track only the last 6 frames", "from frame 3 on", "ignore the first two
// frames", "everything except the first frame", "the second half of the movie"), carried to where they can apply:
// the step's own frame range, else the range of the step before it in its chain that takes one (the masks a
// tracking links are made on those frames), else named in one line with what ran instead. Never dropped in silence.
import { withoutEventMoments } from './eventMoment.ts';
import { momentSaid } from './frameMoment.ts';
import { type Catalogue, producesOf, selfOf } from './catalogue.ts';
import type { Conversation } from './conversation.ts';
import { sessionFrameCount } from './builders.ts';
import { needsFrames } from './frames.ts';
import { movieIntervalS } from './answers.ts';
import { FRACTION_SCOPE, TIME_SPAN_SCOPE, findFrames, rangeAsDigits, timeSpanFrames } from './extract.ts';
import { LAST_ADJECTIVE, timeRangeSaid } from './quantities.ts';
import { referenceFrameSaid } from './referenceFrame.ts';
import { askedPart, readQuestion } from './tableAnswers.ts';
import { trackEndsAsked } from './trackSpans.ts';
import type { Plan, PlannedStep, Ref } from './types.ts';

type FrameRange = { first: number; last: number };

export interface FrameScope {
  /** The words as said in the step's clause. */
  said: string;
  /** The frames meant, when they can be worked out (an open end needs the movie's length). */
  range?: FrameRange;
  /** A frame left out in the middle of the movie: no one range is what is left. */
  middle?: boolean;
  /** The frames left out in the middle, to say the two ranges that are left. */
  leftOut?: FrameRange;
  /** Said relative to a frame ("before frame 10", "all but the first"): read here only, over a range a step's reader took from its number. */
  relative?: boolean;
  /** Said in time ("the first hour"): its frames need the frame interval. */
  inTime?: boolean;
}

const FRAME = String.raw`(?:frames?|time ?points?|timepoints?)`;
const LEAVE_OUT = String.raw`(?:not\s+(?:counting|including|using|considering|analy[sz]ing)|not|except(?:\s+for)?|excluding|without|other\s+than|apart\s+from|but|skip(?:ping)?|leave\s+out|leaving\s+out|leave\s+off|ignor(?:e|ing)|exclud(?:e|ing)|disregard(?:ing)?|omit(?:ting)?|discard(?:ing)?|drop(?:ping)?|throw(?:ing)?\s+(?:away|out)|cut(?:ting)?(?:\s+off)?|remov(?:e|ing)|(?:do\s+not|don'?t|never)\s+[a-z]+)`;
/** "ignore the first 2 frames", "except the last frame", "leaving out the final 3 time points" (the count may be missing: one). */
// ("count them but not in the first 5 frames", "except during the last 3 time points": a preposition may lead the frames left out)
// ("ignore nuclei in the first 5 frames", "leave out any cells during frames 1-3": the things left out may stand between the
// verb and its frames, a preposition before the frames; never after "but" or "not" alone, "segment but track in frames 1-5")
const OBJECTS_IN = String.raw`(?:(?<!\b(?:but|not))\s+(?:(?!(?:and|then|or|but|in|on|for|during|over|from)\b)[\p{L}-]+\s+){0,2}(?!(?:and|then|or|but|in|on|for|during|over|from)\b)[\p{L}-]+\s+(?:in|on|for|during|over|from|within|at)\s+|\s+(?:(?:in|on|for|during|over|from)\s+)?)`;
const LEFT_OUT = new RegExp(String.raw`\b${LEAVE_OUT}${OBJECTS_IN}(?:the\s+)?(?:very\s+)?(first|last|final|initial)\s+(?:(\d+)\s+)?${FRAME}\b`, 'iu');
/** "from frame 3 on", "frame 20 onwards", "starting at frame 4", "frames 10 to the end". */
const OPEN_END = new RegExp(String.raw`\b(?:(?:from|starting\s+(?:at|from|with)|since|beginning\s+(?:at|with))\s+(?:the\s+)?(?:frame|time ?point|timepoint)\s*#?(\d+)(?!\s*(?:to|-|–|through|until|till)\s*(?:frame\s*)?\d)(?:\s*(?:on(?:wards?)?\b|to\s+the\s+(?:end|last(?:\s+frame)?)|till\s+the\s+end|until\s+the\s+end))?|${FRAME}\s*#?(\d+)\s*(?:onwards?|on\b|and\s+(?:after|later|beyond)|\+|to\s+the\s+end))`, 'i');
/** "ignore the first and last frames", "skip the first 2 and the last 3 frames": both ends left out. */
const BOTH_ENDS = new RegExp(String.raw`\b${LEAVE_OUT}\s+(?:(?:in|on|for|during|over|from)\s+)?(?:the\s+)?(?:very\s+)?(?:first|initial)\s+(?:(\d+)\s+)?(?:${FRAME}\s+)?(?:and|&|\+)\s+(?:the\s+)?(?:very\s+)?(?:last|final)\s+(?:(\d+)\s+)?${FRAME}\b`, 'i');
/** "the middle frame", "the central time point": the one frame halfway through the movie. */
const MIDDLE_FRAME = new RegExp(String.raw`\b(?:the\s+)?(?:middle|central|centre|center|mid)\s*-?\s*(?:frame|time ?point|timepoint)\b`, 'i');
/** "in the last frame", "on the first time point", "only the final frame": one frame at an end, where a step runs (after a preposition of place or "only"; "to the first frame" is a reference). */
const END_FRAME = new RegExp(String.raw`\b(?:(?:only|just)\s+(?:(?:in|on|at|for)\s+)?|(?:in|on|at|for|during|within)\s+)(?:the\s+)?(?:very\s+)?(first|initial|last|final)\s+(?:frame|time ?point|timepoint)\b(?!\s*(?:s\b|to\b|-|–|and\b|through\b|compared|vs\b|versus\b))`, 'i');
/** "all frames but the first", "every time point except the last 3". */
const ALL_BUT = new RegExp(String.raw`\b(?:all|every|each)\s+(?:the\s+)?${FRAME}\s+(?:but|except(?:\s+for)?|apart\s+from|other\s+than|save)\s+(?:the\s+)?(?:very\s+)?(first|last|final|initial)(?:\s+(\d+))?\b`, 'i');
/** "drop frame 1", "skip time point 40", "without frame 7": one frame left out by its number. */
const ONE_LEFT_OUT = new RegExp(String.raw`\b${LEAVE_OUT}${OBJECTS_IN}(?:the\s+)?(?:frame|time ?point|timepoint)\s*#?(\d+)\b(?!\s*(?:to|-|–|through|until|till|and|,)\s*(?:frame\s*)?\d)`, 'iu');
/** "skip frames 1-5", "leave out time points 30 to 40", "don't touch frames 1-10": a range left out. */
const RANGE_LEFT_OUT = new RegExp(String.raw`\b${LEAVE_OUT}${OBJECTS_IN}(?:the\s+)?${FRAME}\s*#?(\d+)\s*(?:to|-|–|through|until|till)\s*(?:frame\s*)?(\d+)\b`, 'iu');
/** "all frames except 10 to 15", "every time point but 3-8": a range left out after the frames kept, its numbers without the word. */
const ALL_BUT_RANGE = new RegExp(String.raw`\b(?:all|every|each)\s+(?:the\s+)?${FRAME}\s+(?:but|except(?:\s+for)?|apart\s+from|other\s+than|save|excluding|without)\s+(?:${FRAME}\s*)?#?(\d+)\s*(?:to|-|–|through|until|till)\s*(?:frame\s*)?(\d+)\b`, 'i');
/** "from the 5th frame onwards", "starting with the 3rd time point". */
const ORDINAL_OPEN = new RegExp(String.raw`\b(?:from|starting\s+(?:at|from|with)|since|beginning\s+(?:at|with))\s+the\s+(\d+)(?:st|nd|rd|th)\s+(?:frame|time ?point|timepoint)(?:\s*(?:on(?:wards?)?\b|to\s+the\s+end))?`, 'i');
/** "everything after frame 12" (from 13 on), "before frame 10" (up to 9). */
const AFTER_BEFORE = new RegExp(String.raw`\b(after|past|beyond|before|prior\s+to)\s+(?:the\s+)?(?:frame|time ?point|timepoint)\s*#?(\d+)\b`, 'i');
/** "the last 6 frames", "the final ten time points" (a number word read as digits first). */
const LAST_FEW = new RegExp(String.raw`\b(?:the\s+)?${LAST_ADJECTIVE}\s+(\d+)\s+${FRAME}\b`, 'i');
/** Any other frame range said: "frames 5 to 12", "the first 10 frames", "up to frame 8", "in frame 4". */
const CLOSED = new RegExp(String.raw`\b(?:(?:between\s+)?${FRAME}\s*#?\d+\s*(?:to|-|–|through|until|till|and)\s*(?:frame\s*)?\d+|(?:the\s+)?(?:first|initial)\s+\d+\s+${FRAME}|(?:up\s+to|until|till|through)\s+(?:the\s+)?(?:frame|time ?point|timepoint)\s*\d+|(?:only|just|in|on|at|for)\s+(?:the\s+)?(?:frame|time ?point|timepoint)\s*#?\d+)\b`, 'i');

/** The frames a clause says its step runs on, with the range where it can be worked out (`frameCount`: the movie's length). */
export function frameScopeSaid(clause: string, frameCount?: number, intervalS?: number): FrameScope | undefined {
  const text = rangeAsDigits(withoutEventMoments(clause));
  const span = TIME_SPAN_SCOPE.exec(text);
  if (span) return { said: span[0], range: timeSpanFrames(span, intervalS, frameCount), inTime: true };
  // ("between minute 10 and minute 40", "from 5 to 20 min" with no interval known: times of the movie no frames can be worked
  // out for, named; with one known they were written as frames before, quantities.ts timesInFrames)
  const times = intervalS === undefined ? timeRangeSaid(text) : null;
  if (times && (times[1] || times[3] || times[5])) return { said: times[0], inTime: true };
  const ends = BOTH_ENDS.exec(text);
  if (ends) {
    const [a, b] = [Number(ends[1] ?? 1), Number(ends[2] ?? 1)];
    return { said: ends[0], range: frameCount !== undefined && a + b < frameCount ? { first: a + 1, last: frameCount - b } : undefined, relative: true };
  }
  const left = LEFT_OUT.exec(text);
  if (left) return { ...leftOut(left[0], left[1], left[2], frameCount), relative: true };
  const allBut = ALL_BUT.exec(text);
  if (allBut) return { ...leftOut(allBut[0], allBut[1], allBut[2], frameCount), relative: true };
  const range = RANGE_LEFT_OUT.exec(text) ?? ALL_BUT_RANGE.exec(text);
  if (range) {
    // what is left of the movie: the frames after the range, or before it; one left out in the middle leaves two
    const [a, b] = [Number(range[1]), Number(range[2])].sort((x, y) => x - y);
    if (a <= 1) return { said: range[0], range: frameCount !== undefined && b < frameCount ? { first: b + 1, last: frameCount } : undefined, relative: true };
    if (frameCount !== undefined && b >= frameCount) return { said: range[0], range: { first: 1, last: a - 1 }, relative: true };
    return { said: range[0], range: undefined, middle: frameCount !== undefined, leftOut: { first: a, last: b }, relative: true };
  }
  const one = ONE_LEFT_OUT.exec(text);
  if (one) {
    const n = Number(one[1]);
    // (only the first or the last frame leaves one range; a frame in the middle leaves two, which no range takes)
    if (n === 1) return { said: one[0], range: frameCount && frameCount > 1 ? { first: 2, last: frameCount } : undefined, relative: true };
    if (frameCount !== undefined && n === frameCount) return { said: one[0], range: { first: 1, last: frameCount - 1 }, relative: true };
    return { said: one[0], range: undefined, middle: frameCount !== undefined, leftOut: { first: n, last: n }, relative: true };
  }
  const ordinal = ORDINAL_OPEN.exec(text);
  if (ordinal) {
    const first = Number(ordinal[1]);
    return { said: ordinal[0], range: frameCount !== undefined && first >= 1 && first <= frameCount ? { first, last: frameCount } : undefined };
  }
  const side = AFTER_BEFORE.exec(text);
  if (side) {
    const n = Number(side[2]);
    if (/^(?:before|prior)/i.test(side[1])) return { said: side[0], range: n > 1 ? { first: 1, last: n - 1 } : undefined, relative: true };
    return { said: side[0], range: frameCount !== undefined && n < frameCount ? { first: n + 1, last: frameCount } : undefined, relative: true };
  }
  const open = OPEN_END.exec(text);
  if (open) {
    const first = Number(open[1] ?? open[2]);
    return { said: open[0], range: frameCount !== undefined && first >= 1 && first <= frameCount ? { first, last: frameCount } : undefined };
  }
  const last = LAST_FEW.exec(text);
  if (last) {
    const n = Number(last[1]);
    return { said: last[0], range: frameCount !== undefined && n >= 1 ? { first: Math.max(1, frameCount - n + 1), last: frameCount } : undefined };
  }
  const middle = MIDDLE_FRAME.exec(text);
  if (middle) return { said: middle[0], range: frameCount !== undefined ? { first: Math.ceil(frameCount / 2), last: Math.ceil(frameCount / 2) } : undefined };
  // ("how many are there in the last frame?", "segment only the first time point": one frame at an end, said where a step runs)
  const end = END_FRAME.exec(text);
  if (end) return { said: end[0], range: /first|initial/i.test(end[1]) ? { first: 1, last: 1 } : frameCount !== undefined ? { first: frameCount, last: frameCount } : undefined };
  // ("at t=10", "the 10th frame", "halfway through", "at 30 min" with the interval known: one moment, frameMoment.ts)
  const moment = momentSaid(text, frameCount, intervalS);
  if (moment) return moment;
  const fraction = FRACTION_SCOPE.exec(text);
  if (fraction) return { said: fraction[0], range: findFrames(fraction[0], frameCount) };
  const closed = CLOSED.exec(text);
  if (closed) return { said: closed[0], range: findFrames(closed[0], frameCount) };
  return undefined;
}

/** The frames left when the first or last `count` (one when not said) are left out. */
function leftOut(said: string, end: string, count: string | undefined, frameCount?: number): FrameScope {
  const n = count === undefined ? 1 : Number(count);
  const fromStart = /first|initial/i.test(end);
  const range = frameCount === undefined || n >= frameCount ? undefined : fromStart ? { first: n + 1, last: frameCount } : { first: 1, last: frameCount - n };
  return { said, range };
}

const takesFrames = (tool: string, catalogue: Catalogue) => 'frames' in (catalogue.get(tool)?.properties ?? {});

/** The step before `at` whose result the step reads through a chain reference, of any of its inputs. */
function feeder(steps: PlannedStep[], at: number, catalogue: Catalogue): number | undefined {
  // (an input the chain hands on, or one taken from the steps named as its makers: a plot of measure's table)
  const refs = Object.values(steps[at].args).filter((v): v is Ref => !!v && typeof v === 'object' && ((v as Ref).mode === 'chain' || (v as Ref).mode === 'producer'));
  const feeds = (r: Ref, tool: string) => producesOf(tool, catalogue).includes(r.$ref) && (r.mode === 'chain' || (r.producers ?? []).includes(tool));
  for (let k = at - 1; k >= 0; k--) if (refs.some((r) => feeds(r, steps[k].tool))) return k;
  return undefined;
}

/** The steps before `at` in its chain (nearest first) that take a frame range. */
function framedFeeders(steps: PlannedStep[], at: number, catalogue: Catalogue): number[] {
  const out: number[] = [];
  const seen = new Set<number>();
  for (let k = feeder(steps, at, catalogue); k !== undefined && !seen.has(k); k = feeder(steps, k, catalogue)) {
    seen.add(k);
    if (takesFrames(steps[k].tool, catalogue)) out.push(k);
  }
  return out;
}

const sameRange = (a: unknown, b: FrameRange) => !!a && typeof a === 'object' && (a as FrameRange).first === b.first && (a as FrameRange).last === b.last;

/**
 * The plan with the frames each step is said to run on applied (to the step, or to the step before it in its chain
 * that takes frames) or named in one line; notes that called those words "not applied" when they were, or that named
 * them in words that did not fit, are replaced.
 */
export function applyFrameScope(plan: Plan, conversation: Conversation, catalogue: Catalogue): Plan {
  if (plan.steps.length === 0) return plan;
  const frameCount = sessionFrameCount(conversation);
  const intervalS = frameIntervalKnown(plan, conversation);
  const reference = referenceFrameSaid(conversation.request)?.said.toLowerCase();
  let notes = [...(plan.notes ?? [])];
  const lines: string[] = [];
  // ("correct photobleaching for everything except the first frame": words read elsewhere as something else left no step's
  // clause holding the frames; the request's frames are then the last step's, the end of the chain)
  const whole = plan.steps.some((s) => frameScopeSaid(s.clause)) ? undefined : frameScopeSaid(conversation.request, frameCount, intervalS);
  // ("is the mean area bigger in the second half of the movie than in the first half?": the parts of the movie a question
  // compares are its scope, which the answer applies; the steps that measure for it run on the whole movie)
  // ("how many tracks start after frame 1?": a frame that tracks are counted by is no frame range to measure either)
  const compared = plan.question && (readQuestion(plan.question).compare || trackEndsAsked(plan.question)?.frame !== undefined) ? plan.question.toLowerCase() : undefined;
  for (const [at, step] of plan.steps.entries()) {
    const scope = whole && at === plan.steps.length - 1 ? whole : frameScopeSaid(step.clause, frameCount, intervalS);
    if (scope && compared?.includes(scope.said.trim().toLowerCase())) continue;
    // ("lining everything up to frame 1": the frame compared with, read by referenceFrame.ts, is no scope)
    if (!scope || (reference && (scope.said.toLowerCase().includes(reference) || reference.includes(scope.said.toLowerCase())))) continue;
    // ("normalise to the first 10 frames (dF/F0)": the frames said are a count of frames a setting of the step took,
    // baselineFrames 10, no range of frames to run on)
    if (scope.range && scope.range.first === 1 && Object.entries(step.args).some(([k, v]) => /Frames$/.test(k) && v === scope.range!.last)) continue;
    // ("stop at frame 100", "every minute for the next 20 frames": a microscope command reads its time points itself, no frame range of data)
    if (selfOf(step.tool, catalogue)?.domain === 'microscope') continue;
    const own = takesFrames(step.tool, catalogue);
    // ("plot the tracks on frame 5": one frame, which a step that shows one frame took as its own argument)
    if (!own && scope.range && scope.range.first === scope.range.last && typeof step.args.frame === 'number') continue;
    // ("segment and track them; how many are in frame 3?": one frame asked of a step that needs several is the question's
    // scope, which the answer applies; tracking one frame would answer nothing)
    if (!own && plan.question && scope.range?.first === scope.range?.last && needsFrames(step.tool, catalogue, step.args)) continue;
    const feeders = own ? [] : framedFeeders(plan.steps, at, catalogue);
    // (the step itself, or what its chain starts from, already runs on those frames)
    const holder = own ? step : feeders.map((k) => plan.steps[k]).find((s) => s.args.frames !== undefined);
    // ("track them but not in frames 10-20": a reader that took the frames left out as the frames to run on is undone;
    // what is left, two ranges or an end not known, is named below)
    if (holder && holder.args.frames !== undefined && scope.relative && !scope.range && rangeIn(scope.said, holder.args.frames)) {
      const taken = holder.args.frames as FrameRange;
      for (const s of plan.steps) if (sameRange(s.args.frames, taken)) delete s.args.frames;
    }
    // ("only before frame 10": a reader that took "frame 10" alone read the frame, not the frames before it)
    if (holder?.args.frames !== undefined && scope.relative && scope.range && !sameRange(holder.args.frames, scope.range)) {
      for (const s of plan.steps) if (sameRange(s.args.frames, holder.args.frames as FrameRange) && s !== holder) s.args.frames = scope.range;
      holder.args.frames = scope.range;
      notes = withoutStale(notes, scope, step.tool);
      const line = `Frames ${scope.range.first}-${scope.range.last}${frameCount ? ` of ${frameCount}` : ''}, as you asked ("${scope.said.trim()}").`;
      if (!lines.includes(line)) lines.push(line);
      continue;
    }
    if (holder?.args.frames !== undefined) {
      if (holder !== step) notes = withoutStale(notes, scope, step.tool);
      continue;
    }
    const target = own ? step : feeders.length ? plan.steps[feeders.at(-1)!] : undefined;
    if (target && scope.range) {
      for (const s of own ? [step] : feeders.map((k) => plan.steps[k])) s.args.frames = scope.range;
      notes = withoutStale(notes, scope, step.tool);
      const through = target === step ? '' : ` (\`${target.tool}\` ran on them, so \`${step.tool}\` works on those frames only)`;
      const line = `Frames ${scope.range.first}-${scope.range.last}${frameCount ? ` of ${frameCount}` : ''}, as you asked ("${scope.said.trim()}")${through}.`;
      if (!lines.includes(line)) lines.push(line);
    } else if (!namedAlready([...notes, ...lines], scope)) {
      notes = withoutStale(notes, scope, step.tool);
      const why = scope.middle
        ? `\`${target?.tool ?? step.tool}\` takes one range of frames, and leaving out frames in the middle leaves two; it ran on all of them (say the frames to keep, e.g. ${scope.leftOut && frameCount ? `"frames 1-${scope.leftOut.first - 1}" and "frames ${scope.leftOut.last + 1}-${frameCount}"` : '"frames 1-9" and "frames 11-40"'} as two requests)`
        : !target
        ? `\`${step.tool}\` takes no frame range and nothing before it in this plan takes one, so it ran on all the frames of its input${Object.values(step.args).some((v) => (v as Ref | undefined)?.$ref === 'labels') ? '; make the masks from the frames wanted first (e.g. "segment frames 5-20, then track")' : ''}`
        : scope.inTime && !intervalS
        ? `I do not know the time between frames, so \`${target.tool}\`${target === step ? '' : ` (and \`${step.tool}\` after it)`} ran on all of them; say the interval (e.g. "the interval is 5 min") or the frames (e.g. "frames 1-12")`
        : `I do not know how many frames the movie has, so \`${target.tool}\`${target === step ? '' : ` (and \`${step.tool}\` after it)`} ran on all of them; say the frames instead (e.g. "frames 5-20")`;
      lines.push(`Not applied: "${scope.said.trim()}" — ${why}.`);
    }
  }
  // ("how many cells divided between frame 4 and frame 8?": a question's frames asked of steps that link over time; the
  // links need every frame, so the steps run on the whole movie and the answer counts the frames asked)
  if (plan.question) {
    const linking = plan.steps.findIndex((s) => needsFrames(s.tool, catalogue, s.args) && !takesFrames(s.tool, catalogue));
    // (frames said for the steps before the asking words still restrict them: "segment frames 3 to 9 and track them; how many per frame?")
    const question = typeof plan.question === 'string' ? plan.question : conversation.request;
    const asked = frameScopeSaid(question.slice(askedPart(question)?.from ?? 0), frameCount, intervalS);
    const before = linking > 0 && asked?.range ? plan.steps.slice(0, linking).filter((s) => sameRange(s.args.frames, asked.range!)) : [];
    for (const s of before) delete s.args.frames;
    if (before.length && asked?.range) {
      const at = `${asked.range.first}-${asked.range.last}`;
      for (let i = lines.length - 1; i >= 0; i--) if (lines[i].startsWith(`Frames ${at}`)) lines.splice(i, 1);
      lines.push(`\`${plan.steps[linking].tool}\` links objects over time, so it ran on the whole movie; the answer counts frames ${at} only, as you asked ("${asked.said.trim()}").`);
    }
  }
  if (lines.length === 0 && notes.length === (plan.notes ?? []).length) return plan;
  // (frames one step could not take and another took, "one frame every 2 min; how many nuclei over the final 10 min?" with
  // set_calibration before the segmentation, were applied: the line that named them as not applied goes)
  const applied = (line: string) => {
    const said = /^Not applied: "([^"]*)"/.exec(line)?.[1];
    return said !== undefined && lines.some((l) => l.includes(`as you asked ("${said}")`));
  };
  return { ...plan, notes: [...notes, ...lines.filter((l) => !applied(l))] };
}

/** True when the words said name exactly this range's first and last frames ("frames 10-20" of { first: 10, last: 20 }). */
function rangeIn(said: string, frames: unknown): boolean {
  const numbers = (rangeAsDigits(said).match(/\d+/g) ?? []).map(Number);
  // ("drop the first 3 frames": the frames 1 to 3, which a reader took as the frames to run on)
  if (/\b(?:first|initial)\s+\d+\b/i.test(rangeAsDigits(said))) numbers.push(1);
  const r = frames as FrameRange;
  return numbers.length > 0 && numbers.includes(r.first) && numbers.includes(r.last);
}

/** The time between frames in s: told in this request (its calibration step), else as the session knows it. */
function frameIntervalKnown(plan: Plan, conversation: Conversation): number | undefined {
  const told = plan.steps.find((s) => typeof s.args.frameIntervalS === 'number')?.args.frameIntervalS as number | undefined;
  return told ?? movieIntervalS(conversation);
}

/** True when a note already names the scope's words as not applied, in words that fit (its frames unknown). */
function namedAlready(notes: string[], scope: FrameScope): boolean {
  const said = scope.said.trim().toLowerCase();
  return notes.some((n) => n.toLowerCase().includes(`"${said}`) && /do not know how many frames|do not know the time between frames|takes one range|takes no frame range/.test(n));
}

/** The notes less those that named the scope's words (or its count of frames alone) as not applied for `tool`'s options. */
function withoutStale(notes: string[], scope: FrameScope, tool: string): string[] {
  const said = scope.said.trim().toLowerCase();
  const count = /(\d+)\s+(?:frames?|time ?points?|timepoints?)\b/i.exec(said)?.[1];
  return notes.filter((n) => {
    if (!/^Not applied:/.test(n)) return true;
    const quoted = /^Not applied: "([^"]*)"/.exec(n)?.[1]?.toLowerCase();
    if (!quoted) return true;
    if (said.includes(quoted) && quoted.length > 2) return false;
    if (count !== undefined && quoted === `${count} frames` && n.includes(`\`${tool}\``)) return false;
    return !(quoted.includes(said) && /cannot leave a channel or frames out/.test(n));
  });
}

/**
 * A stretch of the movie a question says ("in the second half", "during the first hour") that reading the question against
 * a table does not hold: the answer from a table of the whole movie would drop it in silence, so the step measures those
 * frames instead. False where the table reading keeps a frame, a range, a comparison of frames or a moment.
 */
export function frameScopeTheTableMisses(question: string, conversation: Conversation): boolean {
  const said = frameScopeSaid(question, sessionFrameCount(conversation), movieIntervalS(conversation));
  if (!said) return false;
  const read = readQuestion(question);
  return !(read.frames || read.frame !== undefined || read.compare || read.atTimeS !== undefined || read.whichFrame || read.perFrame);
}
