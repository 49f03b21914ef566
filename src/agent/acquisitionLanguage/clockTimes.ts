// An end said as a time of day ("until 3 pm", "stop at 17:30", "finish by 6pm"), as people used to
// Micro-Manager or NIS write it: the acquisition language counts ends as spans from now, so the time of
// day becomes "end in N min" by this computer's clock, and the answer says which time that was. The time may come
// first ("at 10 pm stop") and be said as "10 o'clock" (the next time it comes round) or with its part of the day ("10
// tonight", "7 in the morning"); a day alone ("tomorrow") or an hour with no am/pm, o'clock or part of the day ("until
// 5") is left as it was (asked).

/** The words with each clock-time end made a span from `now`, and one line per time read. */
export function clockEndsAsSpans(text: string, now: Date = new Date()): { text: string; notes: string[] } {
  const notes: string[] = [];
  const asSpan = (whole: string, offset: number, groups: Record<string, string | undefined>): string => {
    const at = clockOf(groups, now);
    // ("pause until 3 pm": the pause, not the run, ends then)
    const paused = PAUSE.test(text.slice(0, offset)) || PAUSE.test(groups.verb ?? '');
    if (!at) return whole;
    const end = new Date(now);
    end.setHours(at.hours, at.minutes, 0, 0);
    const nextDay = end.getTime() <= now.getTime() || (at.tomorrow && end.getDate() === now.getDate());
    if (nextDay) end.setDate(end.getDate() + 1);
    // (rounded up: an end under a minute away is still an end, never a sentence asked back by the second it is said at)
    const minutes = Math.ceil((end.getTime() - now.getTime()) / 60_000);
    const hhmm = `${String(at.hours).padStart(2, '0')}:${String(at.minutes).padStart(2, '0')}`;
    notes.push(`${hhmm}${nextDay ? ' tomorrow' : ''} is ${spanWords(minutes)} from now by this computer's clock: the ${paused ? 'pause' : 'run'} is planned to end then.`);
    return paused ? ` for ${minutes} min` : `, end in ${minutes} min`;
  };
  const out = text
    // (the time first: "by midnight we're done" is one end, not "by midnight" and a stop left over)
    .replace(CLOCK_FIRST, (whole, ...rest) => asSpan(whole, rest.at(-3) as number, rest.at(-1) as Record<string, string | undefined>))
    .replace(CLOCK_END, (whole, ...rest) => asSpan(whole, rest.at(-3) as number, rest.at(-1) as Record<string, string | undefined>));
  return { text: out.replace(/^\s*,\s*/, '').replace(/,\s*,/g, ','), notes };
}

const PAUSE = /\b(?:pause|hold|suspend|wait|break|halt)\w*\b/i;

/**
 * A time of day, in any of the forms people write it: "3 pm", "6:30pm", "17:30", "noon", "midnight", "10 o'clock",
 * or an hour with the part of the day it falls in ("10 tonight", "7 in the morning"); a day word after it ("10 pm
 * tonight", "7am tomorrow") is part of it. Named groups: hour/minutes/half (am, pm), clock24, named, oclock (an hour
 * with no half: the next time it comes round), part (tonight, this evening, in the morning, ...), day.
 */
// (a bare hour with a day to come, "until 9 tomorrow morning", stays asked as before: only today's parts place a bare hour)
const DAY_PART = String.raw`tonight|this evening|in the evening|this afternoon|in the afternoon|at night|in the morning`;
// ("until tomorrow 9am", "till tomorrow at 07:30": the day said before the time is its day as after it)
const TIME_OF_DAY =
  String.raw`(?:(?<preday>tomorrow)\s+(?:at\s+)?)?(?:(?<hour>\d{1,2})(?:[:.](?<minutes>\d{2}))?\s*(?<half>am|pm|a\.m\.|p\.m\.)|(?<clock24>\d{1,2}:\d{2})(?!\s*(?:am|pm|a\.m|p\.m|min|s\b|h\b))|(?<named>noon|midday|midnight)|(?<oclock>\d{1,2})(?:[:.](?<ominutes>\d{2}))?\s*(?:o'?\s?clock\b|(?=\s+(?:${DAY_PART})\b)))` +
  String.raw`(?:\s+(?<part>${DAY_PART}|tomorrow(?:\s+(?:morning|evening|night|afternoon))?|today)\b)?`;

