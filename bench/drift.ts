// Drift benchmark: phase correlation (upsample 20, each frame against the previous one,
// accumulated: the cells move about 1 px per frame, so a fixed first frame stops matching) over a
// simulated 512x512 movie of moving, dividing nuclei with 20 px of stage drift, read from
// a TIFF by both sides: ours (2 threads and 1 thread) against scikit-image's
// phase_cross_correlation on float32 frames, as a Python user writes it. Every run is a
// fresh process; the sides alternate and the medians are reported with the load average.
// Run: node bin/run-ts.js bench/drift.ts   (BENCH_DRIFT_FRAMES=300 for the size)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { estimateDrift } from '../src/analysis/drift.ts';
import { openMovie, writeMovie } from '../src/image/index.ts';
import { simulate } from '../src/sim/index.ts';
import { alternate, childArgs, cpuSeconds, loadNote, PYTHON, pythonPeer, RUN_TS, s, summaryRow, type Comparison } from './_harness.ts';

const FRAMES = Number(process.env.BENCH_DRIFT_FRAMES ?? 100);
const SIZE = 512;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

const PEER = String.raw`
import sys, json, time
t0 = time.perf_counter(); c0 = time.process_time()
import numpy as np, tifffile
from skimage.registration import phase_cross_correlation
movie = tifffile.imread(sys.argv[1]).astype(np.float32)
start = time.perf_counter(); cpu = time.process_time()
steps = [np.zeros(2)] + [phase_cross_correlation(movie[t - 1], movie[t], upsample_factor=20)[0] for t in range(1, len(movie))]
shifts = np.cumsum(steps, axis=0)
print(json.dumps({'seconds': time.perf_counter() - start, 'cpuSeconds': time.process_time() - cpu, 'shifts': shifts.tolist()}))
`;

/** Child mode: our drift estimation on the TIFF with `threads` threads. */
async function child([path, threads]: string[]): Promise<void> {
  const movie = await openMovie(path);
  const start = performance.now();
  const cpu = process.cpuUsage();
  const result = await estimateDrift(movie, { reference: 'previous', upsampleFactor: 20, threads: Number(threads) });
  const seconds = (performance.now() - start) / 1000;
  await movie.close();
  // Shifts as scikit-image reports them (the shift that registers a frame onto the first).
  console.log(JSON.stringify({ seconds, cpuSeconds: cpuSeconds(cpu), shifts: result.rows.map((r) => [-r.dyPx, -r.dxPx]) }));
}

export async function run(): Promise<void> {
  const missing = pythonPeer(['numpy', 'tifffile', 'skimage']);
  const dir = mkdtempSync(join(tmpdir(), 'cellpilot-bench-drift-'));
  try {
    const sim = simulate({ width: SIZE, height: SIZE, frames: FRAMES, driftPx: 20, seed: 3, cells: 120 });
    const path = join(dir, 'moving-dividing-drift.tif');
    await writeMovie(path, sim.movie);
    console.log(`drift: ${FRAMES} frames of ${SIZE}x${SIZE}, moving and dividing nuclei, 20 px drift, upsample 20, each frame against the previous (accumulated); fresh process per run, median of ${ROUNDS} alternating runs per side; ${loadNote()}`);
    if (missing) return void console.log(missing);
    const ours = (threads: number) => ({ label: `cellpilot ${threads} threads`, command: process.execPath, args: [RUN_TS, 'bench/drift.ts', '--child', path, String(threads)] });
    const peer = { label: 'skimage', command: PYTHON, args: ['-c', PEER, path] };
    const c = alternate([ours(2), ours(1), peer], ROUNDS, false); // the movie was just written: already in the page cache
    const rms = (shifts: [number, number][]) => Math.sqrt(shifts.reduce((sum, [sy, sx], t) => sum + (-sx - sim.drift[t].dxPx) ** 2 + (-sy - sim.drift[t].dyPx) ** 2, 0) / FRAMES);
    const error = (i: number) => rms(c.samples[i][0].report.shifts as [number, number][]).toFixed(3);
    console.log('| implementation | work wall | work CPU | whole process wall | RMS error vs truth (px) |');
    console.log('|---|---|---|---|---|');
    const names = ['cellpilot, 2 threads', 'cellpilot, 1 thread', 'scikit-image phase_cross_correlation (float32)'];
    names.forEach((name, i) => console.log(`| ${name} | ${s(c.workS[i])} | ${s(c.workCpuS[i])} | ${s(c.wallS[i])} | ${error(i)} |`));
    report(c);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Ratios: 2 threads on wall time (what the user waits for), 1 thread on CPU time (robust to load). */
function report(c: Comparison): void {
  const two = c.workS[2]! / c.workS[0]!;
  const one = c.workCpuS[2]! / c.workCpuS[1]!;
  console.log(`ratio skimage / cellpilot: ${two.toFixed(2)} on 2 threads (wall), ${one.toFixed(2)} on 1 thread (CPU; wall ${(c.workS[2]! / c.workS[1]!).toFixed(2)})`);
  summaryRow({ work: `drift ${FRAMES} x 512², 2 threads`, metric: 'wall, work in the process', ours: s(c.workS[0]), peer: `scikit-image ${s(c.workS[2])}`, ratio: two, goal: '>= 1.2', load: c.load });
  summaryRow({ work: `drift ${FRAMES} x 512², 1 thread`, metric: 'CPU, work in the process', ours: s(c.workCpuS[1]), peer: `scikit-image ${s(c.workCpuS[2])}`, ratio: one, goal: '>= 1.0', load: c.load });
}

const args = childArgs();
if (args) await child(args);
else if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) await run();
