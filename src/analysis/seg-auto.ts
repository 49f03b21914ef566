// Segmentation parameters from the movie: the typical object radius and polarity are
// measured on a few sample planes (object-size.ts), and every size-dependent parameter the
// user did not set is derived from that radius (smoothing, seed spacing, area limits).
// What was chosen, and from what, is returned so the tool can say it.
import type { Movie, PlaneData } from '../image/movie.ts';
import { DIM_COARSE_FACTOR, DIM_OBJECT_SNR } from './seg-dim-growth.ts';
import { OVERSIZED_AREA_RATIO } from './seg-oversized.ts';
import { estimateBlobScale, estimateObjectScale, MAX_SAMPLE_RADIUS_RATIO, objectScaleDoubt, type ObjectPolarity } from './object-size.ts';
import { gaussianBlur, toFloat32 } from './filters.ts';
import { fillHoles, labelComponents } from './morphology.ts';
import { brightObjects, contrastSides, detectPolarity, pixelNoiseSd } from './object-size.ts';
import { backgroundSurface, backgroundUnevenness } from './seg-background.ts';
import { threshold, type ThresholdMethod } from './threshold.ts';
import { thresholdBreakage } from './seg-method-check.ts';
import { memoOnPlane } from './plane-memo.ts';
import { selectRank } from './quickselect.ts';
import { brightPlane, noiseAlone, segmentPlane, SEGMENT_DEFAULTS, unseededRegionPx, HYSTERESIS_MAX_SHARE, type PlaneSegmentation, type SegmentOptions } from './seg-plane.ts';

export interface AutoSegmentOptions extends Omit<SegmentOptions, 'objects' | 'method'> {
  /** Threshold method, or "auto": Otsu or triangle chosen from the sample planes (chooseThresholdMethod). Default otsu. */
  method?: SegmentOptions['method'] | 'auto';
  /** Bright objects on a dark background (fluorescence) or dark ones (phase contrast, brightfield); default detected. */
  objects?: ObjectPolarity | 'auto';
  /** Typical object radius in pixels, when the user knows it; default estimated. */
  objectRadiusPx?: number;
  /** Pixel size in µm, when known: used for a fallback radius when nothing can be measured. */
  pixelSizeUm?: number;
  /** 'round' objects (nuclei, default) or 'irregular' ones (whole cells with protrusions), which split only at deep waists. */
  shape?: ObjectShape;
}

export type ObjectShape = 'round' | 'irregular';

export type ParameterSource = 'given' | 'estimated' | 'default';

export interface ChosenParameters {
  objectRadiusPx: number;
  objects: ObjectPolarity;
  method: NonNullable<SegmentOptions['method']>;
  /** Why that method: for "auto", the evidence from the movie; empty when it was given. */
  methodReason: string;
  sigmaPx: number;
  /** Smoothing of the plane the edges of clear objects are placed on (undefined: the sigmaPx plane). */
  edgeSigmaPx: number | undefined;
  minAreaPx: number;
  maxAreaPx: number;
  minSeedDistancePx: number;
  /** How far a piece's distance-map peak must rise above the waist to its neighbour to stay a separate object, pixels. */
  minSeedDepthPx: number;
  seedSigmaPx: number;
  /** Where each value came from. */
  sources: Record<'objectRadiusPx' | 'objects' | 'sigmaPx' | 'edgeSigmaPx' | 'minAreaPx' | 'maxAreaPx' | 'minSeedDistancePx' | 'minSeedDepthPx' | 'seedSigmaPx', ParameterSource>;
  /** Sample planes and objects the estimate rests on. */
  evidence: { planes: number; objects: number };
  /** Why the estimated radius is not to be trusted (object-size.ts objectScaleDoubt); undefined when nothing speaks against it or it was given. */
  sizeDoubt?: string;
  /** Hysteresis (seg-plane.ts growToNoiseSd): objects grow down to this many noise SD above the background; 0 = off. */
  growToNoiseSd: number;
  /** Dim objects grown this far on a plane smoothed twice as much, their touching pieces joined (seg-dim-growth.ts); 0 = off. */
  dimGrowthReachPx: number;
  /** Each object filled to its convex hull (seg-plane.ts convexFill): textured nuclei seen through the blob scale. */
  convexFill: boolean;
  /** Each object's bays closed by a disk of this radius (seg-plane.ts closeBaysPx): notches a nucleolus cuts; 0 = off. */
  closeBaysPx: number;
  /** Objects far larger than their peers split again by their shape (seg-plane.ts splitOversized): round objects. */
  splitOversized: boolean;
  /** Objects holding a bright and a dim nucleus cut along the valley between them (seg-plane.ts splitByIntensity): when asked. */
  splitByIntensity: boolean;
  /** The background surface subtracted before thresholding (uneven illumination, seg-background.ts). */
  flattenBackground: boolean;
  /** Why it was (empty when not, or given). */
  backgroundReason: string;
  /** Why the smoothing is heavier than the radius alone asks (noise); empty when it is not. */
  noiseReason: string;
  /** The movie's pixel size, µm, when the file states it: the radius is then said in µm too. */
  pixelSizeUm?: number;
  /** Why the radius was measured after heavier smoothing than usual (object-size.ts beyondNoiseGrain); absent otherwise. */
  sizeReason?: string;
  /**
   * Why bright or dark objects cannot be told from the movie (structures on both sides of the background, as in
   * brightfield or phase contrast; object-size.ts contrastSides); absent where the polarity was given or is clear.
   */
  polarityDoubt?: string;
}

/**
 * Objects are trimmed to a quarter of the way from background to their median level: the low
 * thresholds that find dim objects (triangle) otherwise add the blur halo of bright ones.
 * Measured on foreign data: SEG +0.02 on MSC-02, -0.01 on SIM+ 02; fixes IoU < 0.5 on bright blurred disks.
 */
const AUTO_EDGE_FRACTION = 0.25;

/**
 * Round objects' bays are closed by a disk of this fraction of the radius (seg-plane.ts closeObjectBays): a dark
 * nucleolus at a textured nucleus's edge otherwise cuts a notch that hole filling cannot reach. Measured
 * (models/README.md, 3 December 2026 21:05-22:50): our simulator textured 3x SEG 0.764 -> 0.777, F1 0.923 ->
 * 0.940; every other set within 0.002. Not for whole cells: it would fill the space between protrusions.
 */
const BAY_RADIUS_FRACTION = 0.4;

