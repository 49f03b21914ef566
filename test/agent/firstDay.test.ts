// A new biologist's first day (stop 17, brief U): what they did on the command line with
// real files, and what went wrong before each fix. Small files made here; no real data.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TOOLS } from '../../tools/index.ts';
import { runPipelineOnMovies } from '../../src/agent/batch.ts';
import { runStep } from '../../src/agent/executor.ts';
import { pipelineFromSession } from '../../src/agent/pipeline.ts';
import { Session } from '../../src/agent/session.ts';
import { applyCalibration, mergeCalibration } from '../../src/image/calibration.ts';
import { movieFromPlanes } from '../../src/image/movie.ts';
import { writeMovie } from '../../src/image/index.ts';
import { fakeTools } from './fakeTools.ts';

const byName = (name: string) => TOOLS.find((t) => t.name === name)!;

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'cellpilot-first-day-'));
}

describe('a movie stored as a folder of frames stays as it was', () => {
  it('refuses an output TIFF among the frames (it became a frame: the folder no longer opened as the movie)', async () => {
    const root = folder();
    const frames = join(root, 'stack_list');
    mkdirSync(frames);
    for (let t = 1; t <= 3; t++) writeFileSync(join(frames, `Stack-${t}.tif`), `frame ${t}`);
    const session = Session.create({ root: join(root, 'sessions') });
    session.addInput('movie', frames);
    const typed = [`segment it and save the labels as ${join(frames, 'Stack-4.tif')}`];
    const refused = await runStep(session, fakeTools, 'correct_drift', { movie: 'movie-1', output: join(frames, 'Stack-4.tif') }, { typed });
    expect(refused.status).not.toBe('ok');
    expect(refused.error).toMatch(/refusing to write .*Stack-4\.tif into .*stack_list, the folder of frames of an input movie/);
    expect(readdirSync(frames).sort()).toEqual(['Stack-1.tif', 'Stack-2.tif', 'Stack-3.tif']);
    // the same output outside the folder is fine
    const beside = join(root, 'labels.tif');
    expect((await runStep(session, fakeTools, 'correct_drift', { movie: 'movie-1', output: beside }, { typed: [`save it as ${beside}`] })).status).toBe('ok');
    expect(existsSync(beside)).toBe(true);
  });

  it('refuses it for a frame pattern too ("*xy1*.tif": the folder holds the frames)', async () => {
    const root = folder();
    for (let t = 1; t <= 2; t++) for (const xy of [1, 2]) writeFileSync(join(root, `exp_t00${t}xy${xy}.tif`), 'frame');
    const session = Session.create({ root: join(root, 'sessions') });
    session.addInput('movie', join(root, '*xy1*.tif'));
    const out = join(root, 'exp_t003xy1.tif');
    const refused = await runStep(session, fakeTools, 'correct_drift', { movie: 'movie-1', output: out }, { typed: [`save it as ${out}`] });
    expect(refused.error).toMatch(/the folder of frames of an input movie/);
    expect(existsSync(out)).toBe(false);
  });
});

/** A 3-frame 16x16 TIFF, with the calibration given in its header (or none). */
async function tinyMovie(path: string, meta: { pixelSizeUm?: number; frameIntervalS?: number } = {}): Promise<string> {
  await writeMovie(path, movieFromPlanes({ t: 3, z: 1, c: 1, y: 16, x: 16 }, 'uint16', (t) => new Uint16Array(256).fill(100 + t), meta));
  return path;
}

