// How bin/cellpilot.js starts the command line: from the command bundle when it matches the
// sources (about 0.1 s of CPU for `cellpilot --help` instead of 0.35 s through tsx), else
// from the sources through tsx as before, starting a rebuild in the background so that the
// next command is fast again; `tool` starts from its CommonJS file with a V8 code
// cache (fast.mjs). A stale bundle never runs. CELLPILOT_NO_BUNDLE=1 always runs
// the sources (and builds nothing).
// Plain JavaScript: it runs before any TypeScript loader.
import { builtin } from './builtins.mjs';
import { bundleDisabled, freshBundle, ROOT } from './manifest.mjs';
import { FAST_COMMANDS, runFastBundle } from './fast.mjs';
import { registerTsx, setRunningBundle } from './sourceImport.mjs';

const { join } = builtin('node:path');
const { pathToFileURL } = builtin('node:url');

/** Loads and runs `src/cli.ts` (it runs itself on import); returns what it ran from. */
export async function startCli(root = ROOT) {
  if (!bundleDisabled()) {
    const bundle = freshBundle(root);
    if (bundle) {
      setRunningBundle(bundle);
      const command = process.argv[2];
      // CELLPILOT_FAST_START=0 starts them from the chunks too (to compare)
      if (bundle.fast && FAST_COMMANDS.includes(command) && process.env.CELLPILOT_FAST_START !== '0') {
        try {
          await runFastBundle(bundle.dir, command);
          return 'fast';
        } catch {
          // unreadable or not compilable: the command starts from the chunks below
        }
      }
      try {
        await import(bundle.entryUrl);
        return 'bundle';
      } catch {
        // a damaged bundle fails while loading, before the command starts: run the sources
      }
    } else {
      (await import('./build.mjs')).buildInBackground(root);
    }
  }
  setRunningBundle(null);
  await registerTsx();
  await import(pathToFileURL(join(root, 'src', 'cli.ts')).href);
  return 'sources';
}