/**
 * An object the field's edge cuts may be any part of a nucleus (one entering the field): a derived minimum
 * area applies to it at this fraction (a minimum given by the user applies to every object). Round objects
 * only: whole cells' protrusions cut by the edge are specks (MSC-02 DET 0.924 -> 0.900 with it; SIM+ 01
 * 0.990 -> 0.997, SEG 0.840 -> 0.844; SIM+ 02 unchanged; eval-real.ts all every=10).
 */
const BORDER_MIN_AREA_FRACTION = 0.25;

/** A nucleus is about 10 µm across; the radius assumed when the movie shows nothing measurable. */
const FALLBACK_NUCLEUS_RADIUS_UM = 5;
/** The radius the classical defaults were sized for (sigma 2, seeds 4 px apart), used when nothing can be measured and the pixel size is unknown. */
const FALLBACK_RADIUS_PX = 8;

export interface SamplePlane {
  plane: PlaneData;
  width: number;
  height: number;
}

function finite(plane: PlaneData): Float32Array {
  const values = toFloat32(plane);
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) values[i] = 0;
  return values;
}

/** The plane smoothed by 1 px (non-finite pixels as 0), as the polarity, background and two-sidedness read it; shared, read only. */
function lightPlane({ plane, width, height }: SamplePlane): Float32Array {
  return memoOnPlane(plane, `light:${width}x${height}`, () => gaussianBlur(finite(plane), width, height, 1));
}

/** estimateObjectScale of a sample plane in the polarity given or detected (the same plane smoothed by 1 px decides), once per plane and polarity. */
function objectScaleOf(sample: SamplePlane, polarity: ObjectPolarity | undefined): ReturnType<typeof estimateObjectScale> {
  const { plane, width, height } = sample;
  const chosen = polarity ?? detectPolarity(lightPlane(sample));
  return memoOnPlane(plane, `scale:${width}x${height}:${chosen}`, () => estimateObjectScale(plane, width, height, chosen, lightPlane(sample)));
}

function median(values: number[]): number {
  const s = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (!s.length) return Number.NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Seeds of round objects (not seen through the blob scale) lie at least this many radii apart. */
const ROUND_SEED_SPACING = 0.7;

/**
 * The most the noise rule (NOISY_SNR) raises the smoothing to, pixels: objects large enough to ask for more already
 * average the noise over hundreds of pixels, and heavier smoothing joins neighbours. The noise rule was measured at
 * r / 6 <= 6.4 px; past this it cost large textured, noisy nuclei (SIM+ 01 at 3x with nucleoli and Poisson noise,
 * eval-robust.ts 'textured 3x+poisson': σ 15.4 px DET / SEG 0.900 / 0.499, σ 8 0.963 / 0.726). The usual r / 6 is never
 * capped: a cap there made the smoothing stop following the movie (SIM+ 01 at 3x and 4x: 8 px for r / 6 of 12.6 and 16.7;
 * models/training/scale-sweep.ts), so the same objects seen at a higher pixel density were smoothed less for their size.
 */
const MAX_NOISE_SMOOTHING_PX = 8;

/** Size-dependent parameters for objects of radius r pixels. */
export function parametersForRadius(radiusPx: number, shape: ObjectShape = 'round', textured = false): { sigmaPx: number; edgeSigmaPx: number | undefined; minAreaPx: number; maxAreaPx: number; minSeedDistancePx: number; seedSigmaPx: number; minSeedDepthPx: number } {
  const area = Math.PI * radiusPx * radiusPx;
  return {
    // Smoothing by a sixth of the radius keeps edges yet suppresses texture and noise. A quarter found more of the
    // very dim nuclei of Fluo-N2DH-SIM+ 02 (DET 0.73 against 0.60) but lost on the tuning data: SIM+ 01 SEG 0.79
    // against 0.83, and crowded nuclei of our simulator (F1 0.77-0.93 against 0.88-0.99 over 4 movies).
    sigmaPx: +Math.max(1, radiusPx / 6).toFixed(2),
    // Edges of objects that stand clear of the noise are placed on the plane smoothed by a tenth of the radius
    // (seg-plane.ts FinerEdges), not on the plane that found them: the r / 6 smoothing blurs them outwards.
    // Measured on foreign data (every 15th frame): SIM+ 01 SEG 0.813 -> 0.830, SIM+ 02 DET 0.651 -> 0.668 and
    // SEG 0.448 -> 0.452, our simulator unchanged (5 movies). Whole cells keep one scale: their thin
    // protrusions break at the finer scale (MSC-02 DET 0.865 -> 0.845).
    edgeSigmaPx: shape === 'irregular' ? undefined : +Math.max(1, radiusPx / 10).toFixed(2),
    // A fragment under a fifth of a typical object is debris or a texture speck.
    minAreaPx: Math.max(8, Math.round(0.2 * area)),
    // Far beyond any single object: only background regions or unsplit sheets are this large.
    maxAreaPx: Math.round(30 * area),
    // Centres of touching round objects are about 2 r apart, but overlapping nuclei and fresh daughters lie closer:
    // seeds 0.7 r apart split them (our simulator, F1 at IoU 0.5, r -> 0.7 r: seed 11 0.899 -> 0.963, seed 9405
    // 0.772 -> 0.912, 9401 0.600 -> 0.686, 9402 0.797 -> 0.899, seed 4 0.893 -> 0.919; cancer_cell_migration_crop
    // 0.959 -> 0.960; Fluo-N2DH-SIM+ 01 SEG 0.843 -> 0.840). Half a radius split more on the simulator (0.977,
    // 0.949, 0.712, 0.908, 0.925) but broke real elongated nuclei (cancer_cell_migration_crop 0.949, FP 10 -> 26).
    // Textured nuclei seen through the blob scale keep r: their bright parts would each take a seed (SIM+ 02 SEG
    // 0.655 -> 0.627 at 0.5 r). Whole cells keep r and split only at deep waists (minSeedDepthPx).
    minSeedDistancePx: Math.max(2, Math.round(shape === 'round' && !textured ? ROUND_SEED_SPACING * radiusPx : radiusPx)),
    seedSigmaPx: +Math.max(1, radiusPx / 6).toFixed(2),
    // Irregular objects (whole cells): pieces whose distance-map peaks rise less than 0.15 r above the waist
    // between them are one cell (MSC-02, every 4th annotated frame: DET 0.69 -> 0.83, SEG 0.51 -> 0.54). Round
    // nuclei split at every seed: the waists of crowded, overlapping nuclei are shallow (our simulator lost
    // F1 0.93 -> 0.81 on one movie with the depth rule).
    minSeedDepthPx: shape === 'irregular' ? +(0.15 * radiusPx).toFixed(2) : 0,
  };
}

/**
 * Otsu runs unless it misses more than this share of the objects the low (triangle) threshold
 * finds: then the movie has dim objects next to bright ones (or dim, textured ones), and Otsu,
 * drawn to the bright ones, would drop them.
 */
const MAX_OTSU_MISSED = 0.05;

/**
 * An object counts as missed by Otsu when Otsu keeps less than this share of its pixels: it then
 * survives only as fragments smaller than half a nucleus, which no measure counts as found (textured
 * nuclei of Fluo-N2DH-SIM+ 02: Otsu covers a median 0.35 of the triangle outline, DET 0.09 against 0.95).
 */
const MIN_OTSU_COVER = 0.25;

/** Objects (at least minAreaPx) above the triangle threshold, and how many of them Otsu keeps less than MIN_OTSU_COVER of. */
function objectsMissedByOtsu(sample: SamplePlane, sigmaPx: number, minAreaPx: number, objects: ObjectPolarity): { found: number; missed: number } {
  const { plane, width, height } = sample;
  const values = toFloat32(plane);
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) values[i] = 0;
  const smoothed = gaussianBlur(objects === 'dark' ? brightObjects(values) : values, width, height, sigmaPx);
  const otsu = threshold(smoothed, 'otsu');
  const triangle = Math.min(otsu, threshold(smoothed, 'triangle'));
  const mask = new Uint8Array(width * height);
  for (let i = 0; i < mask.length; i++) mask[i] = smoothed[i] > triangle ? 1 : 0;
  fillHoles(mask, width, height);
  const { labels, count } = labelComponents(mask, width, height, 8);
  const area = new Float64Array(count + 1);
  const areaAboveOtsu = new Float64Array(count + 1);
  for (let i = 0; i < labels.length; i++) (area[labels[i]]++, smoothed[i] > otsu && areaAboveOtsu[labels[i]]++);
  let found = 0;
  let missed = 0;
  for (let l = 1; l <= count; l++) if (area[l] >= minAreaPx) (found++, areaAboveOtsu[l] < MIN_OTSU_COVER * area[l] && missed++);
  return { found, missed };
}

