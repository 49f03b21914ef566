// Broken input: every damaged file must either open and read (damage inside pixel data
// is invisible in uncompressed files) or fail with a one-line InputError naming the
// file. Never another error type, a stack trace or a hang.
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.ts';
import { movieFromPlanes, openMovie, writeMovie } from '../../src/image/index.ts';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DATA_DIR, HAVE_DATA, havePython, runPython } from './helpers.ts';
import { mulberry32 as rng } from '../../src/random.ts';

const BIN = fileURLToPath(new URL('../../bin/cellpilot.js', import.meta.url));
function cellpilot(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let dir: string;
const sources: string[] = [];


/** Opens and reads every plane; returns 'ok' or the InputError message. Anything else fails the test. */
async function tryRead(path: string): Promise<string> {
  try {
    const m = await openMovie(path);
    try {
      for (let t = 0; t < m.shape.t; t++) for (let z = 0; z < m.shape.z; z++) for (let c = 0; c < m.shape.c; c++) await m.plane(t, z, c);
    } finally {
      await m.close();
    }
    return 'ok';
  } catch (err) {
    if (!(err instanceof InputError)) throw new Error(`${basename(path)}: expected InputError, got ${(err as Error)?.name}: ${(err as Error)?.message}`);
    expect(err.message).not.toMatch(/\n/);
    expect(err.message.length).toBeLessThan(400);
    return err.message;
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cellpilot-broken-'));
  const own = join(dir, 'own.tif');
  await writeMovie(own, movieFromPlanes({ t: 3, z: 2, c: 2, y: 20, x: 24 }, 'uint16', (t, z, c) => new Uint16Array(480).fill(t * 100 + z * 10 + c), { pixelSizeUm: 0.5, channelNames: ['a', 'b'] }));
  sources.push(own);
  const ownBig = join(dir, 'own-big.tif');
  await writeMovie(ownBig, movieFromPlanes({ t: 2, z: 1, c: 1, y: 10, x: 10 }, 'float32', () => new Float32Array(100).fill(1.5)), { bigTiff: true });
  sources.push(ownBig);
  if (HAVE_DATA) {
    for (const p of ['sktracker-ometiff/CZT_peaks.ome.tif', 'sktracker-ometiff/TZ_nucleus.ome.tif', 'pystackreg-pc12/pc12-reg-translation.tif', 'biaNotebooks-timelapse/membrane_2d_timelapse.tif']) {
      const to = join(dir, basename(p));
      await copyFile(join(DATA_DIR, p), to);
      sources.push(to);
    }
  }
  if (havePython(['tifffile', 'PIL', 'numpy'])) {
    runPython(['-c', `
import sys, numpy as np, tifffile
from PIL import Image
d = sys.argv[1]; a = (np.arange(3 * 40 * 50) % 977).astype(np.uint16).reshape(3, 40, 50)
tifffile.imwrite(d + '/deflate.tif', a, compression='zlib', predictor=True, rowsperstrip=8, photometric='minisblack')
tifffile.imwrite(d + '/tiled.tif', a, compression='zlib', tile=(16, 16), photometric='minisblack')
Image.fromarray(a[0]).save(d + '/lzw.tif', compression='tiff_lzw')
Image.fromarray((a[0] % 7).astype(np.uint8)).save(d + '/packbits.tif', compression='packbits')
`, dir]);
    sources.push(...['deflate.tif', 'tiled.tif', 'lzw.tif', 'packbits.tif'].map((n) => join(dir, n)));
  }
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('broken files', () => {
  it('the intact sources read', async () => {
    for (const s of sources) expect(await tryRead(s), s).toBe('ok');
  });

  it('truncations at many offsets fail with one line naming the file, or read', async () => {
    const outcomes = { ok: 0, error: 0 };
    for (const src of sources) {
      const bytes = await readFile(src);
      const cuts = [0, 1, 4, 7, 8, 12, 15, 100, 300, Math.floor(bytes.length / 3), Math.floor(bytes.length / 2), bytes.length - 100, bytes.length - 1];
      for (const cut of cuts.filter((c) => c >= 0 && c < bytes.length)) {
        const p = join(dir, `cut-${cut}-${basename(src)}`);
        await writeFile(p, bytes.subarray(0, cut));
        const r = await tryRead(p);
        if (r === 'ok') outcomes.ok++;
        else {
          outcomes.error++;
          expect(r).toContain(p);
        }
        await rm(p);
      }
    }
    // Nearly every truncation loses pixels and must be reported.
    expect(outcomes.error).toBeGreaterThan(outcomes.ok * 5);
  });

  it('byte flips in headers, directories and pixel data never escape as another error', async () => {
    const random = rng(12345);
    let errors = 0;
    let total = 0;
    for (const src of sources) {
      const bytes = await readFile(src);
      for (let i = 0; i < 30; i++) {
        const copy = Buffer.from(bytes);
        // Half the flips hit the first 1 KiB (header, IFDs, descriptions), half anywhere.
        const span = i % 2 === 0 ? Math.min(1024, copy.length) : copy.length;
        const flips = 1 + Math.floor(random() * 4);
        for (let f = 0; f < flips; f++) copy[Math.floor(random() * span)] ^= 1 + Math.floor(random() * 255);
        const p = join(dir, `flip-${i}-${basename(src)}`);
        await writeFile(p, copy);
        const r = await tryRead(p);
        total++;
        if (r !== 'ok') {
          errors++;
          expect(r).toContain(p);
        }
        await rm(p);
      }
    }
    expect(total).toBeGreaterThanOrEqual(60);
    expect(errors).toBeGreaterThan(0);
  });

  it('empty, non-TIFF, missing and folder inputs are named in one line', async () => {
    const empty = join(dir, 'empty.tif');
    await writeFile(empty, '');
    const text = join(dir, 'notes.tif');
    await writeFile(text, 'this is not an image\n');
    const png = join(dir, 'image.png');
    await writeFile(png, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    expect(await tryRead(empty)).toMatch(/empty\.tif is empty/);
    expect(await tryRead(text)).toMatch(/notes\.tif is not a TIFF file/);
    expect(await tryRead(png)).toMatch(/image\.png is not a TIFF file/);
    expect(await tryRead(join(dir, 'missing.tif'))).toMatch(/missing\.tif: no such file/);
    expect(await tryRead(join(dir, 'nothing-{t:3}.tif'))).toMatch(/no file matches .*nothing-\{t:3\}\.tif/);
    const emptyFolder = join(dir, 'nofiles');
    await mkdir(emptyFolder);
    expect(await tryRead(emptyFolder)).toMatch(/nofiles holds no \.tif/);
  });

  it('a series with mismatched frames names the odd file', async () => {
    const series = join(dir, 'series');
    await mkdir(series);
    const frame = (y: number) => movieFromPlanes({ t: 1, z: 1, c: 1, y, x: 16 }, 'uint8', () => new Uint8Array(y * 16));
    await writeMovie(join(series, 't000.tif'), frame(16));
    await writeMovie(join(series, 't001.tif'), frame(16));
    await writeMovie(join(series, 't002.tif'), frame(12));
    expect(await tryRead(join(series, 't{t:3}.tif'))).toMatch(/t002\.tif does not match the series: it is 16x12 uint8/);
  });

  it.skipIf(!havePython(['PIL', 'numpy']))('RGB and JPEG files are refused with what to do', async () => {
    runPython(['-c', `
import sys, numpy as np
from PIL import Image
d = sys.argv[1]; a = (np.arange(20 * 30 * 3) % 251).astype(np.uint8).reshape(20, 30, 3)
Image.fromarray(a, 'RGB').save(d + '/rgb.tif')
Image.fromarray(a, 'RGB').save(d + '/jpeg.tif', compression='jpeg')
`, dir]);
    expect(await tryRead(join(dir, 'rgb.tif'))).toMatch(/rgb\.tif: image 1 has 3 samples per pixel .* split the channels/);
    expect(await tryRead(join(dir, 'jpeg.tif'))).toMatch(/jpeg\.tif: image 1 (has 3 samples|uses JPEG)/);
  });

  it('cellpilot info exits 2 with one line on stderr for broken files', async () => {
    const src = await readFile(sources[0]);
    const truncated = join(dir, 'truncated.tif');
    await writeFile(truncated, src.subarray(0, Math.floor(src.length / 2)));
    const text = join(dir, 'notes2.tif');
    await writeFile(text, 'hello');
    for (const p of [truncated, text]) {
      const r = cellpilot(['info', p]);
      expect(r.code, p).toBe(2);
      expect(r.stdout).toBe('');
      const lines = r.stderr.trim().split('\n');
      expect(lines, r.stderr).toHaveLength(1);
      expect(lines[0]).toContain(p);
    }
  });
});
