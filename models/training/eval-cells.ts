// Whole-cell segmentation on the held-out frames of the real movie MSC-02 (frames 34-47, never
// trained on; cells-data.ts): the segment tool's classical default against a whole-cell model,
// both with the parameters the tool chooses from the movie, by the Cell Tracking Challenge DET
// and SEG:
//   node bin/run-ts.js models/training/eval-cells.ts [MODEL_FOLDER] [--json]
// Prints one JSON line; with --json it is the `evidence` block the model's rdf.yaml carries
// (config.cellpilot.evidence), from which the segment tool chooses the default for whole cells.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { segmentPlane } from '../../src/analysis/seg-plane.ts';
import { segmentWithModel } from '../../src/analysis/segmentModel.ts';
import { openMovie } from '../../src/image/index.ts';
import { dtypeOf, movieFromPlanes, type PlaneData } from '../../src/image/movie.ts';
import { cellsSplit } from './cells-data.ts';
import { ctcDataset, datasetPresent, scoreSegmentation, sequenceParameters } from './real-data.ts';

const data = ctcDataset('msc02');
if (!datasetPresent(data)) {
  console.log('skipping: ../shared/data/ctc-Fluo-C2DL-MSC-02 not found');
  process.exit(0);
}
const modelFolder = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 'cells-unet';
const frames = cellsSplit().val;
const dir = mkdtempSync(join(tmpdir(), 'eval-cells-'));
let calls = 0;

async function byModel(plane: PlaneData, width: number, height: number, objectRadiusPx: number, minAreaPx: number): Promise<ArrayLike<number>> {
  const movie = movieFromPlanes({ t: 1, z: 1, c: 1, y: height, x: width }, dtypeOf(plane), () => plane);
  const path = join(dir, `labels-${++calls}.tif`);
  await segmentWithModel(movie, { channel: 0, outputPath: path, modelName: modelFolder, objectRadiusPx, minAreaPx });
  const labels = await openMovie(path);
  const out = (await labels.plane(0, 0, 0)).slice(); // a copy: the reader may reuse its buffers after close
  await labels.close();
  return out;
}

try {
  // As the segment tool does: parameters from the movie's first, middle and last frames.
  const { options, chosen } = await sequenceParameters(data, {});
  const round = (s: { DET: number; SEG: number }) => ({ DET: +s.DET.toFixed(3), SEG: +s.SEG.toFixed(3) });
  const classical = round(await scoreSegmentation(data, frames, (plane, w, h) => segmentPlane(plane, w, h, options).labels));
  const model = round(await scoreSegmentation(data, frames, (plane, w, h) => byModel(plane, w, h, chosen.objectRadiusPx, chosen.minAreaPx)));
  const evidence = {
    data: `Fluo-C2DL-MSC-02 (Cell Tracking Challenge, real), held-out annotated frames ${frames.join(',')}`,
    measure: 'SEG',
    model,
    classical: { ...classical, method: chosen.method },
  };
  console.log(JSON.stringify(process.argv.includes('--json') ? evidence : { ...evidence, objectRadiusPx: chosen.objectRadiusPx, minAreaPx: chosen.minAreaPx }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
