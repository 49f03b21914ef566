// Benchmark: drift estimation by phase correlation (upsample 20) over a simulated
// 512x512x200 movie, ours (both cores) against scikit-image's
// phase_cross_correlation(upsample_factor=20) on the same frames, in the same run.
// Each side runs REPEATS times and reports its fastest run, so that other work on a shared
// machine inflates neither (the usual best-of-N timing). Ours is timed on all cores and on one.
// Run: node bin/run-ts.js bench/drift.ts [frames]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { estimateDrift } from '../src/analysis/drift.ts';
import { defaultThreads } from '../src/parallel/pool.ts';
import { simulate } from '../src/sim/index.ts';

const PYTHON = '/usr/bin/python3';
const PEER = `
import sys, json, time
import numpy as np
from skimage.registration import phase_cross_correlation
frames, size, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
movie = np.fromfile(path, dtype='<u2').reshape(frames, size, size)
best = float('inf')
for _ in range(int(sys.argv[4])):
    start = time.perf_counter()
    shifts = [phase_cross_correlation(movie[0], movie[t], upsample_factor=20)[0].tolist() for t in range(frames)]
    best = min(best, time.perf_counter() - start)
print(json.dumps({"seconds": best, "shifts": shifts}))
`;

export async function run(): Promise<void> {
  const frames = Number(process.argv[2]) > 1 ? Number(process.argv[2]) : 200;
  const size = 512;
  const sim = simulate({ width: size, height: size, frames, driftPx: 20, seed: 3, speedPx: 0, divisionRate: 0, cells: 120 });

  const REPEATS = 3;
  const timed = async (threads: number) => {
    let best = Infinity;
    let result: Awaited<ReturnType<typeof estimateDrift>> | undefined;
    for (let r = 0; r < REPEATS; r++) {
      const started = performance.now();
      result = await estimateDrift(sim.movie, { reference: 'first', upsampleFactor: 20, threads });
      best = Math.min(best, (performance.now() - started) / 1000);
    }
    return { seconds: best, result: result! };
  };
  const threads = defaultThreads();
  const { seconds: oursS, result: ours } = await timed(threads);
  const { seconds: oursOneS } = await timed(1);

  const dir = mkdtempSync(join(tmpdir(), 'cellpilot-bench-drift-'));
  let peer: { seconds: number; shifts: [number, number][] } | undefined;
  let peerNote = '';
  try {
    const raw = join(dir, 'movie.u16');
    const bytes = new Uint8Array(frames * size * size * 2);
    sim.movie.planes.forEach((p, t) => bytes.set(new Uint8Array(p.buffer, p.byteOffset, p.byteLength), t * size * size * 2));
    writeFileSync(raw, bytes);
    const child = spawnSync(PYTHON, ['-c', PEER, String(frames), String(size), raw, String(REPEATS)], { encoding: 'utf8', maxBuffer: 64 << 20 });
    if (child.status === 0) peer = JSON.parse(child.stdout.trim().split('\n').pop()!);
    else peerNote = `scikit-image peer skipped: ${(child.stderr || child.error?.message || 'python3 failed').trim().split('\n').pop()}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const rmsTruth = Math.sqrt(ours.rows.reduce((s, r) => s + (r.dxPx - sim.drift[r.t].dxPx) ** 2 + (r.dyPx - sim.drift[r.t].dyPx) ** 2, 0) / frames);
  console.log(`drift estimation, ${frames} frames of ${size}x${size}, upsample 20, reference first; best of ${REPEATS} runs each`);
  console.log('| implementation | seconds | frames/s | RMS error vs truth (px) |');
  console.log('|---|---|---|---|');
  console.log(`| cellpilot estimateDrift (${threads} threads) | ${oursS.toFixed(2)} | ${(frames / oursS).toFixed(1)} | ${rmsTruth.toFixed(4)} |`);
  console.log(`| cellpilot estimateDrift (1 thread) | ${oursOneS.toFixed(2)} | ${(frames / oursOneS).toFixed(1)} | ${rmsTruth.toFixed(4)} |`);
  if (peer) {
    // scikit-image returns the shift that registers frame t onto frame 0: the negated drift
    let maxDiff = 0;
    let peerSq = 0;
    peer.shifts.forEach(([sy, sx], t) => {
      maxDiff = Math.max(maxDiff, Math.abs(ours.rows[t].dxPx + sx), Math.abs(ours.rows[t].dyPx + sy));
      peerSq += (-sx - sim.drift[t].dxPx) ** 2 + (-sy - sim.drift[t].dyPx) ** 2;
    });
    console.log(`| skimage phase_cross_correlation | ${peer.seconds.toFixed(2)} | ${(frames / peer.seconds).toFixed(1)} | ${Math.sqrt(peerSq / frames).toFixed(4)} |`);
    console.log(`speed ratio (ours / skimage, frames/s): ${(peer.seconds / oursS).toFixed(2)}x on ${threads} threads, ${(peer.seconds / oursOneS).toFixed(2)}x on 1 thread; max difference of estimated shifts: ${maxDiff.toFixed(4)} px`);
  } else console.log(peerNote);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
