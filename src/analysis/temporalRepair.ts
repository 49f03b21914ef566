// Temporal repair of a label movie before tracking, as segmentation-based trackers of the Cell Tracking
// Challenge do: a frame's segmentation is judged against its neighbours in time.
//
// - Fragments: two touching objects of frame t that each lie mostly on one and the same object of frame
//   t-1 and of frame t+1, and that together make a convex (nucleus-like) shape, are one object cut in two
//   for a frame: they are merged.
// - Under-segmentation: an object of frame t on which two objects of a neighbouring frame (t-1, then in a
//   second pass t+1) each lie mostly, each of plausible size, is split by a marker-controlled watershed on
//   its own mask (distance transform), the overlaps with those objects as markers. It is split only with
//   evidence that it is two objects: it has a waist (not convex: two touching round nuclei are, one
//   nucleus is not), or the other neighbouring frame also shows the two objects apart. A convex mother
//   next to its separate daughters is thus never cut, so no division is made here: the tracker and the
//   division evidence (divisions.ts) still decide those.
// - Missed for a frame or two: an object of frame t-1 and one of frame t+1 (or t+2) that lie mostly on each other (the
//   same object, alike in size), with nothing segmented between them, is drawn into the frames between (the earlier
//   outline moved along the way to the later one, on unlabelled pixels only). A dim nucleus the segmentation loses for
//   a frame is otherwise a miss and two lost links in that frame, and a gap in its track. Where the frame holds only a
//   part of it (one object well inside the outline, under 0.6 of the object on both sides: thresholded on its bright
//   part), that object is drawn whole the same way (a part under half of the nucleus matches it in no frame).
// The passes run frame by frame, so a split made at t serves as markers for t+1: sisters merged for
// several frames after a division are cut apart in each of them.
import type { Movie, PlaneData } from '../image/movie.ts';
import { MemoryMovie } from '../image/movie.ts';
import { distanceTransform } from './distance.ts';
import { lowerMedian as median, lowerQuantile as quantile } from './order-statistics.ts';
import { watershed } from './watershed.ts';

/** Solidity below which an object has a waist: two touching disks measure about 0.85, one nucleus 0.95-1 (see solidity). */
export const MAX_SOLIDITY_OF_ONE = 0.9;

export interface TemporalRepairOptions {
  /** Share of a neighbouring frame's object that must lie on the object to be split (or merged), 0..1. Default 0.5. */
  minOverlapFraction?: number;
  /** Smallest area of a marker object and of each part of a split, as a fraction of the movie's median object area (newborn nuclei measure 0.25-0.35 of it in a segmentation of our simulator). Default 0.2. */
  minPartOfTypical?: number;
  /** Solidity (area over convex hull area, pixel grid corrected) below which an object has a waist. Default MAX_SOLIDITY_OF_ONE (0.9). */
  maxSolidityOfOne?: number;
  /**
   * Smallest solidity of each marker object: only objects shaped like one nucleus (convex) mark the parts of a split;
   * whole cells with protrusions, and pieces of them, do not (a cell seen whole beside its own fragments is not two).
   * Default 0.8 (one nucleus measures 0.95-1; whole MSC-02 cells 0.53-0.96, median 0.75).
   */
  minMarkerSolidity?: number;
  /**
   * Splits are made only in a movie whose objects are convex in the main: the lower quartile of their solidity (over up to
   * 20 frames) at least this. Default 0.95 (segmentations of our simulator 0.995; Fluo-N2DH-SIM+ 02's textured nuclei 0.894,
   * where the splits lowered TRA 0.790 -> 0.787; MSC-02 whole cells 0.62).
   */
  minMovieSolidity?: number;
  /** Frames beyond the neighbouring one searched for the two objects apart on the other side. Default 6. */
  bridgeFrames?: number;
  /**
   * Elongation (major over minor axis of the second moments) from which an object without a waist, on which two
   * objects of the neighbouring frame lie end to end along its long axis (and stay apart in the frame beyond), is taken
   * for two round nuclei pressed together: sisters the segmentation keeps merged from their birth show no waist, but
   * two touching disks measure about 2.2 and one nucleus of our simulator at most 1.55 (a mitotic mother rounds up, so
   * it is never cut). Default 1.7; Infinity turns the rule off.
   */
  minPairElongation?: number;
  /**
   * Where the movie's mitoses do not round up and brighten (the nucleus stretches and parts in anaphase), daughters that
   * still share a border with their sister in their first frames are taken for the mother (merged), so the division is
   * dated when they part (track.ts). Default true; false keeps the segmentation's early cut.
   */
  joinSistersInAnaphase?: boolean;
  /**
   * A split the division check refused as pieces of one object (the parts kept together, or came together again) is made
   * one object again in the frames where the touching parts are about the mother's size together (track.ts). Default true.
   */
  joinPieces?: boolean;
  /**
   * Objects missing for up to this many frames in a row, between two frames that show them at the same place, are drawn
   * in (see the top of this file). Default 2 (the tracker's gap closing bridges no more by default); 0 turns it off.
   */
  fillMissedFrames?: number;
  /**
   * Largest object of a frame between, as a share of the object on both sides, taken for that object outlined in part (and
   * drawn whole); also the largest of its pieces. Default 0.6. Fluo-N2DH-SIM+ 02 (kept segmentation, 4 December): with
   * fillMissedFrames 5 and 0.75, TRA 0.9392 -> 0.9409, DET 0.9447 -> 0.9464 (129 objects completed), but our simulator's
   * 50 cells seed 11 TRA 0.9879 -> 0.9868 (13 completed), so neither is the default.
   */
  maxOutlinedPart?: number;
}

