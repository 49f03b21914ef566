// A frame pattern written as in the shell, "t00?.tif" (quoted), opens the frames it names
// (it was "no such file" in info, ask and run, while "t00*.tif" worked).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inspectInput } from '../../src/agent/filePolicy.ts';
import { writeMovie } from '../../src/image/index.ts';
import { movieFromPlanes } from '../../src/image/movie.ts';
import { isPattern, movieInputExists } from '../../src/image/moviePath.ts';
import { openMovie } from '../../src/image/reader.ts';

const dir = mkdtempSync(join(tmpdir(), 'cellpilot-qmark-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('"?" in a frame pattern', () => {
  it('matches one character: t00?.tif is t000..t009, not t010', async () => {
    for (const t of [0, 1, 2, 10]) await writeMovie(join(dir, `t${String(t).padStart(3, '0')}.tif`), movieFromPlanes({ t: 1, z: 1, c: 1, y: 8, x: 8 }, 'uint16', () => new Uint16Array(64).fill(t)));
    const pattern = join(dir, 't00?.tif');
    expect(isPattern(pattern)).toBe(true);
    expect(movieInputExists(pattern)).toBe(true);
    expect(inspectInput(pattern, pattern, ['movie']).kind).toBe('pattern');
    const movie = await openMovie(pattern);
    expect(movie.shape.t).toBe(3);
    expect((await movie.plane(2, 0, 0))[0]).toBe(2);
    await movie.close();
    expect(movieInputExists(join(dir, 'x??.tif'))).toBe(false);
  });
});
