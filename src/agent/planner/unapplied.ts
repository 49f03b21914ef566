// Words of a step that name a condition no tool knows: "export the tracks as an Imaris
// file", "save the masks to HDF5", "only keep the round ones". They follow a word that
// introduces a condition (as, to, with, using, only, except...) and are in no tool's
// description, nor a slip of a word that is: the answer names them as not applied.
import type { ToolIndex } from './matcher.ts';
import { stopWords, tokenize } from './words.ts';

/** Words that introduce a method, a format, a scope or a condition. */
const CONDITION = /\b(?:with|using|via|by|as|in|into|to|only|except|excluding|without|but|that|which|where|whose|keep|for|from|on|if|unless)\b/gi;

/** Unknown words after a condition word in the step's words (names, paths and numbers left out), in order. */
export function unappliedWords(clause: string, index: ToolIndex, masked: string = clause): string[] {
  const first = [...masked.matchAll(CONDITION)][0];
  if (!first) return [];
  const from = (first.index ?? 0) + first[0].length;
  const stop = [...stopWords()];
  const out: string[] = [];
  for (const token of tokenize(masked.slice(from))) {
    if (token.part || token.word.length < 3 || /_/.test(token.word) || /^\d/.test(token.word) || new RegExp(`^${CONDITION.source}$`, 'i').test(token.word)) continue;
    if (index.recognizes(token, stop)) continue;
    const written = clause.slice(from + token.start, from + token.end);
    if (!out.includes(written)) out.push(written);
  }
  return out;
}
