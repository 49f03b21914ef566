// Link and track measures as TrackMate's analyzers define them
// (fiji.plugin.trackmate.features.track: TrackDurationAnalyzer, TrackBranchingAnalyzer,
// TrackSpeedStatisticsAnalyzer, TrackLocationAnalyzer, TrackMotilityAnalyzer; edge
// analyzers EdgeVelocityAnalyzer and DirectionalChangeAnalyzer). A track is a lineage tree
// (all branches connected by divisions or merges). Values are in µm and s when the tracks
// are calibrated, otherwise in px and frames; `units` says which. Times are in the unit
// that reads best for the frame interval (min for 5-min frames) unless one is asked for.
import { displayUnits, type TimeUnit } from '../image/calibration.ts';
import type { Spot, Tracks } from './tracks.ts';
import { FRAME_INDEX_UNIT, type Table } from './table.ts';
import { trackConfidences, trackEdges, trackIdOfBranch, type TrackEdge } from './track.ts';

export interface Units {
  length: 'µm' | 'px';
  /** "s", "min", "h", "ms", or "frame" when the frame interval is unknown. */
  time: string;
}

export interface UnitOptions {
  /** Unit to give times and speeds in (when the frame interval is known); default: from the interval. */
  timeUnit?: TimeUnit;
}

export function unitsOf(tracks: Tracks, options: UnitOptions = {}): Units {
  const u = displayUnits({ pixelSizeUm: tracks.pixelSizeUm, frameIntervalS: tracks.frameIntervalS, timeUnit: options.timeUnit });
  return { length: u.length as Units['length'], time: u.time };
}

/** Column-name form of a unit: "µm" -> "um", "frame" -> "frame". */
function unitKey(unit: string): string {
  return unit === 'µm' ? 'um' : unit;
}

/** Position in physical units (or px), z scaled by the z step when known. */
function position(tracks: Tracks, s: Spot): [number, number, number] {
  const px = tracks.pixelSizeUm ?? 1;
  const zStep = tracks.pixelSizeUm ? (tracks.zStepUm ?? tracks.pixelSizeUm) : 1;
  return [s.x * px, s.y * px, (s.z ?? 0) * zStep];
}

/** Frames -> the display time unit (1 when uncalibrated: times stay in frames). */
function timePerFrame(tracks: Tracks, options: UnitOptions): number {
  return displayUnits({ frameIntervalS: tracks.frameIntervalS, timeUnit: options.timeUnit }).timePerFrame;
}

function time(tracks: Tracks, s: Spot, perFrame = 1): number {
  return s.t * perFrame;
}

function distance(tracks: Tracks, a: Spot, b: Spot): number {
  const p = position(tracks, a);
  const q = position(tracks, b);
  return Math.hypot(q[0] - p[0], q[1] - p[1], q[2] - p[2]);
}

interface EdgeMeasure {
  edge: TrackEdge;
  displacement: number;
  speed: number;
  /** Angle change from the previous edge per unit time (rad / time unit); NaN without a previous edge. */
  directionalChangeRate: number;
}

function measureEdges(tracks: Tracks, perFrame: number): EdgeMeasure[] {
  const edges = trackEdges(tracks);
  const incoming = new Map<number, TrackEdge>();
  for (const e of edges) if (!incoming.has(e.target.id)) incoming.set(e.target.id, e);
  return edges.map((edge) => {
    const displacement = distance(tracks, edge.source, edge.target);
    const dt = time(tracks, edge.target, perFrame) - time(tracks, edge.source, perFrame);
    let directionalChangeRate = NaN;
    const previous = incoming.get(edge.source.id);
    if (previous) {
      const a = position(tracks, previous.source);
      const b = position(tracks, edge.source);
      const c = position(tracks, edge.target);
      const u = [b[0] - a[0], b[1] - a[1], b[2] - a[2]];
      const v = [c[0] - b[0], c[1] - b[1], c[2] - b[2]];
      const cross = Math.hypot(u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]);
      const dot = u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
      directionalChangeRate = Math.atan2(cross, dot) / dt;
    }
    return { edge, displacement, speed: displacement / dt, directionalChangeRate };
  });
}

