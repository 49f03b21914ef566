// "try it again with triangle, do we get more or fewer nuclei?", "redo it with Li - are there more cells now?": the
// question after a step's changed settings asks what the change did, which the step run again answers by comparing its
// results with the step it replaces; its words are no setting of the step, and none is named as not applied.

/** A question that closes a clause after a comma, a dash or a semicolon: a question word or an inverted verb first. */
const CLOSING_QUESTION = /(?:[,;:]|\s[-–—]\s)\s*(?:and\s+)?(?:(?:so|then|now)\s+)?(?:do|does|did|is|are|was|were|will|would|has|have|how|what|which|whether|does\s+that)\b[^,;]*$/i;

/** The clause with a closing question blanked (positions kept); the clause itself when it has none. */
export function withoutQuestionAfterChange(clause: string): string {
  const m = CLOSING_QUESTION.exec(clause);
  if (!m) return clause;
  return clause.slice(0, m.index) + clause.slice(m.index).replace(/[^\s]/g, ' ');
}
