// Nuclei segmentation with a deep-learning model: a U-Net (run by the ONNX core) gives
// per-pixel probabilities of background, nucleus interior and nucleus boundary; the
// connected interiors seed a watershed on 1 - p(interior) inside the foreground, so
// touching nuclei stay apart. A model with a fourth output channel "distance" (each
// nucleus pixel's distance to its edge) seeds only with interior pixels deep inside a
// nucleus, so touching nuclei whose interiors join are cut at their waist.
// The "U-Net + boundary class + watershed" recipe of
// Caicedo et al. 2019 (doi:10.1002/cyto.a.23863); model: models/nuclei-unet.
import { createMovieWriter, type MovieWriter } from '../image/index.ts';
import { sourceFrameExtra } from '../image/frameOrigin.ts';
import type { Movie } from '../image/movie.ts';
import { InputError } from '../errors.ts';
import { gaussianDenoise } from './gaussian.ts';
import { filterLabels, labelAreas, labelComponents } from './morphology.ts';
import { linkSlices } from './seg-zlink.ts';
import { thresholdTriangle } from './threshold.ts';
import { watershed } from './watershed.ts';

/** The project's nuclei model (models/nuclei-unet). */
export const DEFAULT_NUCLEI_MODEL = 'nuclei-unet';

/** What a segmentation model finds: its rdf's config.cellpilot.task is "segment-<target>". */
export type SegmentTarget = 'nuclei' | 'cells';

/**
 * A model's own measurement against the classical pipeline on data we did not make
 * (config.cellpilot.evidence in its rdf.yaml, written by its evaluation script).
 */
export interface ModelEvidence {
  data: string;
  measure: 'SEG' | 'DET';
  model: { DET: number; SEG: number };
  /** The classical pipeline as the segment tool runs it by default, on the same frames. */
  classical: { DET: number; SEG: number; method?: string };
  /** The best threshold chosen by name, for information. */
  classicalBestNamed?: { DET: number; SEG: number; method?: string };
  /** How the model's outlines were sized when measured, where that is a choice (seg-shape.ts ShapeArea). */
  area?: string;
  measured?: string;
  /**
   * The same comparison on data unlike the model's training frames (transformed copies of held-out frames:
   * other scales, bit depths, noise, blur, backgrounds; models/training/cells-robust.ts), the mean over them.
   * Where present it decides: a model trained on one movie is judged by what it does on movies it has not
   * seen, and its own movie's held-out frames are only reported beside it.
   */
  unlikeTraining?: { data: string; model: { DET: number; SEG: number }; classical: { DET: number; SEG: number } };
}

export interface TargetModel {
  key: string;
  evidence?: ModelEvidence;
}

/** The installed segmentation models for `target`, best measured first (nuclei: the project's own first). */
export async function modelsForTarget(target: SegmentTarget): Promise<TargetModel[]> {
  const { listModels } = await import('../onnx/index.ts');
  const found: TargetModel[] = [];
  for (const listing of listModels()) {
    const config = (listing.spec?.config.cellpilot ?? {}) as { task?: string; evidence?: ModelEvidence };
    if (config.task === `segment-${target}`) found.push({ key: listing.key, evidence: config.evidence });
  }
  const score = (m: TargetModel) => (m.key === DEFAULT_NUCLEI_MODEL ? 2 : 0) + (m.evidence ? m.evidence.model[m.evidence.measure] : -1);
  return found.sort((a, b) => score(b) - score(a));
}

/**
 * Whether method "auto" should run a model for `target`: only where the model's own evidence
 * shows it beat the classical pipeline on data we did not make. The reason says which and why.
 */
export async function modelByEvidence(target: SegmentTarget): Promise<{ useModel: boolean; key?: string; reason: string }> {
  const [best] = await modelsForTarget(target);
  if (!best) return { useModel: false, reason: `no ${target} segmentation model is installed, so the classical pipeline ran` };
  const e = best.evidence;
  if (!e) return { useModel: false, key: best.key, reason: `${best.key} carries no measurement against the classical pipeline, so the classical pipeline ran` };
  const basis = e.unlikeTraining ?? e;
  const ours = basis.model[e.measure];
  const theirs = basis.classical[e.measure];
  const ownFrames = e.unlikeTraining ? `; on ${e.data}: ${e.model[e.measure].toFixed(2)} against ${e.classical[e.measure].toFixed(2)}` : '';
  const figures = `${e.measure} ${ours.toFixed(2)} for ${best.key} against ${theirs.toFixed(2)} for the classical pipeline on ${basis.data}${ownFrames}`;
  return ours > theirs ? { useModel: true, key: best.key, reason: `the model measured better on ${target}: ${figures}` } : { useModel: false, key: best.key, reason: `the classical pipeline measured better on ${target}: ${figures}` };
}