/** Words that end the run, said with a time of day before or after them. */
const END_VERB = String.raw`(?:stop|end|finish|wrap(?:\s+(?:it|things|this))?\s+up|call it(?:\s+a\s+day)?|shut\s+(?:it\s+)?down|terminate|abort|quit|kill)\w*`;
const END_OBJECT = String.raw`(?:\s+(?:it|imaging|the imaging|the run|the acquisition|the experiment|the mda|the time[\s-]?lapse|everything|things))?`;

/**
 * An end word and a time of day: "until 3 pm", "till 17:30", "stop at 6pm", "finish by noon",
 * "and end it around 18:00", "stop it at 10 o'clock tonight".
 */
const CLOCK_END = new RegExp(
  String.raw`,?\s*(?:\b(?:and|then)\s+)?(?:\b(?:until|till|til|up to)|\b(?<verb>${END_VERB})${END_OBJECT}\s+(?:at|by|around|about)|\bby)\s+(?:about\s+|around\s+)?` + TIME_OF_DAY + String.raw`\b`,
  'gi',
);

/**
 * The time of day first, the end after it: "at 10 pm stop", "at 22:00, end the run", "10pm stop imaging", "by
 * midnight we're done", "come 9 o'clock, wrap it up".
 */
const CLOCK_FIRST = new RegExp(
  String.raw`,?\s*(?:\b(?:and|then)\s+)?(?:\b(?:at|by|around|about|come)\s+(?:about\s+|around\s+)?|^\s*)` + TIME_OF_DAY + String.raw`\s*,?\s*(?:(?:please|pls|just|then|you can|can you|could you|we|we'll|let's|let us|i want to|i'd like to)\s+)*(?:(?<verb>${END_VERB})${END_OBJECT}|(?:we(?:'re| are)|it(?:'s| is)|i'm|be)\s+(?<done>done|finished|over))\b`,
  'gi',
);

function clockOf(g: Record<string, string | undefined>, now: Date): { hours: number; minutes: number; tomorrow?: boolean } | undefined {
  const tomorrow = /tomorrow/i.test(g.part ?? '') || g.preday !== undefined || undefined;
  if (g.hour !== undefined && g.half !== undefined) {
    const h = Number(g.hour);
    if (h < 1 || h > 12) return undefined;
    const pm = g.half.toLowerCase().startsWith('p');
    return withDay(valid((h % 12) + (pm ? 12 : 0), Number(g.minutes ?? 0)), tomorrow);
  }
  if (g.clock24 !== undefined) {
    const [h, m] = g.clock24.split(':').map(Number);
    return withDay(valid(h, m), tomorrow);
  }
  if (g.named !== undefined) return g.named.toLowerCase() === 'midnight' ? { hours: 0, minutes: 0 } : withDay({ hours: 12, minutes: 0 }, tomorrow);
  if (g.oclock !== undefined) {
    const h = Number(g.oclock);
    const m = Number(g.ominutes ?? 0);
    if (h > 12) return withDay(valid(h, m), tomorrow);
    if (h < 1) return undefined;
    const part = (g.part ?? '').toLowerCase();
    // (the part of the day says the half; none said: the next time the hour comes round, morning or evening)
    if (/evening|night|afternoon/.test(part)) return withDay(valid((h % 12) + 12, m), tomorrow);
    if (/morning/.test(part)) return withDay(valid(h % 12, m), tomorrow);
    const am = (h % 12) * 60 + m;
    const nowMin = now.getHours() * 60 + now.getMinutes();
    const next = [am, am + 720].find((x) => x > nowMin) ?? am;
    return withDay(valid(Math.floor(next / 60), next % 60), tomorrow);
  }
  return undefined;
}

function withDay<T extends { hours: number; minutes: number }>(at: T | undefined, tomorrow: boolean | undefined): (T & { tomorrow?: boolean }) | undefined {
  return at && tomorrow ? { ...at, tomorrow } : at;
}

