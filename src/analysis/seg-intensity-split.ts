// Nuclei of distinct brightness touching (issue 12): a bright nucleus and a dim neighbour pressed together form one
// foreground region, and the seeded watershed on the distance map sees one object there: the dim nucleus, smaller and
// joined along a broad contact, has no distance peak of its own. Its intensity does: each object is cut along the
// watershed of the smoothed intensity from its maxima (seeds as far apart as the plane's seeds), and neighbouring
// basins are joined again, highest pass first, unless they are two intensity-distinct nuclei: each nucleus-sized, the
// dimmer clearly dimmer than the brighter, and a real valley between them.
// Off by default (seg-plane.ts splitByIntensity): on textured nuclei the rules also cut one nucleus's bright part from
// its dim body. Every 10th annotated frame, segment tool's other defaults: Fluo-N2DH-SIM+ 02 DET / SEG 0.937 / 0.654 ->
// 0.843 / 0.576 (316 -> 429 objects for 315), SIM+ 01 0.9986 / 0.846 -> 0.976 / 0.812; our simulator unchanged (seed 11
// F1 0.973 -> 0.974). Neither the joint outline's solidity (the grown pairs of TZ_nucleus measure 0.93-0.96, SIM+ 02's
// cut nuclei 0.79-0.99) nor the pieces' brightness and size ratios tell the two cases apart on these data.
import { groupBox, groupPixels } from './regionprops.ts';
import { labelComponents } from './morphology.ts';
import { passesBetweenBasins, peakLocalMax, watershed } from './watershed.ts';

/** The dimmer peak rises at most this share of the brighter one's height above the background (distinct brightness). */
export const MAX_DIM_PEAK_SHARE = 0.75;
/** The pass between the two lies at most this share of the dimmer peak's height above the background (a valley). */
export const MAX_PASS_SHARE = 0.8;
/** The valley is at least this many noise standard deviations (of the smoothed plane) below the dimmer peak. */
const MIN_VALLEY_NOISE_SD = 5;

export interface IntensitySplitOptions {
  /** The smoothed plane the objects were found on (bright objects). */
  smoothed: Float32Array;
  /** Its background level and noise standard deviation (seg-plane.ts backgroundStats). */
  background: number;
  noise: number;
  /** Seeds at least this far apart (the plane's minSeedDistancePx). */
  minSeedDistancePx: number;
  /** Both pieces of a kept cut cover at least this many pixels (a nucleus, not a texture patch). */
  minPiecePx: number;
}

/**
 * Cuts every object of `labels` that holds two intensity-distinct nuclei (see above) along the intensity watershed
 * between them. New pieces take labels after the highest one. Returns how many objects were cut; in place.
 */
export function splitIntensityDistinct(labels: Uint32Array, width: number, height: number, o: IntensitySplitOptions): number {
  if (!Number.isFinite(o.background)) return 0;
  const { ids, start, order, maxLabel } = groupPixels(labels);
  const spacing = Math.max(1, Math.round(o.minSeedDistancePx));
  let next = maxLabel;
  let cut = 0;
  for (const label of ids) {
    const from = start[label];
    const to = start[label + 1];
    if (to - from < 2 * o.minPiecePx) continue;
    const { x0, y0, x1, y1 } = groupBox(order, from, to, width);
    const wx = x1 - x0 + 1;
    const wy = y1 - y0 + 1;
    const mask = new Uint8Array(wx * wy);
    const g = new Float32Array(wx * wy);
    for (let j = from; j < to; j++) {
      const x = order[j] % width;
      const y = (order[j] - x) / width;
      const k = (y - y0) * wx + (x - x0);
      mask[k] = 1;
      g[k] = o.smoothed[order[j]];
    }
    // Regional maxima (a 3 px footprint: a wide one lets the brighter neighbour's flank hide the dimmer peak), thinned to `spacing`.
    const peaks = peakLocalMax(g, wx, wy, { minDistancePx: spacing, footprintSizePx: 3, labels: mask, excludeBorder: false });
    if (peaks.length < 2) continue;
    const seeds = new Uint8Array(wx * wy);
    for (const [y, x] of peaks) seeds[y * wx + x] = 1;
    const markers = labelComponents(seeds, wx, wy, 8);
    if (markers.count < 2) continue;
    const flood = new Float32Array(g.length);
    for (let i = 0; i < g.length; i++) flood[i] = -g[i];
    const basins = watershed(flood, markers.labels, wx, wy, { mask });
    const groups = joinAlikeBasins(basins, g, wx, wy, markers.count, o);
    if (groups.count < 2) continue;
    // The largest piece keeps the label.
    const area = new Float64Array(groups.count + 1);
    for (let i = 0; i < groups.labels.length; i++) area[groups.labels[i]]++;
    let keep = 1;
    for (let p = 2; p <= groups.count; p++) if (area[p] > area[keep]) keep = p;
    const newLabel = new Uint32Array(groups.count + 1);
    for (let p = 1; p <= groups.count; p++) newLabel[p] = p === keep ? label : ++next;
    for (let yy = 0; yy < wy; yy++)
      for (let xx = 0; xx < wx; xx++) {
        const k = yy * wx + xx;
        if (mask[k] && groups.labels[k]) labels[(yy + y0) * width + (xx + x0)] = newLabel[groups.labels[k]];
      }
    cut++;
  }
  return cut;
}

/**
 * The basins joined (highest pass first) unless the two sides are distinct nuclei: both at least minPiecePx, the
 * dimmer peak at most MAX_DIM_PEAK_SHARE of the brighter, the pass at most MAX_PASS_SHARE of the dimmer peak and
 * MIN_VALLEY_NOISE_SD noise SD under it (heights above the background). Labels renumbered 1..count.
 */
function joinAlikeBasins(basins: Uint32Array, g: Float32Array, wx: number, wy: number, n: number, o: IntensitySplitOptions): { labels: Uint32Array; count: number } {
  const peak = new Float64Array(n + 1).fill(-Infinity);
  const area = new Float64Array(n + 1);
  for (let i = 0; i < basins.length; i++) {
    const b = basins[i];
    if (!b) continue;
    area[b]++;
    if (g[i] > peak[b]) peak[b] = g[i];
  }
  const parent = Uint32Array.from({ length: n + 1 }, (_, k) => k);
  const find = (k: number): number => {
    while (parent[k] !== k) k = parent[k] = parent[parent[k]];
    return k;
  };
  const bg = o.background;
  for (const [first, second, level] of passesBetweenBasins(basins, g, wx, wy, n)) {
    const a = find(first);
    const b = find(second);
    if (a === b) continue;
    const [high, low] = peak[a] >= peak[b] ? [a, b] : [b, a];
    const dim = peak[low] - bg;
    const distinct =
      area[a] >= o.minPiecePx &&
      area[b] >= o.minPiecePx &&
      dim <= MAX_DIM_PEAK_SHARE * (peak[high] - bg) &&
      level - bg <= MAX_PASS_SHARE * dim &&
      peak[low] - level >= MIN_VALLEY_NOISE_SD * o.noise;
    if (distinct) continue;
    parent[low] = high;
    area[high] += area[low];
  }
  const renumber = new Uint32Array(n + 1);
  let count = 0;
  for (let k = 1; k <= n; k++) if (find(k) === k && area[k] > 0) renumber[k] = ++count;
  const out = new Uint32Array(basins.length);
  for (let i = 0; i < basins.length; i++) if (basins[i]) out[i] = renumber[find(basins[i])];
  return { labels: out, count };
}
