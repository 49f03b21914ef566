// The vocabulary of acquisition commands: numbers with units (durations, distances,
// percentages, exposures) and channel names with their aliases (GFP/488 = FITC,
// mCherry/561 = Rhodamine, from the microscope's configuration). Pure functions over text.
import { InputError } from '../../errors.ts';
import { DEMO_CONFIG, channelOfLine, findChannel, type MicroscopeConfig } from '../../microscope/config.ts';
import { correctedWord, inCaseOf, vocabularyOf } from '../planner/spelling.ts';
import { parseNumber, plainUnits, saidNumberValue } from '../planner/quantities.ts';
import { readOnce } from '../planner/textMemo.ts';
import { withRunOnSettingsApart } from './runOnSettings.ts';

const TIME_UNITS: [RegExp, number][] = [
  [/^(ms|msec|millisecond|milliseconds)$/, 0.001],
  [/^(s|sec|secs|second|seconds)$/, 1],
  [/^(m|min|mins|minute|minutes)$/, 60],
  [/^(h|hr|hrs|hour|hours)$/, 3600],
  [/^(d|day|days)$/, 86400],
  [/^(w|wk|wks|week|weeks)$/, 7 * 86400],
];

// a number word is a whole word ("and" is not "an d")
export const NUMBER = String.raw`(\d+(?:\.\d+)?|(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|ninety|hundred)\b)`;
export const TIME_UNIT = String.raw`(ms|msec|milliseconds?|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|wks?|weeks?)`;
export const DISTANCE_UNIT = String.raw`(?:µm|um|microns?|micrometers?|micrometres?|mm|nm)`;

/** A number as written ("12", "a", "twelve", "forty-five"), by the planner's readers of numbers (planner/quantities.ts); NaN when it is none. */
export function toNumber(word: string): number {
  return parseNumber(word) ?? saidNumberValue(word) ?? NaN;
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

// the spans' patterns, built once (leadingDurationS runs at every character of a message)
const PART_OF_UNIT = /^(?:(?:a|one)\s+)?(half|quarter|third)(?:\s+of)?\s+(?:an?\s+)?(hour|minute|min|day|second|sec|week)\b/;
const PART_HYPHEN = /^(half|quarter)[\s-](hour)\b/;
const MIXED_SPAN = new RegExp(String.raw`^${NUMBER}\s+and\s+(?:a|one)\s+(half|quarter)\s+${TIME_UNIT}\b`, 'i');
const SPAN = new RegExp(String.raw`^${NUMBER}\s*-?\s*(?:(?:more|extra|additional|further)\s+)?${TIME_UNIT}\b(?:\s*(?:and\s+)?(\d+(?:\.\d+)?)\s*${TIME_UNIT}\b)?(?:\s+and\s+a\s+half)?`, 'i');
const FIRST_SPAN = new RegExp(String.raw`^${NUMBER}\s*-?\s*(?:(?:more|extra|additional|further)\s+)?${TIME_UNIT}\b`, 'i');
const PARTS: Record<string, number> = { half: 2, quarter: 4, third: 3 };

/** "a second position", "one second channel", "a second look": the ordinal before a thing, not a span of 1 s. */
const ORDINAL_SECOND = /^(?:a|one)\s+second\s+(?:positions?|pos|locations?|sites?|spots?|points?|channels?|colou?rs?|fluorophores?|dyes?|lasers?|frames?|time\s?points?|stages?|wells?|fields?|fovs?|rounds?|runs?|acquisitions?|experiments?|z[\s-]?stacks?|stacks?|planes?|slices?|cameras?|objectives?|dishes|dish|samples?|conditions?|rules?|regions?|tiles?|grids?|cells?|ones?|looks?|tries|try|go|pass|sets?|phases?|blocks?)\b/;

/** A time span that starts at the beginning of `text` ("5 minutes", "1 h 30 min", "half an hour", "an hour"). */
export function leadingDurationS(text: string): { seconds: number; length: number } | undefined {
  const t = text.toLowerCase();
  // (a quick look first: a span starts with a digit or a letter of a number word)
  if (!/^[\dahoqtfesn]/.test(t)) return undefined;
  if (ORDINAL_SECOND.test(t)) return undefined;
  const part = PART_OF_UNIT.exec(t) ?? PART_HYPHEN.exec(t);
  if (part) return { seconds: unitSeconds(part[2]) / PARTS[part[1]], length: part[0].length };
  // "4 and a half hours", "two and a quarter days": the fraction before the unit (read by the one reader of numbers)
  const mixed = MIXED_SPAN.exec(t);
  if (mixed && !/^an?$/i.test(mixed[1])) {
    const seconds = toNumber(`${mixed[1]} and a ${mixed[2]}`) * unitSeconds(mixed[3]);
    if (Number.isFinite(seconds)) return { seconds, length: mixed[0].length };
  }
  // "3 more hours", "2 extra minutes": the number and its unit with a word between
  const m = SPAN.exec(t);
  if (!m) return undefined;
  let seconds = toNumber(m[1]) * unitSeconds(m[2]);
  // "1 min 30 s" is one span; "10 min 12 h" two (a compound runs from the larger unit to the smaller)
  if (m[3] && m[4] && unitSeconds(m[4]) >= unitSeconds(m[2])) {
    const first = FIRST_SPAN.exec(t)!;
    return Number.isFinite(seconds) ? { seconds, length: first[0].length } : undefined;
  }
  // "an hour and a half", "2 hours and a half": the fraction after the unit belongs to the number
  if (/and a half$/.test(m[0])) seconds = toNumber(`${m[1]} and a half`) * unitSeconds(m[2]);
  if (m[3] && m[4]) seconds += Number(m[3]) * unitSeconds(m[4]);
  return Number.isFinite(seconds) ? { seconds, length: m[0].length } : undefined;
}

/** Every time span in the text, in order, with where it stands ("every 30 s for 2 h" → 30 s at 6, 2 h at 15). */
export function durationsIn(text: string): { seconds: number; index: number; length: number }[] {
  const out: { seconds: number; index: number; length: number }[] = [];
  for (let i = 0; i < text.length; i++) {
    if (i > 0 && /[\w.]/.test(text[i - 1])) continue; // a span starts at a word start
    const d = leadingDurationS(text.slice(i));
    if (!d) continue;
    out.push({ ...d, index: i });
    i += d.length - 1;
  }
  return out;
}

/** First duration after a keyword, e.g. after "every" or "for". */
export function durationAfter(text: string, keyword: RegExp): number | undefined {
  const re = new RegExp(keyword.source, 'gi');
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    // ("better temporal resolution, 1 min", "interval: 5 min": a comma or colon between the word and its span)
    const rest = text.slice(m.index + m[0].length).replace(/^\s*[,:]?\s*/, '');
    const d = leadingDurationS(rest);
    if (d) return d.seconds;
    // "every minute", "every hour", "every second"
    // ("every minute and a half", "every hour and a quarter": the unit and its fraction)
    const bare = /^(second|sec|minute|min|hour|hr|day|week)\b(?:\s+and\s+(?:a|one)\s+(half|quarter))?/i.exec(rest);
    if (bare) return unitSeconds(bare[1]) * (bare[2] ? 1 + (bare[2].toLowerCase() === 'half' ? 0.5 : 0.25) : 1);
  }
  return undefined;
}