/** For method "auto": Otsu, or triangle where Otsu would miss dim objects on the sample planes. */
export function chooseThresholdMethod(samples: SamplePlane[], sigmaPx: number, minAreaPx: number, objects: ObjectPolarity): { method: 'otsu' | 'triangle'; reason: string } {
  let found = 0;
  let missed = 0;
  for (const sample of samples) {
    const counts = memoOnPlane(sample.plane, `missed:${sample.width}x${sample.height}:${sigmaPx}:${minAreaPx}:${objects}`, () => objectsMissedByOtsu(sample, sigmaPx, minAreaPx, objects));
    (found += counts.found), (missed += counts.missed);
  }
  const share = found ? missed / found : 0;
  const evidence = `Otsu misses ${missed} of the ${found} objects a low (triangle) threshold finds in ${samples.length} sample frame${samples.length === 1 ? '' : 's'}`;
  if (share <= MAX_OTSU_MISSED) return { method: 'otsu', reason: `chosen from the movie: ${evidence}, so Otsu, midway up the objects' edges, outlines them` };
  return { method: 'triangle', reason: `chosen from the movie: ${evidence} (dim objects next to bright ones); triangle measured best on such foreign data (Fluo-N2DH-SIM+, MSC-02; models/README.md)` };
}

/**
 * Where the blob scale replaced the threshold's radius (the threshold sees only the bright parts of the
 * objects), they are grown down to this many noise SD above the background (seg-plane.ts growToNoiseSd),
 * joining the bright parts through the dim body. Measured on Fluo-N2DH-SIM+ 02 (every 10th frame, DET /
 * SEG): none 0.825 / 0.543, 8 SD 0.836 / 0.549, 5 SD 0.852 / 0.569, 3 SD 0.928 / 0.623. Not for every
 * movie: on SIM+ 01, whose radius the threshold measures, 3 SD lowered SEG 0.843 -> 0.809 (5 SD 0.835).
 */
const BLOB_GROW_NOISE_SD = 3;

/** Largest over smallest of the positive radii (1 when fewer than two). */
function radiusSpread(radii: number[]): number {
  const r = radii.filter((v) => v > 0);
  return r.length < 2 ? 1 : Math.max(...r) / Math.min(...r);
}

/**
 * The blob scale is also taken, without any disagreement between frames, where the median over the sample
 * frames of blob radius / threshold radius reaches this: the threshold then sees only the bright cores of
 * the objects. Measured per frame (blob / threshold radius): Fluo-N2DH-SIM+ 02 1.25-1.65 (frames 0-149,
 * median of the first, middle and last 1.36; of frames 40, 95, 149 1.40), SIM+ 01 1.10-1.27 (median 1.24),
 * MSC-02 0.91-1.98 (median 1.01), cancer_cell_migration_crop 0.95-1.14, our simulator 0.99-1.27 on five
 * sane movies (seed 9405, r 14: median 1.22). Stop 41: SIM+ 02 frames 79-88 (512 px, medians 1.333 in 16 bits, 1.319
 * written in 8 bits) sit on this cut, so the 8-bit copy takes the threshold's radius (TRA 0.753 against 0.874); a cut of
 * 1.30 recovers it but sends SIM+ 01 at 2x to the blob route (SEG 0.810 -> 0.613), so the cut was kept: the ratio of
 * three sample frames does not separate the two kinds with a margin (models/README.md, stop 41 helper D).
 */
const BLOB_OVER_THRESHOLD_RATIO = 1.33;
/**
 * A blob this many times the threshold's radius is no nucleus seen whole but a crowd merged into one blob
 * (simulator seed 9403: 1.70-2.92) or noise specks under the threshold (seed 9404, SNR 3: 2.55-2.74); the
 * ratio route (BLOB_OVER_THRESHOLD_RATIO) is closed where any sample frame reaches it.
 */
const MAX_BLOB_OVER_THRESHOLD_RATIO = 2;

