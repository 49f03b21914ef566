// Object-level agreement between a predicted and a true label image: one-to-one matching
// of objects whose intersection over union reaches a threshold, then TP / FP / FN,
// precision, recall, F1 and the mean IoU of matched pairs.
// Mirrors StarDist's `stardist.matching.matching` and `matching_dataset`
// (Schmidt et al. 2018, doi:10.1007/978-3-030-00934-2_30): pairs are matched by an
// optimal assignment that maximises the number of pairs with IoU >= threshold, with the
// IoU itself as tie-breaker. For thresholds >= 0.5 every object has at most one partner
// above the threshold, so the matching is unique.
import type { Movie, PlaneData } from '../image/movie.ts';

export interface MatchStats {
  /** IoU threshold used. */
  iouThreshold: number;
  /** Number of objects in the prediction and in the truth. */
  predObjects: number;
  trueObjects: number;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
  /** Mean IoU over matched pairs (0 when nothing matched). */
  meanMatchedIoU: number;
  /** Sum of matched IoUs divided by the number of true objects (StarDist's mean_true_score). */
  meanTrueIoU: number;
  /** Panoptic quality: sum of matched IoUs / (tp + fp/2 + fn/2). */
  panopticQuality: number;
}

/** Overlap counts between the objects of two label planes. */
interface Overlaps {
  predIds: number[];
  trueIds: number[];
  predArea: Float64Array;
  trueArea: Float64Array;
  /** Sparse intersections: key = trueIndex * predCount + predIndex. */
  intersections: Map<number, number>;
}

function checkPlanes(pred: PlaneData, truth: PlaneData, width: number, height: number): void {
  const n = width * height;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new RangeError(`width and height must be positive integers, got ${width}x${height}`);
  }
  if (pred.length !== n || truth.length !== n) {
    throw new RangeError(`label planes must both hold ${width}x${height}=${n} pixels, got ${pred.length} and ${truth.length}`);
  }
}

/** Maps each distinct non-zero label of a plane to a dense index 0..k-1. */
function denseIndex(plane: PlaneData): { ids: number[]; index: (v: number) => number } {
  let max = 0;
  for (let i = 0; i < plane.length; i++) if (plane[i] > max) max = plane[i];
  if (max <= 1 << 22) {
    const table = new Int32Array(max + 1).fill(-1);
    const ids: number[] = [];
    for (let i = 0; i < plane.length; i++) {
      const v = plane[i];
      if (v > 0 && table[v] < 0) table[v] = 1;
    }
    for (let v = 1; v <= max; v++) if (table[v] > 0) (table[v] = ids.length), ids.push(v);
    return { ids, index: (v) => (v > 0 ? table[v] : -1) };
  }
  const map = new Map<number, number>();
  for (let i = 0; i < plane.length; i++) {
    const v = plane[i];
    if (v > 0 && !map.has(v)) map.set(v, 0);
  }
  const ids = [...map.keys()].sort((a, b) => a - b);
  ids.forEach((v, i) => map.set(v, i));
  return { ids, index: (v) => (v > 0 ? map.get(v)! : -1) };
}

function computeOverlaps(pred: PlaneData, truth: PlaneData): Overlaps {
  const p = denseIndex(pred);
  const t = denseIndex(truth);
  const predCount = p.ids.length;
  const predArea = new Float64Array(predCount);
  const trueArea = new Float64Array(t.ids.length);
  const intersections = new Map<number, number>();
  for (let i = 0; i < pred.length; i++) {
    const pi = p.index(pred[i]);
    const ti = t.index(truth[i]);
    if (pi >= 0) predArea[pi]++;
    if (ti >= 0) trueArea[ti]++;
    if (pi >= 0 && ti >= 0) {
      const key = ti * predCount + pi;
      intersections.set(key, (intersections.get(key) ?? 0) + 1);
    }
  }
  return { predIds: p.ids, trueIds: t.ids, predArea, trueArea, intersections };
}

interface Pair {
  trueIndex: number;
  predIndex: number;
  iou: number;
}

