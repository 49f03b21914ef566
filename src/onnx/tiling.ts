// Tile geometry along one axis: where to cut input tiles of a size the model accepts,
// which part of each tile's output is trusted (the halo is dropped except at the image
// border), and the blending weights that hide seams where trusted parts overlap.
import { InputError } from '../errors.ts';
import type { AxisSize } from './spec.ts';

export interface AxisTile {
  /** First input pixel of the tile (0 <= inStart; the tile may run past the image, filled by reflection). */
  inStart: number;
  inSize: number;
  /** Trusted input range [validStart, validEnd) in image coordinates. */
  validStart: number;
  validEnd: number;
  /** Whether the trusted range has a neighbour below / above, and so fades in / out. */
  rampLow: boolean;
  rampHigh: boolean;
}

/** Sizes the model accepts along an axis: the smallest one >= n (or null when none). */
export function smallestValidAtLeast(size: AxisSize, n: number): number | null {
  switch (size.kind) {
    case 'fixed':
      return size.value >= n ? size.value : null;
    case 'parametrized':
      return n <= size.min ? size.min : size.min + Math.ceil((n - size.min) / size.step) * size.step;
    default:
      return n;
  }
}

/** The largest accepted size <= n, or null when even the smallest is larger. */
export function largestValidAtMost(size: AxisSize, n: number): number | null {
  switch (size.kind) {
    case 'fixed':
      return size.value <= n ? size.value : null;
    case 'parametrized':
      return n < size.min ? null : size.min + Math.floor((n - size.min) / size.step) * size.step;
    default:
      return n;
  }
}

/**
 * Cuts an axis of `length` pixels into tiles of at most `maxTile` pixels (when the model
 * allows a choice), each with `halo` pixels of context on sides that face a neighbour.
 * Neighbouring trusted ranges overlap by `blendPx`, or an eighth of a tile's core where that is less.
 */
export function planAxis(length: number, size: AxisSize, halo: number, maxTile: number, blendPx: number, axisName: string): AxisTile[] {
  const whole = smallestValidAtLeast(size, length);
  if (whole !== null && (length <= maxTile || size.kind === 'fixed')) {
    return [{ inStart: 0, inSize: whole, validStart: 0, validEnd: length, rampLow: false, rampHigh: false }];
  }
  let tile = largestValidAtMost(size, Math.max(maxTile, 2 * halo + 2 * blendPx + 1));
  if (tile === null || tile <= 2 * halo) tile = smallestValidAtLeast(size, 2 * halo + 2 * blendPx + 1);
  if (tile === null || tile <= 2 * halo) {
    throw new InputError(`the model's ${axisName} tile size cannot exceed twice its halo (${halo} px); the model description looks wrong`);
  }
  const core = tile - 2 * halo;
  // The seam ramp is capped at an eighth of the tile's core: every overlapping pixel is computed
  // twice, and on a model of small fixed tiles a full ramp costs more than the frame (nuclei-shape,
  // 64 px tiles: a 16 px ramp cut a 512² frame into 121 tiles, 1.9x its pixels; 8 px, 81 tiles).
  const overlap = Math.min(blendPx, Math.floor(core / 8));
  const count = Math.max(2, Math.ceil((length - overlap) / (core - overlap)));
  const tiles: AxisTile[] = [];
  for (let i = 0; i < count; i++) {
    const coreStart = Math.round((i * (length - core)) / (count - 1));
    const inStart = Math.min(Math.max(coreStart - halo, 0), Math.max(0, length - tile));
    const validStart = inStart === 0 ? 0 : inStart + halo;
    const validEnd = inStart + tile >= length ? length : inStart + tile - halo;
    tiles.push({ inStart, inSize: tile, validStart, validEnd, rampLow: validStart > 0, rampHigh: validEnd < length });
  }
  return tiles;
}

/**
 * Blending weight of output position `p` (output pixels) inside a tile's trusted range
 * [low, high): a linear ramp over `rampPx` on sides that face a neighbour, 1 elsewhere.
 */
export function rampWeight(p: number, low: number, high: number, rampLow: boolean, rampHigh: boolean, rampPx: number): number {
  let w = 1;
  if (rampLow) w = Math.min(w, (p - low + 1) / (rampPx + 1));
  if (rampHigh) w = Math.min(w, (high - p) / (rampPx + 1));
  return w;
}
