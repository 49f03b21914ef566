// Cells outlined by a membrane stain (bright membranes, dim interiors, a darker background outside the cells): a
// seeded watershed on the membrane intensity, as MorphoLibJ's Morphological Segmentation, CellProfiler's
// IdentifySecondaryObjects (Propagate) or a napari seeded watershed do it.
// - foreground: the cells' area, the membrane signal above a low threshold with small gaps in the membrane closed at
//   the scale of its thickness and the interiors it encloses filled;
// - seeds: one per cell, the minima of the membrane image smoothed within the foreground at a fraction of the cell
//   radius, at least a cell radius apart;
// - a watershed on the (lightly smoothed) membrane intensity from the seeds, restricted to the foreground; two basins
//   whose membrane between them is no brighter than their interiors by more than the noise are one cell, and pieces
//   smaller than the minimum area join the neighbour they share the lowest membrane with (alone, they are dropped).
import type { PlaneData } from '../image/movie.ts';
import { distanceTransform } from './distance.ts';
import { gaussianBlur } from './filters.ts';
import { fillLabelHoles, filterLabels, labelAreas, labelComponents } from './morphology.ts';
import { pixelNoiseSd } from './object-size.ts';
import { median } from './quickselect.ts';
import type { PlaneSegmentation } from './seg-plane.ts';
import { thresholdOtsu, thresholdTriangle } from './threshold.ts';
import { mergeShallowBasins, passesBetweenBasins, peakLocalMax, watershed } from './watershed.ts';

export interface MembraneOptions {
  /** Typical cell radius, pixels (membrane to membrane, halved): seeds are at least this far apart. */
  cellRadiusPx: number;
  /** Smoothing at the membrane's thickness, pixels; default 1. */
  membraneSigmaPx?: number;
  /** Cells smaller than this (pixels) join a neighbour, or are dropped when they touch none. Default a fifth of a cell's area. */
  minAreaPx?: number;
  /** Cells larger than this are dropped. Default none. */
  maxAreaPx?: number;
  /** Minimum area of a cell touching the plane's edge; default minAreaPx. */
  borderMinAreaPx?: number;
  /** Drop cells touching the plane's edge. Default false. */
  excludeBorder?: boolean;
  /** Drop cells whose mean intensity in the plane as given is under this. Default none. */
  minMeanIntensity?: number;
}

/** Seeds are picked on the membrane image smoothed by this share of the cell radius (the interior's texture, puncta and noise smoothed out). */
const SEED_SIGMA_SHARE = 1 / 3;
/** Two basins stay two cells where the membrane between them rises at least this many noise SDs (of the seed image) above the brighter interior. */
const MEMBRANE_PASS_NOISE_SDS = 4;
/** Two basins stay two cells where the membrane between them rises at least this share of the interiors-to-membranes contrast above the brighter interior. */
const MEMBRANE_PASS_CONTRAST_SHARE = 0.1;

/** Seeds lie at least this share of the cell radius inside the cells' area (the fringe of filopodia along the background on the real movie is 3-5 px wide at a radius of 12 px). */
const SEED_INSET_RADIUS_SHARE = 0.35;
/** A basin whose largest inscribed disk has a radius under this share of the cell radius is no cell's body (a fringe or sliver). */
const MIN_THICKNESS_RADIUS_SHARE = 1 / 3;
/** Holes in the cells' area up to this many cell areas are interiors (as dark as the outside); larger ones are background the cells surround. */
const MAX_HOLE_CELL_AREAS = 4;

/** The plane smoothed within `mask` only (normalised convolution): interiors are not darkened by the black outside the cells. */
function maskedBlur(values: Float32Array, mask: Uint8Array, width: number, height: number, sigmaPx: number): Float32Array {
  const masked = new Float32Array(values.length);
  const weight = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) if (mask[i]) (masked[i] = values[i]), (weight[i] = 1);
  const num = gaussianBlur(masked, width, height, sigmaPx);
  const den = gaussianBlur(weight, width, height, sigmaPx);
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = mask[i] && den[i] > 1e-6 ? num[i] / den[i] : 0;
  return out;
}

