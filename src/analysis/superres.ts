// 2x spatial super-resolution of one channel of a movie: the trained model
// (models/superres-nuclei, U-Net + pixel shuffle) or bicubic upsampling, cubic
// convolution with a = -0.5 (Keys 1981, doi:10.1109/TASSP.1981.1163711) as ImageJ's
// bicubic "Scale"/"Size". The output movie has twice the width and height and half the
// pixel size; the input is never modified.
import { createMovieWriter, type MovieWriter } from '../image/index.ts';
import type { Movie, MovieMeta, PlaneData } from '../image/movie.ts';
import { InputError, WorkError } from '../errors.ts';

export const DEFAULT_SUPERRES_MODEL = 'superres-nuclei';

export type SuperResMethod = 'model' | 'bicubic';

export interface SuperResOptions {
  method: SuperResMethod;
  /** 0-based channel. */
  channel: number;
  /** 0-based inclusive frame range (default all). */
  frames?: [number, number];
  /** Model name in models/ or folder path (default superres-nuclei). */
  modelName?: string;
  outputPath: string;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export interface SuperResResult {
  path: string;
  planes: number;
  method: SuperResMethod;
  model?: string;
  widthPx: number;
  heightPx: number;
  pixelSizeUm?: number;
}

function cubicWeight(distance: number): number {
  const a = -0.5;
  const d = Math.abs(distance);
  if (d <= 1) return ((a + 2) * d - (a + 3)) * d * d + 1;
  if (d < 2) return ((a * d - 5 * a) * d + 8 * a) * d - 4 * a;
  return 0;
}

/** 1-D 2x cubic upsampling of `lines` lines of n samples (pixel centres aligned, edge samples repeated). */
function upsampleLines2x(input: ArrayLike<number>, n: number, lines: number, lineStride: number, sampleStride: number, outLineStride: number, outSampleStride: number, out: Float64Array): void {
  // Output sample i sits at input coordinate (i + 0.5) / 2 - 0.5 (ImageJ's resize: (x - dstCenter) / scale + srcCenter
  // with dstCenter shifted by scale / 4), i.e. fractions 0.75 (even i) and 0.25 (odd i).
  const wEven = [cubicWeight(1.75), cubicWeight(0.75), cubicWeight(0.25), cubicWeight(1.25)];
  const wOdd = [cubicWeight(1.25), cubicWeight(0.25), cubicWeight(0.75), cubicWeight(1.75)];
  const clamp = (k: number) => (k < 0 ? 0 : k >= n ? n - 1 : k);
  for (let line = 0; line < lines; line++) {
    const src = line * lineStride;
    const dst = line * outLineStride;
    for (let i = 0; i < 2 * n; i++) {
      const base = Math.floor((i + 0.5) / 2 - 0.5);
      const w = i % 2 === 0 ? wEven : wOdd;
      let sum = 0;
      for (let j = 0; j < 4; j++) sum += w[j] * input[src + clamp(base - 1 + j) * sampleStride];
      out[dst + i * outSampleStride] = sum;
    }
  }
}

/**
 * Bicubic 2x upsampling of a plane (row-major, width x height), ImageJ's cubic convolution
 * (a = -0.5) with pixel centres aligned and edges clamped. Returns a (2*height) x (2*width) plane.
 */
export function bicubicUpsample2x(plane: ArrayLike<number>, width: number, height: number): Float32Array {
  if (plane.length !== width * height) throw new InputError(`plane has ${plane.length} values, expected ${width} x ${height} = ${width * height}`);
  const rows = new Float64Array(height * 2 * width);
  upsampleLines2x(plane, width, height, width, 1, 2 * width, 1, rows);
  const full = new Float64Array(4 * width * height);
  upsampleLines2x(rows, height, 2 * width, 1, 2 * width, 1, 2 * width, full);
  return Float32Array.from(full);
}

/** 2x downsampling by 2x2 area averaging (ImageJ "Bin" average, skimage downscale_local_mean); odd edges are dropped. */
export function areaDownsample2x(plane: ArrayLike<number>, width: number, height: number): { plane: Float32Array; width: number; height: number } {
  const w = Math.floor(width / 2);
  const h = Math.floor(height / 2);
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const p = 2 * y * width + 2 * x;
      out[y * w + x] = 0.25 * (plane[p] + plane[p + 1] + plane[p + width] + plane[p + width + 1]);
    }
  return { plane: out, width: w, height: h };
}

