// export of some frames of a movie (Fiji's Make Substack): the file holds those frames, renumbered from 1, as TIFF or
// PNG; a range outside the movie is a one-line error; labels made from some frames are cut in the frames said.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToolContext } from '../../src/agent/artifacts.ts';
import { openMovie } from '../../src/image/index.ts';
import { simulate, writeSimulation } from '../../src/sim/index.ts';
import { tools } from '../../tools/track.ts';

const dir = mkdtempSync(join(tmpdir(), 'cellpilot-export-frames-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const ctx = createToolContext({ sessionDir: join(dir, 'session') });
const exportTool = tools.find((t) => t.name === 'export')!;
const exported = (args: unknown) => exportTool.run(exportTool.schema.parse(args) as never, ctx);
const moviePath = join(dir, 'movie.tif');

beforeAll(async () => {
  await writeSimulation(simulate({ frames: 6, width: 32, height: 32, cells: 2, seed: 3 }), moviePath, join(dir, 'gt'));
});

describe('export of some frames', () => {
  it('writes frames 2-4 as a TIFF of 3 frames whose first is frame 2', async () => {
    const result = await exported({ format: 'tiff', movie: moviePath, frames: { first: 2, last: 4 } });
    expect(result.summary).toMatch(/\(3 frames \(frames 2-4 of 6\)\)/);
    const [whole, part] = [await openMovie(moviePath), await openMovie(result.artifacts[0].path)];
    try {
      expect(part.shape.t).toBe(3);
      for (let t = 0; t < 3; t++) expect(Array.from(await part.plane(t, 0, 0))).toEqual(Array.from(await whole.plane(t + 1, 0, 0)));
    } finally {
      await whole.close();
      await part.close();
    }
  });

  it('writes PNG pictures of those frames only', async () => {
    const result = await exported({ format: 'png', movie: moviePath, frames: { first: 5, last: 6 } });
    expect(result.values.files).toBe(2);
    expect(readdirSync(result.artifacts[0].path).filter((f) => f.endsWith('.png'))).toHaveLength(2);
  });

  it('refuses frames outside the movie in one line, writing nothing', async () => {
    const out = join(dir, 'outside.tif');
    await expect(exported({ format: 'tiff', movie: moviePath, frames: { first: 4, last: 9 }, output: out })).rejects.toThrow(/frames 4 to 9 are outside the movie's 1 to 6/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('frames where they do not apply', () => {
  it('are named for tracks and tables (written whole), never for a movie or labels', () => {
    const why = exportTool.inapplicable!.frames;
    expect(why({ format: 'csv', table: 'table-1', frames: { first: 1, last: 2 } })).toMatch(/tracks and tables are written whole/);
    expect(why({ format: 'trackmate', tracks: 'tracks-1', frames: { first: 1, last: 2 } })).toMatch(/written whole/);
    expect(why({ format: 'tiff', movie: 'movie-1', frames: { first: 1, last: 2 } })).toBeUndefined();
    expect(why({ movie: 'movie-1', frames: { first: 1, last: 2 } })).toBeUndefined();
  });
});
