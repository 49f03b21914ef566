// Dumps simulated training data for the project's models as .npy files:
//   node bin/run-ts.js models/training/make-data.ts n2v|nuclei OUT_DIR
// n2v:    noisy_train.npy (movies,frames,H,W float32 camera counts; all N2V trains on),
//         noisy_val.npy + clean_val.npy (held-out seeds, used only to report PSNR).
// nuclei: images_{train,val}.npy (N,H,W float32) and labels_{train,val}.npy (N,H,W int32,
//         0 = background, k = nucleus k), crowded, touching nuclei at a range of SNRs.
// Training and validation use disjoint seeds; the tests use other seeds again.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simulate, type SimOptions } from '../../src/sim/index.ts';
import { writeNpy } from '../../src/onnx/npy.ts';

interface Stack {
  planes: Float32Array[];
  height: number;
  width: number;
}

async function collect(options: SimOptions[], pick: 'movie' | 'clean' | 'labels'): Promise<Stack> {
  const planes: Float32Array[] = [];
  let height = 0;
  let width = 0;
  for (const o of options) {
    const result = simulate(o);
    const movie = result[pick];
    height = movie.shape.y;
    width = movie.shape.x;
    for (let t = 0; t < movie.shape.t; t++) planes.push(Float32Array.from(await movie.plane(t, 0, 0)));
  }
  return { planes, height, width };
}

/** Writes (N, H, W), or (movies, frames, H, W) when `framesPerMovie` is given. */
function save(path: string, stack: Stack, dtype: 'float32' | 'int32', framesPerMovie?: number): void {
  const n = stack.planes.length;
  const size = stack.height * stack.width;
  const data = dtype === 'float32' ? new Float32Array(n * size) : new Int32Array(n * size);
  stack.planes.forEach((p, i) => data.set(p, i * size));
  const lead = framesPerMovie ? [n / framesPerMovie, framesPerMovie] : [n];
  writeFileSync(path, writeNpy({ shape: [...lead, stack.height, stack.width], dtype, data }));
  console.log(`wrote ${path} (${[...lead, stack.height, stack.width].join(' x ')})`);
}

const N2V_FRAMES = 6;

/** Low-signal nuclei movies: N2V's target regime (SNR 2 to 6 at the nucleus peak). */
export function n2vOptions(seeds: number[]): SimOptions[] {
  return seeds.map((seed, i) => ({ seed, frames: N2V_FRAMES, width: 256, height: 256, cells: 40 + 10 * (i % 4), snr: [2, 3, 4, 6][i % 4], crowding: 0.3 + 0.2 * (i % 3), speedPx: 2 }));
}

/** Crowded, touching nuclei at SNR 3 to 20. */
export function nucleiOptions(seeds: number[]): SimOptions[] {
  return seeds.map((seed, i) => ({
    seed,
    frames: 4,
    width: 256,
    height: 256,
    cells: 70 + 10 * (i % 4),
    snr: [3, 5, 10, 20][i % 4],
    crowding: 0.6 + 0.1 * (i % 5),
    nucleusRadiusPx: 6 + (i % 5),
    speedPx: 3,
    divisionRate: 0.05,
    // Background level and uneven illumination vary too (textures, blur and intensity curves are added in training).
    backgroundPhotons: [2, 10, 40, 120][(i >> 2) % 4],
    vignetting: [0, 0.2, 0.4][i % 3],
  }));
}

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

async function main(): Promise<void> {
  const [kind, out] = process.argv.slice(2);
  if ((kind !== 'n2v' && kind !== 'nuclei') || !out) {
    console.error('usage: node bin/run-ts.js models/training/make-data.ts n2v|nuclei OUT_DIR');
    process.exit(2);
  }
  mkdirSync(out, { recursive: true });
  if (kind === 'n2v') {
    // Whole movies, so that N2V may use neighbouring frames as context.
    save(join(out, 'noisy_train.npy'), await collect(n2vOptions(range(1001, 16)), 'movie'), 'float32', N2V_FRAMES);
    const val = n2vOptions(range(2001, 4));
    save(join(out, 'noisy_val.npy'), await collect(val, 'movie'), 'float32', N2V_FRAMES);
    save(join(out, 'clean_val.npy'), await collect(val, 'clean'), 'float32', N2V_FRAMES);
  } else {
    const train = nucleiOptions(range(3001, 40));
    save(join(out, 'images_train.npy'), await collect(train, 'movie'), 'float32');
    save(join(out, 'labels_train.npy'), await collect(train, 'labels'), 'int32');
    const val = nucleiOptions(range(4001, 4));
    save(join(out, 'images_val.npy'), await collect(val, 'movie'), 'float32');
    save(join(out, 'labels_val.npy'), await collect(val, 'labels'), 'int32');
  }
}

if (process.argv[1]?.endsWith('make-data.ts')) await main();
