// The segment tool's threshold choice and segmentation on small, crowded movies of our simulator with divisions (the
// kind a quick question about divisions runs on): for each seed, the method "auto" chose and the matched F1 at IoU 0.5
// over every frame, plus the frames where the nuclei are most crowded (the last third).
//   node bin/run-ts.js models/training/small-movies.ts [size=64] [cells=5] [frames=10] [divisionRate=0.15] [seeds=1,2,...]
import { matchLabels } from '../../src/analysis/matching.ts';
import { chooseSegmentParameters, sampleMoviePlanes } from '../../src/analysis/seg-auto.ts';
import { segmentPlane } from '../../src/analysis/seg-plane.ts';
import { simulate } from '../../src/sim/index.ts';

const option = (key: string, fallback: string) => process.argv.find((a) => a.startsWith(`${key}=`))?.slice(key.length + 1) ?? fallback;
const size = Number(option('size', '64'));
const cells = Number(option('cells', '5'));
const frames = Number(option('frames', '10'));
const divisionRate = Number(option('divisionRate', '0.15'));
const seeds = option('seeds', '1,2,3,4,5,6,7,8,9,10').split(',').map(Number);
const total = { all: [0, 0, 0], late: [0, 0, 0] };
for (const seed of seeds) {
  const sim = simulate({ frames, width: size, height: size, cells, seed, divisionRate });
  const { options, chosen } = chooseSegmentParameters(await sampleMoviePlanes(sim.movie, 0, [0, frames - 1]), { method: 'auto', ...JSON.parse(process.argv.find((a) => a.startsWith('{')) ?? '{}') });
  const all = [0, 0, 0];
  const late = [0, 0, 0];
  for (let t = 0; t < frames; t++) {
    const m = matchLabels(segmentPlane(await sim.movie.plane(t, 0, 0), size, size, options).labels, await sim.labels.plane(t, 0, 0), size, size, 0.5);
    for (const acc of t >= Math.floor((2 * frames) / 3) ? [all, late, total.all, total.late] : [all, total.all]) (acc[0] += m.tp), (acc[1] += m.fp), (acc[2] += m.fn);
  }
  const f1 = ([tp, fp, fn]: number[]) => ((2 * tp) / (2 * tp + fp + fn)).toFixed(3);
  console.log(`seed ${seed}: ${chosen.method} (r ${chosen.objectRadiusPx} px), F1 ${f1(all)}, last third ${f1(late)} (FN ${late[2]}, FP ${late[1]})${process.env.WHY ? `\n  ${chosen.methodReason}; ${chosen.sizeDoubt ?? ''}` : ''}`);
}
const f1 = ([tp, fp, fn]: number[]) => ((2 * tp) / (2 * tp + fp + fn)).toFixed(3);
console.log(`all seeds: F1 ${f1(total.all)}, last third ${f1(total.late)}`);
