// Where segmentation loses nuclei at the field's edge and outlines others in part (issue 12 items 1-2):
//   node bin/run-ts.js models/training/border-partial.ts SET [every=N] [offset=K] ['{"borderMinAreaPx":1,...}' ...]
// For each option set (the tool's movie-level defaults, then each JSON's overrides on top of them), segments every
// Nth annotated frame and compares with the SEG masks: reference nuclei touching the image edge and those inside,
// each: how many are missed (no object covers more than half: the DET rule), partial (best object covers 0.2-0.5) and
// the mean IoU of the matched (the SEG rule), and merged objects (one object over half of two or more nuclei); with VERBOSE=1 each missed border nucleus (area, cover, object area).
// noise=F adds Gaussian noise of F x each frame's contrast (99.5th percentile - median; seeded), to the parameters'
// sample frames too: SIM+ 01 made as dim as SIM+ 02's later frames without measuring on SIM+ 02.
import { join } from 'node:path';
import { listCtcFrames, readMaskFrame } from '../../src/analysis/ctc.ts';
import { segmentPlane } from '../../src/analysis/seg-plane.ts';
import { chooseSegmentParameters } from '../../src/analysis/seg-auto.ts';
import { allFrames, annotatedFrames, ctcDataset, datasetPresent, readFrame, type DatasetName } from './real-data.ts';

const name = (process.argv[2] ?? 'simplus01') as DatasetName;
const every = Number(process.argv.find((a) => a.startsWith('every='))?.slice(6) ?? 10);
const offset = Number(process.argv.find((a) => a.startsWith('offset='))?.slice(7) ?? 0);
const variants = [{}, ...process.argv.filter((a) => a.startsWith('{')).map((a) => JSON.parse(a))];
const data = ctcDataset(name);
if (!datasetPresent(data)) {
  console.log(`skipping: ${data.images} not found`);
  process.exit(0);
}
const noiseShare = Number(process.argv.find((a) => a.startsWith('noise='))?.slice(6) ?? 0);
/** The frame, with noise=F's Gaussian noise (a generator seeded by the frame number). */
async function frame(t: number): Promise<{ plane: Float32Array; width: number; height: number }> {
  const f = await readFrame(data, t);
  const plane = Float32Array.from(f.plane as ArrayLike<number>);
  if (noiseShare > 0) {
    const sorted = Float32Array.from(plane).sort();
    const contrast = sorted[Math.floor(0.995 * (sorted.length - 1))] - sorted[sorted.length >> 1];
    let s = (t + 1) * 2654435761;
    const uniform = () => ((s = (s * 1103515245 + 12345) >>> 0) + 0.5) / 4294967296;
    for (let i = 0; i < plane.length; i++) plane[i] += noiseShare * contrast * Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  }
  return { plane, width: f.width, height: f.height };
}
const all = allFrames(data);
const samples = await Promise.all([all[0], all[all.length >> 1], all[all.length - 1]].map(frame));
const movieLevel = chooseSegmentParameters(samples, { method: 'auto', ...(name === 'msc02' ? { shape: 'irregular' as const } : {}) });
console.error('chosen', JSON.stringify(movieLevel.options));
const frames = annotatedFrames(data, every, offset);
const seg = listCtcFrames(join(data.truth, 'SEG'), 'man_seg');
type Tally = { n: number; missed: number; partial: number; iouSum: number };
const tally = () => ({ n: 0, missed: 0, partial: 0, iouSum: 0 });
const rows = variants.map(() => ({ border: tally() as Tally, inside: tally() as Tally, objects: 0, merged: 0 }));
for (const t of frames) {
  const { plane, width: W, height: H } = await frame(t);
  const truth = (await readMaskFrame(seg.get(t)!)).planes[0];
  for (const [v, extra] of variants.entries()) {
    const labels = segmentPlane(plane, W, H, { ...movieLevel.options, ...extra }).labels;
    const area = new Map<number, number>(), ours = new Map<number, number>(), inter = new Map<number, Map<number, number>>(), edge = new Set<number>();
    for (let i = 0; i < truth.length; i++) {
      const a = truth[i], b = labels[i];
      if (b) ours.set(b, (ours.get(b) ?? 0) + 1);
      if (!a) continue;
      area.set(a, (area.get(a) ?? 0) + 1);
      const x = i % W, y = (i / W) | 0;
      if (x === 0 || y === 0 || x === W - 1 || y === H - 1) edge.add(a);
      if (b) {
        const m = inter.get(a) ?? new Map<number, number>();
        m.set(b, (m.get(b) ?? 0) + 1);
        inter.set(a, m);
      }
    }
    rows[v].objects += ours.size;
    const holds = new Map<number, number>();
    for (const [a, m] of inter) for (const [b, n] of m) if (n > 0.5 * area.get(a)!) holds.set(b, (holds.get(b) ?? 0) + 1);
    for (const k of holds.values()) if (k > 1) rows[v].merged++;
    for (const [a, n] of area) {
      let bestB = 0, bestN = 0;
      for (const [b, m] of inter.get(a) ?? []) if (m > bestN) (bestB = b), (bestN = m);
      const r = edge.has(a) ? rows[v].border : rows[v].inside;
      r.n++;
      const cover = bestN / n;
      if (cover > 0.5) r.iouSum += bestN / (n + ours.get(bestB)! - bestN);
      else {
        r.missed++;
        if (cover >= 0.2) r.partial++;
        if (process.env.VERBOSE && edge.has(a)) console.error(`v${v} t${t} ref ${a} area ${n} cover ${cover.toFixed(2)} object ${bestB ? ours.get(bestB) : 0}`);
      }
    }
  }
}
const fmt = (r: Tally) => `${r.n} nuclei, missed ${r.missed} (partial ${r.partial}), SEG ${(r.iouSum / r.n).toFixed(3)}`;
for (const [v, extra] of variants.entries())
  console.log(`${name} every=${every} noise=${noiseShare} ${JSON.stringify(extra)}\tborder: ${fmt(rows[v].border)}\tinside: ${fmt(rows[v].inside)}\tall SEG ${((rows[v].border.iouSum + rows[v].inside.iouSum) / (rows[v].border.n + rows[v].inside.n)).toFixed(3)}, objects ${rows[v].objects}, merged ${rows[v].merged}`);
