import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createToolContext } from '../../src/agent/artifacts.ts';
import { writeMovie } from '../../src/image/index.ts';
import { movieFromPlanes } from '../../src/image/movie.ts';
import { tools } from '../../tools/project.ts';

const dir = mkdtempSync(join(tmpdir(), 'cellpilot-project-tool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function call(name: string, args: unknown, ctx: ReturnType<typeof createToolContext>) {
  const spec = tools.find((t) => t.name === name)!;
  return spec.run(spec.schema.parse(args) as never, ctx);
}

describe('project tools', () => {
  const ctx = createToolContext({ sessionDir: join(dir, 'session') });
  // a spot moving 2 px per frame along y = 10
  const movie = movieFromPlanes({ t: 8, z: 1, c: 1, y: 20, x: 40 }, 'uint16', (t) =>
    Uint16Array.from({ length: 800 }, (_, i) => Math.round(10 + 400 * Math.exp(-(((i % 40) - 5 - 2 * t) ** 2 + (Math.floor(i / 40) - 10) ** 2) / 4))),
  );
  const path = join(dir, 'spot.tif');

  it('every argument is described', () => {
    expect(tools.map((t) => t.name)).toEqual(['project', 'kymograph']);
    for (const t of tools) for (const [key, field] of Object.entries(t.schema.shape)) expect((field as { description?: string }).description, `${t.name}.${key}`).toBeTruthy();
  });

  it('project max over frames 2-5 and temporal colour code', async () => {
    await writeMovie(path, movie);
    const result = await call('project', { movie: path, method: 'max', frames: { first: 2, last: 5 } }, ctx);
    const projected = await ctx.openMovie(result.artifacts[0].id);
    expect(projected.shape.t).toBe(1);
    const plane = await projected.plane(0, 0, 0);
    expect(plane[10 * 40 + 7]).toBeGreaterThan(400); // frame 2 (t=1) spot at x=7
    expect(plane[10 * 40 + 5]).toBeLessThan(200); // frame 1 excluded
    await projected.close();
    const colour = await call('project', { movie: path, method: 'temporal_color' }, ctx);
    expect(colour.values).toMatchObject({ frames: 8, lut: 'fire' });
  });

  it('a channel named is projected alone (was ignored unless temporal_color); a channel the movie lacks is refused', async () => {
    // channel 1 at 5 everywhere, channel 2 at 200 + t
    const two = movieFromPlanes({ t: 3, z: 1, c: 2, y: 4, x: 4 }, 'uint16', (t, _z, c) => new Uint16Array(16).fill(c === 0 ? 5 : 200 + t));
    const twoPath = join(dir, 'two.tif');
    await writeMovie(twoPath, two);
    const result = await call('project', { movie: twoPath, method: 'max', channel: 2 }, ctx);
    expect(result.summary).toMatch(/of channel 2/);
    const projected = await ctx.openMovie(result.artifacts[0].id);
    expect(projected.shape.c).toBe(1);
    expect((await projected.plane(0, 0, 0))[0]).toBe(202);
    await projected.close();
    await expect(call('project', { movie: twoPath, method: 'max', channel: 3 }, ctx)).rejects.toThrow(/channel 3 does not exist/);
  });

  it('kymograph of the moving spot has slope 2 px per frame; a line outside the image is refused', async () => {
    const result = await call('kymograph', { movie: path, points: [[0, 10], [39, 10]], widthPx: 3 }, ctx);
    expect(result.values).toMatchObject({ lengthPx: 40, frames: 8 });
    const k = await ctx.openMovie(result.artifacts[0].id);
    const plane = await k.plane(0, 0, 0);
    const peak = (row: number) => {
      let best = 0;
      for (let i = 0; i < 40; i++) if (plane[row * 40 + i] > plane[row * 40 + best]) best = i;
      return best;
    };
    expect((peak(7) - peak(0)) / 7).toBeCloseTo(2, 5);
    await k.close();
    await expect(call('kymograph', { movie: path, points: [[0, 10], [60, 10]] }, ctx)).rejects.toThrow(/outside the 40x20 image/);
  });

  it('best_focus on a real bright-field z-stack (TC_BF_cells, scikit-tracker) keeps one slice per frame and says when the sharpest is at the end of the stack', async () => {
    const real = join(__dirname, '../../../shared/data/sktracker-ometiff/TC_BF_cells.ome.tif');
    if (!existsSync(real)) return;
    const added = ctx.addArtifact('movie', real, 'TC_BF_cells');
    const result = await call('project', { movie: added.id, method: 'best_focus', axis: 'z' }, ctx);
    const kept = result.values!.bestSlicePerFrame as number[];
    expect(kept).toHaveLength(3);
    for (const z of kept) expect(z).toBeGreaterThanOrEqual(1), expect(z).toBeLessThanOrEqual(7);
    // its score rises to the last slice in every frame: the line says the focus may lie beyond the stack
    expect(result.summary).toMatch(/last of the stack, so the focus may lie outside it/);
  });
});

