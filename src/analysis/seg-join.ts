// Pieces of one nucleus joined (issue 12, DET on Fluo-N2DH-SIM+ 02): a dim, textured nucleus thresholds into pieces
// (its bright patches pass, the dim body between them does not, or the distance split cuts its irregular outline).
// A person joins two neighbouring pieces when nothing darker separates them: the level along their shared border
// stays close to both pieces' own levels, where two nuclei pressed together meet at a darker seam; and when the
// joined object still looks like one nucleus (of a typical nucleus's size, convex). Two pieces each of a nucleus's size
// whose union is shaped as two disks pressed together (pairShape: elongated as two disks end to end, its width dipping between
// them, where a convex nucleus has none: the chord of a convex shape is a concave function of the position along it)
// are two nuclei touching without a valley (of like brightness, pressed together), not one nucleus: they stay apart.
import { selectRank } from './quickselect.ts';
import { groupPixels } from './regionprops.ts';
import { MIN_PIECE_AREA_RATIO } from './seg-oversized.ts';
import { MAX_SOLIDITY_OF_ONE, solidity } from './temporalRepair.ts';

export interface JoinPieces {
  /** The plane the objects were found on (objects bright, smoothed). */
  smoothed: Float32Array;
  /** Its background level and robust noise SD (seg-plane.ts backgroundStats). */
  background: number;
  noise: number;
  /** Pieces within this many pixels of each other (Chebyshev) are neighbours; the pixels within it of both are their border. */
  reachPx: number;
  /** The border may fall at most this many noise SD under the dimmer piece's level (no valley). */
  maxValleySd: number;
  /** ... and at most this share of the dimmer piece's contrast over the background. */
  maxValleyShare: number;
  /** The joined object's area at most this many times the plane's typical (median) object area. */
  maxAreaOfTypical: number;
  /** The joined object's solidity (area over convex hull area) at least this. */
  minSolidity: number;
}

/**
 * Pieces are kept apart where they join into an object this elongated (major over minor axis of the second moments)
 * with a dip in its width (PAIR_MAX_DIP): two touching equal disks measure 2.24, two whose centres lie 1.73 radii apart
 * 2.0. Single nuclei of our simulator reach 1.55 (a stretched mitosis 2.2); segmented single nuclei of Fluo-N2DH-SIM+ 01
 * and 02 (every 10th frame, away from the edge, 527 objects) at most 2.11 (models/training/probe-pair-shape.ts).
 */
export const PAIR_MIN_ELONGATION = 2.0;
/**
 * The narrowest chord of the joined object's middle half, over the narrower of the widest chords on either side, under
 * which its width dips between two wider parts. Two disks pressed together that the segmentation joined measure
 * 0.63-0.96 (our simulator, seeds 4 and 11; the unequal pair of seed 4 0.91-0.93); segmented single nuclei of our
 * simulator elongated 2.0 or more (stretched in mitosis) 0.94 at the least, a convex shape 1 (0.98 or more on the pixel
 * grid).
 */
export const PAIR_MAX_DIP = 0.95;
/**
 * Each piece of such a pair is round: elongation at most this (one nucleus of our simulator 1.55 at most; the pieces of
 * the user's seed-4 pairs 1.17-1.42). Pieces of whole cells cut along their length are not (the nuclei pipeline run on
 * MSC-02's cells lost TRA 0.5100 -> 0.5037 without this bound).
 */
export const PAIR_MAX_PIECE_ELONGATION = 1.6;

export interface PiecePair {
  a: number;
  b: number;
  /** Median level of the border pixels, and of each piece's own pixels (the smoothed plane). */
  border: number;
  levelA: number;
  levelB: number;
  /** How far the border falls under the dimmer piece, in noise SD and as a share of that piece's contrast. */
  valleySd: number;
  valleyShare: number;
  /** Border pixels (unlabelled ones, in the gap between the pieces, are given to the joined object). */
  pixels: number[];
}

function median(values: number[] | Float32Array): number {
  const copy = Float32Array.from(values);
  return copy.length ? selectRank(copy, copy.length >> 1) : Number.NaN;
}

