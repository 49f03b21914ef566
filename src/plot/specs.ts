// Vega-Lite specs for the plots a biologist asks for: a feature over time per track,
// a feature's distribution, track paths in the image plane, and an embedding
// (PCA / UMAP) scatter coloured by cluster. Data are inlined, so the saved spec
// reproduces the figure on its own (open it in the Vega editor).
import { tQuantile975 } from '../analysis/seg-stats.ts';
import { FRAME_INDEX_UNIT, type Cell, type Table } from '../analysis/table.ts';

type Spec = Record<string, unknown>;
const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Shared look: white background, readable axis titles, no heavy frame. */
const CONFIG = { view: { stroke: null }, axis: { labelFontSize: 11, titleFontSize: 12, grid: true, gridOpacity: 0.5 }, legend: { labelFontSize: 11, titleFontSize: 12 }, title: { fontSize: 14 } };

/** Up to this many lines a plot names each in a legend; past it lines turn faint and a mean with its 95% CI summarises them. */
export const MAX_LEGEND_TRACKS = 8;

export interface PlotSize {
  widthPx?: number;
  heightPx?: number;
}

function base(title: string, size: PlotSize): Spec {
  return { $schema: SCHEMA, title, width: size.widthPx ?? 480, height: size.heightPx ?? 300, background: 'white', config: CONFIG };
}

const UNIT_NAMES: Record<string, string> = { um: 'µm', um2: 'µm²', um3: 'µm³', px2: 'px²', px: 'px', s: 's', ms: 'ms', min: 'min', h: 'h', frame: 'frame', frames: 'frames', rad: 'rad', deg: '°', pct: '%' };
const UNIT_KEY = Object.keys(UNIT_NAMES).sort((a, b) => b.length - a.length).join('|');
const UNIT_SUFFIX = new RegExp(`^(.*?)_(${UNIT_KEY})(?:_per_(${UNIT_KEY}))?$`);

/**
 * Readable axis title from a column name whose suffix is its unit: "area_px" -> "area (px²)",
 * "speed_um_per_min" -> "speed (µm/min)", "time_min" -> "time (min)", "t" -> "time (frame index from 0)"
 * (as the tables' header says it: answers count frames from 1, so frame 10 is at 9).
 * A column whose name does not say its unit takes the one its table declares (the CSV header's:
 * "TRACK_MEAN_SPEED", "µm/min" -> "TRACK MEAN SPEED (µm/min)").
 */
export function axisTitle(column: string, unit?: string): string {
  if (column === 't') return `time (${FRAME_INDEX_UNIT})`;
  if (column === 'frame') return 'frame';
  if (unit) return `${column.replace(/_/g, ' ')} (${unit})`;
  const m = UNIT_SUFFIX.exec(column);
  if (!m || !m[1]) return column.replace(/_/g, ' ');
  // an area counted in pixels is in px², as measure's summary says it (area_px held "area (px)")
  const unitOf = (key: string) => (key === 'px' && /(^|_)area$/i.test(m[1]) ? 'px²' : UNIT_NAMES[key]);
  const suffixUnit = m[3] ? `${unitOf(m[2])}/${UNIT_NAMES[m[3]]}` : unitOf(m[2]);
  return `${m[1].replace(/_/g, ' ')} (${suffixUnit})`;
}

/** The axis title of one of a table's columns, with the unit the table declares for it. */
export function columnTitle(table: Table, column: string): string {
  return axisTitle(column, table.units?.[column]);
}

function rows(table: Table, columns: string[]): Record<string, Cell>[] {
  return table.rows.filter((r) => columns.every((c) => r[c] !== null && r[c] !== undefined)).map((r) => Object.fromEntries(columns.map((c) => [c, r[c]])));
}

export interface MeanBand {
  time: number;
  mean: number;
  /** Bounds of the 95 % confidence interval of the mean (t-based); equal to the mean when n = 1. */
  low: number;
  high: number;
  n: number;
}