/** A binary closing by a disk of `radiusPx` (Euclidean), the plane's outside counting as background. */
function closeMask(mask: Uint8Array, width: number, height: number, radiusPx: number): Uint8Array {
  if (radiusPx <= 0) return mask.slice();
  const outside = new Uint8Array(mask.length);
  for (let i = 0; i < mask.length; i++) outside[i] = mask[i] ? 0 : 1;
  const toMask = distanceTransform(outside, width, height);
  const dilated = new Uint8Array(mask.length);
  for (let i = 0; i < mask.length; i++) dilated[i] = toMask[i] <= radiusPx ? 1 : 0;
  const inside = distanceTransform(dilated, width, height);
  const closed = new Uint8Array(mask.length);
  for (let i = 0; i < mask.length; i++) closed[i] = inside[i] > radiusPx || mask[i] ? 1 : 0;
  return closed;
}

/** NaN pixels as the plane's lowest value (background), as float. */
function finiteValues(plane: PlaneData): Float32Array {
  const values = Float32Array.from(plane as ArrayLike<number>);
  let min = Infinity;
  for (const v of values) if (v < min) min = v;
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) values[i] = Number.isFinite(min) ? min : 0;
  return values;
}

/**
 * Fills the holes of `mask` (regions outside it, 4-connected) of at most `maxHolePx` pixels: those away from the plane's
 * edge, and those the edge cuts too where no region is larger (a confluent layer: no background outside the cells
 * anywhere, so a cell the edge cuts is no background). In place.
 */
function fillSmallHoles(mask: Uint8Array, width: number, height: number, maxHolePx: number): Uint8Array {
  const outside = new Uint8Array(mask.length);
  for (let i = 0; i < mask.length; i++) outside[i] = mask[i] ? 0 : 1;
  const { labels, count } = labelComponents(outside, width, height, 4);
  const areas = labelAreas(labels, count);
  let confluent = Number.isFinite(maxHolePx);
  for (let l = 1; l <= count; l++) if (areas[l] > maxHolePx) confluent = false;
  const open = new Uint8Array(count + 1);
  if (!confluent) {
    for (let x = 0; x < width; x++) (open[labels[x]] = 1), (open[labels[(height - 1) * width + x]] = 1);
    for (let y = 0; y < height; y++) (open[labels[y * width]] = 1), (open[labels[y * width + width - 1]] = 1);
  }
  for (let i = 0; i < mask.length; i++) if (labels[i] && !open[labels[i]] && areas[labels[i]] <= maxHolePx) mask[i] = 1;
  return mask;
}

/**
 * The cells' area: the smoothed membrane signal above a low threshold (triangle, never above Otsu: the background
 * outside the cells is the histogram's main peak), small gaps closed by a disk of `closePx`, the enclosed interiors
 * (holes up to `maxHolePx`; a larger one is background that cells surround) filled.
 */
export function membraneForeground(smoothed: Float32Array, width: number, height: number, closePx: number, maxHolePx = Infinity): { foreground: Uint8Array; thresholdValue: number } {
  const thresholdValue = Math.min(thresholdTriangle(smoothed), thresholdOtsu(smoothed));
  const signal = new Uint8Array(smoothed.length);
  for (let i = 0; i < smoothed.length; i++) signal[i] = smoothed[i] > thresholdValue ? 1 : 0;
  const foreground = fillSmallHoles(closeMask(signal, width, height, closePx), width, height, maxHolePx);
  return { foreground, thresholdValue };
}

/**
 * The typical cell radius of a membrane-stained plane: the median area of the regions the membranes enclose (pixels of
 * the cells' area no brighter than their surroundings, the plane smoothed by four membrane widths), as a disk's radius,
 * plus the membrane's half-width. Undefined where no enclosed region is found.
 */
export function membraneCellRadius(plane: PlaneData, width: number, height: number, membraneSigmaPx = 1): number | undefined {
  const values = finiteValues(plane);
  const smoothed = gaussianBlur(values, width, height, membraneSigmaPx);
  const { foreground } = membraneForeground(smoothed, width, height, 2 * membraneSigmaPx);
  const surroundings = gaussianBlur(smoothed, width, height, 4 * membraneSigmaPx);
  const interior = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) interior[i] = foreground[i] && smoothed[i] <= surroundings[i] ? 1 : 0;
  const { labels, count } = labelComponents(interior, width, height, 4);
  // (regions under a disk of 2.5 membrane widths' radius are gaps between puncta and membrane folds, no cell's interior)
  const least = Math.PI * (2.5 * membraneSigmaPx) ** 2 + 1;
  const areas = Array.from(labelAreas(labels, count)).slice(1).filter((a) => a >= least);
  if (!areas.length) return undefined;
  return Math.sqrt(median(areas) / Math.PI) + 2 * membraneSigmaPx;
}

