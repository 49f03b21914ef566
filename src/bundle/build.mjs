// Builds the command bundle: src/cli.ts and every module of ours it loads, as ESM chunks
// (esbuild, code splitting, so each command still loads only what it uses), plus one entry
// per module named by URL (worker kernels), into node_modules/.cache/cellpilot/cli-<id>/;
// the npm packages they import come from the vendor bundle (vendor.mjs), and cli.json
// records every input file (manifest.mjs checks them). Rebuilding after an edit costs about
// 0.7 s of CPU (two starts through tsx), so a command that finds the bundle stale runs from
// the sources and starts the build in the background (buildInBackground).
// `node src/bundle/build.mjs` builds it now if it is not fresh (`npm run prepare`); `--force`
// always; `--root DIR` for another checkout.
// Plain JavaScript: it runs before any TypeScript loader.
import { spawn } from 'node:child_process';
import { accessSync, closeSync, constants, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { parseArgs } from 'node:util';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cacheDir, fileStamp, freshBundle, manifestPath, ROOT } from './manifest.mjs';

const BUNDLE_DIR = dirname(fileURLToPath(import.meta.url));
import { sourceSemantics } from './semantics.mjs';
import { buildFastBundle } from './fast.mjs';
import { englishZodOnly, markAsModules, vendorBundle } from './vendor.mjs';

/** Packages that stay outside both bundles: native code (.node files, binaries) and the TypeScript loader. */
const EXTERNAL = ['onnxruntime-node', '@resvg/resvg-js', 'esbuild', 'tsx', 'fsevents'];

