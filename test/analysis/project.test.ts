import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lut, projectMovie, temporalColorCode } from '../../src/analysis/project.ts';
import { movieFromPlanes } from '../../src/image/movie.ts';
import { openMovie, writeMovie } from '../../src/image/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'cellpilot-project-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// t=4, z=3, c=2, 5x6 planes with distinct values
const value = (t: number, z: number, c: number, i: number) => ((t * 7 + z * 13 + c * 29 + i * 3) % 50) + (i % 4);
const movie = movieFromPlanes({ t: 4, z: 3, c: 2, y: 5, x: 6 }, 'uint16', (t, z, c) => Uint16Array.from({ length: 30 }, (_, i) => value(t, z, c, i)));

function direct(values: number[], method: string): number {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (method === 'max') return Math.max(...values);
  if (method === 'min') return Math.min(...values);
  if (method === 'sum') return mean * n;
  if (method === 'mean') return mean;
  return Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
}

describe('projectMovie', () => {
  it.each(['max', 'mean', 'min', 'sum', 'std'] as const)('%s over time and over z equals the direct computation', async (method) => {
    for (const axis of ['time', 'z'] as const) {
      const out = join(dir, `${method}-${axis}.tif`);
      await projectMovie(movie, out, { method, axis });
      const p = await openMovie(out);
      expect(p.shape).toEqual(axis === 'time' ? { t: 1, z: 3, c: 2, y: 5, x: 6 } : { t: 4, z: 1, c: 2, y: 5, x: 6 });
      expect(p.dtype).toBe(method === 'max' || method === 'min' ? 'uint16' : 'float32');
      for (const [t, z, c, i] of [[0, 1, 1, 7], [3, 2, 0, 29], [2, 0, 1, 0]]) {
        const values = axis === 'time' ? [0, 1, 2, 3].map((k) => value(k, z, c, i)) : [0, 1, 2].map((k) => value(t, k, c, i));
        const plane = axis === 'time' ? await p.plane(0, z, c) : await p.plane(t, 0, c);
        expect(plane[i]).toBeCloseTo(direct(values, method), 4);
      }
      await p.close();
    }
  });

  it.each(['max', 'min', 'mean'] as const)('%s of a movie read from disk (planes streamed through one buffer) equals the in-memory result, every pixel', async (method) => {
    const onDisk = join(dir, `stream-source-${method}.tif`);
    await writeMovie(onDisk, movie);
    const source = await openMovie(onDisk);
    for (const axis of ['time', 'z'] as const) {
      const fromDisk = join(dir, `stream-${method}-${axis}.tif`);
      const fromMemory = join(dir, `memory-${method}-${axis}.tif`);
      await projectMovie(source, fromDisk, { method, axis });
      await projectMovie(movie, fromMemory, { method, axis });
      const [a, b] = [await openMovie(fromDisk), await openMovie(fromMemory)];
      for (let t = 0; t < a.shape.t; t++) for (let z = 0; z < a.shape.z; z++) for (let c = 0; c < a.shape.c; c++) expect([...(await a.plane(t, z, c))]).toEqual([...(await b.plane(t, z, c))]);
      await a.close();
      await b.close();
    }
    await source.close();
  });

  it('a frame range outside the movie is a one-line error', async () => {
    await expect(projectMovie(movie, join(dir, 'bad.tif'), { range: [2, 9] })).rejects.toThrow(/outside the movie's 1 to 4/);
  });
});

describe('temporalColorCode', () => {
  it('tints each frame with the Fire colour of its time and max-projects to RGB', async () => {
    // a spot at x = t on a dark background: pixel x carries frame t's colour
    const spots = movieFromPlanes({ t: 4, z: 1, c: 1, y: 2, x: 4 }, 'uint8', (t) => Uint8Array.from({ length: 8 }, (_, i) => (i % 4 === t ? 200 : 0)));
    const out = join(dir, 'colour.tif');
    const { colors } = await temporalColorCode(spots, out);
    const fire = lut('fire');
    expect(colors).toEqual([fire[0], fire[85], fire[170], fire[255]]);
    expect(fire[255]).toEqual([255, 255, 255]);
    const rgb = await openMovie(out);
    expect(rgb.shape).toEqual({ t: 1, z: 1, c: 3, y: 2, x: 4 });
    for (let k = 0; k < 3; k++) expect((await rgb.plane(0, 0, k))[2]).toBe(fire[170][k]);
    await rgb.close();
  });
});
