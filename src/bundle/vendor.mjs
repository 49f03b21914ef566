// The npm packages our sources import, bundled apart from our sources: one entry per
// package specifier ('zod', '@langchain/core/messages'), with shared chunks, in
// node_modules/.cache/cellpilot/vendor-<key>/. It changes only when the packages or the
// set of specifiers do (key: node_modules/.package-lock.json, which npm rewrites on every
// install, and the specifiers), so an edit of our sources rebuilds only our own ~250
// modules instead of ~1900 (about 0.7 s of CPU instead of 1.7 s).
// A CommonJS package (esbuild can give it only a default export: its names are known when
// it runs) gets an entry that exports the names Node gives it (Node's own import of it,
// here at build time), so `import { parse } from 'yaml'` works as under Node.
// Plain JavaScript: it runs before any TypeScript loader.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cacheDir, fileStamp } from './manifest.mjs';
import { sourceSemantics } from './semantics.mjs';

const BUNDLE_DIR = dirname(fileURLToPath(import.meta.url));
const MAP_FILE = 'vendor.json';
const COMMONJS = 'cellpilot-commonjs';

/**
 * Declares a bundle folder's .js files ES modules. Without it Node finds no package.json
 * above them (the search stops at node_modules), takes each file for CommonJS, fails to
 * parse it as that and parses it again as a module: ~15 ms of CPU per command.
 */
export function markAsModules(dir) {
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
}

/**
 * esbuild plugin: zod's `locales` namespace holds only English. zod's own messages are
 * English by default, and nothing we bundle calls `z.config(z.locales.xx())`; the other
 * ~50 languages are half of zod's code, which every command that validates arguments
 * would parse (~8 ms of CPU per command).
 */
export function englishZodOnly() {
  return {
    name: 'cellpilot-english-zod',
    setup(build) {
      build.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, (args) => ({ contents: 'export { default as en } from "./en.js";\n', loader: 'js', resolveDir: dirname(args.path) }));
    },
  };
}

/** An entry's file name: its place in the list (specifiers have slashes and @). */
function entryName(specifiers, spec) {
  return String(specifiers.indexOf(spec));
}

function vendorKey(root, specifiers, options) {
  const hash = createHash('sha256');
  // the builders' own files too: a change in how packages are bundled makes a new one
  const builders = ['vendor.mjs', 'semantics.mjs'].map((file) => fileStamp(join(BUNDLE_DIR, file)));
  hash.update(JSON.stringify({ specifiers, lock: fileStamp(join(root, 'node_modules', '.package-lock.json')) ?? null, node: process.version, external: options.external, builders }));
  return hash.digest('hex').slice(0, 16);
}

function isIdentifier(name) {
  try {
    new Function(`"use strict"; let ${name};`);
    return /^[A-Za-z_$][\w$]*$/.test(name);
  } catch {
    return false;
  }
}

/** The named exports Node gives a CommonJS package, or undefined when it cannot be loaded here. */
async function namesUnderNode(spec) {
  try {
    return Object.keys(await import(spec)).filter((name) => name !== 'default' && name !== '__esModule' && isIdentifier(name));
  } catch {
    return undefined;
  }
}

/** esbuild plugin: `cellpilot-commonjs:<spec>` is a module re-exporting a CommonJS package under Node's names. */
function commonJsEntries(namesBySpec) {
  return {
    name: 'cellpilot-commonjs-entries',
    setup(build) {
      build.onResolve({ filter: new RegExp(`^${COMMONJS}:`) }, (args) => ({ path: args.path.slice(COMMONJS.length + 1), namespace: COMMONJS }));
      build.onLoad({ filter: /.*/, namespace: COMMONJS }, (args) => {
        const names = namesBySpec.get(args.path);
        const contents = `const m = require(${JSON.stringify(args.path)});\nexport default m;\n${names.length ? `export const { ${names.join(', ')} } = m;\n` : ''}`;
        return { contents, loader: 'js', resolveDir: build.initialOptions.absWorkingDir };
      });
    },
  };
}

async function buildEntries(esbuild, root, specifiers, options, outdir, namesBySpec, native) {
  const bundled = specifiers.filter((spec) => !native.includes(spec));
  const result = await esbuild.build({
    ...options,
    absWorkingDir: root,
    entryPoints: bundled.map((spec) => ({ in: namesBySpec.has(spec) ? `${COMMONJS}:${spec}` : spec, out: entryName(specifiers, spec) })),
    external: [...options.external, ...native.flatMap((spec) => [spec, `${spec}/*`])],
    outdir,
    chunkNames: 'chunks/[name]-[hash]',
    metafile: true,
    // less text for Node to parse at each start; names are kept (packages read class names)
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    plugins: [sourceSemantics(root), commonJsEntries(namesBySpec), englishZodOnly()],
  });
  // entry files are <outdir>/<name>.js (chunks are under chunks/ with hashed names)
  const exportsOf = new Map(Object.entries(result.metafile.outputs).map(([file, out]) => [file.slice(file.lastIndexOf('/') + 1), out.exports]));
  return bundled.filter((spec) => !(exportsOf.get(`${entryName(specifiers, spec)}.js`) ?? []).some((e) => e !== 'default'));
}

/**
 * The vendor bundle for these specifiers, built if there is none yet: `{ name, urls }`, where
 * `urls` maps a specifier to its bundled module's URL, or to the specifier itself when Node
 * loads that package directly (a CommonJS package that cannot be loaded at build time).
 */
export async function vendorBundle(esbuild, root, specifiers, options) {
  const name = `vendor-${vendorKey(root, specifiers, options)}`;
  const dir = join(cacheDir(root), name);
  const published = join(dir, MAP_FILE);
  if (!existsSync(published)) {
    const partial = `${dir}.${process.pid}.partial`;
    rmSync(partial, { recursive: true, force: true });
    mkdirSync(partial, { recursive: true });
    const namesBySpec = new Map();
    let native = [];
    if (specifiers.length > 0) {
      const defaultOnly = await buildEntries(esbuild, root, specifiers, options, partial, namesBySpec, native);
      if (defaultOnly.length > 0) {
        for (const spec of defaultOnly) {
          const names = await namesUnderNode(spec);
          if (names) namesBySpec.set(spec, names);
          else native.push(spec);
        }
        // built again as one graph, so that the CommonJS packages and the packages using them share one instance (one React)
        rmSync(partial, { recursive: true, force: true });
        mkdirSync(partial, { recursive: true });
        await buildEntries(esbuild, root, specifiers, options, partial, namesBySpec, native);
      }
    }
    const map = Object.fromEntries(specifiers.map((spec) => [spec, native.includes(spec) ? null : `${entryName(specifiers, spec)}.js`]));
    writeFileSync(join(partial, MAP_FILE), JSON.stringify(map));
    markAsModules(partial);
    rmSync(dir, { recursive: true, force: true });
    renameSync(partial, dir);
  }
  const map = JSON.parse(readFileSync(published, 'utf8'));
  return { name, urls: new Map(specifiers.map((spec) => [spec, map[spec] ? pathToFileURL(join(dir, map[spec])).href : spec])) };
}
