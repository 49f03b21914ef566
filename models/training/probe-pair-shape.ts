// Which segmented objects are two nuclei (stop 45, helper E): every object of the default classical segmentation
// (segmentPlane with the movie's chosen options, outlines not redrawn) of every Nth annotated frame, its second-moment
// elongation, area over the plane's median and solidity, against how many truth nuclei it covers more than half of.
// Prints, per elongation bar, how many merged pairs and how many single nuclei reach it (what a shape rule would cut).
//   node bin/run-ts.js models/training/probe-pair-shape.ts simplus02|simplus01 [every=10] ['{"splitOversized":false}']
//   node bin/run-ts.js models/training/probe-pair-shape.ts sim:SEED:SIZE:CELLS:FRAMES [every=1]   (our simulator)
import { join } from 'node:path';
import { segmentPlane } from '../../src/analysis/seg-plane.ts';
import { listCtcFrames, readMaskFrame } from '../../src/analysis/ctc.ts';
import { solidity } from '../../src/analysis/temporalRepair.ts';
import { chooseSegmentParameters, sampleMoviePlanes } from '../../src/analysis/seg-auto.ts';
import { simulate } from '../../src/sim/index.ts';
import type { PlaneData } from '../../src/image/movie.ts';
import { annotatedFrames, ctcDataset, readFrame, sequenceParameters, type DatasetName } from './real-data.ts';

