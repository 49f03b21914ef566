// Numbers with units as biologists write them: "every 30 s", "a 15 pixel radius",
// "frames 10 to 50", "for 12 hours", "to 5%", "a 10 µm z-stack with 1 µm steps".

export type QuantityKind = 'time' | 'length' | 'percent' | 'frames' | 'count' | 'factor';

export interface Quantity {
  value: number;
  kind: QuantityKind;
  /** Normalised unit: s, ms, px, um, nm, %, frame, x, or '' for bare counts. */
  unit: string;
  /** Value converted to the base unit of the kind (s for time, µm or px kept as given). */
  start: number;
  end: number;
  /** Up to ~32 characters of text before the number, lowercased: the role ("radius", "every"). */
  before: string;
  after: string;
}

const WORD_NUMBERS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, ninety: 90, hundred: 100, half: 0.5,
  a: 1, an: 1, couple: 2, dozen: 12,
};

const UNITS: { re: string; kind: QuantityKind; unit: string; scale?: number }[] = [
  { re: 'milliseconds?|msecs?|ms', kind: 'time', unit: 'ms' },
  { re: 'seconds?|secs?|s', kind: 'time', unit: 's' },
  { re: 'minutes?|mins?|m(?![a-zµ])', kind: 'time', unit: 'min' },
  { re: 'hours?|hrs?|h', kind: 'time', unit: 'h' },
  { re: 'days?', kind: 'time', unit: 'day' },
  { re: 'pixels?|pix|px', kind: 'length', unit: 'px' },
  { re: 'µm|μm|um|microns?|micrometers?|micrometres?|microm', kind: 'length', unit: 'um' },
  { re: 'nm|nanometers?|nanometres?', kind: 'length', unit: 'nm' },
  { re: '%|percent|per cent', kind: 'percent', unit: '%' },
  { re: 'frames?|time ?points?|timepoints?', kind: 'frames', unit: 'frame' },
  { re: 'x(?![a-z])|×|fold|times', kind: 'factor', unit: 'x' },
];

// "one and a half", "2 and a quarter": the fraction belongs to the number before it
const FRACTION_WORDS: Record<string, number> = { half: 0.5, quarter: 0.25 };
const NUMBER = `((?:\\d+(?:[.,]\\d+)?|${Object.keys(WORD_NUMBERS).sort((a, b) => b.length - a.length).join('|')})(?:\\s+and\\s+an?\\s+(?:${Object.keys(FRACTION_WORDS).join('|')}))?)`;
const QUANTITY = new RegExp(`(?<![\\w.])${NUMBER}(?:\\s*-\\s*|\\s*)(${UNITS.map((u) => u.re).join('|')})?(?![\\w])`, 'gi');

export function parseNumber(text: string): number | undefined {
  const compound = /^(.+?)\s+and\s+an?\s+([a-z]+)$/i.exec(text.trim());
  if (compound && compound[2].toLowerCase() in FRACTION_WORDS) {
    const whole = parseNumber(compound[1]);
    return whole === undefined ? undefined : whole + FRACTION_WORDS[compound[2].toLowerCase()];
  }
  const t = text.toLowerCase().replace(',', '.');
  if (t in WORD_NUMBERS) return WORD_NUMBERS[t];
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

/** All quantities in the text, in order. Bare word numbers without a unit ("a", "one") are skipped. */
export function findQuantities(text: string): Quantity[] {
  const out: Quantity[] = [];
  const lower = text.toLowerCase();
  for (const m of text.matchAll(QUANTITY)) {
    const [whole, numberText, unitText] = m;
    const isWord = /^[a-z ]+$/i.test(numberText);
    if (isWord && !unitText) continue;
    if (isWord && ['a', 'an'].includes(numberText.toLowerCase()) && unitText && !/^(second|minute|hour|day|sec|min|hr|frame|pixel|micron)/i.test(unitText)) continue;
    const value = parseNumber(numberText);
    if (value === undefined) continue;
    const unitSpec = unitText ? UNITS.find((u) => new RegExp(`^(?:${u.re})$`, 'i').test(unitText)) : undefined;
    // "s" right after a number is seconds only when it stands alone ("30 s", "30s"), never "3 slices"
    const start = m.index ?? 0;
    out.push({
      value,
      kind: unitSpec?.kind ?? 'count',
      unit: unitSpec?.unit ?? '',
      start,
      end: start + whole.length,
      before: lower.slice(Math.max(0, start - 32), start),
      after: lower.slice(start + whole.length, start + whole.length + 24),
    });
  }
  return out;
}

/** Seconds for a time quantity. */
export function seconds(q: Quantity): number {
  switch (q.unit) {
    case 'ms': return q.value / 1000;
    case 'min': return q.value * 60;
    case 'h': return q.value * 3600;
    case 'day': return q.value * 86400;
    default: return q.value;
  }
}

/** Micrometres for a length in µm or nm (undefined for pixels). */
export function micrometres(q: Quantity): number | undefined {
  if (q.unit === 'um') return q.value;
  if (q.unit === 'nm') return q.value / 1000;
  return undefined;
}

/** A 1-based inclusive frame range: "frames 10 to 50", "frames 10-50", "from frame 5 to 20", "the first 20 frames". */
export function findFrameRange(text: string): { first: number; last: number } | undefined {
  const t = text.toLowerCase();
  let m = /(?:frames?|time ?points?|timepoints?|t)\s*(\d+)\s*(?:to|-|–|through|until|till|and)\s*(?:frame\s*)?(\d+)/.exec(t);
  if (m) return ordered(Number(m[1]), Number(m[2]));
  m = /from\s+frame\s*(\d+)\s*(?:to|until|till|-)\s*(?:frame\s*)?(\d+)/.exec(t);
  if (m) return ordered(Number(m[1]), Number(m[2]));
  m = /between\s+frames?\s*(\d+)\s*and\s*(\d+)/.exec(t);
  if (m) return ordered(Number(m[1]), Number(m[2]));
  m = new RegExp(`(?:first|initial)\\s+${NUMBER}\\s+(?:frames?|time ?points?)`, 'i').exec(t);
  if (m) return { first: 1, last: parseNumber(m[1]) ?? 1 };
  // "segment only the first frame", "in the first time point": frame 1
  if (/\b(?:only|just|in|on|for)\s+(?:the\s+)?(?:very\s+)?(?:first|1st|initial)\s+(?:frame|time ?point|timepoint)\b(?!s)/.test(t)) return { first: 1, last: 1 };
  m = /(?:only\s+)?frame\s*(\d+)\b(?!\s*(?:to|-|and))/.exec(t);
  if (m && /\b(only|just|single|in frame|on frame|at frame|of frame)\b/.test(t)) return { first: Number(m[1]), last: Number(m[1]) };
  return undefined;
}

function ordered(a: number, b: number): { first: number; last: number } {
  return a <= b ? { first: a, last: b } : { first: b, last: a };
}
