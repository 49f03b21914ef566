// `cellpilot info <file> [--json] [--check]`: dimensions, dtype and metadata of a movie.
// The first and last planes are read too, so a truncated file fails here (exit 2, one
// line) rather than halfway through an analysis; --check reads every plane.
import { inspectInput } from '../agent/filePolicy.ts';
import { InputError } from '../errors.ts';
import { openMovie } from '../image/index.ts';
import { formatMovieInfo, movieInfo, printResolutionNote, readEndPlanes, uniformPlanesNote, wholeIsCheap } from '../image/info.ts';
import { imagesNote } from '../image/moviePath.ts';
import { parseCommandLine } from './commandLine.ts';

export const help = `options:
  --json            print one JSON document on stdout
  --check           read every plane (not only the first and the last), so a file damaged in the middle is found now
`;

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommandLine({ args: argv, allowPositionals: true, options: { json: { type: 'boolean' }, check: { type: 'boolean' } } }, 'usage: cellpilot info <file> [--json] [--check]');
  const [path, ...extra] = parsed.positionals;
  if (!path) throw new InputError('cellpilot info needs a movie: cellpilot info <file> [--json] [--check]');
  if (extra.length) throw new InputError(`cellpilot info takes one movie, got ${parsed.positionals.length}: ${parsed.positionals.join(' ')}`);
  // a FIFO, a device or a folder without frames is refused at once (reading one could block forever)
  inspectInput(path, path, ['movie']);
  const movie = await openMovie(path);
  try {
    const { t, z, c } = movie.shape;
    // the planes read: every one with --check or in a small movie, else the first and the last; a value that never varies is named
    const every = parsed.values.check === true || wholeIsCheap(movie);
    const values = await readEndPlanes(movie, every);
    const uniform = uniformPlanesNote(values, every);
    const blank = uniform ? `note            ${uniform}\n` : '';
    const info = movieInfo(movie);
    const images = Number(movie.meta.extra?.omeImages) > 1 ? Number(movie.meta.extra?.omeImages) : undefined;
    const note = images ? `note            ${imagesNote(images)}\n` : '';
    // --check says that it read every plane (a failure throws before this, with one line naming it)
    const planes = t * z * c;
    const checked = parsed.values.check ? `check           all ${planes} plane${planes === 1 ? '' : 's'} read without error\n` : '';
    const document = { ...info, ...(images ? { imagesInFile: images } : {}), ...(parsed.values.check ? { planesChecked: planes } : {}), ...(values.size === 1 ? { uniformValue: [...values][0] } : {}) };
    process.stdout.write(parsed.values.json ? JSON.stringify(document) + '\n' : formatMovieInfo(info) + '\n' + checked + blank + calibrationHint(info) + note);
    return 0;
  } finally {
    await movie.close();
  }
}

/** "a", "a and b", "a, b and c". */
function listed(words: string[], last: string): string {
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} ${last} ${words.at(-1)}`;
}

/**
 * What to do when the file carries no pixel size, frame interval or (for a z-stack) z step: results
 * would be in px, frames and planes, and a biologist needs to know how to give the calibration (an
 * empty string otherwise).
 */
export function calibrationHint(info: { pixelSizeUm: number | null; frameIntervalS: number | null; zStepUm?: number | null; shape: { t: number; z?: number }; format?: string; printDpi?: number }): string {
  const missing = [
    { absent: !info.pixelSizeUm, name: 'pixel size', what: 'lengths', unit: 'px', flag: '--pixel-size-um 0.65', words: 'the pixel size is 0.65 µm' },
    { absent: !info.frameIntervalS && info.shape.t >= 2, name: 'frame interval', what: 'times', unit: 'frames', flag: '--interval-s 300', words: 'frames are 5 min apart' },
    { absent: !info.zStepUm && (info.shape.z ?? 1) >= 2, name: 'z step', what: 'z positions', unit: 'planes', flag: '--z-step-um 1', words: 'the z step is 1 µm' },
  ].filter((m) => m.absent);
  if (!missing.length) return '';
  const dpi = info.pixelSizeUm ? '' : printResolutionNote(info.printDpi);
  return (
    `note            the ${info.format === 'series' ? 'files carry' : 'file carries'} no ${listed(missing.map((m) => m.name), 'or')}${dpi ? ` (${dpi})` : ''}: ${listed(missing.map((m) => m.what), 'and')} will be in ${listed(missing.map((m) => m.unit), 'and')}. ` +
    `Give yours with \`cellpilot run ... ${missing.map((m) => m.flag).join(' ')}\`, or say "${listed(missing.map((m) => m.words), 'and')}" in \`cellpilot ask\` or the chat\n`
  );
}
