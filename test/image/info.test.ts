// info's format line for a file series says how its files hold the planes: "one TIFF per time
// point" was printed for a series of one file per time point, z slice and channel too.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatMovieInfo, movieFromPlanes, movieInfo, openMovie, writeMovie } from '../../src/image/index.ts';
import { readEndPlanes, uniformPlanesNote, wholeIsCheap } from '../../src/image/info.ts';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

const planes = (z: number) => movieFromPlanes({ t: 1, z, c: 1, y: 4, x: 5 }, 'uint16', () => new Uint16Array(20).fill(7));
const formatLine = async (path: string) => {
  const m = await openMovie(path);
  const info = movieInfo(m);
  await m.close();
  return { info, line: formatMovieInfo(info).split('\n').find((l) => l.startsWith('format'))! };
};

describe('movie info of a file series', () => {
  it('one file per plane (t, z and channel in the names), one per time point (z-stacks), and none for one file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cellpilot-info-'));
    dirs.push(dir);
    const perPlane = join(dir, 'per-plane');
    await mkdir(perPlane);
    for (const t of [1, 2]) for (const z of [1, 2]) for (const c of [1, 2]) await writeMovie(join(perPlane, `img_t00${t}_z0${z}_c${c}.tif`), planes(1));
    const a = await formatLine(perPlane);
    expect(a.info.files).toBe(8);
    expect(a.line).toMatch(/file series \(8 TIFF files, one per plane\)$/);
    const stacks = join(dir, 'stacks');
    await mkdir(stacks);
    for (const t of [1, 2, 3]) await writeMovie(join(stacks, `stack-${t}.tif`), planes(4));
    expect((await formatLine(stacks)).line).toMatch(/file series \(3 TIFF files, one per time point\)$/);
    await writeMovie(join(dir, 'one.tif'), planes(2));
    const one = await formatLine(join(dir, 'one.tif'));
    expect(one.info.files).toBeUndefined();
    expect(one.line).toMatch(/TIFF$/);
  });
});

describe('planes read to tell a blank movie', () => {
  it('reads every plane of a small movie and only the first and the last of a large one', async () => {
    const zeros = new Uint16Array(512 * 512);
    /** A blank movie of `t` planes of 512 KiB (one buffer shared), noting the time index of each plane read. */
    const counted = (t: number, read: number[]) => {
      const movie = movieFromPlanes({ t, z: 1, c: 1, y: 512, x: 512 }, 'uint16', () => zeros);
      const plane = movie.plane.bind(movie);
      movie.plane = (ti, zi, ci) => (read.push(ti), plane(ti, zi, ci));
      return movie;
    };
    const smallRead: number[] = [];
    const small = counted(3, smallRead);
    expect(wholeIsCheap(small)).toBe(true);
    expect([...(await readEndPlanes(small))]).toEqual([0]);
    expect(smallRead).toEqual([0, 1, 2]);
    // 100 planes of 512 KiB are over the cheap whole read
    const largeRead: number[] = [];
    const large = counted(100, largeRead);
    expect(wholeIsCheap(large)).toBe(false);
    await readEndPlanes(large);
    expect(largeRead).toEqual([0, 99]);
  });

  it('words the note by the planes read, and gives none where values vary', () => {
    expect(uniformPlanesNote(new Set([0]), true)).toBe('every plane holds one value (every pixel 0): nothing to analyse there; is this the right file or channel?');
    expect(uniformPlanesNote(new Set([255]), false)).toMatch(/^the first and the last plane hold one value \(every pixel 255\)/);
    expect(uniformPlanesNote(new Set([0, 3]), true)).toBeUndefined();
  });
});
