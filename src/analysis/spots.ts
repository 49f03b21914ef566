// A spot detector by the Laplacian of Gaussian, as TrackMate's LoG detector and scikit-image's blob_log do it: the
// plane blurred at sigma = r / sqrt 2 (the scale at which a disc or a Gaussian spot of radius r answers most), the
// scale-normalised response -sigma^2 * Laplacian of it (a Gaussian spot of amplitude A answers A / 2 at its matched
// scale, so the quality is in the movie's grey levels), its local maxima (3x3, as TrackMate), one per r (the weaker
// of two maxima closer than r is the same spot's, as peak_local_max's min_distance), a quality per maximum (the
// response there) and sub-pixel positions (a parabola through the response in x and in y). Each spot is written as a
// disc of radius r into a label plane, a pixel within reach of two spots going to the nearer one.
//
// The quality threshold, unless given: QUALITY_NOISE_FACTOR times the noise of the response, its median absolute
// deviation over the plane (background pixels are most of a spot image). Not TrackMate's automatic threshold (Otsu on
// the qualities of the maxima), which on a plane of noise with a few spots, or none, splits the noise maxima in two
// and keeps the upper half; on well separated spot qualities the two agree.
import { WorkError } from '../errors.ts';
import { createMovieWriter, type MovieWriter } from '../image/index.ts';
import { sourceFrameExtra } from '../image/frameOrigin.ts';
import type { Movie, PlaneData } from '../image/movie.ts';
import { blobScalesAt, sigmaLadder } from './blobs.ts';
import { gaussianBlur } from './filters.ts';
import { median, selectRank, upperMedianOf } from './quickselect.ts';
import { linkSlices } from './seg-zlink.ts';

/** How many times the response's noise (1.4826 MAD) a maximum must reach to be a spot. */
export const QUALITY_NOISE_FACTOR = 5;
/** Smallest spot radius the detector runs at, px (a blur of sigma 0.71 px; a smaller spot is still one of its maxima). */
export const MIN_SPOT_RADIUS_PX = 1;
/** Largest radius the movie's own peaks are read as spots at, px (the scale search stays among small things). */
export const MAX_MEASURED_SPOT_RADIUS_PX = 6;
/** The radius of a diffraction-limited spot, µm (about the Airy radius over 2 of visible light at NA 1.3-1.4: 0.2 µm). */
export const DIFFRACTION_LIMITED_RADIUS_UM = 0.2;

export interface DetectedSpot {
  /** Position, px (sub-pixel where refined), x to the right, y down. */
  x: number;
  y: number;
  /** The scale-normalised LoG response at the maximum, grey levels (about half a matched spot's amplitude). */
  quality: number;
}

export interface SpotDetection {
  spots: DetectedSpot[];
  /** The quality threshold applied, grey levels. */
  threshold: number;
  /** The response's noise (1.4826 median absolute deviation over the plane), grey levels. */
  noise: number;
  /** Local maxima before the threshold. */
  candidates: number;
}

export interface SpotOptions {
  radiusPx: number;
  /** Quality threshold, grey levels of the response; default QUALITY_NOISE_FACTOR times its noise. */
  quality?: number;
  /** Parabolic sub-pixel positions; default true. */
  subpixel?: boolean;
}

/** -sigma^2 times the Laplacian (isotropic 9-point stencil) of the plane blurred at sigma = r / sqrt 2; edges mirrored. */
export function logResponse(plane: PlaneData, width: number, height: number, radiusPx: number): Float32Array {
  if (!(radiusPx > 0) || !Number.isFinite(radiusPx)) throw new RangeError(`spot radius must be a positive number of pixels, got ${radiusPx}`);
  const sigma = radiusPx / Math.SQRT2;
  const g = gaussianBlur(plane, width, height, sigma, 4, 'mirror');
  const out = new Float32Array(width * height);
  const s2 = sigma * sigma;
  const at = (x: number, y: number) => g[(y < 0 ? Math.min(height - 1, -y) : y >= height ? Math.max(0, 2 * height - 2 - y) : y) * width + (x < 0 ? Math.min(width - 1, -x) : x >= width ? Math.max(0, 2 * width - 2 - x) : x)];
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const c = g[y * width + x];
      const edges = at(x - 1, y) + at(x + 1, y) + at(x, y - 1) + at(x, y + 1);
      const corners = at(x - 1, y - 1) + at(x + 1, y - 1) + at(x - 1, y + 1) + at(x + 1, y + 1);
      // (4 edges + corners - 20 centre) / 6: the Laplacian with an error that does not depend on direction
      out[y * width + x] = (-s2 * (4 * edges + corners - 20 * c)) / 6;
    }
  return out;
}

