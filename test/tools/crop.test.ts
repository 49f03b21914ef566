// The crop tool: the rectangle named by coordinates, a size or a region, every plane cut with its pixels in place, the
// calibration kept, frames and one channel kept when asked, the input untouched, and a rectangle outside the image
// refused in one line; its reading of people's words.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToolContext } from '../../src/agent/artifacts.ts';
import { openMovie } from '../../src/image/index.ts';
import { createMovieWriter } from '../../src/image/writer.ts';
import { cropRectangle, readCropRequest, tools } from '../../tools/crop.ts';
import type { RequestClause } from '../../tools/types.ts';

const dir = mkdtempSync(join(tmpdir(), 'cellpilot-crop-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const ctx = createToolContext({ sessionDir: join(dir, 'session') });
const crop = tools.find((t) => t.name === 'crop')!;
const run = (args: unknown) => crop.run(crop.schema.parse(args) as never, ctx);
const moviePath = join(dir, 'movie.tif');
const [W, H] = [40, 30];
// each pixel's value tells where and when it was: 1000 t + 100 c + (y * W + x) % 100, so a crop's pixels can be checked
const valueAt = (t: number, c: number, x: number, y: number) => 1000 * t + 100 * c + ((y * W + x) % 100);

beforeAll(async () => {
  const writer = await createMovieWriter(moviePath, { shape: { t: 5, z: 1, c: 2, y: H, x: W }, dtype: 'uint16', meta: { channelNames: ['DAPI', 'GFP'], pixelSizeUm: 0.5 } });
  for (let t = 0; t < 5; t++) for (let c = 0; c < 2; c++) await writer.writePlane(Uint16Array.from({ length: W * H }, (_, i) => valueAt(t, c, i % W, Math.floor(i / W))));
  await writer.close();
});

describe('cropRectangle', () => {
  it('places a region, a size in a region, a centred size and exact coordinates', () => {
    expect(cropRectangle(40, 30, { region: 'top_left' })).toEqual({ x: 0, y: 0, width: 20, height: 15 });
    expect(cropRectangle(40, 30, { region: 'bottom_right' })).toEqual({ x: 20, y: 15, width: 20, height: 15 });
    expect(cropRectangle(40, 30, { region: 'left_half' })).toEqual({ x: 0, y: 0, width: 20, height: 30 });
    expect(cropRectangle(40, 30, { region: 'bottom_half' })).toEqual({ x: 0, y: 15, width: 40, height: 15 });
    expect(cropRectangle(40, 30, { region: 'centre' })).toEqual({ x: 10, y: 7, width: 20, height: 15 });
    expect(cropRectangle(40, 30, { width: 10, height: 10 })).toEqual({ x: 15, y: 10, width: 10, height: 10 });
    expect(cropRectangle(40, 30, { x: 3, y: 4, width: 10, height: 6 })).toEqual({ x: 3, y: 4, width: 10, height: 6 });
  });

  it('refuses a rectangle outside the image, naming it and the image size', () => {
    expect(() => cropRectangle(40, 30, { x: 35, y: 0, width: 10, height: 10 })).toThrow(/x 35-44, y 0-9 .* does not fit in the 40 x 30 px image/);
    expect(() => cropRectangle(40, 30, {})).toThrow(/crop needs a rectangle/);
  });
});

describe('crop', () => {
  it('cuts every plane with its pixels in place, keeps the calibration and leaves the input as it was', async () => {
    const before = statSync(moviePath).mtimeMs;
    const result = await run({ movie: moviePath, x: 5, y: 7, width: 12, height: 9 });
    expect(result.values).toMatchObject({ x: 5, y: 7, width: 12, height: 9, frames: 5, channels: 2 });
    expect(result.summary).toMatch(/Cropped 12 x 9 px \(6 x 4\.5 µm\) at x 5-16, y 7-15 of the 40 x 30 px image, all 5 frames/);
    const out = await openMovie(result.artifacts[0].path);
    try {
      expect(out.shape).toMatchObject({ t: 5, z: 1, c: 2, y: 9, x: 12 });
      expect(out.meta.pixelSizeUm).toBe(0.5);
      expect(out.meta.channelNames).toEqual(['DAPI', 'GFP']);
      const plane = await out.plane(3, 0, 1);
      for (const [x, y] of [[0, 0], [11, 8], [4, 6]]) expect(plane[y * 12 + x]).toBe(valueAt(3, 1, x + 5, y + 7));
    } finally {
      await out.close();
    }
    expect(statSync(moviePath).mtimeMs).toBe(before);
  });

  it('keeps only the frames and the channel asked', async () => {
    const result = await run({ movie: moviePath, region: 'top_right', frames: { first: 2, last: 4 }, channel: 'GFP' });
    expect(result.summary).toMatch(/at x 20-39, y 0-14 \(top right\) .* frames 2-4, channel GFP only/);
    const out = await openMovie(result.artifacts[0].path);
    try {
      expect(out.shape).toMatchObject({ t: 3, c: 1, y: 15, x: 20 });
      expect(out.meta.channelNames).toEqual(['GFP']);
      expect((await out.plane(0, 0, 0))[0]).toBe(valueAt(1, 1, 20, 0));
    } finally {
      await out.close();
    }
  });

  it('refuses a rectangle outside the image in one line, writing nothing', async () => {
    const output = join(dir, 'outside.tif');
    await expect(run({ movie: moviePath, x: 30, y: 25, width: 20, height: 20, output })).rejects.toThrow(/does not fit in the 40 x 30 px image/);
    expect(() => readFileSync(output)).toThrow();
  });
});

const clause = (text: string): RequestClause => ({ text, request: text, quantities: [], paths: [], artifacts: [], earlier: [], read: {} as RequestClause['read'] });

describe("reading people's words", () => {
  it.each([
    ['crop to the top left quarter', { region: 'top_left' }],
    ['crop the lower right corner', { region: 'bottom_right' }],
    ['crop the left half', { region: 'left_half' }],
    ['crop the central 100 x 100 px', { region: 'centre', width: 100, height: 100 }],
    ['crop a 64x64 region at (10, 20)', { x: 10, y: 20, width: 64, height: 64 }],
    ['crop x 10-100, y 20-80', { x: 10, y: 20, width: 90, height: 60 }],
    ['crop from (5,5) to (60,45)', { x: 5, y: 5, width: 55, height: 40 }],
  ])('%s', (text, expected) => {
    expect(readCropRequest(clause(text))).toMatchObject(expected);
  });

  it('asks which part when none is said', () => {
    expect(readCropRequest(clause('crop the movie')).$ask).toMatch(/Which part of the image/);
  });
});

describe('frames or a channel alone', () => {
  it('keep the whole field (Fiji\'s Duplicate of a range)', () => {
    expect(cropRectangle(40, 30, { frames: { first: 1, last: 2 } })).toEqual({ x: 0, y: 0, width: 40, height: 30 });
    expect(readCropRequest(clause('crop to frames 1-20')).$ask).toBeUndefined();
  });
});
