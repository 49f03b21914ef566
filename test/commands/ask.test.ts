import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { movieFromPlanes, writeMovie } from '../../src/image/index.ts';
import { simulateToFiles } from '../../src/sim/index.ts';
import { runCli } from './run-cli.ts';

describe('cellpilot ask', () => {
  it('answers one request end to end on a movie with --json (offline planner, no network)', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'cellpilot-ask-'));
    await simulateToFiles({ frames: 6, width: 64, height: 64, cells: 5, seed: 3, divisionRate: 0 }, join(cwd, 'cells.tif'), join(cwd, 'truth'));
    const env = { ...process.env, OPENAI_API_KEY: '', OPENAI_BASE_URL: '', CELLPILOT_MODEL: '' };
    const r = await runCli(['ask', 'segment the nuclei with otsu and track them', '--movie', 'cells.tif', '--json'], { cwd, env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.toolCalls.map((c: { name: string; status: string }) => [c.name, c.status])).toEqual([['segment', 'ok'], ['track', 'ok']]);
    expect(out.toolCalls[0].args).toEqual({ movie: 'movie-1', method: 'otsu', target: 'nuclei' });
    expect(out.artifacts.map((a: { type: string }) => a.type)).toEqual(['labels', 'tracks']);
    expect(out.answer).toMatch(/labels-1/);
    const followUp = await runCli(['ask', 'how many tracks are there?', '--session', out.session], { cwd, env });
    expect(followUp.code).toBe(0);
    expect(followUp.stdout).toMatch(/tracks = [4-6]\b/i);
  });

  it('exits 1 with one line on stderr when nothing ran and no question was answered; 0 for an answered question', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'cellpilot-ask-nothing-'));
    const env = { ...process.env, OPENAI_API_KEY: '', OPENAI_BASE_URL: '', CELLPILOT_MODEL: '', CELLPILOT_SESSIONS: join(cwd, 'sessions') };
    const refused = await runCli(['ask', 'track my package from Amazon'], { cwd, env, timeoutMs: 90_000 });
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(/^cellpilot: nothing was run for "track my package from Amazon": .*outside/);
    const json = await runCli(['ask', 'track my package from Amazon', '--json'], { cwd, env, timeoutMs: 90_000 });
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).error).toMatch(/^nothing was run/);
    const advice = await runCli(['ask', 'which denoiser should I use?'], { cwd, env, timeoutMs: 90_000 });
    expect(advice.code).toBe(0);
  }, 240_000);

  it('says its session and how to ask a follow-up in it (stderr), and --help lists --session', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'cellpilot-ask-hint-'));
    await simulateToFiles({ frames: 3, width: 48, height: 48, cells: 3, seed: 2, divisionRate: 0 }, join(cwd, 'cells.tif'), join(cwd, 'truth'));
    const env = { ...process.env, OPENAI_API_KEY: '', OPENAI_BASE_URL: '', CELLPILOT_MODEL: '', CELLPILOT_SESSIONS: join(cwd, 'sessions') };
    const r = await runCli(['ask', 'segment the nuclei', '--movie', 'cells.tif'], { cwd, env });
    expect(r.code, r.stderr).toBe(0);
    const id = /^session (\S+); a follow-up reads its results: .* ask --session \S+ "your next request or question"$/m.exec(r.stderr)?.[1];
    expect(id, r.stderr).toBeDefined();
    const follow = await runCli(['ask', 'how many objects per frame?', '--session', id!], { cwd, env });
    expect(follow.code, follow.stderr).toBe(0);
    expect(follow.stderr).not.toMatch(/^session /m);
    // a follow-up that asks the question before it again at another scope is an answer too (exit 0, no "nothing was run")
    const same = await runCli(['ask', 'same for frame 2', '--session', id!], { cwd, env });
    expect(same.code, same.stderr).toBe(0);
    expect(same.stdout).toMatch(/\bframe 2\b/);
    expect(same.stderr).not.toMatch(/nothing was run/);
    // a step that failed still leaves a session to answer in ("channel 3" of a one-channel movie)
    const failed = await runCli(['ask', 'make a max projection of channel 3', '--movie', 'cells.tif'], { cwd, env });
    expect(failed.code).toBe(1);
    expect(failed.stdout + failed.stderr).toMatch(/channel 3 does not exist/);
    expect(failed.stderr).toMatch(/^session \S+; a follow-up reads its results/m);
    const help = await runCli(['ask', '--help']);
    expect(help.stdout).toMatch(/--session ID {6}ask on in a session/);
  }, 240_000);

  it('calls a truncated movie damaged with the one line of `info`, exit 2, before any step runs', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'cellpilot-ask-truncated-'));
    await simulateToFiles({ frames: 4, width: 48, height: 48, cells: 3, seed: 2, divisionRate: 0 }, join(cwd, 'whole.tif'), join(cwd, 'truth'));
    // a plain TIFF (its ImageJ description renamed), so that only its chain of images is cut, as the header does not tell
    const whole = Buffer.from(readFileSync(join(cwd, 'whole.tif')).toString('latin1').replace('ImageJ=', 'Imagej='), 'latin1');
    writeFileSync(join(cwd, 'cut.tif'), whole.subarray(0, Math.floor(whole.length / 2)));
    const env = { ...process.env, OPENAI_API_KEY: '', OPENAI_BASE_URL: '', CELLPILOT_MODEL: '', CELLPILOT_SESSIONS: join(cwd, 'sessions') };
    const info = await runCli(['info', 'cut.tif'], { cwd, env });
    expect(info.code).toBe(2);
    const line = /is truncated.*/.exec(info.stderr)?.[0];
    expect(line, info.stderr).toBeDefined();
    // it ran segment, which failed with "Tell me what to change ... and I will run it again", and exited 0
    const r = await runCli(['ask', 'segment the nuclei', '--movie', 'cut.tif'], { cwd, env });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([`cellpilot: ${join(cwd, 'cut.tif')} ${line}`]);
  });

  it('names a movie whose every pixel holds one value before any step runs (an all-zero file was segmented into nothing)', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'cellpilot-ask-blank-'));
    await writeMovie(join(cwd, 'blank.tif'), movieFromPlanes({ t: 3, z: 1, c: 1, y: 16, x: 16 }, 'uint16', () => new Uint16Array(256)));
    const env = { ...process.env, OPENAI_API_KEY: '', OPENAI_BASE_URL: '', CELLPILOT_MODEL: '', CELLPILOT_SESSIONS: join(cwd, 'sessions') };
    const r = await runCli(['ask', 'book me a table for dinner', '--movie', 'blank.tif'], { cwd, env, timeoutMs: 90_000 });
    expect(r.stderr).toMatch(/^note: blank\.tif: every plane holds one value \(every pixel 0\): nothing to analyse there; is this the right file or channel\?$/m);
  }, 120_000);

  it('never leaves an acquisition it started looking as if it ran on: stopped and said, or waited for with --wait', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'cellpilot-ask-acquire-'));
    const env = { ...process.env, OPENAI_API_KEY: '', OPENAI_BASE_URL: '', CELLPILOT_MODEL: '', CELLPILOT_SESSIONS: join(cwd, 'sessions'), CELLPILOT_MICROSCOPE_CLOCK: 'virtual' };
    const stopped = await runCli(['ask', 'image GFP every 5 min for 1 hour'], { cwd, env });
    expect(stopped.code, stopped.stderr).toBe(0);
    expect(stopped.stdout).toMatch(/^Started: .*13 time points/m);
    expect(stopped.stderr).toMatch(/^note: the acquisition stopped when this command ended, after \d+ images? in \d+ time points?: .*--wait/m);
    // a follow-up on the session that steers it is told that it ended with that command, when, after how much, and how to keep one running
    const session = /^session (\S+);/m.exec(stopped.stderr)![1];
    const later = await runCli(['ask', '--session', session, 'drop the laser to 5%'], { cwd, env });
    expect(later.stdout).toMatch(/no acquisition is running: the acquisition "acquisition" \(FITC, started at [\d:]+\) ended at [\d:]+ \(the `cellpilot ask` command that started it ended\), after \d+ images? in \d+ of 13 time points; .*`cellpilot ask --wait`.*`cellpilot chat`/);
    const waited = await runCli(['ask', 'image GFP every 5 min for 1 hour', '--wait'], { cwd, env });
    expect(waited.code, waited.stderr).toBe(0);
    expect(waited.stderr).toMatch(/^acquisition ended: 13 images in 13 time points \(finished\)$/m);
    expect(waited.stderr).not.toMatch(/stopped when this command ended/);
  }, 120_000);

  it('refuses a --max-steps that is no whole number of at least 1 in one line, exit 2, before anything runs', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'cellpilot-ask-steps-'));
    const env = { ...process.env, OPENAI_API_KEY: '', OPENAI_BASE_URL: '', CELLPILOT_MODEL: '', CELLPILOT_SESSIONS: join(cwd, 'sessions') };
    for (const bad of ['x', '0', '2.5']) {
      const r = await runCli(['ask', 'segment the nuclei', '--max-steps', bad], { cwd, env });
      expect(r.code, bad).toBe(2);
      expect(r.stderr.trim(), bad).toBe(`cellpilot: --max-steps must be a whole number of at least 1, got "${bad}"`);
      expect(r.stdout, bad).toBe('');
    }
  }, 60_000);
});

