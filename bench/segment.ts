// Segmentation benchmark: Otsu threshold + Euclidean distance transform + peak_local_max +
// marker watershed (after Gaussian smoothing and hole filling) on the same 50 simulated
// 512x512 frames of nuclei, cellpilot (2 worker threads, and 1 thread) against
// scikit-image/scipy in /usr/bin/python3 (one process, as users run it), in the same run.
// Prints frames/s (2 threads with cold and warm workers, and 1 thread), the ratio, object counts and the matched F1 (IoU 0.5) between the two
// label movies, so "same results" is measured, not assumed.
// Run: node bin/run-ts.js bench/segment.ts
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { matchLabels } from '../src/analysis/matching.ts';
import { segmentPlane, SEGMENT_DEFAULTS, type PlaneSegmentation, type SegmentOptions } from '../src/analysis/seg-plane.ts';
import { openMovie, writeMovie } from '../src/image/index.ts';
import type { PlaneData } from '../src/image/movie.ts';
import { mapInWorkers } from '../src/parallel/pool.ts';
import { simulate } from '../src/sim/index.ts';

const PYTHON = '/usr/bin/python3';
const SIZE = 512;
const FRAMES = 50;

// The same recipe as src/analysis/seg-plane.ts with its defaults (sigma 2, min area 20,
// seeds 4 px apart on the distance map smoothed by 1 px).
const PEER = String.raw`
import sys, time, json
import numpy as np, tifffile
from scipy import ndimage as ndi
from skimage.filters import gaussian, threshold_otsu
from skimage.measure import label
from skimage.morphology import remove_small_objects
from skimage.feature import peak_local_max
from skimage.segmentation import watershed
src, dst = sys.argv[1], sys.argv[2]
frames = tifffile.imread(src)
out = np.zeros(frames.shape, dtype=np.uint16)
counts = []
start = time.perf_counter()
cpu_start = time.process_time()
for t, frame in enumerate(frames):
    img = gaussian(frame.astype(np.float64), sigma=2, mode='nearest', preserve_range=True)
    mask = ndi.binary_fill_holes(img > threshold_otsu(img))
    cc = remove_small_objects(label(mask), 20)
    mask = cc > 0
    d = gaussian(ndi.distance_transform_edt(mask), sigma=1, mode='nearest', preserve_range=True)
    d[~mask] = 0
    peaks = peak_local_max(d, min_distance=4, labels=cc, exclude_border=False)
    seeds = np.zeros(mask.shape, dtype=bool)
    seeds[tuple(peaks.T)] = True
    ws = watershed(-d, label(seeds), mask=mask)
    ws = remove_small_objects(ws, 20)
    lab = ws
    counts.append(int(len(np.unique(lab)) - (1 if (lab == 0).any() else 0)))
    out[t] = lab
seconds = time.perf_counter() - start
cpu_seconds = time.process_time() - cpu_start
tifffile.imwrite(dst, out)
print(json.dumps({'seconds': seconds, 'cpuSeconds': cpu_seconds, 'counts': counts}))
`;

type Input = { plane: PlaneData; width: number; height: number; options: SegmentOptions };

async function ours(planes: PlaneData[], threads: number): Promise<{ seconds: number; cpuSeconds: number; results: PlaneSegmentation[] }> {
  const inputs: Input[] = planes.map((p) => ({ plane: p.slice(), width: SIZE, height: SIZE, options: {} }));
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const results =
    threads === 1
      ? inputs.map((i) => segmentPlane(i.plane, i.width, i.height, i.options))
      : await mapInWorkers<Input, PlaneSegmentation>(new URL('../src/analysis/seg-plane.ts', import.meta.url), 'segmentPlaneTask', inputs, { threads });
  const cpu = process.cpuUsage(cpuStart);
  return { seconds: (performance.now() - start) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6, results };
}

