// Running a model over a movie, plane by plane (each time point and z slice), with
// the chosen channels as the model's input channels; results stream to a writer.
import { createMovieWriter } from '../image/index.ts';
import type { Movie, MovieMeta } from '../image/movie.ts';
import { InputError, WorkError } from '../errors.ts';
import { planesFromTensor, tensorFromPlanes } from './layout.ts';
import { loadModel, type LoadedModel } from './model.ts';
import { predictSamples, type PredictOptions, type Sample } from './predict.ts';
import type { Tensor } from './tensor.ts';
import { addInverse, DIHEDRAL, forward } from './augment.ts';
import { resizeBilinear, scaledLength } from './resize.ts';

export interface MovieRunOptions extends PredictOptions {
  /** 0-based channels of the movie fed to the model's input channels, in order (default [0]). */
  channels?: number[];
  /** 0-based inclusive frame range (default: all frames). */
  frames?: [number, number];
  /** Which model output becomes the movie (default: the first). */
  outputId?: string;
  onProgress?: (done: number, total: number) => void;
  /** Average the outputs over the 8 rotations and flips of each plane (test-time augmentation; 8x slower). */
  augment?: boolean;
  /**
   * Time points fed to the model for frame t, as offsets (e.g. [-1, 0, 1]); the model's
   * input channels are then, for each offset, the chosen channels. Frames beyond the
   * movie's ends are mirrored. Default: the model's `config.cellpilot.frame_offsets`, else [0].
   */
  frameOffsets?: number[];
  /**
   * Resize each input plane by this factor before the model sees it, and the outputs back
   * to the plane's size (e.g. to bring objects to the size the model was trained on). Default 1.
   */
  inputScale?: number;
}

/**
 * From this many planes on, a model with 2 or more threads runs them on one-thread sessions
 * in worker threads, side by side (predict.ts sessionWorkers): starting the workers costs a
 * few hundred ms once per process, which a handful of frames does not pay back.
 */
export const SESSION_WORKERS_FROM_PLANES = 4;

/** Frame t + offset, mirrored at the movie's ends (frame -1 is frame 1). */
export function mirroredFrame(t: number, offset: number, frames: number): number {
  if (frames === 1) return 0;
  const period = 2 * (frames - 1);
  let k = (((t + offset) % period) + period) % period;
  if (k >= frames) k = period - k;
  return k;
}

export interface PlaneResult {
  t: number;
  z: number;
  /** One plane per output channel, height*width each. */
  planes: Float32Array[];
  height: number;
  width: number;
}

function checkChannels(movie: Movie, channels: number[]): void {
  for (const c of channels) {
    if (!Number.isInteger(c) || c < 0 || c >= movie.shape.c) throw new InputError(`channel ${c + 1} does not exist: the movie has ${movie.shape.c} channel(s)`);
  }
}

/**
 * Calls `onPlane` with the model's output for every (t, z) of the frame range, in order.
 * The model is a name in models/, an rdf `name`, a folder path, or an already loaded model.
 */