function valid(hours: number, minutes: number): { hours: number; minutes: number } | undefined {
  return hours >= 0 && hours < 24 && minutes >= 0 && minutes < 60 ? { hours, minutes } : undefined;
}

function spanWords(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h && m ? `${h} h ${m} min` : h ? `${h} h` : `${m} min`;
}

/** An end at a bare hour ("stop at 5", "at 11 stop", "end around 6"): which half of the day is asked, never guessed. */
const BARE_HOUR_END = new RegExp(
  String.raw`\b(?:${END_VERB})${END_OBJECT}\s+(?:at|by|around|about)\s+(?:about\s+|around\s+)?(?<a>\d{1,2})\b(?![:.]\d|\s*(?:%|x\b|ms|s\b|secs?|seconds?|min|mins|minutes?|h\b|hrs?|hours?|frames?|time|µm|um))` +
    String.raw`|^\s*(?:at|by|around|about)\s+(?<b>\d{1,2})\s*,?\s*(?:(?:please|pls|just|then)\s+)*(?:${END_VERB})\b`,
  'i',
);

/**
 * The question to ask when an end is said at an hour with no am/pm, o'clock or part of the day ("stop at 5"): the two
 * times it could be, each as a span from `now`. Undefined when the words say no such end.
 */
export function bareHourEndQuestion(text: string, now: Date = new Date()): string | undefined {
  const m = BARE_HOUR_END.exec(text);
  const hour = Number(m?.groups?.a ?? m?.groups?.b);
  if (!m || !(hour >= 1 && hour <= 12)) return undefined;
  const away = (h: number) => {
    const end = new Date(now);
    end.setHours(h, 0, 0, 0);
    if (end.getTime() <= now.getTime()) end.setDate(end.getDate() + 1);
    return spanWords(Math.ceil((end.getTime() - now.getTime()) / 60_000));
  };
  const am = hour % 12;
  return `Which ${hour} o'clock: ${String(am).padStart(2, '0')}:00 (${away(am)} from now) or ${am + 12}:00 (${away(am + 12)} from now)? Say e.g. "stop at ${hour} pm"; nothing was changed.`;
}

/**
 * An end said as a part of a day with no hour ("until tomorrow morning", "till tonight", "until the end of the day",
 * "till lunchtime"): people mean different hours by it, so the hour is asked, in one line, never guessed and never read
 * as another tool's number. An hour said with it ("until tomorrow morning at 9", "until 9 tomorrow morning") is not this.
 */
const DAY_PART_END = new RegExp(
  String.raw`\b(?:until|till|til|up to|(?:${END_VERB})${END_OBJECT}\s+(?:at|by|around|about|in|at the))\s+(?:the\s+)?` +
    String.raw`(?<part>(?:(?:tomorrow|this|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s+)?(?:morning|afternoon|evening|night)|tonight|end of (?:the\s+)?(?:working\s+|work\s+)?day|lunch\s*time|lunch|dinner\s*time|bedtime)\b` +
    String.raw`(?!\s*(?:at\s+|around\s+|about\s+)?\d)`,
  'i',
);

/** The question to ask for an end at a part of a day with no hour; undefined when the words say no such end. */
export function dayPartEndQuestion(text: string, running = false): string | undefined {
  const m = DAY_PART_END.exec(text);
  if (!m?.groups?.part) return undefined;
  // (only an end of imaging: "track the cells until tonight" is no run to end)
  if (!running && !IMAGING_SAID.test(text)) return undefined;
  return `"${m.groups.part}" gives no hour: until what time? Say a time ("until 9 am tomorrow") or how long from now ("for 14 h"); nothing was ${running ? 'changed' : 'started'}.`;
}

/** Words of imaging over time: a run to end, when nothing runs yet. */
const IMAGING_SAID = /\bevery\b|\bimag\w*|\bacqui\w*|\brecord\w*|\btime[\s-]?lapse\b|\bfilm\w*|\bkeep\b|\bcontinue\b|\bgo on\b|\bcarry on\b|\bmda\b/i;
