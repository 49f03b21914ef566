import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { movieFromPlanes, openMovie, writeMovie } from '../../src/image/index.ts';
import { naturalCompare } from '../../src/image/series.ts';
import { observeTiffReads } from '../../src/image/tiff/tiffFile.ts';

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
  it("reads its frames unobserved (its provenance is the folder's listing), while a single file's reads are seen", async () => {
    const folder = join(dir, 'observed');
    await mkdir(folder);
    for (const t of [0, 1, 2]) await writeMovie(join(folder, `t${t}.tif`), frame(t));
    const seen: string[] = [];
    observeTiffReads((path) => seen.push(path));
    try {
      const series = await openMovie(folder);
      for (let t = 0; t < 3; t++) await series.plane(t, 0, 0);
      await series.close();
      expect(seen).toEqual([]);
      const single = await openMovie(join(folder, 't1.tif'));
      expect((await single.plane(0, 0, 0))[0]).toBe(10);
      await single.close();
      expect(new Set(seen)).toEqual(new Set([join(folder, 't1.tif')]));
    } finally {
      observeTiffReads(undefined);
    }
  });

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

  it('a pattern that matches nothing names what the folder holds and the pattern for it (t{t:2} for t000.tif: t{t:3})', async () => {
    const ctc = join(dir, 'CTC');
    await mkdir(ctc);
    for (const t of [0, 1, 2]) await writeMovie(join(ctc, `t${String(t).padStart(3, '0')}.tif`), frame(t));
    await expect(openMovie(join(ctc, 't{t:2}.tif'))).rejects.toThrow(`no file matches ${join(ctc, 't{t:2}.tif')} (${ctc} holds 3 TIFF files, e.g. t000.tif, t001.tif: the pattern for them is "${join(ctc, 't{t:3}.tif')}")`);
    const m = await openMovie(join(ctc, 't{t:3}.tif'));
    expect(m.shape.t).toBe(3);
    await m.close();
    const empty = join(dir, 'EMPTY');
    await mkdir(empty);
    await expect(openMovie(join(empty, 't{t}.tif'))).rejects.toThrow(`(${empty} holds no .tif/.tiff files)`);
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
    // a caller's buffer is filled, not replaced (projections stream a series through one)
    const buffer = new Uint16Array(42);
    expect(await m.plane(1, 2, 0, buffer)).toBe(buffer);
    expect(buffer[0]).toBe(22);
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

  it('reads channels from the names (Nikon "t001xy1c1"): 2 channels x 3 time points, not 6 frames', async () => {
    const folder = join(dir, 'nikon');
    await mkdir(folder);
    for (const t of [1, 2, 3]) for (const c of [1, 2]) await writeMovie(join(folder, `cells_t${String(t).padStart(3, '0')}xy1c${c}.tif`), frame(10 * t + c));
    const m = await openMovie(folder);
    expect(m.shape).toEqual({ t: 3, z: 1, c: 2, y: 6, x: 7 });
    expect(m.meta.channelNames).toEqual(['C1', 'C2']);
    expect((await m.plane(2, 0, 1))[0]).toBe(320);
    expect((await m.plane(0, 0, 0))[0]).toBe(110);
    await m.close();
  });

  it('reads "_T001_C1_Z01"-style names with z, and a one-time-point channel series', async () => {
    const folder = join(dir, 'mm');
    await mkdir(folder);
    for (const t of [0, 1]) for (const c of [0, 1]) for (const z of [1, 2, 3]) await writeMovie(join(folder, `img_T${t}_C${c}_Z0${z}.tif`), frame(100 * t + 10 * c + z));
    const m = await openMovie(folder);
    expect(m.shape).toEqual({ t: 2, z: 3, c: 2, y: 6, x: 7 });
    expect((await m.plane(1, 2, 1))[0]).toBe(1130);
    await m.close();
    const channels = join(dir, 'channels');
    await mkdir(channels);
    for (const c of [1, 2, 3]) await writeMovie(join(channels, `fixed_ch${c}.tif`), frame(c));
    const one = await openMovie(channels);
    expect(one.shape).toEqual({ t: 1, z: 1, c: 3, y: 6, x: 7 });
    await one.close();
  });

  it('refuses several positions in one line, naming them and how to open one; the pattern then works', async () => {
    const folder = join(dir, 'positions');
    await mkdir(folder);
    for (const t of [1, 2]) for (const s of [1, 2, 3]) for (const c of [1, 2]) await writeMovie(join(folder, `run_t${t}xy${s}c${c}.tif`), frame(t + s + c));
    await expect(openMovie(folder)).rejects.toThrow(/holds 3 positions \(xy1, xy2, xy3\), each its own movie: open one with a pattern such as ".*\*xy1\*\.tif"/);
    const one = await openMovie(join(folder, '*xy2*.tif'));
    expect(one.shape).toEqual({ t: 2, z: 1, c: 2, y: 6, x: 7 });
    await one.close();
  });

  it('reports layouts it cannot read (two varying numbers without axis letters) and missing files', async () => {
    const folder = join(dir, 'unknown');
    await mkdir(folder);
    for (const a of [1, 2]) for (const b of [1, 2]) await writeMovie(join(folder, `scan${a}_part${b}.tif`), frame(a + b));
    await expect(openMovie(folder)).rejects.toThrow(/vary in 2 numbers .* cannot tell which is time, channel, z or position; name the frames with a pattern such as "scan\{t:1\}_part\*\.tif"/);
    const holes = join(dir, 'holes');
    await mkdir(holes);
    for (const [t, c] of [[1, 1], [1, 2], [2, 1]]) await writeMovie(join(holes, `x_t${t}_c${c}.tif`), frame(t));
    await expect(openMovie(holes)).rejects.toThrow(/no file for t 2, channel 2/);
  });
});

