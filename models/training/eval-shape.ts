// A nucleus shape model (src/analysis/seg-shape.ts) against the classical outlines on the data besides
// the Cell Tracking Challenge sets (those: eval-real.ts '{"shape":"FOLDER"}'): the real
// cancer_cell_migration_crop movie against its voronoi-otsu labels (algorithmic) and our simulator's
// movies of eval-sim-seg.ts. Matched F1 at IoU 0.5 and the mean IoU of matched objects, parameters
// from the movie as the segment tool chooses them, and the model's milliseconds per frame.
//   node bin/run-ts.js models/training/eval-shape.ts FOLDER [cancer|sim] [area=model|classical|atLeastClassical]
//   node bin/run-ts.js models/training/eval-shape.ts FOLDER speed   (CPU and wall ms for 512² windows of SIM+ 01 and 02)
import { segmentPlane } from '../../src/analysis/seg-plane.ts';
import { refineShapes, type ShapeArea } from '../../src/analysis/seg-shape.ts';
import { loadModel } from '../../src/onnx/index.ts';
import { compareWithClassical, scoreScenes } from './seg-scenes.ts';
import { ctcDataset, datasetPresent, readFrame, sequenceParameters } from './real-data.ts';

const folder = process.argv[2];
const only = process.argv.find((a) => a === 'cancer' || a === 'sim' || a === 'speed');
const model = await loadModel(folder, { threads: 1 });
// (without area=, the model's own config.cellpilot.area)
const area = process.argv.find((a) => a.startsWith('area='))?.slice(5) as ShapeArea | undefined;

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
    await refineShapes(plane, labels, 512, 512, model, area);
    const cpu = process.cpuUsage();
    const started = Date.now();
    for (let k = 0; k < 5; k++) await refineShapes(plane, labels, 512, 512, model, area);
    const used = process.cpuUsage(cpu);
    console.log(`${name} frame 40, 512² window, ${objects} objects: ${((used.user + used.system) / 5000).toFixed(0)} ms CPU, ${((Date.now() - started) / 5).toFixed(0)} ms wall per frame (1 thread)`);
  }
  process.exit(0);
}

const score = compareWithClassical('shape', (plane, classical, x, y) => refineShapes(plane, classical, x, y, model, area));

await scoreScenes(score, { cancer: only !== 'sim', simulated: only !== 'cancer' });