describe('a calibration told for one movie, in a saved pipeline run on others', () => {
  it('fills only what a header lacks when told "unless the header has one"; told outright it wins', () => {
    const fallback = mergeCalibration({}, { pixelSizeUm: 0.65, frameIntervalS: 300 }, true);
    expect(fallback).toEqual({ unlessHeader: { pixelSizeUm: 0.65, frameIntervalS: 300 } });
    const withHeader = applyCalibration({ channelNames: ['C1'], pixelSizeUm: 0.415, frameIntervalS: 180 }, fallback, 1);
    expect([withHeader.pixelSizeUm, withHeader.frameIntervalS]).toEqual([0.415, 180]);
    const without = applyCalibration({ channelNames: ['C1'] }, fallback, 1);
    expect([without.pixelSizeUm, without.frameIntervalS]).toEqual([0.65, 300]);
    // the latest word counts: told outright after, the pixel size wins over headers again
    const outright = mergeCalibration(fallback, { pixelSizeUm: 0.5 }, false);
    expect(outright).toEqual({ pixelSizeUm: 0.5, unlessHeader: { frameIntervalS: 300 } });
    expect(applyCalibration({ channelNames: ['C1'], pixelSizeUm: 0.415, frameIntervalS: 180 }, outright, 1).pixelSizeUm).toBe(0.5);
  });

  it("keeps each movie's own header calibration (it was replaced by the session's 0.65 µm / 5 min, silently)", async () => {
    const root = folder();
    const tools = [byName('set_calibration'), byName('movie_info'), ...fakeTools];
    const uncalibrated = await tinyMovie(join(root, 'crop.tif'));
    const session = Session.create({ root: join(root, 'sessions') });
    session.addInput('movie', uncalibrated);
    expect((await runStep(session, tools, 'set_calibration', { pixelSizeUm: 0.65, frameIntervalS: 300 })).status).toBe('ok');
    expect((await runStep(session, tools, 'segment', { movie: 'movie-1' })).status).toBe('ok');
    const pipeline = pipelineFromSession('told', session.provenance.read(), session.store.list(), { tools });
    const calibration = pipeline.steps.find((s) => s.tool === 'set_calibration')!;
    expect(calibration.args).toMatchObject({ keepHeader: '${params.set_calibration_keep_header}', movie: '${inputs.movie}' });
    expect(pipeline.parameters?.set_calibration_keep_header?.value).toBe(true);
    // run it, with a last step that reports the movie as the session sees it
    pipeline.steps.push({ id: 'info', tool: 'movie_info', args: { movie: '${inputs.movie}' } });
    const calibrated = await tinyMovie(join(root, 'ome.tif'), { pixelSizeUm: 0.415, frameIntervalS: 180 });
    const [own, none] = await runPipelineOnMovies(pipeline, [calibrated, uncalibrated], tools, { outDir: join(root, 'out') });
    expect(own.status, own.error).toBe('ok');
    const info = (r: typeof own) => r.steps.find((s) => s.id === 'info')!.values;
    expect(info(own).pixelSizeUm).toBeCloseTo(0.415, 5);
    expect(info(own).frameIntervalS).toBe(180);
    expect(own.steps[0].summary).toMatch(/keeps its file header's pixel size 0\.415 µm and frame interval 180 s/);
    expect([info(none).pixelSizeUm, info(none).frameIntervalS]).toEqual([0.65, 300]);
    // --set set_calibration_keep_header=false: the pipeline's values over every header
    const [forced] = await runPipelineOnMovies(pipeline, [calibrated], tools, { outDir: join(root, 'out2'), inputs: { set_calibration_keep_header: 'false' } });
    expect(info(forced).pixelSizeUm).toBe(0.65);
  });

  it('told over a header that says otherwise: the answer names the header value replaced, and a saved pipeline keeps replacing it', async () => {
    const root = folder();
    const tools = [byName('set_calibration'), ...fakeTools];
    const session = Session.create({ root: join(root, 'sessions') });
    session.addInput('movie', await tinyMovie(join(root, 'ome.tif'), { pixelSizeUm: 0.415, frameIntervalS: 180 }));
    const told = await runStep(session, tools, 'set_calibration', { pixelSizeUm: 0.5 });
    expect(told.summary).toMatch(/Used instead of the file header's pixel size 0\.415 µm \(movie-1\)/);
    // the header's own interval still holds: times are in min, not frames (it said "Not set: frame interval (times stay in frames)")
    expect(told.summary).toMatch(/results are now in µm, min and µm\/min/);
    expect(told.summary).not.toMatch(/Not set/);
    expect((await runStep(session, tools, 'segment', { movie: 'movie-1' })).status).toBe('ok');
    const pipeline = pipelineFromSession('over', session.provenance.read(), session.store.list(), { tools });
    expect(pipeline.steps[0].args.keepHeader).toBeUndefined();
  });

  it('`cellpilot run --pixel-size-um/--interval-s`: a shipped pipeline (no calibration step) gets units on a movie without any', async () => {
    const root = folder();
    const tools = [byName('set_calibration'), byName('movie_info'), ...fakeTools];
    const movie = await tinyMovie(join(root, 'crop.tif'));
    const pipeline = { name: 'p', version: 1 as const, inputs: { movie: { type: 'movie' as const } }, steps: [{ id: 'info', tool: 'movie_info', args: { movie: '${inputs.movie}' } }] };
    const [result] = await runPipelineOnMovies(pipeline, [movie], tools, { outDir: join(root, 'out'), calibration: { pixelSizeUm: 0.65, frameIntervalS: 300 } });
    expect(result.status, result.error).toBe('ok');
    expect(result.steps.map((s) => s.id)).toEqual(['calibration', 'info']);
    expect([result.steps[1].values.pixelSizeUm, result.steps[1].values.frameIntervalS]).toEqual([0.65, 300]);
  });
});

describe('one clear line for a value in the wrong form', () => {
  it('a frame range typed as text shows the object form with the numbers typed ("6-8" showed {"first": 1, "last": 1})', async () => {
    const { validateArgs } = await import('../../src/agent/validation.ts');
    const segment = byName('segment');
    const bad = validateArgs(segment, { movie: 'm.tif', frames: '6-8' });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toContain('argument "frames" must be {"first": 6, "last": 8}');
    const words = validateArgs(segment, { movie: 'm.tif', frames: '2 to 4' });
    expect(!words.ok && words.error).toContain('{"first": 2, "last": 4}');
  });
});

describe('results of a frame pattern go to a folder named after it', () => {
  const cases: [string, string][] = [
    ['/data/ser/*xy2*.tif', 'ser_xy2'],
    ['/data/series/t{t:3}.tif', 'series_t'],
    ['/data/pos1/*.tif', 'pos1'],
    ['/data/exp/exp_t{t:3}xy1c1.ome.tif', 'exp_exp_t_xy1c1'],
    ['/data/a/cells.tif', 'cells'],
    // the frame number's digits beside "?" or "{t}" are no part of the name (it was "t00_" in a session)
    ['/data/sim01/t00?.tif', 'sim01_t'],
    ['/data/sim01/img_0??_c1.tif', 'sim01_img_c1'],
  ];
  it('"*xy2*.tif" in ser/ → "ser_xy2" (it was "_xy2_", the same for every folder)', async () => {
    const { movieStem } = await import('../../src/image/moviePath.ts');
    for (const [path, stem] of cases) expect(movieStem(path), path).toBe(stem);
  });

  const python = ['/usr/bin/python3', 'python3'].find((p) => spawnSync(p, ['-c', 'pass']).status === 0);
  if (!python) console.warn('python3 is not installed: skipping the Snakefile stem check');
  it.skipIf(!python)("the Snakefile names each movie's folder as cellpilot run does", async () => {
    const { snakefile } = await import('../../src/agent/snakemake.ts');
    const text = snakefile({ name: 'p', version: 1, inputs: { movie: { type: 'movie' } }, steps: [{ id: 's', tool: 'segment', args: {} }] }, { pipelinePath: 'p.yaml', command: 'cellpilot' });
    const lines = text.split('\n');
    const start = lines.findIndex((l) => l.startsWith('def stem('));
    const end = lines.findIndex((l, i) => i > start && !l.startsWith(' '));
    const program = ['import os, re', ...lines.slice(start, end), ...cases.map(([path]) => `print(stem(${JSON.stringify(path)}))`)].join('\n');
    const out = spawnSync(python!, ['-c', program], { encoding: 'utf8' });
    expect(out.stdout.trim().split('\n'), out.stderr).toEqual(cases.map(([, stem]) => stem));
  });
});

describe('`cellpilot info` on a first day', () => {
  it('a JPEG named .tif: one line that names what it is (it said only "no II/MM byte-order mark")', async () => {
    const { runCli } = await import('../commands/run-cli.ts');
    const root = folder();
    writeFileSync(join(root, 'photo.tif'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1]));
    const r = await runCli(['info', join(root, 'photo.tif')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/photo\.tif is not a TIFF file \(it is a JPEG image, whatever its name says\); convert it to TIFF first/);
  });

  it('a movie without calibration: says results will be in px and frames, and how to give the calibration', async () => {
    const { runCli } = await import('../commands/run-cli.ts');
    const root = folder();
    const r = await runCli(['info', await tinyMovie(join(root, 'crop.tif'))]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/no pixel size or frame interval: lengths and times will be in px and frames\. Give yours with `cellpilot run \.\.\. --pixel-size-um 0\.65 --interval-s 300`/);
    const calibrated = await runCli(['info', await tinyMovie(join(root, 'cal.tif'), { pixelSizeUm: 0.5, frameIntervalS: 60 })]);
    expect(calibrated.stdout).not.toMatch(/^note/m);
    const json = await runCli(['info', join(root, 'crop.tif'), '--json']);
    expect(JSON.parse(json.stdout).pixelSizeUm).toBeNull();
  });
});

describe('a kymograph quotes its slope in the units of the movie', () => {
  it('calibrated: 1 px/frame in µm/min (it said only "px per frame" on a movie at 0.415 µm/px, 3 min)', async () => {
    const root = folder();
    const session = Session.create({ root: join(root, 'sessions') });
    session.addInput('movie', await tinyMovie(join(root, 'cal.tif'), { pixelSizeUm: 0.5, frameIntervalS: 180 }));
    const made = await runStep(session, [byName('kymograph')], 'kymograph', { movie: 'movie-1', points: [[1, 8], [14, 8]] });
    expect(made.status, made.error).toBe('ok');
    expect(made.summary).toMatch(/speed in px per frame \(1 px\/frame = 0\.1667 µm\/min at 0\.5 µm\/px and 3 min per frame\)/);
  });
});

describe('--session with an id cellpilot never gave', () => {
  it('refuses it in one line naming recent sessions (a typo started an empty session: "no movie is open yet")', async () => {
    const root = folder();
    const made = Session.create({ root });
    const typo = made.id.replace(/.$/, (c) => (c === '0' ? '1' : '0'));
    expect(() => Session.openOrCreate(typo, { root })).toThrow(new RegExp(`no session "${typo}" in .*recent: ${made.id}`));
    expect(existsSync(join(root, typo))).toBe(false);
    // a name of one's own still starts a session of that name
    expect(Session.openOrCreate('my-project', { root }).id).toBe('my-project');
    expect(Session.openOrCreate(made.id, { root }).id).toBe(made.id);
  });
});

describe('cellpilot run --set', () => {
  it('a value the step cannot take is refused before any movie starts (each movie failed at that step, after the steps before it)', async () => {
    const { checkRunValues, parsePipeline } = await import('../../src/agent/pipeline.ts');
    const pipeline = parsePipeline('name: p\ninputs: { movie: { type: movie } }\nparameters: { segment_method: { value: li } }\nsteps:\n  - { id: segment, tool: segment, args: { movie: "${inputs.movie}", method: "${params.segment_method}" } }\n');
    expect(() => checkRunValues(pipeline, { segment_method: 'lii' }, TOOLS)).toThrow('--set segment_method=lii: segment: argument "method" must be one of "auto", "otsu", "li", "triangle", "manual", "model", "log", got "lii"');
    expect(() => checkRunValues(pipeline, { segment_methd: 'li' }, TOOLS)).toThrow(/has no input or parameter "segment_methd"/);
    expect(() => checkRunValues(pipeline, { segment_method: 'triangle' }, TOOLS)).not.toThrow();
  });
});

describe('a cross-correlation lag in time units', () => {
  it('a table with time_s gives the lag in min as well as frames (it said only "-0.5 frame(s)" on a table at 5 min per frame)', async () => {
    const root = folder();
    const rows = ['track_id,t,time_s,a,b'];
    for (const id of [1, 2, 3]) for (let t = 0; t < 12; t++) rows.push(`${id},${t},${t * 300},${Math.sin(t + id)},${Math.sin(t + id - 2)}`);
    writeFileSync(join(root, 'cells.csv'), rows.join('\n') + '\n');
    const session = Session.create({ root: join(root, 'sessions') });
    const made = await runStep(session, [byName('analyze_timeseries')], 'analyze_timeseries', { table: join(root, 'cells.csv'), analysis: 'cross_correlation', value: 'a', other: 'b', idColumn: 'track_id' });
    expect(made.status, made.error).toBe('ok');
    const lag = /median lag of (-?[\d.]+) frame\(s\) \((-?[\d.]+) min\)/.exec(made.summary);
    expect(lag, made.summary).not.toBeNull();
    expect(Number(lag![2])).toBeCloseTo(Number(lag![1]) * 5, 6);
    expect(made.values.medianPeakLagS).toBeCloseTo(Number(lag![1]) * 300, 6);
  });
});

describe('`cellpilot ask --movie` with a file that is no movie', () => {
  it('exits 2 with one line before any step (it ran segment, failed it and exited 1)', async () => {
    const { runCli } = await import('../commands/run-cli.ts');
    const root = folder();
    writeFileSync(join(root, 'photo.tif'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1]));
    const r = await runCli(['ask', '--movie', join(root, 'photo.tif'), 'segment the nuclei'], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/photo\.tif is not a TIFF file \(it is a JPEG image/)]);
    expect(r.stdout).toBe('');
  });
});

