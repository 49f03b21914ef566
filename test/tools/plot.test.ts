import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createToolContext } from '../../src/agent/artifacts.ts';
import { writeMovie } from '../../src/image/index.ts';
import { movieFromPlanes } from '../../src/image/movie.ts';
import { saveTracksJson } from '../../src/analysis/trackio.ts';
import { writeTableCsv } from '../../src/analysis/table.ts';
import type { Tracks } from '../../src/analysis/tracks.ts';
import { decodePng } from '../../src/plot/png.ts';
import { tools } from '../../tools/plot.ts';
import { clauseForTool } from '../../src/agent/planner/builders.ts';

const dir = mkdtempSync(join(tmpdir(), 'cellpilot-plot-tool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const W = 48, H = 32, T = 6;
// two square cells moving right by 2 px per frame; labels 1 and 2
const centre = (cell: number, t: number) => ({ x: 8 + 2 * t + (cell === 2 ? 10 : 0), y: cell === 1 ? 8 : 22 });
const inCell = (cell: number, t: number, x: number, y: number) => Math.abs(x - centre(cell, t).x) <= 3 && Math.abs(y - centre(cell, t).y) <= 3;
const movie = movieFromPlanes({ t: T, z: 1, c: 1, y: H, x: W }, 'uint16', (t) =>
  Uint16Array.from({ length: W * H }, (_, i) => (inCell(1, t, i % W, Math.floor(i / W)) || inCell(2, t, i % W, Math.floor(i / W)) ? 900 : 100)),
);
const labels = movieFromPlanes({ t: T, z: 1, c: 1, y: H, x: W }, 'uint16', (t) =>
  Uint16Array.from({ length: W * H }, (_, i) => (inCell(1, t, i % W, Math.floor(i / W)) ? 1 : inCell(2, t, i % W, Math.floor(i / W)) ? 2 : 0)),
);
const tracks: Tracks = {
  frames: T,
  spots: [1, 2].flatMap((cell) => Array.from({ length: T }, (_, t) => ({ id: (cell - 1) * T + t + 1, t, ...centre(cell, t), label: cell, branchId: cell }))),
  branches: [1, 2].map((cell) => ({ id: cell, start: 0, end: T - 1, parent: 0, spotIds: Array.from({ length: T }, (_, t) => (cell - 1) * T + t + 1) })),
};

async function call(args: unknown, ctx: ReturnType<typeof createToolContext>) {
  const spec = tools[0];
  return spec.run(spec.schema.parse(args) as never, ctx);
}

describe('plot tool', () => {
  const ctx = createToolContext({ sessionDir: join(dir, 'session'), toolName: 'plot' });
  const moviePath = join(dir, 'cells.tif');
  const labelsPath = join(dir, 'labels.tif');
  const tracksPath = join(dir, 'cells.tracks.json');
  const tablePath = join(dir, 'objects.csv');
  const setup = (async () => {
    await writeMovie(moviePath, movie);
    await writeMovie(labelsPath, labels);
    saveTracksJson(tracksPath, tracks);
    writeTableCsv(tablePath, {
      columns: ['label', 't', 'area_px', 'mean_intensity_c1'],
      rows: [1, 2].flatMap((label) => Array.from({ length: T }, (_, t) => ({ label, t, area_px: 49 + label * t, mean_intensity_c1: 900 }))),
    });
  })();

  it('describes every argument', () => {
    for (const [key, field] of Object.entries(tools[0].schema.shape)) expect((field as { description?: string }).description, key).toBeTruthy();
  });

  it('time series per track joins measurements to tracks through (frame, label)', async () => {
    await setup;
    const result = await call({ kind: 'timeseries', table: tablePath, tracks: tracksPath, feature: 'area' }, ctx);
    expect(result.values).toMatchObject({ kind: 'timeseries', feature: 'area_px', tracks: 2, time: 't' });
    expect(result.artifacts[0].type).toBe('plot');
    const spec = JSON.parse(readFileSync(result.values.spec as string, 'utf8'));
    const values = spec.layer[0].data.values as { t: number; area_px: number; track_id: number }[];
    expect(values).toHaveLength(12);
    expect(values.find((v) => v.t === 3 && v.track_id === 2)?.area_px).toBe(55);
    expect(readFileSync(result.values.svg as string, 'utf8')).toContain('<svg');
    expect(decodePng(readFileSync(result.artifacts[0].path)).width).toBe(result.values.widthPx);
  }, 30000);

  it('"speed over time" from a per-track table (no time column) and the tracks draws the tracks\' steps against time', async () => {
    await setup;
    const perTrack = join(dir, 'per-track.csv');
    writeTableCsv(perTrack, { columns: ['TRACK_ID', 'TRACK_MEAN_SPEED'], rows: [{ TRACK_ID: 1, TRACK_MEAN_SPEED: 2 }, { TRACK_ID: 2, TRACK_MEAN_SPEED: 2 }] });
    const result = await call({ kind: 'timeseries', table: perTrack, tracks: tracksPath, feature: 'speed' }, ctx);
    expect(result.values).toMatchObject({ kind: 'timeseries', tracks: 2 });
    expect(String(result.values.feature)).toMatch(/speed/);
    expect(result.summary).toContain('has one row per track and no time column, so the series is drawn from the steps of');
    // without tracks the error names the missing time column
    await expect(call({ kind: 'timeseries', table: perTrack, feature: 'TRACK_MEAN_SPEED' }, ctx)).rejects.toThrow(/needs a time column/);
  }, 30000);

  it('a track feature plotted from the track-features CSV has its unit on the axis, as the CSV header says it (µm/min calibrated, px/frame not)', async () => {
    await setup;
    const { trackTable } = await import('../../src/analysis/trackFeatures.ts');
    for (const [calibration, speedUnit, lengthUnit] of [
      [{ pixelSizeUm: 0.5, frameIntervalS: 60 }, 'µm/min', 'µm'],
      [{}, 'px/frame', 'px'],
    ] as const) {
      const features = join(dir, `track-features-${lengthUnit}.csv`);
      writeTableCsv(features, trackTable({ ...tracks, ...calibration }).table);
      const hist = await call({ kind: 'histogram', table: features, feature: 'TRACK_MEAN_SPEED' }, ctx);
      const histSpec = JSON.parse(readFileSync(hist.values.spec as string, 'utf8'));
      expect(histSpec.encoding.x.title).toBe(`TRACK MEAN SPEED (${speedUnit})`);
      expect(hist.summary).toContain(`TRACK MEAN SPEED (${speedUnit})`);
      const scatter = await call({ kind: 'scatter', table: features, feature: 'TRACK_DISPLACEMENT', xFeature: 'TRACK_MEAN_SPEED' }, ctx);
      const scatterSpec = JSON.parse(readFileSync(scatter.values.spec as string, 'utf8'));
      expect(scatterSpec.encoding.x.title).toBe(`TRACK MEAN SPEED (${speedUnit})`);
      expect(scatterSpec.encoding.y.title).toBe(`TRACK DISPLACEMENT (${lengthUnit})`);
    }
  }, 30000);

  it('an MSD table (no time column) is drawn against its lag time, per track, its pooled "all" rows left out and named', async () => {
    await setup;
    const { meanSquaredDisplacement } = await import('../../src/analysis/msd.ts');
    const msdPath = join(dir, 'msd.csv');
    writeTableCsv(msdPath, meanSquaredDisplacement({ ...tracks, pixelSizeUm: 0.5, frameIntervalS: 30 }, { maxLag: 3 }).table);
    const result = await call({ table: msdPath }, ctx);
    expect(result.values).toMatchObject({ kind: 'timeseries', feature: 'msd', time: 'tau', tracks: 2, yTitle: 'msd (µm²)', xTitle: 'tau (s)' });
    expect(result.summary).toContain('msd (µm²) against tau (s) for 2 tracks');
    expect(result.summary).toContain('the rows of branch_id "all" (not a track) are left out');
    const spec = JSON.parse(readFileSync(result.values.spec as string, 'utf8'));
    expect(spec.title).toMatch(/^msd \(µm²\) against tau \(s\)/);
    expect(spec.layer[0].data.values).toHaveLength(6);
  }, 30000);

  it('an embedding\'s table (pca_1, pca_2, cluster; no time column) plotted with no kind asked is its scatter (it failed: "a time series needs a time column")', async () => {
    await setup;
    const embedded = join(dir, 'embedding.csv');
    writeTableCsv(embedded, { columns: ['branch_id', 'pca_1', 'pca_2', 'cluster'], rows: [1, 2, 3, 4].map((b) => ({ branch_id: b, pca_1: b, pca_2: -b, cluster: b % 2 })) });
    const result = await call({ table: embedded }, ctx);
    expect(result.values).toMatchObject({ kind: 'scatter', x: 'pca_1', y: 'pca_2', colorBy: 'cluster', n: 4 });
    // a table with a time column stays a time series when no kind is asked
    expect((await call({ table: tablePath, feature: 'area_px' }, ctx)).values.kind).toBe('timeseries');
  }, 30000);

  it('a time series from the tracks names the tracks it could not draw (a one-spot track has no speed): it said "2 tracks" of 3 unexplained', async () => {
    await setup;
    const withLoner: Tracks = {
      ...tracks,
      spots: [...tracks.spots, { id: 100, t: 2, x: 40, y: 28, label: 3, branchId: 3 }],
      branches: [...tracks.branches, { id: 3, start: 2, end: 2, parent: 0, spotIds: [100] }],
    };
    const path = join(dir, 'with-loner.tracks.json');
    saveTracksJson(path, withLoner);
    const result = await call({ kind: 'timeseries', tracks: path, feature: 'speed' }, ctx);
    expect(result.values).toMatchObject({ tracks: 2 });
    expect(result.summary).toMatch(/; 1 of the 3 tracks \(1 of 3 branches\) have no speed \(px\/frame\) value and are not drawn: a track of one spot makes no step/);
    // all drawn: nothing named
    expect((await call({ kind: 'timeseries', tracks: tracksPath, feature: 'speed' }, ctx)).summary).not.toMatch(/not drawn/);
  }, 30000);

  it('"their count per frame" is the number of objects in each frame, drawn as a line over time', async () => {
    await setup;
    expect(tools[0].fromRequest!(clauseForTool('plot', 'plot their count per frame'))).toMatchObject({ kind: 'timeseries', feature: 'count' });
    // (a quantity across the frames is a time series too, once plot is the step)
    expect(tools[0].fromRequest!(clauseForTool('plot', 'can you graph the intensity across frames?'))).toMatchObject({ kind: 'timeseries' });
    const result = await call({ kind: 'timeseries', table: tablePath, feature: 'count' }, ctx);
    expect(result.values).toMatchObject({ kind: 'timeseries', feature: 'count', time: 't' });
    const spec = JSON.parse(readFileSync(result.values.spec as string, 'utf8'));
    expect(spec.title.text ?? spec.title).toMatch(/^objects per frame/);
    const line = spec.layer.find((l: { mark: { type: string } }) => l.mark.type === 'line').data.values as { t: number; mean: number }[];
    expect(line.map((v) => [v.t, v.mean])).toEqual(Array.from({ length: T }, (_, t) => [t, 2]));
    expect(result.summary).not.toMatch(/confidence band/);
  }, 30000);

  it('a pixel measure asked by name is drawn in µm where the pixel size is known: area_px as area_um2 (it drew px² on a 0.5 µm/px movie)', async () => {
    await setup;
    const calibratedPath = join(dir, 'calibrated-objects.csv');
    writeTableCsv(calibratedPath, {
      columns: ['label', 't', 'area_px', 'area_um2'],
      rows: [1, 2].flatMap((label) => Array.from({ length: T }, (_, t) => ({ label, t, area_px: 40, area_um2: 10 }))),
    });
    const hist = await call({ kind: 'histogram', table: calibratedPath, feature: 'area_px' }, ctx);
    expect(hist.values.feature).toBe('area_um2');
    expect(hist.summary).toMatch(/area \(µm²\)/);
    // spots of calibrated tracks carry area_px: the series is drawn in µm², the area times the pixel size squared
    const spotted: Tracks = { ...tracks, pixelSizeUm: 0.5, spots: tracks.spots.map((sp) => ({ ...sp, features: { area_px: 40, perimeter_px: 24 } })) };
    const spottedPath = join(dir, 'spotted.tracks.json');
    saveTracksJson(spottedPath, spotted);
    const series = await call({ kind: 'timeseries', tracks: spottedPath, feature: 'area_px' }, ctx);
    expect(series.values.feature).toBe('area_um2');
    const values = JSON.parse(readFileSync(series.values.spec as string, 'utf8')).layer[0].data.values as { area_um2: number }[];
    expect(values[0].area_um2).toBe(10);
    expect((await call({ kind: 'timeseries', tracks: spottedPath, feature: 'perimeter_px' }, ctx)).values.feature).toBe('perimeter_um');
    // uncalibrated: pixels, as asked
    const plainPath = join(dir, 'plain-spotted.tracks.json');
    saveTracksJson(plainPath, { ...spotted, pixelSizeUm: undefined });
    expect((await call({ kind: 'timeseries', tracks: plainPath, feature: 'area_px' }, ctx)).values.feature).toBe('area_px');
  }, 30000);

  it('histogram, scatter and track paths', async () => {
    await setup;
    const hist = await call({ kind: 'histogram', table: tablePath, feature: 'area_px' }, ctx);
    expect(hist.values.n).toBe(12);
    const scatter = await call({ kind: 'scatter', table: tablePath, feature: 'mean_intensity_c1', xFeature: 'area_px' }, ctx);
    expect(scatter.values).toMatchObject({ x: 'area_px', y: 'mean_intensity_c1' });
    const paths = await call({ kind: 'tracks', tracks: tracksPath, movie: moviePath }, ctx);
    expect(paths.values).toMatchObject({ kind: 'tracks', tracks: 2, spots: 12 });
    const spec = JSON.parse(readFileSync(paths.values.spec as string, 'utf8'));
    expect(spec.encoding.x.scale.domain).toEqual([0, W]);
    // coloured by time (TrackMate's colour by FRAME): each step a two-point line of its own, coloured by the frame it ends
    // at (one colour per line is all Vega draws: a path coloured point by point drew one step per track before)
    const byTime = await call({ kind: 'tracks', tracks: tracksPath, movie: moviePath, colorBy: 'time' }, ctx);
    expect(byTime.values.colorBy).toBe('frame');
    const timeSpec = JSON.parse(readFileSync(byTime.values.spec as string, 'utf8'));
    const steps = new Map<string, { step: string; t: number; value: number }[]>();
    for (const p of timeSpec.data.values as { step: string; t: number; value: number }[]) steps.set(p.step, [...(steps.get(p.step) ?? []), p]);
    expect(steps.size).toBe(12 - 2); // 12 spots on 2 paths: 10 steps
    for (const points of steps.values()) {
      expect(points).toHaveLength(2);
      expect(points[0].value).toBe(points[1].t + 1);
    }
    expect(timeSpec.encoding.detail.field).toBe('step');
  }, 30000);

  it('draws channels in the colours of the calibration: one channel in its colour, all merged when none is named', async () => {
    await setup;
    // channel 1 bright in cell 1, channel 2 bright in cell 2
    const twoChannels = movieFromPlanes({ t: 2, z: 1, c: 2, y: H, x: W }, 'uint16', (t, _z, c) =>
      Uint16Array.from({ length: W * H }, (_, i) => (inCell(c + 1, 0, i % W, Math.floor(i / W)) ? 1000 : 100)),
    );
    const path = join(dir, 'two.tif');
    await writeMovie(path, twoChannels);
    const coloured = createToolContext({ sessionDir: join(dir, 'coloured'), toolName: 'plot' });
    coloured.setCalibration!({ channelNames: ['DAPI', 'GFP'], channelColors: ['blue', 'green'] });
    const pixel = async (result: Awaited<ReturnType<typeof call>>, x: number, y: number) => {
      const spec = JSON.parse(readFileSync(result.values.spec as string, 'utf8'));
      const picture = decodePng(Buffer.from(spec.layer[0].data.values[0].url.split(',')[1], 'base64'));
      const f = picture.width / W;
      const i = (y * f * picture.width + x * f) * 4;
      return Array.from(picture.data.subarray(i, i + 3));
    };
    const merged = await call({ kind: 'frame', movie: path, frame: 1 }, coloured);
    expect(merged.values.channels).toEqual(['DAPI in blue', 'GFP in green']);
    expect(merged.summary).toContain('(DAPI in blue, GFP in green)');
    expect(await pixel(merged, centre(1, 0).x, centre(1, 0).y)).toEqual([0, 0, 255]);
    expect(await pixel(merged, centre(2, 0).x, centre(2, 0).y)).toEqual([0, 255, 0]);
    expect(await pixel(merged, 2, 2)).toEqual([0, 0, 0]);
    const gfp = await call({ kind: 'projection', movie: path, channel: 'GFP' }, coloured);
    expect(gfp.values.channels).toEqual(['GFP in green']);
    expect(await pixel(gfp, centre(2, 0).x, centre(2, 0).y)).toEqual([0, 255, 0]);
    expect(await pixel(gfp, centre(1, 0).x, centre(1, 0).y)).toEqual([0, 0, 0]);
    // without colours: grey, as before
    const grey = await call({ kind: 'frame', movie: path, frame: 1, channel: 2 }, ctx);
    expect(grey.values.channels).toBeUndefined();
    expect(await pixel(grey, centre(2, 0).x, centre(2, 0).y)).toEqual([255, 255, 255]);
  }, 30000);

  it('a frame with outlines, no channel named, pictures the channel the labels were segmented on', async () => {
    await setup;
    // channel 1 bright in cell 1 only, channel 2 in cell 2 only; the labels recorded as segmented on channel 2
    const path = join(dir, 'outlined-two.tif');
    await writeMovie(path, movieFromPlanes({ t: 2, z: 1, c: 2, y: H, x: W }, 'uint16', (_t, _z, c) => Uint16Array.from({ length: W * H }, (_, i) => (inCell(c + 1, 0, i % W, Math.floor(i / W)) ? 1000 : 100))));
    const sessionDir = join(dir, 'outlined');
    const segment = createToolContext({ sessionDir, toolName: 'segment' });
    segment.resolve(path, 'movie');
    const labelsRef = segment.addArtifact('labels', labelsPath, 'objects of outlined-two.tif', { channel: { index: 1 } });
    const result = await call({ kind: 'frame', movie: path, labels: labelsRef.id, frame: 1 }, createToolContext({ sessionDir, store: segment.store, toolName: 'plot' }));
    expect(result.values.channel).toBe(2);
    expect(result.summary).toContain('on channel 2 (C2), the channel the labels were segmented on');
    const spec = JSON.parse(readFileSync(result.values.spec as string, 'utf8'));
    const picture = decodePng(Buffer.from(spec.layer[0].data.values[0].url.split(',')[1], 'base64'));
    const f = picture.width / W;
    const at = (x: number, y: number) => picture.data[(y * f * picture.width + x * f) * 4];
    expect(at(centre(2, 0).x, centre(2, 0).y)).toBeGreaterThan(at(centre(1, 0).x, centre(1, 0).y));
  });

  it('a frame with label outlines and tracks so far, and a projection', async () => {
    await setup;
    const frame = await call({ kind: 'frame', movie: moviePath, labels: labelsPath, tracks: tracksPath, frame: 3 }, ctx);
    expect(frame.values).toMatchObject({ objects: 2, tracksDrawn: 2 });
    const png = decodePng(readFileSync(frame.artifacts[0].path));
    expect(png.width).toBe(frame.values.widthPx);
    // the picture inside the figure: the outline of cell 1 at frame 3 (t=2), left edge x = 12-3 = 9, y = 8, is coloured; the inside is grey
    const spec = JSON.parse(readFileSync(frame.values.spec as string, 'utf8'));
    const picture = decodePng(Buffer.from(spec.layer[0].data.values[0].url.split(',')[1], 'base64'));
    const factor = picture.width / W;
    const at = (x: number, y: number) => Array.from(picture.data.subarray(((y * factor) * picture.width + x * factor) * 4, ((y * factor) * picture.width + x * factor) * 4 + 3));
    const edge = at(9, 8);
    expect(edge[0] === edge[1] && edge[1] === edge[2]).toBe(false);
    const inside = at(11, 10);
    expect(inside[0]).toBe(inside[1]);
    expect(readFileSync(frame.values.svg as string, 'utf8')).toContain('x (px)');
    // tracks up to frame 3 only
    const overlay = spec.layer[1].data.values as { t: number }[];
    expect(Math.max(...overlay.map((p) => p.t))).toBe(2);
    const projection = await call({ kind: 'projection', movie: moviePath, tracks: tracksPath }, ctx);
    expect(projection.values.tracksDrawn).toBe(2);
  }, 30000);

  it('draws the tracks so far on every frame as a folder of PNG pictures when a movie with the tracks is asked for', async () => {
    await setup;
    for (const words of ['give me a movie with the tracks drawn on top', 'make a video of the cells with their trajectories overlaid', 'animate the tracks over the time-lapse']) {
      expect(tools[0].fromRequest!(clauseForTool('plot', words)), words).toMatchObject({ kind: 'movie', $needs: ['movie', 'tracks'] });
    }
    expect(tools[0].fromRequest!(clauseForTool('plot', 'draw the tracks on a max projection'))).toMatchObject({ kind: 'projection' });
    // one picture of paths over the movie is no movie
    expect(tools[0].fromRequest!(clauseForTool('plot', 'give me a picture of the paths drawn over the movie')).kind).not.toBe('movie');
    expect(tools[0].fromRequest!(clauseForTool('plot', 'tracks drawn on top of the time-lapse')).kind).not.toBe('movie');
    const result = await call({ kind: 'movie', movie: moviePath, tracks: tracksPath, output: join(dir, 'overlay') }, ctx);
    expect(result.values).toMatchObject({ kind: 'movie', frames: T, files: T });
    const coloured = (name: string) => {
      const { data } = decodePng(readFileSync(join(dir, 'overlay', name)));
      let n = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i] !== data[i + 1] || data[i + 1] !== data[i + 2]) n++;
      return n;
    };
    // the first frame shows only where each cell is; the last, the whole path behind it
    expect(coloured(`t00${T}.png`)).toBeGreaterThan(coloured('t001.png'));
  }, 30000);

  it('draws the label outlines on every frame when a movie of the outlines is asked for', async () => {
    await setup;
    const result = await call({ kind: 'movie', movie: moviePath, labels: labelsPath, output: join(dir, 'outlined') }, ctx);
    expect(result.values).toMatchObject({ kind: 'movie', frames: T, files: T });
    const { data } = decodePng(readFileSync(join(dir, 'outlined', 't001.png')));
    let coloured = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] !== data[i + 1] || data[i + 1] !== data[i + 2]) coloured++;
    expect(coloured).toBeGreaterThan(0);
  }, 30000);

  it('"plot the volume over time" on a volume table draws the volume, not the z slices column before it', async () => {
    await setup;
    expect(tools[0].fromRequest!(clauseForTool('plot', 'plot the volume over time'))).toMatchObject({ feature: 'volume' });
    expect(tools[0].fromRequest!(clauseForTool('plot', 'histogram of the nuclear volumes in µm³'))).toMatchObject({ kind: 'histogram', feature: 'volume' });
    const volumes = join(dir, 'volumes.csv');
    writeFileSync(volumes, 'label,t (frame),z_slices,volume_voxels,volume_um3\n1,0,3,12,6\n2,0,1,1,0.5\n1,1,2,8,4\n2,1,1,1,0.5\n');
    for (const feature of ['volume', undefined]) {
      const result = await call({ kind: 'timeseries', table: volumes, ...(feature ? { feature } : {}) }, ctx);
      expect(result.values, String(feature)).toMatchObject({ feature: 'volume_um3' });
    }
  }, 30000);

  it('says when the feature drawn is the default, none named (a histogram "of it" drew area silently)', async () => {
    await setup;
    const chosen = await call({ kind: 'histogram', table: tablePath }, ctx);
    expect(chosen.summary).toMatch(/^Plotted the distribution of area \(px²\) over \d+ rows \(no feature was named, so area \(px²\), the default; name another with feature, e.g\. "circularity"\); PNG /);
    expect((await call({ kind: 'histogram', table: tablePath, feature: 'area' }, ctx)).summary).not.toMatch(/no feature was named/);
    expect((await call({ kind: 'timeseries', table: tablePath }, ctx)).summary).toMatch(/\(no feature was named, so area \(px²\), the default;/);
  }, 30000);

  it('names the columns when the feature is not in the table', async () => {
    await setup;
    await expect(call({ kind: 'histogram', table: tablePath, feature: 'volume' }, ctx)).rejects.toThrow(/feature "volume" is not a column of the table; columns: label, t, area_px, mean_intensity_c1/);
    await expect(call({ kind: 'tracks' }, ctx)).rejects.toThrow(/kind "tracks" needs tracks/);
    writeFileSync(join(dir, 'empty.csv'), 'a,b\n');
    await expect(call({ kind: 'histogram', table: join(dir, 'empty.csv') }, ctx)).rejects.toThrow(/no rows/);
  });
});
