// A nucleus shape model (src/analysis/seg-shape.ts) against the classical outlines on the data besides
// the Cell Tracking Challenge sets (those: eval-real.ts '{"shape":"FOLDER"}'): the real
// cancer_cell_migration_crop movie against its voronoi-otsu labels (algorithmic) and our simulator's
// movies of eval-sim-seg.ts. Matched F1 at IoU 0.5 and the mean IoU of matched objects, parameters
// from the movie as the segment tool chooses them, and the model's milliseconds per frame.
//   node bin/run-ts.js models/training/eval-shape.ts FOLDER [cancer|sim]
//   node bin/run-ts.js models/training/eval-shape.ts FOLDER speed   (CPU and wall ms for 512² windows of SIM+ 01 and 02)
import { matchLabels } from '../../src/analysis/matching.ts';
import { chooseSegmentParameters, sampleMoviePlanes } from '../../src/analysis/seg-auto.ts';
import { segmentPlane } from '../../src/analysis/seg-plane.ts';
import { refineShapes } from '../../src/analysis/seg-shape.ts';
import type { Movie } from '../../src/image/movie.ts';
import { loadModel } from '../../src/onnx/index.ts';
import { scoreScenes } from './seg-scenes.ts';
import { ctcDataset, datasetPresent, readFrame, sequenceParameters } from './real-data.ts';

const folder = process.argv[2];
const only = process.argv.find((a) => a === 'cancer' || a === 'sim' || a === 'speed');
const model = await loadModel(folder, { threads: 1 });

if (only === 'speed') {
  // A 512² window of a SIM+ frame (its nuclei as the classical pipeline finds them), 5 runs after a warm-up.
  for (const name of ['simplus01', 'simplus02'] as const) {
    const data = ctcDataset(name, 1, { x: 0, y: 0, width: 512, height: 512 });
    if (!datasetPresent(data)) continue;
    const { options } = await sequenceParameters(data, { method: 'auto' });
    const { plane } = await readFrame(data, 40);
    const labels = segmentPlane(plane, 512, 512, options).labels;
    let objects = 0;
    for (const l of labels) objects = Math.max(objects, l);
    await refineShapes(plane, labels, 512, 512, model);
    const cpu = process.cpuUsage();
    const started = Date.now();
    for (let k = 0; k < 5; k++) await refineShapes(plane, labels, 512, 512, model);
    const used = process.cpuUsage(cpu);
    console.log(`${name} frame 40, 512² window, ${objects} objects: ${((used.user + used.system) / 5000).toFixed(0)} ms CPU, ${((Date.now() - started) / 5).toFixed(0)} ms wall per frame (1 thread)`);
  }
  process.exit(0);
}

async function score(name: string, movie: Movie, truth: Movie, frames: number[]): Promise<void> {
  const { x, y } = movie.shape;
  const { options, chosen } = chooseSegmentParameters(await sampleMoviePlanes(movie, 0, [0, movie.shape.t - 1]), { method: 'auto' });
  const sums = { classical: [0, 0, 0, 0], shape: [0, 0, 0, 0] };
  let modelMs = 0;
  for (const t of frames) {
    const plane = await movie.plane(t, 0, 0);
    const reference = await truth.plane(t, 0, 0);
    const classical = segmentPlane(plane, x, y, options).labels;
    const started = Date.now();
    const refined = await refineShapes(plane, classical, x, y, model);
    modelMs += Date.now() - started;
    for (const [key, labels] of [['classical', classical], ['shape', refined]] as const) {
      const m = matchLabels(labels, reference, x, y, 0.5);
      const s = sums[key];
      (s[0] += m.tp), (s[1] += m.fp), (s[2] += m.fn), (s[3] += m.meanMatchedIoU * m.tp);
    }
  }
  const line = (s: number[]) => `F1 ${((2 * s[0]) / (2 * s[0] + s[1] + s[2])).toFixed(3)} (FP ${s[1]}, FN ${s[2]}) IoU ${(s[3] / s[0]).toFixed(3)}`;
  console.log(`${name} (r ${chosen.objectRadiusPx} px, ${chosen.objects}): classical ${line(sums.classical)}; shape ${line(sums.shape)}; model ${(modelMs / frames.length).toFixed(0)} ms/frame`);
}

await scoreScenes(score, { cancer: only !== 'sim', simulated: only !== 'cancer' });
