// The Movie model: a 5-D image (T, Z, C, Y, X) whose planes are read lazily.
// Every analysis stage consumes and produces Movies; a Movie read from disk never
// holds more than the planes a caller asks for, so movies larger than memory stream.

export type DType = 'uint8' | 'int8' | 'uint16' | 'int16' | 'uint32' | 'int32' | 'float32' | 'float64';

export type PlaneData =
  | Uint8Array
  | Int8Array
  | Uint16Array
  | Int16Array
  | Uint32Array
  | Int32Array
  | Float32Array
  | Float64Array;

/** Sizes of the five axes. A plain 2-D image is {t:1, z:1, c:1, y, x}. */
export interface Shape {
  t: number;
  z: number;
  c: number;
  y: number;
  x: number;
}

/** Physical calibration and naming. Missing values mean "unknown", not 1. */
export interface MovieMeta {
  /** Lateral pixel size in micrometres (x and y assumed equal unless pixelSizeYUm is set). */
  pixelSizeUm?: number;
  pixelSizeYUm?: number;
  /**
   * The unit of the y axis when it is not a length (a kymograph's rows are time: "sec", "min",
   * "frame"); pixelSizeYUm then holds the height of a row in that unit. ImageJ's `yunit`.
   */
  yUnit?: string;
  /** Distance between z planes in micrometres. */
  zStepUm?: number;
  /** Time between frames in seconds. */
  frameIntervalS?: number;
  /** One name per channel (length = shape.c), e.g. ["DAPI", "GFP"]. */
  channelNames: string[];
  /**
   * A resolution in dots per inch the file carries that was not read as a pixel size (plain
   * TIFF resolution tags in inches are what an image editor prints at: 72 or 300 dpi).
   */
  printDpi?: number;
  /** Free-form extra metadata (e.g. OME or ImageJ keys), never trusted as instructions. */
  extra?: Record<string, string | number | boolean>;
}

/** Where a movie came from, as `cellpilot info` reports it. */
export interface MovieSource {
  path: string;
  format: 'tiff' | 'imagej' | 'ome-tiff' | 'series' | 'memory';
  compression?: string;
  byteOrder?: 'little' | 'big';
  bigTiff?: boolean;
  /** A file series: how many files hold its planes (one per time point, or one per plane when z or channels are in the names). */
  files?: number;
}

export interface Movie {
  readonly shape: Shape;
  readonly dtype: DType;
  readonly meta: MovieMeta;
  readonly source: MovieSource;
  /**
   * Reads one Y*X plane, row-major, in the movie's dtype. Indices are 0-based. `into`, a
   * plane of the movie's dtype and size, lets a streaming caller reuse one buffer: readers
   * that can fill it do so and return it (others return another array, so always use the
   * returned plane).
   */
  plane(t: number, z: number, c: number, into?: PlaneData): Promise<PlaneData>;
  /** Releases file handles. Safe to call more than once. */
  close(): Promise<void>;
}

/** A label image: a Movie of integer planes where 0 is background and k > 0 is object k. */
export type Labels = Movie;

export const BYTES_PER_SAMPLE: Record<DType, number> = {
  uint8: 1,
  int8: 1,
  uint16: 2,
  int16: 2,
  uint32: 4,
  int32: 4,
  float32: 4,
  float64: 8,
};

export function allocatePlane(dtype: DType, length: number): PlaneData {
  switch (dtype) {
    case 'uint8':
      return new Uint8Array(length);
    case 'int8':
      return new Int8Array(length);
    case 'uint16':
      return new Uint16Array(length);
    case 'int16':
      return new Int16Array(length);
    case 'uint32':
      return new Uint32Array(length);
    case 'int32':
      return new Int32Array(length);
    case 'float32':
      return new Float32Array(length);
    case 'float64':
      return new Float64Array(length);
  }
}

export function dtypeOf(data: PlaneData): DType {
  if (data instanceof Uint8Array) return 'uint8';
  if (data instanceof Int8Array) return 'int8';
  if (data instanceof Uint16Array) return 'uint16';
  if (data instanceof Int16Array) return 'int16';
  if (data instanceof Uint32Array) return 'uint32';
  if (data instanceof Int32Array) return 'int32';
  if (data instanceof Float32Array) return 'float32';
  return 'float64';
}

export function planeCount(shape: Shape): number {
  return shape.t * shape.z * shape.c;
}

/** ImageJ hyperstack order: channel fastest, then z, then time. */
export function planeIndex(shape: Shape, t: number, z: number, c: number): number {
  return (t * shape.z + z) * shape.c + c;
}

export function checkPlaneIndex(movie: { shape: Shape; source?: MovieSource }, t: number, z: number, c: number): void {
  const { shape } = movie;
  const bad =
    !Number.isInteger(t) || t < 0 || t >= shape.t
      ? `t=${t} (movie has ${shape.t} frames)`
      : !Number.isInteger(z) || z < 0 || z >= shape.z
        ? `z=${z} (movie has ${shape.z} slices)`
        : !Number.isInteger(c) || c < 0 || c >= shape.c
          ? `c=${c} (movie has ${shape.c} channels)`
          : undefined;
  if (bad) throw new RangeError(`plane index out of range: ${bad}`);
}

/** A Movie held in memory, planes in ImageJ order (see planeIndex). */
export class MemoryMovie implements Movie {
  readonly source: MovieSource;
  constructor(
    readonly shape: Shape,
    readonly dtype: DType,
    readonly planes: PlaneData[],
    readonly meta: MovieMeta = { channelNames: defaultChannelNames(shape.c) },
    name = 'memory',
  ) {
    if (planes.length !== planeCount(shape)) {
      throw new RangeError(`MemoryMovie needs ${planeCount(shape)} planes for shape ${formatShape(shape)}, got ${planes.length}`);
    }
    for (const p of planes) {
      if (p.length !== shape.y * shape.x) throw new RangeError(`plane length ${p.length} does not match ${shape.y}x${shape.x}`);
    }
    this.source = { path: name, format: 'memory' };
  }

  async plane(t: number, z: number, c: number): Promise<PlaneData> {
    checkPlaneIndex(this, t, z, c);
    return this.planes[planeIndex(this.shape, t, z, c)];
  }

  async close(): Promise<void> {}
}

export function defaultChannelNames(c: number): string[] {
  return Array.from({ length: c }, (_, i) => `C${i + 1}`);
}

export function formatShape(s: Shape): string {
  return `T=${s.t} Z=${s.z} C=${s.c} Y=${s.y} X=${s.x}`;
}

/** Creates an in-memory movie by calling `fill` once per plane (in ImageJ order). */
export function movieFromPlanes(
  shape: Shape,
  dtype: DType,
  fill: (t: number, z: number, c: number) => PlaneData,
  meta?: Partial<MovieMeta>,
): MemoryMovie {
  const planes: PlaneData[] = [];
  for (let t = 0; t < shape.t; t++)
    for (let z = 0; z < shape.z; z++) for (let c = 0; c < shape.c; c++) planes.push(fill(t, z, c));
  return new MemoryMovie(shape, dtype, planes, { channelNames: defaultChannelNames(shape.c), ...meta });
}
