// How a label image covers its frame, and the one-line doubt a segmentation result should
// lead with when the objects cannot be the cells: one object over most of the frame (the
// background or a confluent layer taken as an object), or objects that hold only a small part
// of what was above the threshold (a stain that outlines the cells, such as a membrane dye,
// makes one network larger than any cell, which the size filter drops).
import type { Movie } from '../image/movie.ts';
import { openMovie } from '../image/reader.ts';
import { gaussianBlur } from './filters.ts';
import { labelAreas } from './morphology.ts';
import { median } from './quickselect.ts';

export interface LabelCoverage {
  /** Pixels of the largest object over the frame's pixels. */
  largestObjectFraction: number;
  /** Pixels of any object over the frame's pixels. */
  foregroundFraction: number;
}

/** The coverage of one label plane. */
export function labelCoverage(labels: ArrayLike<number>, width: number, height: number): LabelCoverage {
  const n = width * height;
  let maxLabel = 0;
  let foreground = 0;
  for (let i = 0; i < n; i++) {
    const v = labels[i];
    if (v > 0) foreground++;
    if (v > maxLabel) maxLabel = v;
  }
  const areas = labelAreas(labels, maxLabel);
  let largest = 0;
  for (let l = 1; l <= maxLabel; l++) largest = Math.max(largest, areas[l]);
  return { largestObjectFraction: largest / n, foregroundFraction: foreground / n };
}

/** One object over more than this share of the frame is not a cell among others. */
const ONE_OBJECT_FRACTION = 0.5;
/** Objects holding less than this share of the pixels above the threshold left most of the signal out. */
const KEPT_SHARE = 0.5;

/** Coverage of a sampled frame, with the share of its pixels above the segmentation's threshold where one was used. */
export type SampledCoverage = LabelCoverage & { aboveThresholdFraction?: number };

/** Why the objects cannot be the cells: one object over most of the frame, or most of the signal left out by the size filter. */
export type CoverageDoubtKind = 'one object' | 'signal left out';

/** Which doubt the sampled frames raise (their medians), or undefined when the objects may well be the cells. */
export function coverageDoubtKind(frames: SampledCoverage[]): CoverageDoubtKind | undefined {
  if (!frames.length) return undefined;
  if (median(frames.map((f) => f.largestObjectFraction)) > ONE_OBJECT_FRACTION) return 'one object';
  const above = frames.filter((f) => f.aboveThresholdFraction !== undefined);
  if (!above.length) return undefined;
  const objects = median(above.map((f) => f.foregroundFraction));
  const signal = median(above.map((f) => f.aboveThresholdFraction!));
  return objects < KEPT_SHARE * signal ? 'signal left out' : undefined;
}

/**
 * The doubt to say before the counts, from the coverage of sampled frames (their median), or ''
 * when the objects may well be the cells. `objectsAre` names what was segmented ("bright").
 */
export function coverageDoubt(frames: SampledCoverage[], objectsAre: 'bright' | 'dark' = 'bright'): string {
  const percent = (x: number) => `${Math.round(100 * x)}%`;
  const other = objectsAre === 'bright' ? 'dark' : 'bright';
  const kind = coverageDoubtKind(frames);
  if (kind === 'one object') {
    const largest = median(frames.map((f) => f.largestObjectFraction));
    return `One object covers ${percent(largest)} of the frame: it is likely the background or a confluent layer, not one cell. Check the channel, try objects "${other}", or give the cells' size (objectRadiusPx).`;
  }
  if (kind === 'signal left out') {
    const above = frames.filter((f) => f.aboveThresholdFraction !== undefined);
    const objects = median(above.map((f) => f.foregroundFraction));
    const signal = median(above.map((f) => f.aboveThresholdFraction!));
    return `The objects cover ${percent(objects)} of the frame, but ${percent(signal)} is above the threshold: most of it was left out as larger or smaller than the object size allows. Check the objects: if the stain outlines the cells (a membrane stain), segment with objects "${other}" to take the regions it encloses; if the threshold fell into the background (empty borders, uneven light), try another method or give the cells' size (objectRadiusPx).`;
  }
  return '';
}

