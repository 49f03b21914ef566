// Fast start for the chat: Ink, React and our components are ~150 small modules, and
// loading them one by one through the TypeScript loader costs about twice the CPU of
// loading one pre-bundled file. So the first start loads them normally and, once the
// chat is up, writes a bundle (esbuild, already installed with tsx) to
// node_modules/.cache/cellpilot/; later starts import that file. The bundle's name
// hashes the sources' sizes and times and the package versions, so any edit rebuilds it.
// bin/cellpilot.js paints from it before the TypeScript loader starts (early.mjs).
import { existsSync, mkdirSync, readdirSync, renameSync, unlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundlePath } from './early.mjs';

export interface ChatUi {
  render: typeof import('ink').render;
  React: typeof import('react');
  ChatApp: typeof import('./App.tsx').ChatApp;
  modelLabel: typeof import('./modelLabel.ts').modelLabel;
  /** True when loaded from the pre-built bundle. */
  fromBundle: boolean;
}

const UI_DIR = dirname(fileURLToPath(import.meta.url));
const ENTRY = `export { render } from 'ink';
export { default as React } from 'react';
export { ChatApp } from './App.tsx';
export { modelLabel } from './modelLabel.ts';
`;

/** Ink, React and the chat components: from the bundle when it is there, else module by module. */
export async function loadChatUi(): Promise<ChatUi> {
  if (process.env.CELLPILOT_NO_BUNDLE !== '1') {
    try {
      const path = bundlePath();
      if (existsSync(path)) return { ...((await import(pathToFileURL(path).href)) as Omit<ChatUi, 'fromBundle'>), fromBundle: true };
    } catch {
      /* a broken bundle falls back to the sources */
    }
  }
  const [{ render }, React, { ChatApp }, { modelLabel }] = await Promise.all([import('ink'), import('react'), import('./App.tsx'), import('./modelLabel.ts')]);
  return { render, React, ChatApp, modelLabel, fromBundle: false };
}

/** Writes the bundle for the current sources (and removes older ones); false when esbuild is unavailable. */
export async function buildChatUiBundle(): Promise<boolean> {
  let esbuild: typeof import('esbuild');
  try {
    esbuild = await import('esbuild');
  } catch {
    return false;
  }
  const path = bundlePath();
  const cacheDir = dirname(path);
  const tmp = `${path}.${process.pid}.partial`;
  mkdirSync(cacheDir, { recursive: true });
  await esbuild.build({
    stdin: { contents: ENTRY, resolveDir: UI_DIR, sourcefile: 'chat-ui-entry.ts', loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: tmp,
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    // Ink imports its React devtools only when DEV=true; never in the bundle
    plugins: [
      {
        name: 'no-devtools',
        setup(build) {
          build.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'react-devtools-core', namespace: 'stub' }));
          build.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'export default { initialize() {}, connectToDevTools() {} };' }));
        },
      },
    ],
    banner: { js: "import { createRequire as __cellpilotRequire } from 'node:module'; const require = __cellpilotRequire(import.meta.url);" },
    logLevel: 'silent',
  });
  renameSync(tmp, path);
  for (const name of readdirSync(cacheDir)) {
    const old = join(cacheDir, name);
    if (name.startsWith('chat-ui-') && old !== path) {
      try {
        unlinkSync(old);
      } catch {
        /* another process may be using or removing it */
      }
    }
  }
  return true;
}

// `node bin/run-ts.js src/ui/fastStart.ts` builds the bundle now (e.g. after npm ci), so
// that even the first chat paints fast.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const built = await buildChatUiBundle();
  process.stdout.write(built ? `chat UI bundle: ${bundlePath()}\n` : 'chat UI bundle not built: esbuild is not installed\n');
}