/** Names of the link table's measured columns, with their units ("speed_um_per_min"). */
export function linkColumns(units: Units): { time?: string; displacement: string; speed: string; directionalChangeRate: string } {
  const length = unitKey(units.length);
  return {
    time: units.time === 'frame' ? undefined : `time_${units.time}`,
    displacement: `displacement_${length}`,
    speed: `speed_${length}_per_${units.time}`,
    directionalChangeRate: `directional_change_rate_rad_per_${units.time}`,
  };
}

/**
 * One row per link: the step from one spot to the next (or to a daughter), at the
 * source spot's frame `t` (0-based) and, when calibrated, its time. Column names carry
 * the units (`displacement_um`, `speed_um_per_min`; `_px`, `_per_frame` uncalibrated).
 */
export function linkTable(tracks: Tracks, options: UnitOptions = {}): { table: Table; units: Units } {
  const trackOf = trackIdOfBranch(tracks);
  const units = unitsOf(tracks, options);
  const perFrame = timePerFrame(tracks, options);
  const names = linkColumns(units);
  const rows = measureEdges(tracks, perFrame).map((m) => ({
    track_id: trackOf.get(m.edge.target.branchId) ?? 0,
    branch_id: m.edge.target.branchId,
    source_spot: m.edge.source.id,
    target_spot: m.edge.target.id,
    kind: m.edge.kind,
    t: m.edge.source.t,
    ...(names.time ? { [names.time]: m.edge.source.t * perFrame } : {}),
    frames: m.edge.target.t - m.edge.source.t,
    [names.displacement]: m.displacement,
    [names.speed]: m.speed,
    [names.directionalChangeRate]: Number.isNaN(m.directionalChangeRate) ? null : m.directionalChangeRate,
  }));
  const columns = ['track_id', 'branch_id', 'source_spot', 'target_spot', 'kind', 't', ...(names.time ? [names.time] : []), 'frames', names.displacement, names.speed, names.directionalChangeRate];
  // t is the source spot's frame index from 0, as in every other table ("t (frame index from 0)")
  return { table: { columns, rows, units: { t: FRAME_INDEX_UNIT } }, units };
}

export const TRACK_FEATURES = [
  'TRACK_ID',
  'NUMBER_SPOTS',
  'NUMBER_GAPS',
  'LONGEST_GAP',
  'NUMBER_SPLITS',
  'NUMBER_MERGES',
  'NUMBER_COMPLEX',
  'TRACK_DURATION',
  'TRACK_START',
  'TRACK_STOP',
  'TRACK_DISPLACEMENT',
  'TRACK_X_LOCATION',
  'TRACK_Y_LOCATION',
  'TRACK_Z_LOCATION',
  'TRACK_MEAN_SPEED',
  'TRACK_MAX_SPEED',
  'TRACK_MIN_SPEED',
  'TRACK_MEDIAN_SPEED',
  'TRACK_STD_SPEED',
  'TOTAL_DISTANCE_TRAVELED',
  'MAX_DISTANCE_TRAVELED',
  'CONFINEMENT_RATIO',
  'MEAN_STRAIGHT_LINE_SPEED',
  'LINEARITY_OF_FORWARD_PROGRESSION',
  'MEAN_DIRECTIONAL_CHANGE_RATE',
] as const;

export type TrackFeatureRow = Record<(typeof TRACK_FEATURES)[number], number>;

