// Placeholder: replaced by the TIFF / OME-TIFF / ImageJ / series reader (issue 2).
import type { Movie } from './movie.ts';
import { WorkError } from '../errors.ts';

/** Opens a TIFF, OME-TIFF, ImageJ hyperstack, a folder of frames or a pattern like "t{t:3}.tif". Planes load lazily. */
export async function openMovie(pathOrPattern: string): Promise<Movie> {
  throw new WorkError(`cannot open ${pathOrPattern}: the movie reader is not built yet`);
}
