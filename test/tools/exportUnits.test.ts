// Export labelled by what it wrote, its format taken from what is exported; measure summaries
// with their units (px², frames) and the calibration that is missing named.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createToolContext } from '../../src/agent/artifacts.ts';
import { MemoryMovie, writeMovie } from '../../src/image/index.ts';
import { simulate } from '../../src/sim/index.ts';
import { tools } from '../../tools/track.ts';

const dir = mkdtempSync(join(tmpdir(), 'cellpilot-export-units-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ctx = createToolContext({ sessionDir: join(dir, 'session') });
async function call(name: string, args: unknown) {
  const spec = tools.find((t) => t.name === name)!;
  return spec.run(spec.schema.parse(args) as never, ctx);
}

describe('export and measure summaries', () => {
  // uncalibrated on purpose: no pixel size, no frame interval in the file
  const sim = simulate({ frames: 6, width: 64, height: 64, cells: 5, seed: 3, divisionRate: 0 });
  const labelsPath = join(dir, 'labels.tif');
  const moviePath = join(dir, 'movie.tif');

  it('writes a movie as TIFF when no format is named, and says what it wrote', async () => {
    await writeMovie(moviePath, sim.movie);
    const out = await call('export', { movie: moviePath, output: join(dir, 'copy.tif') });
    expect(out.values).toMatchObject({ format: 'tiff', frames: 6 });
    expect(String(out.values.did)).toBe(`write ${moviePath} as TIFF copy.tif`);
    expect(String(out.values.did)).not.toMatch(/track/);
  });

  it('writes a movie as PNG pictures when asked, and says the grey levels are not kept', async () => {
    await writeMovie(moviePath, sim.movie);
    const out = await call('export', { movie: moviePath, format: 'png', output: join(dir, 'pictures') });
    expect(out.values).toMatchObject({ format: 'png', files: 6 });
    expect(out.summary).toMatch(/6 pictures in pictures\/.*not kept: export as TIFF to measure/);
  });

  it('writes the labels tracks were made on as TIFF when only the tracks are named', async () => {
    const labels = join(dir, 'tracked-labels.tif');
    await writeMovie(labels, sim.labels);
    const tracked = await call('track', { labels });
    const out = await call('export', { tracks: tracked.artifacts[0].id, format: 'tiff', output: join(dir, 'masks.tif') });
    // it failed: 'format "tiff" needs `movie` or `labels`'
    expect(out.values).toMatchObject({ format: 'tiff', frames: 6 });
    expect(out.artifacts[0].type).toBe('labels');
  });

  it('refuses an export with nothing to write, naming the inputs', async () => {
    await expect(call('export', {})).rejects.toThrow(/`tracks`, `labels`, `movie` or `table`/);
  });

  it('gives an area in µm² beside px² when the pixel size is known', async () => {
    const calibrated = join(dir, 'calibrated-labels.tif');
    await writeMovie(calibrated, sim.labels);
    const objects = await call('measure', { kind: 'objects', labels: calibrated });
    const areaPx = Number(/mean area ([\d.]+) px²/.exec(objects.summary)![1]);
    const areaUm2 = Number(/\(([\d.]+) µm² at 0\.5 µm\/px\)/.exec(objects.summary)![1]);
    expect(areaUm2).toBeCloseTo(areaPx * 0.25, 1);
  });

  it('quotes a long pixel size from a file at four significant digits', async () => {
    const l = sim.labels;
    const odd = join(dir, 'odd-calibration-labels.tif');
    await writeMovie(odd, new MemoryMovie(l.shape, 'uint16', l.planes, { channelNames: ['labels'], pixelSizeUm: 0.41513292348643577 }, 'odd'));
    const objects = await call('measure', { kind: 'objects', labels: odd });
    expect(objects.summary).toMatch(/µm² at 0\.4151 µm\/px\)/);
  });

  it('names px², frames and the missing calibration in the summaries', async () => {
    const l = sim.labels;
    await writeMovie(labelsPath, new MemoryMovie(l.shape, 'uint16', l.planes, { channelNames: ['labels'] }, 'uncalibrated labels'));
    const objects = await call('measure', { kind: 'objects', labels: labelsPath });
    expect(objects.summary).toMatch(/mean area [\d.]+ px² \(no calibration known\)/);
    const tracked = await call('track', { labels: labelsPath });
    const feats = await call('measure', { kind: 'tracks', tracks: tracked.artifacts[0].id });
    expect(feats.summary).toMatch(/mean speed [\d.]+ px\/frame, mean duration [\d.]+ frames \(no calibration known: no pixel size or frame interval/);
    const links = await call('measure', { kind: 'links', tracks: tracked.artifacts[0].id });
    expect(links.summary).toMatch(/px\/frame \(no calibration known/);
  });
});
