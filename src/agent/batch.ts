// Headless pipeline runs over many movies (`cellpilot run`): one session folder per
// movie under the output folder, a results.json beside it, a progress line per step,
// and one failing movie reported without stopping the others.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { ToolSpec } from '../../tools/types.ts';
import { InputError, oneLine, WorkError } from '../errors.ts';
import { imagesNote, movieInputExists, movieStem } from '../image/moviePath.ts';
import { runStep } from './executor.ts';
import { inspectInput, isInside, realPathOf, removeCreated } from './filePolicy.ts';
import { lockFolder, writeFileAtomic } from './locks.ts';
import { executePipeline, type Pipeline, type PipelineStepResult } from './pipeline.ts';
import { redact } from './secrets.ts';
import { Session } from './session.ts';
import { valueUnit } from './valueUnits.ts';

export interface MovieRunResult {
  movie: string;
  /** Folder with the movie's artifacts, provenance and results.json. */
  dir: string;
  /** 'interrupted': the run was cancelled (Ctrl-C) before this movie was done, or before it started (no steps). */
  status: 'ok' | 'failed' | 'interrupted';
  error?: string;
  steps: PipelineStepResult[];
  durationMs: number;
}


/** Each movie's output folder name; an InputError naming both movies when two would share one (the second would overwrite the first). */
export function outputFolders(movies: string[]): string[] {
  const stems = movies.map(movieStem);
  for (const [i, stem] of stems.entries()) {
    const first = stems.indexOf(stem);
    if (first !== i) throw new InputError(`two inputs would share the output folder "${stem}": ${movies[first]} and ${movies[i]}; rename one of them or run them separately`);
  }
  return stems;
}

export interface BatchOptions {
  outDir: string;
  jobs?: number;
  /** Values for the pipeline's other inputs (besides the movie). */
  inputs?: Record<string, string>;
  /**
   * A calibration told on the command line (`--pixel-size-um`, `--interval-s`, `--z-step-um`):
   * set on every movie before the pipeline's steps, over what its header says and over the
   * pipeline's own calibration step.
   */
  calibration?: { pixelSizeUm?: number; zStepUm?: number; frameIntervalS?: number };
  signal?: AbortSignal;
  onProgress?: (line: string) => void;
}

