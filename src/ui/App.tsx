// The chat: a header, the transcript (finished items printed once with <Static>, the
// running turn redrawn live), and the input line. The agent is loaded after the first
// paint; a request typed meanwhile waits for it.
import React, { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { Box, Static, Text, useApp, useInput, useStdout } from 'ink';
import { missingInputsLine } from '../agent/artifacts.ts';
import type { AgentEvent } from '../agent/events.ts';
import type { ChatBackend } from './backend.ts';
import { Header, type HeaderInfo } from './components/Header.tsx';
import { InputLine } from './components/InputLine.tsx';
import { Item } from './components/Item.tsx';
import { applyKey, emptyEditor, type EditorKey } from './lineEditor.ts';
import { historyItems } from './history.ts';
import { DEMO_REQUEST, handleSlash } from './slash.ts';
import { chatReducer, initialChatState, type ImagePreview, type TablePreview } from './state.ts';

export interface ChatAppProps {
  /** Loads the agent (lazily, after the first paint). */
  loadBackend: () => Promise<ChatBackend>;
  /** Shown in the header until the backend is ready. */
  model: string;
  movies: string[];
  /** Previews for a finished step (tables, plots); default none. */
  previews?: (event: Extract<AgentEvent, { type: 'step_end' }>, columns: number) => { table?: TablePreview; image?: ImagePreview; files?: string[] };
  /** Earlier requests for the ↑ history. */
  history?: string[];
  /** Called with each submitted line (to persist the history). */
  onSubmitLine?: (line: string) => void;
  onExit?: (code: number) => void;
}

function introText(movies: string[]): string {
  const first = 'I analyse live-cell movies from plain requests: correct drift, denoise, segment, track, measure and plot, all on this machine.';
  const uses = [
    'Also: save what you did as a pipeline ("save this as a pipeline called nuclei", then cellpilot run it on other movies);',
    'steer the simulated microscope ("image GFP and DAPI every 5 minutes for 2 hours"); score me with cellpilot eval evals/.',
  ].join(' ');
  const second = movies.length
    ? `Loaded ${movies.join(', ')}. Ask e.g. "correct the drift, segment the nuclei and track them", or /help.`
    : `No movie loaded: type "demo" to ${DEMO_REQUEST}, or name a file ("open ~/data/cells.tif"). /help lists commands.`;
  return `${first}\n${uses}\n${second}`;
}

function resumedText(b: ChatBackend): string {
  const moved = missingInputsLine(b.artifacts());
  return `Resumed session ${b.sessionId} (${b.provenance().length} steps, ${b.artifacts().length} artifacts): ask on from here; /log lists the steps, /artifacts the files.${moved ? `\n${moved}` : ''}`;
}

function useColumns(): number {
  const { stdout } = useStdout();
  const [columns, setColumns] = useState(stdout.columns || 80);
  useEffect(() => {
    const onResize = () => setColumns(stdout.columns || 80);
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return columns;
}

export function ChatApp(props: ChatAppProps): React.ReactElement {
  const { exit } = useApp();
  const { write } = useStdout();
  const columns = useColumns();
  const [chat, dispatch] = useReducer(chatReducer, initialChatState);
  const [editor, setEditor] = useState(() => emptyEditor(props.history ?? []));
  // keys can arrive faster than React re-renders: edit the latest state, not the rendered one
  const editorRef = useRef(editor);
  const [backend, setBackend] = useState<ChatBackend>();
  const [hint, setHint] = useState<string>();
  const [staticKey, setStaticKey] = useState(0);
  const controller = useRef<AbortController | undefined>(undefined);
  const pending = useRef<string[]>([]);
  const lastCtrlC = useRef(0);
  // a risky call waiting for the person's y/n
  const approval = useRef<((yes: boolean) => void) | undefined>(undefined);
  const printedImages = useRef(new Set<string>());
  const columnsRef = useRef(columns);
  columnsRef.current = columns;

  const notice = useCallback((text: string, tone: 'info' | 'error' | 'help' = 'info') => dispatch({ type: 'notice', tone, text }), []);

  const attach = useCallback(
    (next: ChatBackend, intro?: string, resumed = next.resumed) => {
      setBackend(next);
      const info: HeaderInfo = { model: next.modelName, sessionId: next.sessionId, movies: next.movies() };
      if (!resumed) return dispatch({ type: 'header', info, intro });
      // a resumed session opens on its conversation so far, then says where it stands
      dispatch({ type: 'header', info });
      dispatch({ type: 'history', items: historyItems(next.transcript?.() ?? [], next.provenance()) });
      notice(resumedText(next));
    },
    [notice],
  );

  // load the agent after the first paint
  useEffect(() => {
    let cancelled = false;
    props.loadBackend().then(
      (b) => {
        if (cancelled) return;
        attach(b, introText(b.movies()));
      },
      (err: unknown) => {
        if (!cancelled) notice(`could not start the agent: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`, 'error');
      },
    );
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // agent events drive the transcript
  useEffect(() => {
    if (!backend) return;
    return backend.events.on((event) => {
      dispatch({ type: 'agent', event });
      if (event.type === 'step_end' && props.previews) {
        const extra = props.previews(event, columnsRef.current);
        if (extra.table || extra.image || extra.files?.length) dispatch({ type: 'attach', stepId: event.stepId, ...extra });
      }
    });
  }, [backend, props.previews]);

  // inline images (kitty / iTerm2) go straight to the terminal, once, below their card
  useEffect(() => {
    for (const item of chat.committed) {
      if (item.kind === 'tool' && item.card.image?.inline && !printedImages.current.has(item.id)) {
        printedImages.current.add(item.id);
        write(`${item.card.image.inline}\n`);
      }
    }
  }, [chat.committed, write]);

  const run = useCallback(
    (job: (b: ChatBackend, signal: AbortSignal) => Promise<void>, b: ChatBackend) => {
      const ctrl = new AbortController();
      controller.current = ctrl;
      job(b, ctrl.signal)
        .catch((err: unknown) => notice(err instanceof Error ? err.message.split('\n')[0] : String(err), 'error'))
        .finally(() => {
          if (controller.current === ctrl) controller.current = undefined;
          setHint(undefined);
        });
    },
    [notice],
  );

  const submit = useCallback(
    (line: string, b: ChatBackend | undefined) => {
      props.onSubmitLine?.(line);
      if (line.startsWith('/')) {
        const outcome = handleSlash(line, b, columnsRef.current);
        switch (outcome.type) {
          case 'notice':
            return notice(outcome.text, outcome.tone);
          case 'quit':
            controller.current?.abort();
            props.onExit?.(0);
            return exit();
          case 'clear':
            write('\x1b[2J\x1b[3J\x1b[H');
            dispatch({ type: 'clear' });
            setStaticKey((k) => k + 1);
            return;
          case 'ask':
            return submit(outcome.request, b);
          case 'tool':
            if (controller.current) return notice('still working: wait, or press Esc to cancel', 'error');
            return run((bk, signal) => bk.runTool(outcome.name, outcome.args, signal), b!);
          case 'reopen':
            if (controller.current) return notice('still working: wait, or press Esc to cancel', 'error');
            b!.reopen({ sessionId: outcome.sessionId, model: outcome.model }).then(
              // another model on the same session: its transcript is on screen already
              (next) => (outcome.sessionId ? attach(next, resumedText(next)) : attach(next, `Now using ${next.modelName}.`, false)),
              (err: unknown) => notice(err instanceof Error ? err.message.split('\n')[0] : String(err), 'error'),
            );
            return;
        }
      }
      const request = /^demo[.!]?$/i.test(line) ? DEMO_REQUEST : line;
      if (controller.current) return notice('still working on the last request: wait, or press Esc to cancel it', 'error');
      dispatch({ type: 'user', text: request });
      if (!b) {
        pending.current.push(request);
        return;
      }
      run((bk, signal) => bk.ask(request, signal), b);
    },
    [attach, exit, notice, props, run, write],
  );

  // risky calls (stop the acquisition, activate a rule, raise the light a lot) wait for y/n
  useEffect(() => {
    backend?.setApprover?.(
      (request) =>
        new Promise<boolean>((resolve) => {
          notice(`Confirm: ${request.action}? Press y to do it, n to refuse.`, 'help');
          setHint('y: do it · n: refuse');
          approval.current = (yes) => {
            approval.current = undefined;
            setHint(undefined);
            notice(yes ? `Confirmed: ${request.action}.` : `Refused: ${request.action} was not done.`);
            resolve(yes);
          };
        }),
    );
  }, [backend, notice]);

  // a request typed before the agent was ready runs as soon as it is
  useEffect(() => {
    if (!backend || pending.current.length === 0) return;
    const request = pending.current.shift()!;
    pending.current = [];
    run((bk, signal) => bk.ask(request, signal), backend);
  }, [backend, run]);

  useInput((input, key) => {
    if (approval.current) {
      if (/^[yY]$/.test(input)) approval.current(true);
      else if (/^[nN]$/.test(input) || key.escape || (key.ctrl && input === 'c')) approval.current(false);
      return;
    }
    if (key.ctrl && input === 'c') {
      const now = Date.now();
      if (now - lastCtrlC.current < 2000) {
        controller.current?.abort();
        props.onExit?.(130);
        return exit();
      }
      lastCtrlC.current = now;
      controller.current?.abort();
      setHint('press Ctrl-C again to quit');
      return;
    }
    if (key.escape) {
      if (controller.current && !controller.current.signal.aborted) {
        controller.current.abort();
        setHint('cancelling…');
      }
      return;
    }
    const result = applyKey(editorRef.current, input, key as EditorKey);
    editorRef.current = result.state;
    setEditor(result.state);
    if (hint === 'press Ctrl-C again to quit') setHint(undefined);
    if (result.submitted) submit(result.submitted, backend);
  });

  const width = Math.max(20, columns - 1);
  const busy = chat.busy || controller.current !== undefined;
  const movies = backend?.movies() ?? [];
  const footer = backend ? `${backend.modelName} · session ${backend.sessionId}${movies.length ? ` · ${movies.join(', ')}` : ''} · /help` : undefined;
  const status = hint ?? (busy ? 'working · Esc cancels · Ctrl-C twice quits' : footer);
  return (
    <Box flexDirection="column">
      <Static key={staticKey} items={chat.committed}>
        {(entry) => (
          <Box key={entry.id} width={width}>
            <Item item={entry} width={width} />
          </Box>
        )}
      </Static>
      {chat.starting ? (
        <Box marginBottom={1}>
          <Header info={{ model: props.model, movies: props.movies, loading: true }} width={Math.min(width, 100)} />
        </Box>
      ) : null}
      {chat.live.map((item) => (
        <Box key={item.id} width={width}>
          <Item item={item} width={width} />
        </Box>
      ))}
      <InputLine editor={editor} busy={busy} hint={status} />
    </Box>
  );
}
