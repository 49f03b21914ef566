// File-per-frame series: a folder of TIFFs, or a pattern such as "t{t:3}.tif" or
// "man_seg{t:3}.tif" (Cell Tracking Challenge). Each file is one time point, possibly
// several planes (a z-stack and/or channels). Every file's header is checked when the
// series opens; planes are read on demand, with a few files held open at a time.
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../errors.ts';
import { checkPlaneIndex, type DType, type Movie, type MovieMeta, type MovieSource, type PlaneData, type Shape } from './movie.ts';
import { openTiffMovie, type TiffMovie } from './tiff/tiffMovie.ts';
import { axisValues, formatFrameNumbers, seriesLayout, timeNumbersOf, type SeriesLayout } from './seriesLayout.ts';
import { isPattern, patternRegex } from './moviePath.ts';

export { isPattern, movieInputExists } from './moviePath.ts';

const TIFF_NAME = /\.(tif|tiff)$/i;
const MAX_OPEN = 4;
/** Series up to this many files keep every frame's description (a few KB each) between the check at opening and the read. */
const MAX_DESCRIBED = 4096;
/** Frames are read unobserved: the series' provenance hash is its folder listing, not each frame's content. */
const FRAME = { observed: false } as const;

/** Files of a folder or pattern, in time order. */
export async function seriesFiles(pathOrPattern: string): Promise<string[]> {
  return (await seriesEntries(pathOrPattern)).map((e) => e.path);
}

