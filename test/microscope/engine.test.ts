import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startAcquisition } from '../../src/microscope/engine.ts';
import type { Adjustment } from '../../src/microscope/adjustment.ts';
import { DEFAULT_LIMITS } from '../../src/microscope/limits.ts';
import { DoseLedger } from '../../src/microscope/dose.ts';
import type { AcquisitionEngine } from '../../src/microscope/engine.ts';
import { GuardedMicroscope } from '../../src/microscope/guard.ts';
import { MicroscopeEngine } from '../../src/microscope/microscopeEngine.ts';
import { openMovie } from '../../src/image/index.ts';
import { readFramesTable, simulatedScope, tempDir } from './fixtures.ts';

const MIN = 60_000;

async function meanOf(path: string, t: number, c: number): Promise<number> {
  const movie = await openMovie(path);
  const plane = await movie.plane(t, 0, c);
  await movie.close();
  let sum = 0;
  for (let i = 0; i < plane.length; i++) sum += plane[i];
  return sum / plane.length;
}

describe('acquisition engine on the simulated clock', () => {
  it('a two-hour, multi-channel acquisition follows commands given mid-run, on disk at the right time points', async () => {
    const { clock, microscope } = simulatedScope({ sample: { cells: 8 } });
    const dir = tempDir();
    const acquisition = startAcquisition(
      { name: 'run', channels: [{ config: 'GFP', exposureMs: 50 }, { config: 'DAPI', exposureMs: 20 }], timePlan: { intervalS: 120, durationS: 7200 } },
      { microscope, clock, outputPath: join(dir, 'run.tif') },
    );
    const said: Record<number, Adjustment> = {
      20: { kind: 'interval', intervalS: 30 },
      40: { kind: 'power', channel: '488', powerPercent: 5 },
      50: { kind: 'addChannel', channel: 'mCherry', exposureMs: 80 },
      60: { kind: 'dropChannel', channel: 'DAPI' },
      70: { kind: 'interval', intervalS: 300 },
    };
    const messages: string[] = [];
    for (const [minute, adj] of Object.entries(said)) {
      clock.at(Number(minute) * MIN, () => {
        messages.push(acquisition.adjust(adj).message);
      });
    }
    const started = performance.now();
    const status = await acquisition.done;
    const wallS = (performance.now() - started) / 1000;

    expect(status.state).toBe('done');
    expect(status.error).toBeUndefined();
    expect(messages).toHaveLength(5);
    // Simulated time: two hours, run in seconds.
    expect(status.elapsedS).toBeGreaterThan(7200 - 300);
    expect(status.elapsedS).toBeLessThan(7201);
    expect(wallS).toBeLessThan(30);

    const rows = readFramesTable(readFileSync(status.framesTable, 'utf8'));
    const starts = [...new Set(rows.filter((r) => r.channel === 'FITC').map((r) => Number(r.time_s)))];
    const gaps = starts.slice(1).map((s, i) => s - starts[i]);
    // 120 s until minute 20, 30 s until minute 70, then 300 s: a change applies to the next time point not yet started.
    for (let i = 0; i < gaps.length; i++) {
      const at = starts[i];
      const want = at < 20 * 60 - 1 ? 120 : at + 30 < 70 * 60 - 1 ? 30 : 300;
      expect(Math.abs(gaps[i] - want), `gap after ${at} s`).toBeLessThan(1);
    }
    // Power follows the command from the first image after minute 40.
    for (const r of rows.filter((r) => r.channel === 'FITC')) expect(Number(r.power_percent)).toBe(Number(r.time_s) < 40 * 60 ? 20 : 5);
    // mCherry appears from the first time point after minute 50, DAPI is gone after minute 60.
    const firstMcherry = Math.min(...rows.filter((r) => r.channel === 'Rhodamine').map((r) => Number(r.time_s)));
    expect(firstMcherry).toBeGreaterThan(50 * 60);
    expect(firstMcherry).toBeLessThan(50 * 60 + 31);
    expect(Math.max(...rows.filter((r) => r.channel === 'DAPI').map((r) => Number(r.time_s)))).toBeLessThan(60 * 60);
    expect(Math.min(...rows.filter((r) => r.channel === 'DAPI').map((r) => Number(r.time_s)))).toBeLessThan(1);

    // Files: one part per layout (GFP+DAPI, GFP+DAPI+mCherry, GFP+mCherry), each readable with the frames the table says.
    expect(status.files.map((f) => f.channels.join('+'))).toEqual(['FITC+DAPI', 'FITC+DAPI+Rhodamine', 'FITC+Rhodamine']);
    for (const file of status.files) {
      const movie = await openMovie(file.path);
      expect(movie.shape.c).toBe(file.channels.length);
      expect(movie.shape.t).toBe(file.timepoints);
      expect(movie.meta.channelNames).toEqual(file.channels);
      expect(movie.meta.pixelSizeUm).toBeCloseTo(0.5);
      await movie.close();
    }
    const firstFile = status.files[0];
    const frames = new Set(rows.filter((r) => r.file === firstFile.path.split('/').pop()).map((r) => r.t)).size;
    expect(frames).toBe(firstFile.timepoints);
    // The GFP signal above the camera offset drops about fourfold with the power (bleaching aside).
    const tBefore = Math.max(...rows.filter((r) => r.channel === 'FITC' && Number(r.time_s) < 40 * 60).map((r) => Number(r.t)));
    const before = (await meanOf(firstFile.path, tBefore, 0)) - 100;
    const after = (await meanOf(firstFile.path, tBefore + 1, 0)) - 100;
    expect(after / before).toBeGreaterThan(0.15);
    expect(after / before).toBeLessThan(0.35);
    // Dose ledger per channel adds up to exposure x power x irradiance.
    const fitcDose = rows.filter((r) => r.channel === 'FITC').reduce((s, r) => s + Number(r.dose_j_per_cm2), 0);
    expect(status.dose.byChannel.FITC).toBeCloseTo(fitcDose, 4);
    expect(status.remainingS).toBe(0);
  });

  it('pause, resume, finish after the current time point, and status that answers "how much longer"', async () => {
    const { clock, microscope } = simulatedScope();
    const dir = tempDir();
    const acquisition = startAcquisition({ channels: [{ config: 'DAPI', exposureMs: 10 }], timePlan: { intervalS: 60, loops: 100 } }, { microscope, clock, outputPath: join(dir, 'p.tif') });
    const seen: Record<string, string> = {};
    clock.at(5 * MIN + 1000, () => {
      seen.remaining = String(acquisition.status().remainingS);
      seen.answer = acquisition.adjust({ kind: 'status', about: 'time' }).message;
      acquisition.pause();
    });
    clock.at(30 * MIN, () => {
      seen.pausedState = acquisition.state;
      acquisition.resume();
    });
    clock.at(40 * MIN + 1000, () => void acquisition.finish());
    const status = await acquisition.done;
    // 99 intervals of 60 s remain after t=0 ... at 5 min, about 94 min are left.
    expect(Number(seen.remaining)).toBeGreaterThan(94 * 60 - 5);
    expect(Number(seen.remaining)).toBeLessThan(95 * 60 + 5);
    expect(seen.answer).toMatch(/about 1 h 3\d min left/);
    expect(seen.pausedState).toBe('paused');
    const rows = readFramesTable(readFileSync(status.framesTable, 'utf8'));
    const times = rows.map((r) => Number(r.time_s));
    expect(times.some((s) => s > 5 * 60 + 2 && s < 30 * 60)).toBe(false);
    expect(Math.max(...times)).toBeLessThan(41 * 60);
    expect(status.stopReason).toMatch(/finished after the current time point/);
  });

  it('a dose budget stops the run, and the file keeps every frame', async () => {
    const { clock, microscope } = simulatedScope();
    const dir = tempDir();
    const limits = { ...DEFAULT_LIMITS, doseBudgetJPerCm2: 1 };
    // 100 ms at 20 % of 5 W/cm² = 0.1 J/cm² per image: the 11th image would pass 1 J/cm².
    const acquisition = startAcquisition({ channels: [{ config: 'GFP', exposureMs: 100 }], timePlan: { intervalS: 10, loops: 50 } }, { microscope, clock, outputPath: join(dir, 'd.tif'), limits });
    const status = await acquisition.done;
    expect(status.imagesAcquired).toBe(10);
    expect(status.dose.byPosition.Pos0).toBeCloseTo(1, 6);
    expect(status.dose.budgetUsed).toBeCloseTo(1, 6);
    expect(status.stopReason).toMatch(/dose budget reached at Pos0: this field has had up to 1 J\/cm² .* the 1 J\/cm² dose budget/);
    const movie = await openMovie(status.files[0].path);
    expect(movie.shape.t).toBe(10);
    await movie.close();
  });

  it('limits hold against bad commands', async () => {
    const { clock, microscope } = simulatedScope();
    const dir = tempDir();
    const limits = { ...DEFAULT_LIMITS, maxPowerPercent: 50, maxExposureMs: 500, minIntervalS: 5, xRangeUm: [-1000, 1000] as [number, number] };
    const acquisition = startAcquisition({ channels: [{ config: 'GFP', exposureMs: 20 }], timePlan: { intervalS: 60, loops: 6 } }, { microscope, clock, outputPath: join(dir, 'l.tif'), limits });
    const results: Record<string, unknown> = {};
    clock.at(90_000, () => {
      results.power = acquisition.adjust({ kind: 'power', powerPercent: 150, channel: 'GFP' });
      results.exposure = acquisition.adjust({ kind: 'exposure', exposureMs: 1e6 });
      results.interval = acquisition.adjust({ kind: 'interval', intervalS: 0.5 });
      for (const [name, adj] of [
        ['negativeInterval', { kind: 'interval', intervalS: -3 }],
        ['negativePower', { kind: 'power', powerPercent: -1 }],
        ['farStage', { kind: 'moveStage', xUm: 5000 }],
        ['nanExposure', { kind: 'exposure', exposureMs: Number.NaN }],
        ['unknownChannel', { kind: 'addChannel', channel: 'ultraviolet-x' }],
        ['onlyChannel', { kind: 'dropChannel', channel: 'FITC' }],
        ['hugeStack', { kind: 'zPlan', zPlan: { rangeUm: 1000, stepUm: 0.1 } }],
      ] as const) {
        try {
          acquisition.adjust(adj);
          results[name] = 'accepted';
        } catch (err) {
          results[name] = (err as Error).message;
        }
      }
    });
    const status = await acquisition.done;
    expect((results.power as { notes: string[] }).notes).toEqual(['power of 488nm clamped from 150 % to the 50 % limit']);
    expect((results.exposure as { notes: string[] }).notes).toEqual(['exposure clamped from 1000000 ms to the 500 ms limit']);
    expect((results.interval as { notes: string[] }).notes).toEqual(['interval raised from 0.5 s to the 5 s minimum']);
    expect(results.negativeInterval).toMatch(/interval must be 0 s or more, got -3 s/);
    expect(results.negativePower).toMatch(/must be 0 to 100 %, got -1 %/);
    expect(results.farStage).toMatch(/stage x = 5000 µm is outside the travel limit of -1000 to 1000 µm/);
    expect(results.nanExposure).toMatch(/exposure must be a number of ms/);
    expect(results.unknownChannel).toMatch(/no channel preset called "ultraviolet-x"/);
    expect(results.onlyChannel).toMatch(/only channel/);
    expect(results.hugeStack).toMatch(/10001 planes is refused: the limit is 500/);
    for (const r of Object.values(results)) if (typeof r === 'string') expect(r).not.toContain('\n');
    const rows = readFramesTable(readFileSync(status.framesTable, 'utf8'));
    expect(Math.max(...rows.map((r) => Number(r.power_percent)))).toBe(50);
    expect(Math.max(...rows.map((r) => Number(r.exposure_ms)))).toBe(500);
    expect(Math.max(...rows.map((r) => Math.abs(Number(r.x_um))))).toBe(0);
    const times = rows.map((r) => Number(r.time_s));
    expect(Math.min(...times.slice(1).map((s, i) => s - times[i]))).toBeGreaterThanOrEqual(5 - 1e-6);
    // A plan beyond the limits is clamped or refused at the start too.
    expect(() => startAcquisition({ channels: [{ config: 'GFP' }], stagePositions: [{ xUm: 2000, yUm: 0 }] }, { microscope, clock, outputPath: join(dir, 'x.tif'), limits })).toThrow(/outside the travel limit/);
  });

  it('a stop mid-run leaves a valid file with every complete time point', async () => {
    const { clock, microscope } = simulatedScope();
    const dir = tempDir();
    const acquisition = startAcquisition(
      { channels: [{ config: 'GFP', exposureMs: 20 }, { config: 'DAPI', exposureMs: 20 }], zPlan: { rangeUm: 4, stepUm: 2 }, timePlan: { intervalS: 30, loops: 20 } },
      { microscope, clock, outputPath: join(dir, 'abort.tif') },
    );
    let images = 0;
    acquisition.on('frame', () => {
      images++;
      if (images === 6 * 4 + 2) acquisition.stop('user abort');
    });
    const status = await acquisition.done;
    expect(status.stopReason).toBe('user abort');
    expect(status.imagesAcquired).toBe(26);
    const movie = await openMovie(status.files[0].path);
    expect(movie.shape).toMatchObject({ c: 2, z: 3, y: 128, x: 128 });
    // Four full time points plus the partial one (kept, its missing planes are zeros).
    expect(movie.shape.t).toBe(5);
    const last = await movie.plane(4, 0, 0);
    expect(Math.max(...last)).toBeGreaterThan(100);
    await movie.close();
  });
});

