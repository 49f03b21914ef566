// A request outside microscopy analysis or control ("track my package from Amazon",
// "what's the weather tomorrow", "add milk to my shopping list"): most of its words are
// in no tool's description and none names a thing under the microscope. A method named
// after "with"/"using" ("denoise using BM3D", "the Hungarian algorithm") is a name to
// report as not applied, never a reason to refuse the request.
import { type Catalogue, selfOf } from './catalogue.ts';
import type { ToolIndex } from './matcher.ts';
import { findQuantities } from './quantities.ts';
import { splitClauses } from './clauses.ts';
import { meaning, normalizeWord, stopWords, type Token, tokenize } from './words.ts';

/** Things under the microscope or in a movie: a request about one is in scope whatever else it says. */
const SUBJECTS = new Set(
  ['cell', 'nucleus', 'movie', 'image', 'frame', 'channel', 'pixel', 'microscope', 'fluorescence', 'mask', 'drift', 'division', 'embryo', 'tissue', 'organoid', 'bacteria', 'yeast', 'mitochondria', 'protein', 'sample', 'objective', 'laser',
    // what is measured on cells
    'migration', 'motility', 'trajectory', 'speed', 'area', 'intensity', 'morphology', 'growth']
    .map((w) => meaning(normalizeWord(w))),
);

/** Words that name how or with what, not a subject ("using", "algorithm"), and fillers of speech ("hmm"). */
const NEUTRAL = new Set(
  'using use via algorithm method filter approach technique model format file software plugin tool hmm hm uh um oh ah well yeah yes yep okay ok cool great actually maybe perhaps kindly quickly everything anything something both again whole'.split(' '),
);
const NAMING = /\b(?:with|using|via|by|as|into|to)\s+(?:the\s+|a\s+|an\s+)?$/i;

const toolWordSets = new WeakMap<ToolIndex, Set<string>>();

/** Meanings of the tools' own words, names and allowed values: what a misspelling may stand for. */
function toolWords(index: ToolIndex, catalogue: Catalogue): Set<string> {
  let words = toolWordSets.get(index);
  if (words) return words;
  const texts: string[] = [];
  for (const [name, info] of catalogue) {
    const self = selfOf(name, catalogue) ?? {};
    texts.push(name.replace(/_/g, ' '), ...(self.words ?? []), ...Object.values(self.valueWords ?? {}).flatMap((v) => Object.values(v).flat()));
    for (const p of Object.values(info.properties)) texts.push(...[...(p.enum ?? []), ...(p.anyOf ?? []).flatMap((a) => a.enum ?? [])].map(String));
  }
  words = new Set(tokenize(texts.join(' ')).map((t) => meaning(t.stem)));
  toolWordSets.set(index, words);
  return words;
}

/** True when the text names a thing under the microscope or in a movie ("the nuclei", "this stack"), misspelt or not. */
export function namesASubject(text: string, index: ToolIndex): boolean {
  return tokenize(text).some((token) => SUBJECTS.has(meaning(token.stem)) || (SUBJECTS.has(index.meanings([token])[0]) && index.recognizes(token)));
}

/** How a word reads; a `slip` is a word read as a tool's word or a subject only by its spelling ("Illumina", "stock", "share"). */
type Reading = 'subject' | 'known' | 'unknown' | 'neutral';

/** How a word reads: a thing under the microscope, a word of the tools, a word from elsewhere, or neither. */
function reading(token: Token, index: ToolIndex, words: Set<string>): Reading {
  const own = meaning(token.stem);
  const corrected = index.meanings([token])[0];
  if (SUBJECTS.has(own) || (SUBJECTS.has(corrected) && index.recognizes(token))) return 'subject';
  if (index.knows(own)) return 'known';
  // a misspelling of a tool's own word ("segmnet", "stabalise"); "parcel" is no slip of a rare word of a description
  if (corrected !== own && words.has(corrected)) return 'known';
  // short words are too close to everything to tell ("teh", "cels", "oat")
  if (token.word.length <= 4 && index.recognizes(token, stopWords())) return 'neutral';
  return 'unknown';
}

/** True when the word reads as ours only by its spelling: no tool uses it or a subject as written. */
function isSlip(token: Token, r: Reading, index: ToolIndex): boolean {
  const own = meaning(token.stem);
  return (r === 'known' || r === 'subject') && !SUBJECTS.has(own) && !index.knows(own);
}

/** A name in the middle of a sentence ("the Illumina share price"): a proper noun, never a slip of our word. */
function isProperNoun(token: Token, masked: string): boolean {
  const written = masked.slice(token.start, token.end);
  return /^\p{Lu}\p{Ll}+$/u.test(written) && /[\p{L}\d,]\s+$/u.test(masked.slice(0, token.start));
}

