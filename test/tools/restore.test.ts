import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createToolContext } from '../../src/agent/artifacts.ts';
import { openMovie, writeMovie } from '../../src/image/index.ts';
import { simulate } from '../../src/sim/index.ts';
import { pearson } from '../../src/analysis/label.ts';
import { tools } from '../../tools/restore.ts';

const dir = mkdtempSync(join(tmpdir(), 'cellpilot-restore-tool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tool = (name: string) => tools.find((t) => t.name === name)!;

async function run(name: string, args: Record<string, unknown>, session: string) {
  const progress: number[] = [];
  const ctx = createToolContext({ sessionDir: join(dir, session), onProgress: (done: number) => progress.push(done) });
  const result = await tool(name).run(tool(name).schema.parse(args), ctx);
  return { result, progress };
}

// Held-out seeds, small frames: the tools are thin wrappers; accuracy is tested in test/analysis.
const brightfield = simulate({ seed: 9511, frames: 2, width: 64, height: 64, cells: 5, nucleusRadiusPx: 7, speedPx: 2, brightfield: true, pixelSizeUm: 0.5, frameIntervalS: 60 });
const bfPath = join(dir, 'bf.tif');
const fluoPath = join(dir, 'fluo.tif');
await writeMovie(bfPath, brightfield.movie);
await writeMovie(fluoPath, simulate({ seed: 9611, frames: 3, width: 48, height: 48, cells: 4, pixelSizeUm: 0.5, frameIntervalS: 60 }).movie);

describe('restore tools', () => {
  it('predict_label finds the brightfield channel and writes a nuclei movie that follows the true nuclei', async () => {
    const { result, progress } = await run('predict_label', { movie: bfPath }, 's1');
    expect(result.values).toMatchObject({ model: 'label-nuclei', sourceChannel: 2, planes: 2 });
    expect(progress).toEqual([1, 2]);
    expect(result.summary).toMatch(/^Predicted the nuclei channel from brightfield for 2 plane\(s\)/);
    const out = await openMovie(result.artifacts[0].path);
    expect(out.shape).toMatchObject({ t: 2, c: 1, y: 64, x: 64 });
    expect(pearson(await out.plane(0, 0, 0), await brightfield.nuclei!.plane(0, 0, 0))).toBeGreaterThan(0.8);
    await out.close();
  });

  it('predict_label on a movie without brightfield says which channels it has', async () => {
    await expect(run('predict_label', { movie: fluoPath }, 's2')).rejects.toThrow(/^the movie has no brightfield channel \(its channels are nuclei\)/);
  });

  it('super_resolve doubles the size and halves the pixel size (model and bicubic)', async () => {
    for (const method of ['model', 'bicubic']) {
      const { result } = await run('super_resolve', { movie: fluoPath, method, frames: { first: 2, last: 3 } }, `s3-${method}`);
      expect(result.values).toMatchObject({ method, planes: 2, widthPx: 96, heightPx: 96, pixelSizeUm: 0.25, factor: 2 });
      const out = await openMovie(result.artifacts[0].path);
      expect(out.shape).toMatchObject({ t: 2, c: 1, y: 96, x: 96 });
      expect(out.meta.pixelSizeUm).toBeCloseTo(0.25, 6);
      await out.close();
    }
  });

  it('super_resolve by default checks model against bicubic on the movie itself and says which ran and why', async () => {
    const { result } = await run('super_resolve', { movie: fluoPath, frames: { first: 2, last: 2 } }, 's3-auto');
    const values = result.values as { method: string; methodReason: string; modelPsnrDb: number; bicubicPsnrDb: number };
    expect(Number.isFinite(values.modelPsnrDb) && Number.isFinite(values.bicubicPsnrDb)).toBe(true);
    // The rule: bicubic unless the model restores the binned frame better by at least 0.1 dB.
    expect(values.method).toBe(values.modelPsnrDb > values.bicubicPsnrDb + 0.1 ? 'model' : 'bicubic');
    expect(result.summary).toMatch(/Method chosen: .*binned 2x and restored, the model scored [\d.]+ dB PSNR and bicubic [\d.]+ dB/);
  });

  it('interpolate_frames writes 2T-1 frames at half the interval', async () => {
    const { result, progress } = await run('interpolate_frames', { movie: fluoPath, channel: 'nuclei' }, 's4');
    expect(result.values).toMatchObject({ method: 'model', model: 'interp-nuclei', frames: 5, predictedFrames: 2, frameIntervalS: 30 });
    expect(progress).toEqual([1, 2]);
    const out = await openMovie(result.artifacts[0].path);
    expect(out.shape).toMatchObject({ t: 5, c: 1, y: 48, x: 48 });
    await out.close();
  });

  it('one-line errors for a bad channel and frame range', async () => {
    await expect(run('super_resolve', { movie: fluoPath, channel: 3 }, 's5')).rejects.toThrow(/^channel 3 does not exist: the movie has 1 channel\(s\) \(nuclei\)$/);
    await expect(run('interpolate_frames', { movie: fluoPath, frames: { first: 2, last: 2 } }, 's6')).rejects.toThrow(/^frame interpolation needs at least 2 frames, got 1$/);
  });
});
