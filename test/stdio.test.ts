// Output of a command without Node's stdout stream (src/stdio.ts): a `tool` command run by
// bin/cellpilot.js prints through fd 1 and never makes process.stdout or process.stderr
// (node:stream, node:net for a pipe); output larger than a pipe holds arrives whole and in
// order, also when the pipe is non-blocking (EAGAIN: the rest goes through process.stdout).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const STDIO = pathToFileURL(join(ROOT, 'src', 'stdio.ts')).href;
const dir = mkdtempSync(join(tmpdir(), 'cellpilot-stdio-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PARTS = ['a', 'b', 'c'].map((p) => p.repeat(100000) + '\n');

describe('stdout without a stream', () => {
  it('a tool command run by bin/cellpilot.js prints its result and makes neither stream', () => {
    // at exit, the streams bin/cellpilot.js saw made
    const report = join(dir, 'report.cjs');
    writeFileSync(report, `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(join(dir, 'made.json'))}, JSON.stringify([...globalThis[Symbol.for('cellpilot.stdioMade')]])));`);
    const r = spawnSync(process.execPath, ['-r', report, join(ROOT, 'bin', 'cellpilot.js'), 'tool', 'simulate_movie', '--args', JSON.stringify({ frames: 2, width: 32, height: 32, cells: 2, seed: 1, output: join(dir, 'sim.tif') })], {
      cwd: dir, encoding: 'utf8', timeout: 120_000, env: { ...process.env, CELLPILOT_SESSIONS: join(dir, 'sessions') },
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/\nsession \S+ \(continue with --session \S+\)\n$/);
    expect(JSON.parse(readFileSync(join(dir, 'made.json'), 'utf8'))).toEqual([]);
  }, 120000);

  it('writes more than a pipe holds whole and in order, straight or through process.stdout when the pipe would block', () => {
    const script = `
globalThis[Symbol.for('cellpilot.stdioMade')] = new Set();
const { writeStdout } = await import(${JSON.stringify(STDIO)});
for (const part of ${JSON.stringify(PARTS.map((p) => p[0]))}) writeStdout(part.repeat(100000) + '\\n');`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 22, timeout: 60_000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(PARTS.join(''));
  });
});
