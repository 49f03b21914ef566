// Runs one tool call inside a session: validate, run, record provenance, emit events.
// The agent loop, `cellpilot tool`, pipelines and the eval runner all go through here,
// so a call is validated and recorded the same way whoever makes it.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ArtifactRef, ToolResult, ToolSpec } from '../../tools/types.ts';
import { InputError, oneLine } from '../errors.ts';
import type { AgentEvents, StepStatus } from './events.ts';
import { guardContext, policyFor, stringsIn, typedPaths } from './filePolicy.ts';
import { contentHash, type InputRecord, loadHasher, sha256File, softwareVersions } from './provenance.ts';
import type { Session } from './session.ts';
import { closest, validateArgs } from './validation.ts';
import { gate, type Approver } from './approval.ts';
import { inapplicableArguments, notAppliedLine } from './inapplicable.ts';

export interface StepOutcome {
  stepId: string;
  tool: string;
  /** Arguments as given (before defaults were applied). */
  args: Record<string, unknown>;
  status: StepStatus;
  /** One line: the tool's summary, or the error. */
  summary: string;
  error?: string;
  /** input = the caller's fault (bad arguments or a missing file: exit 2); work = the work failed (exit 1). */
  errorKind?: 'input' | 'work';
  artifacts: ArtifactRef[];
  values: Record<string, unknown>;
  durationMs: number;
}

export interface StepOptions {
  signal?: AbortSignal;
  events?: AgentEvents;
  turnId?: string;
  /** Called with planes done / total while the tool runs. */
  onProgress?: (done: number, total: number, label?: string) => void;
  /**
   * What the person typed (their messages, their command line): the only texts an output
   * path outside the session may come from. Default: the call's own arguments, for callers
   * where a person typed them (`cellpilot tool`, a command in the chat). The agent loop
   * passes the user's messages; pipelines pass [] (their outputs stay in the session).
   */
  typed?: readonly string[];
  /** Folders besides the session where outputs may go (the `--out` folder of a batch run). */
  outputRoots?: readonly string[];
  /** Asks a person before a call whose tool needs approval (approval.ts); the agent loop always sets it. */
  approve?: Approver;
  /** Set when the call cannot run as asked (its arguments were not JSON): recorded as invalid with this reason. */
  refusal?: string;
}

export type ToolLookup = (name: string) => ToolSpec | undefined;

