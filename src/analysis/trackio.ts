// Reading and writing Tracks: our own `.tracks.json`, a tidy CSV (one row per spot), and
// dispatch to the CTC (ctc.ts) and TrackMate XML (trackmateXml.ts) formats by path.
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import type { Branch, Spot, Tracks } from './tracks.ts';
import { FRAME_INDEX_UNIT, parseCsv, tableToCsv, writeTextAtomic, type Table } from './table.ts';
import { trackIdOfBranch } from './track.ts';
import { CONFIDENCE_SCALE } from './trackFeatures.ts';
import { featuresFromFile, fileFeatureName, isThreeD } from './spotSize.ts';

const JSON_FORMAT = 'cellpilot-tracks';

/** Writes tracks as JSON (atomically: temporary file, then rename). */
export function saveTracksJson(path: string, tracks: Tracks): void {
  writeTextAtomic(path, JSON.stringify({ format: JSON_FORMAT, version: 1, ...tracks }));
}

export function loadTracksJson(path: string): Tracks {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new RangeError(`${path} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  const d = data as Partial<Tracks> & { format?: string };
  if (d.format !== JSON_FORMAT || !Array.isArray(d.spots) || !Array.isArray(d.branches) || typeof d.frames !== 'number') {
    throw new RangeError(`${path} is not a cellpilot tracks file (expected "format": "${JSON_FORMAT}" with spots, branches and frames)`);
  }
  const { format: _format, version: _version, ...tracks } = d as Tracks & { format: string; version: number };
  checkTracks(tracks, path);
  return tracks;
}

/** Consistency checks shared by the readers: every branch spot exists and belongs to it. */
export function checkTracks(tracks: Tracks, name: string): void {
  const spotById = new Map(tracks.spots.map((s) => [s.id, s]));
  const branchIds = new Set(tracks.branches.map((b) => b.id));
  for (const b of tracks.branches) {
    for (const id of b.spotIds) {
      const s = spotById.get(id);
      if (!s) throw new RangeError(`${name}: branch ${b.id} lists spot ${id}, which does not exist`);
      if (s.branchId !== b.id) throw new RangeError(`${name}: spot ${id} is listed in branch ${b.id} but says branch ${s.branchId}`);
    }
    if (b.parent !== 0 && !branchIds.has(b.parent)) throw new RangeError(`${name}: branch ${b.id} names parent ${b.parent}, which does not exist`);
  }
}

/** Spot feature names present in the tracks, sorted. */
export function spotFeatureNames(tracks: Tracks): string[] {
  const names = new Set<string>();
  for (const s of tracks.spots) for (const k of Object.keys(s.features ?? {})) names.add(k);
  return [...names].sort();
}

/**
 * One row per spot: track_id (TrackMate track = lineage tree), branch_id (CTC track),
 * parent (mother branch, 0 for none), spot_id, t (frame, 0-based), x, y, z (px; z in
 * planes; the header says so: "x (px)"), label, then t_s / x_um / y_um when calibrated, then spot features.
 */
export function tracksToTable(tracks: Tracks): Table {
  const trackOf = trackIdOfBranch(tracks);
  const parentOf = new Map(tracks.branches.map((b) => [b.id, b.parent]));
  const features = spotFeatureNames(tracks);
  const hasZ = isThreeD(tracks.spots);
  // a 3-D spot's pixel count is its voxels: the column says so (volume_voxels, not area_px)
  const named = (f: string) => fileFeatureName(f, hasZ);
  const columns = ['track_id', 'branch_id', 'parent', 'spot_id', 't', 'x', 'y', ...(hasZ ? ['z'] : []), 'label'];
  if (tracks.frameIntervalS) columns.push('t_s');
  if (tracks.pixelSizeUm) columns.push('x_um', 'y_um');
  // the tracker's confidence in each branch (0-1), when it gave one
  const confidenceOf = new Map(tracks.branches.filter((b) => b.confidence !== undefined).map((b) => [b.id, b.confidence!]));
  if (confidenceOf.size) columns.push('branch_confidence');
  columns.push(...features.map(named).filter((f) => !columns.includes(f)));
  const spots = [...tracks.spots].sort((a, b) => (trackOf.get(a.branchId) ?? 0) - (trackOf.get(b.branchId) ?? 0) || a.branchId - b.branchId || a.t - b.t);
  const rows = spots.map((s) => {
    const row: Table['rows'][number] = {
      track_id: trackOf.get(s.branchId) ?? s.branchId,
      branch_id: s.branchId,
      parent: parentOf.get(s.branchId) ?? 0,
      spot_id: s.id,
      t: s.t,
      x: s.x,
      y: s.y,
      label: s.label ?? null,
    };
    if (hasZ) row.z = s.z ?? null;
    if (tracks.frameIntervalS) row.t_s = s.t * tracks.frameIntervalS;
    if (tracks.pixelSizeUm) (row.x_um = s.x * tracks.pixelSizeUm), (row.y_um = s.y * tracks.pixelSizeUm);
    if (confidenceOf.size) row.branch_confidence = confidenceOf.get(s.branchId) ?? null;
    for (const f of features) if (!(named(f) in row)) row[named(f)] = s.features?.[f] ?? null;
    return row;
  });
  // the header says the unit of a position or frame whose name does not ("x (px)", "t (frame index from 0)")
  // and of a spot feature in the units of the file it came from ("RADIUS (µm)" from a TrackMate XML)
  const featureUnits = Object.fromEntries(Object.entries(tracks.spotFeatureUnits ?? {}).filter(([f]) => features.includes(f) && !RESERVED.has(f)).map(([f, unit]) => [named(f), unit]));
  return { columns, rows, units: { ...featureUnits, t: FRAME_INDEX_UNIT, x: 'px', y: 'px', ...(hasZ ? { z: 'planes' } : {}), ...(confidenceOf.size ? { branch_confidence: CONFIDENCE_SCALE } : {}) } };
}

export function writeTracksCsv(path: string, tracks: Tracks): void {
  writeTextAtomic(path, tableToCsv(tracksToTable(tracks)));
}

const RESERVED = new Set(['track_id', 'branch_id', 'parent', 'spot_id', 't', 'x', 'y', 'z', 'label', 't_s', 'x_um', 'y_um', 'branch_confidence']);

/** Reads the tidy CSV back (needs branch_id, t, x, y; parent and spot_id if present). */
export function tracksFromTable(table: Table, name = 'table'): Tracks {
  for (const c of ['branch_id', 't', 'x', 'y']) if (!table.columns.includes(c)) throw new RangeError(`${name} has no "${c}" column: a tracks CSV needs branch_id, t, x, y`);
  const spots: Spot[] = [];
  const branches = new Map<number, Branch>();
  const threeD = table.rows.some((row) => typeof row.z === 'number');
  table.rows.forEach((row, k) => {
    const num = (c: string) => {
      const v = row[c];
      if (typeof v !== 'number') throw new RangeError(`${name} row ${k + 2}: "${c}" is ${v === null ? 'empty' : `"${v}"`}, expected a number`);
      return v;
    };
    const branchId = num('branch_id');
    const spot: Spot = { id: typeof row.spot_id === 'number' ? row.spot_id : k + 1, t: num('t'), x: num('x'), y: num('y'), branchId };
    if (typeof row.z === 'number') spot.z = row.z;
    if (typeof row.label === 'number') spot.label = row.label;
    const features: Record<string, number> = {};
    for (const c of table.columns) if (!RESERVED.has(c) && typeof row[c] === 'number') features[c] = row[c] as number;
    // (a 3-D spot's volume_voxels is the tracker's pixel count, area_px, as it was before writing)
    if (Object.keys(features).length) spot.features = featuresFromFile(features, threeD);
    spots.push(spot);
    let b = branches.get(branchId);
    if (!b) branches.set(branchId, (b = { id: branchId, start: spot.t, end: spot.t, parent: typeof row.parent === 'number' ? row.parent : 0, spotIds: [] }));
    if (typeof row.branch_confidence === 'number') b.confidence = row.branch_confidence;
    b.spotIds.push(spot.id);
    b.start = Math.min(b.start, spot.t);
    b.end = Math.max(b.end, spot.t);
  });
  const byId = new Map(spots.map((s) => [s.id, s]));
  for (const b of branches.values()) b.spotIds.sort((p, q) => byId.get(p)!.t - byId.get(q)!.t);
  const tracks: Tracks = { spots, branches: [...branches.values()].sort((a, b) => a.id - b.id), frames: Math.max(0, ...spots.map((s) => s.t + 1)) };
  // the calibration the CSV was written with (its x_um and t_s columns): a TrackMate XML or a speed made from it stays in µm and s
  const pixelSizeUm = columnRatio(table, 'x_um', 'x');
  const frameIntervalS = columnRatio(table, 't_s', 't');
  if (pixelSizeUm) tracks.pixelSizeUm = pixelSizeUm;
  if (frameIntervalS) tracks.frameIntervalS = frameIntervalS;
  // a spot feature's unit its header said ("RADIUS (µm)") stays with it
  const featureUnits = Object.fromEntries(Object.entries(table.units ?? {}).filter(([c]) => !RESERVED.has(c)));
  if (Object.keys(featureUnits).length) tracks.spotFeatureUnits = featureUnits;
  checkTracks(tracks, name);
  return tracks;
}

/** The median of column `scaled` over column `raw` (where raw is not near 0), to 6 significant digits; undefined without both. */
function columnRatio(table: Table, scaled: string, raw: string): number | undefined {
  if (!table.columns.includes(scaled)) return undefined;
  const ratios = table.rows.filter((r) => typeof r[scaled] === 'number' && typeof r[raw] === 'number' && Math.abs(r[raw] as number) >= 1).map((r) => (r[scaled] as number) / (r[raw] as number)).sort((a, b) => a - b);
  const median = ratios[Math.floor(ratios.length / 2)];
  return median !== undefined && median > 0 && Number.isFinite(median) ? Number(median.toPrecision(6)) : undefined;
}

export function readTracksCsv(path: string): Tracks {
  return tracksFromTable(parseCsv(readFileSync(path, 'utf8')), path);
}

/** Loads tracks from .tracks.json, .csv, TrackMate .xml, or a CTC folder. */
export async function loadTracks(path: string): Promise<Tracks> {
  if (!existsSync(path)) throw new RangeError(`${path}: no such tracks file or folder`);
  if (statSync(path).isDirectory()) {
    const { readCtcTracks } = await import('./ctc.ts');
    return readCtcTracks(path);
  }
  const lower = path.toLowerCase();
  if (lower.endsWith('.json')) return loadTracksJson(path);
  if (lower.endsWith('.csv')) return readTracksCsv(path);
  if (lower.endsWith('.xml')) {
    const { readTrackMateXml } = await import('./trackmateXml.ts');
    return (await readTrackMateXml(path)).tracks;
  }
  throw new RangeError(`${path}: unknown tracks format; use .tracks.json, .csv, TrackMate .xml or a CTC folder`);
}
