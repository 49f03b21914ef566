// Units a request asks for ("mean speed in um per minute") that the answer could not use: the
// session knows no pixel size or no frame interval, so the numbers stay in px or frames. The
// answer says so, why, and what to say to set them, before the number (never a plain "Done").
// A pixel size or frame interval said inside the question ("in µm², the pixels are 0.65 µm") is
// read by the one reader of a told calibration, quantities.statedCalibration, as in a request.
import { findQuantities, seconds, statedCalibration, TOLD_INTERVAL, TOLD_PIXEL_SIZE } from './quantities.ts';

/**
 * A pixel size said in the question itself ("the pixels are 0.65 µm", "0.4 µm/px", "with 1.2
 * micron pixels", "650 nm pixels"), in µm; undefined when it says none.
 */
export function statedPixelSizeUm(text: string): number | undefined {
  return statedCalibration(text).pixelSizeUm;
}

/** Speeds asked per frame ("in pixels per frame", "px/frame"): the time unit of the answer is the frame. */
export function asksPerFrame(text: string): boolean {
  return /(?:\bper|\/)\s*frame\b/i.test(text) && /(?:\bpx|\bpixels?|µm|μm|\bum|\bmicrons?)\s*(?:\/|per)\s*frame\b|\bspeed|\bvelocit|\bfast|\bquick|\bslow/i.test(text);
}

/** Lengths asked in physical units: µm, um, microns, nm, mm. */
// (areas too: "um2", "um^2", "sq um", "square microns")
const LENGTH_ASKED = /(?:µm|μm|\bum(?:\^?[23])?\b|\bmicrons?\b|\bmicro-?met(?:er|re)s?\b|\bnm\b|\bnanomet(?:er|re)s?\b|\bmm\b)/i;
/** Times asked in physical units: per minute, /h, in seconds. */
const TIME_ASKED = /(?:\bper\s+(?:min(?:ute)?s?|h(?:(?:ou)?rs?)?|hour|s(?:ec(?:ond)?s?)?)\b|\/\s*(?:min|h|hr|s|sec)\b|\b(?:in|as)\s+(?:min(?:ute)?s|hours?|h|seconds?|secs?)\b)/i;
/**
 * The time unit a speed is asked in ("in microns/hour", "um/s", "µm per min", "pixels an hour"): a length unit, then "/",
 * "per" or "a(n)" and a unit of time; undefined when the question asks none (speeds per frame are asksPerFrame).
 */
export function askedSpeedTimeUnit(text: string): 's' | 'min' | 'h' | undefined {
  // ("avg speed per hour?", "how fast, per minute?": a speed named with a unit of time alone, its length the movie's own)
  const m = /(?:µm|μm|\bum|\bmicrons?|\bmicro-?met(?:er|re)s?|\bpx|\bpixels?|\bnm|\bmm)\s*(?:\/|\bper\b|\ban?\b)\s*(s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?)\b/i.exec(text)
    ?? /\b(?:speeds?|velocit(?:y|ies)|fast|slow(?:ly)?)\b[^?.;]{0,40}?(?:\/|\bper\b|\ban?\b)\s*(secs?|seconds?|mins?|minutes?|hrs?|hours?)\b/i.exec(text);
  if (!m) return undefined;
  return /^s/i.test(m[1]) ? 's' : /^m/i.test(m[1]) ? 'min' : 'h';
}

/** Lengths given in pixels, times in frames, in an answer. */
// a number in pixels, never the words "pixel size" of a step that set it ("Done: set the pixel size; ...")
const LENGTH_IN_PX = /\d\s*px\b|\bpx\/|\d\s*pixels?\b/i;
const TIME_IN_FRAMES = /\/\s*frame\b|\bper\s+frame\b|\d\s*frames?\b/i;
const TIME_IN_UNITS = /\d\s*(?:µm|um|px)?\s*\/\s*(?:min|h|s)\b|\d\s*(?:min|h|s|seconds?|minutes?|hours?)\b/i;

/** Whether the request asks for values in physical units ("the cell areas in µm²", "speeds per minute"). */
export function asksPhysicalUnits(request: string): boolean {
  return LENGTH_ASKED.test(withoutToldCalibration(request)) || TIME_ASKED.test(withoutToldCalibration(request));
}

/**
 * One sentence when the request asks for physical units the answer does not use, naming what
 * is missing and how to set it; undefined when the units asked were used (or none were asked).
 */
export function unitsNotUsedNote(request: string, answer: string): string | undefined {
  const lengthMissing = LENGTH_ASKED.test(request) && LENGTH_IN_PX.test(answer) && !/\d\s*(?:µm|um)\b/i.test(answer);
  const timeMissing = TIME_ASKED.test(request) && TIME_IN_FRAMES.test(answer) && !TIME_IN_UNITS.test(answer);
  if (!lengthMissing && !timeMissing) return undefined;
  const missing = [...(timeMissing ? ['no frame interval'] : []), ...(lengthMissing ? ['no pixel size'] : [])].join(' and ');
  const kept = [...(lengthMissing ? ['lengths in px'] : []), ...(timeMissing ? ['times in frames (speeds per frame)'] : [])].join(', ');
  const say = [...(timeMissing ? ["'the frame interval is 2 min'"] : []), ...(lengthMissing ? ["'the pixel size is 0.65 µm'"] : [])].join(' and ');
  return `The units you asked for could not be used: ${missing} known for this movie, so ${kept}; say ${say} (your values) and ask again.`;
}

