// Track filters, as TrackMate's track filters (fiji.plugin.trackmate.features.FeatureFilter on track features) and
// napari users' "keep the tracks that ...": each track (a lineage tree, TrackMate's track) is kept when every rule holds,
// then the top (or bottom) N by a measure are kept where a rank is asked ("the 3 most motile", "the 10 longest").
// Measures are TrackMate's track features (trackFeatures.ts) in base units: lengths in µm when the tracks are
// calibrated (else px), times in s when the frame interval is known (else frames), speeds in their ratio. The kept
// tracks are written as new Tracks (their branches and spots unchanged); the input is never changed.
import { trackFeatures } from './trackFeatures.ts';
import { trackIdOfBranch } from './track.ts';
import type { Tracks } from './tracks.ts';

/** What a rule or a rank reads of a track. */
export const TRACK_MEASURES = ['frames', 'spots', 'duration', 'mean_speed', 'max_speed', 'displacement', 'total_distance', 'straightness'] as const;
export type TrackMeasure = (typeof TRACK_MEASURES)[number];

/** The kind of unit each measure is in (a length, a time, a speed, frames, or none). */
export const MEASURE_DIMENSION: Record<TrackMeasure, 'frames' | 'count' | 'time' | 'speed' | 'length' | 'ratio'> = {
  frames: 'frames',
  spots: 'count',
  duration: 'time',
  mean_speed: 'speed',
  max_speed: 'speed',
  displacement: 'length',
  total_distance: 'length',
  straightness: 'ratio',
};

/** A bound on one measure, in base units (µm or px, s or frames); both ends inclusive. */
export interface TrackRule {
  measure: TrackMeasure;
  min?: number;
  max?: number;
}

export interface TrackFilter {
  rules?: TrackRule[];
  /** Keep only tracks present in the movie's first frame / last frame (both: "tracked the whole movie"). */
  startsAtFirstFrame?: boolean;
  endsAtLastFrame?: boolean;
  /**
   * Tracks with an object touching the image border in some frame: left out ('leftOut') or kept alone ('only').
   * `touchingBorder` lists those tracks' ids (trackIdsTouchingBorder).
   */
  border?: 'leftOut' | 'only';
  touchingBorder?: Set<number>;
  /** After the rules: keep the `n` tracks with the highest (or lowest) value of `measure`. */
  rank?: { measure: TrackMeasure; n: number; order: 'highest' | 'lowest' };
}

/** One track's measures in base units; NaN where the track has none (a single spot has no speed). */
export type TrackMeasures = Record<TrackMeasure, number> & { id: number; start: number; end: number };

export interface TrackFilterResult {
  tracks: Tracks;
  /** Track ids kept, in the rank's order when ranked, else ascending. */
  kept: number[];
  removed: number[];
  /** Measures of every input track, by id. */
  measures: Map<number, TrackMeasures>;
  /** Tracks removed by each rule, in the order applied ("frames", "starts", "border", "rank", ...), each counted once at the first rule it failed. */
  removedBy: { rule: string; count: number }[];
  /** Units of the base values: length "µm" or "px", time "s" or "frame". */
  units: { length: 'µm' | 'px'; time: 's' | 'frame' };
}

/** Every track's measures, in base units (µm or px; s or frames). */
export function trackMeasures(tracks: Tracks): Map<number, TrackMeasures> {
  const { rows } = trackFeatures(tracks, { timeUnit: 's' });
  const trackOf = trackIdOfBranch(tracks);
  const span = new Map<number, { start: number; end: number }>();
  for (const s of tracks.spots) {
    const id = trackOf.get(s.branchId) ?? s.branchId;
    const e = span.get(id);
    if (!e) span.set(id, { start: s.t, end: s.t });
    else (e.start = Math.min(e.start, s.t)), (e.end = Math.max(e.end, s.t));
  }
  const out = new Map<number, TrackMeasures>();
  for (const r of rows) {
    const { start, end } = span.get(r.TRACK_ID) ?? { start: 0, end: 0 };
    out.set(r.TRACK_ID, {
      id: r.TRACK_ID,
      start,
      end,
      frames: end - start + 1,
      spots: r.NUMBER_SPOTS,
      duration: r.TRACK_DURATION,
      mean_speed: r.TRACK_MEAN_SPEED,
      max_speed: r.TRACK_MAX_SPEED,
      displacement: r.TRACK_DISPLACEMENT,
      total_distance: r.TOTAL_DISTANCE_TRAVELED,
      straightness: r.CONFINEMENT_RATIO,
    });
  }
  return out;
}

/** The tracks whose ids are in `keep`: their branches and spots as they are (ids unchanged), the rest dropped. */
export function tracksSubset(tracks: Tracks, keep: Set<number>): Tracks {
  const trackOf = trackIdOfBranch(tracks);
  const branches = tracks.branches.filter((b) => keep.has(trackOf.get(b.id) ?? b.id));
  const branchIds = new Set(branches.map((b) => b.id));
  return { ...tracks, branches: branches.map((b) => ({ ...b })), spots: tracks.spots.filter((s) => branchIds.has(s.branchId)) };
}

