// Why the default segmentation loses DET on a CTC set: every reference object (TRA markers) of the first N frames
// classed as found, split (no result object holds half of it, two or more hold a tenth each), merged (its result
// object also holds half of another) or missed; every unmatched result object as a fragment of a reference object
// or background. Parameters as the segment tool chooses them on the first, middle and last of those frames.
//   node bin/run-ts.js models/training/diag-errors.ts SET [frames=N] [upsample=K] ['{"minSeedDistancePx":20,...}']
import { join } from 'node:path';
import { listCtcFrames, readMaskFrame } from '../../src/analysis/ctc.ts';
import { chooseSegmentParameters } from '../../src/analysis/seg-auto.ts';
import { segmentPlane } from '../../src/analysis/seg-plane.ts';
import { ctcDataset, readFrame, resamplePlane, type DatasetName } from './real-data.ts';

const option = (key: string) => process.argv.find((a) => a.startsWith(`${key}=`))?.slice(key.length + 1);
const set = (process.argv[2] ?? 'simplus01') as DatasetName;
const frames = Number(option('frames') ?? 20);
const scale = Number(option('upsample') ?? 1);
const given = JSON.parse(process.argv.find((a) => a.startsWith('{')) ?? '{}');
const data = ctcDataset(set, scale);
const picks = [0, frames >> 1, frames - 1];
const samples = [];
for (const t of picks) samples.push(await readFrame(data, t));
const { options, chosen } = chooseSegmentParameters(samples, { method: 'auto', ...given });
console.error(JSON.stringify({ radius: chosen.objectRadiusPx, sigma: chosen.sigmaPx, seeds: chosen.minSeedDistancePx, minArea: chosen.minAreaPx, method: chosen.method, grow: chosen.growToNoiseSd, convex: chosen.convexFill }));
const tra = listCtcFrames(join(data.truth, 'TRA'), 'man_track');
const totals = { reference: 0, found: 0, split: 0, merged: 0, missed: 0, results: 0, fragments: 0, background: 0 };
for (let t = 0; t < frames; t++) {
  const { plane, width, height } = await readFrame(data, t);
  const { labels } = segmentPlane(plane, width, height, options);
  const mask = await readMaskFrame(tra.get(t)!);
  const ref = scale === 1 ? mask.planes[0] : resamplePlane(mask.planes[0], mask.width, mask.height, scale, true).plane;
  const overlap = new Map<string, number>();
  const refArea = new Map<number, number>();
  const resArea = new Map<number, number>();
  for (let i = 0; i < ref.length; i++) {
    const r = ref[i];
    const s = labels[i];
    if (r) refArea.set(r, (refArea.get(r) ?? 0) + 1);
    if (s) resArea.set(s, (resArea.get(s) ?? 0) + 1);
    if (r && s) overlap.set(`${r}:${s}`, (overlap.get(`${r}:${s}`) ?? 0) + 1);
  }
  const matchOf = new Map<number, number>();
  const refsOf = new Map<number, number[]>();
  for (const [k, n] of overlap) {
    const [r, s] = k.split(':').map(Number);
    if (n > 0.5 * refArea.get(r)!) (matchOf.set(r, s), refsOf.set(s, [...(refsOf.get(s) ?? []), r]));
  }
  for (const [r, area] of refArea) {
    totals.reference++;
    const s = matchOf.get(r);
    if (s !== undefined) {
      if (refsOf.get(s)!.length > 1) totals.merged++;
      else totals.found++;
      continue;
    }
    const pieces = [...overlap].filter(([k, n]) => k.startsWith(`${r}:`) && n > 0.1 * area).length;
    if (pieces >= 2) totals.split++;
    else totals.missed++;
  }
  for (const [s, area] of resArea) {
    totals.results++;
    if (refsOf.has(s)) continue;
    const onRef = [...overlap].filter(([k]) => k.endsWith(`:${s}`)).reduce((a, [, n]) => a + n, 0);
    if (onRef > 0.5 * area) totals.fragments++;
    else totals.background++;
  }
}
console.log(JSON.stringify({ set, frames, scale, given, ...totals }));
