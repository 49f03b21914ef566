// The microscope commands of test/agent/acquisitionLanguage/commandPerturbations.ts reworded by
// each family: how many keep their reading (node bin/run-ts.js models/training/microscope-perturbations.ts
// [STEP] [FAMILY,FAMILY]; SHOW=N lists N lost rewordings per family).
import { COMMAND_FAMILIES, type CommandFamily, commandsReadRight, keepRates } from '../../test/agent/acquisitionLanguage/commandPerturbations.ts';

const step = Number(process.argv[2] ?? 1);
const only = process.argv[3]?.split(',') as CommandFamily[] | undefined;
const commands = commandsReadRight(step);
console.log(`${commands.length} commands read right as written`);
let applicable = 0;
let kept = 0;
for (const s of keepRates(commands, only ?? COMMAND_FAMILIES)) {
  applicable += s.applicable;
  kept += s.kept;
  console.log(`${s.family.padEnd(12)} ${s.kept}/${s.applicable} ${((100 * s.kept) / Math.max(1, s.applicable)).toFixed(1)}%`);
  for (const l of s.lost.slice(0, Number(process.env.SHOW ?? 5))) console.log(`   lost: ${l.slice(0, 240)}`);
}
console.log(`all ${kept}/${applicable} ${((100 * kept) / Math.max(1, applicable)).toFixed(1)}%`);
