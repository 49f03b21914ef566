// Classical segmentation of one plane, the scikit-image recipe for nuclei:
// Gaussian smoothing -> global threshold (Otsu, Li, triangle or manual) -> fill holes ->
// connected components -> (optional) split touching objects by a marker watershed on the
// Euclidean distance map, seeds from peak_local_max -> size and border filters.
// See the scikit-image gallery "Watershed segmentation" and Fiji's
// Process > Binary > Watershed for the same idea.
import type { PlaneData } from '../image/movie.ts';
import { distanceTransform } from './distance.ts';
import { gaussianBlur, toFloat32 } from './filters.ts';
import { brightObjects } from './object-size.ts';
import { selectRank } from './quickselect.ts';
import { backgroundSurface, subtractSurface } from './seg-background.ts';
import { fillHoles, fillLabelHoles, filterLabels, labelComponents } from './morphology.ts';
import { threshold as autoThreshold, type ThresholdMethod } from './threshold.ts';
import { groupBox, groupPixels } from './regionprops.ts';
import { definedOptionsKey, memoOnContents } from './plane-memo.ts';
import { splitOversizedObjects } from './seg-oversized.ts';
import { splitIntensityDistinct } from './seg-intensity-split.ts';
import { growDimObjects } from './seg-dim-growth.ts';
import { outlineAtHalfLevel } from './seg-halflevel.ts';
import { segmentMembranePlane } from './seg-membrane.ts';
import { joinPiecesWithoutValley } from './seg-join.ts';
import { mergeShallowBasins, peakLocalMax, watershed } from './watershed.ts';

export type SegmentMethod = ThresholdMethod | 'manual';
export type SplitBy = 'intensity' | 'distance';

export interface SegmentOptions {
  /** Threshold method; default 'otsu'. */
  method?: SegmentMethod;
  /** Intensity threshold for method 'manual', in the movie's units (pixels above it are foreground). */
  threshold?: number;
  /** Gaussian smoothing before thresholding, in pixels; 0 for none. Default 2. */
  sigmaPx?: number;
  /** Fill holes inside objects (default true). */
  fillHoles?: boolean;
  /** Objects smaller than this (pixels) are dropped. Default 20. */
  minAreaPx?: number;
  /** Objects larger than this (pixels) are dropped. Default no limit. */
  maxAreaPx?: number;
  /**
   * The minimum area for objects touching the plane's edge, which the edge may cut to any size
   * (a nucleus entering the field); default minAreaPx.
   */
  borderMinAreaPx?: number;
  /** Split touching objects by a distance-transform watershed (default true). */
  splitTouching?: boolean;
  /**
   * What seeds and floods the split: 'intensity' (maxima of the smoothed image, flooded
   * downhill; CellProfiler's default "declump by intensity", for objects with a darker seam between them)
   * or 'distance' (maxima of the Euclidean distance map; the scikit-image gallery recipe,
   * best for round objects, and on simulated nuclei). Default 'distance'.
   */
  splitBy?: SplitBy;
  /** Minimum distance between watershed seeds, pixels (peak_local_max min_distance). Default 4. */
  minSeedDistancePx?: number;
  /**
   * With splitBy 'distance': neighbouring pieces of an object stay apart only where each one's
   * distance-map peak rises at least this many pixels above the waist between them (h-maxima);
   * shallower ones are merged. 0 = off (default): seeds are kept by minSeedDistancePx alone.
   */
  minSeedDepthPx?: number;
  /**
   * With splitTouching: objects over 1.4x the plane's median object area are split again on their own distance
   * map, seeds half a typical radius apart, where every piece is of a plausible size (seg-oversized.ts): nuclei
   * pressed together without a dark seam. Default false.
   */
  splitOversized?: boolean;
  /** Extra smoothing of the seed landscape (distance map or smoothed image) before seeds are picked, pixels (0 = none). Default 1. */
  seedSigmaPx?: number;
  /**
   * Drop objects whose mean intensity in the plane as given (the grey levels of the movie, before any smoothing or
   * inversion) is under this: objects too dim to count, such as debris or out-of-focus cells. Default none.
   */
  minMeanIntensity?: number;
  /** Drop objects that touch the plane's edge (skimage clear_border). Default false. */
  excludeBorder?: boolean;
  /** 'bright' objects on a dark background (fluorescence, default) or 'dark' ones on a bright background (phase contrast, brightfield): the plane is inverted first. */
  objects?: 'bright' | 'dark';
  /**
   * Trim each object to where it rises at least this fraction of the way from the
   * background to the object's own median level (a blurred edge lies at 0.5). A threshold
   * low enough for dim objects otherwise gives bright ones their blur halo. 0 = off (default).
   */
  edgeFraction?: number;
  /**
   * With edgeFraction: the objects' edges are placed on the plane smoothed by this much (pixels), finer
   * than sigmaPx, wherever the object stands out of that finer plane's noise (MIN_EDGE_SNR); elsewhere on
   * the sigmaPx plane. Heavy smoothing finds dim, noisy objects whole, but blurs the edges of clear ones
   * outwards. Default: sigmaPx (one scale).
   */
  edgeSigmaPx?: number;
  /**
   * Each object's outline redrawn where the plane smoothed by edgeSigmaPx (sigmaPx without it) rises this fraction of
   * the way from the background around the object to the object's own core level (seg-halflevel.ts; 0.5: a blurred
   * spot's half maximum), within 2 sigmaPx of its outline; dark texture enclosed stays. After the edge trim. 0 = off
   * (default): on Fluo-N2DH-SIM+ the masks' edges lie far below half of a textured nucleus's level (models/README.md).
   */
  outlineFraction?: number;
  /**
   * Hysteresis: after thresholding, the objects grow into connected pixels of the smoothed plane above the
   * background + this many robust noise standard deviations, before holes are filled and touching objects
   * split (dim, textured nuclei whose bright parts alone pass the threshold); a region above that level no
   * threshold pixel reaches is an object where it is nucleus-sized (unseededRegionPx). 0 = off (default).
   */
  growToNoiseSd?: number;
  /**
   * Dim objects (under seg-dim-growth.ts DIM_OBJECT_SNR noise SD above the background) grow up to this many pixels
   * into the body that a plane smoothed twice as much shows (growToNoiseSd of its noise, 3 where that is 0): the
   * noise cuts a dim nucleus's body to pieces at sigmaPx. 0 = off (default).
   */
  dimGrowthReachPx?: number;
  /**
   * Each object takes the unclaimed pixels of its closing by a disk of this radius (closeObjectBays): the bays a
   * dark nucleolus or dim patch cuts into a textured nucleus's outline. 0 = off (default).
   */
  closeBaysPx?: number;
  /** Each object takes the unclaimed pixels of its convex hull (dim parts of a nucleus between its bright ones). Default false. */
  convexFill?: boolean;
  /**
   * Neighbouring objects with no intensity valley along their border, which joined are of a typical nucleus's size and
   * convex, are one object (seg-join.ts): the pieces a dim textured nucleus thresholds into. Last, before the size filters. Default false.
   */
  joinPieces?: boolean;
  /**
   * Objects holding two nuclei of distinct brightness (a bright one pressed against a dim one, which has no distance
   * peak of its own) are cut along the intensity valley between them (seg-intensity-split.ts). Default false.
   */
  splitByIntensity?: boolean;
  /**
   * Subtract the background surface (seg-background.ts: a low percentile on a coarse grid of tiles, interpolated)
   * before thresholding: for uneven illumination or a gradient, which defeat a global threshold. Default false.
   */
  flattenBackground?: boolean;
  /**
   * A plane of noise alone (an empty frame: Otsu's threshold within the smoothed plane's noise and no pixel far above
   * it, `noiseAlone`) has no objects, whatever the automatic threshold. Default true; not applied to method "manual".
   */
  emptyIfNoise?: boolean;
  /**
   * Cells outlined by a membrane stain (bright membranes, dim interiors, a darker outside), of this typical radius in
   * pixels: segmented by a seeded watershed on the membrane intensity (seg-membrane.ts) instead of a threshold of the
   * objects; minAreaPx, maxAreaPx, borderMinAreaPx and excludeBorder apply, the other options do not. 0 = off (default).
   */
  membraneCellRadiusPx?: number;
}

