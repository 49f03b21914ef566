import { describe, expect, it } from 'vitest';
import { decodePng } from '../../src/plot/png.ts';
import { renderVegaLite } from '../../src/plot/render.ts';
import { axisTitle, histogramSpec, imageSpec, meanWithConfidence, scaleBarLength, scatterSpec, timeSeriesSpec, trackPathsSpec } from '../../src/plot/specs.ts';
import { encodePng } from '../../src/plot/png.ts';
import type { Table } from '../../src/analysis/table.ts';

const table: Table = {
  columns: ['t', 'track_id', 'area_px', 'umap_1', 'umap_2', 'cluster'],
  rows: Array.from({ length: 60 }, (_, i) => ({ t: i % 20, track_id: Math.floor(i / 20) + 1, area_px: 100 + (i % 20) * (1 + Math.floor(i / 20)), umap_1: i % 7, umap_2: i % 5, cluster: i % 3 })),
};

/** Dark pixels (text, marks) in a horizontal band of the PNG. */
function darkPixels(png: Uint8Array, y0: number, y1: number): number {
  const img = decodePng(png);
  let n = 0;
  for (let y = y0; y < Math.min(y1, img.height); y++)
    for (let x = 0; x < img.width; x++) if (img.data[(y * img.width + x) * 4] < 100) n++;
  return n;
}