/**
 * The Laplacian-of-Gaussian blob scale of each sample frame (estimateBlobScale) replaces the threshold's
 * radius where the threshold sees only the bright parts of dim, textured nuclei, told by either of:
 * - the threshold's radii disagree between sample frames (object-size.ts MAX_SAMPLE_RADIUS_RATIO) and the
 *   blob radii agree better: such a threshold measures nuclei smaller as they dim (Fluo-N2DH-SIM+ 02:
 *   19.7, 10.7, 11.5 px; blob scale 25.5, 16.8, 15.6), while a crowd of touching nuclei merges into ever
 *   larger blobs (simulator seed 9403: threshold 16.9-32.1 px, blob 29-90), so there the threshold stays;
 * - the threshold's radii agree between sample frames, and the blob radius is consistently larger than the
 *   threshold's (BLOB_OVER_THRESHOLD_RATIO) but not so much larger that it is a crowd or noise
 *   (MAX_BLOB_OVER_THRESHOLD_RATIO): uniformly dim, textured nuclei need not make the frames disagree (SIM+ 02
 *   from frame 40 on: threshold 10.2-11.5 px, 1.13x). Where the frames disagree and the blobs agree no better, the
 *   threshold stays: a small movie of dividing nuclei (our simulator, 64 px, seed 10) measured threshold radii of
 *   8.3-19.5 px as its nuclei crowded and blobs of 10.6-28.1 px (1.45x), and the blob route's 16.75 px for nuclei of
 *   8 px gave F1 0.175 (threshold radius 9.26 px: 0.660); SIM+ 01 and 02 (whole, first 6, 20 and 60 frames, 2x),
 *   MSC-02, seed 11 and the cancer movie choose as before (models/README.md, s29-C).
 * Undefined where the threshold is kept. The blob scale is measured only on frames whose threshold radius
 * is known; its cost is bounded (MAX_BLOB_POINTS objects per plane).
 */
function blobScaleWhereThresholdSeesCores(samples: SamplePlane[], thresholdRadii: number[], objects: ObjectPolarity): { radiusPx: number; note: string } | undefined {
  if (!thresholdRadii.length || thresholdRadii.some((r) => !(r > 0))) return undefined;
  const spread = radiusSpread(thresholdRadii);
  const blob = samples.map((s, k) => memoOnPlane(s.plane, `blob:${s.width}x${s.height}:${objects}:${thresholdRadii[k]}`, () => estimateBlobScale(s.plane, s.width, s.height, objects, thresholdRadii[k], lightPlane(s))));
  if (blob.some((r) => !(r > 0))) return undefined;
  const ratios = blob.map((b, k) => b / thresholdRadii[k]);
  const range = `${Math.min(...blob).toFixed(1)}-${Math.max(...blob).toFixed(1)} px`;
  if (spread > MAX_SAMPLE_RADIUS_RATIO && radiusSpread(blob) < spread)
    return { radiusPx: median(blob), note: `the Laplacian-of-Gaussian blob scale agrees better between them (${range}) and sets the radius` };
  const ratio = median(ratios);
  // Frames that disagree were judged above: the blob scale did not agree better, so their disagreement is a crowd
  // growing (nuclei dividing and merging into ever larger objects), whose blobs are larger still, not dim cores.
  if (spread > MAX_SAMPLE_RADIUS_RATIO) return undefined;
  if (ratio >= BLOB_OVER_THRESHOLD_RATIO && Math.max(...ratios) < MAX_BLOB_OVER_THRESHOLD_RATIO)
    return { radiusPx: median(blob), note: `the Laplacian-of-Gaussian blob scale (${range}) is ${ratio.toFixed(2)}x the threshold's radius (${Math.min(...thresholdRadii).toFixed(1)}-${Math.max(...thresholdRadii).toFixed(1)} px): the threshold sees only the bright cores of dim objects, so the blob scale sets the radius` };
  return undefined;
}

/**
 * The background is flattened (seg-background.ts) where the tile backgrounds of the sample frames vary by at least
 * this share of the objects' contrast (median over the first, middle and last frames). Measured on every variant of
 * the robustness suite (eval-robust.ts): without a gradient at most 0.01 (Fluo-N2DH-SIM+ 01 and 02, MSC-02), 0.15
 * (our simulator), 0.29 (cancer_cell_migration_crop with gamma 0.5; 0.14 as stored); with a gradient of 1.2x the
 * contrast added 0.98-9.8. Flattening where it is not needed is not free (cancer movie as stored, 3 frames: DET /
 * SEG 0.944 / 0.851 -> 0.946 / 0.832 flattened), so flat movies keep the old path.
 */
const UNEVEN_BACKGROUND = 0.4;

/** Whether the sample planes' background is uneven enough to flatten, with the evidence in words. */
export function unevenBackground(samples: SamplePlane[], objects?: ObjectPolarity): { flatten: boolean; unevenness: number; reason: string } {
  const shares = samples.map((sample) => {
    const light = lightPlane(sample);
    const polarity = objects ?? detectPolarity(light);
    return memoOnPlane(sample.plane, `uneven:${sample.width}x${sample.height}:${polarity}`, () => backgroundUnevenness(backgroundSurface(polarity === 'dark' ? brightObjects(light) : light, sample.width, sample.height, false)));
  });
  const unevenness = median(shares);
  const flatten = unevenness >= UNEVEN_BACKGROUND;
  return { flatten, unevenness, reason: flatten ? `the background varies across the field by ${unevenness.toFixed(2)}x the objects' contrast, so it was flattened before thresholding` : '' };
}

/** The sample planes with their background surface subtracted, in their own polarity (for the estimates). */
function flattenedSamples(samples: SamplePlane[], objects: ObjectPolarity): SamplePlane[] {
  // (the same flattened plane for the same plane and polarity: what is measured on it is remembered too)
  return samples.map(({ plane, width, height }) => ({
    plane: memoOnPlane(plane, `flattened:${width}x${height}:${objects}`, () => {
      const bright = brightPlane(finite(plane), width, height, objects, true) as Float32Array;
      if (objects === 'dark') for (let i = 0; i < bright.length; i++) bright[i] = -bright[i];
      return bright;
    }),
    width,
    height,
  }));
}

