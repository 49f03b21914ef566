// Object-based drift, as a biologist checks it by hand: find the nuclei in two frames, pair
// them, and take their mean displacement. A drift corrector can only tell the stage's motion
// from the cells' own if the sample has no collective flow (Fast4DReg, StackReg and Correct 3D
// Drift all assume so): cells migrating at random around the dish then keep their mean
// position, and the mean displacement of all of them is the stage's. Every cell must count
// once, so touching nuclei are split by shape, objects that merge or split between frames are
// compared as one group, and pairing errors (far from the median) are left out. The median,
// robust to a few wrong pairs, checks image registration on still scenes; the spread of the
// displacements (the cells' own motion) says how far the estimate can be trusted.
import { MaskKernel } from './driftMaskKernel.ts';
import { median } from './quickselect.ts';
import { thresholdOtsu } from './threshold.ts';

/** Objects with fewer pixels are noise, not cells. */
const MIN_OBJECT_PX = 6;
/** At most this many objects per frame (the largest): enough for a median, bounded cost on crowded frames. */
const MAX_OBJECTS = 400;

/** Brightness-weighted centroids (x, y interleaved), areas and summed brightness of the nuclei of a background-free plane. */
export interface FrameObjects {
  centroids: Float32Array;
  areasPx: Float32Array;
  /** Summed brightness above the threshold (the weight of a nucleus in its group's centroid). */
  masses: Float32Array;
}

/** Otsu's threshold is taken from about this many pixels (an even sample of the plane): the same level at a fraction of the cost. */
const THRESHOLD_SAMPLE = 1 << 14;

/** Two nuclei's centres are at least this many typical radii apart (touching nuclei overlap a little at most). */
const SEPARATION = 0.6;
/** A nucleus's centre lies at least this many typical radii inside the object (smaller bumps of its outline are none). */
const MIN_DEPTH = 0.25;

/**
 * The nuclei of a background-removed plane, one per cell even where nuclei touch: the objects above Otsu's
 * threshold (8-connected components), each split where its outline says it holds several round nuclei (one
 * maximum of the distance to the background per nucleus, as a seeded watershed on the distance transform
 * does), its pixels going to the nearest centre. Positions are brightness-weighted centroids. Touching nuclei
 * found as one object would count once in a mean over objects, and a dim nucleus next to a bright one has no
 * brightness peak of its own, so the split goes by shape, not brightness.
 */
export function findObjects(plane: Float32Array, height: number, width: number): FrameObjects {
  const stride = Math.max(1, Math.floor(plane.length / THRESHOLD_SAMPLE));
  const sample = stride === 1 ? plane : scratch('sample', Math.ceil(plane.length / stride), Float32Array);
  if (stride > 1) for (let i = 0, j = 0; i < plane.length; i += stride, j++) sample[j] = plane[i];
  const level = thresholdOtsu(sample);
  // outlines from a lightly smoothed plane: noise and dark nucleoli would notch them into false necks
  const { labels, count, areas, compact } = labelComponents(smoothedMask(plane, height, width, level), height, width);
  const runs = fillHoles(labels, height, width, areas, compact);
  const sizes = Array.from(areas.subarray(1)).filter((a) => a >= MIN_OBJECT_PX);
  if (sizes.length === 0) return { centroids: new Float32Array(0), areasPx: new Float32Array(0), masses: new Float32Array(0) };
  const radiusPx = Math.sqrt(median(sizes) / Math.PI);
  // the later passes visit only the objects' pixels (a tenth of a typical plane), row by row as before
  const depth = chamferDistance(labels, height, width, runs);
  let parts: number[][];
  try {
    const seeds = nucleusCentres(depth, labels, height, width, MIN_DEPTH * radiusPx, SEPARATION * radiusPx, runs);
    parts = weightedParts(plane, labels, depth, count, areas, seeds, level, width, runs);
  } finally {
    clearChamfer(runs, height * width);
  }
  const kept = parts.filter((p) => p[2] > 0 && p[3] >= MIN_OBJECT_PX).sort((p, q) => q[3] - p[3]).slice(0, MAX_OBJECTS);
  return {
    centroids: Float32Array.from(kept.flatMap((p) => [p[0] / p[2], p[1] / p[2]])),
    areasPx: Float32Array.from(kept.map((p) => p[3])),
    masses: Float32Array.from(kept.map((p) => p[2])),
  };
}

