// Which movies read as two-sided (structures both below and above the background: brightfield, phase contrast), the
// segment tool's reason to ask whether cells are dark or bright (object-size.ts contrastSides, seg-auto.ts twoSidedDoubt).
//   node bin/run-ts.js models/training/probe-polarity.ts [full]
// Prints, per movie and per robustness variant of the annotated sets (eval-robust.ts), the dark / bright reach of each
// sample frame in noise SD and whether it is two-sided; `full` reruns chooseSegmentParameters (flattening included) where
// the raw sample frames read two-sided, since that is what the tool decides on.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gaussianBlur } from '../../src/analysis/filters.ts';
import { contrastSides } from '../../src/analysis/object-size.ts';
import { chooseSegmentParameters, sampleMoviePlanes, twoSidedDoubt, type SamplePlane } from '../../src/analysis/seg-auto.ts';
import { openMovie } from '../../src/image/index.ts';
import { robustSources, variantFrame, VARIANTS } from './eval-robust.ts';

const DATA = fileURLToPath(new URL('../../../shared/data/', import.meta.url));
const MOVIES = ['sktracker-ometiff/TC_BF_cells.ome.tif', 'pystackreg-pc12/pc12-unreg.tif', 'biaNotebooks-timelapse/membrane_2d_timelapse.tif', 'biaNotebooks-timelapse/cancer_cell_migration_crop.tif', 'sktracker-ometiff/CZT_peaks.ome.tif', 'sktracker-ometiff/TZ_nucleus.ome.tif', 'sktracker-ometiff/stack_list/Stack-1.tif'];
const full = process.argv.includes('full');

function line(name: string, samples: SamplePlane[], shape: 'round' | 'irregular'): void {
  const sides = samples.map((s) => contrastSides(s.plane, s.width, gaussianBlur(Float32Array.from(s.plane), s.width, s.height, 1)));
  const raw = twoSidedDoubt(samples);
  const cell = sides.map((s) => `${s.darkSd.toFixed(1)}/${s.brightSd.toFixed(1)}${s.twoSided ? '*' : ''}`).join(' ');
  const tool = full && raw ? (chooseSegmentParameters(samples, { method: 'auto', shape }).chosen.polarityDoubt ? 'TWO-SIDED (tool)' : 'one-sided after flattening') : raw ? 'TWO-SIDED (raw)' : 'one-sided';
  console.log(`${name.padEnd(48)} ${cell.padEnd(40)} ${tool}`);
}

for (const m of MOVIES) {
  const path = DATA + m;
  if (!existsSync(path)) continue;
  const movie = await openMovie(path);
  try {
    line(m, await sampleMoviePlanes(movie, 0, [0, movie.shape.t - 1]), 'round');
  } finally {
    await movie.close();
  }
}
for (const source of robustSources(['simplus01', 'simplus02', 'msc02', 'sim', 'cancer'], 2)) {
  for (const variant of VARIANTS) {
    const first = await variantFrame(source, { ...variant, steps: [] }, source.samples[0], undefined, false);
    const samples: SamplePlane[] = [];
    for (const t of source.samples) {
      const f = await variantFrame(source, variant, t, first.levels, false);
      samples.push({ plane: f.image, width: f.width, height: f.height });
    }
    line(`${source.name} ${variant.name}`, samples, source.shape);
  }
}
