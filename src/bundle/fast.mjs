// The fast start of the command a user runs most, one after another, on movies
// (`cellpilot tool ...`): src/cli.ts and everything that command loads,
// packages included, as ONE CommonJS file (fast.cjs, beside the ESM chunks of the command
// bundle), compiled through vm.Script with a V8 code cache kept beside it per command
// (fast-<command>.cache, written by the first run of each command after a build). Node 20
// keeps no code cache for ES modules, and its ESM loader resolves, links and compiles each
// chunk at every start: ~25 ms of CPU per command on the 2-core development machine
// (`tool project` on a small movie: 206 -> 184 ms; see bench/README.md).
// What cannot be CommonJS (a module with top-level await, e.g. tools/index.ts or a package
// such as vega-canvas or Ink) stays out: the dynamic import() that reaches it loads that
// module's chunk from the ESM bundle instead, as before. Every other command (chat, ask,
// eval, ...) starts from the ESM bundle as before.
// Plain JavaScript: it runs before any TypeScript loader.
import { builtin } from './builtins.mjs';

const { isAscii } = builtin('node:buffer');
const { readFileSync, renameSync, writeFileSync } = builtin('node:fs');
const { createRequire } = builtin('node:module');
const { dirname, join, relative, resolve, sep } = builtin('node:path');
const { pathToFileURL } = builtin('node:url');

/**
 * Commands that start from fast.cjs when the bundle has it. Not `info`: its few small chunks
 * load as fast as the one large file does (131-140 ms of CPU either way, measured).
 */
export const FAST_COMMANDS = ['tool'];
export const FAST_FILE = 'fast.cjs';

/**
 * fast.cjs is written already wrapped as a CommonJS function, as node:module's wrap() does at
 * each start: wrapping 2.4 MB at start made a two-part string that V8 copied whole before
 * compiling (~8 ms of CPU per command on the 2-core development machine, measured).
 */
export const FAST_WRAP_HEAD = '(function (exports, require, module, __filename, __dirname) { ';
export const FAST_WRAP_TAIL = '\n});';

const TOP_LEVEL_AWAIT = /Top-level await is currently not supported/;
const DYNAMIC_IMPORT = /(?<![\w$.])import\(/g;
/** The global function that stands for import() in fast.cjs (also in code that packages build from strings). */
const IMPORT_FUNCTION = '__cellpilotImport';

/** The dynamic-import targets above `file`: the modules where the static paths up from it begin (the graph walked upwards). */
function dynamicBoundaries(file, edges) {
  const found = new Set();
  const seen = new Set([file]);
  const queue = [file];
  while (queue.length) {
    const to = queue.shift();
    for (const { from, kind } of edges.get(to) ?? []) {
      if (kind === 'dynamic-import') found.add(to);
      else if (!seen.has(from)) {
        seen.add(from);
        queue.push(from);
      }
    }
  }
  return found;
}

/**
 * Builds fast.cjs into `outdir` (a build folder not yet published). `esmEntries` maps the
 * absolute path of a module that is an entry of the ESM build (a dynamic-import target) to
 * its chunk's file URL. Returns `{ file }`, or `{ reason }` when it cannot be built (the
 * commands then start from the ESM bundle, as before).
 */
export async function buildFastBundle(esbuild, { root, entry, outdir, esmEntries, vendorUrls, options, plugins }) {
  const entryFile = join(root, entry);
  const fastModules = new Set(FAST_COMMANDS.map((name) => join(dirname(entryFile), 'commands', `${name}.ts`)));
  // dynamic-import targets left to the ESM bundle: what has top-level await below it (found by building)
  const esmOnly = new Set();
  // ... and the entry's other commands (chat, ask, eval, ...), which never start from here
  const otherCommand = (importer, file) => importer === entryFile && !fastModules.has(file);
  /** The specifier a package module was dynamically imported by ('ink'): its vendor bundle entry stands in for it. */
  const specifiers = new Map();
  for (let attempt = 0; attempt < 6; attempt++) {
    // importer -> imported edges, to find the dynamic import above a module that cannot be CommonJS
    const edges = new Map();
    const graph = {
      name: 'cellpilot-fast-graph',
      setup(build) {
        build.onResolve({ filter: /.*/ }, async (args) => {
          if (args.pluginData?.fastGraph || !args.importer) return undefined;
          const result = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, namespace: args.namespace, pluginData: { fastGraph: true } });
          if (result.errors.length > 0 || result.external || !result.path) return undefined;
          if (args.kind === 'dynamic-import') {
            if (/^[^./]/.test(args.path)) specifiers.set(result.path, args.path);
            // a package reached by import() (geotiff for Zstd, umap-js, ...) is loaded by few
            // commands: it stays in the vendor bundle, and every `tool` command reads less
            if (esmOnly.has(result.path) || otherCommand(args.importer, result.path) || vendorUrls.has(args.path)) {
              const url = esmEntries.get(result.path) ?? vendorUrls.get(specifiers.get(result.path));
              if (url) return { path: url, external: true };
            }
          }
          if (!edges.has(result.path)) edges.set(result.path, []);
          edges.get(result.path).push({ from: args.importer, kind: args.kind });
          return result;
        });
      },
    };
    try {
      const result = await esbuild.build({
        ...options,
        splitting: false,
        format: 'cjs',
        banner: {},
        absWorkingDir: root,
        entryPoints: [join(root, entry)],
        outfile: join(outdir, FAST_FILE),
        write: false,
        packages: undefined,
        minifyWhitespace: true,
        minifySyntax: true,
        legalComments: 'none',
        plugins: [graph, ...plugins],
      });
      // import() left in the file (ESM chunks, vendor entries, native packages) goes through an
      // ES module's import(): a vm.Script's own needs an experimental option that warns in Node 20
      const text = await asciiRegexes(result.outputFiles[0].text.replace(DYNAMIC_IMPORT, `${IMPORT_FUNCTION}(`));
      writeFileSync(join(outdir, FAST_FILE), FAST_WRAP_HEAD + text + FAST_WRAP_TAIL);
      return { file: join(outdir, FAST_FILE), esmOnly: [...esmOnly].map((f) => relative(root, f).split(sep).join('/')).sort() };
    } catch (err) {
      const tla = (err.errors ?? []).filter((e) => TOP_LEVEL_AWAIT.test(e.text) && e.location?.file);
      if (tla.length === 0 || tla.length !== (err.errors ?? []).length) return { reason: String(err.errors?.[0]?.text ?? err.message ?? err).split('\n')[0] };
      let added = 0;
      for (const e of tla) {
        const file = resolve(root, e.location.file);
        const boundaries = dynamicBoundaries(file, edges);
        if (boundaries.size === 0) return { reason: `${e.location.file} has top-level await and is imported statically from ${entry}` };
        for (const b of boundaries) {
          if (!esmEntries.has(b) && !vendorUrls.has(specifiers.get(b))) return { reason: `${relative(root, b)} (top-level await below it) is no entry of the ESM bundle` };
          if (!esmOnly.has(b)) added++;
          esmOnly.add(b);
        }
      }
      if (added === 0) return { reason: 'top-level await left after moving its importers to the ESM bundle' };
    }
  }
  return { reason: 'too many modules with top-level await' };
}

