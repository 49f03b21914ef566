// Tracking through the shipped tools on movies unlike the ones we tuned on: a Cell Tracking Challenge sequence made
// larger (nuclei 2-3x as many pixels across, cropped to about 1000 x 1000), sampled in time more coarsely (every n-th
// frame: larger steps), or with frames dropped or doubled (an acquisition that skipped or repeated a frame).
//   node bin/run-ts.js models/training/tracking-variants.ts SET [labels=truth|steps|pipeline] [scale=K] [crop=PX]
//        [every=N] [drop=T,T] [dup=T,T] [frames=N] [pipeline=FILE]
//        [drift=PX] [shading=F] [bits=8]   (KEEP=1 keeps the run's folder; SEGMENTATION=FILE tracks a kept segment result)
// drift=PX adds a smooth stage drift of PX in all over the movie (movie and truth alike; the pipeline's drift table is
// compared with it); shading=F dims the field linearly by F from one corner to the other (illumination, fixed to the camera).
// SET: simplus01 | simplus02. The ground truth goes through the same changes (masks cropped and scaled by nearest
// neighbour; lineage rows rebuilt from the frames kept: a track's first and last kept frame; a parent that is gone passes
// its daughters to nobody). labels=truth tracks the truth masks (the tracker alone); steps runs the segment and track tools
// with defaults; pipeline runs pipelines/nuclei-tracking.yaml (or FILE). Prints one JSON line: TRA, DET, divisions P/R,
// and what the track step chose.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listCtcFrames, readMaskFrame, parseCtcTrackFile, type CtcTrackRow } from '../../src/analysis/ctc.ts';
import { openMovie, writeMovie } from '../../src/image/index.ts';
import { movieFromPlanes, type PlaneData } from '../../src/image/movie.ts';
import { evaluateCtc, sequenceFromFolder, type CtcScores, type CtcSequence } from '../../src/analysis/metrics.ts';
import { readFileSync } from 'node:fs';
import { ctcDataset, datasetPresent, resamplePlane, type DatasetName } from './real-data.ts';
import { pick, runPipelineForScoring, toolCaller } from './eval-tracking.ts';

export interface Variant {
  /** Nearest-neighbour labels, linear intensities; 1 = as stored. */
  scale?: number;
  /** Final size (px, square) of a centred window after scaling; 0 = the whole frame. */
  crop?: number;
  /** Every n-th frame. */
  every?: number;
  /** Frames (of the stored sequence, 0-based) left out. */
  drop?: number[];
  /** Frames (stored, 0-based) recorded twice. */
  dup?: number[];
  /** The first n stored frames only. */
  frames?: number;
  /**
   * Stage drift added (px, after scaling): the field moves by this much in all from the first kept frame to the last,
   * smoothly (a ramp at 37 degrees with a 2 px wobble), in whole pixels so movie and truth move alike; the crop window
   * keeps inside the scaled frame.
   */
  driftPx?: number;
  /** Uneven illumination fixed to the camera: brightness falls linearly by this fraction (0-1) corner to corner. */
  shading?: number;
  /** 8: the movie written as 8-bit, its whole range (movie's lowest to highest grey) mapped linearly onto 0-255. */
  bits?: 8 | 16;
}

/** Frames quantised to 8 bits over the movie's own range (a camera or an export that keeps 256 grey levels). */
export function toEightBit(frames: Uint16Array[]): Uint8Array[] {
  let low = Infinity;
  let high = -Infinity;
  for (const f of frames) for (const v of f) (low = Math.min(low, v)), (high = Math.max(high, v));
  const step = Math.max(1, high - low) / 255;
  return frames.map((f) => Uint8Array.from(f, (v) => Math.round((v - low) / step)));
}

/** The stage drift added to kept frame i of n (the sample's displacement in px, whole pixels; 0 at the first). */
export function addedDrift(i: number, n: number, driftPx: number): { dx: number; dy: number } {
  if (!driftPx || n < 2) return { dx: 0, dy: 0 };
  const s = i / (n - 1);
  const wobble = 2 * Math.sin(2 * Math.PI * 3 * s);
  return { dx: Math.round(driftPx * Math.cos(0.65) * s + wobble), dy: Math.round(driftPx * Math.sin(0.65) * s - wobble / 2) };
}