/**
 * Ids of the tracks with an object on the image border in some frame: `borderLabels(t)` gives the label values that
 * touch the border in frame t (0-based), as read from the label movie the tracks were made on.
 */
export async function trackIdsTouchingBorder(tracks: Tracks, borderLabels: (t: number) => Promise<Set<number>>): Promise<Set<number>> {
  const trackOf = trackIdOfBranch(tracks);
  const byFrame = new Map<number, { label: number; track: number }[]>();
  for (const s of tracks.spots) {
    if (s.label === undefined) continue;
    const list = byFrame.get(s.t) ?? [];
    list.push({ label: s.label, track: trackOf.get(s.branchId) ?? s.branchId });
    byFrame.set(s.t, list);
  }
  const out = new Set<number>();
  for (const [t, list] of [...byFrame].sort((a, b) => a[0] - b[0])) {
    const onBorder = await borderLabels(t);
    for (const { label, track } of list) if (onBorder.has(label)) out.add(track);
  }
  return out;
}

/** The label values on the outermost rows and columns of one plane (width x height, row-major). */
export function labelsOnBorder(plane: ArrayLike<number>, width: number, height: number): Set<number> {
  const out = new Set<number>();
  const add = (k: number) => {
    const v = plane[k];
    if (v > 0) out.add(v);
  };
  for (let x = 0; x < width; x++) add(x), add((height - 1) * width + x);
  for (let y = 0; y < height; y++) add(y * width), add(y * width + width - 1);
  return out;
}

/** A rule's own words, for the account of what was removed by what ("frames >= 10"). */
export function ruleName(rule: TrackRule): string {
  const bound = rule.min !== undefined && rule.max !== undefined ? `${rule.min}-${rule.max}` : rule.min !== undefined ? `>= ${rule.min}` : `<= ${rule.max}`;
  return `${rule.measure} ${bound}`;
}

/** Applies the filter: the rules in order, then the border and the first/last frame, then the rank. */
export function filterTracks(tracks: Tracks, filter: TrackFilter): TrackFilterResult {
  const measures = trackMeasures(tracks);
  const lastFrame = tracks.frames - 1;
  const removedBy: { rule: string; count: number }[] = [];
  let left = [...measures.values()];
  const apply = (rule: string, keep: (m: TrackMeasures) => boolean) => {
    const before = left.length;
    left = left.filter(keep);
    removedBy.push({ rule, count: before - left.length });
  };
  for (const rule of filter.rules ?? []) {
    // (a measure a track does not have, a single spot's speed, fails a bound on it: it cannot be shown to hold)
    apply(ruleName(rule), (m) => Number.isFinite(m[rule.measure]) && (rule.min === undefined || m[rule.measure] >= rule.min - 1e-9) && (rule.max === undefined || m[rule.measure] <= rule.max + 1e-9));
  }
  if (filter.startsAtFirstFrame) apply('starts in the first frame', (m) => m.start === 0);
  if (filter.endsAtLastFrame) apply('ends in the last frame', (m) => m.end === lastFrame);
  if (filter.border) {
    const touching = filter.touchingBorder ?? new Set<number>();
    apply(filter.border === 'leftOut' ? 'touches the border' : 'never touches the border', (m) => (filter.border === 'leftOut' ? !touching.has(m.id) : touching.has(m.id)));
  }
  let kept = left.map((m) => m.id).sort((a, b) => a - b);
  if (filter.rank) {
    const { measure, n, order } = filter.rank;
    const sign = order === 'highest' ? -1 : 1;
    // (tracks without the measure, a single spot's speed, come last; ties by id)
    const ranked = [...left].sort((a, b) => {
      const va = a[measure];
      const vb = b[measure];
      if (!Number.isFinite(va) || !Number.isFinite(vb)) return Number(!Number.isFinite(va)) - Number(!Number.isFinite(vb)) || a.id - b.id;
      return sign * (va - vb) || a.id - b.id;
    });
    const top = ranked.filter((m) => Number.isFinite(m[measure])).slice(0, Math.max(0, n));
    removedBy.push({ rule: `${order === 'highest' ? 'top' : 'bottom'} ${n} by ${measure}`, count: left.length - top.length });
    kept = top.map((m) => m.id);
  }
  const keptSet = new Set(kept);
  return {
    tracks: tracksSubset(tracks, keptSet),
    kept,
    removed: [...measures.keys()].filter((id) => !keptSet.has(id)).sort((a, b) => a - b),
    measures,
    removedBy,
    units: { length: tracks.pixelSizeUm ? 'µm' : 'px', time: tracks.frameIntervalS ? 's' : 'frame' },
  };
}