/**
 * Below this per-pixel signal-to-noise ratio (the objects' contrast, 99.5th percentile minus median, over the noise SD
 * from neighbouring-pixel differences; median over the sample frames) the smoothing grows as 1 / SNR, up to 2x, so the
 * smoothed plane keeps the signal-to-noise of a movie at this SNR. Measured (eval-robust.ts, first / middle / last
 * frames): Fluo-N2DH-SIM+ 01 19-31, SIM+ 02 13-18, MSC-02 5.2-34 (median 10.3), our simulator 44, cancer movie 30;
 * with Poisson or Gaussian noise added (eval-robust.ts) 2.6-7.8. On those noisy variants (2 frames each, DET / SEG):
 * SIM+ 02 Poisson 0.704 / 0.482 -> 0.827 / 0.557, Gaussian 0.778 / 0.521 -> 0.851 / 0.575, inverted + noise 0.649 /
 * 0.470 -> 0.858 / 0.573; SIM+ 01 keeps DET but loses SEG (0.816 -> 0.775, 0.820 -> 0.774): its edges are then placed on
 * the heavier plane (the edge plane scaled alike: Poisson 0.971 / 0.792, SIM+ 02 0.827 / 0.561; not kept). Untouched
 * movies are unchanged (none is under 8).
 */
const NOISY_SNR = 8;
const MAX_NOISE_SMOOTHING = 2;

/** The per-pixel signal-to-noise ratio of a plane with its objects bright (see NOISY_SNR). */
export function pixelSnr(plane: PlaneData, width: number, objects: ObjectPolarity): number {
  const step = Math.max(1, Math.floor(plane.length / 65536));
  const all = new Float64Array(Math.ceil(plane.length / step));
  let n = 0;
  for (let i = 0; i < plane.length; i += step) {
    const v = plane[i];
    if (Number.isFinite(v)) all[n++] = objects === 'dark' ? -v : v;
  }
  const noise = pixelNoiseSd(plane, width);
  if (!n || !(noise >= 0)) return Number.NaN;
  // (the two order statistics by selection, in linear time: the values a sort would put at those ranks)
  const values = all.subarray(0, n);
  const middle = selectRank(values, n >> 1);
  const high = Math.round(0.995 * (n - 1));
  const contrast = (high > n >> 1 ? selectRank(values, high, (n >> 1) + 1) : middle) - middle;
  return noise > 0 ? contrast / noise : Number.POSITIVE_INFINITY;
}

/**
 * Where most sample planes have structures well clear of the background on both sides (object-size.ts
 * contrastSides: brightfield, phase contrast), the sentence that says so; undefined where objects are one-sided.
 */
export function twoSidedDoubt(samples: SamplePlane[]): string | undefined {
  const sides = samples.map((s) => memoOnPlane(s.plane, `sides:${s.width}x${s.height}`, () => contrastSides(s.plane, s.width, lightPlane(s))));
  const twoSided = sides.filter((s) => s.twoSided);
  if (!twoSided.length || twoSided.length * 2 <= sides.length) return undefined;
  const range = (xs: number[]) => (Math.min(...xs) === Math.max(...xs) ? `${+Math.min(...xs).toFixed(1)}` : `${+Math.min(...xs).toFixed(1)}-${+Math.max(...xs).toFixed(1)}`);
  return `on ${twoSided.length} of ${sides.length} sample frames the intensities reach ${range(twoSided.map((s) => s.darkSd))} noise SD below the background and ${range(twoSided.map((s) => s.brightSd))} above it: structures on both sides, as in brightfield or phase contrast, not bright objects on a dark background (fluorescence), so whether the cells are the dark or the bright parts cannot be told from the movie`;
}