/**
 * 1 where two or more labels lie within r pixels (Chebyshev) of a pixel: the least and the greatest label of its
 * (2r+1)² window differ. Two separable passes, so that piecePairs gathers the labels of a window only where they meet
 * (a few percent of a plane) instead of at every pixel.
 */
function labelsMeet(labels: Uint32Array, width: number, height: number, r: number): Uint8Array {
  const NONE = 0xffffffff;
  const rowLeast = new Uint32Array(labels.length);
  const rowMost = new Uint32Array(labels.length);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      let least = NONE;
      let most = 0;
      for (let xx = Math.max(0, x - r); xx <= Math.min(width - 1, x + r); xx++) {
        const l = labels[row + xx];
        if (l) {
          if (l < least) least = l;
          if (l > most) most = l;
        }
      }
      rowLeast[row + x] = least;
      rowMost[row + x] = most;
    }
  }
  const meet = new Uint8Array(labels.length);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      let least = NONE;
      let most = 0;
      for (let yy = Math.max(0, y - r); yy <= Math.min(height - 1, y + r); yy++) {
        const k = yy * width + x;
        if (rowLeast[k] < least) least = rowLeast[k];
        if (rowMost[k] > most) most = rowMost[k];
      }
      meet[y * width + x] = most !== 0 && least !== most ? 1 : 0;
    }
  return meet;
}

/** Every pair of objects within reachPx of each other, with the level of the border between them. */
export function piecePairs(labels: Uint32Array, width: number, height: number, j: Pick<JoinPieces, 'smoothed' | 'background' | 'noise' | 'reachPx'>): PiecePair[] {
  const r = Math.max(1, Math.round(j.reachPx));
  const border = new Map<string, number[]>();
  const near = new Set<number>();
  const meet = labelsMeet(labels, width, height, r);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (!meet[i]) continue;
      near.clear();
      for (let yy = Math.max(0, y - r); yy <= Math.min(height - 1, y + r); yy++)
        for (let xx = Math.max(0, x - r); xx <= Math.min(width - 1, x + r); xx++) {
          const l = labels[yy * width + xx];
          if (l) near.add(l);
        }
      if (near.size < 2) continue;
      const own = labels[i];
      const list = [...near];
      for (let p = 0; p < list.length; p++)
        for (let q = p + 1; q < list.length; q++) {
          const a = Math.min(list[p], list[q]);
          const b = Math.max(list[p], list[q]);
          if (own && own !== a && own !== b) continue;
          const key = `${a},${b}`;
          const pixels = border.get(key);
          if (pixels) pixels.push(i);
          else border.set(key, [i]);
        }
    }
  if (!border.size) return [];
  const { start, order } = groupPixels(labels);
  const level = new Map<number, number>();
  const levelOf = (l: number): number => {
    let v = level.get(l);
    if (v === undefined) {
      const values = new Float32Array(start[l + 1] - start[l]);
      for (let k = start[l]; k < start[l + 1]; k++) values[k - start[l]] = j.smoothed[order[k]];
      level.set(l, (v = median(values)));
    }
    return v;
  };
  const pairs: PiecePair[] = [];
  for (const [key, pixels] of border) {
    const [a, b] = key.split(',').map(Number);
    const levelA = levelOf(a);
    const levelB = levelOf(b);
    const dimmer = Math.min(levelA, levelB);
    const level = median(pixels.map((i) => j.smoothed[i]));
    const valley = Math.max(0, dimmer - level);
    pairs.push({ a, b, border: level, levelA, levelB, pixels, valleySd: j.noise > 0 ? valley / j.noise : Number.POSITIVE_INFINITY, valleyShare: dimmer > j.background ? valley / (dimmer - j.background) : 1 });
  }
  return pairs;
}

/**
 * Neighbouring objects with no valley between them (JoinPieces.maxValleySd and maxValleyShare) are one object where the
 * joined object is at most maxAreaOfTypical of the plane's median object and at least minSolidity convex: the pair
 * with the shallowest border first; unlabelled border pixels (a gap between the pieces) join too. Returns the
 * number of joins. In place.
 */