export interface PlaneSegmentation {
  /** Label plane, 0 = background, objects 1..count. */
  labels: Uint32Array;
  count: number;
  /** The intensity threshold applied (in the smoothed plane's units). */
  thresholdValue: number;
}

export const SEGMENT_DEFAULTS = {
  method: 'otsu' as SegmentMethod,
  sigmaPx: 2,
  fillHoles: true,
  minAreaPx: 20,
  maxAreaPx: Infinity,
  splitTouching: true,
  splitBy: 'distance' as SplitBy,
  minSeedDistancePx: 4,
  minSeedDepthPx: 0,
  splitOversized: false,
  seedSigmaPx: 1,
  excludeBorder: false,
  objects: 'bright' as 'bright' | 'dark',
  edgeFraction: 0,
  edgeSigmaPx: undefined as number | undefined,
  outlineFraction: 0,
  growToNoiseSd: 0,
  dimGrowthReachPx: 0,
  convexFill: false,
  joinPieces: false,
  splitByIntensity: false,
  closeBaysPx: 0,
  flattenBackground: false,
  emptyIfNoise: true,
  membraneCellRadiusPx: 0,
};

/** Options with defaults filled in; undefined values don't override defaults. */
export function withSegmentDefaults(options: SegmentOptions): typeof SEGMENT_DEFAULTS & SegmentOptions {
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  return { ...SEGMENT_DEFAULTS, ...defined };
}

