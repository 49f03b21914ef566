// Where SEG goes, per reference object (issue 12 item 1, s28-B): each reference nucleus of a frame's SEG mask scores
// the IoU of the object that covers more than half of it (the Cell Tracking Challenge SEG rule; 0 where none does), and
// its loss (1 - that IoU) is put under one class:
// - merged: the object covering most of it also covers more than half of another reference nucleus (one mask over
//   two nuclei; the object may still match it, at about half its IoU), or it is matched by none and its best object
//   matches another reference nucleus;
// - split: matched by none, and two or more objects each cover at least 0.15 of it;
// - missed: matched by none, and no object covers 0.2 of it;
// - partial: matched by none, one object covers 0.2-0.5 of it (outlined far too small);
// - tight / loose: matched, by an object smaller / larger than the reference nucleus (the boundary placed inside /
//   outside it); also summarised by the median area ratio (object / nucleus) of each.
// The shares add up to 1 - SEG. Printed per set and for the first and last part of the frames listed (crowding grows
// as nuclei divide), with counts, shares, and the median area ratio of the matched.
// DUMP=DIR writes each frame's labels to DIR/SET-T.u32 (raw uint32, the plane's size) for a look at the outlines.
//   node bin/run-ts.js models/training/seg-loss-classes.ts simplus01|simplus02|msc02|cancer|sim11|sim9401 [every=N] [parts=K] ['{"option":...}']
// sim11: our simulator's 100-frame division movie (seed 11, 50 cells growing crowded), every 3rd frame; sim9401-9405:
// the crowded held-out scenes of eval-sim-seg.ts; cancer: cancer_cell_migration_crop against its voronoi-otsu labels
// (algorithmic, 48 frames).
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import { gaussianBlur } from '../../src/analysis/filters.ts';
import { join } from 'node:path';
import { listCtcFrames, readMaskFrame } from '../../src/analysis/ctc.ts';
import { distanceTransform } from '../../src/analysis/distance.ts';
import { overlapCounts } from '../../src/analysis/overlapTracker.ts';
import { chooseSegmentParameters, resolveSegmentMethod, sampleMoviePlanes } from '../../src/analysis/seg-auto.ts';
import { backgroundStats, segmentPlane, type SegmentOptions } from '../../src/analysis/seg-plane.ts';
import { openMovie } from '../../src/image/index.ts';
import type { PlaneData } from '../../src/image/movie.ts';
import { annotatedFrames, ctcDataset, datasetPresent, readFrame, sequenceParameters, type DatasetName } from './real-data.ts';
import { SCENE_SIZE_PX, SIMULATED_SCENES, simulateScene } from './seg-scenes.ts';

export const LOSS_CLASSES = ['merged', 'split', 'missed', 'partial', 'tight', 'loose'] as const;
export type LossClass = (typeof LOSS_CLASSES)[number];
export interface ObjectLoss { cls: LossClass; iou: number; areaRatio: number }

/** One class and IoU per reference object of a frame (see the header). */
export function classifyFrame(truth: ArrayLike<number>, ours: ArrayLike<number>): ObjectLoss[] {
  const o = overlapCounts([truth], [ours]);
  const matchOf = new Map<number, number>(); // reference -> our object covering more than half of it
  const matchedBy = new Map<number, number>(); // our object -> how many references it covers by more than half
  for (const [r, row] of o.intersections)
    for (const [s, n] of row)
      if (n > 0.5 * o.areaA.get(r)!) matchOf.set(r, s), matchedBy.set(s, (matchedBy.get(s) ?? 0) + 1);
  const out: ObjectLoss[] = [];
  for (const [r, area] of o.areaA) {
    const row = [...(o.intersections.get(r) ?? new Map<number, number>())] as [number, number][];
    const s = matchOf.get(r);
    if (s !== undefined) {
      const n = o.intersections.get(r)!.get(s)!;
      const sArea = o.areaB.get(s)!;
      const iou = n / (area + sArea - n);
      const cls: LossClass = matchedBy.get(s)! > 1 ? 'merged' : sArea < area ? 'tight' : 'loose';
      out.push({ cls, iou, areaRatio: sArea / area });
      continue;
    }
    const best = row.reduce((b, e) => (e[1] > b[1] ? e : b), [0, 0] as [number, number]);
    const cls: LossClass =
      best[0] && matchedBy.has(best[0]) && best[1] >= 0.15 * area
        ? 'merged'
        : row.filter(([, n]) => n >= 0.15 * area).length >= 2
          ? 'split'
          : best[1] < 0.2 * area
            ? 'missed'
            : 'partial';
    out.push({ cls, iou: 0, areaRatio: best[0] ? o.areaB.get(best[0])! / area : 0 });
  }
  return out;
}