/** Files with the time index their name carries ({t} patterns; else the position in the list). */
export async function seriesEntries(pathOrPattern: string): Promise<{ path: string; t: number }[]> {
  if (!isPattern(pathOrPattern)) {
    const names = (await listDir(pathOrPattern)).filter((n) => TIFF_NAME.test(n) && !n.startsWith('.'));
    if (names.length === 0) throw new InputError(`${pathOrPattern} holds no .tif/.tiff files`);
    return names.sort(naturalCompare).map((n, i) => ({ path: join(pathOrPattern, n), t: i }));
  }
  const dir = dirname(pathOrPattern);
  const regex = patternRegex(basename(pathOrPattern));
  const matches: { name: string; t: number }[] = [];
  for (const name of await listDir(dir)) {
    const m = regex.exec(name);
    if (m) matches.push({ name, t: m[1] !== undefined ? Number(m[1]) : 0 });
  }
  if (matches.length === 0) throw new InputError(`no file matches ${pathOrPattern}${whatIsThere(dir, await listDir(dir))}`);
  matches.sort((a, b) => a.t - b.t || naturalCompare(a.name, b.name));
  for (let i = 1; i < matches.length; i++) {
    if (matches[i].t === matches[i - 1].t && /\{t/.test(pathOrPattern)) {
      throw new InputError(`${pathOrPattern}: files ${matches[i - 1].name} and ${matches[i].name} have the same time index ${matches[i].t}`);
    }
  }
  const numbered = /\{t/.test(pathOrPattern);
  return matches.map((m, i) => ({ path: join(dir, m.name), t: numbered ? m.t : i }));
}

/**
 * What a pattern that matched nothing could have been: the TIFFs its folder does hold, and a pattern for
 * them (the last number of the first name as {t:N}): "t{t:2}.tif" for files named t000.tif is t{t:3}.tif.
 */
function whatIsThere(dir: string, names: string[]): string {
  const tiffs = names.filter((n) => TIFF_NAME.test(n) && !n.startsWith('.')).sort(naturalCompare);
  if (tiffs.length === 0) return ` (${dir} holds no .tif/.tiff files)`;
  const examples = tiffs.slice(0, 2).join(', ');
  const last = /(\d+)(?=\D*$)/.exec(tiffs[0]);
  const pattern = last ? `${tiffs[0].slice(0, last.index)}{t:${last[1].length}}${tiffs[0].slice(last.index + last[1].length)}` : undefined;
  const matchesAll = pattern !== undefined && tiffs.every((n) => patternRegex(pattern).test(n));
  return ` (${dir} holds ${tiffs.length} TIFF file${tiffs.length === 1 ? '' : 's'}, e.g. ${examples}${matchesAll ? `: the pattern for them is "${join(dir, pattern)}"` : ''})`;
}

async function listDir(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (err) {
    const code = (err as { code?: string }).code;
    throw new InputError(code === 'ENOENT' ? `folder ${dir} does not exist` : `cannot list ${dir}: ${(err as Error).message.split('\n')[0]}`);
  }
}

let collator: Intl.Collator | undefined;

/**
 * File names in natural order ("t2" before "t10"), case and accents aside: the order of
 * `localeCompare(b, undefined, { numeric: true, sensitivity: 'base' })`. Names that differ only
 * in the values of their digit runs (t000.tif, t001.tif, ...: nearly every frame series) are
 * ordered by those values without the collator; any other pair goes to one collator built for
 * all calls (localeCompare with options builds one per call: sorting 65 frame names took ~7 ms
 * of CPU in a fresh process, most of it there).
 */
export function naturalCompare(a: string, b: string): number {
  const byNumbers = compareDigitRuns(a, b);
  if (byNumbers !== 0) return byNumbers;
  return (collator ??= new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' })).compare(a, b);
}

const DIGIT_RUNS = /\d+/g;

/**
 * When `a` and `b` have the same text between their digit runs (ASCII digits), the sign of the
 * first run whose value differs; 0 when they do not, or when every run has the same value.
 */
function compareDigitRuns(a: string, b: string): number {
  const runsA = a.match(DIGIT_RUNS);
  const runsB = b.match(DIGIT_RUNS);
  if (!runsA || !runsB || runsA.length !== runsB.length || a.replace(DIGIT_RUNS, '0') !== b.replace(DIGIT_RUNS, '0')) return 0;
  for (let i = 0; i < runsA.length; i++) {
    const x = runsA[i].replace(/^0+/, '');
    const y = runsB[i].replace(/^0+/, '');
    if (x.length !== y.length) return x.length < y.length ? -1 : 1;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

export async function isDirectory(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}

/** Per-file plane counts as (z, c): multi-page plain files count as z-stacks. */
function frameAxes(m: Movie): { z: number; c: number } {
  if (m.shape.t === 1) return { z: m.shape.z, c: m.shape.c };
  if (m.shape.z === 1 && m.shape.c === 1) return { z: m.shape.t, c: 1 };
  return { z: m.shape.t * m.shape.z, c: m.shape.c };
}

export async function openSeries(pathOrPattern: string): Promise<Movie> {
  const entries = await seriesEntries(pathOrPattern);
  // A {t} pattern says where time is; a folder or "*" pattern is read from its file names
  const layout = /\{t/.test(basename(pathOrPattern)) ? undefined : seriesLayout(entries.map((e) => e.path), pathOrPattern);
  if (layout && layout.axes.some((axis) => axis !== 't')) return openNamedSeries(pathOrPattern, layout);
  const files = entries.map((e) => e.path);
  const first = await openTiffMovie(files[0], FRAME);
  const { z, c } = frameAxes(first);
  const ref = { y: first.shape.y, x: first.shape.x, dtype: first.dtype, z, c };
  const meta: MovieMeta = { ...first.meta, channelNames: first.meta.channelNames.length === c ? first.meta.channelNames : first.meta.channelNames.slice(0, c) };
  // The time index in each file name (e.g. CTC man_seg005.tif, or a folder t005.tif ...): gaps or an offset matter.
  const numbers = (/\{t/.test(basename(pathOrPattern)) ? undefined : timeNumbersOf(files)) ?? entries.map((e) => e.t);
  if (numbers.some((n, i) => n !== i)) meta.extra = { ...meta.extra, frameNumbers: formatFrameNumbers(numbers) };
  const source: MovieSource = { ...first.source, path: pathOrPattern, format: 'series', files: files.length };
  // each frame checked here is kept described, its file closed, and read later without parsing it again
  const described: (TiffMovie | undefined)[] = [];
  const keep = async (m: TiffMovie) => {
    if (files.length <= MAX_DESCRIBED && m.suspend()) described.push(m);
    else {
      described.push(undefined);
      await m.close();
    }
  };
  await keep(first);
  try {
    for (const f of files.slice(1)) {
      const m = await openTiffMovie(f, FRAME);
      const axes = frameAxes(m);
      await keep(m);
      if (m.shape.y !== ref.y || m.shape.x !== ref.x || m.dtype !== ref.dtype || axes.z !== ref.z || axes.c !== ref.c) {
        throw new InputError(
          `${f} does not match the series: it is ${m.shape.x}x${m.shape.y} ${m.dtype} with ${axes.z * axes.c} planes, ${basename(files[0])} is ${ref.x}x${ref.y} ${ref.dtype} with ${ref.z * ref.c} planes`,
        );
      }
    }
  } catch (err) {
    await Promise.all(described.map((m) => m?.close()));
    throw err;
  }
  return new SeriesMovie(files, { t: files.length, z, c, y: ref.y, x: ref.x }, ref.dtype, meta, source, undefined, described);
}

/**
 * A series whose file names carry channel, z or position besides time: one plane per file, put on
 * the axes the names give. Several positions are several movies: refused, naming them and how to open one.
 */
async function openNamedSeries(pathOrPattern: string, layout: SeriesLayout): Promise<Movie> {
  const positions = axisValues(layout, 'position');
  if (positions.length > 1) {
    const token = layout.tokens.position ?? 'xy';
    const dir = isPattern(pathOrPattern) ? dirname(pathOrPattern) : pathOrPattern;
    throw new InputError(
      `${pathOrPattern} holds ${positions.length} positions (${positions.map((p) => `${token}${p}`).join(', ')}), each its own movie: open one with a pattern such as "${join(dir, `*${token}${positions[0]}*${extnameOf(layout.entries[0].path)}`)}"`,
    );
  }
  const times = axisValues(layout, 't');
  const slices = axisValues(layout, 'z');
  const channels = axisValues(layout, 'c');
  const index = new Map(layout.entries.map((e, i) => [`${e.t}/${e.z}/${e.c}`, i]));
  for (const t of times)
    for (const z of slices)
      for (const c of channels) {
        if (!index.has(`${t}/${z}/${c}`)) {
          const named = [layout.axes.includes('t') ? `t ${t}` : '', layout.axes.includes('z') ? `z ${z}` : '', layout.axes.includes('c') ? `channel ${c}` : ''].filter(Boolean).join(', ');
          throw new InputError(`${pathOrPattern}: no file for ${named} (the names give ${times.length} time point(s), ${slices.length} z slice(s) and ${channels.length} channel(s)); add the file or open a pattern that leaves it out`);
        }
      }
  const files = layout.entries.map((e) => e.path);
  const first = await openTiffMovie(files[0], FRAME);
  const ref = { y: first.shape.y, x: first.shape.x, dtype: first.dtype };
  const meta: MovieMeta = { ...first.meta, channelNames: channels.map((c) => `C${c}`) };
  const source: MovieSource = { ...first.source, path: pathOrPattern, format: 'series', files: files.length };
  await first.close();
  for (const f of files) {
    const m = await openTiffMovie(f, FRAME);
    await m.close();
    const planes = m.shape.t * m.shape.z * m.shape.c;
    if (m.shape.y !== ref.y || m.shape.x !== ref.x || m.dtype !== ref.dtype || planes !== 1) {
      throw new InputError(`${f} does not match the series: each file named by channel or z must hold one ${ref.x}x${ref.y} ${ref.dtype} plane, it holds ${planes} plane(s) of ${m.shape.x}x${m.shape.y} ${m.dtype}`);
    }
  }
  const locate = (t: number, z: number, c: number) => ({ file: index.get(`${times[t]}/${slices[z]}/${channels[c]}`)!, z: 0, c: 0 });
  return new SeriesMovie(files, { t: times.length, z: slices.length, c: channels.length, y: ref.y, x: ref.x }, ref.dtype, meta, source, locate);
}

function extnameOf(path: string): string {
  return /\.tiff?$/i.exec(path)?.[0] ?? '.tif';
}

class SeriesMovie implements Movie {
  private readonly open = new Map<number, { movie: Promise<TiffMovie>; users: number }>();
  private closed = false;

  constructor(
    readonly files: string[],
    readonly shape: Shape,
    readonly dtype: DType,
    readonly meta: MovieMeta,
    readonly source: MovieSource,
    /** Where plane (t, z, c) is: a file and a plane in it (files named by channel or z); default files[t]. */
    private readonly locate?: (t: number, z: number, c: number) => { file: number; z: number; c: number },
    /** Files described when the series opened, closed until read (suspended), by index. */
    private readonly described: (TiffMovie | undefined)[] = [],
  ) {}

  /** `into`, a plane of this size and type, is filled instead of a new one (see Movie.plane). */
  async plane(t: number, z: number, c: number, into?: PlaneData): Promise<PlaneData> {
    checkPlaneIndex(this, t, z, c);
    if (this.closed) throw new InputError(`${this.source.path}: the movie was closed`);
    const at = this.locate?.(t, z, c);
    const entry = this.acquire(at ? at.file : t);
    try {
      const m = await entry.movie;
      if (at) return await m.plane(0, at.z, at.c, into);
      // Plain multi-page frame files list their z planes as pages (shape.t).
      if (m.shape.t > 1 && m.shape.z === 1 && m.shape.c === 1) return await m.plane(z, 0, 0, into);
      if (m.shape.t > 1) return await m.plane(Math.floor(z / m.shape.z), z % m.shape.z, c, into);
      return await m.plane(0, z, c, into);
    } finally {
      entry.users--;
      this.evict();
    }
  }

  private acquire(t: number) {
    let entry = this.open.get(t);
    if (!entry) {
      const kept = this.described[t];
      this.described[t] = undefined;
      // a kept description is used when its file is unchanged; else the file is opened afresh
      const resumed = kept?.resume() ? kept : undefined;
      if (kept && !resumed) void kept.close();
      const movie = resumed ? Promise.resolve(resumed) : openTiffMovie(this.files[t], FRAME);
      entry = { movie, users: 0 };
      entry.movie.catch(() => this.open.delete(t));
      this.open.set(t, entry);
    } else {
      // Re-insert to mark as most recently used.
      this.open.delete(t);
      this.open.set(t, entry);
    }
    entry.users++;
    return entry;
  }

  private evict(): void {
    for (const [t, entry] of this.open) {
      if (this.open.size <= MAX_OPEN) break;
      if (entry.users > 0) continue;
      this.open.delete(t);
      void entry.movie.then((m) => {
        if (!this.closed && this.described.length > t && m.suspend()) this.described[t] = m;
        else return m.close();
      }, () => {});
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const entries = [...this.open.values()];
    this.open.clear();
    const kept = this.described.splice(0);
    await Promise.all([...entries.map((e) => e.movie.then((m) => m.close(), () => {})), ...kept.map((m) => m?.close())]);
  }
}
