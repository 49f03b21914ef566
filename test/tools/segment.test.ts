import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createToolContext } from '../../src/agent/artifacts.ts';
import { matchLabelMovies } from '../../src/analysis/matching.ts';
import { writeMovie } from '../../src/image/index.ts';
import { simulate } from '../../src/sim/index.ts';
import { tools } from '../../tools/segment.ts';

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

  it('segments a channel by name over a frame range and registers a labels artifact', async () => {
    await writeMovie(moviePath, sim.movie);
    const progress: number[] = [];
    const pctx = createToolContext({ sessionDir: join(dir, 'session'), store: ctx.store, onProgress: (d) => progress.push(d) });
    const result = await call({ movie: moviePath, channel: 'nuclei', frames: { first: 2, last: 3 } }, pctx);
    expect(result.artifacts).toHaveLength(1);
    expect(result.artifacts[0].type).toBe('labels');
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
});
