// A request asked as whether it can be done, of the user's own data: "is there a way to get the speed of each cell?",
// "Is it possible to do cell tracking on this bright field image?", "I am wondering is it possible to track them?",
// "I was wondering if I could get the tracks as a csv", "any way to export the masks?". People on forums and in issues
// ask for a step this way; read as a question it ran nothing (its clause was taken for a sentence about the user, "I
// am ...") or "way" was read as the path a cell took. Said of their data (a word pointing at it: the, this, my, them, each
// ...), it is the request "please ...". Asked of nothing ("is it possible to segment in 3D?", "is it possible to go
// faster?") it stays a question of what the tools can do (capabilityQuestions.ts, optionQuestions.ts); so does one whose
// verb only asks to be told ("is there a way to know which threshold was used?").

/** "I am wondering", "I was wondering whether", "just wondering if", "I wonder if", "we were hoping": the hedge before the ask. */
const HEDGE = String.raw`(?:(?:i|we)\s*(?:am|'m|was|were|are|'re)\s+(?:just\s+|really\s+)?(?:wondering|hoping|curious)|just\s+wondering|(?:i|we)\s+wonder(?:ed)?)[,\s]+(?:(?:if|whether)\s+)?`;

/** "is it possible to", "is there a way to", "would there be any way for me to", "it's possible to" (after a hedge), "any way to". */
const POSSIBLE = String.raw`(?:(?:is|would|will|could)\s+(?:it|there)\s+(?:be\s+)?|(?:it|there)\s*(?:is|'s|would\s+be)\s+|)(?:possible|(?:a|any|an?\s+(?:easy|simple|quick|straightforward))\s+way)\s+(?:for\s+(?:you|me|us)\s+)?to\s+`;

/** After a hedge: "you could", "I can", "we could". */
const ABLE = String.raw`(?:(?:you|u)\s+(?:can|could|would)|(?:i|we)\s+(?:can|could))\s+(?:please\s+|maybe\s+|perhaps\s+)?`;

const LEAD = String.raw`(^|[.!?]\s+)((?:(?:so|ok(?:ay)?|and|also|hi|hello|hey|hi\s+all|hello\s+all)[,!\s]+)?)`;

const HEDGED_ASK = new RegExp(String.raw`${LEAD}${HEDGE}(?:${POSSIBLE}|${ABLE})(?=\p{L})`, 'giu');
const PLAIN_ASK = new RegExp(String.raw`${LEAD}(?:(?:is|would|will|could)\s+(?:it|there)\s+(?:be\s+)?|)(?:possible|(?:a|any|an?\s+(?:easy|simple|quick|straightforward))\s+way)\s+(?:for\s+(?:you|me|us)\s+)?to\s+(?=\p{L})`, 'giu');

/** Words that point at the user's own data or results. */
const POINTS_AT_DATA = /\b(?:the|this|these|those|that|my|our|its|their|them|it|each|every|all)\b/i;
/** Verbs that only ask to be told, see or understand something: a question follows, no step. */
const ONLY_TO_KNOW = /^(?:know|tell|see|find\s+out|understand|learn|check\s+(?:if|whether)|say|figure\s+out\s+(?:if|whether|what|which|how))\b/i;

/** The request with a step asked as whether it can be done on the user's data said as "please ..." (unchanged otherwise). */
export function withPossibleAsksAsPlease(text: string): string {
  let changed = false;
  const rewrite = (re: RegExp, hedged: boolean) => (out: string) =>
    out.replace(re, (whole: string, lead: string, opening: string, offset: number, all: string) => {
      const rest = all.slice(offset + whole.length);
      const sentence = rest.split(/[.!?](?:\s|$)/)[0];
      // (a verb of being told asks a question; one said of nothing asks what the tools can do, unless hedged on "you could")
      if (ONLY_TO_KNOW.test(rest) || (!hedged && !POINTS_AT_DATA.test(sentence))) return whole;
      changed = true;
      return `${lead}${opening}please `;
    });
  const out = rewrite(PLAIN_ASK, false)(rewrite(HEDGED_ASK, true)(text));
  if (!changed) return text;
  // (the question mark that closed the ask ends a request now: "please do X? we have no stain" → "please do X. we have no stain")
  return out.replace(/(please\s[^?.!]*?)\s*\?+(?=\s|$)/gi, '$1.').replace(/\.\s*$/, '');
}