/** Checks option values; throws a one-line RangeError naming the option. */
export function checkSegmentOptions(options: SegmentOptions): void {
  const o = withSegmentDefaults(options);
  if (!['otsu', 'li', 'triangle', 'manual'].includes(o.method)) throw new RangeError(`method must be otsu, li, triangle or manual, got ${o.method}`);
  if (o.method === 'manual' && !Number.isFinite(options.threshold)) throw new RangeError('method "manual" needs a numeric threshold (an intensity in the movie\'s units)');
  if (!(o.sigmaPx >= 0 && o.sigmaPx <= 100)) throw new RangeError(`sigmaPx must be between 0 and 100 pixels, got ${o.sigmaPx}`);
  if (!(o.seedSigmaPx >= 0 && o.seedSigmaPx <= 100)) throw new RangeError(`seedSigmaPx must be between 0 and 100 pixels, got ${o.seedSigmaPx}`);
  if (o.splitBy !== 'intensity' && o.splitBy !== 'distance') throw new RangeError(`splitBy must be intensity or distance, got ${o.splitBy}`);
  if (!(o.minAreaPx >= 0)) throw new RangeError(`minAreaPx must be >= 0, got ${o.minAreaPx}`);
  if (!(o.maxAreaPx >= o.minAreaPx)) throw new RangeError(`maxAreaPx (${o.maxAreaPx}) must be at least minAreaPx (${o.minAreaPx})`);
  if (o.minMeanIntensity !== undefined && !Number.isFinite(o.minMeanIntensity)) throw new RangeError(`minMeanIntensity must be a number, got ${o.minMeanIntensity}`);
  if (!(o.minSeedDepthPx >= 0)) throw new RangeError(`minSeedDepthPx must be >= 0, got ${o.minSeedDepthPx}`);
  if (!Number.isInteger(o.minSeedDistancePx) || o.minSeedDistancePx < 1) throw new RangeError(`minSeedDistancePx must be an integer >= 1, got ${o.minSeedDistancePx}`);
  if (o.objects !== 'bright' && o.objects !== 'dark') throw new RangeError(`objects must be bright or dark, got ${o.objects}`);
  if (!(o.outlineFraction >= 0 && o.outlineFraction < 1)) throw new RangeError(`outlineFraction must be between 0 and 1, got ${o.outlineFraction}`);
  if (!(o.edgeFraction >= 0 && o.edgeFraction < 1)) throw new RangeError(`edgeFraction must be between 0 and 1, got ${o.edgeFraction}`);
  if (o.edgeSigmaPx !== undefined && !(o.edgeSigmaPx >= 0 && o.edgeSigmaPx <= 100)) throw new RangeError(`edgeSigmaPx must be between 0 and 100 pixels, got ${o.edgeSigmaPx}`);
  if (!(o.closeBaysPx >= 0 && o.closeBaysPx <= 1000)) throw new RangeError(`closeBaysPx must be between 0 and 1000 pixels, got ${o.closeBaysPx}`);
  if (!(o.dimGrowthReachPx >= 0 && o.dimGrowthReachPx <= 1000)) throw new RangeError(`dimGrowthReachPx must be between 0 and 1000 pixels, got ${o.dimGrowthReachPx}`);
  if (!(o.growToNoiseSd >= 0 && o.growToNoiseSd <= 100)) throw new RangeError(`growToNoiseSd must be between 0 and 100 noise standard deviations, got ${o.growToNoiseSd}`);
  if (!(o.membraneCellRadiusPx >= 0 && o.membraneCellRadiusPx <= 1000)) throw new RangeError(`membraneCellRadiusPx must be between 0 and 1000 pixels, got ${o.membraneCellRadiusPx}`);
}

/**
 * Splits the objects of `components` by a marker watershed: seeds are the local maxima of
 * `landscape` (one object's maxima at least minSeedDistancePx apart), flooded downhill.
 */
export function splitTouchingObjects(
  components: Uint32Array,
  foreground: Uint8Array,
  landscape: Float32Array,
  width: number,
  height: number,
  minSeedDistancePx: number,
): Uint32Array {
  const peaks = peakLocalMax(landscape, width, height, { minDistancePx: minSeedDistancePx, labels: components, excludeBorder: false });
  const seedMask = new Uint8Array(width * height);
  for (const [y, x] of peaks) seedMask[y * width + x] = 1;
  const { labels: markers, count } = labelComponents(seedMask, width, height, 8);
  const flood = new Float32Array(landscape.length);
  for (let i = 0; i < flood.length; i++) flood[i] = -landscape[i];
  const split = watershed(flood, markers, width, height, { mask: foreground });
  // An object that got no seed (too small or flat) keeps its connected-component shape.
  let next = count;
  const orphan = new Map<number, number>();
  for (let i = 0; i < split.length; i++) {
    if (!foreground[i] || split[i]) continue;
    const c = components[i];
    let l = orphan.get(c);
    if (l === undefined) orphan.set(c, (l = ++next));
    split[i] = l;
  }
  return split;
}

/** The image whose maxima seed the split: the smoothed intensity or the distance map, smoothed by seedSigmaPx. */
function seedLandscape(smoothed: Float32Array, foreground: Uint8Array, width: number, height: number, splitBy: SplitBy, seedSigmaPx: number, distance?: Float32Array): Float32Array {
  const base = splitBy === 'distance' ? (distance ?? distanceTransform(foreground, width, height)) : smoothed;
  const landscape = seedSigmaPx > 0 ? gaussianBlur(base, width, height, seedSigmaPx) : Float32Array.from(base);
  if (splitBy === 'distance') {
    // Blurring leaks distance into the background; seeds must stay inside their object.
    for (let i = 0; i < landscape.length; i++) if (!foreground[i]) landscape[i] = 0;
  }
  return landscape;
}

/**
 * Trimming never takes more than 40 % of an object. A halo is a rim (a blurred disk's
 * halo is about a third of it); losing more means a dim, textured object whose core is a
 * bright spot (Fluo-N2DH-SIM+), which is left whole.
 */
const MAX_TRIMMED_SHARE = 0.4;

/**
 * With noise levels given (objects with finer edges), an object is trimmed only where its edge level
 * (edgeFraction of its contrast) stands this many noise standard deviations above the background of
 * the plane it is trimmed on: closer to the noise the cut follows the noise into a dim body. Measured
 * on Fluo-N2DH-SIM+ 02 (dim, textured nuclei; every 10th frame): DET / SEG 0.798 / 0.526 -> 0.825 /
 * 0.543 (3 noise SD: no change); SIM+ 01 and our simulator unchanged. Whole cells (one scale) are
 * not given noise levels: MSC-02 SEG 0.616 -> 0.614 with it.
 */
const MIN_TRIM_SNR = 5;

/**
 * Removes the pixels of each object below background + fraction * (object level - background),
 * where the object level is the median of its core: its pixels at least half as deep inside
 * the foreground (`depth`, the distance map) as its deepest. The core is free of the blur halo
 * a low threshold adds, which would otherwise pull the level down. Without `depth`, the median
 * of all its pixels. With `coarseNoise` (the noise of `smoothed`; the finer plane carries its own), objects
 * whose edge level lies within MIN_TRIM_SNR noise deviations of the background are left whole, except
 * where the objects were `grown` by hysteresis: the growth's level (a fixed number of noise SD) is a small
 * share of a dim body's contrast and lies out on the blur around it (a blurred step crosses a fifth of its
 * height about 0.84 sigma outside its edge), so a dim object whose edge level stands above the growth's level
 * loses the pixels below its edge level within `grown.rimPx` of its outline (the blur's reach; deeper ones
 * are its texture). A cut above the growth's level is no closer to the noise than the growth was. In place.
 */
