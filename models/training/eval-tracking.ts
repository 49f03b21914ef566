// Tracking measured on foreign ground truth (Cell Tracking Challenge sequences in ../shared/data):
//   node bin/run-ts.js models/training/eval-tracking.ts SET [labels=steps|truth|pipeline|all] [frames=N] [pipeline=FILE] [upsample=K]
//   SET: simplus01 | simplus02 | msc02 | all
//   node bin/run-ts.js models/training/eval-tracking.ts sim [seeds=1,2,3,4,11] [repair=both] [movie=off] [cells=N] [crowding=C] [frames=N] [size=PX] [divisionRate=R] [labels=truth]   (divisions on our simulator's 50-cell movie, or a more crowded one)
// repair=off runs the track tool with repairOverTime false (the segmentation tracked as it is); with sim, repair=both
// tracks the same segmentation without and with the repair over time. segmentation=FILE (labels=steps) tracks a segment
// tool result kept from an earlier run (KEEP=1 keeps the run's folder), so variants of the tracker see the same labels.
// labels=steps: the segment tool with its defaults (target "cells" on MSC-02; target=auto|nuclei|cells sets it, target=auto
//   as `ask "segment and track the cells"` runs it), then the track tool
//   with its defaults, exported by the export tool in CTC form;
// labels=truth: the ground-truth masks tracked by the track tool with its defaults (the tracker alone);
// labels=pipeline: the shipped pipelines/nuclei-tracking.yaml (or pipeline=FILE), as `cellpilot run` does; a pipeline
//   with no track step (pipelines/denoise-segment.yaml) is scored on its segmentation alone (DET; TRA NaN).
// Prints one JSON line per run: TRA, DET, division precision/recall/F1 and what the tracker chose.
// upsample=K makes the movie, the label movie (truth) and the ground truth K times larger (nearest neighbour): a movie of
// large nuclei (K=2: SIM+ nuclei about 90 px across), on which distances chosen from our simulator would fail.
// frames=N keeps the first N frames (the ground truth is cut to them); CPU seconds are reported
// (wall time on a shared machine is noise).
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createToolContext } from '../../src/agent/artifacts.ts';
import type { ToolSpec } from '../../tools/types.ts';
import { listCtcFrames } from '../../src/analysis/ctc.ts';
import { openMovie } from '../../src/image/index.ts';
import type { PlaneData } from '../../src/image/movie.ts';
import { evaluateCtc, sequenceFromFolder, sequenceFromMovie, type CtcScores, type CtcSequence } from '../../src/analysis/metrics.ts';
import { ctcDataset, datasetPresent, type CtcDataset, type DatasetName } from './real-data.ts';

export type LabelSource = 'steps' | 'truth' | 'pipeline';
/** target=auto|nuclei|cells: the segment step's target for labels=steps (default: cells on MSC-02). */
const TARGET = process.argv.find((a) => a.startsWith('target='))?.slice(7);

export interface TrackingEval {
  data: DatasetName;
  labels: LabelSource;
  frames: number;
  TRA: number;
  DET: number;
  /**
   * DET of the label movie alone (the segmentation, or the truth masks) before tracking and export. It
   * equals DET unless tracking or the CTC export lose, shift or misnumber frames or objects; where both are
   * low, the segmentation is what failed (on the first 30 frames of SIM+ 02 the movie-chosen Otsu threshold
   * outlines a third of each textured nucleus: DET 0.08 for both).
   */
  labelsDET: number;
  divisions: CtcScores['divisions'];
  /** The AOGM error counts (what TRA loses to: misses, merges, false objects, missing/wrong links). */
  counts: CtcScores['counts'];
  /** What the track tool reported (distances chosen, divisions proposed and kept, confidence). */
  track: Record<string, unknown>;
  /** What the other steps said, one line each. */
  notes: string[];
  cpuSeconds: number;
}

/** The first `frames` frames of the ground truth (lineage rows cut to them). */
export function truthOfFirstFrames(data: CtcDataset, frames: number): CtcSequence {
  const full = sequenceFromFolder(join(data.truth, 'TRA'));
  const rows = full.rows.filter((r) => r.start < frames).map((r) => ({ ...r, end: Math.min(r.end, frames - 1) }));
  const kept = new Set(rows.map((r) => r.id));
  return { rows: rows.map((r) => ({ ...r, parent: kept.has(r.parent) ? r.parent : 0 })), frames: full.frames.filter((t) => t < frames), frame: full.frame };
}