/** Per time point: the mean of `feature` over the lines present and its 95 % confidence interval. */
export function meanWithConfidence(values: Record<string, Cell>[], timeColumn: string, feature: string): MeanBand[] {
  const byTime = new Map<number, number[]>();
  for (const v of values) {
    const t = Number(v[timeColumn]);
    const y = Number(v[feature]);
    if (!Number.isFinite(t) || !Number.isFinite(y)) continue;
    const list = byTime.get(t) ?? [];
    list.push(y);
    byTime.set(t, list);
  }
  return [...byTime]
    .sort((a, b) => a[0] - b[0])
    .map(([time, ys]) => {
      const n = ys.length;
      const mean = ys.reduce((a, b) => a + b, 0) / n;
      const sd = n > 1 ? Math.sqrt(ys.reduce((a, y) => a + (y - mean) ** 2, 0) / (n - 1)) : 0;
      const half = n > 1 ? tQuantile975(n - 1) * (sd / Math.sqrt(n)) : 0;
      return { time, mean, low: mean - half, high: mean + half, n };
    });
}

export interface TimeSeriesOptions extends PlotSize {
  feature: string;
  timeColumn: string;
  /** The lineage (TrackMate track): lines of one lineage share a colour. */
  trackColumn?: string;
  /** One line per value: the branch (a division starts new lines); default `trackColumn`. */
  lineColumn?: string;
  title?: string;
  /** "lines": every line in colour; "mean": the mean and its 95 % CI only; "auto" (default): lines with a legend up to MAX_LEGEND_TRACKS, else faint lines under the mean and band. */
  summary?: 'auto' | 'lines' | 'mean';
}

/**
 * `feature` against time: one line per branch (so lines never jump from a mother to a
 * daughter), coloured by lineage with a legend when lines are few; when they are many,
 * faint lines under the population mean with its 95 % confidence band.
 */
export function timeSeriesSpec(table: Table, options: TimeSeriesOptions): Spec {
  const { feature, timeColumn, trackColumn } = options;
  const lineColumn = options.lineColumn ?? trackColumn;
  const keys = [timeColumn, feature, ...new Set([trackColumn, lineColumn].filter((c): c is string => Boolean(c)))];
  const values = rows(table, keys);
  const lines = lineColumn ? new Set(values.map((v) => v[lineColumn])).size : 0;
  const lineages = trackColumn ? new Set(values.map((v) => v[trackColumn])).size : 0;
  const x = { field: timeColumn, type: 'quantitative', title: columnTitle(table, timeColumn) };
  const y = { field: feature, type: 'quantitative', title: columnTitle(table, feature), scale: { zero: false } };
  const tracksWord = (n: number) => `${n} track${n === 1 ? '' : 's'}`;
  const counted = !lineColumn ? '' : lineages && lineages !== lines ? ` (${tracksWord(lineages)}, ${lines} branches)` : ` (${tracksWord(lines)})`;
  const title = options.title ?? `${columnTitle(table, feature)} over time${counted}`;
  // a quantity never negative in the data (an area, a volume, a count, a speed) has no negative mean: the t-interval
  // of a few wide-spread values reaches below 0 (4 volumes of 7-250 µm³: -60), so its band stops at 0
  const floor = values.every((v) => !(Number(v[feature]) < 0)) ? 0 : -Infinity;
  const band = meanWithConfidence(values, timeColumn, feature).map((b) => ({ [timeColumn]: b.time, mean: b.mean, low: Math.max(floor, b.low), high: b.high, n: b.n }));
  const summaryLayers = (colour: string) => [
    {
      data: { values: band },
      mark: { type: 'area', opacity: 0.25, color: colour },
      encoding: { x, y: { field: 'low', type: 'quantitative', title: columnTitle(table, feature), scale: { zero: false } }, y2: { field: 'high' } },
    },
    {
      data: { values: band },
      mark: { type: 'line', strokeWidth: 2.5, color: colour },
      encoding: { x, y: { field: 'mean', type: 'quantitative', title: columnTitle(table, feature), scale: { zero: false } } },
    },
  ];
  const mode = options.summary ?? 'auto';
  if (!lineColumn || mode === 'mean') {
    return { ...base(`${title}: mean and 95% CI${lineColumn ? '' : ' per time point'}`, options), layer: summaryLayers('#1f4e79') };
  }
  const legend = mode === 'lines' || lines <= MAX_LEGEND_TRACKS;
  const colourField = trackColumn ?? lineColumn;
  const lineLayer = {
    data: { values },
    mark: { type: 'line', strokeWidth: legend ? 1.8 : 1, opacity: legend ? 1 : 0.35, interpolate: 'linear', ...(legend ? {} : { color: '#9a9a9a' }) },
    encoding: {
      x,
      y,
      ...(legend ? { color: { field: colourField, type: 'nominal', title: 'track', scale: { scheme: 'tableau10' } } } : {}),
      detail: { field: lineColumn, type: 'nominal' },
    },
  };
  if (legend) return { ...base(title, options), layer: [lineLayer] };
  return { ...base(`${title}: mean and 95% CI`, options), layer: [lineLayer, ...summaryLayers('#c0392b')] };
}

