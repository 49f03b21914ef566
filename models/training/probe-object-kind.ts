// Shape measures (src/analysis/objectKind.ts) of every robustness source and variant: where whole cells and nuclei part.
// Prints: set, its shape, variant, objects, lower-quartile solidity, median solidity, thin fraction, pixel-weighted quartile.
//   node bin/run-ts.js models/training/probe-object-kind.ts [sets] [variants=a,b]
import { objectShapeMeasures } from '../../src/analysis/objectKind.ts';
import type { SamplePlane } from '../../src/analysis/seg-auto.ts';
import { robustSources, VARIANTS, variantFrame } from './eval-robust.ts';

const args = process.argv.slice(2);
const sets = args.find((a) => /^(simplus0[12]|msc02|sim|cancer)(,|$)/.test(a))?.split(',') ?? ['simplus01', 'simplus02', 'msc02', 'sim', 'cancer'];
const vArg = args.find((a) => a.startsWith('variants='))?.slice(9).split(',');
const variants = vArg ? VARIANTS.filter((v) => vArg.includes(v.name)) : VARIANTS;
for (const source of robustSources(sets, 3)) {
  for (const variant of variants) {
    const first = await variantFrame(source, { ...variant, steps: [] }, source.samples[0], undefined, false);
    const samples: SamplePlane[] = [];
    for (const t of source.samples) {
      const f = await variantFrame(source, variant, t, first.levels, false);
      samples.push({ plane: f.image, width: f.width, height: f.height });
    }
    const m = objectShapeMeasures(samples);
    console.log(`${source.name}\t${source.shape}\t${variant.name}\t${m.pieces}\t${m.quartileSolidity.toFixed(3)}\t${m.medianSolidity.toFixed(3)}\t${m.thinFraction.toFixed(3)}\t${m.pixelQuartileSolidity.toFixed(3)}`);
  }
}
