// "Build me a pipeline that removes the background, segments the nuclei and tracks them; save it as
// mypipe.yaml": the steps described are run on the movie open and then kept as a pipeline. Without this
// reading, "save it as mypipe.yaml" went to the export of the last step (a CSV written into a .yaml file)
// and no pipeline was saved, while the answer said "Done".
import { buildArgs } from './builders.ts';
import { producesOf, selfOf, writesCopies, type Catalogue } from './catalogue.ts';
import type { Conversation } from './conversation.ts';
import type { Plan, PlannedStep } from './types.ts';

/** Verbs and phrases that make something ("build", "set up", "I'd like"), before the thing made. */
const MAKING = String.raw`(?:build|make|create|write|save|store|set\s+up|setup|put\s+together|design|assemble|define|prepare|draft|give\s+me|i\s+(?:want|need|would\s+like|'d\s+like))`;
/** "save it as p.yaml", "and store this", "save the whole thing to pipes/a.yml": a clause that saves what was described. */
const SAVES_IT = /^[\s,;:.]*(?:and\s+|then\s+|finally\s+|please\s+)*(?:save|store|keep|write)\s+(?:it|this|that|them|everything|all\s+of\s+it|the\s+(?:whole\s+thing|lot))\b(?:\s+(?:as|to|in|into|under)\s+\S+)?[\s.!,;:]*$/i;
const YAML_PATH = /\.ya?ml$/i;

/** The tool that keeps the session's steps as a pipeline, by its declaration: it makes a pipeline and reads no result. */
function pipelineKeeper(catalogue: Catalogue): string | undefined {
  return [...catalogue.keys()].find((t) => producesOf(t, catalogue)[0] === 'pipeline' && (selfOf(t, catalogue)?.consumes ?? []).length === 0);
}

/** The nouns the keeper declares for what it makes ("pipeline", "workflow", "recipe"): its one-word words. */
function pipelineNouns(keeper: string, catalogue: Catalogue): string[] {
  return (selfOf(keeper, catalogue)?.words ?? []).filter((w) => /^[a-z]+$/i.test(w) && !/able$/i.test(w));
}

/** True when the request asks to make a pipeline ("build me a pipeline that ...", "create a reusable workflow: ..."). */
export function asksToMakeAPipeline(request: string, catalogue: Catalogue): boolean {
  const keeper = pipelineKeeper(catalogue);
  if (!keeper) return false;
  const nouns = pipelineNouns(keeper, catalogue);
  if (nouns.length === 0) return false;
  const frame = new RegExp(String.raw`\b${MAKING}\s+(?:me\s+|us\s+)?(?:a|an|one|the|my)?\s*(?:[\w-]+\s+){0,2}?(?:${nouns.join('|')})s?\b`, 'i');
  return frame.test(request);
}

/**
 * The plan of a request that asks to make a pipeline of the steps it describes: those steps, then the keeper;
 * "save it (as NAME.yaml)" is the keeper's, never another step's output.
 */
export function keptAsPipeline(plan: Plan, conversation: Conversation, catalogue: Catalogue): Plan {
  const keeper = pipelineKeeper(catalogue);
  if (!keeper || plan.reply || plan.question || !asksToMakeAPipeline(conversation.request, catalogue)) return plan;
  const analysis = plan.steps.filter((s) => s.tool !== keeper && producesOf(s.tool, catalogue)[0] !== 'pipeline' && selfOf(s.tool, catalogue)?.domain !== 'microscope');
  if (analysis.length === 0 || analysis.length !== plan.steps.filter((s) => s.tool !== keeper).length) return plan;
  let yamlPath: string | undefined;
  const steps: PlannedStep[] = [];
  for (const step of plan.steps) {
    const output = step.args.output;
    const pipelineFile = step.tool !== keeper && typeof output === 'string' && YAML_PATH.test(output);
    if (pipelineFile) yamlPath = output;
    // ("... and save it as p.yaml": the clause saves the pipeline, it asks for no export)
    if (step.tool !== keeper && writesCopies(step.tool, catalogue) && SAVES_IT.test(step.clause)) continue;
    if (pipelineFile) {
      const { output: _taken, ...rest } = step.args;
      steps.push({ ...step, args: rest });
    } else steps.push(step);
  }
  let keeping = steps.find((s) => s.tool === keeper);
  if (!keeping) {
    keeping = { tool: keeper, args: buildArgs(keeper, { clause: conversation.request, text: conversation.request, conversation, catalogue }), clause: conversation.request };
    steps.push(keeping);
  }
  if (yamlPath && keeping.args.output === undefined) keeping.args = { ...keeping.args, output: yamlPath, name: pipelineNameOf(yamlPath) };
  return { ...plan, steps };
}

/** A pipeline's name from its file: the file's stem, lowercase, other characters as "-". */
function pipelineNameOf(path: string): string {
  const stem = (path.split(/[\\/]/).at(-1) ?? path).replace(YAML_PATH, '').toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^[^a-z0-9]+/, '');
  return stem || 'my-pipeline';
}
