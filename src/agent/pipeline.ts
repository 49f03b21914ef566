// Pipelines: a session's successful steps saved as declarative YAML (tool + arguments
// per step, wired by step ids, the movie as an input, the settings as named parameters)
// and run again headless. Nothing in a pipeline is executed as code: references are plain
// `${inputs.NAME}`, `${params.NAME}` and `${steps.ID.TYPE}` strings substituted into tool
// arguments, which the tools validate.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename } from 'node:path';
import { z } from 'zod';
import type { ArtifactRecord, ArtifactRef, ArtifactType, ToolSpec } from '../../tools/types.ts';
import { InputError, WorkError } from '../errors.ts';
import { inspectInput } from './filePolicy.ts';
import type { ProvenanceRecord } from './provenance.ts';
import { closest, formatIssues } from './validation.ts';

// The YAML library is loaded when a pipeline is read or written, not by every command that
// loads the tool catalogue (about 15 ms of start-up for `cellpilot tool`).
let yamlLibrary: typeof import('yaml') | undefined;
const YAML = () => (yamlLibrary ??= createRequire(import.meta.url)('yaml') as typeof import('yaml'));

const ARTIFACT_TYPES = ['movie', 'labels', 'tracks', 'table', 'plot', 'pipeline', 'model', 'rule'] as const;
const NAME = /^[a-z0-9][a-z0-9_-]*$/;

export const pipelineSchema = z
  .object({
    name: z.string().regex(NAME, 'a lowercase name of letters, digits, "-" or "_"').describe('Pipeline name'),
    description: z.string().optional(),
    version: z.literal(1).default(1),
    inputs: z
      .record(
        z.string().regex(/^[a-z][a-z0-9_]*$/, 'a snake_case parameter name'),
        z.object({ type: z.enum(ARTIFACT_TYPES), description: z.string().optional() }),
      )
      .refine((r) => Object.keys(r).length > 0, 'at least one input'),
    /** Named settings of the steps (`${params.NAME}` in their arguments); `cellpilot run --set NAME=VALUE` changes one. */
    parameters: z
      .record(z.string().regex(/^[a-z][a-z0-9_]*$/, 'a snake_case parameter name'), z.object({ value: z.unknown(), description: z.string().optional() }))
      .optional(),
    steps: z
      .array(
        z.object({
          id: z.string().regex(/^[a-z][a-z0-9_]*$/, 'a snake_case step id'),
          tool: z.string().regex(/^[a-z][a-z0-9_]*$/),
          args: z.record(z.string(), z.unknown()).default({}),
        }),
      )
      .min(1),
  })
  .superRefine((p, ctx) => {
    const seen = new Set<string>();
    p.steps.forEach((step, i) => {
      if (seen.has(step.id)) ctx.addIssue({ code: 'custom', path: ['steps', i, 'id'], message: `step id "${step.id}" is used twice` });
      for (const ref of referencesIn(step.args)) {
        if (ref.kind === 'input' && !(ref.name in p.inputs)) {
          ctx.addIssue({ code: 'custom', path: ['steps', i, 'args'], message: `step "${step.id}" uses \${inputs.${ref.name}}, which is not declared under inputs` });
        }
        if (ref.kind === 'param' && !(ref.name in (p.parameters ?? {}))) {
          ctx.addIssue({ code: 'custom', path: ['steps', i, 'args'], message: `step "${step.id}" uses \${params.${ref.name}}, which is not declared under parameters` });
        }
        if (ref.kind === 'step' && !seen.has(ref.step)) {
          ctx.addIssue({ code: 'custom', path: ['steps', i, 'args'], message: `step "${step.id}" uses \${steps.${ref.step}.${ref.type}}, but no earlier step has id "${ref.step}"` });
        }
      }
      seen.add(step.id);
    });
  });

export type Pipeline = z.infer<typeof pipelineSchema>;
export type PipelineStep = Pipeline['steps'][number];

type Reference = { kind: 'input'; name: string } | { kind: 'param'; name: string } | { kind: 'step'; step: string; type: string; index: number };
const REF = /^\$\{((inputs|params)\.([a-z][a-z0-9_]*)|steps\.([a-z][a-z0-9_]*)\.([a-z]+)(?:\[(\d+)\])?)\}$/;

function parseReference(value: string): Reference | undefined {
  const m = REF.exec(value.trim());
  if (!m) return undefined;
  if (m[3]) return m[2] === 'inputs' ? { kind: 'input', name: m[3] } : { kind: 'param', name: m[3] };
  return { kind: 'step', step: m[4], type: m[5], index: m[6] ? Number(m[6]) : 1 };
}