export function trimToEdges(labels: Uint32Array, smoothed: Float32Array, background: number, fraction: number, depth?: Float32Array, finer?: FinerEdges, coarseNoise?: number, grown?: GrownObjects): void {
  if (!Number.isFinite(background)) return;
  const { ids, start, order } = groupPixels(labels);
  // The typical object's area: a grown object smaller than that (a piece of a nucleus, one cut by the field's edge) is not trimmed by its rim.
  const areas = ids.map((label) => start[label + 1] - start[label]).sort((a, b) => a - b);
  const typicalArea = areas.length ? areas[areas.length >> 1] : 0;
  const coreMedian = (image: Float32Array, from: number, to: number, deepest: number): number => {
    const core: number[] = [];
    for (let j = from; j < to; j++) if (!depth || depth[order[j]] >= 0.5 * deepest) core.push(image[order[j]]);
    core.sort((a, b) => a - b);
    return core[core.length >> 1];
  };
  for (const label of ids) {
    const from = start[label];
    const to = start[label + 1];
    let deepest = 0;
    if (depth) for (let j = from; j < to; j++) deepest = Math.max(deepest, depth[order[j]]);
    // The finer plane where the object stands clear of its noise, else the plane it was found on.
    let image = smoothed;
    let base = background;
    let contrast = coreMedian(smoothed, from, to, deepest) - background;
    if (finer && Number.isFinite(finer.background)) {
      const fineContrast = coreMedian(finer.smoothed, from, to, deepest) - finer.background;
      if (fineContrast >= MIN_EDGE_SNR * finer.noise) (image = finer.smoothed), (base = finer.background), (contrast = fineContrast);
    }
    const noise = image === smoothed ? coarseNoise : finer?.noise;
    const clear = noise === undefined || fraction * contrast >= MIN_TRIM_SNR * noise;
    // Below the bar, a grown object still loses the rim the growth laid on its blur tail, where its edge level stands above the growth's.
    const rimPx = !clear && grown && coarseNoise !== undefined && depth && to - from >= typicalArea && fraction * contrast >= grown.noiseSd * coarseNoise ? grown.rimPx : Infinity;
    if (!clear && rimPx === Infinity) continue;
    const level = base + fraction * contrast;
    const cut = (p: number) => image[p] < level && (rimPx === Infinity || depth![p] <= rimPx);
    let below = 0;
    for (let j = from; j < to; j++) if (cut(order[j])) below++;
    if (below > MAX_TRIMMED_SHARE * (to - from)) continue;
    for (let j = from; j < to; j++) if (cut(order[j])) labels[order[j]] = 0;
  }
}

/** Objects grown by hysteresis (trimToEdges): the level they were grown to, in noise SD of the coarse plane, and the width of the rim a cut may take from those below the bar. */
export interface GrownObjects {
  noiseSd: number;
  rimPx: number;
}

/** A finer-smoothed plane for edges (trimToEdges): its background level and the robust standard deviation of its background. */
export interface FinerEdges {
  smoothed: Float32Array;
  background: number;
  noise: number;
}

/**
 * An object's edge is placed on the finer plane only where its level stands this many noise standard
 * deviations above the background there: its edge level (a quarter of that) is then clear of the noise.
 */
const MIN_EDGE_SNR = 8;

/**
 * The background level (median) and robust standard deviation (1.4826 MAD) of `smoothed` outside the
 * foreground, from every `step`-th pixel (about 65536 of them). Each median is found by quickselect in
 * a typed array: called three times per plane, sorting boxed number arrays with `(a, b) => a - b` was a
 * third of a segmentation worker's time. The samples are the plane's own float32s and their deviations
 * are kept in float64, so the figures are those of the sorted number arrays.
 */
export function backgroundStats(smoothed: Float32Array, foreground: Uint8Array): { background: number; noise: number } {
  const step = Math.max(1, Math.floor(smoothed.length / 65536));
  const sampled = new Float32Array(Math.ceil(smoothed.length / step));
  let n = 0;
  for (let i = 0; i < smoothed.length; i += step) if (!foreground[i]) sampled[n++] = smoothed[i];
  if (!n) return { background: Number.NEGATIVE_INFINITY, noise: 0 };
  const values = sampled.subarray(0, n);
  const background = selectRank(values, n >> 1);
  const deviations = new Float64Array(n);
  for (let j = 0; j < n; j++) deviations[j] = Math.abs(values[j] - background);
  return { background, noise: 1.4826 * selectRank(deviations, n >> 1) };
}

/**
 * Where a smoothed plane's threshold and its highest value lie above its background, in the plane's own noise: the
 * background is the median of the pixels under the threshold and the noise their median minus their 16th percentile (one
 * standard deviation of normal noise, measured on the side the threshold does not cut). Infinity where the pixels under
 * the threshold are all alike. The highest is taken borderPx or more from the plane's edge.
 */
