// Evaluation suites: YAML cases of user turns with expectations on the tool calls
// (names, argument predicates, order), outcomes (artifacts, numbers in a range) and the
// answer. Cases run in plan-only mode (tools are validated but not run; results are
// stand-ins) or, with `execute: true`, end to end on a small simulated movie.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import type { ToolSpec } from '../../tools/types.ts';
import { InputError } from '../errors.ts';
import type { StepOutcome } from './executor.ts';
import { FixtureMovies } from './fixtureMovies.ts';
import type { SimOptions } from '../sim/index.ts';
import { Agent } from './loop.ts';
import { createChatModel, type ModelChoice } from './models.ts';
import { Session } from './session.ts';
import { standInTable, type FrameSpan, type StandInCalibration } from './standInTable.ts';
import { writeTableCsv } from '../analysis/table.ts';
import { validateArgs } from './validation.ts';

const predicate = z.unknown();
const scalar = z.union([z.string(), z.number(), z.boolean()]);
/** A word (or value) that must appear, or a list of alternatives of which one must. */
const mention = z.union([scalar, z.array(scalar).min(1)]);
const callExpectation = z.object({
  /** Tool name; "a|b" accepts either (e.g. two tools that both answer the request). */
  tool: z.string(),
  args: z.record(z.string(), predicate).optional(),
  /** Words or values that must appear somewhere in the call's arguments (any key, any depth), so a check holds whether the tool takes plain words or typed data. */
  mentions: z.array(mention).optional(),
});
const expectation = z.object({
  /** The calls, in order: the actual tool sequence must equal this (see calls_include for a looser check). */
  calls: z.array(callExpectation).optional(),
  /** Calls that must appear in this order, others allowed in between. */
  calls_include: z.array(callExpectation).optional(),
  /** Tools that must not be called. */
  calls_exclude: z.array(z.string()).optional(),
  /** Same as calls_exclude: tools that must not be called ("but don't track"). */
  forbid: z.array(z.string()).optional(),
  /** Argument values per tool, wherever its call comes in the turn: { segment: { method: li } }; some call of that tool must satisfy all of them. */
  args: z.record(z.string(), z.record(z.string(), predicate)).optional(),
  no_calls: z.boolean().optional(),
  answer_contains: z.union([z.string(), z.array(z.string())]).optional(),
  answer_matches: z.string().optional(),
  /** A pattern the answer must not match (case-insensitive), e.g. "did not understand" or a wrong reading. */
  answer_not_matches: z.string().optional(),
  /** The answer quotes a number with its unit (µm, px, px/frame, min, %, ...). */
  answer_has_unit: z.boolean().optional(),
  /** Words the answer must name, e.g. a constraint it did not apply; an inner list gives alternatives. */
  answer_mentions: z.array(z.union([z.string(), z.array(z.string()).min(1)])).optional(),
  /** Execute mode: artifacts of these types were produced in the turn. */
  artifacts: z.array(z.string()).optional(),
  /** Execute mode: a value of some call in the turn satisfies the predicate. */
  values: z.record(z.string(), predicate).optional(),
  /** All calls succeeded (default true when calls are expected). */
  all_ok: z.boolean().optional(),
});
const turn = z.union([z.string(), z.object({ say: z.string(), expect: expectation.optional() })]);
const fixtureArtifact = z.object({
  id: z.string().regex(/^[a-z]+-\d+$/),
  description: z.string().optional(),
  producedBy: z.string().optional(),
  /** A movie with a real (tiny, 8 x 8 px) file header: frames, z slices and pixel size (µm) the planner can read. */
  frames: z.number().int().min(1).optional(),
  zSlices: z.number().int().min(1).optional(),
  pixelSizeUm: z.number().positive().optional(),
});
const fixture = z.object({
  /** Artifacts that exist before the first turn (plan-only). Default: movie-1, the user's movie. */
  artifacts: z.array(fixtureArtifact).optional(),
  /** Execute mode: simulate a movie (src/sim options) and open it as movie-1. */
  simulate: z.record(z.string(), z.unknown()).optional(),
  /** Execute mode: a movie file to open as movie-1 (relative to the suite file). */
  file: z.string().optional(),
});
const caseSchema = z.object({
  id: z.string(),
  /** What the case checks, for the report. */
  use: z.enum(['analysis', 'pipeline', 'acquisition', 'follow-up', 'help', 'io', 'robustness']).optional(),
  turns: z.array(turn).min(1),
  fixture: fixture.optional(),
  /** Expectations on the last turn (or use per-turn `expect`). */
  expect: expectation.optional(),
  execute: z.boolean().optional(),
});
export const suiteSchema = z.object({
  suite: z.string(),
  description: z.string().optional(),
  /** Held-out cases: never used to tune the planner; reported separately. */
  heldout: z.boolean().default(false),
  execute: z.boolean().default(false),
  cases: z.array(caseSchema).min(1),
});

