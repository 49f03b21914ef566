// "How long does mitosis take?", "what's the duration of metaphase?": the length of a division or of one of its phases
// needs when each one starts and ends (nuclear envelope breakdown, anaphase onset, cytokinesis), which no step detects:
// said so with what is measured instead, never answered with the tracks' durations (another quantity, given with
// confidence). The time between divisions, the cell cycle, is divisionTimes.ts's.

const PROCESS = String.raw`(?:mitos[ie]s|cytokinesis|karyokinesis|(?:pro|prometa|meta|ana|telo)phase|cell\s+division|(?:a\s+|each\s+|the\s+)?divisions?|nuclear\s+envelope\s+breakdown|chromosome\s+(?:condensation|segregation))`;
const DURATION_ASKED = new RegExp(String.raw`\bhow\s+long\s+(?:does|do|did|will|would)\s+(?:the\s+|a\s+|each\s+|one\s+)?(${PROCESS})\s+(?:take|last|go\s+on|run)\b|\b(?:duration|length|time\s+spent\s+in|time\s+taken\s+by)\s+(?:of\s+)?(?:the\s+|a\s+|each\s+)?(${PROCESS})(?!\s+(?:times?|events?|rates?|frequenc\w*))\b|\bhow\s+long\s+(?:are|is)\s+(?:cells?|nuclei|they)\s+in\s+(${PROCESS})\b|\bhow\s+long\s+(?:the\s+|a\s+|each\s+)?(${PROCESS})\s+(?:takes|lasts|took|lasted)\b`, 'i');

/** The division process whose length a question asks ("mitosis", "metaphase"), or undefined. */
export function mitosisDurationAsked(question: string): string | undefined {
  const m = DURATION_ASKED.exec(question);
  return m ? (m[1] ?? m[2] ?? m[3] ?? m[4]).replace(/^(?:a|each|the)\s+/i, '').toLowerCase() : undefined;
}

/** One line: the length of that process is not measured, and what is. */
export function mitosisDurationReply(process: string): string {
  return `Not measured: how long ${process} takes needs the start and end of each ${process} (nuclear envelope breakdown, anaphase onset, cytokinesis), and no step here detects those stages, so I give no duration (the tracks' durations are another quantity). I can find when each division happens (detect_divisions: the frame the daughters appear) and the time from one division to the next (the cell cycle), e.g. "when do the cells divide?" or "how long is the cell cycle?".`;
}