/** The distribution of `feature` as a histogram (vega-lite's nice binning, maxbins 30). */
export function histogramSpec(table: Table, options: { feature: string; maxBins?: number; title?: string } & PlotSize): Spec {
  const values = rows(table, [options.feature]);
  return {
    ...base(options.title ?? `distribution of ${columnTitle(table, options.feature)} (n = ${values.length})`, options),
    data: { values },
    mark: { type: 'bar', color: '#4c78a8', binSpacing: 1 },
    encoding: {
      x: { field: options.feature, type: 'quantitative', bin: { maxbins: options.maxBins ?? 30 }, title: columnTitle(table, options.feature) },
      // a count is a whole number: no ticks at 0.5 objects when every bar is 1 or 2 high
      y: { aggregate: 'count', type: 'quantitative', title: 'count', axis: { tickMinStep: 1, format: 'd' } },
    },
  };
}

export interface TrackPoint {
  /** Line the point belongs to (the branch), and the lineage it is coloured by. */
  track: string;
  lineage?: string;
  t: number;
  /** Position in px (x right, y down). */
  x: number;
  y: number;
  /** A feature value to colour by (e.g. speed), when `colorBy` names one. */
  value?: number | null;
}

export interface Scale {
  /** Length per px and its unit: µm when calibrated, else 1 px. */
  lengthPerPx: number;
  lengthUnit: string;
}

const PX: Scale = { lengthPerPx: 1, lengthUnit: 'px' };

export interface TrackOverlayOptions {
  /** Colour each path by its track (default) or by `value`, with a colour bar titled `colorTitle`. */
  colorBy?: 'track' | 'value';
  colorTitle?: string;
}

/** Each path cut into its steps (two points each, named `step`), each step with the value of the point it ends at. */
function stepsOf<P extends TrackPoint>(points: P[]): (P & { step: string })[] {
  const byTrack = new Map<string, P[]>();
  for (const p of points) byTrack.set(p.track, [...(byTrack.get(p.track) ?? []), p]);
  const out: (P & { step: string })[] = [];
  for (const [track, path] of byTrack) {
    path.sort((a, b) => a.t - b.t);
    for (let i = 1; i < path.length; i++) {
      const step = `${track}:${i}`;
      out.push({ ...path[i - 1], value: path[i].value, step }, { ...path[i], step });
    }
  }
  return out;
}

