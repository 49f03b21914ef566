// Builds the command bundle: src/cli.ts and everything it loads (our sources and the npm
// packages) as ESM chunks (esbuild, code splitting, so each command still loads only what
// it uses), plus one entry per module named by URL (worker kernels), into
// node_modules/.cache/cellpilot/cli-<id>/, and records its inputs in cli.json
// (manifest.mjs checks them). About 0.3 s of CPU: bin/cellpilot.js rebuilds on the spot
// when the sources changed. `node src/bundle/build.mjs` builds it if it is not fresh
// (`npm run prepare`); `--force` always.
// Plain JavaScript: it runs before any TypeScript loader.
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cacheDir, fileStamp, freshBundle, manifestPath, ROOT } from './manifest.mjs';

const BUNDLE_DIR = dirname(fileURLToPath(import.meta.url));
const SOURCE_IMPORT = join(BUNDLE_DIR, 'sourceImport.mjs');

/** Packages that stay outside the bundle: native code (.node files, binaries) and the TypeScript loader. */
const EXTERNAL = ['onnxruntime-node', '@resvg/resvg-js', 'esbuild', 'tsx', 'tsx/*', 'fsevents'];

/** Files outside the import graph that change what the bundle holds (npm rewrites .package-lock.json on every install). */
const SETTINGS = ['package.json', 'tsconfig.json', 'node_modules/.package-lock.json', 'src/bundle/build.mjs'];

/** Folders whose files may be bundled; a failed build is retried once any file in them changes. */
const SOURCE_DIRS = ['src', 'tools'];

/** A lock older than this is from a builder that died. */
const LOCK_STALE_MS = 120_000;
/** Older builds kept besides the current one: a command still running may load a chunk from one. */
const KEEP_OLD_BUILDS = 8;
/** ... and any build younger than this. */
const KEEP_RECENT_BUILDS_MS = 600_000;

const WORKER_URL = /new URL\(\s*['"](\.{1,2}\/[^'"]+\.tsx?)['"]\s*,\s*import\.meta\.url\s*\)/g;
// `import(` followed by anything but a string literal: a module chosen at run time
const DYNAMIC_IMPORT = /(?<![\w$.])import\((?!\s*['"`])/g;
// CommonJS packages that find their files by __dirname (not given to ESM chunks), unless they declare it
const USES_DIRNAME = /\b__(dirname|filename)\b/;
const DECLARES_DIRNAME = /\b(const|let|var)\s+__(dirname|filename)\b/;

function walk(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? (e.name === 'node_modules' ? [] : walk(path)) : [path];
  });
}

/** Modules our sources name by URL (`new URL('./kernel.ts', import.meta.url)`, for worker threads or a lazy import): extra entries. */
export function modulesNamedByUrl(root) {
  const found = new Set();
  for (const file of SOURCE_DIRS.flatMap((d) => walk(join(root, d)))) {
    if (!/\.tsx?$/.test(file) || file.endsWith('.d.ts')) continue;
    for (const m of readFileSync(file, 'utf8').matchAll(WORKER_URL)) {
      const target = resolve(dirname(file), m[1]);
      if (existsSync(target)) found.add(target);
    }
  }
  return [...found].sort();
}

/**
 * esbuild plugin: each module keeps its own `import.meta.url` (the source file's URL, so
 * files found relative to it - prompts, models, worker kernels - are still found), and
 * our `import(<expression>)` calls go through importFrom (sourceImport.mjs).
 */
function sourceSemantics(root) {
  return {
    name: 'cellpilot-source-semantics',
    setup(build) {
      // Ink imports its React devtools only when DEV=true; never in the bundle
      build.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'react-devtools-core', namespace: 'cellpilot-stub' }));
      build.onLoad({ filter: /.*/, namespace: 'cellpilot-stub' }, () => ({ contents: 'export default { initialize() {}, connectToDevTools() {} };' }));
      build.onLoad({ filter: /\.[cm]?[jt]sx?$/ }, (args) => {
        let text = readFileSync(args.path, 'utf8');
        const ours = !args.path.includes(`${sep}node_modules${sep}`) && args.path.startsWith(root + sep) && !args.path.startsWith(BUNDLE_DIR + sep);
        const rewriteImports = ours && DYNAMIC_IMPORT.test(text);
        DYNAMIC_IMPORT.lastIndex = 0;
        const needsDirname = !ours && USES_DIRNAME.test(text) && !DECLARES_DIRNAME.test(text);
        if (!rewriteImports && !needsDirname && !text.includes('import.meta.url')) return undefined;
        let prefix = `const __cellpilotModuleUrl = ${JSON.stringify(pathToFileURL(args.path).href)};`;
        if (needsDirname) prefix += `var __filename = ${JSON.stringify(args.path)}, __dirname = ${JSON.stringify(dirname(args.path))};`;
        if (rewriteImports) {
          prefix = `import { importFrom as __cellpilotImportFrom } from ${JSON.stringify(SOURCE_IMPORT)};` + prefix;
          text = text.replace(DYNAMIC_IMPORT, '__cellpilotImportFrom(import.meta.url, ');
        }
        const ext = args.path.slice(args.path.lastIndexOf('.') + 1);
        // one line, so error positions in the rest of the file keep their line numbers - 1
        return { contents: `${prefix}\n${text}`, loader: { mjs: 'js', cjs: 'js', mts: 'ts', cts: 'ts' }[ext] ?? ext };
      });
    },
  };
}

