// Tracking on foreign ground truth (Cell Tracking Challenge Fluo-N2DH-SIM+ 02: another group's simulated
// HL60 nuclei, fast, with full lineage), first frames only. Skips with a message where ../shared is absent.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listCtcFrames, readMaskFrame } from '../../src/analysis/ctc.ts';
import { readTableCsv } from '../../src/analysis/table.ts';
import { mulberry32 } from '../../src/random.ts';
import { openMovie } from '../../src/image/index.ts';
import { trackLabelsWithEvidence } from '../../src/analysis/track.ts';
import { evaluateCtc, sequenceFromFolder, sequenceFromTracks } from '../../src/analysis/metrics.ts';
import { createToolContext } from '../../src/agent/artifacts.ts';
import { loadPipeline } from '../../src/agent/pipeline.ts';
import type { ToolSpec } from '../../tools/types.ts';
import { ctcDataset, datasetPresent } from '../../models/training/real-data.ts';
import { evaluateTracking, truthOfFirstFrames } from '../../models/training/eval-tracking.ts';

const data = ctcDataset('simplus02');
const present = datasetPresent(data);
if (!present) console.log(`skipping tracking on SIM+ 02: ${data.images} not found`);
// few frames: each test runs in seconds on 2 shared cores (the full movie is scored in models/training/eval-tracking.ts)
const FRAMES = 30;

