// The whole-cell-or-nucleus measure (src/analysis/objectKind.ts) of whole frames of a CTC set at several scales, on the
// frames the segment tool samples from the first N frames (first, middle, last): what the tool decides at each scale.
//   node bin/run-ts.js models/training/probe-kind-scale.ts SET [frames=N] [scales=1,2,3]
import { objectKindOfSamples } from '../../src/analysis/objectKind.ts';
import type { SamplePlane } from '../../src/analysis/seg-auto.ts';
import { ctcDataset, readFrame, type DatasetName } from './real-data.ts';

const option = (key: string) => process.argv.find((a) => a.startsWith(`${key}=`))?.slice(key.length + 1);
const set = (process.argv[2] ?? 'msc02') as DatasetName;
const frames = Number(option('frames') ?? 20);
for (const scale of (option('scales') ?? '0.5,1,2,3').split(',').map(Number)) {
  const data = ctcDataset(set, scale);
  const samples: SamplePlane[] = [];
  for (const t of [0, frames >> 1, frames - 1]) samples.push(await readFrame(data, t));
  const started = Date.now();
  const kind = objectKindOfSamples(samples);
  const m = kind.measures;
  console.log(`${set}\t${scale}x\t${kind.target}\tpieces ${m.pieces}\tquartile solidity ${m.quartileSolidity.toFixed(3)}\tmedian ${m.medianSolidity.toFixed(3)}\t${((Date.now() - started) / 1000).toFixed(1)} s`);
}
