// A request as the planner reads it: the surface forms people write that say nothing more put
// into one form, once, before any reader of words, numbers or units sees the text. Curly
// apostrophes as straight ones; a request written all in capitals in lower case; a unit
// spelt out after its number as its symbol ("3 micrometres" → "3 µm"); and a slip of a word
// ("chanel", "pixells", "segemnt") as the word the tools declare or a request's common word.
// A word written correctly is never changed: an everyday English word ("truck", "spend"), a
// word the tools use, and anything short, quoted, or made of more than letters (a file, an id).
import type { ToolSelfDescription } from '../../../tools/types.ts';
import { ALL_TOOLS } from '../allTools.ts';
import { allowedValues, type Catalogue } from './catalogue.ts';
import { isEverydayWord } from './english.ts';
import { SAID_NUMBER, saidNumberValue } from './quantities.ts';
import { allowedEdits, editDistance, isStopWord, NEIGHBOURING_KEYS, normalizeWord, plainWords, stopWords, thesaurusWords } from './words.ts';

/**
 * Words of requests that state what to do and with which values, though no tool's own text
 * says them ("the first ten frames", "greater than 0.5", "named lineage"): a slip of one is
 * read as the word. Units and the words around numbers live here, since every reader of a
 * quantity needs them spelt right.
 */
const REQUEST_WORDS = (
  'first second third fourth fifth last quarter every between greater smaller larger bigger fewer higher lower ' +
  'longer shorter faster slower above below under after before until around about approximately maximum minimum ' +
  'average median total number count named called using without except instead channel channels frame frames ' +
  'slice slices plane planes pixel pixels micron microns micrometre micrometres micrometer micrometers nanometre ' +
  'nanometres nanometer nanometers millisecond milliseconds second seconds minute minutes hour hours position ' +
  'positions interval exposure possible experiment acquisition imaging image images acquire nuclei nucleus cells ' +
  'divisions intensity intensities distance threshold segment segmentation tracks tracking focus laser stack ' +
  'workflow pipeline please thanks could would should which where there their these those other another change ' +
  'switch increase decrease reduce double halve twice triple quarter percent percentage'
).split(' ');

/** Number words and ordinals: written right, never a slip ("three" is not "there"). */
const NUMBER_WORDS = 'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million first second third fourth fifth sixth seventh eighth ninth tenth'.split(' ');

/**
 * The words of a catalogue: `known`, every word written right (all the tools declare, in any text:
 * their words, examples, summaries, result words, argument descriptions; the thesaurus; the words
 * that carry no meaning; number words); `targets`, the words a slip may be read as: the tools' own
 * words, names and allowed values, the thesaurus and the request words above. A word of a
 * description ("times", "originals") is known, so never corrected, but no slip is read as it.
 */
export interface Vocabulary {
  known: Set<string>;
  targets: Set<string>;
}

const VOCABULARIES = new Map<string, Vocabulary>();

/** Every string in a declaration (words, examples, summary, result words, argument descriptions), depth-limited. */
function declaredTexts(value: unknown, depth = 0, out: string[] = []): string[] {
  if (depth > 6 || value === null || value === undefined) return out;
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) declaredTexts(v, depth + 1, out);
  else if (typeof value === 'object') for (const [k, v] of Object.entries(value)) declaredTexts([k.replace(/([a-z])([A-Z])/g, '$1 $2'), v], depth + 1, out);
  return out;
}

const wordsOf = (texts: string[]) => new Set(texts.flatMap((t) => t.toLowerCase().match(/\p{L}{3,}/gu) ?? []));

function vocabularyFor(catalogue: Catalogue): Vocabulary {
  const key = catalogue.size ? [...catalogue.keys()].join(',') : '';
  let vocabulary = VOCABULARIES.get(key);
  if (!vocabulary) {
    const tools = catalogue.size
      ? [...catalogue.values()].map((t) => ({ name: t.name.replace(/_/g, ' '), description: t.description, self: t.self, properties: t.properties as unknown, enums: Object.values(t.properties).flatMap((p) => allowedValues(p)) }))
      : ALL_TOOLS.map((t) => ({ name: t.name.replace(/_/g, ' '), description: t.description, self: t as Partial<ToolSelfDescription>, properties: {} as unknown, enums: [] as string[] }));
    const own = tools.flatMap((t) => [t.name, ...(t.self?.words ?? []), ...declaredTexts(t.self?.valueWords ?? {}), ...t.enums]);
    const common = [...REQUEST_WORDS, ...thesaurusWords()];
    const targets = wordsOf([...own, ...common]);
    const described = declaredTexts(tools.map((t) => [t.description, t.self?.summary, t.self?.examples, t.self?.results, t.properties]));
    const known = wordsOf([...described, ...own, ...common, ...stopWords(), ...NUMBER_WORDS]);
    vocabulary = { known, targets };
    VOCABULARIES.set(key, vocabulary);
  }
  return vocabulary;
}

