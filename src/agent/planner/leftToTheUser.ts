// A step the user says they will do themselves is no step to run ("I'll do the tracking myself in TrackMate", "the
// plots we'll make ourselves", "I'm going to count them by hand later"): a clause whose subject is the user, in the
// future, with a word saying it is theirs to do (myself, ourselves, on my own, by hand, manually, later, afterwards).
// The planner reads such a clause as a step turned down, like "but don't track", so it is neither run nor matched
// to another step. A clause where the user says what they will do WITH a result ("I'll need the tracks later", "we'll
// open them in Fiji ourselves") asks for that result, and is left alone.

/** The user, in the future or able to: "I'll", "we will", "I'm going to", "I plan to", "I can". */
// ("I'd rather do the plotting myself", "we would prefer to measure them by hand": a wish to do it is theirs all the same)
const USER_WILL = String.raw`(?:i|we)\s*(?:['’]ll|\s+will|\s+shall|['’]m\s+going\s+to|['’]re\s+going\s+to|\s+(?:am|are)\s+going\s+to|\s+plan\s+to|\s+can|\s+could|(?:['’]d|\s+would)\s+(?:rather|prefer\s+to)|\s+prefer\s+to)\s+`;
/** The words joining such a clause to the request: a conjunction, or a purpose ("so that", "in order that"). */
const JOINED = String.raw`(?:(?:but|and|so(?:\s+that)?|in\s+order\s+that|then|as|since|because|while)\s+)?`;
/** Verbs of using a result, not of making it. */
const USING = String.raw`(?:need|want|use|open|load|import|look|view|check|read|send|get|have|be|show|present|put|take|keep|share|compare)\b`;
/** Words saying the user does it: themselves, by hand, or at a later time. */
const THEIRS = String.raw`(?:myself|ourselves|on\s+(?:my|our)\s+own|by\s+hand|manually|later(?:\s+on)?|afterwards)`;
const LEFT_TO_THE_USER = new RegExp(
  String.raw`^[\s,]*${JOINED}(?:the\s+[\p{L}-]+\s+(?:[\p{L}-]+\s+)?)?${USER_WILL}(?:just\s+|then\s+|probably\s+)?(?!${USING})[^,.;!?]*\b${THEIRS}(?![\p{L}])`,
  'iu',
);

/** Verbs of working a value out of something: "get", "compute", "work out", "read off". */
const DERIVING = String.raw`(?:get|compute|calculate|work\s+out|derive|estimate|read\s+(?:it\s+|them\s+)?off|figure\s+out|extract|fit)\b`;
/**
 * The user working a value out of a result themselves: "I'll get the speed from the slope of the traces", "we will
 * compute the ratio from that table" (after a step asked, a value said with where the user takes it from is theirs).
 */
const USER_DERIVES = new RegExp(
  String.raw`^[\s,]*${JOINED}${USER_WILL}(?:just\s+|then\s+|probably\s+|myself\s+)?${DERIVING}[^,.;!?]*?\bfrom\s+(?:the|that|this|it|them|those|these|its|their)\b`,
  'iu',
);

/** The things done, said ahead of who does them: "the plots", "measuring and plotting", "stats + plots". */
const DONE_THINGS = String.raw`(?:(?:the|any|all)\s+)?[\p{L}-]+(?:\s*(?:and|or|&|\+)\s*(?:the\s+|any\s+)?[\p{L}-]+)?`;
/**
 * The things said first, then the user doing them or them done by the user: "measuring and plotting I'll do myself in
 * python", "the measurements will be done by me", "plots and stats will be handled on my side".
 */
const DONE_BY_THE_USER = new RegExp(
  String.raw`^[\s,]*${JOINED}${DONE_THINGS}\s+(?:${USER_WILL}(?!${USING})[^,.;!?]*\b${THEIRS}(?![\p{L}])|(?:will|shall|can|is\s+going\s+to|are\s+going\s+to)\s+be\s+(?:done|made|handled|taken\s+care\s+of|performed|carried\s+out|drawn|computed|calculated)\b[^,.;!?]*\b(?:by\s+(?:me|us|hand|myself|ourselves)|${THEIRS}|on\s+(?:my|our)\s+(?:side|end)|separately|elsewhere)(?![\p{L}]))`,
  'iu',
);

/** True when the clause says the user will do its step themselves. */
export function leftToTheUser(clause: string): boolean {
  return LEFT_TO_THE_USER.test(clause) || USER_DERIVES.test(clause) || DONE_BY_THE_USER.test(clause);
}

/** True when the character at `at` lies in a part of the request (between , . ; ! ?) that is left to the user. */
export function saidOfAStepLeftToTheUser(request: string, at: number): boolean {
  const start = Math.max(...[',', '.', ';', '!', '?'].map((p) => request.lastIndexOf(p, at - 1))) + 1;
  const ends = [',', '.', ';', '!', '?'].map((p) => request.indexOf(p, at)).filter((i) => i >= 0);
  return leftToTheUser(request.slice(start, ends.length ? Math.min(...ends) : request.length));
}

/** "I'll make the figure in GraphPad", "we will plot it in R": the user, in the future, doing something (a program named elsewhere). */
const USER_WILL_DO = new RegExp(String.raw`^[\s,]*${JOINED}${USER_WILL}(?!${USING})`, 'iu');

/** True when the clause says what the user will do (not use or need): with a program named, the work is theirs, done there. */
export function userWillDo(clause: string): boolean {
  return USER_WILL_DO.test(clause);
}
