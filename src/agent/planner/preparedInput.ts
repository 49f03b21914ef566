// A step that prepares the movie another step reads, said inside that step's words rather than as a step of its own
// (stop 47): "segment the nuclei with a median filter first", "threshold with Li but run a 2 px median over it
// beforehand", "count the nuclei on channel 2's max projection", "on the denoised movie, count the cells". Both steps
// run, the preparing one first; neither is dropped for the other.
import { type Catalogue, producesOf, selfOf } from './catalogue.ts';
import type { Match, ToolIndex } from './matcher.ts';

/** A tool that reads a movie and writes a movie (a denoising, a background subtraction, a projection): it prepares what another step reads. */
export function preparesMovie(tool: string, catalogue: Catalogue): boolean {
  return producesOf(tool, catalogue)[0] === 'movie' && (selfOf(tool, catalogue)?.consumes ?? []).includes('movie');
}

// "with a median filter first", "using a gaussian blur beforehand", "after a rolling-ball subtraction first": how the
// movie is prepared, said with a word of order closing it (the words between name the preparing step)
const PREPARED_WITH = /\b(?:with|using|via|by|after)\s+(?:an?\s+|the\s+|some\s+)?((?:[\p{L}\d-]+\s+){0,4}?[\p{L}\d-]+)\s+(?:first|beforehand|before\s*hand|before\s+(?:that|this|it))\b/iu;

/** The preparing phrase inside a clause and where it starts ("with a median filter first" → its words "median filter"). */
export function preparationPhrase(clause: string): { at: number; words: string } | undefined {
  const m = PREPARED_WITH.exec(clause);
  return m ? { at: m.index, words: m[1] } : undefined;
}

// "on the MIP", "using the background-subtracted frames", "from channel 2's max projection", "but on a gaussian-smoothed
// copy of the movie": an input named by how it was made, after a preposition of input (its maker is read by producersNamed)
const INPUT_PHRASE = /(?:^|\s)(?:(?:and|but|then|,)\s+)?(?:(?:do\s+(?:it|this|that|them)|work|run\s+(?:it|this|that))\s+)?(?:on|onto|using|from|in|with)\s+(?:the|a|an|my|our|its|this|that|channel\s+\d+'?s?|(?:the\s+)?[\p{L}\d-]+\s+channel'?s?)\s+/iu;

/** Where, in a clause, an input phrase starts (the preposition), or -1. */
export function inputPhraseAt(clause: string): number {
  const m = INPUT_PHRASE.exec(clause);
  return m ? m.index + (m[0].length - m[0].trimStart().length) : -1;
}

// "use the median-filtered images to segment the nuclei", "take the MIP and count the nuclei": the input said first, after
// a verb of using, and the step asked after "to", "for" or "and"
const USED_INPUT = /^\s*(?:(?:please|pls|now|then|and)\s+)*(?:use|take|with|using|from|on)\s+(?:the|a|an|my|our|this|that|channel\s+\d+'?s?)\s+(?:[\p{L}\d'-]+\s+){0,4}?(?=(?:to|for|and(?:\s+then)?|then)\s+[\p{L}])/iu;

/** The words of a clause less the input it names, by its place: before the input phrase, or after "use X to". */
export function wordsBesideInput(clause: string): { input: [number, number]; rest: [number, number] } | undefined {
  const used = USED_INPUT.exec(clause);
  if (used) return { input: [0, used[0].length], rest: [used[0].length, clause.length] };
  const at = inputPhraseAt(clause);
  return at > 0 ? { input: [at, clause.length], rest: [0, at] } : undefined;
}

/** The clause is an input phrase and nothing else ("on the denoised movie", "but on a gaussian-smoothed copy of the movie"). */
export function onlyAnInputPhrase(clause: string): boolean {
  return inputPhraseAt(clause) === 0 || /^\s*(?:(?:and|but|then|,)\s+)+(?:on|onto|using|from|in|with)\s/i.test(clause) || /^\s*(?:on|onto|using|from|in|with)\s/i.test(clause);
}

/**
 * The step a clause asks for and the step that prepares its movie, when the clause names both: the preparing words
 * ("with a median filter first") matched apart from the rest ("segment the nuclei"), each to a different tool, the
 * preparing one a tool that writes a movie from a movie and the other one that reads what it writes.
 */
export function preparedInClause(clause: string, index: ToolIndex, pick: (ranked: Match[], words: string) => Match | undefined, catalogue: Catalogue): { main: Match; prepare: Match; at: number } | undefined {
  const phrase = preparationPhrase(clause);
  if (!phrase) return undefined;
  const prepare = pick(index.match(phrase.words), phrase.words);
  if (!prepare || !preparesMovie(prepare.tool, catalogue)) return undefined;
  const rest = clause.slice(0, phrase.at) + ' '.repeat(clause.length - phrase.at);
  const main = pick(index.match(rest), rest);
  if (!main || main.tool === prepare.tool || !(selfOf(main.tool, catalogue)?.consumes ?? []).includes('movie')) return undefined;
  return { main, prepare, at: phrase.at };
}