/** Is the word written as some word people write (ours, a stop word or an everyday English word, in any of its regular forms)? */
function isWrittenRight(word: string, known: Set<string>): boolean {
  const lower = word.toLowerCase();
  if (known.has(lower) || isStopWord(lower) || isEverydayWord(lower)) return true;
  // (a regular form of a known word, "segmented", "stacks", "tiling", or the base of one, "original" of "originals";
  // not the stemmer's forms, which read "pixells" as "pixel")
  // (and a word made of one by an ending English makes words with: "shorten" of "short", "roughly", "darkness")
  const bare = lower.replace(/(?:es|s|ed|ing|ly|er|en|est|ness|ful|less|able|ible|al|ic|ous|ive|ity|ish)$/, '');
  if ([bare, `${bare}e`].some((b) => b.length >= 3 && (known.has(b) || isEverydayWord(b)))) return true;
  return ['s', 'es', 'd', 'ed', 'ing'].some((ending) => known.has(lower + ending));
}

const CORRECTIONS = new WeakMap<Vocabulary, Map<string, string | null>>();

/**
 * The word a slip stands for: one edit away (two for words of nine letters or more), the same
 * first letter, and the only nearest word of the vocabulary (undefined when two are as near,
 * or none is).
 */
export function correctedWord(word: string, vocabulary: Vocabulary): string | undefined {
  const lower = word.toLowerCase();
  if (lower.length < 5 || isWrittenRight(lower, vocabulary.known)) return undefined;
  let corrections = CORRECTIONS.get(vocabulary);
  if (!corrections) CORRECTIONS.set(vocabulary, (corrections = new Map()));
  const cached = corrections.get(lower);
  if (cached !== undefined) return cached ?? undefined;
  const edits = allowedEdits(lower);
  let best: string[] = [];
  let bestDistance = edits + 1;
  for (const v of vocabulary.targets) {
    if (v[0] !== lower[0] || Math.abs(v.length - lower.length) > edits || v.length < 4 || !slipOfKeys(lower, v)) continue;
    const d = editDistance(lower, v, Math.min(edits, bestDistance));
    if (d < bestDistance) [best, bestDistance] = [[v], d];
    else if (d === bestDistance && d <= edits) best.push(v);
  }
  // two words as near ("frams": frame or frames) that are forms of one word are one answer; two words are none
  const stems = new Set(best.map(normalizeWord));
  const out = best.length > 0 && stems.size === 1 ? best.sort((a, b) => a.length - b.length)[0] : undefined;
  if (corrections.size > 20_000) corrections.clear();
  corrections.set(lower, out ?? null);
  return out;
}

/**
 * A word of the same length with one letter other is a slip of the fingers only when the two
 * keys are neighbours ("chanmel" of "channel"); otherwise it is another word ("wonders" is not
 * "wanders", "shorten" not "shorter"). Letters left out, doubled or swapped are slips anywhere.
 */
function slipOfKeys(written: string, word: string): boolean {
  if (written.length !== word.length) return true;
  const differ = [...written].flatMap((c, i) => (c === word[i] ? [] : [i]));
  if (differ.length !== 1) return true;
  const [at] = differ;
  return (NEIGHBOURING_KEYS[word[at]] ?? '').includes(written[at]);
}

/** The case of the word as written on its correction ("Segemnt" → "Segment", "CHANEL" → "CHANNEL"). */
function inCaseOf(written: string, word: string): string {
  if (written.length > 1 && written === written.toUpperCase()) return word.toUpperCase();
  return /^\p{Lu}/u.test(written) ? word[0].toUpperCase() + word.slice(1) : word;
}