/** Tools using a word, from which on it tells little about what a request is about ("how", "frame"). */
const GENERIC_SPREAD = 7;

/**
 * The request read by its words as written: spelling tolerance needs microscopy context, so
 * slips count for nothing here and a proper noun is a word from elsewhere. True when words
 * from elsewhere outnumber our telling words ("should I buy Illumina stock this week").
 */
function outOfScopeAsWritten(read: { token: Token; reading: Reading }[], index: ToolIndex, masked: string): boolean {
  let known = 0;
  let unknown = 0;
  for (const { token, reading: r } of read) {
    if (r === 'neutral' || NAMING.test(masked.slice(Math.max(0, token.start - 16), token.start))) continue;
    if (isSlip(token, r, index) || (r === 'unknown' && isProperNoun(token, masked))) {
      if (isProperNoun(token, masked)) unknown += 1;
      continue;
    }
    if (r === 'subject') known += 3;
    else if (r === 'known' && index.spread(meaning(token.stem)) < GENERIC_SPREAD) known += 1;
    else if (r === 'unknown') unknown += 1;
  }
  return unknown >= 2 && unknown > known;
}

/** True when the request has no microscopy or analysis meaning. `masked` has names and paths blanked. */
export function isOutOfScope(masked: string, index: ToolIndex, catalogue: Catalogue): boolean {
  // a time, a length or a percentage ("every 30 min", "5 µm", "to 20%") is about imaging
  if (findQuantities(masked).some((q) => q.kind !== 'count')) return false;
  const words = toolWords(index, catalogue);
  let known = 0;
  let unknown = 0;
  const read: { token: Token; reading: Reading }[] = [];
  for (const token of tokenize(masked.replace(/_+/g, ' '))) {
    // numbers with letters ("3x3", "20x", "488nm") are quantities, not words from elsewhere
    if (NEUTRAL.has(token.word) || token.part || token.word.length < 2 || /\d/.test(token.word)) continue;
    read.push({ token, reading: reading(token, index, words) });
  }
  if (outOfScopeAsWritten(read, index, masked)) return true;
  for (const r of read) {
    if (r.reading === 'subject') known += 3;
    else if (r.reading === 'known') known += 1;
    // a name after "with"/"using" is a method asked for, reported as not applied
    else if (r.reading === 'unknown' && !NAMING.test(masked.slice(Math.max(0, r.token.start - 16), r.token.start))) unknown += 1;
  }
  // nothing under the microscope is named, and a tool's verb acts on a thing from elsewhere ("track the parcel", "segment my customers")
  // (with one more word from elsewhere: "do an MSD analysis" is ours, "track the parcel I ordered" is not)
  if (!read.some((r) => r.reading === 'subject')) {
    for (const [i, end] of clauseVerbs(masked, read)) {
      const object = foreignObject(read.slice(i, end), index, words, masked);
      if (object && read.some((r) => r !== object && r.reading === 'unknown')) return true;
    }
  }
  // more words from elsewhere than words of ours (a word about cells counts three)
  return unknown >= 2 && unknown > known;
}

/** Each clause's words (its verb first) as [first, end) indexes into `read`. */
function clauseVerbs(masked: string, read: { token: Token }[]): [number, number][] {
  const out: [number, number][] = [];
  for (const clause of splitClauses(masked)) {
    const inside = read.map((r, i) => ({ r, i })).filter(({ r }) => r.token.start >= clause.start && r.token.start < clause.end);
    if (inside.length) out.push([inside[0].i, inside.at(-1)!.i + 1]);
  }
  return out;
}

/**
 * The thing a clause's verb acts on when the verb is a tool's own word (as written, not a
 * slip) and the thing is a word no tool uses, no slip of one and no shorthand of one
 * ("parcel" after "track"; not "corr" after "bleach", not "nicely" after "segment").
 */
function foreignObject<R extends { token: Token; reading: Reading }>(clause: R[], index: ToolIndex, words: Set<string>, masked: string): R | undefined {
  const verb = clause[0].token;
  if (!words.has(meaning(verb.stem)) || !index.knows(meaning(verb.stem))) return undefined;
  for (const next of clause.slice(1)) {
    // "track these using a Kalman filter": a method named, not the thing acted on
    if (NAMING.test(masked.slice(Math.max(0, next.token.start - 16), next.token.start))) return undefined;
    // fillers and adverbs ("teh", "properly", "monthly") come before the thing named
    if (next.reading === 'neutral' || next.token.word.endsWith('ly')) continue;
    if (next.reading === 'subject' || index.knows(meaning(next.token.stem)) || index.abbreviates(next.token.word)) return undefined;
    return next;
  }
  return undefined;
}