/** The evidence of a fill that completed an object the segmentation outlined in part (the rest of it drawn in). */
export const OUTLINED_IN_PART = 'outlined in part';

export interface RepairEvent {
  /** Frame (0-based). */
  t: number;
  kind: 'split' | 'merge' | 'fill';
  /** The label that was split (kept by its first part), or that the other fragment was merged into. */
  label: number;
  /** Labels made (split) or removed (merge). */
  others: number[];
  /** Why: 'waist', 'both sides' or 'pair shape' for splits, 'fragments' for merges, 'missing for one frame', 'missing for 2 frames' or OUTLINED_IN_PART for fills (label: the new or completed object). */
  evidence: string;
  /** Splits: the marker objects' summed area over the split object's. */
  markerAreaRatio?: number;
}

export interface TemporalRepairResult {
  /** Repaired planes (one per frame). */
  planes: Uint32Array[];
  /** Objects split (each split counted once, whatever the number of parts), fragments merged, objects drawn into a frame that missed them. */
  split: number;
  merged: number;
  filled: number;
  events: RepairEvent[];
  /** Median object area of the movie before repair, px. */
  typicalAreaPx: number;
  /** Lower quartile of the objects' solidity (see minMovieSolidity). */
  quartileSolidity?: number;
  /** Why no object was split (a movie of ragged objects), when so. */
  noSplits?: string;
}

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

interface FrameObjects {
  areas: Map<number, number>;
  boxes: Map<number, Box>;
  maxLabel: number;
}

export function frameObjects(plane: ArrayLike<number>, width: number): FrameObjects {
  const areas = new Map<number, number>();
  const boxes = new Map<number, Box>();
  let maxLabel = 0;
  for (let i = 0; i < plane.length; i++) {
    const l = plane[i];
    if (!l) continue;
    const x = i % width;
    const y = (i - x) / width;
    areas.set(l, (areas.get(l) ?? 0) + 1);
    const b = boxes.get(l);
    if (!b) boxes.set(l, { x0: x, y0: y, x1: x, y1: y });
    else {
      if (x < b.x0) b.x0 = x;
      if (x > b.x1) b.x1 = x;
      if (y > b.y1) b.y1 = y;
    }
    if (l > maxLabel) maxLabel = l;
  }
  return { areas, boxes, maxLabel };
}

/** Pixels shared by each object of `a` with each object of `b`. */
export function overlaps(a: ArrayLike<number>, b: ArrayLike<number>): Map<number, Map<number, number>> {
  const out = new Map<number, Map<number, number>>();
  for (let i = 0; i < a.length; i++) {
    const la = a[i];
    const lb = b[i];
    if (!la || !lb) continue;
    let row = out.get(la);
    if (!row) out.set(la, (row = new Map()));
    row.set(lb, (row.get(lb) ?? 0) + 1);
  }
  return out;
}

/** overlaps() for one object of `a` (its bounding box only). */
function overlapsInBox(a: ArrayLike<number>, b: ArrayLike<number>, width: number, label: number, box: Box): Map<number, Map<number, number>> {
  const row = new Map<number, number>();
  for (let y = box.y0; y <= box.y1; y++)
    for (let x = box.x0; x <= box.x1; x++) {
      const i = y * width + x;
      if (a[i] === label && b[i]) row.set(b[i], (row.get(b[i]) ?? 0) + 1);
    }
  return new Map([[label, row]]);
}

/**
 * Solidity of one object: its pixel count over the number of grid pixels in the convex hull of its pixel
 * centres (Pick's theorem: area + boundary points / 2 + 1), so a convex object of any size measures 1 and
 * two touching disks about 0.85.
 */
export function solidity(plane: ArrayLike<number>, width: number, label: number | number[], box: Box): number {
  const inside = typeof label === 'number' ? (v: number) => v === label : (v: number) => label.includes(v);
  const points: [number, number][] = [];
  let count = 0;
  for (let y = box.y0; y <= box.y1; y++) {
    let first = -1;
    let last = -1;
    for (let x = box.x0; x <= box.x1; x++) {
      if (!inside(plane[y * width + x])) continue;
      count++;
      if (first < 0) first = x;
      last = x;
    }
    if (first >= 0) points.push([first, y], [last, y]);
  }
  const hull = convexHull(points);
  let area = 0;
  let boundary = 0;
  for (let k = 0; k < hull.length; k++) {
    const [ax, ay] = hull[k];
    const [bx, by] = hull[(k + 1) % hull.length];
    area += ax * by - bx * ay;
    boundary += gcd(Math.abs(bx - ax), Math.abs(by - ay));
  }
  return count / (Math.abs(area) / 2 + boundary / 2 + 1);
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Andrew's monotone chain; points as [x, y]. */
function convexHull(points: [number, number][]): [number, number][] {
  const p = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (p.length < 3) return p;
  const cross = (o: [number, number], a: [number, number], b: [number, number]) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower: [number, number][] = [];
  for (const q of p) {
    while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], q) <= 0) lower.pop();
    lower.push(q);
  }
  const upper: [number, number][] = [];
  for (let k = p.length - 1; k >= 0; k--) {
    const q = p[k];
    while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], q) <= 0) upper.pop();
    upper.push(q);
  }
  return lower.slice(0, -1).concat(upper.slice(0, -1));
}