describe('plot specs and rendering', () => {
  it('names axes with units', () => {
    expect(axisTitle('area_um2')).toBe('area (µm²)');
    expect(axisTitle('time_s')).toBe('time (s)');
    expect(axisTitle('time_min')).toBe('time (min)');
    expect(axisTitle('speed_um_per_min')).toBe('speed (µm/min)');
    expect(axisTitle('speed_px_per_frame')).toBe('speed (px/frame)');
    expect(axisTitle('t')).toBe('time (frame index from 0)');
    expect(axisTitle('circularity')).toBe('circularity');
    // an area counted in pixels is in px² (it read "area (px)"); a perimeter in px stays px
    expect(axisTitle('area_px')).toBe('area (px²)');
    expect(axisTitle('perimeter_px')).toBe('perimeter (px)');
    // a column whose name does not say its unit takes its table's (the CSV header's)
    expect(axisTitle('TRACK_MEAN_SPEED', 'px/frame')).toBe('TRACK MEAN SPEED (px/frame)');
    const perTrack: Table = { columns: ['TRACK_DURATION'], rows: [{ TRACK_DURATION: 3 }], units: { TRACK_DURATION: 'min' } };
    expect((histogramSpec(perTrack, { feature: 'TRACK_DURATION' }).encoding as { x: { title: string } }).x.title).toBe('TRACK DURATION (min)');
  });

  it('time series: one line per track with a legend when lines are few', async () => {
    const spec = timeSeriesSpec(table, { feature: 'area_px', timeColumn: 't', trackColumn: 'track_id' });
    const layers = spec.layer as { data: { values: unknown[] }; encoding: { color?: unknown } }[];
    expect(layers).toHaveLength(1);
    expect(layers[0].data.values).toHaveLength(60);
    expect(layers[0].encoding.color).toBeDefined();
    expect(spec.title).toBe('area (px²) over time (3 tracks)');
    const plot = await renderVegaLite(spec);
    expect(plot.svg).toContain('<svg');
    // 3 tracks = 3 line marks
    expect((plot.svg.match(/mark-line role-mark/g) ?? []).length).toBe(3);
    expect(plot.svg).toContain('time (frame index from 0)');
    const png = decodePng(plot.png);
    expect(png.width).toBe(plot.widthPx);
    expect(png.width).toBeGreaterThan(900); // 480 px plot + axes, at 2x
  }, 30000);

  it('time series: a division starts new lines (one per branch), coloured by lineage', async () => {
    // lineage 1: branch 1 (t 0-4) divides into branches 2 and 3 (t 5-9) that move apart
    const rowsOf = (branch: number, t0: number, t1: number, slope: number) => Array.from({ length: t1 - t0 + 1 }, (_, i) => ({ t: t0 + i, track_id: 1, branch_id: branch, area_px: 100 + slope * i }));
    const lineage: Table = { columns: ['t', 'track_id', 'branch_id', 'area_px'], rows: [...rowsOf(1, 0, 4, 5), ...rowsOf(2, 5, 9, 3), ...rowsOf(3, 5, 9, -3)] };
    const spec = timeSeriesSpec(lineage, { feature: 'area_px', timeColumn: 't', trackColumn: 'track_id', lineColumn: 'branch_id' });
    expect(spec.title).toBe('area (px²) over time (1 track, 3 branches)');
    const plot = await renderVegaLite(spec);
    expect((plot.svg.match(/mark-line role-mark/g) ?? []).length).toBe(3);
  }, 30000);

  it('time series: many lines turn faint under the mean and its 95% CI band', async () => {
    const many: Table = { columns: ['t', 'track_id', 'speed_um_per_min'], rows: [] };
    for (let track = 1; track <= 15; track++) for (let t = 0; t < 4; t++) many.rows.push({ t, track_id: track, speed_um_per_min: track + t });
    const spec = timeSeriesSpec(many, { feature: 'speed_um_per_min', timeColumn: 't', trackColumn: 'track_id' });
    const layers = spec.layer as { mark: { type: string; color?: string }; data: { values: Record<string, number>[] }; encoding: { color?: unknown } }[];
    expect(layers.map((l) => l.mark.type)).toEqual(['line', 'area', 'line']);
    expect(layers[0].encoding.color).toBeUndefined();
    expect(String(spec.title)).toMatch(/mean and 95% CI/);
    // at t = 0 the values are 1..15: mean 8, sd sqrt(20), t(0.975, 14) = 2.145
    const band = layers[1].data.values.find((v) => v.t === 0)!;
    const half = 2.145 * Math.sqrt(20) / Math.sqrt(15);
    expect(band.mean).toBeCloseTo(8, 10);
    expect(band.low).toBeCloseTo(8 - half, 2);
    expect(band.high).toBeCloseTo(8 + half, 2);
    const plot = await renderVegaLite(spec);
    expect(plot.svg).toContain('speed (µm/min)');
  }, 30000);

  it('mean with confidence: n = 1 has no band, NaN skipped', () => {
    const bands = meanWithConfidence([{ t: 0, y: 2 }, { t: 0, y: Number.NaN }, { t: 1, y: 1 }, { t: 1, y: 3 }], 't', 'y');
    expect(bands[0]).toEqual({ time: 0, mean: 2, low: 2, high: 2, n: 1 });
    expect(bands[1].mean).toBe(2);
    expect(bands[1].high - bands[1].mean).toBeCloseTo(12.706 * Math.SQRT2 / Math.SQRT2, 3);
  });

  it('the band of a quantity never negative in the data stops at 0; one with negative values keeps its t-interval', () => {
    const band = (ys: number[]) => {
      const t: Table = { columns: ['t', 'v'], rows: ys.map((v) => ({ t: 0, v })) };
      const spec = timeSeriesSpec(t, { feature: 'v', timeColumn: 't' }) as { layer: { data: { values: { low: number; high: number }[] } }[] };
      return spec.layer[0].data.values[0];
    };
    // 4 volumes of 7-250: mean 125, t-interval from about -60
    expect(band([7, 150, 250, 93]).low).toBe(0);
    expect(band([-7, 150, 250, 93]).low).toBeLessThan(-40);
  });

  it('pictures have axes in µm and a scale bar of a round length', async () => {
    expect(scaleBarLength(83.2)).toBe(10);
    expect(scaleBarLength(48)).toBe(5);
    expect(scaleBarLength(1000)).toBe(200);
    const data = new Uint8Array(16 * 8 * 4).fill(60);
    const spec = imageSpec({
      pngDataUrl: `data:image/png;base64,${encodePng({ width: 16, height: 8, data }).toString('base64')}`,
      imageWidthPx: 16, imageHeightPx: 8, viewWidthPx: 320, viewHeightPx: 160, title: 'frame 1',
      xScale: { lengthPerPx: 0.65, lengthUnit: 'µm' },
      tracks: [{ track: '1', t: 0, x: 2, y: 2, value: 1 }, { track: '1', t: 1, x: 6, y: 4, value: 3 }],
      trackOptions: { colorBy: 'value', colorTitle: 'speed (µm/min)' },
    });
    const plot = await renderVegaLite(spec);
    expect(plot.svg).toContain('x (µm)');
    expect(plot.svg).toContain('2 µm'); // 16 px * 0.65 = 10.4 µm wide: a 2 µm bar
    expect(plot.svg).toContain('speed (µm/min)'); // the colour bar's title
    expect(plot.svg).toContain('<image');
  }, 30000);

  it('histogram counts match the data', async () => {
    const spec = histogramSpec(table, { feature: 'area_px', maxBins: 5 });
    const plot = await renderVegaLite(spec);
    const vega = await import('vega');
    const view = new vega.View(vega.parse(plot.vegaSpec as never), { renderer: 'none' });
    await view.runAsync();
    const bins = view.data('data_0') as { bin_maxbins_5_area_px: number; bin_maxbins_5_area_px_end: number; __count: number }[];
    const total = bins.reduce((s, b) => s + b.__count, 0);
    expect(total).toBe(60);
    for (const b of bins) {
      const expected = table.rows.filter((r) => (r.area_px as number) >= b.bin_maxbins_5_area_px && (r.area_px as number) < b.bin_maxbins_5_area_px_end).length;
      expect(b.__count).toBe(expected);
    }
    view.finalize();
  }, 30000);

  it('a histogram of a few rows counts in whole numbers on its axis (no 0.5 tick)', async () => {
    const few: Table = { columns: ['area_px'], rows: [100, 130, 170, 171, 190].map((a) => ({ area_px: a })) };
    const plot = await renderVegaLite(histogramSpec(few, { feature: 'area_px' }));
    const labels = [...plot.svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(labels).toContain('1');
    expect(labels.filter((l) => /^\d*\.\d+$/.test(l))).toEqual([]);
  }, 30000);

  it('renders text legibly: a title puts glyph pixels in the top band', async () => {
    const withTitle = await renderVegaLite(scatterSpec(table, { x: 'umap_1', y: 'umap_2', colorColumn: 'cluster', title: 'UMAP of track features' }));
    const without = await renderVegaLite({ ...scatterSpec(table, { x: 'umap_1', y: 'umap_2', colorColumn: 'cluster' }), title: undefined });
    const titled = darkPixels(withTitle.png, 0, 36);
    expect(titled).toBeGreaterThan(300);
    expect(titled).toBeGreaterThan(4 * darkPixels(without.png, 0, 36));
  }, 30000);

  it('track paths keep image orientation (y down)', () => {
    const spec = trackPathsSpec([{ track: '1', t: 0, x: 1, y: 2 }], { imageWidthPx: 256, imageHeightPx: 128 });
    const y = (spec.encoding as { y: { title: string; scale: { reverse: boolean; domain: number[] } } }).y;
    expect(y.title).toBe('y (px)');
    expect(y.scale.reverse).toBe(true);
    expect(y.scale.domain).toEqual([0, 128]);
    expect(spec.height).toBe(210); // 420 wide, aspect 1:2
  });
});