/**
 * Per nucleus: brightness-weighted sums of x and y, the summed brightness above `level` and the pixel count.
 * An object with one centre (or none) is one nucleus; the pixels of an object with several go to the nearest
 * by power distance (squared distance less the centre's depth squared, as in a power diagram).
 */
function weightedParts(plane: Float32Array, labels: Int32Array, depth: Float32Array, count: number, areas: Float64Array, seeds: number[], level: number, width: number, runs: Runs): number[][] {
  const seedsOf = new Map<number, number[]>();
  for (const i of seeds) seedsOf.set(labels[i], [...(seedsOf.get(labels[i]) ?? []), i]);
  // per object: its part (one centre or none), or -1 - the index of its first seed in the flat seed list below
  const partOfObject = new Int32Array(count + 1).fill(-1);
  let parts = 0;
  for (let l = 1; l <= count; l++) {
    if (areas[l] >= MIN_OBJECT_PX && (seedsOf.get(l)?.length ?? 0) < 2) partOfObject[l] = parts++;
  }
  // the seeds of objects with several, grouped by object in the order found: x, y, depth², part
  const seedX: number[] = [];
  const seedY: number[] = [];
  const seedDepth2: number[] = [];
  const seedPart: number[] = [];
  const seedsEnd = new Int32Array(count + 1);
  for (const [l, own] of seedsOf) {
    if (own.length < 2) continue;
    partOfObject[l] = -1 - seedX.length;
    for (const s of own) seedX.push(s % width), seedY.push(Math.floor(s / width)), seedDepth2.push(depth[s] ** 2), seedPart.push(parts++);
    seedsEnd[l] = seedX.length;
  }
  const sums = new Float64Array(4 * parts);
  for (let r = 0; r < runs.count; r++) {
    const y = runs.row[r];
    for (let i = runs.start[r], end = runs.end[r], x = i - y * width; i < end; x++, i++) {
      const l = labels[i];
      if (areas[l] < MIN_OBJECT_PX) continue;
      let part = partOfObject[l];
      if (part < 0) {
        let best = Infinity;
        for (let k = -1 - part, end = seedsEnd[l]; k < end; k++) {
          // power distance: the boundary of two touching round nuclei of radii r1, r2 is where they touch
          const d = (seedX[k] - x) ** 2 + (seedY[k] - y) ** 2 - seedDepth2[k];
          if (d < best) (best = d), (part = seedPart[k]);
        }
      }
      const w = Math.max(0, plane[i] - level);
      const at = 4 * part;
      sums[at] += w * x;
      sums[at + 1] += w * y;
      sums[at + 2] += w;
      sums[at + 3]++;
    }
  }
  return Array.from({ length: parts }, (_, p) => Array.from(sums.subarray(4 * p, 4 * p + 4)));
}

/** Buffers of findObjects kept between frames of a thread (one frame size at a time): no garbage per frame. */
const buffers = new Map<string, Float32Array | Int32Array>();
function scratch<T extends Float32Array | Int32Array>(name: string, length: number, type: new (n: number) => T): T {
  let b = buffers.get(name) as T | undefined;
  if (!b || b.length !== length) buffers.set(name, (b = new type(length)));
  return b;
}
const wide = new Map<string, Float64Array>();
function scratchF64(name: string, length: number): Float64Array {
  let b = wide.get(name);
  if (!b || b.length < length) wide.set(name, (b = new Float64Array(Math.max(length, 2 * (b?.length ?? 0)))));
  return b.subarray(0, length);
}

/**
 * The pixels above `level` of the plane smoothed by the binomial kernel [1 4 6 4 1] / 16 along each axis (a
 * Gaussian of SD 1 px, edges repeated): a fifth of the work of a general Gaussian blur, enough to smooth noise
 * off the outlines. The smoothed plane is compared in float32, as if it were stored, and never kept.
 */
