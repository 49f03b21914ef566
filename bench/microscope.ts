// Microscope benchmark (issue 7 goals: engine overhead per event < 1 ms, a simulated
// 512x512 frame with 100 cells < 20 ms), each next to a peer measured in the same run:
// - engine overhead per event: our acquisition engine driving an instant fake camera
//   (64x64 planes) on the virtual clock, with plan expansion, limits, dose ledger,
//   crash-safe hyperstack streaming and the frame table; peer: the same per-event work in
//   Python the usual way (an event dict per image, tifffile.TiffWriter(imagej=True)
//   appending contiguous planes, a CSV line), as a minimal pymmcore-plus-style runner;
// - simulated snap: SimulatedMicroscope.snap() of a 512x512 field with 100 nuclei in view
//   (sample step, render, camera noise, dose bookkeeping); peer: the NumPy/scikit-image
//   frame of bench/sim.ts (skimage.draw.ellipse per cell, Gaussian edge, numpy noise);
// - camera noise alone: our fast camera vs src/sim/camera.ts expose() vs numpy.
// Run: node bin/run-ts.js bench/microscope.ts
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { VirtualClock } from '../src/microscope/clock.ts';
import { DEMO_CONFIG } from '../src/microscope/config.ts';
import { startAcquisition } from '../src/microscope/engine.ts';
import type { FrameSink } from '../src/microscope/sink.ts';
import { exposeFast } from '../src/microscope/fastCamera.ts';
import type { Microscope, MicroscopeState, Snapshot } from '../src/microscope/microscope.ts';
import { SimulatedMicroscope } from '../src/microscope/simulated.ts';
import { cameraWithDefaults, expose } from '../src/sim/camera.ts';
import { Rng } from '../src/sim/random.ts';
import { medianMs } from './_timing.ts';

const EVENTS_TIMEPOINTS = 500;
const EVENT_CHANNELS = 2;
const PLANE_PX = 64;
const SNAP_REPEATS = 30;

/** A microscope whose snap costs nothing: what remains is the engine. */
class InstantMicroscope implements Microscope {
  readonly config = { ...DEMO_CONFIG, sensorWidthPx: PLANE_PX, sensorHeightPx: PLANE_PX };
  private readonly plane = new Uint16Array(PLANE_PX * PLANE_PX).fill(100);
  private state: MicroscopeState = {
    channel: 'FITC', exposureMs: 10, binning: 1, roi: null, powerPercent: { '405nm': 10, '488nm': 10, '561nm': 10, '640nm': 10, Transmitted: 50 },
    xUm: 0, yUm: 0, zUm: 0, objective: '20X', pixelSizeUm: 0.5, imageWidthPx: PLANE_PX, imageHeightPx: PLANE_PX,
  };
  constructor(private readonly clock: VirtualClock) {}
  getState(): MicroscopeState {
    return { ...this.state, powerPercent: { ...this.state.powerPercent } };
  }
  async setChannel(preset: string) { this.state.channel = preset; }
  async setExposure(ms: number) { this.state.exposureMs = ms; }
  async setBinning() {}
  async setRoi() {}
  async setLightPower(source: string, percent: number) { this.state.powerPercent[source] = percent; }
  async setXY(x: number, y: number) { this.state.xUm = x; this.state.yUm = y; }
  async setZ(z: number) { this.state.zUm = z; }
  async setObjective(name: string) { this.state.objective = name; }
  async snap(): Promise<Snapshot> {
    const s = this.state;
    return { data: this.plane, widthPx: PLANE_PX, heightPx: PLANE_PX, channel: s.channel, exposureMs: s.exposureMs, powerPercent: s.powerPercent['488nm'], xUm: s.xUm, yUm: s.yUm, zUm: s.zUm, objective: s.objective, pixelSizeUm: 0.5, timeMs: this.clock.now() };
  }
}

/** Discards frames: what remains is the engine's own work. */
const nullSink: FrameSink = { files: [], framesPath: '', ensureLayout: async () => false, add: async () => {}, flush: async () => {}, close: async () => {} };

async function engineOverheadMs(dir: string, disk: boolean): Promise<number> {
  const clock = new VirtualClock();
  const microscope = new InstantMicroscope(clock);
  const plan = { channels: [{ config: 'GFP', exposureMs: 10 }, { config: 'DAPI', exposureMs: 10 }], timePlan: { intervalS: 1, loops: EVENTS_TIMEPOINTS } };
  const started = performance.now();
  const acquisition = startAcquisition(plan, { microscope, clock, outputPath: join(dir, `engine-${disk}.tif`), sink: disk ? undefined : nullSink });
  const status = await acquisition.done;
  const elapsed = performance.now() - started;
  if (status.imagesAcquired !== EVENTS_TIMEPOINTS * EVENT_CHANNELS) throw new Error(`engine bench acquired ${status.imagesAcquired} images`);
  return elapsed / status.imagesAcquired;
}

