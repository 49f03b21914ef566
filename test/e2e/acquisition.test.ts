// End to end: steering an acquisition in the chat under tmux, as a person would. Start
// 3 positions x 2 channels; drop a channel; add a division rule (confirmed with y); ask
// the dose; stop (confirmed with y). Then the provenance log and the frames table must show
// every change at the time point it took effect from. Skips where tmux is absent.
// Every wait is for an explicit state (a card on screen, a step in the provenance log, an
// image in the frames table), never a fixed sleep: the time limits are only upper bounds.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '..', '..');
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
if (!hasTmux) console.warn('skipping the acquisition chat end-to-end test: tmux is not installed');

const dir = mkdtempSync(join(tmpdir(), 'cellpilot-e2e-acq-'));
const socket = `cellpilot-e2e-acq-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
const screen = () => tmux('capture-pane', '-p', '-S', '-200', '-t', 'chat');
afterAll(() => {
  spawnSync('tmux', ['-L', socket, 'kill-server']);
  rmSync(dir, { recursive: true, force: true });
});

/** Polls the screen until `check` holds; fails at once when the chat reports it could not start. */
async function waitFor(check: (text: string) => boolean, what: string, ms: number): Promise<string> {
  return poll(() => {
    const text = screen();
    if (/could not start the agent/.test(text)) throw new Error(`the chat could not start its agent while waiting for ${what}; screen:\n${text}`);
    return check(text) ? text : undefined;
  }, () => `${what}; screen:\n${screen()}`, ms);
}

/** Polls `get` until it gives a value; `ms` is only an upper bound. */
async function poll<T>(get: () => T | undefined, what: () => string, ms: number): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = get();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const sessionFolder = () => {
  const sessions = join(dir, 'sessions');
  return join(sessions, readdirSync(sessions).find((n) => !n.startsWith('.'))!);
};
const provenance = () => readFileSync(join(sessionFolder(), 'provenance.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
/** The provenance record of a tool's step once it is written. */
const stepOf = (tool: string) => poll(() => (existsSync(join(dir, 'sessions')) && provenance().find((s) => s.tool === tool)) || undefined, () => `the ${tool} step in the provenance log`, 30000);
/** The acquisition's frames table as written so far: one row per image (t, position, channel). */
function frames(): { t: number; position: string; channel: string }[] {
  const start = provenance().find((s) => s.tool === 'start_acquisition');
  const table = start.outputs.find((o: { type: string }) => o.type === 'table').path;
  return readFileSync(table, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')).map((r) => ({ t: Number(r[2]), position: r[3], channel: r[4] }));
}
/** Waits until the frames table holds an image that `check` accepts (the acquisition's own state, not a clock). */
const waitForFrame = (check: (f: { t: number; position: string; channel: string }) => boolean, what: string) =>
  poll(() => (frames().some(check) ? true : undefined), () => `${what}; frames so far: ${JSON.stringify(frames().slice(-6))}`, 60000);

function say(text: string): void {
  tmux('send-keys', '-t', 'chat', '-l', text);
  tmux('send-keys', '-t', 'chat', 'Enter');
}

describe.skipIf(!hasTmux)('steering an acquisition in the chat', () => {
  it('start, drop a channel, a confirmed rule, the dose, a confirmed stop; provenance and frames agree', async () => {
    const command = `cd ${dir} && env -u CI CELLPILOT_SESSIONS=${dir}/sessions node ${repo}/bin/cellpilot.js; echo "EXIT CODE $?"; sleep 30`;
    tmux('new-session', '-d', '-s', 'chat', '-x', '160', '-y', '60', '-e', 'TERM=xterm-256color', command);
    await waitFor((s) => s.includes('session: 2'), 'the header', 30000);

    say('image GFP and DAPI every 2 s for 10 minutes at 3 positions');
    await waitFor((s) => /✓ start_acquisition/.test(s), 'the acquisition to start', 60000);
    await stepOf('start_acquisition');
    // the first time point is complete (every position in both channels) before the drop
    await waitForFrame((f) => f.t === 0 && f.position === 'Pos2' && f.channel === 'DAPI', 'time point 0 to be imaged');

    say('switch off the DAPI');
    await waitFor((s) => /✓ adjust_acquisition/.test(s) && /DAPI dropped/.test(s), 'the channel dropped', 30000);
    expect(screen()).not.toMatch(/Confirm: stop/);
    const dropFrom = (await stepOf('adjust_acquisition')).values.applied[0].fromTimepoint as number;

    say('when a cell divides, image every 1 s for 5 frames');
    await waitFor((s) => /✓ add_rule/.test(s), 'the rule proposal', 30000);
    say('yes');
    await waitFor((s) => /Confirm: activate a self-driving rule/.test(s), 'the rule confirmation', 30000);
    tmux('send-keys', '-t', 'chat', 'y');
    await waitFor((s) => /Rule rule-\d is active/.test(s), 'the active rule', 30000);

    say('how much light so far?');
    await waitFor((s) => /✓ dose_report/.test(s) && /Light so far: [\d.]+ J\/cm²/.test(s), 'the dose report', 30000);

    // GFP goes on after the drop: wait for its first image at the time point the drop took effect from
    await waitForFrame((f) => f.t >= dropFrom && f.channel === 'FITC', `a FITC image at t=${dropFrom} or later`);
    say('stop the acquisition');
    await waitFor((s) => /Confirm: stop the whole acquisition/.test(s), 'the stop confirmation', 30000);
    tmux('send-keys', '-t', 'chat', 'y');
    await waitFor((s) => /✓ stop_acquisition/.test(s), 'the stop', 60000);

    say('/quit');
    await waitFor((s) => s.includes('EXIT CODE 0'), 'a clean exit', 15000);

    // the record: the drop took effect at a time point t, DAPI images stop there and GFP goes on
    const steps = provenance();
    expect(steps.map((s) => s.tool)).toEqual(expect.arrayContaining(['start_acquisition', 'adjust_acquisition', 'add_rule', 'dose_report', 'stop_acquisition']));
    const drop = steps.find((s) => s.tool === 'adjust_acquisition');
    expect(drop.args.changes).toEqual([{ kind: 'dropChannel', channel: 'DAPI' }]);
    const from = drop.values.applied[0].fromTimepoint as number;
    expect(from).toBeGreaterThanOrEqual(1);
    const rows = frames();
    expect(new Set(rows.map((r) => r.position))).toEqual(new Set(['Pos0', 'Pos1', 'Pos2']));
    expect(Math.max(...rows.filter((r) => r.channel === 'DAPI').map((r) => r.t))).toBe(from - 1);
    expect(Math.max(...rows.filter((r) => r.channel === 'FITC').map((r) => r.t))).toBeGreaterThanOrEqual(from);
    const stop = steps.find((s) => s.tool === 'stop_acquisition');
    expect(stop.values.stopReason).toBe('stopped on request');
  }, 240000);
});
