// Denoising a movie channel: Noise2Void (a self-supervised network, run by the ONNX
// core), or the classical Gaussian, median and non-local-means filters. Writes a float32 movie
// with the denoised channel, frame by frame; the input is never modified.
// N2V: Krull, Buchholz & Jug 2019, doi:10.1109/CVPR.2019.00223.
import { createMovieWriter, type MovieWriter } from '../image/index.ts';
import type { Movie, PlaneData } from '../image/movie.ts';
import { InputError, WorkError } from '../errors.ts';
import { gaussianDenoise } from './gaussian.ts';
import { medianFilter } from './medianFilter.ts';
import { estimateNoiseSigma, nlMeansDenoise, type NlMeansOptions } from './nlmeans.ts';

export type DenoiseMethod = 'n2v' | 'gaussian' | 'median' | 'nlmeans';

/** The project's N2V models, trained on simulated nuclei: with frames t-1 and t+1 as context (movies), and single-plane. */
export const DEFAULT_N2V_MODEL = 'n2v-nuclei-t3';
export const DEFAULT_N2V_MODEL_2D = 'n2v-nuclei';

export interface DenoiseOptions {
  method: DenoiseMethod;
  /** 0-based channel to denoise. */
  channel: number;
  /** 0-based inclusive frame range (default all). */
  frames?: [number, number];
  /** N2V model: a folder name in models/, an rdf name or a path (default n2v-nuclei-t3 for movies, n2v-nuclei for single planes). */
  modelName?: string;
  /** N2V: average over the 8 rotations and flips of each plane (test-time augmentation, 8x slower). */
  augment?: boolean;
  /** Gaussian sigma, pixels (Fiji's Gaussian Blur default: 2). */
  sigmaPx?: number;
  /** Median filter radius, pixels (Fiji's Median default: 2; Despeckle is radius 1). */
  radiusPx?: number;
  /** Non-local means parameters (skimage defaults; h defaults to 0.8 x the estimated noise sigma). */
  nlMeans?: NlMeansOptions;
  outputPath: string;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export interface DenoiseResult {
  path: string;
  planes: number;
  method: DenoiseMethod;
  /** The N2V model used, when method is n2v. */
  model?: string;
  /** Mean estimated noise sigma before and after (wavelet MAD), in the movie's units. */
  noiseSigmaBefore: number;
  noiseSigmaAfter: number;
  /** What the filter took out (input - output), see removedSignal. */
  removed: RemovedSignal;
}

/**
 * What a denoiser took out of a plane, the residual input - output: its rms (movie units), and the
 * correlation of neighbouring residual pixels (lag 1, x and y pooled). Camera noise is independent
 * from pixel to pixel, so a residual of noise alone correlates near 0; edges and fine structure the
 * filter removed too are smooth over neighbouring pixels and raise it towards 1. The noise sigma after
 * (finest-scale wavelet) cannot tell these apart: a blur scores high on it by removing signal too.
 */
export interface RemovedSignal {
  residualRms: number;
  /** Lag-1 correlation of the residual, clamped to 0..1: 0 = pixel noise only, near 1 = mostly structure. */
  neighbourCorrelation: number;
}

/** Sums over one plane's residual for removedSignal: its energy and neighbour products (mean removed). */
export function residualSums(input: PlaneData, output: ArrayLike<number>, width: number, height: number): { squares: number; pixels: number; neighbourProducts: number; pairs: number } {
  const n = width * height;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += input[i] - output[i];
  mean /= n;
  let squares = 0;
  let neighbourProducts = 0;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const r = input[i] - output[i] - mean;
      squares += r * r;
      if (x + 1 < width) neighbourProducts += r * (input[i + 1] - output[i + 1] - mean);
      if (y + 1 < height) neighbourProducts += r * (input[i + width] - output[i + width] - mean);
    }
  return { squares, pixels: n, neighbourProducts, pairs: (width - 1) * height + width * (height - 1) };
}

/** The removed signal of a movie from its planes' residualSums, pooled. */
export function removedSignal(sums: ReturnType<typeof residualSums>[]): RemovedSignal {
  let squares = 0, pixels = 0, products = 0, pairs = 0;
  for (const s of sums) (squares += s.squares), (pixels += s.pixels), (products += s.neighbourProducts), (pairs += s.pairs);
  const variance = pixels ? squares / pixels : 0;
  const correlation = variance > 0 && pairs ? products / pairs / variance : 0;
  return { residualRms: Math.sqrt(variance), neighbourCorrelation: Math.min(1, Math.max(0, correlation)) };
}

/** Denoises one plane with a classical filter. */
export function denoisePlaneClassical(plane: PlaneData, width: number, height: number, method: 'gaussian' | 'median' | 'nlmeans', options: Pick<DenoiseOptions, 'sigmaPx' | 'radiusPx' | 'nlMeans'> = {}): Float32Array {
  if (method === 'gaussian') return gaussianDenoise(plane, width, height, options.sigmaPx ?? 2);
  if (method === 'median') return medianFilter(plane, width, height, options.radiusPx ?? 2);
  return nlMeansDenoise(plane, width, height, options.nlMeans);
}

