// Background subtraction benchmark, whole commands from a fresh process: `cellpilot tool
// subtract_background` (rolling ball, radius 25 px: Fiji's shrink by 2, then the ball's opening)
// on 2 threads, against scikit-image's restoration.rolling_ball as a Python user writes it (float32
// frames, the same radius, each frame's background subtracted and clipped at 0; scikit-image rolls
// the full-size ball and computes only the ball's top, no shrink and no opening: less exact work
// than Fiji's, more pixels). A simulated 256x256 movie of nuclei on an uneven background, read from
// a TIFF by both sides. The sides alternate; the medians are reported with the load average, and
// the mean |difference| of the two subtracted movies.
// Run: node bin/run-ts.js bench/background.ts   (BENCH_BACKGROUND_FRAMES, BENCH_ROUNDS)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { movieFromPlanes } from '../src/image/movie.ts';
import { openMovie, writeMovie } from '../src/image/index.ts';
import { simulate } from '../src/sim/index.ts';
import { alternate, commandSide, loadNote, PYTHON, pythonPeer, s, summaryRow } from './_harness.ts';

const FRAMES = Number(process.env.BENCH_BACKGROUND_FRAMES ?? 10);
const SIZE = 256;
const RADIUS_PX = 25;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

const PEER = String.raw`
import sys, json, time
import numpy as np, tifffile
from skimage.restoration import rolling_ball
movie = tifffile.imread(sys.argv[1]).astype(np.float32)
start = time.perf_counter(); cpu = time.process_time()
out = np.stack([np.clip(f - rolling_ball(f, radius=float(sys.argv[2])), 0, None) for f in movie])
tifffile.imwrite(sys.argv[3], np.round(out).astype(np.uint16), photometric='minisblack')
print(json.dumps({'seconds': time.perf_counter() - start, 'cpuSeconds': time.process_time() - cpu}))
`;

export async function run(): Promise<void> {
  const missing = pythonPeer(['numpy', 'tifffile', 'skimage']);
  const dir = mkdtempSync(join(tmpdir(), 'cellpilot-bench-background-'));
  try {
    const sim = simulate({ width: SIZE, height: SIZE, frames: FRAMES, seed: 4, cells: 40 });
    // an illumination gradient and a bright corner under the nuclei
    const uneven = movieFromPlanes(sim.movie.shape, 'uint16', (t, z, c) => {
      const plane = new Uint16Array(SIZE * SIZE);
      const frame = sim.movie.planes[(t * sim.movie.shape.z + z) * sim.movie.shape.c + c];
      for (let y = 0; y < SIZE; y++) for (let x = 0; x < SIZE; x++) plane[y * SIZE + x] = frame[y * SIZE + x] + 2 * x + 400 * Math.exp(-((x - SIZE) ** 2 + y ** 2) / (2 * 60 ** 2));
      return plane;
    });
    const path = join(dir, 'uneven.tif');
    await writeMovie(path, uneven);
    console.log(`background: ${FRAMES} frames of ${SIZE}x${SIZE}, nuclei on a gradient and a bright corner, rolling ball ${RADIUS_PX} px; whole commands, fresh process per run, median of ${ROUNDS} alternating runs per side; ${loadNote()}`);
    if (missing) return void console.log(missing);
    const oursPath = join(dir, 'ours.tif');
    const peerPath = join(dir, 'peer.tif');
    const ours = commandSide('cellpilot 2 threads', ['tool', 'subtract_background', '--args', JSON.stringify({ movie: path, radiusPx: RADIUS_PX, output: oursPath }), '--json'], { env: { CELLPILOT_THREADS: '2' }, before: () => rmSync(oursPath, { force: true }) });
    const peer = { label: 'skimage', command: PYTHON, args: ['-c', PEER, path, String(RADIUS_PX), peerPath] };
    const c = alternate([ours, peer], ROUNDS, false);
    const [a, b] = await Promise.all([openMovie(oursPath), openMovie(peerPath)]);
    let diff = 0;
    let n = 0;
    for (let t = 0; t < FRAMES; t++) {
      const [pa, pb] = [await a.plane(t, 0, 0), await b.plane(b.shape.t > 1 ? t : 0, b.shape.t > 1 ? 0 : t, 0)];
      for (let i = 0; i < pa.length; i++, n++) diff += Math.abs(pa[i] - pb[i]);
    }
    await Promise.all([a.close(), b.close()]);
    console.log('| implementation | whole command wall | whole command CPU |');
    console.log('|---|---|---|');
    console.log(`| cellpilot tool subtract_background, 2 threads | ${s(c.wallS[0])} | ${s(c.cpuS[0])} |`);
    console.log(`| scikit-image rolling_ball (float32, full-size ball) | ${s(c.wallS[1])} | ${s(c.cpuS[1])} |`);
    const ratio = c.wallS[1] / c.wallS[0];
    console.log(`ratio skimage / cellpilot (wall): ${ratio.toFixed(2)} (CPU ${(c.cpuS[1] / c.cpuS[0]).toFixed(2)}); mean |ours - skimage| of the subtracted movies ${(diff / n).toFixed(1)} grey levels; load average ${c.load.toFixed(1)}`);
    summaryRow({ work: `subtract_background ${FRAMES} x ${SIZE}², r ${RADIUS_PX} px, 2 threads`, metric: 'wall, whole command', ours: `${s(c.wallS[0])} (${s(c.cpuS[0])} CPU)`, peer: `scikit-image ${s(c.wallS[1])}`, ratio, goal: '>= 1.0', load: c.load });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) await run();