/** Chooses every parameter the user left unset from the sample planes (a few frames of the movie). */
export function chooseSegmentParameters(rawSamples: SamplePlane[], options: AutoSegmentOptions = {}): { options: SegmentOptions; chosen: ChosenParameters } {
  const givenPolarity = options.objects && options.objects !== 'auto' ? options.objects : undefined;
  const background = options.flattenBackground !== undefined ? { flatten: options.flattenBackground, unevenness: Number.NaN, reason: '' } : unevenBackground(rawSamples, givenPolarity);
  // Flattened in the polarity the estimate would detect (a majority of the sample frames), so they keep it.
  const darkVotes = () => rawSamples.filter((s) => detectPolarity(lightPlane(s)) === 'dark').length;
  const samples = background.flatten ? flattenedSamples(rawSamples, givenPolarity ?? (darkVotes() * 2 > rawSamples.length ? 'dark' : 'bright')) : rawSamples;
  const scales = options.objectRadiusPx !== undefined && givenPolarity ? [] : samples.map((s) => objectScaleOf(s, givenPolarity));
  const polarityVotes = scales.filter((s) => s.polarity === 'dark').length;
  const objects: ObjectPolarity = givenPolarity ?? (polarityVotes * 2 > scales.length ? 'dark' : 'bright');
  const polarityDoubt = givenPolarity ? undefined : twoSidedDoubt(samples);
  let measured = median(scales.map((s) => s.radiusPx));
  const blob = options.objectRadiusPx === undefined ? blobScaleWhereThresholdSeesCores(samples, scales.map((s) => s.radiusPx), objects) : undefined;
  if (blob) measured = blob.radiusPx;
  let radiusSource: ParameterSource = 'estimated';
  let radiusPx = options.objectRadiusPx ?? measured;
  if (options.objectRadiusPx !== undefined) radiusSource = 'given';
  else if (!(measured > 0)) {
    radiusSource = 'default';
    radiusPx = options.pixelSizeUm ? FALLBACK_NUCLEUS_RADIUS_UM / options.pixelSizeUm : FALLBACK_RADIUS_PX;
  }
  const derived = parametersForRadius(radiusPx, options.shape, !!blob);
  // Noisy movies: the smoothing grows as 1 / SNR below NOISY_SNR (up to 2x); not for whole cells, whose protrusions
  // it erases (MSC-02 with gamma 0.5, SNR 4.4: SEG 0.731 -> 0.610).
  const snr = options.shape === 'irregular' ? Number.POSITIVE_INFINITY : median(samples.map((s) => memoOnPlane(s.plane, `snr:${s.width}:${objects}`, () => pixelSnr(s.plane, s.width, objects))));
  const noiseFactor = snr > 0 ? Math.min(MAX_NOISE_SMOOTHING, Math.max(1, NOISY_SNR / snr)) : 1;
  const usualSigmaPx = derived.sigmaPx;
  if (noiseFactor > 1) derived.sigmaPx = +Math.max(usualSigmaPx, Math.min(MAX_NOISE_SMOOTHING_PX, usualSigmaPx * noiseFactor)).toFixed(2);
  const appliedNoiseFactor = derived.sigmaPx / usualSigmaPx;
  const pick = <K extends Exclude<keyof typeof derived, 'edgeSigmaPx'>>(key: K): [number, ParameterSource] =>
    options[key] !== undefined ? [options[key] as number, 'given'] : [derived[key], radiusSource === 'given' ? 'given' : radiusSource];
  const [sigmaPx, sigmaSource] = pick('sigmaPx');
  const [derivedMinArea, minAreaSource] = pick('minAreaPx');
  const [derivedMaxArea, maxAreaSource] = pick('maxAreaPx');
  // A derived limit gives way to a given one; two given limits that contradict are the user's to fix.
  const minAreaPx = options.minAreaPx === undefined && options.maxAreaPx !== undefined ? Math.min(derivedMinArea, options.maxAreaPx) : derivedMinArea;
  const maxAreaPx = options.maxAreaPx === undefined && options.minAreaPx !== undefined ? Math.max(derivedMaxArea, options.minAreaPx) : derivedMaxArea;
  const [minSeedDistancePx, seedSource] = pick('minSeedDistancePx');
  const [seedSigmaPx, seedSigmaSource] = pick('seedSigmaPx');
  const [minSeedDepthPx, seedDepthSource] = pick('minSeedDepthPx');
  const automatic = options.method === 'auto' ? chooseThresholdMethod(samples, sigmaPx, minAreaPx, objects) : undefined;
  const method = automatic?.method ?? (options.method as SegmentOptions['method']) ?? SEGMENT_DEFAULTS.method;
  const edgeFraction = options.edgeFraction ?? AUTO_EDGE_FRACTION;
  const [edgeSigmaPx, edgeSigmaSource] = options.edgeSigmaPx !== undefined ? [options.edgeSigmaPx, 'given' as ParameterSource] : [derived.edgeSigmaPx, radiusSource];
  const chosen: ChosenParameters = {
    objectRadiusPx: +radiusPx.toFixed(2),
    objects,
    method,
    methodReason: automatic?.reason ?? '',
    sigmaPx,
    edgeSigmaPx,
    minAreaPx,
    maxAreaPx,
    minSeedDistancePx,
    minSeedDepthPx,
    seedSigmaPx,
    sources: {
      objectRadiusPx: radiusSource,
      objects: givenPolarity ? 'given' : 'estimated',
      sigmaPx: sigmaSource,
      edgeSigmaPx: edgeSigmaSource,
      minAreaPx: minAreaSource,
      maxAreaPx: maxAreaSource,
      minSeedDistancePx: seedSource,
      minSeedDepthPx: seedDepthSource,
      seedSigmaPx: seedSigmaSource,
    },
    evidence: { planes: scales.length, objects: scales.reduce((a, s) => a + s.objects, 0) },
    sizeDoubt: radiusSource === 'estimated' ? [objectScaleDoubt(scales, radiusPx), blob?.note].filter(Boolean).join('; ') || undefined : undefined,
    growToNoiseSd: options.growToNoiseSd ?? (blob ? BLOB_GROW_NOISE_SD : 0),
    // Where objects are grown (dim, textured nuclei), a dim one is grown on a plane smoothed twice as much, up to a
    // radius from its pieces, and touching dim pieces without a waist are joined (seg-dim-growth.ts). Fluo-N2DH-SIM+ 02
    // (every 10th frame): DET 0.9375 -> 0.9460. Not for whole cells: their pieces are protrusions of different cells.
    dimGrowthReachPx: options.dimGrowthReachPx ?? ((options.growToNoiseSd ?? (blob ? BLOB_GROW_NOISE_SD : 0)) > 0 && options.shape !== 'irregular' ? Math.round(radiusPx) : 0),
    // The dim parts between a textured nucleus's bright ones, under the grown outline's hull. Measured on
    // Fluo-N2DH-SIM+ 02 (every 10th frame) SEG 0.623 -> 0.655, SIM+ 01 0.843 -> 0.841; not for every
    // movie: our simulator's crowded, overlapping nuclei lost F1 (seed 9401 0.600 -> 0.572, 9405 0.772 -> 0.747).
    // Never for whole cells: the hull would fill the space between their protrusions.
    convexFill: options.convexFill ?? (!!blob && options.shape !== 'irregular'),
    // The hull already holds every bay (blob route); whole cells keep the space between their protrusions.
    closeBaysPx: options.closeBaysPx ?? (options.shape === 'irregular' || (options.convexFill ?? !!blob) ? 0 : Math.round(BAY_RADIUS_FRACTION * radiusPx)),
    // Nuclei pressed together with no seam keep one smoothed distance peak; whole cells are of every size and shape.
    // Our simulator (seg-loss-classes.ts, SEG): seed 11 0.8425 -> 0.8559, 9401 0.5673 -> 0.6078, 9402 0.7624 ->
    // 0.7758, 9405 0.769 -> 0.7906, seed 4 0.843 -> 0.8621.
    splitOversized: options.splitOversized ?? options.shape !== 'irregular',
    // A bright nucleus pressed against a dim one cut along the intensity valley between them: only when asked
    // (seg-intensity-split.ts: on textured nuclei it also cuts one nucleus in two; SIM+ 02 DET 0.937 -> 0.843).
    splitByIntensity: options.splitByIntensity ?? false,
    flattenBackground: background.flatten,
    backgroundReason: background.reason,
    noiseReason: appliedNoiseFactor > 1 && options.sigmaPx === undefined ? `smoothing ${appliedNoiseFactor.toFixed(2)}x the usual sixth of the radius${appliedNoiseFactor < noiseFactor ? ` (${MAX_NOISE_SMOOTHING_PX} px at most)` : ''}: the movie is noisy (signal-to-noise ${snr.toFixed(1)} per pixel, under ${NOISY_SNR})` : '',
    ...(options.pixelSizeUm && options.pixelSizeUm > 0 ? { pixelSizeUm: options.pixelSizeUm } : {}),
    ...(polarityDoubt ? { polarityDoubt } : {}),
    ...(radiusSource === 'estimated' && !blob && scales.some((s) => s.note) ? { sizeReason: `on ${scales.filter((s) => s.note).length} of ${scales.length} sample frames ${scales.find((s) => s.note)!.note}` } : {}),
  };
  const { objects: _o, objectRadiusPx: _r, pixelSizeUm: _p, shape: _s, ...rest } = options;
  const chosenOptions: SegmentOptions = { ...rest, method, objects, sigmaPx, minAreaPx, ...(options.minAreaPx !== undefined || options.shape === 'irregular' ? {} : { borderMinAreaPx: Math.round(BORDER_MIN_AREA_FRACTION * minAreaPx) }), maxAreaPx: chosen.maxAreaPx, minSeedDistancePx, minSeedDepthPx, seedSigmaPx, edgeFraction, edgeSigmaPx, growToNoiseSd: chosen.growToNoiseSd, dimGrowthReachPx: chosen.dimGrowthReachPx, closeBaysPx: chosen.closeBaysPx, splitOversized: chosen.splitOversized, splitByIntensity: chosen.splitByIntensity, convexFill: chosen.convexFill, flattenBackground: chosen.flattenBackground, joinPieces: options.joinPieces ?? options.shape !== 'irregular' };
  // Otsu chosen: unless, once segmented, it leaves in pieces more of triangle's objects than triangle does of its own.
  if (automatic?.method === 'otsu') {
    const breakage = otsuBreakage(rawSamples, chosenOptions, options.shape !== 'irregular', chosen.objectRadiusPx);
    if (breakage.triangle) (chosen.method = chosenOptions.method = 'triangle'), (chosen.methodReason = breakage.reason);
    else chosen.methodReason = `${chosen.methodReason}; ${breakage.reason}`;
  }
  return { options: chosenOptions, chosen };
}