describe('`cellpilot sessions show`', () => {
  it('marks steps undone or run again (they were listed "ok" as if in effect)', async () => {
    const { runCli } = await import('../commands/run-cli.ts');
    const root = folder();
    const session = Session.create({ root: join(root, 'sessions') });
    writeFileSync(join(root, 'm.tif'), 'x');
    session.addInput('movie', join(root, 'm.tif'));
    for (let i = 0; i < 3; i++) await runStep(session, fakeTools, 'correct_drift', { movie: 'movie-1' });
    session.markReplaced('s1', 's3', []);
    session.markUndone(['s2'], []);
    const r = await runCli(['sessions', 'show', session.id], { cwd: root });
    expect(r.code, r.stderr).toBe(0);
    const state = (step: string) => new RegExp(`^  ${step}\\s+correct_drift\\s+(\\S+ ?\\S*)\\s+\\d+ ms`, 'm').exec(r.stdout)?.[1];
    expect([state('s1'), state('s2'), state('s3')].map((s) => s?.trim())).toEqual(['→ s3', 'undone', 'ok']);
  });
});

describe('Snakefile: options for every run', () => {
  const hasSnakemake = spawnSync('sh', ['-c', 'command -v snakemake']).status === 0;
  if (!hasSnakemake) console.warn('snakemake is not installed: skipping the Snakefile options check');
  it.skipIf(!hasSnakemake)('--config args="--pixel-size-um 0.5 --set ..." reach `cellpilot run` (there was no way to give the calibration)', async () => {
    const { snakefile } = await import('../../src/agent/snakemake.ts');
    const root = folder();
    writeFileSync(join(root, 'a.tif'), '');
    writeFileSync(join(root, 'Snakefile'), snakefile({ name: 'p', version: 1, inputs: { movie: { type: 'movie' } }, steps: [{ id: 's', tool: 'segment', args: {} }] }, { pipelinePath: 'p.yaml', command: 'cellpilot' }));
    const r = spawnSync('snakemake', ['-n', '-p', '--cores', '1', '--config', `movies=${join(root, 'a.tif')}`, "args=--pixel-size-um 0.5 --set 'label=a b'"], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr.slice(-500)).toBe(0);
    expect(r.stdout + r.stderr).toMatch(/ run \S+ \S+a\.tif --out results --pixel-size-um 0\.5 --set 'label=a b' > /);
  });
});

