// Views over a movie that change how its planes are indexed, without copying pixels.
import { InputError } from '../errors.ts';
import { checkPlaneIndex, defaultChannelNames, formatShape, planeCount, planeIndex, type Movie, type MovieMeta, type PlaneData, type Shape } from './movie.ts';

/**
 * The same planes, in the same ImageJ order (c fastest, then z, then t), seen with other
 * t/z/c sizes. Typical use: a time series that ImageJ saved as "slices" (pc12-reg-*.tif,
 * many StackReg outputs) read as T=5, Z=1 instead of T=1, Z=5.
 */
export function reinterpretAxes(movie: Movie, axes: { t: number; z: number; c: number }): Movie {
  const shape: Shape = { ...axes, y: movie.shape.y, x: movie.shape.x };
  if (planeCount(shape) !== planeCount(movie.shape) || ![axes.t, axes.z, axes.c].every((v) => Number.isInteger(v) && v >= 1)) {
    throw new InputError(`cannot view ${movie.source.path} (${formatShape(movie.shape)}) as ${formatShape(shape)}: the plane counts differ`);
  }
  const meta: MovieMeta = {
    ...movie.meta,
    channelNames: axes.c === movie.shape.c ? movie.meta.channelNames : defaultChannelNames(axes.c),
  };
  if (axes.z === 1) delete meta.zStepUm;
  const source = movie.source;
  return {
    shape,
    dtype: movie.dtype,
    meta,
    source,
    plane(t: number, z: number, c: number, into?: PlaneData): Promise<PlaneData> {
      checkPlaneIndex({ shape }, t, z, c);
      const k = planeIndex(shape, t, z, c);
      const ct = movie.shape.c;
      const cz = movie.shape.z;
      return movie.plane(Math.floor(k / (ct * cz)), Math.floor(k / ct) % cz, k % ct, into);
    },
    close: () => movie.close(),
  };
}

/** A z-only stack (T=1, C=1) seen as a time series; other movies are returned unchanged. */
export function stackAsTimeSeries(movie: Movie): Movie {
  const { t, z, c } = movie.shape;
  return t === 1 && c === 1 && z > 1 ? reinterpretAxes(movie, { t: z, z: 1, c: 1 }) : movie;
}

/**
 * Frames `first` to `last` (0-based, inclusive) seen as a movie of their own, numbered from 0 (Fiji's Make Substack),
 * nothing copied; the movie itself when they are all of it. Closing the view closes nothing: the movie underneath
 * belongs to whoever opened it.
 */
export function frameWindow(movie: Movie, first: number, last: number): Movie {
  if (first === 0 && last === movie.shape.t - 1) return movie;
  if (!(Number.isInteger(first) && Number.isInteger(last) && first >= 0 && last >= first && last < movie.shape.t)) {
    throw new InputError(`frames ${first + 1} to ${last + 1} are not within the movie's 1 to ${movie.shape.t}: give frames within them`);
  }
  const shape: Shape = { ...movie.shape, t: last - first + 1 };
  return {
    shape,
    dtype: movie.dtype,
    meta: movie.meta,
    source: movie.source,
    plane(t: number, z: number, c: number, into?: PlaneData): Promise<PlaneData> {
      checkPlaneIndex({ shape }, t, z, c);
      return movie.plane(t + first, z, c, into);
    },
    close: async () => {},
  };
}