function smoothedMask(plane: Float32Array, height: number, width: number, level: number, useKernel = true): Uint8Array {
  const clampX = (x: number) => (x < 0 ? 0 : x >= width ? width - 1 : x);
  const edge = (base: number, x: number) =>
    (plane[base + clampX(x - 2)] + 4 * plane[base + clampX(x - 1)] + 6 * plane[base + x] + 4 * plane[base + clampX(x + 1)] + plane[base + clampX(x + 2)]) * 0.0625;
  const kernel = useKernel ? maskKernel(height, width) : undefined;
  if (kernel) {
    // the same passes in WebAssembly SIMD (driftMaskKernel.ts), the same arithmetic
    kernel.plane.set(plane);
    const slot = (y: number) => (y < 0 ? 0 : y >= height ? height - 1 : y) % 5;
    for (let y = 0; y < Math.min(2, height); y++) kernel.smoothRow(y, y % 5, edge);
    for (let y = 0; y < height; y++) {
      if (y + 2 < height) kernel.smoothRow(y + 2, (y + 2) % 5, edge);
      kernel.maskOf(y, slot(y - 2), slot(y - 1), slot(y), slot(y + 1), slot(y + 2), level);
    }
    return kernel.mask;
  }
  // the rows smoothed along x, five at a time (rows y - 2 to y + 2 for output row y): they stay in the cache
  const rows = scratch('blurRows', 5 * width, Float32Array);
  const smoothRow = (y: number) => {
    const base = y * width;
    const to = (y % 5) * width - base;
    for (let x = 0; x < Math.min(2, width); x++) rows[to + base + x] = edge(base, x);
    for (let i = base + 2, end = base + width - 2; i < end; i++) rows[to + i] = (plane[i - 2] + 4 * plane[i - 1] + 6 * plane[i] + 4 * plane[i + 1] + plane[i + 2]) * 0.0625;
    for (let x = Math.max(2, width - 2); x < width; x++) rows[to + base + x] = edge(base, x);
  };
  let mask = masks.get(plane.length);
  if (!mask) masks.clear(), masks.set(plane.length, (mask = new Uint8Array(plane.length)));
  const row = (y: number) => ((y < 0 ? 0 : y >= height ? height - 1 : y) % 5) * width;
  for (let y = 0; y < Math.min(2, height); y++) smoothRow(y);
  for (let y = 0; y < height; y++) {
    if (y + 2 < height) smoothRow(y + 2);
    const a = row(y - 2);
    const b = row(y - 1);
    const c = row(y);
    const d = row(y + 1);
    const e = row(y + 2);
    const m = y * width;
    for (let x = 0; x < width; x++) mask[m + x] = Math.fround((rows[a + x] + 4 * rows[b + x] + 6 * rows[c + x] + 4 * rows[d + x] + rows[e + x]) * 0.0625) > level ? 1 : 0;
  }
  return mask;
}
const masks = new Map<number, Uint8Array>();
let kernels: MaskKernel | null | undefined;
/** This thread's mask kernel for the size (one size at a time), or undefined where it cannot run. */
function maskKernel(height: number, width: number): MaskKernel | undefined {
  if (kernels === null) return undefined;
  if (!kernels || kernels.height !== height || kernels.width !== width) kernels = MaskKernel.create(height, width) ?? (width >= 8 ? null : undefined);
  return kernels ?? undefined;
}

/** The mask of the blur above `level` by the JavaScript loop (`kernel` false) or the SIMD kernel: for the tests, which compare them. */
export function blurMaskForTest(plane: Float32Array, height: number, width: number, level: number, kernel: boolean): Uint8Array {
  return smoothedMask(plane, height, width, level, kernel).slice();
}

/** 8-connected components of the mask's pixels: labels 1..count, 0 for the background, and their areas (px). */
/**
 * 8-connected components of the mask's pixels, labels 1..count (0 for the background): provisional labels here,
 * made final (compact[label]) and counted into `areas` by fillHoles as it scans the plane anyway.
 */
function labelComponents(mask: Uint8Array, height: number, width: number): { labels: Int32Array; count: number; areas: Float64Array; compact: Int32Array } {
  const labels = scratch('labels', height * width, Int32Array).fill(0);
  let parent = new Int32Array(1024);
  let next = 1;
  const join = (l: number, n: number): number => {
    if (n === 0) return l;
    const r = root(parent, n);
    if (l === 0 || r === l) return r;
    if (r < l) {
      parent[l] = r;
      return r;
    }
    parent[r] = l;
    return l;
  };
  for (let y = 0, i = 0; y < height; y++) {
    for (let x = 0; x < width; x++, i++) {
      if (mask[i] === 0) continue;
      // neighbours that touch each other are joined already: the one above stands for both diagonals above,
      // and the left one for the upper left (each is above the other or beside it)
      const up = i - width;
      let l: number;
      if (y > 0 && labels[up] !== 0) l = labels[up];
      else {
        l = x > 0 ? join(0, labels[i - 1]) : 0;
        if (y > 0) {
          if (x > 0 && l === 0) l = join(l, labels[up - 1]);
          if (x < width - 1) l = join(l, labels[up + 1]);
        }
      }
      if (l === 0) {
        if (next >= parent.length) {
          const grown = new Int32Array(2 * parent.length);
          grown.set(parent);
          parent = grown;
        }
        l = next;
        parent[next] = next;
        next++;
      }
      labels[i] = l;
    }
  }
  const compact = new Int32Array(next);
  let count = 0;
  for (let l = 1; l < next; l++) compact[l] = root(parent, l) === l ? ++count : 0;
  for (let l = 1; l < next; l++) compact[l] = compact[root(parent, l)]; // a root's own entry is already final
  const areas = scratchF64('areas', count + 1);
  areas.fill(0);
  return { labels, count, areas, compact };
}

