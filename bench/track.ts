// Benchmark: frame-to-frame linking of 1000 frames of 300 spots (TrackMate's LAP cost
// matrix: squared distances under 15 px, "no link" blocks at 1.05 x the largest cost)
// solved by our Jonker–Volgenant solvers and by scipy.optimize.linear_sum_assignment
// (/usr/bin/python3) on the same spots, in the same run. Prints times, the ratio, and
// whether the links and total costs agree.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LAP_DEFAULTS, linkFrames, type TrackerSpot } from '../src/analysis/lap.ts';
import { solveDenseLap } from '../src/analysis/assignment.ts';

const FRAMES = 1000;
const SPOTS = 300;
const FIELD_PX = 512;
const STEP_PX = 2.5;
const MAX_DISTANCE_PX = 15;


/** Random walkers (Gaussian steps) in a square field, wrapping at the edges. */
function makeSpots(): Float64Array {
  const rand = rng(42);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const xy = new Float64Array(FRAMES * SPOTS * 2);
  const pos = Array.from({ length: SPOTS }, () => [rand() * FIELD_PX, rand() * FIELD_PX]);
  for (let t = 0; t < FRAMES; t++) {
    // Shuffle the order each frame so that identity is not given away by the index.
    const order = pos.map((_, k) => k).sort(() => rand() - 0.5);
    order.forEach((k, i) => {
      xy[(t * SPOTS + i) * 2] = pos[k][0];
      xy[(t * SPOTS + i) * 2 + 1] = pos[k][1];
    });
    for (const p of pos) {
      p[0] = (p[0] + STEP_PX * gauss() + FIELD_PX) % FIELD_PX;
      p[1] = (p[1] + STEP_PX * gauss() + FIELD_PX) % FIELD_PX;
    }
  }
  return xy;
}

const PYTHON = String.raw`
import sys, time, json
import numpy as np
from scipy.optimize import linear_sum_assignment
from scipy.spatial.distance import cdist
frames, spots, maxd = int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
xy = np.fromfile(sys.argv[1], dtype='<f8').reshape(frames, spots, 2)
out = []
total = 0.0
start = time.perf_counter()
for t in range(frames - 1):
    c = cdist(xy[t], xy[t + 1], 'sqeuclidean')
    ok = c < maxd * maxd
    rows = np.flatnonzero(ok.any(axis=1)); cols = np.flatnonzero(ok.any(axis=0))
    tl = np.where(ok[np.ix_(rows, cols)], c[np.ix_(rows, cols)], np.inf)
    alt = 1.05 * tl[np.isfinite(tl)].max()
    nr, nc = len(rows), len(cols)
    m = np.full((nr + nc, nr + nc), np.inf)
    m[:nr, :nc] = tl
    m[np.arange(nr), nc + np.arange(nr)] = alt
    m[nr + np.arange(nc), np.arange(nc)] = alt
    m[nr:, nc:] = np.where(np.isfinite(tl.T), alt, np.inf)
    r, k = linear_sum_assignment(m)
    keep = (r < nr) & (k < nc)
    links = [(int(rows[a]), int(cols[b])) for a, b in zip(r[keep], k[keep])]
    total += float(tl[r[keep], k[keep]].sum())
    out.append(links)
elapsed = time.perf_counter() - start
json.dump({'seconds': elapsed, 'total': total, 'links': out}, sys.stdout)
`;
import { mulberry32 as rng } from '../src/random.ts';

/** Dense TrackMate block matrix for one frame pair, for our dense solver. */
function denseBlockMatrix(a: TrackerSpot[], b: TrackerSpot[]): { cost: Float64Array; size: number; rows: number[]; cols: number[]; tl: Float64Array } {
  const max2 = MAX_DISTANCE_PX * MAX_DISTANCE_PX;
  const c = new Float64Array(a.length * b.length);
  for (let i = 0; i < a.length; i++) for (let j = 0; j < b.length; j++) c[i * b.length + j] = (a[i].x - b[j].x) ** 2 + (a[i].y - b[j].y) ** 2;
  const rows = a.map((_, i) => i).filter((i) => b.some((_, j) => c[i * b.length + j] < max2));
  const cols = b.map((_, j) => j).filter((j) => a.some((_, i) => c[i * b.length + j] < max2));
  const nr = rows.length;
  const nc = cols.length;
  const tl = new Float64Array(nr * nc).fill(Infinity);
  let maxCost = 0;
  rows.forEach((i, r) =>
    cols.forEach((j, k) => {
      const v = c[i * b.length + j];
      if (v < max2) (tl[r * nc + k] = v), (maxCost = Math.max(maxCost, v));
    }),
  );
  const alt = 1.05 * maxCost;
  const size = nr + nc;
  const cost = new Float64Array(size * size).fill(Infinity);
  for (let r = 0; r < nr; r++) {
    for (let k = 0; k < nc; k++) {
      cost[r * size + k] = tl[r * nc + k];
      if (Number.isFinite(tl[r * nc + k])) cost[(nr + k) * size + nc + r] = alt;
    }
    cost[r * size + nc + r] = alt;
  }
  for (let k = 0; k < nc; k++) cost[(nr + k) * size + k] = alt;
  return { cost, size, rows, cols, tl };
}

