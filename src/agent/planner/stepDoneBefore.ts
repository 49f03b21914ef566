// A step named in a question as done before it ("how many cells are there once the background is subtracted?", "after
// denoising, what is the mean nucleus area?", "following registration of the frames, how fast do the cells move?"): the
// step runs first and the question is asked of its movie. Read as a question about the step itself, it measured what
// the step removes; read as a scope, the step was dropped without a word.

/** "after drift correction", "once the background is subtracted", "following registration of the frames", "post-denoising". */
const DONE_BEFORE = /\b(?:after|following|once|post)[\s-]+((?:(?:the|a|an|my|our|some)\s+)?(?:[\p{L}-]+\s+){0,3}?[\p{L}-]+(?:tion|ing|ed)(?:\s+(?:of|on)\s+(?:the|my|our|these|this)\s+(?:frames?|movie|images?|stacks?|data|video|time-?lapse))?)\b/iu;

export interface StepDoneBefore {
  /** The step in the words said, as a request of its own ("the background is subtracted"). */
  step: string;
  /** The question without it ("how many cells are there?"). */
  question: string;
}

/** The step a question names as done before it, and the question without it; undefined when it names none. */
export function stepDoneBefore(question: string): StepDoneBefore | undefined {
  const m = DONE_BEFORE.exec(question);
  if (!m) return undefined;
  const rest = `${question.slice(0, m.index)} ${question.slice(m.index + m[0].length)}`
    .replace(/\s+([,?.!])/g, '$1')
    .replace(/^[\s,;:]+|(?<=\s),\s*/g, '')
    .replace(/,(?=\s*[?.!]?\s*$)/, '')
    .replace(/\s{2,}/g, ' ')
    .trim();
  return rest.replace(/[?.!\s]/g, '').length > 0 ? { step: m[1], question: rest } : undefined;
}
