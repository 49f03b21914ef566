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
import { FRAME_INDEX_UNIT, type Table } from './table.ts';
import type { TrackerSpot } from './lap.ts';
import { lowerMedian as median } from './order-statistics.ts';
import { overlapCounts } from './overlapTracker.ts';
import { trackIdOfBranch, type Tracks } from './tracks.ts';

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

/** A spot as the division check sees it: the tracker's spot (position, frame, and area_px / mean_intensity among its features). */
export type EvidenceSpot = TrackerSpot;

/** What speaks for or against one proposed division (a split link of the tracker). */
export interface DivisionEvidence {
  /** The mother's last spot and the first spots of the two daughters (the continuing one first). */
  mother: number;
  daughters: [number, number];
  /** Frames both daughters last after the split (the shorter of the two). */
  daughterFrames: number;
  /** Each daughter's area over the mother's (means over up to 3 frames), or NaN without areas. */
  areaRatios: [number, number];
  /** Smaller over larger mean intensity of the daughters (1 = alike), or NaN without intensities. */
  intensityRatio: number;
  /** Another track ended next to the mother just before: two cells that touched and separate again. */
  vanishedNeighbour: boolean;
  /**
   * Frame at which a daughter's track ended beside its sister before the movie's end while the sister grew at once (by
   * MIN_GROWTH_OF_HIDING, and stayed so for two frames), the two unalike in size and the daughter lasting up to 20 frames,
   * or alike, lasting up to MAX_ALIKE_PIECE_FRAMES, never moving apart and with no mitotic brightening: the two came
   * together again, so the "daughter" was a piece of one object; -1 when not.
   */
  remergedAt: number;
  /**
   * Largest one-frame growth of the mother's area over its last frames (1 = none): a nucleus does not grow by
   * half in one frame, two touching cells segmented as one do. NaN without areas.
   */
  motherAreaJump: number;
  /** Frame at which that jump happened (the first frame of the grown object), or -1. */
  motherAreaJumpT: number;
  /** The jump is too large for growth (over maxMotherAreaJump): another cell joined the mother at motherAreaJumpT. */
  grewAtOnce: boolean;
  /** The mother's area over the movie's median object area, or NaN without areas. */
  motherAreaOverTypical: number;
  /** The mother's mean intensity over its earlier frames' or its daughters' (the larger), or NaN without intensities. */
  mitoticBrightening: number;
  /** How much farther apart the daughters are after up to 2 frames than at birth, px (NaN when one lasts a frame). */
  separationGrowthPx: number;
  /**
   * Most the daughters moved apart (their centroids' distance over that at birth, px) over their first KEPT_TOGETHER_FRAMES
   * frames, where both last that long; NaN otherwise. Two pieces of one nucleus keep their distance: they move as one.
   */
  largestSeparationPx: number;
  /** Refused as pieces of one object (the parts kept together, or came together again): the tracker makes them one object again. */
  piecesOfOneObject?: boolean;
  /** Whether the division is kept, and why not otherwise. */
  accepted: boolean;
  reason: string;
  /** 0..1: how strongly the evidence supports a division. */
  confidence: number;
}

