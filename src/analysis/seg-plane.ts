// Classical segmentation of one plane, the scikit-image recipe for nuclei:
// Gaussian smoothing -> global threshold (Otsu, Li, triangle or manual) -> fill holes ->
// connected components -> (optional) split touching objects by a marker watershed on the
// Euclidean distance map, seeds from peak_local_max -> size and border filters.
// See the scikit-image gallery "Watershed segmentation" and Fiji's
// Process > Binary > Watershed for the same idea.
import type { PlaneData } from '../image/movie.ts';
import { distanceTransform } from './distance.ts';
import { gaussianBlur } from './filters.ts';
import { fillHoles, filterLabels, labelComponents } from './morphology.ts';
import { threshold as autoThreshold, type ThresholdMethod } from './threshold.ts';
import { peakLocalMax, watershed } from './watershed.ts';

export type SegmentMethod = ThresholdMethod | 'manual';

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
  /** Split touching objects by a distance-transform watershed (default true). */
  splitTouching?: boolean;
  /** Minimum distance between watershed seeds, pixels (peak_local_max min_distance). Default 5. */
  minSeedDistancePx?: number;
  /** Smoothing of the distance map before seeds are picked, pixels (0 = none). Default 1. */
  distanceSigmaPx?: number;
  /** Drop objects that touch the plane's edge (skimage clear_border). Default false. */
  excludeBorder?: boolean;
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
  minSeedDistancePx: 5,
  distanceSigmaPx: 1,
  excludeBorder: false,
};

/** Checks option values; throws a one-line RangeError naming the option. */
export function checkSegmentOptions(options: SegmentOptions): void {
  const o = { ...SEGMENT_DEFAULTS, ...options };
  if (!['otsu', 'li', 'triangle', 'manual'].includes(o.method)) throw new RangeError(`method must be otsu, li, triangle or manual, got ${o.method}`);
  if (o.method === 'manual' && !Number.isFinite(options.threshold)) throw new RangeError('method "manual" needs a numeric threshold (an intensity in the movie\'s units)');
  if (!(o.sigmaPx >= 0 && o.sigmaPx <= 100)) throw new RangeError(`sigmaPx must be between 0 and 100 pixels, got ${o.sigmaPx}`);
  if (!(o.distanceSigmaPx >= 0 && o.distanceSigmaPx <= 100)) throw new RangeError(`distanceSigmaPx must be between 0 and 100 pixels, got ${o.distanceSigmaPx}`);
  if (!(o.minAreaPx >= 0)) throw new RangeError(`minAreaPx must be >= 0, got ${o.minAreaPx}`);
  if (!(o.maxAreaPx >= o.minAreaPx)) throw new RangeError(`maxAreaPx (${o.maxAreaPx}) must be at least minAreaPx (${o.minAreaPx})`);
  if (!Number.isInteger(o.minSeedDistancePx) || o.minSeedDistancePx < 1) throw new RangeError(`minSeedDistancePx must be an integer >= 1, got ${o.minSeedDistancePx}`);
}

/** Splits the objects of `components` at the necks of their distance map. */
export function splitTouchingObjects(
  components: Uint32Array,
  foreground: Uint8Array,
  width: number,
  height: number,
  minSeedDistancePx: number,
  distanceSigmaPx: number,
): Uint32Array {
  const rawDistance = distanceTransform(foreground, width, height);
  const distance = distanceSigmaPx > 0 ? gaussianBlur(rawDistance, width, height, distanceSigmaPx) : rawDistance;
  // Blurring leaks distance into the background; seeds must stay inside their object.
  for (let i = 0; i < distance.length; i++) if (!foreground[i]) distance[i] = 0;
  const peaks = peakLocalMax(distance, width, height, { minDistancePx: minSeedDistancePx, labels: components, excludeBorder: false });
  const seedMask = new Uint8Array(width * height);
  for (const [y, x] of peaks) seedMask[y * width + x] = 1;
  const { labels: markers, count } = labelComponents(seedMask, width, height, 8);
  const flood = new Float32Array(distance.length);
  for (let i = 0; i < flood.length; i++) flood[i] = -distance[i];
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

/** Segments one width x height plane. NaN pixels count as background. */
export function segmentPlane(plane: PlaneData, width: number, height: number, options: SegmentOptions = {}): PlaneSegmentation {
  checkSegmentOptions(options);
  const o = { ...SEGMENT_DEFAULTS, ...options };
  const smoothed = gaussianBlur(plane, width, height, o.sigmaPx);
  const thresholdValue = o.method === 'manual' ? options.threshold! : autoThreshold(smoothed, o.method);
  const foreground = new Uint8Array(width * height);
  for (let i = 0; i < foreground.length; i++) foreground[i] = smoothed[i] > thresholdValue ? 1 : 0;
  if (o.fillHoles) fillHoles(foreground, width, height);
  const components = labelComponents(foreground, width, height, 8);
  let labels = components.labels;
  if (o.splitTouching && components.count > 0) {
    // Specks below the minimum area are dropped first so that they cannot take seeds.
    const kept = filterLabels(labels, width, height, { minAreaPx: o.minAreaPx });
    for (let i = 0; i < foreground.length; i++) foreground[i] = kept.labels[i] ? 1 : 0;
    labels = splitTouchingObjects(kept.labels, foreground, width, height, o.minSeedDistancePx, o.distanceSigmaPx);
  }
  const filtered = filterLabels(labels, width, height, { minAreaPx: o.minAreaPx, maxAreaPx: o.maxAreaPx, excludeBorder: o.excludeBorder });
  return { labels: filtered.labels, count: filtered.count, thresholdValue };
}

/** Worker entry: one plane in, its labels out (typed arrays travel without copying). */
export async function segmentPlaneTask(input: { plane: PlaneData; width: number; height: number; options: SegmentOptions }): Promise<PlaneSegmentation> {
  return segmentPlane(input.plane, input.width, input.height, input.options);
}