/**
 * The doubt for the label movie at `labelsPath` (its note, '' when none, and its kind), made from frames `first..` of
 * `movie` (label frame k is movie frame first + k), from up to 3 sampled frames at the middle z slice;
 * `thresholds` per label frame when a threshold of the movie's own values, smoothed by `sigmaPx`, made them.
 */
export async function segmentationDoubt(labelsPath: string, movie: Movie, channel: number, first: number, thresholds: number[] = [], objectsAre: 'bright' | 'dark' = 'bright', sigmaPx = 0): Promise<SegmentationDoubt> {
  const labels = await openMovie(labelsPath);
  try {
    const z = Math.floor(labels.shape.z / 2);
    const picks = doubtSampleFrames(labels.shape.t);
    return await doubtOfPlanes(picks, await Promise.all(picks.map((k) => labels.plane(k, z, 0))), movie, channel, first, z, thresholds, objectsAre, sigmaPx);
  } finally {
    await labels.close();
  }
}

export type SegmentationDoubt = { note: string; kind?: CoverageDoubtKind; covered?: number; signal?: number };

/** The frames (0-based, of a segmentation of n frames) the doubt is judged on: the first, the middle one and the last. */
export function doubtSampleFrames(n: number): number[] {
  return [...new Set([0, Math.floor((n - 1) / 2), n - 1])];
}

/**
 * segmentationDoubt judged on label planes in memory: `labelPlanes[i]` the labels of frame `picks[i]` (0-based in the
 * segmentation, which starts at the movie's frame `first`), of z-slice `z`; `thresholds` indexed by those frames. The
 * segment tool decides on its sample frames which rule fits before it segments the whole movie once.
 */
export async function doubtOfPlanes(picks: number[], labelPlanes: ArrayLike<number>[], movie: Movie, channel: number, first: number, z: number, thresholds: number[] = [], objectsAre: 'bright' | 'dark' = 'bright', sigmaPx = 0): Promise<SegmentationDoubt> {
  const frames = await sampledCoverage(picks, labelPlanes, movie, channel, first, z, thresholds, objectsAre, sigmaPx);
  // (the medians the doubt is judged on: the share of the frame in objects, and above the threshold where one was used)
  const above = frames.filter((f) => f.aboveThresholdFraction !== undefined);
  const shares = frames.length ? { covered: median(frames.map((f) => f.foregroundFraction)), ...(above.length ? { signal: median(above.map((f) => f.aboveThresholdFraction!)) } : {}) } : {};
  return { note: coverageDoubt(frames, objectsAre), kind: coverageDoubtKind(frames), ...shares };
}

async function sampledCoverage(picks: number[], labelPlanes: ArrayLike<number>[], movie: Movie, channel: number, first: number, z: number, thresholds: number[], objectsAre: 'bright' | 'dark', sigmaPx: number): Promise<SampledCoverage[]> {
  const { x: width, y: height } = movie.shape;
  const frames: SampledCoverage[] = [];
  for (let i = 0; i < picks.length; i++) {
    const k = picks[i];
    const coverage: SampledCoverage = labelCoverage(labelPlanes[i], width, height);
    const level = thresholds[k];
    if (level !== undefined && Number.isFinite(level)) {
      // the threshold was applied to the plane smoothed by sigmaPx, as here
      const raw = await movie.plane(first + k, z, channel);
      const values = sigmaPx > 0 ? gaussianBlur(raw, width, height, sigmaPx) : raw;
      let above = 0;
      for (let j = 0; j < values.length; j++) if (objectsAre === 'bright' ? values[j] > level : values[j] < level) above++;
      coverage.aboveThresholdFraction = above / values.length;
    }
    frames.push(coverage);
  }
  return frames;
}