/** Mean and population standard deviation of a plane. */
export function meanStd(values: ArrayLike<number>): { mean: number; std: number } {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  const mean = sum / values.length;
  let ss = 0;
  for (let i = 0; i < values.length; i++) ss += (values[i] - mean) ** 2;
  return { mean, std: Math.sqrt(ss / values.length) };
}

/** Maps a network output in its input's zero-mean unit-variance units back to intensities, in place. */
export function denormalise(out: Float32Array, reference: { mean: number; std: number }): Float32Array {
  for (let i = 0; i < out.length; i++) out[i] = out[i] * (reference.std + 1e-6) + reference.mean;
  return out;
}

export function checkChannelAndFrames(movie: Movie, channel: number, frames?: [number, number]): [number, number] {
  if (!Number.isInteger(channel) || channel < 0 || channel >= movie.shape.c) {
    throw new InputError(`channel ${channel + 1} does not exist: the movie has ${movie.shape.c} channel(s) (${movie.meta.channelNames.join(', ')})`);
  }
  const [first, last] = frames ?? [0, movie.shape.t - 1];
  if (!(first >= 0 && last < movie.shape.t && first <= last)) throw new InputError(`frames ${first + 1} to ${last + 1} are outside the movie's 1 to ${movie.shape.t}`);
  return [first, last];
}

function outputMeta(movie: Movie, channel: number, method: SuperResMethod, model?: string): MovieMeta {
  const half = (v?: number) => (v === undefined ? undefined : v / 2);
  return {
    ...movie.meta,
    channelNames: [movie.meta.channelNames[channel] ?? `C${channel + 1}`],
    pixelSizeUm: half(movie.meta.pixelSizeUm),
    pixelSizeYUm: half(movie.meta.pixelSizeYUm),
    extra: { ...(movie.meta.extra ?? {}), superResolution: method === 'model' ? `model ${model}` : 'bicubic 2x' },
  };
}

/** Upsamples one channel of a movie 2x (all z slices of the frame range) into a new float32 movie. */
export async function superResolveMovie(movie: Movie, options: SuperResOptions): Promise<SuperResResult> {
  if (options.method !== 'model' && options.method !== 'bicubic') throw new InputError(`method must be model or bicubic, got ${options.method}`);
  const [first, last] = checkChannelAndFrames(movie, options.channel, options.frames);
  const { x: width, y: height, z: slices } = movie.shape;
  const total = (last - first + 1) * slices;
  let model: string | undefined;
  let loaded: import('../onnx/index.ts').LoadedModel | undefined;
  if (options.method === 'model') {
    const { loadModel } = await import('../onnx/index.ts');
    loaded = await loadModel(options.modelName ?? DEFAULT_SUPERRES_MODEL);
    model = loaded.spec.key;
  }
  const meta = outputMeta(movie, options.channel, options.method, model);
  const writer: MovieWriter = await createMovieWriter(options.outputPath, { shape: { t: last - first + 1, z: slices, c: 1, y: 2 * height, x: 2 * width }, dtype: 'float32', meta });
  let done = 0;
  try {
    if (loaded) {
      const { mapModelOverMovie } = await import('../onnx/index.ts');
      const normalised = (loaded.spec.config.cellpilot as { output?: string } | undefined)?.output === 'input_zero_mean_unit_variance';
      await mapModelOverMovie(loaded, movie, { channels: [options.channel], frames: [first, last], signal: options.signal }, async ({ t, z, planes, height: h, width: w }) => {
        if (h !== 2 * height || w !== 2 * width) throw new InputError(`model ${model} gives ${w}x${h} planes for ${width}x${height} input: it is not a 2x super-resolution model`);
        const input: PlaneData = await movie.plane(t, z, options.channel);
        // The network works in its input's zero-mean unit-variance units (the rdf's preprocessing); map back.
        await writer.writePlane(normalised ? denormalise(planes[0], meanStd(input)) : planes[0]);
        options.onProgress?.(++done, total);
      });
    } else {
      for (let t = first; t <= last; t++)
        for (let z = 0; z < slices; z++) {
          if (options.signal?.aborted) throw new WorkError('cancelled');
          await writer.writePlane(bicubicUpsample2x(await movie.plane(t, z, options.channel), width, height));
          options.onProgress?.(++done, total);
        }
    }
  } catch (err) {
    await writer.abort();
    throw err;
  }
  await writer.close();
  return { path: options.outputPath, planes: total, method: options.method, model, widthPx: 2 * width, heightPx: 2 * height, pixelSizeUm: meta.pixelSizeUm };
}

