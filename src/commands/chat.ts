// `cellpilot chat [movie...] [--model M] [--resume SESSION]`: the Ink chat. Ink and
// React load first and paint; the agent (LangChain, the tool catalogue) loads after.
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { InputError } from '../errors.ts';

const USAGE = 'usage: cellpilot chat [movie...] [--model M] [--resume SESSION]';
const HISTORY_LINES = 500;

function historyPath(): string {
  // same root as the agent's sessionsRoot(), computed here to keep start-up light
  return join(resolve(process.env.CELLPILOT_SESSIONS ?? join(process.cwd(), 'sessions')), '.input-history');
}

function readHistory(): string[] {
  try {
    return readFileSync(historyPath(), 'utf8').split('\n').filter(Boolean).slice(-HISTORY_LINES);
  } catch {
    return [];
  }
}

function appendHistory(line: string): void {
  try {
    mkdirSync(dirname(historyPath()), { recursive: true });
    appendFileSync(historyPath(), line.replace(/\n/g, ' ') + '\n');
  } catch {
    /* history is a convenience; never fail the chat for it */
  }
}

export async function run(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { model: { type: 'string' }, resume: { type: 'string' } }, allowPositionals: true });
  } catch (err) {
    throw new InputError(`${(err as Error).message}; ${USAGE}`);
  }
  const movies = parsed.positionals;
  for (const movie of movies) if (!existsSync(movie)) throw new InputError(`${movie}: no such file; ${USAGE}`);
  if (!process.stdin.isTTY) throw new InputError('the chat needs an interactive terminal; for one request without the UI use: cellpilot ask "<request>"');

  const { loadChatUi, buildChatUiBundle } = await import('../ui/fastStart.ts');
  const { render, React, ChatApp, modelLabel, fromBundle } = await loadChatUi();
  const loadBackend = async () => {
    const { createAgentBackend } = await import('../ui/backend.ts');
    return createAgentBackend({ model: parsed.values.model, sessionId: parsed.values.resume, movies });
  };
  // previews read CSV and PNG files; loaded beside the agent, not before the first paint
  let previewModule: typeof import('../ui/preview.ts') | undefined;
  void import('../ui/preview.ts').then((m) => (previewModule = m));

  let code = 0;
  const app = render(
    React.createElement(ChatApp, {
      loadBackend,
      model: modelLabel(parsed.values.model),
      movies: movies.map((m) => m.split('/').at(-1) ?? m),
      previews: (event, columns) => previewModule?.stepPreviews(event, columns) ?? {},
      history: readHistory(),
      onSubmitLine: appendHistory,
      onExit: (c) => (code = c),
    }),
    { exitOnCtrlC: false },
  );
  // first start: bundle Ink and the components for the next one, once the agent has loaded
  if (!fromBundle) setTimeout(() => void buildChatUiBundle().catch(() => undefined), 3000).unref();
  await app.waitUntilExit();
  return code;
}
