// A yes/no question that compares one value with a number: "is the drift more than 2 px?", "was the largest step under
// 1 px?". The number is the question's, never a setting of the step that measures the value (arguments.ts), and the
// answer compares the value the step declares (declaredResults.ts).

/** "is the drift more than 2 px?", "was the largest step under 1 px": a yes/no comparison of one value with a number. */
export const COMPARED = /^(?:is|was|are|were|does|did|do|has|had)\s+(?:(?:the|its|this|that|their)\s+)?(.{1,48}?)\s+(?:(?:get|go|reach|come|grow|amount)\s+(?:to\s+)?)?(more|greater|larger|bigger|higher|longer|above|over|beyond|exceed\w*|less|smaller|lower|shorter|below|under|at\s+least|at\s+most)\s*(?:than\s+|to\s+)?(?:about\s+|around\s+|roughly\s+)?(?=[\d.])/i;
/** Things counted one by one: a comparison said of them asks about rows of a table ("are any cells bigger than ..."). */
export const COUNTED_THINGS = /\b(?:cells?|nuclei|nucleus|objects?|tracks?|frames?|spots?|particles?|any|all|some|none|every|each)\b/i;
/** Where the number a yes/no comparison of one value compares with starts in `text` ("is the drift more than 2 px?": 27), or -1. */
export function comparedNumberAt(text: string): number {
  // (the question may close a request of steps: "segment and track, and is the drift more than 3 px?", its clause read
  // alone, often without its question mark: a clause that opens with the verb of a question asks one)
  const starts = [0, ...[...text.matchAll(/[,;.!?:]\s*|\s-+\s|\b(?:and|but|also|plus)\s+/gi)].map((m) => m.index + m[0].length)];
  for (const start of starts) {
    const rest = text.slice(start);
    const lead = /^\s*(?:(?:so|and|but|also|ok(?:ay)?|now|hey|quick question|tell me|then)[,:\s]+)*/i.exec(rest)![0].length;
    const m = COMPARED.exec(rest.slice(lead));
    if (!m || COUNTED_THINGS.test(m[1])) continue;
    return start + lead + m.index + m[0].length;
  }
  return -1;
}