/** Runs `pipeline` on each movie; never throws for a movie's failure. */
export async function runPipelineOnMovies(pipeline: Pipeline, movies: string[], tools: ToolSpec[], options: BatchOptions): Promise<MovieRunResult[]> {
  const [first] = Object.keys(pipeline.inputs);
  const stems = outputFolders(movies);
  const results: MovieRunResult[] = new Array(movies.length);
  let next = 0;
  // once cancelled, no movie starts: its folder (an earlier run's results) is left as it is
  const worker = async () => {
    while (next < movies.length && !options.signal?.aborted) {
      const index = next++;
      results[index] = await runOne(index);
    }
  };
  const runOne = async (index: number): Promise<MovieRunResult> => {
    const movie = resolve(movies[index]);
    const label = `[${index + 1}/${movies.length}] ${basename(movie)}`;
    const outDir = resolve(options.outDir);
    const dir = join(outDir, stems[index]);
    const started = performance.now();
    let lock: Awaited<ReturnType<typeof lockFolder>> | undefined;
    const fail = (error: string, steps: PipelineStepResult[] = []): MovieRunResult => {
      // cancelled (Ctrl-C): the movie was interrupted, not failed; the step it was in is named
      const interrupted = options.signal?.aborted === true;
      const stopped = steps.find((s) => s.status === 'cancelled') ?? (steps.length < pipeline.steps.length ? { tool: pipeline.steps[steps.length].tool } : undefined);
      const message = !interrupted ? error : stopped ? `interrupted during ${stopped.tool}` : 'interrupted';
      options.onProgress?.(`${label}: ${interrupted ? message : `FAILED: ${message}`}`);
      const result: MovieRunResult = { movie, dir, status: interrupted ? 'interrupted' : 'failed', error: message, steps, durationMs: Math.round(performance.now() - started) };
      // only into a folder this run holds: a refused second writer leaves the first one's results alone
      if (lock && existsSync(join(dir, 'session.json'))) writeFileAtomic(join(dir, 'results.json'), JSON.stringify(redact({ pipeline: pipeline.name, ...result }), null, 2) + '\n');
      return result;
    };
    if (!movieInputExists(movie)) return fail(`${movies[index]}: no such file`);
    try {
      inspectInput(movies[index], movie, ['movie']);
      if (!isInside(realPathOf(dir), realPathOf(outDir)) || realPathOf(dir) === realPathOf(outDir)) {
        // only a symbolic link can take the movie's folder out of --out: it is never written through
        const through = realPathOf(dir) === resolve(dir) ? '' : ` (a symbolic link to ${realPathOf(dir)}, which is never written through: remove the link or choose another --out)`;
        throw new InputError(`${movies[index]}: its output folder ${dir} is not inside --out ${outDir}${through}`);
      }
      // the folder of another movie with the same name is never replaced (checked before the lock: a refusal writes nothing)
      const earlier = earlierRun(dir);
      if (earlier?.movie && resolve(earlier.movie) !== movie) {
        throw new InputError(`${dir} holds the results of ${earlier.movie} from an earlier run (another movie, whose name gives the same folder): choose another --out, or move those results first`);
      }
      // one writer per movie folder: a second `cellpilot run` on the same --out waits or refuses
      lock = await lockFolder(dir, `the output folder ${dir}`);
      prepareDir(dir);
      if (earlier) options.onProgress?.(`${label}: replacing the results of an earlier run${earlier.pipeline && earlier.pipeline !== pipeline.name ? ` of pipeline "${earlier.pipeline}"` : ''} in ${dir}`);
      const session = Session.create({ root: outDir, id: stems[index] });
      const input = session.addInput('movie', movie);
      // an OME-TIFF of several positions: only the first is analysed, and the run says so
      if (/\.ome\.tiff?$/i.test(movie)) {
        const { openMovie } = await import('../image/reader.ts');
        const opened = await openMovie(movie);
        const note = imagesNote(opened.meta.extra?.omeImages);
        await opened.close();
        if (note) options.onProgress?.(`${label}: note: ${note}`);
      }
      const total = pipeline.steps.length;
      let current = 0;
      const told = Object.fromEntries(Object.entries(options.calibration ?? {}).filter(([, v]) => v !== undefined));
      const calibrationTool = tools.find((t) => t.appliesToLaterSteps === true && 'pixelSizeUm' in (t.schema.shape as Record<string, unknown>));
      const before: PipelineStepResult[] = [];
      if (Object.keys(told).length && calibrationTool) {
        const outcome = await runStep(session, tools, calibrationTool.name, { ...told, movie: input.id }, { signal: options.signal, typed: [], outputRoots: [dir] });
        const result: PipelineStepResult = { id: 'calibration', tool: calibrationTool.name, status: outcome.status, summary: outcome.summary, error: outcome.error, artifacts: outcome.artifacts, values: outcome.values, durationMs: outcome.durationMs };
        before.push(result);
        options.onProgress?.(`${label}: calibration ${outcome.status === 'ok' ? 'ok' : `failed: ${outcome.error ?? outcome.summary}`}`);
        if (outcome.status !== 'ok') throw Object.assign(new WorkError(`the calibration given (${JSON.stringify(told)}) was not set: ${outcome.error ?? outcome.summary}`), { results: before });
      }
      const steps = await executePipeline(
        pipeline,
        { ...options.inputs, [first]: input.id },
        async (tool, given) => {
          // what the command line told wins over the pipeline's own calibration step
          const args = tool === calibrationTool?.name ? Object.fromEntries(Object.entries(given).filter(([k]) => !(k in told))) : given;
          // pipeline arguments are not typed by a person: outputs stay in the movie's folder
          const outcome = await runStep(session, tools, tool, args, { signal: options.signal, typed: [], outputRoots: [dir], onProgress: stepProgress(`${label}: ${current + 1}/${total} ${tool}`, options.onProgress) });
          return { tool, status: outcome.status, summary: outcome.summary, error: outcome.error, artifacts: outcome.artifacts, values: outcome.values, durationMs: outcome.durationMs };
        },
        {
          signal: options.signal,
          onStep: (i, step, phase, result) => {
            current = i;
            const said = result?.status === 'ok' ? 'ok' : result?.status === 'cancelled' ? 'interrupted' : 'failed';
            if (phase === 'end' && result) options.onProgress?.(`${label}: ${i + 1}/${total} ${step.tool} ${said} (${(result.durationMs / 1000).toFixed(1)} s)`);
          },
        },
      )
        .then((results) => [...before, ...results])
        .catch((err: Error & { results?: PipelineStepResult[] }) => {
          throw Object.assign(err, { results: [...before, ...(err.results ?? [])] });
        });
      const result: MovieRunResult = { movie, dir, status: 'ok', steps, durationMs: Math.round(performance.now() - started) };
      writeFileAtomic(join(dir, 'results.json'), JSON.stringify(redact({ pipeline: pipeline.name, ...result }), null, 2) + '\n');
      options.onProgress?.(`${label}: done in ${(result.durationMs / 1000).toFixed(1)} s`);
      return result;
    } catch (err) {
      const steps = (err as { results?: PipelineStepResult[] }).results ?? [];
      return fail(`${oneLine(err)}${settingsHint(pipeline, steps.find((s) => s.status !== 'ok' && s.status !== 'cancelled')?.id, options.inputs)}`, steps);
    } finally {
      lock?.release();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.jobs ?? 1, movies.length)) }, worker));
  for (const [index, path] of movies.entries()) {
    results[index] ??= { movie: resolve(path), dir: join(resolve(options.outDir), stems[index]), status: 'interrupted', error: 'not started', steps: [], durationMs: 0 };
  }
  return results;
}

/**
 * The settings of a failed step that `--set` changes, with the values this run used ("; its
 * settings: --set segment_channel=2"): a pipeline made on another movie may name a channel or a
 * frame range this movie lacks. '' when the step has none.
 */
