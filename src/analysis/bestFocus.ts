// The best-focused z slice of each time point (Fiji's "Find focused slices", Micro-Manager's
// image-based autofocus scores): every slice of a frame is scored by its normalised variance
// (Groen et al. 1985: the grey-level variance over the mean, so a slice's flat background light
// lowers its score), and the slice with the highest score is kept for every channel.
import type { Movie, PlaneData, Shape } from '../image/movie.ts';
import { createMovieWriter } from '../image/writer.ts';
import { InputError, WorkError } from '../errors.ts';

export interface BestFocusOptions {
  /** 0-based channel the slices are scored on; default the first. */
  scoreChannel?: number;
  /** 0-based channel to write alone; default every channel (all from the slice the score chose). */
  channel?: number;
  onProgress?: (done: number, total: number, label?: string) => void;
  signal?: AbortSignal;
}

export interface BestFocusResult {
  shape: Shape;
  /** The slice kept in each frame, 0-based. */
  slices: number[];
  /** Each frame's scores, one per slice. */
  scores: number[][];
}

/** Normalised variance of a plane: the variance of its grey levels over their mean (0 for an empty plane). */
export function normalisedVariance(plane: PlaneData): number {
  let sum = 0;
  for (let i = 0; i < plane.length; i++) sum += plane[i];
  const mean = sum / plane.length;
  if (!(mean > 0)) return 0;
  let squares = 0;
  for (let i = 0; i < plane.length; i++) {
    const d = plane[i] - mean;
    squares += d * d;
  }
  return squares / plane.length / mean;
}

/** Index of the largest score (the first of equal ones). */
function bestIndex(scores: number[]): number {
  let best = 0;
  for (let i = 1; i < scores.length; i++) if (scores[i] > scores[best]) best = i;
  return best;
}

/** Writes, for each frame, the best-focused slice of every channel (one z slice per frame) and says which slices won. */
export async function bestFocusSlices(movie: Movie, outputPath: string, options: BestFocusOptions = {}): Promise<BestFocusResult> {
  const { shape } = movie;
  if (shape.z < 2) throw new InputError(`the movie has ${shape.z} z slice: the best-focused slice is chosen among the slices of a z-stack`);
  const scoreChannel = options.scoreChannel ?? options.channel ?? 0;
  const channels = options.channel === undefined ? Array.from({ length: shape.c }, (_, c) => c) : [options.channel];
  for (const c of [scoreChannel, ...channels]) {
    if (!Number.isInteger(c) || c < 0 || c >= shape.c) throw new InputError(`channel ${c + 1} does not exist: the movie has ${shape.c} channel(s)`);
  }
  const outShape: Shape = { ...shape, z: 1, c: channels.length };
  const meta = { ...movie.meta, channelNames: channels.map((c) => movie.meta.channelNames[c] ?? `C${c + 1}`) };
  const writer = await createMovieWriter(outputPath, { shape: outShape, dtype: movie.dtype, meta });
  const slices: number[] = [];
  const scores: number[][] = [];
  try {
    for (let t = 0; t < shape.t; t++) {
      const frameScores: number[] = [];
      for (let zi = 0; zi < shape.z; zi++) {
        if (options.signal?.aborted) throw new WorkError('cancelled');
        frameScores.push(normalisedVariance(await movie.plane(t, zi, scoreChannel)));
      }
      const best = bestIndex(frameScores);
      for (const c of channels) await writer.writePlane(await movie.plane(t, best, c));
      slices.push(best);
      scores.push(frameScores);
      options.onProgress?.(t + 1, shape.t, 'frames');
    }
  } catch (err) {
    await writer.abort();
    throw err;
  }
  await writer.close();
  return { shape: outShape, slices, scores };
}
