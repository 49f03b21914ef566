// A summary row per frame of a per-object table (measure kind "summary") (features.ts), as Fiji's Analyze Particles "Summarize" gives per
// slice: how many objects, their total and mean area, the percentage of the field they cover, the number per mm² when
// the pixel size is known, and the mean of the objects' mean intensities per channel. Frames without any object are
// rows with a count of 0 (a cell count over time must show the empty frames, not skip them).
import { FRAME_INDEX_UNIT, type Cell, type Table } from './table.ts';

export interface FrameSummaryOptions {
  /** 0-based inclusive frames to summarise (every one gets a row, empty or not). */
  frames: [number, number];
  /** The field of view's area in pixels (width x height of one plane); without it no area fraction and no density. */
  fieldAreaPx?: number;
  /**
   * The column holding each object's area: `area_px` (the default; with a pixel size, the µm² columns too) or `area_um2`
   * for a table measured in µm² only (total and mean area in µm², no px columns). A table without it gets no area columns.
   */
  areaColumn?: 'area_px' | 'area_um2';
  /** Pixel size, µm per pixel; adds the µm² columns and objects per mm². */
  pixelSizeUm?: number;
  /** Time between frames, seconds; adds a time_s column. */
  frameIntervalS?: number;
  /** z slices per frame (a z-stack's objects cover a fraction of every slice's field); default 1. */
  zSlices?: number;
}

const MEAN_INTENSITY = /^mean_intensity(?:_c\d+)?$/;

/** One row per frame of `objects` (rows with `t`, `label`, `area_px` and optionally mean_intensity_cN). */
export function summariseFrames(objects: Table, options: FrameSummaryOptions): Table {
  const { frames: [first, last], fieldAreaPx, pixelSizeUm, frameIntervalS, zSlices = 1, areaColumn = 'area_px' } = options;
  if (fieldAreaPx !== undefined && !(fieldAreaPx > 0)) throw new RangeError(`fieldAreaPx must be positive, got ${fieldAreaPx}`);
  const hasArea = objects.columns.includes(areaColumn);
  const inUm2 = areaColumn === 'area_um2';
  const intensityColumns = objects.columns.filter((c) => MEAN_INTENSITY.test(c));
  const byFrame = new Map<number, Record<string, Cell>[]>();
  for (const row of objects.rows) {
    const t = Number(row.t);
    const rows = byFrame.get(t);
    if (rows) rows.push(row);
    else byFrame.set(t, [row]);
  }
  const areaUm2 = pixelSizeUm ? pixelSizeUm * pixelSizeUm : undefined;
  const field = fieldAreaPx !== undefined && !inUm2;
  const pxColumns = hasArea && !inUm2;
  const um2Columns = hasArea && (inUm2 || areaUm2 !== undefined);
  const columns = ['t', ...(frameIntervalS ? ['time_s'] : []), 'count', ...(pxColumns ? ['total_area_px'] : []), ...(um2Columns ? ['total_area_um2'] : []), ...(pxColumns ? ['mean_area_px'] : []), ...(um2Columns ? ['mean_area_um2'] : []), ...(field && areaUm2 ? ['objects_per_mm2'] : []), ...(field && pxColumns ? ['area_fraction_percent'] : []), ...intensityColumns];
  const rows: Record<string, Cell>[] = [];
  for (let t = first; t <= last; t++) {
    const inFrame = byFrame.get(t) ?? [];
    // on a z-stack an object has a row per slice: it is counted once, its area summed over the slices
    const count = new Set(inFrame.map((r) => r.label)).size;
    const totalArea = inFrame.reduce((sum, r) => sum + Number(r[areaColumn]), 0);
    const row: Record<string, Cell> = { t, count };
    if (pxColumns) Object.assign(row, { total_area_px: totalArea, mean_area_px: count ? totalArea / count : null });
    if (field && pxColumns) row.area_fraction_percent = (100 * totalArea) / (fieldAreaPx! * zSlices);
    if (frameIntervalS) row.time_s = t * frameIntervalS;
    if (um2Columns) {
      const totalUm2 = inUm2 ? totalArea : totalArea * areaUm2!;
      row.total_area_um2 = totalUm2;
      row.mean_area_um2 = count ? totalUm2 / count : null;
    }
    // objects per mm² of the field (1 mm² = 1e6 µm²)
    if (field && areaUm2) row.objects_per_mm2 = count / ((fieldAreaPx! * areaUm2) / 1e6);
    for (const c of intensityColumns) row[c] = inFrame.length ? inFrame.reduce((sum, r) => sum + Number(r[c]), 0) / inFrame.length : null;
    rows.push(row);
  }
  return { columns, rows, units: { t: FRAME_INDEX_UNIT } };
}
