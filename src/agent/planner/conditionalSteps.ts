// A step asked on the condition of a yes/no question's answer: "is there photobleaching? if so, correct it",
// "check whether the cells drift and, if they do, correct it". The question's steps run first; the conditional
// steps run only when the answer, read from those results, says yes, and the answer names what was left out and why
// when it says no or cannot tell (never a silent drop, never a step run on a condition not met).
import { checkedQuestion } from './conditionForms.ts';
import type { Conversation } from './conversation.ts';
import type { Plan, PlannedStep } from './types.ts';

/** Words that make what follows depend on the answer before them being yes. */
const IF_SO = new RegExp(
  String.raw`(?:^|[,;.?!]|\s)\s*(?:(?:and|but|then)\s+)?(?:` +
    [
      String.raw`if\s+(?:so|yes)`,
      String.raw`if\s+(?:it|they|there|that|this)\s*(?:'s|\s+(?:is|are|does|do|has|have|was|were))(?:\s+(?:any|some))?(?=\s*[,:]|\s+then\b)`,
      String.raw`if\s+(?:that|this)(?:'s|\s+is)\s+(?:the\s+case|true|so)`,
      String.raw`if\s+(?:needed|necessary|required|there\s+is\s+a\s+need)`,
      String.raw`(?:in\s+that\s+case|should\s+that\s+be\s+(?:the\s+case|so)|where\s+needed|when\s+needed)`,
    ].join('|') +
    String.raw`)\s*[,:]?\s*(?:then\s+)?(?:please\s+)?`,
  'i',
);

/** The words before a question's "if so" that ask it: a question mark, or "whether", "check if", "see if", "tell me if", "how much". */
// ("how much did it bleach, and if so correct it": a question of how much asks whether there is any, "if so" is "if any")
const ASKS_YES_OR_NO = /\?|\bwhether\b|\b(?:check|see|find\s+out|tell\s+me|test|look)\s+(?:if|whether)\b|^\s*(?:is|are|does|do|did|has|have|was|were|can|could|how\s+(?:much|many))\b/i;

/**
 * The request cut at its "if so": what it asks, what it asks done when the answer is yes, and (`after`) what it asks done
 * whatever the answer. The "if so" may follow its action: "there might be some drift? correct it if so, then track the
 * cells" asks the question, corrects on yes, and tracks either way.
 */
export function splitAtCondition(request: string): { asked: string; action: string; after?: string } | undefined {
  const m = IF_SO.exec(request);
  if (!m || m.index === 0) return undefined;
  const before = request.slice(0, m.index).trim();
  const rest = request.slice(m.index + m[0].length).trim();
  // (the action said before its "if so", in the sentence after the question)
  const lastBreak = [...before.matchAll(/[.?!]\s+/g)].at(-1);
  const tail = lastBreak ? before.slice(lastBreak.index + lastBreak[0].length).trim() : '';
  if (lastBreak && tail.length >= 2 && !ASKS_YES_OR_NO.test(tail)) {
    const asked = before.slice(0, lastBreak.index + lastBreak[0].length).trim();
    if (asked.length < 3 || !ASKS_YES_OR_NO.test(asked)) return undefined;
    return { asked, action: tail, ...(rest.length >= 2 ? { after: rest } : {}) };
  }
  if (before.length < 3 || rest.length < 2 || !ASKS_YES_OR_NO.test(before)) return undefined;
  return { asked: before, action: rest };
}

/** What a yes/no question asks about: "is there photobleaching?" -> "photobleaching", "check whether the movie drifts" -> "the movie drifts". */
export function topicOf(asked: string): string {
  const last = asked.split(/(?<=[.!?;])\s+/).filter((s) => s.trim()).at(-1) ?? asked;
  return last
    .replace(/[?!.;,\s]+$/, '')
    .replace(/^.*?\b(?:whether|if)\s+/i, '')
    .replace(/^(?:(?:so|and|but|ok(?:ay)?|now|hey|first)[,\s]+)*(?:(?:is|are|was|were|does|do|did|has|have|can|could)\s+)?(?:there\s+)?(?:(?:any|some)\s+)?/i, '')
    .trim();
}