/** Runs `name` with `rawArgs` in `session` and returns what happened; never throws for tool failures. */
export async function runStep(session: Session, tools: ToolSpec[], name: string, rawArgs: unknown, options: StepOptions = {}): Promise<StepOutcome> {
  const stepId = session.nextStepId();
  const turnId = options.turnId ?? '';
  const args = (rawArgs && typeof rawArgs === 'object' ? rawArgs : {}) as Record<string, unknown>;
  // Date.now, not performance.now: the global `performance` loads node:perf_hooks (~2 ms of CPU per command) for a duration kept in ms
  const started = Date.now();
  const startedAt = new Date().toISOString();
  options.events?.emit({ type: 'step_start', turnId, stepId, tool: name, args, at: startedAt });

  const finish = async (partial: Omit<StepOutcome, 'stepId' | 'tool' | 'args' | 'durationMs'>, inputs: InputRecord[] = []): Promise<StepOutcome> => {
    const outcome: StepOutcome = { stepId, tool: name, args, durationMs: Math.round(Date.now() - started), ...partial };
    const outputs = [];
    for (const a of outcome.artifacts) {
      const hash = contentHash(a.path, session.dir);
      outputs.push({ ...a, hash: hash?.digest, hashAlgorithm: hash?.algorithm });
    }
    session.provenance.append({
      step: stepId,
      turn: options.turnId,
      time: startedAt,
      tool: name,
      args,
      inputs,
      outputs,
      durationMs: outcome.durationMs,
      versions: softwareVersions(),
      models: await modelHashes(outcome.values, args),
      status: outcome.status,
      summary: outcome.status === 'ok' ? outcome.summary : undefined,
      values: outcome.status === 'ok' ? compactValues(outcome.values) : undefined,
      error: outcome.error,
    });
    options.events?.emit({
      type: 'step_end', turnId, stepId, tool: name, status: outcome.status, durationMs: outcome.durationMs,
      summary: outcome.summary, error: outcome.error, artifacts: outcome.artifacts, values: outcome.values,
    });
    return outcome;
  };
  const failure = (status: StepStatus, error: string, errorKind: 'input' | 'work'): Omit<StepOutcome, 'stepId' | 'tool' | 'args' | 'durationMs'> =>
    ({ status, summary: error, error, errorKind, artifacts: [], values: {} });

  const tool = tools.find((t) => t.name === name);
  if (!tool) {
    const near = closest(name, tools.map((t) => t.name));
    return finish(failure('invalid', `unknown tool "${name}"${near ? ` (did you mean "${near}"?)` : ''}; run "cellpilot tools" for the list`, 'input'));
  }
  if (options.refusal) return finish(failure('invalid', `${name}: ${options.refusal}`, 'input'));
  const validated = validateArgs(tool, rawArgs);
  if (!validated.ok) return finish(failure('invalid', validated.error, 'input'));
  if (options.signal?.aborted) return finish(failure('cancelled', 'cancelled before it started', 'work'));

  await loadHasher();
  const policy = policyFor(session);
  for (const root of options.outputRoots ?? []) policy.allowRoot(root);
  // the paths typed in the session's requests, resolved once in the step and only when an output leaves the session
  // (resolving every word of every earlier request before each step cost more than the step in a long session)
  let typedInSession: Set<string> | undefined;
  const typed = () => (typedInSession ??= typedPaths(options.typed ?? stringsIn(args)));
  // inputs are hashed after the run, lazily: the tool has just read them (warm page cache)
  // and each file is hashed once per session (see contentHash)
  const inputs = () => inputRecords(session, args);
  const context = session.context({
    signal: options.signal,
    toolName: name,
    onProgress: (done, total, label) => {
      options.onProgress?.(done, total, label);
      if (!options.events) return;
      const elapsedS = (Date.now() - started) / 1000;
      const etaS = done > 0 && total > done ? (elapsedS * (total - done)) / done : done >= total ? 0 : undefined;
      options.events.emit({ type: 'tool_progress', turnId, stepId, tool: name, done, total, label, elapsedS, etaS });
    },
  });
  const ctx = guardContext(context, policy, typed);
  const declined = await gate(tool, validated.args as Record<string, unknown>, ctx, options.approve).catch((err) => `not done: ${oneLine(err)}`);
  if (declined) return finish(failure('error', `${name}: ${declined}`, 'input'));
  try {
    const result: ToolResult = await tool.run(validated.args as never, ctx);
    if (options.signal?.aborted) return finish(failure('cancelled', `${name} was cancelled`, 'work'), inputs());
    const notApplied = inapplicableArguments(tool, args, validated.args as Record<string, unknown>);
    const values = notApplied.length ? { ...result.values, notApplied } : (result.values ?? {});
    return finish({ status: 'ok', summary: oneLine(result.summary) + notAppliedLine(notApplied), artifacts: result.artifacts, values }, inputs());
  } catch (err) {
    if (options.signal?.aborted) return finish(failure('cancelled', `${name} was cancelled`, 'work'), inputs());
    const kind = err instanceof InputError || (err as { exitCode?: number })?.exitCode === 2 ? 'input' : 'work';
    return finish(failure('error', `${name} failed: ${oneLine(err)}`, kind), inputs());
  }
}

/** Input files of a call: every string argument (but `output`) that names an artifact or an existing file. */
function inputRecords(session: Session, args: Record<string, unknown>): InputRecord[] {
  const records: InputRecord[] = [];
  for (const [arg, value] of Object.entries(args)) {
    if (arg === 'output') continue;
    for (const ref of Array.isArray(value) ? value : [value]) {
      if (typeof ref !== 'string' || ref.length > 4096) continue;
      const artifact = session.store.get(ref);
      const path = artifact?.path ?? (looksLikePath(ref) && existsSync(resolve(ref)) ? resolve(ref) : undefined);
      if (!path) continue;
      const hash = contentHash(path, session.dir);
      records.push({ arg, ref, path, hash: hash?.digest, hashAlgorithm: hash?.algorithm, bytes: hash?.bytes });
    }
  }
  return records;
}

