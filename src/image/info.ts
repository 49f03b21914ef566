// A movie's description as `cellpilot info` and the tools report it.
import { BYTES_PER_SAMPLE, formatShape, planeCount, type Movie, type Shape } from './movie.ts';

export interface MovieInfo {
  path: string;
  format: string;
  /** A file series: the number of files (absent for one file). */
  files?: number;
  shape: Shape;
  /** Axis order of `shape` and of plane indices. */
  axes: 'TZCYX';
  planes: number;
  dtype: string;
  pixelSizeUm: number | null;
  pixelSizeYUm: number | null;
  /** The y axis's unit when it is not a length (a kymograph's rows: "min"); pixelSizeYUm is then in it. */
  yUnit?: string;
  zStepUm: number | null;
  frameIntervalS: number | null;
  channelNames: string[];
  compression: string | null;
  byteOrder: string | null;
  bigTiff: boolean;
  /** Size of the pixel data uncompressed, in bytes. */
  pixelBytes: number;
  /** A print resolution (dots per inch) the file carries instead of a pixel size. */
  printDpi?: number;
}

export function movieInfo(movie: Movie): MovieInfo {
  const { shape, meta, source } = movie;
  return {
    path: source.path,
    format: source.format,
    ...(source.files !== undefined ? { files: source.files } : {}),
    shape: { ...shape },
    axes: 'TZCYX',
    planes: planeCount(shape),
    dtype: movie.dtype,
    pixelSizeUm: meta.pixelSizeUm ?? null,
    pixelSizeYUm: meta.pixelSizeYUm ?? null,
    ...(meta.yUnit ? { yUnit: meta.yUnit } : {}),
    zStepUm: meta.zStepUm ?? null,
    frameIntervalS: meta.frameIntervalS ?? null,
    channelNames: [...meta.channelNames],
    compression: source.compression ?? null,
    byteOrder: source.byteOrder ?? null,
    bigTiff: source.bigTiff ?? false,
    pixelBytes: planeCount(shape) * shape.y * shape.x * BYTES_PER_SAMPLE[movie.dtype],
    ...(meta.printDpi && !meta.pixelSizeUm ? { printDpi: meta.printDpi } : {}),
  };
}

/**
 * Why a file with resolution tags has no pixel size: "300 dpi is a print resolution, not a
 * pixel size" (an image editor's setting for paper; it says nothing about the sample).
 */
export function printResolutionNote(printDpi: number | undefined): string {
  return printDpi ? `${+printDpi.toPrecision(4)} dpi is a print resolution, not a pixel size` : '';
}

const FORMAT_NAMES: Record<string, string> = {
  tiff: 'TIFF',
  imagej: 'ImageJ hyperstack TIFF',
  'ome-tiff': 'OME-TIFF',
  series: 'file series',
  memory: 'in memory',
};

/** A series' files: " (20 TIFF files, one per plane)" where z or channels are in the names, "one per time point" where each holds a frame. */
function seriesFiles(info: MovieInfo): string {
  if (info.files === undefined) return '';
  const each = info.files === info.planes && info.planes > info.shape.t ? 'one per plane' : info.files === info.shape.t ? 'one per time point' : `${info.planes} planes`;
  return ` (${info.files} TIFF file${info.files === 1 ? '' : 's'}, ${each})`;
}

/** Human-readable lines, one fact per line. */
export function formatMovieInfo(info: MovieInfo): string {
  const unknown = 'unknown';
  const num = (v: number) => Number(v.toPrecision(6)).toString();
  const rows: [string, string][] = [
    ['file', info.path],
    ['format', `${FORMAT_NAMES[info.format] ?? info.format}${seriesFiles(info)}${info.bigTiff ? ', BigTIFF' : ''}`],
    ['shape', `${formatShape(info.shape)}  (${info.planes} plane${info.planes === 1 ? '' : 's'})`],
    ['dtype', info.dtype],
    ['pixel size', info.pixelSizeUm ? `${num(info.pixelSizeUm)} µm${info.pixelSizeYUm ? ` x ${num(info.pixelSizeYUm)} ${info.yUnit ?? 'µm'} (y)` : ''}` : info.printDpi ? `${unknown} (${printResolutionNote(info.printDpi)})` : unknown],
    ['z step', info.zStepUm ? `${num(info.zStepUm)} µm` : info.shape.z > 1 ? unknown : '-'],
    ['frame interval', info.frameIntervalS ? `${num(info.frameIntervalS)} s` : info.shape.t > 1 ? unknown : '-'],
    ['channels', info.channelNames.join(', ')],
    ['compression', info.compression ?? unknown],
    ['byte order', info.byteOrder ? `${info.byteOrder}-endian` : unknown],
    ['pixel data', formatBytes(info.pixelBytes)],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n');
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let i = -1;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 2 : 1)} ${units[i]}`;
}

/**
 * Reads the first and the last plane (every plane with `every`), so that a truncated file fails
 * here with its one line rather than halfway through an analysis. Returns up to two of the
 * values seen: one value means every plane read is blank.
 */
export async function readEndPlanes(movie: Movie, every = wholeIsCheap(movie)): Promise<Set<number>> {
  const { t, z, c } = movie.shape;
  const values = new Set<number>();
  const look = async (ti: number, zi: number, ci: number) => {
    const plane = await movie.plane(ti, zi, ci);
    if (values.size > 1) return;
    for (let i = 0; i < plane.length && values.size < 2; i++) values.add(plane[i]);
  };
  if (every) {
    for (let ti = 0; ti < t; ti++) for (let zi = 0; zi < z; zi++) for (let ci = 0; ci < c; ci++) await look(ti, zi, ci);
  } else {
    await look(0, 0, 0);
    await look(t - 1, z - 1, c - 1);
  }
  return values;
}

/** Pixel data small enough (16 MiB) that reading every plane costs less than a user notices. */
export const CHEAP_WHOLE_READ_BYTES = 16 * 1024 * 1024;

/** Whether every plane of `movie` is read by default (a small movie), not only the first and the last. */
export function wholeIsCheap(movie: Movie): boolean {
  const { t, z, c, y, x } = movie.shape;
  return t * z * c * y * x * BYTES_PER_SAMPLE[movie.dtype] <= CHEAP_WHOLE_READ_BYTES;
}

/**
 * The warning for a movie whose planes read hold one value (an all-zero export, the wrong channel),
 * or undefined when they vary: `every` says whether every plane was read or the first and the last.
 */
export function uniformPlanesNote(values: Set<number>, every: boolean): string | undefined {
  if (values.size !== 1) return undefined;
  const planes = every ? 'every plane holds' : 'the first and the last plane hold';
  return `${planes} one value (every pixel ${[...values][0]}): nothing to analyse there; is this the right file or channel?`;
}
