// An autofocus schedule in people's words, at start ("film DAPI every 6 min, autofocus every
// time point") or on a running acquisition ("AF every 3rd frame", "refocus before each time
// point", "autofocus every 10 min", "stop autofocusing"): when (every Nth time point, every
// span of time, once at the start) and where (at the first position, or at each). Only the
// words around the autofocus word are read, so a plan's own interval is never taken for it.
import { durationsIn, everyNth, unitSeconds } from './words.ts';

export interface AutofocusScheduleSaid {
  /** Before every Nth time point (1 = each; 0 = only before the first); undefined when said as a span. */
  everyTimepoints?: number;
  /** Every this long, s: every N time points at the interval. */
  everyS?: number;
  eachPosition: boolean;
  /** "stop autofocusing", "no more AF": the schedule ended. */
  off?: true;
  /** Where the words of the schedule are in the text (to take them out of the rest of a plan). */
  index: number;
  length: number;
}

/** The autofocus word itself ("autofocus", "auto-focus", "AF", "refocus", "re-focusing"). */
const AF_WORD = /\b(?:auto[\s-]?focus(?:ing|es|ed)?|re[\s-]?focus(?:ing|es|ed)?|af)\b/i;
/** Words before it that end a schedule ("stop autofocusing", "no more AF", "turn off the autofocus"). */
const OFF_BEFORE = /\b(?:stop|quit|cease|end|cancel|disable|deactivate|turn off|switch off|no more|no longer|don'?t|do not|without|skip|drop|remove|get rid of|enough)\s+(?:(?:the|any|all|more|periodic|scheduled|regular|automatic|doing|running|to)\s+)*$/i;
/** Words after it that end a schedule ("autofocus off", "AF no longer needed"). */
const OFF_AFTER = /^\s*(?:(?:schedule|plan)\s+)?(?:off|no longer|not needed|no more|disabled|stopped)\b/i;
/** Words before it that switch a schedule on ("turn on the autofocus", "enable AF", "switch on auto-focus"). */
const ON_BEFORE = /\b(?:turn|switch|put|keep)\s+on\s+(?:the\s+)?$|\b(?:enable|activate|engage)\s+(?:the\s+)?$/i;
/** Words after it that switch it on ("autofocus on", "AF on please"). */
const ON_AFTER = /^\s*(?:on|enabled|switched on|turned on)\s*(?:please|pls|now|again)?\s*[.!]*$/i;
/** A condition makes it a rule ("refocus whenever the focus drops"), never a schedule. */
const CONDITION = /\b(?:if|when|whenever|unless|once the|as soon as|in case)\b/i;
const TIMEPOINT = String.raw`(?:time[\s-]?points?|timepoints?|frames?|images?|acquisitions?|cycles?|rounds?|loops?|time[\s-]?steps?|stacks?|iterations?)`;
const EACH_TIMEPOINT = new RegExp(String.raw`\b(?:every|each|all|per|every single)\s+${TIMEPOINT}\b|\b(?:every|each)\s+time\b|\bbefore\s+(?:every|each)\s+(?:\w+\s+)?${TIMEPOINT}\b|\bbefore\s+(?:it\s+)?(?:images?|acquires?|snaps?|takes?)\b`, 'i');
const AT_START = /\b(?:once\s+)?(?:at|before)\s+(?:the\s+)?(?:start|beginning|outset|first\s+(?:time[\s-]?point|timepoint|frame|image))\b|\bbefore\s+(?:starting|we start|it starts|imaging starts)\b|\bonly once\b|\bonce\b(?!\s+(?:every|per|an?|each)\b)/i;
const EACH_POSITION = /\b(?:at|for|on|in)\s+(?:every|each|all)\s+(?:the\s+)?(?:positions?|fields?|sites?|stage positions?|wells?|points?)\b|\bper\s+(?:position|field|site|well)\b|\b(?:every|each|whenever the)\s+(?:position|field|stage)\s+(?:change|move)s?\b|\b(?:every|each)\s+(?:position|field|site|well)\b/i;

/** The autofocus schedule said in the text, or undefined (no autofocus word, a condition, or no schedule in its words). */
export function autofocusScheduleSaid(text: string, options: { bareIsEveryTimepoint?: boolean } = {}): AutofocusScheduleSaid | undefined {
  const word = AF_WORD.exec(text);
  if (!word) return undefined;
  // the words of the schedule: the part (between commas, semicolons, "and"/"with"/"then") the autofocus word is in
  const partStart = Math.max(0, ...[...text.slice(0, word.index).matchAll(/[,;:]\s*|\.\s+|\b(?:and|with|plus|then|also)\s+/gi)].map((m) => m.index + m[0].length));
  const endMatch = /[,;.]\s|[,;]|\s+(?:and|then|plus)\s+(?!(?:at|before|on|in)\b)/i.exec(text.slice(word.index + word[0].length));
  let partEnd = endMatch ? word.index + word[0].length + endMatch.index : text.length;
  // ("turn the autofocus on, every 5 frames": the schedule said after a comma, as an aside, is the same part's)
  const aside = /^,\s*((?:every|each|once|before|at)\b[^,;.]*)/i.exec(text.slice(partEnd));
  if (aside) partEnd += aside[0].length;
  const part = text.slice(partStart, partEnd);
  const before = text.slice(partStart, word.index);
  const after = text.slice(word.index + word[0].length, partEnd);
  const at = { index: partStart, length: partEnd - partStart };
  if (CONDITION.test(part)) return undefined;
  if (OFF_BEFORE.test(before) || OFF_AFTER.test(after)) return { eachPosition: false, off: true, ...at };
  const eachPosition = EACH_POSITION.test(part);
  const nth = everyNth(part);
  if (nth !== undefined) return { everyTimepoints: nth, eachPosition, ...at };
  if (EACH_TIMEPOINT.test(part)) return { everyTimepoints: 1, eachPosition, ...at };
  // "every 10 min", "every hour", "once an hour", "every 30 minutes or so"
  const span = durationsIn(part).find((d) => /\b(?:every|each|once)\s+(?:an?\s+|per\s+)?$/i.test(part.slice(0, d.index)) || /\bevery\s+$/i.test(part.slice(0, d.index)));
  const bare = /\b(?:every|each|once an?|once per)\s+(second|minute|min|hour|hr|day)\b/i.exec(part);
  const everyS = span?.seconds ?? (bare ? unitSeconds(bare[1]) : undefined);
  if (everyS !== undefined) return { everyS, eachPosition, ...at };
  if (AT_START.test(part)) return { everyTimepoints: 0, eachPosition, ...at };
  // "at each position": every time point, at each
  if (eachPosition) return { everyTimepoints: 1, eachPosition, ...at };
  // ("turn on autofocus", "enable the AF", "autofocus on": switched on, as a focus lock is, it runs before every time
  // point; one autofocus alone is "autofocus" or "refocus now")
  if (ON_BEFORE.test(before) || ON_AFTER.test(after)) return { everyTimepoints: 1, eachPosition, ...at };
  // "with autofocus" in a plan to start: before every time point
  if (options.bareIsEveryTimepoint && /^\s*(?:(?:on|enabled|turned on|switched on|active|running)\b)?\s*$/i.test(after) && /(?:\bwith|\busing|\bplus|\band|,|^)\s*(?:(?:an?|the)\s+)?$/i.test(before)) return { everyTimepoints: 1, eachPosition, ...at };
  return undefined;
}
