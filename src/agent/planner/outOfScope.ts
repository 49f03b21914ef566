// A request outside microscopy analysis or control ("track my package from Amazon",
// "what's the weather tomorrow", "write me a cover letter"): most of its words are in no
// tool's description and none names a thing under the microscope. A method named after
// "with"/"using" ("denoise using BM3D", "the Hungarian algorithm") is a name to report as
// not applied, never a reason to refuse the request.
import type { ToolIndex } from './matcher.ts';
import { meaning, normalizeWord, stopWords, tokenize } from './words.ts';

/** Things under the microscope or in a movie: a request about one is in scope whatever else it says. */
const SUBJECTS = ['cell', 'nucleus', 'movie', 'image', 'frame', 'channel', 'pixel', 'microscope', 'fluorescence', 'mask', 'drift', 'division', 'embryo', 'tissue', 'organoid', 'bacteria', 'yeast', 'mitochondria', 'protein', 'sample', 'well', 'objective', 'laser']
  .map((w) => meaning(normalizeWord(w)));

/** Words that name how or with what, not a subject ("using", "algorithm"), and fillers of speech ("hmm"). */
const NEUTRAL = new Set(
  'using use via algorithm method filter approach technique model format file software plugin tool hmm hm uh um oh ah well yeah yes yep okay ok cool great awesome actually maybe perhaps kindly quickly'.split(' '),
);
const NAMING = /\b(?:with|using|via|by|as|into|to)\s+(?:the\s+|a\s+|an\s+)?$/i;

/** True when the request has no microscopy or analysis meaning. `masked` has names and paths blanked. */
export function isOutOfScope(masked: string, index: ToolIndex): boolean {
  const tokens = tokenize(masked.replace(/_+/g, ' '));
  let known = 0;
  let unknown = 0;
  for (const token of tokens) {
    if (NEUTRAL.has(token.word) || token.part) continue;
    // a slip of a known word ("cels", "teh") is not a word from elsewhere
    if (index.recognizes(token, stopWords())) {
      known += SUBJECTS.includes(index.meanings([token])[0]) || SUBJECTS.includes(meaning(token.stem)) ? 3 : 1;
      continue;
    }
    // a name after "with"/"using" is a method asked for, reported as not applied
    if (NAMING.test(masked.slice(Math.max(0, token.start - 16), token.start))) continue;
    unknown++;
  }
  return unknown >= 2 && unknown > known;
}
