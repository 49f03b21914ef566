// Object-based drift, as a biologist checks it by hand: find the bright objects in two
// frames, pair each with its nearest neighbour in the other frame, and take the median of
// their displacements. Cells that move on their own spread the displacements but hardly
// move the median; the spread says how far a drift estimate can be trusted.
import { labelComponents } from './morphology.ts';
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

/** Objects above Otsu's threshold of a background-removed plane (8-connected components). */
export function findObjects(plane: Float32Array, height: number, width: number): FrameObjects {
  const level = thresholdOtsu(plane);
  const mask = new Uint8Array(plane.length);
  for (let i = 0; i < plane.length; i++) mask[i] = plane[i] > level ? 1 : 0;
  const { labels, count } = labelComponents(mask, width, height, 8);
  const sx = new Float64Array(count + 1);
  const sy = new Float64Array(count + 1);
  const sw = new Float64Array(count + 1);
  const area = new Float64Array(count + 1);
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i];
    if (!l) continue;
    const w = plane[i] - level;
    const x = i % width;
    sx[l] += w * x;
    sy[l] += w * ((i - x) / width);
    sw[l] += w;
    area[l]++;
  }
  const kept: number[] = [];
  for (let l = 1; l <= count; l++) if (area[l] >= MIN_OBJECT_PX && sw[l] > 0) kept.push(l);
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
