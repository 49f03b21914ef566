import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { invertMovie } from '../../bench/image.ts';
import { openMovie, writeMovie } from '../../src/image/index.ts';
import { MemoryMovie } from '../../src/image/movie.ts';

const dir = mkdtempSync(join(tmpdir(), 'bench-invert-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The bounded-memory row's work (bench/image.ts --child invert), on a small movie.
describe('the read-invert-write of the bounded-memory row', () => {
  it('writes every plane inverted, in order, with the same shape', async () => {
    const shape = { t: 3, z: 1, c: 1, y: 16, x: 24 };
    const planes = Array.from({ length: shape.t }, (_, t) => Uint16Array.from({ length: 16 * 24 }, (_, i) => (i * 37 + t * 1000) % 65536));
    await writeMovie(join(dir, 'in.tif'), new MemoryMovie(shape, 'uint16', planes));
    await invertMovie(join(dir, 'in.tif'), join(dir, 'out.tif'));
    const out = await openMovie(join(dir, 'out.tif'));
    expect(out.shape).toEqual(shape);
    for (let t = 0; t < shape.t; t++) expect(Array.from(await out.plane(t, 0, 0))).toEqual(Array.from(planes[t], (v) => 65535 - v));
    await out.close();
  });
});