export interface DivisionEvidenceOptions {
  /** Frames both daughters must last (fewer near the movie's end). Default 3. */
  minDaughterFrames?: number;
  /** Bounds on each daughter's area over the mother's. Defaults 0.2 and 0.9 (half the volume gives ~0.63). */
  minAreaRatio?: number;
  maxAreaRatio?: number;
  /** Smallest smaller/larger ratio of the daughters' mean intensities (sisters share the mother's DNA and label). Default 0.6. */
  minIntensityRatio?: number;
  /** Largest one-frame growth of the mother's area over the frames before the split (see DivisionEvidence.motherAreaJump). Default 1.5. */
  maxMotherAreaJump?: number;
  /** Frames before the split searched for that growth. Default 10. */
  motherHistoryFrames?: number;
  /** Largest mother area as a multiple of the movie's median object area (bigger: several cells seen as one). Default 3. */
  maxMotherAreaOverTypical?: number;
  /** Sign of a mitosis (see mitosisSigns): daughters alike in size, smaller/larger area at least this. Default 0.6. */
  minDaughterAreaSimilarity?: number;
  /** Sign of a mitosis: the mother brightens at least this much (see DivisionEvidence). Default 1.05. */
  minMitoticBrightening?: number;
  /**
   * Sign of a mitosis: the daughters move at least this much farther apart over their first frames, px (three times as
   * much is a strong sign). Default the larger of 1 px and 5% of the movie's median object diameter: the centroids of two
   * pieces of one large nucleus wander by a pixel or two from frame to frame (Fluo-N2DH-SIM+ 02, nuclei 47 px across: 4
   * of the 7 false divisions kept had their "daughters" part by 1.3-6.6 px, true daughters by 1-25 px).
   */
  minSeparationGrowthPx?: number;
  /**
   * Largest daughter area (mean over its first frames) as a multiple of the movie's median object area: newborn cells
   * are the smallest of a population (in a cycling population about 0.7x the median; a cell about to divide has twice
   * a newborn's area, about 1.4x), so a "daughter" larger than that, with some slack for segmented edges, is still two
   * cells seen as one (or a cell that did not divide) with a piece cut off beside it. Default 1.5 (true daughters reach
   * 1.15 on the ground-truth masks of Fluo-N2DH-SIM+ 01 and 02, 1.41 in a segmentation of our simulator).
   */
  maxDaughterAreaOverTypical?: number;
  /**
   * Where the movie's clear mitoses (daughters alike in size, every other check passed) brighten before they split (median
   * brightening at least 1.15 over at least MIN_CLEAR_MITOSES of them), a division whose mother does not brighten by a
   * third of that is doubtful in this movie and is not kept. Movies whose mitoses do not brighten are not affected.
   * Default true.
   */
  brighteningFromMovie?: boolean;
  /**
   * The movie's background grey level (track.ts measureSpotsAndBackground), taken off every mean intensity before
   * brightness is compared (the mother's brightening, the daughters' likeness), so the evidence reads the same on a movie
   * stored with another bit depth, offset or range. Default 0 (intensities compared as they are, camera offset included).
   * Not the tracker's default yet: measured above the background, the clear mitoses of Fluo-N2DH-SIM+ brighten as much as
   * ours or more (median 1.26x on SIM+ 01 truth masks, 1.63x on a SIM+ 02 segmentation, 1.38x on our simulator's seed 11;
   * as stored, 1.03x against ours 1.15x and more), so requireMoviesOwnBrightening, which tells a movie whose mitoses round
   * up from one whose nuclei stretch in anaphase by that median, takes SIM+ for the first kind: SIM+ 02 (kept segmentation)
   * TRA 0.939 -> 0.932, divisions F1 0.54 -> 0.13 (no sisters joined in anaphase); SIM+ 01 truth masks TRA 0.9991 -> 0.9982,
   * divisions P/R 1.00/0.71 -> 0.75/0.54 (16- and 8-bit copies then alike; as stored 8-bit reads 0.9993, 1.00/0.79). That
   * choice needs another sign first: daughters still joined the frame after the cut (2 of 18 and 5 of 18 clear mitoses on
   * our seeds 11 and 3, 22 of 30 on SIM+ 02) is a candidate.
   */
  backgroundIntensity?: number;
}

/** Separation growth of daughters, as a fraction of the movie's median object diameter, that counts as moving apart. */
const SEPARATION_OF_DIAMETER = 0.05;

/** Clear mitoses a movie must show before its own brightening is asked of every division. */
export const MIN_CLEAR_MITOSES = 6;

/**
 * Signs of a mitosis beyond the track topology, each worth a point, or two when strong: daughters alike
 * in size (smaller/larger area >= 0.6; >= 0.85 strong), daughters moving apart (over their first frames, by
 * the larger of 1 px and 5% of a typical object's diameter; three times that strong), the mother brightening (condensed chromatin, rounding up: >= 1.05; >= 1.15
 * strong; needs intensities). A division needs two points. No single sign holds everywhere: another
 * group's simulated HL60 nuclei do not brighten, our simulated daughters barely move apart at first, and
 * daughters are not always equal.
 */