/**
 * Background pixels enclosed by an object (dark nucleoli, a dim patch of chromatin) become part of it: nuclei
 * have no holes (`areas` counts the filled pixels). The background's row runs are joined to the overlapping runs of the row above (4-connected,
 * union-find); runs whose region never touches the border are holes, filled with the object on their left. The same
 * scan gives the objects' pixels their final labels and areas (labelComponents' compact); returns the objects' row runs.
 */
/** fillHoles' background runs, kept between frames of a thread (no garbage per frame). */
let holeRuns = { x0: new Int32Array(4096), x1: new Int32Array(4096), parent: new Int32Array(4096), border: new Uint8Array(4096) };

function fillHoles(labels: Int32Array, height: number, width: number, areas: Float64Array, compact: Int32Array): Runs {
  // kept between frames (grown as needed): every entry below n is written before it is read
  let runs = holeRuns;
  // the background runs of row y are runs rowRuns[y] .. rowRuns[y + 1] - 1
  const rowRuns = scratch('rowRuns', height + 1, Int32Array);
  let n = 0;
  let previousStart = 0;
  for (let y = 0; y < height; y++) {
    const rowStart = n;
    rowRuns[y] = n;
    const base = y * width;
    for (let x = 0; x < width; ) {
      const l = labels[base + x];
      if (l !== 0) {
        // the object pixels get their final label here (labelComponents' compact), and are counted
        areas[(labels[base + x] = compact[l])]++;
        x++;
        continue;
      }
      const start = x;
      while (x < width && labels[base + x] === 0) x++;
      if (n === runs.x0.length) holeRuns = runs = growRuns(runs);
      runs.x0[n] = start;
      runs.x1[n] = x;
      runs.parent[n] = n;
      runs.border[n] = y === 0 || y === height - 1 || start === 0 || x === width ? 1 : 0;
      for (let r = previousStart; r < rowStart; r++) {
        if (runs.x0[r] < x && start < runs.x1[r]) {
          const [a, b] = [root(runs.parent, r), root(runs.parent, n)];
          if (a !== b) {
            const [low, high] = a < b ? [a, b] : [b, a];
            runs.parent[high] = low;
            runs.border[low] |= runs.border[high];
          }
        }
      }
      n++;
    }
    previousStart = rowStart;
  }
  rowRuns[height] = n;
  // the runs again, in the order they were made: fill those of a region that never touched the border; the
  // objects' runs (filled) are what lies between the others
  const objects = emptyRuns();
  for (let y = 0; y < height; y++) {
    const base = y * width;
    let objectStart = base;
    for (let r = rowRuns[y]; r < rowRuns[y + 1]; r++) {
      const [x, end] = [runs.x0[r], runs.x1[r]];
      if (!runs.border[root(runs.parent, r)]) {
        const l = labels[base + x - 1];
        labels.fill(l, base + x, base + end);
        areas[l] += end - x;
      } else {
        if (base + x > objectStart) addRun(objects, objectStart, base + x, y);
        objectStart = base + end;
      }
    }
    if (base + width > objectStart) addRun(objects, objectStart, base + width, y);
  }
  return objects;
}

function growRuns<T extends { x0: Int32Array; x1: Int32Array; parent: Int32Array; border: Uint8Array }>(runs: T): T {
  const grow = <A extends Int32Array | Uint8Array>(a: A): A => {
    const b = new (a.constructor as new (n: number) => A)(2 * a.length);
    b.set(a);
    return b;
  };
  return { ...runs, x0: grow(runs.x0), x1: grow(runs.x1), parent: grow(runs.parent), border: grow(runs.border) };
}

