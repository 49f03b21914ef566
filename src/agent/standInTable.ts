// Stand-in tables for plan-only evals: the table a tool declares it writes (tools/*.ts `table`), a few rows over
// frames and track ids with values varied around each column's typical value, so that answers which read rows (per
// frame, per track, extremes, trends) run as on a real movie. Only the eval runner writes them, in a case's own folder.
import type { TableColumn, TableDeclaration } from '../../tools/types.ts';
import { FRAME_INDEX_UNIT, type Cell, type Table } from '../analysis/table.ts';

/** Objects (cells, tracks) in a stand-in table: few enough to stay small, enough for extremes and trends to differ. */
const OBJECTS = 6;
/** Lags of a stand-in mean squared displacement. */
const LAGS = 8;

/** The frames a stand-in covers, 0-based inclusive (a measured range, or the whole movie). */
export interface FrameSpan {
  first: number;
  last: number;
}

/**
 * A deterministic spread of key k among n keys in [-1, 1] with mean 0 over all keys: a stride coprime with n visits
 * each key once, so the stand-in mean of a column is its declared typical value while the order is not monotone.
 */
function spread(k: number, n: number): number {
  if (n < 2) return 0;
  const stride = [5, 7, 11, 13, 3].find((p) => gcd(p, n) === 1) ?? 1;
  return (((k * stride) % n) - (n - 1) / 2) / ((n - 1) / 2);
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** The first frame object i is seen in: objects appear over the first half of the span, so counts per frame rise. */
function birthOf(i: number, span: FrameSpan): number {
  return span.first + Math.floor((i * (span.last - span.first + 1)) / (2 * OBJECTS));
}

/** The calibration a stand-in is written in, as a real run's: lengths in µm with a pixel size, times in minutes with an interval. */
export interface StandInCalibration {
  pixelSizeUm?: number;
  frameIntervalS?: number;
}

/** A declared unit (px and frames) in the calibration: the factor to multiply by and the unit written. */
function calibrated(unit: string, calibration: StandInCalibration): { factor: number; unit: string } {
  const px = calibration.pixelSizeUm;
  const min = calibration.frameIntervalS ? calibration.frameIntervalS / 60 : undefined;
  if (unit === 'px' && px) return { factor: px, unit: 'µm' };
  if (unit === 'px²' && px) return { factor: px * px, unit: 'µm²' };
  if (unit === 'frames' && min) return { factor: min, unit: 'min' };
  if (unit === 'px/frame' && (px || min)) return { factor: (px ?? 1) / (min ?? 1), unit: `${px ? 'µm' : 'px'}/${min ? 'min' : 'frame'}` };
  return { factor: 1, unit };
}

/** The written columns of a declared one: its name, and beside it (or in its place, when its name does not carry a unit) the calibrated value. */
function writtenColumns(name: string, column: TableColumn, calibration: StandInCalibration): { name: string; factor: number; unit: string }[] {
  const inCalibration = calibrated(column.unit, calibration);
  if (inCalibration.factor === 1 && inCalibration.unit === column.unit) return [{ name, factor: 1, unit: column.unit }];
  if (column.calibratedName) return [{ name, factor: 1, unit: column.unit }, { name: column.calibratedName, ...inCalibration }];
  return [{ name, ...inCalibration }];
}

/** A table's measured columns, as written. */
interface Written {
  name: string;
  factor: number;
  unit: string;
  column: TableColumn;
}

function writtenOf(declaration: TableDeclaration, calibration: StandInCalibration): Written[] {
  return Object.entries(declaration.columns).flatMap(([name, column]) => writtenColumns(name, column, calibration).map((w) => ({ ...w, column })));
}

function valueOf(w: Written, objectShare: number, frameShare: number): number {
  const v = w.column.example * (1 + 0.3 * objectShare + 0.1 * frameShare);
  return w.column.whole && w.factor === 1 ? Math.max(0, Math.round(v)) : Number((v * w.factor).toPrecision(6));
}

/** The measured values of a row: each column's, varied by the row's object and frame. */
function measured(written: Written[], objectShare: number, frameShare: number): Record<string, Cell> {
  return Object.fromEntries(written.map((w) => [w.name, valueOf(w, objectShare, frameShare)]));
}

/** Header units of the columns whose names do not carry them (TRACK_MEAN_SPEED (µm/min), not area_um2). */
function unitsOf(written: Written[], withFrame: boolean): Record<string, string> {
  const units: Record<string, string> = withFrame ? { t: FRAME_INDEX_UNIT } : {};
  for (const w of written) if (w.unit && !/_(?:px|um|um2|percent|per_frame|per_min)$/.test(w.name)) units[w.name] = w.unit;
  return units;
}

/**
 * The stand-in table of a declaration over the frames of `span`: a row per object and frame (with track ids when the
 * call read tracks), per frame (the counts of objects seen in it), per track, per step of a track, or per lag.
 */
export function standInTable(declaration: TableDeclaration, span: FrameSpan, withTracks: boolean, calibration: StandInCalibration = {}): Table {
  const written = writtenOf(declaration, calibration);
  const table = rowsOfTable(declaration, span, withTracks, written);
  return { ...table, rows: withDeclaredMeans(table.rows, written) };
}

/**
 * The rows with each measured column (not a whole-number count) scaled so that its mean over all rows is the declared
 * typical value, as the step's own reported mean is: a question answered from the rows and one answered from the step's
 * values agree, as on a real movie (objects seen in more frames weigh more in the rows than in the spread).
 */
function withDeclaredMeans(rows: Record<string, Cell>[], written: Written[]): Record<string, Cell>[] {
  const scale = new Map<string, number>();
  for (const w of written) {
    if (w.column.whole && w.factor === 1) continue;
    const values = rows.map((r) => r[w.name]).filter((v): v is number => typeof v === 'number');
    const mean = values.reduce((a, b) => a + b, 0) / (values.length || 1);
    if (mean > 0) scale.set(w.name, (w.column.example * w.factor) / mean);
  }
  return rows.map((r) => ({ ...r, ...Object.fromEntries([...scale].map(([name, k]) => [name, typeof r[name] === 'number' ? Number(((r[name] as number) * k).toPrecision(6)) : r[name]])) }));
}

function rowsOfTable(declaration: TableDeclaration, span: FrameSpan, withTracks: boolean, written: Written[]): Table {
  const names = written.map((w) => w.name);
  const frames = Array.from({ length: span.last - span.first + 1 }, (_, i) => span.first + i);
  const frameShare = (t: number) => spread(t - span.first, frames.length);
  const objectShare = (i: number) => spread(i, OBJECTS);
  const objects = Array.from({ length: OBJECTS }, (_, i) => i);
  switch (declaration.rows) {
    case 'objects': {
      const ids = withTracks ? ['label', 'track_id', 'branch_id'] : ['label'];
      const rows = frames.flatMap((t) =>
        objects.filter((i) => birthOf(i, span) <= t).map((i) => ({ ...Object.fromEntries(ids.map((c) => [c, i + 1])), t, ...measured(written, objectShare(i), frameShare(t)) })),
      );
      return { columns: [...ids, 't', ...names], rows, units: unitsOf(written, true) };
    }
    case 'frames': {
      const rows = frames.map((t) => ({ t, ...measured(written, 0, frameShare(t)) }));
      return { columns: ['t', ...names], rows, units: unitsOf(written, true) };
    }
    case 'tracks': {
      const rows = objects.map((i) => ({ TRACK_ID: i + 1, ...measured(written, objectShare(i), 0) }));
      return { columns: ['TRACK_ID', ...names], rows, units: unitsOf(written, false) };
    }
    case 'steps': {
      const rows = objects.flatMap((i) =>
        frames.slice(0, -1).filter((t) => birthOf(i, span) <= t).map((t) => ({ track_id: i + 1, branch_id: i + 1, source_spot: `${i + 1}-${t}`, target_spot: `${i + 1}-${t + 1}`, t, ...measured(written, objectShare(i), frameShare(t)) })),
      );
      return { columns: ['track_id', 'branch_id', 'source_spot', 'target_spot', 't', ...names], rows, units: unitsOf(written, true) };
    }
    case 'lags': {
      const rows = Array.from({ length: LAGS }, (_, k) => ({ lag: k + 1, ...measured(written, 0, spread(k, LAGS)) }));
      return { columns: ['lag', ...names], rows, units: unitsOf(written, false) };
    }
  }
}