function mitosisSigns(
  areaRatios: [number, number],
  separationGrowthPx: number,
  brightening: number,
  limits: { minSimilarity: number; minSeparationPx: number; minBrightening: number },
): { points: number; missing: string[] } {
  const checks: [string, number, number, number][] = [
    ['daughters alike in size', Math.min(...areaRatios) / Math.max(...areaRatios), limits.minSimilarity, 0.85],
    ['daughters moving apart', separationGrowthPx, limits.minSeparationPx, 3 * limits.minSeparationPx],
    ['mother brightening', brightening, limits.minBrightening, 1 + 3 * (limits.minBrightening - 1)],
  ];
  let points = 0;
  const missing: string[] = [];
  for (const [name, value, weak, strong] of checks) {
    if (!Number.isFinite(value)) missing.push(`${name} not measurable`);
    else if (value >= strong) points += 2;
    else if (value >= weak) points += 1;
    else missing.push(`no ${name}`);
  }
  return { points, missing };
}

/**
 * Frames over which two "daughters" that never move apart (by less than the moving-apart sign's threshold) while the
 * mother showed no brightening are taken for pieces of one object that the segmentation cut for good: a large or textured
 * nucleus cut in two halves by the watershed for the rest of the movie has daughters alike in size, the strongest sign,
 * and was kept as a division in every frame it stayed cut (issue 12: 102 divisions reported for 2 on a movie of large
 * nuclei). True sisters part: on Fluo-N2DH-SIM+ their centroids move apart by 6-25 px over their first frames. Asked
 * only where the mother's brightness is measured (an intensity movie given).
 */
export const KEPT_TOGETHER_FRAMES = 5;

/**
 * A split that re-merges is pieces of one object when they are unalike in size (smaller/larger below this) and come
 * together again within MAX_PIECE_FRAMES frames...
 */
const MAX_PIECE_SIMILARITY = 0.7;
const MAX_PIECE_FRAMES = 20;
/**
 * ...or, alike in size, when they come together again within this many frames without ever moving apart (their distance
 * never grows by the moving-apart sign's threshold over the frames both are there) and the mother did not brighten (where
 * brightness is measured): a large nucleus cut into two alike halves by the watershed for a few frames (issue 12: a
 * simulated nucleus of twice its neighbours' area cut 297 + 292 px in frames 3-5, whole before and after, was reported as
 * a division). Sisters pressed together that the segmentation joins later part a little first, or brightened before.
 */
const MAX_ALIKE_PIECE_FRAMES = 2 * KEPT_TOGETHER_FRAMES;

/** Growth of the mother's area, at least, when a neighbour that vanished beside it is taken to hide in it. */
const MIN_GROWTH_OF_HIDING = 1.2;

/** Frames before the mother's last two over which its own size is taken (see motherAreaOf). */
const MOTHER_SIZE_FRAMES = 3;

/**
 * The mother's area the daughters are weighed against: the mean of its last two frames, or its own size before them (the
 * median of up to MOTHER_SIZE_FRAMES frames) where that is larger. A mother outlined in part in its last frames (a dim
 * side lost to the threshold as the nucleus parts) measures small there, and full-size daughters then read as twice its
 * size (Fluo-N2DH-SIM+ 01, kept segmentation: a true division refused with daughters at 2.43 and 1.11 of a mother of
 * 0.35x a typical object). A mother that stretches and grows in anaphase keeps its last frames' area, as before.
 */
function motherAreaOf(lastTwo: EvidenceSpot[], before: EvidenceSpot[]): number {
  const areas = (list: EvidenceSpot[]) => list.map((s) => s.features?.area_px).filter((v): v is number => v !== undefined && v > 0);
  const recent = mean(areas(lastTwo));
  const own = median(areas(before));
  return Number.isFinite(own) && !(recent >= own) ? own : recent;
}

const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : NaN);

/**
 * Weighs every split link (a division proposed by the LAP tracker) against the evidence a person would
 * ask for: two daughters that both last a few frames, each of plausible size for half a mother (a cell
 * that goes on at full size beside a newcomer did not divide), alike in brightness, and no other cell
 * that vanished beside the mother just before (two touching cells seen as one, separating again).
 */
