// Artificial (in-silico) labelling: predicts a nuclei fluorescence channel from the
// brightfield channel with a trained model (models/label-nuclei; Christiansen et al.
// 2018, doi:10.1016/j.cell.2018.03.040). The prediction is written as a new float32
// movie (1 = an average nucleus's peak); the input is never modified.
import type { Movie } from '../image/movie.ts';
import { InputError } from '../errors.ts';
import { checkChannelAndFrames } from './superres.ts';

export const DEFAULT_LABEL_MODEL = 'label-nuclei';

/** Channel names taken to be transmitted light (brightfield, phase contrast, DIC), case-insensitive. */
const BRIGHTFIELD_NAMES = /(^|[^a-z])(bf|bright[\s_-]?field|trans|transmitted|tl|phase|dic|dodt)([^a-z]|$)/i;

/** Channel names that say nothing of what was imaged ("C1", "Ch 1", "channel 0", ""). */
const UNNAMED_CHANNEL = /^\s*((c|ch|channel)[\s_-]*)?\d*\s*$/i;

/**
 * The 0-based brightfield channel of a movie by name, or a one-line InputError listing its channels. A movie of one
 * channel with a name that says nothing ("C1") is taken as the transmitted-light channel: asked to label from
 * brightfield, nothing else could be meant; one named "nuclei" or "GFP" is not.
 */
export function findBrightfieldChannel(movie: Movie): number {
  const names = movie.meta.channelNames;
  if (names.length <= 1 && UNNAMED_CHANNEL.test(names[0] ?? '')) return 0;
  const index = movie.meta.channelNames.findIndex((name) => BRIGHTFIELD_NAMES.test(name.trim()));
  if (index < 0) {
    throw new InputError(
      `the movie has no brightfield channel (its channels are ${movie.meta.channelNames.join(', ')}): give the transmitted-light channel with channel`,
    );
  }
  return index;
}

export interface LabelOptions {
  /** 0-based brightfield channel (default: the channel named brightfield, BF, phase, DIC...). */
  channel?: number;
  frames?: [number, number];
  /** Model name in models/ or folder path (default label-nuclei). */
  modelName?: string;
  outputPath: string;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export interface LabelResult {
  path: string;
  planes: number;
  model: string;
  channel: number;
  /** Mean predicted nuclei signal over all planes (1 = an average nucleus's peak). */
  meanSignal: number;
  /** Fraction of pixels predicted above half an average nucleus's peak. */
  nucleusFraction: number;
}

/** Predicts the nuclei channel from brightfield over the frame range (all z slices) into a new float32 movie. */
export async function predictLabelMovie(movie: Movie, options: LabelOptions): Promise<LabelResult> {
  const channel = options.channel ?? findBrightfieldChannel(movie);
  const frames = checkChannelAndFrames(movie, channel, options.frames);
  const { loadModel, mapModelOverMovie } = await import('../onnx/index.ts');
  const model = await loadModel(options.modelName ?? DEFAULT_LABEL_MODEL);
  const inputs = model.spec.inputs[0]?.axes.find((a) => a.type === 'channel');
  if (inputs?.size.kind === 'fixed' && inputs.size.value !== 1) throw new InputError(`model ${model.spec.key} takes ${inputs.size.value} channels; artificial labelling needs a one-channel (brightfield) model`);
  const { createMovieWriter } = await import('../image/index.ts');
  const [first, last] = frames;
  const planes = (last - first + 1) * movie.shape.z;
  const meta = {
    ...movie.meta,
    channelNames: ['nuclei (predicted)'],
    extra: { ...(movie.meta.extra ?? {}), model: model.spec.key, source: `artificial labelling of ${movie.meta.channelNames[channel] ?? `channel ${channel + 1}`}` },
  };
  const writer = await createMovieWriter(options.outputPath, { shape: { t: last - first + 1, z: movie.shape.z, c: 1, y: movie.shape.y, x: movie.shape.x }, dtype: 'float32', meta });
  let sum = 0;
  let above = 0;
  let count = 0;
  try {
    await mapModelOverMovie(model, movie, { channels: [channel], frames, signal: options.signal, onProgress: options.onProgress }, async ({ planes: [plane] }) => {
      for (let i = 0; i < plane.length; i++) {
        sum += plane[i];
        if (plane[i] > 0.5) above++;
      }
      count += plane.length;
      await writer.writePlane(plane);
    });
  } catch (err) {
    await writer.abort();
    throw err;
  }
  await writer.close();
  return { path: options.outputPath, planes, model: model.spec.key, channel, meanSignal: sum / count, nucleusFraction: above / count };
}

/** Pearson correlation coefficient of two equally long arrays. */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length || a.length < 2) throw new InputError(`pearson needs two arrays of the same length (at least 2), got ${a.length} and ${b.length}`);
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < a.length; i++) {
    ma += a[i];
    mb += b[i];
  }
  ma /= a.length;
  mb /= b.length;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < a.length; i++) {
    const da = a[i] - ma;
    const db = b[i] - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return sab / Math.sqrt(saa * sbb);
}
