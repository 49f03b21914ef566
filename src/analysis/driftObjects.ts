// Object-based drift, as a biologist checks it by hand: find the bright objects in two
// frames, pair each with its nearest neighbour in the other frame, and take the median of
// their displacements. Cells that move on their own spread the displacements but hardly
// move the median; the spread says how far a drift estimate can be trusted.
import { gaussianBlur } from './filters.ts';
import { thresholdOtsu } from './threshold.ts';

/** Objects with fewer pixels are noise, not cells. */
const MIN_OBJECT_PX = 6;
/** At most this many objects per frame (the largest): enough for a median, bounded cost on crowded frames. */
const MAX_OBJECTS = 400;

/** Positions (x, y interleaved), areas and brightness of the nuclei of a background-free plane. */
export interface FrameObjects {
  centroids: Float32Array;
  /** The typical nucleus area of the plane, for each. */
  areasPx: Float32Array;
  /** Smoothed brightness above the threshold (the weights of a group's centroid). */
  masses: Float32Array;
}

/** Otsu's threshold is taken from about this many pixels (an even sample of the plane): the same level at a fraction of the cost. */
const THRESHOLD_SAMPLE = 1 << 14;

/** Smoothing (Gaussian SD) and the least distance between two nuclei's peaks, in typical nucleus radii. */
const SMOOTHING = 0.35;
const SEPARATION = 0.6;

/**
 * The nuclei of a background-removed plane, one per cell even where nuclei touch: the bright objects above
 * Otsu's threshold (8-connected components) give the typical nucleus size; the plane smoothed at a third of
 * that radius has one peak per nucleus (as TrackMate's LoG detector finds spots; touching nuclei merge into
 * one thresholded object, and a mean over objects then counts them once), located to a fraction of a pixel
 * by a parabola through the peak and its neighbours. Peaks closer than SEPARATION radii are one nucleus.
 */
export function findObjects(plane: Float32Array, height: number, width: number): FrameObjects {
  const stride = Math.max(1, Math.floor(plane.length / THRESHOLD_SAMPLE));
  const sample = stride === 1 ? plane : new Float32Array(Math.ceil(plane.length / stride));
  if (stride > 1) for (let i = 0, j = 0; i < plane.length; i += stride, j++) sample[j] = plane[i];
  const level = thresholdOtsu(sample);
  const { sw, area, count } = componentMoments(plane, height, width, level);
  const areas: number[] = [];
  for (let l = 0; l < count; l++) if (area[l] >= MIN_OBJECT_PX && sw[l] > 0) areas.push(area[l]);
  if (areas.length === 0) return { centroids: new Float32Array(0), areasPx: new Float32Array(0), masses: new Float32Array(0) };
  const radiusPx = Math.sqrt(median(areas) / Math.PI);
  const smooth = gaussianBlur(plane, width, height, Math.max(1, SMOOTHING * radiusPx), 3);
  const peaks = localMaxima(smooth, height, width, level, Math.max(1.5, SEPARATION * radiusPx));
  const chosen = peaks.slice(0, MAX_OBJECTS);
  const centroids = new Float32Array(2 * chosen.length);
  const areasPx = new Float32Array(chosen.length).fill(Math.PI * radiusPx * radiusPx);
  const masses = new Float32Array(chosen.length);
  chosen.forEach((i, k) => {
    const [x, y] = [i % width, Math.floor(i / width)];
    centroids[2 * k] = x + parabolaPeak(smooth[i - 1], smooth[i], smooth[i + 1]);
    centroids[2 * k + 1] = y + parabolaPeak(smooth[i - width], smooth[i], smooth[i + width]);
    masses[k] = smooth[i] - level;
  });
  return { centroids, areasPx, masses };
}

/** Offset (-0.5..0.5) of the top of the parabola through three equally spaced values around a maximum. */
function parabolaPeak(left: number, centre: number, right: number): number {
  const curvature = left - 2 * centre + right;
  return curvature < 0 ? Math.max(-0.5, Math.min(0.5, (0.5 * (left - right)) / curvature)) : 0;
}