export type EvalSuite = z.infer<typeof suiteSchema> & { path: string };
export type EvalCase = z.infer<typeof caseSchema>;
type Expectation = z.infer<typeof expectation>;

export interface CaseResult {
  suite: string;
  id: string;
  heldout: boolean;
  pass: boolean;
  /** What differed, one line each. */
  differences: string[];
  latencyMs: number;
  /** Per-turn time spent in the model (the planner: all its calls in the turn), ms. */
  turnLatencyMs: number[];
  calls: { name: string; args: Record<string, unknown>; status: string }[][];
  answers: string[];
  /** Set when the fixture file is absent (e.g. ../shared/data on another machine): not counted. */
  skipped?: string;
}

/** Pass rate of one suite file. */
export interface SuiteScore {
  suite: string;
  /** The file, as given (absolute). */
  path: string;
  heldout: boolean;
  passed: number;
  total: number;
  passRate: number;
}

export interface EvalReport {
  model: string;
  cases: CaseResult[];
  /** Per suite file, in the order run. */
  suites: SuiteScore[];
  passed: number;
  total: number;
  passRate: number;
  heldout: { passed: number; total: number; passRate: number };
  tuned: { passed: number; total: number; passRate: number };
  meanTurnMs: number;
  p95TurnMs: number;
}

/** Suites from a YAML file or every *.yaml under a folder. */
export function loadSuites(path: string): EvalSuite[] {
  if (!existsSync(path)) throw new InputError(`${path}: no such suite file or folder`);
  const files = statSync(path).isDirectory()
    ? readdirSync(path, { recursive: true }).map(String).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => join(path, f))
    : [path];
  return files.map((file) => {
    let data: unknown;
    try {
      data = YAML.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new InputError(`${file} is not valid YAML: ${(err as Error).message.split('\n')[0]}`);
    }
    const parsed = suiteSchema.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new InputError(`${basename(file)}: ${issue.path.join('.')}: ${issue.message}`);
    }
    return { ...parsed.data, path: resolve(file) };
  });
}

// ---------------------------------------------------------------- predicates

const OPERATORS = ['$eq', '$in', '$between', '$matches', '$absent', '$present', '$contains', '$gte', '$lte', '$type'];

