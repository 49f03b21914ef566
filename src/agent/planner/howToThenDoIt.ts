// "how do I take a single picture in GFP? can you do it for me", "what's the way to focus up 2 microns? just do it pls":
// a question of how to do something, followed by a sentence that only asks to do "it", is a request to do that thing.
// It is read as the thing itself, said as a command: the answer is the step done, never a how-to reply beside it (and
// never "do it" read as a plea for help of its own).

/** The opening of a question of how to do something: what follows it is the thing to do. */
const HOW_TO = /^(?:(?:so|hi|hey|hello|ok(?:ay)?|um+|quick question)[,!]?\s+)*(?:how\s+(?:do|can|would|should|could|will|might)\s+(?:i|you|we|one|u)\s+|how\s+to\s+|what(?:'s| is)\s+the\s+(?:way|best way|command)\s+to\s+|is\s+there\s+a\s+way\s+to\s+|what\s+do\s+(?:i|we)\s+(?:do|type|say)\s+to\s+)/i;

/** A sentence that asks only to do what was said before it ("can you do it for me", "go ahead and do that", "please do it"). */
const DO_IT = /^(?:(?:and|or|also|then|ok(?:ay)?|so|actually|better yet|even better)[,]?\s+)*(?:(?:please|pls|plz|just|kindly|go ahead and|can you|could you|would you|will you|can u|could u|maybe|you)\s+)*(?:do|make|run)\s+(?:it|that|this|so)(?:\s+(?:for me|for us|now|right now|please|pls|plz|thanks|thx|thank you|instead))*\s*[.!?]*$/i;

/** The words of the thing to do when `request` is a how-to question and a "do it"; the request unchanged otherwise. */
export function withHowToDoneAsCommand(request: string): string {
  const mark = request.indexOf('?');
  if (mark < 0) return request;
  const question = request.slice(0, mark).trim();
  const rest = request.slice(mark + 1).trim();
  const lead = HOW_TO.exec(question);
  if (!lead || !rest || !DO_IT.test(rest)) return request;
  const action = question.slice(lead[0].length).trim();
  return action ? action : request;
}
