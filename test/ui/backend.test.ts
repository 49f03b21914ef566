// The chat's real backend: /resume of an unknown id is refused; a session with turns reopens as resumed, with its transcript.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAgentBackend } from '../../src/ui/backend.ts';

const before = process.env.CELLPILOT_SESSIONS;
process.env.CELLPILOT_SESSIONS = mkdtempSync(join(tmpdir(), 'cellpilot-backend-'));
afterAll(() => {
  if (before === undefined) delete process.env.CELLPILOT_SESSIONS;
  else process.env.CELLPILOT_SESSIONS = before;
});

describe('chat backend', () => {
  it('refuses to resume an unknown session and reopens a known one with its transcript', async () => {
    const first = await createAgentBackend({});
    expect(first.resumed).toBe(false);
    await expect(first.reopen({ sessionId: '20990101-000000-dead' })).rejects.toThrow(/no saved session "20990101-000000-dead": \/sessions lists them/);
    await first.ask('what is the calibration?', new AbortController().signal);
    const again = await first.reopen({ sessionId: first.sessionId });
    expect(again.resumed).toBe(true);
    expect(again.transcript!().filter((e) => e.role === 'user').map((e) => e.content)).toEqual(['what is the calibration?']);
  }, 60_000);
});
