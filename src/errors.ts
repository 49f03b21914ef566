// Errors that reach the user as one line. InputError means the user gave something
// wrong (exit 2); WorkError means valid input but the work failed (exit 1).
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export class InputError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

export class WorkError extends Error {
  readonly exitCode = 1;
  constructor(message: string) {
    super(message);
    this.name = 'WorkError';
  }
}

/** One line for the terminal: never a stack trace, and a system error in words ("the disk is full"), not "ENOSPC: ...". */
export function oneLine(err: unknown): string {
  const msg = systemErrorLine(err) ?? (err instanceof Error ? err.message : String(err));
  return msg
    .replace(SYSTEM_ERROR, (whole, code: string, _syscall: string, path: string) => {
      if (!FS_REASONS[code]) return whole;
      // the path once: a message that names it already does not repeat it
      const shown = shownPath(path);
      return `${FS_REASONS[code]}${msg.includes(`${shown}:`) ? '' : ` (${shown})`}; ${FS_ADVICE[code]}`;
    })
    .replace(/\s*\n\s*/g, ' ')
    .trim();
}

export function exitCodeOf(err: unknown): number {
  if (err instanceof InputError) return 2;
  if (err instanceof Error && (err as { exitCode?: number }).exitCode === 2) return 2;
  // a place the person named that cannot be written is their input to change
  if (['EROFS', 'EACCES', 'EPERM'].includes(String((err as { code?: unknown })?.code))) return 2;
  return 1;
}

/** Node's "CODE: description, syscall 'path'" inside a message that carries one. */
const SYSTEM_ERROR = /\b(E[A-Z]{2,}): [^,']*, (\w+) '([^']*)'/g;

const FS_REASONS: Record<string, string> = {
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EFBIG: 'the file is larger than this file system allows',
  ENAMETOOLONG: 'the name is too long',
};
const FS_ADVICE: Record<string, string> = {
  EROFS: 'choose a folder you can write to',
  ENOSPC: 'free some space or write to another disk; nothing half-written was kept',
  EDQUOT: 'free some space or write to another disk; nothing half-written was kept',
  EACCES: 'choose a folder you can write to',
  EPERM: 'choose a folder you can write to',
  EFBIG: 'write to another file system',
  ENAMETOOLONG: 'choose a shorter name',
};

/** A writer's temporary file (".NAME.PID-COUNT-RANDOM.tmp") is shown as the file it stood for. */
function shownPath(path: string): string {
  const m = /^\.(.+)\.\d+-[0-9a-z]+-[0-9a-z]+\.tmp$/.exec(basename(path));
  return m ? join(dirname(path), m[1]) : path;
}

/** Why a raw Node file-system error happened, in words ("the disk is full"); undefined for anything else. */
export function systemErrorReason(err: unknown): string | undefined {
  const e = err as { code?: unknown; syscall?: unknown; path?: unknown } | undefined;
  if (!e || typeof e.code !== 'string' || typeof e.syscall !== 'string' || typeof e.path !== 'string') return undefined;
  // Node's recursive mkdir says ENOENT when the parent exists but cannot be written (read-only, no permission)
  if (e.code === 'ENOENT' && e.syscall === 'mkdir') {
    let above = dirname(e.path);
    while (!existsSync(above) && dirname(above) !== above) above = dirname(above);
    if (existsSync(above)) return `${above} is read-only or not writable`;
  }
  return FS_REASONS[e.code];
}

/** A raw Node file-system error (code, syscall, path) as one line with what to do; undefined for anything else. */
export function systemErrorLine(err: unknown): string | undefined {
  const reason = systemErrorReason(err);
  if (!reason) return undefined;
  const e = err as { code: string; syscall: string; path: string };
  return `cannot ${e.syscall === 'mkdir' ? 'create the folder' : 'write'} ${shownPath(e.path)}: ${reason}; ${FS_ADVICE[e.code] ?? FS_ADVICE.EROFS}`;
}
