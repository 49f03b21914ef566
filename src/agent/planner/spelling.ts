// The one reader of slips of the fingers, for every vocabulary that has one (the tools' words
// for the planner, normalise.ts; the acquisition language's command and channel words,
// acquisitionLanguage/words.ts). A word written right is never changed: a word of the
// vocabulary in any regular form, a word that carries no meaning, an everyday English word.
// A slip is read as the one nearest word of the vocabulary's targets, with its first letter:
// a letter left out, doubled or swapped with the next anywhere, one other letter only by a
// neighbouring key; one edit from five letters, two from nine; a word of four letters only
// by two neighbouring letters swapped ("snpa") or as a five-letter word with a letter left
// off, other than one of a doubled pair ("paus", "paue"; "cels" stays). Two words as near are
// no answer, unless they are forms of one word or only one has the written word's very
// letters ("puase" is "pause", not "phase").
import { isEverydayWord } from './english.ts';
import { allowedEdits, editDistance, isStopWord, NEIGHBOURING_KEYS, normalizeWord } from './words.ts';

/**
 * `known`, every word written right (never corrected); `targets`, the words a slip may be read
 * as (all known too). A word a description uses ("originals") is known, but no slip is read as it.
 */
export interface Vocabulary {
  known: Set<string>;
  targets: Set<string>;
}

/** A vocabulary of these words (lower case): every target is known. */
export function vocabularyOf(targets: Iterable<string>, alsoKnown: Iterable<string> = []): Vocabulary {
  const t = new Set([...targets].map((w) => w.toLowerCase()));
  return { targets: t, known: new Set([...t, ...[...alsoKnown].map((w) => w.toLowerCase())]) };
}

/** Is the word written as some word people write (known, a stop word or an everyday English word, in any of its regular forms)? */
export function isWrittenRight(word: string, known: Set<string>): boolean {
  const lower = word.toLowerCase();
  if (known.has(lower) || isStopWord(lower) || isEverydayWord(lower)) return true;
  // ("temporarily", "necessarily", "momentarily": an adverb of an -ary adjective is English as written, never a slip of
  // a vocabulary word, "temporally")
  if (/^\p{Ll}{4,}arily$/u.test(lower)) return true;
  // (a regular form of a known word, "segmented", "stacks", "tiling", or the base of one, "original" of "originals";
  // not the stemmer's forms, which read "pixells" as "pixel")
  // (and a word made of one by an ending English makes words with: "shorten" of "short", "roughly", "darkness")
  // ("minutees" is no form of "minute": an "es" ending follows no e)
  const bare = lower.replace(/(?:(?<!e)es|s|ed|ing|ly|er|en|est|ness|ful|less|able|ible|al|ic|ous|ive|ity|ish)$/, '');
  if ([bare, `${bare}e`].some((b) => b.length >= 3 && (known.has(b) || isEverydayWord(b)))) return true;
  // (a word of four letters is read as a word's base by no ending: "paus" is no base of "paused")
  return lower.length > 4 && ['s', 'es', 'd', 'ed', 'ing'].some((ending) => known.has(lower + ending));
}

const CORRECTIONS = new WeakMap<Vocabulary, Map<string, string | null>>();

/** The word of the vocabulary a slip stands for (lower case); undefined when the word is written right, or no one word is nearest. */
export function correctedWord(word: string, vocabulary: Vocabulary): string | undefined {
  const lower = word.toLowerCase();
  if (lower.length === 3 && /^\p{Ll}+$/u.test(lower) && !isWrittenRight(lower, vocabulary.known)) return swappedStopWord(lower);
  if (lower.length < 4 || !/^\p{Ll}+$/u.test(lower) || isWrittenRight(lower, vocabulary.known)) return undefined;
  let corrections = CORRECTIONS.get(vocabulary);
  if (!corrections) CORRECTIONS.set(vocabulary, (corrections = new Map()));
  const cached = corrections.get(lower);
  if (cached !== undefined) return cached ?? undefined;
  const nearest = allowedEdits(lower) === 0 ? shortSlip(lower, vocabulary) : nearestWord(lower, vocabulary);
  // (a word that opens a longer known word is that word cut short, "excl" of exclude, never a slip of another, "excel")
  const out = (nearest && !nearest.startsWith(lower) && cutShortOfKnown(lower, vocabulary) ? undefined : nearest) ?? vowelsLeftOut(lower, vocabulary);
  if (corrections.size > 20_000) corrections.clear();
  corrections.set(lower, out ?? null);
  return out;
}

