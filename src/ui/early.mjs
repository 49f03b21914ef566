// The chat's first paint before the TypeScript loader starts. bin/cellpilot.js calls
// paintEarly(argv) first thing: for an interactive `cellpilot` / `cellpilot chat` whose
// arguments are plain (a --model, a --resume, movies that exist) and whose UI bundle is
// built and fresh (src/ui/fastStart.ts writes it), it renders the chat from that one
// file in a few hundred milliseconds. src/commands/chat.ts then hands it the agent via
// takeEarlyChat(). In every other case it does nothing and the normal path runs.
// Plain JavaScript on purpose: it runs before tsx is registered.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const UI_DIR = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(UI_DIR, '..', '..');
const CACHE_DIR = join(ROOT, 'node_modules', '.cache', 'cellpilot');
const HISTORY_LINES = 500;

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : []));
}

function packageVersion(name) {
  try {
    return JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return '?';
  }
}

/** The bundle's path for the current sources: a hash of their sizes and times and the versions. */
export function bundlePath() {
  const hash = createHash('sha256');
  for (const file of sourceFiles(UI_DIR).sort()) {
    const s = statSync(file);
    hash.update(`${file}:${s.size}:${s.mtimeMs}\n`);
  }
  hash.update(`ink ${packageVersion('ink')} react ${packageVersion('react')} node ${process.version}`);
  return join(CACHE_DIR, `chat-ui-${hash.digest('hex').slice(0, 16)}.mjs`);
}

/** Where the typed requests are kept: beside the sessions ($CELLPILOT_SESSIONS or ./sessions). */
export function historyPath() {
  return join(resolve(process.env.CELLPILOT_SESSIONS ?? join(process.cwd(), 'sessions')), '.input-history');
}

export function readHistory() {
  try {
    return readFileSync(historyPath(), 'utf8').split('\n').filter(Boolean).slice(-HISTORY_LINES);
  } catch {
    return [];
  }
}

/** The chat's options when argv is a plain chat invocation, else undefined. */
export function plainChatArgs(argv) {
  const rest = argv[0] === 'chat' ? argv.slice(1) : argv;
  if (argv[0] !== undefined && argv[0] !== 'chat' && !argv[0].startsWith('-')) return undefined;
  if (rest.some((a) => a === '--help' || a === '-h' || a === '--version' || a === '-V')) return undefined;
  try {
    const { values, positionals } = parseArgs({ args: rest, options: { model: { type: 'string' }, resume: { type: 'string' } }, allowPositionals: true });
    if (!positionals.every((p) => existsSync(p))) return undefined;
    return { model: values.model, resume: values.resume, movies: positionals };
  } catch {
    return undefined;
  }
}

function modelLabel(flag) {
  if (flag) return flag;
  if (process.env.CELLPILOT_MODEL) return process.env.CELLPILOT_MODEL;
  if (process.env.OPENAI_API_KEY || process.env.OPENAI_BASE_URL) return `openai:${process.env.OPENAI_MODEL ?? 'gpt-4o-mini'}`;
  return 'offline';
}

// kept on globalThis: the native import here and tsx's import in chat.ts must share it
const KEY = Symbol.for('cellpilot.earlyChat');

/** Paints the chat from the bundle when it can; never throws. */
export async function paintEarly(argv) {
  try {
    if (!process.stdin.isTTY || !process.stdout.isTTY || process.env.CELLPILOT_NO_BUNDLE === '1') return;
    const args = plainChatArgs(argv);
    if (!args) return;
    const path = bundlePath();
    if (!existsSync(path)) return;
    const ui = await import(pathToFileURL(path).href);
    let provide;
    const provided = new Promise((r) => (provide = r));
    // the agent and the previews arrive later from src/commands/chat.ts
    const props = {
      loadBackend: async () => (await provided).loadBackend(),
      previews: (event, columns) => late?.previews?.(event, columns) ?? {},
      onSubmitLine: (line) => late?.onSubmitLine?.(line),
      onExit: (code) => late?.onExit?.(code),
      model: modelLabel(args.model),
      movies: args.movies.map((m) => m.split('/').at(-1) ?? m),
      history: readHistory(),
    };
    let late;
    const app = ui.render(ui.React.createElement(ui.ChatApp, props), { exitOnCtrlC: false });
    globalThis[KEY] = {
      app,
      args,
      provide(value) {
        late = value;
        provide(value);
      },
    };
  } catch {
    globalThis[KEY] = undefined;
  }
}

/** The chat painted by paintEarly, once; undefined when there is none. */
export function takeEarlyChat() {
  const taken = globalThis[KEY];
  globalThis[KEY] = undefined;
  return taken;
}