/**
 * Pixel indices of the local maxima of `smooth` above `level`, highest first, none within separationPx of
 * a higher one; pixels on the border are skipped (their parabola would need a neighbour outside).
 */
function localMaxima(smooth: Float32Array, height: number, width: number, level: number, separationPx: number): number[] {
  const candidates: number[] = [];
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1, i = y * width + 1; x < width - 1; x++, i++) {
      const v = smooth[i];
      if (!(v > level)) continue;
      if (v < smooth[i - 1] || v < smooth[i + 1] || v < smooth[i - width] || v < smooth[i + width]) continue;
      if (v < smooth[i - width - 1] || v < smooth[i - width + 1] || v < smooth[i + width - 1] || v < smooth[i + width + 1]) continue;
      candidates.push(i);
    }
  }
  candidates.sort((a, b) => smooth[b] - smooth[a]);
  const kept: number[] = [];
  const s2 = separationPx * separationPx;
  for (const i of candidates) {
    const [x, y] = [i % width, Math.floor(i / width)];
    if (kept.some((j) => (j % width - x) ** 2 + (Math.floor(j / width) - y) ** 2 < s2)) continue;
    kept.push(i);
  }
  return kept;
}

/** Growable run table of componentMoments (reused between calls of a thread). */
let runs = { x0: new Int32Array(1024), x1: new Int32Array(1024), parent: new Int32Array(1024), sx: new Float64Array(1024), sy: new Float64Array(1024), sw: new Float64Array(1024), area: new Float64Array(1024) };
function ensureRuns(n: number): void {
  if (n <= runs.x0.length) return;
  const size = Math.max(n, 2 * runs.x0.length);
  const grow = <T extends Int32Array | Float64Array>(a: T): T => {
    const b = new (a.constructor as new (n: number) => T)(size);
    b.set(a);
    return b;
  };
  runs = { x0: grow(runs.x0), x1: grow(runs.x1), parent: grow(runs.parent), sx: grow(runs.sx), sy: grow(runs.sy), sw: grow(runs.sw), area: grow(runs.area) };
}

function root(parent: Int32Array, i: number): number {
  while (parent[i] !== i) i = parent[i] = parent[parent[i]];
  return i;
}

/**
 * Weighted moments (sum of w x, w y, w with w = value - level; pixel count) of the 8-connected components of
 * the pixels above `level`, from the runs of each row joined to the overlapping runs of the row above
 * (union-find): one pass over the plane, no label image.
 */
function componentMoments(plane: Float32Array, height: number, width: number, level: number): { sx: Float64Array; sy: Float64Array; sw: Float64Array; area: Float64Array; count: number } {
  let n = 0;
  let previousStart = 0;
  for (let y = 0; y < height; y++) {
    const rowStart = n;
    const base = y * width;
    let x = 0;
    while (x < width) {
      if (!(plane[base + x] > level)) {
        x++;
        continue;
      }
      ensureRuns(n + 1);
      const { x0, x1, parent, sx, sy, sw, area } = runs;
      let mx = 0;
      let mw = 0;
      const start = x;
      for (; x < width && plane[base + x] > level; x++) {
        const w = plane[base + x] - level;
        mx += w * x;
        mw += w;
      }
      x0[n] = start;
      x1[n] = x;
      parent[n] = n;
      sx[n] = mx;
      sy[n] = mw * y;
      sw[n] = mw;
      area[n] = x - start;
      // 8-connected to runs of the row above that overlap [start - 1, x]
      for (let r = previousStart; r < rowStart; r++) {
        if (x0[r] <= x && start <= x1[r]) {
          const a = root(parent, r);
          const b = root(parent, n);
          if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
        }
      }
      n++;
    }
    previousStart = rowStart;
  }
  const { parent } = runs;
  const index = new Int32Array(n);
  let count = 0;
  for (let r = 0; r < n; r++) index[r] = root(parent, r) === r ? count++ : -1;
  const out = { sx: new Float64Array(count), sy: new Float64Array(count), sw: new Float64Array(count), area: new Float64Array(count), count };
  for (let r = 0; r < n; r++) {
    const c = index[root(parent, r)];
    out.sx[c] += runs.sx[r];
    out.sy[c] += runs.sy[r];
    out.sw[c] += runs.sw[r];
    out.area[c] += runs.area[r];
  }
  return out;
}