/** Centroid, elongation (sqrt of the second moments' eigenvalue ratio) and major-axis direction of `label`. */
function shapeOf(plane: ArrayLike<number>, width: number, label: number, box: Box): { cx: number; cy: number; elongation: number; ux: number; uy: number } {
  let n = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let y = box.y0; y <= box.y1; y++)
    for (let x = box.x0; x <= box.x1; x++) {
      if (plane[y * width + x] !== label) continue;
      n++;
      sx += x;
      sy += y;
      sxx += x * x;
      syy += y * y;
      sxy += x * y;
    }
  const cx = sx / n;
  const cy = sy / n;
  const a = sxx / n - cx * cx + 1 / 12;
  const c = syy / n - cy * cy + 1 / 12;
  const b = sxy / n - cx * cy;
  const root = Math.sqrt(((a - c) / 2) ** 2 + b * b);
  const l1 = (a + c) / 2 + root;
  const l2 = Math.max(1e-9, (a + c) / 2 - root);
  const angle = 0.5 * Math.atan2(2 * b, a - c);
  return { cx, cy, elongation: Math.sqrt(l1 / l2), ux: Math.cos(angle), uy: Math.sin(angle) };
}

/** Objects of `other` lying mostly (>= fraction of their own area) on `label`, each of at least minArea px. */
function markersOn(label: number, shared: Map<number, Map<number, number>>, other: FrameObjects, fraction: number, minArea: number): number[] {
  const row = shared.get(label);
  if (!row) return [];
  const out: number[] = [];
  for (const [l, n] of row) {
    const area = other.areas.get(l)!;
    if (area >= minArea && n >= fraction * area) out.push(l);
  }
  return out.sort((a, b) => (row.get(b)! - row.get(a)!) || a - b);
}

/**
 * Splits `label` of `plane` (in place) by a watershed on its distance transform from the pixels it shares
 * with each marker object of `reference`. Returns the new labels (the first part keeps `label`), or
 * undefined when a part would be smaller than minArea (nothing changed then).
 */
function splitByMarkers(plane: Uint32Array, reference: ArrayLike<number>, width: number, height: number, label: number, box: Box, markers: number[], minArea: number, nextLabel: () => number): number[] | undefined {
  const x0 = Math.max(0, box.x0 - 1);
  const y0 = Math.max(0, box.y0 - 1);
  const w = Math.min(width - 1, box.x1 + 1) - x0 + 1;
  const h = Math.min(height - 1, box.y1 + 1) - y0 + 1;
  const mask = new Uint8Array(w * h);
  const seeds = new Uint32Array(w * h);
  const seedCount = new Array(markers.length + 1).fill(0);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = (y + y0) * width + x + x0;
      if (plane[i] !== label) continue;
      mask[y * w + x] = 1;
      const k = markers.indexOf(reference[i]);
      if (k >= 0) (seeds[y * w + x] = k + 1), seedCount[k + 1]++;
    }
  const distance = distanceTransform(mask, w, h);
  const landscape = new Float32Array(w * h);
  for (let i = 0; i < landscape.length; i++) landscape[i] = -distance[i];
  const flooded = watershed(landscape, seeds, w, h, { mask });
  const areas = new Array(markers.length + 1).fill(0);
  for (let i = 0; i < flooded.length; i++) if (mask[i]) areas[flooded[i] || 1]++;
  if (areas.slice(1).some((a) => a < minArea)) return undefined;
  const labels = markers.map((_, k) => (k === 0 ? label : nextLabel()));
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const j = y * w + x;
      if (mask[j] && flooded[j] > 1) plane[(y + y0) * width + x + x0] = labels[flooded[j] - 1];
    }
  return labels;
}

/** Pairs of different labels that touch (8-neighbours), as "a,b" with a < b. */
function touchingPairs(plane: ArrayLike<number>, width: number, height: number): [number, number][] {
  const seen = new Set<string>();
  const out: [number, number][] = [];
  const note = (a: number, b: number) => {
    if (!a || !b || a === b) return;
    const [p, q] = a < b ? [a, b] : [b, a];
    const key = `${p},${q}`;
    if (!seen.has(key)) seen.add(key), out.push([p, q]);
  };
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const a = plane[y * width + x];
      if (!a) continue;
      if (x + 1 < width) note(a, plane[y * width + x + 1]);
      if (y + 1 < height) {
        note(a, plane[(y + 1) * width + x]);
        if (x + 1 < width) note(a, plane[(y + 1) * width + x + 1]);
        if (x > 0) note(a, plane[(y + 1) * width + x - 1]);
      }
    }
  return out;
}

