// Intensity projections over time or z (ImageJ's Z Project: max, mean, min, sum, standard
// deviation) and Fiji's "Temporal-Color Code" (each frame coloured by its time through a
// LUT, then a maximum projection of the RGB frames).
import { dtypeOf, type DType, type Movie, type PlaneData, type Shape } from '../image/movie.ts';
import { createMovieWriter } from '../image/writer.ts';
import { PlaneExtremes } from '../image/planeExtremes.ts';
import { PlaneSums } from '../image/planeSums.ts';
import { InputError, WorkError } from '../errors.ts';
import { castPlane } from './resample.ts';

export type ProjectionMethod = 'max' | 'mean' | 'min' | 'sum' | 'std';
export type ProjectionAxis = 'time' | 'z';

export interface ProjectOptions {
  method?: ProjectionMethod;
  axis?: ProjectionAxis;
  /** 0-based inclusive range along the projected axis. Default: all. */
  range?: [number, number];
  /** 0-based channel to project alone; default every channel. */
  channel?: number;
  onProgress?: (done: number, total: number, label?: string) => void;
  signal?: AbortSignal;
}

/**
 * Running projection of planes: accumulates and finishes one output plane. Max and min
 * keep the extreme in the planes' own type (WebAssembly SIMD, see PlaneExtremes; no
 * conversion); sums and means add up in PlaneSums (SIMD for 16-bit planes), deviations in
 * float64.
 */
export class PlaneProjector {
  private extremes: PlaneExtremes | undefined;
  private sums: PlaneSums | undefined;
  private readonly a: Float64Array;
  private readonly b: Float64Array;
  private count = 0;
  /** `dtype`, when known, lets max and min offer intake() before the first plane. */
  constructor(
    readonly method: ProjectionMethod,
    readonly size: number,
    dtype?: DType,
  ) {
    const extremes = method === 'max' || method === 'min';
    this.a = new Float64Array(method === 'std' ? size : 0);
    this.b = new Float64Array(method === 'std' ? size : 0);
    if (extremes && dtype) this.extremes = new PlaneExtremes(method, dtype, size);
    if ((method === 'sum' || method === 'mean') && dtype) this.sums = new PlaneSums(dtype, size);
  }

  /**
   * Where the next plane should be read (Movie.plane's `into`) for add() to take it without
   * a copy; undefined when any buffer will do.
   */
  intake(): PlaneData | undefined {
    return this.extremes?.intake() ?? this.sums?.intake();
  }

  add(plane: PlaneData): void {
    if (plane.length !== this.size) throw new RangeError(`plane has ${plane.length} pixels, the projection ${this.size}`);
    switch (this.method) {
      case 'max':
      case 'min':
        this.extremes ??= new PlaneExtremes(this.method, dtypeOf(plane), this.size);
        this.extremes.add(plane);
        break;
      case 'std':
        sumSquaresInto(this.a, this.b, plane);
        break;
      default:
        this.sums ??= new PlaneSums(dtypeOf(plane), this.size);
        this.sums.add(plane);
    }
    this.count++;
  }

  /** The projection; std is the sample standard deviation (n - 1), as ImageJ's ZProjector. */
  result(): Float64Array {
    const n = this.count;
    const extreme = this.extremes?.result();
    if (extreme) return Float64Array.from(extreme);
    if (this.method === 'max' || this.method === 'min') return new Float64Array(this.size).fill(this.method === 'max' ? -Infinity : Infinity);
    if (this.method === 'std') return this.a.map((s, i) => (n > 1 ? Math.sqrt(Math.max(0, (this.b[i] - (s * s) / n) / (n - 1))) : 0));
    const sums = this.sums?.result() ?? new Float64Array(this.size);
    return this.method === 'mean' ? sums.map((v) => v / n) : sums;
  }

  /** The projection as a plane of `dtype`: max and min in the input's own type without a float64 round trip. */
  resultPlane(dtype: DType): PlaneData {
    if (this.extremes?.dtype === dtype) {
      const extreme = this.extremes.result();
      if (extreme) return extreme;
    }
    return castPlane(this.result(), dtype);
  }
}

