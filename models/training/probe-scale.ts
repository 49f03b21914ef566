// Probe: the object-size estimate started from several smoothings, with the scale-normalised LoG response at each candidate.
//   node bin/run-ts.js models/training/probe-scale.ts SET[,SET] VARIANT[,VARIANT]
import { blobContrast, refineScale } from '../../src/analysis/object-size.ts';
import { gaussianBlur } from '../../src/analysis/filters.ts';
import { robustSources, VARIANTS, variantFrame } from './eval-robust.ts';

const sets = (process.argv[2] ?? 'msc02').split(',');
const vnames = (process.argv[3] ?? 'native').split(',');
for (const source of robustSources(sets, 2)) {
  for (const variant of VARIANTS.filter((v) => vnames.includes(v.name))) {
    const first = await variantFrame(source, { ...variant, steps: [] }, source.samples[0], undefined, false);
    for (const t of source.samples) {
      const f = await variantFrame(source, variant, t, first.levels, false);
      const out: string[] = [];
      const light = gaussianBlur(f.image, f.width, f.height, 1);
      for (let s = 1; s <= Math.min(8, Math.min(f.width, f.height) / 16); s *= 2) {
        const e = refineScale(f.image, f.width, f.height, s, s);
        const r = e.edgeRadiusPx > 0 ? e.edgeRadiusPx : e.radiusPx;
        if (!(r > 0)) { out.push(`s${s}: -`); continue; }
        const z = blobContrast(light, f.width, f.height, e);
        out.push(`s${s}: r ${r.toFixed(1)} (thr ${e.radiusPx.toFixed(1)}) n ${e.objects} z ${z.toFixed(1)}`);
      }
      console.log(`${source.name} ${variant.name} t${t}: ${out.join(' | ')}`);
    }
  }
}