/** Mean and population standard deviation over planes jointly (the zero_mean_unit_variance statistics). */
function meanStd(planes: ArrayLike<number>[]): { mean: number; std: number } {
  let sum = 0;
  let n = 0;
  for (const plane of planes) for (let i = 0; i < plane.length; i++, n++) sum += plane[i];
  const mean = sum / n;
  let sq = 0;
  for (const plane of planes) for (let i = 0; i < plane.length; i++) sq += (plane[i] - mean) ** 2;
  return { mean, std: Math.sqrt(sq / n) };
}

function checkOptions(movie: Movie, options: DenoiseOptions): [number, number] {
  if (!['n2v', 'gaussian', 'median', 'nlmeans'].includes(options.method)) throw new InputError(`method must be n2v, gaussian, median or nlmeans, got ${options.method}`);
  if (!Number.isInteger(options.channel) || options.channel < 0 || options.channel >= movie.shape.c) {
    throw new InputError(`channel ${options.channel + 1} does not exist: the movie has ${movie.shape.c} channel(s)`);
  }
  if (options.sigmaPx !== undefined && !(options.sigmaPx > 0)) throw new InputError(`sigmaPx must be above 0, got ${options.sigmaPx}`);
  const frames = options.frames ?? [0, movie.shape.t - 1];
  if (frames[0] < 0 || frames[1] >= movie.shape.t || frames[0] > frames[1]) throw new InputError(`frames ${frames[0] + 1} to ${frames[1] + 1} are outside the movie's 1 to ${movie.shape.t}`);
  return frames;
}

/** Denoises one channel of a movie (all z slices of the frame range) into a new float32 movie. */
export async function denoiseMovie(movie: Movie, options: DenoiseOptions): Promise<DenoiseResult> {
  const [first, last] = checkOptions(movie, options);
  const { x: width, y: height, z: slices } = movie.shape;
  const total = (last - first + 1) * slices;
  const meta = { ...movie.meta, channelNames: [movie.meta.channelNames[options.channel] ?? `C${options.channel + 1}`] };
  const writer: MovieWriter = await createMovieWriter(options.outputPath, { shape: { t: last - first + 1, z: slices, c: 1, y: height, x: width }, dtype: 'float32', meta });
  let before = 0;
  let after = 0;
  let done = 0;
  const residuals: ReturnType<typeof residualSums>[] = [];
  const write = async (input: PlaneData, output: Float32Array) => {
    before += estimateNoiseSigma(input, width, height);
    after += estimateNoiseSigma(output, width, height);
    residuals.push(residualSums(input, output, width, height));
    await writer.writePlane(output);
    options.onProgress?.(++done, total);
  };
  let model: string | undefined;
  try {
    if (options.method === 'n2v') {
      const { loadModel, mapModelOverMovie, mirroredFrame } = await import('../onnx/index.ts');
      const loaded = await loadModel(options.modelName ?? (movie.shape.t >= 2 ? DEFAULT_N2V_MODEL : DEFAULT_N2V_MODEL_2D));
      model = loaded.spec.key;
      const normalised = (loaded.spec.config.cellpilot as { output?: string } | undefined)?.output === 'input_zero_mean_unit_variance';
      const offsets = (loaded.spec.config.cellpilot as { frame_offsets?: number[] } | undefined)?.frame_offsets ?? [0];
      if (offsets.length > 1 && movie.shape.t < 2) {
        throw new InputError(`model ${model} uses neighbouring frames but the movie has a single frame; use model "${DEFAULT_N2V_MODEL_2D}" or method nlmeans`);
      }
      await mapModelOverMovie(loaded, movie, { channels: [options.channel], frames: [first, last], signal: options.signal, augment: options.augment }, async ({ t, z, planes }) => {
        const input = await movie.plane(t, z, options.channel);
        const out = planes[0];
        if (normalised) {
          // The network works in the input stack's zero-mean unit-variance units; map back.
          const stack = await Promise.all(offsets.map((o) => movie.plane(mirroredFrame(t, o, movie.shape.t), z, options.channel)));
          const { mean, std } = meanStd(stack);
          for (let i = 0; i < out.length; i++) out[i] = out[i] * (std + 1e-6) + mean;
        }
        await write(input, out);
      });
    } else {
      for (let t = first; t <= last; t++)
        for (let z = 0; z < slices; z++) {
          if (options.signal?.aborted) throw new WorkError('cancelled');
          const input = await movie.plane(t, z, options.channel);
          await write(input, denoisePlaneClassical(input, width, height, options.method, options));
        }
    }
  } catch (err) {
    await writer.abort();
    throw err;
  }
  await writer.close();
  return { path: options.outputPath, planes: total, method: options.method, model, noiseSigmaBefore: before / total, noiseSigmaAfter: after / total, removed: removedSignal(residuals) };
}
