// Movies and label movies as PNG pictures (src/plot/planePictures.ts): one file for one plane, a folder named by frame,
// slice and channel for more, one contrast stretch for the whole movie, objects filled in their colours.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { movieFromPlanes } from '../../src/image/movie.ts';
import { decodePng } from '../../src/plot/png.ts';
import { writePlanePictures } from '../../src/plot/planePictures.ts';

const dir = mkdtempSync(join(tmpdir(), 'cellpilot-pictures-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A ramp whose brightness grows with the frame: frame t holds values 100*t .. 100*t + 99 along x. */
const ramp = (frames: number, channels = 1) => movieFromPlanes({ t: frames, z: 1, c: channels, y: 4, x: 100 }, 'uint16', (t, _z, c) => Uint16Array.from({ length: 400 }, (_, i) => 100 * t + (i % 100) + 1000 * c));

describe('writePlanePictures', () => {
  it('writes one plane as one PNG file, stretched black to white', async () => {
    const out = join(dir, 'one.png');
    const written = await writePlanePictures(ramp(1), out, { labels: false });
    expect(written.files).toBe(1);
    const image = decodePng(readFileSync(out));
    expect([image.width, image.height]).toEqual([100, 4]);
    expect(image.data[0]).toBe(0);
    expect(image.data[99 * 4]).toBe(255);
  });

  it('writes a movie as a folder of frames with one stretch for all, so later brighter frames stay brighter', async () => {
    const out = join(dir, 'frames');
    await writePlanePictures(ramp(5), out, { labels: false });
    expect(readdirSync(out).sort()).toEqual(['t001.png', 't002.png', 't003.png', 't004.png', 't005.png']);
    const mean = (name: string) => { const d = decodePng(readFileSync(join(out, name))).data; let s = 0; for (let i = 0; i < d.length; i += 4) s += d[i]; return s / (d.length / 4); };
    expect(mean('t005.png')).toBeGreaterThan(mean('t001.png') + 100);
  });

  it('names each channel when the channels have no colours to merge in', async () => {
    const out = join(dir, 'channels');
    const written = await writePlanePictures(ramp(2, 2), out, { labels: false });
    expect(written.merged).toBe(false);
    expect(readdirSync(out).sort()).toEqual(['t001_c1.png', 't001_c2.png', 't002_c1.png', 't002_c2.png']);
  });

  it('fills each object of a label movie in its own colour on black', async () => {
    const labels = movieFromPlanes({ t: 1, z: 1, c: 1, y: 2, x: 3 }, 'uint16', () => Uint16Array.from([0, 1, 2, 0, 1, 2]));
    const out = join(dir, 'labels.png');
    await writePlanePictures(labels, out, { labels: true });
    const d = decodePng(readFileSync(out)).data;
    expect([d[0], d[1], d[2]]).toEqual([0, 0, 0]);
    const one = [d[4], d[5], d[6]];
    const two = [d[8], d[9], d[10]];
    expect(one).not.toEqual([0, 0, 0]);
    expect(one).not.toEqual(two);
  });

  it('leaves no half-written folder behind when cancelled', async () => {
    const out = join(dir, 'cancelled');
    const controller = new AbortController();
    controller.abort();
    await expect(writePlanePictures(ramp(3), out, { labels: false, signal: controller.signal })).rejects.toThrow(/cancelled/);
    expect(existsSync(out)).toBe(false);
  });
});