/** Peak signal-to-noise ratio of `estimate` against `reference`, dB, over the reference's range. */
export function psnrDb(reference: ArrayLike<number>, estimate: ArrayLike<number>): number {
  let min = Infinity;
  let max = -Infinity;
  let se = 0;
  for (let i = 0; i < reference.length; i++) {
    const r = reference[i];
    if (r < min) min = r;
    if (r > max) max = r;
    se += (r - estimate[i]) ** 2;
  }
  const mse = se / reference.length;
  return mse === 0 ? Infinity : 10 * Math.log10((max - min) ** 2 / mse);
}

export interface SuperResChoice {
  method: SuperResMethod;
  reason: string;
  modelPsnrDb: number;
  bicubicPsnrDb: number;
}

/**
 * Decides between the model and bicubic on the movie at hand: a sample plane is binned 2x2
 * and upsampled back by both, and the one that restores the original better (PSNR) wins.
 * Bicubic unless the model is better by at least 0.1 dB.
 */
export async function chooseSuperResMethod(movie: Movie, channel: number, frames: [number, number], modelName = DEFAULT_SUPERRES_MODEL): Promise<SuperResChoice> {
  const { MemoryMovie } = await import('../image/movie.ts');
  const { loadModel, mapModelOverMovie } = await import('../onnx/index.ts');
  const t = Math.floor((frames[0] + frames[1]) / 2);
  const original = await movie.plane(t, Math.floor(movie.shape.z / 2), channel);
  const small = areaDownsample2x(original, movie.shape.x, movie.shape.y);
  const w2 = 2 * small.width;
  const h2 = 2 * small.height;
  const reference = new Float32Array(w2 * h2);
  for (let y = 0; y < h2; y++) for (let x = 0; x < w2; x++) reference[y * w2 + x] = original[y * movie.shape.x + x];
  const bicubic = bicubicUpsample2x(small.plane, small.width, small.height);
  const loaded = await loadModel(modelName);
  const normalised = (loaded.spec.config.cellpilot as { output?: string } | undefined)?.output === 'input_zero_mean_unit_variance';
  let byModel: Float32Array | undefined;
  const sample = new MemoryMovie({ t: 1, z: 1, c: 1, y: small.height, x: small.width }, 'float32', [small.plane]);
  await mapModelOverMovie(loaded, sample, { channels: [0] }, ({ planes }) => {
    byModel = normalised ? denormalise(Float32Array.from(planes[0]), meanStd(small.plane)) : planes[0];
  });
  const modelPsnrDb = psnrDb(reference, byModel!);
  const bicubicPsnrDb = psnrDb(reference, bicubic);
  const method: SuperResMethod = modelPsnrDb > bicubicPsnrDb + 0.1 ? 'model' : 'bicubic';
  const figures = `on frame ${t + 1} binned 2x and restored, the model scored ${modelPsnrDb.toFixed(1)} dB PSNR and bicubic ${bicubicPsnrDb.toFixed(1)} dB`;
  return { method, reason: method === 'model' ? `the model won on this movie: ${figures}` : `bicubic, as the model did not beat it on this movie: ${figures}`, modelPsnrDb, bicubicPsnrDb };
}
