// Several changes undone at once ("undo the last two changes", "undo both of those", "revert my last 3
// changes"): the run set back to how the conversation tells it was before the first of them. Each
// setting those changes moved gets the value it had then; a change whose earlier state the
// conversation does not tell (a position dropped, a grid, an autofocus) is named and nothing is changed.
import { describeAdjustment, type Adjustment } from '../../microscope/adjustment.ts';
import { runStateOf, type RunState, type StepSeen } from './runState.ts';
import { carries } from './toolCommands.ts';

const COUNT: Record<string, number> = { two: 2, both: 2, three: 3, four: 4, five: 5 };
const CHANGES = String.raw`(?:changes?|commands?|edits?|adjustments?|steps?|things?|tweaks?)`;
/** The words that undo more than one change, with their count. */
const UNDO_SEVERAL = new RegExp(
  String.raw`^(?:(?:ok(?:ay)?|no|sorry|oops|actually|hmm+|ugh|argh|ah)[,.!\s]+)*(?:(?:please|pls|can you|could you|would you)\s+)*` +
    String.raw`(?:undo|revert|reverse|take back|cancel|roll\s+back|un-do)\s+` +
    String.raw`(?:(?:the|my|our|your)\s+)?(?:(?:last|previous|past|latest)\s+(two|three|four|five|[2-5])\s+${CHANGES}|(two|three|four|five|[2-5])\s+(?:last|previous|latest)\s+${CHANGES}|(both)(?:\s+(?:of\s+)?(?:those|these|them|changes|of my changes|the changes|the last (?:two|2) changes))?|(?:those|these)\s+(two|three|four|five|[2-5])(?:\s+${CHANGES})?)` +
    String.raw`(?:\s*,?\s*(?:please|pls|again))*\s*[.!]*$`,
);

/** How many changes the words undo at once (2 or more), or undefined. */
export function changesUndone(t: string): number | undefined {
  const m = UNDO_SEVERAL.exec(t.trim());
  if (!m) return undefined;
  const said = m.slice(1).find((g) => g !== undefined)!;
  return COUNT[said] ?? Number(said);
}

/** Words said before a taking back: "hmm", "no", "wait", "oops", "on second thought", "my bad". */
const BEFORE_TAKING_BACK = String.raw`(?:(?:ok(?:ay)?|no+|nope|nah|sorry|oops|whoops|actually|hmm+|hm+|ugh|argh|ah+|oh+|wait|err+|uh+|um+|on second thoughts?|my bad|hold on|wrong|that'?s (?:worse|wrong|not (?:it|right|better)))[,.!\s]+)*(?:(?:please|pls|can you|could you|would you|let'?s|lets|just|i want to|i'd like to)\s+)*`;
/** What is set back: the last change, said any way ("that", "the last change", "what I just did", "my last edit"). */
const THE_LAST = String.raw`(?:that|it|this|the change|(?:the|my|your|our)\s+(?:last|previous|latest|most recent)\s+(?:change|one|command|edit|adjustment|tweak|thing|step)|what i (?:just )?(?:did|said|changed|asked for))`;
/** How things were: "how it was", "the way it was", "before", "the old / previous settings". */
const AS_IT_WAS = String.raw`(?:before|(?:how|what|the way)\s+(?:it|they|things|everything)\s+(?:was|were)(?:\s+before)?|(?:the\s+)?(?:old|previous|earlier|last|former)\s+(?:settings?|values?|one|way|setup|objective|lens|magnification|exposure|power|channels?)|where (?:it|we) (?:was|were))`;
/** The words themselves, after what is said before them: one way of taking back the last change. */
const TAKING_BACK = new RegExp(
  String.raw`^${BEFORE_TAKING_BACK}(?:` +
    String.raw`(?:undo|un-do|revert|reverse|cancel|roll\s*back|rollback)(?:\s+${THE_LAST})?` +
    String.raw`|take\s+(?:${THE_LAST}\s+)?back` +
    String.raw`|(?:scrap|scratch|ditch)\s+${THE_LAST}` +
    String.raw`|(?:put|set|change|turn|switch|bring|make|flip)\s+(?:it|that|this|them|things|everything)\s+back(?:\s+(?:again|to\s+${AS_IT_WAS}|as (?:it|they) (?:was|were)))?` +
    String.raw`|(?:(?:go|get|switch|change|set|put|revert|return|roll)\s+)?(?:(?:it|that|things|everything)\s+)?back(?:\s+(?:again|to\s+${AS_IT_WAS}))?` +
    String.raw`|restore\s+(?:the\s+)?(?:previous|old|earlier|last)\s+(?:settings?|values?|setup)` +
    // ("make it like before", "have it the way it was", "set it as it was"): how it was said as a likeness
    String.raw`|(?:make|have|set|put|leave|get)\s+(?:it|that|this|them|things|everything)\s+(?:(?:just\s+)?like|as|how|the\s+way)\s+(?:before|(?:it|they|things)\s+(?:was|were)(?:\s+before)?|it\s+used\s+to\s+be)` +
    String.raw`)(?:\s*[,.;!]?\s*(?:please|pls|thanks|thank you|again|then|that was (?:a )?(?:mistake|wrong|worse)|i didn'?t mean (?:that|it)|my bad|sorry|it was better(?: before)?|(?:that'?s|it'?s|it looks) worse))*\s*[.!]*$`,
);

/**
 * The words take back the last change, in any of the ways people say it ("undo that", "hmm no, go back", "scrap that",
 * "no wait, take that back", "revert the last change", "put it back as it was", "restore the previous settings"): one
 * undo core with what is said before it (hesitation, "no", "wait") and after it (courtesy, "that was a mistake").
 * "Go back to the original movie and ..." or "go back to every 5 min" say where to, so they are not this.
 */
