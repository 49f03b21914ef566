// Whether a stage drift added to a Cell Tracking Challenge sequence could be told from the cells' own common motion
// (brief T, stop 22): (1) is there structure fixed to the sample in the background, away from the nuclei (more than 12 px
// from any truth mask in both frames), that image registration could follow? Pearson r of frame 0's background with
// frame t's at the same place and 7 px off, raw and box-smoothed (radius 2 and 6 px); (2) the truth's common motion
// (accumulated median displacement of its nuclei) of the stored sequence, every 3rd frame, at native scale.
//   node bin/run-ts.js models/training/drift-background-probe.ts [simplus01|simplus02]
import { join } from 'node:path';
import { listCtcFrames, readMaskFrame } from '../../src/analysis/ctc.ts';
import { openMovie } from '../../src/image/index.ts';
import { ctcDataset, type DatasetName } from './real-data.ts';
import { commonMotion } from './tracking-variants.ts';
const set = (process.argv[2] ?? 'simplus02') as DatasetName;
const data = ctcDataset(set);
const images = listCtcFrames(data.images, 't');
const masks = listCtcFrames(join(data.truth, 'TRA'), 'man_track');
async function frame(t: number) {
  const m = await openMovie(images.get(t)!);
  const p = Float64Array.from(await m.plane(0, 0, 0));
  const { x: w, y: h } = m.shape;
  await m.close();
  const mk = await readMaskFrame(masks.get(t)!);
  return { p, w, h, mask: mk.planes[0] };
}
function far(mask: ArrayLike<number>, w: number, h: number, r: number): Uint8Array {
  const out = new Uint8Array(w * h).fill(1);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (mask[y * w + x]) {
    for (let dy = -r; dy <= r; dy += 2) for (let dx = -r; dx <= r; dx += 2) {
      const yy = y + dy, xx = x + dx; if (yy >= 0 && yy < h && xx >= 0 && xx < w) out[yy * w + xx] = 0;
    }
  }
  return out;
}
function box(p: Float64Array, w: number, h: number, r: number) {
  const o = new Float64Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) { let s = 0, n = 0; for (let dy = -r; dy <= r; dy++) for (let dx = -r; dx <= r; dx++) { const yy = y + dy, xx = x + dx; if (yy >= 0 && yy < h && xx >= 0 && xx < w) { s += p[yy * w + xx]; n++; } } o[y * w + x] = s / n; }
  return o;
}
function corr(a: Float64Array, b: Float64Array, ok: Uint8Array, shift = 0, w = 0) {
  let sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0, n = 0;
  for (let i = 0; i < a.length; i++) { if (!ok[i]) continue; const j = i + shift; if (j < 0 || j >= a.length || !ok[j]) continue; const x = a[i], y = b[j]; sa += x; sb += y; saa += x * x; sbb += y * y; sab += x * y; n++; }
  const c = sab - sa * sb / n; return { r: c / Math.sqrt((saa - sa * sa / n) * (sbb - sb * sb / n)), n, meanA: sa / n, sdA: Math.sqrt((saa - sa * sa / n) / n) };
}
const f0 = await frame(0);
for (const t of [3, 30, images.size - 1]) {
  const f1 = await frame(t);
  const ok0 = far(f0.mask, f0.w, f0.h, 12), ok1 = far(f1.mask, f1.w, f1.h, 12);
  const ok = ok0.map((v, i) => v & ok1[i]);
  for (const r of [0, 2, 6]) {
    const a = r ? box(f0.p, f0.w, f0.h, r) : f0.p, b = r ? box(f1.p, f1.w, f1.h, r) : f1.p;
    console.log(`t0 vs t${t} box r${r}: same place`, JSON.stringify(corr(a, b, ok)), 'shifted 7px', corr(a, b, ok, 7).r.toFixed(3), 'shifted 7 rows', corr(a, b, ok, 7 * f0.w).r.toFixed(3));
  }
}
// the truth's common motion of the stored sequence (no drift added), every 3rd frame, native scale
{
  const truth: Uint16Array[] = [];
  let w = 0;
  for (let t = 0; t < images.size; t += 3) { const mk = await readMaskFrame(masks.get(t)!); truth.push(Uint16Array.from(mk.planes[0])); w = mk.width; }
  const cm = commonMotion(truth, w);
  console.log('common motion, native, every 3rd:', cm.filter((_, i) => i % 10 === 0).map((c) => `${c.dx.toFixed(1)},${c.dy.toFixed(1)}`).join(' | '));
}
