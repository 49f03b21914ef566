// The smaller probes of issue 15: user numbers that drive loops are capped in the schemas,
// a pipeline that runs itself is refused, and an install path with a space (or a quote)
// still gives Snakemake a command the shell reads as two words.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_TOOLS } from '../../src/agent/allTools.ts';
import { runStep } from '../../src/agent/executor.ts';
import { Session } from '../../src/agent/session.ts';
import { defaultCellpilotCommand } from '../../src/agent/snakemake.ts';
import { validateArgs } from '../../src/agent/validation.ts';

const tool = (name: string) => ALL_TOOLS.find((t) => t.name === name)!;

describe('loop bounds stated in the schemas', () => {
  it('refuses track maxFrameGap 2^53 and measure fitLags 2^53 as invalid arguments, at once', () => {
    const gap = validateArgs(tool('track'), { labels: 'labels-1', maxFrameGap: 2 ** 53 });
    expect(gap.ok).toBe(false);
    expect(!gap.ok && gap.error).toMatch(/maxFrameGap/);
    const lags = validateArgs(tool('measure'), { kind: 'msd', tracks: 'tracks-1', fitLags: 2 ** 53 });
    expect(lags.ok).toBe(false);
    expect(!lags.ok && lags.error).toMatch(/fitLags/);
    expect(validateArgs(tool('track'), { labels: 'labels-1', maxFrameGap: 5 }).ok).toBe(true);
  });
});

describe('pipelines', () => {
  it('refuses a pipeline that runs itself, with one line', async () => {
    const root = mkdtempSync(join(tmpdir(), 'cellpilot-adv-recursion-'));
    const yaml = join(root, 'loop.yaml');
    writeFileSync(yaml, `name: loop\ninputs: { movie: { type: movie } }\nsteps:\n  - { id: again, tool: run_pipeline, args: { pipeline: "${yaml}", movie: "\${inputs.movie}" } }\n`);
    writeFileSync(join(root, 'cells.tif'), 'pixels');
    const session = Session.create({ root: join(root, 'sessions') });
    const started = performance.now();
    const outcome = await runStep(session, ALL_TOOLS, 'run_pipeline', { pipeline: yaml, movie: join(root, 'cells.tif') });
    expect(performance.now() - started).toBeLessThan(5000);
    expect(outcome.status).toBe('error');
    expect(outcome.error).toMatch(/would run itself/);
    expect(outcome.error).not.toContain('\n');
  });
});

describe('Snakemake jobs', () => {
  it('quote an install path with spaces and quotes so the shell reads node and the script as two words', () => {
    const command = defaultCellpilotCommand('/opt/my node/bin/node', "/home/o'neil/cell pilot/bin/cellpilot.js");
    const words = execFileSync('/bin/sh', ['-c', `printf '%s\\n' ${command}`], { encoding: 'utf8' }).trim().split('\n');
    expect(words).toEqual(['/opt/my node/bin/node', "/home/o'neil/cell pilot/bin/cellpilot.js"]);
  });
});
