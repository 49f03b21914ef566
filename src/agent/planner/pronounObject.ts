// "find the nuclei and outline them": a verb whose object is a pronoun acts on the things the clause before named. Read
// with those things in the pronoun's place ("outline the nuclei"), the words may name the very step before (finding the
// nuclei is outlining them): then the clause says that step again, in other words, and asks no second step (no figure).

/** A pronoun standing for things named before (a closed class). */
const PRONOUN = /\b(?:them|they|those|these|it)\b/i;

/** The things a step acts on, as people name them (a closed class of object nouns), the last one said in a clause. */
const THINGS = /\b(?:nuclei|nucleus|cells?|objects?|spots?|particles?|blobs?|organoids?|bacteria|tracks?|trajectories|masks?|labels?)\b/gi;

/** The clause with its pronoun replaced by the last things the clause before named; undefined when either is missing. */
export function withAntecedent(clause: string, before: string): string | undefined {
  const things = before.match(THINGS)?.at(-1);
  if (!things || !PRONOUN.test(clause)) return undefined;
  return clause.replace(PRONOUN, `the ${things}`);
}
