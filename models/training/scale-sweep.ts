// Scale sweep of the segment tool's parameter choice (issue 12 item 3): the same window of each movie's first, middle and
// last frames, resampled 0.5x / 1x / 2x / 3x / 4x (images by linear interpolation, 2x2 means at 0.5x; real-data.ts
// resamplePlane), and the parameters chooseSegmentParameters takes with nothing set. A microscope with k times the pixel
// density shows the same objects k times larger: the radius, seed distance and smoothing should be k times the 1x figure,
// the areas k^2 times. Prints one line per set and scale, with each figure over the 1x one divided by k (or k^2).
//   node bin/run-ts.js models/training/scale-sweep.ts [SET,...] [scales=0.5,1,2,3,4] [window=PX]
// Sets: simplus01, simplus02, msc02 (shape irregular, as target "cells"), sim, cancer (eval-robust.ts robustSources).
import { chooseSegmentParameters, type ChosenParameters } from '../../src/analysis/seg-auto.ts';
import { robustSources } from './eval-robust.ts';
import { resamplePlane } from './real-data.ts';

const option = (key: string) => process.argv.find((a) => a.startsWith(`${key}=`))?.slice(key.length + 1);
const sets = process.argv.slice(2).find((a) => !a.includes('='))?.split(',') ?? ['simplus01', 'simplus02', 'msc02', 'sim', 'cancer'];
const asked = (option('scales') ?? '0.5,1,2,3,4').split(',').map(Number);
/** 1x first: every other scale is compared with it. */
const scales = [1, ...asked.filter((k) => k !== 1)];
/** The window's side before scaling (pixels), centred; MSC-02's cells (radius about 46 px) get twice it. */
const windowPx = Number(option('window') ?? 256);

function centreCrop(image: Float32Array, width: number, height: number, side: number): { plane: Float32Array; width: number; height: number } {
  const w = Math.min(width, side);
  const h = Math.min(height, side);
  const x0 = (width - w) >> 1;
  const y0 = (height - h) >> 1;
  const plane = new Float32Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) plane[y * w + x] = image[(y0 + y) * width + x0 + x];
  return { plane, width: w, height: h };
}

const fields = ['objectRadiusPx', 'sigmaPx', 'minSeedDistancePx', 'minAreaPx', 'maxAreaPx'] as const;
const power = { objectRadiusPx: 1, sigmaPx: 1, minSeedDistancePx: 1, minAreaPx: 2, maxAreaPx: 2 };

for (const source of robustSources(sets, 2)) {
  const shape = source.name === 'msc02' ? 'irregular' : 'round';
  const side = source.name === 'msc02' ? 2 * windowPx : windowPx;
  const raw = await Promise.all(source.samples.map((t) => source.image(t)));
  const crops = raw.map((r) => centreCrop(r.image, r.width, r.height, side));
  let base: ChosenParameters | undefined;
  for (const k of scales) {
    const samples = crops.map((c) => (k === 1 ? c : resamplePlane(c.plane, c.width, c.height, k, false))) as { plane: Float32Array; width: number; height: number }[];
    const started = Date.now();
    const { chosen } = chooseSegmentParameters(samples, { method: 'auto', shape, pixelSizeUm: source.pixelSizeUm });
    const seconds = (Date.now() - started) / 1000;
    if (k === 1) base = chosen;
    const figures = fields.map((f) => {
      const rel = base ? chosen[f] / (base[f] * Math.pow(k, power[f])) : Number.NaN;
      return `${f.replace(/Px$/, '')} ${chosen[f]}${base ? ` (${rel.toFixed(2)})` : ''}`;
    });
    console.log(`${source.name}\t${k}x\t${samples[0].width}x${samples[0].height}\t${figures.join('\t')}\tmethod ${chosen.method}\t${seconds.toFixed(1)} s${chosen.sizeReason ? `\tnote: ${chosen.sizeReason}` : ''}${chosen.sizeDoubt ? `\tdoubt: ${chosen.sizeDoubt}` : ''}`);
  }
}
