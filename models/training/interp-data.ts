// Dumps simulated movies of moving nuclei for the frame interpolation model:
//   node bin/run-ts.js models/training/interp-data.ts OUT_DIR
// noisy_{train,val}.npy (camera counts) and clean_{train,val}.npy (expected counts),
// shape (movies, frames, H, W); interp.py takes frames t-1 and t+1 as the input and the
// clean frame t as the target. Seeds: training 7101-7140, validation 8101-8104.
import type { SimOptions } from '../../src/sim/index.ts';
import { dumpStacks, range, type Pick } from './label-data.ts';

/** Nuclei moving 2-5 px per frame (4-10 px between the two input frames), SNR 5-40, some dividing. */
export function interpOptions(seeds: number[]): SimOptions[] {
  return seeds.map((seed, i) => ({
    seed,
    frames: 5,
    width: 128,
    height: 128,
    cells: 10 + 4 * (i % 4),
    snr: [5, 10, 20, 40][i % 4],
    crowding: 0.2 + 0.2 * (i % 3),
    nucleusRadiusPx: 5 + (i % 4),
    speedPx: 2 + (i % 4),
    divisionRate: 0.05,
  }));
}

async function main(): Promise<void> {
  const out = process.argv[2];
  if (!out) {
    console.error('usage: node bin/run-ts.js models/training/interp-data.ts OUT_DIR');
    process.exit(2);
  }
  const picks = (suffix: string): Record<string, Pick> => ({
    [`noisy_${suffix}`]: (r) => ({ movie: r.movie, channel: 0 }),
    [`clean_${suffix}`]: (r) => ({ movie: r.clean, channel: 0 }),
  });
  await dumpStacks(interpOptions(range(7101, 40)), picks('train'), out);
  await dumpStacks(interpOptions(range(8101, 4)), picks('val'), out);
}

if (process.argv[1]?.endsWith('interp-data.ts')) await main();
