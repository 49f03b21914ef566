// openMovie: one entry point for every movie format. A path with "{t}"/"{t:N}"/"*" in its
// file name, or a folder, is a file-per-frame series; anything else is one TIFF file
// (plain, ImageJ hyperstack or OME-TIFF, told apart by its ImageDescription).
import { stat } from 'node:fs/promises';
import { InputError } from '../errors.ts';
import type { Movie } from './movie.ts';
import { isPattern, openSeries } from './series.ts';
import { openTiffMovie } from './tiff/tiffMovie.ts';
import { describeFsError } from './tiff/tiffFile.ts';

/** Opens a TIFF, OME-TIFF, ImageJ hyperstack, a folder of frames or a pattern like "t{t:3}.tif". Planes load lazily. */
export async function openMovie(pathOrPattern: string): Promise<Movie> {
  if (typeof pathOrPattern !== 'string' || pathOrPattern.trim() === '') {
    throw new InputError('no movie path given: name a .tif file, a folder of frames or a pattern like t{t:3}.tif');
  }
  if (isPattern(pathOrPattern)) return openSeries(pathOrPattern);
  let isDir: boolean;
  try {
    isDir = (await stat(pathOrPattern)).isDirectory();
  } catch (err) {
    throw new InputError(`cannot open ${pathOrPattern}: ${describeFsError(err)}`);
  }
  return isDir ? openSeries(pathOrPattern) : openTiffMovie(pathOrPattern);
}
