// How far above a plane's background its threshold sits, in the smoothed plane's own noise (the spread of the pixels
// under the threshold): on planes with objects (every kept frame of the shared movies, with the segment tool's chosen
// options) and on planes of noise alone (issue 12: an empty frame should give no objects, not thresholded noise).
//   nice -n 10 node bin/run-ts.js models/training/probe-noise-plane.ts [every=N]
import { openMovie } from '../../src/image/index.ts';
import { chooseSegmentParameters, sampleMoviePlanes } from '../../src/analysis/seg-auto.ts';
import { brightPlane, withSegmentDefaults } from '../../src/analysis/seg-plane.ts';
import { gaussianBlur } from '../../src/analysis/filters.ts';
import { threshold } from '../../src/analysis/threshold.ts';
import { noiseMargins } from '../../src/analysis/seg-plane.ts';
import { emptyFrame } from './tra-robust.ts';
import { mulberry32 } from '../../src/random.ts';
import { ctcDataset } from './real-data.ts';
import { listCtcFrames } from '../../src/analysis/ctc.ts';
import { existsSync } from 'node:fs';

const every = Number(process.argv.find((a) => a.startsWith('every='))?.slice(6) ?? 8);
const sources: { name: string; files: string[] }[] = [];
for (const set of ['simplus01', 'simplus02', 'msc02'] as const) {
  const d = ctcDataset(set);
  if (existsSync(d.images)) sources.push({ name: set, files: [...listCtcFrames(d.images, 't').values()] });
}
for (const f of ['/work/shared/data/biaNotebooks-timelapse/cancer_cell_migration_crop.tif']) if (existsSync(f)) sources.push({ name: 'cancer', files: [f] });
for (const src of sources) {
  const planes: { plane: Float32Array; width: number; height: number }[] = [];
  for (const file of src.files) {
    const m = await openMovie(file);
    for (let t = 0; t < m.shape.t; t++) planes.push({ plane: Float32Array.from(await m.plane(t, 0, 0)), width: m.shape.x, height: m.shape.y });
    await m.close();
  }
  const pick = [0, planes.length >> 1, planes.length - 1].map((i) => planes[i]);
  const { options, chosen } = chooseSegmentParameters(pick, {});
  const o = withSegmentDefaults({ ...options, method: options.method ?? (chosen.method as 'otsu') });
  const ratios: number[] = [];
  const noise: number[] = [];
  const highest: number[] = [];
  const noiseHighest: number[] = [];
  for (let i = 0; i < planes.length; i += every) {
    const p = planes[i];
    const bright = brightPlane(p.plane, p.width, p.height, o.objects, o.flattenBackground);
    const sm = gaussianBlur(bright, p.width, p.height, o.sigmaPx);
    const own = noiseMargins(sm, threshold(sm, 'otsu'), p.width, p.height, Math.ceil(2 * o.sigmaPx));
    ratios.push(own.threshold);
    highest.push(own.highest);
    const e = emptyFrame(p.plane, mulberry32(i));
    const eb = brightPlane(e, p.width, p.height, o.objects, o.flattenBackground);
    const es = gaussianBlur(eb, p.width, p.height, o.sigmaPx);
    for (const m of ['otsu', 'li', 'triangle'] as const) noise.push(noiseMargins(es, threshold(es, m), p.width, p.height, Math.ceil(2 * o.sigmaPx)).threshold);
    noiseHighest.push(noiseMargins(es, threshold(es, 'otsu'), p.width, p.height, Math.ceil(2 * o.sigmaPx)).highest);
  }
  const r = (a: number[]) => `min ${Math.min(...a).toFixed(2)} median ${a.sort((x, y) => x - y)[a.length >> 1].toFixed(2)} max ${Math.max(...a).toFixed(2)}`;
  console.log(`${src.name}: method ${o.method} sigma ${o.sigmaPx.toFixed(2)} flatten ${o.flattenBackground}; objects, Otsu: ${r(ratios)} (${ratios.length} planes), highest ${r(highest)}; noise alone (Otsu, Li, triangle): ${r(noise)}, highest ${r(noiseHighest)}`);
}
