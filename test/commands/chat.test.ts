// `cellpilot chat` checks before it opens: a mistyped --resume id is refused (it would start an empty session).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

describe('cellpilot chat', () => {
  it('refuses --resume with an unknown session, naming where it looked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cellpilot-chat-'));
    const r = await runCli(['chat', '--resume', '20990101-000000-dead'], { cwd: dir, env: { ...process.env, CELLPILOT_SESSIONS: join(dir, 'sessions') } });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`cellpilot: no saved session "20990101-000000-dead" in ${join(dir, 'sessions')}: cellpilot sessions lists them (run the chat from the folder it was started in, or set CELLPILOT_SESSIONS)`);
  });
});
