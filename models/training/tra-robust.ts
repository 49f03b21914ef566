// Tracking (TRA) and divisions on the robustness variants of the annotated sets (issue 12: graders score every stage with
// default arguments and through the shipped pipelines on movies we never see), side by side with scikit-image's Otsu +
// watershed + nearest-neighbour peer (skimage_tracking.py) on the same movie in the same run.
//   nice -n 10 node bin/run-ts.js models/training/tra-robust.ts [SET,...] [VARIANT,...] [frames=N] [every=N] [start=T]
//        [crop=PX] [runs=steps,nuclei,cells,skimage] [blank=T,..] [pixel=UM]
// blank=T,..: those kept frames (0-based, in the kept movie) hold no cell: the background level with the background's own
// noise (an empty well, cells out of focus), their truth empty. pixel=UM: the movie is written with a pixel size of
// UM / scale (the stored pixel size of the set, changed to match the scaling, as another microscope's file would carry).
// Where the variants include "native", each other variant's row also says its TRA minus native's per run, and
// "COLLAPSE" where that falls by more than 0.05 (a metamorphic check: a default that fails under a change a real movie
// could have is a bug).
// SET: simplus01, simplus02, msc02. VARIANT: eval-robust.ts's VARIANTS by name (scale 0.5x / 2x / 3x, 8-bit, gamma,
// offset, gradient, noise, blur, inverted, textured 3x, ...). The movie: stored frames start, start+every, ... (frames
// of them, default 12 from frame 0, every 1), scaled, cropped to a centred square of at most crop px (default 400) after
// scaling, then the variant's intensity steps with the levels of the first kept frame; the truth (TRA masks, lineage
// rebuilt from the frames kept) goes through the same crop and scale. The movie is written as uint16 without a pixel
// size (as many exports are).
// Runs: steps = the segment then the track tool with nothing but the movie; nuclei / cells = pipelines/nuclei-tracking.yaml
// / cell-tracking.yaml as `cellpilot run` runs them; skimage = the peer. Prints one JSON line per run and a table of
// TRA (DET) and divisions found / true per run.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listCtcFrames, parseCtcTrackFile, readMaskFrame } from '../../src/analysis/ctc.ts';
import { evaluateCtc, sequenceFromFolder, type CtcScores, type CtcSequence } from '../../src/analysis/metrics.ts';
import { openMovie, writeMovie } from '../../src/image/index.ts';
import { movieFromPlanes } from '../../src/image/movie.ts';
import { mulberry32 } from '../../src/random.ts';
import { levels, VARIANTS } from './eval-robust.ts';
import { pick, runPipelineForScoring, toolCaller } from './eval-tracking.ts';
import { ctcDataset, datasetPresent, type DatasetName } from './real-data.ts';
import { cutAtGaps, rowsFromPresence, transform } from './tracking-variants.ts';

export type TraRun = 'steps' | 'nuclei' | 'cells' | 'denoise' | 'skimage';

/** The shipped pipelines a run names (denoise-segment neither tracks nor exports: DET and SEG only). */
const PIPELINE_FILES = { nuclei: 'nuclei-tracking.yaml', cells: 'cell-tracking.yaml', denoise: 'denoise-segment.yaml' } as const;

/** A label movie (one segmentation, labels per frame) as a CTC sequence for DET and SEG: each label a one-span row. */
async function sequenceFromLabelMovie(path: string): Promise<CtcSequence> {
  const movie = await openMovie(path);
  try {
    const planes: Uint32Array[] = [];
    for (let t = 0; t < movie.shape.t; t++) planes.push(Uint32Array.from(await movie.plane(t, 0, 0)));
    // (labels renumbered per frame so no id spans frames: TRA is not asked of a segmentation)
    let next = 1;
    const rows: CtcSequence['rows'] = [];
    const out = planes.map((p, t) => {
      const ids = new Map<number, number>();
      return p.map((v) => {
        if (!v) return 0;
        let id = ids.get(v);
        if (id === undefined) ids.set(v, (id = next++)), rows.push({ id, start: t, end: t, parent: 0 });
        return id;
      });
    });
    return { rows, frames: out.map((_, t) => t), frame: async (t) => [out[t]] };
  } finally {
    await movie.close();
  }
}

export interface TraRow {
  set: DatasetName;
  variant: string;
  run: TraRun;
  size: string;
  frames: number;
  TRA: number;
  DET: number;
  /** Over the kept frames with a SEG mask (null where none). */
  SEG: number | null;
  divisions: CtcScores['divisions'];
  counts: CtcScores['counts'];
  track: Record<string, unknown>;
  notes: string[];
  seconds: number;
}

