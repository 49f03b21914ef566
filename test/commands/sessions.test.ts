import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';
import { runStep } from '../../src/agent/executor.ts';
import { Session } from '../../src/agent/session.ts';
import { ALL_TOOLS } from '../../src/agent/allTools.ts';

describe('cellpilot sessions', () => {
  it('lists sessions and shows one with its steps and artifacts; CELLPILOT_SESSIONS moves the store', async () => {
    const store = mkdtempSync(join(tmpdir(), 'cellpilot-store-'));
    const env = { ...process.env, CELLPILOT_SESSIONS: store };
    const session = Session.create({ root: store, id: 'demo' });
    session.appendTranscript({ role: 'user', content: 'which bleach correction should I use before measuring intensities?' });
    await runStep(session, ALL_TOOLS, 'help', { question: 'which bleach correction should I use before measuring intensities?' });
    const list = await runCli(['sessions', 'list', '--json'], { env });
    expect(JSON.parse(list.stdout).sessions).toEqual([expect.objectContaining({ id: 'demo', steps: 1, lastRequest: 'which bleach correction should I use before measuring intensities?' })]);
    expect((await runCli(['sessions', 'list'], { env })).stdout).toMatch(/^demo  \S+ \S+  1 step, 0 artifacts  "which bleach/);
    const show = await runCli(['sessions', 'show', 'demo'], { env });
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/s1\s+help\s+ok/);
    expect(() => Session.open('nope', { root: store })).toThrow(/no session "nope"/);
  });
});