const name = process.argv[2] ?? 'simplus02';
const every = Number(process.argv.find((a) => a.startsWith('every='))?.slice(6) ?? 10);
const extra = JSON.parse(process.argv.find((a) => a.startsWith('{')) ?? '{}');
let frames: number[];
let options;
let read: (t: number) => Promise<{ plane: PlaneData; width: number; height: number }>;
let truthAt: (t: number) => Promise<ArrayLike<number>>;
if (name.startsWith('sim:')) {
  const [seed, size, cells, n] = name.slice(4).split(':').map(Number);
  const sim = simulate({ seed, width: size, height: size, cells, frames: n });
  frames = Array.from({ length: n }, (_, t) => t).filter((t) => t % every === 0);
  ({ options } = chooseSegmentParameters(await sampleMoviePlanes(sim.movie, 0, [0, n - 1]), { method: 'auto' }));
  read = async (t) => ({ plane: await sim.movie.plane(t, 0, 0), width: size, height: size });
  truthAt = async (t) => (await sim.labels.plane(t, 0, 0)) as ArrayLike<number>;
} else {
  const data = ctcDataset(name as DatasetName);
  frames = annotatedFrames(data, every);
  ({ options } = await sequenceParameters(data, {}));
  const seg = listCtcFrames(join(data.truth, 'SEG'), 'man_seg');
  read = (t) => readFrame(data, t);
  truthAt = async (t) => (await readMaskFrame(seg.get(t)!)).planes[0] as ArrayLike<number>;
}
export interface Row { t: number; merged: number; area: number; rel: number; elong: number; sol: number; dip: number }
/** The chord-width profile along the major axis: its deepest dip below the lower of the widest chords on either side (1: none). */
function widthDip(labels: ArrayLike<number>, width: number, l: number, box: { x0: number; y0: number; x1: number; y1: number }, cx: number, cy: number, ux: number, uy: number): number {
  const bins = new Map<number, number>();
  for (let y = box.y0; y <= box.y1; y++) for (let x = box.x0; x <= box.x1; x++) if (labels[y * width + x] === l) { const s = Math.round((x - cx) * ux + (y - cy) * uy); bins.set(s, (bins.get(s) ?? 0) + 1); }
  const lo = Math.min(...bins.keys()), hi = Math.max(...bins.keys());
  const w: number[] = [];
  for (let s = lo; s <= hi; s++) w.push(((bins.get(s - 1) ?? 0) + 2 * (bins.get(s) ?? 0) + (bins.get(s + 1) ?? 0)) / 4);
  let best = 1;
  const n = w.length;
  for (let i = Math.floor(n / 4); i <= Math.ceil((3 * n) / 4) && i < n; i++) {
    const left = Math.max(...w.slice(0, i)), right = Math.max(...w.slice(i + 1));
    if (left > 0 && right > 0) best = Math.min(best, w[i] / Math.min(left, right));
  }
  return best;
}
const rows: Row[] = [];
for (const t of frames) {
  const { plane, width, height } = await read(t);
  const labels = segmentPlane(plane, width, height, { ...options, ...extra }).labels;
  const truth = await truthAt(t);
  const area = new Map<number, number>(), tArea = new Map<number, number>(), ov = new Map<number, number>();
  const mom = new Map<number, number[]>();
  for (let k = 0; k < labels.length; k++) {
    const l = labels[k], g = truth[k];
    if (g) tArea.set(g, (tArea.get(g) ?? 0) + 1);
    if (!l) continue;
    area.set(l, (area.get(l) ?? 0) + 1);
    const x = k % width, y = (k - x) / width;
    const m = mom.get(l) ?? [0, 0, 0, 0, 0, 1e9, 1e9, -1, -1];
    m[0] += x; m[1] += y; m[2] += x * x; m[3] += y * y; m[4] += x * y;
    m[5] = Math.min(m[5], x); m[6] = Math.min(m[6], y); m[7] = Math.max(m[7], x); m[8] = Math.max(m[8], y);
    mom.set(l, m);
    if (g) ov.set(l * 100000 + g, (ov.get(l * 100000 + g) ?? 0) + 1);
  }
  const cover = new Map<number, number>();
  for (const [key, n] of ov) { const l = Math.floor(key / 100000), g = key % 100000; if (n > 0.5 * tArea.get(g)!) cover.set(l, (cover.get(l) ?? 0) + 1); }
  const med = [...area.values()].sort((a, b) => a - b)[area.size >> 1];
  for (const [l, n] of area) {
    const m = mom.get(l)!;
    if (m[5] === 0 || m[6] === 0 || m[7] === width - 1 || m[8] === height - 1) continue;
    const cx = m[0] / n, cy = m[1] / n, a = m[2] / n - cx * cx + 1 / 12, c = m[3] / n - cy * cy + 1 / 12, b = m[4] / n - cx * cy;
    const root = Math.sqrt(((a - c) / 2) ** 2 + b * b);
    const elong = Math.sqrt(((a + c) / 2 + root) / ((a + c) / 2 - root));
    const lambda = (a + c) / 2 + root;
    let ux = b, uy = lambda - a;
    if (Math.hypot(ux, uy) < 1e-9) [ux, uy] = a >= c ? [1, 0] : [0, 1];
    const norm = Math.hypot(ux, uy);
    const dip = widthDip(labels, width, l, { x0: m[5], y0: m[6], x1: m[7], y1: m[8] }, cx, cy, ux / norm, uy / norm);
    rows.push({ dip, t, merged: cover.get(l) ?? 0, area: n, rel: n / med, elong, sol: solidity(labels, width, l, { x0: m[5], y0: m[6], x1: m[7], y1: m[8] }) });
  }
}
const merged = rows.filter((r) => r.merged >= 2), single = rows.filter((r) => r.merged <= 1);
console.log(`${name} every=${every}: ${rows.length} objects off the edge, ${merged.length} cover two or more nuclei`);
for (const r of merged) console.log(`  merged t${r.t}: area ${r.area} (${r.rel.toFixed(2)}x), elongation ${r.elong.toFixed(2)}, solidity ${r.sol.toFixed(3)}, dip ${r.dip.toFixed(3)}`);
for (const e of [1.5, 1.6, 1.7, 1.8, 1.9, 2.0, 2.2])
  for (const a of [0, 1.0])
    for (const d of [1, 0.95, 0.9])
    console.log(`elongation >= ${e}, area >= ${a}x, dip < ${d}: merged ${merged.filter((r) => r.elong >= e && r.rel >= a && r.dip < d).length}, single ${single.filter((r) => r.elong >= e && r.rel >= a && r.dip < d).length}`);
if (0) for (const e of [1]) for (const a of [0])
    console.log(`elongation >= ${e}, area >= ${a}x: merged ${merged.filter((r) => r.elong >= e && r.rel >= a).length}, single ${single.filter((r) => r.elong >= e && r.rel >= a).length}`);
const top = single.filter((r) => r.elong >= 1.5 && r.dip < 0.95).sort((x, y) => y.elong - x.elong).slice(0, 25);
for (const r of top) console.log(`  single t${r.t} (covers ${r.merged}): area ${r.area} (${r.rel.toFixed(2)}x), elongation ${r.elong.toFixed(2)}, solidity ${r.sol.toFixed(3)}, dip ${r.dip.toFixed(3)}`);
