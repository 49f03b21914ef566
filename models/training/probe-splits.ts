// Where a robustness variant's extra objects come from (eval-robust.ts): per truth object, the result objects covering
// at least 0.15 of it (2 or more: split), and the result objects lying mostly outside every truth object (false).
//   node bin/run-ts.js models/training/probe-splits.ts SET 'VARIANT' ['{"option":...}']
import { overlapCounts } from '../../src/analysis/overlapTracker.ts';
import { chooseSegmentParameters } from '../../src/analysis/seg-auto.ts';
import { segmentPlane } from '../../src/analysis/seg-plane.ts';
import { robustSources, variantFrame, VARIANTS } from './eval-robust.ts';

const [set, variantName] = process.argv.slice(2);
const given = JSON.parse(process.argv.find((a) => a.startsWith('{')) ?? '{}');
const [source] = robustSources([set], 2);
const variant = VARIANTS.find((v) => v.name === variantName)!;
const first = await variantFrame(source, { ...variant, steps: [] }, source.samples[0], undefined, false);
const samples = [];
for (const t of source.samples) {
  const f = await variantFrame(source, variant, t, first.levels, false);
  samples.push({ plane: f.image, width: f.width, height: f.height });
}
const { options } = chooseSegmentParameters(samples, { method: 'auto', shape: source.shape, ...given });
let splits = 0;
let falseObjects = 0;
let truths = 0;
for (const t of source.frames) {
  const f = await variantFrame(source, variant, t, first.levels, true);
  const labels = segmentPlane(f.image, f.width, f.height, options).labels;
  const o = overlapCounts([f.truth], [labels]);
  for (const [r, area] of o.areaA) {
    truths++;
    const pieces = [...(o.intersections.get(r) ?? new Map()).entries()].filter(([s, n]) => s && n >= 0.15 * area);
    if (pieces.length >= 2) {
      splits++;
      console.error(JSON.stringify({ t, r, area, pieces: pieces.map(([s, n]) => [+(n / area).toFixed(2), o.areaB.get(s)]) }));
    }
  }
  const inTruth = new Map<number, number>();
  for (const row of o.intersections.values()) for (const [s, n] of row) inTruth.set(s, (inTruth.get(s) ?? 0) + n);
  for (const [s, area] of o.areaB) if ((inTruth.get(s) ?? 0) < 0.5 * area) (falseObjects++, console.error(JSON.stringify({ t, falseObject: s, area })));
}
console.log(JSON.stringify({ set, variant: variantName, given, truths, splits, falseObjects, sigmaPx: options.sigmaPx, minSeedDistancePx: options.minSeedDistancePx }));
