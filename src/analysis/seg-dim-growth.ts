// Dim objects outlined at a coarser scale (issue 12, the DET gap on Fluo-N2DH-SIM+ 02): a nucleus whose level
// stands only a few noise standard deviations above the background shows its bright parts above the threshold and
// its dim body cut to pieces by the noise; on a plane smoothed twice as much the noise falls by half while a body
// of nucleus size keeps its level, so the body shows. Clear objects keep their outlines: growing them on the
// coarse plane would only add its blur halo.
import type { PlaneData } from '../image/movie.ts';
import { gaussianBlur } from './filters.ts';
import { groupPixels } from './regionprops.ts';
import { selectRank } from './quickselect.ts';
import { OVERSIZED_AREA_RATIO } from './seg-oversized.ts';
import { MAX_SOLIDITY_OF_ONE, solidity } from './temporalRepair.ts';

/**
 * An object is dim where the median of its pixels on the plane it was found on stands under this many noise
 * standard deviations above the background. Objects over it have an edge clear of the noise (the finer-edge
 * rule, seg-plane.ts MIN_EDGE_SNR, asks for 8 on its finer plane).
 */
export const DIM_OBJECT_SNR = 8;

/** The typical object's area is the median of the plane's clear objects where it has this many, else of all its objects. */
const MIN_CLEAR_OBJECTS = 3;

/** The coarse plane's smoothing, as a multiple of the plane's own: noise falls by about this factor. */
export const DIM_COARSE_FACTOR = 2;

export interface DimGrowth {
  /** The intensity plane (objects bright), before any smoothing. */
  bright: PlaneData;
  /** The plane the objects were found on (smoothed by sigmaPx). */
  smoothed: Float32Array;
  sigmaPx: number;
  /** Grow into pixels above background + this many noise SD of the coarse plane. */
  noiseSd: number;
  /** The farthest a dim object grows from its own pixels (steps of 8-connected pixels). */
  reachPx: number;
  /** Pixels that may not be taken (outside a registered field). */
  missing?: Uint8Array;
}

function statsOutside(plane: Float32Array, labels: Uint32Array): { background: number; noise: number } {
  const step = Math.max(1, Math.floor(plane.length / 65536));
  const sample = new Float32Array(Math.ceil(plane.length / step));
  let n = 0;
  for (let i = 0; i < plane.length; i += step) if (!labels[i]) sample[n++] = plane[i];
  if (!n) return { background: Number.NEGATIVE_INFINITY, noise: 0 };
  const values = sample.subarray(0, n);
  const background = selectRank(values, n >> 1);
  const dev = new Float64Array(n);
  for (let j = 0; j < n; j++) dev[j] = Math.abs(values[j] - background);
  return { background, noise: 1.4826 * selectRank(dev, n >> 1) };
}

/**
 * Each dim object (DIM_OBJECT_SNR) takes the unclaimed pixels connected to it, within reachPx, where the plane
 * smoothed by DIM_COARSE_FACTOR x sigmaPx stands noiseSd of its noise above its background; dim objects that
 * meet share the region by distance (breadth-first from all of them at once). Clear objects neither grow nor lose
 * pixels. Returns how many objects grew. In place.
 */
