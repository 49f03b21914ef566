// A plan or a change said in another tense than "now": a run for a day to come ("tomorrow I'll image mCherry every 5 min",
// "next week I want to run DAPI every 15 min for 48 h") is not started now, since the microscope keeps no calendar; a
// regret about the frames already taken ("I should have used 10 s intervals", "I wish I had gone with 1 min") changes
// nothing by itself, and the answer says the change it would be from now on. Stop 48.
import { describeAdjustment, type Adjustment } from '../../microscope/adjustment.ts';
import { normaliseText } from './words.ts';

const WEEKDAY = '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thu(?:rs)?|fri|sat|sun)';
/** A day to come (dates only): "tomorrow", "next week", "on Monday", "in 3 days". */
const DAY_TO_COME = new RegExp(String.raw`\b(?:the day after tomorrow|tomorrow|next (?:week|month|${WEEKDAY}|weekend)|on ${WEEKDAY}|this (?:coming )?(?:weekend|${WEEKDAY})|later this week|in (?:\d+|a|one|two|three|a few|a couple of) (?:days?|weeks?))\b`);
/** Words just before a day that make it the run's end or its length, not its start ("until tomorrow", "for the next week", "until 9am tomorrow"). */
const ENDS_BY = /\b(?:until|till|til|through|thru|to|by|ending|end|stop|for|over|during)\s+(?:the\s+)?(?:(?:at\s+)?\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.|o'?clock|h)?\s+|noon\s+|midday\s+)?$/;

/** The words naming the day to come a plan is for, or undefined when they name none (or name a day as its end). */
export function dayToCome(text: string): string | undefined {
  const t = normaliseText(text).toLowerCase();
  const m = DAY_TO_COME.exec(t);
  if (!m || ENDS_BY.test(t.slice(0, m.index))) return undefined;
  return m[0];
}

/** Words that look back on what was done and wish it otherwise. */
const REGRET = ['should have', "should've", 'shouldve', 'should of', 'wish i had', "wish i'd", 'wish we had', "wish we'd", 'would have been better', "would've been better", 'ought to have', 'if only i had', 'if only we had', 'it would have been better', 'too bad i did not', "too bad i didn't"];

/** The regret said ("should have"), or undefined; "that should have been Cy5" corrects the plan, no regret. */
export function regretSaid(text: string): string | undefined {
  const t = normaliseText(text).toLowerCase().replace(/[’‘]/g, "'");
  return REGRET.find((w) => new RegExp(`(?<![\\w'])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+')}(?![\\w'])(?!\\s+been\\b)`).test(t));
}

/** The line for a plan said for a day to come: nothing started, the plan as read, and how to start it. */
export function laterStartLine(day: string, understood: string | undefined): string {
  return `Nothing was started: the plan is for ${day}, and the microscope starts a run at once when asked (it keeps no calendar)${understood ? `. I read it as: ${understood}` : ''}. Say the plan again when you want it to start.`;
}

/** The line for a regret with changes: nothing changed, and the changes it would be from now on. */
export function regretLine(said: string, regret: string, changes: Adjustment[]): string {
  return `"${said.trim()}" ("${regret}") is about the frames already taken, which stay as they were, so nothing was changed. To change the running acquisition from now on, say so ("from now on, ${changes.map(describeAdjustment).join('; ')}").`;
}