/** The stored frames the variant's movie is made of, in order. */
export function keptFrames(total: number, v: Variant): number[] {
  const n = Math.min(total, v.frames ?? total);
  const out: number[] = [];
  for (let t = 0; t < n; t += v.every ?? 1) {
    if (v.drop?.includes(t)) continue;
    out.push(t);
    if (v.dup?.includes(t)) out.push(t);
  }
  return out;
}

/** Lineage rows of a label movie rebuilt from the objects present in its frames (first and last frame of each id). */
export function rowsFromPresence(present: Set<number>[], original: CtcTrackRow[]): CtcTrackRow[] {
  const span = new Map<number, { start: number; end: number }>();
  present.forEach((ids, t) => {
    for (const id of ids) {
      const s = span.get(id);
      if (s) s.end = t;
      else span.set(id, { start: t, end: t });
    }
  });
  const parentOf = new Map(original.map((r) => [r.id, r.parent]));
  const rows: CtcTrackRow[] = [];
  for (const [id, s] of span) {
    // the nearest ancestor still present and ended before this one starts
    let parent = parentOf.get(id) ?? 0;
    while (parent > 0 && !(span.has(parent) && span.get(parent)!.end < s.start)) parent = parentOf.get(parent) ?? 0;
    rows.push({ id, start: s.start, end: s.end, parent });
  }
  return rows.sort((a, b) => a.id - b.id);
}

/**
 * A CTC track is present in every frame from its begin to its end: a truth track absent from some kept frames (frames
 * blanked, as an empty well) is cut at each gap, the part after it a new label (relabelled in the masks, which are
 * changed in place) with the part before as parent, and its daughters name its last part (as ctc.ts ctcTracksOf writes
 * a result's gaps). Rows without gaps are returned as they are.
 */
export function cutAtGaps(truth: Uint16Array[], rows: CtcTrackRow[]): CtcTrackRow[] {
  let next = Math.max(0, ...rows.map((r) => r.id)) + 1;
  const out: CtcTrackRow[] = [];
  const lastPartOf = new Map<number, number>();
  for (const r of rows) {
    let part: CtcTrackRow = { ...r, end: r.start };
    out.push(part);
    for (let t = r.start + 1; t <= r.end; t++) {
      if (!truth[t].includes(r.id)) continue;
      if (t > part.end + 1) {
        part = { id: next++, start: t, end: t, parent: part.id };
        out.push(part);
      }
      part.end = t;
      if (part.id !== r.id) for (let k = 0; k < truth[t].length; k++) if (truth[t][k] === r.id) truth[t][k] = part.id;
    }
    lastPartOf.set(r.id, part.id);
  }
  const first = new Set(rows.map((r) => r.id));
  for (const r of out) if (first.has(r.id) && r.parent > 0) r.parent = lastPartOf.get(r.parent) ?? r.parent;
  return out.sort((a, b) => a.id - b.id);
}

export function transform(plane: ArrayLike<number>, width: number, height: number, v: Variant, labels: boolean, drift = { dx: 0, dy: 0 }): { plane: PlaneData; width: number; height: number } {
  const k = v.scale ?? 1;
  const r = k === 1 ? { plane: labels ? Uint32Array.from(plane) : Float32Array.from(plane), width, height } : resamplePlane(plane, width, height, k, labels);
  const size = v.crop ?? 0;
  // the window must stay inside the frame wherever the drift takes it
  const margin = 2 * Math.ceil((v.driftPx ?? 0) + 3);
  if ((!size || (size >= r.width && size >= r.height)) && !v.driftPx && !v.shading) return r;
  const w = Math.min(size || r.width, r.width - (v.driftPx ? margin : 0));
  const h = Math.min(size || r.height, r.height - (v.driftPx ? margin : 0));
  // the sample moving by (dx, dy) is the window moving by (-dx, -dy)
  const x0 = Math.floor((r.width - w) / 2) - drift.dx;
  const y0 = Math.floor((r.height - h) / 2) - drift.dy;
  const out = labels ? new Uint32Array(w * h) : new Float32Array(w * h);
  const fall = labels ? 0 : (v.shading ?? 0);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const value = r.plane[(y0 + y) * r.width + x0 + x];
      out[y * w + x] = fall ? value * (1 - (fall * (x / w + y / h)) / 2) : value;
    }
  return { plane: out, width: w, height: h };
}

