// `cellpilot chat [movie...] [--model M] [--resume SESSION]`: the Ink chat. The screen
// paints first (from the pre-built UI bundle when bin/cellpilot.js could, see
// src/ui/early.mjs and fastStart.ts); the agent (LangChain, the tools) loads after.
import { appendFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { cellpilotCommandLine } from '../agent/commandHint.ts';
import { InputError } from '../errors.ts';
import { historyPath, readHistory, takeEarlyChat } from '../ui/early.mjs';
import { parseCommandLine } from './commandLine.ts';

const USAGE = 'usage: cellpilot chat [movie...] [--model M] [--resume SESSION]';

export const help = `options:
  movie...          movies to load (TIFF, OME-TIFF, a folder of frames or a quoted pattern like "t{t:3}.tif"; ~ works)
  --resume ID       continue a session, its transcript shown (/quit prints the ID; \`cellpilot sessions list\` lists them)
  --model M         offline (the built-in planner, default) or openai:<name>
in the chat: /help lists the slash commands; Esc cancels a step; /quit leaves
`;

function appendHistory(line: string): void {
  try {
    mkdirSync(dirname(historyPath()), { recursive: true });
    appendFileSync(historyPath(), line.replace(/\n/g, ' ') + '\n');
  } catch {
    /* history is a convenience; never fail the chat for it */
  }
}

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommandLine({ args: argv, options: { model: { type: 'string' }, resume: { type: 'string' } }, allowPositionals: true }, USAGE);
  // "~/x.tif" typed in quotes (the shell did not expand it) means what it would have
  const expandHome = parsed.positionals.some((m) => m.startsWith('~')) ? (await import('../agent/artifacts.ts')).expandHome : (m: string) => m;
  const movies = parsed.positionals.map(expandHome);
  const { movieInputExists } = await import('../image/moviePath.ts');
  for (const movie of movies) if (!movieInputExists(movie)) throw new InputError(`${movie}: no such file, folder or frame pattern; ${USAGE}`);
  if (parsed.values.resume !== undefined) {
    // a mistyped id would otherwise start a new, empty session under that name
    const { sessionsRoot } = await import('../agent/session.ts');
    const id = parsed.values.resume;
    if (!existsSync(join(sessionsRoot(), id, 'session.json')) && !existsSync(join(id, 'session.json'))) {
      throw new InputError(`no saved session "${id}" in ${sessionsRoot()}: cellpilot sessions lists them (run the chat from the folder it was started in, or set CELLPILOT_SESSIONS)`);
    }
  }
  if (!process.stdin.isTTY) throw new InputError('the chat needs an interactive terminal; for one request without the UI use: cellpilot ask "<request>"');

  let sessionId: string | undefined;
  // the session stays locked while the chat works on it; when another process holds it, the chat closes with that one line
  let refused: unknown;
  let closeApp = () => {};
  const loadBackend = async () => {
    const [{ createAgentBackend }, { lockedBackend }, { sessionsRoot }] = await Promise.all([import('../ui/backend.ts'), import('../ui/lockedBackend.ts'), import('../agent/session.ts')]);
    try {
      const backend = await lockedBackend(createAgentBackend, { model: parsed.values.model, sessionId: parsed.values.resume, movies }, sessionsRoot());
      sessionId = backend.sessionId;
      return backend;
    } catch (err) {
      if (/ is in use by /.test(String((err as Error)?.message))) {
        refused = err;
        closeApp();
      }
      throw err;
    }
  };
  // after the chat closes: how to come back to this session
  const resumeHint = () => {
    if (sessionId) process.stdout.write(`Session ${sessionId} is saved. Resume it with: ${cellpilotCommandLine(['chat', '--resume', sessionId])}\n`);
  };
  // previews read CSV and PNG files; loaded beside the agent, not before the first paint
  let previewModule: typeof import('../ui/preview.ts') | undefined;
  void import('../ui/preview.ts').then((m) => (previewModule = m));
  let code = 0;
  const late = {
    loadBackend,
    previews: (event: Parameters<typeof import('../ui/preview.ts').stepPreviews>[0], columns: number) => previewModule?.stepPreviews(event, columns) ?? {},
    onSubmitLine: appendHistory,
    onExit: (c: number) => void (code = c),
  };

  const early = takeEarlyChat();
  if (early) {
    closeApp = () => early.app.unmount();
    early.provide(late);
    await early.app.waitUntilExit();
    if (refused) throw refused;
    resumeHint();
    return code;
  }
  const { loadChatUi, buildChatUiBundle } = await import('../ui/fastStart.ts');
  const { render, React, ChatApp, modelLabel, fromBundle } = await loadChatUi();
  const app = render(
    React.createElement(ChatApp, { ...late, model: modelLabel(parsed.values.model), movies: movies.map((m) => m.split('/').at(-1) ?? m), history: readHistory() }),
    { exitOnCtrlC: false },
  );
  // first start: bundle Ink and the components for the next one, once the agent has loaded
  if (!fromBundle) setTimeout(() => void buildChatUiBundle().catch(() => undefined), 3000).unref();
  closeApp = () => app.unmount();
  await app.waitUntilExit();
  if (refused) throw refused;
  resumeHint();
  return code;
}