describe('time plans in a running acquisition', () => {
  it('phases run one after the other; "extend" and "loops" change the end', async () => {
    const { clock, microscope } = simulatedScope({ sizePx: 64 });
    const phased = await startAcquisition({ channels: [{ config: 'DAPI', exposureMs: 10 }], timePlan: { phases: [{ intervalS: 10, loops: 3 }, { intervalS: 60, loops: 3 }] } }, { microscope, clock, outputPath: join(tempDir(), 'phases.tif') }).done;
    const starts = readFramesTable(readFileSync(phased.framesTable, 'utf8')).map((r) => Math.round(Number(r.time_s)));
    expect(starts).toEqual([0, 10, 20, 80, 140]);

    const extended = startAcquisition({ channels: [{ config: 'DAPI', exposureMs: 10 }], timePlan: { intervalS: 60, durationS: 300 } }, { microscope, clock, outputPath: join(tempDir(), 'extend.tif') });
    clock.at(clock.now() + 130_000, () => void extended.adjust({ kind: 'extend', extraS: 120 }));
    const e = await extended.done;
    expect(e.timepointsDone).toBe(8); // 0..300 s every 60 s, then 120 s more

    const counted = startAcquisition({ channels: [{ config: 'DAPI', exposureMs: 10 }], timePlan: { intervalS: 30, loops: 100 } }, { microscope, clock, outputPath: join(tempDir(), 'loops.tif') });
    counted.on('timepoint', (ev) => {
      if (ev.t === 2) counted.adjust({ kind: 'loops', loops: 5 });
    });
    expect((await counted.done).timepointsDone).toBe(5);

    // "stop in 2 minutes": the end is set from now, whatever the plan said
    const ending = startAcquisition({ channels: [{ config: 'DAPI', exposureMs: 10 }], timePlan: { intervalS: 30, loops: 100 } }, { microscope, clock, outputPath: join(tempDir(), 'endin.tif') });
    let reply = '';
    ending.on('timepoint', (ev) => {
      if (ev.t === 2) reply = ending.adjust({ kind: 'endIn', inS: 120 }).message;
    });
    const ended = await ending.done;
    expect(reply).toMatch(/now ends in 2 min, 3 min after its start/);
    expect(ended.timepointsDone).toBe(7); // t = 0, 30, 60 s, then 90 .. 180 s: the end is 60 + 120 s
    expect(ended.stopReason).toBe('finished');
  });

  it('runs on the real clock too (short intervals)', async () => {
    const { RealClock } = await import('../../src/microscope/clock.ts');
    const { SimulatedMicroscope } = await import('../../src/microscope/simulated.ts');
    const { smallConfig } = await import('./fixtures.ts');
    const clock = new RealClock();
    const microscope = new SimulatedMicroscope({ clock, config: smallConfig(64), sample: { boundsUm: { x0: -16, y0: -16, x1: 16, y1: 16 }, cells: 2 }, readoutMs: 1 });
    const started = performance.now();
    const status = await startAcquisition({ channels: [{ config: 'GFP', exposureMs: 5 }], timePlan: { intervalS: 0.2, loops: 4 } }, { microscope, clock, outputPath: join(tempDir(), 'real.tif') }).done;
    const wallS = (performance.now() - started) / 1000;
    expect(status.timepointsDone).toBe(4);
    expect(wallS).toBeGreaterThan(0.6 - 0.05);
    expect(wallS).toBeLessThan(5);
    const starts = readFramesTable(readFileSync(status.framesTable, 'utf8')).map((r) => Number(r.time_s));
    // (a fixed-rate schedule: time point i never starts before i intervals; one started late, on a loaded machine,
    // may be followed sooner than an interval by the next, which keeps its own time)
    for (let i = 1; i < starts.length; i++) expect(starts[i] - starts[0]).toBeGreaterThanOrEqual(i * 0.2 - 0.01);
  });
});