/** Pieces `a` and `b` (within `box`) each of a nucleus's size (`smaller` px the lesser), together shaped as two disks pressed together. */
function twoDisks(labels: Uint32Array, width: number, a: number, b: number, box: { x0: number; y0: number; x1: number; y1: number }, smaller: number, typical: number): boolean {
  return smaller >= MIN_PIECE_AREA_RATIO * typical && twoNucleiPressed(labels, width, a, b, box);
}

/**
 * Objects `a` and `b` of `labels` (both within `box`) are two nuclei pressed together: each shaped as one nucleus (round:
 * elongation at most PAIR_MAX_PIECE_ELONGATION; convex: solidity at least MAX_SOLIDITY_OF_ONE) and together shaped as two
 * disks end to end (pairShape). Pieces of one whole cell with protrusions, or of a cell cut along its length, are not.
 */
export function twoNucleiPressed(labels: ArrayLike<number>, width: number, a: number, b: number, box: { x0: number; y0: number; x1: number; y1: number }): boolean {
  const pa: number[] = [];
  const pb: number[] = [];
  for (let y = box.y0; y <= box.y1; y++)
    for (let x = box.x0; x <= box.x1; x++) {
      const l = labels[y * width + x];
      if (l === a) pa.push(y * width + x);
      else if (l === b) pb.push(y * width + x);
    }
  if (!pa.length || !pb.length) return false;
  if (pixelAxes(pa, width).elongation > PAIR_MAX_PIECE_ELONGATION || pixelAxes(pb, width).elongation > PAIR_MAX_PIECE_ELONGATION) return false;
  if (solidity(labels, width, a, box) < MAX_SOLIDITY_OF_ONE || solidity(labels, width, b, box) < MAX_SOLIDITY_OF_ONE) return false;
  return pairShape([...pa, ...pb], width) !== undefined;
}

export function joinPiecesWithoutValley(labels: Uint32Array, width: number, height: number, j: JoinPieces): number {
  const { ids, start } = groupPixels(labels);
  if (ids.length < 2) return 0;
  const area = new Map(ids.map((l) => [l, start[l + 1] - start[l]]));
  const typical = median(ids.map((l) => area.get(l)!));
  const pairs = piecePairs(labels, width, height, j)
    .filter((p) => p.valleySd <= j.maxValleySd && p.valleyShare <= j.maxValleyShare)
    .sort((p, q) => p.valleyShare - q.valleyShare);
  if (!pairs.length) return 0;
  const box = new Map<number, { x0: number; y0: number; x1: number; y1: number }>();
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i];
    if (!l) continue;
    const x = i % width;
    const y = (i - x) / width;
    const b = box.get(l);
    if (!b) box.set(l, { x0: x, y0: y, x1: x, y1: y });
    else (b.x0 = Math.min(b.x0, x)), (b.y0 = Math.min(b.y0, y)), (b.x1 = Math.max(b.x1, x)), (b.y1 = Math.max(b.y1, y));
  }
  let joins = 0;
  for (const p of pairs) {
    // A piece joined into another already is skipped; the other's own pairs (measured with its part) still join.
    if (!box.has(p.a) || !box.has(p.b)) continue;
    const a = p.a;
    const b = p.b;
    const total = area.get(a)! + area.get(b)!;
    if (total > j.maxAreaOfTypical * typical) continue;
    const ba = box.get(a)!;
    const bb = box.get(b)!;
    const ubox = { x0: Math.min(ba.x0, bb.x0), y0: Math.min(ba.y0, bb.y0), x1: Math.max(ba.x1, bb.x1), y1: Math.max(ba.y1, bb.y1) };
    // The joined object with its gap filled, as it would stand.
    const gap = p.pixels.filter((i) => !labels[i]);
    for (const i of gap) labels[i] = a;
    if (solidity(labels, width, [a, b], ubox) < j.minSolidity || twoDisks(labels, width, a, b, ubox, Math.min(area.get(a)!, area.get(b)!), typical)) {
      for (const i of gap) labels[i] = 0;
      continue;
    }
    for (let y = bb.y0; y <= bb.y1; y++) for (let x = bb.x0; x <= bb.x1; x++) if (labels[y * width + x] === b) labels[y * width + x] = a;
    area.set(a, total + gap.length);
    area.delete(b);
    box.set(a, ubox);
    box.delete(b);
    joins++;
  }
  return joins;
}