/** The mean displacement of matched objects from one frame to the next (pairing errors left out). */
export interface ObjectShift {
  /** The mean displacement (what the cells share when they migrate at random around the dish). */
  dxPx: number;
  dyPx: number;
  /** The median displacement: robust to a few wrong pairings, for checking image registration. */
  medianDxPx: number;
  medianDyPx: number;
  /** Objects paired. */
  matched: number;
  /** Robust per-axis spread (SD, px) of the paired displacements around the median: the cells' own motion. */
  spreadPx: number;
  /** Standard error of the (clipped) mean, px: spread / sqrt(matched). */
  standardErrorPx: number;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Displacements further than this many SD of the cells' own motion from the median are pairing errors (a division, a merge). */
const CLIP_SD = 6;
/** ... and never closer than this (px): on static cells the spread is only the centroids' noise. */
const MIN_CLIP_PX = 2;

/**
 * The mean displacement of the pairs within clipPx of the median. Cells that migrate at random around the
 * dish leave the mean of their displacements at the stage's motion (the assumption every drift corrector
 * makes); the mean of all of them is a better estimate than their median (less spread, and the centroids'
 * errors cancel from one step to the next when the same objects are paired), once pairing errors are out.
 */
function clippedMean(dx: number[], dy: number[], weights: number[], mx: number, my: number, clipPx: number): { dxPx: number; dyPx: number; kept: number } {
  let [sx, sy, sw, kept] = [0, 0, 0, 0];
  for (let k = 0; k < dx.length; k++) {
    if (Math.hypot(dx[k] - mx, dy[k] - my) > clipPx) continue;
    sx += weights[k] * dx[k];
    sy += weights[k] * dy[k];
    sw += weights[k];
    kept++;
  }
  return kept ? { dxPx: sx / sw, dyPx: sy / sw, kept } : { dxPx: mx, dyPx: my, kept: dx.length };
}

/** Mutual nearest neighbours of `after` (shifted back by the guess) and `before`, within radiusPx. */
function mutualPairs(before: Float32Array, after: Float32Array, guessDx: number, guessDy: number, radiusPx: number): [number, number][] {
  const nearest = (from: Float32Array, i: number, to: Float32Array, ox: number, oy: number) => {
    let best = -1;
    let bestD = radiusPx * radiusPx;
    const x = from[2 * i] + ox;
    const y = from[2 * i + 1] + oy;
    for (let j = 0; j < to.length / 2; j++) {
      const d = (to[2 * j] - x) ** 2 + (to[2 * j + 1] - y) ** 2;
      if (d < bestD) (bestD = d), (best = j);
    }
    return best;
  };
  const pairs: [number, number][] = [];
  for (let j = 0; j < after.length / 2; j++) {
    const i = nearest(after, j, before, -guessDx, -guessDy);
    if (i >= 0 && nearest(before, i, after, guessDx, guessDy) === j) pairs.push([i, j]);
  }
  return pairs;
}

/** Displacement of a group of objects that correspond between two frames, and the cells it holds (its objects on the side where it has more). */
interface GroupMove {
  dxPx: number;
  dyPx: number;
  cells: number;
}

/**
 * The objects of both frames joined into groups that correspond (after removing the guess, an object lies
 * within the equivalent radius of one in the other frame): usually one object each, but two touching nuclei
 * that merge into one object, or a mother and her daughters, form one group. Each group moves by the change
 * of its objects' mass-weighted centroid and counts as the cells it holds, so no cell drops out of the mean when
 * objects merge or split.
 */
function groupMoves(before: FrameObjects, after: FrameObjects, guessDx: number, guessDy: number): GroupMove[] {
  const nb = before.areasPx.length;
  const na = after.areasPx.length;
  const parent = Int32Array.from({ length: nb + na }, (_, i) => i);
  const radius = (area: number) => Math.sqrt(area / Math.PI);
  for (let i = 0; i < nb; i++) {
    const [bx, by, rb] = [before.centroids[2 * i] + guessDx, before.centroids[2 * i + 1] + guessDy, radius(before.areasPx[i])];
    for (let j = 0; j < na; j++) {
      const reach = Math.max(rb, radius(after.areasPx[j]));
      const d2 = (after.centroids[2 * j] - bx) ** 2 + (after.centroids[2 * j + 1] - by) ** 2;
      if (d2 < reach * reach) {
        const [a, b] = [root(parent, i), root(parent, nb + j)];
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
      }
    }
  }
  // per group, before and after: mass-weighted sums of x and y, the mass and the number of objects. Mass-weighted
  // on both sides, two nuclei have the same centroid as two objects and as the one object they merge into
  const sums = new Map<number, number[]>();
  const add = (node: number, side: 0 | 4, objects: FrameObjects, k: number) => {
    const g = root(parent, node);
    const sum = sums.get(g) ?? [0, 0, 0, 0, 0, 0, 0, 0];
    const m = objects.masses[k];
    sum[side] += m * objects.centroids[2 * k];
    sum[side + 1] += m * objects.centroids[2 * k + 1];
    sum[side + 2] += m;
    sum[side + 3]++;
    sums.set(g, sum);
  };
  for (let i = 0; i < nb; i++) add(i, 0, before, i);
  for (let j = 0; j < na; j++) add(nb + j, 4, after, j);
  const moves: GroupMove[] = [];
  for (const [bx, by, bm, bn, ax, ay, am, an] of sums.values()) {
    if (bn === 0 || an === 0) continue; // appeared or vanished: no displacement
    moves.push({ dxPx: ax / am - bx / bm, dyPx: ay / am - by / bm, cells: Math.max(bn, an) });
  }
  return moves;
}

/**
 * Mean displacement (before -> after) of the objects, grouped where they merge or split (groupMoves), after
 * removing each guess (the image registration's increment, no motion, the movie's typical step): the guess
 * under which the most objects pair as mutual nearest neighbours wins. Pairing errors (displacements far
 * from the median) are left out. Undefined when fewer than 3 groups correspond.
 */
export function objectShift(before: FrameObjects, after: FrameObjects, guesses: [number, number][]): ObjectShift | undefined {
  const n = Math.min(before.areasPx.length, after.areasPx.length);
  if (n < 3) return undefined;
  const typicalArea = median(Array.from(before.areasPx));
  // Pair within about one object diameter of the guess
  const radiusPx = Math.max(3, Math.sqrt(typicalArea / Math.PI) * 2);
  let bestGuess: [number, number] | undefined;
  let bestPairs = 2;
  for (const [gx, gy] of guesses) {
    const pairs = mutualPairs(before.centroids, after.centroids, gx, gy, radiusPx).length;
    if (pairs > bestPairs) [bestGuess, bestPairs] = [[gx, gy], pairs];
  }
  if (!bestGuess) return undefined;
  const moves = groupMoves(before, after, bestGuess[0], bestGuess[1]);
  if (moves.length < 3) return undefined;
  const dx = moves.map((m) => m.dxPx);
  const dy = moves.map((m) => m.dyPx);
  const mx = median(dx);
  const my = median(dy);
  // per-axis SD from the median distance to the median (Rayleigh: median = 1.1774 SD)
  const spreadPx = median(dx.map((v, k) => Math.hypot(v - mx, dy[k] - my))) / 1.1774;
  const mean = clippedMean(dx, dy, moves.map((m) => m.cells), mx, my, Math.max(CLIP_SD * spreadPx, MIN_CLIP_PX));
  return { dxPx: mean.dxPx, dyPx: mean.dyPx, medianDxPx: mx, medianDyPx: my, matched: mean.kept, spreadPx, standardErrorPx: spreadPx / Math.sqrt(mean.kept) };
}