describe('a timed pause', () => {
  it('"pause for 5 minutes" resumes by itself; no time point is taken meanwhile', async () => {
    const { clock, microscope } = simulatedScope();
    const acquisition = startAcquisition({ channels: [{ config: 'GFP', exposureMs: 20 }], timePlan: { intervalS: 60, durationS: 1200 } }, { microscope, clock, outputPath: join(tempDir(), 'pause.tif') });
    let message = '';
    clock.at(3 * MIN + 1000, () => {
      message = acquisition.adjust({ kind: 'pause', forS: 300 }).message;
    });
    const starts: number[] = [];
    acquisition.on('timepoint', (e) => starts.push(Math.round(e.startS)));
    const status = await acquisition.done;
    expect(message).toMatch(/resuming by itself in 5 min/);
    expect(starts.filter((s) => s > 180 && s < 480)).toEqual([]);
    expect(starts.some((s) => s >= 480)).toBe(true);
    expect(status.stopReason).toBe('finished');
  });
});

describe('a channel dropped in the middle of a time point', () => {
  it('is imaged to the end of that time point and not from the next one, as the reply says', async () => {
    const { clock, microscope } = simulatedScope();
    const acquisition = startAcquisition({ channels: [{ config: 'GFP', exposureMs: 10 }, { config: 'DAPI', exposureMs: 10 }], timePlan: { intervalS: 60, loops: 5 }, stagePositions: [{ xUm: 0, yUm: 0 }, { xUm: 800, yUm: 0 }] }, { microscope, clock, outputPath: join(tempDir(), 'mid.tif') });
    let reply: { message: string; fromTimepoint?: number } | undefined;
    const frames: { t: number; channel: string; position: string }[] = [];
    acquisition.on('frame', (f) => {
      frames.push({ t: f.t, channel: f.channel, position: f.position });
      if (f.t === 2 && !reply) reply = acquisition.adjust({ kind: 'dropChannel', channel: 'DAPI' }); // after the first image of t=2
    });
    await acquisition.done;
    expect(reply!.message).toMatch(/DAPI dropped .*\(from t=3\)/);
    expect(reply!.fromTimepoint).toBe(3);
    const dapi = frames.filter((f) => f.channel === 'DAPI');
    expect(dapi.filter((f) => f.t === 2).map((f) => f.position)).toEqual(['Pos0', 'Pos1']);
    expect(Math.max(...dapi.map((f) => f.t))).toBe(2);
    expect(frames.filter((f) => f.channel === 'FITC' && f.t === 4)).toHaveLength(2);
  });
});

