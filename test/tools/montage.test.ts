// The montage tool: frames listed one by one or every Nth, the columns asked, masks in their colours, and the scale
// bar only where the pixel size is known (said in the summary either way); its reading of people's words.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToolContext } from '../../src/agent/artifacts.ts';
import { decodePng } from '../../src/plot/png.ts';
import { openMovie } from '../../src/image/index.ts';
import { createMovieWriter } from '../../src/image/writer.ts';
import { simulate, writeSimulation } from '../../src/sim/index.ts';
import { montageFrames, readMontageRequest, tools } from '../../tools/montage.ts';
import type { RequestClause } from '../../tools/types.ts';

const dir = mkdtempSync(join(tmpdir(), 'cellpilot-montage-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const ctx = createToolContext({ sessionDir: join(dir, 'session') });
const montage = tools.find((t) => t.name === 'montage')!;
const run = (args: unknown) => montage.run(montage.schema.parse(args) as never, ctx);
const moviePath = join(dir, 'movie.tif');
const calibrated = join(dir, 'calibrated.tif');
const uncalibrated = join(dir, 'uncalibrated.tif');

beforeAll(async () => {
  await writeSimulation(simulate({ frames: 12, width: 64, height: 48, cells: 3, seed: 5 }), moviePath, join(dir, 'gt'));
  await writeSimulation(simulate({ frames: 4, width: 64, height: 48, cells: 3, seed: 5, pixelSizeUm: 0.5 }), calibrated, join(dir, 'gt2'));
  // (the same movie with no pixel size in its header)
  const movie = await openMovie(calibrated);
  try {
    const { pixelSizeUm: _dropped, ...meta } = movie.meta;
    const writer = await createMovieWriter(uncalibrated, { shape: movie.shape, dtype: movie.dtype, meta });
    for (let t = 0; t < movie.shape.t; t++) await writer.writePlane(await movie.plane(t, 0, 0));
    await writer.close();
  } finally {
    await movie.close();
  }
});

describe('montage', () => {
  it('shows the frames listed, in the columns asked, as a PNG plot artifact', async () => {
    const result = await run({ movie: moviePath, at: [1, 5, 10], columns: 3, zoom: 1, borderPx: 0 });
    expect(result.values).toMatchObject({ panels: 3, columns: 3, rows: 1 });
    expect(result.summary).toMatch(/frames 1, 5, 10 in 3 columns x 1 row/);
    const picture = decodePng(readFileSync(result.artifacts[0].path));
    expect([picture.width, picture.height]).toEqual([192, 48]);
  });

  it('says there is no scale bar when the pixel size is unknown, and draws one when it is known', async () => {
    expect((await run({ movie: uncalibrated, at: [1, 2] })).summary).toMatch(/no scale bar: the pixel size is not known/);
    const known = await run({ movie: calibrated, at: [1, 2] });
    expect(known.summary).toMatch(/scale bar \d+ µm/);
    expect(known.values.scaleBarUm).toBeGreaterThan(0);
    expect((await run({ movie: calibrated, at: [1, 2], scaleBar: false })).summary).toMatch(/no scale bar \(as asked\)/);
  });

  it('takes every Nth frame of a range', () => {
    expect(montageFrames(20, { increment: 5 }, [0, 19])).toEqual([0, 5, 10, 15]);
    expect(montageFrames(20, { frames: { first: 3, last: 6 } }, [2, 5])).toEqual([2, 3, 4, 5]);
    // (nothing said: all frames, at most 16 panels)
    expect(montageFrames(40, {}, [0, 39])).toHaveLength(14);
  });

  it('refuses a frame outside the movie in one line, writing nothing', async () => {
    const out = join(dir, 'outside.png');
    await expect(run({ movie: moviePath, at: [2, 30], output: out })).rejects.toThrow(/frame 30 is outside the movie's 12 frames/);
    expect(existsSync(out)).toBe(false);
  });

  it('lays out a label movie as masks, each object in its colour', async () => {
    // (any 16-bit movie reads as labels: each value an object)
    const result = await run({ labels: moviePath, at: [1, 2] });
    expect(result.summary).toMatch(/frames 1, 2 of the masks/);
    expect(result.artifacts[0].type).toBe('plot');
  });

  it('outlines the objects of a label movie on the movie\'s frames when both are given (an overlay)', async () => {
    // (a square object 1 at x 10-19, y 10-19 in every frame of a 64x48 label movie)
    const labelsPath = join(dir, 'square-labels.tif');
    const writer = await createMovieWriter(labelsPath, { shape: { t: 12, z: 1, c: 1, y: 48, x: 64 }, dtype: 'uint16', meta: { channelNames: [] } });
    const plane = new Uint16Array(64 * 48);
    for (let y = 10; y < 20; y++) for (let x = 10; x < 20; x++) plane[y * 64 + x] = 1;
    for (let t = 0; t < 12; t++) await writer.writePlane(plane);
    await writer.close();
    const plain = decodePng(readFileSync((await run({ movie: moviePath, at: [1, 2], zoom: 1, borderPx: 0, frameNumbers: false, output: join(dir, 'plain.png') })).artifacts[0].path));
    const result = await run({ movie: moviePath, labels: labelsPath, at: [1, 2], zoom: 1, borderPx: 0, frameNumbers: false, output: join(dir, 'outlined.png') });
    expect(result.values.objectsOutlined).toBe(2);
    expect(result.summary).toMatch(/with the outlines of .*square-labels\.tif \(2 objects over the panels\)/);
    const outlined = decodePng(readFileSync(result.artifacts[0].path));
    const rgb = (img: typeof plain, x: number, y: number) => Array.from(img.data.slice((y * img.width + x) * 4, (y * img.width + x) * 4 + 3));
    // the border pixel (10, 15) of the first panel and (64 + 19, 12) of the second are painted, inside (15, 15) keeps the movie
    expect(rgb(outlined, 10, 15)).not.toEqual(rgb(plain, 10, 15));
    expect(rgb(outlined, 64 + 19, 12)).not.toEqual(rgb(plain, 64 + 19, 12));
    expect(rgb(outlined, 15, 15)).toEqual(rgb(plain, 15, 15));
    // (labels of another size are refused in one line, naming both sizes)
    await expect(run({ movie: calibrated, labels: join(dir, 'square-labels.tif') })).rejects.toThrow(/labels .* but the movie .* has 4/);
  });
});

const clause = (text: string): RequestClause => ({ text, request: text, quantities: [], paths: [], artifacts: [], earlier: [], read: {} as RequestClause['read'] });

describe("reading people's words", () => {
  it.each([
    ['make a montage of frames 1, 10 and 20', { at: [1, 10, 20] }],
    ['put timepoints 1, 6, 11 and 16 in a montage', { at: [1, 6, 11, 16] }],
    ['contact sheet of every 5th frame', { increment: 5 }],
    ['montage every tenth frame, 3 columns', { increment: 10, columns: 3 }],
    ['make a montage showing every other frame', { increment: 2 }],
    ['montage of alternate timepoints', { increment: 2 }],
    ['a montage of frames 1-8, no scale bar, no labels', { scaleBar: false, frameNumbers: false }],
    ['montage of the masks at frames 2, 4 and 6', { at: [2, 4, 6], $needs: ['labels'] }],
    ['montage with a scale bar', { scaleBar: true, $needs: ['movie'] }],
    ['montage of every 10th frame with the outlines drawn on', { increment: 10, $needs: ['movie', 'labels'] }],
    ['a grid of frames 1, 5 and 9 with the segmentation overlaid', { at: [1, 5, 9], $needs: ['movie', 'labels'] }],
  ])('%s', (text, expected) => {
    expect(readMontageRequest(clause(text))).toMatchObject(expected);
  });
});
