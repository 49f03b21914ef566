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

/** "is it possible to", "would it be possible to", "is it possible for you to", "is possible to" at the start of a sentence. */
const POSSIBLE_ASK = /(^|[.!?]\s+)((?:(?:so|ok(?:ay)?|and|hi|hello|hey)[,\s]+)?)(?:(?:is|would|will|could)\s+(?:it\s+)?(?:be\s+)?possible\s+(?:for\s+(?:you|u)\s+)?to)\s+(?=\p{L})/giu;

/**
 * "is it possible to track with a max gap of 4 frames?" as "can you track with a max gap of 4 frames?": the same ask in
 * other words, read as "can you ..." is (read apart, it planned a measurement to answer it and dropped the gap). Several
 * steps so asked are read as a request before this (withStepsAskedAsPossiblePlain).
 */
export function withPossibleAskAsCanYou(text: string): string {
  return text.replace(POSSIBLE_ASK, (_m, lead: string, opening: string) => `${lead}${opening}can you `);
}

/** "I'd like you to", "I need you to", "we want you to", "I would like to", "we'd like to" at the start of a sentence (never before "know", "ask", "understand": a question follows). */
const WISH = /(^|[.!?]\s+)((?:(?:so|ok(?:ay)?|and|hi|hello|hey|now)[,\s]+)?)(?:(?:i|we)(?:'d|\s+would)?\s+(?:like|love|want|need)\s+(?:you|u)\s+to|(?:i|we)(?:'d|\s+would)\s+like\s+to)\s+(?!(?:know|ask|understand|learn|find\s+out|check\s+(?:if|whether)|see\s+(?:if|whether|how|what|which))\b)(?=\p{L})/giu;

/**
 * A request said as the user's wish ("I need you to stop please", "I'd like you to pause for a moment", "I would like to
 * segment and track the nuclei") as the request "please ...": read as a statement, a change to the running acquisition
 * was none and a step's words took the wish for a condition of it.
 */
export function withWishAsPlease(text: string): string {
  return text.replace(WISH, (_m, lead: string, opening: string) => `${lead}${opening}please `);
}