/** The object of `other` that most of `label` lies on, when at least `fraction` of it does. */
function mainPartner(label: number, area: number, shared: Map<number, Map<number, number>>, fraction: number): number | undefined {
  const row = shared.get(label);
  if (!row) return undefined;
  let best: number | undefined;
  let bestN = 0;
  for (const [l, n] of row) if (n > bestN) (best = l), (bestN = n);
  return bestN >= fraction * area ? best : undefined;
}

/** A frame without objects between frames of at least this many objects each is empty, not objects missed. */
const EMPTY_FRAME_MIN_SIDE_OBJECTS = 3;

/**
 * Repairs a 2-D label movie (one plane per frame, 0 background) over time: fragments merged, objects
 * that are two split (see the module comment). The input planes are not changed.
 */
export function repairLabelsOverTime(input: ArrayLike<number>[], width: number, height: number, options: TemporalRepairOptions = {}): TemporalRepairResult {
  const fraction = options.minOverlapFraction ?? 0.5;
  const minPart = options.minPartOfTypical ?? 0.2;
  const maxSolidity = options.maxSolidityOfOne ?? MAX_SOLIDITY_OF_ONE;
  const bridge = options.bridgeFrames ?? 6;
  const minMarkerSolidity = options.minMarkerSolidity ?? 0.8;
  const minMovieSolidity = options.minMovieSolidity ?? 0.95;
  const minPairElongation = options.minPairElongation ?? 1.7;
  const fillFrames = options.fillMissedFrames ?? 2;
  const maxPart = options.maxOutlinedPart ?? 0.6;
  if (!(fraction > 0 && fraction <= 1)) throw new RangeError(`minOverlapFraction must be in (0, 1], got ${fraction}`);
  if (!(minPart > 0)) throw new RangeError(`minPartOfTypical must be > 0, got ${minPart}`);
  if (!(maxPart > 0 && maxPart < 1)) throw new RangeError(`maxOutlinedPart must be in (0, 1), got ${maxPart}`);
  if (!(Number.isInteger(fillFrames) && fillFrames >= 0)) throw new RangeError(`fillMissedFrames must be a whole number of frames >= 0, got ${fillFrames}`);
  const planes = input.map((p) => Uint32Array.from(p));
  for (const p of planes) if (p.length !== width * height) throw new RangeError(`a label plane holds ${p.length} pixels, expected ${width}x${height}`);
  const frames = planes.length;
  const objects = planes.map((p) => frameObjects(p, width));
  const typical = median(objects.flatMap((o) => [...o.areas.values()]));
  const events: RepairEvent[] = [];
  if (frames < 2 || !Number.isFinite(typical)) return { planes, split: 0, merged: 0, filled: 0, events, typicalAreaPx: typical };
  const minArea = minPart * typical;

  // 0. objects missed for a frame or two, drawn in where the frames on both sides show them at the same place; a frame
  // where the segmentation found no object at all, between frames of EMPTY_FRAME_MIN_SIDE_OBJECTS or more, is an empty
  // frame (no cells, a shutter or focus failure), not objects missed, and stays empty (tra-robust.ts 'empty frames': 22
  // objects drawn into two empty frames of SIM+ 01). With fewer objects around, one missed object is the likelier.
  const counts = objects.map((o) => o.areas.size);
  for (let g = 1; g <= fillFrames; g++)
    for (let t = 1; t + g < frames; t++) {
      if (counts.slice(t, t + g).includes(0) && Math.min(counts[t - 1], counts[t + g]) >= EMPTY_FRAME_MIN_SIDE_OBJECTS) continue;
      const between = planes.slice(t, t + g).map((plane, i) => ({ plane, objects: objects[t + i] }));
      for (const run of missedRuns(planes[t - 1], between, planes[t + g], objects[t - 1], objects[t + g], width, height, fraction, minArea, maxPart))
        run.forEach((fill, i) => {
          const o = objects[t + i];
          // a part another object's fill of this frame already took is left as it is
          if ([fill.part, ...(fill.pieces ?? [])].some((l) => l !== undefined && !o.areas.has(l))) return;
          const label = fill.part ?? ++o.maxLabel;
          const plane = planes[t + i];
          for (const k of fill.pixels) plane[k] = label;
          o.areas.set(label, (o.areas.get(label) ?? 0) + fill.pixels.length);
          o.boxes.set(label, fill.part === undefined ? fill.box : unionBox(o.boxes.get(label)!, fill.box));
          for (const piece of fill.pieces ?? []) {
            const pieceBox = o.boxes.get(piece)!;
            for (let y = pieceBox.y0; y <= pieceBox.y1; y++) for (let x = pieceBox.x0; x <= pieceBox.x1; x++) if (plane[y * width + x] === piece) plane[y * width + x] = label;
            o.areas.set(label, o.areas.get(label)! + o.areas.get(piece)!);
            o.boxes.set(label, unionBox(o.boxes.get(label)!, pieceBox));
            o.areas.delete(piece);
            o.boxes.delete(piece);
          }
          events.push({ t: t + i, kind: 'fill', label, others: fill.pieces ?? [], evidence: fill.part !== undefined ? OUTLINED_IN_PART : g === 1 ? 'missing for one frame' : `missing for ${g} frames` });
        });
    }

  // 1. fragments of one object, merged where both neighbouring frames show it whole
  for (let t = 1; t + 1 < frames; t++) {
    const before = overlaps(planes[t], planes[t - 1]);
    const after = overlaps(planes[t], planes[t + 1]);
    const o = objects[t];
    const into = new Map<number, number>();
    const root = (l: number): number => (into.has(l) ? root(into.get(l)!) : l);
    for (const [a, b] of touchingPairs(planes[t], width, height)) {
      const [ra, rb] = [root(a), root(b)];
      if (ra === rb) continue;
      const [areaA, areaB] = [o.areas.get(ra)!, o.areas.get(rb)!];
      const q = mainPartner(ra, areaA, before, fraction);
      const r = mainPartner(ra, areaA, after, fraction);
      if (q === undefined || r === undefined || mainPartner(rb, areaB, before, fraction) !== q || mainPartner(rb, areaB, after, fraction) !== r) continue;
      // pieces, each smaller than the whole object on both sides
      const [areaQ, areaR] = [objects[t - 1].areas.get(q)!, objects[t + 1].areas.get(r)!];
      if (Math.max(areaA, areaB) > 0.8 * Math.min(areaQ, areaR)) continue;
      if (areaA + areaB > 1.5 * Math.max(areaQ, areaR)) continue;
      const box = unionBox(o.boxes.get(ra)!, o.boxes.get(rb)!);
      const plane = planes[t];
      if (solidity(plane, width, [ra, rb], box) < maxSolidity) continue;
      for (let y = box.y0; y <= box.y1; y++) for (let x = box.x0; x <= box.x1; x++) if (plane[y * width + x] === rb) plane[y * width + x] = ra;
      o.areas.set(ra, areaA + areaB);
      o.areas.delete(rb);
      o.boxes.set(ra, box);
      o.boxes.delete(rb);
      into.set(rb, ra);
      // a merge changes what the next frame's overlaps see
      before.set(ra, addRows(before.get(ra), before.get(rb)));
      after.set(ra, addRows(after.get(ra), after.get(rb)));
      events.push({ t, kind: 'merge', label: ra, others: [rb], evidence: 'fragments' });
    }
  }

  // 2. objects that are two, split from the previous frame forwards, then from the next frame backwards; only in a
  // movie whose objects are convex in the main (a waist then means two objects; where outlines are ragged, as on
  // textured nuclei the segmentation breaks up or whole cells, it does not)
  // two round objects pressed together with no waist: exactly two markers covering the object, lying end to end along its
  // long axis, the object elongated as two disks are, and the two apart also in the frame beyond the markers' (a piece cut
  // off one nucleus for a frame or two is no evidence)
  const pairShaped = (t: number, label: number, box: Box, markers: number[], markerArea: number, area: number, ref: number, beyond: number): boolean => {
    if (!(minPairElongation < Infinity) || markers.length !== 2 || markerArea < 0.8 * area || markerArea > 1.25 * area) return false;
    if (beyond < 0 || beyond >= frames) return false;
    const shape = shapeOf(planes[t], width, label, box);
    if (shape.elongation < minPairElongation) return false;
    const [a, b] = markers.map((m) => shapeOf(planes[ref], width, m, objects[ref].boxes.get(m)!));
    const dx = b.cx - a.cx;
    const dy = b.cy - a.cy;
    const along = Math.abs(dx * shape.ux + dy * shape.uy);
    if (along < 0.87 * Math.hypot(dx, dy)) return false; // within 30 degrees of the long axis
    const next = overlaps(planes[ref], planes[beyond]);
    const partners = markers.map((m) => mainPartner(m, objects[ref].areas.get(m)!, next, fraction));
    return partners[0] !== undefined && partners[1] !== undefined && partners[0] !== partners[1];
  };
  const sampled: number[] = [];
  const every = Math.max(1, Math.floor(frames / 20));
  for (let t = 0; t < frames; t += every) for (const [label, box] of objects[t].boxes) sampled.push(solidity(planes[t], width, label, box));
  const quartileSolidity = quantile(sampled, 0.25);
  const splitsAllowed = quartileSolidity >= minMovieSolidity;
  for (const direction of splitsAllowed ? ([1, -1] as const) : []) {
    for (let k = 1; k < frames; k++) {
      const t = direction === 1 ? k : frames - 1 - k;
      const ref = t - direction;
      const far = t + direction;
      const shared = overlaps(planes[t], planes[ref]);
      const farShared = far >= 0 && far < frames ? overlaps(planes[t], planes[far]) : undefined;
      const o = objects[t];
      for (const [label, box] of [...o.boxes]) {
        const markers = markersOn(label, shared, objects[ref], fraction, minArea);
        if (markers.length < 2) continue;
        // the markers must look like single nuclei (convex): pieces of a cell with protrusions are no evidence of two cells
        if (markers.some((m) => solidity(planes[ref], width, m, objects[ref].boxes.get(m)!) < minMarkerSolidity)) continue;
        const markerArea = markers.reduce((s, m) => s + objects[ref].areas.get(m)!, 0);
        const area = o.areas.get(label)!;
        if (markerArea < 0.5 * area || markerArea > 1.6 * area) continue;
        // apart on the other side too: in the next frame or, within bridgeFrames, on the object's own pixels
        let bothSides = farShared !== undefined && markersOn(label, farShared, objects[far], fraction, minArea).length >= 2;
        for (let k = 2; !bothSides && k <= bridge; k++) {
          const f = t + direction * k;
          if (f < 0 || f >= frames) break;
          bothSides = markersOn(label, overlapsInBox(planes[t], planes[f], width, label, box), objects[f], fraction, minArea).length >= 2;
        }
        const waist = !bothSides && solidity(planes[t], width, label, box) < maxSolidity;
        const pair = !bothSides && !waist && pairShaped(t, label, box, markers, markerArea, area, ref, ref - direction);
        if (!bothSides && !waist && !pair) continue;
        const made = splitByMarkers(planes[t], planes[ref], width, height, label, box, markers, minArea, () => ++o.maxLabel);
        if (!made) continue;
        events.push({ t, kind: 'split', label, others: made.slice(1), evidence: bothSides ? 'both sides' : waist ? 'waist' : 'pair shape', markerAreaRatio: Number((markerArea / area).toFixed(3)) });
        // keep the object table in step for the next frame's pass
        const fresh = frameObjects(planes[t], width);
        o.areas = fresh.areas;
        o.boxes = fresh.boxes;
        o.maxLabel = Math.max(o.maxLabel, fresh.maxLabel);
      }
    }
  }
  return {
    planes,
    split: events.filter((e) => e.kind === 'split').length,
    merged: events.filter((e) => e.kind === 'merge').length,
    filled: events.filter((e) => e.kind === 'fill').length,
    events,
    typicalAreaPx: typical,
    quartileSolidity: Number(quartileSolidity.toFixed(3)),
    ...(splitsAllowed ? {} : { noSplits: `a quarter of the objects are less convex than solidity ${quartileSolidity.toFixed(2)} (below ${minMovieSolidity}): ragged outlines, so a waist is no sign of two objects` }),
  };
}

