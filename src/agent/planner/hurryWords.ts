// Words of hurry around a request ("pls segment the nuclei asap", "quick q: how many cells?", "urgent: stop GFP",
// "export the tracks as CSV, quick pls", "end it now - urgent"): how fast the user wants it, never what to do. Left
// out before any reader sees the request, so "asap" is no unknown word of a step (a step not understood, a setting
// not applied) and "quick q:" no out-of-scope opening. Only at the start or the end of the request, set off as a
// frame: "as soon as you see a mitosis" and "a quick look" keep their words.

/** "quick q:", "quick question -", "urgent:", "asap:", "pls", "plz" before the request. */
const HURRY_OPENING = /^\s*(?:(?:(?:a\s+)?quick\s+(?:q|qn|question|one)|urgent(?:\s+(?:q|question|request))?|asap|quick)\s*(?:[:!,]+|\s[-–—]+)\s*|(?:pls|plz)\s+)/iu;

/** ", quick pls", " asap", " asap thx", " - urgent", " as soon as possible please" after the request. */
const HURRY_CLOSING = /(?:\s*[,;]\s*|\s+[-–—]+\s*|\s+)(?:(?:quick(?:ly)?\s+)?(?:pls|plz)|asap|a\.s\.a\.p\.?|urgent(?:ly)?|as\s+soon\s+as\s+(?:possible|you\s+can))(?:\s+(?:pls|plz|please|thx|thanks|ty))?\s*[.!]*\s*$/iu;

/** The request without the words of hurry that frame it (unchanged when it has none, or is nothing else). */
export function withoutHurry(request: string): string {
  let out = request;
  for (let i = 0; i < 2; i++) out = out.replace(HURRY_CLOSING, '');
  out = out.replace(HURRY_OPENING, '');
  return /\p{L}/u.test(out) ? out : request;
}
