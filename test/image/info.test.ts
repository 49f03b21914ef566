// info's format line for a file series says how its files hold the planes: "one TIFF per time
// point" was printed for a series of one file per time point, z slice and channel too.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatMovieInfo, movieFromPlanes, movieInfo, openMovie, writeMovie } from '../../src/image/index.ts';

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
