// ONNX core benchmark: tiled inference on a 512x512x100 movie with the project's N2V
// network. Our core (pre-processing, tiling with halo, batching, blending) against
// (1) a bare onnxruntime session.run on the very same tile tensors and (2) PyTorch on
// the CPU running the same network (weights read from the ONNX file) on the same
// tiles, in the same run. Also: each model's time per 512x512 frame.
//   node bin/run-ts.js bench/onnx.ts
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MemoryMovie } from '../src/image/movie.ts';
import { simulate } from '../src/sim/index.ts';
import { listModels, loadModel, mapModelOverMovie, mirroredFrame, predictSample, tensorFromPlanes, writeNpy, type LoadedModel } from '../src/onnx/index.ts';
import { applyProcessing } from '../src/onnx/processing.ts';
import { extractBox } from '../src/onnx/tensor.ts';
import { planAxis } from '../src/onnx/tiling.ts';
import { summaryRow } from './_harness.ts';

const FRAMES = Number(process.env.BENCH_ONNX_FRAMES ?? 100);
const SIZE = 512;
const TILE = 320;
const BATCH = 4;
const THREADS = Number(process.env.CELLPILOT_THREADS) || 2;
const MODEL = 'n2v-nuclei-t3';

function row(cells: Array<string | number>): string {
  return cells.map((c, i) => String(c).padEnd(i === 0 ? 46 : 14)).join('');
}

async function makeMovie(): Promise<MemoryMovie> {
  const sim = simulate({ frames: FRAMES, width: SIZE, height: SIZE, cells: 120, snr: 4, seed: 77, speedPx: 2 });
  const planes = [];
  for (let t = 0; t < FRAMES; t++) planes.push(Float32Array.from(await sim.movie.plane(t, 0, 0)));
  return new MemoryMovie({ t: FRAMES, z: 1, c: 1, y: SIZE, x: SIZE }, 'float32', planes);
}

/** The tile tensors our core feeds to onnxruntime for one frame (same geometry, same pre-processing). */
function tilesOf(model: LoadedModel, movie: MemoryMovie, t: number) {
  const spec = model.spec.inputs[0];
  const offsets = (model.spec.config.cellpilot as { frame_offsets?: number[] } | undefined)?.frame_offsets ?? [0];
  const planes = offsets.map((o) => movie.planes[mirroredFrame(t, o, FRAMES)] as Float32Array);
  const input = applyProcessing(tensorFromPlanes(spec, planes, SIZE, SIZE), spec.preprocessing, { tensors: new Map(), where: 'bench' });
  const halo = model.spec.outputs[0].axes.find((a) => a.id === 'y')?.halo ?? 0;
  const plan = planAxis(SIZE, spec.axes[2].size, halo, TILE, 16, 'y');
  const tiles = [];
  for (const ty of plan) for (const tx of plan) tiles.push(extractBox(input, [0, 0, ty.inStart, tx.inStart], [1, planes.length, ty.inSize, tx.inSize]));
  return tiles;
}

type Tile = ReturnType<typeof tilesOf>[number];

async function bareSessionRun(model: LoadedModel, tiles: Tile[]): Promise<number> {
  const ort = await import('onnxruntime-node');
  const started = performance.now();
  for (let i = 0; i < tiles.length; i += BATCH) {
    if (i + BATCH > tiles.length) break;
    const group = tiles.slice(i, i + BATCH);
    const size = group[0].data.length;
    const data = new Float32Array(size * group.length);
    group.forEach((g, j) => data.set(g.data, j * size));
    const dims = [group.length, ...group[0].shape.slice(1)];
    await model.session.run({ [model.inputNames[0]]: new ort.Tensor('float32', data, dims) });
  }
  return (performance.now() - started) / 1000;
}

async function ourCore(model: LoadedModel, movie: MemoryMovie, frames: [number, number]): Promise<number> {
  const started = performance.now();
  await mapModelOverMovie(model, movie, { tileSizePx: TILE, batchSize: BATCH, frames }, () => {});
  return (performance.now() - started) / 1000;
}

/** Alternates chunks of frames between our core and the bare runs, so that a change in machine load hits both alike. */
async function interleaved(model: LoadedModel, movie: MemoryMovie, tiles: Tile[]): Promise<{ ours: number; bare: number }> {
  const chunk = 10;
  const tilesPerFrame = tiles.length / FRAMES;
  let ours = 0;
  let bare = 0;
  for (let first = 0; first < FRAMES; first += chunk) {
    const last = Math.min(FRAMES, first + chunk) - 1;
    bare += await bareSessionRun(model, tiles.slice(first * tilesPerFrame, (last + 1) * tilesPerFrame));
    ours += await ourCore(model, movie, [first, last]);
  }
  return { ours, bare };
}

