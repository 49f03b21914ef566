// Simulator benchmark: render time of a 512x512 frame with 100 nuclei (goal < 20 ms),
// camera noise, brightfield, and a whole frame with truth, next to a NumPy /
// scikit-image peer doing the same work the usual Python way (skimage.draw.ellipse per
// cell, a Gaussian blur for soft edges, numpy Poisson + normal noise), measured in the
// same run. Run: node bin/run-ts.js bench/sim.ts
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cameraWithDefaults, expose } from '../src/sim/camera.ts';
import { Rng } from '../src/sim/random.ts';
import { illuminationField, renderBrightfield, renderNuclei, type FieldView } from '../src/sim/render.ts';
import { Sample } from '../src/sim/sample.ts';
import { Simulation } from '../src/sim/simulate.ts';
import { simulateToFiles } from '../src/sim/truth.ts';
import { medianMs } from './_timing.ts';
import { childArgs, ROOT, RUN_TS } from './_harness.ts';

const SIZE = 512;
const CELLS = 100;
const REPEATS = 30;

const PEER = String.raw`
import sys, time, json
import numpy as np
from skimage.draw import ellipse
from scipy.ndimage import gaussian_filter
size, cells, repeats = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
rng = np.random.default_rng(1)
cx = rng.uniform(20, size - 20, cells); cy = rng.uniform(20, size - 20, cells)
a = rng.uniform(7, 11, cells); b = a * rng.uniform(0.65, 0.95, cells); ang = rng.uniform(0, np.pi, cells)
def render():
    img = np.full((size, size), 100.0, np.float32)
    labels = np.zeros((size, size), np.uint16)
    signal = np.zeros((size, size), np.float32)
    for i in range(cells):
        rr, cc = ellipse(cy[i], cx[i], b[i], a[i], shape=img.shape, rotation=ang[i])
        signal[rr, cc] += 500
        labels[rr, cc] = i + 1
    return img + gaussian_filter(signal, 0.8), labels
def camera(photons):
    return np.clip(np.round(100 + 2 * (rng.poisson(photons) + 1.6 * rng.standard_normal(photons.shape))), 0, 65535).astype(np.uint16)
def median_ms(work):
    work(); t = []
    for _ in range(repeats):
        s = time.perf_counter(); work(); t.append((time.perf_counter() - s) * 1000)
    return float(np.median(t))
photons, _ = render()
print(json.dumps({"render": median_ms(render), "camera": median_ms(lambda: camera(photons)), "frame": median_ms(lambda: camera(render()[0]))}))
`;

