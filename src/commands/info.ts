// `cellpilot info <file> [--json] [--check]`: dimensions, dtype and metadata of a movie.
// The first and last planes are read too, so a truncated file fails here (exit 2, one
// line) rather than halfway through an analysis; --check reads every plane.
import { parseArgs } from 'node:util';
import { inspectInput } from '../agent/filePolicy.ts';
import { InputError } from '../errors.ts';
import { openMovie } from '../image/index.ts';
import { formatMovieInfo, movieInfo, printResolutionNote } from '../image/info.ts';
import { imagesNote } from '../image/moviePath.ts';

export async function run(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'boolean' }, check: { type: 'boolean' } } });
  } catch (err) {
    throw new InputError(`${(err as Error).message.split('\n')[0]}; usage: cellpilot info <file> [--json] [--check]`);
  }
  const [path, ...extra] = parsed.positionals;
  if (!path) throw new InputError('cellpilot info needs a movie: cellpilot info <file> [--json] [--check]');
  if (extra.length) throw new InputError(`cellpilot info takes one movie, got ${parsed.positionals.length}: ${parsed.positionals.join(' ')}`);
  // a FIFO, a device or a folder without frames is refused at once (reading one could block forever)
  inspectInput(path, path, ['movie']);
  const movie = await openMovie(path);
  try {
    const { t, z, c } = movie.shape;
    if (parsed.values.check) {
      for (let ti = 0; ti < t; ti++) for (let zi = 0; zi < z; zi++) for (let ci = 0; ci < c; ci++) await movie.plane(ti, zi, ci);
    } else {
      await movie.plane(0, 0, 0);
      await movie.plane(t - 1, z - 1, c - 1);
    }
    const info = movieInfo(movie);
    const images = Number(movie.meta.extra?.omeImages) > 1 ? Number(movie.meta.extra?.omeImages) : undefined;
    const note = images ? `note            ${imagesNote(images)}\n` : '';
    // --check says that it read every plane (a failure throws before this, with one line naming it)
    const planes = t * z * c;
    const checked = parsed.values.check ? `check           all ${planes} plane${planes === 1 ? '' : 's'} read without error\n` : '';
    const document = { ...info, ...(images ? { imagesInFile: images } : {}), ...(parsed.values.check ? { planesChecked: planes } : {}) };
    process.stdout.write(parsed.values.json ? JSON.stringify(document) + '\n' : formatMovieInfo(info) + '\n' + checked + calibrationHint(info) + note);
    return 0;
  } finally {
    await movie.close();
  }
}

/**
 * What to do when the file carries no pixel size or frame interval: results would be in px and
 * frames, and a biologist needs to know how to give the calibration (an empty string otherwise).
 */
export function calibrationHint(info: { pixelSizeUm: number | null; frameIntervalS: number | null; shape: { t: number }; format?: string; printDpi?: number }): string {
  const missing = [info.pixelSizeUm ? '' : 'pixel size', info.frameIntervalS || info.shape.t < 2 ? '' : 'frame interval'].filter(Boolean);
  if (!missing.length) return '';
  const flags = [info.pixelSizeUm ? '' : '--pixel-size-um 0.65', info.frameIntervalS || info.shape.t < 2 ? '' : '--interval-s 300'].filter(Boolean).join(' ');
  const words = [info.pixelSizeUm ? '' : 'the pixel size is 0.65 µm', info.frameIntervalS || info.shape.t < 2 ? '' : 'frames are 5 min apart'].filter(Boolean).join(' and ');
  const dpi = info.pixelSizeUm ? '' : printResolutionNote(info.printDpi);
  return (
    `note            the ${info.format === 'series' ? 'files carry' : 'file carries'} no ${missing.join(' or ')}${dpi ? ` (${dpi})` : ''}: ${[missing.includes('pixel size') ? 'lengths' : '', missing.includes('frame interval') ? 'times' : ''].filter(Boolean).join(' and ')} will be in ${[missing.includes('pixel size') ? 'px' : '', missing.includes('frame interval') ? 'frames' : ''].filter(Boolean).join(' and ')}. ` +
    `Give yours with \`cellpilot run ... ${flags}\`, or say "${words}" in \`cellpilot ask\` or the chat\n`
  );
}