/** Line layer of track paths in image coordinates (scaled to the axes' unit). */
function trackLayer(points: TrackPoint[], scale: Scale, options: TrackOverlayOptions & { onImage?: boolean }): Spec {
  const scaled = points.map((p) => ({ ...p, x: +(p.x * scale.lengthPerPx).toPrecision(6), y: +(p.y * scale.lengthPerPx).toPrecision(6), lineage: p.lineage ?? p.track }));
  const lineages = new Set(scaled.map((p) => p.lineage)).size;
  const byValue = options.colorBy === 'value';
  // (a path coloured by a value that changes along it is drawn step by step: Vega draws one colour per line, so each
  // step from one point to the next is its own line, coloured by the value at its end)
  const values = byValue ? stepsOf(scaled) : scaled;
  const legend = lineages <= MAX_LEGEND_TRACKS;
  const color = byValue
    ? { field: 'value', type: 'quantitative', title: options.colorTitle ?? 'value', scale: { scheme: 'viridis' }, legend: { type: 'gradient', gradientLength: 160 } }
    : { field: 'lineage', type: 'nominal', title: 'track', legend: legend ? {} : null, scale: { scheme: legend ? (options.onImage ? 'set1' : 'tableau10') : 'category20' } };
  return {
    data: { values },
    mark: { type: 'trail', size: 2, ...(byValue ? {} : {}) },
    encoding: {
      x: { field: 'x', type: 'quantitative' },
      y: { field: 'y', type: 'quantitative' },
      color,
      detail: { field: byValue ? 'step' : 'track', type: 'nominal' },
      order: { field: 't', type: 'quantitative' },
      size: { value: options.onImage ? 2.5 : 2 },
    },
  };
}

/** Track paths in the image plane (y down, as in the image), coloured by track or by a feature with a colour bar. */
export function trackPathsSpec(
  points: TrackPoint[],
  options: { widthPx?: number; heightPx?: number; imageWidthPx?: number; imageHeightPx?: number; title?: string; trackCount?: number; scale?: Scale } & TrackOverlayOptions = {},
): Spec {
  const scale = options.scale ?? PX;
  const branches = new Set(points.map((p) => p.track)).size;
  const defaultTitle = options.trackCount && options.trackCount !== branches ? `track paths (${options.trackCount} tracks, ${branches} branches)` : `track paths (${branches} tracks)`;
  const side = options.widthPx ?? 420;
  const aspect = options.imageWidthPx && options.imageHeightPx ? options.imageHeightPx / options.imageWidthPx : 1;
  const domain = (px?: number) => (px ? [0, +(px * scale.lengthPerPx).toPrecision(6)] : undefined);
  const layer = trackLayer(points, scale, options);
  const encoding = layer.encoding as Record<string, unknown>;
  encoding.x = { field: 'x', type: 'quantitative', title: `x (${scale.lengthUnit})`, scale: { domain: domain(options.imageWidthPx), zero: false } };
  encoding.y = { field: 'y', type: 'quantitative', title: `y (${scale.lengthUnit})`, scale: { reverse: true, domain: domain(options.imageHeightPx), zero: false } };
  return {
    ...base(options.title ?? defaultTitle, { widthPx: side, heightPx: options.heightPx ?? Math.round(side * aspect) }),
    ...layer,
  };
}

/** A round length for a scale bar about a fifth of `span`: 1, 2 or 5 times a power of ten. */
export function scaleBarLength(span: number): number {
  const target = span / 5;
  const power = 10 ** Math.floor(Math.log10(target));
  return [5, 2, 1].map((m) => m * power).find((v) => v <= target) ?? power;
}

export interface ImageSpecOptions {
  /** The picture as a PNG data URL, already enlarged to the view size (nearest neighbour, so it stays sharp). */
  pngDataUrl: string;
  /** Size of the picture in its own pixels. */
  imageWidthPx: number;
  imageHeightPx: number;
  /** Size drawn on the page. */
  viewWidthPx: number;
  viewHeightPx: number;
  title: string;
  /** Horizontal axis: length per image px and its unit. */
  xScale: Scale;
  xTitle?: string;
  /** Vertical axis: the same as x for an image; time per row for a kymograph. */
  yScale?: Scale;
  yTitle?: string;
  /** Draw a scale bar (lengths in xScale's unit). Default true. */
  scaleBar?: boolean;
  tracks?: TrackPoint[];
  trackOptions?: TrackOverlayOptions;
}

