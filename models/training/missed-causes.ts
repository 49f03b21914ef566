// Why the segment tool's defaults miss reference nuclei (issue 12 item 1; the DET gap), one cause per miss:
//   node bin/run-ts.js models/training/missed-causes.ts simplus02 [every=5] ['{"option":...}']
// On every Nth annotated frame each TRA reference object that no result object covers by more than half (a DET
// miss) is put under the first cause that fits:
// - border: it touches the image edge (often cut to a sliver by it);
// - areaFilter: segmented again without the area limits, one object covers it by more than half;
// - merged: the object covering most of it matches another reference object (merged into a neighbour);
// - belowThreshold: under half of it lies above the global threshold of the smoothed plane (and under half above the
//   hysteresis level where growth is on): dim, the threshold does not see it;
// - pieces: two or more objects each cover at least 0.15 of it (split, or fragments not joined);
// - partial: one object covers 0.2-0.5 of it (outlined too small), the rest.
// Also printed: each cause's median share of the object above the threshold and its median contrast in noise SD
// of the smoothed plane (mean over the object minus the background, over the background's robust SD).
import { join } from 'node:path';
import { listCtcFrames, readMaskFrame } from '../../src/analysis/ctc.ts';
import { gaussianBlur } from '../../src/analysis/filters.ts';
import { overlapCounts } from '../../src/analysis/overlapTracker.ts';
import { resolveSegmentMethod } from '../../src/analysis/seg-auto.ts';
import { brightPlane, segmentPlane } from '../../src/analysis/seg-plane.ts';
import { annotatedFrames, ctcDataset, datasetPresent, readFrame, sequenceParameters, type DatasetName } from './real-data.ts';

const CAUSES = ['border', 'areaFilter', 'merged', 'belowThreshold', 'pieces', 'partial'] as const;
type Cause = (typeof CAUSES)[number];

const name = (process.argv[2] ?? 'simplus02') as DatasetName;
const every = Number(process.argv.find((a) => a.startsWith('every='))?.slice(6) ?? 5);
const json = process.argv.slice(3).find((a) => a.startsWith('{'));
const data = ctcDataset(name);
if (!datasetPresent(data)) {
  console.log(`skipping: ${data.images} not found`);
  process.exit(0);
}
const given = json ? JSON.parse(json) : {};
given.method ??= resolveSegmentMethod('auto').method;
const level = await sequenceParameters(data, given);
const o = level.options;
const tra = listCtcFrames(join(data.truth, 'TRA'), 'man_track');
const rows: { cause: Cause; above: number; contrastSd: number; area: number }[] = [];
let references = 0;
const median = (xs: number[]) => (xs.length ? [...xs].sort((a, b) => a - b)[xs.length >> 1] : Number.NaN);
for (const t of annotatedFrames(data, every)) {
  const { plane, width, height } = await readFrame(data, t);
  const seg = segmentPlane(plane, width, height, o);
  const open = segmentPlane(plane, width, height, { ...o, minAreaPx: 1, borderMinAreaPx: 1, maxAreaPx: Number.POSITIVE_INFINITY });
  const truth = (await readMaskFrame(tra.get(t)!)).planes[0];
  const smoothed = gaussianBlur(brightPlane(plane, width, height, o.objects ?? 'bright', !!o.flattenBackground), width, height, o.sigmaPx ?? 2);
  // background and noise of the smoothed plane outside every reference object
  const bg: number[] = [];
  for (let i = 0; i < truth.length; i += 7) if (!truth[i]) bg.push(smoothed[i]);
  const background = median(bg);
  const noise = 1.4826 * median(bg.map((v) => Math.abs(v - background)));
  const o1 = overlapCounts([truth], [seg.labels]);
  const o2 = overlapCounts([truth], [open.labels]);
  const matchingOf = (ov: typeof o1) => {
    const owner = new Map<number, number>(); // result label -> reference it matches
    for (const [r, row] of ov.intersections) for (const [s, n] of row) if (s && n > 0.5 * ov.areaA.get(r)!) owner.set(s, r);
    return owner;
  };
  const owner = matchingOf(o1);
  const openOwner = matchingOf(o2);
  const sumAbove = new Map<number, number>();
  const sumValue = new Map<number, number>();
  const atBorder = new Set<number>();
  for (let i = 0; i < truth.length; i++) {
    const r = truth[i];
    if (!r) continue;
    if (smoothed[i] > seg.thresholdValue) sumAbove.set(r, (sumAbove.get(r) ?? 0) + 1);
    sumValue.set(r, (sumValue.get(r) ?? 0) + smoothed[i]);
    const x = i % width;
    const y = (i / width) | 0;
    if (x === 0 || y === 0 || x === width - 1 || y === height - 1) atBorder.add(r);
  }
  for (const [r, area] of o1.areaA) {
    references++;
    const row = [...(o1.intersections.get(r) ?? new Map()).entries()].filter(([s]) => s !== 0) as [number, number][];
    if (row.some(([, n]) => n > 0.5 * area)) continue;
    const best = row.reduce((b, e) => (e[1] > b[1] ? e : b), [0, 0] as [number, number]);
    const openRow = [...(o2.intersections.get(r) ?? new Map()).entries()].filter(([s]) => s !== 0) as [number, number][];
    const above = (sumAbove.get(r) ?? 0) / area;
    const cause: Cause = openRow.some(([s, n]) => n > 0.5 * area && openOwner.get(s) === r)
      ? 'areaFilter'
      : atBorder.has(r)
        ? 'border'
        : best[0] && owner.has(best[0]) && owner.get(best[0]) !== r
          ? 'merged'
          : above < 0.5 && best[1] < 0.2 * area
            ? 'belowThreshold'
            : row.filter(([, n]) => n >= 0.15 * area).length >= 2
              ? 'pieces'
              : 'partial';
    rows.push({ cause, above, contrastSd: ((sumValue.get(r)! / area) - background) / noise, area });
    if (process.env.DETAILS) console.error(JSON.stringify({ t, r, cause, area, above: +above.toFixed(2), bestShare: +(best[1] / area).toFixed(2), covered: +(row.reduce((a, [, n]) => a + n, 0) / area).toFixed(2), openBest: +(Math.max(0, ...openRow.map(([, n]) => n)) / area).toFixed(2), contrastSd: +((sumValue.get(r)! / area - background) / noise).toFixed(1) }));
  }
}
const byCause = Object.fromEntries(
  CAUSES.map((c) => {
    const list = rows.filter((r) => r.cause === c);
    return [c, { count: list.length, medianAbove: +median(list.map((r) => r.above)).toFixed(2), medianContrastSd: +median(list.map((r) => r.contrastSd)).toFixed(1), medianArea: median(list.map((r) => r.area)) }];
  }),
);
console.log(JSON.stringify({ set: name, every, references, missed: rows.length, byCause, chosen: { radius: level.chosen.objectRadiusPx, sigmaPx: o.sigmaPx, minAreaPx: o.minAreaPx, growToNoiseSd: o.growToNoiseSd } }));
