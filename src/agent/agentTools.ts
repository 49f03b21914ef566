// The agent's own tools: grounded method advice (help), and saving / running pipelines.
// They read the agent's notes, provenance and pipelines, so they live in the agent layer
// (tools/ never imports src/agent); allTools.ts adds them to the catalogue.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { InputError } from '../errors.ts';
import { movieArg, outputArg } from '../../tools/common.ts';
import { TOOLS } from '../../tools/index.ts';
import { defineTool, type RequestClause, type ToolContext, type ToolSpec } from '../../tools/types.ts';
import { findName } from './planner/extract.ts';
import { pipelinesDir } from './filePolicy.ts';
import { loadNotes, searchNotes } from './notes.ts';
import { asksHowToUse, usageAnswer } from './usage.ts';
import { HISTORY_KEY, type StepHistory } from '../../tools/history.ts';
import { toolJsonSchema } from '../../tools/jsonSchema.ts';
import { cellpilotCommandLine, pathFrom } from './commandHint.ts';
import { executePipeline, leftOutSteps, loadPipeline, neededSteps, pipelineFromSession, pipelineToYaml, type Pipeline } from './pipeline.ts';
import { ProvenanceLog } from './provenance.ts';
import { asksForACluster, snakefile } from './snakemake.ts';
import { validateArgs } from './validation.ts';

const help = defineTool({
  name: 'help',
  role: 'advice',
  readsOnly: true,
  summary: 'Gives method advice (which method to use and why) from the live-cell imaging review.',
  words: ['help me', 'what can i ask', 'how do i use', 'how does this work', 'getting started', 'which method', 'should i', 'advice', 'recommend', 'best way', 'difference between', 'explain', 'why would', 'why should', 'when would i', 'how do i choose', 'what is the best', 'is it ok', 'is it safe', 'is it fine'],
  examples: ['which denoising method should I use?', 'what is the best way to track dividing cells?', 'should I correct bleaching before measuring?', 'explain the difference between Otsu and Li'],
  consumes: [],
  produces: [],
  results: {},
  description:
    'Answers "which method should I use and why" questions (drift, bleaching, denoising, super-resolution, artificial labelling, segmentation, tracking, projections, time series, self-driving microscopy) from method notes written from the live-cell imaging review (Pylvänäinen et al. 2023). Returns the advice and the tools to use.',
  schema: z.object({
    question: z.string().min(1).describe('The question, in the user\'s words'),
    topic: z
      .enum(['drift', 'bleach', 'denoise', 'superres', 'labelling', 'segmentation', 'tracking', 'projections', 'timeseries', 'microscope', 'choosing'])
      .optional()
      .describe('The topic, when known; default: found from the question'),
  }),
  // the question itself: help reads its topic from it
  fromRequest: (clause) => ({ question: clause.request }),
  async run(args) {
    // "help", "what can you do?": how to use cellpilot, not a method note
    if (!args.topic && asksHowToUse(args.question)) {
      const answer = usageAnswer([...TOOLS, ...AGENT_TOOLS]);
      return { summary: answer, artifacts: [], values: { topic: 'usage', answer, tools: [] } };
    }
    const ranked = searchNotes(args.question, args.topic);
    if (ranked.length === 0) {
      const topics = loadNotes().map((n) => n.title.toLowerCase()).join(', ');
      return { summary: `I have notes on ${topics}; ask about one of these.`, artifacts: [], values: { topic: null, answer: '', tools: [] } };
    }
    const best = ranked[0].note;
    const also = ranked.slice(1, 3).filter((r) => r.score >= ranked[0].score / 2).map((r) => r.note.topic);
    return {
      summary: `${best.title}: ${best.body.split(/(?<=\.)\s/)[0]}`,
      artifacts: [],
      values: { topic: best.topic, title: best.title, answer: best.body, tools: best.tools, related: also, source: `prompts/methods/${best.topic}.md` },
    };
  },
});