export interface InstanceOptions {
  /** p(interior) above which a pixel seeds a nucleus. Default 0.5. */
  interiorThreshold?: number;
  /** Seeds smaller than this many pixels are dropped. Default 4. */
  minSeedPx?: number;
  /** Objects smaller than this many pixels are dropped. Default 15. */
  minAreaPx?: number;
  /**
   * The model's distance channel (distance to the nucleus edge, in units of its training radius),
   * when it has one: seeds are then the interior pixels that also lie deeper than distanceSeed in
   * the foreground, so an interior joining two touching nuclei is cut at their narrow waist.
   */
  distance?: Float32Array;
  /** Seed level on the distance channel. Default 0.3. */
  distanceSeed?: number;
}

/**
 * Turns class probabilities (background, interior, boundary planes of width*height)
 * into a label plane 1..count.
 */
export function instancesFromProbabilities(
  background: Float32Array,
  interior: Float32Array,
  width: number,
  height: number,
  options: InstanceOptions = {},
): { labels: Uint32Array; count: number } {
  const threshold = options.interiorThreshold ?? 0.5;
  const n = width * height;
  const seedMask = new Uint8Array(n);
  const foreground = new Uint8Array(n);
  const landscape = new Float32Array(n);
  const distance = options.distance;
  if (distance && distance.length !== n) throw new RangeError(`the distance plane holds ${distance.length} pixels, expected ${width}x${height}`);
  const distanceSeed = options.distanceSeed ?? 0.3;
  for (let i = 0; i < n; i++) {
    foreground[i] = background[i] < 0.5 ? 1 : 0;
    seedMask[i] = interior[i] > threshold && (!distance || (foreground[i] && distance[i] > distanceSeed)) ? 1 : 0;
    landscape[i] = 1 - interior[i];
  }
  const seeds = filterLabels(labelComponents(seedMask, width, height, 4).labels, width, height, { minAreaPx: options.minSeedPx ?? 4 }).labels;
  const flooded = watershed(landscape, seeds, width, height, { mask: foreground, connectivity: 4 });
  if (distance) addUnseededPieces(flooded, foreground, width, height);
  return filterLabels(flooded, width, height, { minAreaPx: options.minAreaPx ?? 15 });
}

/** Pieces of foreground no seed reached (a small or dim nucleus whose distance stayed under the seed level) become objects of their own. */
function addUnseededPieces(labels: Uint32Array, foreground: Uint8Array, width: number, height: number): void {
  const rest = new Uint8Array(labels.length);
  let any = false;
  for (let i = 0; i < labels.length; i++) if (foreground[i] && !labels[i]) {
      rest[i] = 1;
      any = true;
    }
  if (!any) return;
  let next = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] > next) next = labels[i];
  const pieces = labelComponents(rest, width, height, 4).labels;
  for (let i = 0; i < labels.length; i++) if (pieces[i]) labels[i] = next + pieces[i];
}

export interface SegmentWithModelOptions {
  /** 0-based channel holding the nuclei. */
  channel: number;
  /** 0-based inclusive frame range (default all). */
  frames?: [number, number];
  /** Where the label movie (uint16, ImageJ hyperstack) is written. */
  outputPath: string;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  /** A model in models/ (default nuclei-unet), its rdf name, or a folder path. */
  modelName?: string;
  /**
   * Typical object radius in the movie, pixels (estimated by the caller, see seg-auto.ts):
   * planes are resized so objects appear at the radius the model was trained on
   * (config.cellpilot.input_object_radius_px). Default: no resizing.
   */
  objectRadiusPx?: number;
  /** Objects smaller than this many pixels (at the movie's scale) are dropped; default the model's own minimum scaled to the movie. */
  minAreaPx?: number;
  /** Objects larger than this are dropped; default no limit. */
  maxAreaPx?: number;
  /** Drop objects touching the plane's edge. */
  excludeBorder?: boolean;
}

