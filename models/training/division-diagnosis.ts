// Which proposed divisions are true, and what their evidence says (a diagnosis of false divisions on foreign data):
//   node bin/run-ts.js models/training/division-diagnosis.ts SET segmentation=FILE [frames=N] [raw=1] [background=1]
// background=1 weighs brightness above the movie's background (DivisionEvidenceOptions.backgroundIntensity, measured by
// measureSpotsAndBackground), as a movie stored with another bit depth or offset would read.
// Tracks the kept segmentation as the track tool does (distances from the movie, repair over time, divisions with
// evidence), then marks every division the LAP tracker proposed as true when the ground truth has a division within 2
// frames whose mother's last centroid lies within one object diameter of the proposed mother. Prints one JSON line each.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listCtcFrames, readMaskFrame } from '../../src/analysis/ctc.ts';
import { openMovie } from '../../src/image/index.ts';
import { measureSpotsAndBackground, trackLabelsWithEvidence } from '../../src/analysis/track.ts';
import { ctcDataset, type DatasetName } from './real-data.ts';

const set = (process.argv[2] ?? 'simplus02') as DatasetName;
const option = (key: string) => process.argv.find((a) => a.startsWith(`${key}=`))?.slice(key.length + 1);
const data = ctcDataset(set);
const labels = await openMovie(option('segmentation')!);
const movie = await openMovie(data.images);
const rows = readFileSync(join(data.truth, 'TRA', 'man_track.txt'), 'utf8').trim().split('\n').map((l) => l.trim().split(/\s+/).map(Number));
const ends = new Map(rows.map(([id, , end]) => [id, end]));
const parents = [...new Set(rows.filter((r) => r[3] > 0).map((r) => r[3]))];
const traFrames = listCtcFrames(join(data.truth, 'TRA'), 'man_track');
const width = movie.shape.x;
const truthDivisions: { t: number; x: number; y: number; id: number }[] = [];
for (const p of parents) {
  const te = ends.get(p)!;
  const plane = (await readMaskFrame(traFrames.get(te)!)).planes[0];
  let n = 0, sx = 0, sy = 0;
  for (let k = 0; k < plane.length; k++) if (plane[k] === p) n++, (sx += k % width), (sy += Math.floor(k / width));
  truthDivisions.push({ t: te + 1, x: sx / n, y: sy / n, id: p });
}
const backgroundIntensity = option('background') === '1' ? (await measureSpotsAndBackground(labels, { intensity: movie })).backgroundIntensity : undefined;
const result = await trackLabelsWithEvidence(labels, { intensity: movie, distancesFromMovie: true, temporalRepair: process.env.JOIN === '0' ? { joinSistersInAnaphase: false } : true, divisionCheck: { backgroundIntensity }, lap: { allowSplitting: true }, labelsPath: option('segmentation') });
const spots = new Map(result.tracks.spots.map((s) => [s.id, s]));
const diameter = result.scale?.diameterPx ?? 40;
let tp = 0, fp = 0;
const source = result.repair?.labels ?? labels;
const branchOf = new Map<number, number[]>();
for (const b of result.tracks.branches) for (const id of b.spotIds) branchOf.set(id, b.spotIds);
/** 4-connected border shared by the two daughters' objects in their first frames (px), per frame. */
const contacts = async (kids: number[]) => {
  const out: string[] = [];
  const [ca, cb] = kids.map((k) => branchOf.get(k)!.slice(branchOf.get(k)!.indexOf(k)));
  for (let k = 0; k < 4 && k < ca.length && k < cb.length; k++) {
    const [a, b] = [spots.get(ca[k])!, spots.get(cb[k])!];
    if (a.t !== b.t) break;
    const plane = await source.plane(a.t, 0, 0);
    const [la, lb] = [(a as unknown as { label: number }).label, (b as unknown as { label: number }).label];
    const img = await movie.plane(a.t, 0, 0);
    let n = 0, sum = 0;
    for (let i = 0; i < plane.length; i++) {
      if (plane[i] !== la) continue;
      let touch = false;
      for (const j of [i + 1, i - 1, i + width, i - width]) if (plane[j] === lb) { touch = true; n++; sum += img[j]; }
      if (touch) sum += img[i], n++;
    }
    const mean = ((a.features!.mean_intensity ?? 0) + (b.features!.mean_intensity ?? 0)) / 2;
    out.push(n ? `${n}:${(sum / n / mean).toFixed(2)}` : '0');
  }
  return out;
};
for (const e of result.divisionEvidence) {
  const m = spots.get(e.mother)!;
  const truth = truthDivisions.find((d) => Math.abs(d.t - (m.t + 1)) <= 2 && Math.hypot(d.x - m.x, d.y - m.y) < diameter);
  if (e.accepted) truth ? tp++ : fp++;
  console.log(JSON.stringify({ contact: await contacts(e.daughters), true: !!truth, dt: truth ? m.t + 1 - truth.t : null, t: m.t + 1, x: Math.round(m.x), y: Math.round(m.y), accepted: e.accepted, reason: e.reason, frames: e.daughterFrames, areas: e.areaRatios.map((r) => +r.toFixed(2)), intensity: +e.intensityRatio.toFixed(2), bright: +e.mitoticBrightening.toFixed(2), sep: +e.separationGrowthPx.toFixed(1), motherOverTypical: +e.motherAreaOverTypical.toFixed(2), jump: +e.motherAreaJump.toFixed(2) }));
}
console.log(JSON.stringify({ truth: truthDivisions.length, proposed: result.divisionEvidence.length, keptTrue: tp, keptFalse: fp, split: result.repair?.split, merged: result.repair?.merged, scale: result.scale }));
process.exit(0);
