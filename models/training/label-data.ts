// Dumps simulated training data for the restoration models (artificial labelling,
// super-resolution, frame interpolation) as .npy stacks of shape (movies, frames, H, W):
//   node bin/run-ts.js models/training/label-data.ts OUT_DIR      (brightfield -> nuclei)
// label:    brightfield_{train,val}.npy (noisy camera counts), nuclei_{train,val}.npy
//           (true nuclei fluorescence, 1 = an average nucleus's peak).
// Training and validation use disjoint seeds; the tests use other seeds again.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simulate, type SimOptions, type SimResult } from '../../src/sim/index.ts';
import { writeNpy } from '../../src/onnx/npy.ts';

export type Pick = (result: SimResult) => { movie: SimResult['movie']; channel: number };

/** Simulates each option set and saves the picked channel of every frame as (movies, frames, H, W) float32. */
export async function dumpStacks(options: SimOptions[], picks: Record<string, Pick>, out: string): Promise<void> {
  mkdirSync(out, { recursive: true });
  const stacks: Record<string, Float32Array[]> = Object.fromEntries(Object.keys(picks).map((k) => [k, []]));
  let shape = [0, 0, 0];
  for (const o of options) {
    const result = simulate(o);
    for (const [name, pick] of Object.entries(picks)) {
      const { movie, channel } = pick(result);
      shape = [movie.shape.t, movie.shape.y, movie.shape.x];
      for (let t = 0; t < movie.shape.t; t++) stacks[name].push(Float32Array.from(await movie.plane(t, 0, channel)));
    }
  }
  for (const [name, planes] of Object.entries(stacks)) {
    const size = shape[1] * shape[2];
    const data = new Float32Array(planes.length * size);
    planes.forEach((p, i) => data.set(p, i * size));
    const path = join(out, `${name}.npy`);
    writeFileSync(path, writeNpy({ shape: [options.length, ...shape], dtype: 'float32', data }));
    console.log(`wrote ${path} (${options.length} x ${shape.join(' x ')})`);
  }
}

export const range = (from: number, count: number): number[] => Array.from({ length: count }, (_, i) => from + i);

/** Brightfield movies with nuclei of varied size, density and focus; SNR is irrelevant to the brightfield channel. */
export function labelOptions(seeds: number[]): SimOptions[] {
  return seeds.map((seed, i) => ({
    seed,
    frames: 4,
    width: 128,
    height: 128,
    cells: 10 + 4 * (i % 4),
    crowding: 0.2 + 0.2 * (i % 3),
    nucleusRadiusPx: 6 + (i % 4),
    speedPx: 3,
    divisionRate: 0.03,
    brightfield: true,
  }));
}

async function main(): Promise<void> {
  const out = process.argv[2];
  if (!out) {
    console.error('usage: node bin/run-ts.js models/training/label-data.ts OUT_DIR');
    process.exit(2);
  }
  const picks = (suffix: string): Record<string, Pick> => ({
    [`brightfield_${suffix}`]: (r) => ({ movie: r.movie, channel: 1 }),
    [`nuclei_${suffix}`]: (r) => ({ movie: r.nuclei!, channel: 0 }),
  });
  await dumpStacks(labelOptions(range(5001, 40)), picks('train'), out);
  await dumpStacks(labelOptions(range(6001, 4)), picks('val'), out);
}

if (process.argv[1]?.endsWith('label-data.ts')) await main();