/** Pixels to draw into one frame: a new object, or the rest of `part`, an object of that frame outlined in part. */
interface MissedObject {
  pixels: number[];
  box: Box;
  /** The object the rest is drawn onto, when the frame holds a part of it. */
  part?: number;
  /** Further pieces of the same object in that frame, made one with `part`. */
  pieces?: number[];
}

/**
 * Objects of `before` (frame t-1) that `after` (frame t+g) shows at the same place, alike in size (0.7-1.4x), each lying
 * on the other for at least `fraction` of its area, where each frame `between` (t .. t+g-1) has next to nothing there
 * (under a fifth of the outline labelled, no object of its own lying mostly inside it, and none within a diameter that
 * has no past of its own: the object moved away and back) or only a part of it (one
 * object lying at least 0.8 inside the outline, under 0.6 of the object on both sides): the earlier outline moved along
 * the way to the later one's centroid, on the unlabelled pixels of each frame between.
 */
function missedRuns(before: Uint32Array, between: { plane: Uint32Array; objects: FrameObjects }[], after: Uint32Array, objectsBefore: FrameObjects, objectsAfter: FrameObjects, width: number, height: number, fraction: number, minArea: number, maxPart: number): MissedObject[][] {
  const shared = overlaps(before, after);
  const out: MissedObject[][] = [];
  const taken = new Set<number>();
  for (const [q, row] of shared) {
    const areaQ = objectsBefore.areas.get(q)!;
    if (areaQ < minArea) continue;
    let best: number | undefined;
    for (const [r, n] of row) if (n >= fraction * areaQ && (best === undefined || n > row.get(best)!)) best = r;
    if (best === undefined || taken.has(best)) continue;
    const areaR = objectsAfter.areas.get(best)!;
    if (row.get(best)! < fraction * areaR || areaR < 0.7 * areaQ || areaR > 1.4 * areaQ) continue;
    const a = centroidIn(before, width, q, objectsBefore.boxes.get(q)!);
    const b = centroidIn(after, width, best, objectsAfter.boxes.get(best)!);
    const box = objectsBefore.boxes.get(q)!;
    const run: MissedObject[] = [];
    for (const [i, frame] of between.entries()) {
      const s = (i + 1) / (between.length + 1);
      const dx = Math.round(s * (b.x - a.x));
      const dy = Math.round(s * (b.y - a.y));
      const pixels: number[] = [];
      let inside = 0;
      let labelled = 0;
      const seen = new Map<number, number>();
      for (let y = box.y0; y <= box.y1; y++)
        for (let x = box.x0; x <= box.x1; x++) {
          if (before[y * width + x] !== q) continue;
          const xx = x + dx;
          const yy = y + dy;
          if (xx < 0 || yy < 0 || xx >= width || yy >= height) continue;
          inside++;
          const k = yy * width + xx;
          const l = frame.plane[k];
          if (l) (labelled++, seen.set(l, (seen.get(l) ?? 0) + 1));
          else pixels.push(k);
        }
      // an object of that frame lying mostly inside the outline is the object seen there: nothing is missing, unless it
      // is one object well inside the outline and much smaller than the object on both sides (outlined in part: a dim or
      // textured nucleus thresholded on its bright part), which is then drawn whole
      const within = [...seen].filter(([l, n]) => n >= 0.5 * frame.objects.areas.get(l)!).sort((p, q) => q[1] - p[1] || p[0] - q[0]);
      const parts = piecesOf(within, frame.objects, Math.min(areaQ, areaR), maxPart, between.length > 1);
      if (!parts) break;
      const part: number | undefined = parts[0];
      const others = labelled - parts.reduce((sum, l) => sum + seen.get(l)!, 0);
      if (!inside || others >= 0.2 * inside || (parts.length < 2 && pixels.length < minArea)) break;
      // nor may another object of that frame lie within a diameter of where the object should be, unless it lies mostly
      // on some other object of frame t-1 (a neighbour with a past of its own): else it is the object itself, moved away
      // and back for a frame (whole cells that jump)
      const cx = a.x + s * (b.x - a.x);
      const cy = a.y + s * (b.y - a.y);
      const diameter = 2 * Math.sqrt(areaQ / Math.PI);
      const nearby = [...frame.objects.boxes].filter(([l, lb]) => !parts.includes(l) && Math.hypot((lb.x0 + lb.x1) / 2 - cx, (lb.y0 + lb.y1) / 2 - cy) < diameter);
      if (nearby.some(([l, lb]) => !hasOtherPast(frame.plane, before, l, lb, q, frame.objects.areas.get(l)!, width))) break;
      run.push({ pixels, part, ...(parts.length > 1 ? { pieces: parts.slice(1) } : {}), box: { x0: Math.max(0, box.x0 + dx), y0: Math.max(0, box.y0 + dy), x1: Math.min(width - 1, box.x1 + dx), y1: Math.min(height - 1, box.y1 + dy) } });
    }
    if (run.length < between.length) continue;
    taken.add(best);
    out.push(run);
  }
  return out;
}

