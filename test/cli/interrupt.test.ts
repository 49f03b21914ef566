// Ctrl-C during a model run: `cellpilot run` stops cleanly. The onnxruntime runs in flight on
// the session workers end first (terminating a worker inside one aborted the process with
// "terminate called after throwing an instance of 'Napi::Error'", exit 134), the movie under
// way is reported as interrupted (not failed), the finished one as finished, the next one is
// not started, and no half-written output is left.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { simulateToFiles } from '../../src/sim/index.ts';
import { BIN, runCli } from '../commands/run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'cellpilot-interrupt-'));
const pipeline = resolve(import.meta.dirname, '..', '..', 'pipelines', 'denoise-segment.yaml');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(async () => {
  // a: short, finishes; b: long enough that the signal lands while its frames are on the session workers
  await simulateToFiles({ frames: 4, width: 256, height: 256, cells: 8, seed: 3, divisionRate: 0 }, join(dir, 'a.tif'), join(dir, 'a_GT'));
  await simulateToFiles({ frames: 48, width: 512, height: 512, cells: 30, seed: 4, divisionRate: 0 }, join(dir, 'b.tif'), join(dir, 'b_GT'));
  await simulateToFiles({ frames: 4, width: 64, height: 64, cells: 3, seed: 5, divisionRate: 0 }, join(dir, 'c.tif'), join(dir, 'c_GT'));
}, 120_000);

/** Runs the command and sends SIGINT once a stderr line matches `when`; resolves with how it ended. */
function interruptWhen(args: string[], when: RegExp): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string; signalled: boolean }> {
  return new Promise((done, fail) => {
    // two session workers whatever the machine's core count: the path that aborted
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, CELLPILOT_THREADS: '2' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let signalled = false;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => {
      stderr += d;
      if (!signalled && when.test(stderr)) {
        signalled = true;
        child.kill('SIGINT');
      }
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 240_000);
    child.on('error', fail);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      done({ code, signal, stdout, stderr, signalled });
    });
  });
}

function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

it('Ctrl-C while a model runs: exit 130, one line naming what finished and what was interrupted, no native abort, no partial file', async () => {
  const out = join(dir, 'out');
  // the first progress line of b's denoising: its frames are running on the session workers
  const r = await interruptWhen(['run', pipeline, join(dir, 'a.tif'), join(dir, 'b.tif'), join(dir, 'c.tif'), '--out', out], /\[2\/3\] b\.tif: 1\/3 denoise \d+\/48 planes denoised/);
  expect(r.signalled, r.stderr).toBe(true);
  expect(r.stderr).not.toMatch(/terminate called|Napi::Error|Aborted|core dumped/);
  expect([r.code, r.signal], r.stderr).toEqual([130, null]);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/\[1\/3\] a\.tif: done in /);
  expect(r.stderr).toMatch(/\[2\/3\] b\.tif: 1\/3 denoise interrupted \(/);
  expect(r.stderr).not.toMatch(/FAILED|movies failed/);
  const last = r.stderr.trimEnd().split('\n').at(-1);
  expect(last).toBe(`cellpilot: interrupted: 1 of 3 movies finished (a.tif); b.tif interrupted during denoise; not started: c.tif; results so far in ${out}`);

  // no half-written output: temporary files are removed, b has no denoised movie, c's folder was never made
  const files = filesUnder(out);
  expect(files.filter((f) => /\.tmp$/.test(f))).toEqual([]);
  expect(files.filter((f) => f.startsWith(join(out, 'b')) && /\.tif$/.test(f))).toEqual([]);
  expect(existsSync(join(out, 'c'))).toBe(false);
  expect(JSON.parse(readFileSync(join(out, 'a', 'results.json'), 'utf8')).status).toBe('ok');
  const b = JSON.parse(readFileSync(join(out, 'b', 'results.json'), 'utf8'));
  expect([b.status, b.error, b.steps.map((s: { status: string }) => s.status)]).toEqual(['interrupted', 'interrupted during denoise', ['cancelled']]);
  expect(readFileSync(join(out, 'summary.csv'), 'utf8')).toMatch(/c\.tif,interrupted,not started/);
}, 300_000);

it('a half-written movie that a killed run left (a second Ctrl-C ends it at once) is removed when the movie runs again', async () => {
  const out = join(dir, 'again');
  const first = await runCli(['run', pipeline, join(dir, 'c.tif'), '--out', out]);
  expect(first.code, first.stderr).toBe(0);
  const stale = join(out, 'c', 'artifacts', '.c-denoised-n2v.tif.4242-0-k3x9q2ab.tmp');
  writeFileSync(stale, 'half a movie');
  const again = await runCli(['run', pipeline, join(dir, 'c.tif'), '--out', out]);
  expect(again.code, again.stderr).toBe(0);
  expect(existsSync(stale)).toBe(false);
  expect(filesUnder(out).filter((f) => /\.tmp$/.test(f))).toEqual([]);
}, 120_000);