/** Counts, loss shares (summing to 1 - SEG) and median area ratios per class. */
export function summarise(rows: ObjectLoss[]) {
  const median = (xs: number[]) => (xs.length ? [...xs].sort((a, b) => a - b)[xs.length >> 1] : Number.NaN);
  const SEG = rows.reduce((a, r) => a + r.iou, 0) / Math.max(1, rows.length);
  const classes = Object.fromEntries(
    LOSS_CLASSES.map((c) => {
      const list = rows.filter((r) => r.cls === c);
      return [c, { n: list.length, loss: +(list.reduce((a, r) => a + 1 - r.iou, 0) / Math.max(1, rows.length)).toFixed(4), areaRatio: +median(list.map((r) => r.areaRatio)).toFixed(2) }];
    }),
  );
  return { references: rows.length, SEG: +SEG.toFixed(4), classes };
}

type Frame = { t: number; plane: PlaneData; truth: ArrayLike<number>; width: number; height: number };

async function* framesOf(set: string, every: number, given: Record<string, unknown>): AsyncGenerator<Frame | { options: SegmentOptions; chosen: unknown }> {
  if (/^sim\d/.test(set)) {
    const seed = set.slice(3);
    const scene = SIMULATED_SCENES.find((s) => s.name.includes(`seed ${seed} `))!;
    const sim = simulateScene(scene);
    const level = chooseSegmentParameters(await sampleMoviePlanes(sim.movie, 0, [0, sim.movie.shape.t - 1]), { method: 'auto', ...given });
    yield level;
    for (const t of scene.frames.filter((_, k) => k % every === 0))
      yield { t, plane: await sim.movie.plane(t, 0, 0), truth: await sim.labels.plane(t, 0, 0), width: SCENE_SIZE_PX, height: SCENE_SIZE_PX };
    return;
  }
  if (set === 'cancer') {
    const dir = '../shared/data/biaNotebooks-timelapse/';
    if (!existsSync(dir + 'cancer_cell_migration_crop.tif')) throw new Error(`skipping: ${dir} not found`);
    const movie = await openMovie(dir + 'cancer_cell_migration_crop.tif');
    const reference = await openMovie(dir + 'cancer_cell_migration_voronoi_otsu_labeling_crop.tif');
    const level = chooseSegmentParameters(await sampleMoviePlanes(movie, 0, [0, movie.shape.t - 1]), { method: 'auto', ...given });
    yield level;
    for (let t = 0; t < movie.shape.t; t += every) yield { t, plane: await movie.plane(t, 0, 0), truth: await reference.plane(t, 0, 0), width: movie.shape.x, height: movie.shape.y };
    return;
  }
  const data = ctcDataset(set as DatasetName);
  if (!datasetPresent(data)) throw new Error(`skipping: ${data.images} not found`);
  const options = { ...given } as Record<string, unknown>;
  options.method ??= resolveSegmentMethod('auto').method;
  if (set === 'msc02') options.shape ??= 'irregular';
  const level = await sequenceParameters(data, options);
  yield level;
  const seg = listCtcFrames(join(data.truth, 'SEG'), 'man_seg');
  for (const t of annotatedFrames(data, every)) {
    const { plane, width, height } = await readFrame(data, t);
    yield { t, plane, width, height, truth: (await readMaskFrame(seg.get(t)!)).planes[0] };
  }
}

// Experiment (ERODE=D [ERODE_MIN=AREA]): every object of at least AREA px loses its pixels within D px of the background.
function erodeFromBackground(labels: Uint32Array, width: number, height: number, d: number, minArea: number): Uint32Array {
  const dist = distanceTransform(labels, width, height);
  const area = new Map<number, number>();
  for (const v of labels) if (v) area.set(v, (area.get(v) ?? 0) + 1);
  const out = Uint32Array.from(labels);
  for (let i = 0; i < out.length; i++) if (out[i] && area.get(out[i])! >= minArea && dist[i] <= d) out[i] = 0;
  return out;
}

