import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createToolContext } from '../../src/agent/artifacts.ts';
import { tools } from '../../tools/io.ts';

const dir = mkdtempSync(join(tmpdir(), 'cellpilot-io-tools-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const DATA = resolve(fileURLToPath(new URL('../../../shared/data', import.meta.url)));

function tool(name: string) {
  const found = tools.find((t) => t.name === name);
  if (!found) throw new Error(`no tool ${name}`);
  return found;
}

async function call(name: string, args: unknown, ctx = createToolContext({ sessionDir: join(dir, 'session') })) {
  const spec = tool(name);
  return spec.run(spec.schema.parse(args) as never, ctx);
}

describe('io tools', () => {
  const ctx = createToolContext({ sessionDir: join(dir, 'session') });

  it('every argument is described', () => {
    for (const t of tools) {
      for (const [key, field] of Object.entries(t.schema.shape)) expect((field as { description?: string }).description, `${t.name}.${key}`).toBeTruthy();
    }
  });

  it('simulate_movie writes a movie and its truth folder, registered as artifacts', async () => {
    const progress: number[] = [];
    const progressCtx = createToolContext({ sessionDir: join(dir, 'session'), store: ctx.store, onProgress: (done) => progress.push(done) });
    const result = await call('simulate_movie', { frames: 5, width: 64, height: 64, cells: 4, seed: 2, driftPx: 2, bleachRate: 0.02 }, progressCtx);
    expect(result.artifacts.map((a) => a.type)).toEqual(['movie', 'labels', 'table']);
    const values = result.values as Record<string, unknown>;
    expect(values).toMatchObject({ frames: 5, cellsFirst: 4, maxDriftPx: 2, seed: 2 });
    expect(existsSync(values.manTrack as string)).toBe(true);
    expect(readFileSync(values.driftCsv as string, 'utf8').startsWith('t,dx_px,dy_px\n')).toBe(true);
    expect(statSync(join(values.truthDir as string, 'SEG')).isDirectory()).toBe(true);
    expect(progress).toEqual([1, 2, 3, 4, 5]);
    expect(result.summary).toMatch(/Simulated 5 frames of 64x64 px with 4 nuclei/);
    const masks = await ctx.openMovie(result.artifacts[1].id);
    expect(masks.shape).toEqual({ t: 5, z: 1, c: 1, y: 64, x: 64 });
    await masks.close();
  });

  it('simulate_movie rejects an impossible field with one line', async () => {
    await expect(call('simulate_movie', { width: 32, height: 32, driftPx: 30 }, ctx)).rejects.toThrow(/too small for 30 px of drift/);
  });

  it('load_movie registers a file with its shape and calibration, and movie_info describes it', async () => {
    const path = join(dir, 'for-load.tif');
    await call('simulate_movie', { frames: 3, width: 48, height: 40, cells: 2, brightfield: true, output: path }, ctx);
    const loaded = await call('load_movie', { movie: path }, ctx);
    expect(loaded.artifacts).toHaveLength(1);
    expect(loaded.artifacts[0].type).toBe('movie');
    expect(loaded.summary).toContain('3 frames, 2 channels ("nuclei", "brightfield"), 48x40 px, uint16; 0.5 µm/px, 60 s between frames');
    expect(loaded.values).toMatchObject({ frames: 3, channels: 2, widthPx: 48, heightPx: 40, dtype: 'uint16', pixelSizeUm: 0.5, frameIntervalS: 60 });
    const info = await call('movie_info', { movie: loaded.artifacts[0].id }, ctx);
    const first = (info.values as { firstFrame: { channel: string; min: number; max: number; mean: number }[] }).firstFrame;
    expect(first.map((f) => f.channel)).toEqual(['nuclei', 'brightfield']);
    expect(first[1].mean).toBeGreaterThan(first[0].mean);
    expect(info.artifacts).toEqual([]);
    // 3 frames 60 s apart last 2 minutes from first to last
    expect(info.values).toMatchObject({ durationS: 120 });
    expect(info.summary).toContain('2 min from first to last frame');
  });

  it('load_movie quotes file metadata instead of passing it on as text', async () => {
    const path = join(dir, 'for-meta.tif');
    await call('simulate_movie', { frames: 2, width: 32, height: 32, cells: 1, output: path }, ctx);
    const loaded = await call('load_movie', { movie: path, kind: 'labels', description: 'my masks' }, ctx);
    expect(loaded.artifacts[0].type).toBe('labels');
    const metadata = (loaded.values as { metadata: Record<string, string> }).metadata;
    for (const value of Object.values(metadata)) expect(value.startsWith('"') && value.endsWith('"')).toBe(true);
  });

  it('load_movie names a missing file in one line', async () => {
    await expect(call('load_movie', { movie: join(dir, 'nope.tif') }, ctx)).rejects.toThrow(/nope\.tif: no such file/);
  });

  it.skipIf(!existsSync(DATA))('load_movie reads the real OME-TIFF with its axes', async () => {
    const result = await call('load_movie', { movie: join(DATA, 'sktracker-ometiff', 'sample.ome.tif') }, ctx);
    expect(result.values).toMatchObject({ frames: 20, zSlices: 8, channels: 2, heightPx: 20, widthPx: 50, dtype: 'uint8' });
  });
});
