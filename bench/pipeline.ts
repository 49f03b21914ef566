// Whole-analysis benchmark (issue 16's last row): "drift, segment, track, measure" on a simulated
// 512x512 x 100 movie of moving, dividing nuclei with 20 px of stage drift, as a user runs it:
// `cellpilot run PIPELINE.yaml movie.tif --out DIR` (a fresh process, start-up, reading the
// movie and writing the results included) against one Python script that does the same work
// with scikit-image / SciPy as a competent user writes it (float32 frames, vectorised):
// - drift: each frame against the previous one, phase_cross_correlation upsample 20, accumulated
//   (ours: reference "previous", upsample 20, the table only);
// - segmentation: Gaussian sigma 2, Otsu, hole filling, objects of 20 px or more, EDT smoothed
//   by 1 px, peak_local_max 4 px apart, marker watershed (ours: method "otsu", the same sizes,
//   every seed split: minSeedDepthPx 0; target "nuclei", as the script knows and as the planner
//   reads "segment the nuclei": left "auto", the tool first tells nuclei from whole cells by the
//   objects' shapes, ~1.9 s of one core on this movie that the script does not spend);
// - tracking: frame-to-frame linking of the centroids, corrected by the drift table, as a linear
//   assignment of squared distances up to 15 px (SciPy linear_sum_assignment; ours: the LAP
//   tracker with the same distance, gap closing, divisions and the repair over time off);
// - measurement: per object and frame area, perimeter, ellipse axes, eccentricity, orientation,
//   centroid and intensity mean / median / min / max / std / sum with its track id, written as
//   a CSV (regionprops_table and ndimage statistics; ours: measure on the tracks).
// Both sides print counts (objects, links, rows) so that "same work" is checked. On an
// oversubscribed machine the sides start together (runTogether: the shorter one started again
// while the longer runs), else they run back to back; the ratio is peer / ours of whole-command
// wall time (each side on the threads it uses by default: ours 2, NumPy's defaults), with CPU
// beside it and the load average. Run: node bin/run-ts.js bench/pipeline.ts
// (BENCH_PIPELINE_FRAMES, default 100).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeMovie } from '../src/image/index.ts';
import { simulate } from '../src/sim/index.ts';
import { alternate, alternateTogether, commandSide, loadNote, pairedRatio, PEER_SEGMENT_FRAME, PYTHON, pythonPeer, rerunNote, rerunWanted, runOnce, s, samplesNote, summaryRow, togetherWanted, type Comparison, type Side } from './_harness.ts';

const FRAMES = Number(process.env.BENCH_PIPELINE_FRAMES ?? 100);
const SIZE = 512;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** Largest frame-to-frame move linked, px, on both sides (the simulated nuclei move ~1 px per frame, the stage up to 20 px in all). */
const LINK_PX = 15;

/** The pipeline our side runs: the same work as PEER (see the header). */
export function pipelineYaml(): string {
  const segment = { method: 'otsu', target: 'nuclei', objects: 'bright', sigmaPx: 2, minAreaPx: 20, minSeedDistancePx: 4, minSeedDepthPx: 0 };
  const track = { maxLinkingDistancePx: LINK_PX, allowGapClosing: false, allowSplitting: false, checkDivisions: false, repairOverTime: false };
  const args = (o: Record<string, unknown>) => Object.entries(o).map(([k, v]) => `      ${k}: ${typeof v === 'string' ? `"${v}"` : v}`).join('\n');
  return `name: bench-drift-segment-track-measure
description: "drift table, segmentation, frame-to-frame tracking, per-object measurements"
version: 1
inputs:
  movie:
    type: movie
    description: a time-lapse of fluorescent nuclei
steps:
  - id: correct_drift
    tool: correct_drift
    args:
      movie: \${inputs.movie}
      writeMovie: false
      reference: "previous"
      upsampleFactor: 20
  - id: segment
    tool: segment
    args:
      movie: \${inputs.movie}
${args(segment)}
  - id: track
    tool: track
    args:
      labels: \${steps.segment.labels}
      movie: \${inputs.movie}
      drift: \${steps.correct_drift.table}
${args(track)}
  - id: measure
    tool: measure
    args:
      tracks: \${steps.track.tracks}
      movie: \${inputs.movie}
`;
}