function outName(root, file) {
  return relative(root, file).replace(/\.[cm]?[jt]sx?$/, '').split(sep).join('/');
}

function removeOldBuilds(dir, current) {
  const builds = readdirSync(dir)
    .filter((name) => /^cli-/.test(name) && name !== current)
    .map((name) => ({ path: join(dir, name), partial: name.endsWith('.partial'), ageMs: Date.now() - (fileStamp(join(dir, name))?.[1] ?? 0) }))
    .sort((a, b) => a.ageMs - b.ageMs);
  const done = builds.filter((b) => !b.partial);
  const old = [...done.slice(KEEP_OLD_BUILDS).filter((b) => b.ageMs > KEEP_RECENT_BUILDS_MS), ...builds.filter((b) => b.partial && b.ageMs > LOCK_STALE_MS)];
  for (const b of old) rmSync(b.path, { recursive: true, force: true });
}

/** Takes the builder's lock; undefined when another process is building. */
function takeLock(dir) {
  const path = join(dir, 'cli.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      closeSync(openSync(path, 'wx'));
      return () => rmSync(path, { force: true });
    } catch (err) {
      if (err.code !== 'EEXIST') return undefined;
      const stamp = fileStamp(path);
      if (stamp && Date.now() - stamp[1] < LOCK_STALE_MS) return undefined;
      rmSync(path, { force: true });
    }
  }
  return undefined;
}

/** Sizes and times of every file in the source folders: a failed build is not retried until one changes. */
function sourceStamps(root) {
  return new Map(
    [...SOURCE_DIRS.flatMap((d) => walk(join(root, d))), ...SETTINGS.map((p) => join(root, p))]
      .sort()
      .map((f) => [relative(root, f).split(sep).join('/'), (fileStamp(f) ?? []).join(' ')]),
  );
}

function sourceTreeStamp(root) {
  return JSON.stringify([...sourceStamps(root)]);
}

function failurePath(root) {
  return join(cacheDir(root), 'cli-failed.json');
}

/** True when the last build failed and no source file changed since (a syntax error being edited). */
function failedBefore(root) {
  try {
    return readFileSync(failurePath(root), 'utf8') === sourceTreeStamp(root);
  } catch {
    return false;
  }
}

/**
 * Builds the bundle for the sources now and publishes it. Returns `{ bundle }` (see
 * freshBundle), or `{ reason }` when it did not (the sources then run through tsx, which
 * reports a build error as usual).
 */
