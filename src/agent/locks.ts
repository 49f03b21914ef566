// Exclusive locks on a session folder (and so on a `cellpilot run` movie folder): a lock
// file created with O_EXCL holding the owner's pid. A second writer waits a little
// (CELLPILOT_LOCK_WAIT_S, default 10 s) and then refuses with one line naming the holder;
// a lock whose pid is no longer alive (a killed process) is stale and taken over.
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../errors.ts';

export const LOCK_FILE = '.cellpilot.lock';

interface LockOwner {
  pid: number;
  host: string;
  since: string;
  command: string;
}

export interface Lock {
  readonly path: string;
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else
    return (err as { code?: string }).code === 'EPERM';
  }
}

function readOwner(path: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(path, 'utf8')) as LockOwner;
    return typeof owner.pid === 'number' ? owner : undefined;
  } catch {
    return undefined;
  }
}

/** Locks this process holds (removed at exit). Not re-entrant: two writers in one process wait too. */
const held = new Set<string>();
let exitHook = false;

function tryCreate(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (err) {
    if ((err as { code?: string }).code === 'EEXIST') return false;
    throw new InputError(`cannot lock ${dirname(path)}: ${(err as Error).message.split('\n')[0]}`);
  }
  try {
    const owner: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString(), command: process.argv.slice(2, 4).join(' ') };
    writeSync(fd, JSON.stringify(owner) + '\n');
  } finally {
    closeSync(fd);
  }
  return true;
}

/** Removes a lock whose owner is gone; true when the path is free now. */
function clearIfStale(path: string): boolean {
  const owner = readOwner(path);
  // a lock file still being written (no JSON yet) by a live process is not stale
  if (!owner) return false;
  if (owner.host === hostname() && !isAlive(owner.pid)) {
    // rename first so two processes clearing the same stale lock cannot remove a fresh one
    const aside = `${path}.stale-${process.pid}`;
    try {
      renameSync(path, aside);
      rmSync(aside, { force: true });
    } catch {
      // someone else cleared it first
    }
    return true;
  }
  return false;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Takes the exclusive lock of `dir` (created when missing): waits up to `waitSeconds`
 * (default CELLPILOT_LOCK_WAIT_S or 10) and then throws an InputError naming the holder.
 * Released by release() or when the process exits.
 */
export async function lockFolder(dir: string, what: string, waitSeconds = Number(process.env.CELLPILOT_LOCK_WAIT_S ?? 10)): Promise<Lock> {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, LOCK_FILE);
  const lock: Lock = {
    path,
    release: () => {
      if (!held.delete(path)) return;
      if (readOwner(path)?.pid === process.pid) rmSync(path, { force: true });
    },
  };
  const deadline = Date.now() + Math.max(0, waitSeconds) * 1000;
  for (let attempt = 0; ; attempt++) {
    if (tryCreate(path)) break;
    if (clearIfStale(path)) continue;
    if (Date.now() >= deadline) {
      const owner = readOwner(path);
      const holder = owner ? `pid ${owner.pid}${owner.command ? ` (cellpilot ${owner.command})` : ''} since ${owner.since}` : 'another process';
      throw new InputError(`${what} is in use by ${holder}: wait for it to finish, or use another ${what.startsWith('session') ? 'session' : 'folder'}; a lock left by a crash is ${path}`);
    }
    await sleep(Math.min(250, 25 * (attempt + 1)));
  }
  held.add(path);
  if (!exitHook) {
    exitHook = true;
    process.on('exit', () => {
      for (const p of held) if (readOwner(p)?.pid === process.pid) rmSync(p, { force: true });
    });
  }
  return lock;
}

/** Writes a whole file via a temporary file and a rename: readers see the old or the new file, never half. */
export function writeFileAtomic(path: string, text: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

/**
 * Locks the folder of the session `idOrPath` would open (by id under `root`, or a session
 * folder path) before it is opened, so the session is read after any other writer is done.
 * Nothing to lock for a new session without an id, or an id that is not a valid name.
 */
export async function lockSession(idOrPath: string | undefined, root: string): Promise<Lock | undefined> {
  if (!idOrPath) return undefined;
  const byId = join(root, idOrPath);
  if (existsSync(join(byId, 'session.json'))) return lockFolder(byId, `session ${idOrPath}`);
  const byPath = resolve(idOrPath);
  if (existsSync(join(byPath, 'session.json'))) return lockFolder(byPath, `session ${idOrPath}`);
  if (!/^[A-Za-z0-9_.-]+$/.test(idOrPath) || /^\.+$/.test(idOrPath)) return undefined;
  return lockFolder(byId, `session ${idOrPath}`);
}