function referencesIn(value: unknown): Reference[] {
  if (typeof value === 'string') {
    const r = parseReference(value);
    return r ? [r] : [];
  }
  if (Array.isArray(value)) return value.flatMap(referencesIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(referencesIn);
  return [];
}

/** Parses and validates pipeline YAML text; InputError naming the field on failure. */
export function parsePipeline(text: string, source = 'pipeline'): Pipeline {
  let data: unknown;
  try {
    data = YAML().parse(text);
  } catch (err) {
    throw new InputError(`${source} is not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  const parsed = pipelineSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(`${source}: ${issue.path.join('.') || 'top level'}: ${issue.message}`);
  }
  return parsed.data;
}

/** Larger than any pipeline a person writes: a bigger file is not one. */
const MAX_PIPELINE_BYTES = 4 << 20;

export function loadPipeline(path: string): Pipeline {
  // a FIFO or a device would block the read or never end: only a regular file of a pipeline's size is read
  const facts = inspectInput(path, path);
  if (facts.kind !== 'file') throw new InputError(`${path} is a folder, not a pipeline file: name its .yaml file`);
  if (facts.size > MAX_PIPELINE_BYTES) throw new InputError(`${path} is ${(facts.size / 2 ** 20).toFixed(0)} MiB, too large for a pipeline file: name the pipeline's .yaml file`);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new InputError(`${path}: cannot read the pipeline file`);
  }
  // a movie named where the pipeline goes (the two swapped): say so, not "not valid YAML: Unexpected flow-map-end token"
  if (/^(II\*\0|MM\0\*|II\+\0|MM\0\+)/.test(text.slice(0, 4))) throw new InputError(`${path} is a TIFF image, not a pipeline: the pipeline's .yaml file comes first (cellpilot run PIPELINE.yaml MOVIE... --out DIR)`);
  return parsePipeline(text, basename(path));
}

export function pipelineToYaml(pipeline: Pipeline): string {
  const settings = Object.keys(pipeline.parameters ?? {});
  const header = [
    `# cellpilot pipeline "${pipeline.name}". Run: cellpilot run <this file> MOVIE... --out DIR`,
    ...(settings.length ? [`# Change a setting for a run with --set NAME=VALUE, e.g. --set ${settings[0]}=...`] : []),
  ];
  return header.join('\n') + '\n' + YAML().stringify(pipeline, { lineWidth: 0 });
}

/** What a pipeline reads of a step's tool: its own declaration (tools/types.ts), found by the step's tool name. */
export type StepTool = Pick<ToolSpec, 'name' | 'role' | 'appliesToLaterSteps'> & { schema?: ToolSpec['schema'] };

/** Whether a step's tool takes the argument `arg` (its schema names it). */
function takes(r: ProvenanceRecord, tools: readonly StepTool[], arg: string): boolean {
  const shape = tools.find((t) => t.name === r.tool)?.schema?.shape as Record<string, unknown> | undefined;
  return shape !== undefined && arg in shape;
}

/** A step whose tool sets something every later step reads (the calibration): kept, though it reads no input. */
function appliesToLaterSteps(r: ProvenanceRecord, tools: readonly StepTool[]): boolean {
  return tools.some((t) => t.name === r.tool && t.appliesToLaterSteps === true);
}

/** A step whose tool opens a file (its `role`): its output stands for an input of the pipeline. */
function opensAFile(r: ProvenanceRecord, tools: readonly StepTool[]): boolean {
  return tools.some((t) => t.name === r.tool && t.role === 'open');
}

/**
 * A step that made something from data the session held (it read an input): what a
 * pipeline repeats. Questions, the microscope, undo and pipeline bookkeeping read none;
 * a step that applies to later steps (the calibration) reads none but changes every unit, so it counts too.
 */
function isDataStep(r: ProvenanceRecord, tools: readonly StepTool[]): boolean {
  return r.status === 'ok' && (r.inputs.length > 0 || appliesToLaterSteps(r, tools));
}

/** The data steps a pipeline of `kept` steps leaves out, as "s5 denoise → movie-4". */
export function leftOutSteps(provenance: ProvenanceRecord[], kept: string[], tools: readonly StepTool[]): string[] {
  return provenance.filter((r) => isDataStep(r, tools) && r.outputs.length > 0 && !kept.includes(r.step)).map((r) => `${r.step} ${r.tool} → ${r.outputs.map((o) => o.id).join(', ')}`);
}

/** Every string inside an argument value (artifact ids hide in arrays and objects). */
function refsIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) refsIn(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) refsIn(v, out);
  return out;
}

