// The name a movie's results go by: a session's "NAME-labels.tif", "NAME-labels-ctc", run's
// output folder. A frame pattern "t00?.tif" made "t00_-labels-ctc" (its "?" written as "_").
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createToolContext } from '../../src/agent/artifacts.ts';
import { writeMovie } from '../../src/image/index.ts';
import { movieFromPlanes } from '../../src/image/movie.ts';
import { movieStem } from '../../src/image/moviePath.ts';
import { simulate } from '../../src/sim/index.ts';
import { tools as segmentTools } from '../../tools/segment.ts';
import { tools as trackTools } from '../../tools/track.ts';

const dir = mkdtempSync(join(tmpdir(), 'cellpilot-stem-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('movieStem', () => {
  it('names a pattern by its folder and fixed part, without the frame number\'s digits', () => {
    expect(movieStem('/data/day1/t00?.tif')).toBe('day1_t');
    expect(movieStem('/data/day1/t0??.tif')).toBe('day1_t');
    expect(movieStem('/data/series/t{t:3}.tif')).toBe('series_t');
    expect(movieStem('/data/ser/*xy2*.tif')).toBe('ser_xy2');
    expect(movieStem('/data/exp/exp_t{t:3}xy1c1.ome.tif')).toBe('exp_exp_t_xy1c1');
    expect(movieStem('/data/run3/???.tif')).toBe('run3');
    expect(movieStem('/data/a/cells.ome.tif')).toBe('cells');
    expect(movieStem('/data/a/cells.tif')).toBe('cells');
  });

  it('a movie given as "t00?.tif" is segmented, tracked and exported for the CTC as day1_t-labels-ctc', async () => {
    const sim = simulate({ frames: 4, width: 64, height: 64, cells: 4, seed: 3, divisionRate: 0 });
    const folder = join(dir, 'day1');
    mkdirSync(folder);
    for (let t = 0; t < 4; t++) {
      const plane = (await sim.movie.plane(t, 0, 0)) as Uint16Array;
      await writeMovie(join(folder, `t00${t}.tif`), movieFromPlanes({ t: 1, z: 1, c: 1, y: 64, x: 64 }, 'uint16', () => plane));
    }
    const ctx = createToolContext({ sessionDir: join(dir, 'session') });
    const call = async (name: string, args: unknown) => {
      const spec = [...segmentTools, ...trackTools].find((t) => t.name === name)!;
      return spec.run(spec.schema.parse(args) as never, ctx);
    };
    const segmented = await call('segment', { movie: join(folder, 't00?.tif') });
    expect(basename(segmented.artifacts[0].path)).toBe('day1_t-labels.tif');
    const tracked = await call('track', { labels: segmented.artifacts[0].id });
    const ctc = await call('export', { format: 'ctc', tracks: tracked.artifacts[0].id });
    expect(basename(ctc.artifacts[0].path)).toBe('day1_t-labels-ctc');
    expect(existsSync(join(ctc.artifacts[0].path, 'res_track.txt'))).toBe(true);
    // labels given as a pattern name the tracks the same way
    for (let t = 0; t < 4; t++) {
      const plane = (await sim.labels.plane(t, 0, 0)) as Uint16Array;
      await writeMovie(join(folder, `lab00${t}.tif`), movieFromPlanes({ t: 1, z: 1, c: 1, y: 64, x: 64 }, 'uint16', () => plane));
    }
    const fromPattern = await call('track', { labels: join(folder, 'lab00?.tif') });
    expect(basename(fromPattern.artifacts[0].path)).toBe('day1_lab.tracks.json');
  });
});
