import React from 'react';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { ChatApp } from '../../src/ui/App.tsx';
import { fakeBackend } from './fakeBackend.ts';

const tick = (ms = 30) => new Promise((r) => setTimeout(r, ms));
async function until(check: () => boolean, what: string, ms = 5000, frame?: () => string) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${frame ? `; screen:\n${frame()}` : ''}`);
    await tick(15);
  }
}
const ENTER = '\r';
const UP = '\x1b[A';
const ESC = '\x1b';

function chat(backend = fakeBackend(), history: string[] = []) {
  const exits: number[] = [];
  const app = render(<ChatApp loadBackend={async () => backend} model="offline" movies={['cells.tif']} history={history} onExit={(c) => exits.push(c)} />);
  return { ...app, backend, exits, frame: () => app.lastFrame() ?? '' };
}

async function typeLine(app: ReturnType<typeof chat>, text: string) {
  app.stdin.write(text);
  await tick();
  app.stdin.write(ENTER);
  await tick();
}

describe('chat app', () => {
  it('paints a header and the two-line intro, then runs a request: card, progress, answer', async () => {
    const app = chat();
    await until(() => app.frame().includes('session: fake-session'), 'the header');
    expect(app.frame()).toContain('I analyse live-cell movies');
    await typeLine(app, 'segment the nuclei');
    await until(() => app.frame().includes('3/10 planes'), 'progress', 5000, app.frame);
    expect(app.frame()).toContain('segment');
    expect(app.frame()).toContain('movie=movie-1');
    expect(app.frame()).toContain('Esc cancels');
    app.backend.release();
    await until(() => app.frame().includes('Segmented movie-1: 12 objects per frame'), 'the answer');
    expect(app.frame()).toContain('✓ segment');
    expect(app.frame()).toContain('2.4 s');
    expect(app.backend.requests).toEqual(['segment the nuclei']);
    app.unmount();
  });

  it('Esc cancels the running step and the chat carries on', async () => {
    const app = chat();
    await until(() => app.frame().includes('fake-session'), 'the header');
    await typeLine(app, 'segment');
    await app.backend.started();
    app.stdin.write(ESC);
    await until(() => app.frame().includes('Cancelled.'), 'the cancel');
    expect(app.frame()).toContain('■ segment');
    await typeLine(app, 'segment again');
    await app.backend.started();
    app.backend.release();
    await until(() => app.frame().includes('Segmented movie-1'), 'the next answer');
    app.unmount();
  });

  it('recalls earlier requests with the up arrow', async () => {
    const app = chat(fakeBackend(), ['track the cells']);
    await until(() => app.frame().includes('fake-session'), 'the header');
    app.stdin.write(UP);
    await until(() => app.frame().includes('› track the cells'), 'the recalled line');
    app.unmount();
  });

  it('answers slash commands: /help, /tools, /log, /artifacts, unknown', async () => {
    const app = chat();
    await until(() => app.frame().includes('fake-session'), 'the header');
    await typeLine(app, '/help');
    await until(() => app.frame().includes('/save-pipeline NAME'), '/help');
    await typeLine(app, '/tools');
    await until(() => app.frame().includes('Finds nuclei or cells in every frame.'), '/tools');
    await typeLine(app, '/log');
    await until(() => app.frame().includes('Provenance of session fake-session'), '/log');
    expect(app.frame()).toMatch(/s1\s+segment\s+ok/);
    await typeLine(app, '/artifacts');
    await until(() => app.frame().includes('nuclei of cells.tif'), '/artifacts');
    await typeLine(app, '/frobnicate');
    await until(() => app.frame().includes('unknown command /frobnicate'), 'unknown');
    await typeLine(app, '/acq');
    await until(() => app.frame().includes('acquisition control is not available'), '/acq');
    await typeLine(app, '/quit');
    await until(() => app.exits.length > 0, 'quit');
    expect(app.exits).toEqual([0]);
  });

  it('shows a failed request (LLM server down) as a message and keeps the input', async () => {
    const app = chat(fakeBackend({ failWith: 'cannot reach the LLM server at http://localhost:9: start it or fix OPENAI_BASE_URL, or use --model offline' }));
    await until(() => app.frame().includes('fake-session'), 'the header');
    await typeLine(app, 'denoise it');
    await until(() => app.frame().includes('✗ cannot reach the LLM server'), 'the error');
    expect(app.frame()).toMatch(/›\s*$/m);
    app.unmount();
  });

  it('a request typed before the agent is ready runs when it is', async () => {
    const backend = fakeBackend();
    let ready: () => void = () => {};
    const gate = new Promise<void>((r) => (ready = r));
    const app = render(<ChatApp loadBackend={async () => (await gate, backend)} model="offline" movies={[]} />);
    await tick();
    expect(app.lastFrame()).toContain('starting…');
    app.stdin.write('segment');
    await tick();
    app.stdin.write(ENTER);
    await tick();
    ready();
    await backend.started();
    expect(backend.requests).toEqual(['segment']);
    backend.release();
    app.unmount();
  });

  it('a resumed session opens on its transcript: requests, step cards with arguments, answers', async () => {
    const backend = { ...fakeBackend(), resumed: true };
    const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 10, 0, s)).toISOString();
    backend.transcript = () => [
      { time: at(0), turn: 't1', role: 'user', content: 'segment the nuclei with li' },
      { time: at(3), turn: 't1', role: 'assistant', content: 'Segmented: 12 nuclei per frame.' },
    ];
    backend.provenance = () => [
      { step: 's1', time: at(1), turn: 't1', tool: 'segment', args: { movie: 'movie-1', method: 'li' }, inputs: [], outputs: [{ id: 'labels-1', type: 'labels', path: '/tmp/l.tif' }], durationMs: 2400, versions: {}, models: [], status: 'ok', summary: 'Found 12 objects per frame.' },
    ];
    const app = chat(backend);
    await until(() => app.frame().includes('Resumed session fake-session'), 'the resume notice', 5000, app.frame);
    const frame = app.frame();
    expect(frame).toContain('segment the nuclei with li');
    expect(frame).toMatch(/✓ segment.*method=li/);
    expect(frame).toContain('Segmented: 12 nuclei per frame.');
    expect(frame.indexOf('segment the nuclei with li')).toBeLessThan(frame.indexOf('Segmented: 12 nuclei'));
    expect(frame).not.toContain('I analyse live-cell movies');
    // switching the model keeps the session: its transcript is not printed again
    backend.reopen = async () => ({ ...backend, modelName: 'openai:llama3.1' });
    await typeLine(app, '/model openai:llama3.1');
    await until(() => app.frame().includes('Now using openai:llama3.1.'), 'the model switch', 5000, app.frame);
    expect(app.frame().split('segment the nuclei with li').length).toBe(2);
    app.unmount();
  });

  it('/model and /resume reopen the backend and print a new header once', async () => {
    const backend = fakeBackend();
    const other = { ...fakeBackend(), sessionId: 'other-session', modelName: 'openai:llama3.1' };
    backend.reopen = async () => other;
    const app = chat(backend);
    await until(() => app.frame().includes('fake-session'), 'the header');
    await typeLine(app, '/model openai:llama3.1');
    await until(() => app.frame().includes('session: other-session'), 'the new header', 5000, app.frame);
    expect(app.frame()).toContain('Now using openai:llama3.1.');
    expect(app.frame().split('I analyse live-cell movies').length).toBe(2); // nothing printed twice
    app.unmount();
  });

  it('sends an inline picture (iTerm2 / kitty) to the terminal once, below its card', async () => {
    const backend = fakeBackend();
    const inline = '\x1b]1337;File=inline=1;size=3;width=40;preserveAspectRatio=1:AAAA\x07';
    const app = render(
      <ChatApp loadBackend={async () => backend} model="offline" movies={[]} previews={() => ({ image: { path: '/tmp/plot.png', lines: [], inline } })} />,
    );
    await until(() => (app.lastFrame() ?? '').includes('fake-session'), 'the header');
    app.stdin.write('plot it');
    await tick();
    app.stdin.write(ENTER);
    await backend.started();
    backend.release();
    await until(() => (app.lastFrame() ?? '').includes('PNG: /tmp/plot.png'), 'the picture path');
    await tick(100);
    const written = app.stdout.frames.join('');
    expect(written.split('1337;File=inline=1').length - 1).toBe(1);
    app.unmount();
  });

  it('/clear empties the transcript and the chat goes on', async () => {
    const app = chat();
    await until(() => app.frame().includes('fake-session'), 'the header');
    await typeLine(app, '/help');
    await until(() => app.frame().includes('/save-pipeline NAME'), '/help');
    await typeLine(app, '/clear');
    // the terminal is told to clear screen and scroll-back (ink-testing-library keeps old frames)
    await until(() => app.stdout.frames.some((f) => f.includes('\x1b[2J\x1b[3J\x1b[H')), 'the clear-screen sequence');
    await typeLine(app, '/tools');
    await until(() => app.frame().includes('Links objects over time.'), '/tools after /clear');
    app.unmount();
  });

  it('Ctrl-C once warns, twice quits', async () => {
    const app = chat();
    await until(() => app.frame().includes('fake-session'), 'the header');
    app.stdin.write('\x03');
    await until(() => app.frame().includes('press Ctrl-C again to quit'), 'the warning');
    app.stdin.write('\x03');
    await until(() => app.exits.length > 0, 'quit');
    expect(app.exits).toEqual([130]);
  });
});
