// A pipeline saved earlier in the chat, talked about afterwards.
// - "change the tracking gap in the pipeline to 3", "make the pipeline use li instead of otsu": the step runs again with
//   that setting (the tool that changes an earlier step's arguments) and the pipeline is saved again under its name, so
//   the file says the new setting; the answer names the setting and the `--set` that changes it for one run only. Before,
//   the first re-ran the step and left the saved pipeline as it was, the second saved a second pipeline with the old
//   setting, each with "Done".
// - "how do I run my pipeline headless?", "how can I run it from the command line?": the command that runs the saved
//   pipeline, nothing run (before, run_pipeline ran it on the movie in the chat).
import { producesOf, rerunnerOf, selfOf, type Catalogue } from './catalogue.ts';
import { snakeCase } from '../pipeline.ts';
import type { Conversation, PastResult } from './conversation.ts';
import type { Plan, PlannedStep } from './types.ts';

/** The pipeline spoken of: "in the pipeline", "of my workflow", "the pipeline's", "make the pipeline use ...". */
const THE_PIPELINE = /\b(?:(?:in|of|for|to|on|inside)\s+)?(?:the|my|our|this|that|your)\s+(?:saved\s+)?(?:pipeline|workflow|recipe|protocol)(?:'s)?\b/gi;
/** A how-to question about running it outside the chat. */
const HOW_TO_RUN = /^\W*(?:(?:so|and|ok(?:ay)?|now)[,\s]+)*(?:how\s+(?:do|can|would|should|could)\s+(?:i|we|one|you)|how\s+to|what(?:'s|\s+is)\s+the\s+command\s+to|can\s+(?:i|we)|is\s+there\s+a\s+way\s+to)\s+(?:re-?)?(?:run|execute|launch|start|use|apply)\b/i;
/** Outside the chat: headless, the command line, a terminal, a script, batch. */
const OUTSIDE = /\b(?:headless(?:ly)?|command[\s-]?line|terminal|shell|script|cli|batch|without\s+the\s+chat|outside\s+(?:the\s+|this\s+)?chat|from\s+bash|non-?interactive(?:ly)?|again\s+later)\b/i;
const INPUTS = new Set(['movie', 'labels', 'tracks', 'table', 'output']);

/** The tool that saves the session's steps as a pipeline: it makes a pipeline and reads no result. */
function saver(catalogue: Catalogue): string | undefined {
  return [...catalogue.keys()].find((t) => producesOf(t, catalogue)[0] === 'pipeline' && (selfOf(t, catalogue)?.consumes ?? []).length === 0);
}

/** The latest pipeline saved in this chat, by the saver's own result. */
function lastSaved(conversation: Conversation, keeper: string): PastResult | undefined {
  return [...conversation.earlier].reverse().find((r) => r.ok && r.tool === keeper && typeof r.args.name === 'string');
}

/** The changed settings of a step planned from the words: a rerun's changes, or the settings of a step of a tool that ran. */
function changesOf(step: PlannedStep, rerun: string, conversation: Conversation): { tool: string; changes: Record<string, unknown> } | undefined {
  if (step.tool === rerun) {
    const changes = step.args.changes as Record<string, unknown> | undefined;
    return typeof step.args.tool === 'string' && changes && Object.keys(changes).length > 0 ? { tool: step.args.tool, changes } : undefined;
  }
  if (!conversation.earlier.some((r) => r.ok && r.tool === step.tool)) return undefined;
  const changes = Object.fromEntries(Object.entries(step.args).filter(([k, v]) => !INPUTS.has(k) && !k.startsWith('$') && (typeof v !== 'object' || v === null)));
  return Object.keys(changes).length > 0 ? { tool: step.tool, changes } : undefined;
}

/**
 * The plan of a turn that changes a setting of the pipeline saved in this chat; undefined for any other turn.
 * `planOf` plans words as a request of this turn.
 */
export function savedPipelineSettingPlan(conversation: Conversation, catalogue: Catalogue, planOf: (words: string) => Plan): Plan | undefined {
  const text = conversation.request;
  const keeper = saver(catalogue);
  const rerun = rerunnerOf(catalogue);
  if (!keeper || !rerun || HOW_TO_RUN.test(text)) return undefined;
  const saved = lastSaved(conversation, keeper);
  if (!saved || !text.match(THE_PIPELINE)) return undefined;
  const words = text.replace(THE_PIPELINE, ' ').replace(/\s{2,}/g, ' ').trim();
  const planned = planOf(words);
  if (planned.reply || planned.steps.length !== 1) return undefined;
  const changed = changesOf(planned.steps[0], rerun, conversation);
  if (!changed) return undefined;
  const name = saved.args.name as string;
  const settings = Object.entries(changed.changes).map(([k, v]) => `${k} = ${JSON.stringify(v)}`).join(', ');
  const sets = Object.entries(changed.changes).map(([k, v]) => `--set ${changed.tool}_${snakeCase(k)}=${String(v)}`).join(' ');
  return {
    steps: [
      { tool: rerun, args: { tool: changed.tool, changes: changed.changes }, clause: text },
      { tool: keeper, args: { ...saved.args, overwrite: true }, clause: text },
    ],
    notes: [`I ran ${changed.tool} again with ${settings} and saved the pipeline "${name}" again over its file, so it now uses that setting; to change it for one run only, without saving: \`cellpilot run pipelines/${name}.yaml MOVIE... ${sets} --out results/\`.`],
  };
}

/** The reply to "how do I run my pipeline headless?": the command that runs the pipeline saved here (nothing run); undefined for other words. */
export function savedPipelineHowTo(conversation: Conversation, catalogue: Catalogue): string | undefined {
  const text = conversation.request;
  if (!HOW_TO_RUN.test(text) || !(OUTSIDE.test(text) || text.match(THE_PIPELINE))) return undefined;
  const keeper = saver(catalogue);
  const saved = keeper ? lastSaved(conversation, keeper) : undefined;
  if (!saved) return undefined;
  const name = saved.args.name as string;
  const path = typeof saved.args.output === 'string' ? saved.args.output : `pipelines/${name}.yaml`;
  return `Nothing was run. The pipeline "${name}" you saved runs headless, outside the chat, with \`cellpilot run ${path} MOVIE... --out results/\` (one results folder per movie; \`--set NAME=VALUE\` changes a setting for that run, \`--jobs N\` runs N movies at once, \`cellpilot export snakemake ${path} > Snakefile\` writes a Snakefile for a cluster).`;
}
