// Placeholder: replaced by the streaming ImageJ-hyperstack / BigTIFF writer (issue 2).
import type { DType, Movie, MovieMeta, PlaneData, Shape } from './movie.ts';
import { WorkError } from '../errors.ts';

export interface WriterOptions {
  shape: Shape;
  dtype: DType;
  meta: MovieMeta;
  /** 'auto' (default) switches to BigTIFF when the file would pass 4 GiB. */
  bigTiff?: boolean | 'auto';
  /**
   * false (default): write to a temporary file and rename on close(), so a failure never
   * leaves a half-written file. true: write in place and keep the file readable after
   * every plane (the acquisition engine uses this so a crash keeps every frame so far).
   */
  crashSafe?: boolean;
}

export interface MovieWriter {
  /** Appends the next plane in ImageJ order (channel fastest, then z, then time). */
  writePlane(data: PlaneData): Promise<void>;
  readonly planesWritten: number;
  /** Finishes the file (and renames it into place). */
  close(): Promise<void>;
  /** Stops and removes the partial file (crash-safe writers keep what was written). */
  abort(): Promise<void>;
}

export async function createMovieWriter(path: string, _options: WriterOptions): Promise<MovieWriter> {
  throw new WorkError(`cannot write ${path}: the movie writer is not built yet`);
}

/** Writes a whole movie plane by plane. */
export async function writeMovie(
  path: string,
  movie: Movie,
  options: { onProgress?: (done: number, total: number) => void; bigTiff?: boolean | 'auto' } = {},
): Promise<void> {
  const { shape } = movie;
  const writer = await createMovieWriter(path, { shape, dtype: movie.dtype, meta: movie.meta, bigTiff: options.bigTiff });
  const total = shape.t * shape.z * shape.c;
  try {
    for (let t = 0; t < shape.t; t++)
      for (let z = 0; z < shape.z; z++)
        for (let c = 0; c < shape.c; c++) {
          await writer.writePlane(await movie.plane(t, z, c));
          options.onProgress?.(writer.planesWritten, total);
        }
  } catch (err) {
    await writer.abort();
    throw err;
  }
  await writer.close();
}