/** 1.4826 times the median absolute deviation of the values from their median (a normal's standard deviation). */
function robustNoise(values: Float32Array): number {
  const m = upperMedianOf(values);
  const dev = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) dev[i] = Math.abs(values[i] - m);
  return dev.length ? 1.4826 * selectRank(dev, dev.length >> 1) : 0;
}

/** Spots of radius `radiusPx` in one plane, strongest first. */
export function detectSpots(plane: PlaneData, width: number, height: number, options: SpotOptions): SpotDetection {
  if (plane.length !== width * height) throw new RangeError(`plane has ${plane.length} pixels, expected ${width}x${height}`);
  const r = options.radiusPx;
  const response = logResponse(plane, width, height, r);
  const noise = robustNoise(response);
  let largest = 0;
  for (let i = 0; i < response.length; i++) largest = Math.max(largest, Math.abs(response[i]));
  // (a plane with no noise at all, a synthetic one: any maximum above rounding is a spot)
  const threshold = options.quality ?? Math.max(QUALITY_NOISE_FACTOR * noise, 1e-6 * largest);
  const maxima: number[] = [];
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const v = response[i];
      if (!(v > 0)) continue;
      let peak = true;
      for (let dy = -1; dy <= 1 && peak; dy++)
        for (let dx = -1; dx <= 1; dx++) {
          if (!dx && !dy) continue;
          const xx = x + dx;
          const yy = y + dy;
          if (xx < 0 || yy < 0 || xx >= width || yy >= height) continue;
          const u = response[yy * width + xx];
          // (a plateau keeps its first pixel in scan order: strictly above those before, at least those after)
          if (u > v || (u === v && (dy < 0 || (dy === 0 && dx < 0)))) {
            peak = false;
            break;
          }
        }
      if (peak) maxima.push(i);
    }
  const candidates = maxima.length;
  const kept = maxima.filter((i) => response[i] >= threshold).sort((a, b) => response[b] - response[a]);
  const spots: DetectedSpot[] = [];
  const minDist2 = r * r;
  for (const i of kept) {
    const x0 = i % width;
    const y0 = (i - x0) / width;
    let x = x0;
    let y = y0;
    if (options.subpixel !== false) {
      const offset = (l: number, c: number, rr: number) => {
        const d = l - 2 * c + rr;
        return d < 0 ? Math.max(-0.5, Math.min(0.5, (0.5 * (l - rr)) / d)) : 0;
      };
      if (x0 > 0 && x0 < width - 1) x += offset(response[i - 1], response[i], response[i + 1]);
      if (y0 > 0 && y0 < height - 1) y += offset(response[i - width], response[i], response[i + width]);
    }
    if (spots.some((s) => (s.x - x) ** 2 + (s.y - y) ** 2 < minDist2)) continue;
    spots.push({ x, y, quality: response[i] });
  }
  return { spots, threshold, noise, candidates };
}

/** A label plane with each spot a disc of radius `radiusPx` (labels 1..n in the spots' order); a pixel within reach of two spots goes to the nearer. */
export function spotLabels(spots: DetectedSpot[], width: number, height: number, radiusPx: number): Uint32Array {
  const labels = new Uint32Array(width * height);
  const best = new Float32Array(width * height).fill(Number.POSITIVE_INFINITY);
  const r2 = radiusPx * radiusPx;
  spots.forEach((s, k) => {
    const cx = Math.round(s.x);
    const cy = Math.round(s.y);
    // (a disc under one pixel across still holds the pixel of its centre)
    const reach = Math.ceil(radiusPx) + 1;
    for (let y = Math.max(0, cy - reach); y <= Math.min(height - 1, cy + reach); y++)
      for (let x = Math.max(0, cx - reach); x <= Math.min(width - 1, cx + reach); x++) {
        const d2 = (x - s.x) ** 2 + (y - s.y) ** 2;
        const inside = d2 <= r2 || (x === cx && y === cy);
        const i = y * width + x;
        if (inside && d2 < best[i]) (best[i] = d2), (labels[i] = k + 1);
      }
  });
  return labels;
}

