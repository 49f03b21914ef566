// Each true division of a Cell Tracking Challenge sequence beside the result's nearest one, by frame:
//   node bin/run-ts.js models/training/division-timing.ts SET CTC_RESULT_FOLDER
// (SET: simplus01 | simplus02 | msc02; the folder holds res_track.txt and maskNNN.tif, e.g. an eval-tracking.ts run kept
// with KEEP=1). A true division is paired with the result's division whose daughters start within 3 frames and whose
// mother's last centroid lies within 60 px; prints "dt" (result minus truth: the measures count |dt| <= 1), NONE where no
// result division is near, and the result's divisions paired with none ("false").
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listCtcFrames, readMaskFrame } from '../../src/analysis/ctc.ts';
import { ctcDataset, type DatasetName } from './real-data.ts';

interface Division {
  t: number;
  x: number;
  y: number;
  mother: number;
  daughters: number[];
}

/** Divisions of a CTC folder: every track with two or more children, at its children's first frame. */
async function divisionsOf(dir: string, trackFile: string, prefix: string): Promise<Division[]> {
  const rows = readFileSync(join(dir, trackFile), 'utf8').trim().split('\n').map((l) => l.trim().split(/\s+/).map(Number));
  const ends = new Map(rows.map(([id, , end]) => [id, end]));
  const children = new Map<number, number[]>();
  for (const [id, , , parent] of rows) if (parent > 0) children.set(parent, [...(children.get(parent) ?? []), id]);
  const frames = listCtcFrames(dir, prefix);
  const out: Division[] = [];
  for (const [mother, daughters] of children) {
    if (daughters.length < 2) continue;
    const end = ends.get(mother)!;
    const { planes: [plane], width } = await readMaskFrame(frames.get(end)!);
    let [n, sx, sy] = [0, 0, 0];
    for (let k = 0; k < plane.length; k++) if (plane[k] === mother) n++, (sx += k % width), (sy += Math.floor(k / width));
    out.push({ t: end + 1, x: Math.round(sx / n), y: Math.round(sy / n), mother, daughters });
  }
  return out.sort((a, b) => a.t - b.t);
}

const [set, folder] = process.argv.slice(2);
if (!folder) throw new Error('usage: division-timing.ts SET CTC_RESULT_FOLDER');
const data = ctcDataset(set as DatasetName);
const truth = await divisionsOf(join(data.truth, 'TRA'), 'man_track.txt', 'man_track');
const result = await divisionsOf(folder, 'res_track.txt', 'mask');
const paired = new Set<Division>();
for (const r of truth) {
  const near = result.filter((c) => !paired.has(c) && Math.abs(c.t - r.t) <= 3 && Math.hypot(c.x - r.x, c.y - r.y) < 60).sort((a, b) => Math.abs(a.t - r.t) - Math.abs(b.t - r.t));
  if (near[0]) paired.add(near[0]);
  console.log(`true t${r.t} (${r.x},${r.y}) mother ${r.mother}: ${near[0] ? `result dt ${near[0].t - r.t}, mother ${near[0].mother}` : 'NONE'}`);
}
for (const c of result) if (!paired.has(c)) console.log(`false t${c.t} (${c.x},${c.y}) mother ${c.mother}, daughters ${c.daughters.join(' ')}`);