/** Artifact types that are objects of the analysis; tables and plots are read-outs of them. */
const ANALYSIS_OBJECTS = new Set(['movie', 'labels', 'tracks']);

/**
 * The steps a pipeline needs: walk the provenance back from the outputs to keep. By default
 * these are the end results of the final analysis: the last step's outputs and every other
 * end result (an output no later step used) made from the same final objects, e.g. the
 * plot, the measurements and the exports of the final tracks. The final objects are the
 * movies, labels or tracks the last step read, directly or through tables. Dead ends
 * (an abandoned segmentation and what was measured from it, a denoised movie never used, a
 * projection beside the chain), failed, undone and replaced steps fall away; steps
 * that apply to later steps (the calibration) stay, since they change every unit.
 * `tools`: the declarations of the steps' tools.
 */
export function neededSteps(provenance: ProvenanceRecord[], tools: readonly StepTool[], keep?: string[]): string[] {
  const steps = provenance.filter((r) => isDataStep(r, tools));
  const producer = new Map<string, ProvenanceRecord>();
  const typeOf = new Map<string, string>();
  for (const r of steps) for (const o of r.outputs) {
    producer.set(o.id, r);
    typeOf.set(o.id, o.type);
  }
  const inputsOf = (r: ProvenanceRecord) => refsIn(r.args).filter((ref) => producer.has(ref));
  const ancestors = (start: ProvenanceRecord[]): Set<ProvenanceRecord> => {
    const seen = new Set<ProvenanceRecord>();
    const queue = [...start];
    while (queue.length) {
      const r = queue.pop()!;
      if (seen.has(r)) continue;
      seen.add(r);
      for (const ref of inputsOf(r)) queue.push(producer.get(ref)!);
    }
    return seen;
  };
  let targets: ProvenanceRecord[];
  if (keep?.length) {
    targets = keep.map((id) => {
      const p = producer.get(id);
      if (!p) throw new InputError(`${id} is not a result of a step of this session; keep one of ${[...producer.keys()].join(', ')}`);
      return p;
    });
  } else {
    const analysis = steps.filter((r) => !appliesToLaterSteps(r, tools));
    const last = analysis.at(-1);
    if (!last) return steps.map((r) => r.step);
    const finalObjects = new Set<string>();
    const visit = (r: ProvenanceRecord, seen: Set<ProvenanceRecord>) => {
      if (seen.has(r)) return;
      seen.add(r);
      for (const ref of inputsOf(r)) {
        if (ANALYSIS_OBJECTS.has(typeOf.get(ref) ?? '')) finalObjects.add(ref);
        else visit(producer.get(ref)!, seen);
      }
    };
    visit(last, new Set());
    const dependsOn = (r: ProvenanceRecord) => new Set([...ancestors([r])].flatMap(inputsOf));
    // the deepest objects only: the drift-corrected movie a track was made from is not itself final
    for (const object of [...finalObjects]) {
      if ([...finalObjects].some((other) => other !== object && dependsOn(producer.get(other)!).has(object))) finalObjects.delete(object);
    }
    const consumed = new Set(steps.flatMap((r) => refsIn(r.args)));
    const isEndResult = (r: ProvenanceRecord) => r.outputs.every((o) => !consumed.has(o.id));
    const fromFinalObjects = (r: ProvenanceRecord) => [...dependsOn(r)].some((ref) => finalObjects.has(ref));
    targets = [last, ...analysis.filter((r) => r !== last && isEndResult(r) && fromFinalObjects(r))];
  }
  const needed = ancestors(targets);
  return steps.filter((r, i) => needed.has(r) || (appliesToLaterSteps(r, tools) && !supersededLater(r, steps.slice(i + 1)))).map((r) => r.step);
}

/** How a setting step applies its values, not a value it sets (the calibration's "keep the header's values"). */
const HOW_TO_APPLY = new Set(['keepHeader']);

/**
 * Whether every value a step sets (a pixel size, an interval) is set again by a later step of the
 * same tool on the same movie: nothing of it reaches the results, and a pipeline that kept it would
 * name a parameter that changes nothing ("/calibrate 0.65 um 5 min", then "/calibrate 650 nm" saved
 * two pixel sizes; --set on the first was silently overridden by the second).
 */