export async function run(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'cellpilot-bench-segment-'));
  try {
    const sim = simulate({ frames: FRAMES, width: SIZE, height: SIZE, cells: 120, crowding: 0.4, seed: 11 });
    const moviePath = join(dir, 'nuclei.tif');
    await writeMovie(moviePath, sim.movie);
    const planes: PlaneData[] = [];
    for (let t = 0; t < FRAMES; t++) planes.push(await sim.movie.plane(t, 0, 0));
    // The first pool run starts the workers (tsx loader, JIT); a session reuses warm workers.
    const cold = await ours(planes, 2);
    const two = await ours(planes, 2);
    const one = await ours(planes, 1);
    const ourCounts = two.results.map((r) => r.count);
    console.log(`machine load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores (timings are shared-machine figures)`);
    console.log(`Otsu + EDT + peak_local_max + watershed, ${FRAMES} simulated frames of ${SIZE}x${SIZE} (sigma ${SEGMENT_DEFAULTS.sigmaPx}, min area ${SEGMENT_DEFAULTS.minAreaPx} px, seeds ${SEGMENT_DEFAULTS.minSeedDistancePx} px apart)`);
    const peerPath = join(dir, 'skimage-labels.tif');
    const r = spawnSync(PYTHON, ['-c', PEER, moviePath, peerPath], { encoding: 'utf8', timeout: 600_000 });
    const header = `${'measure'.padEnd(34)} ${'cellpilot'.padStart(10)} ${'skimage'.padStart(10)} ${'ratio'.padStart(7)}`;
    if (r.error || r.status !== 0) {
      console.log(header);
      console.log(`${'frames/s (2 warm threads)'.padEnd(34)} ${(FRAMES / two.seconds).toFixed(1).padStart(10)} ${'n/a'.padStart(10)}`);
      console.log(`scikit-image peer skipped: ${(r.error?.message ?? r.stderr).trim().split('\n').pop()}`);
      return;
    }
    const peer = JSON.parse(r.stdout) as { seconds: number; cpuSeconds: number; counts: number[] };
    const peerFps = FRAMES / peer.seconds;
    console.log(header);
    console.log(`${'frames/s, 2 threads, cold workers'.padEnd(34)} ${(FRAMES / cold.seconds).toFixed(1).padStart(10)} ${peerFps.toFixed(1).padStart(10)} ${(FRAMES / cold.seconds / peerFps).toFixed(2).padStart(7)}`);
    console.log(`${'frames/s, 2 threads, warm workers'.padEnd(34)} ${(FRAMES / two.seconds).toFixed(1).padStart(10)} ${peerFps.toFixed(1).padStart(10)} ${(FRAMES / two.seconds / peerFps).toFixed(2).padStart(7)}`);
    console.log(`${'frames/s, 1 thread'.padEnd(34)} ${(FRAMES / one.seconds).toFixed(1).padStart(10)} ${peerFps.toFixed(1).padStart(10)} ${(FRAMES / one.seconds / peerFps).toFixed(2).padStart(7)}`);
    // CPU time per frame is robust to other load on a shared machine (single thread on both sides).
    const ourCpuMs = (1000 * one.cpuSeconds) / FRAMES;
    const peerCpuMs = (1000 * peer.cpuSeconds) / FRAMES;
    console.log(`${'CPU ms per frame, 1 thread'.padEnd(34)} ${ourCpuMs.toFixed(1).padStart(10)} ${peerCpuMs.toFixed(1).padStart(10)} ${(peerCpuMs / ourCpuMs).toFixed(2).padStart(7)}  (ratio: peer / ours, > 1 = faster)`);
    const ourTotal = ourCounts.reduce((a, b) => a + b, 0);
    const peerTotal = peer.counts.reduce((a, b) => a + b, 0);
    console.log(`${'objects, all frames'.padEnd(34)} ${String(ourTotal).padStart(10)} ${String(peerTotal).padStart(10)} ${(ourTotal / peerTotal).toFixed(3).padStart(7)}`);
    const sameCount = ourCounts.filter((c, t) => c === peer.counts[t]).length;
    const peerLabels = await openMovie(peerPath);
    let tp = 0, fp = 0, fn = 0, iou = 0, truthTp = 0, truthAll = 0, truthPred = 0;
    for (let t = 0; t < FRAMES; t++) {
      const m = matchLabels(two.results[t].labels, await peerLabels.plane(t, 0, 0), SIZE, SIZE);
      (tp += m.tp), (fp += m.fp), (fn += m.fn), (iou += m.meanMatchedIoU * m.tp);
      const g = matchLabels(two.results[t].labels, await sim.labels.plane(t, 0, 0), SIZE, SIZE);
      (truthTp += g.tp), (truthAll += g.trueObjects), (truthPred += g.predObjects);
    }
    await peerLabels.close();
    console.log(`frames with equal object counts: ${sameCount}/${FRAMES}; cellpilot vs skimage labels: matched F1 ${((2 * tp) / (2 * tp + fp + fn)).toFixed(4)}, mean IoU ${(iou / tp).toFixed(4)}`);
    console.log(`cellpilot vs simulator truth: F1 ${((2 * truthTp) / (truthAll + truthPred)).toFixed(3)} at IoU 0.5`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) await run();