/** The smoothed membrane level at each seed's interior (its basin's lowest), and the contrast from interiors to membranes. */
function interiorToMembraneContrast(labels: Uint32Array, smoothed: Float32Array, foreground: Uint8Array, count: number): number {
  const lowest = new Float64Array(count + 1).fill(Infinity);
  for (let i = 0; i < labels.length; i++) if (labels[i] && smoothed[i] < lowest[labels[i]]) lowest[labels[i]] = smoothed[i];
  const inside: number[] = [];
  for (let i = 0; i < smoothed.length; i += 3) if (foreground[i]) inside.push(smoothed[i]);
  inside.sort((a, b) => a - b);
  const membrane = inside.length ? inside[Math.floor(0.9 * (inside.length - 1))] : 0;
  const interiors = Array.from(lowest.subarray(1)).filter(Number.isFinite);
  return interiors.length ? Math.max(0, membrane - median(interiors)) : 0;
}

/**
 * Basins under `minAreaPx` join the neighbour they share the highest pass of `landscape` with (the lowest membrane
 * between them); those touching no other basin stay for the size filter to drop. In place.
 */
function joinSmallBasins(labels: Uint32Array, landscape: Float32Array, width: number, height: number, minAreaPx: number): void {
  let max = 0;
  for (const l of labels) if (l > max) max = l;
  const areas = labelAreas(labels, max);
  const target = new Uint32Array(max + 1);
  for (const [a, b] of passesBetweenBasins(labels, landscape, width, height, max)) {
    // (passes come highest first: a small basin takes the first neighbour it is found with)
    if (areas[a] < minAreaPx && !target[a] && areas[b] >= areas[a]) target[a] = b;
    else if (areas[b] < minAreaPx && !target[b] && areas[a] >= areas[b]) target[b] = a;
  }
  const root = (l: number): number => {
    for (let k = 0; k <= max && target[l]; k++) l = target[l];
    return l;
  };
  for (let i = 0; i < labels.length; i++) if (labels[i] && target[labels[i]]) labels[i] = root(labels[i]);
}

/**
 * Basins thinner than `minThicknessPx` (the largest disk inside them, to their own border: a fringe of filopodia or a
 * sliver of membrane beside the background, no cell's body) join the neighbour they share the longest border with, or
 * are dropped when they touch none. In place.
 */
function joinThinBasins(labels: Uint32Array, width: number, height: number, minThicknessPx: number): void {
  let max = 0;
  for (const l of labels) if (l > max) max = l;
  // (the plane's edge is no border: a cell the edge cuts goes on beyond it)
  const inner = new Uint8Array(labels.length);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const l = labels[i];
      inner[i] = l && (x === 0 || labels[i - 1] === l) && (x === width - 1 || labels[i + 1] === l) && (y === 0 || labels[i - width] === l) && (y === height - 1 || labels[i + width] === l) ? 1 : 0;
    }
  const depth = distanceTransform(inner, width, height);
  const thickness = new Float64Array(max + 1);
  for (let i = 0; i < labels.length; i++) if (labels[i] && depth[i] > thickness[labels[i]]) thickness[labels[i]] = depth[i];
  // the border each thin basin shares with each neighbour, in pixel pairs
  const shared = new Map<number, Map<number, number>>();
  const note = (a: number, b: number) => {
    if (!a || !b || a === b || thickness[a] >= minThicknessPx) return;
    const m = shared.get(a) ?? new Map<number, number>();
    m.set(b, (m.get(b) ?? 0) + 1);
    shared.set(a, m);
  };
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (x + 1 < width) note(labels[i], labels[i + 1]), note(labels[i + 1], labels[i]);
      if (y + 1 < height) note(labels[i], labels[i + width]), note(labels[i + width], labels[i]);
    }
  const target = new Uint32Array(max + 1);
  for (let l = 1; l <= max; l++) {
    if (thickness[l] >= minThicknessPx || !thickness[l]) continue;
    let best = 0, most = 0;
    for (const [b, n] of shared.get(l) ?? []) if (n > most && thickness[b] >= minThicknessPx) (best = b), (most = n);
    target[l] = best || Number.MAX_SAFE_INTEGER;
  }
  for (let i = 0; i < labels.length; i++) {
    const t = target[labels[i]];
    if (t) labels[i] = t === Number.MAX_SAFE_INTEGER ? 0 : t;
  }
}