describe('a frame range past the end', () => {
  it('says which frames exist and what to give (it said only "outside the movie\'s 1 to 3", also for a range given backwards)', async () => {
    const { frameRange } = await import('../../tools/common.ts');
    const movie = movieFromPlanes({ t: 3, z: 1, c: 1, y: 4, x: 4 }, 'uint16', () => new Uint16Array(16));
    expect(() => frameRange(movie, { first: 2, last: 9 })).toThrow("frames 2 to 9 are outside the movie's 1 to 3: give frames within 1 to 3 (e.g. 2 to 3)");
    expect(() => frameRange(movie, { first: 3, last: 2 })).toThrow('frames 3 to 2: the first comes after the last; give frames 2 to 3');
    expect(frameRange(movie, { first: 2, last: 3 })).toEqual([1, 2]);
  });
});

describe('a table that cannot be written', () => {
  it('leaves no half-written .partial file (renaming over a folder failed and left table.csv.partial)', async () => {
    const { writeTableCsv } = await import('../../src/analysis/table.ts');
    const root = folder();
    mkdirSync(join(root, 'table.csv')); // a folder where the CSV should go: the rename fails
    expect(() => writeTableCsv(join(root, 'table.csv'), { columns: ['a'], rows: [{ a: 1 }] })).toThrow();
    expect(readdirSync(root)).toEqual(['table.csv']);
  });
});
