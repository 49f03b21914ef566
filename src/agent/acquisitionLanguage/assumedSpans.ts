// Lengths people give a run by an idiom rather than a number: "overnight", "all night", "over the weekend", "for the
// weekend". A plan to start takes the idiom's usual length when no span says how long, and the answer says the length
// it took ("never assumed in silence"): the person can say another.

/** An idiom for a run's length and the length it is taken to be, s. */
interface AssumedSpan {
  words: RegExp;
  seconds: number;
}

const ASSUMED_SPANS: AssumedSpan[] = [
  { words: /\b(?:overnight|all\s+night(?:\s+long)?|through\s+the\s+night)\b/gi, seconds: 12 * 3600 },
  // (Friday evening to Monday morning, as a lab leaves a run for the weekend)
  { words: /\b(?:(?:over|for|through(?:out)?|during)\s+(?:the|this)\s+(?:whole\s+|entire\s+)?week-?end|(?:all|the\s+whole|the\s+entire)\s+week-?end(?:\s+long)?)\b/gi, seconds: 60 * 3600 },
];

/** The idiom the words give the run's length by, and the length it is taken to be; undefined when none. */
export function assumedSpanSaid(text: string): { said: string; seconds: number } | undefined {
  for (const span of ASSUMED_SPANS) {
    const m = new RegExp(span.words.source, 'i').exec(text);
    if (m) return { said: m[0], seconds: span.seconds };
  }
  return undefined;
}

/** The words without the idioms of a run's length (so that the spans said beside one are read on their own). */
export function withoutAssumedSpans(text: string): string {
  return ASSUMED_SPANS.reduce((t, span) => t.replace(span.words, (m) => ' '.repeat(m.length)), text);
}
