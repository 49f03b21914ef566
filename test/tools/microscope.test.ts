import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createToolContext } from '../../src/agent/artifacts.ts';
import { openMovie } from '../../src/image/index.ts';
import { RealClock, VirtualClock } from '../../src/microscope/clock.ts';
import { MicroscopeSession } from '../../src/microscope/session.ts';
import { DEFAULT_LIMITS } from '../../src/microscope/limits.ts';
import { clockAfter, stopRunningAcquisition, tools } from '../../tools/microscope.ts';
import { smallConfig, tempDir } from '../microscope/fixtures.ts';

const dir = tempDir('cellpilot-microscope-tools-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function context(session: MicroscopeSession, name: string) {
  const progress: [number, number][] = [];
  const ctx = createToolContext({ sessionDir: join(dir, name), state: new Map([['microscope', session]]), onProgress: (d, t) => progress.push([d, t]) });
  const call = async (tool: string, args: unknown = {}) => {
    const spec = tools.find((t) => t.name === tool)!;
    return spec.run(spec.schema.parse(args) as never, ctx);
  };
  return { ctx, call, progress };
}

function simSession(clock: RealClock | VirtualClock, limits = DEFAULT_LIMITS) {
  return new MicroscopeSession({ clock, limits: { ...limits, xRangeUm: [-2000, 2000] }, simulator: { config: smallConfig(128), sample: { boundsUm: { x0: -40, y0: -40, x1: 60, y1: 60 }, cells: 12 } } });
}