/** Median displacement of the truth's objects between consecutive frames, accumulated (the field's common motion, px). */
export function commonMotion(truth: Uint16Array[], width: number): { dx: number; dy: number }[] {
  const centroids = truth.map((p) => {
    const sum = new Map<number, [number, number, number]>();
    p.forEach((id, k) => {
      if (!id) return;
      const s = sum.get(id) ?? [0, 0, 0];
      s[0] += k % width;
      s[1] += Math.floor(k / width);
      s[2]++;
      sum.set(id, s);
    });
    return new Map([...sum].map(([id, [x, y, n]]) => [id, [x / n, y / n]]));
  });
  const median = (a: number[]) => (a.length ? a.sort((p, q) => p - q)[Math.floor(a.length / 2)] : 0);
  const out = [{ dx: 0, dy: 0 }];
  for (let t = 1; t < truth.length; t++) {
    const dxs: number[] = [];
    const dys: number[] = [];
    for (const [id, [x, y]] of centroids[t]) {
      const before = centroids[t - 1].get(id);
      if (before) dxs.push(x - before[0]), dys.push(y - before[1]);
    }
    out.push({ dx: out[t - 1].dx + median(dxs), dy: out[t - 1].dy + median(dys) });
  }
  return out;
}

/** The drift table a pipeline's correct_drift step wrote (t, dx_px, dy_px), against the drift added and the truth's common motion. */
function compareDrift(tablePath: string | undefined, added: { dx: number; dy: number }[], common: { dx: number; dy: number }[]) {
  if (!tablePath) return undefined;
  const lines = readFileSync(tablePath, 'utf8').trim().split(/\r?\n/).slice(1);
  const est = lines.map((l) => l.split(',').map(Number)).map(([, dx, dy]) => ({ dx, dy }));
  const rms = (ref: { dx: number; dy: number }[]) => Math.sqrt(ref.reduce((s, r, t) => s + (est[t] ? (est[t].dx - r.dx) ** 2 + (est[t].dy - r.dy) ** 2 : 0), 0) / ref.length);
  const size = (a: { dx: number; dy: number }[]) => Math.max(...a.map((r) => Math.hypot(r.dx, r.dy)));
  const step = (a: { dx: number; dy: number }[]) => Math.max(0, ...a.slice(1).map((r, t) => Math.hypot(r.dx - a[t].dx, r.dy - a[t].dy)));
  const r2 = (x: number) => +x.toFixed(2);
  // every 10th frame: estimated / added / common motion (dx, dy)
  const samples = est.flatMap((e, t) => (t % 10 === 0 && added[t] && common[t] ? [`t${t}: ${r2(e.dx)},${r2(e.dy)} / ${added[t].dx},${added[t].dy} / ${r2(common[t].dx)},${r2(common[t].dy)}`] : []));
  return { samples, addedMaxPx: r2(size(added)), estimatedMaxPx: r2(size(est)), commonMotionMaxPx: r2(size(common)), rmsVsAddedPx: r2(rms(added)), rmsVsCommonMotionPx: r2(rms(common)), largestEstimatedStepPx: r2(step(est)), largestAddedStepPx: r2(step(added)) };
}