const PEER = String.raw`
import sys, json, time, os
import numpy as np, tifffile
from scipy import ndimage as ndi
from scipy.optimize import linear_sum_assignment
from scipy.spatial.distance import cdist
from skimage.registration import phase_cross_correlation
from skimage.filters import gaussian, threshold_otsu
from skimage.measure import label, regionprops_table
from skimage.morphology import remove_small_objects
from skimage.feature import peak_local_max
from skimage.segmentation import watershed
src, out_dir, link_px = sys.argv[1], sys.argv[2], float(sys.argv[3])
movie = tifffile.imread(src).astype(np.float32)
# drift: each frame against the previous one, accumulated
steps = [np.zeros(2)] + [phase_cross_correlation(movie[t - 1], movie[t], upsample_factor=20)[0] for t in range(1, len(movie))]
shifts = np.cumsum(steps, axis=0)
np.savetxt(os.path.join(out_dir, 'drift.csv'), np.column_stack([np.arange(len(movie)), -shifts[:, 1], -shifts[:, 0]]), delimiter=',', header='t,dx_px,dy_px', comments='')
${PEER_SEGMENT_FRAME}
labels = np.stack([segment(f) for f in movie]).astype(np.uint16)
tifffile.imwrite(os.path.join(out_dir, 'labels.tif'), labels)
# measurements per object and frame
props = ('label', 'area', 'perimeter', 'major_axis_length', 'minor_axis_length', 'eccentricity', 'orientation', 'centroid', 'intensity_mean', 'intensity_min', 'intensity_max')
tables = []
for t in range(len(movie)):
    tab = regionprops_table(labels[t], intensity_image=movie[t], properties=props)
    ids = tab['label']
    tab['intensity_median'] = np.array(ndi.median(movie[t], labels[t], ids)) if len(ids) else np.zeros(0)
    tab['intensity_std'] = np.array(ndi.standard_deviation(movie[t], labels[t], ids)) if len(ids) else np.zeros(0)
    tab['intensity_sum'] = np.array(ndi.sum(movie[t], labels[t], ids)) if len(ids) else np.zeros(0)
    tab['t'] = np.full(len(ids), t)
    tables.append(tab)
# frame-to-frame linking of drift-corrected centroids (squared distances, at most link_px)
track_of = [np.arange(len(tables[0]['label']))]
next_track, links = len(tables[0]['label']), 0
for t in range(1, len(movie)):
    a = np.column_stack([tables[t - 1]['centroid-0'] - shifts[t - 1][0], tables[t - 1]['centroid-1'] - shifts[t - 1][1]])
    b = np.column_stack([tables[t]['centroid-0'] - shifts[t][0], tables[t]['centroid-1'] - shifts[t][1]])
    ids = np.full(len(b), -1)
    if len(a) and len(b):
        cost = cdist(a, b, 'sqeuclidean')
        cost[cost > link_px ** 2] = 1e9
        rows, cols = linear_sum_assignment(cost)
        ok = cost[rows, cols] <= link_px ** 2
        ids[cols[ok]] = track_of[-1][rows[ok]]
        links += int(ok.sum())
    fresh = ids < 0
    ids[fresh] = np.arange(next_track, next_track + fresh.sum())
    next_track += int(fresh.sum())
    track_of.append(ids)
rows = 0
with open(os.path.join(out_dir, 'objects.csv'), 'w') as f:
    keys = [k for k in tables[0] if k != 'label']
    f.write(','.join(['track_id', 'label'] + keys) + '\n')
    for t, tab in enumerate(tables):
        cols = [track_of[t], tab['label']] + [tab[k] for k in keys]
        for r in range(len(tab['label'])):
            f.write(','.join(repr(float(c[r])) if isinstance(c[r], np.floating) else str(c[r]) for c in cols) + '\n')
            rows += 1
print(json.dumps({'objects': rows, 'links': links, 'tracks': next_track}))
`;

