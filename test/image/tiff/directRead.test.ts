import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DirectReader, wantsDirectIo } from '../../../src/image/tiff/directRead.ts';
import { createMovieWriter, openMovie } from '../../../src/image/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'direct-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// 20 MiB + 1234 bytes of a pattern, so that a read crosses the ~8 MiB bounce buffer and the file's end is unaligned
const size = (20 << 20) + 1234;
const bytes = new Uint8Array(size);
for (let i = 0; i < size; i++) bytes[i] = (i * 2654435761) >>> 24;
const path = join(dir, 'data.bin');
writeFileSync(path, bytes);

describe('DirectReader', () => {
  it('reads any offset and length, across the bounce buffer and up to an unaligned end, as the bytes in the file', () => {
    const reader = new DirectReader(path, size);
    for (const [offset, length] of [[0, 4096], [777, 3 << 20], [5000, 18 << 20], [size - 70000, 70000], [size - 1, 1]]) {
      const target = new Uint8Array(length);
      if (!reader.read(target, offset)) return; // this file system refuses O_DIRECT: the caller reads through the cache
      expect(Buffer.compare(target, bytes.subarray(offset, offset + length))).toBe(0);
    }
    reader.close();
  });

  it('says false when the range runs past the end of the file, for the buffered read to report', () => {
    const reader = new DirectReader(path, size);
    expect(reader.read(new Uint8Array(8192), size - 4096)).toBe(false);
    reader.close();
  });

  it('is used for files over an eighth of memory, or as CELLPILOT_DIRECT_IO says', () => {
    expect(wantsDirectIo(1 << 20, {})).toBe(false);
    expect(wantsDirectIo(Number.MAX_SAFE_INTEGER, {})).toBe(true);
    expect(wantsDirectIo(1 << 20, { CELLPILOT_DIRECT_IO: '1' })).toBe(true);
    expect(wantsDirectIo(Number.MAX_SAFE_INTEGER, { CELLPILOT_DIRECT_IO: '0' })).toBe(false);
  });

  it('gives a movie the same planes as the page cache does (CELLPILOT_DIRECT_IO=1)', async () => {
    const moviePath = join(dir, 'movie.tif');
    const side = 1024; // 2 MiB planes: read directly
    const writer = await createMovieWriter(moviePath, { shape: { t: 3, z: 1, c: 1, y: side, x: side }, dtype: 'uint16', meta: { channelNames: ['C1'] } });
    const planes = [0, 1, 2].map((t) => Uint16Array.from({ length: side * side }, (_, i) => (i * 7 + t * 13) & 0xffff));
    for (const p of planes) await writer.writePlane(p);
    await writer.close();
    const before = process.env.CELLPILOT_DIRECT_IO;
    process.env.CELLPILOT_DIRECT_IO = '1';
    try {
      const movie = await openMovie(moviePath);
      for (let t = 0; t < 3; t++) {
        const p = await movie.plane(t, 0, 0);
        expect(Buffer.compare(Buffer.from(p.buffer, p.byteOffset, p.byteLength), Buffer.from(planes[t].buffer))).toBe(0);
      }
      await movie.close();
    } finally {
      if (before === undefined) delete process.env.CELLPILOT_DIRECT_IO;
      else process.env.CELLPILOT_DIRECT_IO = before;
    }
  });
});