export function divisionEvidence(spots: EvidenceSpot[], links: { source: number; target: number; kind?: string }[], frames: number, options: DivisionEvidenceOptions = {}): DivisionEvidence[] {
  const minFrames = options.minDaughterFrames ?? 3;
  const minArea = options.minAreaRatio ?? 0.2;
  const maxArea = options.maxAreaRatio ?? 0.9;
  const minIntensity = options.minIntensityRatio ?? 0.6;
  const maxJump = options.maxMotherAreaJump ?? 1.5;
  const historyFrames = options.motherHistoryFrames ?? 10;
  const maxOverTypical = options.maxMotherAreaOverTypical ?? 3;
  const minSimilarity = options.minDaughterAreaSimilarity ?? 0.6;
  const minBrightening = options.minMitoticBrightening ?? 1.05;
  const maxDaughterOverTypical = options.maxDaughterAreaOverTypical ?? 1.5;
  const byId = new Map(spots.map((s) => [s.id, s]));
  const next = new Map<number, number[]>();
  const previous = new Map<number, number>();
  for (const l of links) {
    next.set(l.source, [...(next.get(l.source) ?? []), l.target]);
    previous.set(l.target, l.source);
  }
  /** Up to `n` spots of the chain from `id` forwards (stops at a split) or backwards. */
  const chain = (id: number, n: number, forwards: boolean): EvidenceSpot[] => {
    const out: EvidenceSpot[] = [];
    for (let cur: number | undefined = id; cur !== undefined && out.length < n; ) {
      out.push(byId.get(cur)!);
      if (forwards) {
        const after: number[] = next.get(cur) ?? [];
        cur = after.length === 1 ? after[0] : undefined;
      } else cur = previous.get(cur);
    }
    return out;
  };
  const lastOf = (id: number) => {
    let cur = id;
    for (let after = next.get(cur); after && after.length === 1; after = next.get(cur)) cur = after[0];
    return byId.get(cur)!;
  };
  const ends = spots.filter((s) => !(next.get(s.id)?.length));
  const typicalArea = median(spots.map((s) => s.features?.area_px).filter((v): v is number => v !== undefined && v > 0));
  const areaOf = (list: EvidenceSpot[]) => mean(list.map((s) => s.features?.area_px).filter((v): v is number => v !== undefined));
  const background = options.backgroundIntensity ?? 0;
  // brightness above the background; an object no brighter than it (a dark object) has no brightness to compare
  const intensityOf = (list: EvidenceSpot[]) => {
    const above = mean(list.map((s) => s.features?.mean_intensity).filter((v): v is number => v !== undefined)) - background;
    return above > 0 ? above : NaN;
  };
  const typicalDiameter = Number.isFinite(typicalArea) ? 2 * Math.sqrt(typicalArea / Math.PI) : 0;
  const minSeparationPx = options.minSeparationGrowthPx ?? Math.max(1, SEPARATION_OF_DIAMETER * typicalDiameter);

  const out: DivisionEvidence[] = [];
  for (const [motherId, targets] of next) {
    if (targets.length < 2) continue;
    const mother = byId.get(motherId)!;
    // the continuing daughter first: the one closest to the mother
    const kids = [...targets].sort((a, b) => dist(byId.get(a)!, mother) - dist(byId.get(b)!, mother)).slice(0, 2) as [number, number];
    const remaining = frames - 1 - Math.min(...kids.map((k) => byId.get(k)!.t));
    const daughterFrames = Math.min(...kids.map((k) => lastOf(k).t - byId.get(k)!.t + 1));
    const motherSpots = chain(motherId, 2, false);
    const motherArea = motherAreaOf(motherSpots, chain(motherId, 2 + MOTHER_SIZE_FRAMES, false).slice(2));
    const kidSpots = kids.map((k) => chain(k, 3, true));
    const areaRatios = kidSpots.map((list) => areaOf(list) / motherArea) as [number, number];
    const intensities = kidSpots.map(intensityOf);
    const intensityRatio = Math.min(...intensities) / Math.max(...intensities);
    // Chromatin condenses and the cell rounds up in mitosis: the mother brightens before it splits,
    // compared with its own earlier frames or with its daughters
    const motherIntensity = intensityOf(motherSpots);
    const brightening = [motherIntensity / intensityOf(chain(motherId, 8, false).slice(3)), motherIntensity / mean(intensities)].filter(Number.isFinite);
    const mitoticBrightening = brightening.length ? Math.max(...brightening) : NaN;
    // Daughters move apart after cytokinesis; two fragments of one nucleus keep their distance
    const along = Math.min(kidSpots[0].length, kidSpots[1].length) - 1;
    const separationGrowthPx = along > 0 ? dist(kidSpots[0][along], kidSpots[1][along]) - dist(kidSpots[0][0], kidSpots[1][0]) : NaN;
    const signs = mitosisSigns(areaRatios, separationGrowthPx, mitoticBrightening, { minSimilarity, minSeparationPx, minBrightening });
    // pieces of one object move as one: over the daughters' first frames their distance never grows
    const together = kids.map((k) => new Map(chain(k, KEPT_TOGETHER_FRAMES, true).map((s) => [s.t, s])));
    const birth = Math.max(...kids.map((k) => byId.get(k)!.t));
    let largestSeparationPx = NaN;
    if ([0, 1].every((i) => together[i].has(birth) && together[i].has(birth + KEPT_TOGETHER_FRAMES - 1))) {
      const d0 = dist(together[0].get(birth)!, together[1].get(birth)!);
      largestSeparationPx = -Infinity;
      for (let t = birth + 1; t < birth + KEPT_TOGETHER_FRAMES; t++) {
        const [a, b] = [together[0].get(t), together[1].get(t)];
        if (a && b) largestSeparationPx = Math.max(largestSeparationPx, dist(a, b) - d0);
      }
    }
    // only where the mother's brightness was measured (intensities given): without it, sisters that our simulator presses
    // together, barely moving apart, look the same (its 100-frame movie tracked on labels alone: division F1 0.95 -> 0.73)
    const keptTogether = largestSeparationPx < minSeparationPx && mitoticBrightening < minBrightening;
    const diameter = Number.isFinite(motherArea) ? 2 * Math.sqrt(motherArea / Math.PI) : 20;
    // A neighbour hidden in the mother adds its area to it; one that vanished while the mother kept its
    // size went elsewhere (out of focus, out of the segmentation), and says nothing against a mitosis.
    const motherChain = chain(motherId, 5, false);
    const grewWhenGone = (end: EvidenceSpot) => {
      if (end.t === mother.t) {
        // gone in the frame of the split: it may be the new object, if of its size
        const [a, b] = [end.features?.area_px, byId.get(kids[1])!.features?.area_px];
        return a === undefined || b === undefined || Math.abs(Math.log(a / b)) < Math.log(1 / 0.7);
      }
      const after = motherChain.find((s) => s.t > end.t && s.t <= end.t + 1)?.features?.area_px;
      const before = motherChain.find((s) => s.t <= end.t)?.features?.area_px;
      return after === undefined || before === undefined || after >= MIN_GROWTH_OF_HIDING * before;
    };
    const vanishedNeighbour = ends.some(
      (e) => e.id !== motherId && e.t < mother.t + 1 && e.t >= mother.t - 2 && dist(e, mother) < 1.5 * diameter && !chainContains(previous, motherId, e.id) && grewWhenGone(e),
    );

    // A split that re-merges is no division: a daughter whose track ends beside its sister (within a diameter) before the
    // movie ends, the sister growing at once as it goes and staying grown, was a piece of one object that the segmentation
    // cut off for a while
    // (pieces: unalike in size, smaller/larger under MAX_PIECE_SIMILARITY, and back within MAX_PIECE_FRAMES; or alike, back
    // within MAX_ALIKE_PIECE_FRAMES, never moved apart and no brightening: alike sisters that the segmentation joins later
    // on, as sisters pressed together in our simulator, part or brighten first and stay a division)
    let remergedAt = -1;
    const unalike = Math.min(...areaRatios) / Math.max(...areaRatios) < MAX_PIECE_SIMILARITY;
    const brightened = mitoticBrightening >= minBrightening;
    kids.forEach((k, i) => {
      const end = lastOf(k);
      const lasted = end.t - byId.get(k)!.t + 1;
      if (remergedAt >= 0 || end.t >= frames - 2) return;
      const sisterFirst = byId.get(kids[1 - i])!;
      const sister = chain(kids[1 - i], end.t - sisterFirst.t + 3, true);
      if (unalike ? lasted > MAX_PIECE_FRAMES : brightened || lasted > MAX_ALIKE_PIECE_FRAMES || !(apartWhileBoth(chain(k, lasted, true), sister) < minSeparationPx)) return;
      // the sister grown in the two frames after (a segmentation that joins true sisters for a frame is no re-merge)
      const [at, ...after] = [0, 1, 2].map((k) => sister.find((s) => s.t === end.t + k));
      const a0 = at?.features?.area_px;
      const grown = after.every((s) => a0 && (s?.features?.area_px ?? 0) >= MIN_GROWTH_OF_HIDING * a0);
      if (at && dist(end, at) < diameter && grown) remergedAt = end.t + 1;
    });

    const history = chain(motherId, historyFrames + 1, false).filter((s) => s.t >= mother.t - historyFrames);
    const jump = areaJump(history);
    // Growth is a merger only when a neighbour's track ended beside the mother as it grew: a nucleus in
    // anaphase stretches as its chromatin parts (another group's simulated HL60 mothers grow 1.6x in their
    // last frames) with no other cell gone.
    const grownSpot = history.find((s) => s.t === jump.t);
    const joinedByNeighbour = grownSpot !== undefined && ends.some((e) => e.t < jump.t && e.t >= jump.t - 2 && dist(e, grownSpot) < 1.5 * diameter && !chainContains(previous, motherId, e.id));
    const motherAreaOverTypical = (mother.features?.area_px ?? NaN) / typicalArea;
    const grewAtOnce = jump.ratio > maxJump && joinedByNeighbour;
    const daughterOverTypical = Math.max(...kidSpots.map(areaOf)) / typicalArea;

    let reason = '';
    if (daughterFrames < Math.min(minFrames, remaining + 1)) reason = `a daughter does not last (${daughterFrames} frame${daughterFrames === 1 ? '' : 's'})`;
    else if (remergedAt >= 0) reason = `the daughters came together again at frame ${remergedAt + 1} (a piece of one object, cut off for a while)`;
    else if (areaRatios.some((r) => Number.isFinite(r) && (r < minArea || r > maxArea))) reason = `daughters not of a half mother's size (${areaRatios.map((r) => r.toFixed(2)).join(' and ')} of the mother's area)`;
    else if (intensityRatio < minIntensity) reason = `daughters differ in brightness (${intensityRatio.toFixed(2)} smaller/larger; sisters are alike)`;
    else if (motherAreaOverTypical > maxOverTypical) reason = `the mother is several cells seen as one (${motherAreaOverTypical.toFixed(1)}x a typical object)`;
    else if (grewAtOnce) reason = `the mother grew at once: two cells seen as one, separating again (${jump.ratio.toFixed(1)}x in one frame at frame ${jump.t + 1})`;
    else if (daughterOverTypical > maxDaughterOverTypical) reason = `a daughter is larger than a newborn cell (${daughterOverTypical.toFixed(2)}x a typical object)`;
    else if (keptTogether) reason = `the two parts keep together as one object does (at most ${largestSeparationPx.toFixed(1)} px farther apart than at the split over ${KEPT_TOGETHER_FRAMES} frames, and the mother did not brighten): pieces of one object`;
    else if (signs.points < 2) reason = `too few signs of a mitosis (${signs.missing.join(', ')})`;
    else if (vanishedNeighbour) reason = 'another cell vanished beside the mother just before (two cells separating again)';
    const sizeScore = areaRatios.every(Number.isFinite) ? Math.max(0, 1 - Math.abs(mean(areaRatios) - 0.63) / 0.4) : 0.5;
    const persistence = Math.min(1, daughterFrames / Math.max(1, Math.min(minFrames * 2, remaining + 1)));
    const confidence = reason ? 0 : Math.max(0.1, Math.min(1, 0.5 * persistence + 0.5 * sizeScore));
    out.push({ mother: motherId, daughters: kids, daughterFrames, areaRatios, intensityRatio, vanishedNeighbour, remergedAt, motherAreaJump: jump.ratio, motherAreaJumpT: jump.t, grewAtOnce, motherAreaOverTypical, accepted: !reason, reason, confidence, mitoticBrightening, separationGrowthPx, largestSeparationPx, ...(reason && (remergedAt >= 0 || reason.startsWith('the two parts keep together')) ? { piecesOfOneObject: true } : {}) });
  }
  if (options.brighteningFromMovie ?? true) requireMoviesOwnBrightening(out);
  return out;
}

