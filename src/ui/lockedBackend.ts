// The chat holds its session's lock for as long as it works on it (issue 15.6): a second
// `chat --resume SAME`, `ask --session SAME` or `tool --session SAME` meanwhile waits a
// little and then refuses with one line naming this process. Switching sessions in the
// chat (/resume, /model) hands the lock over; leaving the chat (or a crash: the holder's
// pid is gone) frees it.
import { dirname, join } from 'node:path';
import type { Lock } from '../agent/locks.ts';
import type { BackendOptions, ChatBackend } from './backend.ts';

export type BackendFactory = (options: BackendOptions) => Promise<ChatBackend>;

/**
 * A backend whose session stays locked while the chat uses it. A session named by the
 * person is locked before it is opened (nothing is read while another writer is at work);
 * a new one right after it is made. `sessionsRoot` is where session ids live.
 */
export async function lockedBackend(create: BackendFactory, options: BackendOptions, sessionsRoot: string): Promise<ChatBackend & { releaseLock(): void }> {
  const { lockFolder, lockSession } = await import('../agent/locks.ts');
  let lock: Lock | undefined = await lockSession(options.sessionId, sessionsRoot);
  let backend: ChatBackend;
  try {
    backend = await create(options);
    lock ??= await lockFolder(join(sessionsRoot, backend.sessionId), `session ${backend.sessionId}`);
  } catch (err) {
    lock?.release();
    throw err;
  }
  let held = lock;
  const wrapper: ChatBackend & { releaseLock(): void } = Object.assign(Object.create(backend) as ChatBackend, {
    releaseLock: () => held.release(),
    reopen: async (next: { sessionId?: string; model?: string }) => {
      // the next session may be this one (another model): free it first, and take it back if the switch fails
      held.release();
      try {
        return await lockedBackend(create, { model: next.model ?? backend.modelName, sessionId: next.sessionId ?? backend.sessionId }, sessionsRoot);
      } catch (err) {
        held = await lockFolder(dirname(held.path), `session ${backend.sessionId}`);
        throw err;
      }
    },
  });
  return wrapper;
}
