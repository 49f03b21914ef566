// "find the divisions and tell me how many", "segment the nuclei and say how many there are": a count asked with no noun
// is a count of the things the words before it name. Read without the noun, the question asked a count of whatever table
// was at hand: the objects of every frame answered "how many divisions".

/** "how many" with nothing after it but "there are", "they are", "you found" and the end of the clause. */
const BARE_COUNT = /\bhow\s+many(?=(?:\s+(?:there\s+(?:are|were|is)|they\s+are|you\s+(?:found|find|got|get|see)|it\s+(?:found|finds)))?\s*(?:[.?!,;]|$))/i;
/** The things named before it: "the/all/any <plural noun>" (one word before it may qualify it: "the dividing cells"). */
const PLURAL_OBJECT = /\b(?:the|all(?:\s+the)?|any|those|these)\s+((?:[a-z-]+\s+)?(?:[a-z-]+s|nuclei|mitoses|foci|puncta))\b/gi;

/** The request with a count asked with no noun given the plural object named last before it; unchanged otherwise. */
export function withElidedCountNounSaid(request: string): string {
  const bare = BARE_COUNT.exec(request);
  if (!bare) return request;
  const before = request.slice(0, bare.index);
  const objects = [...before.matchAll(PLURAL_OBJECT)];
  const last = objects.at(-1)?.[1];
  if (!last) return request;
  // (the noun alone: "the dividing cells" counts cells; the qualifier stays with the step's words)
  const noun = last.split(/\s+/).at(-1)!;
  const end = bare.index + bare[0].length;
  return `${request.slice(0, end)} ${noun}${request.slice(end)}`;
}