/** Slips of words corrected, outside quotes. */
export function withSlipsCorrected(text: string, catalogue: Catalogue): string {
  const vocabulary = vocabularyFor(catalogue);
  return outsideQuotes(text, (part) => {
    let out = part;
    for (const w of plainWords(part).reverse()) {
      if (!/^\p{L}+$/u.test(w[0])) continue;
      const fixed = correctedWord(w[0], vocabulary);
      if (fixed) out = out.slice(0, w.index) + inCaseOf(w[0], fixed) + out.slice(w.index + w[0].length);
    }
    return out;
  });
}

/** A request written all in capitals ("SEGMENT THE NUCLEI"), its words in lower case; a request with some capitals is kept as written. */
export function withoutShouting(text: string): string {
  const words = plainWords(text).filter((w) => w[0].length >= 3);
  const upper = words.filter((w) => w[0] === w[0].toUpperCase());
  if (words.length < 3 || upper.length < 0.8 * words.length) return text;
  let out = text;
  for (const w of plainWords(text).reverse()) out = out.slice(0, w.index) + w[0].toLowerCase() + out.slice(w.index + w[0].length);
  return out;
}

/** Units spelt out after a number, as their symbols: "3 micrometres" → "3 µm", "500 nanometers" → "500 nm", "5um" → "5 µm". */
export function withUnitSymbols(text: string): string {
  return text
    .replace(/(\d)\s*(?:micrometres?|micrometers?|microns?|[uμ]m)(?![\p{L}\d])/giu, '$1 µm')
    .replace(/(\d)\s*(?:nanometres?|nanometers?)(?![\p{L}\d])/giu, '$1 nm')
    .replace(/(\d)\s*(?:milliseconds?|msecs?)(?![\p{L}\d])/giu, '$1 ms');
}

/** Things counted ("ten epochs", "four positions", "twenty iterations"): a number said in words before them is a count. */
const COUNTED = String.raw`(?=\s+(?:epochs?|fps|positions?|pos|iterations?|clusters?|neighbou?rs?|tracks?|cells?|nuclei|objects?|slices?|planes?|channels?|steps?|replicates?|wells?|stacks?|sections?|images?|repeats?)\b)`;
/** Things numbered ("position two", "pos three", "track three", "well five"): a number said in words after them is an index. */
const NUMBERED = String.raw`(?<=\b(?:position|pos|track|cell|nucleus|object|well|slice|plane|step|label|replicate|experiment|condition|field)\s+)`;

/**
 * Counts and indices said in words as digits ("ten epochs" → "10 epochs", "skip position two" →
 * "skip position 2", "forty five minutes"); quantities.ts reads those before units and after "channel" or "frame".
 */
export function withCountsInDigits(text: string): string {
  const digits = (m: string) => {
    const n = saidNumberValue(m);
    // ("more than one channel", "one of the cells": "one" is as often no count as a count; two and up are counts)
    return n === undefined || !Number.isInteger(n) || n < 2 ? m : String(n);
  };
  return text
    // ("fortyfive": tens and units written as one word)
    .replace(/\b(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(one|two|three|four|five|six|seven|eight|nine)\b/gi, '$1-$2')
    .replace(new RegExp(`\\b${SAID_NUMBER}\\b${COUNTED}`, 'gi'), digits)
    .replace(new RegExp(`${NUMBERED}${SAID_NUMBER}\\b`, 'gi'), digits);
}

/** Curly apostrophes and quotes as straight ones, and odd spaces as spaces. */
export function withPlainTypography(text: string): string {
  return text.replace(/[’‘]/g, "'").replace(/[\u00a0\u2009\u202f]/g, ' ');
}

/** The text with `change` applied outside double quotes only (a name in quotes is the user's own). */
function outsideQuotes(text: string, change: (part: string) => string): string {
  return text.split(/("[^"]*"|“[^”]*”)/).map((part, i) => (i % 2 === 1 ? part : change(part))).join('');
}

/** The request in the one form the planner reads (see the top of this file). */
export function normalisedRequest(request: string, catalogue: Catalogue): string {
  return withCountsInDigits(withSlipsCorrected(withUnitSymbols(withoutShouting(withPlainTypography(request))), catalogue));
}