/** Candidate pairs with IoU >= threshold. */
function candidatePairs(o: Overlaps, iouThreshold: number): Pair[] {
  const predCount = o.predIds.length;
  const pairs: Pair[] = [];
  for (const [key, inter] of o.intersections) {
    const trueIndex = Math.floor(key / predCount);
    const predIndex = key - trueIndex * predCount;
    const iou = inter / (o.trueArea[trueIndex] + o.predArea[predIndex] - inter);
    if (iou >= iouThreshold && iou > 0) pairs.push({ trueIndex, predIndex, iou });
  }
  return pairs;
}

/**
 * Maximum-cardinality matching of candidate pairs, ties broken by total IoU.
 * Above IoU 0.5 no object has two candidates, so the pairs are already one-to-one;
 * otherwise an optimal assignment (Hungarian) on the objects that have candidates.
 */
function assignPairs(pairs: Pair[], iouThreshold: number): Pair[] {
  if (iouThreshold > 0.5) return pairs;
  const trueSet = [...new Set(pairs.map((p) => p.trueIndex))];
  const predSet = [...new Set(pairs.map((p) => p.predIndex))];
  if (pairs.length === trueSet.length && pairs.length === predSet.length) return pairs;
  const rowOf = new Map(trueSet.map((v, i) => [v, i]));
  const colOf = new Map(predSet.map((v, i) => [v, i]));
  const n = Math.max(trueSet.length, predSet.length);
  const maxPairs = Math.max(1, pairs.length);
  // Cost as in StarDist: -(iou >= thr) - iou / (2 * n), so count dominates and IoU breaks ties.
  const cost = Array.from({ length: n }, () => new Float64Array(n));
  const pairAt = new Map<number, Pair>();
  for (const p of pairs) {
    const r = rowOf.get(p.trueIndex)!;
    const c = colOf.get(p.predIndex)!;
    cost[r][c] = -1 - p.iou / (2 * maxPairs);
    pairAt.set(r * n + c, p);
  }
  const assignment = hungarian(cost);
  const out: Pair[] = [];
  assignment.forEach((c, r) => {
    const p = pairAt.get(r * n + c);
    if (p) out.push(p);
  });
  return out;
}

/** Minimum-cost perfect assignment of a square matrix (Kuhn–Munkres with potentials, O(n³)). Returns column per row. */
export function hungarian(cost: Float64Array[]): number[] {
  const n = cost.length;
  const u = new Float64Array(n + 1);
  const v = new Float64Array(n + 1);
  const p = new Int32Array(n + 1); // p[j]: row assigned to column j (1-based), 0 = none
  const way = new Int32Array(n + 1);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Float64Array(n + 1).fill(Infinity);
    const used = new Uint8Array(n + 1);
    do {
      used[j0] = 1;
      const i0 = p[j0];
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= n; j++) {
        if (used[j]) continue;
        const cur = cost[i0 - 1][j - 1] - u[i0] - v[j];
        if (cur < minv[j]) (minv[j] = cur), (way[j] = j0);
        if (minv[j] < delta) (delta = minv[j]), (j1 = j);
      }
      for (let j = 0; j <= n; j++) {
        if (used[j]) (u[p[j]] += delta), (v[j] -= delta);
        else minv[j] -= delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0];
      p[j0] = p[j1];
      j0 = j1;
    } while (j0);
  }
  const rowToCol = new Array<number>(n).fill(-1);
  for (let j = 1; j <= n; j++) if (p[j] > 0) rowToCol[p[j] - 1] = j - 1;
  return rowToCol;
}

function statsFrom(iouThreshold: number, predObjects: number, trueObjects: number, tp: number, sumIoU: number): MatchStats {
  const fp = predObjects - tp;
  const fn = trueObjects - tp;
  const safe = (num: number, den: number) => (den > 0 ? num / den : 0);
  return {
    iouThreshold,
    predObjects,
    trueObjects,
    tp,
    fp,
    fn,
    precision: safe(tp, tp + fp),
    recall: safe(tp, tp + fn),
    f1: safe(2 * tp, 2 * tp + fp + fn),
    meanMatchedIoU: safe(sumIoU, tp),
    meanTrueIoU: safe(sumIoU, trueObjects),
    panopticQuality: safe(sumIoU, tp + fp / 2 + fn / 2),
  };
}

