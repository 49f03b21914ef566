// A change to the running acquisition said from or until a time point by its number: "after frame 40 switch to every
// 15 min", "from time point 41 drop DAPI", "every 20 s until frame 60, then back". The language cannot tell which time
// point the run is at, the acquisition can: the numbers are cut out of the words (the change is read without them) and
// go to adjust_acquisition as afterTimepoint / untilTimepoint, which the acquisition counts. A count of time points
// ("for 20 frames", "after 30 more frames") is no number of a time point and is read elsewhere.

/** A time point by its number ("frame 40", "the 40th frame"), after a word saying whether the change starts or ends there (group 1 the word, 2 or 3 the number). */
const NUMBERED = /\b(until|till|til|up\s+to|through|to|from|starting\s+(?:at|from|with)|beginning\s+(?:at|with)|after)\s+(?:the\s+)?(?:(?:time[\s-]?point|timepoint|frame|tp|cycle|loop)\s*#?\s*(\d+)(?:st|nd|rd|th)?|(\d+)(?:st|nd|rd|th)\s+(?:time[\s-]?point|timepoint|frame|tp|cycle|loop))\b(?:\s+(?:on(?:wards)?|is\s+(?:taken|done|acquired)|has\s+been\s+(?:taken|acquired)))?/gi;
/** "then back", "and then go back to 5 min": the end of the change, which "until" already says. */
const SET_BACK = /\s*[,;]?\s*(?:and\s+)?(?:then|after(?:wards?)?(?:\s+that)?)\s*,?\s*(?:(?:go|switch|change|revert|return|come|set\s+(?:it|them)|put\s+(?:it|them))\s+)?back\b.*$/i;

export interface TimepointSpan {
  /** The words without the time points (and without a set-back after an "until"). */
  rest: string;
  /** Make the change once this time point is taken. */
  afterTimepoint?: number;
  /** Set it back once this time point is taken. */
  untilTimepoint?: number;
}

/** The time points a change starts after or ends at, by number, and the words without them; undefined when none is said. */
export function timepointSpan(text: string): TimepointSpan | undefined {
  const found = [...text.matchAll(NUMBERED)];
  if (!found.length || found.length > 2) return undefined;
  const span: TimepointSpan = { rest: text };
  for (const m of found) {
    const word = m[1].toLowerCase().replace(/\s+/g, ' ');
    const n = Number(m[2] ?? m[3]);
    // ("to frame 20" ends a change only after a start said with it: "from frame 10 to frame 20")
    if (word === 'to' && !found.some((f) => f !== m && !/^(?:until|till|til|up\s+to|through|to)$/i.test(f[1]))) return undefined;
    if (/^(?:until|till|til|up to|through|to)$/.test(word)) {
      if (span.untilTimepoint !== undefined) return undefined;
      span.untilTimepoint = n;
    } else {
      if (span.afterTimepoint !== undefined) return undefined;
      // ("from time point 41": the change is on time point 41, so it is made once 40 are taken)
      span.afterTimepoint = word === 'after' ? n : n - 1;
    }
    span.rest = span.rest.replace(m[0], ' ');
  }
  if (span.untilTimepoint !== undefined) span.rest = span.rest.replace(SET_BACK, '');
  span.rest = span.rest.replace(/\s+([,.;!?])/g, '$1').replace(/^[\s,;:]+|[\s,;:]+$/g, '').replace(/\s{2,}/g, ' ');
  // ("from frame 1": from the start, which is now for a run that is imaging)
  if (span.afterTimepoint !== undefined && span.afterTimepoint < 1) delete span.afterTimepoint;
  return span.rest && (span.afterTimepoint !== undefined || span.untilTimepoint !== undefined) ? span : undefined;
}
