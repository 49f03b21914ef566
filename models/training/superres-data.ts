// Dumps simulated fluorescence nuclei movies for the 2x super-resolution model:
//   node bin/run-ts.js models/training/superres-data.ts OUT_DIR [--movies N]
// noisy_{train,val}.npy (camera counts) and clean_{train,val}.npy (expected counts, no
// noise), shape (movies, frames, H, W) at the high resolution; superres.py makes the
// low-resolution inputs by 2x2 area averaging. Seeds: training 7001-7040, validation 8001-8004.
import type { SimOptions } from '../../src/sim/index.ts';
import { dumpStacks, range, type Pick } from './label-data.ts';

/** Nuclei of radius 3-8 px (1.5-4 px after 2x downsampling) at SNR 5-40, some dividing. */
export function superresOptions(seeds: number[]): SimOptions[] {
  return seeds.map((seed, i) => ({
    seed,
    frames: 3,
    width: 128,
    height: 128,
    cells: 12 + 6 * (i % 4),
    snr: [5, 10, 20, 40][i % 4],
    crowding: 0.2 + 0.2 * (i % 3),
    nucleusRadiusPx: 3 + (i % 6),
    speedPx: 3,
    divisionRate: 0.05,
  }));
}

async function main(): Promise<void> {
  const out = process.argv[2];
  if (!out) {
    console.error('usage: node bin/run-ts.js models/training/superres-data.ts OUT_DIR');
    process.exit(2);
  }
  const picks = (suffix: string): Record<string, Pick> => ({
    [`noisy_${suffix}`]: (r) => ({ movie: r.movie, channel: 0 }),
    [`clean_${suffix}`]: (r) => ({ movie: r.clean, channel: 0 }),
  });
  // --movies N: more training movies (seeds 7001 on; 40 by default) for distilling a smaller model
  const at = process.argv.indexOf('--movies');
  const movies = at > 0 ? Number(process.argv[at + 1]) : 40;
  if (!(movies >= 1 && movies <= 999)) throw new Error(`--movies must be 1-999, got ${process.argv[at + 1]}`);
  await dumpStacks(superresOptions(range(7001, movies)), picks('train'), out);
  await dumpStacks(superresOptions(range(8001, 4)), picks('val'), out);
}

if (process.argv[1]?.endsWith('superres-data.ts')) await main();
