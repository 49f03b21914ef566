// "too many cells are merged together", "now they're cut into pieces", "the tracks jump between cells": a complaint about
// what an earlier step made. The tool declares the faults people see in its result and which of its settings answer each
// (`remedies` in its own file); the step runs again from the settings it used last time, each changed the way the fault
// calls for, and the answer says which and by how much. Before, such a turn re-ran the step unchanged and said "Done",
// or ran nothing at all.
import type { Remedy } from '../../../tools/types.ts';
import { type Catalogue, selfOf } from './catalogue.ts';
import type { Conversation, PastResult } from './conversation.ts';
import { choiceOfSetting } from './impliedChoices.ts';
import { relativeChanges, steppedValue, valueUsed } from './relativeChanges.ts';
import type { Plan, PlannedStep } from './types.ts';
import { meaning, normalizeWord, plainWords } from './words.ts';

/** A complaint matched to the fault a tool that ran declares. */
export interface RemedyAsked {
  last: PastResult;
  remedy: Remedy;
  /** The person's words that named the fault. */
  said: string;
}

/** Every word by its meaning, function words kept ("not picked up" is no "picking up"). */
const meaningsOf = (text: string): string[] => plainWords(text).map((w) => meaning(normalizeWord(w[0])));

/** Where the words of `phrase` come in a row in `words`, by meaning (so "merging" is "merged", "nuclei" is "nucleus"). */
function saysPhrase(words: string[], phrase: string): boolean {
  const wanted = meaningsOf(phrase);
  if (wanted.length === 0) return false;
  for (let i = 0; i + wanted.length <= words.length; i++) if (wanted.every((w, k) => words[i + k] === w)) return true;
  return false;
}

/** The tool's words said in the request ("the segmentation", "the tracks"): which step a complaint is about, where several ran. */
function namesTool(words: string[], tool: string, catalogue: Catalogue): boolean {
  return (selfOf(tool, catalogue)?.words ?? []).some((w) => saysPhrase(words, w));
}

/**
 * The fault a request complains of, among those the tools that ran in this session declare: the step the words name
 * ("the tracks are fragmented"), else the most recent step whose fault they name. Undefined when the request names none.
 */
export function remedyAsked(request: string, earlier: PastResult[], catalogue: Catalogue): RemedyAsked | undefined {
  const words = meaningsOf(request);
  const ran = [...earlier].reverse().filter((r, i, all) => r.ok && all.findIndex((o) => o.ok && o.tool === r.tool) === i);
  const found: (RemedyAsked & { named: boolean })[] = [];
  for (const last of ran) {
    for (const remedy of selfOf(last.tool, catalogue)?.remedies ?? []) {
      const said = remedy.words.find((w) => saysPhrase(words, w));
      if (said) found.push({ last, remedy, said, named: namesTool(words, last.tool, catalogue) });
    }
  }
  // (the step the words name, then the fault said in the most words: "picking up debris" over "picking up")
  const ranked = found.map((f, i) => ({ f, i })).sort((a, b) => Number(b.f.named) - Number(a.f.named) || meaningsOf(b.f.said).length - meaningsOf(a.f.said).length || a.i - b.i);
  return ranked[0]?.f;
}

/** The settings of the last run, the inputs it read and the values it was given (no notes). */
function settingsOf(last: PastResult): Record<string, unknown> {
  return Object.fromEntries(Object.entries(last.args).filter(([k, v]) => !k.startsWith('$') && v !== undefined));
}

const spoken = (value: unknown): string => (typeof value === 'number' ? String(Number(value.toPrecision(3))) : JSON.stringify(value));

/**
 * The step run again for the fault: its last settings, each of the remedy's changes applied (a relative one from the value
 * it used, which its results report), and the line that says so. Without any value to change from, nothing runs and the
 * reply says what to give.
 */