export function noiseMargins(smoothed: Float32Array, thresholdValue: number, width: number, height: number, borderPx: number): { threshold: number; highest: number } {
  const step = Math.max(1, Math.floor(smoothed.length / 65536));
  const sampled = new Float32Array(Math.ceil(smoothed.length / step));
  let n = 0;
  for (let i = 0; i < smoothed.length; i += step) if (smoothed[i] <= thresholdValue) sampled[n++] = smoothed[i];
  let highest = Number.NEGATIVE_INFINITY;
  // (the highest away from the plane's edge, where the smoothing averages fewer pixels and noise alone reaches further)
  const b = Math.min(borderPx, Math.floor((Math.min(width, height) - 1) / 2));
  for (let y = b; y < height - b; y++) for (let x = b, i = y * width + b; x < width - b; x++, i++) if (smoothed[i] > highest) highest = smoothed[i];
  if (n < 16) return { threshold: Number.POSITIVE_INFINITY, highest: Number.POSITIVE_INFINITY };
  const values = sampled.subarray(0, n);
  const median = selectRank(values, n >> 1);
  const spread = median - selectRank(values, Math.floor(0.16 * n));
  if (!(spread > 0)) return { threshold: Number.POSITIVE_INFINITY, highest: Number.POSITIVE_INFINITY };
  return { threshold: (thresholdValue - median) / spread, highest: (highest - median) / spread };
}

/**
 * Otsu's threshold of a plane of noise alone (an empty frame) lies within its noise: about 0.9 noise SD above the
 * background on every set's empty stand-in, against 3.8-82 on their frames with objects (probe-noise-plane.ts,
 * models/README.md). Under this margin a plane may be noise alone.
 */
export const NOISE_OTSU_MARGIN = 2;
/** ...and where no smoothed pixel (away from the edge) reaches this many noise SDs over the background, it is (noise alone: 4.8-7.8; frames with objects: 14.7 or more). */
export const NOISE_HIGHEST_MARGIN = 10;

/**
 * Otsu's separability: the share of a plane's variance between the two classes its threshold makes. Noise alone, one
 * normal hump split at its middle: 2/pi = 0.64; two levels (a structure that fills the frame, such as a membrane
 * stain's walls and the cells they enclose) near 1.
 */
export function otsuSeparability(smoothed: Float32Array, thresholdValue: number): number {
  const step = Math.max(1, Math.floor(smoothed.length / 65536));
  let [n0, s0, n1, s1, sq] = [0, 0, 0, 0, 0];
  for (let i = 0; i < smoothed.length; i += step) {
    const v = smoothed[i];
    if (!Number.isFinite(v)) continue;
    if (v <= thresholdValue) (n0++, (s0 += v));
    else (n1++, (s1 += v));
    sq += v * v;
  }
  const n = n0 + n1;
  if (!n0 || !n1) return 0;
  const mean = (s0 + s1) / n;
  const total = sq / n - mean * mean;
  const between = (n0 / n) * (n1 / n) * (s1 / n1 - s0 / n0) ** 2;
  return total > 0 ? between / total : 0;
}

/** Noise alone splits at Otsu's 0.64; above this the plane holds two levels, not one hump. */
export const NOISE_MAX_SEPARABILITY = 0.72;

/**
 * Whether a smoothed plane holds noise alone: Otsu's threshold within its noise, no pixel far above it, and one hump,
 * not two levels (the noise is measured on the pixels under the threshold, which a thin background such as a membrane
 * stain's walls, blurred, makes look wide).
 */
export function noiseAlone(smoothed: Float32Array, width: number, height: number, sigmaPx: number): boolean {
  const otsu = autoThreshold(smoothed, 'otsu');
  const m = noiseMargins(smoothed, otsu, width, height, Math.ceil(2 * sigmaPx));
  return m.threshold < NOISE_OTSU_MARGIN && m.highest < NOISE_HIGHEST_MARGIN && otsuSeparability(smoothed, otsu) < NOISE_MAX_SEPARABILITY;
}

/** NaN pixels (e.g. outside a registered field) are set to the plane's lowest value so they neither smear nor become objects. */
function withoutNaN(plane: PlaneData): { values: PlaneData; missing?: Uint8Array } {
  if (!(plane instanceof Float32Array || plane instanceof Float64Array)) return { values: plane };
  let lowest = Infinity;
  let any = false;
  for (let i = 0; i < plane.length; i++) {
    if (Number.isNaN(plane[i])) any = true;
    else if (plane[i] < lowest) lowest = plane[i];
  }
  if (!any) return { values: plane };
  const values = Float32Array.from(plane);
  const missing = new Uint8Array(plane.length);
  for (let i = 0; i < values.length; i++) if (Number.isNaN(values[i])) (values[i] = Number.isFinite(lowest) ? lowest : 0), (missing[i] = 1);
  return { values, missing };
}

/**
 * Hysteresis: the foreground grows into every pixel above background + noiseSd robust standard
 * deviations (of the smoothed plane outside the foreground) that is connected to it, so the dim
 * body around a textured nucleus's bright parts joins them into one object. A region above that
 * level that no threshold pixel reaches is an object too where it covers at least `minRegionPx`
 * (a dim nucleus wholly under the threshold, or one entering the field with its bright part
 * outside it: judged by the evidence it shows, not by a bright part). Given the threshold the
 * foreground was cut at, the level is at most HYSTERESIS_MAX_SHARE of the way up to it. In place.
 */
export function growToNoise(foreground: Uint8Array, smoothed: Float32Array, width: number, height: number, noiseSd: number, missing?: Uint8Array, minRegionPx = Number.POSITIVE_INFINITY, thresholdValue = Number.POSITIVE_INFINITY): void {
  const { background, noise } = backgroundStats(smoothed, foreground);
  if (!Number.isFinite(background)) return;
  const low = Math.min(background + noiseSd * noise, background + HYSTERESIS_MAX_SHARE * (thresholdValue - background));
  const lowMask = new Uint8Array(width * height);
  for (let i = 0; i < lowMask.length; i++) lowMask[i] = smoothed[i] > low && !missing?.[i] ? 1 : 0;
  const { labels, count } = labelComponents(lowMask, width, height, 8);
  const seeded = new Uint8Array(count + 1);
  const area = new Float64Array(count + 1);
  for (let i = 0; i < foreground.length; i++) (area[labels[i]]++, foreground[i] && (seeded[labels[i]] = 1));
  for (let l = 1; l <= count; l++) if (area[l] >= minRegionPx) seeded[l] = 1;
  for (let i = 0; i < foreground.length; i++) if (labels[i] && seeded[labels[i]]) foreground[i] = 1;
}