describe('series frames kept described between the check at opening and the read', () => {
  it('reads every frame, again after eviction, and a frame rewritten after opening as it now is', async () => {
    const folder = join(dir, 'kept');
    await mkdir(folder);
    for (let t = 0; t < 7; t++) await writeMovie(join(folder, `t${t}.tif`), frame(t));
    const m = await openMovie(folder);
    // more frames than the files held open at once (4): later reads resume closed files
    for (const t of [0, 1, 2, 3, 4, 5, 6, 0, 6, 2]) expect((await m.plane(t, 0, 0))[0]).toBe(t * 10);
    await new Promise((r) => setTimeout(r, 5));
    // frame 3 is closed by now (the 4 most recent stay open): rewritten (a new inode and times), it is read anew
    // (its pixels now lie elsewhere in the file: a longer description comes before them)
    const moved = movieFromPlanes({ t: 1, z: 1, c: 1, y: 6, x: 7 }, 'uint16', () => new Uint16Array(42).fill(300), { zStepUm: 0.7, pixelSizeUm: 0.2, channelNames: ['a channel name long enough to move the pixels'] });
    await writeMovie(join(folder, 't3.tif'), moved);
    expect((await m.plane(3, 0, 0))[0]).toBe(300);
    expect((await m.plane(5, 0, 0))[0]).toBe(50);
    await m.close();
    await expect(m.plane(0, 0, 0)).rejects.toThrow(/closed/);
  });
});

describe('naturalCompare', () => {
  it('orders as localeCompare with numeric collation, fast path or not', () => {
    // digit runs of differing widths and values, leading zeros, case, punctuation and non-ASCII text
    const parts = ['t', 'T', 'man_seg', 'img-', 'a', 'b', 'é', '_', '.tif', 'z', ''];
    const numbers = ['0', '00', '1', '01', '001', '2', '9', '10', '010', '99', '100', '1000', '123456789012345678901234567890'];
    const names: string[] = [];
    let seed = 7;
    const pick = <T>(xs: T[]) => xs[(seed = (seed * 1103515245 + 12345) % 2 ** 31) % xs.length];
    for (let i = 0; i < 400; i++) names.push(pick(parts) + pick(numbers) + pick(parts) + (i % 3 ? pick(numbers) : '') + pick(parts));
    const sign = (x: number) => Math.sign(x);
    for (const a of names) for (const b of names.slice(0, 60)) {
      expect(sign(naturalCompare(a, b)), `${a} vs ${b}`).toBe(sign(a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' })));
    }
  });
});