export function takesBackTheLast(t: string): boolean {
  return TAKING_BACK.test(t.trim().toLowerCase());
}

type Undo = { changes: Adjustment[] } | { ask: string };

/**
 * The changes that set the run back to its state before the last `n` change steps (each command a step),
 * from the plan and the changes the conversation tells. `starts` / `changes`: which steps started or changed the run.
 */
export function undoLast(earlier: StepSeen[], n: number): Undo {
  const starts = (s: StepSeen) => carries(s.tool, 'start');
  const changed = (s: StepSeen) => carries(s.tool, 'change') && Array.isArray(s.args.changes);
  const startAt = earlier.map(starts).lastIndexOf(true);
  if (startAt < 0) return { ask: 'I do not know from this conversation how the acquisition was set up, so I cannot set changes back: say the values you want, e.g. "every 5 min" or "GFP exposure 100 ms"; nothing was changed' };
  const steps = earlier.map((s, i) => i).filter((i) => i > startAt && changed(earlier[i]));
  if (steps.length < n) {
    return { ask: `${steps.length === 0 ? 'No change has' : `Only ${steps.length} change${steps.length === 1 ? ' has' : 's have'}`} been made since the acquisition started, not ${n}${steps.length ? ': say "undo that" to set back the last one' : ''}; nothing was changed` };
  }
  const undone = steps.slice(-n).flatMap((i) => earlier[i].args.changes as Adjustment[]);
  const before = runStateOf(earlier.slice(0, steps[steps.length - n]), starts, changed);
  const now = runStateOf(earlier, starts, changed);
  const unknown = undone.filter((c) => !canSetBack(c, before));
  if (unknown.length) {
    return { ask: `I cannot set back ${unknown.map(describeAdjustment).join('; ')} (the conversation does not tell what ${unknown.length === 1 ? 'it' : 'they'} replaced), so nothing was changed: say the values you want back, or undo the others one at a time` };
  }
  const out = backTo(before, now, undone);
  return out.length ? { changes: out } : { ask: `The last ${n} changes together left the acquisition as it was before them, so nothing was changed` };
}

/** Whether the state before a change tells what that change replaced. */
function canSetBack(c: Adjustment, before: RunState): boolean {
  switch (c.kind) {
    case 'interval':
    case 'intervalFactor':
      return before.intervalS !== undefined && !(c.kind === 'interval' && c.onlyAt !== undefined);
    case 'duration':
    case 'extend':
      return before.durationS !== undefined;
    case 'zPlan':
      return before.zPlan !== undefined;
    case 'exposure':
    case 'exposureFactor':
      return c.channel !== undefined && before.exposureMs?.[c.channel] !== undefined;
    case 'power':
    case 'powerFactor':
      return c.channel !== undefined && before.powerPercent?.[c.channel] !== undefined;
    case 'dropChannel':
    case 'addChannel':
    case 'onlyChannels':
      return before.channels !== undefined;
    case 'objective':
      return before.objective !== undefined;
    case 'status':
      return true;
    default:
      return false;
  }
}

/** The changes that take the run from `now` back to `before`, for the settings the undone changes moved. */
function backTo(before: RunState, now: RunState, undone: Adjustment[]): Adjustment[] {
  const out: Adjustment[] = [];
  const kinds = new Set(undone.map((c) => c.kind));
  const channels = before.channels ?? [];
  const current = now.channels ?? [];
  if (kinds.has('dropChannel') || kinds.has('addChannel') || kinds.has('onlyChannels')) {
    for (const ch of channels.filter((c) => !current.includes(c))) out.push({ kind: 'addChannel', channel: ch, ...(before.exposureMs?.[ch] !== undefined ? { exposureMs: before.exposureMs[ch] } : {}), ...(before.powerPercent?.[ch] !== undefined ? { powerPercent: before.powerPercent[ch] } : {}) });
    for (const ch of current.filter((c) => !channels.includes(c))) out.push({ kind: 'dropChannel', channel: ch });
  }
  const light = (which: 'exposure' | 'power') => undone.flatMap((c) => ((which === 'exposure' ? c.kind === 'exposure' || c.kind === 'exposureFactor' : c.kind === 'power' || c.kind === 'powerFactor') && 'channel' in c && typeof c.channel === 'string' ? [c.channel] : []));
  for (const ch of new Set(light('exposure'))) {
    const was = before.exposureMs![ch];
    if (now.exposureMs?.[ch] !== was && current.includes(ch)) out.push({ kind: 'exposure', exposureMs: was, channel: ch });
  }
  for (const ch of new Set(light('power'))) {
    const was = before.powerPercent![ch];
    if (now.powerPercent?.[ch] !== was && current.includes(ch)) out.push({ kind: 'power', powerPercent: was, channel: ch });
  }
  if ((kinds.has('interval') || kinds.has('intervalFactor')) && now.intervalS !== before.intervalS) out.push({ kind: 'interval', intervalS: before.intervalS! });
  if ((kinds.has('duration') || kinds.has('extend')) && now.durationS !== before.durationS) out.push({ kind: 'duration', durationS: before.durationS! });
  if (kinds.has('zPlan') && JSON.stringify(now.zPlan) !== JSON.stringify(before.zPlan)) out.push({ kind: 'zPlan', zPlan: before.zPlan ?? null });
  if (kinds.has('objective') && before.objective !== undefined && now.objective !== before.objective) out.push({ kind: 'objective', objective: before.objective });
  return out;
}
