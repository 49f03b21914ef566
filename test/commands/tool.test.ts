import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

describe('cellpilot tool', () => {
  it('runs a tool with --json, keeps artifact ids in a named session, and records provenance', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'cellpilot-tool-'));
    const sim = await runCli(['tool', 'simulate_movie', '--args', '{"frames":4,"width":48,"height":48,"cells":3,"seed":2}', '--json', '--session', 'work'], { cwd });
    expect(sim.code).toBe(0);
    const out = JSON.parse(sim.stdout);
    expect(out).toMatchObject({ ok: true, summary: expect.any(String), session: 'work' });
    expect(out.artifacts[0]).toMatchObject({ id: 'movie-1', type: 'movie' });
    expect(existsSync(out.artifacts[0].path)).toBe(true);
    const info = await runCli(['tool', 'movie_info', '--args', '{"movie":"movie-1"}', '--json', '--session', 'work'], { cwd });
    expect(info.code).toBe(0);
    expect(JSON.parse(info.stdout).values.shape).toMatchObject({ t: 4, x: 48, y: 48 });
    const provenance = readFileSync(join(cwd, 'sessions', 'work', 'provenance.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(provenance.map((p) => [p.step, p.tool, p.status])).toEqual([['s1', 'simulate_movie', 'ok'], ['s2', 'movie_info', 'ok']]);
    expect(provenance[1].inputs[0]).toMatchObject({ arg: 'movie', ref: 'movie-1', hash: expect.stringMatching(/^[0-9a-f]{32}$/), hashAlgorithm: 'xxh128' });
  });

  it('rejects invalid arguments with exit 2, naming the field and the allowed values', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'cellpilot-tool-'));
    const r = await runCli(['tool', 'segment', '--args', '{"movie":"x.tif","method":"magic"}', '--json'], { cwd });
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toEqual({ ok: false, error: 'segment: argument "method" must be one of "auto", "otsu", "li", "triangle", "manual", "model", "log", got "magic"' });
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    const unknown = await runCli(['tool', 'segmnt', '--args', '{}'], { cwd });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown tool "segmnt" (did you mean "segment"?)');
    // refused calls leave no session behind (each had made one, listed by cellpilot sessions)
    expect(existsSync(join(cwd, 'sessions')) ? readdirSync(join(cwd, 'sessions')) : []).toEqual([]);
    // a named session keeps the record of its refused call
    await runCli(['tool', 'segment', '--args', '{"movie":5}', '--session', 'mine'], { cwd });
    expect(readFileSync(join(cwd, 'sessions', 'mine', 'provenance.jsonl'), 'utf8')).toContain('"status":"invalid"');
  });
});