/**
 * The radius of the strongest small peaks of some planes: the LoG scale (blobs.ts, Lindeberg's scale selection) at the
 * `count` strongest maxima of each plane's response at the smallest scale, over radii MIN_SPOT_RADIUS_PX to
 * MAX_MEASURED_SPOT_RADIUS_PX; their median. Undefined where no plane has a peak.
 */
export function spotRadiusOfPlanes(planes: { plane: PlaneData; width: number; height: number }[], count = 10): number | undefined {
  const radii: number[] = [];
  const ladder = sigmaLadder(MIN_SPOT_RADIUS_PX / Math.SQRT2, MAX_MEASURED_SPOT_RADIUS_PX / Math.SQRT2);
  for (const { plane, width, height } of planes) {
    const found = detectSpots(plane, width, height, { radiusPx: MIN_SPOT_RADIUS_PX * Math.SQRT2, subpixel: false });
    const points = found.spots.slice(0, count).map((s) => s.y * width + s.x);
    const values = Float32Array.from(plane);
    for (const b of blobScalesAt(values, width, height, points, ladder)) if (Number.isFinite(b.radiusPx)) radii.push(b.radiusPx);
  }
  if (!radii.length) return undefined;
  return Math.min(MAX_MEASURED_SPOT_RADIUS_PX, Math.max(MIN_SPOT_RADIUS_PX, median(radii)));
}

export interface SpotMovieOptions {
  /** 0-based channel. */
  channel: number;
  /** 0-based inclusive frames. */
  frames: [number, number];
  outputPath: string;
  radiusPx: number;
  quality?: number;
  /** Dark spots on a bright background: the planes are inverted first. */
  dark?: boolean;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

export interface SpotMovieResult {
  path: string;
  /** Spots per frame (a z-stack's spots seen in several slices joined through z, counted once). */
  objectsPerFrame: number[];
  /** The quality threshold of each frame (its first slice), grey levels. */
  thresholds: number[];
}

/** Spots in every plane of one channel, written as a label movie of discs (a z-stack's slices joined through z as segment's are). */
export async function detectSpotsInMovie(movie: Movie, options: SpotMovieOptions): Promise<SpotMovieResult> {
  const { x: width, y: height, z: depth } = movie.shape;
  const [first, last] = options.frames;
  const frames = last - first + 1;
  const dtype = (width * height) / Math.max(1, Math.PI * options.radiusPx * options.radiusPx) > 60000 ? 'uint32' : 'uint16';
  const writer: MovieWriter = await createMovieWriter(options.outputPath, {
    shape: { t: frames, z: depth, c: 1, y: height, x: width },
    dtype,
    meta: { ...movie.meta, channelNames: ['labels'], extra: { ...(movie.meta.extra?.frameNumbers !== undefined ? { frameNumbers: movie.meta.extra.frameNumbers } : {}), ...sourceFrameExtra(movie.meta, first) } },
  });
  const objectsPerFrame: number[] = [];
  const thresholds: number[] = [];
  const write = (labels: Uint32Array) => writer.writePlane(dtype === 'uint32' ? labels : Uint16Array.from(labels));
  try {
    for (let t = 0; t < frames; t++) {
      const stack: Uint32Array[] = [];
      const counts: number[] = [];
      for (let z = 0; z < depth; z++) {
        if (options.signal?.aborted) throw new WorkError('spot detection cancelled');
        const read = await movie.plane(first + t, z, options.channel);
        const plane = options.dark ? Float32Array.from(read, (v) => -v) : read;
        const found = detectSpots(plane, width, height, { radiusPx: options.radiusPx, quality: options.quality });
        if (z === 0) thresholds.push(found.threshold);
        stack.push(spotLabels(found.spots, width, height, options.radiusPx));
        counts.push(found.spots.length);
        options.onProgress?.(t * depth + z + 1, frames * depth);
      }
      if (depth === 1) {
        objectsPerFrame.push(counts[0]);
        await write(stack[0]);
        continue;
      }
      const linked = linkSlices(stack);
      objectsPerFrame.push(linked.count);
      for (const labels of linked.labels) await write(labels);
    }
  } catch (err) {
    await writer.abort();
    throw err;
  }
  await writer.close();
  return { path: options.outputPath, objectsPerFrame, thresholds };
}
