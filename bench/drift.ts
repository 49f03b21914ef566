// Benchmark: drift estimation by phase correlation (upsample 20) over a simulated
// 512x512x200 movie, ours (both cores) against scikit-image's
// phase_cross_correlation(upsample_factor=20) on the same frames, in the same run.
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
start = time.perf_counter()
shifts = [phase_cross_correlation(movie[0], movie[t], upsample_factor=20)[0].tolist() for t in range(frames)]
print(json.dumps({"seconds": time.perf_counter() - start, "shifts": shifts}))
`;

export async function run(): Promise<void> {
  const frames = Number(process.argv[2]) > 1 ? Number(process.argv[2]) : 200;
  const size = 512;
  const sim = simulate({ width: size, height: size, frames, driftPx: 20, seed: 3, speedPx: 0, divisionRate: 0, cells: 120 });

  const started = performance.now();
  const ours = await estimateDrift(sim.movie, { reference: 'first', upsampleFactor: 20 });
  const oursS = (performance.now() - started) / 1000;

  const dir = mkdtempSync(join(tmpdir(), 'cellpilot-bench-drift-'));
  let peer: { seconds: number; shifts: [number, number][] } | undefined;
  let peerNote = '';
  try {
    const raw = join(dir, 'movie.u16');
    const bytes = new Uint8Array(frames * size * size * 2);
    sim.movie.planes.forEach((p, t) => bytes.set(new Uint8Array(p.buffer, p.byteOffset, p.byteLength), t * size * size * 2));
    writeFileSync(raw, bytes);
    const child = spawnSync(PYTHON, ['-c', PEER, String(frames), String(size), raw], { encoding: 'utf8', maxBuffer: 64 << 20 });
    if (child.status === 0) peer = JSON.parse(child.stdout.trim().split('\n').pop()!);
    else peerNote = `scikit-image peer skipped: ${(child.stderr || child.error?.message || 'python3 failed').trim().split('\n').pop()}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const rmsTruth = Math.sqrt(ours.rows.reduce((s, r) => s + (r.dxPx - sim.drift[r.t].dxPx) ** 2 + (r.dyPx - sim.drift[r.t].dyPx) ** 2, 0) / frames);
  console.log(`drift estimation, ${frames} frames of ${size}x${size}, upsample 20, reference first (ours: ${defaultThreads()} threads)`);
  console.log('| implementation | seconds | frames/s | RMS error vs truth (px) |');
  console.log('|---|---|---|---|');
  console.log(`| cellpilot estimateDrift | ${oursS.toFixed(2)} | ${(frames / oursS).toFixed(1)} | ${rmsTruth.toFixed(4)} |`);
  if (peer) {
    // scikit-image returns the shift that registers frame t onto frame 0: the negated drift
    let maxDiff = 0;
    let peerSq = 0;
    peer.shifts.forEach(([sy, sx], t) => {
      maxDiff = Math.max(maxDiff, Math.abs(ours.rows[t].dxPx + sx), Math.abs(ours.rows[t].dyPx + sy));
      peerSq += (-sx - sim.drift[t].dxPx) ** 2 + (-sy - sim.drift[t].dyPx) ** 2;
    });
    console.log(`| skimage phase_cross_correlation | ${peer.seconds.toFixed(2)} | ${(frames / peer.seconds).toFixed(1)} | ${Math.sqrt(peerSq / frames).toFixed(4)} |`);
    console.log(`speed ratio (ours / skimage, frames/s): ${(peer.seconds / oursS).toFixed(2)}x; max difference of estimated shifts: ${maxDiff.toFixed(4)} px`);
  } else console.log(peerNote);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
