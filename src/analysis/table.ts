// Table: tidy rows (one observation per row), written and read as CSV.
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';

export type Cell = number | string | null;

export interface Table {
  columns: string[];
  rows: Record<string, Cell>[];
  /**
   * The unit of a column whose name does not say it ("TRACK_MEAN_SPEED": "µm/min"); the CSV
   * header then reads "TRACK_MEAN_SPEED (µm/min)", as run's summary.csv does, and reads back
   * as the bare name with its unit.
   */
  units?: Record<string, string>;
}

/**
 * The unit of a frame index column t, counted from 0 (as TrackMate's FRAME and the Cell Tracking
 * Challenge count): answers and tool arguments count frames from 1 as Fiji does ("frame 10" is
 * t = 9), so the header says where t starts: "t (frame index from 0)" (no comma: a header cell stays unquoted).
 */
export const FRAME_INDEX_UNIT = 'frame index from 0';

/** A header cell with its unit in parentheses at the end: "TRACK_DURATION (min)". */
const HEADER_WITH_UNIT = /^(\S.*?) \(([^()]+)\)$/;

function headerCell(table: Table, column: string): string {
  const unit = table.units?.[column];
  return formatCell(unit ? `${column} (${unit})` : column);
}

function formatCell(v: Cell | undefined): string {
  if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) return '';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(10)));
  return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function tableToCsv(table: Table): string {
  const lines = [table.columns.map((c) => headerCell(table, c)).join(',')];
  for (const row of table.rows) lines.push(table.columns.map((c) => formatCell(row[c])).join(','));
  return lines.join('\n') + '\n';
}

/** Writes atomically (temporary file then rename), so a failure leaves no half-written CSV. */
export function writeTableCsv(path: string, table: Table): void {
  writeTextAtomic(path, tableToCsv(table));
}

/**
 * Writes a text file atomically: a temporary `PATH.partial`, then a rename. On a failure (a full
 * disk, a read-only or vanished folder) the temporary file is removed and the error names the
 * file it was for (a write's ENOSPC carries no path), so the user reads which file was not written.
 */
export function writeTextAtomic(path: string, text: string): void {
  const tmp = `${path}.partial`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    if (err && typeof err === 'object' && (err as { path?: unknown }).path === undefined) Object.assign(err, { path });
    else if (err && typeof err === 'object' && (err as { path?: unknown }).path === tmp) Object.assign(err, { path });
    throw err;
  }
}

function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') (cur += '"'), i++;
      else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') out.push(cur), (cur = '');
    else cur += ch;
  }
  out.push(cur);
  return out;
}

/** Parses CSV with a header row; numeric-looking cells become numbers, empty cells null. */
export function parseCsv(text: string): Table {
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  if (lines.length === 0) return { columns: [], rows: [] };
  const header = splitCsvLine(lines[0]);
  const units: Record<string, string> = {};
  const bare = header.map((h) => HEADER_WITH_UNIT.exec(h)?.[1] ?? h);
  // a unit is split off only where the bare name stays one column's ("area (px)" and "area (µm)" keep theirs)
  const columns = header.map((h, i) => (bare.filter((b) => b === bare[i]).length === 1 && !header.includes(bare[i]) ? bare[i] : h));
  columns.forEach((c, i) => {
    if (c !== header[i]) units[c] = HEADER_WITH_UNIT.exec(header[i])![2];
  });
  const rows = lines.slice(1).map((line) => {
    const cells = splitCsvLine(line);
    const row: Record<string, Cell> = {};
    columns.forEach((c, i) => {
      const raw = cells[i] ?? '';
      row[c] = raw === '' ? null : /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(raw) ? Number(raw) : raw;
    });
    return row;
  });
  return Object.keys(units).length ? { columns, rows, units } : { columns, rows };
}

export function readTableCsv(path: string): Table {
  return parseCsv(readFileSync(path, 'utf8'));
}

/** The numeric values of one column (nulls and strings skipped). */
export function column(table: Table, name: string): number[] {
  return table.rows.map((r) => r[name]).filter((v): v is number => typeof v === 'number');
}
