// Node's built-in modules for the start-up path (bin -> start.mjs -> manifest.mjs, fast.mjs),
// taken as CommonJS modules: an ES-module `import ... from 'node:fs'` makes Node build an
// ES facade that reads every export of the module, and reading fs.ReadStream loads all of
// node:stream (~6 ms of CPU per command in profiles of `cellpilot tool`, which never uses it).
// Plain JavaScript: it runs before any TypeScript loader.
import { createRequire } from 'node:module';

/** require() for `node:` modules: process.getBuiltinModule (Node >= 20.16), else a plain require. */
// eslint-disable-next-line no-undef
export const builtin = process.getBuiltinModule?.bind(process) ?? (typeof require === 'function' ? require : createRequire(import.meta.url));
