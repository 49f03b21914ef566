// Every number the person gave is taken or named (brief s54/K, issue 11 item 4): after all other readers have applied and
// named what they could, each number of the request is looked up in the plan's arguments (as said, or in the forms a
// reader turns it into: a frame before or after it, a share of 1, seconds, half a diameter) and in the answer's lines; a
// number found in neither is named in one line with the words around it ("the largest five nuclei", "frame 30"), never
// dropped in silence. Numbers that are part of a name ("H2B", "U2OS", "2D", "psf_488.tif"), a wavelength, a date or a
// ratio of parts ("1:1") are no settings.
import { findQuantities, saidNumberValue, seconds } from './quantities.ts';
import { type Catalogue, selfOf } from './catalogue.ts';
import type { Plan } from './types.ts';
import { isStopWord } from './words.ts';

/** A number the request gives, as written, and where. */
export interface GivenNumber { value: number; text: string; start: number; end: number }

/**
 * Digits standing alone: not inside a name or a path (H2B, v2.1, psf_488), not an exponent (µm^2), not part of a time of
 * day or a ratio (10:30, 1:1, 50/50); thousands with commas ("1,200", "200,000") are one number.
 */
const DIGITS = /(?<![\p{L}\d_.,/\\:#^])(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:[.,]\d+)?)(?![\d_/:]|[.,]\d)/gu;

/** A superlative, the word a count of chosen things stands beside ("the largest five", "the 10 brightest", "top 20"): a small closed class of rank words and the -est forms. */
const RANK_WORD = /^(?:\p{L}{2,}est|most|least|top|bottom|first|last)$/iu;

/** A number said in words that counts chosen things: only next to a rank word ("the largest five nuclei", "the two biggest"), where it cannot be an article or a pronoun ("each one"). */
const NUMBER_WORD = /(?<![\p{L}-])(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|fifty|hundred)(?![\p{L}-])/giu;

/** The words of the request around a position, each with its span (letters, digits, % and µ kept in a word). */
function wordsAround(request: string): { word: string; start: number; end: number }[] {
  return [...request.matchAll(/[\p{L}\d%µ²'’.-]+/gu)].map((m) => {
    const word = m[0].replace(/[.'’-]+$/u, '');
    return { word, start: m.index ?? 0, end: (m.index ?? 0) + word.length };
  });
}

/** The numbers the request gives, digits and counts said in words beside a rank word, each once. */
export function givenNumbers(request: string): GivenNumber[] {
  const out: GivenNumber[] = [];
  for (const m of request.matchAll(DIGITS)) {
    const at = m.index ?? 0;
    const after = request.slice(at + m[0].length);
    // ("2D", "3x", "10X", "4K": a letter right after the digits makes a name, unless the letters are a unit the quantities read, "5min", "10px")
    if (/^\p{L}/u.test(after) && !findQuantities(request.slice(at, at + m[0].length + 12)).some((q) => q.start === 0 && q.unit)) continue;
    // ("1) denoise 2) segment", "1. Segmentation": a number marking an item of a list)
    if (/^[.)]\s/.test(after) && /(?:^|\s)$/.test(request.slice(0, at))) continue;
    const value = /^\d{1,3}(?:,\d{3})+$/.test(m[0]) ? Number(m[0].replace(/,/g, '')) : Number(m[0].replace(',', '.'));
    if (!Number.isFinite(value)) continue;
    out.push({ value, text: m[0], start: at, end: at + m[0].length });
  }
  const words = wordsAround(request);
  for (const m of request.matchAll(NUMBER_WORD)) {
    const at = m.index ?? 0;
    const i = words.findIndex((w) => w.start === at);
    const beside = [words[i - 1], words[i + 1]].filter(Boolean).map((w) => w.word);
    const value = saidNumberValue(m[1]);
    if (value === undefined || !beside.some((w) => RANK_WORD.test(w))) continue;
    out.push({ value, text: m[1], start: at, end: at + m[1].length });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Whether the number names a thing rather than sets one: a wavelength of light ("488 nm", "the 561 laser"), a year. */
function namesAThing(n: GivenNumber, request: string): boolean {
  const after = request.slice(n.end, n.end + 14).toLowerCase();
  if (n.value >= 350 && n.value <= 800 && Number.isInteger(n.value) && /^\s*(?:nm\b|laser|line|channel|excitation|ex\b|em\b|-?nm)/.test(after)) return true;
  if (Number.isInteger(n.value) && n.value >= 1900 && n.value <= 2100 && !/^\s*(?:px|pixels?|frames?|µm|um|nm|ms|s|%)\b/.test(after)) return true;
  // ("1 px = 0.65 µm": the left side of a conversion says what a unit is, the calibration readers' to read)
  if (/^\s*[\p{L}µ]+\s*(?:=|is|equals)\s*\d/u.test(request.slice(n.end, n.end + 20))) return true;
  // ("the 2 channels are misaligned": a number in the subject of a description tells what the data is)
  return /^(?:\s+[\p{L}-]+){1,2}\s+(?:are|is|were|was|look|looks|seem|seems)\b/iu.test(request.slice(n.end, n.end + 40));
}

/** Whether the number stands inside brackets: an aside ("(200,000+ cells)", "(10,10) to (60,10)"), read by the readers of what it is in. */
function inBrackets(n: GivenNumber, request: string): boolean {
  const before = request.slice(0, n.start);
  return before.lastIndexOf('(') > before.lastIndexOf(')');
}

/** The other end of a range the number is one end of ("3 to 5 timepoints", "20–200 µm²", "between 2 and 8", "1 or 2 frames"). */
function otherEnd(n: GivenNumber, request: string): number | undefined {
  const after = /^\s*(?:[\p{L}µ²^\d]*\s*)?(?:-|–|to|and|or)\s*(\d+(?:\.\d+)?)/u.exec(request.slice(n.end, n.end + 20));
  if (after) return Number(after[1]);
  const before = /(\d+(?:\.\d+)?)\s*(?:[\p{L}µ²^\d]*\s*)?(?:-|–|to|and|or)\s*$/u.exec(request.slice(Math.max(0, n.start - 20), n.start));
  return before ? Number(before[1]) : undefined;
}

/** Words before a number that make it an index of a frame or a slice ("frame 30", "time point 12", "t=5", "slice 3"). */
const INDEX_BEFORE = /\b(?:frames?|time\s*points?|timepoints?|tp|t|slices?|planes?)\s*[=:#]?\s*$/i;

/**
 * The forms a reader may have turned the number into: as said; a frame before or after an index ("before frame 10" is
 * frames to 9); a share of 1 of a percentage; a radius of a diameter; seconds of a time; µm of nm.
 */
function formsOf(n: GivenNumber, request: string): number[] {
  const forms = [n.value];
  const quantity = findQuantities(request.slice(n.start, n.end + 16)).find((q) => q.start === 0);
  if (INDEX_BEFORE.test(request.slice(Math.max(0, n.start - 14), n.start)) || quantity?.unit === 'frame') forms.push(n.value - 1, n.value + 1);
  if (quantity?.unit === '%') forms.push(n.value / 100);
  if (quantity?.kind === 'time') forms.push(seconds(quantity), seconds(quantity) * 1000, seconds(quantity) / 60);
  if (quantity?.kind === 'length') forms.push(n.value / 2, n.value * 2, ...(quantity.unit === 'nm' ? [n.value / 1000] : []), ...(quantity.unit === 'um' && quantity.value !== n.value ? [quantity.value] : []));
  return forms;
}

/** Ordinal words a value may hold for a frame or a channel ("reference: first"), as numbers. */
const ORDINALS: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, fifth: 5 };

/** Every number a value holds, at any depth (arguments, frame ranges and their lengths, numbers and ordinals written in strings). */
export function numbersHeldBy(value: unknown, out: number[] = []): number[] {
  if (typeof value === 'number') out.push(Math.abs(value));
  else if (typeof value === 'string') out.push(...(value.match(/\d+(?:\.\d+)?/g) ?? []).map(Number), ...(value.toLowerCase() in ORDINALS ? [ORDINALS[value.toLowerCase()]] : []));
  else if (Array.isArray(value)) for (const v of value) numbersHeldBy(v, out);
  else if (value && typeof value === 'object') {
    // ("the last 10 frames": frames 31-40 hold the count as their length)
    const { first, last } = value as { first?: unknown; last?: unknown };
    if (typeof first === 'number' && typeof last === 'number') out.push(last - first + 1);
    for (const v of Object.values(value)) numbersHeldBy(v, out);
  }
  return out;
}

/** Whether the answer's lines say the number (as digits or as the words it was given in), artifact names ("table-1") aside. */
function saidInTheAnswer(n: GivenNumber, said: string): boolean {
  const text = said.replace(/\b[a-z]+-\d+\b/g, ' ');
  const as = (s: string) => new RegExp(`(?<![\\p{L}\\d.])${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\d]|[.,]\\d)`, 'iu').test(text);
  return as(n.text) || as(String(n.value));
}

/**
 * The phrase a number belongs to, to quote it in the person's words: the content words just before it ("frame 30",
 * "the largest five") and after it ("five nuclei", "20 brightest cells"), up to two each way, stopped by a function
 * word or punctuation.
 */
export function phraseOf(n: GivenNumber, request: string): string {
  const words = wordsAround(request);
  const i = words.findIndex((w) => w.start <= n.start && n.start < w.end);
  if (i < 0) return n.text;
  const joined = (a: number, b: number) => /^[ \t]+$/.test(request.slice(words[a].end, words[b].start));
  const content = (w: string) => !isStopWord(w.toLowerCase()) || RANK_WORD.test(w);
  let from = i;
  while (from > 0 && i - from < 2 && joined(from - 1, from) && content(words[from - 1].word)) from--;
  let to = i;
  while (to + 1 < words.length && to - i < 2 && joined(to, to + 1) && content(words[to + 1].word)) to++;
  return request.slice(words[from].start, words[to].end);
}

/**
 * The numbers of the request no step took and no line of the answer says. `skip(at)` leaves a number another reader owns
 * (turned down, left to the user, said in a sentence that only tells how the data was taken).
 */
export function untakenNumbers(request: string, plan: Plan, said: string, skip: (at: number) => boolean, catalogue?: Catalogue): GivenNumber[] {
  const held = plan.steps.flatMap((s) => numbersHeldBy(s.args));
  const defaults = catalogue ? defaultsRunWith(plan, catalogue) : [];
  const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a));
  const isHeld = (forms: number[]) => held.some((h) => forms.some((f) => close(h, f)));
  // (a length in µm a step took in pixels at the pixel size it knows: any length argument in pixels set counts)
  const lengthInPixels = plan.steps.some((s) => Object.entries(s.args).some(([k, v]) => /Px$/.test(k) && typeof v === 'number'));
  const declared = catalogue ? declarationsOf(plan, catalogue) : '';
  return givenNumbers(request).filter((n) => {
    if (namesAThing(n, request) || inBrackets(n, request) || skip(n.start) || saidInTheAnswer(n, said)) return false;
    if (isHeld(formsOf(n, request))) return false;
    // ("increase the resolution 2x", "a gap of 2 frames": a default the step runs with, said as a factor or after the setting's name)
    const wordBefore = /([\p{L}]+)\s*(?:of|=|:|at)?\s*$/u.exec(request.slice(Math.max(0, n.start - 24), n.start))?.[1].toLowerCase();
    const factor = /^\s*[x×]\b/i.test(request.slice(n.end, n.end + 3));
    if (defaults.some((d) => close(d.value, n.value) && (factor || (!!wordBefore && d.words.includes(wordBefore))))) return false;
    // ("from 0,64 to 127,64": a pair of coordinates written with a comma, both held)
    const pair = /^(\d+),(\d+)$/.exec(n.text);
    if (pair && isHeld([Number(pair[1])]) && isHeld([Number(pair[2])])) return false;
    // ("missing for 3 to 5 timepoints": a range one end of which a step took was read as that setting)
    const other = otherEnd(n, request);
    if (other !== undefined && isHeld([other])) return false;
    // ("w/ 95% CI", "2x": the number with its sign, or with the word after it, as the running tool declares them, its own)
    const withNext = /^[^\s,.;:!?]*(?:\s+[\p{L}]+)?/u.exec(request.slice(n.start))?.[0].toLowerCase() ?? '';
    const withSign = /^[^\s,.;:!?]*/u.exec(request.slice(n.start))?.[0].toLowerCase() ?? '';
    if (declared && [withNext, withSign].some((w) => w.length > n.text.length && declared.includes(w))) return false;
    const length = findQuantities(request.slice(n.start, n.end + 16)).find((q) => q.start === 0 && q.kind === 'length');
    return !(length && length.unit !== 'px' && lengthInPixels);
  });
}

/** The numbers a running step runs with by default, for the arguments left unset, with the words of the argument's name. */
function defaultsRunWith(plan: Plan, catalogue: Catalogue): { value: number; words: string[] }[] {
  return plan.steps.flatMap((s) => Object.entries(catalogue.get(s.tool)?.properties ?? {})
    .filter(([arg, p]) => s.args[arg] === undefined && typeof p.default === 'number')
    .map(([arg, p]) => ({ value: Math.abs(p.default as number), words: arg.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().split(' ') })));
}

/** The running tools' declarations as lower-case text (descriptions, argument descriptions, words, examples). */
function declarationsOf(plan: Plan, catalogue: Catalogue): string {
  return [...new Set(plan.steps.map((s) => s.tool))].flatMap((tool) => {
    const info = catalogue.get(tool);
    const self = selfOf(tool, catalogue) ?? {};
    return [info?.description ?? '', self.summary ?? '', ...(self.words ?? []), ...(self.examples ?? []), ...Object.values(info?.properties ?? {}).map((p) => p.description ?? '')];
  }).join(' ').toLowerCase();
}
