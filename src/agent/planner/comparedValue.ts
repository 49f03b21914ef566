// A yes/no question that compares one value with a number: "is the drift more than 2 px?", "was the largest step under
// 1 px?". The number is the question's, never a setting of the step that measures the value (arguments.ts), and the
// answer compares the value the step declares (declaredResults.ts).

/** "is the drift more than 2 px?", "was the largest step under 1 px": a yes/no comparison of one value with a number. */
export const COMPARED = /^(?:is|was|are|were|does|did|do|has|had)\s+(?:(?:the|its|this|that|their)\s+)?(.{1,48}?)\s+(?:(?:get|go|reach|come|grow|amount)\s+(?:to\s+)?)?(more|greater|larger|bigger|higher|longer|above|over|beyond|exceed\w*|less|smaller|lower|shorter|below|under|at\s+least|at\s+most)\s*(?:than\s+|to\s+)?(?:about\s+|around\s+|roughly\s+)?(?=[\d.])/i;
/** Things counted one by one: a comparison said of them asks about rows of a table ("are any cells bigger than ..."). */
export const COUNTED_THINGS = /\b(?:cells?|nuclei|nucleus|objects?|tracks?|frames?|spots?|particles?|any|all|some|none|every|each)\b/i;
/** Where the number a yes/no comparison of one value compares with starts in `text` ("is the drift more than 2 px?": 27), or -1. */
export function comparedNumberAt(text: string): number {
  const lead = /^\s*(?:(?:so|and|ok(?:ay)?|now|hey|quick question)[,:\s]+)*/i.exec(text)![0].length;
  const m = COMPARED.exec(text.slice(lead));
  return m && !COUNTED_THINGS.test(m[1]) ? lead + m.index + m[0].length : -1;
}

