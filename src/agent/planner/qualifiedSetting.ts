// A setting named by another quantity: "a quality threshold of 50", "flow_threshold 0.4", "probability threshold 0.7".
// The last word of the name ("threshold") is one of a tool's own argument words, but the word glued before it names what
// the setting is OF, and that is no word of the tool: it is another program's setting (TrackMate's spot quality, Cellpose's
// flow error, ilastik's probability), never ours in grey levels. Its number is left to be named, never taken.
import { meaning, normalizeWord, stopWords } from './words.ts';

/** Words that may stand before a setting's name and leave it ours: which ones ("only channel 2"), verbs that give a value, words of degree or kind. */
const GIVING = ['only', 'just', 'all', 'each', 'every', 'any', 'both', 'also', 'even', 'then', 'first', 'last', 'next', 'per', 'whole', 'entire', 'one', 'its', 'set', 'use', 'try', 'apply', 'pick', 'choose', 'give', 'put', 'change', 'make', 'fixed', 'custom', 'new', 'same', 'low', 'lower', 'high', 'higher', 'simple', 'single', 'default', 'different', 'other', 'global', 'manual', 'hard', 'absolute', 'minimum', 'maximum', 'min', 'max'];

let allowed: Set<string> | undefined;

/**
 * Whether the words before a number (their meanings, in order: `nearBefore`) name an argument by one own word qualified by
 * a word the tool does not know (`toolMeanings`: its arguments' names and descriptions and its values): "quality threshold"
 * is no `threshold` of segment. An argument whose name has more words ("min area"), or said by its word alone, stays its.
 */
export function namesAnotherSetting(nearBefore: string[], own: string[], toolMeanings: Set<string>): boolean {
  // (an argument named by one word, "threshold", "sigma", "perplexity": a longer name, "min area", is said in its own words)
  if (own.length !== 1 || !nearBefore.includes(own[0])) return false;
  const said = own;
  const at = nearBefore.lastIndexOf(said[0]);
  // (the name ends the words before the number, bar "of", "=", "is": "quality threshold of 50", "threshold: 50")
  if (nearBefore.slice(at + 1).some((w) => !stops().has(w))) return false;
  const qualifier = nearBefore[at - 1];
  if (!qualifier || /^\d/.test(qualifier)) return false;
  return !stops().has(qualifier) && !toolMeanings.has(qualifier);
}

function stops(): Set<string> {
  return (allowed ??= new Set([...stopWords(), ...GIVING].map((w) => meaning(normalizeWord(w)))));
}
