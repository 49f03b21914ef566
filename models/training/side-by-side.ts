// Defaults against the scikit-image peer on every annotated movie in ../shared/data, side by side (issue 12's hidden
// measure: every stage with its default arguments and through the shipped pipelines, against Otsu + watershed +
// nearest neighbour):
//   node bin/run-ts.js models/training/side-by-side.ts [SETS] [frames=N] [upsample=K] [runs=nuclei,cells,steps,skimage]
//   SETS: simplus01,simplus02,msc02 (default: all three).
// Runs on one movie (the first N frames of the sequence, default 30, as one TIFF; upsample=K makes it and the ground
// truth K times larger by nearest neighbour, a movie of large nuclei as a microscope with K x the pixel density
// would give):
//   nuclei   pipelines/nuclei-tracking.yaml as `cellpilot run` runs it, nothing set
//   cells    pipelines/cell-tracking.yaml, nothing set
//   steps    the segment tool then the track tool, both with no argument but the movie (target "auto")
//   skimage  skimage_tracking.py (Otsu + watershed + nearest-neighbour linking, textbook parameters)
// Prints one line per run (TRA, DET, SEG by the Cell Tracking Challenge measures, objects, CPU seconds) and a table.
// SEG is over the SEG-annotated frames among the first N (every frame in SIM+, 33 of 48 in MSC-02).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listCtcFrames, readMaskFrame } from '../../src/analysis/ctc.ts';
import { evaluateCtc, sequenceFromFolder, type CtcScores } from '../../src/analysis/metrics.ts';
import { openMovie, writeMovie } from '../../src/image/index.ts';
import { movieFromPlanes, type PlaneData } from '../../src/image/movie.ts';
import { ctcDataset, datasetPresent, type DatasetName } from './real-data.ts';
import { findCtcFolder, runPipelineForScoring, toolCaller, truthOfFirstFrames, upsampleMovie, upsampledSequence } from './eval-tracking.ts';

export type Run = 'nuclei' | 'cells' | 'steps' | 'skimage';

export interface SideBySideRow {
  set: DatasetName;
  run: Run;
  frames: number;
  upsample: number;
  TRA: number;
  DET: number;
  SEG: number;
  objects: number;
  referenceObjects: number;
  /** The AOGM error counts (ns: merged objects needing splits, fn: missed, fp: false objects, ed/ea/ec: links). */
  counts: CtcScores['counts'];
  cpuSeconds: number;
  /** What the steps said (the segment and track tools' summaries). */
  notes: string[];
}

const PIPELINES: Partial<Record<Run, string>> = { nuclei: 'nuclei-tracking.yaml', cells: 'cell-tracking.yaml' };

/** The first `frames` frames of a CTC image folder as one TIFF (k x larger where upsample > 1). */
async function movieOfFirstFrames(folder: string, frames: number, upsample: number, into: string): Promise<{ path: string; width: number }> {
  const source = await openMovie(folder);
  const path = join(into, 'movie.tif');
  try {
    const planes: PlaneData[] = [];
    for (let t = 0; t < frames; t++) planes.push((await source.plane(t, 0, 0)).slice());
    await writeMovie(path, movieFromPlanes({ ...source.shape, t: frames, z: 1, c: 1 }, source.dtype, (t) => planes[t], { pixelSizeUm: source.meta.pixelSizeUm, frameIntervalS: source.meta.frameIntervalS }));
    if (upsample === 1) return { path, width: source.shape.x };
    return { path: await upsampleMovie(path, upsample, join(into, `movie-x${upsample}.tif`)), width: source.shape.x };
  } finally {
    await source.close();
  }
}