/**
 * The size of the bright objects of a plane as a whole-cell model measures it (its rdf's
 * config.cellpilot.object_radius_measure "foreground"): the equivalent radius sqrt(area / pi)
 * of the piece of foreground (triangle threshold after a 2 px Gaussian) that holds the median
 * foreground pixel, so specks do not count. Elongated cells with protrusions are measured by
 * their area, not by their width. Undefined when the plane has no foreground.
 */
export function foregroundRadiusPx(plane: ArrayLike<number>, width: number, height: number): number | undefined {
  return medianPixelPieceRadiusPx(foregroundPieceAreasPx(plane, width, height));
}

/** The areas of the pieces of foreground of a plane (triangle threshold after a 2 px Gaussian), pixels. */
export function foregroundPieceAreasPx(plane: ArrayLike<number>, width: number, height: number): number[] {
  const smooth = gaussianDenoise(Float32Array.from(plane), width, height, 2);
  const level = thresholdTriangle(smooth);
  const mask = new Uint8Array(smooth.length);
  for (let i = 0; i < smooth.length; i++) mask[i] = smooth[i] > level ? 1 : 0;
  const { labels, count } = labelComponents(mask, width, height, 8);
  return Array.from(labelAreas(labels, count).subarray(1)).filter((a) => a > 0);
}

/** The equivalent radius sqrt(area / pi) of the piece holding the median foreground pixel of `areas` (undefined when empty). */
function medianPixelPieceRadiusPx(areas: number[]): number | undefined {
  const sorted = [...areas].sort((a, b) => a - b);
  const total = sorted.reduce((a, b) => a + b, 0);
  let seen = 0;
  for (const area of sorted) {
    seen += area;
    if (seen >= total / 2) return Math.sqrt(area / Math.PI);
  }
  return undefined;
}

/** The factor planes are resized by so that objects of `objectRadiusPx` appear at the model's training radius (1 when either is unknown). */
export function modelInputScale(trainedRadiusPx: number | undefined, objectRadiusPx: number | undefined): number {
  if (!(trainedRadiusPx && trainedRadiusPx > 0 && objectRadiusPx && objectRadiusPx > 0)) return 1;
  const scale = trainedRadiusPx / objectRadiusPx;
  // Within 10% the model copes by itself; resizing would only cost time and blur.
  return Math.abs(Math.log(scale)) < Math.log(1.1) ? 1 : Math.min(4, Math.max(1 / 16, scale));
}

/** Segments the nuclei of one channel in every plane of the frame range and writes a label movie. */
/** The model that ran: its folder name, folder and the sha256 of its weights. */
export interface ModelRan {
  key: string;
  folder: string;
  sha256: string;
}

/** Frames sampled for the movie's foreground size: enough that cells touching in one frame and apart in the next even out. */
export const FOREGROUND_SIZE_FRAMES = 9;

/**
 * foregroundRadiusPx of the movie as one measure: the pieces of foreground of FOREGROUND_SIZE_FRAMES
 * evenly spaced frames (middle slice) pooled, and the piece holding their median foreground pixel.
 * Per frame the measure swings with whether neighbouring cells touch (MSC-02, every 4th frame:
 * 68-140 px; the median of first, middle and last frames was 84 px, of 3 frames only).
 */
export async function foregroundRadiusOfMovie(movie: Movie, channel: number): Promise<number | undefined> {
  const n = Math.min(FOREGROUND_SIZE_FRAMES, movie.shape.t);
  const frames = [...new Set(Array.from({ length: n }, (_, i) => (n === 1 ? 0 : Math.round((i * (movie.shape.t - 1)) / (n - 1)))))];
  const areas: number[] = [];
  for (const t of frames) areas.push(...foregroundPieceAreasPx(await movie.plane(t, movie.shape.z >> 1, channel), movie.shape.x, movie.shape.y));
  return medianPixelPieceRadiusPx(areas);
}

