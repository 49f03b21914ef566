// Vega-Lite specs for the plots a biologist asks for: a feature over time per track,
// a feature's distribution, track paths in the image plane, and an embedding
// (PCA / UMAP) scatter coloured by cluster. Data are inlined, so the saved spec
// reproduces the figure on its own (open it in the Vega editor).
import type { Cell, Table } from '../analysis/table.ts';

type Spec = Record<string, unknown>;
const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Shared look: white background, readable axis titles, no heavy frame. */
const CONFIG = { view: { stroke: null }, axis: { labelFontSize: 11, titleFontSize: 12, grid: true, gridOpacity: 0.5 }, legend: { labelFontSize: 11, titleFontSize: 12 }, title: { fontSize: 14 } };

/** Past this many tracks a legend is clutter: lines get one colour scheme and no legend. */
export const MAX_LEGEND_TRACKS = 12;

export interface PlotSize {
  widthPx?: number;
  heightPx?: number;
}

function base(title: string, size: PlotSize): Spec {
  return { $schema: SCHEMA, title, width: size.widthPx ?? 480, height: size.heightPx ?? 300, background: 'white', config: CONFIG };
}

/** Readable axis title from a column name: "area_px" -> "area (px)", "time_s" -> "time (s)". */
export function axisTitle(column: string): string {
  const m = /^(.*?)_(px|um2|um|s|min|h|rad|deg|px2|um_per_s|px_per_frame|um_per_min)$/.exec(column);
  const unit: Record<string, string> = { um: 'µm', um2: 'µm²', px2: 'px²', um_per_s: 'µm/s', px_per_frame: 'px/frame', um_per_min: 'µm/min' };
  return m ? `${m[1].replace(/_/g, ' ')} (${unit[m[2]] ?? m[2]})` : column.replace(/_/g, ' ');
}

function rows(table: Table, columns: string[]): Record<string, Cell>[] {
  return table.rows.filter((r) => columns.every((c) => r[c] !== null && r[c] !== undefined)).map((r) => Object.fromEntries(columns.map((c) => [c, r[c]])));
}

/** One line per track: `feature` against `timeColumn`, grouped by `trackColumn`. */
export function timeSeriesSpec(table: Table, options: { feature: string; timeColumn: string; trackColumn?: string; title?: string } & PlotSize): Spec {
  const { feature, timeColumn, trackColumn } = options;
  const values = rows(table, trackColumn ? [timeColumn, feature, trackColumn] : [timeColumn, feature]);
  const tracks = trackColumn ? new Set(values.map((v) => v[trackColumn])).size : 1;
  const x = { field: timeColumn, type: 'quantitative', title: axisTitle(timeColumn) };
  const y = { field: feature, type: 'quantitative', title: axisTitle(feature), scale: { zero: false } };
  const title = options.title ?? `${axisTitle(feature)} over time${trackColumn ? ` (${tracks} tracks)` : ''}`;
  if (!trackColumn) {
    // no tracks: the mean per time point with its spread
    return {
      ...base(title, options),
      data: { values },
      layer: [
        { mark: { type: 'errorband', extent: 'stdev' }, encoding: { x, y } },
        { mark: { type: 'line' }, encoding: { x, y: { ...y, aggregate: 'mean' } } },
      ],
    };
  }
  const legend = tracks <= MAX_LEGEND_TRACKS;
  return {
    ...base(title, options),
    data: { values },
    mark: { type: 'line', strokeWidth: legend ? 1.8 : 1, opacity: legend ? 1 : 0.6, interpolate: 'linear' },
    encoding: {
      x,
      y,
      color: { field: trackColumn, type: 'nominal', title: 'track', legend: legend ? {} : null, scale: { scheme: legend ? 'tableau10' : 'category20' } },
      detail: { field: trackColumn, type: 'nominal' },
    },
  };
}

/** The distribution of `feature` as a histogram (vega-lite's nice binning, maxbins 30). */
export function histogramSpec(table: Table, options: { feature: string; maxBins?: number; title?: string } & PlotSize): Spec {
  const values = rows(table, [options.feature]);
  return {
    ...base(options.title ?? `distribution of ${axisTitle(options.feature)} (n = ${values.length})`, options),
    data: { values },
    mark: { type: 'bar', color: '#4c78a8', binSpacing: 1 },
    encoding: {
      x: { field: options.feature, type: 'quantitative', bin: { maxbins: options.maxBins ?? 30 }, title: axisTitle(options.feature) },
      y: { aggregate: 'count', type: 'quantitative', title: 'count' },
    },
  };
}

/** Track paths in the image plane (y down, as in the image), one colour per track. */
export function trackPathsSpec(points: { track: string; t: number; x: number; y: number }[], options: { widthPx?: number; heightPx?: number; imageWidthPx?: number; imageHeightPx?: number; title?: string; trackCount?: number } = {}): Spec {
  const tracks = new Set(points.map((p) => p.track)).size;
  const defaultTitle = options.trackCount && options.trackCount !== tracks ? `track paths (${options.trackCount} tracks, ${tracks} branches)` : `track paths (${tracks} tracks)`;
  const legend = tracks <= MAX_LEGEND_TRACKS;
  const side = options.widthPx ?? 420;
  const aspect = options.imageWidthPx && options.imageHeightPx ? options.imageHeightPx / options.imageWidthPx : 1;
  return {
    ...base(options.title ?? defaultTitle, { widthPx: side, heightPx: options.heightPx ?? Math.round(side * aspect) }),
    data: { values: points },
    mark: { type: 'line', strokeWidth: 1.4, point: tracks <= 40 ? { size: 6, filled: true } : false },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: 'x (px)', scale: { domain: options.imageWidthPx ? [0, options.imageWidthPx] : undefined, zero: false } },
      y: { field: 'y', type: 'quantitative', title: 'y (px)', scale: { reverse: true, domain: options.imageHeightPx ? [0, options.imageHeightPx] : undefined, zero: false } },
      color: { field: 'track', type: 'nominal', title: 'track', legend: legend ? {} : null, scale: { scheme: legend ? 'tableau10' : 'category20' } },
      detail: { field: 'track', type: 'nominal' },
      order: { field: 't', type: 'quantitative' },
    },
  };
}

/** `y` against `x` (e.g. UMAP 1 vs UMAP 2, PC1 vs PC2), coloured by `colorColumn` when given. */
export function scatterSpec(table: Table, options: { x: string; y: string; colorColumn?: string; title?: string } & PlotSize): Spec {
  const columns = [options.x, options.y, ...(options.colorColumn ? [options.colorColumn] : [])];
  const values = rows(table, columns);
  return {
    ...base(options.title ?? `${axisTitle(options.y)} vs ${axisTitle(options.x)} (n = ${values.length})`, options),
    data: { values },
    mark: { type: 'circle', size: 22, opacity: 0.75 },
    encoding: {
      x: { field: options.x, type: 'quantitative', title: axisTitle(options.x), scale: { zero: false } },
      y: { field: options.y, type: 'quantitative', title: axisTitle(options.y), scale: { zero: false } },
      ...(options.colorColumn ? { color: { field: options.colorColumn, type: 'nominal', title: axisTitle(options.colorColumn), scale: { scheme: 'tableau10' } } } : {}),
    },
  };
}