function supersededLater(r: ProvenanceRecord, later: ProvenanceRecord[]): boolean {
  const values = Object.keys(r.args).filter((k) => !HOW_TO_APPLY.has(k) && !r.inputs.some((i) => i.arg === k) && r.args[k] !== undefined);
  const again = later.filter((l) => l.tool === r.tool && l.args.movie === r.args.movie);
  return values.length > 0 && values.every((k) => again.some((l) => l.args[k] !== undefined));
}

/**
 * Builds a pipeline from a session's provenance: the steps chosen (default: neededSteps) in
 * order, references to earlier outputs turned into `${steps.ID.TYPE}`, the movies the session
 * started from into inputs, and every setting into a named parameter.
 */
export function pipelineFromSession(
  name: string,
  provenance: ProvenanceRecord[],
  artifacts: ArtifactRecord[],
  options: {
    /** The declarations of the steps' tools (which open a file, which apply to later steps). */
    tools: readonly StepTool[];
    description?: string;
    stepIds?: string[];
    keep?: string[];
    /** What a tool's argument means (the tool's own description), written beside the parameter. */
    describe?: (tool: string, arg: string) => string | undefined;
  },
): Pipeline {
  if (!NAME.test(name)) throw new InputError(`pipeline name "${name}" must be lowercase letters, digits, "-" or "_" (e.g. nuclei-tracking)`);
  if (!options.stepIds) options = { ...options, stepIds: neededSteps(provenance, options.tools, options.keep) };
  const chosen = provenance.filter(
    (r) => isDataStep(r, options.tools) && (!options.stepIds || options.stepIds.includes(r.step)),
  );
  if (chosen.length === 0) throw new InputError('there are no successful analysis steps in this session to save as a pipeline yet');

  const byId = new Map(artifacts.map((a) => [a.id, a]));
  const byPath = new Map(artifacts.map((a) => [a.path, a]));
  /** artifact id → reference string for the pipeline */
  const produced = new Map<string, string>();
  const inputs: Pipeline['inputs'] = {};
  const inputByRef = new Map<string, string>();
  const steps: PipelineStep[] = [];
  const usedIds = new Set<string>();
  const parameters: NonNullable<Pipeline['parameters']> = {};
  const calibrationSteps: string[] = [];

  /** A step's setting becomes a named parameter (`segment_method`), so a run can change it with --set. */
  const parameter = (stepId: string, tool: string, arg: string, value: unknown): string => {
    let paramName = `${stepId}_${snakeCase(arg)}`;
    for (let i = 2; paramName in parameters || paramName in inputs; i++) paramName = `${stepId}_${snakeCase(arg)}_${i}`;
    const description = options.describe?.(tool, arg);
    parameters[paramName] = description ? { value, description } : { value };
    return `\${params.${paramName}}`;
  };

  const inputParameter = (ref: string, type: ArtifactType, arg: string): string => {
    const known = inputByRef.get(ref);
    if (known) return known;
    let paramName = Object.keys(inputs).length === 0 && type === 'movie' ? 'movie' : arg.replace(/[^a-z0-9_]/gi, '_').toLowerCase();
    for (let i = 2; paramName in inputs; i++) paramName = `${arg}_${i}`;
    inputs[paramName] = { type, description: `like ${basename(byId.get(ref)?.path ?? ref)} in the session` };
    const reference = `\${inputs.${paramName}}`;
    inputByRef.set(ref, reference);
    return reference;
  };

  for (const record of chosen) {
    if (opensAFile(record, options.tools)) {
      // the opened movie stands for the pipeline's input movie (its file is the input, read as an artifact of the session when it is one)
      const opened = String(record.args.path ?? record.args.movie ?? '');
      for (const out of record.outputs) produced.set(out.id, inputParameter((byPath.get(opened) ?? byId.get(opened))?.id ?? (opened || out.id), 'movie', 'movie'));
      continue;
    }
    let id = record.tool;
    for (let i = 2; usedIds.has(id); i++) id = `${record.tool}_${i}`;
    usedIds.add(id);
    const args: Record<string, unknown> = {};
    // the calibration told for the session's movie is for movies without their own: another
    // movie's file header knows its pixel size and interval (--set ..._keep_header=false overrides them)
    const calibration = appliesToLaterSteps(record, options.tools) && takes(record, options.tools, 'keepHeader');
    // (told over a header that said otherwise, the values were meant to replace headers: they still do)
    const overrode = (record.values as Record<string, unknown> | undefined)?.overridesHeader === true;
    const recorded = calibration && record.args.keepHeader === undefined && !overrode ? { ...record.args, keepHeader: true } : record.args;
    if (calibration) calibrationSteps.push(id);
    for (const [arg, value] of Object.entries(recorded)) {
      if (arg === 'output') continue; // headless runs choose their own output folder
      const rewritten = typeof value === 'string' ? rewriteRef(value, arg) : value;
      args[arg] = isSetting(rewritten) ? parameter(id, record.tool, arg, rewritten) : rewritten;
    }
    steps.push({ id, tool: record.tool, args });
    const perType = new Map<string, number>();
    for (const out of record.outputs) {
      const n = (perType.get(out.type) ?? 0) + 1;
      perType.set(out.type, n);
      produced.set(out.id, `\${steps.${id}.${out.type}${n > 1 ? `[${n}]` : ''}}`);
    }
  }
  if (steps.length === 0) throw new InputError('the session only loaded movies: run an analysis step before saving a pipeline');
  // each movie's header is read beside the calibration step, so that it says which values the movie keeps
  const movieInput = Object.entries(inputs).find(([, i]) => i.type === 'movie')?.[0];
  for (const step of steps) {
    if (calibrationSteps.includes(step.id) && movieInput && step.args.movie === undefined && takes({ tool: step.tool } as ProvenanceRecord, options.tools, 'movie')) step.args.movie = `\${inputs.${movieInput}}`;
  }
  const named = Object.keys(parameters).length ? { parameters } : {};
  return pipelineSchema.parse({ name, description: options.description, version: 1, inputs, ...named, steps });

  function rewriteRef(value: string, arg: string): unknown {
    if (produced.has(value)) return produced.get(value);
    const artifact = byId.get(value) ?? byPath.get(value);
    if (artifact) {
      if (produced.has(artifact.id)) return produced.get(artifact.id);
      return inputParameter(artifact.id, artifact.type, arg);
    }
    if (['movie', 'labels', 'tracks', 'table'].includes(arg)) return inputParameter(value, arg as ArtifactType, arg);
    return value;
  }
}

