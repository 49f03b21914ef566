// Objects far larger than their peers, split again by their own shape (issue 12 item 2). The plane's seeded
// watershed keeps seeds a radius-derived distance apart, on a smoothed distance map: two nuclei pressed together
// with no dark seam between them (fresh sisters, crowded or overlapping nuclei) then keep one seed and stay one
// object. Such an object is much larger than the plane's typical object, so it alone is split again on its own,
// unsmoothed distance map with seeds half a typical radius apart; the cut is kept only where every piece is itself
// of a plausible size, so a large single nucleus (one distance peak, or pieces too small) stays whole.
import { distanceTransform } from './distance.ts';
import { labelComponents, labelsTouchingBorder } from './morphology.ts';
import { groupBox, groupPixels } from './regionprops.ts';
import { peakLocalMax, watershed } from './watershed.ts';

/**
 * An object is re-split from this many times the median area of its plane's objects the edge does not cut: two equal disks whose centres lie
 * 0.7 radii apart (the seed spacing of round objects, seg-auto.ts) cover 1.45 disks. Our simulator (seg-loss-classes.ts,
 * SEG): 1.6 -> 1.4 raised seed 11 0.8546 -> 0.8559, 9405 0.7822 -> 0.7906, seed 4 0.8547 -> 0.8621 (9401, 9402 equal).
 */
export const OVERSIZED_AREA_RATIO = 1.4;
/** Seeds of the re-split lie at least this many typical radii apart (the radius of a disk of the median area). */
export const OVERSIZED_SEED_SPACING = 0.5;
/** Every piece of a kept cut covers at least this share of the median object area. */
export const MIN_PIECE_AREA_RATIO = 0.35;
/** The median is trusted from this many objects on; fewer, and nothing is re-split. */
const MIN_PEERS = 5;

/** The median area of the labelled objects, pixels (0 when there are none). */
function medianArea(start: Int32Array, ids: number[]): number {
  const areas = ids.map((l) => start[l + 1] - start[l]).sort((a, b) => a - b);
  return areas.length ? areas[areas.length >> 1] : 0;
}

/**
 * Splits every object of `labels` over OVERSIZED_AREA_RATIO x the median object area along the watershed of its own
 * distance map (seeds OVERSIZED_SEED_SPACING typical radii apart), keeping the cut where every piece covers at least
 * MIN_PIECE_AREA_RATIO of the median area. New pieces take labels after the highest one. Returns how many objects
 * were split; `labels` is changed in place.
 */
export function splitOversizedObjects(labels: Uint32Array, width: number, height: number): number {
  const { ids, start, order, maxLabel } = groupPixels(labels);
  // Peers: the objects the plane's edge does not cut (a crop's many cut nuclei would make whole ones look oversized).
  const edge = labelsTouchingBorder(labels, width, height);
  const peers = ids.filter((l) => !edge.has(l));
  if (peers.length < MIN_PEERS) return 0;
  const typical = medianArea(start, peers);
  const radius = Math.sqrt(typical / Math.PI);
  const spacing = Math.max(2, Math.round(OVERSIZED_SEED_SPACING * radius));
  let next = maxLabel;
  let split = 0;
  for (const label of ids) {
    const from = start[label];
    const to = start[label + 1];
    if (to - from < OVERSIZED_AREA_RATIO * typical) continue;
    const { x0, y0, x1, y1 } = groupBox(order, from, to, width);
    // A window with a one-pixel margin, so that the distance map sees the object's outside all round.
    const wx = x1 - x0 + 3;
    const wy = y1 - y0 + 3;
    const mask = new Uint8Array(wx * wy);
    for (let j = from; j < to; j++) {
      const x = order[j] % width;
      const y = (order[j] - x) / width;
      mask[(y - y0 + 1) * wx + (x - x0 + 1)] = 1;
    }
    const depth = distanceTransform(mask, wx, wy);
    const cut = cutByMaxima(depth, mask, wx, wy, spacing, typical);
    if (!cut) continue;
    const { pieces, count } = cut;
    const newLabel = new Uint32Array(count + 1);
    newLabel[1] = label;
    for (let p = 2; p <= count; p++) newLabel[p] = ++next;
    for (let yy = 1; yy < wy - 1; yy++)
      for (let xx = 1; xx < wx - 1; xx++) {
        const k = yy * wx + xx;
        if (mask[k]) labels[(yy - 1 + y0) * width + (xx - 1 + x0)] = newLabel[pieces[k]];
      }
    split++;
  }
  return split;
}

/**
 * The watershed of `landscape` (higher = nearer a centre) inside `mask` from its maxima `spacing` apart, when it gives
 * two or more pieces, each at least MIN_PIECE_AREA_RATIO x `typical` pixels and together the whole mask; else undefined.
 */
function cutByMaxima(landscape: Float32Array, mask: Uint8Array, wx: number, wy: number, spacing: number, typical: number): { pieces: Uint32Array; count: number } | undefined {
  const peaks = peakLocalMax(landscape, wx, wy, { minDistancePx: spacing, labels: mask, excludeBorder: false });
  if (peaks.length < 2) return undefined;
  const seeds = new Uint8Array(wx * wy);
  for (const [y, x] of peaks) seeds[y * wx + x] = 1;
  const markers = labelComponents(seeds, wx, wy, 8);
  if (markers.count < 2) return undefined;
  const flood = new Float32Array(landscape.length);
  for (let i = 0; i < flood.length; i++) flood[i] = -landscape[i];
  const pieces = watershed(flood, markers.labels, wx, wy, { mask });
  const areas = new Float64Array(markers.count + 1);
  for (let i = 0; i < pieces.length; i++) if (mask[i]) areas[pieces[i]]++;
  if (areas[0] > 0) return undefined;
  for (let p = 1; p <= markers.count; p++) if (areas[p] < MIN_PIECE_AREA_RATIO * typical) return undefined;
  return { pieces, count: markers.count };
}