describe('microscope tools', () => {
  it('names match the contract and every argument is described', () => {
    expect(tools.map((t) => t.name)).toEqual([
      'microscope_status',
      'snap',
      'move_stage',
      'start_acquisition',
      'adjust_acquisition',
      'pause_acquisition',
      'resume_acquisition',
      'stop_acquisition',
      'add_rule',
      'list_rules',
      'remove_rule',
      'dose_report',
    ]);
    for (const t of tools) for (const [key, field] of Object.entries(t.schema.shape)) expect((field as { description?: string }).description, `${t.name}.${key}`).toBeTruthy();
  });

  it('a session: status, snap, stage limits, a confirmed rule, an acquisition steered in words, dose report, stop', async () => {
    const session = simSession(new RealClock());
    const { call, ctx: ctxOf } = context(session, 's1');
    const idle = await call('microscope_status');
    expect(idle.summary).toMatch(/Microscope idle at \(0, 0, 0\) µm with the 20X objective \(0.5 µm\/px\)/);

    const snap = await call('snap', { channel: 'GFP', exposureMs: 50 });
    expect(snap.artifacts[0].type).toBe('movie');
    const image = await openMovie(snap.artifacts[0].path);
    expect(image.shape).toMatchObject({ t: 1, c: 1, y: 128, x: 128 });
    expect(image.meta.channelNames).toEqual(['FITC']);
    await image.close();
    // 50 ms at 20 % of 5 W/cm²
    expect(snap.values.doseJPerCm2).toBeCloseTo(0.05, 6);

    await expect(call('move_stage', { xUm: 5000 })).rejects.toThrow(/stage x = 5000 µm is outside the travel limit of -2000 to 2000 µm/);
    const moved = await call('move_stage', { xUm: 10, yUm: 20 });
    expect(moved.values).toMatchObject({ xUm: 10, yUm: 20 });

    const divisionRule = { trigger: { kind: 'division' }, action: { kind: 'setInterval', intervalS: 10 }, holdS: 300, revert: true, revertIntervalS: 120 };
    const proposed = await call('add_rule', { rule: divisionRule });
    expect(proposed.values.confirmed).toBe(false);
    expect(proposed.values.ruleId).toBe('rule-1');
    expect(proposed.summary).toMatch(/^The rule: When a cell divides, image every 10 s for 5 min, then go back to every 2 min; .* It is not active yet/);
    const pendingList = await call('list_rules');
    expect(pendingList.summary).toMatch(/waiting for confirmation/);
    const confirmed = await call('add_rule', { ruleId: proposed.values.ruleId, confirm: true });
    expect(confirmed.artifacts[0].type).toBe('rule');
    expect(JSON.parse(readFileSync(confirmed.artifacts[0].path, 'utf8')).trigger).toEqual({ kind: 'division' });

    const started = await call('start_acquisition', { plan: { channels: [{ config: 'GFP' }, { config: 'DAPI' }], timePlan: { intervalS: 300, durationS: 43200 } } });
    expect(started.values.plannedTimepoints).toBe(145);
    expect(started.artifacts.map((a) => a.type)).toEqual(['movie', 'table']);
    // the plan in numbers: positions x channels x z x time points, interval, duration, clock times, dose against the budget
    expect(started.summary).toMatch(/^Started: 1 position × 2 channels \(FITC 50 ms 20 %, DAPI 50 ms 20 %\) × 1 z plane × 145 time points = 290 images, every 5 min for 12 h\. First time point now \(\d\d:\d\d:\d\d\), last at about \d\d:\d\d:\d\d(?: tomorrow)?; about 12 h in all\. About 14\.5 J\/cm² of light per position, 7\.3 % of the 200 J\/cm² dose budget\.$/);
    await expect(call('start_acquisition', { plan: { channels: [{ config: 'GFP' }], timePlan: { intervalS: 60, durationS: 3600 } } })).rejects.toThrow(/already running/);
    // a plan far beyond the caps is refused by the schema, and the running acquisition goes on
    await expect(call('start_acquisition', { plan: { channels: [{ config: 'GFP' }], zPlan: { rangeUm: 1_000_000, stepUm: 0.001 } } })).rejects.toThrow(/at most 500 planes/);
    expect(session.running).toBe(true);

    const faster = await call('adjust_acquisition', { changes: [{ kind: 'interval', intervalS: 10 }] });
    expect(faster.summary).toMatch(/interval set to 10 s \(from t=\d+\)/);
    expect(faster.values.intervalS).toBe(10);
    const power = await call('adjust_acquisition', { changes: [{ kind: 'power', channel: '488', powerPercent: 10 }] });
    expect((power.values.channels as { channel: string; powerPercent: number }[]).find((c) => c.channel === 'FITC')!.powerPercent).toBe(10);
    // "reduce the 488 laser power by 90%" at 10 % is 1 %, never 90 %
    const relative = await call('adjust_acquisition', { changes: [{ kind: 'powerFactor', channel: '488', factor: 0.1 }] });
    expect((relative.values.channels as { channel: string; powerPercent: number }[]).find((c) => c.channel === 'FITC')!.powerPercent).toBe(1);
    // raises of more than 2x, and ending the run, need a person's approval; the tool says what will happen
    const adjustTool = tools.find((t) => t.name === 'adjust_acquisition')!;
    const approval = adjustTool.needsApproval as (args: Record<string, unknown>, ctx: unknown) => Promise<string | undefined>;
    expect(await approval({ changes: [{ kind: 'powerFactor', channel: '488', factor: 1.5 }] }, ctxOf)).toBeUndefined();
    // (power and exposure raised together: the light is their product, 1.6 x 1.6 = 2.56x, asked as one raise)
    expect(await approval({ changes: [{ kind: 'powerFactor', channel: '488', factor: 1.6 }, { kind: 'exposureFactor', channel: '488', factor: 1.6 }] }, ctxOf)).toBe('raise the light on FITC 2.56x (power and exposure together, more than 2x)');
    expect(await approval({ changes: [{ kind: 'powerFactor', channel: '488', factor: 1.6 }, { kind: 'exposureFactor', channel: '488', factor: 0.8 }] }, ctxOf)).toBeUndefined();
    expect(await approval({ changes: [{ kind: 'power', channel: '488', powerPercent: 90 }] }, ctxOf)).toBe('raise FITC power from 1 to 90 % (90x, more than 2x)');
    expect(await approval({ changes: [{ kind: 'exposureFactor', factor: 3 }] }, ctxOf)).toMatch(/raise FITC exposure from 50 to 150 ms \(3x.*raise DAPI exposure/);
    expect(await approval({ changes: [{ kind: 'dropChannel', channel: 'DAPI' }, { kind: 'finish' }] }, ctxOf)).toBe('end the acquisition after the current time point');
    // a total the run has already reached ends it too: asked like a stop; a total still ahead is not
    for (let i = 0; i < 250 && session.acquisition!.status().timepointsDone < 1; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await approval({ changes: [{ kind: 'loops', loops: 1 }] }, ctxOf)).toMatch(/^end the acquisition now: 1 time points in total, and \d+ are done$/);
    expect(await approval({ changes: [{ kind: 'duration', durationS: 0.01 }] }, ctxOf)).toMatch(/^end the acquisition now: 0 s in total, and .* have passed$/);
    expect(await approval({ changes: [{ kind: 'loops', loops: 1000 }] }, ctxOf)).toBeUndefined();
    const data = await call('adjust_acquisition', { changes: [{ kind: 'power', powerPercent: 400, channel: 'DAPI' }] });
    expect(data.summary).toMatch(/Limits: power of 405nm clamped from 400 % to the 100 % limit/);
    const left = await call('adjust_acquisition', { changes: [{ kind: 'status', about: 'time' }] });
    expect(left.summary).toMatch(/about 1[12] h( \d+ min)? left/);
    const paused = await call('pause_acquisition');
    expect(paused.summary).toMatch(/^Pausing after the current image/);
    const resumed = await call('resume_acquisition');
    expect(resumed.values.state).not.toBe('done');
    for (let i = 0; i < 250 && session.acquisition!.status().imagesAcquired < 2; i++) await new Promise((r) => setTimeout(r, 20));
    const status = await call('microscope_status');
    const cells = status.values.cells as { cell: number; xPx: number; yPx: number; atBorder: boolean }[];
    expect(cells.length).toBeGreaterThan(0);
    expect(status.summary).toMatch(/shows \d+ cells \(numbered for "zoom into cell N"\)/);
    const zoom = await call('adjust_acquisition', { changes: [{ kind: 'zoom', cell: cells[0].cell, objective: '40X' }] });
    expect(zoom.summary).toMatch(new RegExp(`zooming on cell ${cells[0].cell}: stage moved by .*40X objective`));
    expect(status.values.acquisition).toMatchObject({ channels: [{ channel: 'FITC' }, { channel: 'DAPI' }], rules: [{ id: proposed.values.ruleId }] });

    const stopped = await call('stop_acquisition');
    expect(stopped.values.state).toBe('done');
    expect(stopped.values.stopReason).toBe('stopped on request');
    const movie = await openMovie((stopped.values.files as string[])[0]);
    expect(movie.shape.c).toBe(2);
    expect(movie.shape.t).toBeGreaterThanOrEqual(1);
    await movie.close();

    const dose = await call('dose_report');
    // the numbers asked for: total, per channel, per position against the budget
    expect(dose.summary).toMatch(/^Light so far: [\d.]+ J\/cm² in \d+ exposures \([\d.]+ s of light\)\. Per channel: (?:DAPI|FITC) [\d.]+ J\/cm², (?:DAPI|FITC) [\d.]+ J\/cm²\. Per position, against the 200 J\/cm² budget: stage_x0_y0 [\d.]+ J\/cm² \([\d.]+ %\)/);
    const csv = readFileSync(dose.artifacts[0].path, 'utf8');
    expect(csv.split('\n')[0]).toBe('position,channel,exposures,exposure_s,dose_j_per_cm2,budget_fraction');
    // The snap at (0, 0) and the acquisition at (10, 20) lit overlapping fields: the snap's field counts both.
    const fitc = csv.split('\n').find((l) => l.startsWith('stage_x0_y0,FITC,'))!.split(',');
    expect(Number(fitc[2])).toBe(1);
    expect(Number(fitc[5]) * DEFAULT_LIMITS.doseBudgetJPerCm2).toBeGreaterThan(0.05 + 0.01);
    expect(dose.values.totalJPerCm2).toBeGreaterThan(0.05);

    await expect(call('adjust_acquisition', { changes: [{ kind: 'interval', intervalS: 5 }] })).rejects.toThrow(/no acquisition is running/);
    const removed = await call('remove_rule', { ruleId: proposed.values.ruleId });
    expect(removed.summary).toMatch(/Removed/);
  });

  it('a plan that cannot finish within the dose budget is said so at the start', async () => {
    const session = simSession(new VirtualClock(), { ...DEFAULT_LIMITS, doseBudgetJPerCm2: 2 });
    const { call } = context(session, 's3');
    // 0.25 J/cm² per time point at each of two positions: 8 of 30 time points fit in 2 J/cm²
    const started = await call('start_acquisition', { plan: { channels: [{ config: 'mCherry', exposureMs: 100, powerPercent: 50 }], timePlan: { intervalS: 60, loops: 30 }, stagePositions: [{ xUm: 0, yUm: 0 }, { xUm: 1000, yUm: 0 }] } });
    expect(started.values.plannedDoseJPerCm2).toBe(7.5);
    expect(started.summary).toMatch(/Warning: at this light the dose budget is reached at about time point 8 of 30/);
    session.acquisition!.stop();
    await session.acquisition!.done;
  });

  it('the planned dose counts the light of the planned autofocus sweeps, as the run books it', async () => {
    const session = simSession(new VirtualClock());
    const { call } = context(session, 's3af');
    const plan = { channels: [{ config: 'mCherry', exposureMs: 100, powerPercent: 50 }], timePlan: { intervalS: 60, loops: 6 }, autofocusPlan: { everyTimepoints: 2 } };
    const result = await call('start_acquisition', { plan, wait: true });
    // 0.25 J/cm² per image x 6; 3 sweeps of 11 images at a fifth of the exposure: 3 x 11 x 0.05 J/cm²
    expect(result.values.plannedAutofocusDoseJPerCm2).toBeCloseTo(1.65, 6);
    expect(result.values.plannedDoseJPerCm2).toBeCloseTo(1.5 + 1.65, 6);
    expect(session.ledger.total()).toBeCloseTo(result.values.plannedDoseJPerCm2 as number, 6);
    const told = await call('start_acquisition', { plan: { ...plan, stagePositions: [{ xUm: 1000, yUm: 0 }] } });
    expect(told.summary).toMatch(/About 3\.15 J\/cm² of light per position \(1\.65 J\/cm² of it for 3 autofocus sweeps of 11 images, about 0\.4 s each, counted in the time\)/);
    session.acquisition!.stop();
    await session.acquisition!.done;
  });

  it('the planned duration counts the autofocus sweeps (stop 37)', async () => {
    const { estimateDurationS } = await import('../../src/microscope/events.ts');
    const stage = { xUm: 0, yUm: 0, zUm: 0, fieldWidthUm: 100, fieldHeightUm: 100 };
    const plan = { channels: [{ config: 'mCherry', exposureMs: 100 }], timePlan: { intervalS: 60, loops: 6 } };
    const { parseSequence } = await import('../../src/microscope/sequence.ts');
    const seq = (extra: object) => parseSequence({ ...plan, ...extra });
    // one image 0.12 s; a sweep 11 x (20 + 20) ms = 0.44 s, before each time point due
    expect(estimateDurationS(seq({}), stage)).toBeCloseTo(300.12, 6);
    expect(estimateDurationS(seq({ autofocusPlan: { everyTimepoints: 1 } }), stage)).toBeCloseTo(300.56, 6);
    // a sweep longer than the interval delays every time point after it
    expect(estimateDurationS(seq({ timePlan: { intervalS: 0.1, loops: 3 }, autofocusPlan: { everyTimepoints: 1 } }), stage)).toBeCloseTo(1.68, 6);
  });

  it('start_acquisition with wait on the simulated clock: progress, a dose budget, readable files', async () => {
    const session = simSession(new VirtualClock(), { ...DEFAULT_LIMITS, doseBudgetJPerCm2: 2 });
    const { call, progress } = context(session, 's2');
    const result = await call('start_acquisition', {
      plan: { channels: [{ config: 'mCherry', exposureMs: 100, powerPercent: 50 }], timePlan: { intervalS: 60, loops: 30 } },
      wait: true,
    });
    // 0.25 J/cm² per image: the budget of 2 J/cm² allows 8 images.
    expect(result.values.imagesAcquired).toBe(8);
    expect(result.summary).toMatch(/dose budget reached/);
    expect(progress.at(-1)).toEqual([8, 30]);
    const movie = await openMovie(result.artifacts[0].path);
    expect(movie.shape.t).toBe(8);
    expect(movie.meta.channelNames).toEqual(['Rhodamine']);
    await movie.close();
    // The field has had its budget: a snap there is refused, one field further is fine.
    await expect(call('snap', { channel: 'mCherry', exposureMs: 100, powerPercent: 50 })).rejects.toThrow(/snap refused: this field has had up to 2 J\/cm² and 0.25 J\/cm² more would pass the 2 J\/cm² dose budget/);
    await call('move_stage', { xUm: 1000 });
    await expect(call('snap', { channel: 'mCherry', exposureMs: 100, powerPercent: 50 })).resolves.toBeTruthy();
  });
});

describe('adjust_acquisition with positions and channels by number, and an end time', () => {
  it('drops a position by its number, adds one, drops a channel by its number, ends in a while; each reply names the time point', async () => {
    const session = simSession(new VirtualClock());
    const { call } = context(session, 's4');
    await call('start_acquisition', { plan: { channels: [{ config: 'GFP', exposureMs: 10 }, { config: 'DAPI', exposureMs: 10 }], timePlan: { intervalS: 60, loops: 100 }, stagePositions: [{ xUm: 0, yUm: 0 }, { xUm: 800, yUm: 0 }, { xUm: 1600, yUm: 0 }] } });
    const changed = await call('adjust_acquisition', { changes: [{ kind: 'dropPosition', position: '2' }, { kind: 'addPosition', xUm: -800, yUm: 0 }, { kind: 'dropChannel', channel: '2' }, { kind: 'endIn', inS: 600 }] });
    expect(changed.summary).toMatch(/Pos1 dropped .*Pos0, Pos2 go on \(from t=\d+\); Pos3 at \(-800, 0\) µm added .*3 positions \(from t=\d+\); DAPI dropped .*FITC go on \(from t=\d+\); the acquisition now ends in 10 min/);
    const status = session.acquisition!.status();
    expect(status.positions.map((p) => p.name)).toEqual(['Pos0', 'Pos2', 'Pos3']);
    expect(status.channels.map((c) => c.channel)).toEqual(['FITC']);
    session.acquisition!.stop();
    await session.acquisition!.done;
  });
});

describe('a later command on the session, after the command that ran an acquisition ended', () => {
  it('says which acquisition ended, when, after how much, why and how to keep one running; a stop of nothing needs no approval', async () => {
    const endedPath = join(dir, 's-ended', 'microscope', 'ended-acquisition.json');
    const first = new MicroscopeSession({ clock: new VirtualClock(), endedPath, simulator: { config: smallConfig(64), sample: { cells: 4 } } });
    const a = context(first, 's-ended-1');
    await a.call('start_acquisition', { plan: { channels: [{ config: 'GFP' }], timePlan: { intervalS: 120, loops: 31 } } });
    const last = await stopRunningAcquisition(a.ctx.state, 'the command that started it ended', 'start it with --wait to keep it running');
    expect(last?.state).toBe('done');
    // a new process on the same session: a new microscope session that reads the record
    const later = new MicroscopeSession({ clock: new VirtualClock(), endedPath, simulator: { config: smallConfig(64), sample: { cells: 4 } } });
    const b = context(later, 's-ended-2');
    const refused = b.call('adjust_acquisition', { changes: [{ kind: 'power', powerPercent: 5 }] });
    await expect(refused).rejects.toThrow(/no acquisition is running: the acquisition "acquisition" \(FITC, started at \d\d:\d\d:\d\d\) ended at \d\d:\d\d:\d\d \(the command that started it ended\), after \d+ images? in \d+ of 31 time points; start it with --wait to keep it running\. Nothing was changed/);
    await expect(b.call('pause_acquisition')).rejects.toThrow(/ended at .*Nothing to pause/);
    const stop = tools.find((t) => t.name === 'stop_acquisition')!;
    expect(await (stop.needsApproval as (args: Record<string, unknown>, ctx: unknown) => Promise<string | undefined>)({}, b.ctx)).toBeUndefined();
    expect((await b.call('stop_acquisition')).summary).toMatch(/^Nothing to stop: no acquisition is running: the acquisition "acquisition"/);
    expect((await b.call('microscope_status')).summary).toMatch(/Microscope idle .* No acquisition is running: the acquisition "acquisition" .* ended at/);
    // a session that never started one says that
    const fresh = context(new MicroscopeSession({ clock: new VirtualClock(), simulator: { config: smallConfig(64) } }), 's-ended-3');
    await expect(fresh.call('adjust_acquisition', { changes: [{ kind: 'power', powerPercent: 5 }] })).rejects.toThrow(/no acquisition has been started in this session/);
  });
});

describe('a change for a while ("image twice as often for the next 30 min")', () => {
  it('is made now and set back by itself after that long; a change that cannot be set back is refused whole', async () => {
    const clock = new VirtualClock();
    const session = simSession(clock);
    const { call } = context(session, 's-timed');
    await call('start_acquisition', { plan: { channels: [{ config: 'GFP', exposureMs: 50, powerPercent: 10 }], timePlan: { intervalS: 300, loops: 40 } } });
    const acquisition = session.acquisition!;
    const seen: Record<string, unknown> = {};
    clock.at(60_000, async () => {
      const timed = await call('adjust_acquisition', { changes: [{ kind: 'intervalFactor', factor: 0.5 }, { kind: 'power', powerPercent: 5, channel: 'GFP' }], forS: 1800 });
      seen.summary = timed.summary;
      seen.during = [acquisition.status().intervalS, acquisition.status().channels[0].powerPercent];
      await call('adjust_acquisition', { changes: [{ kind: 'extend', extraS: 600 }], forS: 1800 }).catch((err: Error) => (seen.refused = err.message));
    });
    clock.at(60_000 + 1_800_000 + 1000, () => {
      seen.after = [acquisition.status().intervalS, acquisition.status().channels[0].powerPercent];
      acquisition.stop();
    });
    await acquisition.done;
    expect(seen.summary).toMatch(/For 30 min; then back to: image every 5 min; set the FITC light to 10 %/);
    expect(seen.during).toEqual([150, 5]);
    expect(seen.after).toEqual([300, 10]);
    expect(seen.refused).toMatch(/cannot \(it changes when the run ends, which is not set back\).*nothing was changed/);
    expect(acquisition.status().notes.join(' ')).toMatch(/set back after 30 min: image every 5 min/);
  });
});

describe('a change made later ("after 1 hour, halve the frame rate")', () => {
  it('leaves the run as it is until then, makes the change at that time and notes it; a change the plan refuses is refused now', async () => {
    const clock = new VirtualClock();
    const session = simSession(clock);
    const { call } = context(session, 's-later');
    await call('start_acquisition', { plan: { channels: [{ config: 'GFP', exposureMs: 50, powerPercent: 10 }], timePlan: { intervalS: 300, loops: 40 } } });
    const acquisition = session.acquisition!;
    const seen: Record<string, unknown> = {};
    clock.at(60_000, async () => {
      const later = await call('adjust_acquisition', { changes: [{ kind: 'intervalFactor', factor: 2 }, { kind: 'power', powerPercent: 5, channel: 'GFP' }], inS: 3600 });
      seen.summary = later.summary;
      seen.before = [acquisition.status().intervalS, acquisition.status().channels[0].powerPercent];
      await call('adjust_acquisition', { changes: [{ kind: 'dropChannel', channel: 'DAPI' }], inS: 600 }).catch((err: Error) => (seen.refused = err.message));
      await call('adjust_acquisition', { changes: [{ kind: 'interval', intervalS: 60 }], inS: 86_400 }).catch((err: Error) => (seen.tooLate = err.message));
    });
    clock.at(60_000 + 3_600_000 + 1000, () => {
      seen.after = [acquisition.status().intervalS, acquisition.status().channels[0].powerPercent];
      acquisition.stop();
    });
    await acquisition.done;
    expect(seen.summary).toMatch(/^In 1 h from now: .*Until then the run goes on as it is/);
    expect(seen.before).toEqual([300, 10]);
    expect(seen.after).toEqual([600, 5]);
    expect(seen.refused).toMatch(/DAPI/);
    expect(seen.tooLate).toMatch(/the run ends in .* before 1 d|the run ends in .*nothing was changed/);
    expect(acquisition.status().notes.join(' ')).toMatch(/made after 1 h: /);
  });
});

describe('clockAfter', () => {
  it('says the day of a time that is not the start\'s', () => {
    const start = new Date(2026, 11, 7, 10, 45, 2).getTime();
    expect(clockAfter(start, 3600)).toBe('11:45:02');
    expect(clockAfter(start, 24 * 3600)).toBe('10:45:02 tomorrow');
    expect(clockAfter(start, 48 * 3600)).toBe('10:45:02 in 2 days');
  });
});
