// Kymographs along a polyline, as Fiji's KymographBuilder: one row per frame (time runs
// down), one column per pixel step along the line; across a line wider than 1 px the
// samples are reduced by their maximum (KymographBuilder's default) or mean.
import type { Movie } from '../image/movie.ts';
import { createMovieWriter } from '../image/writer.ts';
import { InputError, WorkError } from '../errors.ts';
import { PlaneProjector } from './project.ts';

export interface KymographOptions {
  /** Line width in px across the line (odd or even, >= 1). Default 1. */
  widthPx?: number;
  /** How samples across the width are reduced. Default 'max'. */
  across?: 'max' | 'mean';
  /** 0-based inclusive frames. Default all. */
  frames?: [number, number];
  onProgress?: (done: number, total: number, label?: string) => void;
  signal?: AbortSignal;
}

/** Sample points (x, y) every 1 px along a polyline, with the unit normal of their segment. */
export function samplePolyline(points: [number, number][]): { x: number; y: number; nx: number; ny: number }[] {
  const out: { x: number; y: number; nx: number; ny: number }[] = [];
  let carried = 0; // distance into the current segment where the next sample falls
  for (let s = 0; s + 1 < points.length; s++) {
    const [x0, y0] = points[s];
    const [x1, y1] = points[s + 1];
    const length = Math.hypot(x1 - x0, y1 - y0);
    if (length === 0) continue;
    const ux = (x1 - x0) / length;
    const uy = (y1 - y0) / length;
    let d = carried;
    for (; d <= length + 1e-9; d += 1) out.push({ x: x0 + ux * d, y: y0 + uy * d, nx: -uy, ny: ux });
    carried = d - length;
  }
  return out;
}

function bilinear(plane: ArrayLike<number>, height: number, width: number, x: number, y: number): number | undefined {
  if (x < 0 || y < 0 || x > width - 1 || y > height - 1) return undefined;
  const x0 = Math.min(Math.floor(x), width - 2 < 0 ? 0 : width - 2);
  const y0 = Math.min(Math.floor(y), height - 2 < 0 ? 0 : height - 2);
  const fx = x - x0;
  const fy = y - y0;
  const at = (yy: number, xx: number) => plane[Math.min(yy, height - 1) * width + Math.min(xx, width - 1)];
  return (1 - fy) * ((1 - fx) * at(y0, x0) + fx * at(y0, x0 + 1)) + fy * ((1 - fx) * at(y0 + 1, x0) + fx * at(y0 + 1, x0 + 1));
}

export function checkPolyline(points: [number, number][], height: number, width: number): void {
  if (points.length < 2) throw new InputError(`a kymograph line needs at least 2 points, got ${points.length}`);
  for (const [x, y] of points) {
    if (!Number.isFinite(x) || !Number.isFinite(y) || x < 0 || y < 0 || x > width - 1 || y > height - 1) {
      throw new InputError(`kymograph point (${x}, ${y}) is outside the ${width}x${height} image: use x from 0 to ${width - 1} and y from 0 to ${height - 1} px`);
    }
  }
  if (samplePolyline(points).length < 2) throw new InputError('the kymograph line has zero length: give two different points');
}

/** Builds the kymograph of every channel (z max-projected): rows = frames, columns = steps along the line. */
export async function kymograph(movie: Movie, points: [number, number][], options: KymographOptions = {}): Promise<{ planes: Float32Array[]; height: number; width: number }> {
  const { shape } = movie;
  checkPolyline(points, shape.y, shape.x);
  if (shape.t === 1) {
    throw new InputError('the movie has a single frame (a projection or a still image?): a kymograph shows change along the line over time, so give it the time-lapse movie');
  }
  const widthPx = options.widthPx ?? 1;
  if (!(Number.isInteger(widthPx) && widthPx >= 1)) throw new InputError(`widthPx must be a whole number of pixels >= 1, got ${widthPx}`);
  const across = options.across ?? 'max';
  const [first, last] = options.frames ?? [0, shape.t - 1];
  if (!(first >= 0 && last < shape.t && first <= last)) throw new InputError(`frames ${first + 1} to ${last + 1} are outside the movie's 1 to ${shape.t}`);
  const samples = samplePolyline(points);
  const offsets = Array.from({ length: widthPx }, (_, k) => k - (widthPx - 1) / 2);
  const rows = last - first + 1;
  const planes = Array.from({ length: shape.c }, () => new Float32Array(rows * samples.length));
  for (let t = first; t <= last; t++) {
    if (options.signal?.aborted) throw new WorkError('cancelled');
    for (let c = 0; c < shape.c; c++) {
      const projector = new PlaneProjector('max', shape.y * shape.x);
      for (let z = 0; z < shape.z; z++) projector.add(await movie.plane(t, z, c));
      const frame = projector.result();
      samples.forEach((s, i) => {
        let reduced = across === 'max' ? -Infinity : 0;
        let count = 0;
        for (const o of offsets) {
          const v = bilinear(frame, shape.y, shape.x, s.x + o * s.nx, s.y + o * s.ny);
          if (v === undefined) continue; // the band may leave the image near its edges
          reduced = across === 'max' ? Math.max(reduced, v) : reduced + v;
          count++;
        }
        planes[c][(t - first) * samples.length + i] = count === 0 ? 0 : across === 'max' ? reduced : reduced / count;
      });
    }
    options.onProgress?.(t - first + 1, rows, 'frames');
  }
  return { planes, height: rows, width: samples.length };
}

/** Writes a kymograph as a one-frame float32 image, one channel per input channel. */
export async function writeKymograph(movie: Movie, result: { planes: Float32Array[]; height: number; width: number }, outputPath: string): Promise<void> {
  const writer = await createMovieWriter(outputPath, {
    shape: { t: 1, z: 1, c: result.planes.length, y: result.height, x: result.width },
    dtype: 'float32',
    meta: { channelNames: movie.meta.channelNames, pixelSizeUm: movie.meta.pixelSizeUm, ...kymographRows(movie.meta.frameIntervalS), extra: { rows: 'frames', columns: 'px along the line' } },
  });
  for (const plane of result.planes) await writer.writePlane(plane);
  await writer.close();
}

/**
 * The height of a kymograph's row in time, as Fiji's KymographBuilder calibrates it: the frame
 * interval in a readable unit ("min"), or one "frame" when the movie has none. Without it the
 * writer gave rows the lateral pixel size, so Fiji showed the time axis in µm.
 */
export function kymographRows(frameIntervalS: number | undefined): { pixelSizeYUm: number; yUnit: string } {
  if (!(frameIntervalS !== undefined && frameIntervalS > 0)) return { pixelSizeYUm: 1, yUnit: 'frame' };
  if (frameIntervalS < 1) return { pixelSizeYUm: frameIntervalS * 1000, yUnit: 'ms' };
  if (frameIntervalS < 60) return { pixelSizeYUm: frameIntervalS, yUnit: 'sec' };
  if (frameIntervalS < 7200) return { pixelSizeYUm: frameIntervalS / 60, yUnit: 'min' };
  return { pixelSizeYUm: frameIntervalS / 3600, yUnit: 'hour' };
}
