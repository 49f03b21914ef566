// `cellpilot run PIPELINE.yaml INPUTS... --out DIR [--jobs N] [--set NAME=VALUE] [--json]`:
// a saved pipeline, headless, over movies; a progress line per step on stderr.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { ALL_TOOLS } from '../agent/allTools.ts';
import { cellpilotCommandLine } from '../agent/commandHint.ts';
import { outputFolders, runPipelineOnMovies, summaryCsv, type MovieRunResult } from '../agent/batch.ts';
import { writeFileAtomic } from '../agent/locks.ts';
import { checkRunValues, loadPipeline } from '../agent/pipeline.ts';
import { MICROMETRES_PER_WORD, nanometresDoubt, SECONDS_PER_WORD } from '../image/calibration.ts';
import { InputError, oneLine, systemErrorReason } from '../errors.ts';
import { parseCommandLine } from './commandLine.ts';

const USAGE = 'usage: cellpilot run <pipeline.yaml> <movies...> --out <dir> [--jobs N] [--set NAME=VALUE] [--pixel-size-um UM] [--interval-s S] [--z-step-um UM] [--json], or cellpilot run <pipeline.yaml> --out <dir> --summary-only';

export const help = `options:
  --out DIR         where the results go: a folder per movie (artifacts, provenance, results.json); summary.csv for several movies
                    (kept up to date when a later run adds or reruns movies in the same DIR)
  --jobs N          movies run at the same time (1)
  --set NAME=VALUE  change one of the pipeline's parameters (e.g. --set segment_method=li) or give another input
  --pixel-size-um UM, --interval-s S, --z-step-um UM
                    the movies' calibration, over what their file headers say (without it, a movie whose header has
                    none is measured in px and frames, and results say so); a unit may follow: 650nm, 5min
  --json            print one JSON document on stdout
  --summary-only    run nothing: write DIR/summary.csv from the movie folders earlier runs of the pipeline left in DIR
                    (one job per movie, as the Snakefile of \`cellpilot export snakemake\` runs them, then this)
Ctrl-C stops the run: the step under way ends without output, no further movie starts; exit 130`;