/**
 * The movie's own sign of mitosis: where its clear mitoses (kept, daughters alike in size: smaller/larger area >= 0.8)
 * brighten before they split (median >= 1.15 over at least MIN_CLEAR_MITOSES), a kept division whose mother brightened
 * by less than a third of that median is a fragment or a neighbour coming apart, and is not kept.
 */
export function requireMoviesOwnBrightening(evidence: DivisionEvidence[]): { medianBrightening: number; clear: number; required?: number } {
  const clear = evidence.filter((e) => e.accepted && Math.min(...e.areaRatios) / Math.max(...e.areaRatios) >= 0.8 && Number.isFinite(e.mitoticBrightening));
  const medianBrightening = median(clear.map((e) => e.mitoticBrightening));
  if (clear.length < MIN_CLEAR_MITOSES || !(medianBrightening >= 1.15)) return { medianBrightening, clear: clear.length };
  const required = 1 + (medianBrightening - 1) / 3;
  for (const e of evidence) {
    if (!e.accepted || !Number.isFinite(e.mitoticBrightening) || e.mitoticBrightening >= required) continue;
    Object.assign(e, { accepted: false, confidence: 0, reason: `the mother did not brighten as this movie's clear mitoses do (${e.mitoticBrightening.toFixed(2)}x; they brighten ${medianBrightening.toFixed(2)}x)` });
  }
  return { medianBrightening, clear: clear.length, required };
}