/** A folder of links to the first `frames` files of `dir` whose names start with `prefix` and end in a frame number. */
function linkFirstFrames(dir: string, prefix: string, frames: number, into: string, name = (t: number) => `t${String(t).padStart(3, '0')}.tif`): string {
  mkdirSync(into, { recursive: true });
  for (const [t, path] of listCtcFrames(dir, prefix)) if (t < frames) symlinkSync(path, join(into, name(t)));
  return into;
}

/** Calls the segment and track tools (and export) by name in one session, as the scoring scripts do. */
export async function toolCaller(sessionDir: string): Promise<(tool: string, args: Record<string, unknown>) => Promise<{ summary: string; values: Record<string, unknown>; artifacts: { id: string; path: string }[] }>> {
  const modules = await Promise.all([import('../../tools/segment.ts'), import('../../tools/track.ts')]);
  const tools = new Map<string, ToolSpec>(modules.flatMap((m) => m.tools).map((t) => [t.name, t]));
  const ctx = createToolContext({ sessionDir });
  return async (tool, args) => {
    const spec = tools.get(tool)!;
    return spec.run(spec.schema.parse(args) as never, ctx) as Promise<{ summary: string; values: Record<string, unknown>; artifacts: { id: string; path: string }[] }>;
  };
}

/**
 * Runs a shipped pipeline (default pipelines/nuclei-tracking.yaml) on one movie as `cellpilot run`
 * does: the track step's values, the other steps' summaries, the labels and the CTC folder (none
 * for a pipeline that neither tracks nor exports).
 */
export async function runPipelineForScoring(moviePath: string, outDir: string, pipelineFile?: string): Promise<{ track: Record<string, unknown>; notes: string[]; labelsPath?: string; ctcDir?: string; driftTablePath?: string }> {
  const { runPipelineOnMovies } = await import('../../src/agent/batch.ts');
  const { loadPipeline } = await import('../../src/agent/pipeline.ts');
  const { ALL_TOOLS } = await import('../../src/agent/allTools.ts');
  const pipeline = loadPipeline(pipelineFile ?? fileURLToPath(new URL('../../pipelines/nuclei-tracking.yaml', import.meta.url)));
  const [result] = await runPipelineOnMovies(pipeline, [moviePath], ALL_TOOLS, { outDir, jobs: 1, inputs: {} });
  if (result.status !== 'ok') throw new Error(`pipeline failed: ${result.error}`);
  let track: Record<string, unknown> = {};
  const notes: string[] = [];
  for (const s of result.steps) {
    if (s.tool === 'track') track = pick(s.values ?? {});
    else notes.push(`${s.id}: ${s.summary}`);
  }
  const labelsPath = result.steps.find((s) => s.tool === 'segment')?.artifacts[0]?.path;
  const exported = result.steps.find((s) => s.tool === 'export');
  // a pipeline with no tracking (denoise-segment) is scored on its segmentation alone (DET; TRA not defined)
  const ctcDir = exported || result.steps.some((s) => s.tool === 'track') ? String(exported?.values?.path ?? findCtcFolder(outDir)) : undefined;
  const driftTablePath = result.steps.find((s) => s.tool === 'correct_drift')?.artifacts.find((a) => a.path.endsWith('.csv'))?.path;
  return { track, notes, labelsPath, ctcDir, driftTablePath };
}

