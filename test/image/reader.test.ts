import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMovie, type PlaneData } from '../../src/image/index.ts';
import { DATA_DIR, HAVE_DATA, havePython, movieBytes, runPython } from './helpers.ts';

const HAVE_PY = havePython(['tifffile', 'PIL', 'numpy']);

interface Case {
  name: string;
  shape: { t: number; z: number; c: number; y: number; x: number };
  dtype: string;
  format: string;
  byteOrder?: string;
  bigTiff?: boolean;
  pixelSizeUm?: number;
  zStepUm?: number;
  frameIntervalS?: number;
  channelNames?: string[];
}

describe.skipIf(!HAVE_PY)('reader: TIFF variants written by tifffile and Pillow', () => {
  let dir = '';
  let cases: Case[] = [];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cellpilot-fixtures-'));
    runPython([fileURLToPath(new URL('./fixtures/make_tiffs.py', import.meta.url)), dir]);
    cases = JSON.parse(await readFile(join(dir, 'cases.json'), 'utf8'));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('reads every variant pixel-exact with the right axes, dtype and metadata', async () => {
    expect(cases.length).toBeGreaterThan(30);
    for (const k of cases) {
      const file = join(dir, k.format === 'ome-tiff' ? `${k.name}.ome.tif` : `${k.name}.tif`);
      const m = await openMovie(file);
      try {
        expect({ name: k.name, shape: m.shape, dtype: m.dtype, format: m.source.format }).toEqual({ name: k.name, shape: k.shape, dtype: k.dtype, format: k.format });
        if (k.byteOrder) expect(m.source.byteOrder, k.name).toBe(k.byteOrder);
        if (k.bigTiff) expect(m.source.bigTiff, k.name).toBe(true);
        if (k.pixelSizeUm) expect(m.meta.pixelSizeUm, k.name).toBeCloseTo(k.pixelSizeUm, 6);
        if (k.zStepUm) expect(m.meta.zStepUm, k.name).toBeCloseTo(k.zStepUm, 6);
        if (k.frameIntervalS) expect(m.meta.frameIntervalS, k.name).toBeCloseTo(k.frameIntervalS, 6);
        if (k.channelNames) expect(m.meta.channelNames, k.name).toEqual(k.channelNames);
        const expected = await readFile(join(dir, `${k.name}.raw`));
        const got = await movieBytes(m);
        expect(got.equals(expected), `${k.name}: pixels differ`).toBe(true);
      } finally {
        await m.close();
      }
    }
  });

  it('reads every variant into one reused plane buffer, pixel-exact', async () => {
    for (const k of cases) {
      const file = join(dir, k.format === 'ome-tiff' ? `${k.name}.ome.tif` : `${k.name}.tif`);
      const m = await openMovie(file);
      try {
        const expected = await readFile(join(dir, `${k.name}.raw`));
        const planeBytes = m.shape.y * m.shape.x * (expected.length / (m.shape.t * m.shape.z * m.shape.c * m.shape.y * m.shape.x));
        let buffer: PlaneData | undefined;
        let k0 = 0;
        for (let t = 0; t < m.shape.t; t++)
          for (let z = 0; z < m.shape.z; z++)
            for (let c = 0; c < m.shape.c; c++, k0++) {
              const plane = await m.plane(t, z, c, buffer);
              if (buffer) expect(plane, `${k.name}: the buffer was not reused`).toBe(buffer);
              const bytes = Buffer.from(plane.buffer, plane.byteOffset, plane.byteLength);
              expect(bytes.equals(expected.subarray(k0 * planeBytes, (k0 + 1) * planeBytes)), `${k.name} plane ${k0}`).toBe(true);
              buffer = plane;
            }
      } finally {
        await m.close();
      }
    }
  });
});

