import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

describe('cellpilot sessions', () => {
  it('lists sessions and shows one with its steps and artifacts; CELLPILOT_SESSIONS moves the store', async () => {
    const store = mkdtempSync(join(tmpdir(), 'cellpilot-store-'));
    const env = { ...process.env, CELLPILOT_SESSIONS: store };
    const asked = await runCli(['ask', 'which bleach correction should I use before measuring intensities?', '--json', '--session', 'demo'], { env });
    expect(asked.code).toBe(0);
    const list = await runCli(['sessions', 'list', '--json'], { env });
    expect(JSON.parse(list.stdout).sessions).toEqual([expect.objectContaining({ id: 'demo', steps: 1, lastRequest: 'which bleach correction should I use before measuring intensities?' })]);
    const show = await runCli(['sessions', 'show', 'demo'], { env });
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/s1\s+help\s+ok/);
    const missing = await runCli(['sessions', 'show', 'nope'], { env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no session "nope"/);
  });
});