/** The action with its first pronoun ("correct it", "fix that") read as the question's topic. */
function withTopic(action: string, topic: string): string {
  return topic ? action.replace(/\b(?:it|that|this|them|those)\b(?!')/i, topic) : action;
}

/**
 * The plan of a request with an "if so" after a yes/no question (`planOf` plans any words as a request): the question's
 * steps, then the steps only the action adds, each marked with the question it depends on. The question's own steps
 * alone when they already do what the action asks ("check whether the movie drifts and if it does, correct it":
 * correct_drift measures and corrects). Undefined when the request has no such condition, or either part is not
 * understood alone, or the action's first step is one the question runs (then read as the rest of the request is).
 */
export function conditionalPlan(request: string, planOf: (words: string) => Plan, decidesNeed?: (tool: string) => string | undefined): Plan | undefined {
  const split = splitAtCondition(request);
  if (!split) return undefined;
  const planned = conditionalPlanOf(split, planOf, decidesNeed);
  if (!planned || !split.after) return planned;
  // (the steps asked whatever the answer run after the conditional ones: "..., correct it if so, then track the cells")
  const after = planOf(split.after);
  if (after.reply || after.steps.length === 0) return undefined;
  const notes = [...new Set([...(planned.notes ?? []), ...(after.notes ?? [])])];
  return { ...planned, steps: [...planned.steps, ...after.steps], ...(notes.length ? { notes } : {}) };
}

function conditionalPlanOf(split: { asked: string; action: string }, planOf: (words: string) => Plan, decidesNeed?: (tool: string) => string | undefined): Plan | undefined {
  // ("check whether the movie is noisy, and if so ...": the check asked as the question it is)
  const askedWords = checkedQuestion(split.asked) ?? split.asked;
  const asked = planOf(askedWords);
  const action = planOf(withTopic(split.action, topicOf(split.asked)));
  if (action.reply || action.steps.length === 0) return undefined;
  // (a question answered before anything runs, "is it noisy?": its answer decides now)
  if (asked.reply && asked.steps.length === 0) return decidedNow(asked.reply, action, askedWords);
  if (asked.reply || asked.steps.length === 0) return undefined;
  // (a question's step run only to measure, its result-writing switch off, does not do the action: "is there
  // photobleaching? if so correct it" measures with correct_bleach, then corrects with it only if so)
  const askedTools = new Set(asked.steps.filter((s) => !measuresOnly(s)).map((s) => s.tool));
  // (from the first step the question does not run on: "then measure the intensity" after a correction measures the corrected movie again)
  const firstAdded = action.steps.findIndex((s) => !askedTools.has(s.tool));
  const added = firstAdded < 0 ? [] : action.steps.slice(firstAdded);
  // ("is there drift? if so, correct it", "if there's drift, fix it and then track them": the step the question runs
  // does the action, and tells by itself whether it is needed: the action's plan, with the line that says how)
  const decides = asked.steps.some((s) => s.tool === action.steps[0].tool) ? decidesNeed?.(action.steps[0].tool) : undefined;
  if (decides) return { ...action, notes: [...(action.notes ?? []), decides] };
  if (added.length === 0) return asked;
  if (askedTools.has(action.steps[0].tool)) return undefined;
  const question = asked.question ?? split.asked;
  const onlyIf = (s: PlannedStep): PlannedStep => ({ ...s, onlyIf: question });
  const notes = [...new Set([...(asked.notes ?? []), ...(action.notes ?? [])])];
  return { steps: [...asked.steps, ...added.map(onlyIf)], question, ...(notes.length ? { notes } : {}) };
}

/** A step whose switch that writes its result ("writeMovie") is turned off: it measures, and makes nothing. */
function measuresOnly(step: PlannedStep): boolean {
  return Object.entries(step.args).some(([name, v]) => /^write[A-Z]/.test(name) && v === false);
}

/** The action's plan when the question was answered without a step: run on yes, not on no, and run with a note when the answer cannot tell. */
function decidedNow(reply: string, action: Plan, question: string): Plan {
  const tools = [...new Set(action.steps.map((s) => s.tool))].join(', ');
  if (/^\s*no\b/i.test(reply)) return { steps: [], reply: `${reply} Not run: ${tools} (asked only if so): the answer was no.` };
  if (/^\s*yes\b/i.test(reply)) return { ...action, notes: [reply, ...(action.notes ?? [])] };
  return { ...action, notes: [`I could not check "${question.replace(/[?!.\s]+$/, '')}" (nothing I have measures it), so ${tools} ran as asked, not only if so.`, ...(action.notes ?? [])] };
}

/**
 * The plan with its conditions decided, once the steps before the first conditional one have run: kept when the
 * answer to the question (`answerOf`, read from those results) says yes; else the conditional steps are dropped and a
 * note says which and why. Before that point the plan is as it stands.
 */
export function withConditionsDecided(plan: Plan, conversation: Conversation, answerOf: (plan: Plan, conversation: Conversation) => string): Plan {
  const at = plan.steps.findIndex((s) => s.onlyIf !== undefined);
  if (at < 0 || conversation.current.length < at) return plan;
  const question = plan.steps[at].onlyIf!;
  const answer = answerOf({ steps: plan.steps.slice(0, at), question }, { ...conversation, current: conversation.current.slice(0, at) });
  // (a step's own verdict counts as the answer: "Bleaching found over 8 frames ..." is a yes, "No clear bleaching" a no)
  if (/^\s*yes\b/i.test(answer) || /^\s*(?!no\b)[\p{L}-]+(?:\s+[\p{L}-]+){0,3}\s+found\b/iu.test(answer)) return plan;
  const left = plan.steps.filter((s) => s.onlyIf !== undefined);
  const what = [...new Set(left.map((s) => s.tool))].join(', ');
  const why = /^\s*no\b/i.test(answer) ? 'the answer was no' : 'the results do not say yes or no, so the condition could not be checked';
  return {
    ...plan,
    steps: plan.steps.filter((s) => s.onlyIf === undefined),
    notes: [...(plan.notes ?? []), `Not run: ${what} (asked only if so): ${why}.`],
  };
}
