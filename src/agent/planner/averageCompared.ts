// A yes/no question that compares the average of a quantity with a number: "is the speed above 1 µm/min?", "are the
// nuclei bigger than 100 px on average?", "is the mean area over 50 µm²?". One statistic of all the things (their mean,
// or their median when asked) is compared with the number and the verdict comes first; never the count of things that
// pass the number, which answers "are any ...", "do all ...", "how many ..." (tableAnswers.ts conditionAnswer). Where no
// row is at hand (a plan not run) the mean a step reported answers, compared in its own unit when the number's unit is
// the same quantity (a length written for an area is the area's unit, as the tables read it).
import { COUNTED_THINGS } from './comparedValue.ts';

/** The question's own words, as tableAnswers.plainQuestion gives them (passed in: this file imports nothing of it). */
type Plain = (question: string) => string;

const YES_NO_LEAD = /^\W*(?:(?:so|and|ok(?:ay)?|now|also)\W+)*(?:is|are|was|were|does|do|did|has|have)\b/i;
/** Words that ask about some or all of the things one by one: the rows passing the number answer them, not an average. */
const ONE_BY_ONE = /\b(?:any|all|every|each|some|none|most|how many|which|anything|anyone|everything|everyone|individual(?:ly)?)\b/i;
/** A statistic of all the things said in words ("on average", "the mean ..."). */
const AVERAGED = /\b(?:on average|on the whole|typically|overall|in general|mean|average|avg|median|typical)\b/i;
const COMPARING = String.raw`(?:more|greater|larger|bigger|higher|longer|faster|quicker|brighter|further|farther|above|over|exceed\w*|less|fewer|smaller|lower|shorter|slower|dimmer|below|under|at\s+least|at\s+most)`;
/** "is the speed above ...", "was their displacement over ...": the quantity said in the singular, as one value. */
const SINGULAR_SUBJECT = new RegExp(String.raw`^\W*(?:(?:so|and|ok(?:ay)?|now|also)\W+)*(?:is|was|does|did|has)\s+(?:the|their|its|this|that)\s+([\p{L}\s-]{1,40}?)\s+${COMPARING}\b`, 'iu');

/**
 * The statistic a yes/no comparison with a number asks of all the things ('mean', or 'median' when said), or undefined
 * when it asks of the things one by one ("are any tracks faster than 2 px/frame?") or is no such question.
 */
export function averageCompared(question: string, plain: Plain): 'mean' | 'median' | undefined {
  const q = plain(question);
  if (!YES_NO_LEAD.test(q) || ONE_BY_ONE.test(q) || !new RegExp(String.raw`\b${COMPARING}\b[^?.]*\d`, 'i').test(q)) return undefined;
  // ("faster than average", "bigger than the median cell": the rows against their own statistic, one by one)
  if (new RegExp(String.raw`\b${COMPARING}\s+(?:than\s+)?(?:the\s+)?(?:average|mean|typical|median)\b`, 'i').test(q)) return undefined;
  const statistic = /\bmedian\b/i.test(q) ? 'median' : 'mean';
  if (AVERAGED.test(q)) return statistic;
  const subject = SINGULAR_SUBJECT.exec(q);
  return subject && !COUNTED_THINGS.test(subject[1]) ? statistic : undefined;
}

/** The words of the relation, as the answer says it. */
export function relationWords(op: '>' | '<' | '>=' | '<='): string {
  return op === '>' ? 'above' : op === '<' ? 'below' : op === '>=' ? 'at least' : 'at most';
}

/** Units as one spelling ("um" and "µm", "px^2" and "px²"). */
function unitKey(unit: string): string {
  return unit.trim().toLowerCase().replace(/μ/g, 'µ').replace(/^um|(?<=\/)um/g, 'µm').replace(/\^?2$/, '²').replace(/\s+per\s+/g, '/').replace(/\/frames$/, '/frame').replace(/^pixels?/, 'px');
}

/** A unit as a factor to the base units (µm, s) and the powers of length and time, given the calibration; undefined when it cannot be. */
function inBase(unit: string, calibration: { pixelSizeUm?: number; intervalS?: number }): { factor: number; length: number; time: number } | undefined {
  const part = (u: string): { factor: number; length: number; time: number } | undefined => {
    const square = /²$/.test(u);
    const base = u.replace(/²$/, '');
    const power = square ? 2 : 1;
    const length: Record<string, number | undefined> = { px: calibration.pixelSizeUm, 'µm': 1, nm: 1e-3, mm: 1e3 };
    const time: Record<string, number | undefined> = { frame: calibration.intervalS, frames: calibration.intervalS, s: 1, min: 60, h: 3600 };
    if (base in length) return length[base] === undefined ? undefined : { factor: length[base]! ** power, length: power, time: 0 };
    if (base in time) return time[base] === undefined ? undefined : { factor: time[base]!, length: 0, time: 1 };
    return undefined;
  };
  const [num, den] = unit.split('/');
  const a = part(num);
  const b = den === undefined ? { factor: 1, length: 0, time: 0 } : part(den);
  return a && b ? { factor: a.factor / b.factor, length: a.length - b.length, time: a.time - b.time } : undefined;
}

/**
 * The verdict of a value an answer quotes ("Mean area (px) = 152.3 px² (...)", "Mean speed = 1.8 px/frame") against the
 * number compared, or undefined when the answer quotes no value in a unit the number can be read in. A length written
 * for an area ("bigger than 100 px") is read in the area's unit, as the tables read it, and said so; px and frames are
 * converted to µm and time with the calibration known (the pixel size, the frame interval), never without it.
 */
export function quotedVerdict(answer: string, condition: { op: '>' | '<' | '>=' | '<='; value: number; unit: string }, statistic: 'mean' | 'median', calibration: { pixelSizeUm?: number; intervalS?: number } = {}): string | undefined {
  const m = /=\s*(-?\d+(?:\.\d+)?)\s*([^\s(),;]+)?/.exec(answer);
  if (!m) return undefined;
  const value = Number(m[1]);
  const quotedUnit = unitKey(m[2] ?? '');
  const asked = unitKey(condition.unit);
  const areaOfLength = asked !== '' && `${asked}²` === quotedUnit;
  let inAsked = value;
  let converted = '';
  if (asked !== '' && asked !== quotedUnit && !areaOfLength) {
    const from = inBase(quotedUnit, calibration);
    const to = inBase(asked, calibration);
    if (!from || !to || from.length !== to.length || from.time !== to.time) return undefined;
    inAsked = (value * from.factor) / to.factor;
    converted = ` (${Number(inAsked.toPrecision(3))} ${condition.unit} with the calibration known)`;
  }
  const limit = condition.value;
  const yes = condition.op === '>' ? inAsked > limit : condition.op === '<' ? inAsked < limit : condition.op === '>=' ? inAsked >= limit : inAsked <= limit;
  const note = areaOfLength ? ` (you wrote ${limit} ${condition.unit}; the area is in ${quotedUnit}, so I compared with ${limit} ${quotedUnit})` : '';
  const unit = quotedUnit ? ` ${m[2]}` : '';
  const limitUnit = converted ? ` ${condition.unit}` : unit;
  return `${yes ? 'Yes' : 'No'}: the ${statistic} is ${m[1]}${unit}${converted}, ${yes ? '' : 'not '}${relationWords(condition.op)} ${limit}${limitUnit}${note}. ${answer}`;
}
