// One z-stack's 2-D objects joined into 3-D objects. Each slice is segmented on its own
// (seg-plane.ts), so a nucleus seen in five slices is five 2-D objects numbered
// independently; label 1 of one slice and label 1 of the next need not be the same
// nucleus. Everything that reads a label movie (track's spots, measure) takes one label
// number in one frame as one object, so the slices' objects are joined here, slice by
// slice through z, by how much of each lies on an object of the slice before.
import { overlapCounts, type OverlapTable } from './overlapTracker.ts';

/**
 * A 2-D object continues a 3-D object of the slice before when their overlap covers at
 * least this share of the smaller of the two (a nucleus's outline changes between slices,
 * but most of the smaller one lies on the larger).
 */
const CONTINUES_OVERLAP = 0.5;

export interface LinkedStack {
  /** The slices' labels renumbered 1..count, one number per 3-D object through z. */
  labels: Uint32Array[];
  /** 3-D objects in the stack. */
  count: number;
}

/** Overlapping pairs (object of this slice, 3-D object of a slice before), largest overlap first (ties in label order, so the result does not depend on map order). */
function sortedPairs(intersections: OverlapTable['intersections']): { c: number; p: number; overlap: number }[] {
  return [...intersections.entries()]
    .flatMap(([c, row]) => [...row.entries()].map(([p, overlap]) => ({ c, p, overlap })))
    .sort((a, b) => b.overlap - a.overlap || a.c - b.c || a.p - b.p);
}

/**
 * Joins the 2-D objects of one frame's slices (each numbered on its own, 0 background) into
 * 3-D objects. Slice by slice, each 3-D object of the slice before is continued by the 2-D
 * object that overlaps it most (largest overlaps first, each taken once, the overlap at least
 * half of the smaller); a further piece of a slice that lies mostly (over half of itself) on a
 * 3-D object already continued joins it too (one nucleus cut in two in one slice); every other
 * 2-D object starts a new 3-D object, unless it lies on a 3-D object that is missing from the
 * slice before but was in the one before that (missed in one slice, or merged there into its
 * neighbour), which it resumes. Two nuclei that merge in one slice are not chained into one:
 * the merged piece continues only one of them, and the other resumes after it.
 */
export function linkSlices(slices: ArrayLike<number>[]): LinkedStack {
  const labels: Uint32Array[] = [];
  let count = 0;
  for (const slice of slices) {
    const previous = labels.at(-1);
    // (the first slice overlaps nothing: its objects' areas only)
    const { areaA: area, areaB: previousArea, intersections } = overlapCounts([slice], [previous ?? new Uint32Array(slice.length)]);
    const candidates = sortedPairs(intersections);
    const assigned = new Map<number, number>();
    const continued = new Set<number>();
    for (const { c, p, overlap } of candidates) {
      if (assigned.has(c) || continued.has(p)) continue;
      if (overlap < CONTINUES_OVERLAP * Math.min(area.get(c)!, previousArea.get(p)!)) continue;
      assigned.set(c, p);
      continued.add(p);
    }
    // An object missing from the slice before (or merged there into its neighbour) resumes where it was two slices back.
    const twoBack = labels.at(-2);
    if (twoBack && assigned.size < area.size) {
      const before = overlapCounts([slice], [twoBack]);
      for (const { c, p, overlap } of sortedPairs(before.intersections)) {
        if (assigned.has(c) || continued.has(p) || previousArea.has(p)) continue;
        if (overlap < CONTINUES_OVERLAP * Math.min(area.get(c)!, before.areaB.get(p)!)) continue;
        assigned.set(c, p);
        continued.add(p);
      }
    }
    for (const { c, p, overlap } of candidates) {
      if (assigned.has(c) || !continued.has(p)) continue;
      if (overlap > CONTINUES_OVERLAP * area.get(c)!) assigned.set(c, p);
    }
    for (const c of [...area.keys()].sort((a, b) => a - b)) if (!assigned.has(c)) assigned.set(c, ++count);
    const out = new Uint32Array(slice.length);
    for (let i = 0; i < slice.length; i++) if (slice[i] > 0) out[i] = assigned.get(slice[i])!;
    labels.push(out);
  }
  return { labels, count };
}