describe.skipIf(!present)(`tracking SIM+ 02 (first ${FRAMES} frames), defaults`, () => {
  it('the ground-truth masks through the track tool and the CTC export: TRA >= 0.99, every division kept is true', async () => {
    const r = (await evaluateTracking('simplus02', 'truth', FRAMES))!;
    expect(r.labelsDET).toBe(1);
    console.log(`SIM+ 02 truth masks, ${FRAMES} frames: TRA ${r.TRA.toFixed(4)}; divisions P ${r.divisions.precision.toFixed(2)} R ${r.divisions.recall.toFixed(2)} (${r.divisions.result} of ${r.divisions.reference}); ${JSON.stringify(r.track)}`);
    // measured: TRA 0.999 (150 frames 0.9992), precision 1
    expect(r.TRA).toBeGreaterThanOrEqual(0.99);
    expect(r.divisions.precision).toBeGreaterThanOrEqual(0.9);
    expect(r.divisions.recall).toBeGreaterThanOrEqual(0.5);
    // fast nuclei: the linking distance chosen from the movie reaches their largest steps (~18 px)
    expect(r.track.maxLinkingDistancePx as number).toBeGreaterThanOrEqual(20);
  }, 60_000);

  it('segment, track and CTC export on a cut of the movie (first 4 frames): the exported masks score as the segmentation alone (frame t -> mask t)', async () => {
    // Issue 12: on this cut the defaults score DET ~0.08 (the movie-chosen Otsu threshold outlines a third of each
    // textured nucleus); tracking and export must neither hide nor cause that: a frame offset or lost objects in the
    // export would open a gap between the two.
    const r = (await evaluateTracking('simplus02', 'steps', 4))!; // segment tool: ~2 s of CPU a frame of 1010 x 658
    console.log(`SIM+ 02 steps, 4 frames: TRA ${r.TRA.toFixed(4)} DET ${r.DET.toFixed(4)}, segmentation alone DET ${r.labelsDET.toFixed(4)}; ${r.notes[0]}`);
    expect(r.frames).toBe(4);
    expect(Math.abs(r.DET - r.labelsDET)).toBeLessThanOrEqual(0.005);
  }, 120_000);

  it('a wild drift table (a registration fooled by moving nuclei) does not throw the linking off', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'track-real-'));
    for (const [t, path] of listCtcFrames(join(data.truth, 'SEG'), 'man_seg')) if (t < FRAMES) symlinkSync(path, join(dir, `mask${String(t).padStart(3, '0')}.tif`));
    const labels = await openMovie(dir);
    const frames = labels.shape.t;
    // the nuclei do not drift; the table claims random steps of 8 to 20 px from frame to frame
    const rand = mulberry32(7);
    const drift = [{ dxPx: 0, dyPx: 0 }];
    for (let t = 1; t < frames; t++) {
      const [step, angle] = [8 + 12 * rand(), 2 * Math.PI * rand()];
      drift.push({ dxPx: drift[t - 1].dxPx + step * Math.cos(angle), dyPx: drift[t - 1].dyPx + step * Math.sin(angle) });
    }
    const { tracks, driftCheck } = await trackLabelsWithEvidence(labels, { distancesFromMovie: true, driftPx: drift });
    const scores = await evaluateCtc(truthOfFirstFrames(data, frames), sequenceFromTracks(tracks, labels));
    await labels.close();
    rmSync(dir, { recursive: true, force: true });
    console.log(`SIM+ 02 with a wild drift table: ${driftCheck!.rejectedFrames.length} of ${driftCheck!.checkedSteps} steps left out; TRA ${scores.TRA.toFixed(4)}`);
    expect(driftCheck!.rejectedFrames.length).toBeGreaterThanOrEqual(0.9 * driftCheck!.checkedSteps);
    expect(scores.TRA).toBeGreaterThanOrEqual(0.99);
  }, 60_000);

  it("the shipped pipeline's drift step (nuclei-tracking.yaml, its own arguments) on a movie with no stage drift: no wild step (none 3 px beyond the cells' largest common step), TRA with its table not lower than without", async () => {
    // Issue 12: on SIM+ 02 (fast nuclei, no stage drift) the drift step once applied steps up to 18 px (46 px in all), and on a
    // real nuclei movie up to 280 px, which took the pipeline to TRA 0.06. The truth masks isolate the drift's effect on linking.
    // SIM+ 02's nuclei do share a motion: their median displacement is 0.3-3.1 px per frame (11 px over the first 30
    // frames), which no registration can tell from a stage drift; the step must follow that, not invent steps.
    const dir = mkdtempSync(join(tmpdir(), 'track-real-drift-'));
    const FRAMES = 12; // the drift estimate is the slow part (about a minute of CPU on 30 frames of 1010 x 658)
    try {
      const [movie, truth] = [join(dir, 'movie'), join(dir, 'truth')];
      mkdirSync(movie);
      mkdirSync(truth);
      for (const [t, path] of listCtcFrames(data.images, 't')) if (t < FRAMES) symlinkSync(path, join(movie, `t${String(t).padStart(3, '0')}.tif`));
      for (const [t, path] of listCtcFrames(join(data.truth, 'SEG'), 'man_seg')) if (t < FRAMES) symlinkSync(path, join(truth, `mask${String(t).padStart(3, '0')}.tif`));
      const modules = await Promise.all([import('../../tools/preprocess.ts'), import('../../tools/track.ts')]);
      const tools = new Map<string, ToolSpec>(modules.flatMap((m) => m.tools).map((t) => [t.name, t as ToolSpec]));
      const ctx = createToolContext({ sessionDir: join(dir, 'session') });
      const call = async (name: string, args: Record<string, unknown>) => {
        const spec = tools.get(name)!;
        return (await spec.run(spec.schema.parse(args) as never, ctx)) as { summary: string; values: Record<string, unknown>; artifacts: { id: string; path: string }[] };
      };
      const pipeline = loadPipeline(fileURLToPath(new URL('../../pipelines/nuclei-tracking.yaml', import.meta.url)));
      const step = pipeline.steps.find((s) => s.tool === 'correct_drift');
      const tra = async (trackArgs: Record<string, unknown>) => {
        const tracked = await call('track', { labels: truth, movie, ...trackArgs });
        const exported = await call('export', { format: 'ctc', tracks: tracked.artifacts[0].id });
        return { TRA: (await evaluateCtc(truthOfFirstFrames(data, FRAMES), sequenceFromFolder(exported.artifacts[0].path))).TRA, values: tracked.values };
      };
      const without = await tra({});
      if (!step) {
        console.log('nuclei-tracking.yaml has no drift step: nothing to weigh');
        return;
      }
      const args = Object.fromEntries(Object.entries(step.args).map(([k, v]) => [k, v === '${inputs.movie}' ? movie : v]));
      const drift = await call('correct_drift', args);
      const table = drift.artifacts.find((a) => a.id.startsWith('table'))!;
      const withDrift = await tra({ drift: table.id });
      // the cells' common motion per step: the median displacement of the nuclei the truth follows (matched by label)
      const common = await commonSteps(FRAMES);
      const rows = readTableCsv(table.path).rows.map((r) => [r.dx_px as number, r.dy_px as number]);
      const offBy = rows.slice(1).map((r, k) => Math.hypot(r[0] - rows[k][0] - common[k + 1][0], r[1] - rows[k][1] - common[k + 1][1]));
      const largestCommon = Math.max(...common.map((c) => Math.hypot(...c)));
      // the drift against the cells' accumulated common motion, and applying nothing against it
      let [x, y] = [0, 0];
      const [errors, nothing] = [[] as number[], [] as number[]];
      common.forEach((c, t) => ((x += c[0]), (y += c[1]), errors.push(Math.hypot(rows[t][0] - x, rows[t][1] - y)), nothing.push(Math.hypot(x, y))));
      const rms = (v: number[]) => Math.sqrt(v.reduce((a, e) => a + e * e, 0) / v.length);
      console.log(`SIM+ 02 (${FRAMES} frames), the pipeline's drift step: ${drift.summary}\n largest step ${drift.values.largestStepPx} px (the cells' common motion up to ${largestCommon.toFixed(2)} px per frame), steps off it by up to ${Math.max(...offBy).toFixed(2)} px; drift RMS ${rms(errors).toFixed(2)} px from the common motion against ${rms(nothing).toFixed(2)} px for nothing; applied ${drift.values.commonMotionApplied}; TRA with its table ${withDrift.TRA.toFixed(4)} (${withDrift.values.driftStepsNotApplied} steps left out by the objects), without ${without.TRA.toFixed(4)}`);
      // measured (30 frames, 14:20 UTC): largest step 4.04 px (common motion up to 3.08 px), steps off it by up to 6 px, drift
      // RMS 14.1 px from the common motion against 10.7 px for applying nothing (image registration agreed with the objects on
      // 5 of 14 steps): the table is no help here, but the track step's object check keeps it from costing TRA (0.9984 both).
      // Not yet met: largest step under 3 px and a drift nearer the common motion than nothing (open, see models/README.md).
      expect(drift.values.largestStepPx as number).toBeLessThan(largestCommon + 3);
      expect(withDrift.TRA).toBeGreaterThanOrEqual(without.TRA - 1e-9);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 600_000);
});

