// The chat holds its session's lock for its lifetime (issue 15.6): `ask --session SAME` and
// a second `chat --resume SAME` refuse with one line naming the holder's pid; switching
// model or session inside the chat hands the lock over without waiting on itself.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AgentEvents } from '../../src/agent/events.ts';
import { LOCK_FILE, lockFolder } from '../../src/agent/locks.ts';
import { Session } from '../../src/agent/session.ts';
import type { BackendOptions, ChatBackend } from '../../src/ui/backend.ts';
import { lockedBackend } from '../../src/ui/lockedBackend.ts';
import { BIN, runCli } from '../commands/run-cli.ts';

/** A backend on a session folder under `root` (made when new), without the agent. */
function factory(root: string) {
  const made: BackendOptions[] = [];
  const create = async (options: BackendOptions): Promise<ChatBackend> => {
    made.push(options);
    const session = options.sessionId ? Session.openOrCreate(options.sessionId, { root }) : Session.create({ root });
    return {
      modelName: options.model ?? 'offline',
      sessionId: session.id,
      events: new AgentEvents(),
      movies: () => [],
      ask: async () => {},
      runTool: async () => {},
      tools: () => [],
      provenance: () => [],
      artifacts: () => [],
      sessions: () => [],
      reopen: async () => {
        throw new Error('the wrapper reopens');
      },
    };
  };
  return { create, made };
}

function cliEnv(cwd: string): NodeJS.ProcessEnv {
  return { ...process.env, CELLPILOT_SESSIONS: join(cwd, 'sessions'), CELLPILOT_MODEL: 'offline', CELLPILOT_LOCK_WAIT_S: '0.3', OPENAI_API_KEY: '', OPENAI_BASE_URL: '' };
}

describe('the chat holds its session lock (15.6)', () => {
  it('ask --session SAME refuses with one line naming the chat pid while the chat runs; leaving frees the session', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'cellpilot-adv-chatlock-'));
    const root = join(cwd, 'sessions');
    Session.create({ root, id: 'same' });
    const { create } = factory(root);
    const chat = await lockedBackend(create, { sessionId: 'same' }, root);
    expect(existsSync(join(root, 'same', LOCK_FILE))).toBe(true);
    const refused = await runCli(['ask', 'which drift correction should I use?', '--session', 'same'], { cwd, env: cliEnv(cwd), timeoutMs: 60_000 });
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim()).toMatch(new RegExp(`^cellpilot: session same is in use by pid ${process.pid}\\b`));
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    chat.releaseLock();
    expect(existsSync(join(root, 'same', LOCK_FILE))).toBe(false);
    (await lockFolder(join(root, 'same'), 'session same', 0)).release();
  }, 90_000);

  it('a new chat session is locked once made; /model on it and /resume of another hand the lock over', async () => {
    const root = join(mkdtempSync(join(tmpdir(), 'cellpilot-adv-chatlock-')), 'sessions');
    Session.create({ root, id: 'other' });
    const { create } = factory(root);
    const first = await lockedBackend(create, {}, root);
    const lockOf = (id: string) => join(root, id, LOCK_FILE);
    expect(existsSync(lockOf(first.sessionId))).toBe(true);
    // same session, another model: no waiting on our own lock
    const remodelled = await first.reopen({ model: 'offline-2' });
    expect(remodelled.sessionId).toBe(first.sessionId);
    expect(remodelled.modelName).toBe('offline-2');
    expect(existsSync(lockOf(first.sessionId))).toBe(true);
    const moved = await remodelled.reopen({ sessionId: 'other' });
    expect(existsSync(lockOf('other'))).toBe(true);
    expect(existsSync(lockOf(first.sessionId))).toBe(false);
    // a session someone else holds: refused, and the chat keeps its own
    const elsewhere = await lockFolder(join(root, 'held'), 'session held');
    const previous = process.env.CELLPILOT_LOCK_WAIT_S;
    process.env.CELLPILOT_LOCK_WAIT_S = '0.2';
    try {
      await expect(moved.reopen({ sessionId: 'held' })).rejects.toThrow(/session held is in use by pid/);
    } finally {
      if (previous === undefined) delete process.env.CELLPILOT_LOCK_WAIT_S;
      else process.env.CELLPILOT_LOCK_WAIT_S = previous;
    }
    expect(existsSync(lockOf('other'))).toBe(true);
    elsewhere.release();
    (moved as ChatBackend & { releaseLock(): void }).releaseLock();
    expect(existsSync(lockOf('other'))).toBe(false);
  });

  it('`chat --resume SAME` while another process holds the session: exit 2, one line naming its pid', async () => {
    if (spawnSync('script', ['--version']).status !== 0) return console.log('script(1) is missing: skipping the terminal chat check');
    const cwd = mkdtempSync(join(tmpdir(), 'cellpilot-adv-chatlock-'));
    Session.create({ root: join(cwd, 'sessions'), id: 'same' });
    const held = await lockFolder(join(cwd, 'sessions', 'same'), 'session same');
    try {
      // script(1) gives the chat the terminal it needs; -e passes its exit status on
      const result = await new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn('script', ['-qec', `"${process.execPath}" "${BIN}" chat --resume same`, '/dev/null'], { cwd, env: cliEnv(cwd), stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        child.stdout.on('data', (d) => (out += d));
        child.stderr.on('data', (d) => (out += d));
        const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
        child.on('close', (code) => {
          clearTimeout(timer);
          resolve({ code, out });
        });
      });
      expect(result.code).toBe(2);
      expect(result.out).toMatch(new RegExp(`cellpilot: session same is in use by pid ${process.pid}\\b[^\\n]*\\r?\\n?$`));
    } finally {
      held.release();
    }
  }, 90_000);
});
