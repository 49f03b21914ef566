// Whether a turn of `cellpilot ask` did what was asked, for its exit status. A turn in
// which no step ran succeeds only when its answer answers a question or explains a step
// ("how many tracks are there?", "why did you choose this threshold?"); a request that ran
// nothing ("track my parcel", "flip the movie", a movie not open yet) fails, with one line
// that says why, so a script never reads "nothing happened" as success.

/** The parts of a turn's result this reads. */
export interface TurnOutcome {
  status: string;
  answer: string;
  toolCalls: { status: string }[];
}

/** A request for an explanation that is not worded as a question ("explain the threshold you chose"). */
const EXPLANATION = /\b(?:why|explain|how come|justify|what made you|reason(?:s|ing)? for)\b/i;

/**
 * An answer that says nothing was done: the offline planner says so in these words (an
 * action no tool does, a request outside microscopy, a quantity nothing measures, an input
 * missing), and so does any model that states it ran nothing.
 */
const NOTHING_DONE = /\b(?:(?:I |so I |and I )?ran nothing|nothing (?:was|has been) (?:run|done)|I did not understand|I didn'?t understand|but not what to do with|is not something I measure|I have no tool to|outside what I do|no movie is open yet|there are no [\w -]+ in this session yet|I could not find|not done:)/i;

/**
 * Why the turn failed although no step failed (one line), or undefined when it did what
 * was asked: a step ran, or the request asked a question or an explanation and the answer
 * gives one. A follow-up ("same for frame 3", "and in µm?") asks the question before it
 * again (`earlierRequests`, the session's requests before this one, oldest first): answered, it is an answer.
 */
export async function nothingRanReason(request: string, turn: TurnOutcome, earlierRequests: string[] = []): Promise<string | undefined> {
  if (turn.status !== 'done' || turn.toolCalls.length > 0) return undefined;
  // (the planner loads only here: a turn that ran steps never needs it)
  const { isQuestion } = await import('../agent/planner/planner.ts');
  const { completedFollowUp, isAskedForm } = await import('../agent/planner/tableAnswers.ts');
  const followUp = earlierRequests.length ? completedFollowUp(request, earlierRequests) : request;
  const askedAgain = followUp !== request && (isQuestion(followUp) || isAskedForm(followUp));
  // (an answer that quotes a value from a result of the session, "(from table-4, in frames 3-8)", answered what was asked,
  // whatever its words: "mean speed between frames 3 and 8")
  const quotesAResult = /\(from [a-z]+(?:-[a-z]+)*-\d+\b/.test(turn.answer);
  const asked = isQuestion(request) || EXPLANATION.test(request) || askedAgain || quotesAResult;
  if (asked && !NOTHING_DONE.test(turn.answer)) return undefined;
  const first = turn.answer.replace(/\s+/g, ' ').trim().split(/(?<=[.!?])\s/)[0] ?? '';
  return `nothing was run for "${request.length > 60 ? `${request.slice(0, 57)}...` : request}"${first ? `: ${first}` : ''}`;
}