export function percent(text: string): number | undefined {
  const m = /(\d+(?:\.\d+)?)\s*(%|percent|per cent)/i.exec(text);
  if (m) return Number(m[1]);
  // "five percent": a number in words (never "a percent")
  const word = new RegExp(String.raw`\b${NUMBER}\s*(?:percent|per cent)\b`, 'i').exec(text);
  return word && !/^an?$/i.test(word[1]) ? toNumber(word[1]) : undefined;
}

/** What an exposure is of, between the word and its value ("exposure for mCherry 0.3 s", "exposure on the 561 channel: 1 s"). */
export const EXPOSURE_OF = String.raw`(?:(?:for|of|on|in)\s+(?:the\s+)?[\w-]+(?:\s+(?:channel|laser|line))?\s*[:=,]?\s*)?`;

/** Every exposure said, in ms, with where it is: "50 ms", "exposure 0.5 s", "exposure of GFP 1 s", "a 0.2 s exposure". */
export function exposuresIn(text: string): { ms: number; start: number; end: number }[] {
  const out: { ms: number; start: number; end: number }[] = [];
  const add = (m: RegExpMatchArray, factor: number) => {
    if (!out.some((o) => m.index! < o.end && o.start < m.index! + m[0].length)) out.push({ ms: Number(m[1]) * factor, start: m.index!, end: m.index! + m[0].length });
  };
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)\s*(?:ms|msec|msecs|milliseconds?)\b/gi)) add(m, 1);
  for (const m of text.matchAll(new RegExp(String.raw`exposures?\s*(?:time\s*)?${EXPOSURE_OF}(?:of|to|at|=|:)?\s*(\d+(?:\.\d+)?)\s*(?:s|sec|secs|seconds?)\b`, 'gi'))) add(m, 1000);
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)\s*(?:s|sec|secs|seconds?)\s+(?:of\s+)?exposures?\b/gi)) add(m, 1000);
  return out.sort((a, b) => a.start - b.start);
}