/** Runs one set once: segmentation (or truth), the track tool's defaults, CTC export, the CTC measures. */
export async function evaluateTracking(name: DatasetName, labels: LabelSource, frames?: number, pipelineFile?: string, trackArgs: Record<string, unknown> = {}, segmentationFile?: string, upsample = 1): Promise<TrackingEval | undefined> {
  const data = ctcDataset(name);
  if (!datasetPresent(data)) return undefined;
  const total = listCtcFrames(data.images, 't').size;
  const n = Math.min(frames ?? total, total);
  const dir = mkdtempSync(join(tmpdir(), 'eval-tracking-'));
  const cpu = process.cpuUsage();
  const notes: string[] = [];
  try {
    let movie = n < total ? linkFirstFrames(data.images, 't', n, join(dir, 'movie')) : data.images;
    // upsample=k: the movie (and below the label movie and the truth) k times larger, as a movie of large nuclei
    let width = 0;
    if (upsample > 1) {
      const opened = await openMovie(movie);
      width = opened.shape.x;
      await opened.close();
      movie = await upsampleMovie(movie, upsample, join(dir, `movie-x${upsample}.tif`));
    }
    let ctcDir: string | undefined;
    let labelsPath: string | undefined;
    let track: Record<string, unknown> = {};
    if (labels === 'pipeline') {
      const run = await runPipelineForScoring(movie, join(dir, 'out'), pipelineFile);
      ({ track, labelsPath, ctcDir } = run);
      notes.push(...run.notes);
    } else {
      const call = await toolCaller(join(dir, 'session'));
      let labelMovie: string;
      if (labels === 'truth') {
        // every frame has a SEG mask in SIM+; MSC-02 has TRA markers in every frame
        const seg = listCtcFrames(join(data.truth, 'SEG'), 'man_seg');
        const [folder, prefix] = seg.size >= total ? [join(data.truth, 'SEG'), 'man_seg'] : [join(data.truth, 'TRA'), 'man_track'];
        labelMovie = linkFirstFrames(folder, prefix, n, join(dir, 'truth'), (t) => `mask${String(t).padStart(3, '0')}.tif`);
        if (upsample > 1) labelMovie = await upsampleMovie(labelMovie, upsample, join(dir, `truth-x${upsample}.tif`));
      } else if (segmentationFile) {
        // a segment tool result kept from an earlier run (KEEP=1), so tracker variants see the same labels
        labelMovie = segmentationFile;
        labelsPath = segmentationFile;
        notes.push(`segment: ${segmentationFile} (kept)`);
      } else {
        const segmented = await call('segment', { movie, ...(TARGET ? { target: TARGET } : name === 'msc02' ? { target: 'cells' } : {}) });
        notes.push(`segment: ${segmented.summary}`);
        labelMovie = segmented.artifacts[0].id;
        labelsPath = segmented.artifacts[0].path;
      }
      labelsPath ??= labelMovie;
      const tracked = await call('track', { labels: labelMovie, movie, ...trackArgs });
      track = pick(tracked.values);
      notes.push(`track: ${tracked.summary}`);
      const exported = await call('export', { format: 'ctc', tracks: tracked.artifacts[0].id });
      ctcDir = exported.artifacts[0].path;
    }
    const truth = upsampledSequence(truthOfFirstFrames(data, n), upsample, width);
    const scores = ctcDir ? await evaluateCtc(truth, sequenceFromFolder(ctcDir)) : undefined;
    if (!labelsPath) throw new Error(`no label movie among the ${labels} run's results`);
    const labelMovieOpened = await openMovie(labelsPath);
    let labelsDET: number;
    let labelsScores: CtcScores;
    try {
      if (labelMovieOpened.shape.t !== n) throw new Error(`the label movie holds ${labelMovieOpened.shape.t} frames for the ${n} of the movie`);
      labelsScores = await evaluateCtc({ ...truth, rows: [] }, sequenceFromMovie(labelMovieOpened, []));
      labelsDET = labelsScores.DET;
    } finally {
      await labelMovieOpened.close();
    }
    const used = process.cpuUsage(cpu);
    return { data: name, labels, frames: n, TRA: scores?.TRA ?? NaN, DET: scores?.DET ?? labelsDET, labelsDET, divisions: (scores ?? labelsScores).divisions, counts: (scores ?? labelsScores).counts, track, notes, cpuSeconds: (used.user + used.system) / 1e6 };
  } finally {
    if (process.env.KEEP) console.error(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Divisions on our simulator's 50-cell movie (256 x 256, 100 frames; issue 12's figure) through the same
 * tools with their defaults: segment, track (movie given for intensities), CTC measures against its lineage.
 */
export async function evaluateSimulatedDivisions(seed: number, options: { frames?: number; sizePx?: number; cells?: number; crowding?: number; divisionRate?: number; truthLabels?: boolean; trackArgs?: Record<string, unknown>[] } = {}): Promise<{ seed: number; TRA: number; divisions: CtcScores['divisions']; counts: CtcScores['counts']; track: Record<string, unknown>; cpuSeconds: number }[]> {
  const { simulate } = await import('../../src/sim/index.ts');
  const { sequenceFromMovie } = await import('../../src/analysis/metrics.ts');
  const dir = mkdtempSync(join(tmpdir(), 'eval-tracking-sim-'));
  const cpu = process.cpuUsage();
  try {
    const sim = simulate({ frames: options.frames ?? 100, cells: options.cells ?? 50, seed, width: options.sizePx ?? 256, height: options.sizePx ?? 256, crowding: options.crowding, divisionRate: options.divisionRate });
    const { writeMovie } = await import('../../src/image/index.ts');
    const moviePath = join(dir, 'movie.tif');
    await writeMovie(moviePath, sim.movie);
    const call = await toolCaller(join(dir, 'session'));
    // truthLabels: the simulator's own masks tracked (the tracker alone, where crowding defeats the segmentation)
    const labelsPath = join(dir, 'truth-labels.tif');
    if (options.truthLabels) await writeMovie(labelsPath, sim.labels);
    const labels = options.truthLabels ? labelsPath : (await call('segment', { movie: moviePath })).artifacts[0].id;
    const truth = sequenceFromMovie(sim.labels, sim.lineage);
    const out = [];
    for (const trackArgs of options.trackArgs ?? [{}]) {
      const tracked = await call('track', { labels, movie: moviePath, ...trackArgs });
      const exported = await call('export', { format: 'ctc', tracks: tracked.artifacts[0].id });
      const scores = await evaluateCtc(truth, sequenceFromFolder(exported.artifacts[0].path));
      const used = process.cpuUsage(cpu);
      out.push({ seed, TRA: scores.TRA, divisions: scores.divisions, counts: scores.counts, track: { ...trackArgs, ...pick(tracked.values) }, cpuSeconds: (used.user + used.system) / 1e6 });
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `path` with every plane k times larger (nearest neighbour, so labels stay labels), written to `into`. */
export async function upsampleMovie(path: string, k: number, into: string): Promise<string> {
  const { writeMovie } = await import('../../src/image/index.ts');
  const { movieFromPlanes } = await import('../../src/image/movie.ts');
  const source = await openMovie(path);
  try {
    const { shape } = source;
    const planes: PlaneData[] = [];
    for (let t = 0; t < shape.t; t++) for (let z = 0; z < shape.z; z++) for (let c = 0; c < shape.c; c++) planes.push(upsamplePlane(await source.plane(t, z, c), shape.x, shape.y, k));
    const big = movieFromPlanes({ ...shape, x: shape.x * k, y: shape.y * k }, source.dtype, (t, z, c) => planes[(t * shape.z + z) * shape.c + c], { ...source.meta, pixelSizeUm: source.meta.pixelSizeUm ? source.meta.pixelSizeUm / k : undefined });
    await writeMovie(into, big);
  } finally {
    await source.close();
  }
  return into;
}

function upsamplePlane<P extends PlaneData>(plane: P, width: number, height: number, k: number): P {
  if (k === 1) return plane;
  const out = new (plane.constructor as new (n: number) => P)(width * height * k * k);
  const w = width * k;
  for (let y = 0; y < height * k; y++) {
    const row = Math.floor(y / k) * width;
    for (let x = 0; x < w; x++) out[y * w + x] = plane[row + Math.floor(x / k)];
  }
  return out;
}

/** A CTC sequence whose masks (`width` px wide) are k times larger (nearest neighbour). */
export function upsampledSequence(sequence: CtcSequence, k: number, width: number): CtcSequence {
  if (k === 1) return sequence;
  return { ...sequence, frame: async (t) => (await sequence.frame(t)).map((p) => upsamplePlane(Uint32Array.from(p), width, p.length / width, k)) };
}

/** The track tool's values worth printing beside a score. */
export function pick(values: Record<string, unknown>): Record<string, unknown> {
  const keys = ['tracks', 'branches', 'divisions', 'divisionsProposed', 'maxLinkingDistancePx', 'objectDiameterPx', 'stepPx', 'gapClosingMaxDistancePx', 'splittingMaxDistancePx', 'meanBranchConfidence', 'lowConfidenceBranches', 'driftStepsNotApplied', 'objectsSplit', 'fragmentsMerged', 'sistersJoinedInAnaphase', 'piecesJoined', 'objectsFilledIn', 'objectsCompleted'];
  return Object.fromEntries(keys.filter((k) => values[k] !== undefined).map((k) => [k, values[k]]));
}

/** The folder holding res_track.txt under `dir`. */
export function findCtcFolder(dir: string): string {
  mkdirSync(dir, { recursive: true });
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) if (entry.name === 'res_track.txt') return entry.parentPath;
  throw new Error(`no CTC export (res_track.txt) under ${dir}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const set = process.argv[2] ?? 'simplus02';
  const option = (key: string) => process.argv.find((a) => a.startsWith(`${key}=`))?.slice(key.length + 1);
  const repair = option('repair');
  // movie=off: the track tool called with the labels alone, as the planner calls it (it then reads brightness from the
  // movie the session segmented, where it knows it)
  const labelsOnly = option('movie') === 'off' ? { movie: undefined } : {};
  const trackArgs = { ...(repair === 'off' ? { repairOverTime: false } : {}), ...labelsOnly };
  if (set === 'sim') {
    const variants = repair === 'both' ? [{ repairOverTime: false, ...labelsOnly }, { repairOverTime: true, ...labelsOnly }] : [trackArgs];
    for (const seed of (option('seeds') ?? '1,2,3,4,11').split(',').map(Number)) {
      // frames=, cells=, crowding= (0..1) and divisionRate= change the movie (defaults: 100 frames, 50 cells, the simulator's own)
      const simOption = (k: string) => (option(k) === undefined ? undefined : Number(option(k)));
      for (const r of await evaluateSimulatedDivisions(seed, { trackArgs: variants, frames: simOption('frames'), sizePx: simOption('size'), cells: simOption('cells'), crowding: simOption('crowding'), divisionRate: simOption('divisionRate'), truthLabels: option('labels') === 'truth' })) {
        const d = r.divisions;
        console.log(JSON.stringify({ ...r, summary: `sim seed ${seed}${r.track.repairOverTime === false ? ' (no repair)' : ''}: divisions P ${d.precision.toFixed(2)} R ${d.recall.toFixed(2)} F1 ${d.f1.toFixed(2)} (${d.tp} of ${d.reference} true found, ${d.result} reported); TRA ${r.TRA.toFixed(3)}` }));
      }
    }
    process.exit(0);
  }
  const frames = option('frames') ? Number(option('frames')) : undefined;
  const upsample = Number(option('upsample') ?? 1);
  const sources: LabelSource[] = option('labels') === 'all' || !option('labels') ? ['truth', 'steps', 'pipeline'] : [option('labels') as LabelSource];
  const sets: DatasetName[] = set === 'all' ? ['simplus01', 'simplus02', 'msc02'] : [set as DatasetName];
  for (const s of sets) {
    for (const labels of sources) {
      const r = await evaluateTracking(s, labels, frames, option('pipeline'), trackArgs, option('segmentation'), upsample);
      if (!r) {
        console.log(`skipping ${s}: ${ctcDataset(s).images} not found`);
        break;
      }
      if (process.env.VERBOSE) for (const line of r.notes) console.error(line);
      const d = r.divisions;
      console.log(JSON.stringify({ ...r, notes: undefined, summary: `${s}${upsample > 1 ? ` x${upsample}` : ''} ${labels}: TRA ${r.TRA.toFixed(3)} DET ${r.DET.toFixed(3)} (labels alone ${r.labelsDET.toFixed(3)}) divisions P ${d.precision.toFixed(2)} R ${d.recall.toFixed(2)} F1 ${d.f1.toFixed(2)} (${d.result} found, ${d.reference} true)` }));
    }
  }
}