/**
 * The file with the non-ASCII characters of its regular-expression literals written as
 * \\uXXXX escapes (the same regular expressions), so that the whole file is ASCII: it then
 * loads as a one-byte string, ~7 ms of CPU less per command than the two-byte string that
 * decoding 2.2 MB of UTF-8 makes (measured: 10-14 against 3-4 ms). esbuild's ASCII output
 * escapes every other string already, but leaves regular expressions (and raw template
 * text, where an escape would change the value) as written. The text is unchanged when
 * any non-ASCII character lies elsewhere, or when TypeScript's parser (which tells a
 * regular expression from a division, ~2 s per build) cannot be loaded.
 */
export async function asciiRegexes(text) {
  const nonAscii = /[^\x00-\x7f]/g;
  const positions = [...text.matchAll(nonAscii)].map((m) => m.index);
  if (positions.length === 0) return text;
  let ts;
  try {
    ts = (await import('typescript')).default;
  } catch {
    return text;
  }
  const file = ts.createSourceFile(FAST_FILE, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  const innermost = (node, pos) => {
    let inner = node;
    ts.forEachChild(node, (child) => {
      if (pos >= child.getStart(file) && pos < child.end) return (inner = innermost(child, pos)), true;
      return undefined;
    });
    return inner;
  };
  if (!positions.every((pos) => innermost(file, pos).kind === ts.SyntaxKind.RegularExpressionLiteral)) return text;
  // `µ` and its identity escape `\µ` (after an odd run of backslashes) become `\u00b5`; a
  // code unit of an astral character becomes its surrogate escape, read as the same character
  let out = '';
  let from = 0;
  for (const pos of positions) {
    let slashes = 0;
    while (text[pos - 1 - slashes] === '\\') slashes++;
    out += text.slice(from, slashes % 2 ? pos - 1 : pos) + `\\u${text.charCodeAt(pos).toString(16).padStart(4, '0')}`;
    from = pos + 1;
  }
  return out + text.slice(from);
}

/**
 * Runs fast.cjs (it runs the command line itself, as src/cli.ts does on import) through
 * vm.Script with the command's code cache, and writes that cache at exit when there was none
 * or V8 rejected it (a new Node, other V8 flags). Throws before the command starts when the
 * file cannot be read or compiled (the caller then starts from the ESM bundle).
 */
export async function runFastBundle(bundleDir, command) {
  const vm = builtin('node:vm');
  const file = join(bundleDir, FAST_FILE);
  const cachePath = join(bundleDir, `fast-${command}.cache`);
  const bytes = readFileSync(file);
  // built ASCII (asciiRegexes): a one-byte string, without decoding UTF-8
  const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  let cachedData;
  try {
    cachedData = readFileSync(cachePath);
  } catch {
    // first run of this command since the build: compiled from the source, the cache written at exit
  }
  globalThis[IMPORT_FUNCTION] ??= (specifier) => import(specifier);
  // a bundle built before fast.cjs was written wrapped is wrapped here, as then
  const wrapped = source.startsWith(FAST_WRAP_HEAD) ? source : FAST_WRAP_HEAD + source + FAST_WRAP_TAIL;
  const script = new vm.Script(wrapped, { filename: file, cachedData });
  if (!cachedData || script.cachedDataRejected) {
    process.once('exit', () => {
      try {
        const tmp = `${cachePath}.${process.pid}.tmp`;
        writeFileSync(tmp, script.createCachedData());
        renameSync(tmp, cachePath);
      } catch {
        // a read-only cache folder: the next start compiles again
      }
    });
  }
  const fn = script.runInThisContext();
  const module = { exports: {} };
  fn.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  return pathToFileURL(file).href;
}