export async function run(): Promise<void> {
  const xy = makeSpots();
  const frames: TrackerSpot[][] = [];
  for (let t = 0; t < FRAMES; t++) {
    frames.push(Array.from({ length: SPOTS }, (_, i) => ({ id: t * SPOTS + i, t, x: xy[(t * SPOTS + i) * 2], y: xy[(t * SPOTS + i) * 2 + 1] })));
  }
  const settings = { ...LAP_DEFAULTS, linkingMaxDistance: MAX_DISTANCE_PX };

  // Ours, sparse (what the tracker runs): cost matrix construction + solve.
  linkFrames(frames[0], frames[1], settings); // warm-up
  let start = performance.now();
  const ours: [number, number][][] = [];
  let oursTotal = 0;
  for (let t = 0; t + 1 < FRAMES; t++) {
    const links = linkFrames(frames[t], frames[t + 1], settings);
    ours.push(links.map((l) => [l.source - t * SPOTS, l.target - (t + 1) * SPOTS] as [number, number]).sort((p, q) => p[0] - q[0]));
    for (const l of links) oursTotal += l.cost;
  }
  const oursSeconds = (performance.now() - start) / 1000;

  // Ours, dense LAPJV on the same dense block matrix scipy gets.
  start = performance.now();
  let denseTotal = 0;
  for (let t = 0; t + 1 < FRAMES; t++) {
    const m = denseBlockMatrix(frames[t], frames[t + 1]);
    const sol = solveDenseLap(m.cost, m.size);
    for (let r = 0; r < m.rows.length; r++) if (sol.rowToCol[r] < m.cols.length) denseTotal += m.tl[r * m.cols.length + sol.rowToCol[r]];
  }
  const denseSeconds = (performance.now() - start) / 1000;

  const rowsOut: string[][] = [];
  rowsOut.push(['frame-to-frame linking, 1000 x 300 spots', 'seconds', 'links', 'total cost']);
  rowsOut.push(['cellpilot sparse JV (TrackMate matrix)', oursSeconds.toFixed(3), String(ours.reduce((a, l) => a + l.length, 0)), oursTotal.toFixed(3)]);
  rowsOut.push(['cellpilot dense LAPJV (same dense matrix)', denseSeconds.toFixed(3), '', denseTotal.toFixed(3)]);

  const python = '/usr/bin/python3';
  let peer: { seconds: number; total: number; links: [number, number][][] } | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'cellpilot-bench-track-'));
  try {
    if (!existsSync(python)) throw new Error('/usr/bin/python3 not found');
    const spotsFile = join(dir, 'spots.f64');
    const script = join(dir, 'link.py');
    writeFileSync(spotsFile, Buffer.from(xy.buffer));
    writeFileSync(script, PYTHON);
    const out = execFileSync(python, [script, spotsFile, String(FRAMES), String(SPOTS), String(MAX_DISTANCE_PX)], { maxBuffer: 1 << 28, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    peer = JSON.parse(out);
  } catch (err) {
    process.stdout.write(`scipy peer skipped: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (peer) {
    rowsOut.push(['scipy linear_sum_assignment (dense matrix)', peer.seconds.toFixed(3), String(peer.links.reduce((a, l) => a + l.length, 0)), peer.total.toFixed(3)]);
  }
  const width = rowsOut[0].map((_, c) => Math.max(...rowsOut.map((r) => r[c].length)));
  for (const r of rowsOut) process.stdout.write(r.map((v, c) => (c === 0 ? v.padEnd(width[c]) : v.padStart(width[c]))).join('  ') + '\n');
  if (peer) {
    let identical = 0;
    let total = 0;
    for (let t = 0; t < ours.length; t++) {
      const theirs = new Set(peer.links[t].map(([a, b]) => `${a}>${b}`));
      total += Math.max(ours[t].length, peer.links[t].length);
      identical += ours[t].filter(([a, b]) => theirs.has(`${a}>${b}`)).length;
    }
    process.stdout.write(`ratio scipy / cellpilot sparse: ${(peer.seconds / oursSeconds).toFixed(2)}x   scipy / cellpilot dense: ${(peer.seconds / denseSeconds).toFixed(2)}x\n`);
    process.stdout.write(`identical links: ${identical} of ${total}; total cost difference ${Math.abs(peer.total - oursTotal).toExponential(2)} (relative ${(Math.abs(peer.total - oursTotal) / peer.total).toExponential(2)})\n`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