export async function mapModelOverMovie(
  modelRef: string | LoadedModel,
  movie: Movie,
  options: MovieRunOptions,
  onPlane: (result: PlaneResult) => Promise<void> | void,
): Promise<LoadedModel> {
  const model = typeof modelRef === 'string' ? await loadModel(modelRef) : modelRef;
  const channels = options.channels ?? [0];
  checkChannels(movie, channels);
  const [first, last] = options.frames ?? [0, movie.shape.t - 1];
  if (first < 0 || last >= movie.shape.t || first > last) throw new InputError(`frames ${first + 1} to ${last + 1} are outside the movie's 1 to ${movie.shape.t}`);
  const input = model.spec.inputs[0];
  if (model.spec.inputs.length !== 1) throw new InputError(`model ${model.spec.key} has ${model.spec.inputs.length} inputs; only single-input models run on movies`);
  const outputIndex = options.outputId ? model.spec.outputs.findIndex((o) => o.id === options.outputId) : 0;
  if (outputIndex < 0) throw new InputError(`model ${model.spec.key} has no output "${options.outputId}" (outputs: ${model.spec.outputs.map((o) => o.id).join(', ')})`);
  const outputId = model.spec.outputs[outputIndex].id;
  const { y: height, x: width, z: slices } = movie.shape;
  const positions: Array<[number, number]> = [];
  for (let t = first; t <= last; t++) for (let z = 0; z < slices; z++) positions.push([t, z]);

  const scale = options.inputScale ?? 1;
  if (!(scale > 0 && scale <= 16)) throw new InputError(`inputScale must be between 0 and 16, got ${scale}`);
  const [modelHeight, modelWidth] = scale === 1 ? [height, width] : [scaledLength(height, scale), scaledLength(width, scale)];
  const toModel = (p: ArrayLike<number>) => (scale === 1 ? p : resizeBilinear(p, width, height, modelWidth, modelHeight));
  // Outputs come back at the plane's scale (times the model's own output factor, e.g. 2 for super-resolution).
  const fromModel = (planes: Float32Array[], h: number, w: number): { planes: Float32Array[]; height: number; width: number } => {
    if (scale === 1) return { planes, height: h, width: w };
    const outHeight = Math.round((height * h) / modelHeight);
    const outWidth = Math.round((width * w) / modelWidth);
    return { planes: planes.map((p) => resizeBilinear(p, w, h, outWidth, outHeight)), height: outHeight, width: outWidth };
  };
  const transforms = options.augment ? DIHEDRAL : [DIHEDRAL[0]];
  const offsets = options.frameOffsets ?? ((model.spec.config.cellpilot as { frame_offsets?: number[] } | undefined)?.frame_offsets ?? [0]);
  async function* samples(): AsyncGenerator<Sample> {
    for (const [t, z] of positions) {
      const planes = (await Promise.all(offsets.flatMap((o) => channels.map((c) => movie.plane(mirroredFrame(t, o, movie.shape.t), z, c))))).map(toModel);
      for (const tr of transforms) {
        const moved = planes.map((p) => forward(p, modelHeight, modelWidth, tr));
        yield new Map([[input.id, tensorFromPlanes(input, moved.map((m) => m.data), moved[0].height, moved[0].width, `model ${model.spec.key}`)]]);
      }
    }
  }
  let sum: { planes: Float32Array[]; height: number; width: number } | undefined;
  // Enough planes to pay for starting them: one one-thread session per core in worker threads.
  const samplesToRun = positions.length * transforms.length;
  const sessionWorkers = options.sessionWorkers ?? (model.threads >= 2 && samplesToRun >= SESSION_WORKERS_FROM_PLANES ? model.threads : 1);
  await predictSamples(
    model,
    samples(),
    async (k, outputs: Map<string, Tensor>) => {
      const i = Math.floor(k / transforms.length);
      const tr = transforms[k % transforms.length];
      const { planes, height: h, width: w } = planesFromTensor(outputs.get(outputId)!);
      if (transforms.length === 1) {
        const [t, z] = positions[k];
        await onPlane({ t, z, ...fromModel(planes, h, w) });
        options.onProgress?.(k + 1, positions.length);
        return;
      }
      const [oh, ow] = tr.transpose ? [w, h] : [h, w];
      sum ??= { planes: planes.map(() => new Float32Array(oh * ow)), height: oh, width: ow };
      planes.forEach((p, c) => addInverse(p, h, w, tr, sum!.planes[c]));
      if (k % transforms.length !== transforms.length - 1) return;
      const [t, z] = positions[i];
      const result = sum;
      sum = undefined;
      if (transforms.length > 1) for (const p of result.planes) for (let j = 0; j < p.length; j++) p[j] /= transforms.length;
      await onPlane({ t, z, ...fromModel(result.planes, result.height, result.width) });
      options.onProgress?.(i + 1, positions.length);
    },
    { ...options, sessionWorkers },
  );
  return model;
}

export interface MovieRunResult {
  path: string;
  /** Planes written (frames x slices x output channels). */
  planes: number;
  modelKey: string;
  outputChannels: number;
}

/**
 * Runs a model on a movie and writes its output as a float32 movie at `outputPath`
 * (frames = the frame range, channels = the model output's channels).
 */
export async function runModelOnMovie(modelRef: string | LoadedModel, movie: Movie, options: MovieRunOptions & { outputPath: string }): Promise<MovieRunResult> {
  const model = typeof modelRef === 'string' ? await loadModel(modelRef) : modelRef;
  const [first, last] = options.frames ?? [0, movie.shape.t - 1];
  const out = options.outputId ? model.spec.outputs.find((o) => o.id === options.outputId) : model.spec.outputs[0];
  let writer: Awaited<ReturnType<typeof createMovieWriter>> | undefined;
  let written = 0;
  try {
    await mapModelOverMovie(model, movie, options, async ({ planes, height, width }) => {
      if (!writer) {
        const factor = width / movie.shape.x;
        const names = out?.axes.find((a) => a.type === 'channel')?.channelNames ?? planes.map((_, i) => `${model.spec.key}-${i + 1}`);
        const meta: MovieMeta = {
          ...movie.meta,
          channelNames: names.slice(0, planes.length),
          pixelSizeUm: movie.meta.pixelSizeUm !== undefined ? movie.meta.pixelSizeUm / factor : undefined,
          pixelSizeYUm: movie.meta.pixelSizeYUm !== undefined ? movie.meta.pixelSizeYUm / factor : undefined,
          extra: { ...(movie.meta.extra ?? {}), model: model.spec.key },
        };
        writer = await createMovieWriter(options.outputPath, { shape: { t: last - first + 1, z: movie.shape.z, c: planes.length, y: height, x: width }, dtype: 'float32', meta });
      }
      for (const plane of planes) await writer.writePlane(plane);
      written += planes.length;
    });
  } catch (err) {
    await writer?.abort();
    throw err;
  }
  if (!writer) throw new WorkError('the model produced no planes');
  await writer.close();
  return { path: options.outputPath, planes: written, modelKey: model.spec.key, outputChannels: written / ((last - first + 1) * movie.shape.z) };
}
