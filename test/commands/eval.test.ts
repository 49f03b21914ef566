import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

describe('cellpilot eval', () => {
  it('prints per-case results with the difference, the pass rate per file and overall (held-out apart) and the latency; exit 1 when a case fails', async () => {
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
    mkdirSync(join(dir, 'heldout'));
    writeFileSync(
      join(dir, 'heldout', 'people.yaml'),
      ['suite: people', 'heldout: true', 'cases:', '  - id: no-track', '    turns: ["segment the nuclei"]', '    expect: { calls: [{ tool: segment }], forbid: [track] }'].join('\n'),
    );
    const r = await runCli(['eval', dir, '--model', 'offline'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^PASS {2}mini\/ok/m);
    expect(r.stdout).toMatch(/^FAIL {2}mini\/wrong-on-purpose/m);
    expect(r.stdout).toContain('call 1 segment.method: expected "triangle", got nothing');
    // a held-out case is measured, never listed (nor one of a -check companion)
    expect(r.stdout).not.toMatch(/no-track/);
    expect(r.stdout).toMatch(/^1 case of held-out and -check files not listed: they are measured, never read; their totals are below$/m);
    // per file, held-out files marked, then overall with tuned and held-out apart
    expect(r.stdout).toMatch(/^ {2}heldout\/people\.yaml +1\/1 \(100\.0%\) {2}held-out$/m);
    expect(r.stdout).toMatch(/^ {2}suite\.yaml +1\/2 \(50\.0%\)$/m);
    expect(r.stdout).toMatch(/passed 2\/3 \(66\.7%\); tuned 1\/2 \(50\.0%\); held-out 1\/1 \(100\.0%\)/);
    expect(r.stdout).toMatch(/planner latency per turn: mean [\d.]+ ms, p95 [\d.]+ ms/);
  });

  it('says "none run" for held-out when no held-out file ran (it printed 0/0 (0.0%)), and never lists the cases of a -check file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cellpilot-evalcmd-'));
    const suite = (name: string) => [`suite: ${name}`, 'cases:', '  - id: seg-' + name, '    turns: ["segment the nuclei"]', '    expect: { calls: [{ tool: segment }] }'].join('\n');
    writeFileSync(join(dir, 'tuning-x.yaml'), suite('tuning-x'));
    writeFileSync(join(dir, 'tuning-x-check.yaml'), suite('tuning-x-check'));
    const r = await runCli(['eval', dir, '--model', 'offline'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^PASS {2}tuning-x\/seg-tuning-x /m);
    expect(r.stdout).not.toMatch(/seg-tuning-x-check/);
    expect(r.stdout).toMatch(/^ {2}tuning-x-check\.yaml +1\/1 \(100\.0%\)$/m);
    expect(r.stdout).toMatch(/held-out none run$/m);
    // held-out alone: no tuned rate
    mkdirSync(join(dir, 'heldout'));
    writeFileSync(join(dir, 'heldout', 'h.yaml'), suite('h').replace('suite: h', 'suite: h\nheldout: true'));
    const heldout = await runCli(['eval', join(dir, 'heldout'), '--model', 'offline'], { cwd: dir });
    expect(heldout.stdout).toMatch(/passed 1\/1 \(100\.0%\); tuned none run; held-out 1\/1 \(100\.0%\)$/m);
  });
});
