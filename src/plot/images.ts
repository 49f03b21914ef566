// Image outputs as RGBA pictures: a plane with an automatic contrast stretch (as
// ImageJ's "Auto", saturating 0.35 % of pixels), label outlines, and track paths drawn
// over it. Pure functions over typed arrays; png.ts writes the result.
import type { Tracks } from '../analysis/tracks.ts';
import type { RgbaImage } from './png.ts';

export type Plane = ArrayLike<number>;

/** Low and high display limits at the given percentiles (ImageJ Auto: 0.35 % saturated in all). */
export function displayRange(plane: Plane, saturatedPct = 0.35): [number, number] {
  const n = plane.length;
  if (n === 0) return [0, 1];
  // sort a strided sample: exact enough for display limits, fast on big planes
  const step = Math.max(1, Math.floor(n / 65536));
  const sample: number[] = [];
  for (let i = 0; i < n; i += step) if (Number.isFinite(plane[i])) sample.push(plane[i]);
  if (sample.length === 0) return [0, 1];
  sample.sort((a, b) => a - b);
  const tail = saturatedPct / 200;
  const lo = sample[Math.floor(tail * (sample.length - 1))];
  const hi = sample[Math.ceil((1 - tail) * (sample.length - 1))];
  return hi > lo ? [lo, hi] : [lo, lo + 1];
}

export type Rgb = [number, number, number];

/**
 * A picture of `plane` (width x height) stretched between `range` (default: displayRange),
 * from black to `colour` as a Fiji LUT (default white: grey).
 */
export function planeToRgba(plane: Plane, width: number, height: number, range: [number, number] = displayRange(plane), colour: Rgb = [255, 255, 255]): RgbaImage {
  return compositeToRgba([{ plane, colour, range }], width, height);
}

/** Channels added in their colours, as Fiji's composite mode: each stretched to its own range, sums clipped at 255. */
export function compositeToRgba(channels: { plane: Plane; colour: Rgb; range?: [number, number] }[], width: number, height: number): RgbaImage {
  const data = new Uint8Array(width * height * 4);
  const sum = new Float32Array(width * height * 3);
  for (const { plane, colour, range = displayRange(plane) } of channels) {
    const [lo, hi] = range;
    const scale = 1 / (hi - lo);
    for (let i = 0; i < width * height; i++) {
      const v = Math.max(0, Math.min(1, (plane[i] - lo) * scale));
      sum[i * 3] += v * colour[0];
      sum[i * 3 + 1] += v * colour[1];
      sum[i * 3 + 2] += v * colour[2];
    }
  }
  for (let i = 0; i < width * height; i++) {
    for (let k = 0; k < 3; k++) data[i * 4 + k] = Math.min(255, Math.round(sum[i * 3 + k]));
    data[i * 4 + 3] = 255;
  }
  return { width, height, data };
}

/** Tableau-10, then repeated: distinct hues for tracks and labels. */
const PALETTE: [number, number, number][] = [
  [78, 121, 167], [242, 142, 43], [225, 87, 89], [118, 183, 178], [89, 161, 79],
  [237, 201, 72], [176, 122, 161], [255, 157, 167], [156, 117, 95], [186, 176, 172],
];
const BRIGHT: [number, number, number][] = [
  [255, 80, 80], [80, 220, 80], [80, 160, 255], [255, 220, 0], [255, 0, 255],
  [0, 230, 230], [255, 150, 0], [180, 110, 255], [150, 255, 150], [255, 120, 190],
];

export function colorOf(id: number, bright = true): [number, number, number] {
  const palette = bright ? BRIGHT : PALETTE;
  return palette[((id % palette.length) + palette.length) % palette.length];
}

function setPixel(image: RgbaImage, x: number, y: number, color: [number, number, number]): void {
  if (x < 0 || y < 0 || x >= image.width || y >= image.height) return;
  const i = (y * image.width + x) * 4;
  image.data[i] = color[0];
  image.data[i + 1] = color[1];
  image.data[i + 2] = color[2];
  image.data[i + 3] = 255;
}

/** Paints the border pixels of every object (a pixel whose 4-neighbour has another label) in its colour. */
export function drawLabelOutlines(image: RgbaImage, labels: Plane): number {
  const { width, height } = image;
  const seen = new Set<number>();
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = labels[y * width + x];
      if (v === 0) continue;
      seen.add(v);
      const border =
        x === 0 || y === 0 || x === width - 1 || y === height - 1 ||
        labels[y * width + x - 1] !== v || labels[y * width + x + 1] !== v || labels[(y - 1) * width + x] !== v || labels[(y + 1) * width + x] !== v;
      if (border) setPixel(image, x, y, colorOf(v));
    }
  }
  return seen.size;
}

/** A straight line by Bresenham's algorithm. */
export function drawLine(image: RgbaImage, x0: number, y0: number, x1: number, y1: number, color: [number, number, number]): void {
  let x = Math.round(x0), y = Math.round(y0);
  const xe = Math.round(x1), ye = Math.round(y1);
  const dx = Math.abs(xe - x), dy = -Math.abs(ye - y);
  const sx = x < xe ? 1 : -1, sy = y < ye ? 1 : -1;
  let err = dx + dy;
  for (;;) {
    setPixel(image, x, y, color);
    if (x === xe && y === ye) break;
    const e2 = 2 * err;
    if (e2 >= dy) (err += dy), (x += sx);
    if (e2 <= dx) (err += dx), (y += sy);
  }
}

/**
 * Draws each branch's path (spots in time order, up to `lastFrame`) in its track's colour,
 * daughters joined to their mother's last spot, and marks the latest position with a dot.
 */
export function drawTracks(image: RgbaImage, tracks: Tracks, options: { lastFrame?: number } = {}): number {
  const spots = new Map(tracks.spots.map((s) => [s.id, s]));
  const branches = new Map(tracks.branches.map((b) => [b.id, b]));
  const lastFrame = options.lastFrame ?? Infinity;
  const rootOf = (id: number): number => {
    let b = branches.get(id);
    while (b && b.parent && branches.has(b.parent)) b = branches.get(b.parent);
    return b?.id ?? id;
  };
  let drawn = 0;
  for (const branch of tracks.branches) {
    const color = colorOf(rootOf(branch.id));
    const path = branch.spotIds.map((id) => spots.get(id)).filter((s) => s !== undefined && s.t <= lastFrame);
    const parent = branch.parent ? branches.get(branch.parent) : undefined;
    const motherEnd = parent ? spots.get(parent.spotIds.at(-1)!) : undefined;
    if (motherEnd && path.length && motherEnd.t <= lastFrame) path.unshift(motherEnd);
    if (path.length === 0) continue;
    drawn++;
    for (let i = 1; i < path.length; i++) drawLine(image, path[i - 1]!.x, path[i - 1]!.y, path[i]!.x, path[i]!.y, color);
    const end = path.at(-1)!;
    for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) setPixel(image, Math.round(end.x) + dx, Math.round(end.y) + dy, color);
  }
  return drawn;
}

/** Nearest-neighbour enlargement by an integer factor, so small images stay crisp. */
export function enlarge(image: RgbaImage, factor: number): RgbaImage {
  const f = Math.max(1, Math.floor(factor));
  if (f === 1) return image;
  const width = image.width * f, height = image.height * f;
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const s = ((Math.floor(y / f) * image.width) + Math.floor(x / f)) * 4;
      data.set(image.data.subarray(s, s + 4), (y * width + x) * 4);
    }
  }
  return { width, height, data };
}
