// A `cellpilot ...` command line that works as printed from the current folder: hints
// (run a saved pipeline, resume a session) are copied into a terminal as they are.
import { accessSync, constants, existsSync, readFileSync, realpathSync } from 'node:fs';
import { delimiter, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/cellpilot.js', import.meta.url));

/** This project's folder when `cwd` is inside it (npx then finds its `cellpilot` bin). */
function insideThisProject(cwd: string): boolean {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        return JSON.parse(readFileSync(manifest, 'utf8')).name === 'cellpilot' && realpathSync(join(dir, 'bin', 'cellpilot.js')) === realpathSync(BIN);
      } catch {
        return false;
      }
    }
    if (dirname(dir) === dir) return false;
  }
}

/** Whether `cellpilot` on PATH is this installation (a global install or npm link). */
function onPath(): boolean {
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(dir, 'cellpilot');
    try {
      accessSync(candidate, constants.X_OK);
      return realpathSync(candidate) === realpathSync(BIN);
    } catch {
      /* not in this folder */
    }
  }
  return false;
}

/** Quotes a word for a POSIX shell when it needs it. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./~-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** A path as typed from `cwd`: relative when it lies below it, else absolute. */
export function pathFrom(path: string, cwd = process.cwd()): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : resolve(path);
}

/** How to call cellpilot from `cwd`: `npx cellpilot` inside the project, `cellpilot` when installed, else node and the bin's path. */
export function cellpilotCommand(cwd = process.cwd()): string {
  if (insideThisProject(cwd)) return 'npx cellpilot';
  if (onPath()) return 'cellpilot';
  return `node ${shellWord(pathFrom(BIN, cwd))}`;
}

/** A whole command line: `cellpilotCommand()` and the words, each quoted for the shell. */
export function cellpilotCommandLine(words: string[], cwd = process.cwd()): string {
  return [cellpilotCommand(cwd), ...words.map(shellWord)].join(' ');
}
