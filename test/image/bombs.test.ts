// Hostile files: decompression bombs, headers that claim absurd sizes, and a damaged LZW
// file that used to abort Node ("Fatal JavaScript invalid size error"). Each must fail
// with one line of ours, quickly, and without using more than a bounded amount of memory.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.ts';
import { openMovie } from '../../src/image/index.ts';
import { encodeIfd, FieldType, type Field } from '../../src/image/tiff/ifdEncoder.ts';
import { Tag } from '../../src/image/tiff/tiffFile.ts';
import { mulberry32 } from '../../src/random.ts';
import { DATA_DIR } from './helpers.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/cellpilot.js');
const LZW_MOVIE = join(DATA_DIR, 'ctc-Fluo-C2DL-MSC-02/02/t005.tif');
const GIB_KB = 1024 * 1024;

let dir: string;
/** A zlib stream of 256 MiB of zeros (about 250 KB). */
let zeros256: Buffer;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cellpilot-bombs-'));
  zeros256 = deflateSync(Buffer.alloc(256 << 20));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Plane {
  width: number;
  height: number;
  bits?: number;
  compression: number;
  data: Uint8Array;
  description?: string;
}

/** A one-image little-endian TIFF: header, pixel data, then the IFD. */
function tiff(p: Plane): Buffer {
  const dataOffset = 8;
  const ifdOffset = dataOffset + p.data.length + (p.data.length % 2);
  const fields: Field[] = [
    { tag: Tag.ImageWidth, type: FieldType.LONG, value: [p.width] },
    { tag: Tag.ImageLength, type: FieldType.LONG, value: [p.height] },
    { tag: Tag.BitsPerSample, type: FieldType.SHORT, value: [p.bits ?? 16] },
    { tag: Tag.Compression, type: FieldType.SHORT, value: [p.compression] },
    { tag: Tag.Photometric, type: FieldType.SHORT, value: [1] },
    { tag: Tag.StripOffsets, type: FieldType.LONG, value: [dataOffset] },
    { tag: Tag.SamplesPerPixel, type: FieldType.SHORT, value: [1] },
    { tag: Tag.RowsPerStrip, type: FieldType.LONG, value: [p.height] },
    { tag: Tag.StripByteCounts, type: FieldType.LONG, value: [p.data.length] },
  ];
  if (p.description) fields.push({ tag: Tag.ImageDescription, type: FieldType.ASCII, value: Buffer.from(p.description + '\0') });
  const ifd = encodeIfd(fields, ifdOffset, false).bytes;
  const out = Buffer.alloc(ifdOffset + ifd.length);
  out.write('II', 0, 'latin1');
  out.writeUInt16LE(42, 2);
  out.writeUInt32LE(ifdOffset, 4);
  out.set(p.data, dataOffset);
  out.set(ifd, ifdOffset);
  return out;
}

/** Opens and reads the first and last planes in this process; 'ok' or the InputError message. */
async function readInProcess(path: string): Promise<string> {
  try {
    const m = await openMovie(path);
    try {
      await m.plane(0, 0, 0);
      await m.plane(m.shape.t - 1, m.shape.z - 1, m.shape.c - 1);
    } finally {
      await m.close();
    }
    return 'ok';
  } catch (err) {
    if (!(err instanceof InputError)) throw new Error(`expected InputError, got ${(err as Error)?.name}: ${(err as Error)?.message}`);
    expect(err.message).not.toMatch(/\n/);
    return err.message;
  }
}

