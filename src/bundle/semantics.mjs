// An esbuild plugin that keeps each bundled module behaving as it does when Node loads it
// from its own file:
// - `import.meta.url` stays the module's own file URL (files found relative to it:
//   prompts, models, worker kernels, a package's .wasm), not the chunk's;
// - CommonJS packages that use __dirname / __filename get their own;
// - in our sources, `import(<expression>)` (a module chosen at run time) goes through
//   importFrom (sourceImport.mjs): from the bundle when it holds the module, else from
//   the sources, with tsx's loader registered only then;
// - Ink's React devtools (loaded only when DEV=true) are left out.
// Plain JavaScript: it runs before any TypeScript loader.
import { readFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const BUNDLE_DIR = dirname(fileURLToPath(import.meta.url));
const SOURCE_IMPORT = join(BUNDLE_DIR, 'sourceImport.mjs');

/** What `import.meta.url` becomes in every module; each module declares it (see below). */
export const MODULE_URL = '__cellpilotModuleUrl';

// `import(` followed by anything but a string literal: a module chosen at run time
const DYNAMIC_IMPORT = /(?<![\w$.])import\((?!\s*['"`])/g;
const USES_DIRNAME = /\b__(dirname|filename)\b/;
const DECLARES_DIRNAME = /\b(const|let|var)\s+__(dirname|filename)\b/;
const LOADERS = { mjs: 'js', cjs: 'js', mts: 'ts', cts: 'ts' };

/** True for our own sources (not a package, not this folder, whose modules must not route imports through themselves). */
function isOurs(path, root) {
  return path.startsWith(root + sep) && !path.includes(`${sep}node_modules${sep}`) && !path.startsWith(BUNDLE_DIR + sep);
}

/**
 * `onlyFiles`: the files to rewrite, when the caller knows them (our sources, scanned
 * beforehand), so esbuild reads all others without calling back; else every file is looked at.
 */
export function sourceSemantics(root, onlyFiles) {
  const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const filter = onlyFiles ? new RegExp(onlyFiles.length ? `^(${onlyFiles.map(escape).join('|')})$` : '^$') : /\.[cm]?[jt]sx?$/;
  return {
    name: 'cellpilot-source-semantics',
    setup(build) {
      build.initialOptions.define = { ...build.initialOptions.define, 'import.meta.url': MODULE_URL };
      build.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'react-devtools-core', namespace: 'cellpilot-stub' }));
      build.onLoad({ filter: /.*/, namespace: 'cellpilot-stub' }, () => ({ contents: 'export default { initialize() {}, connectToDevTools() {} };' }));
      build.onLoad({ filter }, (args) => {
        let text = readFileSync(args.path, 'utf8');
        const ours = isOurs(args.path, root);
        const rewriteImports = ours && text.search(DYNAMIC_IMPORT) >= 0;
        const needsDirname = !ours && USES_DIRNAME.test(text) && !DECLARES_DIRNAME.test(text);
        if (!rewriteImports && !needsDirname && !text.includes('import.meta.url')) return undefined;
        let prefix = `const ${MODULE_URL} = ${JSON.stringify(pathToFileURL(args.path).href)};`;
        if (needsDirname) prefix += `var __filename = ${JSON.stringify(args.path)}, __dirname = ${JSON.stringify(dirname(args.path))};`;
        if (rewriteImports) {
          prefix = `import { importFrom as __cellpilotImportFrom } from ${JSON.stringify(SOURCE_IMPORT)};` + prefix;
          text = text.replace(DYNAMIC_IMPORT, '__cellpilotImportFrom(import.meta.url, ');
        }
        const ext = args.path.slice(args.path.lastIndexOf('.') + 1);
        // one line, so error positions in the rest of the file are off by one line only
        return { contents: `${prefix}\n${text}`, loader: LOADERS[ext] ?? ext };
      });
    },
  };
}