/** The CTC folder of one run on `moviePath`, and what its steps said. */
async function runOnce(run: Run, moviePath: string, dir: string): Promise<{ ctcDir: string; notes: string[] }> {
  if (PIPELINES[run]) {
    const out = join(dir, run);
    const result = await runPipelineForScoring(moviePath, out, fileURLToPath(new URL(`../../pipelines/${PIPELINES[run]}`, import.meta.url)));
    return { ctcDir: result.ctcDir ?? findCtcFolder(out), notes: result.notes.filter((n) => n.startsWith('segment')).concat([`track: ${JSON.stringify(result.track)}`]) };
  }
  if (run === 'steps') {
    const call = await toolCaller(join(dir, 'session'));
    const segmented = await call('segment', { movie: moviePath });
    const tracked = await call('track', { labels: segmented.artifacts[0].id, movie: moviePath });
    const exported = await call('export', { format: 'ctc', tracks: tracked.artifacts[0].id });
    return { ctcDir: exported.artifacts[0].path, notes: [`segment: ${segmented.summary}`, `track: ${tracked.summary}`] };
  }
  const out = join(dir, 'skimage');
  const script = fileURLToPath(new URL('./skimage_tracking.py', import.meta.url));
  execFileSync('/usr/bin/python3', [script, moviePath, out], { stdio: ['ignore', 'ignore', 'inherit'] });
  return { ctcDir: out, notes: [] };
}

/** Every run on the first `frames` frames of one set, scored against its ground truth. */
export async function sideBySide(set: DatasetName, runs: Run[], frames = 30, upsample = 1): Promise<SideBySideRow[] | undefined> {
  const data = ctcDataset(set);
  if (!datasetPresent(data)) return undefined;
  const n = Math.min(frames, listCtcFrames(data.images, 't').size);
  const dir = mkdtempSync(join(tmpdir(), 'side-by-side-'));
  try {
    mkdirSync(join(dir, 'in'));
    const { path, width } = await movieOfFirstFrames(data.images, n, upsample, join(dir, 'in'));
    const truth = upsampledSequence(truthOfFirstFrames(data, n), upsample, width);
    const segMasks = listCtcFrames(join(data.truth, 'SEG'), 'man_seg');
    const seg = upsampledSequence({ rows: [], frames: [...segMasks.keys()].filter((t) => t < n).sort((a, b) => a - b), frame: async (t) => (await readMaskFrame(segMasks.get(t)!)).planes }, upsample, width);
    const rows: SideBySideRow[] = [];
    for (const run of runs) {
      const cpu = process.cpuUsage();
      const started = Date.now();
      const { ctcDir, notes } = await runOnce(run, path, dir);
      const scores: CtcScores = await evaluateCtc(truth, sequenceFromFolder(ctcDir), { seg });
      const used = process.cpuUsage(cpu);
      // the Python child's CPU is not in process.cpuUsage: wall seconds stand in for it
      const cpuSeconds = run === 'skimage' ? (Date.now() - started) / 1000 : (used.user + used.system) / 1e6;
      const row = { set, run, frames: n, upsample, TRA: scores.TRA, DET: scores.DET, SEG: scores.SEG ?? NaN, objects: scores.counts.resultObjects, referenceObjects: scores.counts.referenceObjects, counts: scores.counts, cpuSeconds, notes };
      console.log(JSON.stringify(row));
      rows.push(row);
    }
    return rows;
  } finally {
    if (process.env.KEEP) console.error(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const option = (key: string) => process.argv.find((a) => a.startsWith(`${key}=`))?.slice(key.length + 1);
  const named = process.argv.slice(2).find((a) => !a.includes('='));
  const sets = (named ?? 'simplus01,simplus02,msc02').split(',') as DatasetName[];
  const runs = (option('runs') ?? 'nuclei,cells,steps,skimage').split(',') as Run[];
  const frames = Number(option('frames') ?? 30);
  const upsample = Number(option('upsample') ?? 1);
  const table: string[] = [];
  for (const set of sets) {
    const rows = await sideBySide(set, runs, frames, upsample);
    if (!rows) {
      table.push(`${set}\tskipped: ${ctcDataset(set).images} not found`);
      continue;
    }
    const peer = rows.find((r) => r.run === 'skimage');
    for (const r of rows)
      table.push(
        `${set}${upsample > 1 ? ` x${upsample}` : ''} (${r.frames} fr)\t${r.run}\tTRA ${r.TRA.toFixed(3)}\tDET ${r.DET.toFixed(3)}\tSEG ${r.SEG.toFixed(3)}\t` +
          `${peer && r !== peer ? `TRA/peer ${(r.TRA / peer.TRA).toFixed(2)}\t` : ''}${r.objects} objects (${r.referenceObjects} true; missed ${r.counts.fn}, false ${r.counts.fp}, merged ${r.counts.ns})\t${r.cpuSeconds.toFixed(0)} s`,
      );
  }
  console.log(table.join('\n'));
}
