// "how big is the shift between the first and last frame?", "how large was the drift?", "correct the drift; how large
// was it in µm?": a size word asked of a thing that a step reports as a length of its own (the drift a correction
// measures), not of the objects, asks how much of it there is. Read as an object size ("big" is a word of the objects'
// areas), it segmented and measured the nuclei; asked as "how much", the step that reports it answers. The things a
// step reports are read from the tools' own declarations: their one-word own words, and results with a length unit.
import { type Catalogue, selfOf } from './catalogue.ts';
import { meaning, tokenize } from './words.ts';

/** "how big is the", "how large was it", "how big are the" (the size form and what follows it). */
const SIZE_FORM = /\bhow\s+(?:big|large|great|huge|bad|severe)\s+(?=(?:is|was|are|were)\s+(?:the\s+|this\s+|that\s+|it\b|its\b))/gi;
const LENGTH_UNIT = /^(?:px|µm|um|nm|pixels?)$/i;

/** The meanings of the one-word own words of the tools that report a length of their own and make no objects (labels, tracks). */
function reportersOfALength(catalogue: Catalogue): Map<string, string> {
  const out = new Map<string, string>();
  for (const [tool] of catalogue) {
    const self = selfOf(tool, catalogue);
    if (!self || self.domain === 'microscope' || (self.produces ?? []).some((p) => p === 'labels' || p === 'tracks')) continue;
    if (!Object.values(self.results ?? {}).some((r) => !r.setting && LENGTH_UNIT.test(r.unit ?? ''))) continue;
    if (!(self.consumes ?? []).includes('movie')) continue;
    for (const w of self.words ?? []) if (!/\s/.test(w)) for (const t of tokenize(w)) out.set(meaning(t.stem), tool);
  }
  return out;
}

/**
 * The text with a size form asked of such a thing said as "how much" ("how big is the shift" → "how much is the shift"),
 * or as it was. The thing is the noun after the form (up to four words), or "it" when a word before the question names
 * it, said then by that word ("correct the drift; how large was it?" → "... how much was the drift?").
 */
export function withMagnitudeAsked(text: string, catalogue: Catalogue): string {
  return withIndirectMagnitudeAsked(withDirectMagnitudeAsked(text, catalogue), catalogue);
}

/** Things that are objects, whose size is their area: "how big the nuclei are" stays a size. */
const OBJECTS = /\b(?:cells?|nucle\w*|objects?|blobs?|spots?|tracks?|particles?)\b/i;

/** The last word in the words that names a thing a step reports as a length ("drift"), or undefined. */
function lastReportedThing(words: string, reporters: Map<string, string>): string | undefined {
  return [...tokenize(words)].reverse().find((t) => reporters.has(meaning(t.stem)))?.word;
}

/** "tell me how big the shifts were", "I'd like to know how large the drift is": the size form of an indirect question. */
const INDIRECT_SIZE_FORM = /\bhow\s+(?:big|large|great|huge|bad|severe)\s+(the|this|that|these|those)\s+((?:[\p{L}-]+\s+){0,3}?[\p{L}-]+)\s+(is|was|are|were|has\s+been|have\s+been)\b/giu;

/** "correct the drift, I'd like to know how big it was": the indirect form asked of "it", named by a word before it. */
const INDIRECT_SIZE_OF_IT = /\bhow\s+(?:big|large|great|huge|bad|severe)\s+it\s+(is|was|has\s+been)\b/gi;

/**
 * The indirect forms said in the direct order of the question the planner reads ("how big the shifts were" → "how much
 * were the shifts", "how big it was" → "how much was the drift"), when what is asked about is such a thing.
 */
function withIndirectMagnitudeAsked(text: string, catalogue: Catalogue): string {
  if (!INDIRECT_SIZE_FORM.test(text) && !INDIRECT_SIZE_OF_IT.test(text)) return text;
  INDIRECT_SIZE_FORM.lastIndex = 0;
  INDIRECT_SIZE_OF_IT.lastIndex = 0;
  const reporters = reportersOfALength(catalogue);
  const ofIt = text.replace(INDIRECT_SIZE_OF_IT, (form, verb: string, at: number) => {
    const word = lastReportedThing(text.slice(0, at), reporters);
    return word ? `how much ${verb} the ${word}` : form;
  });
  return ofIt.replace(INDIRECT_SIZE_FORM, (form, article: string, noun: string, verb: string) => {
    // (the head of the noun phrase: "the displacement of the stage" is a displacement, whatever it is of)
    const named = lastReportedThing(noun.split(/\s+of\s+/i)[0], reporters) !== undefined;
    return named && !OBJECTS.test(noun) ? `how much ${verb} ${article} ${noun}` : form;
  });
}

function withDirectMagnitudeAsked(text: string, catalogue: Catalogue): string {
  if (!SIZE_FORM.test(text)) return text;
  SIZE_FORM.lastIndex = 0;
  const reporters = reportersOfALength(catalogue);
  const namer = (words: string) => lastReportedThing(words, reporters);
  return text.replace(SIZE_FORM, (form, at: number) => {
    const after = text.slice(at + form.length);
    const noun = /^(?:is|was|are|were)\s+(?:the\s+|this\s+|that\s+)?((?:[\p{L}-]+\s+){0,3}?[\p{L}-]+)(?=\s*(?:[?.!,;]|$|\s+(?:between|from|over|in|across|during|at|of|by|for|when|after)\b))/iu.exec(after)?.[1] ?? '';
    const pronoun = /^(?:is|was|are|were)\s+it\b/i.exec(after);
    if (pronoun) {
      const word = namer(text.slice(0, at));
      return word ? `${form.replace(/\bhow\s+\S+/i, 'how much')}\u0000${word}` : form;
    }
    return namer(noun) && !OBJECTS.test(noun) ? form.replace(/\bhow\s+\S+/i, 'how much') : form;
  }).replace(/\u0000(\S+)((?:is|was|are|were)\s+)it\b/gi, '$2the $1');
}