/** Times per frame the number reader finds (its forms are stated once, in quantities.ts), in seconds. */
function timesPerFrame(text: string): { seconds: number; start: number; end: number }[] {
  return findQuantities(text).filter((q) => q.per === 'frame' && q.kind === 'time').map((q) => ({ seconds: seconds(q), start: q.start, end: q.end }));
}

/** The time between frames told in the question, in seconds; undefined when it tells none (the one reader: quantities.statedCalibration). */
export function statedFrameIntervalS(text: string): number | undefined {
  return statedCalibration(text).frameIntervalS;
}

/**
 * The question without the calibration it tells ("what's the mean area in µm²? pixel size 0.65 µm"
 * → "what's the mean area in µm²?"): the answer applies it, no step is asked by it.
 */
export function withoutToldCalibration(text: string): string {
  let out = text.replace(TOLD_PIXEL_SIZE, ' ').replace(TOLD_INTERVAL, ' ');
  // (a time per frame the number reader finds: "one frame every 5 min" leaves no 5 behind for another setting)
  for (const { start, end } of timesPerFrame(out).reverse()) out = `${out.slice(0, start)} ${out.slice(end)}`;
  if (out === text) return text;
  // (and what held it: "( )", "(and )", a comma or "and" left at the end)
  out = out.replace(/\(\s*(?:and|,)?\s*\)/g, ' ').replace(/(?:[\s,;]+(?:and|with|at|given)?)+\s*(?=[?.!]*\s*$)/i, '');
  // ("pixel size is 0.65 um - how far did it drift?", "frames are 5 min apart; how much ...": the mark that joined it too)
  return out.replace(/\s+(?:and|,)\s*(?=[?.!]|$)/gi, ' ').replace(/^\s*(?:(?:(?:and|so)\b|[,;:\-–—])\s*)+/i, '').replace(/\s+([?.!,])/g, '$1').replace(/\s+/g, ' ').trim();
}

/**
 * The words of the calibration a request tells, as said and in order ("pixel size 0.5 um", "frames are 5 min apart"):
 * what withoutToldCalibration leaves out, to be told again beside the question a request is read as ("quantify the
 * drift in um, pixel size 0.5 um" → "how much drift is there in um? pixel size 0.5 um").
 */
export function toldCalibrationWords(text: string): string {
  const spans = [...text.matchAll(TOLD_PIXEL_SIZE), ...text.matchAll(TOLD_INTERVAL)].map((m) => ({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length }));
  spans.push(...timesPerFrame(text).filter((t) => !spans.some((s) => t.start < s.end && s.start < t.end)));
  return spans.sort((a, b) => a.start - b.start).map((s) => text.slice(s.start, s.end).trim()).join(', ');
}

export type AskedDimension = 'area' | 'speed' | 'length' | 'time';

const LENGTH_WORD = String.raw`(?:µm|μm|\bum|\bmicrons?|\bmicro-?met(?:er|re)s?|\bnm|\bnanomet(?:er|re)s?|\bmm|\bpx|\bpixels?)`;
const AREA_ASKED = new RegExp(String.raw`${LENGTH_WORD}\s*(?:²|\^?2\b|\s+squared\b)|\bsquare\s+${LENGTH_WORD.replace(/\\b/g, '')}\b`, 'i');
const SPEED_ASKED = new RegExp(String.raw`${LENGTH_WORD}\s*(?:\/|\s+per\s+|\s+an?\s+)\s*(?:s|sec(?:ond)?|min(?:ute)?|h|hr|hour|frame|time ?point|timepoint)s?\b`, 'i');
const LENGTH_UNIT_ASKED = new RegExp(String.raw`\b(?:in|as)\s+(?:the\s+)?${LENGTH_WORD.replace(/^\(\?:/, '(?:')}\b`, 'i');
const DURATION_ASKED = /\b(?:in|as)\s+(?:min(?:ute)?s?|hours?|hrs?|h|seconds?|secs?|s|frames|time ?points|timepoints)\b(?!\s*(?:\/|per)\b)/i;
/**
 * A time asked in words, not by its unit: "how long" with a verb of lasting ("how long each cell cycle lasts", "how long do
 * they live"), or a span of time named ("the lifetime of each track", "the cell-cycle length", "doubling time").
 */
const DURATION_SAID = /\bhow\s+long\b(?:(?![?.!;]).)*?\b(?:last(?:s|ed|ing)?|live[sd]?|living|persist\w*|surviv\w*|stay(?:s|ed)?|remain\w*|exist\w*|take[sn]?|took)\b|\b(?:life-?(?:times?|spans?)|cell[- ]cycles?(?:\s+(?:length|duration|time))?|generation\s+times?|doubling\s+times?|durations?)\b/i;

/**
 * The dimension of the unit a question asks its answer in ("in microns" a length, "µm²" an
 * area, "µm per min" a speed, "in minutes" a time), or undefined when it asks none: it says
 * which of two columns a word like "track length" means (TOTAL_DISTANCE_TRAVELED in µm, not TRACK_DURATION).
 */
export function askedDimension(text: string): AskedDimension | undefined {
  if (AREA_ASKED.test(text)) return 'area';
  if (SPEED_ASKED.test(text)) return 'speed';
  if (LENGTH_UNIT_ASKED.test(text)) return 'length';
  if (DURATION_ASKED.test(text) || DURATION_SAID.test(text)) return 'time';
  return undefined;
}
