// "the fluorescence is bleaching during the movie or not?", "the cells are moving?", "there is drift, right?": a statement
// said with a question mark, as people write a yes/no question in a hurry or in the word order of another language, is
// that question: its verb of being or doing put first ("is the fluorescence bleaching during the movie?"), the tag that
// only asks for the yes or no ("or not", "right", "yes", "correct") left off. Before, the statement read as a fact told
// about the data (the reason for a step, no step of its own), so nothing measured it. Only the last sentence, only a
// subject of a determiner (or a pronoun) and up to five words, only a closed class of auxiliaries; a sentence that
// asks by its first word already ("is ...", "what ...") is left as it is.

/** The subject: a determiner and up to five words, or a pronoun standing for the data. */
const SUBJECT = String.raw`(?:(?:the|my|our|this|these|those|its|their|all\s+(?:the|my|our))\s+(?:[\p{L}\d-]+\s+){0,4}?[\p{L}\d-]+|it|they|there)`;
/** The auxiliaries a yes/no question opens with (the closed class). */
const AUXILIARY = String.raw`(?:is|are|was|were|has|have|had|does|do|did)`;
/** A tag that only asks for the yes or no. */
const TAG = String.raw`(?:[\s,]+(?:or\s+not|right|yes|no|correct|true|isn't\s+it|aren't\s+they|don't\s+they|doesn't\s+it))`;
// (one clause only: "my cells are HeLa, can you count them?" is a fact told, then the question)
const DECLARATIVE_QUESTION = new RegExp(String.raw`(^|[.!?]\s+)(${SUBJECT})\s+(${AUXILIARY})\s+(?!not\b|n't\b)((?:(?!\b(?:can|could|would|will|please|pls|how|what|which|who|when|where|why|and|but|so)\b)[^.!?,;:])*?)${TAG}?\s*\?+\s*$`, 'iu');

/** The request with a last sentence that is a statement asked as a question said as that question; unchanged otherwise. */
export function withDeclarativeQuestionInverted(text: string): string {
  const m = DECLARATIVE_QUESTION.exec(text);
  if (!m || !m[4].trim()) return text;
  const subject = m[2].charAt(0).toLowerCase() + m[2].slice(1);
  return `${text.slice(0, m.index)}${m[1]}${m[3].toLowerCase()} ${subject} ${m[4].trim()}?`;
}
