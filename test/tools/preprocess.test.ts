import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createToolContext } from '../../src/agent/artifacts.ts';
import { readTableCsv } from '../../src/analysis/table.ts';
import { writeMovie } from '../../src/image/index.ts';
import { simulate } from '../../src/sim/index.ts';
import { bleachMeasured, bleachSummary, describeDriftChecks, describeIntensityChange, tools } from '../../tools/preprocess.ts';
import { readdirSync } from 'node:fs';

const dir = mkdtempSync(join(tmpdir(), 'cellpilot-preprocess-tool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function call(name: string, args: unknown, ctx: ReturnType<typeof createToolContext>) {
  const spec = tools.find((t) => t.name === name)!;
  return spec.run(spec.schema.parse(args) as never, ctx);
}

describe('preprocess tools', () => {
  const ctx = createToolContext({ sessionDir: join(dir, 'session') });
  const sim = simulate({ frames: 8, width: 128, height: 128, cells: 10, seed: 5, driftPx: 6, speedPx: 0, divisionRate: 0, bleachRate: 0.03 });
  const moviePath = join(dir, 'sim.tif');

  it('every argument is described', () => {
    expect(tools.map((t) => t.name)).toEqual(['correct_drift', 'align_channels', 'correct_bleach', 'subtract_background']);
    for (const t of tools) for (const [key, field] of Object.entries(t.schema.shape)) expect((field as { description?: string }).description, `${t.name}.${key}`).toBeTruthy();
  });

  it('correct_drift returns the corrected movie and the drift table in the simulator convention', async () => {
    await writeMovie(moviePath, sim.movie);
    const result = await call('correct_drift', { movie: moviePath, channel: 'nuclei' }, ctx);
    expect(result.artifacts.map((a) => a.type)).toEqual(['movie', 'table']);
    const table = readTableCsv(result.artifacts[1].path);
    expect(table.columns).toEqual(['t', 'dx_px', 'dy_px', 'confidence']);
    expect(table.rows).toHaveLength(8);
    // per frame, 0 (guessed) to 1 (confirmed); the first frame is the reference; their mean is the meanConfidence value
    const confidence = table.rows.map((r) => r.confidence as number);
    expect(confidence[0]).toBe(1);
    expect(confidence.every((c) => c >= 0 && c <= 1)).toBe(true);
    expect(confidence.reduce((a, c) => a + c, 0) / 8).toBeCloseTo((result.values as { meanConfidence: number }).meanConfidence, 2);
    for (const row of table.rows) {
      const truth = sim.drift[row.t as number];
      expect(Math.abs((row.dx_px as number) - truth.dxPx)).toBeLessThan(0.15);
      expect(Math.abs((row.dy_px as number) - truth.dyPx)).toBeLessThan(0.15);
    }
    const values = result.values as { maxDriftPx: number };
    const trueMax = Math.max(...sim.drift.map((d) => Math.hypot(d.dxPx, d.dyPx)));
    expect(Math.abs(values.maxDriftPx - trueMax)).toBeLessThan(0.2);
    const corrected = await ctx.openMovie(result.artifacts[0].id);
    expect(corrected.shape).toEqual(sim.movie.shape);
    await corrected.close();
    expect(result.summary).toMatch(/drift of up to/);
  });

  it('correct_drift reports field loss, border fill and the object check; writeMovie false gives the table only', async () => {
    const result = await call('correct_drift', { movie: moviePath }, ctx);
    expect(result.summary).toMatch(/% of the field is not covered by every frame after the shift; uncovered borders are filled with each plane.s median/);
    expect(result.summary).toMatch(/Objects confirmed \d+ of 7 frame-to-frame steps/);
    expect(result.summary).toMatch(/Removed: the motion of the whole field, up to [\d.]+ px over 8 frames \(x -?[\d.]+, y -?[\d.]+ px by the last frame\)\./);
    expect((result.values as { removedMotion: string }).removedMotion).toBe('whole field');
    expect((result.values as { fieldLostPercent: number }).fieldLostPercent).toBeGreaterThan(0);
    const tableOnly = await call('correct_drift', { movie: moviePath, writeMovie: false }, ctx);
    expect(tableOnly.artifacts.map((a) => a.type)).toEqual(['table']);
    expect(tableOnly.summary).toMatch(/^Estimated \(movie left as recorded\) drift of up to/);
  });

  it('correct_drift with minDriftPx leaves a drift under it as recorded (the recording is its movie) and corrects one over it', async () => {
    const under = await call('correct_drift', { movie: moviePath, minDriftPx: 50 }, ctx);
    expect(under.artifacts.map((a) => a.type)).toEqual(['movie', 'table']);
    // nothing written: the step's movie is the recording itself, and the summary says why
    expect(under.artifacts[0].path).toBe(moviePath);
    expect(under.summary).toMatch(/^Not corrected: the drift found is up to [\d.]+ px over 8 frames, under the 50 px asked, so the movie is left as recorded/);
    expect((under.values as { fieldLostPercent: number }).fieldLostPercent).toBe(0);
    expect((under.values as { did?: string }).did).toBe('measure the drift (none applied: under the 50 px asked)');
    const over = await call('correct_drift', { movie: moviePath, minDriftPx: 1 }, ctx);
    expect(over.artifacts[0].path).not.toBe(moviePath);
    expect(over.summary).toMatch(/^Corrected drift of up to/);
    expect((over.values as { did?: string }).did).toBeUndefined();
    expect((over.values as { maxDriftPx: number }).maxDriftPx).toBeGreaterThan(1);
  });

  it('correct_drift on moving, dividing cells says the nuclei\'s mean displacement led, the assumption and the uncertainty', async () => {
    const moving = simulate({ frames: 30, width: 256, height: 256, cells: 20, seed: 5, driftPx: 10 });
    const path = join(dir, 'moving.tif');
    await writeMovie(path, moving.movie);
    const result = await call('correct_drift', { movie: path, writeMovie: false }, ctx);
    expect(result.summary).toMatch(/Measured \(the movie is left as recorded\): the cells' common motion, up to [\d.]+ px over 30 frames \(x -?[\d.]+, y -?[\d.]+ px by the last frame\)\. The cells move on their own \([\d.]+ px per frame\), so each step is the mean displacement of the nuclei found \(each cell once\), uncertain by at least ±[\d.]+ px\. This is stage drift only if the stage moved: cells that migrate together move the same way/);
    expect((result.values as { removedMotion: string }).removedMotion).toBe('cells');
  });

  it('correct_drift on moving cells under a still stage applies no shift and says in one line why', async () => {
    const still = simulate({ frames: 30, width: 256, height: 256, cells: 20, seed: 2, driftPx: 0 });
    const path = join(dir, 'still-stage.tif');
    await writeMovie(path, still.movie);
    const result = await call('correct_drift', { movie: path, writeMovie: false }, ctx);
    expect(result.summary).toMatch(/No common motion found: the frame-to-frame steps add up to at most [\d.]+ px, within their own uncertainty \(±[\d.]+ px over the movie\)[^.]*; no shift was applied\./);
    const table = readTableCsv(result.artifacts.find((a) => a.type === 'table')!.path);
    expect(table.rows.every((r) => r.dx_px === 0 && r.dy_px === 0)).toBe(true);
    expect((result.values as { removedMotion: string }).removedMotion).toBe('none');
    // the one-line account ("Done: ...") names what the step did: measured, nothing applied, not "correct stage drift"
    expect((result.values as { did?: string }).did).toBe('measure the drift (none applied: no common motion)');
  });

  it('correct_drift refuses z correction of a 2-D movie and a channel that does not exist, in one line', async () => {
    await expect(call('correct_drift', { movie: moviePath, correctZ: true }, ctx)).rejects.toThrow(/z drift needs a z-stack/);
    await expect(call('correct_drift', { movie: moviePath, channel: 4 }, ctx)).rejects.toThrow(/channel 4 does not exist/);
  });

  it('correct_bleach (exponential) reports the loss and the fit', async () => {
    const result = await call('correct_bleach', { movie: moviePath, method: 'exponential' }, ctx);
    const values = result.values as { intensityLossPercent: number[]; maxDeviationAfterPercent: number[]; fits: { bPerFrame: number }[] };
    expect(values.intensityLossPercent[0]).toBeGreaterThan(5);
    expect(values.maxDeviationAfterPercent[0]).toBeLessThan(2);
    expect(values.fits[0].bPerFrame).toBeGreaterThan(0);
    // (the half-life reported is the fit's own ln 2 / b, in frames, for any method)
    expect((result.values as { halfLifeFrames: number[] }).halfLifeFrames[0]).toBeCloseTo(Math.LN2 / values.fits[0].bPerFrame, 0);
    expect(result.summary).toMatch(/Bleaching half-life: [\d.]+ frames/);
    // (against the simulator's truth: 3% of the fluorescence lost per frame halves it in ln 2 / -ln 0.97 = 22.8 frames)
    const trueHalfLife = Math.LN2 / -Math.log(1 - 0.03);
    expect(Math.abs((result.values as { halfLifeFrames: number[] }).halfLifeFrames[0] - trueHalfLife) / trueHalfLife).toBeLessThan(0.2);
    expect(result.artifacts[0].type).toBe('movie');
    expect(result.summary).toMatch(/mean intensity fell by \d+(\.\d)?% from the first to the last frame/);
  });

  it('correct_bleach with writeMovie false measures only: the loss in % and the half-life in frames and min, no movie (stop 42 D)', async () => {
    const files = (): string[] => readdirSync(join(dir, 'session'), { recursive: true }).map(String);
    const before = files();
    const result = await call('correct_bleach', { movie: moviePath, writeMovie: false }, ctx);
    expect(files().filter((f) => !before.includes(f) && f.endsWith('.tif'))).toEqual([]);
    expect(result.artifacts).toEqual([]);
    const values = result.values as { intensityLossPercent: number[]; halfLifeFrames: number[]; halfLifeS?: number[] };
    expect(values.intensityLossPercent[0]).toBeGreaterThan(5);
    // (the simulator's truth: 3% lost per frame halves it in 22.8 frames; its frame interval is 60 s, so about 23 min)
    const trueHalfLife = Math.LN2 / -Math.log(1 - 0.03);
    expect(Math.abs(values.halfLifeFrames[0] - trueHalfLife) / trueHalfLife).toBeLessThan(0.2);
    expect(values.halfLifeS![0]).toBeCloseTo(values.halfLifeFrames[0] * 60, 0);
    expect(result.summary).toMatch(/^Bleaching found over 8 frames .*movie is left as recorded\): whole-frame mean intensity fell by [\d.]+%, half-life [\d.]+ frames \([\d.]+ min\)\.$/);
    expect(result.summary).not.toMatch(/Corrected|bleach-corrected/);
  });

  it('the measure-only line says no decay, a rise, and a half-life in frames only without an interval', () => {
    const flat = bleachMeasured([[100, 101, 100, 102]], undefined, [], () => null);
    expect(flat.summary).toMatch(/^No bleaching found over 4 frames .*rose by 2%, no decay to fit\. The movie records no frame interval/);
    expect(flat.values).not.toHaveProperty('halfLifeS');
    const two = bleachMeasured([[100, 90, 80], [50, 49, 48]], 10, ['GFP', 'mCherry'], () => 5);
    expect(two.summary).toMatch(/channel 1 \(GFP\): whole-frame mean intensity fell by 20%, half-life 5 frames \(50 s\); channel 2 \(mCherry\): whole-frame mean intensity fell by 4%/);
  });

  it('finds bleaching that more cells hide in the frame mean from the objects\' own brightness, and only there', () => {
    const rising = [[100, 104, 108, 112, 116]];
    const fading = [[400, 360, 324, 292, 262]];
    const decays = (m: number[]) => (m[m.length - 1] < m[0] ? 6.6 : null);
    const hidden = bleachMeasured(rising, 60, [], () => null, { signal: fading, halfLife: decays });
    expect(hidden.summary).toMatch(/^Bleaching found over 5 frames .*mean intensity rose by 16%, but the objects' own brightness \(above background\) fell by 34\.5%: more or bigger objects hide the bleaching in the frame mean, half-life 6\.6 frames/);
    expect(hidden.values.halfLifeFrames).toEqual([6.6]);
    // objects as bright at the end as at the start: the rising frame mean is no bleaching
    const steady = bleachMeasured(rising, 60, [], () => null, { signal: [[400, 402, 398, 401, 403]], halfLife: decays });
    expect(steady.summary).toMatch(/^No bleaching found/);
    // a fall under 5% is not read as bleaching
    expect(bleachMeasured(rising, 60, [], () => null, { signal: [[400, 395, 392, 390, 388]], halfLife: decays }).summary).toMatch(/^No bleaching found/);
  });

  it('correct_bleach measure-only finds bleaching in a movie whose cells divide faster than they fade (the frame mean rises)', async () => {
    const dividing = simulate({ frames: 30, width: 96, height: 96, cells: 6, seed: 3, divisionRate: 0.05, bleachRate: 0.01 });
    const path = join(dir, 'dividing-bleaching.tif');
    await writeMovie(path, dividing.movie);
    const result = await call('correct_bleach', { movie: path, writeMovie: false }, ctx);
    const values = result.values as { intensityLossPercent: number[]; halfLifeFrames: (number | null)[] };
    // (the objects' fall is said in the line, not a value of its own: a per-channel value beside intensityLossPercent
    // took questions about the signal lost)
    const objectLoss = Number(/objects' own brightness \(above background\) fell by ([\d.]+)%/.exec(result.summary)?.[1]);
    expect(values.intensityLossPercent[0]).toBeLessThan(0); // more cells: the frame mean rose
    // the simulator's truth: 1% lost per frame, 25.3% over 29 steps; the objects' brightness above background sees most of it
    expect(objectLoss).toBeGreaterThan(15);
    expect(objectLoss).toBeLessThan(35);
    expect(result.summary).toMatch(/^Bleaching found .*objects' own brightness \(above background\) fell by/);
    // 1% a frame halves in 69 frames
    expect(values.halfLifeFrames[0]).toBeGreaterThan(45);
    expect(values.halfLifeFrames[0]).toBeLessThan(100);
    const still = simulate({ frames: 30, width: 96, height: 96, cells: 6, seed: 3, divisionRate: 0.05, bleachRate: 0 });
    await writeMovie(join(dir, 'dividing.tif'), still.movie);
    expect((await call('correct_bleach', { movie: join(dir, 'dividing.tif'), writeMovie: false }, ctx)).summary).toMatch(/^No bleaching found/);
    // (written anyway, the one-line account says none was found: "Done: correct photobleaching → movie-2" hid it)
    const written = await call('correct_bleach', { movie: join(dir, 'dividing.tif') }, ctx);
    expect(written.values?.did).toMatch(/^measure the bleaching \(none found: mean intensity rose by [\d.]+%; movie-\d+ only has its frame means equalised\)$/);
  });

  it('correct_bleach says in words whether intensity fell or rose (no "dropped by -0.7%")', () => {
    expect(describeIntensityChange(12.5)).toBe('fell by 12.5%');
    expect(describeIntensityChange(-0.7)).toBe('rose by 0.7%');
    expect(describeIntensityChange(0)).toBe('stayed the same');
  });

  it('correct_bleach does not say "Corrected" where no channel faded (it wrote "Corrected ... (no bleaching to correct)")', () => {
    const none = bleachSummary('simple_ratio', 1, [-0.7], [0.4]);
    expect(none).toMatch(/^No bleaching found in 1 channel\(s\): mean intensity rose by 0.7%/);
    expect(none).toMatch(/keep using the original movie/);
    expect(none).not.toMatch(/Corrected/);
    expect(bleachSummary('exponential', 2, [12.5, -1], [0.5, 0.2])).toMatch(/^Corrected bleaching \(exponential\) in 2 channel\(s\): mean intensity fell by 12.5%, rose by 1%/);
  });

  it('align_channels writes an offsets table', async () => {
    const two = simulate({ frames: 2, width: 64, height: 64, cells: 4, seed: 8, brightfield: true, speedPx: 0 });
    const path = join(dir, 'two.tif');
    await writeMovie(path, two.movie);
    const result = await call('align_channels', { movie: path }, ctx);
    expect(result.artifacts.map((a) => a.type)).toEqual(['movie', 'table']);
    expect(readFileSync(result.artifacts[1].path, 'utf8').split('\n')[0]).toBe('channel,name,dx_px,dy_px');
  });
});

describe('describeDriftChecks', () => {
  it('says in one sentence that a table guessed at most of its steps was not applied, with the count', () => {
    const text = describeDriftChecks({
      rows: [],
      emptyFrames: [],
      maxDriftPx: 0,
      confidence: new Array(50).fill(0),
      unsureFrames: [],
      objectCheck: { steps: 5, agreed: 0, cellMotionPxPerFrame: 5, uncertaintyPx: 1.5, objectsLed: true },
      common: { measuredPx: 54, applied: false, uncertaintyPx: 30, unsureSteps: 39, tooUnsure: true },
    });
    expect(text).toMatch(/^Not corrected: the drift could not be pinned down at 39 of 49 frame-to-frame steps/);
    expect(text).toMatch(/no shift was applied/);
  });

  const checks = (common: Parameters<typeof describeDriftChecks>[0]['common']) =>
    describeDriftChecks({
      rows: [],
      emptyFrames: [],
      maxDriftPx: 40,
      confidence: new Array(21).fill(0.3),
      unsureFrames: [],
      objectCheck: { steps: 8, agreed: 0, cellMotionPxPerFrame: 4, uncertaintyPx: 2, objectsLed: true },
      common,
    });

  it('names the unconfirmed steps and their mean sureness when fewer than half were guessed', () => {
    const text = checks({ measuredPx: 40, applied: false, uncertaintyPx: 12, unsureSteps: 8, meanStepConfidence: 0.21, confirmedSteps: 0, tooUnsure: true });
    expect(text).toMatch(/^Not corrected: image registration and the objects found agreed at 0 of the 20 frame-to-frame steps \(8 measured by both\)/);
    expect(text).toMatch(/sure by 0\.21 on average \(0 guessed, 1 confirmed; 8 of 20 guessed\)/);
    expect(text).toMatch(/no shift was applied/);
  });

  it('flags an applied table whose steps were sure by less than half on average as a rough estimate', () => {
    const text = checks({ measuredPx: 18, applied: true, uncertaintyPx: 5, unsureSteps: 4, meanStepConfidence: 0.3, confirmedSteps: 5, tooUnsure: false });
    expect(text).toMatch(/Rough estimate: the frame-to-frame steps were sure by 0\.3 on average/);
    expect(checks({ measuredPx: 18, applied: true, uncertaintyPx: 5, unsureSteps: 0, meanStepConfidence: 0.9, confirmedSteps: 18, tooUnsure: false })).not.toMatch(/Rough/);
  });
});

describe('correct_drift on migrating cancer cells (biaNotebooks crop)', () => {
  const path = join(fileURLToPath(new URL('../../../shared/data', import.meta.url)), 'biaNotebooks-timelapse', 'cancer_cell_migration_crop.tif');
  const present = existsSync(path);
  if (!present) console.log(`skipping the cancer migration summary: ${path} is absent`);
  it.skipIf(!present)('says first that what the table measures is the cells\' common motion, which stage drift and collective migration share', async () => {
    const ctx = createToolContext({ sessionDir: join(dir, 'cancer-session') });
    const result = await call('correct_drift', { movie: path, writeMovie: false }, ctx);
    const values = result.values as { removedMotion: string; maxDriftPx: number };
    expect(values.removedMotion).toBe('cells');
    const removed = /Measured \(the movie is left as recorded\): the cells' common motion, up to ([\d.]+) px over 48 frames/.exec(result.summary);
    expect(Number(removed?.[1])).toBeCloseTo(values.maxDriftPx, 1);
    expect(result.summary).toMatch(/the image cannot tell the two apart/);
  });
});