export async function traVariant(set: DatasetName, variantName: string, runs: TraRun[], o: { frames: number; every: number; start: number; crop: number; blank?: number[]; pixelUm?: number }): Promise<TraRow[] | undefined> {
  const data = ctcDataset(set);
  if (!datasetPresent(data)) return undefined;
  const variant = VARIANTS.find((v) => v.name === variantName);
  if (!variant) throw new Error(`no variant ${variantName}; one of ${VARIANTS.map((v) => v.name).join(', ')}`);
  const images = listCtcFrames(data.images, 't');
  const masks = listCtcFrames(join(data.truth, 'TRA'), 'man_track');
  const segMasks = listCtcFrames(join(data.truth, 'SEG'), 'man_seg');
  const keep: number[] = [];
  for (let t = o.start; keep.length < o.frames && images.has(t); t += o.every) keep.push(t);
  const dir = mkdtempSync(join(tmpdir(), 'tra-robust-'));
  try {
    const frames: Uint16Array[] = [];
    const truth: Uint16Array[] = [];
    const segTruth = new Map<number, Uint16Array>();
    let width = 0;
    let height = 0;
    let ref: ReturnType<typeof levels> | undefined;
    const v = { scale: variant.scale ?? 1, crop: o.crop };
    for (const t of keep) {
      const movie = await openMovie(images.get(t)!);
      const raw = (await movie.plane(0, 0, 0)).slice();
      const r = transform(raw, movie.shape.x, movie.shape.y, v, false);
      await movie.close();
      let plane: Float32Array = Float32Array.from(r.plane);
      ref ??= levels(plane);
      const blank = (variant.blank ?? o.blank)?.includes(keep.indexOf(t)) ?? false;
      if (blank) plane = emptyFrame(plane, mulberry32(2000 + t));
      const m = await readMaskFrame(masks.get(t)!);
      const mask = Uint16Array.from(transform(m.planes[0], m.width, m.height, v, true).plane);
      const rand = mulberry32(1000 + t);
      for (const step of variant.steps ?? []) plane = step(plane, r.width, r.height, rand, ref, mask);
      frames.push(Uint16Array.from(plane, (p) => Math.max(0, Math.min(65535, Math.round(p)))));
      truth.push(blank ? mask.fill(0) : mask);
      // SEG truth (man_seg) where this frame has one (every frame in SIM+, 33 of 48 in MSC-02), not for a blanked frame
      const segFile = segMasks.get(t);
      if (segFile && !blank) {
        const s = await readMaskFrame(segFile);
        segTruth.set(keep.indexOf(t), Uint16Array.from(transform(s.planes[0], s.width, s.height, v, true).plane));
      }
      [width, height] = [r.width, r.height];
    }
    const shape = { t: keep.length, z: 1, c: 1, y: height, x: width };
    const moviePath = join(dir, 'movie.tif');
    await writeMovie(moviePath, movieFromPlanes(shape, 'uint16', (t) => frames[t], o.pixelUm ? { pixelSizeUm: o.pixelUm / (variant.scale ?? 1) } : undefined));
    const original = parseCtcTrackFile(readFileSync(join(data.truth, 'TRA', 'man_track.txt'), 'utf8'));
    // (a cell absent from blanked frames: its track cut there, as the CTC rule and our export have it)
    const rows = cutAtGaps(truth, rowsFromPresence(truth.map((p) => new Set(p.filter((x) => x > 0))), original));
    const reference: CtcSequence = { rows, frames: keep.map((_, t) => t), frame: async (t) => [truth[t]] };
    const out: TraRow[] = [];
    for (const run of runs) {
      const started = Date.now();
      let ctcDir: string;
      let labelsOnly: CtcSequence | undefined;
      let track: Record<string, unknown> = {};
      const notes: string[] = [];
      try {
        if (run === 'nuclei' || run === 'cells' || run === 'denoise') {
          const file = fileURLToPath(new URL(`../../pipelines/${PIPELINE_FILES[run]}`, import.meta.url));
          const r = await runPipelineForScoring(moviePath, join(dir, run), file);
          ({ track } = r);
          notes.push(...r.notes.map((n) => n.slice(0, 400)));
          if (!r.ctcDir) {
            // a pipeline that does not track (denoise-segment): its labels scored for DET and SEG, TRA not defined
            labelsOnly = await sequenceFromLabelMovie(r.labelsPath!);
            ctcDir = '';
          } else ctcDir = r.ctcDir;
        } else if (run === 'steps') {
          const call = await toolCaller(join(dir, 'session'));
          const segmented = await call('segment', { movie: moviePath });
          const tracked = await call('track', { labels: segmented.artifacts[0].id, movie: moviePath });
          const exported = await call('export', { format: 'ctc', tracks: tracked.artifacts[0].id });
          track = pick(tracked.values);
          notes.push(`segment: ${segmented.summary.slice(0, 400)}`, `track: ${tracked.summary.slice(0, 400)}`);
          ctcDir = exported.artifacts[0].path;
        } else {
          ctcDir = join(dir, 'skimage');
          execFileSync('/usr/bin/python3', [fileURLToPath(new URL('./skimage_tracking.py', import.meta.url)), moviePath, ctcDir], { stdio: ['ignore', 'ignore', 'inherit'] });
        }
      } catch (e) {
        console.error(`${set} ${variantName} ${run}: ${(e as Error).message}`);
        continue;
      }
      const seg = { frames: [...segTruth.keys()].sort((a, b) => a - b), frame: async (t: number) => [segTruth.get(t)!] };
      const s = await evaluateCtc(reference, labelsOnly ?? sequenceFromFolder(ctcDir), segTruth.size ? { seg } : {});
      const row: TraRow = { set, variant: variantName, run, size: `${width}x${height}`, frames: keep.length, TRA: labelsOnly ? Number.NaN : s.TRA, DET: s.DET, SEG: s.SEG, divisions: s.divisions, counts: s.counts, track, notes, seconds: (Date.now() - started) / 1000 };
      console.log(JSON.stringify(row));
      out.push(row);
    }
    return out;
  } finally {
    if (process.env.KEEP) console.error(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

/** A frame with no cell: the background level (median) with noise of the background's spread (from its lower half), independent per pixel. */
export function emptyFrame(plane: Float32Array, rand: () => number): Float32Array<ArrayBuffer> {
  const sorted = Float32Array.from(plane).sort();
  const median = sorted[sorted.length >> 1];
  // (the background's spread from its lower half: median minus the 16th percentile, one sigma for normal noise)
  const sd = Math.max(0, median - sorted[Math.floor(0.16 * sorted.length)]);
  return Float32Array.from(plane, () => median + sd * Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand()));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const option = (key: string) => args.find((a) => a.startsWith(`${key}=`))?.slice(key.length + 1);
  const sets = (args.find((a) => /^(simplus0[12]|msc02)(,|$)/.test(a)) ?? 'simplus01,simplus02,msc02').split(',') as DatasetName[];
  const variantArg = args.find((a) => VARIANTS.some((v) => a.split(',').includes(v.name)));
  const variants = variantArg ? variantArg.split(',') : ['native'];
  const runs = (option('runs') ?? 'steps,nuclei,cells,skimage').split(',') as TraRun[];
  const o = {
    frames: Number(option('frames') ?? 12),
    every: Number(option('every') ?? 1),
    start: Number(option('start') ?? 0),
    crop: Number(option('crop') ?? 400),
    blank: option('blank')?.split(',').map(Number),
    pixelUm: option('pixel') ? Number(option('pixel')) : undefined,
  };
  const table = [`| set | variant | size, frames | ${runs.map((r) => `${r} TRA (DET) div found/true`).join(' | ')} |`, `|---|---|---|${runs.map(() => '---|').join('')}`];
  for (const set of sets) {
    let native: TraRow[] | undefined;
    for (const name of variants) {
      const rows = await traVariant(set, name, runs, o);
      if (!rows) {
        console.error(`skipping ${set}: data not found`);
        continue;
      }
      if (name === 'native') native = rows;
      const against = (r: TraRow) => native?.find((n) => n.run === r.run && n !== r);
      const delta = (r: TraRow) => {
        const n = against(r);
        if (!n) return '';
        const d = r.TRA - n.TRA;
        return ` Δ${d >= 0 ? '+' : ''}${d.toFixed(3)}${d < -0.05 ? ' COLLAPSE' : ''}`;
      };
      const cell = (r?: TraRow) => (r ? `${r.TRA.toFixed(3)} (${r.DET.toFixed(3)}) ${r.divisions.result}/${r.divisions.reference}${delta(r)}` : '-');
      table.push(`| ${set} | ${name} | ${rows[0]?.size ?? ''}, ${rows[0]?.frames ?? ''} | ${runs.map((run) => cell(rows.find((r) => r.run === run))).join(' | ')} |`);
      console.error(table[table.length - 1]);
    }
  }
  console.log(table.join('\n'));
}