/** The number of data rows of the objects CSV that our `run` wrote under `dir`. */
function objectRows(dir: string): number {
  const csv = walk(dir).filter((f) => f.endsWith('.csv') && /objects|measure/i.test(f)).sort((a, b) => statSync(b).size - statSync(a).size)[0];
  return csv ? readFileSync(csv, 'utf8').trim().split('\n').length - 1 : 0;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

export async function run(): Promise<void> {
  const missing = pythonPeer(['numpy', 'tifffile', 'scipy', 'skimage']);
  const dir = mkdtempSync(join(tmpdir(), 'cellpilot-bench-pipeline-'));
  try {
    const sim = simulate({ width: SIZE, height: SIZE, frames: FRAMES, driftPx: 20, seed: 3, cells: 120 });
    const moviePath = join(dir, 'nuclei.tif');
    await writeMovie(moviePath, sim.movie);
    const pipeline = join(dir, 'drift-segment-track-measure.yaml');
    writeFileSync(pipeline, pipelineYaml());
    console.log(`drift, segment, track, measure: ${FRAMES} frames of ${SIZE}x${SIZE}, moving and dividing nuclei, 20 px drift; whole commands (cellpilot run against one Python script), fresh process per run, ${ROUNDS} rounds; ${loadNote()}`);
    if (missing) return void console.log(missing);
    const ourOut = join(dir, 'ours');
    const peerOut = join(dir, 'peer');
    const fresh = (path: string) => () => {
      rmSync(path, { recursive: true, force: true });
      mkdirSync(path, { recursive: true });
    };
    const ours: Side = commandSide('cellpilot run', ['run', pipeline, moviePath, '--out', ourOut], { before: fresh(ourOut) });
    const peer: Side = { label: 'scikit-image/SciPy script', command: PYTHON, args: ['-c', PEER, moviePath, peerOut, String(LINK_PX)], before: fresh(peerOut) };
    const together = togetherWanted();
    console.log(together ? 'both sides started together in each round (machine oversubscribed; the shorter one started again while the longer runs)' : 'the two sides back to back in each round, in both orders');
    // alternateTogether meets a new command bundle with an untimed run; back to back, one untimed round first
    const measure = (warmup: boolean) => (together ? alternateTogether([ours, peer], ROUNDS) : alternate([ours, peer], ROUNDS, warmup));
    const c = measure(true);
    const again = rerunWanted() ? measure(false) : undefined;
    // Started together, our runs still going when the peer ended were stopped, maybe in the middle of
    // writing the results: the counts come from one more run, untimed.
    if (together) runOnce(ours);
    const rows = objectRows(ourOut);
    const peerReport = c.samples[1][0].report;
    const ratios = (x: Comparison) => ({ wall: pairedRatio(x, 0, 1, (r) => r.wallS), cpu: pairedRatio(x, 0, 1, (r) => r.cpuS) });
    const line = (x: Comparison) => {
      const r = ratios(x);
      return `${r.wall.ratio.toFixed(2)} wall (rounds ${r.wall.low.toFixed(2)}-${r.wall.high.toFixed(2)}), ${r.cpu.ratio.toFixed(2)} CPU; load average ${x.load.toFixed(1)}`;
    };
    console.log('| implementation | whole command wall | whole command CPU | objects measured |');
    console.log('|---|---|---|---|');
    console.log(`| cellpilot run (correct_drift, segment, track, measure), 2 threads | ${s(c.wallS[0])} | ${s(c.cpuS[0])} | ${rows} |`);
    console.log(`| scikit-image / SciPy script (float32), NumPy default threads | ${s(c.wallS[1])} | ${s(c.cpuS[1])} | ${peerReport.objects} (${peerReport.links} links, ${peerReport.tracks} tracks) |`);
    console.log(`ratio script / cellpilot (median of the rounds' ratios): ${line(c)}`);
    for (const x of again ? [c, again] : [c]) ['cellpilot run', 'scikit-image/SciPy script'].forEach((name, i) => console.log(samplesNote(x, i, name)));
    const first = ratios(c).wall.ratio;
    const rerun = again ? ratios(again).wall.ratio : undefined;
    if (again) console.log(`rerun from fresh processes: ${line(again)}; against the first run: ${rerunNote(first, rerun)}`);
    summaryRow({
      work: `drift, segment, track, measure ${FRAMES} x 512² (cellpilot run vs one scikit-image/SciPy script)`,
      metric: `wall, whole command, ${together ? 'sides started together' : 'back-to-back pairs'}`,
      ours: `${s(c.wallS[0])} (${s(c.cpuS[0])} CPU)`,
      peer: `${s(c.wallS[1])} (${s(c.cpuS[1])} CPU)`,
      ratio: first,
      ...(again ? { rerun, rerunLoad: again.load } : {}),
      goal: '>= 1.2',
      load: c.load,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) await run();
