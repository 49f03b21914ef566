// CPU ms of segmentPlane on one 512² frame of our simulator (200 nuclei, crowding 0.7) with the segment tool's derived
// options, splitOversized off and on, alternately, 16 rounds (medians):
//   node bin/run-ts.js models/training/time-split-oversized.ts
import { chooseSegmentParameters, sampleMoviePlanes } from '../../src/analysis/seg-auto.ts';
import { segmentPlane } from '../../src/analysis/seg-plane.ts';
import { simulate } from '../../src/sim/index.ts';
const sim = simulate({ width: 512, height: 512, frames: 1, cells: 200, seed: 21, crowding: 0.7 });
const { options } = chooseSegmentParameters(await sampleMoviePlanes(sim.movie, 0, [0, 0], 1), { method: 'auto' });
const plane = await sim.movie.plane(0, 0, 0);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const ms: Record<string, number[]> = { off: [], on: [] };
for (let round = 0; round < 16; round++)
  for (const key of round % 2 ? ['on', 'off'] : ['off', 'on']) {
    const t0 = cpu();
    segmentPlane(plane, 512, 512, { ...options, splitOversized: key === 'on' });
    ms[key].push(cpu() - t0);
  }
const med = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1];
console.log(JSON.stringify({ offMs: med(ms.off), onMs: med(ms.on), ratio: +(med(ms.on) / med(ms.off)).toFixed(3), off: ms.off.map(Math.round), on: ms.on.map(Math.round), count: segmentPlane(plane, 512, 512, options).count }));
