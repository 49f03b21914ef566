// Cell divisions, from tracks or directly from a label movie.
//
// From tracks: every branch with two or more daughter branches is a division at the
// daughters' first frame; the position is the mother's last position.
//
// From a label movie without tracking: between frames t-1 and t, an object M of frame
// t-1 divided when at least two objects of frame t each lie mostly on it (>=
// minOverlap of their own area inside M) and the two largest of them together have
// between minAreaRatio and maxAreaRatio of M's area (daughters share the mother's
// material; a touching neighbour that slides over M fails the area test). The event's
// position is M's centroid; its daughters are the two largest such objects.
import type { Movie } from '../image/movie.ts';
import type { Tracks } from './tracks.ts';
import type { Table } from './table.ts';
import { overlapCounts } from './overlapTracker.ts';
import { trackIdOfBranch } from './track.ts';

export interface DivisionEvent {
  /** First frame of the daughters, 0-based. */
  t: number;
  /** Mother's last position, px (z in slices). */
  x: number;
  y: number;
  z?: number;
  /** From tracks: branch ids; from labels: label values in frames t-1 (mother) and t (daughters). */
  mother: number;
  daughters: number[];
  /** TrackMate track (lineage tree) id, from tracks only. */
  trackId?: number;
}

export function divisionsFromTracks(tracks: Tracks): DivisionEvent[] {
  const spotById = new Map(tracks.spots.map((s) => [s.id, s]));
  const trackOf = trackIdOfBranch(tracks);
  const daughters = new Map<number, number[]>();
  for (const b of tracks.branches) if (b.parent > 0) daughters.set(b.parent, [...(daughters.get(b.parent) ?? []), b.id]);
  const branchById = new Map(tracks.branches.map((b) => [b.id, b]));
  const events: DivisionEvent[] = [];
  for (const [motherId, kids] of daughters) {
    if (kids.length < 2) continue;
    const mother = branchById.get(motherId);
    if (!mother) continue;
    const last = spotById.get(mother.spotIds[mother.spotIds.length - 1])!;
    const t = Math.min(...kids.map((k) => branchById.get(k)!.start));
    const event: DivisionEvent = { t, x: last.x, y: last.y, mother: motherId, daughters: kids.sort((a, b) => a - b), trackId: trackOf.get(motherId) };
    if (last.z !== undefined) event.z = last.z;
    events.push(event);
  }
  return events.sort((a, b) => a.t - b.t || a.mother - b.mother);
}

export interface LabelDivisionOptions {
  /** Fraction of a daughter's area inside the mother, 0..1. Default 0.25. */
  minOverlap?: number;
  /** Bounds on (area of the two daughters) / (mother's area). Defaults 0.6 and 1.8. */
  minAreaRatio?: number;
  maxAreaRatio?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

export async function divisionsFromLabels(labels: Movie, options: LabelDivisionOptions = {}): Promise<DivisionEvent[]> {
  const minOverlap = options.minOverlap ?? 0.25;
  const minRatio = options.minAreaRatio ?? 0.6;
  const maxRatio = options.maxAreaRatio ?? 1.8;
  if (!(minOverlap > 0 && minOverlap <= 1)) throw new RangeError(`minOverlap must be in (0, 1], got ${minOverlap}`);
  if (!(minRatio > 0 && maxRatio > minRatio)) throw new RangeError(`area ratio bounds must satisfy 0 < minAreaRatio < maxAreaRatio, got ${minRatio} and ${maxRatio}`);
  const { shape } = labels;
  const read = async (t: number) => {
    const planes: ArrayLike<number>[] = [];
    for (let z = 0; z < shape.z; z++) planes.push(await labels.plane(t, z, 0));
    return planes;
  };
  const events: DivisionEvent[] = [];
  let previous = shape.t > 0 ? await read(0) : [];
  for (let t = 1; t < shape.t; t++) {
    if (options.signal?.aborted) throw new Error('cancelled');
    const current = await read(t);
    const o = overlapCounts(previous, current);
    for (const [mother, row] of o.intersections) {
      const motherArea = o.areaA.get(mother)!;
      const kids = [...row]
        .filter(([b, shared]) => shared / o.areaB.get(b)! >= minOverlap)
        .map(([b]) => b)
        .sort((a, b) => o.areaB.get(b)! - o.areaB.get(a)! || a - b);
      if (kids.length < 2) continue;
      const pair = kids.slice(0, 2);
      const ratio = (o.areaB.get(pair[0])! + o.areaB.get(pair[1])!) / motherArea;
      if (ratio < minRatio || ratio > maxRatio) continue;
      events.push({ t, ...centroid(previous, mother, shape.x), mother, daughters: pair.sort((a, b) => a - b) });
    }
    previous = current;
    options.onProgress?.(t, shape.t - 1);
  }
  return events;
}

function centroid(planes: ArrayLike<number>[], label: number, width: number): { x: number; y: number; z?: number } {
  let n = 0;
  let sx = 0;
  let sy = 0;
  let sz = 0;
  planes.forEach((plane, z) => {
    for (let k = 0; k < plane.length; k++) if (plane[k] === label) n++, (sx += k % width), (sy += Math.floor(k / width)), (sz += z);
  });
  return planes.length > 1 ? { x: sx / n, y: sy / n, z: sz / n } : { x: sx / n, y: sy / n };
}

export function divisionTable(events: DivisionEvent[], calibration: { pixelSizeUm?: number; frameIntervalS?: number } = {}): Table {
  const columns = ['t', 'x', 'y', 'mother', 'daughter_1', 'daughter_2', 'track_id'];
  if (calibration.frameIntervalS) columns.push('t_s');
  if (calibration.pixelSizeUm) columns.push('x_um', 'y_um');
  const rows = events.map((e) => {
    const row: Table['rows'][number] = { t: e.t, x: e.x, y: e.y, mother: e.mother, daughter_1: e.daughters[0], daughter_2: e.daughters[1] ?? null, track_id: e.trackId ?? null };
    if (calibration.frameIntervalS) row.t_s = e.t * calibration.frameIntervalS;
    if (calibration.pixelSizeUm) (row.x_um = e.x * calibration.pixelSizeUm), (row.y_um = e.y * calibration.pixelSizeUm);
    return row;
  });
  return { columns, rows };
}
