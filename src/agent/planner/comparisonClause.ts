// ", like in Fiji", ", as in TrackMate", ", the way Imaris does it", ", same as in the paper": a clause that only compares
// the step before with how a program or a paper does it (stop 49, helper C). It says how that step runs, never a step of
// its own: a program's name there (Fiji, QuPath) is no file to write for it. The step before reads the words as its own,
// so a method it lacks is named there.

/** The comparison's opening: "like", "as in/with/for", "the (same) way", "same as", "similar to", "just like", "à la". */
const COMPARES = /^\W*(?:(?:and|but|just|exactly|much|more\s+or\s+less|roughly|basically|please|pls)\s+)*(?:like|as\s+(?:in|with|on|for|per)|(?:the\s+)?(?:same\s+)?way\s+(?:as\s+)?|the\s+same\s+as|same\s+as|similar(?:ly)?\s+to|similar\s+as|à\s+la|a\s+la|in\s+the\s+style\s+of|in\s+the\s+same\s+way\s+as)\b/i;
/** A verb that asks for something after the comparison ("like in Fiji, export the masks"): a step of its own follows. */
const ASKS_AFTER = /[,;:]\s*(?:then\s+|and\s+|please\s+)?(?:export|save|write|segment|track|measure|plot|make|give|send|count|run|do)\b/i;

/** True when the clause only compares the step before with a program's or a paper's way. */
export function comparesOnly(clause: string): boolean {
  if (!COMPARES.test(clause) || ASKS_AFTER.test(clause)) return false;
  // (a short comparison: "like in Fiji", "the way Imaris does it", "as with TrackMate's LAP tracker")
  return clause.trim().split(/\s+/).length <= 9;
}
