// Headless pipeline runs over many movies (`cellpilot run`): one session folder per
// movie under the output folder, a results.json beside it, a progress line per step,
// and one failing movie reported without stopping the others.
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { ToolSpec } from '../../tools/types.ts';
import { InputError, oneLine } from '../errors.ts';
import { runStep } from './executor.ts';
import { executePipeline, type Pipeline, type PipelineStepResult } from './pipeline.ts';
import { Session } from './session.ts';

export interface MovieRunResult {
  movie: string;
  /** Folder with the movie's artifacts, provenance and results.json. */
  dir: string;
  status: 'ok' | 'failed';
  error?: string;
  steps: PipelineStepResult[];
  durationMs: number;
}

/** The output folder name for a movie: its file name without extension(s). */
export function movieStem(path: string): string {
  return basename(path).replace(/\.(ome\.)?(tiff?|czi|nd2|lif)$/i, '').replace(/[^A-Za-z0-9_.-]+/g, '_') || 'movie';
}

export interface BatchOptions {
  outDir: string;
  jobs?: number;
  /** Values for the pipeline's other inputs (besides the movie). */
  inputs?: Record<string, string>;
  signal?: AbortSignal;
  onProgress?: (line: string) => void;
}

/** Runs `pipeline` on each movie; never throws for a movie's failure. */
export async function runPipelineOnMovies(pipeline: Pipeline, movies: string[], tools: ToolSpec[], options: BatchOptions): Promise<MovieRunResult[]> {
  const [first] = Object.keys(pipeline.inputs);
  const stems = movies.map(movieStem);
  const duplicate = stems.find((s, i) => stems.indexOf(s) !== i);
  if (duplicate) throw new InputError(`two inputs would share the output folder "${duplicate}": rename one of them or run them separately`);
  const results: MovieRunResult[] = new Array(movies.length);
  let next = 0;
  const worker = async () => {
    while (next < movies.length) {
      const index = next++;
      results[index] = await runOne(index);
    }
  };
  const runOne = async (index: number): Promise<MovieRunResult> => {
    const movie = resolve(movies[index]);
    const label = `[${index + 1}/${movies.length}] ${basename(movie)}`;
    const dir = join(resolve(options.outDir), stems[index]);
    const started = performance.now();
    const fail = (error: string, steps: PipelineStepResult[] = []): MovieRunResult => {
      options.onProgress?.(`${label}: FAILED: ${error}`);
      const result: MovieRunResult = { movie, dir, status: 'failed', error, steps, durationMs: Math.round(performance.now() - started) };
      if (existsSync(dir)) writeFileSync(join(dir, 'results.json'), JSON.stringify({ pipeline: pipeline.name, ...result }, null, 2) + '\n');
      return result;
    };
    if (!existsSync(movie)) return fail(`${movies[index]}: no such file`);
    try {
      prepareDir(dir);
      const session = Session.create({ root: resolve(options.outDir), id: stems[index] });
      const input = session.addInput('movie', movie);
      const total = pipeline.steps.length;
      const steps = await executePipeline(
        pipeline,
        { ...options.inputs, [first]: input.id },
        async (tool, args) => {
          const outcome = await runStep(session, tools, tool, args, { signal: options.signal });
          return { tool, status: outcome.status, summary: outcome.summary, error: outcome.error, artifacts: outcome.artifacts, values: outcome.values, durationMs: outcome.durationMs };
        },
        {
          signal: options.signal,
          onStep: (i, step, phase, result) => {
            if (phase === 'end' && result) options.onProgress?.(`${label}: ${i + 1}/${total} ${step.tool} ${result.status === 'ok' ? 'ok' : 'failed'} (${(result.durationMs / 1000).toFixed(1)} s)`);
          },
        },
      ).catch((err: Error & { results?: PipelineStepResult[] }) => {
        throw Object.assign(err, { results: err.results ?? [] });
      });
      const result: MovieRunResult = { movie, dir, status: 'ok', steps, durationMs: Math.round(performance.now() - started) };
      writeFileSync(join(dir, 'results.json'), JSON.stringify({ pipeline: pipeline.name, ...result }, null, 2) + '\n');
      options.onProgress?.(`${label}: done in ${(result.durationMs / 1000).toFixed(1)} s`);
      return result;
    } catch (err) {
      return fail(oneLine(err), (err as { results?: PipelineStepResult[] }).results ?? []);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.jobs ?? 1, movies.length)) }, worker));
  return results;
}

/** A movie's output folder starts empty; a folder from an earlier `cellpilot run` is replaced, anything else is refused. */
function prepareDir(dir: string): void {
  // Snakemake creates the output's folder before the job runs: an empty folder is fine
  if (!existsSync(dir) || readdirSync(dir).length === 0) return;
  if (!existsSync(join(dir, 'session.json'))) throw new InputError(`${dir} exists and was not written by cellpilot run: choose another --out folder`);
  rmSync(dir, { recursive: true, force: true });
}

/** A tidy summary: one row per movie with its status and every numeric value as STEP.KEY. */
export function summaryCsv(results: MovieRunResult[]): string {
  const rows = results.map((r) => {
    const row: Record<string, string> = { movie: r.movie, status: r.status, error: r.error ?? '' };
    for (const step of r.steps) for (const [k, v] of Object.entries(step.values)) if (typeof v === 'number') row[`${step.id}.${k}`] = String(v);
    return row;
  });
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: string | undefined) => (v === undefined ? '' : /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\n') + '\n';
}
