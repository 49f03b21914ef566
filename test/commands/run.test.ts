// Saved pipelines run headless: the same results as in the session, one failing movie
// reported without stopping the others, and a Snakefile that Snakemake runs.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ALL_TOOLS } from '../../src/agent/allTools.ts';
import { runStep } from '../../src/agent/executor.ts';
import { Session } from '../../src/agent/session.ts';
import { simulateToFiles } from '../../src/sim/index.ts';
import { runCli } from './run-cli.ts';

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
let dir: string;
let sessionValues: Record<string, unknown>[];
let sessionLabels: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cellpilot-run-'));
  await simulateToFiles({ frames: 6, width: 64, height: 64, cells: 5, seed: 7, driftPx: 2, divisionRate: 0 }, join(dir, 'a.tif'), join(dir, 'a_GT'));
  await simulateToFiles({ frames: 6, width: 64, height: 64, cells: 5, seed: 8, divisionRate: 0 }, join(dir, 'b.tif'), join(dir, 'b_GT'));
  // build the pipeline the way a person does in chat: steps in a session, then save_pipeline
  const session = Session.create({ root: join(dir, 'sessions'), id: 'chat' });
  session.addInput('movie', join(dir, 'a.tif'));
  const drift = await runStep(session, ALL_TOOLS, 'correct_drift', { movie: 'movie-1' });
  const seg = await runStep(session, ALL_TOOLS, 'segment', { movie: drift.artifacts[0].id, method: 'otsu' });
  expect([drift.status, seg.status]).toEqual(['ok', 'ok']);
  sessionValues = [drift.values, seg.values];
  sessionLabels = sha(seg.artifacts[0].path);
  process.env.CELLPILOT_PIPELINES = join(dir, 'pipelines');
  const saved = await runStep(session, ALL_TOOLS, 'save_pipeline', { name: 'drift-seg' });
  delete process.env.CELLPILOT_PIPELINES;
  expect(saved.status).toBe('ok');
}, 60_000);