/** Segments one plane of membrane-stained cells (see the module's head). NaN pixels count as background. */
export function segmentMembranePlane(plane: PlaneData, width: number, height: number, options: MembraneOptions): PlaneSegmentation {
  if (plane.length !== width * height) throw new RangeError(`plane has ${plane.length} pixels, expected ${width}x${height}`);
  if (!(options.cellRadiusPx > 0)) throw new RangeError(`cellRadiusPx must be positive, got ${options.cellRadiusPx}`);
  const radius = options.cellRadiusPx;
  const membraneSigma = options.membraneSigmaPx ?? 1;
  const minAreaPx = options.minAreaPx ?? (Math.PI * radius * radius) / 5;
  const values = finiteValues(plane);
  const smoothed = gaussianBlur(values, width, height, membraneSigma);
  const { foreground, thresholdValue } = membraneForeground(smoothed, width, height, 2 * membraneSigma, MAX_HOLE_CELL_AREAS * Math.PI * radius * radius);
  const components = labelComponents(foreground, width, height, 8);
  const kept = filterLabels(components.labels, width, height, { minAreaPx });
  for (let i = 0; i < foreground.length; i++) foreground[i] = kept.labels[i] ? 1 : 0;
  if (!kept.count) return { labels: new Uint32Array(width * height), count: 0, thresholdValue };
  // seeds: minima of the membrane image smoothed within the cells' area, a cell radius apart
  const seedImage = maskedBlur(values, foreground, width, height, Math.max(membraneSigma, SEED_SIGMA_SHARE * radius));
  // (positive within the cells, 0 outside: peak_local_max counts the plane's outside as 0, which must not hide minima near the edge)
  let highest = -Infinity;
  for (let i = 0; i < seedImage.length; i++) if (foreground[i] && seedImage[i] > highest) highest = seedImage[i];
  // (a seed lies in a cell's body, at least half a cell radius inside the cells' area: the fringe of filopodia along
  // the background is dim too, but is flooded from the cell it belongs to)
  const inside = distanceTransform(foreground, width, height);
  const depth = new Float32Array(seedImage.length);
  for (let i = 0; i < depth.length; i++) depth[i] = foreground[i] && inside[i] >= SEED_INSET_RADIUS_SHARE * radius ? highest - seedImage[i] + 1 : 0;
  const peaks = peakLocalMax(depth, width, height, { minDistancePx: Math.max(1, Math.round(radius)), labels: kept.labels, excludeBorder: false });
  const markers = new Uint32Array(width * height);
  peaks.forEach(([y, x], k) => (markers[y * width + x] = k + 1));
  let labels = watershed(smoothed, markers, width, height, { mask: foreground });
  // basins whose membrane between them is no brighter than their interiors (beyond the noise) are one cell
  const noise = pixelNoiseSd(values, width) / (2 * Math.sqrt(Math.PI) * Math.max(membraneSigma, SEED_SIGMA_SHARE * radius));
  const contrast = interiorToMembraneContrast(labels, seedImage, foreground, peaks.length);
  const minPass = Math.max(MEMBRANE_PASS_NOISE_SDS * (Number.isFinite(noise) ? noise : 0), MEMBRANE_PASS_CONTRAST_SHARE * contrast);
  const landscape = new Float32Array(seedImage.length);
  for (let i = 0; i < landscape.length; i++) landscape[i] = -seedImage[i];
  if (minPass > 0) labels = mergeShallowBasins(labels, landscape, width, height, minPass).labels;
  joinThinBasins(labels, width, height, MIN_THICKNESS_RADIUS_SHARE * radius);
  joinSmallBasins(labels, landscape, width, height, minAreaPx);
  fillLabelHoles(labels, width, height);
  const filtered = filterLabels(labels, width, height, { minAreaPx, maxAreaPx: options.maxAreaPx, excludeBorder: options.excludeBorder, borderMinAreaPx: options.borderMinAreaPx, minMeanIntensity: options.minMeanIntensity, intensity: values });
  return { labels: filtered.labels, count: filtered.count, thresholdValue };
}
