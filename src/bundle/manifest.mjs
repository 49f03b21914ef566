// Where the command bundle lives and whether it still matches the sources: the cheap half
// of src/bundle/, run by bin/cellpilot.js (and each worker thread) before anything else.
// Plain JavaScript on purpose: it runs before any TypeScript loader.
//
// The builder (build.mjs) records every file the bundle was made from, with its size and
// modification time, in cli.json beside the bundle. The bundle is fresh while each of
// those files still has the recorded size and time: one stat per file (about 250),
// no reading. An edit, a checkout, a deleted file or an `npm ci` (which rewrites
// node_modules/.package-lock.json) makes it stale.
import { builtin } from './builtins.mjs';

const { readFileSync, statSync } = builtin('node:fs');
const { dirname, join, resolve, sep } = builtin('node:path');
const { fileURLToPath, pathToFileURL } = builtin('node:url');

/** The repository root of this checkout. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The folder for the bundle and its manifest (external packages resolve from here). */
export function cacheDir(root = ROOT) {
  return join(root, 'node_modules', '.cache', 'cellpilot');
}

export function manifestPath(root = ROOT) {
  return join(cacheDir(root), 'cli.json');
}

/** True when CELLPILOT_NO_BUNDLE=1 asks to run everything from the sources. */
export function bundleDisabled() {
  return process.env.CELLPILOT_NO_BUNDLE === '1';
}

/** The size and time that identify a file's content, or undefined when it is gone. */
export function fileStamp(path) {
  const s = statSync(path, { throwIfNoEntry: false });
  return s ? [s.size, s.mtimeMs] : undefined;
}

/**
 * The bundle built from the current sources, or undefined when there is none or any of
 * its inputs changed. `entryUrl` is the command line's module; `modules` maps a source
 * file's URL to its bundled module (worker kernels and modules loaded by URL).
 */
export function freshBundle(root = ROOT) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath(root), 'utf8'));
  } catch {
    return undefined;
  }
  if (manifest.format !== 1 || manifest.root !== root || manifest.node !== process.version) return undefined;
  // `root/rel` by concatenation: path.join's normalising cost more than the stats (~250 inputs)
  const prefix = root.endsWith(sep) ? root : root + sep;
  for (const [rel, size, mtimeMs] of manifest.inputs) {
    const s = statSync(prefix + rel, { throwIfNoEntry: false });
    if (!s || s.size !== size || s.mtimeMs !== mtimeMs) return undefined;
  }
  const dir = join(cacheDir(root), manifest.dir);
  const url = (file) => pathToFileURL(join(dir, file)).href;
  const modules = new Map(Object.entries(manifest.modules).map(([rel, file]) => [pathToFileURL(join(root, rel)).href, url(file)]));
  // fast: the CommonJS file that `tool` starts from (fast.mjs), when it was built
  return { entryUrl: url(manifest.entry), modules, dir, fast: manifest.fast ? join(dir, manifest.fast) : undefined };
}