/**
 * The objects of a frame between that are parts of the missed object (`within`: each object with the pixels of it inside
 * the outline, at least half of it): none, one part, or pieces (the nucleus cut in two or three) each lying at least 0.8
 * inside the outline, each under maxPart of the object on both sides (`areaPx`) and together 0.5-1.2 of it (small bits that
 * add up to less are no sign of the object). Undefined when what lies there is the object itself (a part of maxPart or more)
 * or something else. Pieces only in a run of several frames (`severalAllowed`): in one frame between two that show it
 * whole, touching pieces are the fragments merged after the fills.
 */
function piecesOf(within: [number, number][], objects: FrameObjects, areaPx: number, maxPart: number, severalAllowed: boolean): number[] | undefined {
  if (within.length > (severalAllowed ? MAX_PIECES : 1)) return undefined;
  let total = 0;
  for (const [l, n] of within) {
    const areaL = objects.areas.get(l)!;
    if (n < 0.8 * areaL || areaL >= maxPart * areaPx) return undefined;
    total += areaL;
  }
  if (total > 1.2 * areaPx || (within.length > 1 && total < 0.5 * areaPx)) return undefined;
  return within.map(([l]) => l);
}

/** Most pieces of one missed object in one frame that are made one again. */
const MAX_PIECES = 3;