/** TrackMate's track features, one row per track (lineage tree). */
export function trackFeatures(tracks: Tracks, options: UnitOptions = {}): { rows: TrackFeatureRow[]; units: Units } {
  const perFrame = timePerFrame(tracks, options);
  const trackOf = trackIdOfBranch(tracks);
  const spotsOf = new Map<number, Spot[]>();
  for (const s of tracks.spots) {
    const id = trackOf.get(s.branchId) ?? s.branchId;
    const list = spotsOf.get(id) ?? [];
    list.push(s);
    spotsOf.set(id, list);
  }
  const edgesOf = new Map<number, EdgeMeasure[]>();
  for (const m of measureEdges(tracks, perFrame)) {
    const id = trackOf.get(m.edge.target.branchId)!;
    const list = edgesOf.get(id) ?? [];
    list.push(m);
    edgesOf.set(id, list);
  }
  const rows: TrackFeatureRow[] = [];
  for (const [id, spots] of [...spotsOf].sort((a, b) => a[0] - b[0])) {
    spots.sort((a, b) => a.t - b.t || a.id - b.id);
    const edges = edgesOf.get(id) ?? [];
    const first = spots[0];
    const last = spots[spots.length - 1];
    const speeds = edges.map((e) => e.speed).sort((a, b) => a - b);
    const meanSpeed = mean(speeds);
    const totalDistance = edges.reduce((acc, e) => acc + e.displacement, 0);
    const displacement = distance(tracks, first, last);
    const duration = time(tracks, last, perFrame) - time(tracks, first, perFrame);
    const rates = edges.map((e) => e.directionalChangeRate).filter((r) => !Number.isNaN(r));
    const outDegree = new Map<number, number>();
    const inDegree = new Map<number, number>();
    let gaps = 0;
    let longestGap = 0;
    for (const { edge } of edges) {
      outDegree.set(edge.source.id, (outDegree.get(edge.source.id) ?? 0) + 1);
      inDegree.set(edge.target.id, (inDegree.get(edge.target.id) ?? 0) + 1);
      const frames = edge.target.t - edge.source.t;
      if (frames > 1) (gaps++, (longestGap = Math.max(longestGap, frames - 1)));
    }
    let splits = 0;
    let merges = 0;
    let complex = 0;
    for (const s of spots) {
      const later = outDegree.get(s.id) ?? 0;
      const earlier = inDegree.get(s.id) ?? 0;
      if (earlier <= 1 && later > 1) splits++;
      else if (later <= 1 && earlier > 1) merges++;
      else if (later > 1 && earlier > 1) complex++;
    }
    const positions = spots.map((s) => position(tracks, s));
    rows.push({
      TRACK_ID: id,
      NUMBER_SPOTS: spots.length,
      NUMBER_GAPS: gaps,
      LONGEST_GAP: longestGap,
      NUMBER_SPLITS: splits,
      NUMBER_MERGES: merges,
      NUMBER_COMPLEX: complex,
      TRACK_DURATION: duration,
      TRACK_START: time(tracks, first, perFrame),
      TRACK_STOP: time(tracks, last, perFrame),
      TRACK_DISPLACEMENT: displacement,
      TRACK_X_LOCATION: mean(positions.map((p) => p[0])),
      TRACK_Y_LOCATION: mean(positions.map((p) => p[1])),
      TRACK_Z_LOCATION: mean(positions.map((p) => p[2])),
      TRACK_MEAN_SPEED: meanSpeed,
      TRACK_MAX_SPEED: speeds.length ? speeds[speeds.length - 1] : NaN,
      TRACK_MIN_SPEED: speeds.length ? speeds[0] : NaN,
      TRACK_MEDIAN_SPEED: median(speeds),
      TRACK_STD_SPEED: std(speeds),
      TOTAL_DISTANCE_TRAVELED: totalDistance,
      MAX_DISTANCE_TRAVELED: Math.max(0, ...spots.map((s) => distance(tracks, first, s))),
      CONFINEMENT_RATIO: displacement / totalDistance,
      MEAN_STRAIGHT_LINE_SPEED: displacement / duration,
      LINEARITY_OF_FORWARD_PROGRESSION: displacement / duration / meanSpeed,
      MEAN_DIRECTIONAL_CHANGE_RATE: mean(rates),
    });
  }
  return { rows, units: unitsOf(tracks, options) };
}