/**
 * The growth level's most, as a share of the way from the background to the threshold. Where the
 * background is uneven or holds dim objects, its spread inflates the noise estimate, and background +
 * 3 SD can lie above the threshold itself: growth then does nothing. SIM+ 01 with noise of 0.6x the
 * contrast (blob route, every 8th frame, 357 nuclei; border-partial.ts): the 3 SD level sat 1.1-1.5x
 * the way up; missed 49 (13 of 51 at the edge) -> 0.5: 11, 0.6: 15, 0.7: 21, 0.8: 27; SEG 0.640 ->
 * 0.659 / 0.700 / 0.707 / 0.701. On SIM+ 02's sample frames the 3 SD level sits 0.53-0.74 of the
 * way (growth there measured as right at 3 SD: 2 SD cost SEG), which 0.75 leaves alone.
 */
export const HYSTERESIS_MAX_SHARE = 0.75;

/** Each nucleus of an intensity split (splitByIntensity) covers at least this many minimum object areas (0.4 of a typical nucleus where minAreaPx is a fifth of it). */
const INTENSITY_SPLIT_MIN_PIECE_AREAS = 2;

/**
 * A region above the growth level with no threshold pixel in it is kept only from this many times the
 * area of a disk of the smoothing radius (and the minimum object area): on 4 million pixels of white
 * noise smoothed by 1-8 px, the largest region above 3 SD covered 1.4-5.9 such disks.
 */
const UNSEEDED_REGION_SMOOTHING_DISKS = 8;

/** The least area of a region above the growth level that is an object without a threshold pixel in it. */
export function unseededRegionPx(sigmaPx: number, minAreaPx: number): number {
  return Math.max(minAreaPx, UNSEEDED_REGION_SMOOTHING_DISKS * Math.PI * sigmaPx * sigmaPx);
}

/**
 * Each object takes the background pixels inside its convex hull (pixel centres; objects already
 * there keep theirs). In place.
 */
export function fillConvexHulls(labels: Uint32Array, width: number, height: number): void {
  const { ids, start, order } = groupPixels(labels);
  const cross = (o: number[], a: number[], b: number[]) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  for (const label of ids) {
    const from = start[label];
    const to = start[label + 1];
    if (to - from < 3) continue;
    // The leftmost and rightmost pixel of each row hold the hull's vertices.
    const rows = new Map<number, [number, number]>();
    for (let j = from; j < to; j++) {
      const i = order[j];
      const x = i % width;
      const y = (i - x) / width;
      const r = rows.get(y);
      if (!r) rows.set(y, [x, x]);
      else (r[0] = Math.min(r[0], x)), (r[1] = Math.max(r[1], x));
    }
    const points: number[][] = [];
    for (const [y, [a, b]] of rows) (points.push([a, y]), b !== a && points.push([b, y]));
    points.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
    const lower: number[][] = [];
    for (const p of points) {
      while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], p) <= 0) lower.pop();
      lower.push(p);
    }
    const upper: number[][] = [];
    for (let k = points.length - 1; k >= 0; k--) {
      const p = points[k];
      while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], p) <= 0) upper.pop();
      upper.push(p);
    }
    const hull = lower.slice(0, -1).concat(upper.slice(0, -1));
    if (hull.length < 3) continue;
    let y0 = Infinity;
    let y1 = -Infinity;
    for (const p of hull) (y0 = Math.min(y0, p[1])), (y1 = Math.max(y1, p[1]));
    for (let y = y0; y <= y1; y++) {
      let xl = Infinity;
      let xr = -Infinity;
      for (let k = 0; k < hull.length; k++) {
        const a = hull[k];
        const b = hull[(k + 1) % hull.length];
        if ((a[1] - y) * (b[1] - y) > 0) continue;
        if (a[1] === b[1]) (xl = Math.min(xl, a[0], b[0])), (xr = Math.max(xr, a[0], b[0]));
        else {
          const x = a[0] + ((y - a[1]) * (b[0] - a[0])) / (b[1] - a[1]);
          (xl = Math.min(xl, x)), (xr = Math.max(xr, x));
        }
      }
      const row = y * width;
      for (let x = Math.ceil(xl - 1e-9); x <= Math.floor(xr + 1e-9); x++) if (labels[row + x] === 0) labels[row + x] = label;
    }
  }
}

/**
 * Each object takes the unclaimed pixels of its morphological closing by a disk of radiusPx: the bays a dark
 * spot (a nucleolus) or a dim patch cuts into its outline, up to 2 x radiusPx wide, without the convex hull's
 * reach across a bent or two-lobed object's wide concavities. Windowed per object; objects already there keep
 * their pixels. In place.
 */