/**
 * Segmented both ways with the chosen options, the share of triangle's objects that Otsu leaves in pieces, net of the
 * Otsu objects triangle leaves in pieces, above which triangle runs (seg-method-check.ts). Measured on the first 20
 * frames of Fluo-N2DH-SIM+ 01 (models/README.md).
 */
const MAX_OTSU_BROKEN = 0.05;

/**
 * One piece under half of a triangle object counts as Otsu losing the object where its equivalent radius is under this
 * share of the radius estimated from the movie's blobs (independent of either threshold): Fluo-N2DH-SIM+ 01 frames 8-23,
 * Otsu's pieces 0.65-0.94 of the estimate (nuclei lost: TRA 0.866 with Otsu, 0.993 with triangle); blurred disks of
 * radius 8 (test/analysis/segment-auto.test.ts), Otsu's pieces 1.08 of it, triangle's outline there the blur halo.
 */
const SHRUNK_RADIUS_SHARE = 0.9;

/** Whether Otsu breaks more objects than MAX_OTSU_BROKEN allows, with the evidence in words. */
function otsuBreakage(samples: SamplePlane[], options: SegmentOptions, round: boolean, objectRadiusPx: number): { triangle: boolean; reason: string } {
  const { byOtsu, byTriangle } = thresholdBreakage(samples, options, round, SHRUNK_RADIUS_SHARE * objectRadiusPx);
  // lost: in pieces none of which holds half of the object, or one piece under half of it and under the blobs' size
  // (SHRUNK_RADIUS_SHARE of the estimated radius); either way the CTC measures miss the object
  const lostByOtsu = byOtsu.broken + byOtsu.shrunk;
  const lostByTriangle = byTriangle.broken + byTriangle.shrunk;
  const triangle = byOtsu.objects > 0 && lostByOtsu - lostByTriangle > MAX_OTSU_BROKEN * byOtsu.objects;
  const shrunk = (counts: { shrunk: number }) => (counts.shrunk ? ` (${counts.shrunk} more outlined at under half, smaller than the objects' estimated size)` : '');
  const evidence = `once segmented, Otsu leaves ${byOtsu.broken} of triangle's ${byOtsu.objects} objects in pieces none of which holds half of it${shrunk(byOtsu)}, triangle ${byTriangle.broken} of Otsu's ${byTriangle.objects}${shrunk(byTriangle)}`;
  if (!triangle) return { triangle, reason: evidence };
  return { triangle, reason: `chosen from the movie: Otsu misses few objects, but ${evidence}, in ${samples.length} sample frame${samples.length === 1 ? '' : 's'}: textured objects, so triangle` };
}

/** Segments one plane with parameters chosen from the plane itself. */
export function segmentPlaneAuto(plane: PlaneData, width: number, height: number, options: AutoSegmentOptions = {}): PlaneSegmentation & { chosen: ChosenParameters } {
  const { options: chosenOptions, chosen } = chooseSegmentParameters([{ plane, width, height }], options);
  return { ...segmentPlane(plane, width, height, chosenOptions), chosen };
}

/** One line for a tool summary: what was chosen, and from what (the model route uses only the size and area limits). */
export function describeChosen(chosen: ChosenParameters, forModel = false): string {
  const from = (s: ParameterSource) => (s === 'estimated' ? 'estimated' : s === 'given' ? 'given' : 'assumed');
  const radius = `object radius ${chosen.objectRadiusPx} px (${from(chosen.sources.objectRadiusPx)}${chosen.sources.objectRadiusPx === 'estimated' ? ` from ${chosen.evidence.objects} objects in ${chosen.evidence.planes} sample frame${chosen.evidence.planes === 1 ? '' : 's'}` : ''}${chosen.sizeReason ? `; ${chosen.sizeReason}` : ''})`;
  const polarity = `${chosen.objects} objects (${chosen.sources.objects === 'given' ? 'given' : 'detected'})`;
  const maxArea = Number.isFinite(chosen.maxAreaPx) ? `${chosen.maxAreaPx}` : 'none';
  const areas = `areas ${chosen.minAreaPx}-${maxArea} px`;
  if (forModel) return `${radius}, ${polarity}; ${areas}${inMicrometres(chosen)}${sizeWarning(chosen)}`;
  const edges = chosen.edgeSigmaPx !== undefined && chosen.edgeSigmaPx < chosen.sigmaPx ? ` (edges of clear objects at ${chosen.edgeSigmaPx} px)` : '';
  const grown = `${chosen.growToNoiseSd > 0 ? `, objects grown down to ${chosen.growToNoiseSd} noise SD above the background (a region there of ${Math.round(unseededRegionPx(chosen.sigmaPx, chosen.minAreaPx))} px or more is an object without a pixel over the threshold), at most ${HYSTERESIS_MAX_SHARE} of the way from the background to the threshold` : ''}${chosen.dimGrowthReachPx > 0 ? `, dim objects (under ${DIM_OBJECT_SNR} noise SD) up to ${chosen.dimGrowthReachPx} px further on a plane smoothed by ${+(DIM_COARSE_FACTOR * chosen.sigmaPx).toFixed(2)} px, their touching pieces without a waist joined` : ''}${chosen.convexFill ? `${chosen.growToNoiseSd > 0 ? ' and' : ', objects'} filled to their convex hull` : chosen.closeBaysPx > 0 ? `; outlines: notches up to ${2 * chosen.closeBaysPx} px wide closed (a disk of ${chosen.closeBaysPx} px, ${BAY_RADIUS_FRACTION} of the radius)` : ''}`;
  const flat = chosen.flattenBackground ? `; ${chosen.backgroundReason || 'background flattened before thresholding'}` : '';
  return `${radius}, ${polarity}${flat}; smoothing ${chosen.sigmaPx} px${edges}, ${areas}, seeds ${chosen.minSeedDistancePx} px apart${chosen.minSeedDepthPx > 0 ? ` and ${chosen.minSeedDepthPx} px deep` : ''}${chosen.splitOversized ? `, objects over ${OVERSIZED_AREA_RATIO}x the median area split again by their shape` : ''}${chosen.splitByIntensity ? ', a bright and a dim nucleus touching cut along the valley between them' : ''}${grown}${chosen.noiseReason ? `; ${chosen.noiseReason}` : ''}${inMicrometres(chosen)}${sizeWarning(chosen)}`;
}