/** Median displacement (px) of the nuclei of SIM+ 02's TRA masks from each frame to the next, matched by label; index 0 is no step. */
async function commonSteps(frames: number): Promise<[number, number][]> {
  const files = listCtcFrames(join(data.truth, 'TRA'), 'man_track');
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1];
  const steps: [number, number][] = [[0, 0]];
  let previous: Map<number, [number, number]> | undefined;
  for (let t = 0; t < frames; t++) {
    const { planes, width } = await readMaskFrame(files.get(t)!);
    const sums = new Map<number, [number, number, number]>();
    planes[0].forEach((label, i) => {
      if (!label) return;
      const s = sums.get(label) ?? [0, 0, 0];
      (s[0] += 1), (s[1] += i % width), (s[2] += Math.floor(i / width));
      sums.set(label, s);
    });
    const centres = new Map([...sums].map(([label, s]) => [label, [s[1] / s[0], s[2] / s[0]] as [number, number]]));
    if (previous) {
      const moved = [...centres].filter(([label]) => previous!.has(label)).map(([label, c]) => [c[0] - previous!.get(label)![0], c[1] - previous!.get(label)![1]]);
      steps.push([median(moved.map((m) => m[0])), median(moved.map((m) => m[1]))]);
    }
    previous = centres;
  }
  return steps;
}