export function closeObjectBays(labels: Uint32Array, width: number, height: number, radiusPx: number): void {
  if (!(radiusPx >= 1)) return;
  const { ids, start, order } = groupPixels(labels);
  const pad = Math.ceil(radiusPx) + 2;
  for (const label of ids) {
    const from = start[label];
    const to = start[label + 1];
    const { x0, y0, x1, y1 } = groupBox(order, from, to, width);
    // The window reaches past the plane's edge, so that the closing does not treat the edge as object.
    const wx = x1 - x0 + 1 + 2 * pad;
    const wy = y1 - y0 + 1 + 2 * pad;
    const outside = new Uint8Array(wx * wy).fill(1);
    for (let j = from; j < to; j++) {
      const x = order[j] % width;
      const y = (order[j] - x) / width;
      outside[(y - y0 + pad) * wx + (x - x0 + pad)] = 0;
    }
    // Dilation: within radiusPx of the object; closing: the dilation's pixels farther than radiusPx from its outside.
    const toObject = distanceTransform(outside, wx, wy);
    const dilated = new Uint8Array(wx * wy);
    for (let i = 0; i < dilated.length; i++) dilated[i] = toObject[i] > radiusPx ? 0 : 1;
    const depth = distanceTransform(dilated, wx, wy);
    for (let yy = 0; yy < wy; yy++) {
      const y = yy + y0 - pad;
      if (y < 0 || y >= height) continue;
      for (let xx = 0; xx < wx; xx++) {
        const x = xx + x0 - pad;
        if (x < 0 || x >= width) continue;
        const k = yy * wx + xx;
        if (outside[k] && depth[k] > radiusPx && labels[y * width + x] === 0) labels[y * width + x] = label;
      }
    }
  }
}

/** The plane with its objects bright (dark ones inverted) and, when asked, its background surface subtracted. */
export function brightPlane(values: PlaneData, width: number, height: number, objects: 'bright' | 'dark', flatten: boolean): PlaneData {
  const bright = objects === 'dark' ? brightObjects(toFloat32(values)) : values;
  if (!flatten) return bright;
  return subtractSurface(bright, backgroundSurface(gaussianBlur(bright, width, height, 1), width, height).surface);
}

/**
 * A flattened plane of noise alone is noise alone before the flattening too: where objects fill much of a small field,
 * the background surface follows them and the flattened plane looks like noise (a 64 px field of 5 nuclei of radius
 * 12 px lost 11 of its 15 objects to the noise-alone rule).
 */
function noiseAloneUnflattened(values: PlaneData, width: number, height: number, o: ReturnType<typeof withSegmentDefaults>): boolean {
  if (!o.flattenBackground) return true;
  return noiseAlone(gaussianBlur(brightPlane(values, width, height, o.objects, false), width, height, o.sigmaPx), width, height, o.sigmaPx);
}

/**
 * The join's evidence (seg-join.ts): the border under the dimmer piece by at most 3 noise SD and 0.05 of its contrast;
 * joined, at most twice the plane's median object (a nucleus about to divide) and solid as one nucleus (0.93).
 * On Fluo-N2DH-SIM+ 02 pieces of one nucleus measure valley 0-0.03, 1.0-1.84 x typical, solidity 0.93-0.98; two sister
 * nuclei just after a division touch without a seam at sigmaPx but meet at a waist (docs/design-changes.md, Stop 39 helper D, second task).
 */
const JOIN_PIECES = { maxValleySd: 3, maxValleyShare: 0.05, maxAreaOfTypical: 2, minSolidity: 0.93 };

/**
 * The work of segmentPlane that does not depend on the threshold method (NaN pixels replaced, the plane with its objects
 * bright, its smoothings and whether it is noise alone), kept for one plane while a caller segments that same plane
 * several ways (seg-method-check.ts: by Otsu and by triangle with options otherwise equal). Keyed by the options each
 * piece depends on; the plane must not be written while the share is used. Nothing here outlives the caller's share.
 */
export class PlaneShare {
  private readonly kept = new Map<string, unknown>();
  constructor(readonly plane: PlaneData) {}
  get<T>(key: string, compute: () => T): T {
    if (this.kept.has(key)) return this.kept.get(key) as T;
    const value = compute();
    this.kept.set(key, value);
    return value;
  }
}

