// Pairs of neighbouring objects of the default segmentation on a CTC set (every Nth annotated frame): pieces of one
// reference nucleus (the TRA marker most of each piece covers is the same) or two nuclei, with the border's valley
// (seg-join.ts piecePairs) and the joined object's area and solidity: what tells a nucleus's pieces from neighbours.
//   node bin/run-ts.js models/training/diag-join.ts SET [every=N] ['{"joinPieces":false}']
import { join } from 'node:path';
import { listCtcFrames, readMaskFrame } from '../../src/analysis/ctc.ts';
import { gaussianBlur } from '../../src/analysis/filters.ts';
import { groupPixels } from '../../src/analysis/regionprops.ts';
import { piecePairs } from '../../src/analysis/seg-join.ts';
import { backgroundStats, brightPlane, segmentPlane } from '../../src/analysis/seg-plane.ts';
import { solidity } from '../../src/analysis/temporalRepair.ts';
import { annotatedFrames, ctcDataset, readFrame, sequenceParameters, type DatasetName } from './real-data.ts';

const set = (process.argv[2] ?? 'simplus02') as DatasetName;
const every = Number(process.argv.find((a) => a.startsWith('every='))?.slice(6) ?? 10);
const given = JSON.parse(process.argv.find((a) => a.startsWith('{')) ?? '{}');
const data = ctcDataset(set);
const { options } = await sequenceParameters(data, { method: 'auto', ...given });
console.error(JSON.stringify(options));
const tra = listCtcFrames(join(data.truth, 'TRA'), 'man_track');
for (const t of annotatedFrames(data, every)) {
  const { plane, width, height } = await readFrame(data, t);
  const { labels } = segmentPlane(plane, width, height, options);
  const smoothed = gaussianBlur(brightPlane(plane, width, height, 'bright', !!options.flattenBackground), width, height, options.sigmaPx!);
  const fg = new Uint8Array(labels.length);
  for (let i = 0; i < labels.length; i++) fg[i] = labels[i] ? 1 : 0;
  const stats = backgroundStats(smoothed, fg);
  const ref = (await readMaskFrame(tra.get(t)!)).planes[0];
  const { ids, start, order } = groupPixels(labels);
  const owner = new Map<number, { r: number; share: number }>();
  for (const l of ids) {
    const count = new Map<number, number>();
    for (let k = start[l]; k < start[l + 1]; k++) count.set(ref[order[k]], (count.get(ref[order[k]]) ?? 0) + 1);
    const [r, n] = [...count].sort((p, q) => q[1] - p[1])[0];
    owner.set(l, { r, share: n / (start[l + 1] - start[l]) });
  }
  const areas = ids.map((l) => start[l + 1] - start[l]).sort((a, b) => a - b);
  const typical = areas[areas.length >> 1];
  for (const p of piecePairs(labels, width, height, { smoothed, ...stats, reachPx: options.sigmaPx! })) {
    const oa = owner.get(p.a)!;
    const ob = owner.get(p.b)!;
    const kind = oa.r && oa.r === ob.r ? 'same' : oa.r && ob.r ? 'two' : 'bg';
    const box = { x0: width, y0: height, x1: 0, y1: 0 };
    for (let i = 0; i < labels.length; i++)
      if (labels[i] === p.a || labels[i] === p.b) {
        const x = i % width, y = (i - x) / width;
        box.x0 = Math.min(box.x0, x); box.y0 = Math.min(box.y0, y); box.x1 = Math.max(box.x1, x); box.y1 = Math.max(box.y1, y);
      }
    const copy = labels.slice();
    for (const i of p.pixels) if (!copy[i]) copy[i] = p.a;
    const area = start[p.a + 1] - start[p.a] + start[p.b + 1] - start[p.b];
    console.log(JSON.stringify({ t, kind, valleySd: +p.valleySd.toFixed(1), valleyShare: +p.valleyShare.toFixed(2), snrA: +((p.levelA - stats.background) / stats.noise).toFixed(1), snrB: +((p.levelB - stats.background) / stats.noise).toFixed(1), areaOfTypical: +(area / typical).toFixed(2), solidity: +solidity(copy, width, [p.a, p.b], box).toFixed(3), border: p.pixels.length }));
  }
}