async function snapMs(): Promise<{ snap: number; cellsInView: number }> {
  const clock = new VirtualClock();
  // 100 nuclei in a 256x256 µm field (512 px at 0.5 µm/px), no motion between repeats beyond the sample step.
  const microscope = new SimulatedMicroscope({ clock, seed: 1, sample: { boundsUm: { x0: -124, y0: -124, x1: 124, y1: 124 }, cells: 100, crowding: 0.3 }, readoutMs: 0 });
  await microscope.setChannel('FITC');
  await microscope.setExposure(100);
  const times: number[] = [];
  for (let i = 0; i < SNAP_REPEATS + 1; i++) {
    const start = performance.now();
    await microscope.snap();
    if (i > 0) times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const v = microscope.view();
  const inView = microscope.sample.cells.filter((c) => c.xUm >= v.originXUm && c.xUm <= v.originXUm + v.widthPx * v.pixelSizeUm && c.yUm >= v.originYUm && c.yUm <= v.originYUm + v.heightPx * v.pixelSizeUm).length;
  return { snap: times[Math.floor(times.length / 2)], cellsInView: inView };
}

const PEER = String.raw`
import sys, time, json, os
import numpy as np
out_dir, timepoints, channels, plane_px, size, cells, repeats = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]), int(sys.argv[7])
result = {}
try:
    import tifffile
    plane = np.full((plane_px, plane_px), 100, np.uint16)
    start = time.perf_counter()
    with tifffile.TiffWriter(os.path.join(out_dir, 'peer.tif'), imagej=True) as tif, open(os.path.join(out_dir, 'peer.csv'), 'w') as table:
        dose = {}
        for t in range(timepoints):
            for c in range(channels):
                event = {'index': {'t': t, 'c': c}, 'channel': ['FITC', 'DAPI'][c], 'exposure': 10.0, 'min_start_time': t * 1.0}
                power = min(10.0, 100.0)
                d = 5.0 * power / 100 * event['exposure'] / 1000
                dose[event['channel']] = dose.get(event['channel'], 0) + d
                tif.write(plane, contiguous=True)
                table.write(f"{t},{event['channel']},{event['min_start_time']},{event['exposure']},{power},{d}\n")
    result['event'] = (time.perf_counter() - start) * 1000 / (timepoints * channels)
except Exception as err:
    result['event_error'] = str(err)[:120]
from skimage.draw import ellipse
from scipy.ndimage import gaussian_filter
rng = np.random.default_rng(1)
cx = rng.uniform(20, size - 20, cells); cy = rng.uniform(20, size - 20, cells)
a = rng.uniform(7, 11, cells); b = a * rng.uniform(0.65, 0.95, cells); ang = rng.uniform(0, np.pi, cells)
def render():
    signal = np.zeros((size, size), np.float32)
    for i in range(cells):
        rr, cc = ellipse(cy[i], cx[i], b[i], a[i], shape=signal.shape, rotation=ang[i])
        signal[rr, cc] += 500
    return 80.0 + gaussian_filter(signal, 0.8)
def camera(photons):
    return np.clip(np.round(100 + 2 * (rng.poisson(photons) + 1.6 * rng.standard_normal(photons.shape))), 0, 65535).astype(np.uint16)
def median_ms(work):
    work(); t = []
    for _ in range(repeats):
        s = time.perf_counter(); work(); t.append((time.perf_counter() - s) * 1000)
    return float(np.median(t))
photons = render()
result['camera'] = median_ms(lambda: camera(photons))
result['frame'] = median_ms(lambda: camera(render()))
print(json.dumps(result))
`;

function runPeer(dir: string): Record<string, number | string> | string {
  const python = '/usr/bin/python3';
  const r = spawnSync(python, ['-c', PEER, dir, String(EVENTS_TIMEPOINTS), String(EVENT_CHANNELS), String(PLANE_PX), '512', '100', String(SNAP_REPEATS)], { encoding: 'utf8', timeout: 300_000 });
  if (r.error) return `peer skipped: ${python} not available (${r.error.message})`;
  if (r.status !== 0) return `peer skipped: ${(r.stderr.trim().split('\n').pop() ?? 'failed').slice(0, 160)}`;
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

function row(name: string, ours: number, peer: number | string | undefined, goal: string): string {
  const peerText = typeof peer === 'number' ? peer.toFixed(3) : 'n/a';
  const ratio = typeof peer === 'number' && ours > 0 ? (peer / ours).toFixed(2) + 'x' : 'n/a';
  return `| ${name.padEnd(58)} | ${ours.toFixed(3).padStart(9)} | ${peerText.padStart(9)} | ${ratio.padStart(7)} | ${goal.padEnd(8)} |`;
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cellpilot-bench-microscope-'));
  try {
    await engineOverheadMs(dir, false); // warm-up (JIT)
    const logic = await engineOverheadMs(dir, false);
    const overhead = await engineOverheadMs(dir, true);
    const { snap, cellsInView } = await snapMs();
    const photons = new Float32Array(512 * 512).fill(80);
    const camera = cameraWithDefaults();
    const rng = new Rng(1, 'bench');
    const fastCamera = medianMs(SNAP_REPEATS, () => exposeFast(photons, camera, rng));
    const simCamera = medianMs(5, () => expose(photons, camera, rng));
    const peer = runPeer(dir);
    const p = typeof peer === 'string' ? {} : peer;
    console.log(`Microscope: ms (median); peer = ${typeof peer === 'string' ? peer : 'Python (tifffile / NumPy / scikit-image), same run'}; ratio = peer / ours`);
    console.log(`| ${'measure'.padEnd(58)} |  ours ms  |  peer ms  |  ratio  | goal     |`);
    console.log(`|${'-'.repeat(60)}|-----------|-----------|---------|----------|`);
    console.log(row(`engine overhead per event, no disk (${EVENTS_TIMEPOINTS * EVENT_CHANNELS} events)`, logic, undefined, '< 1 ms'));
    console.log(row('engine per event + crash-safe hyperstack and frame table', overhead, p.event, '< 1 ms'));
    console.log(row(`simulated snap 512x512, ${cellsInView} nuclei in view`, snap, p.frame, '< 20 ms'));
    console.log(row('camera noise 512x512 (fast camera)', fastCamera, p.camera, ''));
    console.log(row('camera noise 512x512 (src/sim expose, for reference)', simCamera, p.camera, ''));
    if (typeof p.event_error === 'string') console.log(`engine peer failed: ${p.event_error}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(resolve(process.argv[1] ?? '')).href) await run();
