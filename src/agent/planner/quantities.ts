// Numbers with units as biologists write them: "every 30 s", "a 15 pixel radius",
// "frames 10 to 50", "for 12 hours", "to 5%", "a 10 µm z-stack with 1 µm steps". One reader
// of numbers for the whole agent (analysis arguments, calibration and microscope commands):
// decimals with a point or a comma ("0,65"), scientific notation ("5e-3", "1.5e2"), fractions
// ("½", "2½", "one and a half"), words ("a dozen", "half a dozen"), mm and nm, rates ("0.5 Hz",
// "30 fps": the time between frames), "per pixel" and "per frame" units ("0.65 µm/px", "2 min/frame").

import { BARE_PIXEL_SIZE_BEFORE } from '../../../tools/requestWords.ts';
import { readOnceCopied } from './textMemo.ts';

/**
 * "last" as an adjective: not after a word that makes it the verb ("tracks that last 20 frames", "cells which last 5
 * time points", "they must last 10 frames" say how long things last, a condition on them, never which frames).
 */
export const LAST_ADJECTIVE = String.raw`(?:final|(?<!\b(?:that|which|who|they|it|tracks?|cells?|nuclei|nucleus|objects?|ones|trajector(?:y|ies)|lineages?|branch(?:es)?|to|will|would|must|should|can|could|might|may|do|does|did)\s+)last)`;

export type QuantityKind = 'time' | 'length' | 'percent' | 'frames' | 'count' | 'factor';

export interface Quantity {
  value: number;
  kind: QuantityKind;
  /** Normalised unit: s, ms, min, h, day, px, um, nm, %, frame, x, or '' for bare counts (mm is read as µm). */
  unit: string;
  start: number;
  end: number;
  /** Up to ~32 characters of text before the number, lowercased: the role ("radius", "every"). */
  before: string;
  after: string;
  /** A length per pixel ("0.65 µm/px", "650 nm pixels", "px 0.65 um") or a time per frame ("2 min/frame", "0.5 Hz"). */
  per?: 'px' | 'frame';
  /** The rate as written, when the time was said as one ("0.5 Hz", "30 fps"): value is then 1/rate s. */
  rate?: { value: number; unit: 'Hz' | 'fps' | 'per min' };
  /** An area: the unit squared ("20 µm²", "20 um2", "20 square microns", "50 px²"). */
  squared?: true;
}

/** The unit of an area said after its number: µm or px, squared ("µm²", "um^2", "um2", "sq um", "square microns"). */
const SQUARED_AFTER = /^\s*(?:(µm|μm|um|microns?|micrometers?|micrometres?|px|pixels?)\s*(?:²|\^\s*2|2)(?![\d.])|(?:sq(?:uare)?\.?\s*)(µm|μm|um|microns?|micrometers?|micrometres?|px|pixels?)\b)/i;

const WORD_NUMBERS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, ninety: 90, hundred: 100, half: 0.5,
  a: 1, an: 1, couple: 2, dozen: 12, 'a dozen': 12, 'half a dozen': 6, 'half dozen': 6, 'half-dozen': 6, 'a couple of': 2, 'a couple': 2,
  // "half a minute", "a quarter of an hour"
  'half a': 0.5, 'half an': 0.5, 'a quarter of an': 0.25, 'a quarter of a': 0.25, 'quarter of an': 0.25,
};

/** Vulgar fractions as people type them ("½ min", "2½ px"). */
const FRACTION_GLYPHS: Record<string, number> = { '½': 0.5, '¼': 0.25, '¾': 0.75, '⅓': 1 / 3, '⅔': 2 / 3, '⅕': 0.2, '⅛': 0.125 };
const GLYPHS = Object.keys(FRACTION_GLYPHS).join('');

/** Rates: the time between frames is one over them. */
const RATE = String.raw`hz|hertz|fps|frames?\s*(?:per|\/)\s*s(?:ec(?:ond)?)?|frames?\s*(?:per|\/)\s*min(?:ute)?`;

const UNITS: { re: string; kind: QuantityKind; unit: string }[] = [
  { re: RATE, kind: 'time', unit: 'rate' },
  { re: 'milliseconds?|msecs?|ms', kind: 'time', unit: 'ms' },
  { re: 'seconds?|secs?|s', kind: 'time', unit: 's' },
  { re: 'minutes?|mins?|m(?![a-zµ])', kind: 'time', unit: 'min' },
  { re: 'hours?|hrs?|h', kind: 'time', unit: 'h' },
  { re: 'days?', kind: 'time', unit: 'day' },
  { re: 'pixels?|pix|px', kind: 'length', unit: 'px' },
  { re: 'µm|μm|um|microns?|micrometers?|micrometres?|microm', kind: 'length', unit: 'um' },
  { re: 'nm|nanometers?|nanometres?', kind: 'length', unit: 'nm' },
  { re: 'mm|millimeters?|millimetres?', kind: 'length', unit: 'mm' },
  { re: '%|percent|per cent', kind: 'percent', unit: '%' },
  { re: 'frames?|time ?points?|timepoints?', kind: 'frames', unit: 'frame' },
  { re: 'x(?![a-z])|×|fold|times', kind: 'factor', unit: 'x' },
];

// "one and a half", "2 and a quarter": the fraction belongs to the number before it
const FRACTION_WORDS: Record<string, number> = { half: 0.5, quarter: 0.25 };
/** A number in digits: "12", "0.65", "0,65", "5e-3", "1.5E2", "2½", "½". */
export const DIGITS = String.raw`(?:\d+(?:[.,]\d+)?(?:[eE][-+]?\d+)?[${GLYPHS}]?|[${GLYPHS}])`;
const WORDS = Object.keys(WORD_NUMBERS).sort((a, b) => b.length - a.length).map((w) => w.replace(/ /g, '\\s+')).join('|');
const NUMBER = `((?:${DIGITS}|(?:${WORDS})(?![a-z]))(?:\\s+and\\s+an?\\s+(?:${Object.keys(FRACTION_WORDS).join('|')}))?)`;
const QUANTITY = new RegExp(`(?<![\\w.])${NUMBER}(?:\\s*-\\s*|\\s*)(${UNITS.map((u) => u.re).join('|')})?(?:\\s+and\\s+an?\\s+(half|quarter))?(?![\\w])`, 'gi');

/**
 * Lab shorthand for a setting, written as a name and "=" or ":" before a number: "r=8px" (radius),
 * "d=12" (diameter), "s=1.5" / "σ=2" (sigma), and a CamelCase name that is no argument's own
 * ("minArea=50", "maxDist=12") as its words ("min area 50"), so that the readers of numbers by
 * the words before them see them.
 */