/** Second-moment elongation (major over minor axis) and the unit major axis of a set of pixels. */
export function pixelAxes(pixels: ArrayLike<number>, width: number): { cx: number; cy: number; elongation: number; ux: number; uy: number } {
  let sx = 0, sy = 0;
  const n = pixels.length;
  for (let j = 0; j < n; j++) {
    const x = pixels[j] % width;
    sx += x;
    sy += (pixels[j] - x) / width;
  }
  const cx = sx / n, cy = sy / n;
  let a = 1 / 12, c = 1 / 12, b = 0;
  for (let j = 0; j < n; j++) {
    const x = (pixels[j] % width) - cx;
    const y = (pixels[j] - (pixels[j] % width)) / width - cy;
    a += (x * x) / n;
    c += (y * y) / n;
    b += (x * y) / n;
  }
  const root = Math.sqrt(((a - c) / 2) ** 2 + b * b);
  const major = (a + c) / 2 + root;
  const minor = Math.max(1e-9, (a + c) / 2 - root);
  let ux = b, uy = major - a;
  if (Math.hypot(ux, uy) < 1e-9) [ux, uy] = a >= c ? [1, 0] : [0, 1];
  const norm = Math.hypot(ux, uy);
  return { cx, cy, elongation: Math.sqrt(major / minor), ux: ux / norm, uy: uy / norm };
}

/**
 * The position along the long axis (in whole pixels from the centre) of the deepest dip of the chord-width profile in
 * the middle half of the object, and its depth: the chord there over the narrower of the widest chords on either side
 * (1 or more: no dip). The profile is smoothed by a 1-2-1 kernel, so one ragged pixel makes no dip.
 */
export function widthProfileDip(pixels: ArrayLike<number>, width: number, cx: number, cy: number, ux: number, uy: number): { at: number; dip: number } {
  let lo = Infinity, hi = -Infinity;
  const s = new Int32Array(pixels.length);
  for (let j = 0; j < pixels.length; j++) {
    const x = pixels[j] % width;
    const y = (pixels[j] - x) / width;
    s[j] = Math.round((x - cx) * ux + (y - cy) * uy);
    if (s[j] < lo) lo = s[j];
    if (s[j] > hi) hi = s[j];
  }
  const n = hi - lo + 1;
  const counts = new Float64Array(n + 2);
  for (let j = 0; j < s.length; j++) counts[s[j] - lo + 1]++;
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = (counts[i] + 2 * counts[i + 1] + counts[i + 2]) / 4;
  const leftMax = new Float64Array(n), rightMax = new Float64Array(n);
  for (let i = 1; i < n; i++) leftMax[i] = Math.max(leftMax[i - 1], w[i - 1]);
  for (let i = n - 2; i >= 0; i--) rightMax[i] = Math.max(rightMax[i + 1], w[i + 1]);
  let best = { at: 0, dip: Infinity };
  for (let i = Math.floor(n / 4); i <= Math.ceil((3 * n) / 4) && i < n; i++) {
    const side = Math.min(leftMax[i], rightMax[i]);
    if (side > 0 && w[i] / side < best.dip) best = { at: i + lo, dip: w[i] / side };
  }
  return best;
}

/**
 * The object made of `pixels` (indices into a plane `width` wide) shaped as two disks pressed together: elongated at
 * least PAIR_MIN_ELONGATION, with a dip of its width profile under `maxDip` (at: its position along the unit long axis
 * ux, uy from the centre cx, cy); undefined for any other shape.
 */
export function pairShape(pixels: ArrayLike<number>, width: number, maxDip = PAIR_MAX_DIP): { cx: number; cy: number; ux: number; uy: number; at: number; elongation: number; dip: number } | undefined {
  const { cx, cy, elongation, ux, uy } = pixelAxes(pixels, width);
  if (elongation < PAIR_MIN_ELONGATION) return undefined;
  const { at, dip } = widthProfileDip(pixels, width, cx, cy, ux, uy);
  return dip < maxDip ? { cx, cy, ux, uy, at, elongation, dip } : undefined;
}
