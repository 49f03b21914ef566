// End to end: the real `node bin/cellpilot.js` in a tmux pane. Sends a request with
// send-keys, reads the screen with capture-pane, and checks the tool cards, their
// progress and the answer appear; then /quit. Skips where tmux is absent.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '..', '..');
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
if (!hasTmux) console.warn('skipping the chat end-to-end test: tmux is not installed');

const dir = mkdtempSync(join(tmpdir(), 'cellpilot-e2e-'));
const socket = `cellpilot-e2e-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
const screen = () => tmux('capture-pane', '-p', '-t', 'chat');
afterAll(() => {
  spawnSync('tmux', ['-L', socket, 'kill-server']);
  rmSync(dir, { recursive: true, force: true });
});

async function waitFor(check: (text: string) => boolean, what: string, ms: number): Promise<string> {
  const end = Date.now() + ms;
  for (;;) {
    const text = screen();
    if (check(text)) return text;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; screen:\n${text}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe.skipIf(!hasTmux)('cellpilot chat in tmux', () => {
  it('runs a request with tool cards, progress and an answer, redraws on resize, quits', async () => {
    // CI=true (as CI runs us) makes Ink draw only the final frame; a person's terminal has no CI.
    const command = `cd ${dir} && env -u CI CELLPILOT_SESSIONS=${dir}/sessions node ${repo}/bin/cellpilot.js; echo "EXIT CODE $?"; sleep 30`;
    tmux('new-session', '-d', '-s', 'chat', '-x', '100', '-y', '45', '-e', 'TERM=xterm-256color', command);
    const first = await waitFor((s) => s.includes('session: 2'), 'the header', 30000);
    expect(first).toContain('model: offline');
    expect(first).toContain('type "demo"');

    tmux('send-keys', '-t', 'chat', '-l', 'simulate a 384 pixel movie with 10 dividing nuclei over 40 frames, then segment and track them');
    tmux('send-keys', '-t', 'chat', 'Enter');
    // a running card shows its spinner line with a bar and planes/frames done out of the total
    const progress = await waitFor((s) => /[█░]{10,} \d+\/40 (frames|planes)/.test(s), 'a progress bar', 60000);
    expect(progress).toMatch(/(simulate_movie|segment)/);
    const done = await waitFor((s) => /✓ track/.test(s) && /into 1[0-2] tracks/.test(s), 'the tracking result', 120000);
    expect(done).toMatch(/✓ simulate_movie\s+cells=10 frames=40/);
    expect(done).toMatch(/✓ segment/);
    expect(done).not.toMatch(/\d+\/40 (frames|planes) ·/); // no stale progress line left

    // wider and narrower: the prompt is drawn once, no line overflows the pane
    for (const width of [160, 80]) {
      tmux('resize-window', '-t', 'chat', '-x', String(width));
      await new Promise((r) => setTimeout(r, 600));
      const text = screen();
      expect(text.split('\n').filter((l) => /^› *$/.test(l))).toHaveLength(1);
      for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(width);
    }

    tmux('send-keys', '-t', 'chat', '-l', '/log');
    tmux('send-keys', '-t', 'chat', 'Enter');
    await waitFor((s) => /s3\s+track\s+ok/.test(s), 'the provenance log', 10000);

    // /log lists each step's arguments under it
    expect(screen()).toMatch(/s3\s+track\s+ok[^\n]*\n\s+[^\n]*labels=labels-\d/);

    tmux('send-keys', '-t', 'chat', '-l', '/quit');
    tmux('send-keys', '-t', 'chat', 'Enter');
    const quit = await waitFor((s) => s.includes('EXIT CODE 0'), 'a clean exit', 10000);
    // the resume hint works as printed, and the resumed chat opens on the conversation so far
    expect(quit).toContain('Resume it with:');
    // -J joins the lines the pane wrapped
    const hint = /Resume it with: (.+)$/m.exec(tmux('capture-pane', '-p', '-J', '-t', 'chat'))?.[1]?.trim();
    expect(hint).toMatch(/chat --resume \d/);
    tmux('kill-session', '-t', 'chat');
    tmux('new-session', '-d', '-s', 'chat', '-x', '120', '-y', '60', '-e', 'TERM=xterm-256color', `cd ${dir} && env -u CI CELLPILOT_SESSIONS=${dir}/sessions ${hint}; echo "EXIT CODE $?"; sleep 30`);
    const resumed = await waitFor((s) => s.includes('Resumed session'), 'the resumed session', 30000);
    expect(resumed).toContain('segment and track them');
    expect(resumed).toMatch(/✓ track/);
    tmux('send-keys', '-t', 'chat', '-l', '/quit');
    tmux('send-keys', '-t', 'chat', 'Enter');
    await waitFor((s) => s.includes('EXIT CODE 0'), 'a clean exit after resuming', 10000);
  }, 240000);
});
