// "Which frame was shifted the most?", "the drift in frame 4", "drift over time": a drift table holds the shift of each
// frame as its components (t, dx_px, dy_px[, dz_px], as correct_drift writes it); a question about how far a frame
// moved asks the length of that shift. The tables get it as a column of their own, drift_px (and drift_um when the
// pixel size is known), computed from the components, so that the frame questions read it like any other column.
import type { Table } from '../../analysis/table.ts';

/** The shift's components of a drift table (x and y, and z when present), or undefined when the table has none. */
function componentsOf(table: Table): string[] | undefined {
  if (!table.columns.includes('t') || !table.columns.includes('dx_px') || !table.columns.includes('dy_px')) return undefined;
  return ['dx_px', 'dy_px', ...(table.columns.includes('dz_px') ? ['dz_px'] : [])];
}

/** The table with the length of each frame's shift (drift_px, and drift_um at a known pixel size); other tables as they are. */
export function withDriftLength(table: Table, pixelSizeUm?: number): Table {
  const components = componentsOf(table);
  if (!components || table.columns.includes('drift_px')) return table;
  const calibrated = pixelSizeUm !== undefined && pixelSizeUm > 0;
  const rows = table.rows.map((row) => {
    const parts = components.map((c) => row[c]);
    const length = parts.every((v) => typeof v === 'number' && Number.isFinite(v)) ? Math.hypot(...(parts as number[])) : null;
    return { ...row, drift_px: length, ...(calibrated ? { drift_um: length === null ? null : length * pixelSizeUm! } : {}) };
  });
  return { ...table, columns: [...table.columns, 'drift_px', ...(calibrated ? ['drift_um'] : [])], rows };
}
