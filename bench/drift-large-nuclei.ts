// The drift estimator alone on a Cell Tracking Challenge sequence made larger (models/training/tracking-variants.ts's
// variants: scale, crop, every n-th frame, drift and shading added), its table against the drift added and the truth's
// common motion (accumulated median displacement of the truth's nuclei).
//   node bin/run-ts.js bench/drift-large-nuclei.ts [simplus02] [scale=2] [every=3] [drift=0] [shading=0] [uint16=1] [threads=N]
// By default the estimator alone on float32 frames, 1 thread; uint16=1 gives it the frames as the movie file stores them
// (the tool's route, whose guessed steps can differ: models/README.md, stand-in A) and threads=N its threads.
// Prints per 10th frame: estimated / added / common motion, then the largest, the RMS and the frames called unsure.
import { join } from 'node:path';
import { listCtcFrames, readMaskFrame } from '../src/analysis/ctc.ts';
import { estimateDrift } from '../src/analysis/drift.ts';
import { openMovie } from '../src/image/index.ts';
import { movieFromPlanes } from '../src/image/movie.ts';
import { ctcDataset, datasetPresent, type DatasetName } from '../models/training/real-data.ts';
import { addedDrift, commonMotion, keptFrames, transform, type Variant } from '../models/training/tracking-variants.ts';

const set = (process.argv[2] ?? 'simplus02') as DatasetName;
const option = (key: string) => process.argv.find((a) => a.startsWith(`${key}=`))?.slice(key.length + 1);
const scale = Number(option('scale') ?? 2);
const v: Variant = { scale, crop: Number(option('crop') ?? (scale > 1 ? 1000 : 0)), every: Number(option('every') ?? 3), driftPx: Number(option('drift') ?? 0), shading: Number(option('shading') ?? 0) };
const data = ctcDataset(set);
if (!datasetPresent(data)) {
  console.log(`skipping ${set}: data not found`);
  process.exit(0);
}
const images = listCtcFrames(data.images, 't');
const masks = listCtcFrames(join(data.truth, 'TRA'), 'man_track');
const keep = keptFrames(images.size, v);
const added = keep.map((_, i) => addedDrift(i, keep.length, v.driftPx ?? 0));
const asStored = option('uint16') === '1';
const frames: (Float32Array | Uint16Array)[] = [];
const truth: Uint16Array[] = [];
let [width, height] = [0, 0];
for (const [i, t] of keep.entries()) {
  const movie = await openMovie(images.get(t)!);
  const r = transform((await movie.plane(0, 0, 0)).slice(), movie.shape.x, movie.shape.y, v, false, added[i]);
  await movie.close();
  frames.push(asStored ? Uint16Array.from(r.plane) : Float32Array.from(r.plane));
  const m = await readMaskFrame(masks.get(t)!);
  truth.push(Uint16Array.from(transform(m.planes[0], m.width, m.height, v, true, added[i]).plane));
  [width, height] = [r.width, r.height];
}
const common = commonMotion(truth, width);
const started = Date.now();
const estimate = await estimateDrift(movieFromPlanes({ t: keep.length, z: 1, c: 1, y: height, x: width }, asStored ? 'uint16' : 'float32', (t) => frames[t]), { threads: Number(option('threads') ?? 1) });
const seconds = (Date.now() - started) / 1000;
const est = estimate.rows.map((r) => ({ dx: r.dxPx, dy: r.dyPx }));
const r2 = (x: number) => +x.toFixed(2);
for (let t = 0; t < est.length; t += 10) console.log(`t${t}: ${r2(est[t].dx)},${r2(est[t].dy)} / ${added[t].dx},${added[t].dy} / ${r2(common[t].dx)},${r2(common[t].dy)}`);
const rms = (ref: { dx: number; dy: number }[]) => Math.sqrt(ref.reduce((s, r, t) => s + (est[t].dx - r.dx) ** 2 + (est[t].dy - r.dy) ** 2, 0) / ref.length);
const size = (a: { dx: number; dy: number }[]) => Math.max(...a.map((r) => Math.hypot(r.dx, r.dy)));
const step = (a: { dx: number; dy: number }[]) => Math.max(0, ...a.slice(1).map((r, t) => Math.hypot(r.dx - a[t].dx, r.dy - a[t].dy)));
console.log(JSON.stringify({ variant: v, frames: keep.length, size: `${width}x${height}`, estimatedMaxPx: r2(size(est)), commonMotionMaxPx: r2(size(common)), addedMaxPx: r2(size(added)), rmsVsCommonMotionPx: r2(rms(common)), rmsVsAddedPx: r2(rms(added)), meanConfidence: r2(estimate.confidence.reduce((a, c) => a + c, 0) / estimate.confidence.length), largestEstimatedStepPx: r2(step(est)), unsure: estimate.unsureFrames.length, objectCheck: estimate.objectCheck, common: estimate.common, seconds }));
if (process.env.VERBOSE) for (const u of estimate.unsureFrames) console.log(`  t${u.t} ${u.source}: ${u.reason}`);
