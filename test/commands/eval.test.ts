import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

describe('cellpilot eval', () => {
  it('prints per-case results with the difference, the pass rate and the latency; exit 1 when a case fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cellpilot-evalcmd-'));
    writeFileSync(
      join(dir, 'suite.yaml'),
      [
        'suite: mini',
        'cases:',
        '  - id: ok',
        '    turns: ["segment channel 2 with li"]',
        '    expect: { calls: [{ tool: segment, args: { channel: 2, method: li } }] }',
        '  - id: wrong-on-purpose',
        '    turns: ["segment the nuclei"]',
        '    expect: { calls: [{ tool: segment, args: { method: triangle } }] }',
      ].join('\n'),
    );
    const r = await runCli(['eval', join(dir, 'suite.yaml'), '--model', 'offline'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^PASS {2}mini\/ok/m);
    expect(r.stdout).toMatch(/^FAIL {2}mini\/wrong-on-purpose/m);
    expect(r.stdout).toContain('call 1 segment.method: expected "triangle", got nothing');
    expect(r.stdout).toMatch(/passed 1\/2 \(50\.0%\)/);
    expect(r.stdout).toMatch(/planner latency per turn: mean [\d.]+ ms, p95 [\d.]+ ms/);
  });
});