export function withShorthandNames(text: string, argumentNames: ReadonlySet<string> = new Set()): string {
  return text
    .replace(/(?<![\p{L}\d_.])(?:r|rad)\s*[=:]\s*(?=[\d.])/giu, 'radius ')
    .replace(/(?<![\p{L}\d_.])(?:d|diam)\s*[=:]\s*(?=[\d.])/giu, 'diameter ')
    .replace(/(?<![\p{L}\d_.])(?:s|sig|σ)\s*[=:]\s*(?=[\d.])/giu, 'sigma ')
    // "ch1 is the reference", "ch. 2": a channel by its lab shorthand
    .replace(/(?<![\p{L}\d_.])ch\.?\s?(?=\d\b)/giu, 'channel ')
    .replace(/(?<![\p{L}\d_])(\p{Ll}+(?:\p{Lu}\p{Ll}+)+)\s*[=:]\s*(?=[\d.])/gu, (m, name: string) => (argumentNames.has(name) ? m : `${name.replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2').toLowerCase()} `));
}

/** A value set off by a hedge after the words it is the value of: "a bigger search radius, say 20 px", "a longer gap, e.g. 4 frames". */
const APPOSITIVE_VALUE = /(^|\p{L})\s*[,(–—-]\s*(?:say|e\.g\.?|eg|for\s+example|for\s+instance|maybe|perhaps|something\s+like)\s+(?=\d)/giu;

/** The text with each value set off by a hedge joined to the words before it by "of" ("search radius of 20 px"), for the readers of numbers by their words. */
export function withAppositiveValues(text: string): string {
  return text.replace(APPOSITIVE_VALUE, (_m, lead: string) => `${lead} of `);
}

/** The value of a number as written ("0,65", "5e-3", "2½", "a dozen", "one and a half", "1,000"), or undefined. */
export function parseNumber(text: string): number | undefined {
  const compound = /^(.+?)\s+and\s+an?\s+([a-z]+)$/i.exec(text.trim());
  if (compound && compound[2].toLowerCase() in FRACTION_WORDS) {
    const whole = parseNumber(compound[1]);
    return whole === undefined ? undefined : whole + FRACTION_WORDS[compound[2].toLowerCase()];
  }
  let t = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (t in WORD_NUMBERS) return WORD_NUMBERS[t];
  let fraction = 0;
  const glyph = t.at(-1) ?? '';
  if (glyph in FRACTION_GLYPHS) {
    fraction = FRACTION_GLYPHS[glyph];
    t = t.slice(0, -1);
    if (t === '') return fraction;
  }
  // "1,000" and "12,500" are thousands; "0,65" and "12,5" a decimal comma
  t = /^[1-9]\d{0,2}(?:,\d{3})+$/.test(t) ? t.replace(/,/g, '') : t.replace(',', '.');
  if (!/^\d+(?:\.\d+)?(?:e[-+]?\d+)?$/.test(t)) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n + fraction : undefined;
}

/** A value as an answer says it: a whole number in full, any other to 4 significant digits ("23.59", "12345"). */
export function valueText(v: number): string {
  return Number.isInteger(v) ? String(v) : numberText(v);
}

/** Decimal text of a number, with no float noise ("0.0333", "150", "0.65"). */
export function numberText(n: number): string {
  return String(Number(n.toPrecision(4)));
}

/** A length said per pixel, after the number: "0.65 µm/px", "0.325 um per pixel", "650 nm pixels". */
const PER_PIXEL_AFTER = /^\s*(?:\/\s*(?:px|pixels?)\b|(?:per|a|each|for\s+(?:a|each|every|one))\s+(?:px|pixels?)\b|pixels?\b|px\b(?!\s*(?:radius|diameter|wide|across)))/;
/** A length said of the pixel, before the number: "px 0.65 um", "pixel = 0.65 microns", "pixels are 0.108 µm", "1 px = 0.5 µm". */
const PER_PIXEL_BEFORE = /(?:\b(?:px|pixels?)(?:\s+(?:size|width|spacing|pitch))?\s*(?:(?:is|are|was|were|of|=|:)\s*)?(?:(?:about|approximately|approx\.?|roughly|~)\s*)?|\b(?:1|one|a|each|every)\s+(?:px|pixels?)\s*(?:=|is|equals|corresponds\s+to|is\s+equal\s+to)\s*)$/;
/** A time said per frame: "2 min/frame", "3 minutes per frame", "30 s each frame". */
const PER_FRAME_AFTER = /^\s*(?:\/\s*(?:frames?|time ?points?|timepoints?)\b|(?:per|a|each|for\s+(?:a|each|every|one))\s+(?:frames?|time ?points?|timepoints?)\b|between\s+(?:frames|time ?points|timepoints)\b)/;
/**
 * "1 frame every 2 min", "one image every 30 s", "a time point each 5 min", and the plural heading its own clause ("...,
 * frames every 2 minutes", "the frames are every 15 minutes"); how a recording was timed: "it was imaged every 120 s".
 */
const PER_FRAME_BEFORE = /(?:^|[,;:(]\s*|\b(?:and|with)\s+)(?:(?:the|our|my|all|its)\s+)?(?:frames|images|time ?points|timepoints|stacks)\s+(?:(?:are|were)\s+)?(?:(?:taken|acquired|recorded|captured)\s+)?(?:every|each)\s*$|\b(?:1|one|a)\s+(?:frames?|images?|time ?points?|timepoints?|pictures?|snaps?|stacks?)\s+(?:every|each|per)\s*$|\b(?:was|were|been)\s+(?:\w+\s+)?(?:imaged|acquired|recorded|taken|captured|filmed|sampled|shot)\s+(?:once\s+)?(?:every|each)\s*$|\b(?:cells|nuclei|embryos|samples|movies?|stacks?|data|images|worms|organoids|frames|neurons|bacteria|yeast|they|which|that)\s+(?:[\w-]+\s+)?(?:imaged|acquired|recorded|captured|filmed|sampled)\s+(?:once\s+)?(?:every|each)\s*$/;

/** A count ranked after its number ("3 most motile", "5 largest", "10 brightest"). */
const RANKED_AFTER = /^\s*(?:(?:most|least)\s+[\p{L}-]+|[\p{L}]{2,}est)\b/iu;
/** A count picked out before its number: "top 10", "bottom 5", "which 3 moved the most", "what 2 cells". */
const RANKED_BEFORE = /\b(?:top|bottom|which|what)\s*$/i;
/** Things counted after a bare number, past up to two words of theirs ("3 cells", "4 motile nuclei", "two dividing ones"). */
const THINGS_COUNTED_AFTER = /^\s*(?:(?!(?:for|of|the|a|an|in|on|at|and|or|to|with|per|from|by|is|are|px|pixels?)\b)[\p{L}-]+\s+){0,2}(?:cells|nuclei|objects|tracks|trajectories|spots|blobs|particles|ones|bacteria)\b/iu;

/**
 * A bare number that counts things, ranked or not ("the 3 most motile cells", "top 10", "which 3 cells moved the most", "the
 * 5 largest", "3 motile cells"): how many things are meant or listed, never a size, a distance or a time of a step (only a
 * setting with no unit that its own words name may take it: arguments.ts).
 */
export function countOfThings(q: Pick<Quantity, 'unit' | 'before' | 'after'>): boolean {
  return q.unit === '' && (RANKED_AFTER.test(q.after) || RANKED_BEFORE.test(q.before) || THINGS_COUNTED_AFTER.test(q.after));
}

/** A video written for viewing: its file kinds and the words of its playback ("an mp4", "a gif", "playback", "plays at"). */
const VIDEO_WRITTEN = /\b(?:mp4|avi|gif|mov|webm|mkv|wmv|animation|animated|playback|play\s*back|plays?\s+at|played\s+at)\b/i;
/** Words of how a recording was taken: a rate said with them is the time between its frames. */
const RECORDING_TIMED = /\b(?:record\w*|acquir\w*|imaged|taken|took|captur\w*|film(?:ed|ing)|sampl\w*|shot|camera|exposure|interval|time-?lapse was)\b/i;

/**
 * A rate said of a video to be written ("an mp4 at 10 fps", "15 frames per second playback"): how fast it plays, no
 * time between the recording's frames (the clause names a video written, and not how the recording was taken).
 */
export function playbackRateAt(text: string, at: number): boolean {
  const from = Math.max(0, ...['.', ';', '!', '?', '\n'].map((p) => text.lastIndexOf(p, at - 1) + 1));
  const ends = ['.', ';', '!', '?', '\n'].map((p) => text.indexOf(p, at)).filter((k) => k >= 0);
  const clause = text.slice(from, ends.length ? Math.min(...ends) : text.length);
  return VIDEO_WRITTEN.test(clause) && !RECORDING_TIMED.test(clause);
}

/** All quantities in the text, in order. Bare word numbers without a unit ("a", "one") are skipped. */
export function findQuantities(text: string): Quantity[] {
  return readOnceCopied(findQuantitiesOnce, text, (qs) => qs.map((q) => (q.rate ? { ...q, rate: { ...q.rate } } : { ...q })));
}

function findQuantitiesOnce(text: string): Quantity[] {
  const out: Quantity[] = [];
  const lower = text.toLowerCase();
  for (const m of text.matchAll(QUANTITY)) {
    const [, numberText, unitText, trailingFraction] = m;
    // "an hour and a half": the fraction after the unit belongs to the number; with no unit it is no part of this quantity
    const whole = trailingFraction && !unitText ? m[0].replace(/\s+and\s+an?\s+(?:half|quarter)$/i, '') : m[0];
    const isWord = /^[a-z\s-]+$/i.test(numberText);
    if (isWord && !unitText) continue;
    if (isWord && /^an?$/i.test(numberText) && unitText && !/^(second|minute|hour|day|sec|min|hr|frame|pixel|micron|millimet|nanomet)/i.test(unitText)) continue;
    const parsed = parseNumber(numberText);
    if (parsed === undefined) continue;
    const number = parsed + (trailingFraction && unitText ? FRACTION_WORDS[trailingFraction.toLowerCase()] : 0);
    const unitSpec = unitText ? UNITS.find((u) => new RegExp(`^(?:${u.re})$`, 'i').test(unitText)) : undefined;
    const start = m.index ?? 0;
    const before = lower.slice(Math.max(0, start - 32), start);
    const after = lower.slice(start + whole.length, start + whole.length + 24);
    const q: Quantity = { value: number, kind: unitSpec?.kind ?? 'count', unit: unitSpec?.unit ?? '', start, end: start + whole.length, before, after };
    // "0.008 mm" is 8 µm: one unit of length for everything downstream
    if (q.unit === 'mm') Object.assign(q, { value: number * 1000, unit: 'um' });
    // "0.5 Hz", "30 fps", "10 frames per minute": the time between frames
    if (q.unit === 'rate') {
      if (number <= 0 || playbackRateAt(text, start)) continue;
      const perMinute = /min/i.test(unitText);
      const rateUnit = perMinute ? 'per min' : /fps|frame/i.test(unitText) ? 'fps' : 'Hz';
      Object.assign(q, { value: Number(((perMinute ? 60 : 1) / number).toPrecision(6)), unit: 's', per: 'frame', rate: { value: number, unit: rateUnit } });
    }
    // "20 µm²", "20 um2", "20 square microns": an area, never a length
    const squared = q.unit === '' ? SQUARED_AFTER.exec(after) : undefined;
    if (squared) Object.assign(q, { kind: 'length', unit: /^(?:px|pixel)/i.test(squared[1] ?? squared[2]) ? 'px' : 'um', squared: true, end: q.end + squared[0].length });
    const squaredMark = squared || !(q.unit === 'um' || q.unit === 'px') ? undefined : /^(?:²|\^\s*2|2(?![\d.]))/.exec(after);
    if (squaredMark) Object.assign(q, { squared: true, end: q.end + squaredMark[0].length });
    if ((q.unit === 'um' || q.unit === 'nm') && (PER_PIXEL_AFTER.test(after) || PER_PIXEL_BEFORE.test(before))) q.per = 'px';
    if (q.kind === 'time' && !q.per && (PER_FRAME_AFTER.test(after) || PER_FRAME_BEFORE.test(before))) q.per = 'frame';
    out.push(q);
  }
  // "frames were taken every minute", "images acquired each hour": how a recording was timed, the number left out (one of the unit)
  for (const m of text.matchAll(UNIT_ALONE_PER_FRAME)) {
    const start = m.index ?? 0;
    const before = lower.slice(Math.max(0, start - 32), start);
    if (!PER_FRAME_BEFORE.test(before) || out.some((q) => q.start < start + m[0].length && q.end > start)) continue;
    const unit = /^h/i.test(m[1]) ? 'h' : /^m/i.test(m[1]) ? 'min' : 's';
    out.push({ value: 1, kind: 'time', unit, start, end: start + m[0].length, before, after: lower.slice(start + m[0].length, start + m[0].length + 24), per: 'frame' });
  }
  return sharedRangeUnits(text, out.sort((a, b) => a.start - b.start));
}

/** The join of a range's two ends: "60 to 120", "5-10", "between 60 and 120" ("and" only after "between"). */
const RANGE_JOIN = /^\s*(?:-|–|—|to|and)\s*$/i;

/**
 * A range of times whose unit is said once, after its second end ("between 60 and 120 min", "2-4 h"): the first end is
 * a time too, never a bare count a step may take as a size or a number of things. Ranges of lengths keep their own
 * readers (segment's SIZE_RANGE, rangesForOneValue.ts), rates theirs.
 */
function sharedRangeUnits(text: string, qs: Quantity[]): Quantity[] {
  for (let k = 0; k + 1 < qs.length; k++) {
    const [a, b] = [qs[k], qs[k + 1]];
    if (a.unit !== '' || b.unit === '' || b.squared || b.rate || b.kind !== 'time') continue;
    const join = text.slice(a.end, b.start);
    if (!RANGE_JOIN.test(join) || (/and/i.test(join) && !/\bbetween\s*$/i.test(a.before))) continue;
    if (!(a.value < b.value)) continue;
    Object.assign(a, { kind: b.kind, unit: b.unit, ...(b.per ? { per: b.per } : {}) });
  }
  return qs;
}

/** A unit of time said alone, as "every minute" says it (a second only where no noun follows: "every second frame" is an ordinal). */
const UNIT_ALONE_PER_FRAME = /(?<=\b(?:every|each)\s+)(minutes?|mins?|hours?|hrs?|h|seconds?|secs?)\b(?!\s+(?!(?:and|for|until|over|during|apart|or|so|but|then|in)\b)[a-z])/gi;

/**
 * Each unit a number is read or answered in, as its base unit and the factor to it: times in seconds, lengths in µm
 * (pixels apart: only a pixel size converts them), shares in %. The one table of unit factors: seconds(), micrometres(),
 * a declared result compared with a number (declaredResults.ts) and a table's value in another unit (tableAnswers.ts).
 */
const UNIT_BASES: Readonly<Record<string, { base: 's' | 'um' | 'px' | '%'; factor: number }>> = {
  s: { base: 's', factor: 1 }, ms: { base: 's', factor: 1e-3 }, min: { base: 's', factor: 60 }, h: { base: 's', factor: 3600 }, day: { base: 's', factor: 86400 },
  um: { base: 'um', factor: 1 }, nm: { base: 'um', factor: 1e-3 }, px: { base: 'px', factor: 1 }, '%': { base: '%', factor: 1 },
};

/** A unit as written or declared ("µm", "microns", "pixels", "seconds", "min") as its base unit and factor; undefined for one no number converts to. */
export function unitBase(unit: string | undefined): { base: 's' | 'um' | 'px' | '%'; factor: number } | undefined {
  const u = (unit ?? '').trim().replace(/^µm$|^microns?$/, 'um').replace(/^pixels?$/, 'px').replace(/^seconds?$/, 's').replace(/^minutes?$/, 'min').replace(/^hours?$/, 'h');
  return Object.hasOwn(UNIT_BASES, u) ? UNIT_BASES[u] : undefined;
}

/** Seconds in one of a unit of time ("min" → 60); undefined for a unit of anything else. */
export function secondsIn(unit: string): number | undefined {
  const b = unitBase(unit);
  return b?.base === 's' ? b.factor : undefined;
}

/** Seconds for a time quantity. */
export function seconds(q: Quantity): number {
  return q.value * (secondsIn(q.unit) ?? 1);
}

/** Micrometres for a length in µm or nm (undefined for pixels). */
export function micrometres(q: Quantity): number | undefined {
  const b = unitBase(q.unit);
  return b?.base === 'um' ? q.value * b.factor : undefined;
}

const TOLD_NUM = String.raw`(\d+(?:[.,]\d+)?)`;
const TOLD_LEN = String.raw`(µm|μm|um|microns?|micromet(?:er|re)s?|nm)`;
const TOLD_TIME = String.raw`(s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?)`;
/**
 * A calibration told in a sentence's own words rather than as a unit per px or per frame ("the
 * pixels are 0.65 µm", "with 1.2 micron pixels", "frames are 2 min apart", "the interval is 5 min",
 * "imaged every 3 min", "a 10 minute interval"). Each form captures a number and its unit.
 */
export const TOLD_PIXEL_SIZE = new RegExp(
  [
    // ("pixel size is 0.65 µm", "px size 0.65um", "pixelsize=0.65 um", "pixel-size: 0.65 µm", "the pixels are 0.65 µm")
    String.raw`\b(?:the\s+)?(?:(?:pixel|px)[\s-]*size|pixels?)\s*(?:is\s+|are\s+|=\s*|:\s*|of\s+)?(?:about\s+|around\s+|~\s*)?${TOLD_NUM}\s*${TOLD_LEN}(?!\s*(?:\/|per)\s*${TOLD_TIME}\b)`,
    // ("1 px = 0.65 µm", "one pixel is 0.65 microns", "1 pixel corresponds to 650 nm")
    String.raw`\b(?:1|one|each|a|every)\s*(?:px|pixels?)\s*(?:=|is|equals|corresponds\s+to|represents)\s*${TOLD_NUM}\s*${TOLD_LEN}(?!\s*(?:\/|per)\s*${TOLD_TIME}\b)`,
    String.raw`\b(?:at\s+|with\s+)?${TOLD_NUM}\s*${TOLD_LEN}\s*(?:\/|per|a)\s*(?:px|pixels?)\b`,
    String.raw`\b(?:with\s+)?${TOLD_NUM}[- ]?${TOLD_LEN}\s+pixels?\b`,
  ].join('|'),
  'gi',
);
export const TOLD_INTERVAL = new RegExp(
  [
    String.raw`\b(?:frames?|time ?points?|images?)\s+(?:(?:are|were)\s+)?(?:taken\s+|acquired\s+|recorded\s+)?${TOLD_NUM}\s*${TOLD_TIME}\s+apart\b`,
    String.raw`\b(?:frame\s+|time\s+|imaging\s+)?interval\s+(?:is|was|=|:|of)?\s*${TOLD_NUM}\s*${TOLD_TIME}\b`,
    // ("we imaged HeLa H2B-mCherry every 5 min": what was imaged may stand between)
    String.raw`\b(?:imaged|acquired|recorded|taken|filmed)\s+(?:(?!every\b)[\w-]+\s+){0,3}?(?:once\s+)?every\s+${TOLD_NUM}\s*${TOLD_TIME}\b`,
    String.raw`\b${TOLD_NUM}[- ]?${TOLD_TIME}[- ](?:frames|interval|intervals|time ?steps?)\b`,
    String.raw`\b${TOLD_NUM}\s*${TOLD_TIME}\s*(?:\/|per)\s*frame\b`,
    // "5 min between frames", "30 s between time points"
    String.raw`\b${TOLD_NUM}\s*${TOLD_TIME}\s+(?:between|separating)\s+(?:frames|time ?points|timepoints|images)\b`,
    // "time step 30 s", "dt = 30 s", "frame time: 2 min", "temporal resolution of 5 min"
    String.raw`\b(?:time\s*step|dt|Δt|delta\s*t|frame\s+time|(?:temporal|time)\s+resolution)\s*(?:is|was|=|:|of)?\s*${TOLD_NUM}\s*${TOLD_TIME}\b`,
    // "sampled every 30 s", "captured every 2 min"
    String.raw`\b(?:sampled|captured|snapped|shot|collected)\s+(?:once\s+)?every\s+${TOLD_NUM}\s*${TOLD_TIME}\b`,
    // "one frame every minute", "a frame a minute", "one image per hour": one of the unit (the number left out is 1)
    String.raw`\b(?:one|a|1)\s+(?:frame|image|picture|time ?point|timepoint)\s+(?:every|each|a|an|per)\s+()(min(?:ute)?|hour|h|hr|second|sec)\b`,
    // "frames were taken every minute", "imaged each hour": the same, after the verb that says how it was recorded
    // ("every second frame" is an ordinal, no time)
    String.raw`\b(?:(?:the\s+)?(?:frames|images|pictures|time ?points|timepoints|stacks|movies?)\s+(?:were|are|was|is|got|get)\s+)?(?:imaged|acquired|recorded|taken|filmed|sampled|captured|snapped|shot|collected)\s+(?:once\s+)?(?:every|each)\s+()(min(?:ute)?|hour|h|hr|second|sec)\b(?!\s+(?:frames?|time ?points?|timepoints?|images?|slices?|planes?|days?)\b)`,
  ].join('|'),
  'gi',
);
const TOLD_S_PER: Record<string, number> = { s: 1, sec: 1, secs: 1, second: 1, seconds: 1, min: 60, mins: 60, minute: 60, minutes: 60, h: 3600, hr: 3600, hrs: 3600, hour: 3600, hours: 3600 };
/** The first number and unit a told form captured. */
function toldValue(form: RegExp, text: string): [number, string] | undefined {
  form.lastIndex = 0;
  const m = form.exec(text);
  form.lastIndex = 0;
  const i = m ? m.slice(1).findIndex((g) => g !== undefined) : -1;
  // (an empty number is a unit said alone, "a frame every minute": one of it)
  return m && i >= 0 ? [m[i + 1] === '' ? 1 : Number(m[i + 1].replace(',', '.')), m[i + 2].toLowerCase()] : undefined;
}

/**
 * The calibration a text states ("px 0.65 um", "650 nm pixels", "2 min/frame", "0.5 Hz", "the
 * pixels are 0.65 µm", "frames are 2 min apart"), or nothing: the one reader of a told calibration,
 * for requests and questions alike (askedUnits' statedPixelSizeUm / statedFrameIntervalS read it).
 */
export function statedCalibration(text: string): { pixelSizeUm?: number; frameIntervalS?: number } {
  return readOnceCopied(statedCalibrationOnce, text, (told) => ({ ...told }));
}

function statedCalibrationOnce(text: string): { pixelSizeUm?: number; frameIntervalS?: number } {
  const qs = findQuantities(text);
  const pixel = qs.find((q) => q.per === 'px');
  const frame = qs.find((q) => q.per === 'frame' && q.kind === 'time');
  const toldPixel = pixel ? undefined : toldValue(TOLD_PIXEL_SIZE, text);
  const toldInterval = frame ? undefined : toldValue(TOLD_INTERVAL, text);
  const bare = pixel || toldPixel ? undefined : qs.find((q) => q.unit === '' && BARE_PIXEL_SIZE_BEFORE.test(q.before));
  const pixelSizeUm = pixel ? micrometres(pixel) : toldPixel ? toldPixel[0] * (toldPixel[1] === 'nm' ? 0.001 : 1) : bare?.value;
  const frameIntervalS = frame ? seconds(frame) : toldInterval && toldInterval[1] in TOLD_S_PER ? toldInterval[0] * TOLD_S_PER[toldInterval[1]] : undefined;
  return { ...(pixelSizeUm !== undefined && pixelSizeUm > 0 ? { pixelSizeUm } : {}), ...(frameIntervalS !== undefined && frameIntervalS > 0 ? { frameIntervalS } : {}) };
}

/** A pixel size said with no unit ("pixel size 0.5", "pixel size: 0.33"): µm, as Fiji takes it. */
const BARE_PIXEL_SIZE = new RegExp(String.raw`(${BARE_PIXEL_SIZE_BEFORE.source.replace(/\$$/, '')})(\d+(?:[.,]\d+)?)(?![\d.,]*\s*(?:µm|μm|um|microns?|micrometers?|micrometres?|nm|px|pixels?)\b)(?![\d.,]*\s*(?:[a-zµμ]))`, 'gi');

/**
 * The text with a pixel size said with no unit written in µm ("pixel size 0.5" → "pixel size 0.5 µm"), so that every
 * reader takes the number as the calibration it is and none as a setting of its own (a radius, an area).
 */
export function withBarePixelSizeInMicrons(text: string): string {
  return text.replace(BARE_PIXEL_SIZE, (_m, before: string, value: string) => `${before}${value} µm`);
}

const FRAME_WORD = String.raw`(?:frames?|time ?points?|timepoints?|t)`;
const RANGE_TO = String.raw`(?:to|-|–|—|through|thru|until|till|and)`;
const RANGE_NUMBER = String.raw`(\d+|${WORDS})`;

/**
 * A 1-based inclusive frame range: "frames 10 to 50", "frames 10–50", "from frame 5 to 20", "the first 20 frames".
 * With the movie's length known, open ranges too: "from frame 10 on", "frame 25 onwards", "from frame 5 to the end",
 * "the last 5 frames".
 */
export function findFrameRange(text: string, frameCount?: number): { first: number; last: number } | undefined {
  const t = text.toLowerCase();
  const n = (s: string) => parseNumber(s) ?? NaN;
  let m = new RegExp(String.raw`${FRAME_WORD}\s*(\d+)\s*${RANGE_TO}\s*(?:${FRAME_WORD}\s*)?(\d+)`).exec(t);
  if (m) return ordered(Number(m[1]), Number(m[2]));
  m = new RegExp(String.raw`from\s+${FRAME_WORD}\s*(\d+)\s*(?:to|until|till|-|–|—|through|thru)\s*(?:${FRAME_WORD}\s*)?(\d+)`).exec(t);
  if (m) return ordered(Number(m[1]), Number(m[2]));
  m = /between\s+frames?\s*(\d+)\s*and\s*(?:frame\s*)?(\d+)/.exec(t);
  if (m) return ordered(Number(m[1]), Number(m[2]));
  // "everything up to frame 15", "until timepoint 20", "through frame 8": from the start
  m = new RegExp(String.raw`(?:^|[\s(])(?:up\s+to(?:\s+and\s+including)?|until|till|through|thru)\s+(?:the\s+)?${FRAME_WORD}\s*(\d+)\b`).exec(t);
  if (m && Number(m[1]) >= 1) return { first: 1, last: Number(m[1]) };
  if (frameCount !== undefined && frameCount >= 1) {
    // "from frame 10 on", "frame 25 onwards", "from frame 5 to the end", "starting at frame 3"
    m = new RegExp(String.raw`(?:(?:from|starting\s+(?:at|from|with))\s+(?:the\s+)?${FRAME_WORD}\s*(\d+)(?!\s*${RANGE_TO}\s*\d)(?:\s*(?:on(?:wards?)?|to\s+the\s+(?:end|last(?:\s+frame)?)|till\s+the\s+end|until\s+the\s+end))?|${FRAME_WORD}\s*(\d+)\s*(?:on(?:wards?)|and\s+(?:after|later|beyond)))(?![\w])`).exec(t);
    if (m) {
      const first = Number(m[1] ?? m[2]);
      if (first <= frameCount) return { first, last: frameCount };
    }
    // "the last 5 frames", "the final ten time points"
    m = new RegExp(String.raw`\b${LAST_ADJECTIVE}\s+${RANGE_NUMBER}\s+(?:frames?|time ?points?|timepoints?)\b`).exec(t);
    if (m) {
      const count = n(m[1]);
      if (Number.isInteger(count) && count >= 1) return { first: Math.max(1, frameCount - count + 1), last: frameCount };
    }
    // "the last frame"
    if (/\b(?:only|just|in|on|for|of)\s+(?:the\s+)?(?:very\s+)?(?:last|final)\s+(?:frame|time ?point|timepoint)\b(?!s)/.test(t)) return { first: frameCount, last: frameCount };
  }
  m = new RegExp(String.raw`(?:first|initial)\s+${NUMBER}\s+(?:frames?|time ?points?)`, 'i').exec(t);
  if (m) {
    const count = parseNumber(m[1]);
    if (count !== undefined && Number.isInteger(count) && count >= 1) return { first: 1, last: count };
  }
  // "segment only the first frame", "in the first time point": frame 1
  if (/\b(?:only|just|in|on|for)\s+(?:the\s+)?(?:very\s+)?(?:first|1st|initial)\s+(?:frame|time ?point|timepoint)\b(?!s)/.test(t)) return { first: 1, last: 1 };
  // ("in frame 4", "at timepoint 10", "only time point 3": one frame by its number; "starting at timepoint 12" is an open range)
  m = /(?<!\b(?:from|since|starting\s+(?:at|from|with)|beginning\s+(?:at|with))\s+(?:the\s+)?)(?:only\s+)?(?:frame|time ?point|timepoint)\s*#?(\d+)\b(?!\s*(?:to|-|–|—|and|on\b|onwards?))/.exec(t);
  if (m && /\b(only|just|single|(?:in|on|at|of) (?:frame|time ?point|timepoint))\b/.test(t)) return { first: Number(m[1]), last: Number(m[1]) };
  return undefined;
}

function ordered(a: number, b: number): { first: number; last: number } {
  return a <= b ? { first: a, last: b } : { first: b, last: a };
}

const TIME_WORD = String.raw`(?:milliseconds?|msecs?|ms|seconds?|secs?|s|minutes?|mins?|min|hours?|hrs?|h)`;

/** The seconds between frames at a rate as written ("0.5 Hz" → 2, "30 fps" → 0.0333, "10 frames per minute" → 6). */
function rateSeconds(value: number, unit: string): number {
  return Number((((/min/i.test(unit) ? 60 : 1) / value)).toPrecision(4));
}

/**
 * The text with its numbers and units in the plain forms a reader of commands knows: numbers
 * as decimals ("5e1" → "50", "2½" → "2.5", "7,5 %" → "7.5 %", "a dozen" → "12"), mm as µm,
 * rates as the time between frames ("at 0.5 Hz" → "every 2 s", "frame rate to 1 fps" →
 * "interval to 1 s") and a time per frame as an interval ("3 min/frame" → "every 3 min").
 * Positions change; a text in plain forms comes back unchanged.
 */
export function plainUnits(text: string): string {
  const n = (s: string) => parseNumber(s);
  const rate = new RegExp(String.raw`(${DIGITS})\s*(${RATE})(?![\w])`, 'gi');
  return text
    // numbers: scientific notation, fractions, decimal commas before a unit, dozens
    .replace(new RegExp(String.raw`(?<![\w.,])(\d+(?:[.,]\d+)?[eE][-+]?\d+|\d*[${GLYPHS}])(?![\w])`, 'g'), (m) => (n(m) === undefined ? m : numberText(n(m)!)))
    .replace(/(?<![\w.,])(\d+),(\d{1,2}|\d{4,})(?=\s*(?:%|percent|ms|s\b|sec|min|h\b|hours?|µm|μm|um|microns?|nm|mm|px|pixels?|x\b|fold|hz|fps))/gi, '$1.$2')
    .replace(/\b(?:half\s+a\s+dozen|half[\s-]dozen)\b/gi, '6')
    .replace(/\ba\s+dozen\b/gi, '12')
    // mm as µm ("0.1 mm" → "100 µm"; "mM" is a concentration)
    .replace(/(?<![\w.,])(\d+(?:\.\d+)?)\s*(?:mm|millimet(?:er|re)s?)(?![\w])/g, (m, v: string) => `${numberText(Number(v) * 1000)} µm`)
    // rates: "the frame rate to 1 fps" → "the interval to 1 s", "at 0.5 Hz" → "every 2 s"
    .replace(new RegExp(String.raw`\b(?:(?:frame|sampling|acquisition|imaging|capture)\s+)?(?:rate|frequency)(\s+(?:to|of|at|=|:|is|was)\s*|\s*[=:]?\s*)(${DIGITS})\s*(${RATE})(?![\w])`, 'gi'), (m, link: string, v: string, unit: string) => {
      const value = n(v);
      return value === undefined || value <= 0 ? m : `interval${link}${numberText(rateSeconds(value, unit))} s`;
    })
    .replace(new RegExp(String.raw`(?:\b(?:at|with)\s+(?:a\s+(?:rate|frequency)\s+of\s+)?)?${rate.source}`, 'gi'), (m, v: string, unit: string, at: number, whole: string) => {
      const value = n(v);
      return value === undefined || value <= 0 || playbackRateAt(whole, at) ? m : `every ${numberText(rateSeconds(value, unit))} s`;
    })
    // a time per frame: "3 min/frame", "2 minutes per frame", "30 s a time point" → "every 3 min"
    .replace(new RegExp(String.raw`(?<![\w.])(\d+(?:\.\d+)?)\s*(${TIME_WORD})\s*(?:\/|\bper\b|\ba\b|\beach\b)\s*(?:frames?|time ?points?|timepoints?)\b`, 'gi'), 'every $1 $2');
}

/** An area in µm² as written: "10 µm²", "10 um^2", "10 um2", "10 square microns", "10 sq. µm", "10 microns squared". */
const AREA_UM = new RegExp(String.raw`(?<![\w.,])(${DIGITS})\s*(?:(?:µm|μm|um|microns?|micrometers?|micrometres?)\s*(?:²|\^2|2\b|\s+squared\b)|(?:square|sq\.?)\s*(?:µm|μm|um|microns?|micrometers?|micrometres?)\b)`, 'gi');

/** A range of areas with the unit after its second end only: "20-100 µm²", "20 to 100 um2", "20 and 100 square microns". */
const AREA_UM_RANGE = new RegExp(String.raw`(?<![\w.,])(${DIGITS})(\s*(?:-|–|—|to|and)\s*)(${DIGITS})\s*((?:µm|μm|um|microns?|micrometers?|micrometres?)\s*(?:²|\^2|2\b|\s+squared\b)|(?:square|sq\.?)\s*(?:µm|μm|um|microns?|micrometers?|micrometres?)\b)`, 'gi');

/**
 * The text with each area in µm² said as px² at the pixel size ("smaller than 10 µm²" at
 * 0.5 µm/px → "smaller than 40 px²"), for arguments that count pixels, and a note of each
 * conversion; unchanged, with no notes, when no pixel size is known.
 */
export function areasInPixels(text: string, pixelSizeUm: number | undefined): { text: string; notes: string[] } {
  if (pixelSizeUm === undefined || !(pixelSizeUm > 0)) return { text, notes: [] };
  const notes: string[] = [];
  // ("20-100 µm²", "between 20 and 100 square microns": a range's unit said once, after its second end, is its first end's too)
  const ranged = text.replace(AREA_UM_RANGE, (m, a: string, join: string, b: string, unit: string) => {
    const low = parseNumber(a);
    return low === undefined ? m : `${a} ${unit}${join}${b} ${unit}`;
  });
  const out = ranged.replace(AREA_UM, (m, v: string) => {
    const um2 = parseNumber(v);
    if (um2 === undefined) return m;
    const px2 = numberText(um2 / pixelSizeUm ** 2);
    notes.push(`${numberText(um2)} µm² is ${px2} px² at ${numberText(pixelSizeUm)} µm/px.`);
    return `${px2} px²`;
  });
  return { text: out, notes };
}

const TIME_S: Record<string, number> = { s: 1, sec: 1, secs: 1, second: 1, seconds: 1, min: 60, mins: 60, minute: 60, minutes: 60, h: 3600, hr: 3600, hrs: 3600, hour: 3600, hours: 3600 };
const TIME_UNIT = String.raw`(s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?)`;
/** "the first 20 minutes", "the first hour": a stretch from the start of the movie said as a time. */
/**
 * A span of the movie said in time from one end: "the first hour", "the last 2 h", "the first 30 min of the movie": the one
 * reader of such spans, for commands (timesInFrames) and questions (extract.timeSpanFrames) alike.
 */
export const TIME_SPAN_SCOPE = new RegExp(String.raw`\b(?:the\s+)?(first|initial|${LAST_ADJECTIVE})\s+(?:(\d+(?:\.\d+)?)\s*(hours?|hrs?|h|minutes?|mins?|min|seconds?|secs?|s)|(hour|minute))\b(?:\s+of\s+(?:the\s+|my\s+|this\s+)?(?:movie|recording|time-?lapse|video|acquisition|experiment|imaging|data(?:set)?))?`, 'i');
const FIRST_TIME = new RegExp(TIME_SPAN_SCOPE.source, 'gi');
/** "between minute 10 and minute 30", "from 10 to 30 min", "from t = 10 min to t = 30 min": a stretch of the movie said in times. */
/** TIME_RANGE, one at a time: groups 1 and 3/5 the units before or after its numbers (2 and 4). */
export const timeRangeSaid = (text: string): RegExpExecArray | null => new RegExp(TIME_RANGE.source, 'i').exec(text);
const TIME_RANGE = new RegExp(String.raw`\b(?:from|between)\s+(?:(minute|min|hour|h)\s+|t\s*=\s*)?(\d+(?:\.\d+)?)\s*${TIME_UNIT}?\s*(?:to|and|until|till|-|–)\s*(?:(?:minute|min|hour|h)\s+|t\s*=\s*)?(\d+(?:\.\d+)?)\s*${TIME_UNIT}?(?![\w])`, 'gi');

/** How many frames are taken within the first `spanS` seconds of a movie (frame k at (k - 1) x the interval); at least one. */
export function framesTakenWithin(spanS: number, frameIntervalS: number): number {
  return Math.max(1, Math.ceil(spanS / frameIntervalS - 1e-9));
}

/**
 * "track the nuclei during the first 20 minutes" with one frame per minute: times of the movie said as a stretch are the
 * frames they cover (frame k is taken at (k - 1) x the frame interval), written as frames for every reader after, and said.
 * Without a known frame interval the words stay (and are named as not applied).
 */
export function timesInFrames(text: string, frameIntervalS: number | undefined): { text: string; notes: string[] } {
  if (frameIntervalS === undefined || !(frameIntervalS > 0)) return { text, notes: [] };
  const notes: string[] = [];
  const every = `${numberText(frameIntervalS >= 60 ? frameIntervalS / 60 : frameIntervalS)} ${frameIntervalS >= 60 ? 'min' : 's'} per frame`;
  // (a span from the end needs the movie's length: the frame scope reads it, with the same reader)
  let out = text.replace(FIRST_TIME, (m, end: string, v: string | undefined, unit: string | undefined, one: string | undefined) => {
    if (!/^(?:first|initial)$/i.test(end)) return m;
    const span = findQuantities(`${v ?? 1} ${unit ?? one}`)[0];
    if (span?.kind !== 'time' || !(seconds(span) > 0)) return m;
    const count = framesTakenWithin(seconds(span), frameIntervalS);
    notes.push(`${m.replace(/^the\s+/i, '')} is frames 1-${count} at ${every}.`);
    return `the first ${count} frames`;
  });
  out = out.replace(TIME_RANGE, (m, before: string | undefined, a: string, unitA: string | undefined, b: string, unitB: string | undefined) => {
    const said = (unitB ?? unitA ?? (before ? (/^h/i.test(before) ? 'h' : 'min') : undefined))?.toLowerCase();
    if (!said || !(said in TIME_S)) return m;
    const [from, to] = [Number(a) * TIME_S[(unitA ?? said).toLowerCase()], Number(b) * TIME_S[said]];
    if (!(to >= from)) return m;
    const first = Math.ceil(from / frameIntervalS - 1e-9) + 1;
    const last = Math.floor(to / frameIntervalS + 1e-9) + 1;
    if (last < first) return m;
    notes.push(`${m.replace(/^(?:from|between)\s+/i, '')} is frames ${first}-${last} at ${every}.`);
    return `frames ${first} to ${last}`;
  });
  return { text: out, notes };
}

const UNIT_WORDS: Record<string, number> = { zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9 };
const TEENS: Record<string, number> = { ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19 };
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const NUMBER_WORD = `(?:${[...Object.keys(UNIT_WORDS), ...Object.keys(TEENS), ...Object.keys(TENS), 'hundred'].join('|')})`;
/** A number said in words: "thirty", "twenty-five", "one hundred", "zero point six five". */
export const SAID_NUMBER = `${NUMBER_WORD}(?:[\\s-]+(?:and\\s+)?${NUMBER_WORD})*(?:\\s+point(?:\\s+${NUMBER_WORD})+)?`;
/** What a number said in words stands before: a unit ("thirty seconds", "twelve pixels", "five micrometres", "four frames"). */
const UNIT_AFTER = String.raw`(?=[\s-]*(?:milliseconds?|msecs?|seconds?|secs?|minutes?|mins?|hours?|hrs?|pixels?|px|µm|μm|um|microns?|micrometers?|micrometres?|nanometers?|nanometres?|nm|percent|per\s+cent|%|frames?|time\s*points?|timepoints?|lags?|square\s+(?:microns?|micrometers?|micrometres?|pixels?)|µm²|μm²|um2|px²)\b)`;
/** What a number said in words stands after: an index ("channel three", "ch two", "frame seven"). */
const INDEX_BEFORE = String.raw`(?<=\b(?:channel|ch|frames?|time\s*points?|timepoints?)\s+)`;

/** The value of a number said in words, or undefined when the words make no one number. */
export function saidNumberValue(said: string): number | undefined {
  const [whole, decimals] = said.toLowerCase().split(/\s+point\s+/);
  let total = 0;
  let current = 0;
  let last: 'unit' | 'teen' | 'tens' | 'hundred' | undefined;
  for (const w of whole.split(/[\s-]+/).filter((x) => x && x !== 'and')) {
    if (w === 'hundred') {
      if (last === 'hundred') return undefined;
      current = (current || 1) * 100;
      last = 'hundred';
    } else if (w in TENS) {
      if (last === 'unit' || last === 'teen' || last === 'tens') return undefined;
      current += TENS[w];
      last = 'tens';
    } else if (w in TEENS) {
      if (last === 'unit' || last === 'teen' || last === 'tens') return undefined;
      current += TEENS[w];
      last = 'teen';
    } else if (w in UNIT_WORDS) {
      if (last === 'unit' || last === 'teen') return undefined;
      current += UNIT_WORDS[w];
      last = 'unit';
    } else return undefined;
  }
  total += current;
  if (decimals === undefined) return total;
  const digits = decimals.split(/\s+/).map((w) => UNIT_WORDS[w.toLowerCase()]);
  if (digits.some((d) => d === undefined)) return undefined;
  return Number(`${total}.${digits.join('')}`);
}

/**
 * Numbers said in words before a unit or after an index word, as digits: "thirty seconds apart" →
 * "30 seconds apart", "zero point five microns" → "0.5 microns", "channel three" → "channel 3",
 * "twenty-five pixels" → "25 pixels", so every reader of numbers sees them. "a", "an", "half" and
 * words with no unit after them ("one of the cells", "two projections") stay words.
 */
export function numberWordsAsDigits(text: string): string {
  const convert = (m: string) => {
    const n = saidNumberValue(m);
    return n === undefined ? m : String(n);
  };
  return text
    // ("one frame every two minutes": one frame is a rate's unit, no count)
    .replace(new RegExp(`\\b${SAID_NUMBER}\\b${UNIT_AFTER}`, 'gi'), (m, at: number, all: string) => (/^one$/i.test(m) && /^\s+frame\b/i.test(all.slice(at + m.length)) ? m : convert(m)))
    .replace(new RegExp(`${INDEX_BEFORE}${SAID_NUMBER}\\b`, 'gi'), convert)
    // "a threshold of two hundred", "sigma one point five", "max gap of three": after a setting's name, and any number said with "point" or "hundred"
    .replace(new RegExp(`${SETTING_BEFORE}${SAID_NUMBER}\\b`, 'gi'), convert)
    .replace(new RegExp(`\\b${NUMBER_WORD}(?:[\\s-]+(?:and\\s+)?${NUMBER_WORD})*\\s+(?:point(?:\\s+${NUMBER_WORD})+|hundred(?:[\\s-]+(?:and\\s+)?${NUMBER_WORD})*)\\b`, 'gi'), convert);
}

/** What a number said in words stands after when it is a setting's value: "threshold of", "sigma", "radius =", "lag of", "at least". */
const SETTING_BEFORE = String.raw`(?<=\b(?:threshold|sigma|radius|diameter|distance|gap|lags?|iou|overlap|percentile|width|clusters|neighbou?rs|perplexity|k|dist|tolerance|baseline|window|order|degree)(?:\s+(?:of|=|at|to|is|:|should\s+be|around|about|roughly))?\s+)`;
