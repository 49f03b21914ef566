// The running acquisition as the subject of what should happen to it ("the movie should be 3 h longer", "the recording
// needs 2 more hours", "the time-lapse has to go every 2 min"): while it runs, the predicate is the command to it, said
// the way a command is ("3 h longer", "2 more hours", "every 2 min"). The subject and the modal are a closed class.

/** The run named as a subject, then a modal or "needs", then a verb of being or going on that adds nothing. */
const RUN_AS_SUBJECT = /^(?:(?:ok(?:ay)?|so|and|but|i\s+think|i\s+guess|actually)[,\s]+)*(?:the|this|my|our)\s+(?:acquisition|run|recording|time[\s-]?lapse|time[\s-]?series|imaging|experiment|movie|mda|series)\s+(?:(?:should|must|could|can|will|would|ought\s+to|needs?\s+to|has\s+to|have\s+to)\s+(?:(?:probably|really|just)\s+)?(?:be\s+|go\s+(?:on\s+)?(?=for\b|\d|another\b|an?\b)|run\s+(?=for\b|\d|another\b|an?\b)|last\s+|continue\s+(?=for\b|\d|another\b|an?\b)|keep\s+going\s+(?=for\b|\d|another\b|an?\b))?|needs\s+(?!to\b))/i;

/** The sentence with the run as its subject said as the command its predicate is; unchanged when the run is not its subject. */
export function runAsSubject(sentence: string): string {
  const m = RUN_AS_SUBJECT.exec(sentence.trim());
  if (!m) return sentence;
  const rest = sentence.trim().slice(m[0].length).trim();
  // (a predicate of one word of state, "the run should be fine", is no command)
  return /\d|\b(?:every|another|longer|shorter|more|less|faster|slower)\b/i.test(rest) ? rest : sentence;
}
