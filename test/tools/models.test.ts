import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createToolContext } from '../../src/agent/artifacts.ts';
import { openMovie, writeMovie } from '../../src/image/index.ts';
import { simulate } from '../../src/sim/index.ts';
import { psnr } from '../../src/analysis/gaussian.ts';
import { tools } from '../../tools/models.ts';

const FIXTURES = fileURLToPath(new URL('../onnx/fixtures', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'cellpilot-models-tool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tool = (name: string) => tools.find((t) => t.name === name)!;

async function smallMovie() {
  const sim = simulate({ frames: 3, width: 64, height: 64, cells: 6, snr: 4, seed: 9101 });
  const path = join(dir, 'small.tif');
  if (!existsSync(path)) await writeMovie(path, sim.movie);
  return { path, sim };
}

function hasTorch(): boolean {
  try {
    execFileSync('/usr/bin/python3', ['-c', 'import torch, onnx'], { stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
}

describe('models tools', () => {
  it('list_models lists the models of every models folder', async () => {
    process.env.CELLPILOT_MODELS = FIXTURES;
    try {
      const ctx = createToolContext({ sessionDir: join(dir, 'session-list') });
      const result = await tool('list_models').run({}, ctx);
      const names = (result.values.models as Array<{ name: string }>).map((m) => m.name);
      expect(names).toContain('tiny-unet');
      expect(result.summary).toMatch(/model\(s\)/);
    } finally {
      delete process.env.CELLPILOT_MODELS;
    }
  });

  it('denoise with a Gaussian writes a movie artifact closer to the clean movie', async () => {
    const { path, sim } = await smallMovie();
    const progress: number[] = [];
    const ctx = createToolContext({ sessionDir: join(dir, 'session-gauss'), onProgress: (d) => progress.push(d) });
    const args = tool('denoise').schema.parse({ movie: path, method: 'gaussian', sigmaPx: 1.5, frames: { first: 2, last: 3 } });
    const result = await tool('denoise').run(args, ctx);
    expect(result.artifacts[0].type).toBe('movie');
    expect(result.values.planes).toBe(2);
    expect(progress).toEqual([1, 2]);
    expect(result.values.noiseSigmaAfter as number).toBeLessThan((result.values.noiseSigmaBefore as number) / 2);
    // the noise figure is named for what it is, beside what was taken out (a blur's score is no fidelity)
    expect(result.summary).toMatch(/measures smoothing, not fidelity/);
    expect(result.summary).toMatch(/What was taken out \(input - output, [\d.]+ rms\) is about \d+% structure/);
    expect(result.values.removedNeighbourCorrelation as number).toBeGreaterThanOrEqual(0);
    expect(result.values.removedNeighbourCorrelation as number).toBeLessThanOrEqual(1);
    const out = await openMovie(result.artifacts[0].path);
    expect(out.shape).toMatchObject({ t: 2, c: 1, y: 64, x: 64 });
    const clean = await sim.clean.plane(1, 0, 0);
    expect(psnr(clean, await out.plane(0, 0, 0))).toBeGreaterThan(psnr(clean, await sim.movie.plane(1, 0, 0)) + 5);
    await out.close();
  });

  it('denoise rejects a channel the movie lacks in one line', async () => {
    const { path } = await smallMovie();
    const ctx = createToolContext({ sessionDir: join(dir, 'session-bad') });
    await expect(tool('denoise').run(tool('denoise').schema.parse({ movie: path, method: 'nlmeans', channel: 3 }), ctx)).rejects.toThrow(/channel 3 does not exist: the movie has 1 channel/);
  });

  it.skipIf(!hasTorch())('train_n2v trains a model folder that denoise then uses', async () => {
    const { path } = await smallMovie();
    const ctx = createToolContext({ sessionDir: join(dir, 'session-train') });
    const modelDir = join(dir, 'n2v-small');
    const trained = await tool('train_n2v').run(tool('train_n2v').schema.parse({ movie: path, epochs: 1, output: modelDir }), ctx);
    expect(trained.artifacts[0]).toMatchObject({ type: 'model', path: modelDir });
    expect(existsSync(join(modelDir, 'rdf.yaml'))).toBe(true);
    const denoised = await tool('denoise').run(tool('denoise').schema.parse({ movie: path, method: 'n2v', model: modelDir }), ctx);
    expect(denoised.values.model).toBe('n2v-small');
    expect(denoised.values.planes).toBe(3);
  });
});
