// Daughters seen late: a division whose daughter the segmentation joined to a neighbour for a frame or two.
//
// The LAP tracker splits a mother only into a track that starts in the very next frame. A daughter that touches a
// neighbour at its birth is segmented as part of that neighbour, and comes out of it a frame or two later: the mother
// goes on into its other daughter, and the hidden one starts a track of its own with no mother (on our simulator's
// 50-cell movies the largest cause of missed divisions, 7 of 20 on seeds 1-4 and 11).
//
// Such a daughter leaves two marks that a cell entering the field or an object found again does not: the object it
// comes out of shrinks as it appears (it was the neighbour and the daughter together), and a nearby track lost part of
// its area a frame or two before (the mother, going on as the other daughter). Each such start is offered as a split
// of that mother, dated where the mother's area fell; the division evidence (divisions.ts) then weighs it as any other.
import type { SpotLink, TrackerSpot } from './lap.ts';

export interface LateDaughterOptions {
  /** Largest distance from the mother's last spot to the late daughter's first, px (the tracker's splitting distance). */
  splittingMaxDistancePx: number;
  /** Frames a daughter may stay hidden in a neighbour (the tracker's largest gap). */
  maxFrameGap: number;
  /**
   * Most the object a daughter comes out of keeps of its area (after over before), and most the mother keeps when it
   * parts. Default 0.8: a cell grows by well under that per frame, and losing a daughter takes off about half.
   */
  maxAreaKept?: number;
}

const areaOf = (s: TrackerSpot) => s.features?.area_px;

/**
 * Split links for daughters that start a track of their own a frame or more after their mother parted (see the module
 * comment): `links` are the tracker's, `spots` its spots with `area_px`. Returns only new links, kind 'split', from the
 * mother's last spot before its area fell to the late daughter's first spot; a start with no such mother gets none.
 */
export function lateDaughterSplits(spots: TrackerSpot[], links: Pick<SpotLink, 'source' | 'target' | 'kind'>[], options: LateDaughterOptions): SpotLink[] {
  const maxKept = options.maxAreaKept ?? 0.8;
  const byId = new Map(spots.map((s) => [s.id, s]));
  const next = new Map<number, number[]>();
  const hasPrevious = new Set<number>();
  for (const l of links) {
    next.set(l.source, [...(next.get(l.source) ?? []), l.target]);
    hasPrevious.add(l.target);
  }
  const byFrame = new Map<number, TrackerSpot[]>();
  for (const s of spots) byFrame.set(s.t, [...(byFrame.get(s.t) ?? []), s]);
  const dist = (a: TrackerSpot, b: TrackerSpot) => Math.hypot(a.x - b.x, a.y - b.y, (a.z ?? 0) - (b.z ?? 0));
  /** The single spot a spot goes on to in the next frame, where its track neither splits nor skips a frame. */
  const onlyNext = (s: TrackerSpot) => {
    const n = next.get(s.id);
    const to = n && n.length === 1 ? byId.get(n[0]) : undefined;
    return to && to.t === s.t + 1 ? to : undefined;
  };
  /** The area kept from `s` to the spot it goes on to (NaN where not measured or not one spot next frame). */
  const kept = (s: TrackerSpot) => {
    const to = onlyNext(s);
    const [a, b] = [areaOf(s), to && areaOf(to)];
    return a && b ? b / a : NaN;
  };
  const out: SpotLink[] = [];
  const mothers = new Set<number>();
  for (const start of spots) {
    // a track of its own that lasts (a daughter must; the evidence asks for more), begun after the first frame
    if (hasPrevious.has(start.id) || start.t === 0 || !onlyNext(start) || !areaOf(start)) continue;
    // what it came out of: an object beside it in the frame before that shrank as it appeared
    const source = (byFrame.get(start.t - 1) ?? []).find((n) => dist(n, start) <= options.splittingMaxDistancePx && kept(n) <= maxKept);
    if (!source) continue;
    // the mother: a track near it that lost area a frame or more earlier, while the daughter was hidden
    let best: { mother: TrackerSpot; d: number } | undefined;
    for (let k = 2; k <= options.maxFrameGap + 1; k++) {
      for (const m of byFrame.get(start.t - k) ?? []) {
        if (m.id === source.id || mothers.has(m.id) || !(kept(m) <= maxKept)) continue;
        const d = dist(m, start);
        if (d <= options.splittingMaxDistancePx && (!best || d < best.d)) best = { mother: m, d };
      }
    }
    if (!best) continue;
    mothers.add(best.mother.id);
    out.push({ source: best.mother.id, target: start.id, cost: best.d ** 2, kind: 'split' });
  }
  return out;
}
