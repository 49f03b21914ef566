import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMovieWriter, movieFromPlanes, openMovie, writeMovie, type DType, type PlaneData } from '../../src/image/index.ts';
import { allocatePlane } from '../../src/image/movie.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cellpilot-writer-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A plane whose every pixel encodes its position and plane indices, so mix-ups show. */
function patterned(dtype: DType, y: number, x: number, t: number, z: number, c: number): PlaneData {
  const p = allocatePlane(dtype, y * x);
  for (let i = 0; i < p.length; i++) {
    const v = (i * 7 + t * 1000 + z * 100 + c * 10) % (dtype === 'uint8' ? 251 : 60000);
    p[i] = dtype === 'float32' ? v + 0.25 : v;
  }
  return p;
}

describe('writeMovie / openMovie round trip', () => {
  for (const dtype of ['uint8', 'uint16', 'uint32', 'float32', 'int16'] as DType[]) {
    it(`keeps every pixel, the axes and the calibration (${dtype})`, async () => {
      const shape = { t: 3, z: 2, c: 2, y: 24, x: 33 };
      const movie = movieFromPlanes(shape, dtype, (t, z, c) => patterned(dtype, shape.y, shape.x, t, z, c), {
        pixelSizeUm: 0.325,
        zStepUm: 1.5,
        frameIntervalS: 30,
        channelNames: ['DAPI', 'GFP'],
        extra: { position: 'A1-site2', part: 1, dimensionOrder: 'XYZTC', 'bad key': 'x' },
      });
      const path = join(dir, `rt-${dtype}.tif`);
      await writeMovie(path, movie);
      const back = await openMovie(path);
      try {
        expect(back.shape).toEqual(shape);
        expect(back.dtype).toBe(dtype);
        expect(back.source.format).toBe('imagej');
        expect(back.meta.pixelSizeUm).toBeCloseTo(0.325, 6);
        expect(back.meta.zStepUm).toBeCloseTo(1.5, 9);
        expect(back.meta.frameIntervalS).toBeCloseTo(30, 9);
        expect(back.meta.channelNames).toEqual(['DAPI', 'GFP']);
        // Provenance in `extra` survives as text; format-specific and malformed keys do not.
        expect(back.meta.extra).toMatchObject({ position: 'A1-site2', part: '1' });
        expect(back.meta.extra).not.toHaveProperty('dimensionOrder');
        expect(back.meta.extra).not.toHaveProperty('bad key');
        for (let t = 0; t < shape.t; t++)
          for (let z = 0; z < shape.z; z++)
            for (let c = 0; c < shape.c; c++) {
              expect(Array.from(await back.plane(t, z, c))).toEqual(Array.from(await movie.plane(t, z, c)));
            }
      } finally {
        await back.close();
      }
    });
  }

  it('leaves no file behind when the writer is aborted or closed early', async () => {
    const shape = { t: 2, z: 1, c: 1, y: 8, x: 8 };
    const path = join(dir, 'aborted.tif');
    const w = await createMovieWriter(path, { shape, dtype: 'uint16', meta: { channelNames: ['C1'] } });
    await w.writePlane(new Uint16Array(64));
    await w.abort();
    const w2 = await createMovieWriter(path, { shape, dtype: 'uint16', meta: { channelNames: ['C1'] } });
    await w2.writePlane(new Uint16Array(64));
    await expect(w2.close()).rejects.toThrow(/closed after 1 of 2 planes/);
    expect((await readdir(dir)).filter((n) => n.includes('aborted'))).toEqual([]);
  });

  it('rejects planes of the wrong size or type with one line', async () => {
    const path = join(dir, 'wrong.tif');
    const w = await createMovieWriter(path, { shape: { t: 1, z: 1, c: 1, y: 4, x: 4 }, dtype: 'uint16', meta: { channelNames: [] } });
    await expect(w.writePlane(new Uint16Array(15))).rejects.toThrow(/15 pixels, expected 4x4/);
    await expect(w.writePlane(new Float32Array(16))).rejects.toThrow(/plane is float32, the movie is uint16/);
    await w.abort();
  });

  it('crash-safe mode keeps a readable file after every plane', async () => {
    const shape = { t: 4, z: 1, c: 2, y: 16, x: 16 };
    const path = join(dir, 'acq.tif');
    const w = await createMovieWriter(path, { shape, dtype: 'uint16', meta: { channelNames: ['BF', 'GFP'], frameIntervalS: 60 }, crashSafe: true });
    for (let k = 0; k < 5; k++) {
      const t = Math.floor(k / 2);
      await w.writePlane(patterned('uint16', 16, 16, t, 0, k % 2) as Uint16Array);
      // Readable now, without close(): the complete time points (none after plane 1).
      const frames = Math.floor((k + 1) / 2);
      if (frames > 0) {
        const m = await openMovie(path);
        expect(m.shape).toMatchObject({ t: frames, c: 2 });
        expect(Array.from(await m.plane(frames - 1, 0, 1))).toEqual(Array.from(patterned('uint16', 16, 16, frames - 1, 0, 1)));
        await m.close();
      } else {
        await expect(openMovie(path)).rejects.toThrow(/holds no images/);
      }
    }
    await w.close();
    const final = await openMovie(path);
    expect(final.shape).toMatchObject({ t: 2, c: 2 });
    expect(final.meta.channelNames).toEqual(['BF', 'GFP']);
    expect((await stat(path)).size).toBeGreaterThan(5 * 512);
    await final.close();
  });

  it('reads ImageJ files that keep only the first IFD (ImageJ > 4 GiB "raw" layout)', async () => {
    const shape = { t: 4, z: 1, c: 3, y: 10, x: 12 };
    const movie = movieFromPlanes(shape, 'uint16', (t, z, c) => patterned('uint16', 10, 12, t, z, c));
    const path = join(dir, 'raw.tif');
    await writeMovie(path, movie);
    // Cut the IFD chain after the first directory, as ImageJ does past 4 GiB.
    const bytes = await readFile(path);
    const n = bytes.readUInt16LE(8);
    bytes.writeUInt32LE(0, 8 + 2 + n * 12);
    await writeFile(path, bytes);
    const m = await openMovie(path);
    expect(m.shape).toEqual(shape);
    expect(Array.from(await m.plane(3, 0, 2))).toEqual(Array.from(patterned('uint16', 10, 12, 3, 0, 2)));
    await m.close();
    // The same file cut short is reported, not read past its end.
    await writeFile(path, bytes.subarray(0, bytes.length - 100));
    await expect(openMovie(path)).rejects.toThrow(/raw\.tif is truncated: its ImageJ description says 12 planes but the file holds only 11/);
  });
});

