// Our writer's files as tifffile (napari's and many pipelines' reader) sees them.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMovieWriter, movieFromPlanes, writeMovie } from '../../src/image/index.ts';
import { havePython, runPython } from './helpers.ts';

const SCRIPT = `
import sys, json, tifffile, numpy as np
out = []
for p in sys.argv[1:]:
    with tifffile.TiffFile(p) as t:
        s = t.series[0]; a = s.asarray(); ij = t.imagej_metadata or {}
        x = t.pages[0].tags['XResolution'].value if 'XResolution' in t.pages[0].tags else None
        out.append(dict(path=p, imagej=t.is_imagej, bigtiff=t.is_bigtiff, axes=s.axes, shape=list(s.shape), dtype=str(a.dtype),
                        sum=float(a.astype(np.float64).sum()), first=float(a.reshape(-1)[1]), last=float(a.reshape(-1)[-1]),
                        xres=(x[0] / x[1]) if x else None, unit=ij.get('unit'), spacing=ij.get('spacing'),
                        finterval=ij.get('finterval'), labels=ij.get('Labels')))
print(json.dumps(out))
`;

describe.skipIf(!havePython(['tifffile', 'numpy']))('tifffile reads our ImageJ hyperstacks', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cellpilot-tifffile-'));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('sees the shape, axes, dtype, pixels, calibration and channel labels', async () => {
    const shape = { t: 3, z: 4, c: 2, y: 20, x: 30 };
    const fill = (t: number, z: number, c: number) => Uint16Array.from({ length: 600 }, (_, i) => i + t * 1000 + z * 100 + c * 10);
    const movie = movieFromPlanes(shape, 'uint16', fill, { pixelSizeUm: 0.2, zStepUm: 0.8, frameIntervalS: 45, channelNames: ['mCherry', 'GFP'] });
    const plain = join(dir, 'hyper.tif');
    const big = join(dir, 'hyper-big.tif');
    await writeMovie(plain, movie);
    await writeMovie(big, movie, { bigTiff: true });
    const labels = movieFromPlanes({ t: 2, z: 1, c: 1, y: 8, x: 8 }, 'uint32', (t) => new Uint32Array(64).fill(70000 + t));
    const labelPath = join(dir, 'labels.tif');
    await writeMovie(labelPath, labels);
    const f32 = movieFromPlanes({ t: 1, z: 3, c: 1, y: 5, x: 5 }, 'float32', (_t, z) => new Float32Array(25).fill(z + 0.5));
    const f32Path = join(dir, 'f32.tif');
    await writeMovie(f32Path, f32);

    const [a, b, l, f] = JSON.parse(runPython(['-c', SCRIPT, plain, big, labelPath, f32Path]));
    let sum = 0;
    for (const p of movie.planes) for (const v of p) sum += v;
    for (const r of [a, b]) {
      expect(r).toMatchObject({ imagej: true, axes: 'TZCYX', shape: [3, 4, 2, 20, 30], dtype: 'uint16', sum, first: 1, last: 599 + 2000 + 300 + 10 });
      expect(r.xres).toBeCloseTo(5, 6);
      expect(r.unit).toBe('micron');
      expect(r.spacing).toBeCloseTo(0.8);
      expect(r.finterval).toBeCloseTo(45);
      expect(r.labels.slice(0, 4)).toEqual(['mCherry', 'GFP', 'mCherry', 'GFP']);
    }
    expect(a.bigtiff).toBe(false);
    expect(b.bigtiff).toBe(true);
    expect(l).toMatchObject({ shape: [2, 8, 8], dtype: 'uint32', last: 70001 });
    expect(f).toMatchObject({ shape: [3, 5, 5], dtype: 'float32', axes: 'ZYX', last: 2.5 });
  });

  it('sees the complete time points of a crash-safe file that was never closed', async () => {
    const path = join(dir, 'acq.tif');
    const w = await createMovieWriter(path, { shape: { t: 10, z: 2, c: 1, y: 6, x: 6 }, dtype: 'uint16', meta: { channelNames: ['GFP'] }, crashSafe: true });
    for (let k = 0; k < 7; k++) await w.writePlane(new Uint16Array(36).fill(k));
    const [r] = JSON.parse(runPython(['-c', SCRIPT, path]));
    expect(r).toMatchObject({ imagej: true, shape: [3, 2, 6, 6], axes: 'TZYX', last: 5 });
    await w.abort();
  });
});