// Experiment (OBJECTS=FILE): one JSON line per reference nucleus matched by one of ours: area ratio, IoU, our object's
// median on the plane smoothed by sigmaPx above the background, in that plane's noise SD, and its share of pixels below
// the threshold (grown), whether it touches another of ours, its distance to the field's edge.
function dumpObjects(file: string, item: Frame, labels: Uint32Array, options: SegmentOptions): void {
  const { width, height } = item;
  const smoothed = gaussianBlur(item.plane, width, height, options.sigmaPx ?? 2);
  const fg = new Uint8Array(labels.length);
  for (let i = 0; i < fg.length; i++) fg[i] = labels[i] ? 1 : 0;
  const { background, noise } = backgroundStats(smoothed, fg);
  const thr = segmentPlane(item.plane, width, height, options).thresholdValue;
  const o = overlapCounts([item.truth], [labels]);
  const px = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) if (labels[i]) (px.get(labels[i]) ?? px.set(labels[i], []).get(labels[i])!).push(i);
  const lines: string[] = [];
  for (const [r, row] of o.intersections)
    for (const [sId, n] of row) {
      if (!(n > 0.5 * o.areaA.get(r)!)) continue;
      const list = px.get(sId)!;
      const vals = list.map((i) => smoothed[i]).sort((a, b) => a - b);
      let touches = false;
      let edge = Infinity;
      for (const i of list) {
        const x = i % width, y = (i / width) | 0;
        edge = Math.min(edge, x, y, width - 1 - x, height - 1 - y);
        for (const j of [i - 1, i + 1, i - width, i + width]) if (j >= 0 && j < labels.length && labels[j] && labels[j] !== sId) touches = true;
      }
      const a = o.areaA.get(r)!, b = o.areaB.get(sId)!;
      lines.push(JSON.stringify({ t: item.t, ratio: +(b / a).toFixed(3), iou: +(n / (a + b - n)).toFixed(3), ref: a, ours: b, snr: +((vals[vals.length >> 1] - background) / noise).toFixed(1), below: +(vals.filter((v) => v < thr).length / vals.length).toFixed(3), touches, edge }));
    }
  appendFileSync(file, lines.join('\n') + '\n');
}

if (process.argv[1]?.endsWith('seg-loss-classes.ts')) {
  const set = process.argv[2] ?? 'simplus01';
  const every = Number(process.argv.find((a) => a.startsWith('every='))?.slice(6) ?? 1);
  const parts = Number(process.argv.find((a) => a.startsWith('parts='))?.slice(6) ?? 2);
  const given = JSON.parse(process.argv.slice(3).find((a) => a.startsWith('{')) ?? '{}');
  let options: SegmentOptions = {};
  const perFrame: { t: number; rows: ObjectLoss[] }[] = [];
  const started = Date.now();
  let segMs = 0;
  for await (const item of framesOf(set, every, given)) {
    if (!('t' in item)) {
      options = item.options;
      console.log(JSON.stringify({ set, chosen: item.chosen }));
      continue;
    }
    const t0 = Date.now();
    let labels = segmentPlane(item.plane, item.width, item.height, options).labels;
    if (process.env.ERODE) labels = erodeFromBackground(labels, item.width, item.height, Number(process.env.ERODE), Number(process.env.ERODE_MIN ?? 0));
    segMs += Date.now() - t0;
    if (process.env.DUMP) writeFileSync(join(process.env.DUMP, `${set}-${item.t}.u32`), new Uint8Array(labels.buffer, labels.byteOffset, labels.byteLength));
    perFrame.push({ t: item.t, rows: classifyFrame(item.truth, labels) });
    if (process.env.OBJECTS) dumpObjects(process.env.OBJECTS, item, labels, options);
  }
  console.log(JSON.stringify({ set, frames: perFrame.length, ...summarise(perFrame.flatMap((f) => f.rows)), segMsPerFrame: Math.round(segMs / perFrame.length), wallS: Math.round((Date.now() - started) / 1000) }));
  if (process.argv.includes('ratio')) {
    // Matched nuclei by our area / theirs: how much of each bin's loss the size alone explains (an object of the right
    // shape and place at area ratio q has IoU min(q, 1/q)) and how much is shape or place (IoU / that bound).
    const matched = perFrame.flatMap((f) => f.rows).filter((r) => r.iou > 0);
    const all = perFrame.flatMap((f) => f.rows).length;
    const edges = [0, 0.7, 0.85, 1, 1.15, 1.3, 1.5, Infinity];
    for (let b = 0; b + 1 < edges.length; b++) {
      const bin = matched.filter((r) => r.areaRatio >= edges[b] && r.areaRatio < edges[b + 1]);
      if (!bin.length) continue;
      const mean = (f: (r: ObjectLoss) => number) => +(bin.reduce((a, r) => a + f(r), 0) / bin.length).toFixed(3);
      const bound = (r: ObjectLoss) => Math.min(r.areaRatio, 1 / r.areaRatio);
      console.log(JSON.stringify({ ratio: `${edges[b]}-${edges[b + 1]}`, n: bin.length, iou: mean((r) => r.iou), sizeBound: mean(bound), shapeShare: mean((r) => r.iou / bound(r)), loss: +(bin.reduce((a, r) => a + 1 - r.iou, 0) / all).toFixed(4), lossFromSize: +(bin.reduce((a, r) => a + 1 - bound(r), 0) / all).toFixed(4) }));
    }
  }
  for (let k = 0; k < parts; k++) {
    const part = perFrame.slice(Math.floor((k * perFrame.length) / parts), Math.floor(((k + 1) * perFrame.length) / parts));
    console.log(JSON.stringify({ part: `${k + 1}/${parts}`, frames: `${part[0]?.t}-${part[part.length - 1]?.t}`, ...summarise(part.flatMap((f) => f.rows)) }));
  }
}
