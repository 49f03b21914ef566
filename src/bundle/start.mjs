// How bin/cellpilot.js starts the command line: from the command bundle when it matches the
// sources (about 0.1 s of CPU for `cellpilot --help` instead of 0.35 s through tsx), else
// after rebuilding it on the spot (esbuild: about 0.3 s of CPU, what one start through tsx
// costs), else from the sources through tsx as before (another process is building, the
// build failed, esbuild is missing, or CELLPILOT_NO_BUNDLE=1). A stale bundle never runs.
// Plain JavaScript: it runs before any TypeScript loader.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleDisabled, freshBundle, ROOT } from './manifest.mjs';
import { registerTsx, setRunningBundle } from './sourceImport.mjs';

/** Loads and runs `src/cli.ts` (it runs itself on import); returns what it ran from. */
export async function startCli(root = ROOT) {
  if (!bundleDisabled()) {
    let bundle = freshBundle(root);
    if (!bundle) {
      const { ensureCliBundle } = await import('./build.mjs');
      bundle = (await ensureCliBundle({ root }).catch(() => ({}))).bundle;
    }
    if (bundle) {
      setRunningBundle(bundle);
      try {
        await import(bundle.entryUrl);
        return 'bundle';
      } catch {
        // a damaged bundle fails while loading, before the command starts: run the sources
      }
    }
  }
  setRunningBundle(null);
  await registerTsx();
  await import(pathToFileURL(join(root, 'src', 'cli.ts')).href);
  return 'sources';
}