/**
 * A picture with axes in physical units (µm, or px uncalibrated), a scale bar, and track
 * paths drawn over it; for a kymograph, distance along the line against time.
 */
export function imageSpec(options: ImageSpecOptions): Spec {
  const xs = options.xScale;
  const ys = options.yScale ?? xs;
  const width = +(options.imageWidthPx * xs.lengthPerPx).toPrecision(6);
  const height = +(options.imageHeightPx * ys.lengthPerPx).toPrecision(6);
  const x = { field: 'x', type: 'quantitative', title: options.xTitle ?? `x (${xs.lengthUnit})`, scale: { domain: [0, width], nice: false, zero: false } };
  const y = { field: 'y', type: 'quantitative', title: options.yTitle ?? `y (${ys.lengthUnit})`, scale: { domain: [0, height], reverse: true, nice: false, zero: false } };
  const layer: Spec[] = [
    {
      data: { values: [{ x: 0, y: 0, url: options.pngDataUrl }] },
      mark: { type: 'image', width: options.viewWidthPx, height: options.viewHeightPx, align: 'left', baseline: 'top', aspect: false, smooth: false },
      encoding: { x, y, url: { field: 'url', type: 'nominal' } },
    },
  ];
  if (options.tracks?.length) {
    const tracks = trackLayer(options.tracks, xs, { ...options.trackOptions, onImage: true });
    const encoding = tracks.encoding as Record<string, unknown>;
    encoding.x = { ...(encoding.x as object), scale: x.scale };
    encoding.y = { ...(encoding.y as object), scale: y.scale };
    layer.push(tracks);
  }
  if (options.scaleBar !== false) {
    const bar = scaleBarLength(width);
    const x0 = width - bar - width * 0.04;
    const yBar = height - (options.yScale ? height : height) * 0.06;
    const label = `${+bar.toPrecision(3)} ${xs.lengthUnit}`;
    layer.push({
      data: { values: [{ x: x0, x2: x0 + bar, y: yBar, label }] },
      layer: [
        { mark: { type: 'rule', color: 'white', strokeWidth: 4 }, encoding: { x: { field: 'x', type: 'quantitative', scale: x.scale }, x2: { field: 'x2' }, y: { field: 'y', type: 'quantitative', scale: y.scale } } },
        {
          mark: { type: 'text', color: 'white', baseline: 'bottom', dy: -5, fontSize: 12, fontWeight: 'bold' },
          encoding: { x: { datum: x0 + bar / 2, type: 'quantitative', scale: x.scale }, y: { field: 'y', type: 'quantitative', scale: y.scale }, text: { field: 'label' } },
        },
      ],
    });
  }
  return { ...base(options.title, { widthPx: options.viewWidthPx, heightPx: options.viewHeightPx }), layer, resolve: { scale: { color: 'independent' } } };
}

/** `y` against `x` (e.g. UMAP 1 vs UMAP 2, PC1 vs PC2), coloured by `colorColumn` when given. */
export function scatterSpec(table: Table, options: { x: string; y: string; colorColumn?: string; title?: string } & PlotSize): Spec {
  const columns = [options.x, options.y, ...(options.colorColumn ? [options.colorColumn] : [])];
  const values = rows(table, columns);
  return {
    ...base(options.title ?? `${columnTitle(table, options.y)} vs ${columnTitle(table, options.x)} (n = ${values.length})`, options),
    data: { values },
    mark: { type: 'circle', size: 22, opacity: 0.75 },
    encoding: {
      x: { field: options.x, type: 'quantitative', title: columnTitle(table, options.x), scale: { zero: false } },
      y: { field: options.y, type: 'quantitative', title: columnTitle(table, options.y), scale: { zero: false } },
      ...(options.colorColumn ? { color: { field: options.colorColumn, type: 'nominal', title: columnTitle(table, options.colorColumn), scale: { scheme: 'tableau10' } } } : {}),
    },
  };
}