/** What a track feature measures, as TrackMate declares it (its XML's `dimension`): a speed, a length, a place, a time, a turning rate or none. */
export type TrackFeatureDimension = 'VELOCITY' | 'LENGTH' | 'POSITION' | 'TIME' | 'ANGLE_RATE' | 'NONE';

export function trackFeatureDimension(feature: string): TrackFeatureDimension {
  if (/SPEED/.test(feature)) return 'VELOCITY';
  if (/LOCATION/.test(feature)) return 'POSITION';
  if (/DISTANCE|DISPLACEMENT/.test(feature)) return 'LENGTH';
  if (/DURATION|START|STOP/.test(feature)) return 'TIME';
  return /RATE/.test(feature) ? 'ANGLE_RATE' : 'NONE';
}

/**
 * The unit of each track feature that has one, as the CSV header states it ("TRACK_MEAN_SPEED
 * (px/frame)"), from its dimension; counts, ratios and ids have none, and the longest gap is in
 * frames. z is in planes until a pixel size is known (then µm: the z step, or the pixel size where
 * no z step is known).
 */
export function trackFeatureUnits(units: Units): Partial<Record<(typeof TRACK_FEATURES)[number], string>> {
  const time = units.time === 'frame' ? 'frames' : units.time;
  const unitOf: Record<TrackFeatureDimension, (feature: string) => string | undefined> = {
    VELOCITY: () => `${units.length}/${units.time}`,
    LENGTH: () => units.length,
    POSITION: (f) => (f === 'TRACK_Z_LOCATION' && units.length === 'px' ? 'planes' : units.length),
    TIME: () => time,
    ANGLE_RATE: () => `rad/${units.time}`,
    NONE: (f) => (f === 'LONGEST_GAP' ? 'frames' : undefined),
  };
  const out: Partial<Record<(typeof TRACK_FEATURES)[number], string>> = {};
  for (const f of TRACK_FEATURES) {
    const unit = unitOf[trackFeatureDimension(f)](f);
    if (unit !== undefined) out[f] = unit;
  }
  return out;
}

/** The track feature holding the tracker's confidence in a track (track.ts trackConfidences). */
export const TRACK_CONFIDENCE = 'TRACK_CONFIDENCE';

/**
 * The scale of a confidence, stated where a unit would be ("TRACK_CONFIDENCE (0-1)" in a CSV header): it has no
 * physical unit, 1 is a track the tracker has no doubt about.
 */
export const CONFIDENCE_SCALE = '0-1';

/** The tracker's confidence in each track by TRACK_ID; empty where the branches carry none (tracks made elsewhere). */
export function trackConfidenceById(tracks: Tracks): Map<number, number> {
  return new Map(trackConfidences(tracks).map((c) => [c.trackId, c.confidence]));
}

export function trackTable(tracks: Tracks, options: UnitOptions = {}): { table: Table; units: Units } {
  const { rows, units } = trackFeatures(tracks, options);
  const columnUnits = trackFeatureUnits(units) as Record<string, string>;
  const confidence = trackConfidenceById(tracks);
  if (confidence.size === 0) return { table: { columns: [...TRACK_FEATURES], rows: rows.map((r) => ({ ...r })), units: columnUnits }, units };
  return {
    table: { columns: [...TRACK_FEATURES, TRACK_CONFIDENCE], rows: rows.map((r) => ({ ...r, [TRACK_CONFIDENCE]: confidence.get(r.TRACK_ID) ?? null })), units: { ...columnUnits, [TRACK_CONFIDENCE]: CONFIDENCE_SCALE } },
    units,
  };
}

function mean(values: number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : NaN;
}

/** Median of sorted values. */
function median(sorted: number[]): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  return n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

/** Sample standard deviation (n - 1), NaN below two values. */
function std(values: number[]): number {
  if (values.length < 2) return NaN;
  const m = mean(values);
  return Math.sqrt(values.reduce((acc, v) => acc + (v - m) ** 2, 0) / (values.length - 1));
}
