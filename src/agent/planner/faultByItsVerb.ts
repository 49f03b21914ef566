// "how much signal is lost by the last frame?", "how much has the intensity decayed?": a fault a tool declares it removes as
// a noun of action ("signal loss", "intensity decay"), said by its verb with the same subject ("signal is lost", "the
// intensity decayed"). Asked "how much", it is the question of how much of that fault there is ("how much signal loss is
// there by the last frame?"), which the tool that removes it measures; never a segmentation and a table of the objects.

/** The verb's root compared with the noun's: "lost" is "loss"; else the same first letters ("decayed"/"decay", "dropped"/"drop"). */
function sameAction(verb: string, noun: string): boolean {
  const v = verb.toLowerCase();
  const n = noun.toLowerCase();
  if (v === 'lost') return n === 'loss';
  // (a verb's form, never the noun itself: "how much signal loss is there" is asked with the noun already)
  if (!/(?:ed|s|ing)$/.test(v) || v === n) return false;
  const root = v.replace(/(?:ed|es|s|ing)$/, '').replace(/([b-df-hj-np-tv-z])\1$/, '$1');
  return root.length >= 3 && (n.startsWith(root) || root.startsWith(n.replace(/e$/, '')));
}

/** "how much (has) (the) SUBJECT (is|was|has been|got) VERB REST": the parts of a how-much question about a change of a thing. */
const CHANGE_ASKED = /^\s*how\s+much\s+(?:(?:has|have|did|does|is|was)\s+)?(?:the\s+|my\s+|our\s+)?([\p{L}-]+)\s+(?:(?:is|are|was|were|has\s+been|have\s+been|gets?|got)\s+)?([\p{L}]+)\b(.*)$/iu;

/** The question with its fault named by the noun a tool declares; undefined when it says no fault by its verb. */
export function faultNamedByItsNoun(question: string, faults: string[]): string | undefined {
  const m = CHANGE_ASKED.exec(question.trim().replace(/[?.!\s]+$/, ''));
  if (!m) return undefined;
  const [, subject, verb, rest] = m;
  const fault = faults.find((f) => {
    const [head, action, ...more] = f.toLowerCase().split(/\s+/);
    return more.length === 0 && action !== undefined && head === subject.toLowerCase() && sameAction(verb, action);
  });
  return fault ? `how much ${fault} is there${rest}?` : undefined;
}