function isPredicate(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length > 0 && Object.keys(v).every((k) => OPERATORS.includes(k));
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return a === b;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  return ka.length === kb.length && ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Does `actual` satisfy `expected` (a literal or a predicate object)? Returns the difference or undefined. */
export function checkValue(actual: unknown, expected: unknown): string | undefined {
  const show = (v: unknown) => (v === undefined ? 'nothing' : JSON.stringify(v));
  if (!isPredicate(expected)) return deepEqual(actual, expected) ? undefined : `expected ${show(expected)}, got ${show(actual)}`;
  for (const [op, want] of Object.entries(expected)) {
    const fail = `expected ${op.slice(1)} ${show(want)}, got ${show(actual)}`;
    switch (op) {
      case '$eq': if (!deepEqual(actual, want)) return fail; break;
      case '$in': if (!(want as unknown[]).some((w) => deepEqual(actual, w))) return fail; break;
      case '$between': { const [lo, hi] = want as number[]; if (typeof actual !== 'number' || actual < lo || actual > hi) return fail; break; }
      case '$gte': if (typeof actual !== 'number' || actual < (want as number)) return fail; break;
      case '$lte': if (typeof actual !== 'number' || actual > (want as number)) return fail; break;
      case '$matches': if (typeof actual !== 'string' || !new RegExp(String(want), 'i').test(actual)) return fail; break;
      case '$contains': if (!(Array.isArray(actual) ? actual.some((a) => deepEqual(a, want)) : typeof actual === 'string' && actual.toLowerCase().includes(String(want).toLowerCase()))) return fail; break;
      case '$absent': if ((actual === undefined) !== Boolean(want)) return fail; break;
      case '$present': if ((actual !== undefined) !== Boolean(want)) return fail; break;
      case '$type': if (typeof actual !== want) return fail; break;
    }
  }
  return undefined;
}

/** Does the tool name match an expected name ("a|b" for alternatives)? */
function toolMatches(name: string, expected: string): boolean {
  return expected.split('|').some((t) => t.trim() === name);
}

/** Every string and number inside a value (keys included), lower case, for `mentions`. */
function wordsIn(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object') return String(value).toLowerCase();
  if (Array.isArray(value)) return value.map(wordsIn).join(' ');
  return Object.entries(value).map(([k, v]) => `${k.toLowerCase()} ${wordsIn(v)}`).join(' ');
}

/** Is `word` in `text`: numbers as whole numbers (40 is in "40x" but not in "140"), words as substrings. */
function mentioned(text: string, word: string | number | boolean): boolean {
  const w = String(word).toLowerCase();
  if (/^-?\d+(\.\d+)?$/.test(w)) return new RegExp(`(^|[^\\d.])${w.replace('.', '\\.')}(?![\\d]|\\.\\d)`).test(text);
  return text.includes(w);
}

/** The mentions (each a word or a list of alternatives) that `text` lacks, shown as "a|b". */
export function missingMentions(text: string, wanted: z.infer<typeof mention>[]): string[] {
  return wanted.filter((m) => !(Array.isArray(m) ? m : [m]).some((w) => mentioned(text.toLowerCase(), w))).map((m) => (Array.isArray(m) ? m.join('|') : String(m)));
}

/** A call as checked: the arguments the planner wrote and, when the tool is known, those the tool runs with (schema defaults filled in). */
interface CheckedCall {
  name: string;
  args: Record<string, unknown>;
  effective?: Record<string, unknown>;
}

function checkCall(actual: CheckedCall, expected: z.infer<typeof callExpectation>, label: string): string[] {
  if (!toolMatches(actual.name, expected.tool)) return [`${label}: expected ${expected.tool}, got ${actual.name}`];
  const diffs: string[] = [];
  for (const [key, want] of Object.entries(expected.args ?? {})) {
    // an argument left out passes when the tool's default is the value wanted ("track with LAP" may omit method)
    const diff = checkValue(actual.args[key], want);
    if (diff && (!actual.effective || checkValue(actual.effective[key], want))) diffs.push(`${label} ${actual.name}.${key}: ${diff}`);
  }
  const missing = missingMentions(wordsIn(actual.args), expected.mentions ?? []);
  if (missing.length) diffs.push(`${label} ${actual.name}: its arguments do not mention ${missing.map((m) => `"${m}"`).join(', ')}: ${JSON.stringify(actual.args).slice(0, 160)}`);
  return diffs;
}

/** The arguments a tool runs with (its schema's defaults filled in), or undefined when the tool or the arguments are not valid. */
function effectiveArgs(tools: ToolSpec[], name: string, args: Record<string, unknown>): Record<string, unknown> | undefined {
  const tool = tools.find((t) => t.name === name);
  if (!tool) return undefined;
  const checked = validateArgs(tool, args);
  return checked.ok ? checked.args : undefined;
}

/** Units an answer may quote (lengths, areas and speeds start with their length unit). */
const UNIT = '(?:µm|μm|um|nm|mm|px|pixels?|ms|s\\b|sec|seconds?|min\\b|minutes?|h\\b|hours?|frames?|%|°|j\\/cm|mw|w\\/cm)';
/** A number with its unit after it ("0.8 µm/min", "152 px²", "12 frames") or before it as a label ("Mean area (µm²) = 31.2"). */
const NUMBER_WITH_UNIT = new RegExp(`\\d[\\d.,]*\\s*${UNIT}|\\(${UNIT}[^)]*\\)\\s*[=:]\\s*-?\\d`, 'i');

/** Differences between a turn's outcome and the expectation (empty when it passes). */
export function checkTurn(expect: Expectation, outcome: { calls: StepOutcome[]; answer: string; status: string }, tools: ToolSpec[] = []): string[] {
  const diffs: string[] = [];
  const calls: CheckedCall[] = outcome.calls.map((c) => ({ name: c.tool, args: c.args, effective: effectiveArgs(tools, c.tool, c.args) }));
  const names = calls.map((c) => c.name);
  if (outcome.status === 'error') diffs.push(`the turn failed: ${outcome.answer}`);
  if (expect.no_calls && calls.length) diffs.push(`expected no tool calls, got ${names.join(', ')}`);
  if (expect.calls) {
    const wanted = expect.calls.map((c) => c.tool);
    if (wanted.length !== names.length || !wanted.every((w, i) => toolMatches(names[i], w))) diffs.push(`expected calls [${wanted.join(', ')}], got [${names.join(', ')}]`);
    else expect.calls.forEach((c, i) => diffs.push(...checkCall(calls[i], c, `call ${i + 1}`)));
  }
  if (expect.calls_include) {
    let from = 0;
    for (const c of expect.calls_include) {
      const at = calls.findIndex((a, i) => i >= from && checkCall(a, c, '').length === 0);
      if (at < 0) {
        const near = calls.find((a, i) => i >= from && toolMatches(a.name, c.tool));
        diffs.push(near ? checkCall(near, c, 'call').join('; ') : `expected a ${c.tool} call (in order), got [${names.join(', ')}]`);
        break;
      }
      from = at + 1;
    }
  }
  for (const tool of [...(expect.calls_exclude ?? []), ...(expect.forbid ?? [])]) if (names.includes(tool)) diffs.push(`expected no ${tool} call, got [${names.join(', ')}]`);
  for (const [tool, args] of Object.entries(expect.args ?? {})) {
    const ofTool = calls.filter((c) => c.name === tool);
    const checks = ofTool.map((c) => checkCall(c, { tool, args }, 'call'));
    if (ofTool.length === 0) diffs.push(`expected a ${tool} call with ${JSON.stringify(args)}, got [${names.join(', ')}]`);
    else if (checks.every((d) => d.length > 0)) diffs.push(checks[0].join('; '));
  }
  const mustBeOk = expect.all_ok ?? Boolean(expect.calls || expect.calls_include);
  if (mustBeOk) for (const c of outcome.calls) if (c.status !== 'ok') diffs.push(`${c.tool} ${c.status}: ${c.error ?? c.summary}`);
  const contains = expect.answer_contains === undefined ? [] : Array.isArray(expect.answer_contains) ? expect.answer_contains : [expect.answer_contains];
  for (const text of contains) if (!outcome.answer.toLowerCase().includes(text.toLowerCase())) diffs.push(`answer lacks "${text}": ${outcome.answer.slice(0, 160)}`);
  if (expect.answer_matches && !new RegExp(expect.answer_matches, 'i').test(outcome.answer)) diffs.push(`answer does not match /${expect.answer_matches}/: ${outcome.answer.slice(0, 160)}`);
  if (expect.answer_not_matches && new RegExp(expect.answer_not_matches, 'i').test(outcome.answer)) diffs.push(`answer matches /${expect.answer_not_matches}/, which it must not: ${outcome.answer.slice(0, 160)}`);
  if (expect.answer_has_unit && !NUMBER_WITH_UNIT.test(outcome.answer)) diffs.push(`answer quotes no number with a unit: ${outcome.answer.slice(0, 160)}`);
  const missing = missingMentions(outcome.answer, expect.answer_mentions ?? []);
  if (missing.length) diffs.push(`answer does not name ${missing.map((m) => `"${m}"`).join(', ')}: ${outcome.answer.slice(0, 160)}`);
  for (const type of expect.artifacts ?? []) if (!outcome.calls.some((c) => c.artifacts.some((a) => a.type === type))) diffs.push(`no ${type} artifact was produced`);
  for (const [key, want] of Object.entries(expect.values ?? {})) {
    const candidates = outcome.calls.map((c) => c.values[key]).filter((v) => v !== undefined);
    if (candidates.length === 0) diffs.push(`no call reported the value ${key}`);
    else if (candidates.every((v) => checkValue(v, want))) diffs.push(`value ${key}: ${checkValue(candidates.at(-1), want)}`);
  }
  return diffs;
}

// ---------------------------------------------------------------- running

/** Stand-in values for plan-only runs, so follow-up questions have something to read: the typical value each tool declares for its results. */
export function standInValues(tool: ToolSpec): Record<string, number> {
  return Object.fromEntries(Object.entries(tool.results ?? {}).flatMap(([key, r]) => (r.example === undefined ? [] : [[key, r.example]])));
}

/** A tool that declares it only reads runs for real in plan-only mode, where what it reads exists (a fixture movie with a real header). */
function runsForReal(session: Session, tool: ToolSpec, args: Record<string, unknown>): boolean {
  if (!tool.readsOnly) return false;
  if (!(tool.consumes ?? []).includes('movie')) return true;
  const path = session.store.get(typeof args.movie === 'string' ? args.movie : 'movie-1')?.path;
  return !!path && path.endsWith('.tif') && existsSync(path);
}

function planOnlyExecutor(session: Session, tools: ToolSpec[]) {
  let step = 0;
  // the calibration the case's plan-only calls told (kept for the stand-in tables of later steps)
  let told: StandInCalibration = {};
  return async (name: string, args: Record<string, unknown>): Promise<StepOutcome> => {
    const base = { stepId: `s${++step}`, tool: name, args, durationMs: 0, artifacts: [], values: {} };
    const tool = tools.find((t) => t.name === name);
    if (!tool) return { ...base, status: 'invalid', summary: `unknown tool "${name}"`, error: `unknown tool "${name}"`, errorKind: 'input' };
    const checked = validateArgs(tool, args);
    if (!checked.ok) return { ...base, status: 'invalid', summary: checked.error, error: checked.error, errorKind: 'input' };
    for (const [key, value] of Object.entries(args)) {
      if (!['movie', 'labels', 'tracks', 'table', 'result', 'pipeline'].includes(key)) continue;
      if (typeof value === 'string' && /^(movie|labels|tracks|table|plot|pipeline|model|rule)-\d+$/.test(value) && !session.store.get(value)) {
        const error = `no artifact called ${value} in this session`;
        return { ...base, status: 'error', summary: error, error, errorKind: 'input' };
      }
    }
    if (runsForReal(session, tool, args)) {
      const result = await tool.run(checked.args as never, session.context({ toolName: name }));
      return { ...base, status: 'ok', summary: result.summary, artifacts: result.artifacts, values: result.values };
    }
    const truthDir = join(session.dir, 'artifacts', `${name}-${step}_GT`);
    // stand-ins of what the tool declares it writes; the masks of its declared ground truth in a CTC folder, as the evaluation reads them
    const isTruthMasks = (type: string) => type === 'labels' && !!tool.truth?.includes(type);
    told = { ...told, ...calibrationTold(tool, checked.args as Record<string, unknown>) };
    const declared = tool.table?.(checked.args as Record<string, unknown>);
    const artifacts = [];
    for (const type of tool.produces ?? []) {
      if (type === 'table' && declared) {
        const path = join(session.dir, 'artifacts', `${name}-${step}.csv`);
        mkdirSync(dirname(path), { recursive: true });
        const { span, calibration } = await standInScope(session, name, checked.args as Record<string, unknown>, told);
        writeTableCsv(path, standInTable(declared, span, typeof args.tracks === 'string', calibration));
        artifacts.push(session.store.add('table', path, `${name} output (plan-only stand-in)`, name));
        continue;
      }
      artifacts.push(session.store.add(type as never, isTruthMasks(type) ? join(truthDir, 'SEG') : join(session.dir, 'artifacts', `${name}-${step}.${type}`), `${name} output`, name));
    }
    return { ...base, status: 'ok', summary: `${name} ran (plan-only).`, artifacts, values: standInValues(tool) };
  };
}

/**
 * What a plan-only stand-in table is measured over: the frames the call measures (else those of the fixture movie's
 * header, 10 without one), 0-based, and the calibration a real run would write it in (the session's, a calibration
 * told earlier in the case, the movie header's).
 */
async function standInScope(session: Session, toolName: string, args: Record<string, unknown>, told: StandInCalibration): Promise<{ span: FrameSpan; calibration: StandInCalibration }> {
  const frames = args.frames as { first?: number; last?: number } | undefined;
  const path = session.store.get(typeof args.movie === 'string' ? args.movie : 'movie-1')?.path;
  const movie = path && path.endsWith('.tif') && existsSync(path) ? await session.context({ toolName }).openMovie(path) : undefined;
  await movie?.close();
  const first = Math.max(0, typeof frames?.first === 'number' ? frames.first - 1 : 0);
  const last = typeof frames?.last === 'number' ? frames.last - 1 : (movie?.shape.t ?? 10) - 1;
  const set = session.calibration();
  const calibration = {
    pixelSizeUm: set.pixelSizeUm ?? told.pixelSizeUm ?? movie?.meta.pixelSizeUm,
    frameIntervalS: set.frameIntervalS ?? told.frameIntervalS ?? movie?.meta.frameIntervalS,
  };
  return { span: { first, last: Math.max(first, last) }, calibration };
}

/** A calibration told by a call that makes nothing and sets the calibration's own fields (set_calibration, which plan-only runs do not run). */
function calibrationTold(tool: ToolSpec, args: Record<string, unknown>): StandInCalibration {
  if ((tool.produces ?? []).length > 0) return {};
  const number = (v: unknown) => (typeof v === 'number' && v > 0 ? v : undefined);
  return Object.fromEntries(Object.entries({ pixelSizeUm: number(args.pixelSizeUm), frameIntervalS: number(args.frameIntervalS) }).filter(([, v]) => v !== undefined));
}

/** The options of the movie an executed case simulates (a small default movie unless it says otherwise), or undefined when it runs on a file or plans only. */
function simulationOf(evalCase: EvalCase, suite: EvalSuite): SimOptions | undefined {
  if (!(evalCase.execute ?? suite.execute) || evalCase.fixture?.file) return undefined;
  return { frames: 8, width: 80, height: 80, cells: 6, seed: 1, ...(evalCase.fixture?.simulate ?? {}) };
}

async function prepareFixture(session: Session, evalCase: EvalCase, suite: EvalSuite, execute: boolean, fixtures: FixtureMovies): Promise<void> {
  const f = evalCase.fixture;
  if (execute) {
    if (f?.file) {
      session.addInput('movie', resolve(suite.path, '..', f.file));
      return;
    }
    const moviePath = join(session.dir, 'fixture.tif');
    await fixtures.write(simulationOf(evalCase, suite)!, moviePath, join(session.dir, 'fixture_GT'));
    session.addInput('movie', moviePath);
    return;
  }
  const artifacts = f?.artifacts ?? [{ id: 'movie-1', description: 'input movie cells.tif (file named by the user)' }];
  for (const a of artifacts) {
    const type = a.id.replace(/-\d+$/, '');
    const withHeader = type === 'movie' && (a.frames !== undefined || a.zSlices !== undefined || a.pixelSizeUm !== undefined);
    const path = join(session.dir, withHeader ? `${a.id}.tif` : `${a.id}.fixture`);
    if (withHeader) await writeTinyMovie(path, a.frames ?? 1, a.zSlices ?? 1, a.pixelSizeUm);
    const ref = session.store.add(type as never, path, a.description ?? `${type} from an earlier step`, a.producedBy);
    if (ref.id !== a.id) throw new InputError(`fixture artifacts must be listed in id order per type (got ${a.id}, expected ${ref.id})`);
  }
}

/** An 8 x 8 px movie whose header says what a plan-only fixture needs (frames, z slices, pixel size). */
async function writeTinyMovie(path: string, frames: number, zSlices: number, pixelSizeUm: number | undefined): Promise<void> {
  const { MemoryMovie, writeMovie } = await import('../image/index.ts');
  const shape = { t: frames, z: zSlices, c: 1, y: 8, x: 8 };
  const planes = Array.from({ length: frames * zSlices }, () => new Uint16Array(64));
  await writeMovie(path, new MemoryMovie(shape, 'uint16', planes, { channelNames: ['C1'], ...(pixelSizeUm ? { pixelSizeUm } : {}) }));
}

/** How to run cases: the model by name, or one already made (reused across cases: a chat model reads the whole conversation each call, so it keeps no state between them). */
interface RunOptions {
  model?: string;
  chat?: ModelChoice;
  tools: ToolSpec[];
  /** The simulated movies of executed cases, shared by the cases of a run (runSuites makes one). */
  fixtures?: FixtureMovies;
  /**
   * Where a case leaves the removal of its folder for the run to await (runSuites makes one): the next case
   * plans while the files are unlinked (tens of ms of waiting per case on a busy disk). Without it a case
   * removes its folder before it returns.
   */
  removals?: Promise<Error | undefined>[];
}

export async function runCase(evalCase: EvalCase, suite: EvalSuite, options: RunOptions): Promise<CaseResult> {
  const root = mkdtempSync(join(tmpdir(), 'cellpilot-eval-'));
  const started = performance.now();
  const result: CaseResult = { suite: suite.suite, id: evalCase.id, heldout: suite.heldout, pass: false, differences: [], latencyMs: 0, turnLatencyMs: [], calls: [], answers: [] };
  const savedPipelinesDir = process.env.CELLPILOT_PIPELINES;
  // pipelines saved by a case stay in its temporary folder
  process.env.CELLPILOT_PIPELINES = join(root, 'pipelines');
  // and so are models a case trains (train_n2v writes to the first CELLPILOT_MODELS folder)
  const savedModelsDirs = process.env.CELLPILOT_MODELS;
  process.env.CELLPILOT_MODELS = [join(root, 'models'), savedModelsDirs].filter(Boolean).join(':');
  let session: Session | undefined;
  try {
    const execute = evalCase.execute ?? suite.execute;
    if (evalCase.fixture?.file && !existsSync(resolve(suite.path, '..', evalCase.fixture.file))) {
      result.skipped = `fixture ${evalCase.fixture.file} is absent`;
      return result;
    }
    // (thrown away with its folder when the case ends: nothing it logs is fsynced)
    session = Session.create({ root, id: 'eval', durable: false });
    const fixtures = options.fixtures ?? new FixtureMovies();
    try {
      await prepareFixture(session, evalCase, suite, execute, fixtures);
    } finally {
      if (!options.fixtures) fixtures.dispose();
    }
    const { name, model } = options.chat ?? (await createChatModel(options.model));
    const agent = new Agent({ session, tools: options.tools, model, modelName: name, execute: execute ? undefined : planOnlyExecutor(session, options.tools) });
    for (const [i, turn] of evalCase.turns.entries()) {
      const say = typeof turn === 'string' ? turn : turn.say;
      const expectation = typeof turn === 'string' ? undefined : turn.expect;
      const last = i === evalCase.turns.length - 1;
      const outcome = await agent.ask(say);
      result.turnLatencyMs.push(outcome.modelMs);
      result.calls.push(outcome.toolCalls.map((c) => ({ name: c.tool, args: c.args, status: c.status })));
      result.answers.push(outcome.answer);
      const checks = [expectation, last ? evalCase.expect : undefined].filter((e): e is Expectation => e !== undefined);
      for (const e of checks) {
        for (const d of checkTurn(e, { calls: outcome.toolCalls, answer: outcome.answer, status: outcome.status }, options.tools)) result.differences.push(evalCase.turns.length > 1 ? `turn ${i + 1}: ${d}` : d);
      }
    }
  } catch (err) {
    result.differences.push(`the case could not run: ${(err as Error).message.split('\n')[0]}`);
  } finally {
    // an acquisition the case started keeps writing into the case's folder: it ends (and its files close) before the folder goes
    if (session) await endAcquisition(session, result);
    session?.close();
    if (savedPipelinesDir === undefined) delete process.env.CELLPILOT_PIPELINES;
    else process.env.CELLPILOT_PIPELINES = savedPipelinesDir;
    if (savedModelsDirs === undefined) delete process.env.CELLPILOT_MODELS;
    else process.env.CELLPILOT_MODELS = savedModelsDirs;
    if (options.removals) options.removals.push(rm(root, { recursive: true, force: true }).then(() => undefined, (err: Error) => err));
    else rmSync(root, { recursive: true, force: true });
  }
  result.latencyMs = performance.now() - started;
  result.pass = result.differences.length === 0 && !result.skipped;
  return result;
}

/**
 * The kind of check a difference line reports (wrong tool, argument, forbidden call, answer without unit, ...), read from
 * the wording checkTurn and runCase give it: lets a held-out or -check file's failures be counted by kind without any
 * case being read.
 */
export function differenceKind(difference: string): string {
  const d = difference.replace(/^turn \d+: /, '');
  const kinds: [RegExp, string][] = [
    [/^the turn failed|^the case could not run|^the case's acquisition/, 'the turn failed'],
    [/^expected no tool calls/, 'called a tool where none was wanted'],
    [/^expected no \S+ call/, 'called a forbidden tool'],
    [/^expected calls \[|^expected a \S+ call|^call( \d+)?: expected /, 'wrong or missing tool'],
    [/its arguments do not mention/, 'an argument lacks a word asked for'],
    [/^call( \d+)? [\w.-]+\.\w+: /, 'wrong argument value'],
    [/^answer quotes no number with a unit/, 'answer without a unit'],
    [/^answer does not name/, 'answer does not name a dropped part'],
    [/^answer lacks|^answer does not match|^answer matches \//, 'answer text'],
    [/^no \S+ artifact/, 'missing artifact'],
    [/^no call reported the value|^value /, 'wrong reported value'],
  ];
  const kind = kinds.find(([pattern]) => pattern.test(d))?.[1] ?? 'a call did not succeed';
  return kind === 'wrong or missing tool' ? toolDifferenceKind(d) ?? kind : kind;
}

/**
 * Which way a list of calls differs from the one wanted, by tool names only (never a case's words): nothing ran, the
 * right tools in another order, the wanted ones with others beside them (a step run twice, a step not asked). Tells a
 * fix which mechanism to aim at (understanding, order, restated steps) in a file that is never read.
 */
function toolDifferenceKind(difference: string): string | undefined {
  const listed = (text: string) => text.split(',').map((t) => t.trim()).filter(Boolean);
  const m = /^expected calls \[([^\]]*)\], got \[([^\]]*)\]/.exec(difference) ?? /^expected an? (\S+) call \(in order\), got \[([^\]]*)\]/.exec(difference);
  if (!m) return undefined;
  const [wanted, got] = [listed(m[1]), listed(m[2])];
  const inGot = (w: string) => got.some((g) => toolMatches(g, w));
  if (got.length === 0) return 'no tool ran where one was wanted';
  if (!wanted.every(inGot)) return undefined;
  return got.length === wanted.length || difference.includes('(in order)') ? 'the wanted tools in another order' : 'the wanted tools and others beside them';
}

/** Stops an acquisition still running in a case's session and waits for its end; a failure to stop fails the case. */
async function endAcquisition(session: Session, result: CaseResult): Promise<void> {
  try {
    const { stopRunningAcquisition } = await import('../../tools/microscope.ts');
    await stopRunningAcquisition(session.state, 'the eval case that started it ended');
  } catch (err) {
    result.differences.push(`the case's acquisition could not be stopped: ${(err as Error).message.split('\n')[0]}`);
  }
}

function rate(cases: CaseResult[]) {
  const passed = cases.filter((c) => c.pass).length;
  return { passed, total: cases.length, passRate: cases.length ? passed / cases.length : 0 };
}

/** A run of suites: what a case reports as it ends, and which cases run. */
type SuitesOptions = RunOptions & { onCase?: (r: CaseResult) => void; filter?: (c: EvalCase, s: EvalSuite) => boolean };

export async function runSuites(suites: EvalSuite[], options: SuitesOptions): Promise<EvalReport> {
  // one model for the whole run: making one costs more than planning a turn; each distinct simulated movie made once
  const fixtures = options.fixtures ?? new FixtureMovies();
  const removals = options.removals ?? [];
  try {
    return await runEach(suites, { ...options, chat: options.chat ?? (await createChatModel(options.model)), fixtures, removals });
  } finally {
    if (!options.fixtures) fixtures.dispose();
    if (!options.removals) await removed(removals);
  }
}

/** Waits until the case folders left to `removals` are gone; a removal that failed throws, as it failed its case before. */
export async function removed(removals: Promise<Error | undefined>[]): Promise<void> {
  const failed = (await Promise.all(removals)).find((e) => e !== undefined);
  if (failed) throw failed;
}

async function runEach(suites: EvalSuite[], options: SuitesOptions): Promise<EvalReport> {
  const cases: CaseResult[] = [];
  const scores: SuiteScore[] = [];
  const chosen = suites.map((suite) => ({ suite, picked: suite.cases.filter((c) => !options.filter || options.filter(c, suite)) }));
  // the movies the cases will simulate, so that one asked for by a single case is simulated in its place
  // (options the simulator refuses are not announced: the case that asks for them fails with the reason)
  for (const { suite, picked } of chosen) {
    for (const c of picked) {
      const simulation = simulationOf(c, suite);
      if (simulation) await options.fixtures?.announce(simulation).catch(() => undefined);
    }
  }
  for (const { suite, picked } of chosen) {
    const ofSuite: CaseResult[] = [];
    for (const c of picked) {
      const r = await runCase(c, suite, options);
      options.onCase?.(r);
      // a plan-only case settles in microtasks alone: let timers and messages run between cases
      // (a test worker's RPC timed out after minutes of cases with no turn of the event loop)
      await new Promise((resolve) => setImmediate(resolve));
      if (!r.skipped) ofSuite.push(r);
    }
    cases.push(...ofSuite);
    if (ofSuite.length) scores.push({ suite: suite.suite, path: suite.path, heldout: suite.heldout, ...rate(ofSuite) });
  }
  const turnTimes = cases.flatMap((c) => c.turnLatencyMs).sort((a, b) => a - b);
  const all = rate(cases);
  return {
    model: options.model ?? 'default',
    cases,
    suites: scores,
    ...all,
    heldout: rate(cases.filter((c) => c.heldout)),
    tuned: rate(cases.filter((c) => !c.heldout)),
    meanTurnMs: turnTimes.length ? turnTimes.reduce((a, b) => a + b, 0) / turnTimes.length : 0,
    p95TurnMs: turnTimes.length ? turnTimes[Math.min(turnTimes.length - 1, Math.floor(0.95 * turnTimes.length))] : 0,
  };
}
