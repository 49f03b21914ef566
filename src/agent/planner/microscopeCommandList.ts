// "pause, snap a brightfield image, then carry on", "drop the red channel and tell me the light dose so far", "change the
// interval to 10 min; when will it finish now?": while an acquisition runs, several commands in one request are each
// carried out, in the order said. The acquisition language reads a request as one command (with the changes it holds),
// so a second command beside the first was dropped in silence. Each clause is planned alone; when every clause is a
// microscope command on its own and together they do more than the whole read at once, their steps are the plan.
import { splitClauses } from './clauses.ts';
import type { Plan } from './types.ts';

/** What the planner knows of the tools, by their declarations. */
export interface CommandRoles {
  isMicroscopeTool: (tool: string) => boolean;
  /** The tool ends the run (a stop). */
  endsTheRun: (tool: string) => boolean;
  /** The tool changes nothing of the run: a report of it, or a single image taken beside it. */
  changesNothing: (tool: string) => boolean;
}

/** A clause that makes what follows depend on something ("if it's a lot, ...", "when it divides, ..."): a rule or a condition, never one command of a list. */
// ("when will it finish?" asks a time: no condition)
const CONDITIONAL = /^(?:(?:and|but|then|so)\s+)?(?:if|when(?!\s+(?:will|would|is|are|was|does|do|did|can|should)\b)|whenever|once|unless|as\s+soon\s+as|in\s+case)\b/i;

/**
 * The plan of a request said to a running acquisition as a list of commands: the steps of each clause planned alone, in
 * the order said, when the whole-request plan changes nothing of the run (or is no plan), each clause alone is a
 * microscope command, and together they run a tool the whole-request plan lacks; otherwise the whole-request plan.
 */
export function eachCommandPlanned(request: string, whole: Plan, planPart: (words: string) => Plan, tools: CommandRoles): Plan {
  // (a change read whole holds what its words ask beside it, "How long is left? Extend it by 2 h", "drop GFP, carry on",
  // "pause for 1 h, then go on by itself": only a whole reading that changes nothing, a report or a single image, or
  // none at all, may have left a command out)
  if (!whole.steps.every((s) => tools.changesNothing(s.tool))) return whole;
  const { isMicroscopeTool, endsTheRun } = tools;
  const clauses = splitClauses(request).filter((c) => c.text.trim().replace(/^[\s,;.]+|[\s,;.]+$/g, '').length > 0);
  if (clauses.length < 2 || clauses.some((c) => c.negated || CONDITIONAL.test(c.text.trim()))) return whole;
  const parts = clauses.map((c) => planPart(c.text.trim()));
  if (parts.some((p) => p.reply || p.steps.length === 0 || !p.steps.every((s) => isMicroscopeTool(s.tool)))) return whole;
  const wholeTools = new Set(whole.steps.map((s) => s.tool));
  const partTools = new Set(parts.flatMap((p) => p.steps.map((s) => s.tool)));
  // (the parts add to what the whole reading does, never replace it: "stop acquiring for now; I'll restart it" is one
  // pause read whole, no stop and a resume read apart; and a stop the whole did not read is never made by a part)
  if (![...partTools].some((t) => !wholeTools.has(t)) || [...wholeTools].some((t) => !partTools.has(t))) return whole;
  if ([...partTools].some((t) => endsTheRun(t) && !wholeTools.has(t))) return whole;
  const notes = [...new Set(parts.flatMap((p) => p.notes ?? []))];
  return { steps: parts.flatMap((p) => p.steps), ...(notes.length ? { notes } : {}) };
}
