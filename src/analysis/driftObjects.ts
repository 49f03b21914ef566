// Object-based drift, as a biologist checks it by hand: find the bright objects in two
// frames, pair each with its nearest neighbour in the other frame, and take the median of
// their displacements. Cells that move on their own spread the displacements but hardly
// move the median; the spread says how far a drift estimate can be trusted.
import { thresholdOtsu } from './threshold.ts';

/** Objects with fewer pixels are noise, not cells. */
const MIN_OBJECT_PX = 6;
/** At most this many objects per frame (the largest): enough for a median, bounded cost on crowded frames. */
const MAX_OBJECTS = 400;

/** Intensity-weighted centroids (x, y interleaved) and areas of the bright objects of a background-free plane. */
export interface FrameObjects {
  centroids: Float32Array;
  areasPx: Float32Array;
}

/** Otsu's threshold is taken from about this many pixels (an even sample of the plane): the same level at a fraction of the cost. */
const THRESHOLD_SAMPLE = 1 << 14;

/** Objects above Otsu's threshold of a background-removed plane (8-connected components). */
export function findObjects(plane: Float32Array, height: number, width: number): FrameObjects {
  const stride = Math.max(1, Math.floor(plane.length / THRESHOLD_SAMPLE));
  const sample = stride === 1 ? plane : new Float32Array(Math.ceil(plane.length / stride));
  if (stride > 1) for (let i = 0, j = 0; i < plane.length; i += stride, j++) sample[j] = plane[i];
  const level = thresholdOtsu(sample);
  const { sx, sy, sw, area, count } = componentMoments(plane, height, width, level);
  const kept: number[] = [];
  for (let l = 0; l < count; l++) if (area[l] >= MIN_OBJECT_PX && sw[l] > 0) kept.push(l);
  kept.sort((a, b) => area[b] - area[a]);
  const chosen = kept.slice(0, MAX_OBJECTS);
  const centroids = new Float32Array(2 * chosen.length);
  const areasPx = new Float32Array(chosen.length);
  chosen.forEach((l, k) => {
    centroids[2 * k] = sx[l] / sw[l];
    centroids[2 * k + 1] = sy[l] / sw[l];
    areasPx[k] = area[l];
  });
  return { centroids, areasPx };
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

/** The median displacement of matched objects from one frame to the next. */
export interface ObjectShift {
  dxPx: number;
  dyPx: number;
  /** Objects paired. */
  matched: number;
  /** Robust per-axis spread (SD, px) of the paired displacements around the median: the cells' own motion. */
  spreadPx: number;
  /** Standard error of the median, px: 1.25 spread / sqrt(matched). */
  standardErrorPx: number;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
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

/**
 * Median displacement (before -> after) of objects paired as mutual nearest neighbours after removing
 * each guess (the image registration's increment, and no motion); the guess that pairs the most objects
 * wins. Undefined when fewer than 3 objects pair up.
 */
export function objectShift(before: FrameObjects, after: FrameObjects, guesses: [number, number][]): ObjectShift | undefined {
  const n = Math.min(before.areasPx.length, after.areasPx.length);
  if (n < 3) return undefined;
  // Pair within about one object diameter of the guess
  const typicalArea = median(Array.from(before.areasPx));
  const radiusPx = Math.max(3, Math.sqrt(typicalArea / Math.PI) * 2);
  let best: ObjectShift | undefined;
  for (const [gx, gy] of guesses) {
    const pairs = mutualPairs(before.centroids, after.centroids, gx, gy, radiusPx);
    if (pairs.length < 3 || (best && pairs.length <= best.matched)) continue;
    const dx = pairs.map(([i, j]) => after.centroids[2 * j] - before.centroids[2 * i]);
    const dy = pairs.map(([i, j]) => after.centroids[2 * j + 1] - before.centroids[2 * i + 1]);
    const mx = median(dx);
    const my = median(dy);
    // per-axis SD from the median distance to the median (Rayleigh: median = 1.1774 SD)
    const spreadPx = median(dx.map((v, k) => Math.hypot(v - mx, dy[k] - my))) / 1.1774;
    best = { dxPx: mx, dyPx: my, matched: pairs.length, spreadPx, standardErrorPx: (1.25 * spreadPx) / Math.sqrt(pairs.length) };
  }
  return best;
}
