// Loads a module named at run time (a worker kernel, a module found by URL) the way the
// process runs its own code: from the bundle when the process runs from it and the bundle
// holds that module, else from the sources, registering tsx's loader on first need (so a
// process that never meets a .ts file never pays for the loader, about 0.2 s of CPU).
// The bundle builder rewrites every `import(<expression>)` in our sources to importFrom().
// Plain JavaScript: worker threads and bin/cellpilot.js use it before any loader.
import { bundleDisabled, freshBundle } from './manifest.mjs';

// on globalThis: the copy inside the bundle and the one bin/ imports must agree
const RUNNING = Symbol.for('cellpilot.runningBundle');
const TSX = Symbol.for('cellpilot.tsxRegistered');

/** Records what this process runs from: a bundle (see freshBundle) or null for the sources. */
export function setRunningBundle(bundle) {
  globalThis[RUNNING] = bundle ?? null;
}

/** The bundle this process runs from; a worker thread, which starts unset, checks for itself. */
function runningBundle() {
  if (!(RUNNING in globalThis)) setRunningBundle(bundleDisabled() ? null : freshBundle());
  return globalThis[RUNNING] ?? undefined;
}

/** The folder of the bundle this process runs from, or undefined when it runs the sources. */
export function runningBundleDir() {
  return runningBundle()?.dir;
}

/** Registers tsx's loader once per thread. */
export async function registerTsx() {
  if (globalThis[TSX]) return;
  const { register } = await import('tsx/esm/api');
  register();
  globalThis[TSX] = true;
}

/** `import(specifier)` as written in the module at `baseUrl` (relative specifiers resolve from it). */
export async function importFrom(baseUrl, specifier) {
  const text = String(specifier);
  const url = baseUrl && /^\.{1,2}\//.test(text) ? new URL(text, baseUrl).href : text;
  const bundled = runningBundle()?.modules.get(url);
  if (bundled) return import(bundled);
  if (/^file:.*\.[cm]?tsx?$/.test(url)) await registerTsx();
  return import(url);
}

/** Imports a module by absolute URL (a worker's task module). */
export function importSource(url) {
  return importFrom(undefined, url);
}
