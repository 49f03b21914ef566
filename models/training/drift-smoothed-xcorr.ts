// Lead for large nuclei that move far on their own (brief T, stop 22): image registration at the nuclei's scale. Frames
// freed of their background (drift-kernel's grid), binned BIN x BIN, smoothed (Gaussian, SIGMA binned px) and windowed,
// registered frame to frame by plain cross-correlation (normalization 'none': each nucleus adds a broad bump at its own
// displacement, and the bumps add up to one peak near their common motion) or by phase correlation (whitened: a sharp
// peak per nucleus), accumulated; compared with the drift added and the truth's common motion, as bench/drift-large-nuclei.ts.
//   node bin/run-ts.js models/training/drift-smoothed-xcorr.ts [simplus02] [scale=2] [every=3] [drift=20] [shading=0.5] [bin=4] [sigma=5]
import { join } from 'node:path';
import { listCtcFrames, readMaskFrame } from '../../src/analysis/ctc.ts';
import { openMovie } from '../../src/image/index.ts';
import { withoutBackground, windowed } from '../../src/analysis/drift-kernel.ts';
import { gaussianBlur } from '../../src/analysis/filters.ts';
import { estimateShift } from '../../src/analysis/registration.ts';
import { ctcDataset, type DatasetName } from './real-data.ts';
import { addedDrift, commonMotion, keptFrames, transform, type Variant } from './tracking-variants.ts';

const set = (process.argv[2] ?? 'simplus02') as DatasetName;
const option = (key: string) => process.argv.find((a) => a.startsWith(`${key}=`))?.slice(key.length + 1);
const scale = Number(option('scale') ?? 2);
const v: Variant = { scale, crop: scale > 1 ? 1000 : 0, every: Number(option('every') ?? 3), driftPx: Number(option('drift') ?? 20), shading: Number(option('shading') ?? 0.5) };
const bin = Number(option('bin') ?? 4);
const sigma = Number(option('sigma') ?? 5);
const data = ctcDataset(set);
const images = listCtcFrames(data.images, 't');
const masks = listCtcFrames(join(data.truth, 'TRA'), 'man_track');
const keep = keptFrames(images.size, v);
const added = keep.map((_, i) => addedDrift(i, keep.length, v.driftPx ?? 0));
const prepared: Float32Array[] = [];
const truth: Uint16Array[] = [];
let [w, h, width] = [0, 0, 0];
for (const [i, t] of keep.entries()) {
  const movie = await openMovie(images.get(t)!);
  const r = transform((await movie.plane(0, 0, 0)).slice(), movie.shape.x, movie.shape.y, v, false, added[i]);
  await movie.close();
  const flat = withoutBackground(Float32Array.from(r.plane), r.height, r.width);
  [w, h, width] = [Math.floor(r.width / bin), Math.floor(r.height / bin), r.width];
  const binned = new Float32Array(w * h);
  for (let y = 0; y < h * bin; y++) for (let x = 0; x < w * bin; x++) binned[Math.floor(y / bin) * w + Math.floor(x / bin)] += flat[y * r.width + x] / (bin * bin);
  prepared.push(windowed(gaussianBlur(binned, w, h, sigma), h, w));
  const m = await readMaskFrame(masks.get(t)!);
  truth.push(Uint16Array.from(transform(m.planes[0], m.width, m.height, v, true, added[i]).plane));
}
const common = commonMotion(truth, width);
const r2 = (x: number) => +x.toFixed(1);
for (const normalization of ['none', 'phase'] as const) {
  const est = [{ dx: 0, dy: 0 }];
  for (let i = 1; i < prepared.length; i++) {
    const s = estimateShift({ data: prepared[i - 1], height: h, width: w }, { data: prepared[i], height: h, width: w }, { upsampleFactor: 10, normalization, removeMean: true, maxShiftPx: 40 / bin });
    est.push({ dx: est[i - 1].dx - s.dxPx * bin, dy: est[i - 1].dy - s.dyPx * bin });
  }
  const rms = (ref: { dx: number; dy: number }[]) => Math.sqrt(ref.reduce((sum, q, t) => sum + (est[t].dx - q.dx) ** 2 + (est[t].dy - q.dy) ** 2, 0) / ref.length);
  const samples = est.map((e, t) => (t % 10 === 0 ? `t${t}: ${r2(e.dx)},${r2(e.dy)} / ${added[t].dx},${added[t].dy} / ${r2(common[t].dx)},${r2(common[t].dy)}` : '')).filter(Boolean);
  console.log(JSON.stringify({ set, variant: v, bin, sigma, normalization, rmsVsCommonMotionPx: r2(rms(common)), rmsVsAddedPx: r2(rms(added)), samples }));
}