/** Exit status of a run stopped by Ctrl-C (128 + SIGINT, as shells report it). */
export const INTERRUPTED_EXIT = 130;

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommandLine({
    args: argv,
    options: {
      out: { type: 'string' },
      jobs: { type: 'string' },
      set: { type: 'string', multiple: true },
      json: { type: 'boolean' },
      'pixel-size-um': { type: 'string' },
      'interval-s': { type: 'string' },
      'z-step-um': { type: 'string' },
      'summary-only': { type: 'boolean' },
    },
    allowPositionals: true,
  }, USAGE);
  const { values, positionals } = parsed;
  const [pipelinePath, ...movies] = positionals;
  if (values['summary-only']) return writeSummaryOnly(pipelinePath, movies, values.out);
  if (!pipelinePath || movies.length === 0) throw new InputError(`name a pipeline and at least one movie; ${USAGE}`);
  if (!values.out) throw new InputError(`say where the results go with --out DIR; ${USAGE}`);
  const jobs = values.jobs === undefined ? 1 : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new InputError(`--jobs must be a whole number of at least 1, got "${values.jobs}"`);
  const inputs: Record<string, string> = {};
  for (const pair of values.set ?? []) {
    const m = /^([a-z][a-z0-9_]*)=(.+)$/.exec(pair);
    if (!m) throw new InputError(`--set needs NAME=VALUE, got "${pair}"`);
    inputs[m[1]] = m[2];
  }
  const calibration = {
    pixelSizeUm: positive(values['pixel-size-um'], '--pixel-size-um', 'micrometres per pixel, e.g. --pixel-size-um 0.65', MICROMETRES_PER_WORD),
    frameIntervalS: positive(values['interval-s'], '--interval-s', 'seconds between frames, e.g. --interval-s 300 for frames 5 min apart', SECONDS_PER_WORD),
    zStepUm: positive(values['z-step-um'], '--z-step-um', 'micrometres between z planes, e.g. --z-step-um 2', MICROMETRES_PER_WORD),
  };
  for (const [value, option] of [[calibration.pixelSizeUm, '--pixel-size-um'], [calibration.zStepUm, '--z-step-um']] as const) {
    const doubt = nanometresDoubt(value, option);
    if (doubt) process.stderr.write(`cellpilot: note: ${doubt}\n`);
  }
  const pipeline = loadPipeline(pipelinePath);
  // a name or value the pipeline cannot take is refused before any movie starts
  checkRunValues(pipeline, inputs, ALL_TOOLS);
  outputFolders(movies); // refuses two movies with one output folder before --out is made
  if (existsSync(resolve(values.out)) && !statSync(resolve(values.out)).isDirectory()) {
    throw new InputError(`--out ${values.out} is a file: give a folder for the results (one folder per movie is made in it)`);
  }
  try {
    mkdirSync(resolve(values.out), { recursive: true });
  } catch (err) {
    throw new InputError(`cannot create --out ${resolve(values.out)} (${systemErrorReason(err) ?? oneLine(err)}): choose a folder you can write to`);
  }
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  const results = await runPipelineOnMovies(pipeline, movies, ALL_TOOLS, {
    outDir: values.out,
    jobs,
    inputs,
    calibration,
    signal: controller.signal,
    onProgress: (line) => process.stderr.write(`${line}\n`),
  }).finally(() => process.off('SIGINT', onSigint));
  const summaryPath = join(resolve(values.out), 'summary.csv');
  // a summary.csv already there (an earlier run into this --out) is brought up to date: a movie run again
  // would otherwise keep its old row beside its new folder
  const inOut = withEarlierResults(results, resolve(values.out), pipeline.name);
  const summaryWritten = movies.length > 1 || existsSync(summaryPath);
  if (summaryWritten) writeFileAtomic(summaryPath, summaryCsv(inOut, ALL_TOOLS));
  // one movie run into a folder earlier runs left other movies in writes no summary.csv (Snakemake's jobs run so,
  // each alone, and its summary rule writes it once all are done): say how to get the summary of them all
  const summaryHint = !summaryWritten && inOut.length > 1
    ? `; summary.csv of the ${inOut.length} movies there: ${cellpilotCommandLine(['run', pipelinePath, '--out', values.out, '--summary-only'])}`
    : '';
  const interrupted = controller.signal.aborted;
  const failed = results.filter((r) => r.status === 'failed');
  if (values.json) {
    process.stdout.write(JSON.stringify({ pipeline: pipeline.name, out: resolve(values.out), interrupted, results: results.map((r) => ({ movie: r.movie, dir: r.dir, status: r.status, error: r.error, steps: r.steps.map((s) => ({ id: s.id, tool: s.tool, status: s.status, summary: s.summary, values: s.values })) })) }) + '\n');
  } else if (!interrupted) {
    process.stdout.write(`${pipeline.name}: ${results.length - failed.length}/${results.length} movies done; results in ${resolve(values.out)}${summaryHint}\n`);
  }
  if (interrupted) {
    process.stderr.write(`cellpilot: ${interruptedLine(results, resolve(values.out))}\n`);
    return INTERRUPTED_EXIT;
  }
  if (failed.length) process.stderr.write(`cellpilot: ${failed.length} of ${results.length} movies failed: ${failed.map((f) => `${f.movie} (${f.error})`).join('; ')}\n`);
  return failed.length ? 1 : 0;
}