/** Whether at least half of object `label` of `plane` lies on one object of `previous` other than `except`. */
function hasOtherPast(plane: ArrayLike<number>, previous: ArrayLike<number>, label: number, box: Box, except: number, area: number, width: number): boolean {
  const under = new Map<number, number>();
  for (let y = box.y0; y <= box.y1; y++)
    for (let x = box.x0; x <= box.x1; x++) {
      const k = y * width + x;
      const p = previous[k];
      if (plane[k] === label && p && p !== except) under.set(p, (under.get(p) ?? 0) + 1);
    }
  return [...under.values()].some((n) => n >= 0.5 * area);
}

function centroidIn(plane: ArrayLike<number>, width: number, label: number, box: Box): { x: number; y: number } {
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let y = box.y0; y <= box.y1; y++)
    for (let x = box.x0; x <= box.x1; x++) if (plane[y * width + x] === label) (n++, (sx += x), (sy += y));
  return { x: sx / n, y: sy / n };
}

function unionBox(a: Box, b: Box): Box {
  return { x0: Math.min(a.x0, b.x0), y0: Math.min(a.y0, b.y0), x1: Math.max(a.x1, b.x1), y1: Math.max(a.y1, b.y1) };
}

function addRows(a: Map<number, number> | undefined, b: Map<number, number> | undefined): Map<number, number> {
  const out = new Map(a ?? []);
  for (const [k, v] of b ?? []) out.set(k, (out.get(k) ?? 0) + v);
  return out;
}

