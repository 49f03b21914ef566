// The median filter of Fiji (Process > Filters > Median) and ImageJ's Despeckle (radius 1): each pixel becomes the
// median of a disk around it. The disk is Fiji's RankFilters kernel: the pixels with dx² + dy² <= r² + 1, so radius 1
// is the 3 x 3 square and radius 2 has 21 pixels. Outside the image the nearest edge pixel stands in (Fiji's padding).
import { InputError } from '../errors.ts';
import { selectRank } from './quickselect.ts';

/** Offsets (dx, dy) of Fiji's circular kernel of this radius in pixels. */
export function medianKernel(radiusPx: number): [number, number][] {
  const r2 = radiusPx * radiusPx + 1;
  const reach = Math.floor(Math.sqrt(r2));
  const offsets: [number, number][] = [];
  for (let dy = -reach; dy <= reach; dy++) for (let dx = -reach; dx <= reach; dx++) if (dx * dx + dy * dy <= r2) offsets.push([dx, dy]);
  return offsets;
}

/** The plane median-filtered with a disk of `radiusPx` (Fiji's radius; 0.5 to 50 px). */
export function medianFilter(plane: ArrayLike<number>, width: number, height: number, radiusPx: number): Float32Array {
  if (!(radiusPx >= 0.5 && radiusPx <= 50)) throw new InputError(`median radius must be 0.5 to 50 px, got ${radiusPx}`);
  if (plane.length !== width * height) throw new InputError(`plane has ${plane.length} pixels, not ${width} x ${height}`);
  const kernel = medianKernel(radiusPx);
  const window = new Float64Array(kernel.length);
  const middle = kernel.length >> 1; // the kernel is symmetric about its centre: an odd count, one middle
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let k = 0; k < kernel.length; k++) {
        const xx = Math.min(width - 1, Math.max(0, x + kernel[k][0]));
        const yy = Math.min(height - 1, Math.max(0, y + kernel[k][1]));
        window[k] = plane[yy * width + xx];
      }
      out[y * width + x] = selectRank(window, middle);
    }
  }
  return out;
}