export function growDimObjects(labels: Uint32Array, width: number, height: number, g: DimGrowth): number {
  const fine = statsOutside(g.smoothed, labels);
  if (!Number.isFinite(fine.background) || !(fine.noise > 0)) return 0;
  const { ids, start, order } = groupPixels(labels);
  const dim = new Set<number>();
  for (const label of ids) {
    const from = start[label];
    const to = start[label + 1];
    const values = new Float32Array(to - from);
    for (let j = from; j < to; j++) values[j - from] = g.smoothed[order[j]];
    const level = selectRank(values, values.length >> 1);
    if (level - fine.background < DIM_OBJECT_SNR * fine.noise) dim.add(label);
  }
  if (!dim.size) return 0;
  const coarse = gaussianBlur(g.bright, width, height, DIM_COARSE_FACTOR * g.sigmaPx);
  const cs = statsOutside(coarse, labels);
  if (!Number.isFinite(cs.background)) return 0;
  const low = cs.background + g.noiseSd * cs.noise;
  // Breadth-first from every dim object's pixels, one ring at a time.
  let front: number[] = [];
  for (let i = 0; i < labels.length; i++) if (labels[i] && dim.has(labels[i])) front.push(i);
  const grew = new Set<number>();
  for (let step = 0; step < g.reachPx && front.length; step++) {
    const next: number[] = [];
    for (const i of front) {
      const x = i % width;
      const y = (i - x) / width;
      const l = labels[i];
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= width) continue;
          const k = yy * width + xx;
          if (labels[k] || coarse[k] <= low || g.missing?.[k]) continue;
          labels[k] = l;
          grew.add(l);
          next.push(k);
        }
      }
    }
    front = next;
  }
  const clear = ids.filter((l) => !dim.has(l)).map((l) => start[l + 1] - start[l]);
  const found = new Map(ids.map((l) => [l, start[l + 1] - start[l]]));
  joinDimPieces(labels, width, height, dim, found, clear.length >= MIN_CLEAR_OBJECTS ? clear : ids.map((l) => start[l + 1] - start[l]));
  return grew.size;
}

/**
 * Dim objects that touch are one nucleus the noise cut in pieces where their pieces as found (`found`: areas before
 * the growth) are together not oversized (seg-oversized.ts: OVERSIZED_AREA_RATIO x a typical object of the plane,
 * `areas`: its clear objects', whose outlines the noise does not cut) and have no waist (solidity at least MAX_SOLIDITY_OF_ONE, as one nucleus): the pair sharing the
 * longest border first. Two dim nuclei side by side meet at a waist, or together outsize a typical one. In place.
 */
function joinDimPieces(labels: Uint32Array, width: number, height: number, dim: Set<number>, found: Map<number, number>, areas: number[]): void {
  if (dim.size < 2 || !areas.length) return;
  const typical = [...areas].sort((a, b) => a - b)[areas.length >> 1];
  const contact = new Map<string, number>();
  const box = new Map<number, { x0: number; y0: number; x1: number; y1: number }>();
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i];
    if (!l || !dim.has(l)) continue;
    const x = i % width;
    const y = (i - x) / width;
    const b = box.get(l);
    if (!b) box.set(l, { x0: x, y0: y, x1: x, y1: y });
    else (b.x0 = Math.min(b.x0, x)), (b.y0 = Math.min(b.y0, y)), (b.x1 = Math.max(b.x1, x)), (b.y1 = Math.max(b.y1, y));
    for (const k of [x + 1 < width ? i + 1 : -1, y + 1 < height ? i + width : -1]) {
      const m = k >= 0 ? labels[k] : 0;
      if (!m || m === l || !dim.has(m)) continue;
      const key = l < m ? `${l},${m}` : `${m},${l}`;
      contact.set(key, (contact.get(key) ?? 0) + 1);
    }
  }
  const root = new Map<number, number>();
  const find = (l: number): number => {
    while (root.has(l)) l = root.get(l)!;
    return l;
  };
  const members = new Map<number, number[]>();
  for (const [key] of [...contact].sort((p, q) => q[1] - p[1])) {
    const [a, b] = key.split(',').map(Number).map(find);
    if (a === b) continue;
    const union = [...(members.get(a) ?? [a]), ...(members.get(b) ?? [b])];
    const total = union.reduce((s, l) => s + found.get(l)!, 0);
    if (total > OVERSIZED_AREA_RATIO * typical) continue;
    const bb = union.map((l) => box.get(l)!);
    const ubox = { x0: Math.min(...bb.map((v) => v.x0)), y0: Math.min(...bb.map((v) => v.y0)), x1: Math.max(...bb.map((v) => v.x1)), y1: Math.max(...bb.map((v) => v.y1)) };
    if (solidity(labels, width, union, ubox) < MAX_SOLIDITY_OF_ONE) continue;
    root.set(b, a);
    members.set(a, union);
    for (const l of members.get(b) ?? [b]) if (l !== b) root.set(l, a);
    members.delete(b);
  }
  if (!root.size) return;
  for (let i = 0; i < labels.length; i++) if (labels[i] && root.has(labels[i])) labels[i] = find(labels[i]);
}
