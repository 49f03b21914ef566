import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToolContext } from '../../src/agent/artifacts.ts';
import { matchLabelMovies } from '../../src/analysis/matching.ts';
import { MemoryMovie, writeMovie } from '../../src/image/index.ts';
import { simulate } from '../../src/sim/index.ts';
import { tools } from '../../tools/segment.ts';
import { argsOf, loadAcquisitionWords } from '../agent/planner/planOffline.ts';

const dir = mkdtempSync(join(tmpdir(), 'cellpilot-segment-tool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function call(args: unknown, ctx: ReturnType<typeof createToolContext>) {
  const spec = tools.find((t) => t.name === 'segment')!;
  return spec.run(spec.schema.parse(args) as never, ctx);
}

describe('segment tool', () => {
  const ctx = createToolContext({ sessionDir: join(dir, 'session') });
  const sim = simulate({ frames: 3, width: 128, height: 128, cells: 10, seed: 5, brightfield: true });
  const moviePath = join(dir, 'sim.tif');

  it('every argument is described', () => {
    for (const t of tools) for (const [key, field] of Object.entries(t.schema.shape)) expect((field as { description?: string }).description, `${t.name}.${key}`).toBeTruthy();
  });

  it('counts a z-stack in 3-D objects, never one nucleus in 3 slices as 3 objects per frame, and numbers it once through z', async () => {
    // 2 frames x 3 slices of 64², one bright disk (r 9) in each plane
    const planes = Array.from({ length: 6 }, () => Float32Array.from({ length: 64 * 64 }, (_, i) => (((i % 64) - 32) ** 2 + (Math.floor(i / 64) - 32) ** 2 <= 81 ? 1000 : 100) + ((i * 7919) % 13)));
    const stack = join(dir, 'stack.tif');
    await writeMovie(stack, new MemoryMovie({ t: 2, z: 3, c: 1, y: 64, x: 64 }, 'float32', planes));
    const out = await call({ movie: stack }, ctx);
    expect(out.summary).toMatch(/^Found 1 3-D object per frame on average \(1 to 1\) in 2 frames x 3 z slices/);
    expect((out.values as { objectsPerFrame: number[] }).objectsPerFrame).toEqual([1, 1]);
    // the channel segmented is recorded with the labels: its index alone where the movie does not name its channels
    expect(ctx.store.get(out.artifacts[0].id)?.channel).toEqual({ index: 0 });
    const labels = await ctx.openMovie(out.artifacts[0].id);
    for (let z = 0; z < 3; z++) expect(new Set(Array.from(await labels.plane(1, z, 0)))).toEqual(new Set([0, 1]));
    await labels.close();
  });

  it('says a blank movie is blank instead of quoting an assumed object size as if measured', async () => {
    const blank = join(dir, 'blank.tif');
    await writeMovie(blank, new MemoryMovie({ t: 2, z: 1, c: 1, y: 48, x: 48 }, 'uint16', [new Uint16Array(48 * 48), new Uint16Array(48 * 48)]));
    const out = await call({ movie: blank }, ctx);
    expect(out.summary).toMatch(/The sampled frames are blank \(every pixel 0\)/);
  });

  it('segments a channel by name over a frame range and registers a labels artifact', async () => {
    await writeMovie(moviePath, sim.movie);
    const progress: number[] = [];
    const pctx = createToolContext({ sessionDir: join(dir, 'session'), store: ctx.store, onProgress: (d) => progress.push(d) });
    const result = await call({ movie: moviePath, channel: 'nuclei', frames: { first: 2, last: 3 }, method: 'otsu' }, pctx);
    expect(result.artifacts).toHaveLength(1);
    expect(result.artifacts[0].type).toBe('labels');
    // the channel segmented is recorded with the labels (track reads brightness from it), by index and by the movie's name for it
    expect(ctx.store.get(result.artifacts[0].id)?.channel).toEqual({ index: sim.movie.meta.channelNames.indexOf('nuclei'), name: 'nuclei' });
    const values = result.values as { objects: number; objectsPerFrame: number[]; frames: number; path: string };
    expect(values.frames).toBe(2);
    expect(progress.at(-1)).toBe(2);
    const labels = await ctx.openMovie(result.artifacts[0].id);
    const truth = sim.labels;
    const stats = await matchLabelMovies(labels, { ...truth, shape: truth.shape, plane: (t, z, c) => truth.plane(t + 1, z, c) } as typeof truth);
    await labels.close();
    expect(stats.f1).toBeGreaterThanOrEqual(0.9);
    expect(values.objects).toBe(stats.predObjects);
    expect(result.summary).toMatch(/objects per frame on average .* in 2 frames of channel nuclei by otsu threshold and watershed splitting/);
  });

  it('by default chooses the method by evidence and the parameters from the movie, and says so', async () => {
    const result = await call({ movie: moviePath, channel: 'nuclei' }, ctx);
    const values = result.values as { method: string; methodReason: string; objectRadiusPx: number; objectPolarity: string; parameters: { minSeedDistancePx: number; sigmaPx: number }; parameterSources: Record<string, string> };
    // Our simulator's nuclei are all found by Otsu: Otsu (triangle is chosen where Otsu misses dim objects, models/README.md).
    expect(values.method).toBe('otsu');
    expect(values.methodReason).toMatch(/chosen from the movie: Otsu misses 0 of the \d+ objects a low \(triangle\) threshold finds in 3 sample frames/);
    // The simulated nuclei have a radius of about 8-12 px (inscribed); the estimate must land near it, not at a fixed default.
    expect(values.objectRadiusPx).toBeGreaterThan(6);
    expect(values.objectRadiusPx).toBeLessThan(16);
    expect(values.objectPolarity).toBe('bright');
    expect(values.parameters.minSeedDistancePx).toBe(Math.max(2, Math.round(0.7 * values.objectRadiusPx)));
    expect(values.parameterSources.sigmaPx).toBe('estimated');
    // (the summary says what a biologist checks, in one short line; how each parameter was chosen is in the details)
    expect(result.summary).toMatch(/; labels saved as labels-\d+\. Parameters chosen from the movie: object radius [\d.]+ px( \([\d.]+ µm\))?, smoothing [\d.]+ px, areas \d+-\d+ px\.$/);
    expect(result.summary.length).toBeLessThan(300);
    expect(result.values.details).toMatch(/object radius [\d.]+ px \(estimated from \d+ objects in 3 sample frames\), bright objects \(detected\)/);
    // The outline rule: each object's edge relative to its own contrast, and the notches a nucleolus cuts closed at 0.4 of the radius.
    const rule = (result.values as { outlineRule: string }).outlineRule;
    expect(rule).toMatch(/^each object's edge at 0\.25 of the way from the background to its own core level/);
    expect(rule).toContain(`notches up to ${2 * Math.round(0.4 * values.objectRadiusPx)} px wide closed`);
    expect(result.values.details).toContain('notches up to');
    const given = await call({ movie: moviePath, channel: 'nuclei', sigmaPx: 1.5, objects: 'bright' }, ctx);
    const gv = given.values as { parameters: { sigmaPx: number }; parameterSources: Record<string, string> };
    expect(gv.parameters.sigmaPx).toBe(1.5);
    expect(gv.parameterSources.sigmaPx).toBe('given');
    expect(gv.parameterSources.objects).toBe('given');
  });

  it('finds dark objects on a bright background (phase contrast) as well as bright ones', async () => {
    // The same nuclei, inverted: dark on bright. Detected as dark, they segment as well as the originals.
    const inverted = join(dir, 'inverted.tif');
    const { movieFromPlanes } = await import('../../src/image/movie.ts');
    const planes: Uint16Array[] = [];
    for (let t = 0; t < sim.movie.shape.t; t++) planes.push(Uint16Array.from(await sim.movie.plane(t, 0, 0), (v) => 4000 - v));
    await writeMovie(inverted, movieFromPlanes({ ...sim.movie.shape, c: 1 }, 'uint16', (t) => planes[t]));
    const bright = await call({ movie: moviePath, channel: 'nuclei', method: 'otsu' }, ctx);
    const dark = await call({ movie: inverted, method: 'otsu' }, ctx);
    expect((dark.values as { objectPolarity: string }).objectPolarity).toBe('dark');
    expect(dark.summary).toMatch(/dark objects on a bright background/);
    expect(dark.values.details).toMatch(/dark objects \(detected\)/);
    const counts = (r: typeof dark) => (r.values as { objectsPerFrame: number[] }).objectsPerFrame;
    expect(counts(dark)).toEqual(counts(bright));
  });

  it('reports bad arguments in one line', async () => {
    await expect(call({ movie: moviePath, method: 'manual' }, ctx)).rejects.toThrow(/needs `threshold`/);
    await expect(call({ movie: moviePath, channel: 5 }, ctx)).rejects.toThrow(/channel 5 does not exist/);
    await expect(call({ movie: moviePath, minAreaPx: 100, maxAreaPx: 10 }, ctx)).rejects.toThrow(/maxAreaPx \(10\) must be at least minAreaPx \(100\)/);
  });

  it('method "model" uses the model segmenter or says it is not installed', async () => {
    const installed = existsSync(fileURLToPath(new URL('../../src/analysis/segmentModel.ts', import.meta.url)));
    if (installed) return; // covered by the model area's tests
    await expect(call({ movie: moviePath, method: 'model' }, ctx)).rejects.toThrow(/model segmenter is not installed/);
  });

  it('method "model" names the model that ran: its folder and the sha256 of its weights, never "the nucleus model"', async () => {
    const installed = existsSync(fileURLToPath(new URL('../../src/analysis/segmentModel.ts', import.meta.url)));
    const modelFolder = fileURLToPath(new URL('../../models/nuclei-unet', import.meta.url));
    if (!installed || !existsSync(modelFolder)) return; // the not-installed case is the test above
    const small = join(dir, 'model-small.tif');
    await writeMovie(small, simulate({ frames: 1, width: 64, height: 64, cells: 4, seed: 3 }).movie);
    const result = await call({ movie: small, method: 'model', objects: 'bright' }, ctx);
    const values = result.values as { model?: string; modelFolder?: string; modelSha256?: string };
    expect(values.model).toBe('nuclei-unet');
    expect(values.modelFolder).toContain('nuclei-unet');
    expect(values.modelSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(result.summary).toContain('nuclei-unet');
    expect(result.summary).not.toMatch(/the nucleus model/);
  });

  it('target "auto" (the default) tells whole cells with protrusions from round nuclei by the movie, and says so', async () => {
    const [w, h] = [128, 128];
    const movieOf = (arms: boolean) => {
      const plane = new Float32Array(w * h).fill(100);
      for (let y = 0; y < h; y++)
        for (let x = 0; x < w; x++) {
          const inside = [24, 64, 104].some((cy) =>
            [24, 64, 104].some((cx) => {
              const [dx, dy] = [x - cx, y - cy];
              if (Math.hypot(dx, dy) <= 7) return true;
              // two thin arms, 3 px wide, 16 px long, one each way along a diagonal
              return arms && Math.abs(dx - dy) <= 2 && Math.abs(dx + dy) <= 30;
            }),
          );
          if (inside) plane[y * w + x] = 1000;
        }
      return new MemoryMovie({ t: 1, z: 1, c: 1, y: h, x: w }, 'float32', [plane]);
    };
    const [cellsPath, nucleiPath] = [join(dir, 'kind-cells.tif'), join(dir, 'kind-nuclei.tif')];
    await writeMovie(cellsPath, movieOf(true));
    await writeMovie(nucleiPath, movieOf(false));
    const cells = (await call({ movie: cellsPath }, ctx)).values as { target: string; methodReason: string };
    expect(cells.target).toBe('cells');
    expect(cells.methodReason).toMatch(/^whole cells, told from the movie/);
    const nuclei = (await call({ movie: nucleiPath }, ctx)).values as { target: string; methodReason: string };
    expect(nuclei.target).toBe('nuclei');
    expect(nuclei.methodReason).toMatch(/^nuclei, told from the movie/);
    // a target given is not second-guessed
    const given = (await call({ movie: cellsPath, target: 'nuclei' }, ctx)).values as { target: string; methodReason: string };
    expect(given.target).toBe('nuclei');
    expect(given.methodReason).not.toMatch(/told from the movie/);
  });

  it('whole cells (target "cells"): "auto" runs the model or the classical pipeline as their measurement says, and "model" the whole-cell model; each says which ran and why', async () => {
    const { modelByEvidence } = await import('../../src/analysis/segmentModel.ts');
    const choice = await modelByEvidence('cells');
    if (!choice.key) return console.log('skipping: no whole-cell model installed');
    const small = join(dir, 'cells-small.tif');
    await writeMovie(small, simulate({ frames: 1, width: 96, height: 96, cells: 4, seed: 4 }).movie);
    const auto = await call({ movie: small, target: 'cells' }, ctx);
    const values = auto.values as { method: string; model?: string; methodReason: string };
    expect(values.method === 'model').toBe(choice.useModel);
    expect(values.methodReason).toContain(choice.reason);
    expect(auto.values.details).toMatch(/measured better on cells: SEG \d\.\d\d for \S+ against \d\.\d\d for the classical pipeline/);
    // Nuclei too: "auto" says whether the nucleus model or the classical pipeline measured better.
    const nuclei = await modelByEvidence('nuclei');
    const autoNuclei = await call({ movie: small }, ctx);
    expect((autoNuclei.values as { method: string }).method === 'model').toBe(nuclei.useModel);
    expect((autoNuclei.values as { methodReason: string }).methodReason).toContain(nuclei.reason);
    const asked = await call({ movie: small, target: 'cells', method: 'model' }, ctx);
    expect((asked.values as { model?: string }).model).toBe(choice.key);
    expect((asked.values as { methodReason: string }).methodReason).toMatch(/^asked for/);
  });
});

describe('segment a stain that outlines the cells', () => {
  const ctx = createToolContext({ sessionDir: join(dir, 'session-membrane') });

  /** 2 frames of 120² px: bright walls 3 px wide every 24 px (a membrane stain) around 25 dark cells, with noise. */
  async function membraneMovie(): Promise<string> {
    const path = join(dir, 'membrane.tif');
    const planes = [0, 1].map((t) => Uint16Array.from({ length: 120 * 120 }, (_, i) => {
      const x = i % 120, y = Math.floor(i / 120);
      const wall = (x + 2 * t) % 24 < 3 || (y + t) % 24 < 3;
      return (wall ? 900 : 200) + ((i * 7919 + t * 104729) % 41);
    }));
    await writeMovie(path, new MemoryMovie({ t: 2, z: 1, c: 1, y: 120, x: 120 }, 'uint16', planes));
    return path;
  }

  it('with the tone unsaid, segments the cells a bright network outlines by a seeded watershed on it and says why', async () => {
    const out = await call({ movie: await membraneMovie(), target: 'cells' }, ctx);
    const values = out.values as { objectPolarity: string; objectsPerFrame: number[]; method: string };
    expect(out.summary).toMatch(/^The bright signal is a network that encloses regions .*\d+% of the frame above the threshold.* seeded watershed on the membrane signal; say objects "bright"/);
    expect(values.method).toBe('membrane watershed');
    expect(values.objectPolarity).toBe('outlined');
    // (25 cells, those cut by the frame's edge among them)
    for (const n of values.objectsPerFrame) expect(n).toBeGreaterThanOrEqual(20), expect(n).toBeLessThanOrEqual(36);
  });

  it('with the membrane stain said, runs the seeded watershed and says so; said not to be one, the dark regions it encloses are taken', async () => {
    const said = await call({ movie: await membraneMovie(), membraneStain: true }, ctx);
    expect(said.summary).toMatch(/^The stain marks the membranes \(as asked\)/);
    expect((said.values as { target: string }).target).toBe('cells');
    const not = await call({ movie: await membraneMovie(), target: 'cells', membraneStain: false }, ctx);
    expect(not.summary).toMatch(/^The bright signal is a network that encloses regions .* the dark regions it encloses were segmented/);
    expect((not.values as { objectPolarity: string }).objectPolarity).toBe('dark');
  });

  it('with a threshold method asked, that method runs and the membrane watershed is named as not applied', async () => {
    const out = await call({ movie: await membraneMovie(), membraneStain: true, method: 'otsu', target: 'cells', objects: 'dark' }, ctx);
    expect((out.values as { method: string }).method).toBe('otsu');
    expect(out.summary).toMatch(/Not applied: the seeded watershed for a membrane stain/);
  });

  it('with objects "bright" asked for, segments the bright parts and only names the doubt', async () => {
    const out = await call({ movie: await membraneMovie(), target: 'cells', objects: 'bright' }, ctx);
    expect((out.values as { objectPolarity: string }).objectPolarity).toBe('bright');
    expect(out.summary).not.toMatch(/network that encloses/);
    expect(out.summary).toMatch(/but \d+% is above the threshold/);
  });
});

describe('segment target read from a request', () => {
  beforeAll(loadAcquisitionWords);
  it('nuclei said by name or by a nuclear stain are nuclei; whole-cell words are cells; "the cells" alone is left to the movie', () => {
    expect(argsOf('outline the nucleus of every cell', 'segment').target).toBe('nuclei');
    expect(argsOf('segment the Hoechst channel', 'segment').target).toBe('nuclei');
    expect(argsOf('segment the cell bodies', 'segment').target).toBe('cells');
    expect(argsOf('count the cells in each frame', 'segment').target).toBeUndefined();
  });
});