/** Distance (px, chamfer 3-4 approximation of the Euclidean one) of every object pixel to the background. */
function chamferDistance(labels: Int32Array, height: number, width: number, runs: Runs): Float32Array {
  // c and d are 0 everywhere when called (new, or cleared on the objects' pixels by clearChamfer): only those are written
  const c = scratch('chamfer', height * width, Int32Array); // in thirds of a pixel; 0 on the background
  const far = 3 * (height + width);
  for (let r = 0; r < runs.count; r++) {
    const y = runs.row[r];
    for (let i = runs.start[r], end = runs.end[r], x = i - y * width; i < end; x++, i++) {
      let v = far;
      if (x > 0) v = Math.min(v, c[i - 1] + 3);
      if (y > 0) {
        v = Math.min(v, c[i - width] + 3);
        if (x > 0) v = Math.min(v, c[i - width - 1] + 4);
        if (x < width - 1) v = Math.min(v, c[i - width + 1] + 4);
      }
      c[i] = v;
    }
  }
  const d = scratch('depth', height * width, Float32Array);
  for (let r = runs.count - 1; r >= 0; r--) {
    const y = runs.row[r];
    for (let i = runs.end[r] - 1, start = runs.start[r], x = i - y * width; i >= start; x--, i--) {
      let v = c[i];
      if (x < width - 1) v = Math.min(v, c[i + 1] + 3);
      if (y < height - 1) {
        v = Math.min(v, c[i + width] + 3);
        if (x < width - 1) v = Math.min(v, c[i + width + 1] + 4);
        if (x > 0) v = Math.min(v, c[i + width - 1] + 4);
      }
      c[i] = v;
      d[i] = v / 3;
    }
  }
  return d;
}

/** chamferDistance's planes back to 0 on the pixels it wrote (`runs`, as it was given them): 0 everywhere for its next call. */
function clearChamfer(runs: Runs, length: number): void {
  const c = scratch('chamfer', length, Int32Array);
  const d = scratch('depth', length, Float32Array);
  for (let r = 0; r < runs.count; r++) c.fill(0, runs.start[r], runs.end[r]), d.fill(0, runs.start[r], runs.end[r]);
}

/** Row runs of object pixels (labels not 0), in raster order: pixel indices [start, end) on row `row`. */
interface Runs {
  start: Int32Array;
  end: Int32Array;
  row: Int32Array;
  count: number;
}
let runBuffers: Runs = { start: new Int32Array(4096), end: new Int32Array(4096), row: new Int32Array(4096), count: 0 };
/** The thread's run buffers, emptied (one plane's runs at a time). */
function emptyRuns(): Runs {
  runBuffers.count = 0;
  return runBuffers;
}
function addRun(runs: Runs, start: number, end: number, row: number): void {
  const n = runs.count;
  if (n === runs.start.length) {
    const grow = (a: Int32Array) => {
      const b = new Int32Array(2 * a.length);
      b.set(a);
      return b;
    };
    [runs.start, runs.end, runs.row] = [grow(runs.start), grow(runs.end), grow(runs.row)];
  }
  runs.start[n] = start;
  runs.end[n] = end;
  runs.row[n] = row;
  runs.count = n + 1;
}

/** The outline narrows between two centres (the depth on the way dips below NECK of the shallower one's): two nuclei, not one. */
const NECK = 0.75;
function neckBetween(depth: Float32Array, width: number, a: number, b: number): boolean {
  const [ax, ay, bx, by] = [a % width, Math.floor(a / width), b % width, Math.floor(b / width)];
  const steps = Math.ceil(Math.hypot(bx - ax, by - ay));
  const floor = NECK * Math.min(depth[a], depth[b]);
  for (let k = 1; k < steps; k++) {
    const f = k / steps;
    if (depth[Math.round(ay + f * (by - ay)) * width + Math.round(ax + f * (bx - ax))] < floor) return true;
  }
  return false;
}

/**
 * Pixel indices of the nuclei's centres: local maxima of the distance to the background at least minDepthPx
 * deep, deepest first, none within separationPx of a deeper one in the same object.
 */
