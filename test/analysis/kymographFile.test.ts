// The kymograph TIFF as Fiji reads it: x in µm along the line, rows in time (it wrote µm on the
// time axis: YResolution was the lateral pixel size and no yunit was written).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kymograph, kymographRows, writeKymograph } from '../../src/analysis/kymograph.ts';
import { movieFromPlanes } from '../../src/image/movie.ts';
import { openMovie } from '../../src/image/reader.ts';
import { ALL_TOOLS } from '../../src/agent/allTools.ts';
import { runStep } from '../../src/agent/executor.ts';
import { Session } from '../../src/agent/session.ts';

const dir = mkdtempSync(join(tmpdir(), 'cellpilot-kymo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const movie = (meta: { pixelSizeUm?: number; frameIntervalS?: number }) =>
  movieFromPlanes({ t: 6, z: 1, c: 1, y: 20, x: 30 }, 'uint16', (t) => Uint16Array.from({ length: 600 }, (_, i) => 100 + ((i % 30) === 5 + t ? 900 : 0)), meta);

async function written(meta: { pixelSizeUm?: number; frameIntervalS?: number }, name: string) {
  const m = movie(meta);
  const path = join(dir, name);
  await writeKymograph(m, await kymograph(m, [[0, 10], [29, 10]], {}), path);
  return { path, text: readFileSync(path).toString('latin1'), back: await openMovie(path) };
}

describe('kymograph file calibration', () => {
  it('rows are the frame interval in minutes (yunit=min), columns the pixel size in µm', async () => {
    const { text, back } = await written({ pixelSizeUm: 0.33, frameIntervalS: 90 }, 'k1.tif');
    expect(text).toContain('unit=micron\nyunit=min\n');
    expect(back.meta.pixelSizeUm).toBeCloseTo(0.33, 6);
    expect(back.meta.yUnit).toBe('min');
    expect(back.meta.pixelSizeYUm).toBeCloseTo(1.5, 5);
  });

  it('a movie without a frame interval: rows are frames, never µm', async () => {
    const { text, back } = await written({ pixelSizeUm: 0.5 }, 'k2.tif');
    expect(text).toContain('yunit=frame\n');
    expect(back.meta.yUnit).toBe('frame');
    expect(back.meta.pixelSizeYUm).toBeCloseTo(1, 6);
  });

  it('the row unit reads best: ms, sec, min, hour', () => {
    expect(kymographRows(0.05)).toEqual({ pixelSizeYUm: 50, yUnit: 'ms' });
    expect(kymographRows(10)).toEqual({ pixelSizeYUm: 10, yUnit: 'sec' });
    expect(kymographRows(300)).toEqual({ pixelSizeYUm: 5, yUnit: 'min' });
    expect(kymographRows(7200)).toEqual({ pixelSizeYUm: 2, yUnit: 'hour' });
  });

  it('plotted later, the kymograph file keeps its time axis in minutes (the plot said "frame"), also under a told pixel size', async () => {
    const { path } = await written({ pixelSizeUm: 0.33, frameIntervalS: 90 }, 'k3.tif');
    const session = Session.create({ root: dir, id: 'plot' });
    const told = await runStep(session, ALL_TOOLS, 'set_calibration', { pixelSizeUm: 0.5 });
    expect(told.status, told.error).toBe('ok');
    const plot = await runStep(session, ALL_TOOLS, 'plot', { kind: 'kymograph', movie: path });
    expect(plot.status, plot.error).toBe('ok');
    expect(plot.values.timeUnit).toBe('min');
  });
});