export function exposureMs(text: string): number | undefined {
  return exposuresIn(text)[0]?.ms;
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

/** The pattern of every channel name of a configuration, built once per configuration (it is read at every clause). */
const CHANNEL_PATTERNS = new WeakMap<MicroscopeConfig, RegExp>();

function channelNamesPattern(config: MicroscopeConfig): RegExp {
  const cached = CHANNEL_PATTERNS.get(config);
  if (cached) return cached;
  const names = new Set<string>();
  for (const c of config.channels) {
    names.add(c.name.toLowerCase());
    for (const a of c.aliases) names.add(a);
  }
  // Bare wavelengths are channels only when not followed by a unit of something else.
  const terms = [...names].sort((a, b) => b.length - a.length).map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[\\s-]?'));
  // a wavelength followed by a unit or a count word is a number ("488 frames", "561 µm"); a name is a name ("brightfield frame")
  // (only a bare wavelength: "Cy5 time-lapse" names Cy5)
  // (a variant's version after a name is part of it: "GCaMP6s", "mScarlet-I", "mRuby3")
  const re = new RegExp(String.raw`(?<![\w.])(${terms.join('|')})((?<=[a-z])-?(?:\d{1,2}[a-gi-ln-wyz]?|(?<=-)[iv]{1,3}))?(?![\w%])(?!(?<=(?<![a-z])\d+)\s*(?:%|percent|ms|s\b|sec|µm|um|min|x\b|planes?|positions?|frames?|time))`, 'gi');
  CHANNEL_PATTERNS.set(config, re);
  return re;
}

/** Channel presets named in the text, in order of appearance ("GFP", "the 488 laser", "mCherry", "the 525/50"). */
export function findChannels(text: string, config: MicroscopeConfig = DEMO_CONFIG): ChannelMention[] {
  const re = channelNamesPattern(config);
  re.lastIndex = 0;
  const out: ChannelMention[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const preset = findChannel(config, m[1].replace(/[\s-]+/g, ' '));
    if (!preset) continue;
    out.push({ preset: preset.name, index: m.index, text: m[0] });
  }
  const apart = (b: { index: number; text: string }) => !out.some((o) => o.index < b.index + b.text.length && b.index < o.index + o.text.length);
  const bands = filterBands(text, config).filter((b) => b.preset !== undefined && apart(b));
  const lines = excitationLines(text, config).filter(apart);
  if (!bands.length && !lines.length) return out;
  return [...out, ...bands.map((b) => ({ preset: b.preset!, index: b.index, text: b.text })), ...lines].sort((a, b) => a.index - b.index);
}

/** A units word after a bare number: it counts or measures something else ("the 500 ms", "the 600 frames"). */
const NOT_A_LINE = /^\s*(?:%|percent|ms|msecs?|s\b|secs?|seconds?|µm|um|microns?|mm|min|mins|minutes?|h\b|hrs?|hours?|x\b|planes?|slices?|positions?|frames?|time|cells?|images?|px|pixels?|days?)/i;

/** Words after a figure in nm that make it a distance or a size ("500 nm steps", "200 nm beads"). */
const NOT_A_LINE_NM = /^\s*(?:z[\s-]?)?(?:steps?|spacing|apart|slices?|planes?|sections?|intervals?|increments?|thick|deep|range|resolution|pixels?|px|beads?|particles?|wide|across|diameter|radius)\b/i;

/**
 * An excitation line said by its wavelength, as light engines and lasers have it ("the 470 LED", "638 nm", "the 635
 * line", "turn the 638 off"): the channel lit by the nearest source (channelOfLine). With a word of light after it
 * (LED, laser, line, excitation) within 25 nm; with "nm" alone (never a distance: "500 nm steps") or bare after "the", only within 10 nm (a laser's own line, 638 or
 * 642 for 640). A wavelength a channel's alias names already ("488") is that alias's.
 */
export function excitationLines(text: string, config: MicroscopeConfig = DEMO_CONFIG): ChannelMention[] {
  const out: ChannelMention[] = [];
  for (const m of text.matchAll(/(?<![\w.\/-])(\d{3})(\s?nm\b)?(?![\w.\/%])/gi)) {
    const after = text.slice(m.index! + m[0].length);
    const lit = /^[\s-]*(?:leds?|lasers?|lines?|excitation|ex)\b/i.test(after);
    // ("500 nm steps", "a 450 nm spacing": a distance in nm is no line)
    const inNm = !lit && !!m[2] && !NOT_A_LINE_NM.test(after) && !/\b(?:step|steps|spacing|of|by|every|apart)\s+$/i.test(text.slice(0, m.index));
    const bare = !lit && !m[2] && /\bthe\s+$/i.test(text.slice(0, m.index)) && !NOT_A_LINE.test(after);
    if (!lit && !inNm && !bare) continue;
    const preset = channelOfLine(config, Number(m[1]), lit ? 25 : 10);
    if (preset) out.push({ preset: preset.name, index: m.index!, text: m[0] });
  }
  return out;
}

/**
 * An emission filter named by its band, centre/width in nm ("the 525/50", "ET525/50m", "a 460/50 nm
 * filter"), with the channel whose emission peak lies in that band (undefined when none or several do).
 */
export interface FilterBand {
  text: string;
  index: number;
  centreNm: number;
  widthNm: number;
  preset?: string;
}

const FILTER_BAND = /(?<![\w./])(?:(?:ET|FF\d{0,2}-|BP|HQ|D)\s?)?(\d{3})\s?\/\s?(\d{1,3})(?:\s?nm\b|m\b|x\b)?(?![\w./])/gi;

export function filterBands(text: string, config: MicroscopeConfig = DEMO_CONFIG): FilterBand[] {
  const out: FilterBand[] = [];
  for (const m of text.matchAll(FILTER_BAND)) {
    const centreNm = Number(m[1]);
    const widthNm = Number(m[2]);
    // (a band of visible light, a few nm to 150 nm wide: "1/50 s", "24/7" and dates are no filters)
    if (centreNm < 380 || centreNm > 800 || widthNm < 5 || widthNm > 150) continue;
    const inBand = config.channels.filter((c) => c.emissionNm > 0 && Math.abs(c.emissionNm - centreNm) <= widthNm / 2);
    out.push({ text: m[0], index: m.index!, centreNm, widthNm, ...(inBand.length === 1 ? { preset: inBand[0].name } : {}) });
  }
  return out;
}

/**
 * Names that look like a fluorophore or a dye ("CFP", "mTurquoise", "Alexa 750", "JF549", "mOrange")
 * but that no channel of the configuration images, as written.
 */
export function unknownFluorophores(text: string, config: MicroscopeConfig = DEMO_CONFIG): string[] {
  const looks = /(?<![\w-])(?:(?:m|e|td|sf|ta?g|s|super|h2b-?|lifeact-?)?(?:[a-z]+-)?(?:cfp|gfp|yfp|rfp|bfp|ofp|ifp)|m(?:turquoise2?|cerulean3?|teal|orange2?|plum|neptune2?|tfp1|emerald|koff|kusabira|ko2?|maroon|strawberry|banana|honeydew|tangerine|raspberry|grape|lemon|cyan|midoriishi)|(?:alexa(?:\s*fluor)?|af|atto|cf|dylight|jf|janelia fluor)[\s-]?\d{3}|cy[23]\.5|cy7)(?![\w-])/gi;
  const out: string[] = [];
  for (const m of text.matchAll(looks)) {
    const name = m[0];
    // (a name the configuration knows, or one with a known name inside it: "H2B-GFP", "EGFP")
    if (findChannel(config, name) || findChannels(name, config).length) continue;
    if (!out.some((o) => o.toLowerCase() === name.toLowerCase())) out.push(name);
  }
  return out;
}

export function uniquePresets(mentions: ChannelMention[]): string[] {
  return [...new Set(mentions.map((m) => m.preset))];
}

// ---- text ---------------------------------------------------------------------------

/**
 * The words this language reads. A word of a request that is none of them (nor a stop word
 * or a channel name) and is a slip of one is read as that word ("imagng" → "imaging",
 * "minuets" → "minutes", "expsoure" → "exposure", "snpa" → "snap"), by the one reader of
 * slips (planner/spelling.ts).
 */
const COMMAND_WORDS = `
  image images imaging acquire acquiring acquisition record recording capture film take snap snapshot
  start stop stopping halt abort cancel terminate finish finished complete end pause paused resume continue unpause
  switch turn shut disable deactivate enable remove exclude include drop skip lose kill without
  channel channels laser lasers light lamp illumination excitation exciting fluorescence colour color
  interval intervals every frame frames timepoint timepoints point points millisecond milliseconds second seconds minute minutes hour hours
  first third fourth fifth
  day days week weeks overnight faster slower quicker often frequently frequency speed slow double halve twice
  duration total longer extend another additional extra change adjust modify
  exposure exposures power intensity brightness percent lower raise reduce increase decrease
  stack stacks plane planes slice slices section sections range steps spacing apart micron microns micrometre
  micrometres micrometer micrometers position positions field fields location locations site sites grid tile tiles
  tiling tiled mosaic montage overlap stage objective autofocus refocus focus zoom move left right
  rule divides division dividing mitosis cells nuclei count signal above below status progress remaining left dose
  budget phototoxicity bleaching brightfield transmitted phase contrast
  widefield overall
  `.trim().split(/\s+/);

/** Everyday words one slip away from a command word: never corrected ("later" is not "laser"). */
const EVERYDAY_WORDS = ('later latter liter lower tower sight night fight might tight right timer times lines liner plate plated plates wells stags staged doses dosed ranges steps stepped fields filed field sited cited focal local total image imaged imager finer filmy slows slowly rates rated stars stare stated states state minor manor lights lighted hours hoursly frames framed count county counter cells celled above abode ' +
  'plan ever star rang stag lase phas abov belo ofte there three place where these those other ' +
  'movie movies moved moves moving mover print printed prints slide slides sizes event events spend seeds shift shifts after under until often before being their there these those while which whose where would could should maybe point paint').split(' ');

/** Channel names of one word and five letters or more, read through a slip too ("mchery", "hoechts"). */
const CHANNEL_WORDS = [...new Set(DEMO_CONFIG.channels.flatMap((c) => [c.name.toLowerCase(), ...c.aliases]).filter((n) => /^[a-z]{5,}$/.test(n)))];

/** The words a slip is read as (commands and channels), and the words written right besides (everyday words and every channel name's words). */
const VOCABULARY = vocabularyOf([...COMMAND_WORDS, ...CHANNEL_WORDS], [...EVERYDAY_WORDS, ...DEMO_CONFIG.channels.flatMap((c) => [c.name.toLowerCase(), ...c.aliases]).flatMap((n) => n.split(/\s+/))]);

/** The units of time as people misspell them after a number ("3 minuts", "20 secnds", "2 hous", "50 milisecs"). */
const TIME_UNIT_WORDS = ['minutes', 'minute', 'seconds', 'second', 'hours', 'hour', 'milliseconds', 'millisecond', 'millisecs', 'msecs'];

/** Edits (a letter left out, added, changed, or two neighbours swapped) from `a` to `b`. */
function editsBetween(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** A misspelt unit of time right after a number, written right ("intervals of 3 minuts" → "3 minutes"): one slip, two in a long word. */
function unitSlips(text: string): string {
  return text.replace(/(\d\s*)([A-Za-z]{4,})\b/g, (m, number: string, word: string) => {
    const w = word.toLowerCase();
    if (TIME_UNIT_WORDS.includes(w)) return m;
    const fixed = TIME_UNIT_WORDS.find((u) => u[0] === w[0] && editsBetween(w, u) <= (u.length >= 9 ? 2 : 1));
    return fixed ? `${number}${fixed}` : m;
  });
}

/** Short adjectives and their comparatives in -er (English doubles a last consonant after one vowel: "bigger", "dimmer"). */
const SHORT_ADJECTIVES = /\bmore\s+(long|short|small|big|fast|slow|quick|bright|dim|low|high|strong|weak|dark|few)\b/gi;

/**
 * "more long", "more small", "more fast": a comparative written with "more" by a writer whose language makes every
 * comparative so, read as the English one ("longer", "smaller", "faster").
 */
export function plainComparatives(text: string): string {
  return text.replace(SHORT_ADJECTIVES, (_m, adj: string) => {
    const a = adj.toLowerCase();
    return /^(?:big|dim)$/.test(a) ? `${a}${a.at(-1)}er` : `${a}er`;
  });
}

/** Slips of the language's own words corrected ("stop imagng the gfp"); "switch of" read as "switch off". */
export function correctTypos(text: string): string {
  return text
    .replace(/\b(switch|turn|shut|switched|turned)\s+of\b(?!\s+(?:the\s+)?(?:interval|acquisition|imaging|experiment))/gi, '$1 off')
    .replace(/[A-Za-z]+/g, (w) => {
      // (a number said in words is written right: "fifty ms" is never "fifth ms", an order of the channels)
      if (Number.isFinite(toNumber(w))) return w;
      const fixed = correctedWord(w, VOCABULARY);
      return fixed ? inCaseOf(w, fixed) : w;
    });
}

export function normaliseText(text: string): string {
  return readOnce(normaliseTextOnce, text);
}

function normaliseTextOnce(text: string): string {
  if (typeof text !== 'string' || !text.trim()) throw new InputError('empty request: say what to image or change');
  return skippedFramesAsEveryNth(presetsAsChannels(labShorthand(withRunOnSettingsApart(spokenNumbers(plainUnits(plainComparatives(correctTypos(unitSlips(withoutCourtesy(asClauses(text)))))))))))
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/μ/g, 'µ')
    // ("wait, put the red back in", "hold on, add Cy5": "wait" before a comma and a command is an interjection, no pause;
    // "wait 10 min", "hold on, I'm adding the drug" stay pauses)
    .replace(/^\s*(?:(?:oh|ah|hmm+|no|sorry)[,\s]+)*(?:wait|hold on|hang on)\s*[,.!;:\u2013\u2014-]+\s*(?=(?:actually\s+|instead\s+|rather\s+)?(?:put|add|drop|remove|make|set|change|use|switch|turn|take|keep|skip|lower|raise|increase|decrease|reduce|image|bring|go back|undo)\b)/i, '')
    .replace(/(\d),(\d{3})\b/g, (m, a: string, b: string) => (writesPairsWithCommas(text) ? m : a + b))
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Micro-Manager's "Skip Frames" of a channel ("skip frames = 2 for mCherry", "set skip frames to 3 on DAPI", "skip 2 frames
 * for the red"): the channel is imaged once and then skips that many time points, so every (N + 1)th. Only said of a
 * channel: "skip 2 frames" alone may skip two time points of the whole run and is left as said.
 */
export function skippedFramesAsEveryNth(text: string, config: MicroscopeConfig = DEMO_CONFIG): string {
  if (!findChannels(text, config).length) return text;
  return text.replace(/\bskip(?:ped)?[\s-]?frames?\s*(?:[:=]\s*|\b(?:to|of|at)\s+|\bis\s+)?(\d+)\b|\bskip(?:ping)?\s+(\d+)\s+(?:frames?|time[\s-]?points?|timepoints?)\s+(?=(?:for|on|in|of|with)\b)/gi, (_m, a?: string, b?: string) => `every ${Number(a ?? b) + 1}th time point `).replace(/\s+/g, ' ');
}

/**
 * "the mCherry preset", "the Cy5 config", "the DAPI group preset": Micro-Manager's word for a channel (a preset of its channel
 * group) said after the channel's name is the channel ("the mCherry channel"); a preset or config named by no channel is left.
 */
export function presetsAsChannels(text: string, config: MicroscopeConfig = DEMO_CONFIG): string {
  let out = text;
  for (const c of findChannels(text, config).reverse()) {
    const end = c.index + c.text.length;
    const noun = /^(\s+(?:channel\s+)?(?:group\s+)?)(?:presets?|configs?|configurations?|config\s+presets?)\b/i.exec(out.slice(end));
    if (noun) out = out.slice(0, end) + ' channel' + out.slice(end + noun[0].length);
  }
  return out;
}

/**
 * "positions at 0,0 and 500,500": a comma between two numbers that cannot be a thousands separator (not three digits
 * after it) says the writer puts commas between coordinates, so "500,500" is a pair too, never 500500.
 */
function writesPairsWithCommas(text: string): boolean {
  return /(?<![\d.])\d+,(?:\d{1,2}|\d{4,})(?![\d.])/.test(text);
}

/** A greeting or a lead-in before the message ("hi,", "hey -", "sorry to bother you,", "quick question:"). */
const GREETING = /^\s*(?:(?:hi|hey|hello|hiya|heya|dear\s+\w+|good\s+(?:morning|afternoon|evening)|sorry to bother you|excuse me|(?:a\s+)?quick question|one (?:more )?question)(?:\s+(?:there|again|all|team|everyone))?\s*(?:[,:!.;]+|\s[-–—])\s*)+/i;
/** Thanks after the message ("thanks!", "thx", "Thank you very much.", "(thanks in advance)", "cheers"). */
const THANKS = /[\s,;.!-]*\(?\s*\b(?:many\s+)?(?:thanks|thank you|thx|ty|cheers|ta|much appreciated)(?:\s+(?:a lot|so much|very much|in advance|again|a bunch))*\s*[.!)]*\s*$/i;

/**
 * The message without the courtesy around it: a greeting or lead-in before and thanks after
 * ("hey, when will imaging stop" is the question "when will imaging stop"). A message that is
 * nothing but courtesy stays as it is.
 */
export function withoutCourtesy(text: string): string {
  const out = text.replace(GREETING, '').replace(THANKS, '');
  return /\p{L}/u.test(out) ? out : text;
}

/**
 * A message written as a list or as settings (one per line, "- interval: 10 min", "gfp_exposure=40ms;
 * interval=3min"): each line is a clause of its own, and a setting's name written as one token
 * ("gfp_exposure", "z-step_um") is its words. Plain prose is left as it is.
 */
export function asClauses(text: string): string {
  return text
    .split(/\r?\n+/)
    .map((line) => line.replace(/^\s*(?:[-*•·‣▪+]|\d+[.)])\s+/, '').trim())
    .filter(Boolean)
    .join('; ')
    .replace(/(?<=[a-z0-9])_(?=[a-z])/gi, ' ');
}

// (the words of numbers up to 99 this language turns into figures; their values are read by toNumber)
const UNIT_WORDS = 'one two three four five six seven eight nine'.split(' ');
const TENS_WORDS = 'twenty thirty forty fifty sixty seventy eighty ninety'.split(' ');
const SMALL_WORDS = [...UNIT_WORDS, ...'ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen'.split(' '), ...TENS_WORDS];
const SMALL_WORD = `(?:${SMALL_WORDS.join('|')})`;
/** A number said in words of up to two: "forty-five", "seventy five", "twelve" (not "a", which is also an article). */
const WORD_NUMBER = String.raw`(?:(?:${TENS_WORDS.join('|')})[\s-](?:${UNIT_WORDS.join('|')})|${SMALL_WORD})`;
const FRACTION_OF: Record<string, number> = { half: 0.5, quarter: 0.25, quarters: 0.25, third: 1 / 3, thirds: 1 / 3, fifth: 0.2, fifths: 0.2, sixth: 1 / 6, sixths: 1 / 6, eighth: 0.125, eighths: 0.125, tenth: 0.1, tenths: 0.1, twentieth: 0.05, twentieths: 0.05, hundredth: 0.01, hundredths: 0.01, thousandth: 0.001, thousandths: 0.001 };
/** The units a number said in words is turned into digits before (times, exposures, percentages, distances). */
const SPOKEN_UNIT = String.raw`(?:ms|msecs?|milliseconds?|s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|days?|weeks?|%|percent|per cent|pct|µm|um|microns?|micrometers?|micrometres?)`;
/** A channel or a stage position by its number said in words ("channel two", "pos three"). */
const NUMBERED_IN_WORDS = new RegExp(String.raw`\b(channel|ch|position|pos|field|site)\s+(${UNIT_WORDS.join('|')}|ten)\b`, 'gi');
/** A length unit said as a word a fraction can be of ("half a millimetre", "a quarter of a micron"). */
const LENGTH_WORD = String.raw`(?:millimet(?:re|er)|micromet(?:re|er)|micron|mm|µm|um)`;
// ("a tenth of a second", "two fifths of a second", "a hundredth of a second": any part of a unit, as a camera's exposure is said)
const FRACTION_OF_UNIT = new RegExp(String.raw`\b(?:(a|one|two|three|four|five|six|seven|eight|nine)[\s-]+)?(half|${Object.keys(FRACTION_OF).filter((k) => k !== 'half').join('|')})\s+(?:of\s+)?(?:a|an)\s+(millisecond|second|sec|minute|min|hour|day|${LENGTH_WORD})\b`, 'gi');
const AND_A_FRACTION_BEFORE = new RegExp(String.raw`\b(\d+(?:\.\d+)?|${WORD_NUMBER}|an?)\s+and\s+(?:a|one)\s+(half|quarter)\s+(${SPOKEN_UNIT})(?![\w])`, 'gi');
const AND_A_FRACTION_AFTER = new RegExp(String.raw`\b(\d+(?:\.\d+)?|${WORD_NUMBER}|an?)\s+(${SPOKEN_UNIT})\s+and\s+a\s+(half|quarter)\b`, 'gi');
/** A number said in words as the value a setting is put at, ending its clause ("exposure at fifty", "should be twenty"). */
const WORDS_AS_A_VALUE = new RegExp(String.raw`\b(to|at|be|is|=)(\s+)(${WORD_NUMBER})(?=\s*(?:[,;.!?]|$|\b(?:please|pls|instead|then|now|thanks|from)\b))`, 'gi');
const WORDS_BEFORE_UNIT = new RegExp(String.raw`\b(${WORD_NUMBER})(\s*-?\s*)(?=(?:more\s+|extra\s+|additional\s+|further\s+)?${SPOKEN_UNIT}(?![\w]))`, 'gi');

/**
 * Spans, exposures and amounts said in words, in figures, so that every reader sees one form:
 * "half a second" → "0.5 second", "three quarters of an hour" → "0.75 hour", "two and a half
 * minutes" / "an hour and a half" → "2.5 minutes" / "1.5 hour", "forty-five minutes" → "45
 * minutes", "twenty milliseconds" → "20 milliseconds". "a second" alone stays (a figure of speech too).
 */
/** "1/2 min", "3/4 h", "1/2 µm": a fraction in figures right before a unit of time or length ("1/20 s" is a shutter time, read as such elsewhere). */
const FIGURE_FRACTION_BEFORE_UNIT = /(?<![\d./])(\d{1,2})\s*\/\s*(\d{1,2})\s*(?=(?:mins?|minutes?|h|hrs?|hours?|days?|µm|um|microns?|mm)\b)/gi;

export function spokenNumbers(text: string): string {
  const fig = (n: number) => String(Math.round(n * 1e6) / 1e6);
  return text
    // "for the next hour", "over the coming day": one of that unit
    .replace(/\b(for|over|during)\s+the\s+(?:next|coming|following)\s+(half\s+)?(hour|minute|day|week)\b/gi, (_m, prep: string, half: string | undefined, unit: string) => `${prep} ${half ? '0.5' : '1'} ${unit}`)
    // "for a day", "over an hour", "for one week": one of that unit
    .replace(/\b(for|over|during|lasting)\s+(?:a|an|one)\s+(hour|day|week)\b/gi, '$1 1 $2')
    // ("every 1/2 min", "3/4 h": a fraction in figures before a unit is its decimal, never its denominator alone)
    .replace(FIGURE_FRACTION_BEFORE_UNIT, (_m, a: string, b: string) => (Number(b) > 0 ? `${fig(Number(a) / Number(b))} ` : _m))
    // (a length in its symbol, as plainUnits writes the lengths said in figures: "half a millimetre" → "0.5 mm")
    .replace(FRACTION_OF_UNIT, (m, count: string | undefined, part: string, unit: string) => `${fig((count ? toNumber(count) : 1) * FRACTION_OF[part.toLowerCase()])} ${/^mil|^mm/i.test(unit) ? 'mm' : new RegExp(`^${LENGTH_WORD}$`, 'i').test(unit) ? 'µm' : unit}`)
    .replace(AND_A_FRACTION_BEFORE, (m, n: string, part: string, unit: string) => (Number.isFinite(toNumber(n)) ? `${fig(toNumber(n) + FRACTION_OF[part.toLowerCase()])} ${unit}` : m))
    .replace(AND_A_FRACTION_AFTER, (m, n: string, unit: string, part: string) => (Number.isFinite(toNumber(n)) ? `${fig(toNumber(n) + FRACTION_OF[part.toLowerCase()])} ${unit}` : m))
    // ("one second", "one minute" stay words: "wait one second" is a figure of speech too)
    .replace(WORDS_BEFORE_UNIT, (m, n: string, gap: string) => (Number.isFinite(toNumber(n)) && !/^one$/i.test(n) ? `${toNumber(n)}${gap.includes('-') ? ' ' : gap || ' '}` : m))
    .replace(NUMBERED_IN_WORDS, (_m, noun: string, n: string) => `${noun} ${toNumber(n)}`)
    .replace(WORDS_AS_A_VALUE, (m, word: string, gap: string, n: string) => (Number.isFinite(toNumber(n)) ? `${word}${gap}${toNumber(n)}` : m));
}

/** A share of a setting as it is now: group 1 the share, group 2 a percentage's number. */
const SHARE_FACTOR: Record<string, number> = { half: 0.5, 'a half': 0.5, 'one half': 0.5, 'a third': 1 / 3, 'one third': 1 / 3, 'two thirds': 2 / 3, 'a quarter': 0.25, 'one quarter': 0.25, 'three quarters': 0.75, 'a fifth': 0.2, 'one fifth': 0.2, 'a tenth': 0.1, 'one tenth': 0.1, twice: 2, double: 2, triple: 3, 'three times': 3, 'two times': 2 };
/** The light settings a share may be of ("a third of the power", "two thirds of the exposure it has now"): kept after the factor. */
const LIGHT_SETTING = String.raw`(?:laser\s+power|light\s+power|exposure\s+time|power|exposure|intensity|laser|light)`;
const SHARE_OF_CURRENT = new RegExp(
  String.raw`\b(${Object.keys(SHARE_FACTOR).join('|')}|(\d+(?:\.\d+)?)\s*(?:%|percent|per cent))\s+(?:of\s+)?(?:what\s+(?:it|they)\s+(?:is|are|was|were)(?:\s+(?:now|set to|at))?|(?:the|its|their)\s+(?:current|present|existing|actual)(?:\s+(?:value|one|setting|level|(power|exposure|intensity)))?|the\s+(?:value|level|setting)\s+(?:now|it is now|it has now)|(?:the|its|their)\s+(${LIGHT_SETTING})(?:\s+(?:it|they)(?:'s|'re|\s+is|\s+are|\s+has|\s+have)?(?:\s+(?:on|at|set\s+(?:to|at)|got|running\s+at|using))?(?:\s+(?:now|currently|at the moment|right now))?|\s+(?:now|currently|at the moment|right now))?)(?![\w])`,
  'gi',
);

/** A method called in code ("acq.abort()", "mmc.mda.cancel()"): group 1 the object path, group 2 the method. */
const CODE_CALL = /(?<![\w.])((?:[a-z_]\w*\.)+)([a-z_]\w*)\(\s*\)/gi;

/** A span put at the end of the run ("1 h onto the end of the run", "30 min to the end"): group 1 the span. */
const SPAN_AT_THE_END = new RegExp(
  String.raw`\b(\d+(?:\.\d+)?\s*(?:s|secs?|seconds?|min|mins|minutes?|h|hrs?|hours?|d|days?)|(?:an?|one)\s+(?:hour|minute|day)|half an hour)\s+(?:on|onto|on to|to|at)\s+(?:the|its)\s+end\b(?:\s+of\s+(?:the|this|my|our|it)\b(?:\s+(?:run|acquisition|experiment|time[\s-]?lapse|imaging|movie|recording|mda)\b)?)?`,
  'gi',
);

/** An amount taken off a setting: group 1 the amount (a share, a percentage or a value with its unit), group 2 the setting. */
const TAKEN_OFF = new RegExp(
  String.raw`\b(?:take|took|taking|knock|knocked|shave|shaved|trim|chop|lop|cut)\s+((?:a|one)[\s-](?:half|third|quarter|fifth|tenth)|half|\d+(?:\.\d+)?\s*(?:%|percent|per cent|ms|msec|s|secs?|seconds?|min|mins|minutes?|h|hrs?|hours?|µm|um|microns?))\s+off\s+(?:of\s+)?([^,;.!?]+?)(?=\s*(?:[,;.!?]|\s(?:and|but|then)\s|$))`,
  'gi',
);

/** Lab shorthand in plain words: "q10min" and "dt = 2 min" are every 10 / 2 min, "x 24h" is for 24 h, 5' is 5 min and 30'' 30 s. */
export function labShorthand(text: string): string {
  return text
    .replace(/\bq\s*(\d+(?:\.\d+)?)\s*(s|secs?|min|mins|h|hrs?)\b/gi, 'every $1 $2')
    // "2x per hour", "3x a day", "4 x/h": a count of time points in a span is so many times in it (never a multiplier)
    // ("the 40x every 3 min" is an objective: only a bare unit after "per", "a", "an", "/" makes it a rate)
    .replace(/\b(\d+|one|two|three|four|five|six|ten)\s*[x×]\s*(?:(a|an|per)\s+|\/\s*)(?=(?:seconds?|secs?|minutes?|mins?|min|hours?|hrs?|hr|h|days?)\b)/gi, (_m, n: string, per?: string) => `${n} times ${per ?? 'per'} `)
    // short slips the spelling tolerance leaves alone (four letters or fewer), and "whats"
    .replace(/\b(?:evry|evey|eveyr|evrey|eevry)\b/gi, 'every')
    .replace(/\bkil\b/gi, 'kill')
    // ("up GFP power by 5%", "and down the red exposure by 10%": "up" / "down" said as the verb of a setting of light)
    .replace(/(^|[,;]\s*|\b(?:and|then|also|please|pls)\s+)(up|down)\s+(?=(?:the\s+)?[\w-]+(?:\s+[\w-]+)?\s+(?:power|exposure|laser|intensity)\b)/gi, (_m, lead: string, verb: string) => `${lead}${verb.toLowerCase() === 'up' ? 'raise' : 'lower'} `)
    // "run AF", "AF now": the lab's short name of autofocus
    .replace(/\b(?:AF|af)\b(?!\s*\d)/g, 'autofocus')
    .replace(/\b(?:stpo|sotp|stp)\b/gi, 'stop')
    .replace(/\bwhats\b/gi, "what's")
    // a command written as a call in code, as pycro-manager / pymmcore-plus users write it ("acq.abort()", "mmc.mda.cancel()",
    // "mda.toggle_pause()"): the method's words, of the acquisition when the object is one; "acq" is the acquisition
    .replace(CODE_CALL, (_m, object: string, method: string) => `${method.replace(/_/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}${/\b(?:acq\w*|mda|sequence|run|experiment)\b/i.test(object.replace(/[._]/g, ' ')) ? ' the acquisition' : ''}`)
    .replace(/\bacq\b(?!\.)/gi, 'acquisition')
    // ("488 laser % down to 3", "laser power to 5": the laser's share said as "laser %", and a bare number for the power, are
    // the power in %; never a number with a unit of its own)
    .replace(/\blaser\s*(?:%|percent(?:age)?)(?=\s|$)/gi, 'laser power')
    .replace(/\b((?:laser\s+)?(?:power|intensity))\s+((?:down\s+|up\s+)?(?:to|at)\s+|[=:]\s*)(\d+(?:\.\d+)?)(?![\d.]|\s*(?:%|percent|per cent|pct|mw|µw|uw|w\b|ms|msec|s\b|secs?|min|nm|x\b|times|fold))/gi, '$1 $2$3%')
    // ("remove the 3rd position", "the 2nd xy point": a position by its ordinal in figures is that position by number)
    .replace(/\b(?:the\s+)?(\d+)(?:st|nd|rd|th)\s+((?:stage\s+|xy\s+)?(?:position|pos|field|site|well|location|xy\s+point))\b/gi, (_m, n: string, noun: string) => `${noun} ${n}`)
    // ("once every 5 min, e.g.", "i.e. 12 h": the abbreviations' dots end no sentence)
    .replace(/\be\.\s?g\.(?=\s|,|$)|\beg\.(?=\s)/gi, 'for example').replace(/\bi\.\s?e\.(?=\s|,|$)/gi, 'that is')
    // ("3D time-lapse", "a 4D movie", "2d imaging": the dimensions of a recording, never days)
    .replace(/\b([234])D\b|\b([234])[\s-]?d(?=[\s-]+(?:time[\s-]?lapses?|timelapses?|imaging|images?|movies?|stacks?|recordings?|acquisitions?|data|volumes?|scans?)\b)/g, (_m, upper?: string, lower?: string) => `${upper ?? lower}-dimensional`)
    // lab abbreviations of channel names ("mch", "bf")
    .replace(/\bmch\b/gi, 'mCherry')
    // ("m-Cherry", "m cherry", as typed or as a word splitter leaves it; "td tomato")
    .replace(/\bm[\s-]+cherry\b/gi, 'mCherry')
    .replace(/\btd[\s-]+tomato\b/gi, 'tdTomato')
    .replace(/\bbf\b/gi, 'brightfield')
    .replace(/(?:\bdt|Δt|\bdelta t)\s*[=:]?\s*(?=\d)/gi, 'every ')
    // a setting's short name before its value: "int 10 min", "exp: 200ms", "pwr 5%", "this tp", "next 2 tps"
    .replace(/\bint(?:vl|erv)?\.?(?=\s*[=:]?\s*\d)/gi, 'interval')
    .replace(/\bexpo?\.?(?=\s*(?:time\s*)?[=:]?\s*\d)|(?<=(?:^|\s)(?:\d{3}|[a-z][\w-]*\d?)\s+)exp\b(?=\s*[=:]?\s*\d|\s+(?:to|down|up|x)\b|\s*[x×]\s*\d)/gi, 'exposure')
    // ("gfp 2x exp", "0.5x exp on the red": a factor said before the short name)
    .replace(/(?<=(?:^|\s)\d+(?:\.\d+)?\s*[x×]\s+)exp\b(?!\w)/gi, 'exposure')
    .replace(/\b(?:pwr|pow)\.?(?=\s*[=:]?\s*\d)/gi, 'power')
    .replace(/\b(the|this|my|our)\s+exp\b(?!\s*[=:]?\s*\d)/gi, '$1 experiment')
    .replace(/\b(this|the|current|next|last|each|every|\d+)\s+tps?\b/gi, (_m, w: string) => `${w} time point${/^(?:\d+|next)$/i.test(w) && !/^1$/.test(w) ? 's' : ''}`)
    // an arrow from the old value to the new: "100ms -> 40ms" is "to 40ms"; "488 -> 5%" is "488 to 5%"
    .replace(/(?:\bevery\s+)?(\d+(?:\.\d+)?)\s*(ms|s|secs?|mins?|h|hrs?|%|µm|um)\s*(?:-+>|=>|→|⟶)\s*(?=(?:every\s+)?\d)/gi, 'to ')
    // ("488 power 3 -> 6": a bare old value too, but never a wavelength naming the channel, "488 -> 5%")
    .replace(/(?<![\w.])(?!(?:405|488|561|594|633|640|647|555|568)\b)(\d+(?:\.\d+)?)\s*(?:-+>|=>|→|⟶)\s*(?=\d)/g, 'to ')
    // "from 20% to 10%", "from 5 min to 10 min": the old value said before the new one is no part of the change (a z range "from 0 to 10 µm" is)
    .replace(/\bfrom\s+\d+(?:\.\d+)?\s*(?:%|ms|msec|s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|percent)?\s+to\s+(?=\d+(?:\.\d+)?\s*(?:%|ms|msec|s\b|secs?|seconds?|mins?|minutes?|h\b|hrs?|hours?|percent)|\d+(?:\.\d+)?\s*$)/gi, 'to ')
    // ("increase the stack from 5 um to 10 um": after a verb of change, a length before "to" is the old one; alone, "from 0 to
    // 10 µm" is a z range)
    .replace(/\b((?:increase|decrease|raise|reduce|lower|change|bump|extend|expand|enlarge|shrink|grow|go|cut|take|make)\w*\b[^,.;]{0,40}?)\bfrom\s+\d+(?:\.\d+)?\s*(?:(?:µm|um|microns?)\s+to\s+(?=\d)|to\s+(?=\d+(?:\.\d+)?\s*(?:µm|um|microns?)\b))/gi, '$1to ')
    // the state a change replaces, said beside it ("go from single plane to 7 planes", "instead of a single plane take 7",
    // "rather than every 5 min do every 2 min"): no part of the change
    .replace(/\bfrom\s+(?:an?\s+|the\s+)?(?:single|one|1)[\s-]+(?:z[\s-]+)?(?:plane|slice|section)\s+(?:acquisition\s+|imaging\s+)?to\s+/gi, 'to ')
    .replace(/\b(?:instead of|rather than|in place of)\s+(?:an?\s+|the\s+)?(?:(?:single|one|1)[\s-]+(?:z[\s-]+)?(?:plane|slice|section)|2d)\b\s*,?\s*/gi, '')
    .replace(/\b(instead of|rather than|in place of)\s+every\s+(?=\d)/gi, '$1 ')
    // ("keep going for another 2 hours after the planned end", "run 2 h past the end": beyond the planned end is longer, never an end)
    .replace(/\s*\b(?:after|past|beyond|over)\s+(?:the\s+|its\s+)?(?:planned|scheduled|original|current|set|programmed)?\s*(?:end(?:ing)?|finish)(?:\s+(?:time|point))?\b/gi, ' longer')
    // ("tack 1 h onto the end of the run", "add 30 min to the end": a span put at the end of the run is that much more of
    // it, never "end" as a stop)
    .replace(SPAN_AT_THE_END, 'another $1')
    // "7 planes @ 1.5 µm", "488 @ 3%": at
    .replace(/\s*@\s*(?=[-+]?\d)/g, ' at ')
    // "10 min rather than 5": instead of the old value
    .replace(/\brather than\s+(?=(?:the\s+)?(?:current\s+)?\d)/gi, 'instead of ')
    // "1/50 s", "1/200 sec": a fraction of a second, as a camera's shutter speed is said, in ms
    .replace(/(?<![\w./])(\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)\s*(?:s|secs?|seconds?)\b/gi, (m, over: string, under: string) => (Number(under) > 0 ? `${Math.round((Number(over) / Number(under)) * 1e6) / 1e3} ms` : m))
    // "a 7-slice stack", "5-position grid": a count joined to what it counts is that many of them
    .replace(/\b(\d+)-(plane|slice|section|position|field|site|tile)s?\b/gi, '$1 $2s')
    // "for a further 6 h": another
    .replace(/\b(?:a\s+)?further\s+(?=\d|an?\s+(?:hour|minute|day)|another\b)/gi, 'another ')
    // ("DAPI every other minute", "every third hour": an ordinal before a unit of time is that many of it, an interval)
    .replace(/\bevery\s+(other|second|third|fourth|fifth|sixth|tenth)\s+(second|sec|minute|min|hour|hr|day)s?\b/gi, (_m, nth: string, unit: string) => `every ${({ other: 2, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, tenth: 10 } as Record<string, number>)[nth.toLowerCase()]} ${unit}s`)
    // "pls", "plz": please
    .replace(/\b(?:pls|plz|plse|pleeease|pleaseee)\b/gi, 'please')
    // other makers' and other speakers' words for the time plan (stop 47): NIS-Elements' "period" and ZEN's "cycle time"
    // are the interval (never "for a period of 2 h", a span); ZEN's "cycles" counted are time points; NIS' "XY points"
    // counted are stage positions; "each 10 minute" is every 10 minutes; "more slow" / "more fast" are slower / faster
    .replace(/(?<!\b(?:a|for|over|within|of)\s+)(?<!\b(?:for|over|within) (?:a|the|this) )\b(?:(?:time[\s-]?lapse|imaging|acquisition|loop)\s+)?(?:period|cycle[\s-]?time)\b(?=\s*(?:to|of|is|=|:|at|be|should be|from)?\s*\d)/gi, 'interval')
    .replace(/\b(?:cycle|loop|time[\s-]?point)\s+(?:count|number)\b/gi, 'number of time points')
    .replace(/(?<=\b(?:\d+|number of|more|fewer|many|the)\s+)cycles?\b/gi, 'time points')
    .replace(/\b(\d+)\s+(?:xy|x-y|x\/y|stage|multi)[\s-]?(?:points?|locations?|sites?)\b/gi, '$1 positions')
    .replace(/\beach\s+(?=\d+(?:\.\d+)?\s*(?:s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?)\b)/gi, 'every ')
    // (not what something is or becomes: "the cells become more slow" is said of the cells, no command)
    .replace(/(?<!\b(?:become|becomes|became|becoming|get|gets|got|getting|are|is|were|was|be|been|move|moves|moved|moving|grow|grows|seem|seems|look|looks)\s+)\bmore\s+(?:slow(?:ly)?)\b/gi, 'slower')
    .replace(/(?<!\b(?:become|becomes|became|becoming|get|gets|got|getting|are|is|were|was|be|been|move|moves|moved|moving|grow|grows|seem|seems|look|looks)\s+)\bmore\s+(?:fast|quick(?:ly)?|rapid(?:ly)?)\b/gi, 'faster')
    // "50 millisec", "50msecs", "20 millis", "30 mili seconds": milliseconds by their other spellings
    .replace(/(\d)\s*(?:msecs|millisecs?|milli-?secs?|millis|mill?i[\s-]?seconds?|mil+isecond?s?)\b/gi, '$1 ms')
    // "405 nanometres", "488 nanometer": a wavelength in nm
    .replace(/(\d)\s*(?:nanomet(?:re|er)s?)\b/gi, '$1 nm')
    // "500 µs", "800 us", "250 microseconds": a short exposure in µs, in ms
    .replace(/(?<![\w.])(\d+(?:\.\d+)?)\s*(?:[µμu]s|[µμu]secs?|micro-?sec(?:ond)?s?)\b/gi, (_m, v: string) => `${Math.round(Number(v)) / 1000} ms`)
    // "00:02:00", "0:00:30", and "1:30 min", "2:30 h" (a clock reading with its unit): a span in h:min:s as
    // Micro-Manager writes one ("at 14:30" alone stays a time of day)
    .replace(/(?<![\w.:])(\d{1,2}):([0-5]\d):([0-5]\d)(?![\w:])/g, (_m, h: string, min: string, sec: string) => `${Number(h) * 3600 + Number(min) * 60 + Number(sec)} s`)
    .replace(/(?<![\w.:])(\d{1,3}):([0-5]\d)\s*(min|mins|minutes?|h|hrs?|hours?)\b/gi, (_m, a: string, b: string, unit: string) => (/^m/i.test(unit) ? `${Number(a) * 60 + Number(b)} s` : `${Number(a) * 60 + Number(b)} min`))
    // "take a third off the exposure", "knock 20% off the GFP power", "shave 10 ms off it": an amount taken off a
    // setting is that setting reduced by it (never the amount as the new value)
    .replace(TAKEN_OFF, (_m, amount: string, setting: string) => `reduce ${setting.trim()} by ${amount}`)
    // ("2 min between frames", "30 s between consecutive time points": a span said between time points is the interval, every that span)
    .replace(/(\d+(?:\.\d+)?\s*(?:s|secs?|seconds?|min|mins|minutes?|h|hrs?|hours?))\s+between\s+(?:(?:consecutive|successive|two|each|the)\s+)*(?:time[\s-]?points|timepoints|frames|images|acquisitions|rounds|loops|stacks)\b/gi, 'every $1')
    // "time-point spacing 7 min", "the time between frames", "delay between time points": the interval, in its one word
    // (a spacing in z, "z spacing 2 µm", is not one)
    .replace(/\b(?:time[\s-]?point|timepoint|frame|temporal)\s+(?:spacing|separation|gap|delay)\b|\b(?:spacing|separation|gap|delay|time|pause|wait)\s+between\s+(?:(?:consecutive|successive|two|each|the)\s+)*(?:time[\s-]?points|timepoints|frames|images|acquisitions|rounds|loops)\b/gi, 'interval')
    // ("number of slices: 3", "change the number of z slices to 5", "no. of planes = 9": a count of planes said after its noun)
    .replace(/\b(?:the\s+)?(?:total\s+)?(?:number|no\.?|count|#)\s*(?:of\s+)?(?:z[\s-]?)?(slices|planes|sections|z[\s-]?steps)\s*(?:[:=]\s*|\bto\s+|\bis\s+)?(\d+)\b(?!\s*(?:-|%|µm|um|microns?|nm|ms|s\b))/gi, (_m, noun: string, n: string) => `to ${n} ${/steps/i.test(noun) ? 'planes' : noun.toLowerCase()}`)
    // "time points 100", "number of time points: 150", "# frames = 80": a count of time points said after its noun
    .replace(/\b(?:(?:the\s+)?(?:total\s+)?(?:number|no\.?|count|#)\s*(?:of\s+)?(?:time[\s-]?points?|timepoints?|frames?|loops?)|(?:time[\s-]?points|timepoints|loops))\s*(?:[:=]|\bto\b|\bis\b)?\s*(\d+)\b(?!\s*(?:-|to\b|and\b|%|s\b|sec|min|h\b|ms))/gi, '$1 time points in total')
    // "half of what it is now", "50% of the current value", "twice the current one": a share of the setting as it is, a factor
    // (never the share as the new value: "GFP power 50% of the current value" is half the power, not 50 %)
    // ("a third of the power it's on now", "two thirds of the exposure": the setting named is kept after the factor)
    .replace(SHARE_OF_CURRENT, (m, share: string, pct: string | undefined, current: string | undefined, setting: string | undefined) =>
      // (a percentage "of the laser power" with no word of now may be of the source's maximum: left as said)
      // (nor "half the power", "double the exposure": the light readers take those words as they are)
      setting !== undefined && !/\b(?:now|currently|moment|it|they)\b/i.test(m) && (pct !== undefined || /^(?:(?:a|one) half|half|twice|double|triple|three times|two times)$/i.test(share.replace(/\s+/g, ' '))) ? m : `${pct !== undefined ? Number(pct) / 100 : SHARE_FACTOR[share.toLowerCase().replace(/\s+/g, ' ')]}x of the current${current ?? setting ? ` ${current ?? setting}` : ''}`)
    // "for the next 5 min", "over the following 2 hours": for that span
    .replace(/\b(?:for|over|during)\s+the\s+(?:next|coming|following)\s+(?=\d)/gi, 'for ')
    // "10 pct": per cent
    .replace(/(\d)\s*pct\b/gi, '$1%')
    // "1h30", "2 h 15": hours and the minutes after them
    .replace(/\b(\d+)\s*h\s*(\d{1,2})\s*(?:m|min|mins)?\b(?!\s*(?:s\b|sec|ms|%|\d|[.,]\d))/gi, '$1 h $2 min')
    .replace(/\s*(?:-+>|=>|→|⟶)\s*/g, ' to ')
    // "+2h", "+ 30 min": that much longer ("-20%" and "+20%" stay shares of a setting)
    .replace(/(^|\s)\+\s*(\d+(?:\.\d+)?)\s*(h|hrs?|hours?|min|mins|minutes?|d|days?)\b/gi, '$1another $2 $3')
    .replace(/(?:^|\s)x\s*(\d+(?:\.\d+)?)\s*(h|hrs?|hours?|d|days?|min|mins|minutes)\b/gi, ' for $1 $2')
    .replace(/(\d)\s*(?:''|")(?![\w])/g, '$1 s')
    .replace(/(\d)\s*['′](?![\w'])/g, '$1 min');
}

export function fmtS(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds * 10) / 10} s`;
  if (seconds < 3600) return `${Math.round((seconds / 60) * 10) / 10} min`;
  return `${Math.round((seconds / 3600) * 10) / 10} h`;
}
