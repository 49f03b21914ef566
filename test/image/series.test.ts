import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { movieFromPlanes, openMovie, writeMovie } from '../../src/image/index.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cellpilot-series-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const frame = (value: number, z = 1) =>
  movieFromPlanes({ t: 1, z, c: 1, y: 6, x: 7 }, 'uint16', (_t, zi) => new Uint16Array(42).fill(value * 10 + zi), { zStepUm: 0.7, pixelSizeUm: 0.2 });

describe('file-per-frame series', () => {
  it('reads a CTC-style pattern in time order and keeps the frame numbers of sparse annotations', async () => {
    const seg = join(dir, 'SEG');
    await mkdir(seg);
    for (const t of [17, 2, 5]) await writeMovie(join(seg, `man_seg${String(t).padStart(3, '0')}.tif`), frame(t));
    await writeMovie(join(seg, 'other.tif'), frame(99));
    const m = await openMovie(join(seg, 'man_seg{t:3}.tif'));
    expect(m.shape).toEqual({ t: 3, z: 1, c: 1, y: 6, x: 7 });
    expect(m.source.format).toBe('series');
    expect(m.meta.extra?.frameNumbers).toBe('2,5,17');
    expect([(await m.plane(0, 0, 0))[0], (await m.plane(1, 0, 0))[0], (await m.plane(2, 0, 0))[0]]).toEqual([20, 50, 170]);
    await m.close();
  });

  it('reads a folder of z-stacks in natural order (t2 before t10) with z from each file', async () => {
    const folder = join(dir, 'stacks');
    await mkdir(folder);
    for (const t of [10, 2, 1]) await writeMovie(join(folder, `t${t}.tif`), frame(t, 3));
    const m = await openMovie(folder);
    expect(m.shape).toEqual({ t: 3, z: 3, c: 1, y: 6, x: 7 });
    expect(m.meta.zStepUm).toBeCloseTo(0.7);
    expect(m.meta.pixelSizeUm).toBeCloseTo(0.2);
    expect((await m.plane(1, 2, 0))[0]).toBe(22);
    expect((await m.plane(2, 1, 0))[0]).toBe(101);
    // Reads in any order and concurrently, with at most a few files open at a time.
    const all = await Promise.all([2, 0, 1, 2, 0].map((t) => m.plane(t, 0, 0)));
    expect(all.map((p) => p[0])).toEqual([100, 10, 20, 100, 10]);
    await m.close();
  });

  it('"{t}" matches any number of digits and "*" any text', async () => {
    const folder = join(dir, 'loose');
    await mkdir(folder);
    for (const t of [0, 1, 12]) await writeMovie(join(folder, `img_${t}_ch0.tif`), frame(t));
    const a = await openMovie(join(folder, 'img_{t}_ch0.tif'));
    expect(a.shape.t).toBe(3);
    expect((await a.plane(2, 0, 0))[0]).toBe(120);
    expect(a.meta.extra?.frameNumbers).toBe('0,1,12');
    await a.close();
    const b = await openMovie(join(folder, 'img_*_ch0.tif'));
    expect(b.shape.t).toBe(3);
    await b.close();
  });
});
