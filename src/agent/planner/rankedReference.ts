// "the 3rd one", "the second one", "number 2 on the list": a thing named by its place in the list the answer
// before gave ("The 3 tracks with the largest mean speed: track 4: ..., track 2: ..., track 1: ..."), read as
// that thing ("track 1"), so the question is answered about it from the data, never about all the rows.

const ORDINALS: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10 };

/** "the 3rd one", "the second", "the 2nd track", "number 3 (on the list)", "#2 on the list". */
const PLACE = /\b(?:the\s+(?:(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)|(\d{1,2})(?:st|nd|rd|th))(?:\s+(?:one|track|cell|nucleus|object|trajectory|of\s+(?:them|those|these)))?|(?:number|no\.?|#)\s*(\d{1,2})\s+(?:on|in|of)\s+(?:the|that|this|your)\s+list)\b(?!\s+(?:frame|time ?point|half|quarter|channel|step|largest|longest|biggest|fastest|smallest|slowest|shortest|brightest|dimmest|highest|lowest|most|least)\b)/i;

/** An item of a listed answer: "track 4: 0.8 µm/min", "object 12 (frame 3): 40 µm²", "frame 2: 17". */
const ITEM = /\b(track|cell|nucleus|object|frame|branch)\s+(\d+)(?:\s+\(frame\s+\d+\))?\s*(?::|=)/gi;

/** The question with a place in the list before replaced by the thing at that place; unchanged when it names none or the answer before lists none. */
export function withRankedThingNamed(question: string, answerBefore: string | undefined): string {
  if (!answerBefore) return question;
  const m = PLACE.exec(question);
  if (!m) return question;
  const place = m[1] ? ORDINALS[m[1].toLowerCase()] : Number(m[2] ?? m[3]);
  const items = [...answerBefore.matchAll(ITEM)].map((x) => `${x[1].toLowerCase()} ${x[2]}`);
  // (a list of two at least: "the first one" after one value is that value's thing, already the question's subject)
  if (items.length < 2 || !(place >= 1 && place <= items.length)) return question;
  return `${question.slice(0, m.index)}${items[place - 1]}${question.slice(m.index + m[0].length)}`;
}