/** Matched pairs between two label planes, by label value. */
export interface LabelPair {
  predLabel: number;
  trueLabel: number;
  iou: number;
}

function matchPlane(pred: PlaneData, truth: PlaneData, width: number, height: number, iouThreshold: number) {
  checkPlanes(pred, truth, width, height);
  if (!(iouThreshold >= 0 && iouThreshold <= 1)) throw new RangeError(`iouThreshold must be between 0 and 1, got ${iouThreshold}`);
  const overlaps = computeOverlaps(pred, truth);
  const pairs = assignPairs(candidatePairs(overlaps, iouThreshold), iouThreshold);
  const sumIoU = pairs.reduce((s, p) => s + p.iou, 0);
  const stats = statsFrom(iouThreshold, overlaps.predIds.length, overlaps.trueIds.length, pairs.length, sumIoU);
  const matched: LabelPair[] = pairs.map((p) => ({ predLabel: overlaps.predIds[p.predIndex], trueLabel: overlaps.trueIds[p.trueIndex], iou: p.iou }));
  return { stats, matched, sumIoU };
}

/**
 * Matches the objects of a predicted label plane to those of a true one (row-major,
 * `width` x `height`, 0 = background) one-to-one at IoU >= `iouThreshold` (0..1, default 0.5).
 */
export function matchLabels(pred: PlaneData, truth: PlaneData, width: number, height: number, iouThreshold = 0.5): MatchStats {
  return matchPlane(pred, truth, width, height, iouThreshold).stats;
}

/** As matchLabels, also returning the matched label pairs. */
export function matchLabelPairs(pred: PlaneData, truth: PlaneData, width: number, height: number, iouThreshold = 0.5): { stats: MatchStats; matched: LabelPair[] } {
  const { stats, matched } = matchPlane(pred, truth, width, height, iouThreshold);
  return { stats, matched };
}

export interface MovieMatchStats extends MatchStats {
  /** Statistics of each compared frame, in frame order. */
  perFrame: (MatchStats & { t: number })[];
}

/**
 * Matches two label movies frame by frame (z = 0, channel 0 of each unless given) and
 * pools the counts over frames as StarDist's matching_dataset(by_image=False) does.
 * `frames` is a 0-based inclusive range; default all frames of the shorter movie.
 */
export async function matchLabelMovies(
  pred: Movie,
  truth: Movie,
  options: { iouThreshold?: number; frames?: [number, number]; predChannel?: number; trueChannel?: number; z?: number } = {},
): Promise<MovieMatchStats> {
  const iouThreshold = options.iouThreshold ?? 0.5;
  if (pred.shape.x !== truth.shape.x || pred.shape.y !== truth.shape.y) {
    throw new RangeError(`label movies must have the same width and height, got ${pred.shape.x}x${pred.shape.y} and ${truth.shape.x}x${truth.shape.y}`);
  }
  const lastFrame = Math.min(pred.shape.t, truth.shape.t) - 1;
  const [first, last] = options.frames ?? [0, lastFrame];
  if (first < 0 || last > lastFrame || first > last) throw new RangeError(`frames ${first}..${last} are outside 0..${lastFrame}`);
  const perFrame: (MatchStats & { t: number })[] = [];
  let tp = 0;
  let predObjects = 0;
  let trueObjects = 0;
  let sumIoU = 0;
  for (let t = first; t <= last; t++) {
    const p = await pred.plane(t, options.z ?? 0, options.predChannel ?? 0);
    const g = await truth.plane(t, options.z ?? 0, options.trueChannel ?? 0);
    const r = matchPlane(p, g, pred.shape.x, pred.shape.y, iouThreshold);
    perFrame.push({ ...r.stats, t });
    tp += r.stats.tp;
    predObjects += r.stats.predObjects;
    trueObjects += r.stats.trueObjects;
    sumIoU += r.sumIoU;
  }
  return { ...statsFrom(iouThreshold, predObjects, trueObjects, tp, sumIoU), perFrame };
}