describe('cellpilot run', () => {
  it('reproduces the session on the same movie and keeps going past a missing movie', async () => {
    const r = await runCli(['run', join(dir, 'pipelines', 'drift-seg.yaml'), join(dir, 'a.tif'), join(dir, 'missing.tif'), join(dir, 'b.tif'), '--out', join(dir, 'out'), '--jobs', '2', '--json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/\[1\/3\] a\.tif: 2\/2 segment ok/);
    expect(r.stderr).toMatch(/1 of 3 movies failed: .*missing\.tif \(.*no such file\)/);
    const out = JSON.parse(r.stdout);
    expect(out.results.map((x: { status: string }) => x.status)).toEqual(['ok', 'failed', 'ok']);
    const a = out.results[0];
    // the same numbers as in the session (only the output path differs)
    expect(a.steps[0].values).toEqual(sessionValues[0]);
    expect(a.steps[1].values).toEqual({ ...sessionValues[1], path: expect.any(String) });
    const labels = JSON.parse(readFileSync(join(dir, 'out', 'a', 'artifacts.jsonl'), 'utf8').split('\n').find((l) => l.includes('"labels"'))!);
    expect(sha(labels.path)).toBe(sessionLabels);
    expect(readFileSync(join(dir, 'out', 'summary.csv'), 'utf8')).toMatch(/^movie,status,error,correct_drift\.maxDriftPx/);
    expect(existsSync(join(dir, 'out', 'b', 'provenance.jsonl'))).toBe(true);
  });

  it('a later run of one movie into the same --out brings summary.csv up to date (it kept the old row of the movie run again)', async () => {
    const before = readFileSync(join(dir, 'out', 'summary.csv'), 'utf8');
    const r = await runCli(['run', join(dir, 'pipelines', 'drift-seg.yaml'), join(dir, 'b.tif'), '--out', join(dir, 'out'), '--set', 'segment_method=li'], { cwd: dir });
    expect(r.code).toBe(0);
    const rows = readFileSync(join(dir, 'out', 'summary.csv'), 'utf8').trim().split('\n').slice(1);
    expect(rows.map((row) => row.split(',')[0].split('/').pop())).toEqual(['b.tif', 'a.tif']);
    // a's row is the one of the earlier run; b's is this run's (Li, not the Otsu of before)
    const oldRows = before.trim().split('\n').slice(1);
    expect(rows[1]).toBe(oldRows.find((row) => row.split(',')[0].endsWith('/a.tif')));
    const results = JSON.parse(readFileSync(join(dir, 'out', 'b', 'results.json'), 'utf8'));
    expect(rows[0]).toContain(`,${results.steps[1].values.objects},`);
  });

  it('one movie run into a fresh --out writes no summary.csv; a second one there says how to summarise both', async () => {
    const out = join(dir, 'one-by-one');
    const first = await runCli(['run', join(dir, 'pipelines', 'drift-seg.yaml'), join(dir, 'a.tif'), '--out', out], { cwd: dir });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).not.toMatch(/summary/);
    const second = await runCli(['run', join(dir, 'pipelines', 'drift-seg.yaml'), join(dir, 'b.tif'), '--out', out], { cwd: dir });
    expect(second.code, second.stderr).toBe(0);
    expect(existsSync(join(out, 'summary.csv'))).toBe(false);
    expect(second.stdout).toContain(`; summary.csv of the 2 movies there: `);
    expect(second.stdout).toMatch(/ run \S*drift-seg\.yaml --out \S*one-by-one --summary-only\n$/);
  });

  it('--summary-only writes summary.csv from the movie folders in --out and runs nothing; it refuses movies named with it', async () => {
    const { rmSync } = await import('node:fs');
    const before = readFileSync(join(dir, 'out', 'summary.csv'), 'utf8');
    rmSync(join(dir, 'out', 'summary.csv'));
    const r = await runCli(['run', join(dir, 'pipelines', 'drift-seg.yaml'), '--out', join(dir, 'out'), '--summary-only'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('drift-seg: summary of 2 movies in');
    // the same header and rows (in folder order: a, then b)
    const lines = (text: string) => text.trim().split('\n');
    const after = lines(readFileSync(join(dir, 'out', 'summary.csv'), 'utf8'));
    expect(after[0]).toBe(lines(before)[0]);
    expect(after.slice(1)).toEqual(lines(before).slice(1).sort());
    const withMovie = await runCli(['run', join(dir, 'pipelines', 'drift-seg.yaml'), join(dir, 'a.tif'), '--out', join(dir, 'out'), '--summary-only'], { cwd: dir });
    expect(withMovie.code).toBe(2);
    expect(withMovie.stderr).toMatch(/--summary-only runs no movie, but 1 was named/);
    const empty = await runCli(['run', join(dir, 'pipelines', 'drift-seg.yaml'), '--out', join(dir, 'a_GT'), '--summary-only'], { cwd: dir });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/holds no movie folder of pipeline "drift-seg"/);
  });

  it('exports a Snakefile with a rule per movie that Snakemake runs', async () => {
    const exported = await runCli(['export', 'snakemake', join(dir, 'pipelines', 'drift-seg.yaml'), join(dir, 'a.tif'), '--out', join(dir, 'smk')], { cwd: dir });
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/^rule run_a:$/m);
    expect(exported.stdout).toContain(' run {params.pipeline:q} {params.movie:q} --out {params.out:q}');
    const which = spawnSync('sh', ['-c', 'command -v snakemake']);
    if (which.status !== 0) {
      console.log('snakemake is not installed: skipping the Snakemake run');
      return;
    }
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'Snakefile'), exported.stdout);
    const smk = spawnSync('snakemake', ['--cores', '2', '-s', join(dir, 'Snakefile')], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    expect(smk.status, smk.stderr.slice(-800)).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'smk', 'a', 'results.json'), 'utf8')).status).toBe('ok');
    // once every movie has run, one summary.csv of them all (each job alone writes none)
    expect(readFileSync(join(dir, 'smk', 'summary.csv'), 'utf8')).toMatch(/^movie,status,error,correct_drift\.maxDriftPx[^\n]*\n[^\n]*\/a\.tif,ok,/);
  }, 120_000);
});
