// Dumps the segment tool's default labels for every Nth annotated frame of a CTC set, for diagnosis
// against the masks (models/training/diag_seg.py):
//   node bin/run-ts.js models/training/diag-seg.ts simplus02 OUT_DIR [every=N] ['{"option":...}']
// Writes OUT_DIR/ours_tNNN.u32 (raw little-endian uint32, width x height) and OUT_DIR/meta.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveSegmentMethod } from '../../src/analysis/seg-auto.ts';
import { segmentPlane } from '../../src/analysis/seg-plane.ts';
import { annotatedFrames, ctcDataset, datasetPresent, readFrame, sequenceParameters, type DatasetName } from './real-data.ts';

const name = (process.argv[2] ?? 'simplus02') as DatasetName;
const out = process.argv[3] ?? '/tmp/diag-seg';
const every = Number(process.argv.find((a) => a.startsWith('every='))?.slice(6) ?? 10);
const json = process.argv.slice(4).find((a) => a.startsWith('{'));
const data = ctcDataset(name);
if (!datasetPresent(data)) {
  console.log(`skipping: ${data.images} not found`);
  process.exit(0);
}
const options = json ? JSON.parse(json) : {};
options.method ??= resolveSegmentMethod('auto').method;
if (name === 'msc02') options.shape ??= 'irregular';
mkdirSync(out, { recursive: true });
const level = await sequenceParameters(data, options);
const frames = annotatedFrames(data, every);
for (const t of frames) {
  const { plane, width, height } = await readFrame(data, t);
  const labels = segmentPlane(plane, width, height, level.options).labels;
  writeFileSync(join(out, `ours_t${String(t).padStart(3, '0')}.u32`), Buffer.from(labels.buffer, labels.byteOffset, labels.byteLength));
  writeFileSync(join(out, 'meta.json'), JSON.stringify({ data: name, images: data.images, truth: data.truth, width, height, frames, chosen: level.chosen, options: level.options }));
}
console.log(JSON.stringify(level.chosen));