const savePipeline = defineTool({
  name: 'save_pipeline',
  summary: 'Saves the steps of this session that lead to its results as a reusable YAML pipeline, with named parameters.',
  words: ['save as pipeline', 'pipeline', 'workflow', 'recipe', 'protocol', 'macro', 'reusable', 'save the steps', 'save those steps', 'save these steps', 'snakemake', 'snakefile', 'slurm', 'hpc'],
  examples: ['save this as a pipeline called nuclei-tracking', 'make this reusable', 'save the workflow', 'save the steps that made plot-2 as a pipeline called speed', 'export this for snakemake'],
  consumes: [],
  produces: ['pipeline'],
  results: { steps: { about: 'steps saved', unit: '' } },
  // "save what made plot-2 and tracks-3 as a pipeline": the results named are the ones to keep
  fromRequest: (clause) => {
    const known = new Set(clause.artifacts.map((a) => a.id));
    const keep = [...new Set([...clause.text.matchAll(/\b([a-z]+-\d+)\b/g)].map((m) => m[1]).filter((id) => known.has(id)))];
    const name = findName(clause.text) ?? findName(clause.request) ?? nameSaidOtherwise(clause.text) ?? nameSaidOtherwise(clause.request) ?? 'my-pipeline';
    const args: Record<string, unknown> = keep.length ? { name, keep } : { name };
    // ("export it for snakemake", "can I run this on the cluster?": a Snakefile beside the pipeline, the cluster never reached from here)
    if (asksForACluster(clause.text) || asksForACluster(clause.request)) Object.assign(args, { snakefile: true, $note: snakefileNote(name) });
    return args;
  },
  description:
    'Saves the analysis steps of this session that lead to the results to keep (default: the end results of the final analysis, e.g. its plots, tables and exports; dead ends, failed and undone steps are left out) as a reusable pipeline (YAML: tool + arguments per step, wired by step ids, the input movie as an input, every setting as a named parameter that `cellpilot run --set NAME=VALUE` changes) in pipelines/NAME.yaml, and prints the command that runs it on other movies (also run_pipeline).',
  schema: z.object({
    name: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/).describe('Pipeline name, lowercase with "-" or "_" (e.g. "nuclei-tracking")'),
    description: z.string().optional().describe('What the pipeline does, in a sentence; default: the list of its steps'),
    keep: z.array(z.string().regex(/^[a-z]+-\d+$/)).optional().describe('Results the pipeline must make (artifact ids, e.g. ["plot-2","tracks-3"]); only the steps leading to them are saved; default: the end results of the final analysis'),
    steps: z.array(z.string().regex(/^s\d+$/)).optional().describe('Exactly these step ids (e.g. ["s2","s3"]) instead of the steps the kept results need'),
    output: outputArg.describe('Where to write the YAML file; default: pipelines/NAME.yaml in the current folder'),
    overwrite: z.boolean().default(false).describe('Replace an existing pipeline of the same name; default false'),
    snakefile: z.boolean().default(false).describe('Also write a Snakefile of the pipeline (NAME.smk, in the session folder) that runs it once per movie with Snakemake, on this machine\'s cores or a cluster (SLURM and the other Snakemake executors); default false'),
  }),
  async run(args, ctx) {
    // undone and replaced steps are no longer part of the analysis
    const setAside = new Set((ctx.state.get(HISTORY_KEY) as StepHistory | undefined)?.setAside() ?? []);
    const records = new ProvenanceLog(ctx.sessionDir).read().filter((r) => !setAside.has(r.step));
    const tools = [...TOOLS, ...AGENT_TOOLS];
    const stepIds = args.steps ?? neededSteps(records, tools, args.keep);
    const pipeline = pipelineFromSession(args.name, records, ctx.listArtifacts(), { tools, description: args.description, stepIds, describe: argumentDescription });
    pipeline.description ??= `Steps: ${pipeline.steps.map((s) => s.tool).join(' → ')}`;
    // through the context's file policy: the pipelines folder is a place it allows for pipeline files
    const path = ctx.outputPath(`${args.name}.yaml`, args.output ?? join(pipelinesDir(), `${args.name}.yaml`));
    if (existsSync(path) && !args.overwrite) throw new InputError(`a pipeline already exists at ${path}; choose another name or set overwrite: true`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, pipelineToYaml(pipeline));
    const ref = ctx.addArtifact('pipeline', path, `pipeline ${args.name}`);
    const left = leftOutSteps(records, stepIds, tools);
    const produced = new Set(records.flatMap((r) => r.outputs.map((o) => o.id)));
    const example = ctx.listArtifacts().find((a) => a.type === 'movie' && !produced.has(a.id));
    const command = cellpilotCommandLine(['run', pathFrom(path), example ? pathFrom(example.path) : 'MOVIE.tif', '--out', 'results/']);
    const parameters = Object.keys(pipeline.parameters ?? {});
    const smk = args.snakefile ? writeSnakefile(pipeline, path, ctx) : undefined;
    return {
      summary: [
        `Saved pipeline "${args.name}" with ${pipeline.steps.length} steps (${pipeline.steps.map((s) => s.tool).join(', ')}) to ${pathFrom(path)}.`,
        left.length ? `Left out ${left.length} steps no kept result needs: ${left.join(', ')}.` : '',
        parameters.length ? `Parameters: ${parameters.join(', ')} (change one with --set NAME=VALUE).` : '',
        `Run it: ${command}`,
        smk ? `Snakefile for many movies, on cores or a cluster: ${smk.path}; run ${smk.command} (nothing was run on a cluster from here).` : '',
      ].filter(Boolean).join(' '),
      artifacts: [ref],
      values: { name: args.name, steps: pipeline.steps.length, tools: pipeline.steps.map((s) => s.tool), inputs: Object.keys(pipeline.inputs), parameters, leftOut: left, path, command, ...(smk ? { snakefile: smk.path, snakemakeCommand: smk.command } : {}) },
    };
  },
});

