// A request asked with "please" in a question's frame ("could you please halve the z step?", "would you kindly end it
// now?", "would you mind to stop GFP?"): a "please" or "mind to" makes it a request, never a question of what the tools
// can do, so it is read as the plain request "please ...". Read as a question, a change to the running acquisition was
// no change ("could you please end it now?" stopped nothing) and a step planned a measurement to answer it. "can you
// segment in 3D?" (no please) stays what it is.

/** "could you please", "would you kindly", "can u pls", "would you mind to", at the start of a sentence. */
const POLITE_ASK = /(^|[.!?]\s+)((?:(?:so|ok(?:ay)?|and|hi|hello|hey)[,\s]+)?)(?:(?:could|would|can|will)\s+(?:you|u)\s+(?:please|pls|plz|kindly)|(?:would|will|could)\s+(?:you|u)\s+mind\s+to)\s+(?=\p{L})/giu;

/** The request with a polite ask said as "please ..." and its question mark dropped (unchanged when it has none). */
export function withPoliteAskAsPlease(text: string): string {
  let asked = false;
  const out = text.replace(POLITE_ASK, (_m, lead: string, opening: string) => {
    asked = true;
    return `${lead}${opening}please `;
  });
  if (!asked) return text;
  // (the one question mark that closes the ask; a second question in it keeps them all)
  return (out.match(/\?/g) ?? []).length === 1 ? out.replace(/\s*\?\s*$/, '') : out;
}

/** "I'd like you to", "I need you to", "we want you to" at the start of a sentence (never before "know", "ask", "understand": a question follows). */
const WISH = /(^|[.!?]\s+)((?:(?:so|ok(?:ay)?|and|hi|hello|hey|now)[,\s]+)?)(?:(?:i|we)(?:'d|\s+would)?\s+(?:like|love|want|need)\s+(?:you|u)\s+to)\s+(?!(?:know|ask|understand|learn|find\s+out|check\s+(?:if|whether)|see\s+(?:if|whether|how|what|which))\b)(?=\p{L})/giu;

/**
 * A request said as the user's wish of the assistant ("I need you to stop please", "I'd like you to pause for a moment")
 * as the request "please ...": read as a statement, a change to the running acquisition was none and a step's words took
 * the wish for a condition of it. "I'd like to follow each nucleus" (no "you") may be the goal that the steps after it
 * serve ("... Can you clean up the noise and then track them?"): kept.
 */
export function withWishAsPlease(text: string): string {
  return text.replace(WISH, (_m, lead: string, opening: string) => `${lead}${opening}please `);
}
