// Every plane of a movie as an 8-bit PNG picture, as Fiji's File > Save As > Image Sequence
// (PNG) writes one: a movie stretched between one pair of display limits per channel (ImageJ's
// "Auto", 0.35 % saturated, measured on planes sampled over the whole movie so frames stay
// comparable), channels merged in their colours when each has one, and a label movie with each
// object filled in its own colour; track paths so far may be drawn on each frame, as TrackMate's
// overlay. One plane gives one file; more give a folder of them.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Movie } from '../image/movie.ts';
import type { Tracks } from '../analysis/tracks.ts';
import { channelColours } from '../image/calibration.ts';
import { colorOf, compositeToRgba, displayRange, drawLabelOutlines, drawTracks, type Rgb } from './images.ts';
import { encodePng, type RgbaImage } from './png.ts';

/** Planes sampled (evenly over time, middle slice) to set a channel's display limits. */
const SAMPLED_PLANES = 5;

export interface PlanePicturesOptions {
  /** The movie is a label movie: objects filled in distinct colours, background black. */
  labels: boolean;
  /** Track paths drawn on each frame up to that frame (TrackMate's overlay), in the tracks' pixel coordinates. */
  tracks?: Tracks;
  /** A label movie of the same size whose objects' outlines are drawn on each frame (its frame, or its last one). */
  outlines?: Movie;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

export interface PlanePictures {
  /** The file written (one plane) or the folder holding them (several). */
  path: string;
  files: number;
  /** The display limits used for each channel picture, in the movie's grey levels (none for labels). */
  rangesPerChannel: [number, number][];
  /** Channels merged into one picture in their colours. */
  merged: boolean;
}

/** Display limits for channel c from planes sampled over the movie: one stretch for every frame. */
async function channelRange(movie: Movie, c: number): Promise<[number, number]> {
  const { t: frames, z: slices, x, y } = movie.shape;
  // (n frames evenly from the first to the last; distinct, since n is at most the number of frames)
  const n = Math.min(SAMPLED_PLANES, frames);
  const picks = Array.from({ length: n }, (_, k) => (n === 1 ? 0 : Math.round((k * (frames - 1)) / (n - 1))));
  const stride = Math.max(1, Math.floor((x * y) / 20000));
  const sample: number[] = [];
  for (const t of picks) {
    const plane = await movie.plane(t, Math.floor(slices / 2), c);
    for (let i = 0; i < plane.length; i += stride) sample.push(plane[i]);
  }
  return displayRange(sample);
}

/** A label plane with each object filled in its colour. */
function labelsToRgba(plane: ArrayLike<number>, width: number, height: number): RgbaImage {
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const v = plane[i];
    if (v !== 0) [data[i * 4], data[i * 4 + 1], data[i * 4 + 2]] = colorOf(v);
    data[i * 4 + 3] = 255;
  }
  return { width, height, data };
}

/** The name of one picture: its frame, and its slice and channel where the movie has several. */
function pictureName(t: number, z: number, c: number | undefined, movie: Movie): string {
  const width = (n: number) => String(n).length;
  const { t: frames, z: slices, c: channels } = movie.shape;
  const parts = [`t${String(t + 1).padStart(Math.max(3, width(frames)), '0')}`];
  if (slices > 1) parts.push(`z${String(z + 1).padStart(Math.max(2, width(slices)), '0')}`);
  if (c !== undefined && channels > 1) parts.push(`c${c + 1}`);
  return `${parts.join('_')}.png`;
}

/**
 * Writes the movie's planes as PNG pictures to `target`: that file when there is one picture, else a folder of them
 * (`t001.png`, `t001_z02_c1.png` ...). A failure leaves no half-written folder that this call made.
 */
export async function writePlanePictures(movie: Movie, target: string, options: PlanePicturesOptions): Promise<PlanePictures> {
  const { t: frames, z: slices, c: channels, x: width, y: height } = movie.shape;
  const colours = channelColours(movie.meta, channels);
  const merged = !options.labels && channels > 1 && colours.every(Boolean);
  // one picture per plane and channel, unless the channels merge (labels: one channel of ids)
  const pictureChannels: (number | undefined)[] = merged || channels === 1 ? [undefined] : Array.from({ length: channels }, (_, c) => c);
  const ranges: [number, number][] = options.labels ? [] : await Promise.all(Array.from({ length: channels }, (_, c) => channelRange(movie, c)));
  const total = frames * slices * pictureChannels.length;
  const single = total === 1;
  const created = !single && !existsSync(target);
  if (!single) mkdirSync(target, { recursive: true });
  try {
    let done = 0;
    for (let t = 0; t < frames; t++) {
      for (let z = 0; z < slices; z++) {
        for (const c of pictureChannels) {
          if (options.signal?.aborted) throw new Error('cancelled');
          let image: RgbaImage;
          if (options.labels) image = labelsToRgba(await movie.plane(t, z, c ?? 0), width, height);
          else {
            const shown = c === undefined ? Array.from({ length: channels }, (_, k) => k) : [c];
            const layers = [];
            for (const k of shown) layers.push({ plane: await movie.plane(t, z, k), range: ranges[k], colour: (merged ? colours[k] : undefined) ?? ([255, 255, 255] as Rgb) });
            image = compositeToRgba(layers, width, height);
          }
          if (options.outlines) drawLabelOutlines(image, await options.outlines.plane(Math.min(t, options.outlines.shape.t - 1), Math.min(z, options.outlines.shape.z - 1), 0));
          if (options.tracks) drawTracks(image, options.tracks, { lastFrame: t });
          writeFileSync(single ? target : join(target, pictureName(t, z, c, movie)), encodePng(image));
          options.onProgress?.(++done, total);
        }
      }
    }
    return { path: target, files: total, rangesPerChannel: ranges, merged };
  } catch (err) {
    if (created) rmSync(target, { recursive: true, force: true });
    throw err;
  }
}