function nucleusCentres(depth: Float32Array, labels: Int32Array, height: number, width: number, minDepthPx: number, separationPx: number, runs: Runs): number[] {
  const candidates: number[] = [];
  // the object pixels off the plane's border (the background's depth is 0, never a centre)
  for (let r = 0; r < runs.count; r++) {
    const y = runs.row[r];
    if (y < 1 || y >= height - 1) continue;
    const rowStart = y * width;
    for (let i = Math.max(runs.start[r], rowStart + 1), end = Math.min(runs.end[r], rowStart + width - 1); i < end; i++) {
      const v = depth[i];
      if (v < minDepthPx) continue;
      if (v < depth[i - 1] || v < depth[i + 1] || v < depth[i - width] || v < depth[i + width]) continue;
      if (v < depth[i - width - 1] || v < depth[i - width + 1] || v < depth[i + width - 1] || v < depth[i + width + 1]) continue;
      candidates.push(i);
    }
  }
  candidates.sort((a, b) => depth[b] - depth[a]);
  const kept: number[] = [];
  // the centres kept so far per object (only those of the same object can be the same nucleus), in the order kept
  const keptOf = new Map<number, number[]>();
  const s2 = separationPx * separationPx;
  for (const i of candidates) {
    const x = i % width;
    const y = Math.floor(i / width);
    const own = keptOf.get(labels[i]);
    let same = false;
    if (own) {
      for (const j of own) {
        if ((j % width - x) ** 2 + (Math.floor(j / width) - y) ** 2 < s2 || !neckBetween(depth, width, j, i)) {
          same = true;
          break;
        }
      }
    }
    if (same) continue;
    kept.push(i);
    if (own) own.push(i);
    else keptOf.set(labels[i], [i]);
  }
  return kept;
}

function root(parent: Int32Array, i: number): number {
  while (parent[i] !== i) i = parent[i] = parent[parent[i]];
  return i;
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
  /**
   * Share of the objects' area (each frame's, averaged) that pairs as mutual nearest neighbours under the step
   * chosen: near 1 where the motion is common to the field, low where it is one cell's (a few large cells found
   * as many pieces, each moving its own way: only the pieces of the cell the step followed pair, and a few by
   * chance). By area, not count, so that specks of noise (hundreds on a noisy frame) weigh little.
   */
  pairedShare: number;
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

/**
 * Displacement of a group of objects that correspond between two frames, and the cells it stands for: its
 * objects on the side where it has fewer (a mother and her two daughters are one cell that persisted at most,
 * as the cells that keep the dish's mean position are the ones present before and after).
 */
interface GroupMove {
  dxPx: number;
  dyPx: number;
  cells: number;
}

/**
 * The objects of both frames joined into groups that correspond (after removing the guess, an object lies
 * within the equivalent radius of one in the other frame): usually one object each, but two touching nuclei
 * that merge into one object, or a mother and her daughters, form one group. Each group moves by the change
 * of its objects' mass-weighted centroid, so no cell drops out of the mean when objects merge or split.
 */
function groupMoves(before: FrameObjects, after: FrameObjects, guessDx: number, guessDy: number): GroupMove[] {
  const nb = before.areasPx.length;
  const na = after.areasPx.length;
  const parent = Int32Array.from({ length: nb + na }, (_, i) => i);
  const radius = (area: number) => Math.sqrt(area / Math.PI);
  for (let i = 0; i < nb; i++) {
    const bx = before.centroids[2 * i] + guessDx;
    const by = before.centroids[2 * i + 1] + guessDy;
    const rb = radius(before.areasPx[i]);
    for (let j = 0; j < na; j++) {
      const reach = Math.max(rb, radius(after.areasPx[j]));
      const d2 = (after.centroids[2 * j] - bx) ** 2 + (after.centroids[2 * j + 1] - by) ** 2;
      if (d2 < reach * reach) {
        const a = root(parent, i);
        const b = root(parent, nb + j);
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
    moves.push({ dxPx: ax / am - bx / bm, dyPx: ay / am - by / bm, cells: Math.min(bn, an) });
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
  let bestShare = 0;
  const total = (areas: Float32Array) => areas.reduce((a, v) => a + v, 0);
  const [areaBefore, areaAfter] = [total(before.areasPx), total(after.areasPx)];
  for (const [gx, gy] of guesses) {
    const found = mutualPairs(before.centroids, after.centroids, gx, gy, radiusPx);
    if (found.length > bestPairs) {
      [bestGuess, bestPairs] = [[gx, gy], found.length];
      // the share of the objects' area (each frame's, averaged) that paired under the guess
      bestShare = found.reduce((a, [i, j]) => a + before.areasPx[i] / areaBefore + after.areasPx[j] / areaAfter, 0) / 2;
    }
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
  return { dxPx: mean.dxPx, dyPx: mean.dyPx, medianDxPx: mx, medianDyPx: my, matched: mean.kept, spreadPx, standardErrorPx: spreadPx / Math.sqrt(mean.kept), pairedShare: bestShare };
}
