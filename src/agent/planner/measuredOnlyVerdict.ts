// "is it bleaching?", "has the signal faded?": a correcting step run only to measure (writeMovie false, run because the
// question asked it) reports how much its quantity changed from the first to the last frame; that change is the yes or
// no, with the number behind it. A change within 5% is taken as none (the tolerance answers.ts uses for "steady").
// Before, the answer was the step's account alone ("correct_bleach ran"), or its loss called "one value, not a change".
import { findTool } from '../allTools.ts';
import type { PastResult } from './conversation.ts';
import { isYesNoQuestion } from './recordingQuestions.ts';

/** A change within this share of the first frame's value is taken as none. */
const NO_CHANGE = 0.05;
/** A declared result that is a loss from the first to the last frame, in % (how the tool's `about` says it). */
const FIRST_TO_LAST_LOSS = /\blost\s+from\s+the\s+first\s+to\s+the\s+last\s+frame\b/i;

/** A yes/no question asked inside a request ("tell me whether it bleaches", "let me know if the signal fades"). */
const ASKS_WHETHER = /\b(?:tell|let\s+(?:me|us)\s+know|know|say|check|see|find\s+out|wonder(?:ing)?)\b[^.?!]*?\b(?:whether|if)\b/i;

/** Words that ask whether the quantity stays as it was ("is the signal stable?"): the closed class of "no change" adjectives. */
const ASKS_STEADY = /\b(?:stable|steady|constant|unchanged|the\s+same|flat|consistent)\b/i;

/** The verdict on a yes/no question from the first-to-last loss a step run only to measure reported; undefined otherwise. */
export function measuredOnlyVerdict(question: string, results: readonly PastResult[]): string | undefined {
  if (!isYesNoQuestion(question) && !ASKS_WHETHER.test(question)) return undefined;
  for (const r of [...results].reverse()) {
    if (!r.ok || r.args.writeMovie !== false) continue;
    const declared = findTool(r.tool)?.results ?? {};
    const key = Object.keys(declared).find((k) => declared[k].unit === '%' && FIRST_TO_LAST_LOSS.test(declared[k].about) && lossesOf(r.values[k]).length > 0);
    if (!key) continue;
    // (the step's own yes or no where it decides one from the data, its sentence after it: never a tolerance that says
    // the opposite of the step; a step that decides none, or a plan-only run, is judged by the ±5% rule)
    const decided = Object.keys(declared).find((k) => declared[k].verdict && typeof r.values[k] === 'boolean');
    if (decided) return `${(r.values[decided] as boolean) !== ASKS_STEADY.test(question) ? 'Yes' : 'No'}: ${lowerFirst(r.summary.replace(/\.\s*$/, ''))}`;
    const losses = lossesOf(r.values[key]);
    const loss = losses.reduce((a, b) => (Math.abs(b) > Math.abs(a) ? b : a));
    const changed = Math.abs(loss) > NO_CHANGE * 100;
    const what = declared[key].about.replace(/^intensity lost\b/i, 'the intensity fell');
    // (the fault the step removes, in the question's word where it says one: "Yes, photobleaching: ...")
    const faults = findTool(r.tool)?.removes ?? [];
    const fault = faults.find((f) => new RegExp(`\\b${f}\\b`, 'i').test(question)) ?? faults[0];
    return `${changed !== ASKS_STEADY.test(question) ? 'Yes' : 'No'}${fault ? `, ${fault}` : ''}: ${lowerFirst(what)} by ${Number(loss.toPrecision(3))}% (${changed ? 'more than' : 'within'} the ±${NO_CHANGE * 100}% taken as no change; from ${r.tool}, run only to measure, the movie left as recorded)`;
  }
  return undefined;
}

/** A loss reported as one number or one per channel (correct_bleach's intensityLossPercent), as a list of numbers. */
function lossesOf(value: unknown): number[] {
  const values = Array.isArray(value) ? value : [value];
  return values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
