// TrackMate's LAP tracker (SparseLAPTracker), after Jaqaman et al. 2008, "Robust
// single-particle tracking in live-cell time-lapse sequences", Nat Methods 5:695,
// doi:10.1038/nmeth.1237, as TrackMate builds it (fiji.plugin.trackmate.tracking.jaqaman):
//
// 1. Frame-to-frame linking: for each pair of consecutive frames, costs are squared
//    distances (times squared feature penalties), kept when below maxDistance^2. Only
//    spots with at least one candidate enter the matrix. The matrix is completed with
//    "no link" alternatives: top right and bottom left diagonals hold the alternative
//    cost (factor 1.05 x the largest kept cost), the bottom right is the transpose of the
//    top left filled with that cost. Solved with Jonker–Volgenant.
// 2. Segment linking: the chains of >= 2 spots from step 1 are segments. Gap closing
//    links a segment end to a segment start 1..maxFrameGap frames later; splitting links a
//    middle spot to a segment start one frame later (a division); merging links an end
//    to a middle spot one frame later. The alternative cost is factor 1.05 x the 90th
//    percentile of all kept costs. Same completion, same solver.
import { solveLap, sparseFromTriplets } from './assignment.ts';

export interface TrackerSpot {
  /** Unique id, >= 0. */
  id: number;
  /** Frame index, 0-based. */
  t: number;
  x: number;
  y: number;
  z?: number;
  /** Numeric features used by feature penalties (e.g. area_px, mean_intensity). */
  features?: Record<string, number>;
}

/** A directed link from an earlier spot to a later one; cost is the LAP cost it was chosen at. */
export interface SpotLink {
  source: number;
  target: number;
  cost: number;
  kind: 'link' | 'gap' | 'split' | 'merge';
}

/** TrackMate's LAP tracker settings; distances in pixels (z in pixel units after zScale). */
export interface LapSettings {
  /** Max distance between linked spots of consecutive frames, px. TrackMate default 15. */
  linkingMaxDistance: number;
  /** Feature penalties for linking, feature name -> weight. TrackMate default none. */
  linkingFeaturePenalties: Record<string, number>;
  /** Close gaps (missed detections). TrackMate default true. */
  allowGapClosing: boolean;
  /** Max distance for gap closing, px. TrackMate default 15. */
  gapClosingMaxDistance: number;
  /** Max frames a gap may span (a segment end at t links to a start at t+1..t+maxFrameGap). TrackMate default 2. */
  maxFrameGap: number;
  /**
   * A gap counts only the frames that hold spots: a frame where nothing was detected (an empty frame: the segmentation
   * found no object at all) is no evidence that the object left, so a segment end at t links to a start up to
   * maxFrameGap frames with spots later, however many empty frames lie between. Not in TrackMate (which counts every
   * frame); default false. The same links as TrackMate's wherever every frame holds a spot.
   */
  gapSkipsEmptyFrames: boolean;
  gapClosingFeaturePenalties: Record<string, number>;
  /** Detect divisions (track splitting). TrackMate default false; cellpilot tracks dividing cells, so true here. */
  allowSplitting: boolean;
  /** Max distance between a mother spot and a daughter's first spot, px. TrackMate default 15. */
  splittingMaxDistance: number;
  splittingFeaturePenalties: Record<string, number>;
  /**
   * A daughter born in the movie's last frame (one spot, so no segment) may be split off its mother. TrackMate links only
   * segments of two or more spots, so a division in the last frame is never proposed. Not in TrackMate; default false.
   */
  splittingIntoLastFrame: boolean;
  /** Allow two tracks to merge. TrackMate default false. */
  allowMerging: boolean;
  mergingMaxDistance: number;
  mergingFeaturePenalties: Record<string, number>;
  /** Alternative ("no link") cost factor. TrackMate default 1.05. */
  alternativeLinkingCostFactor: number;
  /** Percentile of segment-linking costs the alternative cost is based on. TrackMate default 0.9. */
  cutoffPercentile: number;
  /** z distances are multiplied by this (z step / pixel size) so that costs are isotropic. Default 1. */
  zScale: number;
}

export const LAP_DEFAULTS: LapSettings = {
  linkingMaxDistance: 15,
  linkingFeaturePenalties: {},
  allowGapClosing: true,
  gapClosingMaxDistance: 15,
  maxFrameGap: 2,
  gapSkipsEmptyFrames: false,
  gapClosingFeaturePenalties: {},
  allowSplitting: true,
  splittingMaxDistance: 15,
  splittingFeaturePenalties: {},
  splittingIntoLastFrame: false,
  allowMerging: false,
  mergingMaxDistance: 15,
  mergingFeaturePenalties: {},
  alternativeLinkingCostFactor: 1.05,
  cutoffPercentile: 0.9,
  zScale: 1,
};