function looksLikePath(s: string): boolean {
  return /[/\\.]/.test(s);
}

const MODELS_DIR = fileURLToPath(new URL('../../models/', import.meta.url));

/**
 * The models a step used, with the sha256 of their weights: what the tool reported
 * (values.modelSha256, values.models[]), or the weights.onnx of the bioimage.io folder
 * named by values.model / args.model under models/.
 */
async function modelHashes(values: Record<string, unknown>, args: Record<string, unknown>): Promise<{ name: string; sha256: string; folder?: string }[]> {
  const out: { name: string; sha256: string; folder?: string }[] = [];
  // the folder the weights were read from, so a methods section can name exactly what ran
  const reportedFolder = typeof values.modelFolder === 'string' ? { folder: values.modelFolder } : {};
  for (const name of new Set([values.model, args.model].filter((m): m is string => typeof m === 'string' && /^[\w.-]+$/.test(m)))) {
    if (typeof values.modelSha256 === 'string') break;
    const weights = join(MODELS_DIR, name, 'weights.onnx');
    const sha256 = existsSync(weights) ? sha256File(weights) : undefined;
    if (sha256) out.push({ name, sha256, folder: join(MODELS_DIR, name) });
  }
  if (typeof values.modelSha256 === 'string') out.push({ name: String(values.model ?? 'model'), sha256: values.modelSha256, ...reportedFolder });
  if (Array.isArray(values.models)) {
    for (const m of values.models) {
      if (m && typeof m === 'object' && typeof (m as { sha256?: unknown }).sha256 === 'string') {
        const folder = (m as { folder?: unknown }).folder;
        out.push({ name: String((m as { name?: unknown }).name ?? 'model'), sha256: (m as { sha256: string }).sha256, ...(typeof folder === 'string' ? { folder } : {}) });
      }
    }
  }
  return out;
}

/**
 * Values small enough for a log line or a model's context: long arrays are cut with a note. A list of plain numbers
 * (a value per frame: objects, threshold, mean intensity) is kept whole up to `maxNumbers`: a follow-up question
 * ("how does the count change over the movie?") reads the series from here, and a cut one answers nothing.
 */
export function compactValues(values: Record<string, unknown>, maxArray = 20, maxNumbers = 500): Record<string, unknown> {
  const walk = (v: unknown, depth: number): unknown => {
    if (ArrayBuffer.isView(v)) return `[${(v as unknown as ArrayLike<number>).length} numbers]`;
    if (Array.isArray(v)) {
      const most = v.length <= maxNumbers && v.every((x) => typeof x === 'number') ? maxNumbers : maxArray;
      const head = v.slice(0, most).map((x) => walk(x, depth + 1));
      return v.length > most ? [...head, `... ${v.length - most} more`] : head;
    }
    if (v && typeof v === 'object') {
      if (depth > 3) return '{...}';
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, walk(x, depth + 1)]));
    }
    if (typeof v === 'number' && !Number.isInteger(v)) return Number(v.toPrecision(6));
    return v;
  };
  return walk(values, 0) as Record<string, unknown>;
}

/** Runs one step by tool name (the agent's executor, or a plan-only stand-in in the evals). */
export type StepExecutor = (name: string, args: Record<string, unknown>, options: StepOptions) => Promise<StepOutcome>;

/** The JSON a model reads after a tool call: summary, artifacts and compact values, or the error. */
export function modelText(outcome: StepOutcome, describe?: (id: string) => string | undefined): string {
  if (outcome.status !== 'ok') return JSON.stringify({ ok: false, error: outcome.error ?? outcome.summary });
  return JSON.stringify({
    ok: true,
    summary: outcome.summary,
    artifacts: outcome.artifacts.map((a) => ({ id: a.id, type: a.type, description: describe?.(a.id), path: a.path })),
    values: compactValues(outcome.values),
    durationMs: outcome.durationMs,
  });
}