/**
 * Most two parts moved apart while both were there: the largest growth of their centroids' distance over that in the first
 * frame both exist, px; NaN when they share no frame after it. Chains given oldest first.
 */
function apartWhileBoth(a: EvidenceSpot[], b: EvidenceSpot[]): number {
  const other = new Map(b.map((s) => [s.t, s]));
  const both = a.filter((s) => other.has(s.t));
  if (both.length < 2) return NaN;
  const d0 = dist(both[0], other.get(both[0].t)!);
  return Math.max(...both.slice(1).map((s) => dist(s, other.get(s.t)!) - d0));
}

/** Largest growth of the area from one spot to the next along a chain given newest first, and where (the later spot's frame). */
function areaJump(newestFirst: EvidenceSpot[]): { ratio: number; t: number } {
  let best = { ratio: newestFirst.length > 1 ? 1 : NaN, t: -1 };
  for (let k = 0; k + 1 < newestFirst.length; k++) {
    const [after, before] = [newestFirst[k].features?.area_px, newestFirst[k + 1].features?.area_px];
    if (!after || !before) return { ratio: NaN, t: -1 };
    if (after / before > best.ratio) best = { ratio: after / before, t: newestFirst[k].t };
  }
  return best;
}

function dist(a: EvidenceSpot, b: EvidenceSpot): number {
  return Math.hypot(a.x - b.x, a.y - b.y, (a.z ?? 0) - (b.z ?? 0));
}

/** True when `id` is on the mother's own chain back in time (not another cell). */
function chainContains(previous: Map<number, number>, from: number, id: number): boolean {
  for (let cur: number | undefined = from; cur !== undefined; cur = previous.get(cur)) if (cur === id) return true;
  return false;
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
  // the header says the unit of a frame or position whose name does not, as the tracks CSV does ("x (px)")
  return { columns, rows, units: { t: FRAME_INDEX_UNIT, x: 'px', y: 'px' } };
}