export interface LapProgress {
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/** Checks settings, naming the bad one. */
export function checkLapSettings(s: LapSettings): void {
  const positive: (keyof LapSettings)[] = ['linkingMaxDistance', 'gapClosingMaxDistance', 'splittingMaxDistance', 'mergingMaxDistance', 'alternativeLinkingCostFactor', 'zScale'];
  for (const key of positive) {
    const v = s[key] as number;
    if (!(Number.isFinite(v) && v > 0)) throw new RangeError(`${key} must be a positive number, got ${v}`);
  }
  if (!(Number.isInteger(s.maxFrameGap) && s.maxFrameGap >= 1)) throw new RangeError(`maxFrameGap must be an integer >= 1, got ${s.maxFrameGap}`);
  if (!(s.cutoffPercentile >= 0 && s.cutoffPercentile <= 1)) throw new RangeError(`cutoffPercentile must be between 0 and 1, got ${s.cutoffPercentile}`);
}

/**
 * Links spots into tracks with TrackMate's LAP tracker. Returns the links (spot ids);
 * build Tracks from them with tracksFromLinks (track.ts).
 */
export function lapTrack(spots: TrackerSpot[], settings: Partial<LapSettings> = {}, progress: LapProgress = {}): SpotLink[] {
  const s: LapSettings = { ...LAP_DEFAULTS, ...settings };
  checkLapSettings(s);
  for (const spot of spots) {
    if (!Number.isFinite(spot.x) || !Number.isFinite(spot.y) || !Number.isInteger(spot.t) || spot.t < 0) {
      throw new RangeError(`spot ${spot.id} has an invalid position or frame (t=${spot.t}, x=${spot.x}, y=${spot.y})`);
    }
  }
  const byFrame = groupByFrame(spots);
  const frames = [...byFrame.keys()].sort((a, b) => a - b);
  const links: SpotLink[] = [];
  const total = frames.length;
  for (let k = 0; k + 1 < frames.length; k++) {
    if (progress.signal?.aborted) throw new Error('cancelled');
    const t = frames[k];
    if (frames[k + 1] === t + 1) {
      for (const link of linkFrames(byFrame.get(t)!, byFrame.get(t + 1)!, s)) links.push(link);
    }
    progress.onProgress?.(k + 1, total);
  }
  if (s.allowGapClosing || s.allowSplitting || s.allowMerging) for (const link of linkSegments(spots, links, s)) links.push(link);
  progress.onProgress?.(total, total);
  return links;
}

function groupByFrame(spots: TrackerSpot[]): Map<number, TrackerSpot[]> {
  const byFrame = new Map<number, TrackerSpot[]>();
  for (const spot of spots) {
    const list = byFrame.get(spot.t);
    if (list) list.push(spot);
    else byFrame.set(spot.t, [spot]);
  }
  return byFrame;
}

/** TrackMate's cost: squared distance, times (1 + sum of 3·w·|f1−f2|/(f1+f2))^2 with feature penalties. */
export function linkingCost(a: TrackerSpot, b: TrackerSpot, penalties: Record<string, number>, zScale = 1): number {
  const dx = a.x - b.x;
  const dy = a.y - b.y;
  const dz = ((a.z ?? 0) - (b.z ?? 0)) * zScale;
  const d2 = dx * dx + dy * dy + dz * dz;
  let penalty = 1;
  for (const feature in penalties) {
    const f1 = a.features?.[feature];
    const f2 = b.features?.[feature];
    if (f1 === undefined || f2 === undefined) continue;
    const ndiff = Math.abs(f1 - f2) / (f1 + f2);
    if (!Number.isFinite(ndiff)) continue;
    penalty += 3 * penalties[feature] * ndiff;
  }
  return d2 * penalty * penalty;
}

interface Candidates {
  sources: number[]; // spot ids
  targets: number[];
  costs: number[];
}

/** Frame-to-frame linking between the spots of frame t (sources) and t+1 (targets). */
export function linkFrames(sources: TrackerSpot[], targets: TrackerSpot[], s: LapSettings): SpotLink[] {
  const maxCost = s.linkingMaxDistance * s.linkingMaxDistance;
  const candidates: Candidates = { sources: [], targets: [], costs: [] };
  const grid = new SpatialGrid(targets, s.linkingMaxDistance);
  for (const a of sources) {
    grid.near(a, (b) => {
      const cost = linkingCost(a, b, s.linkingFeaturePenalties, s.zScale);
      if (cost < maxCost) candidates.sources.push(a.id), candidates.targets.push(b.id), candidates.costs.push(cost);
    });
  }
  return solveJaqaman(candidates, s.alternativeLinkingCostFactor, 1).map(([source, target, cost]) => ({ source, target, cost, kind: 'link' as const }));
}

/** Gap closing, splitting and merging over the segments the frame-to-frame links form. */
function linkSegments(spots: TrackerSpot[], frameLinks: SpotLink[], s: LapSettings): SpotLink[] {
  const byId = new Map(spots.map((spot) => [spot.id, spot]));
  const next = new Map<number, number>();
  const previous = new Map<number, number>();
  for (const l of frameLinks) next.set(l.source, l.target), previous.set(l.target, l.source);

  // Segments: chains of >= 2 spots (TrackMate ignores unlinked single spots here).
  const starts: TrackerSpot[] = [];
  const ends: TrackerSpot[] = [];
  const middles: TrackerSpot[] = [];
  for (const spot of spots) {
    if (previous.has(spot.id) || !next.has(spot.id)) continue;
    const chain = [spot];
    for (let id = next.get(spot.id); id !== undefined; id = next.get(id)) chain.push(byId.get(id)!);
    starts.push(chain[0]);
    ends.push(chain[chain.length - 1]);
    for (let k = 1; k < chain.length - 1; k++) middles.push(chain[k]);
  }
  // a spot of the last frame that nothing links to is a segment start that had no frame to grow into
  const lastFrame = maxOf(spots.map((spot) => spot.t));
  const lastFrameSingles = s.splittingIntoLastFrame ? spots.filter((spot) => spot.t === lastFrame && !previous.has(spot.id)) : [];
  const startsByFrame = groupByFrame(starts);
  const middlesByFrame = groupByFrame(middles);
  const kindOf = new Map<string, SpotLink['kind']>();
  const candidates: Candidates = { sources: [], targets: [], costs: [] };
  const add = (a: TrackerSpot, b: TrackerSpot, cost: number, kind: SpotLink['kind']) => {
    candidates.sources.push(a.id);
    candidates.targets.push(b.id);
    candidates.costs.push(cost);
    kindOf.set(`${a.id}>${b.id}`, kind);
  };

  const gcMax = s.gapClosingMaxDistance ** 2;
  // the frames a gap may reach from an end: the next maxFrameGap frames, or the next maxFrameGap frames that hold spots
  // (read only with gapSkipsEmptyFrames: TrackMate's counting of every frame needs no list of them)
  const occupied = s.gapSkipsEmptyFrames ? [...new Set(spots.map((spot) => spot.t))].sort((a, b) => a - b) : [];
  const rankOf = new Map(occupied.map((t, k) => [t, k]));
  const gapFrames = (t: number) =>
    s.gapSkipsEmptyFrames ? occupied.slice(rankOf.get(t)! + 1, rankOf.get(t)! + 1 + s.maxFrameGap) : Array.from({ length: s.maxFrameGap }, (_, k) => t + 1 + k);
  const mergeMax = s.mergingMaxDistance ** 2;
  const splitMax = s.splittingMaxDistance ** 2;
  for (const end of ends) {
    if (s.allowGapClosing) {
      for (const t of gapFrames(end.t)) {
        for (const start of startsByFrame.get(t) ?? []) {
          const cost = linkingCost(end, start, s.gapClosingFeaturePenalties, s.zScale);
          if (cost <= gcMax) add(end, start, cost, 'gap');
        }
      }
    }
    if (s.allowMerging) {
      for (const middle of middlesByFrame.get(end.t + 1) ?? []) {
        const cost = linkingCost(end, middle, s.mergingFeaturePenalties, s.zScale);
        if (cost <= mergeMax) add(end, middle, cost, 'merge');
      }
    }
  }
  if (s.allowSplitting) {
    for (const middle of middles) {
      for (const start of [...(startsByFrame.get(middle.t + 1) ?? []), ...(middle.t + 1 === lastFrame ? lastFrameSingles : [])]) {
        const cost = linkingCost(middle, start, s.splittingFeaturePenalties, s.zScale);
        if (cost <= splitMax) add(middle, start, cost, 'split');
      }
    }
  }
  return solveJaqaman(candidates, s.alternativeLinkingCostFactor, s.cutoffPercentile).map(([source, target, cost]) => {
    const kind = kindOf.get(`${source}>${target}`)!;
    // A gap-closing candidate one frame apart is an ordinary link between two segments.
    return { source, target, cost, kind: kind === 'gap' && byId.get(target)!.t - byId.get(source)!.t === 1 ? 'link' : kind };
  });
}

/** imglib2's Util.percentile: the element at round((n-1)·p) of the sorted values. */
export function percentile(values: number[], p: number): number {
  const sorted = Float64Array.from(values).sort();
  const pos = Math.min(sorted.length - 1, Math.max(0, Math.floor((sorted.length - 1) * p + 0.5)));
  return sorted[pos];
}

/** The largest value (a loop: spreading a long array into Math.max overflows the call stack). */
function maxOf(values: ArrayLike<number>): number {
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) if (values[i] > max) max = values[i];
  return max;
}

