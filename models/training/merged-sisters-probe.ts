// Sisters the segmentation keeps as one after their birth (brief T, stop 22): for each division the track step keeps on a
// fixed segmentation (the track tool's defaults: repair over time, distances from the movie, division check), the mother's
// last 14 frames, what the truth draws there (1: one nucleus; 2: the object covers more than half of two truth nuclei, i.e.
// sisters merged) and what the object looks like: its area over the daughters' summed area at parting, elongation (major
// over minor axis), solidity. One line per division ("frame from the mother's last:truth count/area/elongation/solidity"),
// then a summary: whether anything seen in one frame, or the daughters' areas over the mother's, tells the two apart.
//   node bin/run-ts.js models/training/merged-sisters-probe.ts SET LABELS.tif
import { join } from 'node:path';
import { listCtcFrames, readMaskFrame } from '../../src/analysis/ctc.ts';
import { openMovie } from '../../src/image/index.ts';
import { trackLabelsWithEvidence } from '../../src/analysis/track.ts';
import { solidity } from '../../src/analysis/temporalRepair.ts';
import { ctcDataset, type DatasetName } from './real-data.ts';

const set = (process.argv[2] ?? 'simplus02') as DatasetName;
const data = ctcDataset(set);
const labels = await openMovie(process.argv[3]!);
const movie = await openMovie(data.images);
const result = await trackLabelsWithEvidence(labels, { intensity: movie, channel: 0, distancesFromMovie: true, divisionCheck: {}, temporalRepair: true });
const source = result.repair?.labels ?? labels;
const W = source.shape.x;
const masks = listCtcFrames(join(data.truth, 'TRA'), 'man_track');
const truthCache = new Map<number, ArrayLike<number>>();
const truthAt = async (t: number) => {
  if (!truthCache.has(t)) truthCache.set(t, (await readMaskFrame(masks.get(t)!)).planes[0]);
  return truthCache.get(t)!;
};
function shape(plane: ArrayLike<number>, label: number) {
  let [n, sx, sy, sxx, syy, sxy] = [0, 0, 0, 0, 0, 0];
  const box = { x0: Infinity, y0: Infinity, x1: -1, y1: -1 };
  for (let k = 0; k < plane.length; k++) {
    if (plane[k] !== label) continue;
    const x = k % W, y = Math.floor(k / W);
    n++; sx += x; sy += y; sxx += x * x; syy += y * y; sxy += x * y;
    box.x0 = Math.min(box.x0, x); box.x1 = Math.max(box.x1, x); box.y0 = Math.min(box.y0, y); box.y1 = Math.max(box.y1, y);
  }
  const cx = sx / n, cy = sy / n;
  const a = sxx / n - cx * cx + 1 / 12, c = syy / n - cy * cy + 1 / 12, b = sxy / n - cx * cy;
  const root = Math.sqrt(((a - c) / 2) ** 2 + b * b);
  return { n, elongation: Math.sqrt(((a + c) / 2 + root) / Math.max(1e-9, (a + c) / 2 - root)), box };
}
const spots = new Map(result.tracks.spots.map((s) => [s.id, s]));
const branchOf = new Map<number, number[]>();
const seen: { truth: number; area: number; elongation: number; solidity: number }[] = [];
const sums: { merged: boolean; sum: number }[] = [];
const backs: { merged: number; back: number; apart: number[] }[] = [];
for (const b of result.tracks.branches) for (const id of b.spotIds) branchOf.set(id, b.spotIds);
for (const e of result.divisionEvidence.filter((d) => d.accepted)) {
  const m = spots.get(e.mother)!;
  const chain = branchOf.get(e.mother)!;
  const upTo = chain.slice(0, chain.indexOf(e.mother) + 1).slice(-14);
  const [d1, d2] = e.daughters.map((d) => spots.get(d)!);
  const S = (d1.features?.area_px ?? 0) + (d2.features?.area_px ?? 0);
  const rows: string[] = [];
  for (const id of upTo) {
    const s = spots.get(id)!;
    const plane = await source.plane(s.t, 0, 0);
    const truth = await truthAt(s.t);
    const over = new Map<number, number>(), size = new Map<number, number>();
    for (let k = 0; k < plane.length; k++) {
      const r = truth[k];
      if (!r) continue;
      size.set(r, (size.get(r) ?? 0) + 1);
      if (plane[k] === s.label) over.set(r, (over.get(r) ?? 0) + 1);
    }
    const matched = [...over].filter(([r, n]) => n > 0.5 * size.get(r)!).length;
    const sh = shape(plane, s.label!);
    seen.push({ truth: matched, area: sh.n / S, elongation: sh.elongation, solidity: solidity(plane, W, s.label!, sh.box) });
    rows.push(`${s.t - m.t}:${matched}/${(sh.n / S).toFixed(2)}/${sh.elongation.toFixed(2)}/${solidity(plane, W, s.label!, sh.box).toFixed(2)}`);
  }
  // the daughters' centroid distance in their first 3 frames, and the frame at which it would have been 0 going back at
  // the rate of their first step apart (frames before the parting)
  const chains = e.daughters.map((d) => { const c = branchOf.get(d)!; return c.slice(c.indexOf(d), c.indexOf(d) + 3).map((id) => spots.get(id)!); });
  const apart = [0, 1, 2].filter((k) => chains[0][k] && chains[1][k] && chains[0][k].t === chains[1][k].t).map((k) => Math.hypot(chains[0][k].x - chains[1][k].x, chains[0][k].y - chains[1][k].y));
  const birthBack = apart.length >= 2 && apart[1] > apart[0] ? apart[0] / (apart[1] - apart[0]) : NaN;
  const mergedFrames = rows.filter((r) => r.split(':')[1].startsWith('2/')).length;
  backs.push({ merged: mergedFrames, back: birthBack, apart });
  sums.push({ merged: rows.some((r) => r.split(':')[1].startsWith('2/')), sum: e.areaRatios[0] + e.areaRatios[1] });
  console.log(`div t${d1.t} areas ${e.areaRatios.map((r) => r.toFixed(2))} | ${rows.join(' ')}`);
}
const range = (values: number[]) => {
  const v = [...values].sort((a, b) => a - b);
  return `${v[0]?.toFixed(2)}-${v[v.length - 1]?.toFixed(2)} (median ${v[v.length >> 1]?.toFixed(2)})`;
};
const [two, one] = [seen.filter((r) => r.truth === 2), seen.filter((r) => r.truth === 1)];
console.log(`${sums.length} divisions kept, ${sums.filter((s) => s.merged).length} with merged sisters before them: ${two.length} frames merged, ${one.length} frames one nucleus`);
for (const key of ['area', 'elongation', 'solidity'] as const) {
  const lowest = Math.min(...two.map((r) => r[key]));
  console.log(`${key}: merged ${range(two.map((r) => r[key]))}; one nucleus ${range(one.map((r) => r[key]))}, ${one.filter((r) => r[key] >= lowest).length} of ${one.length} at or above the merged frames' lowest`);
}
console.log(`daughters' areas over the mother's, summed: merged ${range(sums.filter((s) => s.merged).map((s) => s.sum))}; one nucleus ${range(sums.filter((s) => !s.merged).map((s) => s.sum))}`);
for (const b of backs.sort((p, q) => p.back - q.back)) console.log(`merged frames ${b.merged}: daughters apart ${b.apart.map((a) => a.toFixed(1)).join(', ')} px, at 0 ${b.back.toFixed(1)} frames before the parting`);
await Promise.all([labels.close(), movie.close()]);