/** `cellpilot info` in a fresh process: exit code, stderr, seconds, and peak memory. */
function infoInChild(path: string): { code: number | null; stderr: string; seconds: number; maxRssKb: number } {
  // Peak memory comes from the child's own resource usage, printed on exit.
  const probe = `process.on('exit', () => process.stderr.write('\\nMAXRSS ' + process.resourceUsage().maxRSS + '\\n'));`;
  const start = performance.now();
  const r = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(probe)}`, BIN, 'info', path], { encoding: 'utf8', timeout: 60_000 });
  const seconds = (performance.now() - start) / 1000;
  const rss = /MAXRSS (\d+)/.exec(r.stderr);
  return { code: r.status, stderr: r.stderr.replace(/\nMAXRSS \d+\n/, ''), seconds, maxRssKb: rss ? Number(rss[1]) : NaN };
}

describe('decompression bombs and absurd headers', () => {
  it('a 1 MB Deflate strip declared as a 16x16 plane is refused at once', async () => {
    const big = Buffer.concat([zeros256, Buffer.alloc(Math.max(0, (1 << 20) - zeros256.length))]);
    const path = join(dir, 'deflate-bomb.tif');
    await writeFile(path, tiff({ width: 16, height: 16, compression: 8, data: big }));
    const start = performance.now();
    const message = await readInProcess(path);
    expect(performance.now() - start).toBeLessThan(2000);
    expect(message).toMatch(/deflate-bomb\.tif.*(decompression bomb|corrupted)/);
  });

  it('a Deflate stream that inflates past its plane is stopped at the plane size', async () => {
    // Within the size checks (a 512x512 plane from 260 KB), but the stream holds 256 MiB.
    const path = join(dir, 'deflate-overflow.tif');
    await writeFile(path, tiff({ width: 512, height: 512, compression: 8, data: zeros256 }));
    const before = process.memoryUsage().arrayBuffers;
    const start = performance.now();
    expect(await readInProcess(path)).toMatch(/deflate-overflow\.tif.*more than/);
    expect(performance.now() - start).toBeLessThan(2000);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 << 20);
  });

  it('a plane larger than its compressed bytes can expand to is refused before allocation', async () => {
    const path = join(dir, 'lzw-claims.tif');
    // 16384 x 16384 uint16 (512 MiB) from 100 bytes of LZW: no LZW stream expands 5 million times.
    await writeFile(path, tiff({ width: 16384, height: 16384, compression: 5, data: new Uint8Array(100) }));
    const start = performance.now();
    expect(await readInProcess(path)).toMatch(/lzw-claims\.tif.*decompression bomb.*more than lzw can expand/);
    expect(performance.now() - start).toBeLessThan(1000);
  });

  it('a plane over the memory budget is refused, naming how to raise it', async () => {
    const path = join(dir, 'huge-plane.tif');
    await writeFile(path, tiff({ width: 30000, height: 30000, compression: 8, data: deflateSync(Buffer.alloc(1 << 20)) }));
    expect(await readInProcess(path)).toMatch(/huge-plane\.tif.*30000x30000 uint16.*CELLPILOT_MAX_PLANE_MB/);
  });

  it('an uncompressed plane larger than the file is refused before allocation', async () => {
    const path = join(dir, 'raw-claims.tif');
    await writeFile(path, tiff({ width: 16000, height: 16000, compression: 1, data: new Uint8Array(64) }));
    expect(await readInProcess(path)).toMatch(/raw-claims\.tif is truncated or corrupted/);
  });

  it('an OME header claiming 10^9 planes is bounded by what the file can hold', async () => {
    const xml = `<?xml version="1.0"?><OME xmlns="http://www.openmicroscopy.org/Schemas/OME/2016-06"><Image ID="Image:0"><Pixels ID="Pixels:0" DimensionOrder="XYZCT" Type="uint16" SizeX="16" SizeY="16" SizeZ="1" SizeC="1" SizeT="1000000000"><Channel ID="Channel:0:0" SamplesPerPixel="1"/><TiffData/></Pixels></Image></OME>`;
    const path = join(dir, 'ome-billion.ome.tif');
    await writeFile(path, tiff({ width: 16, height: 16, compression: 1, data: new Uint8Array(512), description: xml }));
    const before = process.memoryUsage().arrayBuffers;
    const start = performance.now();
    expect(await readInProcess(path)).toMatch(/ome-billion\.ome\.tif is corrupted: its OME-XML declares 1000000000 planes.*at most \d+/);
    expect(performance.now() - start).toBeLessThan(1000);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(16 << 20);
  });

  it('an ImageJ description claiming 10^9 compressed planes is refused', async () => {
    const path = join(dir, 'imagej-billion.tif');
    const data = deflateSync(Buffer.alloc(512));
    await writeFile(path, tiff({ width: 16, height: 16, compression: 8, data, description: 'ImageJ=1.11a\nimages=1000000000\nframes=1000000000\n' }));
    expect(await readInProcess(path)).toMatch(/imagej-billion\.tif is corrupted: its ImageJ description declares 1000000000 planes/);
  });

  it('every bomb above stays under 1 GB and a few seconds as a whole `cellpilot info` command', async () => {
    const bombs = {
      'deflate-16.tif': tiff({ width: 16, height: 16, compression: 8, data: zeros256 }),
      'deflate-512.tif': tiff({ width: 512, height: 512, compression: 8, data: zeros256 }),
      'deflate-8k.tif': tiff({ width: 8192, height: 8192, bits: 8, compression: 8, data: zeros256 }),
      'lzw-claims.tif': tiff({ width: 16384, height: 16384, compression: 5, data: new Uint8Array(100) }),
    };
    for (const [name, bytes] of Object.entries(bombs)) {
      const path = join(dir, name);
      await writeFile(path, bytes);
      const r = infoInChild(path);
      expect(r.code, `${name}: ${r.stderr}`).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.seconds, name).toBeLessThan(15);
      expect(r.maxRssKb, name).toBeLessThan(GIB_KB);
    }
  });
});

describe.skipIf(!existsSync(LZW_MOVIE))('the LZW movie with 20 random bytes flipped in its first 4 KB', () => {
  /** Seed k: 20 flips, each a random position in the first 4 KB set to a random byte. */
  async function flipped(seed: number): Promise<string> {
    const bytes = await readFile(LZW_MOVIE);
    const random = mulberry32(seed);
    for (let i = 0; i < 20; i++) bytes[Math.floor(random() * 4096)] = Math.floor(random() * 256);
    const path = join(dir, `flip-${seed}.tif`);
    await writeFile(path, bytes);
    return path;
  }

  it('never escapes as another error in 40 seeded variants (seed 3 used to abort Node)', async () => {
    let refused = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const path = await flipped(seed);
      const start = performance.now();
      const r = await readInProcess(path);
      expect(performance.now() - start, `seed ${seed}`).toBeLessThan(5000);
      if (r !== 'ok') {
        refused++;
        expect(r).toContain(path);
      }
      await rm(path);
    }
    expect(refused).toBeGreaterThan(0);
  });

  it('cellpilot info prints one line of ours and exits 2, under 1 GB', async () => {
    for (const seed of [3, 5]) {
      const path = await flipped(seed);
      const r = infoInChild(path);
      expect(r.stderr, `seed ${seed}`).not.toMatch(/Fatal|invalid size error|at .*\(/);
      if (r.code !== 0) {
        expect(r.code).toBe(2);
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
        expect(r.stderr).toContain(path);
      }
      expect(r.maxRssKb).toBeLessThan(GIB_KB);
    }
  });
});
