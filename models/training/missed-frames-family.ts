// Objects the segmentation misses for one frame (a dim nucleus, a frame out of focus), as a family: a label movie
// (ground-truth masks, or a kept segmentation) with a share of its objects deleted for one frame (run=2: two) at random, tracked
// as the track tool does with and without drawing one-frame gaps in (temporalRepair.ts fillMissedFrames), exported
// in CTC form and scored against the sequence's ground truth.
//   node bin/run-ts.js models/training/missed-frames-family.ts SET [share=0,0.03,0.1] [seeds=1,2] [frames=N] [segmentation=FILE] [run=1|2] [part=F]
//   part=F: instead of deleting an object, keep only its core, F of its area (outlined in part)
//   SET: simplus01 | simplus02 | sim (our simulator's 50-cell movie, seed 11)
// Prints one JSON line per share and seed: TRA and DET without and with the fill, objects drawn in, deletions made.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listCtcFrames, readMaskFrame, writeCtcResult } from '../../src/analysis/ctc.ts';
import { evaluateCtc, sequenceFromFolder, sequenceFromMovie, type CtcSequence } from '../../src/analysis/metrics.ts';
import { trackLabelsWithEvidence } from '../../src/analysis/track.ts';
import { openMovie } from '../../src/image/index.ts';
import { MemoryMovie, type Movie } from '../../src/image/movie.ts';
import { mulberry32 } from '../../src/random.ts';
import { ctcDataset } from './real-data.ts';
import { truthOfFirstFrames } from './eval-tracking.ts';

/**
 * Deletes each object of frames 1..n-2 with probability `share` for `run` frames in a row (never two runs back to back, so
 * each gap is `run` frames long and the object is seen before and after it).
 */
export function deleteInRuns(planes: Uint32Array[], share: number, seed: number, run = 1, keepPart = 0, width = 0): { planes: Uint32Array[]; deleted: number } {
  const random = mulberry32(seed);
  const out = planes.map((p) => p.slice());
  let deleted = 0;
  const lastDeleted = new Map<number, number>();
  for (let t = 1; t + run < out.length; t++) {
    const ids = [...new Set(planes[t])].filter((v) => v > 0).sort((a, b) => a - b);
    const gone = new Set(ids.filter((id) => random() < share && (lastDeleted.get(id) ?? -2) < t - 1));
    if (!gone.size) continue;
    for (let f = t; f < t + run; f++) {
      const p = out[f];
      if (keepPart > 0) keepCore(p, width, gone, keepPart);
      else for (let k = 0; k < p.length; k++) if (gone.has(p[k])) p[k] = 0;
    }
    for (const id of gone) lastDeleted.set(id, t + run - 1);
    deleted += gone.size * run;
  }
  return { planes: out, deleted };
}

/** Keeps of each object in `ids` only the pixels nearest its centroid, `share` of its area (an outline of its bright core). */
function keepCore(plane: Uint32Array, width: number, ids: Set<number>, share: number): void {
  const sums = new Map<number, [number, number, number]>();
  plane.forEach((v, k) => {
    if (!ids.has(v)) return;
    const s = sums.get(v) ?? [0, 0, 0];
    s[0]++, (s[1] += k % width), (s[2] += Math.floor(k / width));
    sums.set(v, s);
  });
  plane.forEach((v, k) => {
    const s = sums.get(v);
    if (!s) return;
    const r2 = (share * s[0]) / Math.PI;
    if ((k % width - s[1] / s[0]) ** 2 + (Math.floor(k / width) - s[2] / s[0]) ** 2 > r2) plane[k] = 0;
  });
}

async function scoreTracking(labels: Movie, intensity: Movie | undefined, truth: CtcSequence, fill: boolean): Promise<{ TRA: number; DET: number; filled: number; divisions: { precision: number; recall: number; result: number } }> {
  const dir = mkdtempSync(join(tmpdir(), 'missed-frames-'));
  try {
    const r = await trackLabelsWithEvidence(labels, { intensity, distancesFromMovie: true, divisionCheck: {}, temporalRepair: { fillMissedFrames: fill ? 2 : 0 }, lap: { allowSplitting: true } });
    await writeCtcResult(r.tracks, r.repair?.labels ?? labels, dir);
    const s = await evaluateCtc(truth, sequenceFromFolder(dir));
    return { TRA: Number(s.TRA.toFixed(4)), DET: Number(s.DET.toFixed(4)), filled: r.repair?.filled ?? 0, divisions: { precision: Number(s.divisions.precision.toFixed(2)), recall: Number(s.divisions.recall.toFixed(2)), result: s.divisions.result } };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function planesOf(movie: Movie): Promise<Uint32Array[]> {
  const out: Uint32Array[] = [];
  for (let t = 0; t < movie.shape.t; t++) out.push(Uint32Array.from(await movie.plane(t, 0, 0)));
  return out;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const set = process.argv[2] ?? 'simplus01';
  const option = (key: string) => process.argv.find((a) => a.startsWith(`${key}=`))?.slice(key.length + 1);
  const shares = (option('share') ?? '0,0.03,0.1').split(',').map(Number);
  const seeds = (option('seeds') ?? '1').split(',').map(Number);
  let planes: Uint32Array[];
  let intensity: Movie | undefined;
  let truth: CtcSequence;
  let width: number;
  let height: number;
  if (set === 'sim') {
    const { simulate } = await import('../../src/sim/index.ts');
    const sim = simulate({ frames: 100, cells: 50, seed: 11, width: 256, height: 256 });
    truth = sequenceFromMovie(sim.labels, sim.lineage);
    intensity = sim.movie;
    planes = option('segmentation') ? await planesOf(await openMovie(option('segmentation')!)) : await planesOf(sim.labels);
    [width, height] = [256, 256];
  } else {
    const data = ctcDataset(set as 'simplus01' | 'simplus02');
    const images = listCtcFrames(data.images, 't');
    const n = Math.min(images.size, Number(option('frames') ?? images.size));
    truth = truthOfFirstFrames(data, n);
    intensity = await openMovie(data.images);
    if (option('segmentation')) planes = (await planesOf(await openMovie(option('segmentation')!))).slice(0, n);
    else {
      const masks = listCtcFrames(join(data.truth, 'SEG'), 'man_seg');
      planes = [];
      for (let t = 0; t < n; t++) planes.push(Uint32Array.from((await readMaskFrame(masks.get(t)!)).planes[0]));
    }
    [width, height] = [intensity.shape.x, intensity.shape.y];
  }
  const meta = intensity ? intensity.meta : undefined;
  for (const share of shares)
    for (const seed of share > 0 ? seeds : [0]) {
      const spoiled = deleteInRuns(planes, share, seed, Number(option('run') ?? 1), Number(option('part') ?? 0), width);
      const movie = new MemoryMovie({ t: spoiled.planes.length, z: 1, c: 1, y: height, x: width }, 'uint32', spoiled.planes, { ...(meta ?? {}), channelNames: ['labels'] } as never, `${set} labels, ${share} deleted`);
      const without = await scoreTracking(movie, intensity, truth, false);
      const withFill = await scoreTracking(movie, intensity, truth, true);
      console.log(JSON.stringify({ set, run: Number(option('run') ?? 1), part: Number(option('part') ?? 0), segmentation: option('segmentation') ?? 'truth', share, seed, deleted: spoiled.deleted, without, with: withFill }));
    }
  process.exit(0);
}
