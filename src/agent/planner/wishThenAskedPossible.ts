// "I would like to capture a GFP image every 5 minutes for 8 hours. Is there an easy way to do this?": a wish said in
// full, then a question that only asks whether (or how) "this" can be done, is the wish itself: the question points back
// at it and adds nothing, so the planner reads the wish (and does it, or says what it cannot do) instead of a question
// with no object. A question that names its own object ("is there a way to export as CSV?") stays a question.

/** A sentence stating what the writer wants done ("I would like to ...", "we need to ...", "I'm trying to ..."). */
const WISH = /^(?:(?:hi|hello|hey|so|ok(?:ay)?|well|basically)[,!]?\s+)*(?:i|we)\s*(?:would\s+like|'d\s+like|want|wanna|need|am\s+trying|'m\s+trying|are\s+trying|'re\s+trying|am\s+looking|'m\s+looking|hope|was\s+hoping|were\s+hoping)\s+(?:to\s+)?\S/i;

/** A question that only asks whether or how the thing said before can be done ("is there an easy way to do this?", "is that possible?", "can you do that?", "how do I do it?"). */
const CAN_IT_BE_DONE = /^(?:(?:and|so|but)\s+)?(?:is\s+there\s+(?:an?\s+)?(?:(?:easy|simple|quick|good|straightforward|way|any)\s+)*(?:way|option|setting|method)(?:\s+to\s+(?:do|set\s+up|achieve|accomplish)\s+(?:this|that|it))?|is\s+(?:this|that|it)\s+(?:even\s+)?(?:possible|doable|feasible)|(?:can|could)\s+(?:you|it|this|that|cellpilot)\s+(?:be\s+)?(?:do(?:ne)?|set\s+up|handle)(?:\s+(?:this|that|it))?(?:\s+for\s+(?:me|us))?|how\s+(?:do|can|would|should)\s+(?:i|we|you)\s+(?:do|set\s+up|achieve)\s+(?:this|that|it))(?:\s+(?:here|with\s+(?:this|cellpilot|you)))?\s*\?+\s*$/i;

/** A sentence that is only thanks or a greeting ("cheers", "thanks in advance!", "Best, Anna"). */
const COURTESY = /^(?:(?:many\s+)?(?:thanks|thank\s+you|thx|ty|cheers|ta|much\s+appreciated|best(?:\s+(?:wishes|regards))?|regards|kind\s+regards)(?:\s+(?:a\s+lot|so\s+much|very\s+much|in\s+advance|again))*[\s,!.]*(?:\p{Lu}\p{L}*)?[\s!.]*)$/iu;

/** The sentences of a message ("0.5" and "e.g." inside one do not end it). */
function sentences(text: string): string[] {
  return text.split(/(?<!\b(?:e\.g|i\.e|etc|approx|ca|vs|cf)\.)(?<=[a-z0-9µ%)'"][.!?]+|[?!])\s+(?=\S)/i).map((s) => s.trim()).filter(Boolean);
}

/** The request without a last question that only asks whether the wish said before it can be done; the request unchanged otherwise. */
export function withWishAskedIfPossibleAsWish(request: string): string {
  const parts = sentences(request);
  // (thanks after the question is no part of it: "... Is there an easy way to do this? cheers")
  while (parts.length > 1 && COURTESY.test(parts.at(-1)!)) parts.pop();
  if (parts.length < 2 || !CAN_IT_BE_DONE.test(parts.at(-1)!)) return request;
  const before = parts.slice(0, -1);
  return before.some((s) => WISH.test(s)) ? before.join(' ') : request;
}