const COMMON = {
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  jsx: 'automatic',
  external: [...EXTERNAL, ...EXTERNAL.map((p) => `${p}/*`)],
  // packages written for CommonJS call require(); give the ESM chunks one
  banner: { js: "import { createRequire as __cellpilotCreateRequire } from 'node:module'; const require = __cellpilotCreateRequire(import.meta.url);" },
  logLevel: process.env.CELLPILOT_BUNDLE_LOG ?? 'silent',
};
// a package import as esbuild writes it in the app build; replaced by its vendor module's URL
const PACKAGE_IMPORT = /(\bfrom ?|\bimport ?\(|\bimport ?)"([^"./][^"]*)"/g;

/** Files outside the import graph that change what the bundle holds (npm rewrites .package-lock.json on every install). */
const SETTINGS = ['package.json', 'tsconfig.json', 'node_modules/.package-lock.json', 'src/bundle/build.mjs', 'src/bundle/fast.mjs', 'src/bundle/semantics.mjs', 'src/bundle/vendor.mjs'];

/** Folders whose files may be bundled; a failed build is retried once any file in them changes. */
const SOURCE_DIRS = ['src', 'tools'];

/** A lock older than this is from a builder that died. */
const LOCK_STALE_MS = 120_000;
/** Older builds kept besides the current one: a command still running may load a chunk from one. */
const KEEP_OLD_BUILDS = 8;
/** ... and any build younger than this. */
const KEEP_RECENT_BUILDS_MS = 600_000;

const WORKER_URL = /new URL\(\s*['"](\.{1,2}\/[^'"]+\.tsx?)['"]\s*,\s*import\.meta\.url\s*\)/g;
// what sourceSemantics rewrites: import.meta.url and import(<expression>)
const NEEDS_SEMANTICS = /import\.meta\.url|(?<![\w$.])import\((?!\s*['"`])/;

function walk(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? (e.name === 'node_modules' ? [] : walk(path)) : [path];
  });
}

/**
 * One pass over our sources: the modules they name by URL (`new URL('./kernel.ts',
 * import.meta.url)`, for worker threads or a lazy import), which become extra entries, and
 * the files sourceSemantics must rewrite (the others esbuild reads without a plugin call).
 */
export function scanSources(root) {
  const namedByUrl = new Set();
  const rewritten = [];
  // this folder's runtime (sourceImport.mjs, manifest.mjs) is bundled too, from any checkout
  const files = new Set([...SOURCE_DIRS.flatMap((d) => walk(join(root, d))), ...walk(BUNDLE_DIR)]);
  for (const file of files) {
    if (!/\.([cm]?js|tsx?|mts)$/.test(file) || /\.d\.[cm]?ts$/.test(file)) continue;
    const text = readFileSync(file, 'utf8');
    if (NEEDS_SEMANTICS.test(text)) rewritten.push(file);
    if (!/\.tsx?$/.test(file)) continue;
    for (const m of text.matchAll(WORKER_URL)) {
      const target = resolve(dirname(file), m[1]);
      if (existsSync(target)) namedByUrl.add(target);
    }
  }
  return { namedByUrl: [...namedByUrl].sort(), rewritten };
}

/** Modules our sources name by URL: extra entries of the bundle. */
export function modulesNamedByUrl(root) {
  return scanSources(root).namedByUrl;
}

function outName(root, file) {
  return relative(root, file).replace(/\.[cm]?[jt]sx?$/, '').split(sep).join('/');
}

/** Removes builds no command is likely to use any more, and vendor bundles no kept build uses. */
function removeOldBuilds(dir, current) {
  const ageMs = (name) => Date.now() - (fileStamp(join(dir, name))?.[1] ?? 0);
  const names = readdirSync(dir);
  const builds = names.filter((name) => /^cli-[^.]+$/.test(name) && name !== current).sort((a, b) => ageMs(a) - ageMs(b));
  const old = builds.slice(KEEP_OLD_BUILDS).filter((name) => ageMs(name) > KEEP_RECENT_BUILDS_MS);
  const partial = names.filter((name) => name.endsWith('.partial') && ageMs(name) > LOCK_STALE_MS);
  for (const name of [...old, ...partial]) rmSync(join(dir, name), { recursive: true, force: true });
  const kept = new Set([current, ...builds.filter((name) => !old.includes(name))].map((name) => readVendorName(join(dir, name))));
  for (const name of names.filter((n) => /^vendor-[^.]+$/.test(n) && !kept.has(n) && ageMs(n) > KEEP_RECENT_BUILDS_MS)) rmSync(join(dir, name), { recursive: true, force: true });
}

function readVendorName(buildDir) {
  try {
    return readFileSync(join(buildDir, 'vendor.txt'), 'utf8');
  } catch {
    return undefined;
  }
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
  let esbuild;
  try {
    try {
      esbuild = await import('esbuild');
    } catch {
      return { reason: 'esbuild is not installed' };
    }
    const id = `cli-${Date.now().toString(36)}-${process.pid.toString(36)}`;
    const partial = join(dir, `${id}.partial`);
    const before = sourceStamps(root);
    const startedMs = Date.now();
    const { namedByUrl: modules, rewritten } = scanSources(root);
    const entryPoints = [{ in: join(root, entry), out: 'cli' }, ...modules.map((file) => ({ in: file, out: `modules/${outName(root, file)}` }))];
    let result;
    let vendor;
    try {
      const build = (files) =>
        esbuild.build({
          ...COMMON,
          absWorkingDir: root,
          entryPoints,
          outdir: partial,
          chunkNames: 'chunks/[name]-[hash]',
          metafile: true,
          write: false,
          packages: 'external',
          plugins: [sourceSemantics(root, files)],
        });
      result = await build(rewritten);
      // a module of ours outside the scanned folders that needs the rewrite: build again with it
      const missed = Object.keys(result.metafile.inputs)
        .map((rel) => join(root, rel))
        .filter((file) => !rewritten.includes(file) && existsSync(file) && NEEDS_SEMANTICS.test(readFileSync(file, 'utf8')));
      if (missed.length > 0) result = await build([...rewritten, ...missed]);
      const packages = new Set(
        Object.values(result.metafile.outputs)
          .flatMap((out) => out.imports)
          .filter((i) => i.external && !isBuiltin(i.path) && !/^[./]/.test(i.path) && !EXTERNAL.some((p) => i.path === p || i.path.startsWith(`${p}/`)))
          .map((i) => i.path),
      );
      vendor = await vendorBundle(esbuild, root, [...packages].sort(), COMMON);
    } catch (err) {
      rmSync(partial, { recursive: true, force: true });
      writeFileSync(failurePath(root), sourceTreeStamp(root));
      const first = err.errors?.[0];
      return { reason: first ? `${first.location?.file ?? ''}:${first.location?.line ?? ''}: ${first.text}` : String(err.message ?? err).split('\n')[0] };
    }
    for (const file of result.outputFiles) {
      mkdirSync(dirname(file.path), { recursive: true });
      writeFileSync(file.path, file.text.replace(PACKAGE_IMPORT, (all, before, spec) => (vendor.urls.has(spec) ? before + JSON.stringify(vendor.urls.get(spec)) : all)));
    }
    writeFileSync(join(partial, 'vendor.txt'), vendor.name);
    markAsModules(partial);
    // the fast start of `tool` (fast.mjs); without it, it starts from the chunks, as before
    const esmEntries = new Map();
    for (const [out, meta] of Object.entries(result.metafile.outputs)) {
      if (meta.entryPoint && !meta.entryPoint.includes(':')) esmEntries.set(join(root, meta.entryPoint), pathToFileURL(join(dir, id, relative(partial, join(root, out)))).href);
    }
    const fast = await buildFastBundle(esbuild, { root, entry, outdir: partial, esmEntries, vendorUrls: vendor.urls, options: COMMON, plugins: [sourceSemantics(root), englishZodOnly()] }).catch((err) => ({ reason: String(err?.message ?? err) }));
    if (fast.reason && process.env.CELLPILOT_BUNDLE_LOG) process.stderr.write(`cellpilot: no fast start for tool (${fast.reason})\n`);
    rmSync(failurePath(root), { force: true });
    const inputs = [...Object.keys(result.metafile.inputs).filter((p) => !p.includes(':')), ...SETTINGS.filter((p) => existsSync(join(root, p)))];
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
      ...(fast.file ? { fast: relative(partial, fast.file), fastEsmOnly: fast.esmOnly } : {}),
      inputs: stamped,
    };
    const tmp = `${manifestPath(root)}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(manifest));
    renameSync(tmp, manifestPath(root));
    removeOldBuilds(dir, id);
    const bundle = freshBundle(root);
    return bundle ? { bundle } : { reason: 'a source changed as it was published' };
  } finally {
    // esbuild's service process ends now, not when this process does
    await esbuild?.stop();
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

/**
 * Starts a build in a separate process that outlives this one, unless one is running, the
 * last one failed on these same sources, or the cache folder cannot be written. Returns
 * at once: the command that found the bundle stale runs from the sources meanwhile.
 */
export function buildInBackground(root = ROOT) {
  const dir = cacheDir(root);
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch {
    return false;
  }
  const lock = fileStamp(join(dir, 'cli.lock'));
  if ((lock && Date.now() - lock[1] < LOCK_STALE_MS) || failedBefore(root)) return false;
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--root', root], { detached: true, stdio: 'ignore', cwd: root });
  child.on('error', () => {});
  child.unref();
  return true;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const startedMs = Date.now();
  const { values } = parseArgs({ options: { force: { type: 'boolean' }, root: { type: 'string' } } });
  const options = { root: values.root ? resolve(values.root) : ROOT };
  const { bundle, reason } = values.force ? await buildCliBundle(options) : await ensureCliBundle(options);
  if (bundle) process.stdout.write(`command bundle: ${relative(process.cwd(), bundle.dir) || bundle.dir} (${Date.now() - startedMs} ms)\n`);
  else {
    process.stderr.write(`cellpilot: the command bundle was not built (${reason}); commands run from the sources until it is\n`);
    process.exitCode = 1;
  }
}