export async function evaluateVariant(name: DatasetName, labels: 'truth' | 'steps' | 'pipeline', v: Variant, pipelineFile?: string) {
  const data = ctcDataset(name);
  if (!datasetPresent(data)) return undefined;
  const images = listCtcFrames(data.images, 't');
  const masks = listCtcFrames(join(data.truth, 'TRA'), 'man_track');
  const keep = keptFrames(images.size, v);
  const dir = mkdtempSync(join(tmpdir(), 'tracking-variant-'));
  const cpu = process.cpuUsage();
  try {
    // the movie and the truth, changed alike
    const frames: Uint16Array[] = [];
    const truth: Uint16Array[] = [];
    let width = 0;
    let height = 0;
    const added = keep.map((_, i) => addedDrift(i, keep.length, v.driftPx ?? 0));
    for (const [i, t] of keep.entries()) {
      const movie = await openMovie(images.get(t)!);
      const raw = (await movie.plane(0, 0, 0)).slice();
      const r = transform(raw, movie.shape.x, movie.shape.y, v, false, added[i]);
      await movie.close();
      frames.push(Uint16Array.from(r.plane, (p) => Math.max(0, Math.min(65535, Math.round(p)))));
      const m = await readMaskFrame(masks.get(t)!);
      truth.push(Uint16Array.from(transform(m.planes[0], m.width, m.height, v, true, added[i]).plane));
      [width, height] = [r.width, r.height];
    }
    const shape = { t: keep.length, z: 1, c: 1, y: height, x: width };
    const moviePath = join(dir, 'movie.tif');
    if (v.bits === 8) {
      const eight = toEightBit(frames);
      await writeMovie(moviePath, movieFromPlanes(shape, 'uint8', (t) => eight[t]));
    } else await writeMovie(moviePath, movieFromPlanes(shape, 'uint16', (t) => frames[t]));
    const original = parseCtcTrackFile(readFileSync(join(data.truth, 'TRA', 'man_track.txt'), 'utf8'));
    const rows = rowsFromPresence(truth.map((p) => new Set(p.filter((x) => x > 0))), original);
    const reference: CtcSequence = { rows, frames: keep.map((_, t) => t), frame: async (t) => [truth[t]] };
    let ctcDir: string;
    let track: Record<string, unknown> = {};
    const notes: string[] = [];
    let drift: ReturnType<typeof compareDrift>;
    let labelsDET: number | undefined;
    if (labels === 'pipeline') {
      const run = await runPipelineForScoring(moviePath, join(dir, 'out'), pipelineFile);
      track = run.track;
      notes.push(...run.notes);
      drift = compareDrift(run.driftTablePath, added, commonMotion(truth, width));
      if (run.labelsPath) {
        const { sequenceFromMovie } = await import('../../src/analysis/metrics.ts');
        const opened = await openMovie(run.labelsPath);
        labelsDET = (await evaluateCtc({ ...reference, rows: [] }, sequenceFromMovie(opened, []))).DET;
        await opened.close();
      }
      // a pipeline with no tracking (denoise-segment) is scored on its segmentation alone
      if (!run.ctcDir) return { data: name, labels, variant: v, pipeline: pipelineFile, frames: keep.length, size: `${width}x${height}`, TRA: NaN, DET: labelsDET ?? NaN, labelsDET, notes, drift };
      ctcDir = run.ctcDir;
    } else {
      const call = await toolCaller(join(dir, 'session'));
      let labelMovie: string;
      let labelPath: string;
      if (labels === 'truth') {
        labelMovie = join(dir, 'truth.tif');
        await writeMovie(labelMovie, movieFromPlanes(shape, 'uint16', (t) => truth[t]));
        labelPath = labelMovie;
      } else if (process.env.SEGMENTATION) {
        // SEGMENTATION=FILE: a segment step's label movie kept (KEEP=1) from an earlier run of the same variant
        labelMovie = process.env.SEGMENTATION;
        labelPath = labelMovie;
        notes.push(`segment: ${labelMovie} (kept)`);
      } else {
        const segmented = await call('segment', { movie: moviePath });
        notes.push(`segment: ${segmented.summary}`);
        labelMovie = segmented.artifacts[0].id;
        labelPath = segmented.artifacts[0].path;
      }
      if (process.env.DIAG) await diagnoseDivisions(labelPath, moviePath, rows, truth, width);
      if (labels === 'steps') {
        const { sequenceFromMovie } = await import('../../src/analysis/metrics.ts');
        const opened = await openMovie(labelPath);
        labelsDET = (await evaluateCtc({ ...reference, rows: [] }, sequenceFromMovie(opened, []))).DET;
        await opened.close();
      }
      const tracked = await call('track', { labels: labelMovie, movie: moviePath });
      track = pick(tracked.values);
      notes.push(`track: ${tracked.summary}`);
      const exported = await call('export', { format: 'ctc', tracks: tracked.artifacts[0].id });
      ctcDir = exported.artifacts[0].path;
    }
    // DRIFT_TABLE=FILE: a drift table kept from a pipeline run on the same variant, compared with the truth's motion
    if (process.env.DRIFT_TABLE) drift = compareDrift(process.env.DRIFT_TABLE, added, commonMotion(truth, width));
    const scores: CtcScores = await evaluateCtc(reference, sequenceFromFolder(ctcDir));
    const used = process.cpuUsage(cpu);
    return { data: name, labels, variant: v, pipeline: pipelineFile, frames: keep.length, size: `${width}x${height}`, TRA: scores.TRA, DET: scores.DET, labelsDET, divisions: scores.divisions, counts: scores.counts, track, notes, drift, cpuSeconds: (used.user + used.system) / 1e6 };
  } finally {
    if (process.env.KEEP) console.error(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

/** DIAG=1: every division the tracker proposed, with its evidence, marked true when the truth divides within 2 frames and a diameter. */
async function diagnoseDivisions(labelsPath: string, moviePath: string, rows: CtcTrackRow[], truth: Uint16Array[], width: number): Promise<void> {
  const { trackLabelsWithEvidence } = await import('../../src/analysis/track.ts');
  const labels = await openMovie(labelsPath);
  const movie = await openMovie(moviePath);
  const truthDivisions = [...new Set(rows.filter((r) => r.parent > 0).map((r) => r.parent))].map((p) => {
    const te = rows.find((r) => r.id === p)!.end;
    let n = 0, sx = 0, sy = 0;
    truth[te].forEach((v, k) => { if (v === p) n++, (sx += k % width), (sy += Math.floor(k / width)); });
    return { t: te + 1, x: sx / n, y: sy / n };
  });
  const result = await trackLabelsWithEvidence(labels, { intensity: movie, distancesFromMovie: true, temporalRepair: true, divisionCheck: {}, lap: { allowSplitting: true } });
  const spots = new Map(result.tracks.spots.map((s) => [s.id, s]));
  const diameter = result.scale?.diameterPx ?? 40;
  const found = new Set<number>();
  for (const e of result.divisionEvidence) {
    const m = spots.get(e.mother)!;
    const k = truthDivisions.findIndex((d) => Math.abs(d.t - (m.t + 1)) <= 2 && Math.hypot(d.x - m.x, d.y - m.y) < diameter);
    if (k >= 0) found.add(k);
    console.error(JSON.stringify({ true: k >= 0, t: m.t + 1, x: Math.round(m.x), y: Math.round(m.y), accepted: e.accepted, reason: e.reason, frames: e.daughterFrames, areas: e.areaRatios.map((r) => +r.toFixed(2)), intensity: +e.intensityRatio.toFixed(2), bright: +e.mitoticBrightening.toFixed(2), sep: +e.separationGrowthPx.toFixed(1) }));
  }
  truthDivisions.forEach((d, k) => { if (!found.has(k)) console.error(JSON.stringify({ notProposed: d })); });
  console.error(JSON.stringify({ scale: result.scale, truth: truthDivisions.length, proposed: result.divisionEvidence.length }));
  await labels.close();
  await movie.close();
}


if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const set = (process.argv[2] ?? 'simplus02') as DatasetName;
  const option = (key: string) => process.argv.find((a) => a.startsWith(`${key}=`))?.slice(key.length + 1);
  const list = (key: string) => option(key)?.split(',').map(Number);
  const scale = Number(option('scale') ?? 1);
  const v: Variant = { scale, crop: Number(option('crop') ?? (scale > 1 ? 1000 : 0)), every: Number(option('every') ?? 1), drop: list('drop'), dup: list('dup'), frames: option('frames') ? Number(option('frames')) : undefined, driftPx: Number(option('drift') ?? 0), shading: Number(option('shading') ?? 0), bits: option('bits') === '8' ? 8 : undefined };
  const labels = (option('labels') ?? 'truth') as 'truth' | 'steps' | 'pipeline';
  const r = await evaluateVariant(set, labels, v, option('pipeline'));
  if (!r) {
    console.log(`skipping ${set}: data not found`);
    process.exit(0);
  }
  if (process.env.VERBOSE) for (const line of r.notes) console.error(line);
  const d = 'divisions' in r ? r.divisions : undefined;
  const name = [set, scale > 1 ? `x${scale} ${r.size}` : '', v.every && v.every > 1 ? `every ${v.every}` : '', v.driftPx ? `drift ${v.driftPx} px` : '', v.shading ? `shading ${v.shading}` : '', v.bits === 8 ? '8-bit' : '', scale < 1 ? `x${scale} ${r.size}` : '', option('pipeline') ?? '', v.drop ? `drop ${v.drop}` : '', v.dup ? `dup ${v.dup}` : '', labels].filter(Boolean).join(' ');
  console.log(JSON.stringify({ ...r, notes: undefined, summary: `${name}: TRA ${r.TRA.toFixed(3)} DET ${r.DET.toFixed(3)}${d ? ` divisions P ${d.precision.toFixed(2)} R ${d.recall.toFixed(2)} (${d.result} found, ${d.reference} true)` : ''}` }));
}