function sumSquaresInto(sum: Float64Array, squares: Float64Array, plane: PlaneData): void {
  for (let i = 0; i < sum.length; i++) {
    const v = plane[i];
    sum[i] += v;
    squares[i] += v * v;
  }
}

function checkRange(length: number, range: [number, number] | undefined, axis: string): [number, number] {
  const [first, last] = range ?? [0, length - 1];
  if (!(Number.isInteger(first) && Number.isInteger(last) && first >= 0 && last < length && first <= last)) {
    throw new InputError(`the ${axis} range ${first + 1} to ${last + 1} is outside the movie's 1 to ${length}`);
  }
  return [first, last];
}

/** Projects over time (one output frame) or over z (one slice per frame) and writes the result. */
export async function projectMovie(movie: Movie, outputPath: string, options: ProjectOptions = {}): Promise<{ shape: Shape }> {
  const method = options.method ?? 'max';
  const axis = options.axis ?? 'time';
  if (!['max', 'mean', 'min', 'sum', 'std'].includes(method)) throw new InputError(`method must be max, mean, min, sum or std, got ${method}`);
  const { shape } = movie;
  const [first, last] = checkRange(axis === 'time' ? shape.t : shape.z, options.range, axis === 'time' ? 'frame' : 'slice');
  const channels = options.channel === undefined ? Array.from({ length: shape.c }, (_, c) => c) : [options.channel];
  if (!channels.every((c) => Number.isInteger(c) && c >= 0 && c < shape.c)) throw new InputError(`channel ${options.channel! + 1} does not exist: the movie has ${shape.c} channel(s)`);
  const outShape: Shape = { ...(axis === 'time' ? { ...shape, t: 1 } : { ...shape, z: 1 }), c: channels.length };
  const meta = { ...movie.meta, channelNames: channels.map((c) => movie.meta.channelNames[c] ?? `C${c + 1}`) };
  // max and min keep the data type; averages, sums and deviations are 32-bit float, as in ImageJ
  const dtype = method === 'max' || method === 'min' ? movie.dtype : 'float32';
  const writer = await createMovieWriter(outputPath, { shape: outShape, dtype, meta });
  const size = shape.y * shape.x;
  // Planes stream through reused buffers (readers that can fill them do; see Movie.plane).
  let buffer: PlaneData | undefined;
  try {
    const outerCount = axis === 'time' ? shape.z : shape.t;
    for (let outer = 0; outer < outerCount; outer++) {
      for (const c of channels) {
        const projector = new PlaneProjector(method, size, movie.dtype);
        for (let k = first; k <= last; k++) {
          if (options.signal?.aborted) throw new WorkError('cancelled');
          // max, min, sum and mean: read straight into the SIMD kernel's input; others: one reused buffer
          const into = projector.intake() ?? buffer;
          const plane = axis === 'time' ? await movie.plane(k, outer, c, into) : await movie.plane(outer, k, c, into);
          projector.add(plane); // copies what it keeps, so the buffer can be refilled
          buffer = plane;
        }
        await writer.writePlane(projector.resultPlane(dtype));
      }
      options.onProgress?.(outer + 1, outerCount, 'projections');
    }
  } catch (err) {
    await writer.abort();
    throw err;
  }
  await writer.close();
  return { shape: outShape };
}

// ImageJ's "Fire" LUT control points (ij.plugin.LutLoader), interpolated to 256 entries.
const FIRE = {
  r: [0, 0, 1, 25, 49, 73, 98, 122, 146, 162, 173, 184, 195, 207, 217, 229, 240, 252, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255],
  g: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 14, 35, 57, 79, 101, 117, 133, 147, 161, 175, 190, 205, 219, 234, 248, 255, 255, 255, 255],
  b: [0, 61, 96, 130, 165, 192, 220, 227, 210, 181, 151, 122, 93, 64, 35, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 35, 98, 160, 223, 255],
};

export type ColorCodeLut = 'fire' | 'spectrum';