export async function segmentWithModel(movie: Movie, options: SegmentWithModelOptions): Promise<{ path: string; objectsPerFrame: number[]; inputScale: number; model: ModelRan }> {
  if (!Number.isInteger(options.channel) || options.channel < 0 || options.channel >= movie.shape.c) {
    throw new InputError(`channel ${options.channel + 1} does not exist: the movie has ${movie.shape.c} channel(s)`);
  }
  const [first, last] = options.frames ?? [0, movie.shape.t - 1];
  const { loadModel, mapModelOverMovie, sha256File } = await import('../onnx/index.ts');
  const model = await loadModel(options.modelName ?? DEFAULT_NUCLEI_MODEL);
  const channels = model.spec.outputs[0].axes.find((a) => a.type === 'channel')?.channelNames ?? [];
  const backgroundIndex = channels.indexOf('background');
  const interiorIndex = channels.indexOf('interior');
  const distanceIndex = channels.indexOf('distance');
  if (backgroundIndex < 0 || interiorIndex < 0) {
    throw new InputError(`model ${model.spec.key} is not a segmentation model: its output channels are ${channels.join(', ') || 'unnamed'}, expected background, interior, boundary`);
  }
  const config = (model.spec.config.cellpilot ?? {}) as { input_object_radius_px?: number; object_radius_measure?: string; postprocess?: { interior_threshold?: number; min_seed_px?: number; min_area_px?: number; distance_seed?: number } };
  const post = config.postprocess ?? {};
  // A model trained at a size measured its own way is sized by that measure of the movie.
  const objectRadiusPx = config.object_radius_measure === 'foreground' ? ((await foregroundRadiusOfMovie(movie, options.channel)) ?? options.objectRadiusPx) : options.objectRadiusPx;
  const inputScale = modelInputScale(config.input_object_radius_px, objectRadiusPx);
  // The model's own minimum sizes hold at its scale; in the movie they are 1/scale^2 as large.
  const areaAtMovieScale = (px: number | undefined) => (px === undefined ? undefined : Math.max(1, Math.round(px / (inputScale * inputScale))));
  const { x: width, y: height, z: slices } = movie.shape;
  const objectsPerFrame = new Array<number>(last - first + 1).fill(0);
  const stack: Uint32Array[] = [];
  let writer: MovieWriter | undefined;
  try {
    writer = await createMovieWriter(options.outputPath, {
      shape: { t: last - first + 1, z: slices, c: 1, y: height, x: width },
      dtype: 'uint16',
      meta: { ...movie.meta, channelNames: ['labels'], extra: { model: model.spec.key, ...(movie.meta.extra?.frameNumbers !== undefined ? { frameNumbers: movie.meta.extra.frameNumbers } : {}), ...sourceFrameExtra(movie.meta, first) } },
    });
    const out = writer;
    const mapOptions = { channels: [options.channel], frames: [first, last] as [number, number], signal: options.signal, onProgress: options.onProgress, inputScale };
    await mapModelOverMovie(model, movie, mapOptions, async ({ t, planes }) => {
      const instances = instancesFromProbabilities(planes[backgroundIndex], planes[interiorIndex], width, height, {
        interiorThreshold: post.interior_threshold,
        minSeedPx: areaAtMovieScale(post.min_seed_px ?? 4),
        minAreaPx: options.minAreaPx ?? areaAtMovieScale(post.min_area_px ?? 15),
        distance: distanceIndex >= 0 ? planes[distanceIndex] : undefined,
        distanceSeed: post.distance_seed,
      });
      const { labels, count } =
        options.maxAreaPx !== undefined || options.excludeBorder
          ? filterLabels(instances.labels, width, height, { maxAreaPx: options.maxAreaPx, excludeBorder: options.excludeBorder })
          : instances;
      if (count > 65535) throw new InputError(`a plane has ${count} objects, more than a uint16 label image holds`);
      if (slices === 1) {
        objectsPerFrame[t - first] = count;
        await out.writePlane(Uint16Array.from(labels));
        return;
      }
      // A z-stack's slices (which come in order) are joined into 3-D objects once the frame's last one is in (seg-zlink.ts).
      stack.push(Uint32Array.from(labels));
      if (stack.length < slices) return;
      const linked = linkSlices(stack.splice(0));
      objectsPerFrame[t - first] = linked.count;
      for (const plane of linked.labels) await out.writePlane(Uint16Array.from(plane));
    });
  } catch (err) {
    await writer?.abort();
    throw err;
  }
  await writer.close();
  // which model ran, for the provenance: its folder and the sha256 of its weights
  const ran = { key: model.spec.key, folder: model.spec.folder, sha256: model.spec.weights.sha256 ?? sha256File(model.spec.weights.path) };
  return { path: options.outputPath, objectsPerFrame, inputScale, model: ran };
}
