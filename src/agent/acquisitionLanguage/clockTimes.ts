// An end said as a time of day ("until 3 pm", "stop at 17:30", "finish by 6pm"), as people used to
// Micro-Manager or NIS write it: the acquisition language counts ends as spans from now, so the time of
// day becomes "end in N min" by this computer's clock, and the answer says which time that was. A day
// ("tomorrow", "tonight") or an hour with no am/pm and no minutes ("until 5") is left as it was (asked).

/** The words with each clock-time end made a span from `now`, and one line per time read. */
export function clockEndsAsSpans(text: string, now: Date = new Date()): { text: string; notes: string[] } {
  const notes: string[] = [];
  const out = text.replace(CLOCK_END, (whole, ...groups: (string | undefined)[]) => {
    const at = clockOf(groups.slice(0, 4), groups[4]);
    const offset = groups[5] as unknown as number;
    // ("pause until 3 pm": the pause, not the run, ends then)
    const paused = PAUSE.test(text.slice(0, offset));
    if (!at) return whole;
    const end = new Date(now);
    end.setHours(at.hours, at.minutes, 0, 0);
    const nextDay = end.getTime() <= now.getTime();
    if (nextDay) end.setDate(end.getDate() + 1);
    // (rounded up: an end under a minute away is still an end, never a sentence asked back by the second it is said at)
    const minutes = Math.ceil((end.getTime() - now.getTime()) / 60_000);
    const hhmm = `${String(at.hours).padStart(2, '0')}:${String(at.minutes).padStart(2, '0')}`;
    notes.push(`${hhmm}${nextDay ? ' tomorrow' : ''} is ${spanWords(minutes)} from now by this computer's clock: the ${paused ? 'pause' : 'run'} is planned to end then.`);
    return paused ? ` for ${minutes} min` : `, end in ${minutes} min`;
  });
  return { text: out.replace(/^\s*,\s*/, ''), notes };
}

const PAUSE = /\b(?:pause|hold|suspend|wait|break|halt)\w*\b/i;

/**
 * An end word and a time of day: "until 3 pm", "till 17:30", "stop at 6pm", "finish by noon",
 * "and end it around 18:00". Groups: hour and minutes with am/pm, hour and minutes of a 24-hour
 * clock, noon or midnight.
 */
const CLOCK_END = new RegExp(
  String.raw`,?\s*(?:\b(?:and|then)\s+)?(?:\b(?:until|till|til|up to)|\b(?:stop|end|finish|wrap(?:\s+it)?\s+up)\w*(?:\s+(?:it|imaging|the run|the acquisition|everything))?\s+(?:at|by|around|about)|\bby)\s+(?:about\s+|around\s+)?` +
    String.raw`(?:(\d{1,2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)|(\d{1,2}:\d{2})(?!\s*(?:am|pm|a\.m|p\.m))|(noon|midday|midnight))\b`,
  'gi',
);

function clockOf([hour, minutes, half, clock24]: (string | undefined)[], named?: string): { hours: number; minutes: number } | undefined {
  if (hour !== undefined && half !== undefined) {
    const h = Number(hour);
    if (h < 1 || h > 12) return undefined;
    const pm = half.toLowerCase().startsWith('p');
    return valid((h % 12) + (pm ? 12 : 0), Number(minutes ?? 0));
  }
  if (clock24 !== undefined) {
    const [h, m] = clock24.split(':').map(Number);
    return valid(h, m);
  }
  return named === undefined ? undefined : named.toLowerCase() === 'midnight' ? { hours: 0, minutes: 0 } : { hours: 12, minutes: 0 };
}

function valid(hours: number, minutes: number): { hours: number; minutes: number } | undefined {
  return hours >= 0 && hours < 24 && minutes >= 0 && minutes < 60 ? { hours, minutes } : undefined;
}

function spanWords(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h && m ? `${h} h ${m} min` : h ? `${h} h` : `${m} min`;
}