/**
 * The rule that placed the classical outlines, in one phrase for the tool result: where each object's edge lies
 * (a fraction of its own contrast, on which plane), and what is filled in afterwards (growth, hull, bays).
 */
export function describeOutlineRule(chosen: ChosenParameters, edgeFraction: number): string {
  const finer = chosen.edgeSigmaPx !== undefined && chosen.edgeSigmaPx < chosen.sigmaPx ? ` (on the plane smoothed by ${chosen.edgeSigmaPx} px where the object stands clear of its noise, else by ${chosen.sigmaPx} px)` : '';
  const edge = edgeFraction > 0 ? `each object's edge at ${edgeFraction} of the way from the background to its own core level${finer}` : `the threshold's contour on the plane smoothed by ${chosen.sigmaPx} px`;
  const after = [
    chosen.growToNoiseSd > 0 ? `grown down to ${chosen.growToNoiseSd} noise SD above the background first${finer ? ` (an object too dim for that edge still loses the outer ${chosen.sigmaPx} px the growth laid on its blur where its edge level stands above the growth's)` : ''}` : '',
    chosen.dimGrowthReachPx > 0 ? `a dim object grown up to ${chosen.dimGrowthReachPx} px on a plane smoothed by ${+(DIM_COARSE_FACTOR * chosen.sigmaPx).toFixed(2)} px` : '',
    chosen.convexFill ? 'filled to its convex hull' : chosen.closeBaysPx > 0 ? `notches up to ${2 * chosen.closeBaysPx} px wide closed` : '',
  ].filter(Boolean);
  return `${edge}${after.length ? `; ${after.join('; ')}` : ''}`;
}

/**
 * The radius in µm where the file gives the pixel size, and a doubt where that is no plausible cell or nucleus
 * (radius under 0.3 µm: noise specks or a wrong pixel size; over 50 µm: background regions or merged sheets).
 */
function inMicrometres(chosen: ChosenParameters): string {
  if (!chosen.pixelSizeUm) return '';
  const um = chosen.objectRadiusPx * chosen.pixelSizeUm;
  const odd = um < 0.3 || um > 50 ? `, which is implausible for a cell or nucleus: check the pixel size in the file, or give objectRadiusPx` : '';
  return `; at the file's ${+chosen.pixelSizeUm.toPrecision(4)} µm/px the radius is ${+um.toPrecision(3)} µm${odd}`;
}

/** The doubt about an estimated radius, said with the radius used and how to set it; empty when there is none. */
export function sizeWarning(chosen: ChosenParameters): string {
  if (!chosen.sizeDoubt) return '';
  return `. Object size uncertain: ${chosen.sizeDoubt}; the parameters above use ${chosen.objectRadiusPx} px, give objectRadiusPx if you know the size`;
}

export type ToolSegmentMethod = NonNullable<SegmentOptions['method']> | 'model';

/**
 * What method "auto" runs, and why: the classical pipeline, measured better than the nucleus
 * model on ground truth we did not make (models/README.md, models/training/eval-real.ts), with
 * its threshold (Otsu or triangle) chosen from the movie by chooseThresholdMethod.
 */
export const AUTO_METHOD: { method: 'auto'; reason: string } = {
  method: 'auto',
  reason: 'the default, classical thresholding: measured better than the nucleus model on ground truth we did not make (models/README.md)',
};

/** The method to run for the tool's `method` argument ("auto" or a named one), with the reason for an automatic choice. */
export function resolveSegmentMethod(method: ToolSegmentMethod | 'auto'): { method: ToolSegmentMethod | 'auto'; reason: string } {
  return method === 'auto' ? AUTO_METHOD : { method, reason: '' };
}

/** Frames either side of a sample frame of noise alone that are looked at for one with objects. */
const EMPTY_SAMPLE_REACH = 5;

/** Whether a plane is noise alone (an empty frame) whichever side its objects would be (seg-plane.ts `noiseAlone`, at smoothing 2 px). */
function emptySample(plane: PlaneData, width: number, height: number): boolean {
  const smoothed = gaussianBlur(plane, width, height, 2);
  if (!noiseAlone(smoothed, width, height, 2)) return false;
  return noiseAlone(brightObjects(smoothed), width, height, 2);
}

/**
 * Up to `count` planes spread over the frame range (first, middle, last...), middle z slice, for the estimate. A picked
 * frame of noise alone (an empty frame: no cells yet, a focus loss) is replaced by the nearest frame with objects within
 * EMPTY_SAMPLE_REACH frames, so the parameters are measured on objects, not on noise.
 */
export async function sampleMoviePlanes(movie: Movie, channel: number, frames: [number, number], count = 3): Promise<SamplePlane[]> {
  const [first, last] = frames;
  const n = Math.min(count, last - first + 1);
  const picks = [...new Set(Array.from({ length: n }, (_, k) => Math.round(first + (n === 1 ? 0 : (k * (last - first)) / (n - 1)))))];
  const z = Math.floor(movie.shape.z / 2);
  const { x: width, y: height } = movie.shape;
  const samples: SamplePlane[] = [];
  const used = new Set(picks);
  for (const t of picks) {
    let plane = await movie.plane(t, z, channel);
    if (emptySample(plane, width, height)) {
      search: for (let d = 1; d <= EMPTY_SAMPLE_REACH; d++)
        for (const near of [t + d, t - d]) {
          if (near < first || near > last || used.has(near)) continue;
          const other = await movie.plane(near, z, channel);
          if (emptySample(other, width, height)) continue;
          used.add(near);
          plane = other;
          break search;
        }
    }
    samples.push({ plane, width, height });
  }
  return samples;
}