/** `--summary-only`: summary.csv of the movie folders in --out that runs of the pipeline left there; runs no movie. */
function writeSummaryOnly(pipelinePath: string | undefined, movies: string[], out: string | undefined): number {
  if (!pipelinePath || !out) throw new InputError(`--summary-only needs the pipeline and --out DIR: cellpilot run <pipeline.yaml> --out <dir> --summary-only`);
  if (movies.length) throw new InputError(`--summary-only runs no movie, but ${movies.length} ${movies.length === 1 ? 'was' : 'were'} named (${movies.join(', ')}): drop them, or drop --summary-only to run them`);
  const pipeline = loadPipeline(pipelinePath);
  const outDir = resolve(out);
  if (!existsSync(outDir)) throw new InputError(`--out ${outDir} does not exist: run the pipeline on the movies first`);
  const results = withEarlierResults([], outDir, pipeline.name);
  if (results.length === 0) throw new InputError(`${outDir} holds no movie folder of pipeline "${pipeline.name}" (no results.json): run the pipeline on the movies first`);
  const summaryPath = join(outDir, 'summary.csv');
  writeFileAtomic(summaryPath, summaryCsv(results, ALL_TOOLS));
  process.stdout.write(`${pipeline.name}: summary of ${results.length} movie${results.length === 1 ? '' : 's'} in ${summaryPath}\n`);
  return 0;
}

/**
 * This run's results and, after them, those of the other movie folders in --out that an earlier run of
 * the same pipeline left there (their results.json), so that summary.csv lists every movie once.
 */
export function withEarlierResults(results: MovieRunResult[], outDir: string, pipelineName: string): MovieRunResult[] {
  const ours = new Set(results.map((r) => resolve(r.dir)));
  const earlier: MovieRunResult[] = [];
  for (const entry of readdirSync(outDir, { withFileTypes: true })) {
    const dir = join(outDir, entry.name);
    if (!entry.isDirectory() || ours.has(dir)) continue;
    try {
      const saved = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as MovieRunResult & { pipeline?: string };
      if (saved.pipeline === pipelineName && Array.isArray(saved.steps)) earlier.push(saved);
    } catch {
      // no results.json (not a movie folder of a run) or one being written: not listed
    }
  }
  return [...results, ...earlier.sort((a, b) => a.dir.localeCompare(b.dir))];
}

/**
 * A positive number given to an option, in the option's own unit (µm, s), or undefined when the
 * option was not given; a unit written after it is converted ("--interval-s 5min" is 300 s).
 */
export function positive(text: string | undefined, option: string, what: string, units: Record<string, number>): number | undefined {
  if (text === undefined) return undefined;
  const m = /^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?)\s*([^\d\s].*?)?\s*$/i.exec(text);
  const unit = m?.[2]?.toLowerCase();
  if (m && unit !== undefined && units[unit] === undefined) throw new InputError(`${option}: unknown unit "${m[2]}" in "${text}" (${what}); write a number, or one with ${Object.keys(units).filter((u, i, all) => all.findIndex((v) => units[v] === units[u]) === i).join(', ')}`);
  // (to 12 digits: 650 nm is 0.65 µm, not 0.6500000000000001)
  const value = m ? Number((Number(m[1]) * (unit === undefined ? 1 : units[unit])).toPrecision(12)) : NaN;
  if (!Number.isFinite(value) || value <= 0) throw new InputError(`${option} needs a positive number (${what}), got "${text}"`);
  return value;
}

/** One line for a run stopped by Ctrl-C: which movies finished, where each other one stopped. */
export function interruptedLine(results: MovieRunResult[], outDir: string): string {
  const names = (rs: MovieRunResult[]) => rs.map((r) => basename(r.movie)).join(', ');
  const done = results.filter((r) => r.status === 'ok');
  const parts = done.length ? [`${done.length} of ${results.length} movies finished (${names(done)})`] : results.length > 1 ? [`none of the ${results.length} movies finished`] : [];
  for (const r of results) {
    if (r.status === 'interrupted' && r.error !== 'not started') parts.push(`${basename(r.movie)} ${r.error}`);
    if (r.status === 'failed') parts.push(`${basename(r.movie)} failed (${r.error})`);
  }
  const notStarted = results.filter((r) => r.error === 'not started' && r.status === 'interrupted');
  if (notStarted.length) parts.push(`not started: ${names(notStarted)}`);
  return `interrupted: ${parts.join('; ')}; results so far in ${outDir}`;
}
