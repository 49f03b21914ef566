// The forms of a letter around a request or question ("Dear cellpilot,", "Hi Sam,", "hope you're
// well!", "Many thanks, Tom", "Best wishes, Anna"): no part of what is asked. Without them an
// email reads as its request; with them a name reads as an unknown word ("Dear cellpilot, which
// cell is fastest?" was out of scope) and "well" as a plate's well (a stage move).

/** "Dear cellpilot,", "Dear Dr Smith,", "Hi Sam,", "Hello team:" at the start (a greeting's own clause is read as context already). */
const SALUTATION = /^\s*(?:dear\s+(?:[\p{L}.'-]+\s+){0,2}[\p{L}.'-]+|(?:hi|hello|hey|good\s+(?:morning|afternoon|evening))\s+[\p{L}'-]+)\s*[,:!]\s*/iu;
/** "Hope you're well!", "I hope this finds you well.", "hope all is well": a wish, never a well of a plate. */
const WELL_WISHING = /(?:^|(?<=[.!?,]\s*))\s*(?:i\s+)?hope\s+(?:you(?:'re|’re|\s+are)|all\s+is|this\s+(?:email\s+|message\s+)?finds\s+you|everything\s+is)\s+(?:doing\s+|keeping\s+)?(?:well|good|fine|ok(?:ay)?)\b[^.!?]*[.!?]*/giu;
/** "Thanks a lot, Maria", "Many thanks, Tom", "Best wishes, Anna", "Cheers, Raj" at the end. */
const SIGN_OFF = /(?<=^|[.!?]\s*)\s*(?:(?:many\s+|thanks?\s+)?thanks(?:\s+(?:a\s+lot|so\s+much|very\s+much|in\s+advance|again))?|thank\s+you(?:\s+(?:so\s+much|very\s+much|in\s+advance))?|cheers|best(?:\s+wishes|\s+regards)?|kind(?:est)?\s+regards|regards|all\s+the\s+best|warm(?:est)?\s+regards|yours)\s*[,!.]?\s*(?:[\p{L}.'-]+(?:\s+[\p{L}.'-]+)?)?\s*[.!]?\s*$/iu;

/**
 * "apologies if this is a silly question", "so sorry for the long email", "sorry in advance if this is obvious": an apology
 * for asking, in its own sentence or after "so"/"and"/"but", up to the end of its clause or a "but" ("sorry if this is a
 * dumb question but could you ..." keeps its ask); it asks nothing (its "if" is no condition of a step).
 */
const APOLOGY_ASIDE = /(?:(?<=^|[.!?;,]\s*)|\s+(?:so|and|but)\s+)(?:(?:so|very|really)\s+)?(?:sorry|apologies|apologi[sz]e|forgive\s+me)(?:\s+in\s+advance)?\s+(?:if|for|that)\b(?:(?!\s+(?:but|though|however|yet)\b)[^.!?;,])*[.!?]*/giu;

/** "Hi,", "Hello!", "hey -", "Hi there," at the start: a greeting alone, set off by its punctuation (a name after it is SALUTATION's). */
const GREETING = /^\s*(?:hi|hiya|hello|hey|greetings|good\s+(?:morning|afternoon|evening))(?:\s+(?:there|all|team|everyone))?\s*(?:[,!:;.]+|\s[-–—]+)\s*/iu;
/** "quick question:", "sorry to bother you,", "pls", "kindly" before what is asked: asking politely, no part of it. */
const POLITE_OPENER = /^\s*(?:(?:a\s+)?quick\s+(?:question|one)\s*[:,!.-]+|sorry\s+(?:to\s+(?:bother|bug|trouble)(?:\s+you)?|for\s+(?:bothering|the\s+trouble))\s*[:,!.-]+|(?:pls|plz|kindly)\b[,:]?)\s*/iu;
/** "... 12 hours thanks!", "... please (thanks in advance)", "... thx": thanks at the end with no stop before them (SIGN_OFF takes those after one). */
const THANKS_AT_END = /\s+[([]?\s*(?:many\s+)?(?:thanks|thank\s+you|thx|thnx|tnx|ty|cheers)(?:\s+(?:a\s+lot|so\s+much|very\s+much|in\s+advance|again|heaps))?\s*[!.)\]]*\s*$/iu;

/**
 * "a little table is fine", "a rough number will do", "just a list is ok": how the answer may be given, said after
 * what is asked, in a sentence or clause of its own. It asks for nothing more (a form that makes a file or a figure,
 * "a plot would be great", "a CSV is fine", is a request and is not taken).
 */
const ANSWER_FORM_ACCEPTED = /(?:(?<=[.!?,;:]\s*)|\s+[-–—]+\s*)\s*(?:(?:and\s+|but\s+)?(?:a|an|just\s+a|only\s+a|one)\s+)?(?:(?:little|short|small|quick|rough|simple|plain|brief|approximate|ballpark)\s+){0,2}(?:table|list|number|figure|estimate|answer|value|overview|idea|approximation)\s+(?:is|would\s+be|will\s+be|'?s)\s+(?:totally\s+|perfectly\s+|more\s+than\s+|good\s+)?(?:fine|ok(?:ay)?|enough|sufficient|alright|all\s+right)\b[^.!?]*[.!?]*\s*$|(?:(?<=[.!?,;:]\s*)|\s+[-–—]+\s*)\s*(?:(?:a|an|just\s+a|one)\s+)?(?:(?:little|short|small|quick|rough|simple|plain|brief|approximate|ballpark)\s+){0,2}(?:table|list|number|figure|estimate|answer|value|overview|idea|approximation)\s+(?:will|would)\s+do\b[^.!?]*[.!?]*\s*$/iu;

/**
 * "Bleaching? Quick number.", "... - just a yes or no", "Short answer please": a sentence after the question that
 * only asks for the form of its answer (a number, a yes or no, a short answer), no step of its own.
 */
const ANSWER_FORM_ASKED = /(?:(?<=[.!?;:]\s*)|\s+[-–—]+\s*)\s*(?:(?:just|only|a|an|the|one|quick(?:ly)?|short|rough|brief|simple|single|plain)\s+){0,3}(?:number|figure|answer|estimate|value|percentage|percent|yes\s*(?:or|\/)\s*no|y\/n)(?:\s+(?:only|is\s+enough|please|pls|plz|thanks|is\s+fine))?\s*[.!]*\s*$/iu;

/** The request without the salutation, well-wishing, polite openers and sign-off of a letter around it (unchanged when it has none, or is nothing else). */
export function withoutLetterForms(request: string): string {
  const bare = request
    .replace(SALUTATION, '')
    .replace(GREETING, '')
    .replace(POLITE_OPENER, '')
    .replace(WELL_WISHING, ' ')
    .replace(APOLOGY_ASIDE, ' ')
    .replace(SIGN_OFF, '')
    .replace(THANKS_AT_END, '')
    .replace(ANSWER_FORM_ACCEPTED, '')
    .replace(ANSWER_FORM_ASKED, '')
    .replace(/\s+/g, ' ')
    .trim();
  return bare.length > 0 ? bare : request;
}

/**
 * The request with its letter forms (salutation, greeting, polite opener, well-wishing, apology, sign-off) blanked by
 * spaces, every other character where it was: for readers that give back places in the request as said ("Best wishes,
 * Prof. Ahmed" is no errand from elsewhere).
 */
export function withLetterFormsBlanked(request: string): string {
  const blank = (m: string) => m.replace(/[^\n]/g, ' ');
  const out = request.replace(SALUTATION, blank).replace(GREETING, blank).replace(POLITE_OPENER, blank).replace(WELL_WISHING, blank).replace(APOLOGY_ASIDE, blank).replace(SIGN_OFF, blank);
  return out.trim().length > 0 ? out : request;
}

/** The request without an apology for asking ("so apologies if this is a silly question."), kept as said when that is all it is. */
export function withoutApologyAsides(request: string): string {
  if (!/\b(?:sorry|apolog|forgive)/i.test(request)) return request;
  const out = request.replace(APOLOGY_ASIDE, (m) => (/[.!?]\s*$/.test(m) ? '. ' : ' ')).replace(/\s+([.!?,;])/g, '$1').replace(/([.!?])\s*\.(?=\s|$)/g, '$1').replace(/[ \t]{2,}/g, ' ').trim();
  return out.length > 0 ? out : request;
}