/**
 * TrackMate's JaqamanLinker: the candidate costs form the top-left block over the unique
 * sources and targets (sorted by id); the no-link blocks complete it. Returns
 * [source, target, cost] for each chosen link.
 */
function solveJaqaman(c: Candidates, alternativeCostFactor: number, cutoffPercentile: number): [number, number, number][] {
  if (c.costs.length === 0) return [];
  const sourceIds = [...new Set(c.sources)].sort((a, b) => a - b);
  const targetIds = [...new Set(c.targets)].sort((a, b) => a - b);
  const rowOf = new Map(sourceIds.map((id, i) => [id, i]));
  const colOf = new Map(targetIds.map((id, j) => [id, j]));
  const alternative = alternativeCostFactor * (cutoffPercentile === 1 ? maxOf(c.costs) : percentile(c.costs, cutoffPercentile));
  const nRows = sourceIds.length;
  const nCols = targetIds.length;
  const size = nRows + nCols;
  const nnz = 2 * c.costs.length + nRows + nCols;
  const rows = new Int32Array(nnz);
  const cols = new Int32Array(nnz);
  const costs = new Float64Array(nnz);
  let k = 0;
  for (let e = 0; e < c.costs.length; e++) {
    const r = rowOf.get(c.sources[e])!;
    const col = colOf.get(c.targets[e])!;
    (rows[k] = r), (cols[k] = col), (costs[k++] = c.costs[e]); // top left: link
    (rows[k] = nRows + col), (cols[k] = nCols + r), (costs[k++] = alternative); // bottom right: transpose
  }
  for (let r = 0; r < nRows; r++) (rows[k] = r), (cols[k] = nCols + r), (costs[k++] = alternative); // source not linked
  for (let col = 0; col < nCols; col++) (rows[k] = nRows + col), (cols[k] = col), (costs[k++] = alternative); // target not linked
  const solution = solveLap(sparseFromTriplets(size, rows, cols, costs)); // sparse or dense, whichever suits the fill
  const topLeft = new Map<number, number>();
  for (let e = 0; e < c.costs.length; e++) topLeft.set(rowOf.get(c.sources[e])! * nCols + colOf.get(c.targets[e])!, c.costs[e]);
  const out: [number, number, number][] = [];
  for (let r = 0; r < nRows; r++) {
    const col = solution.rowToCol[r];
    if (col < nCols) out.push([sourceIds[r], targetIds[col], topLeft.get(r * nCols + col)!]);
  }
  return out;
}

/** Uniform grid over spots for radius queries (cell size = radius). */
class SpatialGrid {
  private readonly cells = new Map<number, TrackerSpot[]>();
  constructor(
    spots: TrackerSpot[],
    private readonly cellSize: number,
  ) {
    for (const spot of spots) {
      const key = this.key(Math.floor(spot.x / cellSize), Math.floor(spot.y / cellSize));
      const list = this.cells.get(key);
      if (list) list.push(spot);
      else this.cells.set(key, [spot]);
    }
  }
  private key(cx: number, cy: number): number {
    return (cx + 1048576) * 2097152 + (cy + 1048576);
  }
  /** Calls visit for every spot in the 3x3 cells around p (a superset of those within cellSize in xy). */
  near(p: TrackerSpot, visit: (spot: TrackerSpot) => void): void {
    const cx = Math.floor(p.x / this.cellSize);
    const cy = Math.floor(p.y / this.cellSize);
    for (let dy = -1; dy <= 1; dy++)
      for (let dx = -1; dx <= 1; dx++) {
        const list = this.cells.get(this.key(cx + dx, cy + dy));
        if (list) for (const spot of list) visit(spot);
      }
  }
}
