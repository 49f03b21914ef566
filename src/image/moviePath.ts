// What a movie path may be: a file, a folder of frames, or a frame pattern ("t{t:3}.tif",
// "*xy1*.tif"). Kept free of the TIFF reader so commands can check a path before loading it.
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname } from 'node:path';

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