describe('a change that arrives while a time point is being set up', () => {
  it('(after it started, during its autofocus) takes effect from the next time point, as the reply says', async () => {
    const { clock, microscope } = simulatedScope();
    const guarded = new GuardedMicroscope(microscope, DEFAULT_LIMITS, () => {});
    const real = new MicroscopeEngine(guarded, new DoseLedger(), DEFAULT_LIMITS);
    let reply: { message: string; fromTimepoint?: number } | undefined;
    // the autofocus asked for during t=1 runs at the start of t=2: the drop lands in it
    const engine: AcquisitionEngine = Object.assign(Object.create(real) as AcquisitionEngine, {
      async autofocus(at: Parameters<NonNullable<AcquisitionEngine['autofocus']>>[0]) {
        reply = acquisition.adjust({ kind: 'dropChannel', channel: 'DAPI' });
        return real.autofocus(at);
      },
    });
    const plan = { channels: [{ config: 'GFP', exposureMs: 10 }, { config: 'DAPI', exposureMs: 10 }], timePlan: { intervalS: 60, loops: 5 }, stagePositions: [{ xUm: 0, yUm: 0 }, { xUm: 800, yUm: 0 }] };
    const acquisition = startAcquisition(plan, { microscope: guarded, clock, outputPath: join(tempDir(), 'setup.tif'), engine });
    const frames: { t: number; channel: string }[] = [];
    acquisition.on('frame', (f) => {
      frames.push({ t: f.t, channel: f.channel });
      if (f.t === 1 && frames.length === 5) acquisition.adjust({ kind: 'autofocus' });
    });
    await acquisition.done;
    expect(reply!.fromTimepoint).toBe(3);
    const dapi = frames.filter((f) => f.channel === 'DAPI');
    expect(dapi.filter((f) => f.t === 2)).toHaveLength(2);
    expect(Math.max(...dapi.map((f) => f.t))).toBe(2);
    expect(frames.filter((f) => f.channel === 'FITC' && f.t === 4)).toHaveLength(2);
  });
});