/** snake_case of an argument, as a saved pipeline names its parameters (`track_max_frame_gap`). */
export const snakeCase = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[^a-zA-Z0-9]+/g, '_').toLowerCase();

/** A plain value (a number, a word, a list of them) that is not a reference to an input or a step's result. */
function isSetting(value: unknown): boolean {
  const plain = (v: unknown) => typeof v === 'number' || typeof v === 'boolean' || (typeof v === 'string' && parseReference(v) === undefined);
  return plain(value) || (Array.isArray(value) && value.length > 0 && value.every(plain));
}

/** A parameter's value from `--set NAME=VALUE` text, read as the type of its saved value. */
function parameterValue(name: string, text: string, saved: unknown): unknown {
  const fail = (what: string): never => {
    throw new InputError(`--set ${name}=${text}: ${name} needs ${what} (saved value: ${JSON.stringify(saved)})`);
  };
  if (typeof saved === 'number') {
    const n = Number(text);
    return text.trim() !== '' && Number.isFinite(n) ? n : fail('a number');
  }
  if (typeof saved === 'boolean') return /^(true|yes|1)$/i.test(text) ? true : /^(false|no|0)$/i.test(text) ? false : fail('true or false');
  if (Array.isArray(saved)) {
    const items = text.split(',').map((item) => item.trim()).filter(Boolean);
    return typeof saved[0] === 'number' ? items.map((item) => (Number.isFinite(Number(item)) ? Number(item) : fail('numbers separated by commas'))) : items;
  }
  return text;
}

/**
 * Checks the values given for a run (`--set NAME=VALUE`) before any movie starts: every name is
 * an input or parameter of the pipeline, and a changed parameter is a value its steps' tools
 * accept (a typo in a method name failed each movie after the steps before it had run).
 */
export function checkRunValues(pipeline: Pipeline, given: Record<string, string>, tools: readonly Pick<ToolSpec, 'name' | 'schema'>[]): void {
  const [first] = Object.keys(pipeline.inputs);
  const { params } = runValues(pipeline, { [first]: 'movie', ...given });
  for (const step of pipeline.steps) {
    const shape = tools.find((t) => t.name === step.tool)?.schema.shape as Record<string, z.ZodType> | undefined;
    for (const [arg, value] of Object.entries(step.args)) {
      const ref = typeof value === 'string' ? parseReference(value) : undefined;
      if (ref?.kind !== 'param' || !(ref.name in given) || !shape?.[arg]) continue;
      const input = { [arg]: params[ref.name] };
      const checked = z.object({ [arg]: shape[arg] }).safeParse(input);
      if (!checked.success) throw new InputError(`--set ${ref.name}=${given[ref.name]}: ${step.tool}: ${formatIssues(checked.error.issues, input)}`);
    }
  }
}