describe.skipIf(!HAVE_PY)('reader: multi-file OME-TIFF parts', () => {
  it('names the file to open when given a BinaryOnly part', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cellpilot-omeparts-'));
    try {
      runPython([fileURLToPath(new URL('./fixtures/make_tiffs.py', import.meta.url)), dir]);
      await expect(openMovie(join(dir, 'ome_multi_1.ome.tif'))).rejects.toThrow(/ome_multi_1\.ome\.tif is one part of a multi-file OME-TIFF; open .*ome_multi\.ome\.tif instead/);
      await rm(join(dir, 'ome_multi_1.ome.tif'));
      await expect(openMovie(join(dir, 'ome_multi.ome.tif'))).rejects.toThrow(/companion file .*ome_multi_1\.ome\.tif is missing/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!HAVE_DATA)('reader: the real movies in shared/data', () => {
  const D = (p: string) => join(DATA_DIR, p);
  // Axes and calibration from each folder's SOURCE.md.
  const table = [
    { p: 'sktracker-ometiff/CZT_peaks.ome.tif', shape: { t: 4, z: 4, c: 1, y: 48, x: 56 }, dtype: 'uint16', format: 'ome-tiff', byteOrder: 'big', px: 0.065, dz: 1.0, dt: 10 },
    { p: 'sktracker-ometiff/TC_BF_cells.ome.tif', shape: { t: 3, z: 7, c: 1, y: 193, x: 174 }, dtype: 'uint16', format: 'ome-tiff', byteOrder: 'little', px: 0.065, dz: 0.3 },
    { p: 'sktracker-ometiff/TZ_nucleus.ome.tif', shape: { t: 4, z: 5, c: 1, y: 51, x: 73 }, dtype: 'uint8', format: 'ome-tiff', px: 0.415, dz: 1.5, dt: 180 },
    { p: 'sktracker-ometiff/sample.ome.tif', shape: { t: 20, z: 8, c: 2, y: 20, x: 50 }, dtype: 'uint8', format: 'ome-tiff' },
    { p: 'sktracker-ometiff/stack_list', shape: { t: 4, z: 5, c: 1, y: 172, x: 165 }, dtype: 'uint8', format: 'series', px: 0.415, dz: 0.415 },
    { p: 'sktracker-ometiff/stack_list/Stack-{t}.tif', shape: { t: 4, z: 5, c: 1, y: 172, x: 165 }, dtype: 'uint8', format: 'series' },
    { p: 'pystackreg-pc12/pc12-unreg.tif', shape: { t: 5, z: 1, c: 1, y: 201, x: 199 }, dtype: 'uint16', format: 'tiff' },
    { p: 'pystackreg-pc12/pc12-reg-translation.tif', shape: { t: 1, z: 5, c: 1, y: 201, x: 199 }, dtype: 'uint16', format: 'imagej' },
    { p: 'pystackreg-pc12/pc12-reg-bilinear.tif', shape: { t: 1, z: 5, c: 1, y: 201, x: 199 }, dtype: 'float32', format: 'imagej' },
    { p: 'biaNotebooks-timelapse/cancer_cell_migration_crop.tif', shape: { t: 48, z: 1, c: 1, y: 130, x: 130 }, dtype: 'uint16', format: 'tiff' },
    { p: 'biaNotebooks-timelapse/cancer_cell_migration_voronoi_otsu_labeling_crop.tif', shape: { t: 48, z: 1, c: 1, y: 130, x: 130 }, dtype: 'uint32', format: 'tiff' },
    { p: 'biaNotebooks-timelapse/membrane_2d_timelapse.tif', shape: { t: 5, z: 1, c: 1, y: 256, x: 256 }, dtype: 'uint16', format: 'tiff' },
  ];
  for (const row of table) {
    it(`opens ${row.p} with the right axes and calibration`, async () => {
      const m = await openMovie(D(row.p));
      try {
        expect(m.shape).toEqual(row.shape);
        expect(m.dtype).toBe(row.dtype);
        expect(m.source.format).toBe(row.format);
        if (row.byteOrder) expect(m.source.byteOrder).toBe(row.byteOrder);
        if (row.px) expect(m.meta.pixelSizeUm).toBeCloseTo(row.px, 3);
        if (row.dz) expect(m.meta.zStepUm).toBeCloseTo(row.dz, 3);
        if (row.dt) expect(m.meta.frameIntervalS).toBeCloseTo(row.dt, 6);
        expect(m.meta.channelNames).toHaveLength(row.shape.c);
      } finally {
        await m.close();
      }
    });
  }

  it('opens a renamed single-file OME-TIFF (its XML names the old file)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cellpilot-renamed-'));
    try {
      const renamed = join(dir, 'renamed.ome.tif');
      await copyFile(D('sktracker-ometiff/CZT_peaks.ome.tif'), renamed);
      const m = await openMovie(renamed);
      expect(m.shape).toEqual({ t: 4, z: 4, c: 1, y: 48, x: 56 });
      await m.plane(3, 3, 0);
      await m.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!havePython(['tifffile', 'numpy']))('reads the same pixels as tifffile, in T,Z,C order', async () => {
    const script = `
import sys, tifffile, numpy as np
for p in sys.argv[1:]:
    with tifffile.TiffFile(p) as t:
        s = t.series[0]; a = s.asarray(); axes = s.axes.replace('Q', 'T').replace('I', 'T')
        for ax in 'TZC':
            if ax not in axes: a = a[np.newaxis]; axes = ax + axes
        a = a.transpose([axes.index(ax) for ax in 'TZCYX'])
        sys.stdout.write(f"{p} {a.size} {int(a.astype(np.float64).sum())} {int((a.astype(np.float64) * np.arange(a.size).reshape(a.shape) % 9973).sum())}\\n")
`;
    const files = table.filter((r) => !r.p.includes('stack_list')).map((r) => D(r.p));
    const lines = runPython(['-c', script, ...files]).trim().split('\n');
    for (const line of lines) {
      const [p, size, sum, weighted] = line.split(' ');
      const m = await openMovie(p);
      let n = 0;
      let s = 0;
      let w = 0;
      for (let t = 0; t < m.shape.t; t++)
        for (let z = 0; z < m.shape.z; z++)
          for (let c = 0; c < m.shape.c; c++) {
            const plane = await m.plane(t, z, c);
            for (let i = 0; i < plane.length; i++, n++) {
              s += plane[i];
              w += (plane[i] * n) % 9973;
            }
          }
      await m.close();
      expect({ p, n, s: Math.trunc(s), w: Math.trunc(w) }).toEqual({ p, n: Number(size), s: Number(sum), w: Number(weighted) });
    }
  });
});
