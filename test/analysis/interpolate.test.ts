import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MemoryMovie, type PlaneData } from '../../src/image/movie.ts';
import { openMovie } from '../../src/image/index.ts';
import { simulate } from '../../src/sim/index.ts';
import { psnr } from '../../src/analysis/gaussian.ts';
import { interpolateMovie, linearBlend } from '../../src/analysis/interpolate.ts';

const REAL = fileURLToPath(new URL('../../../shared/data/biaNotebooks-timelapse/cancer_cell_migration_crop.tif', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'cellpilot-interp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every other frame (0, 2, 4, ...) of one channel, as a movie with twice the frame interval. */
async function everyOther(movie: { shape: { t: number; y: number; x: number }; plane(t: number, z: number, c: number): Promise<PlaneData> }, dtype: 'uint16' | 'float32') {
  const planes: PlaneData[] = [];
  for (let t = 0; t < movie.shape.t; t += 2) planes.push(await movie.plane(t, 0, 0));
  return new MemoryMovie({ t: planes.length, z: 1, c: 1, y: movie.shape.y, x: movie.shape.x }, dtype, planes, { channelNames: ['nuclei'], frameIntervalS: 120 });
}

/** PSNR of the predicted middle frame t over the pixels covered by a nucleus at t-1, t or t+1 (data range of the whole true frame). */
async function cellsPsnr(sim: ReturnType<typeof simulate>, movie: { plane(t: number, z: number, c: number): Promise<PlaneData> }, t: number): Promise<number> {
  const truth = await sim.clean.plane(t, 0, 0);
  const predicted = await movie.plane(t, 0, 0);
  const masks = [await sim.labels.plane(t - 1, 0, 0), await sim.labels.plane(t, 0, 0), await sim.labels.plane(t + 1, 0, 0)];
  let lo = Infinity;
  let hi = -Infinity;
  let sse = 0;
  let n = 0;
  for (let i = 0; i < truth.length; i++) {
    lo = Math.min(lo, truth[i]);
    hi = Math.max(hi, truth[i]);
    if (masks.some((m) => m[i] > 0)) {
      sse += (truth[i] - predicted[i]) ** 2;
      n++;
    }
  }
  return 10 * Math.log10(((hi - lo) ** 2 * n) / sse);
}

describe('linearBlend', () => {
  it('is the mean of the two neighbours', () => {
    expect([...linearBlend([0, 2, 4], [2, 2, 0])]).toEqual([1, 2, 2]);
  });
});

describe('interpolateMovie', () => {
  it('keeps the originals, doubles the frame count (2T-1) and halves the interval', async () => {
    const movie = new MemoryMovie({ t: 3, z: 1, c: 2, y: 8, x: 8 }, 'float32', Array.from({ length: 6 }, (_, i) => new Float32Array(64).fill(i)), { channelNames: ['a', 'b'], frameIntervalS: 60 });
    const result = await interpolateMovie(movie, { method: 'linear', outputPath: join(dir, 'linear.tif') });
    expect(result).toMatchObject({ frames: 5, predictedFrames: 2, frameIntervalS: 30 });
    const out = await openMovie(result.path);
    expect(out.shape).toMatchObject({ t: 5, c: 2 });
    expect(out.meta.frameIntervalS).toBeCloseTo(30, 6);
    // Planes are t*2 + c: frame 0 = [0, 1], frame 1 = [2, 3], frame 2 = [4, 5].
    const firstValues = [];
    for (let t = 0; t < 5; t++) for (let c = 0; c < 2; c++) firstValues.push((await out.plane(t, 0, c))[0]);
    expect(firstValues).toEqual([0, 1, 1, 2, 2, 3, 3, 4, 4, 5]);
    await out.close();
  });

  it('the model beats the linear blend by at least 1 dB PSNR on moving cells (held-out simulation)', async () => {
    // Held-out seed (training used 7101-7140, validation 8101-8104); cells move 4 px per frame.
    const sim = simulate({ seed: 9701, frames: 5, width: 128, height: 128, cells: 16, snr: 20, nucleusRadiusPx: 6, speedPx: 4, crowding: 0.3 });
    const scores: Record<string, { model: number; linear: number; modelCells: number; linearCells: number }> = {};
    for (const [kind, source, dtype] of [['clean', sim.clean, 'float32'], ['noisy', sim.movie, 'uint16']] as const) {
      const sparse = await everyOther(source, dtype);
      const out: Record<string, number> = {};
      for (const method of ['model', 'linear'] as const) {
        const result = await interpolateMovie(sparse, { method, outputPath: join(dir, `${kind}-${method}.tif`) });
        expect(result.frames).toBe(5);
        const movie = await openMovie(result.path);
        out[method] = (psnr(await sim.clean.plane(1, 0, 0), await movie.plane(1, 0, 0)) + psnr(await sim.clean.plane(3, 0, 0), await movie.plane(3, 0, 0))) / 2;
        out[`${method}Cells`] = (await cellsPsnr(sim, movie, 1)) / 2 + (await cellsPsnr(sim, movie, 3)) / 2;
        await movie.close();
      }
      scores[kind] = out as (typeof scores)[string];
    }
    console.log(`interpolate_frames PSNR (dB) of the middle frames: ${JSON.stringify(scores)}`);
    expect(scores.noisy.model).toBeGreaterThanOrEqual(scores.noisy.linear + 1);
    expect(scores.clean.model).toBeGreaterThanOrEqual(scores.clean.linear + 1);
    // Only where cells are (in the frame before, the middle or after): the moving cells themselves.
    expect(scores.noisy.modelCells).toBeGreaterThanOrEqual(scores.noisy.linearCells + 1);
    expect(scores.clean.modelCells).toBeGreaterThanOrEqual(scores.clean.linearCells + 1);
  });

  it('refuses a single frame in one line', async () => {
    const movie = new MemoryMovie({ t: 1, z: 1, c: 1, y: 8, x: 8 }, 'float32', [new Float32Array(64)]);
    await expect(interpolateMovie(movie, { method: 'linear', outputPath: join(dir, 'one.tif') })).rejects.toThrow(/^frame interpolation needs at least 2 frames, got 1$/);
  });

  it.runIf(existsSync(REAL))('on a real nuclei movie (cancer cell migration, 48 frames) the model beats the linear blend on the dropped frames', async () => {
    const real = await openMovie(REAL);
    try {
      const sparse = await everyOther(real, 'uint16');
      const scores: Record<string, number> = {};
      for (const method of ['model', 'linear'] as const) {
        const result = await interpolateMovie(sparse, { method, outputPath: join(dir, `real-${method}.tif`) });
        const out = await openMovie(result.path);
        let sum = 0;
        for (let t = 1; t < result.frames; t += 2) sum += psnr(await real.plane(t, 0, 0), await out.plane(t, 0, 0));
        scores[method] = sum / result.predictedFrames;
        await out.close();
      }
      console.log(`interpolate_frames on real frames, PSNR (dB): ${JSON.stringify(scores)}`);
      expect(scores.model).toBeGreaterThan(scores.linear + 0.5);
    } finally {
      await real.close();
    }
  });
});
