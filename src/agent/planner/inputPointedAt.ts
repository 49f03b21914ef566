// A clause that only says what the next step reads: "use it as the input", "take these masks as input", "feed them in as
// the starting point". Said after the user tells of a result they have ("I already have a label image from cellpose, use
// it as the input and just track"), it names the thing the steps read, no step of its own: read as a step, the word
// "input" matched the tool whose argument is described as an input (a saved pipeline run), and that ran instead.

const INPUT_POINTED = /^(?:(?:and|but|so|then|please|pls|just|simply|ok(?:ay)?)[,\s]+)*(?:(?:re-?)?use|take|treat|feed|give|pass)\s+(?:it|them|that|this|these|those|(?:the|my|our|these|those)\s+[\p{L}-]+(?:\s+[\p{L}-]+)?)\s+(?:in\s+)?(?:as|for)\s+(?:the\s+|an?\s+|my\s+|your\s+)?(?:input|inputs|starting\s+point|source|input\s+(?:image|data|file))\s*[.!]*$/iu;

/** True when the clause (its whole text) only points at what the steps read. */
export function pointsAtTheInput(text: string): boolean {
  return INPUT_POINTED.test(text.trim());
}