/** Splits the values given for a run into the pipeline's inputs and its changed parameters; an unknown name is refused. */
function runValues(pipeline: Pipeline, given: Record<string, string>): { inputs: Record<string, string>; params: Record<string, unknown> } {
  const declared = pipeline.parameters ?? {};
  const inputs: Record<string, string> = {};
  const params: Record<string, unknown> = Object.fromEntries(Object.entries(declared).map(([k, p]) => [k, p.value]));
  for (const [name, value] of Object.entries(given)) {
    if (name in pipeline.inputs) inputs[name] = value;
    else if (name in declared) params[name] = parameterValue(name, value, declared[name].value);
    else {
      const names = [...Object.keys(pipeline.inputs), ...Object.keys(declared)];
      const near = closest(name, names);
      // a pipeline without parameters (its steps choose their settings from each movie) has nothing --set can change
      const has = Object.keys(declared).length
        ? `it has ${names.join(', ')}`
        : `it has no parameters, only its input${names.length > 1 ? 's' : ''} ${names.join(', ')}: its steps choose their settings from each movie. To fix a setting, add it under \`parameters:\` in the pipeline's YAML and name it in the step's args as \${params.NAME}, or save a pipeline from the chat, which names every setting`;
      throw new InputError(`pipeline "${pipeline.name}" has no input or parameter "${name}"${near ? ` (did you mean "${near}"?)` : ''}; ${has}`);
    }
  }
  for (const name of Object.keys(pipeline.inputs)) {
    if (inputs[name] === undefined) throw new InputError(`pipeline "${pipeline.name}" needs the input "${name}" (${pipeline.inputs[name].type})`);
  }
  return { inputs, params };
}

export interface PipelineStepResult {
  id: string;
  tool: string;
  status: string;
  summary: string;
  artifacts: ArtifactRef[];
  values: Record<string, unknown>;
  durationMs: number;
  error?: string;
}

/** Runs one tool call; the caller decides where it is recorded (a session, a tool context). */
export type StepRunner = (tool: string, args: Record<string, unknown>) => Promise<Omit<PipelineStepResult, 'id'>>;

/** Runs the pipeline's steps in order; stops at the first failure with a WorkError naming the step. */
export async function executePipeline(
  pipeline: Pipeline,
  inputs: Record<string, string>,
  runTool: StepRunner,
  options: { signal?: AbortSignal; onStep?: (index: number, step: PipelineStep, phase: 'start' | 'end', result?: PipelineStepResult) => void } = {},
): Promise<PipelineStepResult[]> {
  const { inputs: given, params } = runValues(pipeline, inputs);
  const results: PipelineStepResult[] = [];
  const outputs = new Map<string, ArtifactRef[]>();
  const substitute = (value: unknown): unknown => {
    if (typeof value === 'string') {
      const ref = parseReference(value);
      if (!ref) return value;
      if (ref.kind === 'input') return given[ref.name];
      if (ref.kind === 'param') return params[ref.name];
      const matching = (outputs.get(ref.step) ?? []).filter((a) => a.type === ref.type);
      const artifact = matching[ref.index - 1];
      if (!artifact) throw new WorkError(`step "${ref.step}" produced no ${ref.type} #${ref.index}, which a later step needs`);
      return artifact.id;
    }
    if (Array.isArray(value)) return value.map(substitute);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v)]));
    return value;
  };
  for (const [index, step] of pipeline.steps.entries()) {
    if (options.signal?.aborted) throw new WorkError('cancelled');
    options.onStep?.(index, step, 'start');
    const outcome = await runTool(step.tool, substitute(step.args) as Record<string, unknown>);
    const result: PipelineStepResult = { id: step.id, ...outcome };
    results.push(result);
    options.onStep?.(index, step, 'end', result);
    if (outcome.status !== 'ok') {
      // "step "segment" failed: ...", not "step "segment" (segment) failed: segment failed: ..."
      const reason = (outcome.error ?? outcome.summary).replace(new RegExp(`^${step.tool} failed: `), '');
      throw Object.assign(new WorkError(`step "${step.id}"${step.id === step.tool ? '' : ` (${step.tool})`} failed: ${reason}`), { results });
    }
    outputs.set(step.id, outcome.artifacts);
  }
  return results;
}