/** A word of three letters that is a stop word with two neighbouring letters swapped, as phones type them ("teh", "adn", "yuo"). */
function swappedStopWord(w: string): string | undefined {
  const found = new Set<string>();
  for (let i = 0; i + 1 < w.length; i++) {
    const swapped = w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2);
    if (swapped !== w && isStopWord(swapped)) found.add(swapped);
  }
  return found.size === 1 ? [...found][0] : undefined;
}

/** A word's consonants as texting writes them: its first letter, then every letter but a vowel, a doubled one once ("interval" → "intrvl", "channel" → "chnl"). */
function consonantsOf(w: string): string {
  return (w[0] + w.slice(1).replace(/[aeiou]/g, '')).replace(/(.)\1+/g, '$1');
}

/** A word of four letters or more written without its vowels ("intrvl", "expsr", "pstn"): the one target of at least two more letters with those consonants. */
function vowelsLeftOut(w: string, vocabulary: Vocabulary): string | undefined {
  if (w.length < 4 || /[aeiou]/.test(w.slice(1))) return undefined;
  const found = [...vocabulary.targets].filter((v) => v.length >= w.length + 2 && v[0] === w[0] && consonantsOf(v) === w);
  return found.length === 1 ? found[0] : undefined;
}

/** The word opens a known word at least two letters longer ("excl" of "exclude", "thresh" of "threshold"). */
function cutShortOfKnown(word: string, vocabulary: Vocabulary): boolean {
  for (const known of vocabulary.known) if (known.length >= word.length + 2 && known.startsWith(word)) return true;
  return false;
}

/** A word of four letters: a target with two neighbouring letters swapped ("dorp"), or a five-letter target with a letter but its first left off, other than a plural's s ("fram", "paue"). */
function shortSlip(w: string, vocabulary: Vocabulary): string | undefined {
  const swapped = [...vocabulary.targets].filter((v) => v.length === w.length && v[0] === w[0] && swappedNeighbours(w, v));
  if (swapped.length) return swapped.length === 1 ? swapped[0] : undefined;
  const cut = [...vocabulary.targets].filter((v) => v.length === w.length + 1 && v[0] === w[0] && !(v.endsWith('s') && v.startsWith(w)) && oneLeftOut(w, v));
  return cut.length === 1 ? cut[0] : undefined;
}

/** `a` is `b` with one letter left out, not one of two the same ("cels" is a word of its own as often as a slip of "cells"). */
function oneLeftOut(a: string, b: string): boolean {
  return [...b].some((c, i) => c !== b[i - 1] && c !== b[i + 1] && b.slice(0, i) + b.slice(i + 1) === a);
}

function nearestWord(w: string, vocabulary: Vocabulary): string | undefined {
  const edits = allowedEdits(w);
  let tied: string[] = [];
  let bestDistance = edits + 1;
  for (const v of vocabulary.targets) {
    if (v[0] !== w[0] || Math.abs(v.length - w.length) > edits || v.length < 4 || !slipOfKeys(w, v)) continue;
    const d = editDistance(w, v, Math.min(edits, bestDistance));
    if (d < bestDistance) [tied, bestDistance] = [[v], d];
    else if (d === bestDistance && d <= edits) tied.push(v);
  }
  if (tied.length <= 1) return tied[0];
  // (forms of one word tie harmlessly, "intervall": interval or intervals; a last letter typed twice is the word
  // without it, else the form of the written word's length, else the shortest)
  if (new Set(tied.map(normalizeWord)).size === 1) {
    return tied.find((v) => w === v + v.at(-1)) ?? tied.find((v) => v.length === w.length) ?? tied.reduce((a, b) => (a.length <= b.length ? a : b));
  }
  const sameLetters = tied.filter((v) => sortedLetters(v) === sortedLetters(w));
  return sameLetters.length === 1 ? sameLetters[0] : undefined;
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

/** `a` is `b` with two neighbouring letters swapped. */
function swappedNeighbours(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  const differ = [...a].flatMap((c, i) => (c === b[i] ? [] : [i]));
  return differ.length === 2 && differ[1] === differ[0] + 1 && a[differ[0]] === b[differ[1]] && a[differ[1]] === b[differ[0]];
}

const sortedLetters = (w: string) => [...w].sort().join('');

/** The case of the word as written on its correction ("Segemnt" → "Segment", "CHANEL" → "CHANNEL"). */
export function inCaseOf(written: string, word: string): string {
  if (written.length > 1 && written === written.toUpperCase()) return word.toUpperCase();
  return /^\p{Lu}/u.test(written) ? word[0].toUpperCase() + word.slice(1) : word;
}
