// The nuclear-extent model (seg-extent.ts) against the classical defaults on the data besides the
// Cell Tracking Challenge sets (those: eval-real.ts '{"extent":"FOLDER"}'): the real
// cancer_cell_migration_crop movie against its voronoi-otsu labels, and our simulator's movies
// of eval-sim-seg.ts. Matched F1 at IoU 0.5 and the mean IoU of matched objects.
//   node bin/run-ts.js models/training/eval-extent.ts FOLDER ['{"level":0.5,...}'] [cancer|sim]
//   node bin/run-ts.js models/training/eval-extent.ts FOLDER pixels simplus01|simplus02 [every=N]
//     (foreground pixel IoU against the SEG masks: the classical objects, the model's p(nucleus) > 0.3 / 0.5 / 0.7,
//     their union and intersection; at the radius the segment tool estimates)
import { boundByExtent, extentOfPlane, type ExtentOptions } from '../../src/analysis/seg-extent.ts';
import { segmentPlane } from '../../src/analysis/seg-plane.ts';
import { join } from 'node:path';
import { openMovie } from '../../src/image/index.ts';
import { annotatedFrames, ctcDataset, readFrame, sequenceParameters, type DatasetName } from './real-data.ts';
import { compareWithClassical, scoreScenes } from './seg-scenes.ts';

const folder = process.argv[2];
const extra: ExtentOptions & { noDistance?: boolean } = JSON.parse(process.argv.find((a) => a.startsWith('{')) ?? '{}');
const only = process.argv.find((a) => a === 'cancer' || a === 'sim' || a === 'pixels');

if (only === 'pixels') {
  const data = ctcDataset((process.argv.find((a) => a.startsWith('simplus')) ?? 'simplus02') as DatasetName);
  const { options, chosen } = await sequenceParameters(data, { method: 'auto' });
  const frames = annotatedFrames(data, Number(process.argv.find((a) => a.startsWith('every='))?.slice(6) ?? 30));
  const sums: Record<string, number[]> = {};
  for (const t of frames) {
    const { plane, width, height } = await readFrame(data, t);
    const m = await openMovie(join(data.truth, 'SEG', `man_seg${String(t).padStart(3, '0')}.tif`));
    const truth = (await m.plane(0, 0, 0)).slice();
    await m.close();
    const classical = segmentPlane(plane, width, height, options).labels;
    const e = await extentOfPlane(plane, width, height, chosen.objectRadiusPx, folder);
    const rules: Record<string, (i: number) => boolean> = {
      classical: (i) => classical[i] > 0,
      'model 0.3': (i) => e.foreground[i] > 0.3,
      'model 0.5': (i) => e.foreground[i] > 0.5,
      'model 0.7': (i) => e.foreground[i] > 0.7,
      'union 0.5': (i) => classical[i] > 0 || e.foreground[i] > 0.5,
      'both 0.05': (i) => classical[i] > 0 && e.foreground[i] > 0.05,
      'both 0.3': (i) => classical[i] > 0 && e.foreground[i] > 0.3,
    };
    for (const [k, f] of Object.entries(rules)) {
      let a = 0;
      let u = 0;
      for (let i = 0; i < truth.length; i++) {
        const p = f(i);
        const q = truth[i] > 0;
        if (p && q) a++;
        if (p || q) u++;
      }
      (sums[k] ??= []).push(a / u);
    }
  }
  console.log(`${data.images}, ${frames.length} frames, radius ${chosen.objectRadiusPx} px, foreground IoU (mean over frames): ${Object.entries(sums).map(([k, v]) => `${k} ${(v.reduce((a, b) => a + b) / v.length).toFixed(3)}`).join(', ')}`);
  process.exit(0);
}

const score = compareWithClassical('extent', async (plane, classical, x, y, { options, chosen }) => {
  const e = await extentOfPlane(plane, x, y, chosen.objectRadiusPx, folder);
  return boundByExtent(classical, e.foreground, extra.noDistance ? undefined : e.distance, x, y, { minAreaPx: options.minAreaPx, maxAreaPx: options.maxAreaPx, ...extra }).labels;
});

await scoreScenes(score, { cancer: only !== 'sim', simulated: only !== 'cancer' });
