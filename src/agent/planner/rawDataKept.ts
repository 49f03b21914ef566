// Raw data is never overwritten: "correct the drift and overwrite the original", "save it over my raw
// file", "denoise it in place" ask for a thing cellpilot refuses by design (every step writes a new
// movie; export refuses the input's path). The words are taken out before planning, so none of them
// reach a step (no export of the raw movie "over the original", no pipeline saved with overwrite: true),
// and the answer says in one line what was done instead and how to name a file of one's own.

/** Where the name of what is overwritten ends: the clause ends, or goes on with what it is replaced with ("the existing rule" is another thing). */
const ENDS = String.raw`(?=\s*(?:$|[,.;:!?)]|(?:with|and|then|please|pls|too|also|by)(?![\p{L}])))`;
/** What a request may ask to overwrite: the movie it was given, by any of the names people use for it. */
const THE_INPUT = String.raw`(?:the\s+|my\s+|our\s+)?(?:original|input|raw|source|existing|same|acquired|recorded)(?:\s+(?:data|file|movie|stack|image|images|tiff?|recording|one))?${ENDS}|(?:the\s+|my\s+|our\s+)(?:data|file|movie|stack|recording)${ENDS}`;
/** A place named after the words ("to my data folder", "into the original directory"): a folder to write into, no file to overwrite. */
const NOT_A_PLACE = String.raw`(?!\s*(?:folders?|director(?:y|ies)|dirs?|drives?|locations?|paths?|places?)(?![\p{L}]))`;

/** "overwrite the original", "replace my raw file with ...", "save it over the input", "write over the source file", "in place". */
const OVERWRITING = new RegExp(
  String.raw`(?:\b(?:overwrit\w*|replac\w*|writ\w*\s+(?:it\s+|them\s+|that\s+|the\s+result\s+)?(?:back\s+)?(?:over|onto|into|to)|sav\w*\s+(?:it\s+|them\s+|that\s+|the\s+result\s+)?(?:back\s+)?(?:over|onto|into|to|as))\s+(?:${THE_INPUT})${NOT_A_PLACE}(?:\s+with\s+(?:the\s+)?[\p{L}-]+(?:\s+(?:one|version|movie|file))?)?|\bin[- ]place\b)`,
  'giu',
);

const ANY_OVERWRITING_WORD = /replac|writ|sav|in[- ]place/iu;

export interface Overwrite {
  start: number;
  end: number;
  said: string;
  /** Said as a thing not to do ("don't overwrite the original", "without replacing my raw file"): what cellpilot does anyway. */
  negated: boolean;
}

/** A negation just before the overwriting words, in their clause ("don't", "do not", "make sure you never", "without"). */
const NEGATED_BEFORE = /\b(?:don'?t|do\s+not|never|not|without|no\s+need\s+to|avoid)\s+(?:(?:ever|accidentally|just|to|be|going|gonna)\s+)*$/i;

/** Where a request asks to overwrite its raw data; empty when it does not. */
export function overwritesOfInput(request: string): Overwrite[] {
  // (every match holds one of these words, under the same flags: most requests have none, and the whole pattern is slow to fail)
  if (!ANY_OVERWRITING_WORD.test(request)) return [];
  return [...request.matchAll(OVERWRITING)].map((m) => {
    const start = m.index ?? 0;
    return { start, end: start + m[0].length, said: m[0].trim(), negated: NEGATED_BEFORE.test(request.slice(Math.max(0, start - 40), start)) };
  });
}

/** The request with those words blanked (positions kept). */
export function withoutOverwrites(request: string, overwrites: Overwrite[]): string {
  return overwrites.reduce((t, o) => t.slice(0, o.start) + ' '.repeat(o.end - o.start) + t.slice(o.end), request);
}

/** The one line the answer says: what was not done, or (every overwrite said as one not to do) that it was not. */
export function rawDataKeptNote(overwrites: Overwrite[]): string {
  if (overwrites.every((o) => o.negated)) return 'As you asked, the movie you gave is not overwritten (raw data stays as it was recorded): each step writes a new movie.';
  overwrites = overwrites.filter((o) => !o.negated);
  return `Not done: "${overwrites.map((o) => o.said).join('", "')}": the movie you gave is never overwritten (raw data stays as it was recorded); each step writes a new movie, and "save it as NAME.tif" writes it to a file of your choosing.`;
}