/** A 256-entry LUT as [r, g, b] rows, 0-255. */
export function lut(name: ColorCodeLut): [number, number, number][] {
  if (name === 'spectrum') {
    // ImageJ's Spectrum: hue from red through the rainbow, full saturation and brightness
    return Array.from({ length: 256 }, (_, i) => hsbToRgb(i / 255));
  }
  const n = FIRE.r.length;
  const scale = n / 256;
  return Array.from({ length: 256 }, (_, i) => {
    const i1 = Math.floor(i * scale);
    const i2 = Math.min(i1 + 1, n - 1);
    const f = i * scale - i1;
    return [0, 1, 2].map((k) => {
      const ch = [FIRE.r, FIRE.g, FIRE.b][k];
      return Math.floor((1 - f) * ch[i1] + f * ch[i2]);
    }) as [number, number, number];
  });
}

function hsbToRgb(hue: number): [number, number, number] {
  const h = (hue * 6) % 6;
  const x = 1 - Math.abs((h % 2) - 1);
  const [r, g, b] = h < 1 ? [1, x, 0] : h < 2 ? [x, 1, 0] : h < 3 ? [0, 1, x] : h < 4 ? [0, x, 1] : h < 5 ? [x, 0, 1] : [1, 0, x];
  return [Math.round(r * 255), Math.round(g * 255), Math.round(b * 255)];
}

export interface ColorCodeOptions {
  channel?: number;
  /** 0-based inclusive frames. Default all. */
  frames?: [number, number];
  lut?: ColorCodeLut;
  onProgress?: (done: number, total: number, label?: string) => void;
  signal?: AbortSignal;
}

/**
 * Fiji's Temporal-Color Code: every frame (maximum-projected over z) is scaled to 0-1 by the
 * range of the chosen frames, tinted with the LUT colour of its time (frame i of n gets entry
 * floor(255 i / (n - 1))), and the tinted frames are max-projected into one RGB image,
 * written as a 3-channel uint8 movie (R, G, B).
 */
export async function temporalColorCode(movie: Movie, outputPath: string, options: ColorCodeOptions = {}): Promise<{ colors: [number, number, number][] }> {
  const { shape } = movie;
  const channel = options.channel ?? 0;
  if (channel < 0 || channel >= shape.c) throw new InputError(`channel ${channel + 1} does not exist: the movie has ${shape.c} channel(s)`);
  const [first, last] = checkRange(shape.t, options.frames, 'frame');
  const size = shape.y * shape.x;
  const frames: Float64Array[] = [];
  let lo = Infinity;
  let hi = -Infinity;
  for (let t = first; t <= last; t++) {
    const projector = new PlaneProjector('max', size);
    for (let z = 0; z < shape.z; z++) projector.add(await movie.plane(t, z, channel));
    const frame = projector.result();
    for (const v of frame) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    frames.push(frame);
  }
  const table = lut(options.lut ?? 'fire');
  const n = frames.length;
  const colors = frames.map((_, i) => table[n > 1 ? Math.floor((255 * i) / (n - 1)) : 0]);
  const rgb = [new Float64Array(size), new Float64Array(size), new Float64Array(size)];
  const span = hi > lo ? hi - lo : 1;
  frames.forEach((frame, i) => {
    for (let p = 0; p < size; p++) {
      const v = Math.min(1, Math.max(0, (frame[p] - lo) / span));
      for (let k = 0; k < 3; k++) {
        const value = v * colors[i][k];
        if (value > rgb[k][p]) rgb[k][p] = value;
      }
    }
    options.onProgress?.(i + 1, n, 'frames');
  });
  const writer = await createMovieWriter(outputPath, {
    shape: { t: 1, z: 1, c: 3, y: shape.y, x: shape.x },
    dtype: 'uint8',
    meta: { ...movie.meta, channelNames: ['R', 'G', 'B'] },
  });
  for (const plane of rgb) await writer.writePlane(castPlane(plane, 'uint8'));
  await writer.close();
  return { colors };
}
