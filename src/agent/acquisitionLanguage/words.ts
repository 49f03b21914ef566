// The vocabulary of acquisition commands: numbers with units (durations, distances,
// percentages, exposures) and channel names with their aliases (GFP/488 = FITC,
// mCherry/561 = Rhodamine, from the microscope's configuration). Pure functions over text.
import { InputError } from '../../errors.ts';
import { DEMO_CONFIG, findChannel, type MicroscopeConfig } from '../../microscope/config.ts';

const WORD_NUMBERS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, ninety: 90, hundred: 100,
};

const TIME_UNITS: [RegExp, number][] = [
  [/^(ms|msec|millisecond|milliseconds)$/, 0.001],
  [/^(s|sec|secs|second|seconds)$/, 1],
  [/^(m|min|mins|minute|minutes)$/, 60],
  [/^(h|hr|hrs|hour|hours)$/, 3600],
  [/^(d|day|days)$/, 86400],
  [/^(w|wk|wks|week|weeks)$/, 7 * 86400],
];

export const NUMBER = String.raw`(\d+(?:\.\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|ninety|hundred)`;
export const TIME_UNIT = String.raw`(ms|msec|milliseconds?|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|wks?|weeks?)`;
export const DISTANCE_UNIT = String.raw`(?:µm|um|microns?|micrometers?|micrometres?|mm|nm)`;

export function toNumber(word: string): number {
  const w = word.toLowerCase();
  return w in WORD_NUMBERS ? WORD_NUMBERS[w] : Number(w);
}

export function unitSeconds(unit: string): number {
  const u = unit.toLowerCase();
  for (const [re, s] of TIME_UNITS) if (re.test(u)) return s;
  return NaN;
}

/** A distance unit's size in µm. */
export function unitMicrometres(unit: string): number {
  const u = unit.toLowerCase();
  if (u === 'mm') return 1000;
  if (u === 'nm') return 0.001;
  return 1;
}

/** A time span that starts at the beginning of `text` ("5 minutes", "1 h 30 min", "half an hour", "an hour"). */
export function leadingDurationS(text: string): { seconds: number; length: number } | undefined {
  const t = text.toLowerCase();
  const half = /^(half an? hour|half hour)\b/.exec(t);
  if (half) return { seconds: 1800, length: half[0].length };
  const re = new RegExp(String.raw`^${NUMBER}\s*-?\s*${TIME_UNIT}\b(?:\s*(?:and\s+)?(\d+(?:\.\d+)?)\s*${TIME_UNIT}\b)?(?:\s+and\s+a\s+half)?`, 'i');
  const m = re.exec(t);
  if (!m) return undefined;
  let seconds = toNumber(m[1]) * unitSeconds(m[2]);
  if (m[3] && m[4]) seconds += Number(m[3]) * unitSeconds(m[4]);
  if (/and a half$/.test(m[0])) seconds += 0.5 * unitSeconds(m[2]);
  return Number.isFinite(seconds) ? { seconds, length: m[0].length } : undefined;
}

/** First duration after a keyword, e.g. after "every" or "for". */
export function durationAfter(text: string, keyword: RegExp): number | undefined {
  const re = new RegExp(keyword.source, 'gi');
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const rest = text.slice(m.index + m[0].length).trimStart();
    const d = leadingDurationS(rest);
    if (d) return d.seconds;
    // "every minute", "every hour", "every second"
    const bare = /^(second|sec|minute|min|hour|hr|day|week)\b/i.exec(rest);
    if (bare) return unitSeconds(bare[1]);
  }
  return undefined;
}

export function percent(text: string): number | undefined {
  const m = /(\d+(?:\.\d+)?)\s*(%|percent|per cent)/i.exec(text);
  return m ? Number(m[1]) : undefined;
}

export function exposureMs(text: string): number | undefined {
  const ms = /(\d+(?:\.\d+)?)\s*(ms|msec|milliseconds?)\b/i.exec(text);
  if (ms) return Number(ms[1]);
  const s = /exposures?\s*(?:time\s*)?(?:of|to|at|=|:)?\s*(\d+(?:\.\d+)?)\s*(s|sec|seconds?)\b/i.exec(text);
  return s ? Number(s[1]) * 1000 : undefined;
}

/** "every 3rd frame", "every 3 time points", "every other frame", "every third time point" as a count; undefined otherwise. */
export function everyNth(text: string): number | undefined {
  const unit = String.raw`(?:time[\s-]?points?|frames?|timepoints?|rounds?|cycles?|loops?)`;
  const ordinal = /\bevery\s+(\d+)(?:st|nd|rd|th)\b/i.exec(text);
  if (ordinal) return Number(ordinal[1]);
  const counted = new RegExp(String.raw`\bevery\s+(\d+)\s*${unit}\b`, 'i').exec(text);
  if (counted) return Number(counted[1]);
  const words: Record<string, number> = { other: 2, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, tenth: 10 };
  const worded = new RegExp(String.raw`\bevery\s+(other|second|third|fourth|fifth|sixth|tenth)\s+${unit}\b|\bevery\s+(other)\b`, 'i').exec(text);
  if (worded) return words[(worded[1] ?? worded[2]).toLowerCase()];
  return undefined;
}

// ---- channels ---------------------------------------------------------------------

export interface ChannelMention {
  preset: string;
  index: number;
  text: string;
}

/** Channel presets named in the text, in order of appearance ("GFP", "the 488 laser", "mCherry"). */
export function findChannels(text: string, config: MicroscopeConfig = DEMO_CONFIG): ChannelMention[] {
  const names = new Set<string>();
  for (const c of config.channels) {
    names.add(c.name.toLowerCase());
    for (const a of c.aliases) names.add(a);
  }
  // Bare wavelengths are channels only when not followed by a unit of something else.
  const terms = [...names].sort((a, b) => b.length - a.length).map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[\\s-]?'));
  const re = new RegExp(String.raw`(?<![\w.])(${terms.join('|')})(?![\w%])(?!\s*(?:%|percent|ms|s\b|sec|µm|um|min|x\b|planes?|positions?|frames?|time))`, 'gi');
  const out: ChannelMention[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const preset = findChannel(config, m[1].replace(/[\s-]+/g, ' '));
    if (!preset) continue;
    out.push({ preset: preset.name, index: m.index, text: m[1] });
  }
  return out;
}

export function uniquePresets(mentions: ChannelMention[]): string[] {
  return [...new Set(mentions.map((m) => m.preset))];
}

// ---- text ---------------------------------------------------------------------------

export function normaliseText(text: string): string {
  if (typeof text !== 'string' || !text.trim()) throw new InputError('empty request: say what to image or change');
  return text
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/μ/g, 'µ')
    .replace(/(\d),(\d{3})\b/g, '$1$2')
    .replace(/\s+/g, ' ')
    .trim();
}

export function fmtS(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds * 10) / 10} s`;
  if (seconds < 3600) return `${Math.round((seconds / 60) * 10) / 10} min`;
  return `${Math.round((seconds / 3600) * 10) / 10} h`;
}