export function remedyPlan(asked: RemedyAsked, conversation: Conversation, catalogue: Catalogue): Plan {
  const { last, remedy, said } = asked;
  const props = catalogue.get(last.tool)?.properties ?? {};
  const args = settingsOf(last);
  const done: string[] = [];
  const unknown: string[] = [];
  let relative = false;
  for (const change of remedy.changes) {
    if (!(change.arg in props)) continue;
    if (change.to !== undefined) {
      // (a switch already so, as given or by default, is no change)
      if ((args[change.arg] ?? props[change.arg].default) === change.to) continue;
      args[change.arg] = change.to;
      done.push(`${change.arg} ${spoken(change.to)}`);
      continue;
    }
    const used = valueUsed(last.tool, change.arg, last, catalogue);
    if (!used) {
      unknown.push(change.arg);
      continue;
    }
    const value = steppedValue(used.value, used.factor, change.way === 'higher', props[change.arg]);
    if (value === used.value) continue;
    args[change.arg] = value;
    relative = true;
    // (a threshold is method "manual"'s: that method runs, said)
    const choice = choiceOfSetting(change.arg, props);
    const implied = choice && args[choice.arg] !== choice.value ? choice : undefined;
    if (implied) args[implied.arg] = implied.value;
    done.push(`${change.arg} ${spoken(used.value)} → ${spoken(value)}${implied ? ` (${implied.arg} "${implied.value}", the one that takes it)` : ''}`);
  }
  const fault = `"${said}" read as ${remedy.symptom}`;
  if (done.length === 0) {
    const which = unknown.length ? unknown.join(' or ') : remedy.changes.map((c) => c.arg).join(' or ');
    return { steps: [], reply: `Not run: ${fault}, which ${which} of \`${last.tool}\` answers, but its last run did not report the value it used, so I cannot change it from there; say a value (e.g. "${which.split(' ')[0]} 8") and I will run it again.` };
  }
  const step: PlannedStep = { tool: last.tool, args, clause: conversation.request };
  return { steps: [step], notes: [`${fault}: \`${last.tool}\` runs again with the settings it used last time, changed: ${done.join(', ')}${relative ? ' (no number was said; say one to choose it)' : ''}.`] };
}

/** A question about the fault ("are the cells merged?", "why are the tracks broken?"), unless it asks to put it right. */
const ASKS_ABOUT_IT = /^\s*(?:why|how\s+come|how\s+many|how\s+much|what|which|when|where|is|are|was|were|do|does|did|has|have)\b/i;
const ASKS_TO_MEND = /\b(?:fix|mend|correct|repair|improve|better|redo|re-?run|again|split|separate|sort\s+(?:it|that|this|them)\s+out|can\s+you|could\s+you|please)\b/i;

/**
 * True when a step of the plan sets something of a tool that ran before, which its last run did not have and which is not
 * the tool's default (a value said: "use Li", "swap Otsu for triangle", "threshold 500"), directly or as a rerun's
 * changes; the object named again ("the nuclei") or a default said ("split them": splitting is on) sets nothing new.
 */
function setsNewSetting(steps: PlannedStep[], earlier: PastResult[], catalogue: Catalogue): boolean {
  return steps.some((s) => {
    const rerun = typeof s.args.tool === 'string' && !!s.args.changes && typeof s.args.changes === 'object';
    const tool = rerun ? (s.args.tool as string) : s.tool;
    const last = [...earlier].reverse().find((r) => r.ok && r.tool === tool);
    if (!last) return false;
    const props = catalogue.get(tool)?.properties ?? {};
    const args = rerun ? (s.args.changes as Record<string, unknown>) : s.args;
    return Object.entries(args).some(([k, v]) => !k.startsWith('$') && v !== undefined && (typeof v !== 'object' || Array.isArray(v)) && !['movie', 'labels', 'tracks', 'table'].includes(k) && JSON.stringify(last.args[k]) !== JSON.stringify(v) && JSON.stringify(props[k]?.default) !== JSON.stringify(v));
  });
}

/**
 * The plan for a complaint about an earlier result, or undefined to plan the request as said: it names no fault a tool
 * that ran declares, it is a question about the fault, or the person said which setting to change (that plan runs).
 */
export function complaintPlan(conversation: Conversation, catalogue: Catalogue, planAsSaid: () => Plan): Plan | undefined {
  const asked = remedyAsked(conversation.request, conversation.earlier, catalogue);
  if (!asked) return undefined;
  if (ASKS_ABOUT_IT.test(conversation.request) && !ASKS_TO_MEND.test(conversation.request)) return undefined;
  // (the person said which setting to change, by a value or by a comparison: "redo that with less smoothing" is planned as
  // said, where a setting with no value to change from is said as not applied)
  if (relativeChanges(asked.last.tool, conversation.request, conversation, catalogue).length > 0) return undefined;
  if (setsNewSetting(planAsSaid().steps, conversation.earlier, catalogue)) return undefined;
  return remedyPlan(asked, conversation, catalogue);
}