describe('observeMovieWrites', () => {
  it('sees every byte of a movie once, front to back, then the file in place; an aborted one is abandoned', async () => {
    const { observeMovieWrites } = await import('../../src/image/writer.ts');
    const seen: { path: string; offset: number; bytes: Buffer }[] = [];
    const finished: string[] = [];
    const abandoned: string[] = [];
    observeMovieWrites({
      written: (path, offset, bytes) => seen.push({ path, offset, bytes: Buffer.from(bytes) }),
      finished: (path) => finished.push(path),
      abandoned: (path) => abandoned.push(path),
    });
    try {
      const shape = { t: 4, z: 1, c: 2, y: 19, x: 21 };
      const movie = movieFromPlanes(shape, 'uint16', (t, z, c) => patterned('uint16', shape.y, shape.x, t, z, c), { channelNames: ['GFP', 'DAPI'], pixelSizeUm: 0.5 });
      const path = join(dir, 'observed.tif');
      await writeMovie(path, movie);
      let upTo = 0;
      for (const s of seen) {
        expect(s.path).toBe(path);
        expect(s.offset).toBe(upTo); // in file order, no gap, nothing twice
        upTo += s.bytes.length;
      }
      expect(Buffer.concat(seen.map((s) => s.bytes)).equals(await readFile(path))).toBe(true);
      expect(finished).toEqual([path]);

      seen.length = 0;
      const aborted = join(dir, 'observed-aborted.tif');
      const w = await createMovieWriter(aborted, { shape, dtype: 'uint16', meta: { channelNames: [] } });
      await w.writePlane(patterned('uint16', shape.y, shape.x, 0, 0, 0));
      await w.abort();
      expect(abandoned).toEqual([aborted]);
      expect(finished).toEqual([path]);
    } finally {
      observeMovieWrites(undefined);
    }
  });
});

/** Every IFD of a little-endian TIFF or BigTIFF, read by walking the chain: [stripOffset, stripByteCount] of each. */
function walkIfds(file: Buffer): [number, number][] {
  const big = file.readUInt16LE(2) === 43;
  let offset = big ? Number(file.readBigUInt64LE(8)) : file.readUInt32LE(4);
  const out: [number, number][] = [];
  while (offset !== 0 && out.length < 100_000) {
    const count = big ? Number(file.readBigUInt64LE(offset)) : file.readUInt16LE(offset);
    const entries = offset + (big ? 8 : 2);
    const size = big ? 20 : 12;
    const value = (tag: number) => {
      for (let i = 0; i < count; i++) {
        const e = entries + i * size;
        if (file.readUInt16LE(e) !== tag) continue;
        const type = file.readUInt16LE(e + 2);
        const at = e + (big ? 12 : 8);
        return type === 16 ? Number(file.readBigUInt64LE(at)) : type === 3 ? file.readUInt16LE(at) : file.readUInt32LE(at);
      }
      throw new Error(`IFD at ${offset} has no tag ${tag}`);
    };
    out.push([value(273), value(279)]);
    const next = entries + count * size;
    offset = big ? Number(file.readBigUInt64LE(next)) : file.readUInt32LE(next);
  }
  return out;
}

describe('the IFD of every plane', () => {
  for (const bigTiff of [false, true]) {
    it(`chains all planes in order, each pointing at its own pixels (${bigTiff ? 'BigTIFF' : 'classic TIFF'})`, async () => {
      const shape = { t: 40, z: 2, c: 3, y: 5, x: 7 };
      const path = join(dir, `chain-${bigTiff}.tif`);
      const writer = await createMovieWriter(path, { shape, dtype: 'uint16', meta: { channelNames: ['A', 'B', 'C'] }, bigTiff });
      const n = shape.t * shape.z * shape.c;
      for (let k = 0; k < n; k++) await writer.writePlane(new Uint16Array(shape.y * shape.x).fill(k + 1));
      await writer.close();
      const file = await readFile(path);
      const ifds = walkIfds(file);
      expect(ifds).toHaveLength(n);
      const planeBytes = shape.y * shape.x * 2;
      ifds.forEach(([offset, bytes], k) => {
        expect(bytes).toBe(planeBytes);
        expect(offset).toBe(ifds[0]![0] + k * planeBytes);
        expect(file.readUInt16LE(offset)).toBe(k + 1);
        expect(file.readUInt16LE(offset + planeBytes - 2)).toBe(k + 1);
      });
    });
  }
});
