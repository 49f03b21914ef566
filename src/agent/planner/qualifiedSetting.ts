// A setting named by another quantity: "a quality threshold of 50", "flow_threshold 0.4", "probability threshold 0.7".
// The last word of the name ("threshold") is one of a tool's own argument words, but the word written right before it
// names what the setting is OF, and that is no word of the tool: it is another program's setting (TrackMate's spot quality,
// Cellpose's flow error, ilastik's probability), never ours in grey levels. Its number is left to be named, never taken.
import { meaning, normalizeWord, stopWords, tokenize } from './words.ts';

/** Words that may stand before a setting's name and leave it ours: which ones ("only channel 2"), verbs that give a value, words of degree or kind. */
const GIVING = ['only', 'just', 'all', 'each', 'every', 'any', 'both', 'also', 'even', 'then', 'first', 'last', 'next', 'per', 'whole', 'entire', 'one', 'its', 'set', 'use', 'try', 'apply', 'pick', 'choose', 'give', 'put', 'change', 'make', 'fixed', 'custom', 'new', 'same', 'low', 'lower', 'high', 'higher', 'simple', 'single', 'default', 'different', 'other', 'global', 'manual', 'hard', 'absolute', 'minimum', 'maximum', 'min', 'max'];

let allowed: Set<string> | undefined;

/** The meaning of one written word ('' for none). */
function meaningOf(word: string): string {
  const t = tokenize(word)[0];
  return t ? meaning(t.stem) : '';
}

/**
 * Whether the words written before a number (`before`, up to it) end on an argument's one-word name (`own`) qualified by
 * the word written right before it, one the tool does not know (`toolMeanings`: its description, its arguments' names and
 * descriptions, its values): "quality threshold of" is no `threshold` of segment. A longer name ("min area"), a name said
 * alone, after a function word or a word of which ones ("only channel 2"), stays the argument's.
 */
export function namesAnotherSetting(before: string, own: string[], toolMeanings: Set<string>): boolean {
  if (own.length !== 1) return false;
  // (the words of the setting's own phrase: after a bracket or a comma, "a time-lapse (cells = 7)" names cells alone)
  const phrase = before.split(/[([{,;:]/).at(-1) ?? '';
  // (the name ends the words, bar "of", "=", "is", "at": "quality threshold of 50", "flow_threshold=0.4")
  const m = /([\p{L}][\p{L}\d]*)[\s_-]+([\p{L}][\p{L}\d]*)\s*(?:(?:of|is|at|to|=|:)\s*)?$/u.exec(phrase.replace(/[=:]\s*$/, ' '));
  if (!m || meaningOf(m[2]) !== own[0]) return false;
  const qualifier = meaningOf(m[1]);
  return !!qualifier && !stops().has(qualifier) && !toolMeanings.has(qualifier);
}

function stops(): Set<string> {
  return (allowed ??= new Set([...stopWords(), ...GIVING].map((w) => meaning(normalizeWord(w)))));
}
