// The Snakefile runs every movie it is given, each into the folder `cellpilot run` gives it,
// and takes frame patterns as `run` does.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { movieStem } from '../../src/image/moviePath.ts';
import type { Pipeline } from '../../src/agent/pipeline.ts';
import { snakefile } from '../../src/agent/snakemake.ts';

const pipeline = { name: 'p', version: 1, inputs: { movie: { type: 'movie' } }, steps: [{ id: 'segment', tool: 'segment', args: { movie: '${inputs.movie}' } }] } as unknown as Pipeline;
const dir = mkdtempSync(join(tmpdir(), 'cellpilot-smk-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const hasSnakemake = spawnSync('sh', ['-c', 'command -v snakemake']).status === 0;
if (!hasSnakemake) console.warn('snakemake is not installed: skipping the Snakemake dry runs');

/** The shell commands of a Snakemake dry run (-n -p), one per job. */
function dryRun(text: string, config: string[] = []): { status: number | null; commands: string[]; summary: string[]; stderr: string } {
  const file = join(dir, `Snakefile-${Math.random().toString(36).slice(2)}`);
  writeFileSync(file, text);
  const r = spawnSync('snakemake', ['-n', '-p', '--cores', '1', '-s', file, ...(config.length ? ['--config', ...config] : [])], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  const out = r.stdout + r.stderr;
  const runs = out.split('\n').filter((l) => / run .*--out /.test(l));
  // the movies' jobs, and the one that writes summary.csv of them all
  return { status: r.status, commands: runs.filter((l) => !l.includes('--summary-only')), summary: runs.filter((l) => l.includes('--summary-only')), stderr: out };
}

describe('snakefile', () => {
  mkdirSync(join(dir, 'a'));
  mkdirSync(join(dir, 'b'));
  mkdirSync(join(dir, 'series'));
  for (const f of ['a/cells.tif', 'b/cells.tif', 'series/t000.tif', 'series/t001.tif', '.x.tif', 'day 1 é.tif', 'two ch.tif']) writeFileSync(join(dir, f), '');

  it('refuses two movies that would share an output folder instead of running one of them', () => {
    expect(() => snakefile(pipeline, { pipelinePath: 'p.yaml', movies: [join(dir, 'a/cells.tif'), join(dir, 'b/cells.tif')] })).toThrow(/share the output folder "cells": .*a\/cells\.tif and .*b\/cells\.tif/);
  });

  it.skipIf(!hasSnakemake)('with movies from the config: two with one stem stop the run with both named; each runs into run\'s own folder name', () => {
    const text = snakefile(pipeline, { pipelinePath: 'p.yaml', command: 'cellpilot' });
    const clash = dryRun(text, [`movies=${join(dir, 'a/cells.tif')} ${join(dir, 'b/cells.tif')}`]);
    expect(clash.status).not.toBe(0);
    expect(clash.stderr).toMatch(/share the output folder 'cells'/);
    // a leading dot: run writes "_x", so must the Snakefile (it expected ".x" before)
    const dotted = dryRun(text, [`movies=${join(dir, '.x.tif')}`, 'out=res']);
    expect(dotted.status, dotted.stderr.slice(-600)).toBe(0);
    expect(dotted.commands.join('\n')).toContain(`> res/logs/${movieStem('.x.tif')}.log`);
  });

  it.skipIf(!hasSnakemake)('movies from the config with spaces in their names, quoted as in a shell, are one job each (they were split into missing files)', () => {
    const text = snakefile(pipeline, { pipelinePath: 'p.yaml', command: 'cellpilot' });
    const r = dryRun(text, [`movies='${join(dir, 'day 1 é.tif')}' "${join(dir, 'two ch.tif')}" ${join(dir, 'a/cells.tif')}`]);
    expect(r.status, r.stderr.slice(-600)).toBe(0);
    expect(r.commands).toHaveLength(3);
    // then one job writes summary.csv of the three (each movie's job alone writes none)
    expect(r.summary).toHaveLength(1);
    expect(r.summary[0]).toMatch(/ run \S*\/p\.yaml --out results --summary-only$/);
    expect(r.commands.join('\n')).toContain(`'${join(dir, 'day 1 é.tif')}' --out`);
    expect(r.commands.join('\n')).toContain(`'${join(dir, 'two ch.tif')}' --out`);
  });

  it.skipIf(!hasSnakemake)('a frame pattern is handed to run as written, its folder checked as the input (in both forms)', () => {
    const pattern = join(dir, 'series', 't{t:3}.tif');
    for (const [text, config] of [
      [snakefile(pipeline, { pipelinePath: 'p.yaml', command: 'cellpilot', movies: [pattern] }), []],
      [snakefile(pipeline, { pipelinePath: 'p.yaml', command: 'cellpilot' }), [`movies=${pattern}`]],
    ] as const) {
      const r = dryRun(text, [...config]);
      expect(r.status, r.stderr.slice(-600)).toBe(0);
      expect(r.commands).toHaveLength(1);
      expect(r.commands[0]).toContain(`'${pattern}' --out`);
    }
  });
});
