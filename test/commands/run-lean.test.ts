// Lean pipelines end to end: a 19-step session with dead ends (an abandoned Otsu
// segmentation measured and plotted, two denoise variants, a projection never used, a
// failed step, an undone step, questions) saves only the steps its end results need, with
// named parameters and a command that works as printed; `cellpilot run` of it on the same
// movie writes the kept results again byte for byte.
import { exec } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { ALL_TOOLS } from '../../src/agent/allTools.ts';
import { runStep } from '../../src/agent/executor.ts';
import { parsePipeline } from '../../src/agent/pipeline.ts';
import type { ProvenanceRecord } from '../../src/agent/provenance.ts';
import { Session } from '../../src/agent/session.ts';
import { simulateToFiles } from '../../src/sim/index.ts';
import { runCli } from './run-cli.ts';

let dir: string;
let session: Session;
let saved: { status: string; error?: string; summary: string; values: Record<string, unknown> };
const statuses: string[] = [];

beforeAll(async () => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'cellpilot-lean-')));
  await simulateToFiles({ frames: 5, width: 64, height: 64, cells: 4, seed: 11, driftPx: 2, divisionRate: 0 }, join(dir, 'cells.tif'), join(dir, 'cells_GT'));
  session = Session.create({ root: join(dir, 'sessions'), id: 'chat' });
  session.addInput('movie', join(dir, 'cells.tif'));
  const step = async (tool: string, args: Record<string, unknown>) => {
    const outcome = await runStep(session, ALL_TOOLS, tool, args);
    statuses.push(`${tool}:${outcome.status}`);
    return outcome;
  };
  await step('movie_info', { movie: 'movie-1' }); // s1 a question
  await step('set_calibration', { pixelSizeUm: 0.65, frameIntervalS: 300 }); // s2
  await step('correct_drift', { movie: 'movie-1' }); // s3 movie-2, table-1
  await step('denoise', { movie: 'movie-2', method: 'gaussian', sigmaPx: 1 }); // s4 movie-3 (kept)
  await step('denoise', { movie: 'movie-2', method: 'gaussian', sigmaPx: 3 }); // s5 movie-4: a variant never used
  await step('segment', { movie: 'movie-3', method: 'otsu' }); // s6 labels-1: abandoned
  await step('measure', { kind: 'objects', labels: 'labels-1' }); // s7 table-2 of the abandoned labels
  await step('plot', { kind: 'histogram', table: 'table-2', feature: 'area' }); // s8 plot-1 of them
  await step('segment', { movie: 'movie-3', method: 'li' }); // s9 labels-2
  await step('segment', { movie: 'movie-3', method: 'bogus' }); // s10 invalid
  await step('project', { movie: 'movie-2', method: 'max' }); // s11 movie-5: never used
  await step('help', { question: 'which tracker should I use for dividing nuclei?' }); // s12
  await step('track', { labels: 'labels-2', maxLinkingDistancePx: 12 }); // s13 tracks-1
  await step('measure', { kind: 'tracks', tracks: 'tracks-1' }); // s14 table-3
  await step('undo', {}); // s15 undoes s14
  await step('measure', { kind: 'links', tracks: 'tracks-1' }); // s16 table-4
  await step('plot', { kind: 'timeseries', table: 'table-4', feature: 'speed' }); // s17 plot-2
  await step('export', { format: 'trackmate', tracks: 'tracks-1' }); // s18 tracks-2
  await step('export', { format: 'csv', tracks: 'tracks-1' }); // s19 tracks-3
  // saved as a person in that folder would: `cellpilot tool save_pipeline --session chat` (sessions/ and pipelines/ are under it)
  const { CELLPILOT_SESSIONS: _s, CELLPILOT_PIPELINES: _p, ...env } = process.env;
  const r = await runCli(['tool', 'save_pipeline', '--session', 'chat', '--args', JSON.stringify({ name: 'my-nuclei' }), '--json'], { cwd: dir, env });
  saved = { status: r.code === 0 ? 'ok' : 'error', error: r.stderr, ...JSON.parse(r.stdout || '{}') };
}, 180_000);

/** The ok steps of a provenance log that made files. */
const made = (records: ProvenanceRecord[]) => records.filter((r) => r.status === 'ok' && r.outputs.length > 0 && r.tool !== 'save_pipeline');