/** A tool argument's own description, written beside the pipeline parameter made from it. */
function argumentDescription(toolName: string, arg: string): string | undefined {
  const tool = [...TOOLS, ...AGENT_TOOLS].find((t) => t.name === toolName);
  const property = tool && (toolJsonSchema(tool).properties as Record<string, { description?: string }> | undefined)?.[arg];
  // the first clause is the name's meaning; the tool's full description stays in `cellpilot tools`
  const first = property?.description?.split('; ')[0];
  return first && first.length > 100 ? `${first.slice(0, 100).replace(/\s+\S*$/, '')}…` : first;
}

/** The pipeline by YAML path, saved name ("run the nuclei-tracking pipeline") or the one saved in this session, and the movie named. */
function readRunPipelineRequest(c: RequestClause): Record<string, unknown> {
  const name = /\b(?:run|apply|use|reuse|execute)\s+(?:the\s+|my\s+|our\s+)?(?:saved\s+)?(?:pipeline|workflow|recipe)?\s*["'`]?([a-z0-9][\w-]*)["'`]?(?=\s+(?:pipeline|workflow|on|to|for)|\s*$)/i.exec(c.text)
    ?? /\b(?:pipeline|workflow|recipe)\s+(?:called\s+|named\s+)?["'`]?([a-z0-9][\w-]*)["'`]?/i.exec(c.text);
  const args: Record<string, unknown> = {};
  const pipelines = c.paths.filter((p) => /\.ya?ml$/i.test(p));
  if (pipelines.length) args.pipeline = pipelines[0];
  else if (name && !/^(on|to|the|it|this|that|pipeline|workflow)$/i.test(name[1])) args.pipeline = name[1].toLowerCase();
  else {
    const saved = [...c.artifacts].reverse().find((a) => !a.now && a.type === 'pipeline');
    if (saved) args.pipeline = saved.id;
  }
  const movie = c.paths.find((p) => /\.(ome\.)?tiff?$/i.test(p));
  if (movie) args.movie = movie;
  return args;
}

const runPipeline = defineTool({
  name: 'run_pipeline',
  summary: 'Runs a saved pipeline on a movie.',
  words: ['run pipeline', 'apply pipeline', 'reuse the pipeline', 'reuse the workflow', 'pipeline', 'workflow', 'recipe', 'execute', 'process with the pipeline', 'run the workflow', 'apply the workflow', 'batch'],
  examples: ['run the nuclei-tracking pipeline on cells2.tif', 'apply my saved workflow to this movie', 'run pipelines/x.yaml'],
  consumes: ['movie'],
  produces: ['movie', 'labels', 'tracks', 'table'],
  results: { steps: { about: 'steps run', unit: '' } },
  description: 'Runs a saved pipeline (a pipeline artifact id, a YAML path, or a name in pipelines/) on a movie in this session; returns the artifacts of every step.',
  schema: z.object({
    pipeline: z.string().min(1).describe('The pipeline: an artifact id ("pipeline-1"), a YAML path, or a saved name ("nuclei-tracking")'),
    movie: movieArg.describe('The movie to run it on (the pipeline\'s first input): an artifact id or a file path'),
    inputs: z.record(z.string(), z.string()).optional().describe('Other pipeline inputs by name, if the pipeline declares more than one'),
  }),
  fromRequest: readRunPipelineRequest,
  async run(args, ctx) {
    const path = pipelinePath(args.pipeline, ctx);
    const pipeline = loadPipeline(path);
    // a pipeline whose steps run it again (directly or through another) would never end
    const running = (ctx.state.get('runningPipelines') as string[] | undefined) ?? [];
    if (running.includes(path) || running.length >= 4) {
      throw new InputError(`pipeline "${pipeline.name}" would run ${running.includes(path) ? 'itself' : 'pipelines nested more than 4 deep'} (${[...running, path].map((p) => basename(p)).join(' -> ')}): remove the run_pipeline step`);
    }
    ctx.state.set('runningPipelines', [...running, path]);
    try {
      return await runPipelineSteps(pipeline, args, ctx);
    } finally {
      ctx.state.set('runningPipelines', running);
    }
  },
});

async function runPipelineSteps(pipeline: Pipeline, args: { movie: string; inputs?: Record<string, string> }, ctx: ToolContext) {
  const [first] = Object.keys(pipeline.inputs);
  const inputs: Record<string, string> = { ...args.inputs, [first]: args.movie };
  const artifacts = [];
  const results = await executePipeline(pipeline, inputs, async (toolName, toolArgs) => {
    const started = performance.now();
    const tool = [...TOOLS, ...AGENT_TOOLS].find((t) => t.name === toolName);
    if (!tool) throw new InputError(`pipeline step uses the unknown tool "${toolName}"`);
    const checked = validateArgs(tool, toolArgs);
    if (!checked.ok) throw new InputError(checked.error);
    const result = await tool.run(checked.args as never, ctx);
    return { tool: toolName, status: 'ok', summary: result.summary, artifacts: result.artifacts, values: result.values, durationMs: performance.now() - started };
  }, { signal: ctx.signal, onStep: (i, _s, phase) => phase === 'end' && ctx.progress(i + 1, pipeline.steps.length, 'steps') });
  for (const r of results) artifacts.push(...r.artifacts);
  const values: Record<string, unknown> = { pipeline: pipeline.name, steps: results.length };
  for (const r of results) for (const [k, v] of Object.entries(r.values)) if (typeof v === 'number' || typeof v === 'string') values[k] = v;
  return {
    summary: `Ran pipeline "${pipeline.name}" (${results.length} steps) on ${basename(args.movie)}: ${results.at(-1)?.summary ?? ''}`,
    artifacts,
    values,
  };
}

function pipelinePath(ref: string, ctx: { listArtifacts(): { id: string; path: string }[]; resolve(ref: string): string }): string {
  const artifact = ctx.listArtifacts().find((a) => a.id === ref);
  if (artifact) return artifact.path;
  const dir = pipelinesDir();
  // through the context: the file policy refuses FIFOs and devices and keeps the file read-only
  for (const candidate of [ref, join(dir, ref), join(dir, `${ref}.yaml`)]) if (existsSync(candidate)) return ctx.resolve(resolve(candidate));
  throw new InputError(`no pipeline "${ref}": give a pipeline artifact id, a YAML path, or a name saved in pipelines/`);
}

export const AGENT_TOOLS: ToolSpec[] = [help, savePipeline, runPipeline] as unknown as ToolSpec[];

/** The line a plan says of the Snakefile, before it is written (its path and command come with the result). */
function snakefileNote(name: string): string {
  return `A Snakefile of the pipeline "${name}" is written in the session folder, so that Snakemake runs it once per movie on this machine's cores or on a cluster (e.g. \`snakemake -s ${name}.smk --executor slurm --jobs 100 --config movies="a.tif b.tif"\`; \`cellpilot export snakemake\` writes one too); I ran nothing on a cluster from here.`;
}

/** The Snakefile of a saved pipeline, in the session folder (outputs stay there), and the command that runs it. */
function writeSnakefile(pipeline: Pipeline, pipelinePath: string, ctx: ToolContext): { path: string; command: string } {
  const path = ctx.outputPath(`${pipeline.name}.smk`);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${snakefile(pipeline, { pipelinePath })}\n`);
  return { path: pathFrom(path), command: `snakemake -s ${pathFrom(path)} --cores 4 --config movies="a.tif b.tif" (on SLURM: --executor slurm --jobs 100)` };
}

/**
 * A pipeline's name said without "called" / "named": after the noun and a colon ("save pipeline: li-seg-2"), or alone in
 * quotes ("keep this as a reusable recipe, maybe 'stab-seg'?"); lowercase, as a pipeline name is written.
 */
function nameSaidOtherwise(text: string): string | undefined {
  const m = /\b(?:pipeline|workflow|recipe|protocol|macro)s?\s*[:=]\s*["'`‘“]?([A-Za-z0-9][\w-]*)(?=["'`’”]?\s*(?:[.;!?]|$))/i.exec(text) ?? /(?:^|[\s(,])["'`‘“]([A-Za-z0-9][\w-]*)["'`’”](?=$|[\s,.;:!?)])/.exec(text);
  const name = m?.[1].toLowerCase();
  return name && /^[a-z0-9][a-z0-9_-]*$/.test(name) && !/^(?:it|this|that|the|a|an|my|our|pipeline|workflow|recipe)$/.test(name) ? name : undefined;
}
