import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openMovie } from '../../src/image/index.ts';
import { simulate, simulateToFiles, writeSimulation, ctcFrameName } from '../../src/sim/index.ts';
import { makeFolder } from '../../src/sim/truth.ts';

const dir = mkdtempSync(join(tmpdir(), 'cellpilot-sim-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function planeOf(path: string, t: number, z = 0, c = 0) {
  const movie = await openMovie(path);
  try {
    return await movie.plane(t, z, c);
  } finally {
    await movie.close();
  }
}

describe('writeSimulation and simulateToFiles', () => {
  const options = { frames: 6, width: 80, height: 64, cells: 6, seed: 11, driftPx: 2.5, divisionRate: 0.2, mitosisFrames: 1, brightfield: true, z: 2 };
  const result = simulate(options);

  it('writes the movie and Cell Tracking Challenge ground truth that read back identically', async () => {
    const moviePath = join(dir, 'movie.tif');
    const truth = join(dir, 'gt');
    await writeSimulation(result, moviePath, truth);
    const movie = await openMovie(moviePath);
    expect(movie.shape).toEqual({ t: 6, z: 2, c: 2, y: 64, x: 80 });
    expect(movie.meta.pixelSizeUm).toBeCloseTo(0.5, 6);
    expect(movie.meta.frameIntervalS).toBeCloseTo(60, 6);
    expect(movie.meta.channelNames).toEqual(['nuclei', 'brightfield']);
    expect(await movie.plane(5, 1, 1)).toEqual(await result.movie.plane(5, 1, 1));
    await movie.close();

    const manTrack = readFileSync(join(truth, 'TRA', 'man_track.txt'), 'utf8').trim().split('\n').map((l) => l.split(' ').map(Number));
    expect(manTrack).toEqual(result.lineage.map((r) => [r.id, r.start, r.end, r.parent]));
    expect(result.lineage.some((r) => r.parent > 0)).toBe(true);

    const drift = readFileSync(join(truth, 'drift.csv'), 'utf8').trim().split('\n');
    expect(drift[0]).toBe('t,dx_px,dy_px');
    drift.slice(1).forEach((line, t) => {
      const [tt, dx, dy] = line.split(',').map(Number);
      expect(tt).toBe(t);
      expect(dx).toBeCloseTo(result.drift[t].dxPx, 5);
      expect(dy).toBeCloseTo(result.drift[t].dyPx, 5);
    });

    for (let t = 0; t < 6; t++) {
      for (const kind of ['TRA/man_track', 'SEG/man_seg']) {
        const masks = await openMovie(join(truth, `${kind}${ctcFrameName(t, 6)}.tif`));
        expect(masks.shape).toEqual({ t: 1, z: 2, c: 1, y: 64, x: 80 });
        expect(masks.dtype).toBe('uint16');
        for (let z = 0; z < 2; z++) expect(await masks.plane(0, z, 0)).toEqual(await result.labels.plane(t, z, 0));
        await masks.close();
      }
    }
    expect(await planeOf(join(truth, 'clean.tif'), 3, 1, 0)).toEqual(await result.clean.plane(3, 1, 0));
    expect(await planeOf(join(truth, 'nuclei.tif'), 2, 0, 0)).toEqual(await result.nuclei!.plane(2, 0, 0));
  });

  it('streams the same files frame by frame', async () => {
    const moviePath = join(dir, 'streamed.tif');
    const truth = join(dir, 'gt-streamed');
    const progress: number[] = [];
    const files = await simulateToFiles(options, moviePath, truth, { onProgress: (done) => progress.push(done) });
    expect(progress).toEqual([1, 2, 3, 4, 5, 6]);
    expect(files.lineage).toEqual(result.lineage);
    expect(files.divisions).toBe(new Set(result.lineage.filter((r) => r.parent).map((r) => r.parent)).size);
    expect(readFileSync(join(truth, 'TRA', 'man_track.txt'), 'utf8')).toBe(readFileSync(join(dir, 'gt', 'TRA', 'man_track.txt'), 'utf8'));
    expect(readFileSync(moviePath)).toEqual(readFileSync(join(dir, 'movie.tif')));
    expect(readFileSync(join(truth, 'SEG', 'man_seg005.tif'))).toEqual(readFileSync(join(dir, 'gt', 'SEG', 'man_seg005.tif')));
  });

  it('stops on abort without leaving a movie behind', async () => {
    const controller = new AbortController();
    const moviePath = join(dir, 'aborted.tif');
    const run = simulateToFiles({ frames: 20, width: 64, height: 64, cells: 4 }, moviePath, join(dir, 'gt-aborted'), {
      signal: controller.signal,
      onProgress: (done) => done === 3 && controller.abort(),
    });
    await expect(run).rejects.toThrow();
    expect(existsSync(moviePath)).toBe(false);
  });

  it('names CTC frames with three digits, more for long movies', () => {
    expect(ctcFrameName(7, 50)).toBe('007');
    expect(ctcFrameName(999, 1000)).toBe('999');
    expect(ctcFrameName(12, 1001)).toBe('0012');
  });
});

describe('makeFolder (mkdir -p for the truth folder)', () => {
  it('creates nested folders and accepts existing ones', async () => {
    const path = join(dir, 'a', 'b', 'c');
    await makeFolder(path);
    await makeFolder(path);
    expect(existsSync(path)).toBe(true);
  });

  it.skipIf(!existsSync('/proc/self'))('a parent that refuses new entries (/proc) is a one-line error, not a hang (Node 20 recursive mkdir loops there)', async () => {
    await expect(makeFolder('/proc/cellpilot-truth/TRA')).rejects.toThrow(/cannot create the folder \/proc\/cellpilot-truth \(ENOENT\): choose a writable location/);
  });
});
