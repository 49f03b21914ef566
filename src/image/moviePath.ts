// What a movie path may be: a file, a folder of frames, or a frame pattern ("t{t:3}.tif",
// "*xy1*.tif"). Kept free of the TIFF reader so commands can check a path before loading it.
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';

export function isPattern(p: string): boolean {
  return /\{t(:\d+)?\}|[*?]/.test(basename(p));
}

/** "t{t:3}.tif" -> /^t(\d{3})\.tif$/; "{t}" is any number of digits; "*" is any text; "?" one character, as in the shell ("t00?.tif"). */
export function patternRegex(pattern: string): RegExp {
  let src = '';
  let rest = pattern;
  while (rest.length) {
    const m = /\{t(?::(\d+))?\}|[*?]/.exec(rest);
    if (!m) {
      src += escape(rest);
      break;
    }
    src += escape(rest.slice(0, m.index));
    src += m[0] === '*' ? '.*?' : m[0] === '?' ? '.' : m[1] ? `(\\d{${Number(m[1])}})` : '(\\d+)';
    rest = rest.slice(m.index + m[0].length);
  }
  return new RegExp(`^${src}$`);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Whether a movie path names something that exists: a file, a folder, or a frame pattern with at least
 * one matching file. Every command that accepts a movie checks with this, so they all accept what
 * openMovie opens.
 */
export function movieInputExists(pathOrPattern: string): boolean {
  if (!isPattern(pathOrPattern)) return existsSync(pathOrPattern);
  try {
    const regex = patternRegex(basename(pathOrPattern));
    return readdirSync(dirname(pathOrPattern)).some((name) => regex.test(name));
  } catch {
    return false;
  }
}

/** The one line an OME-TIFF of several images (series: positions, wells) needs: which one is read ('' for one image). */
export function imagesNote(images: unknown): string {
  const n = Number(images);
  return n > 1 ? `the file holds ${n} images (series, e.g. positions); only the first is read: export each position as its own file (e.g. Fiji Bio-Formats, "open all series", then save each) to analyse the others` : '';
}

/** A frame pattern's placeholders: "{t}", "{t:3}", "*", "?". */
const FRAME_PLACEHOLDER = /\{t(?::\d+)?\}|[*?]+/g;

/**
 * The name a movie's results go by (run's output folder, a session's "NAME-labels.tif"): its file
 * name without extension(s); for a frame pattern, its folder's name and the pattern's fixed part
 * ("ser/*xy2*.tif" -> "ser_xy2", not "_xy2_"), without the digits of the frame number beside a
 * "?" or "{t}" ("sim01/t00?.tif" -> "sim01_t", not "t00_").
 */
export function movieStem(path: string): string {
  let name = basename(path);
  if (isPattern(path)) {
    const fixed = name
      .replace(/\.(ome\.)?tiff?$/i, '')
      // (two plain steps: the Snakefile's copy of this in Python has no variable-width look-behind)
      .replace(/\d+(?=\?|\{t)/g, '')
      .replace(/(\?|\{t(?::\d+)?\})\d+/g, '$1')
      .replace(FRAME_PLACEHOLDER, '_')
      .replace(/[_.-]*_[_.-]*/g, '_')
      .replace(/^[_.-]+|[_.-]+$/g, '');
    const folder = basename(dirname(resolve(path)));
    name = fixed ? `${folder}_${fixed}` : folder;
  }
  const stem = name.replace(/\.(ome\.)?(tiff?|czi|nd2|lif)$/i, '').replace(/[^A-Za-z0-9_.-]+/g, '_');
  // "..." names a movie "..tif" whose folder would be the parent of --out: no leading dots
  return stem.replace(/^\.+/, (dots) => '_'.repeat(dots.length)) || 'movie';
}
