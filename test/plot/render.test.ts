import { describe, expect, it } from 'vitest';
import { decodePng } from '../../src/plot/png.ts';
import { renderVegaLite } from '../../src/plot/render.ts';
import { axisTitle, histogramSpec, scatterSpec, timeSeriesSpec, trackPathsSpec } from '../../src/plot/specs.ts';
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
    expect(axisTitle('circularity')).toBe('circularity');
  });

  it('time series: one line per track, data kept for every row', async () => {
    const spec = timeSeriesSpec(table, { feature: 'area_px', timeColumn: 't', trackColumn: 'track_id' });
    expect((spec.data as { values: unknown[] }).values).toHaveLength(60);
    expect(spec.title).toBe('area (px) over time (3 tracks)');
    const plot = await renderVegaLite(spec);
    expect(plot.svg).toContain('<svg');
    // 3 tracks = 3 line marks
    expect((plot.svg.match(/mark-line role-mark/g) ?? []).length).toBe(3);
    const png = decodePng(plot.png);
    expect(png.width).toBe(plot.widthPx);
    expect(png.width).toBeGreaterThan(900); // 480 px plot + axes, at 2x
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

  it('renders text legibly: a title puts glyph pixels in the top band', async () => {
    const withTitle = await renderVegaLite(scatterSpec(table, { x: 'umap_1', y: 'umap_2', colorColumn: 'cluster', title: 'UMAP of track features' }));
    const without = await renderVegaLite({ ...scatterSpec(table, { x: 'umap_1', y: 'umap_2', colorColumn: 'cluster' }), title: undefined });
    const titled = darkPixels(withTitle.png, 0, 36);
    expect(titled).toBeGreaterThan(300);
    expect(titled).toBeGreaterThan(4 * darkPixels(without.png, 0, 36));
  }, 30000);

  it('track paths keep image orientation (y down)', () => {
    const spec = trackPathsSpec([{ track: '1', t: 0, x: 1, y: 2 }], { imageWidthPx: 256, imageHeightPx: 128 });
    const y = (spec.encoding as { y: { scale: { reverse: boolean; domain: number[] } } }).y;
    expect(y.scale.reverse).toBe(true);
    expect(y.scale.domain).toEqual([0, 128]);
    expect(spec.height).toBe(210); // 420 wide, aspect 1:2
  });
});