/** Text outputs name their input files (a track file its labels, TrackMate XML its image): the run's names mapped to the session's. */
function asInSession(bytes: Buffer, path: string, renames: [string, string][]): Buffer {
  if (!['.json', '.xml', '.csv', '.svg'].includes(extname(path))) return bytes;
  let text = bytes.toString('utf8');
  for (const [from, to] of renames) text = text.split(from).join(to);
  return Buffer.from(text, 'utf8');
}

describe('lean pipelines', () => {
  it('the session has 19 steps with a failure, a question and an undo among them', () => {
    expect(statuses).toHaveLength(19);
    expect(statuses.filter((s) => !s.endsWith(':ok'))).toEqual(['segment:invalid']);
    expect(saved.status, saved.error).toBe('ok');
  });

  it('saves only the steps the end results need, with named parameters and a command that works as printed', () => {
    const pipeline = parsePipeline(readFileSync(join(dir, 'pipelines', 'my-nuclei.yaml'), 'utf8'));
    expect(pipeline.steps.map((s) => s.tool)).toEqual(['set_calibration', 'correct_drift', 'denoise', 'segment', 'track', 'measure', 'plot', 'export', 'export']);
    const parameters = pipeline.parameters ?? {};
    expect(parameters.segment_method?.value).toBe('li');
    expect(parameters.denoise_sigma_px?.value).toBe(1);
    expect(parameters.track_max_linking_distance_px).toMatchObject({ value: 12, description: expect.stringMatching(/distance|move/i) });
    expect(pipeline.steps.find((s) => s.tool === 'segment')!.args).toEqual({ movie: '${steps.denoise.movie}', method: '${params.segment_method}' });
    // what was left out is named
    expect(saved.values.leftOut).toEqual(['s5 denoise → movie-4', 's6 segment → labels-1', 's7 measure → table-2', 's8 plot → plot-1', 's11 project → movie-5']);
    expect(saved.summary).toContain(`Run it: ${saved.values.command}`);
  });

  it('runs as printed from the current folder and reproduces the kept outputs byte for byte', async () => {
    // outside the project, without cellpilot on PATH: node and the path of the bin, then the relative paths
    expect(saved.values.command).toMatch(/ run pipelines\/my-nuclei\.yaml cells\.tif --out results\/$/);
    const ran = await promisify(exec)(String(saved.values.command), { cwd: dir, timeout: 170_000 });
    expect(ran.stdout).toMatch(/my-nuclei: 1\/1 movies done/);
    const outDir = join(dir, 'results');

    session = Session.open('chat', { root: join(dir, 'sessions') });
    const sessionArtifacts = session.store.list();
    const runSession = Session.open('cells', { root: outDir });
    const runArtifacts = runSession.store.list();
    const pathOf = (list: { id: string; path: string }[], id: string) => list.find((a) => a.id === id)!.path;
    const kept = made(session.provenance.read()).filter((r) => !['s5', 's6', 's7', 's8', 's11', 's14'].includes(r.step));
    const rerun = made(runSession.provenance.read());
    expect(rerun.map((r) => r.tool)).toEqual(kept.map((r) => r.tool));
    const pairs = rerun.flatMap((r, i) => r.outputs.map((o, j) => [pathOf(runArtifacts, o.id), pathOf(sessionArtifacts, kept[i].outputs[j].id)] as const));
    const renames = pairs.flatMap(([ours, theirs]): [string, string][] => [[ours, theirs], [dirname(ours), dirname(theirs)], [basename(ours), basename(theirs)]]);
    // a plot's SVG and Vega-Lite spec lie beside its PNG
    const files = pairs.flatMap(([ours, theirs]) => (ours.endsWith('.png') ? ['.png', '.svg', '.vl.json'].map((e) => [ours.replace(/\.png$/, e), theirs.replace(/\.png$/, e)] as const) : [[ours, theirs] as const]));
    expect(files.length).toBe(11);
    for (const [ours, theirs] of files) {
      expect(asInSession(readFileSync(ours), ours, renames).equals(readFileSync(theirs)), `${basename(ours)} differs from ${basename(theirs)}`).toBe(true);
    }
  }, 180_000);
});
