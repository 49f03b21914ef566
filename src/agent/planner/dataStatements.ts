// A sentence that says what the data is, by a verb of being, beside a part that asks for a step: "the slices of this stack
// are not connected in time", "the frames of my movie are 16 bit", "our cells in the second half are HeLa": a statement of
// how the data is, not a step, whatever tool's words it holds ("slices" of a projection). The short form with one
// adjective ("the nuclei look dim") is read by saysHowThingsAre in planner.ts; this is the longer form with an "of" phrase
// or a phrase after the verb. Never a step told passively, as a methods section tells one ("the nuclei are segmented
// with Otsu"): a participle right after the verb, not negated, is a step said, left to the steps' reading.

/** A definite subject of up to six words ("the slices of this stack"), a verb of being, maybe negated, then the rest. */
const DATA_STATEMENT = /^(?:(?:and|but|so|because|as|since|note\s+that|fyi)[,\s]+)?(?:the|my|our|this|these|those|its|their|all\s+(?:the|my|our))\s+(?:[\p{L}\d-]+\s+){0,5}?(?:is|are|was|were)\s+(not\s+|n't\s+|never\s+)?([\p{L}\d-]+)/iu;
/** A number with a unit of length or time. */
const VALUE_TOLD = /\d\s*(?:µm|μm|um|nm|mm|microns?|micromet\w*|px|pixels?|s|secs?|seconds?|ms|mins?|minutes?|h|hrs?|hours?)\b/i;
/** Words that ask for something: never a statement. */
const ASKS = /\?|\b(?:please|pls|can\s+you|could\s+you|would\s+you|i(?:'d|\s+would)\s+like|(?:i|we)\s+(?:want|need))\b/i;

/** True when the clause only states how the data is (its whole text), not a step said passively nor an ask. */
export function statesWhatTheDataIs(text: string): boolean {
  const t = text.trim().replace(/[.!]+$/, '');
  const m = DATA_STATEMENT.exec(t);
  if (!m || ASKS.test(t)) return false;
  // ("the pixel size is 0.65 micrometres", "the frames are 5 min apart": a value told with its unit is a setting given,
  // set_calibration's to take, never context only)
  if (VALUE_TOLD.test(t)) return false;
  // ("the nuclei are segmented with Otsu", "the frames are to be aligned": a step said passively or as what is to be done)
  if (!m[1] && (/^(?:\p{L}+(?:ed|en)|to|being|done|made|set|run|kept|left|shown|found)$/iu.test(m[2]))) return false;
  return true;
}