/** What repairLabelMovie did, with the repaired movie (the input itself when nothing changed or it cannot be repaired). */
export interface LabelMovieRepair {
  labels: Movie;
  split: number;
  merged: number;
  /** Objects drawn into frames that missed them for a frame or two (fillMissedFrames); 0 when none. */
  filled?: number;
  events: RepairEvent[];
  /** Why nothing was tried (a 3-D movie), when so. */
  skipped?: string;
  /** Why no object was split, when the movie's objects are too ragged for the waist rule. */
  noSplits?: string;
  /** Why the pair-shape rule (minPairElongation) was used, when the tracker chose it from the movie. */
  pairShapeNote?: string;
  /** What the joined-sisters rule merged (joinSistersInAnaphase), when it did. */
  anaphaseNote?: string;
  /** What the pieces rule merged (joinPieces), when it did. */
  piecesNote?: string;
}

/** Repaired label planes as uint16 when every label fits (Fiji opens them as 16-bit masks), else uint32. */
function narrowestLabelPlanes(planes: ArrayLike<number>[]): { dtype: 'uint16' | 'uint32'; planes: PlaneData[] } {
  let max = 0;
  for (const p of planes) for (let k = 0; k < p.length; k++) if (p[k] > max) max = p[k];
  if (max > 65535) return { dtype: 'uint32', planes: planes.map((p) => (p instanceof Uint32Array ? p : Uint32Array.from(p))) };
  return { dtype: 'uint16', planes: planes.map((p) => Uint16Array.from(p)) };
}

/** Reads a 2-D label movie (channel `channel`), repairs it over time and returns it in memory (uint16, or uint32 past 65535 labels). */
export async function repairLabelMovie(labels: Movie, options: TemporalRepairOptions & { channel?: number; signal?: AbortSignal } = {}): Promise<LabelMovieRepair> {
  const { shape } = labels;
  if (shape.z > 1) return { labels, split: 0, merged: 0, events: [], skipped: 'temporal repair works on 2-D movies; this one has z slices' };
  const channel = Math.min(options.channel ?? 0, shape.c - 1);
  const planes: ArrayLike<number>[] = [];
  for (let t = 0; t < shape.t; t++) {
    if (options.signal?.aborted) throw new Error('cancelled');
    planes.push(await labels.plane(t, 0, channel));
  }
  const result = repairLabelsOverTime(planes, shape.x, shape.y, options);
  const noSplits = result.noSplits ? { noSplits: result.noSplits } : {};
  if (!result.events.length) return { labels, split: 0, merged: 0, events: [], ...noSplits };
  const narrow = narrowestLabelPlanes(result.planes);
  const movie = new MemoryMovie({ t: shape.t, z: 1, c: 1, y: shape.y, x: shape.x }, narrow.dtype, narrow.planes, { ...labels.meta, channelNames: [labels.meta.channelNames[channel] ?? 'labels'] }, `${labels.source.path} (repaired over time)`);
  return { labels: movie, split: result.split, merged: result.merged, filled: result.filled, events: result.events, ...noSplits };
}

/** One object made of two in one frame: label `b` becomes label `a`. */
export interface LabelMerge {
  t: number;
  a: number;
  b: number;
}

/**
 * Applies merges to a label movie (2-D, channel 0 of `repair.labels` or of `labels`): each named pair of frame t
 * becomes one object (the first label). Returns the repair with the merges added as events of the given evidence.
 */
export async function mergeLabelPairs(labels: Movie, repair: LabelMovieRepair | undefined, merges: LabelMerge[], evidence: string, channel = 0): Promise<LabelMovieRepair> {
  const source = repair?.labels ?? labels;
  const { shape } = source;
  const ch = Math.min(channel, shape.c - 1);
  const planes: Uint32Array[] = [];
  for (let t = 0; t < shape.t; t++) planes.push(Uint32Array.from(await source.plane(t, 0, repair && repair.labels !== labels ? 0 : ch)));
  const events: RepairEvent[] = [];
  for (const m of merges) {
    const plane = planes[m.t];
    let changed = false;
    for (let k = 0; k < plane.length; k++) if (plane[k] === m.b) (plane[k] = m.a), (changed = true);
    if (changed) events.push({ t: m.t, kind: 'merge', label: m.a, others: [m.b], evidence });
  }
  const narrow = narrowestLabelPlanes(planes);
  const movie = new MemoryMovie({ t: shape.t, z: 1, c: 1, y: shape.y, x: shape.x }, narrow.dtype, narrow.planes, { ...labels.meta, channelNames: [labels.meta.channelNames[ch] ?? 'labels'] }, `${labels.source.path} (repaired over time)`);
  const all = [...(repair?.events ?? []), ...events];
  return { ...(repair ?? {}), labels: movie, split: all.filter((e) => e.kind === 'split').length, merged: all.filter((e) => e.kind === 'merge').length, filled: all.filter((e) => e.kind === 'fill').length, events: all };
}

/** Pixels of 4-connected border between objects `a` and `b` of a label plane. */
export function sharedBorderPx(plane: ArrayLike<number>, width: number, a: number, b: number): number {
  let n = 0;
  for (let k = 0; k < plane.length; k++) {
    if (plane[k] !== a) continue;
    const x = k % width;
    if (x + 1 < width && plane[k + 1] === b) n++;
    if (x > 0 && plane[k - 1] === b) n++;
    if (k + width < plane.length && plane[k + width] === b) n++;
    if (k >= width && plane[k - width] === b) n++;
  }
  return n;
}
