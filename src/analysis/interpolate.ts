// Frame interpolation: doubles the temporal resolution of a movie by predicting the frame
// halfway between each pair of neighbours, with the trained model (models/interp-nuclei,
// a U-Net that corrects the linear blend for moving cells) or by linear blending (the
// mean of the two neighbours: linear interpolation in time). The output has
// 2T-1 frames (originals at odd 1-based frames, predictions in between) and half the
// frame interval; the input is never modified.
import { createMovieWriter, type MovieWriter } from '../image/index.ts';
import type { Movie, MovieMeta } from '../image/movie.ts';
import { InputError, WorkError } from '../errors.ts';
import { checkChannelAndFrames, denormalise, meanStd } from './superres.ts';

export const DEFAULT_INTERP_MODEL = 'interp-nuclei';

export type InterpMethod = 'model' | 'linear';

export interface InterpOptions {
  method: InterpMethod;
  /** 0-based channels to keep and interpolate (default all). */
  channels?: number[];
  /** 0-based inclusive frame range (default all); needs at least 2 frames. */
  frames?: [number, number];
  /** Model name in models/ or folder path (default interp-nuclei). */
  modelName?: string;
  outputPath: string;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export interface InterpResult {
  path: string;
  /** Frames in the output: 2 * input frames - 1. */
  frames: number;
  /** Frames predicted (between neighbours). */
  predictedFrames: number;
  method: InterpMethod;
  model?: string;
  frameIntervalS?: number;
}

/** The mean of two planes: the linear blend halfway between them. */
export function linearBlend(before: ArrayLike<number>, after: ArrayLike<number>): Float32Array {
  if (before.length !== after.length) throw new InputError(`frames must be the same size, got ${before.length} and ${after.length} values`);
  const out = new Float32Array(before.length);
  for (let i = 0; i < out.length; i++) out[i] = 0.5 * (before[i] + after[i]);
  return out;
}

function outputMeta(movie: Movie, channels: number[], method: InterpMethod, model?: string): MovieMeta {
  return {
    ...movie.meta,
    channelNames: channels.map((c) => movie.meta.channelNames[c] ?? `C${c + 1}`),
    frameIntervalS: movie.meta.frameIntervalS === undefined ? undefined : movie.meta.frameIntervalS / 2,
    extra: { ...(movie.meta.extra ?? {}), frameInterpolation: method === 'model' ? `model ${model}` : 'linear blend' },
  };
}

interface Gap {
  t: number;
  z: number;
  c: number;
}

/** Calls `onMiddle(k, plane)` with the predicted middle plane of every gap, in order, from the model or by blending. */
async function predictMiddles(movie: Movie, gaps: Gap[], options: InterpOptions, onMiddle: (k: number, plane: Float32Array) => Promise<void>): Promise<void> {
  if (options.method === 'linear') {
    for (let k = 0; k < gaps.length; k++) {
      if (options.signal?.aborted) throw new WorkError('cancelled');
      const { t, z, c } = gaps[k];
      await onMiddle(k, linearBlend(await movie.plane(t, z, c), await movie.plane(t + 1, z, c)));
    }
    return;
  }
  const { loadModel, predictSamples, tensorFromPlanes, planesFromTensor } = await import('../onnx/index.ts');
  const model = await loadModel(options.modelName ?? DEFAULT_INTERP_MODEL);
  const input = model.spec.inputs[0];
  const channelsIn = input.axes.find((a) => a.type === 'channel');
  if (model.spec.inputs.length !== 1 || channelsIn?.size.kind !== 'fixed' || channelsIn.size.value !== 2) {
    throw new InputError(`model ${model.spec.key} is not a frame interpolation model: it must take one input with 2 channels (frame before, frame after)`);
  }
  const normalised = (model.spec.config.cellpilot as { output?: string } | undefined)?.output === 'input_zero_mean_unit_variance';
  const { y: height, x: width } = movie.shape;
  const stats: Array<{ mean: number; std: number }> = [];
  async function* samples() {
    for (const { t, z, c } of gaps) {
      const pair = [await movie.plane(t, z, c), await movie.plane(t + 1, z, c)];
      stats.push(pairStats(pair[0], pair[1]));
      yield new Map([[input.id, tensorFromPlanes(input, pair, height, width, `model ${model.spec.key}`)]]);
    }
  }
  await predictSamples(
    model,
    samples(),
    async (k, outputs) => {
      const plane = planesFromTensor(outputs.get(model.spec.outputs[0].id)!).planes[0];
      // The network works in the pair's zero-mean unit-variance units (the rdf's preprocessing); map back.
      await onMiddle(k, normalised ? denormalise(plane, stats[k]) : plane);
    },
    { signal: options.signal },
  );
}

/** Mean and SD over both planes of a pair (zero_mean_unit_variance over channel, y, x). */
function pairStats(a: ArrayLike<number>, b: ArrayLike<number>): { mean: number; std: number } {
  const both = new Float64Array(a.length + b.length);
  both.set(a as ArrayLike<number>);
  both.set(b as ArrayLike<number>, a.length);
  return meanStd(both);
}

/** Writes a movie with 2T-1 frames: the originals and the predicted middle frames between them. */
export async function interpolateMovie(movie: Movie, options: InterpOptions): Promise<InterpResult> {
  if (options.method !== 'model' && options.method !== 'linear') throw new InputError(`method must be model or linear, got ${options.method}`);
  const channels = options.channels ?? Array.from({ length: movie.shape.c }, (_, c) => c);
  if (channels.length === 0) throw new InputError('channels must name at least one channel');
  let range: [number, number] = [0, 0];
  for (const c of channels) range = checkChannelAndFrames(movie, c, options.frames);
  const [first, last] = range;
  if (last - first < 1) throw new InputError(`frame interpolation needs at least 2 frames, got ${last - first + 1}`);
  const { y: height, x: width, z: slices } = movie.shape;
  const gaps: Gap[] = [];
  for (let t = first; t < last; t++) for (let z = 0; z < slices; z++) for (const c of channels) gaps.push({ t, z, c });
  const model = options.method === 'model' ? (options.modelName ?? DEFAULT_INTERP_MODEL) : undefined;
  const meta = outputMeta(movie, channels, options.method, model);
  const frames = 2 * (last - first) + 1;
  const writer: MovieWriter = await createMovieWriter(options.outputPath, { shape: { t: frames, z: slices, c: channels.length, y: height, x: width }, dtype: 'float32', meta });
  const perFrame = slices * channels.length;
  const writeOriginal = async (t: number) => {
    for (let z = 0; z < slices; z++) for (const c of channels) await writer.writePlane(Float32Array.from(await movie.plane(t, z, c)));
  };
  try {
    await predictMiddles(movie, gaps, options, async (k, plane) => {
      if (k % perFrame === 0) await writeOriginal(gaps[k].t);
      await writer.writePlane(plane);
      if ((k + 1) % perFrame === 0) options.onProgress?.((k + 1) / perFrame, last - first);
    });
    await writeOriginal(last);
  } catch (err) {
    await writer.abort();
    throw err;
  }
  await writer.close();
  return { path: options.outputPath, frames, predictedFrames: last - first, method: options.method, model, frameIntervalS: meta.frameIntervalS };
}
