// Label-overlap tracking: objects of consecutive frames are linked one-to-one so that the
// summed intersection over union (IoU) is largest, among pairs with IoU >= minIoU (an
// assignment solved with Jonker–Volgenant). An object of frame t+1 left unlinked whose
// area lies mostly (>= divisionMinOverlap) inside an object of frame t becomes a
// daughter of that object: with the object's own continuation, that is a division.
// This is the overlap criterion of TrackMate's overlap tracker and of CTC-style
// segmentation-based trackers, for segmentations dense enough that objects overlap
// from one frame to the next.
import type { Movie } from '../image/movie.ts';
import { solveSparseLap, sparseFromTriplets } from './assignment.ts';

export interface OverlapSettings {
  /** Smallest IoU for a link, 0..1. Default 0.3. */
  minIoU: number;
  /** Fraction of a new object's area that must lie inside one object of the previous frame to make it a daughter, 0..1. Default 0.25 (daughters of simulated and real nuclei sit partly outside the mother's last mask). */
  divisionMinOverlap: number;
  /** Detect divisions. Default true. */
  allowDivisions: boolean;
}

export const OVERLAP_DEFAULTS: OverlapSettings = { minIoU: 0.3, divisionMinOverlap: 0.25, allowDivisions: true };

interface LabelledSpot {
  id: number;
  t: number;
  label: number;
}

/** Links the spots measured on `labels` (one per label and frame) by overlap. */
export async function overlapTrack(labels: Movie, spots: LabelledSpot[], settings: OverlapSettings, options: { signal?: AbortSignal } = {}): Promise<{ source: number; target: number }[]> {
  if (!(settings.minIoU > 0 && settings.minIoU <= 1)) throw new RangeError(`minIoU must be in (0, 1], got ${settings.minIoU}`);
  if (!(settings.divisionMinOverlap > 0 && settings.divisionMinOverlap <= 1)) throw new RangeError(`divisionMinOverlap must be in (0, 1], got ${settings.divisionMinOverlap}`);
  const spotAt = new Map<string, number>();
  for (const s of spots) spotAt.set(`${s.t}:${s.label}`, s.id);
  const links: { source: number; target: number }[] = [];
  const { shape } = labels;
  let previous = await framePlanes(labels, 0);
  for (let t = 0; t + 1 < shape.t; t++) {
    if (options.signal?.aborted) throw new Error('cancelled');
    const current = await framePlanes(labels, t + 1);
    const overlap = overlapCounts(previous, current);
    for (const [a, b] of linkByOverlap(overlap, settings)) {
      const source = spotAt.get(`${t}:${a}`);
      const target = spotAt.get(`${t + 1}:${b}`);
      if (source !== undefined && target !== undefined) links.push({ source, target });
    }
    previous = current;
  }
  return links;
}

async function framePlanes(labels: Movie, t: number): Promise<ArrayLike<number>[]> {
  const planes: ArrayLike<number>[] = [];
  for (let z = 0; z < labels.shape.z; z++) planes.push(await labels.plane(t, z, 0));
  return planes;
}

export interface OverlapTable {
  areaA: Map<number, number>;
  areaB: Map<number, number>;
  /** intersections.get(a).get(b) = shared pixels. */
  intersections: Map<number, Map<number, number>>;
}

/** Pixel counts of every label in two frames and of their intersections. */
export function overlapCounts(framesA: ArrayLike<number>[], framesB: ArrayLike<number>[]): OverlapTable {
  const areaA = new Map<number, number>();
  const areaB = new Map<number, number>();
  const intersections = new Map<number, Map<number, number>>();
  for (let z = 0; z < framesA.length; z++) {
    const pa = framesA[z];
    const pb = framesB[z];
    for (let k = 0; k < pa.length; k++) {
      const a = pa[k];
      const b = pb[k];
      if (a > 0) areaA.set(a, (areaA.get(a) ?? 0) + 1);
      if (b > 0) areaB.set(b, (areaB.get(b) ?? 0) + 1);
      if (a > 0 && b > 0) {
        let row = intersections.get(a);
        if (!row) intersections.set(a, (row = new Map()));
        row.set(b, (row.get(b) ?? 0) + 1);
      }
    }
  }
  return { areaA, areaB, intersections };
}

/** Label pairs [a, b] linked between two frames: one-to-one by IoU, then divisions. */
export function linkByOverlap(o: OverlapTable, s: OverlapSettings): [number, number][] {
  const as = [...o.areaA.keys()].sort((x, y) => x - y);
  const bs = [...o.areaB.keys()].sort((x, y) => x - y);
  const rowOf = new Map(as.map((a, i) => [a, i]));
  const colOf = new Map(bs.map((b, j) => [b, j]));
  const nA = as.length;
  const nB = bs.length;
  const rows: number[] = [];
  const cols: number[] = [];
  const costs: number[] = [];
  // Top left: 1 - IoU; top right / bottom left: "no link" at cost 1; bottom right: 0 on the transpose.
  for (const [a, row] of o.intersections) {
    for (const [b, shared] of row) {
      const iou = shared / (o.areaA.get(a)! + o.areaB.get(b)! - shared);
      if (iou < s.minIoU) continue;
      const i = rowOf.get(a)!;
      const j = colOf.get(b)!;
      rows.push(i), cols.push(j), costs.push(1 - iou);
      rows.push(nA + j), cols.push(nB + i), costs.push(0);
    }
  }
  for (let i = 0; i < nA; i++) rows.push(i), cols.push(nB + i), costs.push(1);
  for (let j = 0; j < nB; j++) rows.push(nA + j), cols.push(j), costs.push(1);
  const solution = solveSparseLap(sparseFromTriplets(nA + nB, rows, cols, costs));
  const pairs: [number, number][] = [];
  const linkedB = new Set<number>();
  for (let i = 0; i < nA; i++) {
    const j = solution.rowToCol[i];
    if (j < nB) pairs.push([as[i], bs[j]]), linkedB.add(bs[j]);
  }
  if (!s.allowDivisions) return pairs;
  for (const b of bs) {
    if (linkedB.has(b)) continue;
    let best = 0;
    let mother = 0;
    for (const [a, row] of o.intersections) {
      const shared = row.get(b) ?? 0;
      if (shared > best) (best = shared), (mother = a);
    }
    if (mother > 0 && best / o.areaB.get(b)! >= s.divisionMinOverlap) pairs.push([mother, b]);
  }
  return pairs;
}
