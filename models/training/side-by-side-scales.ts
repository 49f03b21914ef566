// side-by-side.ts at several pixel densities in one process (the code is loaded once, at the start):
//   node bin/run-ts.js models/training/side-by-side-scales.ts SET[,SET] [frames=N] [upsample=1,2,3] [runs=steps,skimage]
// One line per set, scale and run as each finishes: TRA / DET / SEG (Cell Tracking Challenge measures), objects, CPU s.
import { sideBySide, type Run } from './side-by-side.ts';
import type { DatasetName } from './real-data.ts';

const option = (key: string) => process.argv.find((a) => a.startsWith(`${key}=`))?.slice(key.length + 1);
const sets = (process.argv.slice(2).find((a) => !a.includes('=')) ?? 'simplus02,msc02').split(',') as DatasetName[];
const frames = Number(option('frames') ?? 6);
const runs = (option('runs') ?? 'steps,skimage').split(',') as Run[];
for (const set of sets)
  for (const k of (option('upsample') ?? '1,2,3').split(',').map(Number)) {
    const rows = await sideBySide(set, runs, frames, k);
    for (const r of rows ?? []) console.log(`${set}\t${k}x\t${r.frames} fr\t${r.run}\tTRA ${r.TRA.toFixed(3)}\tDET ${r.DET.toFixed(3)}\tSEG ${r.SEG.toFixed(3)}\tobjects ${r.objects} (${r.referenceObjects})\t${r.cpuSeconds.toFixed(0)} s`);
    for (const r of rows ?? []) for (const n of r.notes) console.error(`${set} ${k}x ${r.run}: ${n.slice(0, 600)}`);
  }
