// "which cell moved the farthest and how fast did it go?": "it", "its", "that one", "this cell" after an answer that
// picked one thing at an extreme ("Track 7 has the largest total distance travelled: ...") mean that thing, so the
// question is answered about it from the data (track 7's own speed), never as a mean over all the rows.

/** An answer that singles out one thing: "Track 7 has the largest ...", "Object 12 (frame 3) has the smallest ...", "Frame 4 has the most ...". */
const PICKED = /(?:^|\n)\s*(Track|Branch|Cell|Nucleus|Object|Frame)\s+(\d+)(?:\s+\(frame\s+(\d+)\))?\s+has\s+the\s+(?:largest|smallest|highest|lowest|longest|shortest|most|fewest|least|biggest|greatest)\b/;

/** The one thing an answer picked, in words a question about it can name ("track 7", "object 12 in frame 3"); undefined when it picked none. */
export function pickedThing(answer: string | undefined): string | undefined {
  const m = answer ? PICKED.exec(answer) : null;
  if (!m) return undefined;
  const kind = m[1].toLowerCase() === 'branch' ? 'track' : m[1].toLowerCase();
  return `${kind} ${m[2]}${m[3] ? ` in frame ${m[3]}` : ''}`;
}

/** A thing the question names itself ("track 3", "object 5", "frame 2", "cell #4"): no pronoun of it is read as the one picked before. */
const NAMES_ITS_OWN = /\b(?:tracks?|branch|cells?|nucle(?:us|i)|objects?|frames?)\s*#?\d+\b/i;

/** A clause that picks a thing of its own: "which cell", "the fastest", "the biggest one". */
const PICKS_ITS_OWN = /\b(?:which|whichever)\b|\bthe\s+(?:\w+est|most|least|fewest)\b(?:\s+\w+){0,2}\s*(?:[:,;–—-]|\b(?:and|then)\b)/i;

/** "that one", "this cell", "the same track", "that nucleus": one thing pointed at. */
const POINTED = /\b(?:that|this|the same)\s+(?:one|cell|track|nucleus|object|trajectory)\b/i;
/** "its track", "its trajectory": the thing's own track, the track picked. */
const ITS_TRACK = /\bits\s+(?:track|trajectory)\b/i;
/** "its speed": the thing's own value. */
const ITS = /\bits\b/i;
/** "how fast did it go", "was it": the thing itself ("it" before "'s" or as "it is" stays: "it's" is no pointer of its own). */
const IT = /\bit\b(?!['’]s)/i;

/** A question (not an order to run a step): it opens with a word that asks, or ends with a question mark. */
function isQuestion(text: string): boolean {
  return /\?\s*$/.test(text) || /^\s*(?:(?:and|so|also|then|ok(?:ay)?|now|but)[\s,]+)*(?:how|what|what's|whats|when|where|which|who|is|was|were|are|does|did|do|tell me|give me|show me)\b/i.test(text);
}

/**
 * The question with its pointer at one thing ("it", "its", "that one", "this cell") replaced by the thing the answer
 * before picked ("how fast did it go?" → "how fast did track 7 go?"); unchanged when the answer picked none, the
 * question names a thing of its own, or it is an order rather than a question ("track it again").
 */
export function withPickedThingNamed(question: string, answerBefore: string | undefined): string {
  const thing = pickedThing(answerBefore);
  if (!thing || NAMES_ITS_OWN.test(question) || !isQuestion(question)) return question;
  // ("which nucleus is the biggest and what is its intensity?": its pointer is at what its own clause picks)
  const pointer = [POINTED, ITS, IT].map((re) => re.exec(question)?.index).filter((i): i is number => i !== undefined);
  if (pointer.length && PICKS_ITS_OWN.test(question.slice(0, Math.min(...pointer)))) return question;
  if (POINTED.test(question)) return question.replace(POINTED, thing);
  if (ITS_TRACK.test(question) && thing.startsWith('track')) return question.replace(ITS_TRACK, thing);
  if (ITS.test(question)) return question.replace(ITS, `${thing}'s`);
  if (IT.test(question)) return question.replace(IT, thing);
  return question;
}
