// The nuclear-extent model (seg-extent.ts) against the classical defaults on the data besides the
// Cell Tracking Challenge sets (those: eval-real.ts '{"extent":"FOLDER"}'): the real
// cancer_cell_migration_crop movie against its voronoi-otsu labels, and our simulator's movies
// of eval-sim-seg.ts. Matched F1 at IoU 0.5 and the mean IoU of matched objects.
//   node bin/run-ts.js models/training/eval-extent.ts FOLDER ['{"level":0.5,...}'] [cancer|sim]
//   node bin/run-ts.js models/training/eval-extent.ts FOLDER pixels simplus01|simplus02 [every=N]
//     (foreground pixel IoU against the SEG masks: the classical objects, the model's p(nucleus) > 0.3 / 0.5 / 0.7,
//     their union and intersection; at the radius the segment tool estimates)
import { matchLabels } from '../../src/analysis/matching.ts';
import { chooseSegmentParameters, sampleMoviePlanes } from '../../src/analysis/seg-auto.ts';
import { boundByExtent, extentOfPlane, type ExtentOptions } from '../../src/analysis/seg-extent.ts';
import { segmentPlane } from '../../src/analysis/seg-plane.ts';
import { join } from 'node:path';
import { openMovie } from '../../src/image/index.ts';
import { annotatedFrames, ctcDataset, readFrame, sequenceParameters, type DatasetName } from './real-data.ts';
import type { Movie } from '../../src/image/movie.ts';
import { scoreScenes } from './seg-scenes.ts';

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

async function score(name: string, movie: Movie, truth: Movie, frames: number[]): Promise<void> {
  const { x, y } = movie.shape;
  const { options, chosen } = chooseSegmentParameters(await sampleMoviePlanes(movie, 0, [0, movie.shape.t - 1]), { method: 'auto' });
  const sums = { classical: [0, 0, 0, 0], extent: [0, 0, 0, 0] };
  let modelMs = 0;
  for (const t of frames) {
    const plane = await movie.plane(t, 0, 0);
    const reference = await truth.plane(t, 0, 0);
    const classical = segmentPlane(plane, x, y, options).labels;
    const started = Date.now();
    const e = await extentOfPlane(plane, x, y, chosen.objectRadiusPx, folder);
    modelMs += Date.now() - started;
    const bounded = boundByExtent(classical, e.foreground, extra.noDistance ? undefined : e.distance, x, y, { minAreaPx: options.minAreaPx, maxAreaPx: options.maxAreaPx, ...extra }).labels;
    for (const [key, labels] of [['classical', classical], ['extent', bounded]] as const) {
      const m = matchLabels(labels, reference, x, y, 0.5);
      const s = sums[key];
      (s[0] += m.tp), (s[1] += m.fp), (s[2] += m.fn), (s[3] += m.meanMatchedIoU * m.tp);
    }
  }
  const line = (s: number[]) => `F1 ${((2 * s[0]) / (2 * s[0] + s[1] + s[2])).toFixed(3)} (FP ${s[1]}, FN ${s[2]}) IoU ${(s[3] / s[0]).toFixed(3)}`;
  console.log(`${name} (r ${chosen.objectRadiusPx} px): classical ${line(sums.classical)}; extent ${line(sums.extent)}; model ${(modelMs / frames.length).toFixed(0)} ms/frame`);
}

await scoreScenes(score, { cancer: only !== 'sim', simulated: only !== 'cancer' });