function settingsHint(pipeline: Pipeline, stepId: string | undefined, given: Record<string, string> | undefined): string {
  const step = pipeline.steps.find((s) => s.id === stepId);
  if (!step) return '';
  const names = [...new Set([...JSON.stringify(step.args).matchAll(/\$\{params\.([A-Za-z0-9_]+)\}/g)].map((m) => m[1]))];
  if (!names.length) return '';
  const value = (name: string) => {
    const v = given?.[name] ?? pipeline.parameters?.[name]?.value;
    return typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
  };
  return `; change this step's settings with ${names.map((n) => `--set ${n}=...`).join(' ')} (this run: ${names.map((n) => `${n}=${value(n)}`).join(', ')})`;
}

/**
 * A step's own progress as a line at each quarter of its work (by count, not time, so a
 * long step of a headless run shows that it advances): "PREFIX 10/40 planes denoised".
 */
function stepProgress(prefix: string, say: ((line: string) => void) | undefined): ((done: number, total: number, label?: string) => void) | undefined {
  if (!say) return undefined;
  let quarter = 0;
  return (done, total, label) => {
    if (!(total > 0) || done >= total) return;
    const reached = Math.floor((4 * done) / total);
    if (reached <= quarter) return;
    quarter = reached;
    say(`${prefix} ${done}/${total}${label ? ` ${label}` : ''}`);
  };
}

/** The movie and pipeline of the results an earlier `cellpilot run` left in `dir` (its results.json); undefined when none. */
function earlierRun(dir: string): { movie?: string; pipeline?: string } | undefined {
  try {
    const saved = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as { movie?: unknown; pipeline?: unknown };
    return { movie: typeof saved.movie === 'string' ? saved.movie : undefined, pipeline: typeof saved.pipeline === 'string' ? saved.pipeline : undefined };
  } catch {
    return undefined;
  }
}

/** Files of a session folder that the session itself writes (besides its artifacts). */
const SESSION_FILES = ['session.json', 'provenance.jsonl', 'transcript.jsonl', 'artifacts.jsonl', 'results.json', 'hashes.jsonl'];

/**
 * A movie's output folder starts fresh: what an earlier `cellpilot run` created there (its
 * manifest and artifacts) is removed, nothing else; a folder cellpilot did not write is refused.
 */
function prepareDir(dir: string): void {
  // Snakemake creates the output's folder before the job runs: an empty folder (but for our lock) is fine
  const entries = existsSync(dir) ? readdirSync(dir).filter((n) => !n.startsWith('.cellpilot.lock')) : [];
  if (entries.length === 0) return;
  if (!existsSync(join(dir, 'session.json'))) throw new InputError(`${dir} exists and was not written by cellpilot run: choose another --out folder`);
  removeStaleTemporaries(join(dir, 'artifacts'));
  removeCreated(dir, SESSION_FILES);
}

/** The temporary file a movie writer renames into place on close (image/writer.ts): `.NAME.PID-COUNT-RANDOM.tmp`. */
const WRITER_TEMPORARY = /^\..+\.\d+-[0-9a-z]+-[0-9a-z]+\.tmp$/;

/**
 * Half-written movies an earlier run left when it was killed (a second Ctrl-C ends the process
 * at once, before the writer removes its file); no other run writes here (the folder is locked).
 */
function removeStaleTemporaries(artifacts: string): void {
  if (!existsSync(artifacts)) return;
  for (const name of readdirSync(artifacts)) if (WRITER_TEMPORARY.test(name)) rmSync(join(artifacts, name), { force: true });
}

/**
 * A tidy summary: one row per movie with its status and every numeric value as STEP.KEY, the
 * unit in the header ("measure.meanSpeed (µm/min)") when every movie's value has the same one;
 * when they differ (one movie calibrated, another not) a column "STEP.KEY unit" beside it says
 * each row's. The unit is the tool's declared one, in the lengths and times the step reported
 * it used (`lengthUnit`, `timeUnit`, `speedUnit`); keys named in px or frames stay so.
 */
export function summaryCsv(results: MovieRunResult[], tools: ToolSpec[] = []): string {
  const units = new Map<string, Set<string>>();
  const rows = results.map((r) => {
    const row: Record<string, string> = { movie: r.movie, status: r.status, error: r.error ?? '' };
    for (const step of r.steps) {
      const tool = tools.find((t) => t.name === step.tool);
      for (const [k, v] of Object.entries(step.values)) {
        if (typeof v !== 'number') continue;
        const column = `${step.id}.${k}`;
        row[column] = String(v);
        const unit = valueUnit(tool, k, step.values);
        if (unit === undefined) continue;
        row[`${column} unit`] = unit;
        if (!units.has(column)) units.set(column, new Set());
        units.get(column)!.add(unit);
      }
    }
    return row;
  });
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((c) => !(c.endsWith(' unit') && (units.get(c.slice(0, -5))?.size ?? 0) <= 1));
  const header = columns.map((c) => {
    const one = units.get(c);
    return one?.size === 1 && [...one][0] !== '' ? `${c} (${[...one][0]})` : c;
  });
  const cell = (v: string | undefined) => (v === undefined ? '' : /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [header.map(cell).join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\n') + '\n';
}

export { valueUnit };