/** Segments one width x height plane. NaN pixels count as background. `share` (of this plane) keeps what another method's run can reuse. */
export function segmentPlane(plane: PlaneData, width: number, height: number, options: SegmentOptions = {}, share?: PlaneShare): PlaneSegmentation {
  checkSegmentOptions(options);
  const o = withSegmentDefaults(options);
  if (plane.length !== width * height) throw new RangeError(`plane has ${plane.length} pixels, expected ${width}x${height}`);
  if (o.membraneCellRadiusPx > 0) {
    return segmentMembranePlane(plane, width, height, { cellRadiusPx: o.membraneCellRadiusPx, minAreaPx: o.minAreaPx, maxAreaPx: o.maxAreaPx, borderMinAreaPx: o.borderMinAreaPx, excludeBorder: o.excludeBorder, minMeanIntensity: o.minMeanIntensity });
  }
  if (share && share.plane !== plane) throw new RangeError('segmentPlane: the share belongs to another plane');
  const kept = <T>(key: string, compute: () => T): T => (share ? share.get(key, compute) : compute());
  const { values, missing } = kept('values', () => withoutNaN(plane));
  const brightKey = `bright:${o.objects}:${o.flattenBackground}`;
  const bright = kept(brightKey, () => brightPlane(values, width, height, o.objects, o.flattenBackground));
  const smoothed = kept(`${brightKey}:blur:${o.sigmaPx}`, () => gaussianBlur(bright, width, height, o.sigmaPx));
  const thresholdValue = o.method === 'manual' ? options.threshold! : autoThreshold(smoothed, o.method);
  const foreground = new Uint8Array(width * height);
  if (o.method !== 'manual' && o.emptyIfNoise && kept(`${brightKey}:noise:${o.sigmaPx}`, () => noiseAlone(smoothed, width, height, o.sigmaPx) && noiseAloneUnflattened(values, width, height, o))) return { labels: new Uint32Array(width * height), count: 0, thresholdValue };
  for (let i = 0; i < foreground.length; i++) foreground[i] = smoothed[i] > thresholdValue && !missing?.[i] ? 1 : 0;
  if (o.growToNoiseSd > 0) growToNoise(foreground, smoothed, width, height, o.growToNoiseSd, missing, unseededRegionPx(o.sigmaPx, o.minAreaPx), thresholdValue);
  if (o.fillHoles) fillHoles(foreground, width, height);
  const components = labelComponents(foreground, width, height, 8);
  let labels = components.labels;
  let distance: Float32Array | undefined;
  if (o.splitTouching && components.count > 0) {
    // Specks below the minimum area are dropped first so that they cannot take seeds.
    const kept = filterLabels(labels, width, height, { minAreaPx: o.minAreaPx, borderMinAreaPx: o.borderMinAreaPx });
    for (let i = 0; i < foreground.length; i++) foreground[i] = kept.labels[i] ? 1 : 0;
    // (the distance map of the foreground, which no step below writes: trimToEdges reads it again)
    if (o.splitBy === 'distance') distance = distanceTransform(foreground, width, height);
    const landscape = seedLandscape(smoothed, foreground, width, height, o.splitBy, o.seedSigmaPx, distance);
    labels = splitTouchingObjects(kept.labels, foreground, landscape, width, height, o.minSeedDistancePx);
    if (o.splitBy === 'distance' && o.minSeedDepthPx > 0) labels = mergeShallowBasins(labels, landscape, width, height, o.minSeedDepthPx).labels;
    if (o.splitOversized) splitOversizedObjects(labels, width, height);
    if (o.splitByIntensity) splitIntensityDistinct(labels, width, height, { smoothed, ...backgroundStats(smoothed, foreground), minSeedDistancePx: o.minSeedDistancePx, minPiecePx: INTENSITY_SPLIT_MIN_PIECE_AREAS * o.minAreaPx });
  }
  if (o.edgeFraction > 0) {
    let finer: FinerEdges | undefined;
    if (o.edgeSigmaPx !== undefined && o.edgeSigmaPx < o.sigmaPx) {
      const fine = kept(`${brightKey}:blur:${o.edgeSigmaPx}`, () => gaussianBlur(bright, width, height, o.edgeSigmaPx!));
      finer = { smoothed: fine, ...backgroundStats(fine, foreground) };
    }
    const coarse = backgroundStats(smoothed, foreground);
    trimToEdges(labels, smoothed, coarse.background, o.edgeFraction, distance ?? distanceTransform(foreground, width, height), finer, finer ? coarse.noise : undefined, finer && o.growToNoiseSd > 0 ? { noiseSd: o.growToNoiseSd, rimPx: o.sigmaPx } : undefined);
    if (o.fillHoles) fillLabelHoles(labels, width, height);
  }
  if (o.outlineFraction > 0) {
    const edgeSigma = o.edgeSigmaPx !== undefined && o.edgeSigmaPx < o.sigmaPx ? o.edgeSigmaPx : o.sigmaPx;
    const plane = edgeSigma === o.sigmaPx ? smoothed : gaussianBlur(bright, width, height, edgeSigma);
    outlineAtHalfLevel(labels, plane, width, height, backgroundStats(plane, foreground).background, { fraction: o.outlineFraction, reachPx: 2 * o.sigmaPx });
  }
  if (o.dimGrowthReachPx > 0) growDimObjects(labels, width, height, { bright, smoothed, sigmaPx: o.sigmaPx, noiseSd: o.growToNoiseSd || 3, reachPx: o.dimGrowthReachPx, missing });
  if (o.convexFill) fillConvexHulls(labels, width, height);
  if (o.closeBaysPx > 0) closeObjectBays(labels, width, height, o.closeBaysPx);
  if (o.joinPieces) {
    const objects = new Uint8Array(labels.length);
    for (let i = 0; i < labels.length; i++) objects[i] = labels[i] ? 1 : 0;
    if (joinPiecesWithoutValley(labels, width, height, { smoothed, ...backgroundStats(smoothed, objects), ...JOIN_PIECES, reachPx: o.sigmaPx }) && o.convexFill) fillConvexHulls(labels, width, height);
  }
  const filtered = filterLabels(labels, width, height, { minAreaPx: o.minAreaPx, maxAreaPx: o.maxAreaPx, excludeBorder: o.excludeBorder, borderMinAreaPx: o.borderMinAreaPx, minMeanIntensity: o.minMeanIntensity, intensity: values });
  return { labels: filtered.labels, count: filtered.count, thresholdValue };
}

/**
 * The key segmentPlaneRemembered keeps a segmentation under, or undefined where the options cannot be keyed: the options
 * with their defaults, which is all segmentPlane reads of them (a default given, `splitTouching: true`, is the default left out).
 */
export function segmentationKey(width: number, height: number, options: SegmentOptions): string | undefined {
  const key = definedOptionsKey(withSegmentDefaults(options));
  return key === undefined ? undefined : `segment:${width}x${height}:${key}`;
}

/**
 * segmentPlane, kept by the plane's contents and the options (plane-memo.ts memoOnContents) for segment.ts to find
 * when it segments a copy of the plane with the same options. The result is shared: read only.
 */
export function segmentPlaneRemembered(plane: PlaneData, width: number, height: number, options: SegmentOptions, share?: PlaneShare): PlaneSegmentation {
  const key = segmentationKey(width, height, options);
  return key === undefined ? segmentPlane(plane, width, height, options, share) : memoOnContents(plane, key, () => segmentPlane(plane, width, height, options, share));
}

/** Worker entry: one plane in, its labels out (typed arrays travel without copying). */
export async function segmentPlaneTask(input: { plane: PlaneData; width: number; height: number; options: SegmentOptions }): Promise<PlaneSegmentation> {
  return segmentPlane(input.plane, input.width, input.height, input.options);
}