function runPeer(): Record<string, number> | string {
  const python = '/usr/bin/python3';
  const r = spawnSync(python, ['-c', PEER, String(SIZE), String(CELLS), String(REPEATS)], { encoding: 'utf8', timeout: 300_000 });
  if (r.error) return `peer skipped: ${python} not available (${r.error.message})`;
  if (r.status !== 0) return `peer skipped: ${(r.stderr.trim().split('\n').pop() ?? 'failed').slice(0, 160)}`;
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

export async function run(): Promise<void> {
  const pixelSizeUm = 0.5;
  const sample = new Sample(
    { boundsUm: { x0: 10, y0: 10, x1: (SIZE - 10) * pixelSizeUm, y1: (SIZE - 10) * pixelSizeUm }, cells: CELLS, nucleusRadiusUm: 4, crowding: 0.3 },
    1,
  );
  const view: FieldView = { widthPx: SIZE, heightPx: SIZE, pixelSizeUm, originXUm: 0.37, originYUm: -0.21 };
  const illumination = illuminationField(SIZE, SIZE);
  const photons = new Float32Array(SIZE * SIZE);
  const labels = new Uint16Array(SIZE * SIZE);
  const renderMs = medianMs(REPEATS, () => {
    photons.fill(100);
    labels.fill(0);
    renderNuclei(sample, view, { peakPhotons: 500, illumination }, { photons, labels });
  });
  const camera = cameraWithDefaults();
  const rng = new Rng(1, 'bench');
  const counts = new Uint16Array(SIZE * SIZE);
  const cameraMs = medianMs(REPEATS, () => expose(photons, camera, rng, counts));
  const transmitted = new Float32Array(SIZE * SIZE);
  const brightfieldMs = medianMs(REPEATS, () => renderBrightfield(sample, view, { photons: 3000, illumination }, transmitted));
  const stepMs = medianMs(REPEATS, () => sample.step(60));

  const simulation = new Simulation({ frames: REPEATS + 1, width: SIZE, height: SIZE, cells: CELLS, driftPx: 10, bleachRate: 0.01, divisionRate: 0.01 });
  const frames = simulation.frames();
  const frameMs = medianMs(REPEATS, () => void frames.next());

  const peer = runPeer();
  const rows: [string, number, number | undefined][] = [
    [`render ${CELLS} nuclei + masks`, renderMs, typeof peer === 'object' ? peer.render : undefined],
    ['camera noise (Poisson + read)', cameraMs, typeof peer === 'object' ? peer.camera : undefined],
    ['whole frame with truth', frameMs, typeof peer === 'object' ? peer.frame : undefined],
    ['brightfield render', brightfieldMs, undefined],
    ['sample step (motion, division)', stepMs, undefined],
  ];
  console.log(`simulator, ${SIZE}x${SIZE} px, ${CELLS} cells, median of ${REPEATS} (ms; peer = NumPy/scikit-image; ratio = peer / ours, > 1 means we are faster)`);
  console.log(`${'stage'.padEnd(34)} ${'ours ms'.padStart(9)} ${'peer ms'.padStart(9)} ${'ratio'.padStart(7)}`);
  for (const [name, ours, theirs] of rows) {
    console.log(
      `${name.padEnd(34)} ${ours.toFixed(2).padStart(9)} ${(theirs === undefined ? '-' : theirs.toFixed(2)).padStart(9)} ${(theirs === undefined ? '-' : (theirs / ours).toFixed(2)).padStart(7)}`,
    );
  }
  console.log(`render goal < 20 ms: ${renderMs < 20 ? 'met' : 'NOT met'} (${renderMs.toFixed(2)} ms)`);
  if (typeof peer === 'string') console.log(peer);
  // In a fresh process: memory left by the render timings above must not count.
  const r = spawnSync(process.execPath, [RUN_TS, 'bench/sim.ts', '--child', 'streaming'], { encoding: 'utf8', cwd: ROOT, timeout: 600_000 });
  process.stdout.write(r.status === 0 ? r.stdout : `streaming figure failed: ${(r.stderr || r.error?.message || '').trim().split('\n').pop()}\n`);
}

/**
 * Writes a movie with its truth to disk frame by frame and reports the rate and the peak
 * resident memory of this (fresh) process: the kernel's own high-water mark (VmHWM), so
 * no sampling gap can miss the peak.
 */
async function streamingFigure(): Promise<void> {
  const frames = 100;
  const dir = mkdtempSync(join(tmpdir(), 'cellpilot-bench-sim-'));
  try {
    globalThis.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const start = performance.now();
    await simulateToFiles({ frames, width: SIZE, height: SIZE, cells: CELLS, driftPx: 10, divisionRate: 0.01 }, join(dir, 'movie.tif'), join(dir, 'gt'), {
      onProgress: () => (peak = Math.max(peak, process.memoryUsage().rss)),
    });
    const seconds = (performance.now() - start) / 1000;
    peak = Math.max(peak, process.resourceUsage().maxRSS * 1024);
    const movieMb = (frames * SIZE * SIZE * 2) / 2 ** 20;
    console.log(
      `streaming to disk: ${frames} frames of ${SIZE}x${SIZE} with truth in ${seconds.toFixed(1)} s (${(frames / seconds).toFixed(1)} frames/s); ` +
        `peak resident memory ${(peak / 2 ** 20).toFixed(0)} MB (${((peak - before) / 2 ** 20).toFixed(0)} MB above the start) for a ${movieMb.toFixed(0)} MB movie (+ ${(movieMb * 2).toFixed(0)} MB clean.tif, ${(movieMb * 2).toFixed(0)} MB of masks)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const args = childArgs();
if (args?.[0] === 'streaming') await streamingFigure();
else if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await run();