export async function buildCliBundle({ root = ROOT, entry = 'src/cli.ts' } = {}) {
  const dir = cacheDir(root);
  mkdirSync(dir, { recursive: true });
  const release = takeLock(dir);
  if (!release) return { reason: 'another process is building it' };
  try {
    let esbuild;
    try {
      esbuild = await import('esbuild');
    } catch {
      return { reason: 'esbuild is not installed' };
    }
    const id = `cli-${Date.now().toString(36)}-${process.pid.toString(36)}`;
    const partial = join(dir, `${id}.partial`);
    const before = sourceStamps(root);
    const startedMs = Date.now();
    const modules = modulesNamedByUrl(root);
    const entryPoints = [{ in: join(root, entry), out: 'cli' }, ...modules.map((file) => ({ in: file, out: `modules/${outName(root, file)}` }))];
    let result;
    try {
      result = await esbuild.build({
        absWorkingDir: root,
        entryPoints,
        bundle: true,
        splitting: true,
        format: 'esm',
        platform: 'node',
        target: 'node20',
        outdir: partial,
        chunkNames: 'chunks/[name]-[hash]',
        metafile: true,
        jsx: 'automatic',
        external: EXTERNAL,
        define: { 'import.meta.url': '__cellpilotModuleUrl' },
        // packages written for CommonJS call require(); give the ESM chunks one
        banner: { js: "import { createRequire as __cellpilotCreateRequire } from 'node:module'; const require = __cellpilotCreateRequire(import.meta.url);" },
        plugins: [sourceSemantics(root)],
        logLevel: process.env.CELLPILOT_BUNDLE_LOG ?? 'silent',
      });
    } catch (err) {
      rmSync(partial, { recursive: true, force: true });
      writeFileSync(failurePath(root), sourceTreeStamp(root));
      const first = err.errors?.[0];
      return { reason: first ? `${first.location?.file ?? ''}:${first.location?.line ?? ''}: ${first.text}` : String(err.message ?? err).split('\n')[0] };
    }
    rmSync(failurePath(root), { force: true });
    const inputs = [...Object.keys(result.metafile.inputs).filter((p) => !p.includes(':') && !p.startsWith('node_modules/')), ...SETTINGS.filter((p) => existsSync(join(root, p)))];
    const stamped = inputs.map((rel) => [rel, ...(fileStamp(join(root, rel)) ?? [0, 0])]);
    // a file saved while esbuild ran may be in the bundle as it was before: do not publish
    const changed = ([rel, size, mtimeMs]) => (before.has(rel) ? before.get(rel) !== `${size} ${mtimeMs}` : mtimeMs >= startedMs - 1000);
    const moved = stamped.find(changed);
    if (moved) {
      rmSync(partial, { recursive: true, force: true });
      return { reason: `${moved[0]} changed while it was built` };
    }
    renameSync(partial, join(dir, id));
    const manifest = {
      format: 1,
      root,
      node: process.version,
      dir: id,
      entry: 'cli.js',
      modules: Object.fromEntries(modules.map((file) => [relative(root, file), `modules/${outName(root, file)}.js`])),
      inputs: stamped,
    };
    const tmp = `${manifestPath(root)}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(manifest));
    renameSync(tmp, manifestPath(root));
    removeOldBuilds(dir, id);
    const bundle = freshBundle(root);
    return bundle ? { bundle } : { reason: 'a source changed as it was published' };
  } finally {
    release();
  }
}

/** The fresh bundle, built now if needed and possible: `{ bundle }`, or `{ reason }` when the sources must run through tsx. */
export async function ensureCliBundle(options = {}) {
  const root = options.root ?? ROOT;
  const bundle = freshBundle(root);
  if (bundle) return { bundle };
  if (failedBefore(root)) return { reason: 'the last build failed and no source changed since' };
  return buildCliBundle(options);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const startedMs = Date.now();
  const { bundle, reason } = process.argv.includes('--force') ? await buildCliBundle() : await ensureCliBundle();
  if (bundle) process.stdout.write(`command bundle: ${relative(process.cwd(), bundle.dir) || bundle.dir} (${Date.now() - startedMs} ms)\n`);
  else {
    process.stderr.write(`cellpilot: the command bundle was not built (${reason}); commands run from the sources until it is\n`);
    process.exitCode = 1;
  }
}
