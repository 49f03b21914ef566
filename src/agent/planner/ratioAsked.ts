// "The ratio of channel 2 to channel 1", "ch2/ch1", "channel 3 over channel 1", "channel 2 normalised to channel 1": a
// ratio between two channels is asked in an order, the first named over the second; the answer gives that ratio, by
// that name, never its inverse. Without an order said ("compare channel 1 and channel 2") the caller keeps its own.

const CHANNEL = String.raw`(?:channel|chan|ch)\s*#?(\d)`;
const BETWEEN = String.raw`(?:\s+(?:[\p{L}-]+\s+){0,3}?)?`;
const OVER = String.raw`\s*(?:\/|:|÷|\bover\b|\bto\b|\bdivided\s+by\b|\brelative\s+to\b|\bnormali[sz]ed\s+(?:to|by|against)\b|\bagainst\b|\bvs\.?|\bversus\b|\band\b)\s*(?:the\s+)?`;

/** The two channels of a ratio asked, numerator first (1-based), or undefined when no ratio with an order is asked. */
export function askedChannelRatio(question: string): [number, number] | undefined {
  const text = question.replace(/\s+/g, ' ');
  // "ratio of (the) channel 2 (signal) to (the) channel 1", "ratio between channel 2 and channel 1"
  const of = new RegExp(String.raw`\bratios?\s+(?:of|between)\s+(?:the\s+)?(?:mean\s+|average\s+)?${CHANNEL}${BETWEEN}${OVER}${CHANNEL}`, 'iu').exec(text);
  if (of) return [Number(of[1]), Number(of[2])];
  // "channel 2 / channel 1 ratio", "ch2:ch1 intensity ratio", "channel 2 to channel 1 ratio"
  const before = new RegExp(String.raw`${CHANNEL}${BETWEEN}${OVER}${CHANNEL}${BETWEEN}\s*ratios?\b`, 'iu').exec(text);
  if (before) return [Number(before[1]), Number(before[2])];
  // "channel 2 divided by channel 1", "channel 3 normalised to channel 1", "channel 2 over channel 1" (no "ratio" word)
  const divided = new RegExp(String.raw`${CHANNEL}${BETWEEN}\s*(?:\/|÷|\bover\b|\bdivided\s+by\b|\bnormali[sz]ed\s+(?:to|by|against)\b|\brelative\s+to\b)\s*(?:the\s+)?(?:[\p{L}-]+\s+){0,2}?${CHANNEL}`, 'iu').exec(text);
  if (divided) return [Number(divided[1]), Number(divided[2])];
  return undefined;
}