function pytorchPeer(model: LoadedModel, tiles: Tile[]): number | string {
  const work = mkdtempSync(join(tmpdir(), 'bench-onnx-'));
  try {
    const size = tiles[0].data.length;
    const data = new Float32Array(tiles.length * size);
    tiles.forEach((tile, i) => data.set(tile.data, i * size));
    writeFileSync(join(work, 'frames.npy'), writeNpy({ shape: [tiles.length, ...tiles[0].shape.slice(1)], dtype: 'float32', data }));
    const script = fileURLToPath(new URL('./onnx_torch_peer.py', import.meta.url));
    const out = execFileSync('/usr/bin/python3', [script, model.spec.weights.path, join(work, 'frames.npy'), String(THREADS), String(BATCH)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return Number(/seconds=([\d.]+)/.exec(out)?.[1]);
  } catch (err) {
    return `skipped (${String((err as Error).message).split('\n').find((l) => /Error|No module/.test(l)) ?? 'python3 with torch and onnx not available'})`;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  const model = await loadModel(MODEL, { threads: THREADS });
  const movie = await makeMovie();
  // Warm up once.
  await mapModelOverMovie(model, movie, { tileSizePx: TILE, frames: [0, 0] }, () => {});
  const tiles: Tile[] = [];
  for (let t = 0; t < FRAMES; t++) tiles.push(...tilesOf(model, movie, t));
  const { ours, bare } = await interleaved(model, movie, tiles);
  const torch = pytorchPeer(model, tiles);
  const frames = FRAMES;
  console.log(`ONNX core: ${MODEL} on a ${SIZE}x${SIZE}x${frames} movie, tiles ${TILE} px (halo included), batch ${BATCH}, ${THREADS} threads`);
  console.log(row(['', 'seconds', 'frames/s', 'ratio ours/peer']));
  console.log(row(['our core (pre + tiles + blend + post)', ours.toFixed(2), (frames / ours).toFixed(2), '']));
  console.log(row(['peer: bare session.run, same tile tensors', bare.toFixed(2), (frames / bare).toFixed(2), (ours / bare).toFixed(3)]));
  if (typeof torch === 'number') console.log(row(['peer: PyTorch CPU, same network and tiles', torch.toFixed(2), (frames / torch).toFixed(2), (ours / torch).toFixed(3)]));
  else console.log(row(['peer: PyTorch CPU', torch]));
  console.log(`core overhead over bare session.run: ${(100 * (ours / bare - 1)).toFixed(1)}% (goal < 15%)`);
  summaryRow({ work: `ONNX core vs bare session.run (${MODEL}, ${frames} frames)`, metric: 'wall, interleaved in one process', ours: `${ours.toFixed(2)} s`, peer: `session.run ${bare.toFixed(2)} s`, ratio: bare / ours, goal: '>= 0.87 (within 1.15x)', load: loadavg()[0] });

  console.log('\nPer-model time for one 512x512 frame (whole frame, median of 5; goal < 100 ms)');
  console.log(row(['model', 'ms/frame']));
  for (const listing of listModels()) {
    if (!listing.spec) continue;
    const m = await loadModel(listing.key, { threads: THREADS });
    const channels = m.spec.inputs[0].axes.find((a) => a.type === 'channel');
    const count = channels?.size.kind === 'fixed' ? channels.size.value : 1;
    const sample = new Map([[m.spec.inputs[0].id, tensorFromPlanes(m.spec.inputs[0], Array.from({ length: count }, () => movie.planes[1]), SIZE, SIZE)]]);
    const times: number[] = [];
    for (let i = 0; i < 6; i++) {
      const started = performance.now();
      await predictSample(m, sample, { tileSizePx: SIZE });
      if (i > 0) times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    console.log(row([listing.key, times[2].toFixed(1)]));
    summaryRow({ work: `model ${listing.key}, one 512² frame`, metric: 'wall ms, median of 5', ours: `${times[2].toFixed(1)} ms`, peer: 'goal 100 ms', ratio: 100 / times[2], goal: '>= 1.0 (under 100 ms)', load: loadavg()[0] });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await run();
