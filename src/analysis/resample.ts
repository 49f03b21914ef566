// Sub-pixel translation of planes and z-stacks by separable interpolation: linear
// (bilinear / trilinear) or cubic convolution with a = -0.5 (Keys 1981,
// doi:10.1109/TASSP.1981.1163711), the kernel of ImageJ's bicubic interpolation.
// Samples that fall outside the image become 0, as in ImageJ's Translate and Fast4DReg.
import type { DType, PlaneData } from '../image/movie.ts';
import { allocatePlane } from '../image/movie.ts';

export type Interpolation = 'bilinear' | 'bicubic';

/** Taps and weights of a 1-D interpolation at fractional offset `fraction` in [0, 1). */
interface Taps {
  offsets: number[];
  weights: number[];
}

function cubicKernel(x: number): number {
  const a = -0.5;
  const ax = Math.abs(x);
  if (ax <= 1) return ((a + 2) * ax - (a + 3)) * ax * ax + 1;
  if (ax < 2) return ((a * ax - 5 * a) * ax + 8 * a) * ax - 4 * a;
  return 0;
}

function taps(fraction: number, interpolation: Interpolation): Taps {
  if (interpolation === 'bilinear') return { offsets: [0, 1], weights: [1 - fraction, fraction] };
  return {
    offsets: [-1, 0, 1, 2],
    weights: [cubicKernel(1 + fraction), cubicKernel(fraction), cubicKernel(1 - fraction), cubicKernel(2 - fraction)],
  };
}

/**
 * Shifts a 1-D line of `n` samples by `shiftPx` (out[i] = in(i - shiftPx)), reading in[start + i*stride].
 * Positions more than half a pixel outside the line give 0; taps past the edge repeat the edge sample.
 */
function shiftLines(
  input: ArrayLike<number>,
  output: Float64Array,
  n: number,
  lines: number,
  lineStride: number,
  sampleStride: number,
  shiftPx: number,
  interpolation: Interpolation,
): void {
  const base = Math.floor(-shiftPx);
  const fraction = -shiftPx - base;
  const { offsets, weights } = taps(fraction, interpolation);
  // Which output positions are inside the image: position i - shiftPx within [-0.5, n - 0.5]
  const first = Math.max(0, Math.ceil(shiftPx - 0.5 - 1e-9));
  const last = Math.min(n - 1, Math.floor(n - 0.5 + shiftPx + 1e-9));
  const index = new Int32Array(offsets.length * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < offsets.length; j++) index[i * offsets.length + j] = Math.min(n - 1, Math.max(0, i + base + offsets[j]));
  }
  const m = offsets.length;
  for (let line = 0; line < lines; line++) {
    const start = line * lineStride;
    for (let i = 0; i < n; i++) {
      const o = start + i * sampleStride;
      if (i < first || i > last) {
        output[o] = 0;
        continue;
      }
      let sum = 0;
      for (let j = 0; j < m; j++) sum += weights[j] * input[start + index[i * m + j] * sampleStride];
      output[o] = sum;
    }
  }
}

/** Translates a plane by (dxPx, dyPx): out(x, y) = in(x - dxPx, y - dyPx). Returns float64 values. */
export function translatePlane(
  input: ArrayLike<number>,
  height: number,
  width: number,
  dxPx: number,
  dyPx: number,
  interpolation: Interpolation = 'bilinear',
): Float64Array {
  const alongX = new Float64Array(height * width);
  shiftLines(input, alongX, width, height, width, 1, dxPx, interpolation);
  if (dyPx === 0) return alongX;
  const out = new Float64Array(height * width);
  shiftLines(alongX, out, height, width, 1, width, dyPx, interpolation);
  return out;
}

/**
 * Translates a z-stack (planes[z], each height x width) by (dx, dy, dz) px. Along z the same
 * rule applies: out plane z is in(z - dzPx), 0 outside the stack.
 */
export function translateStack(
  planes: ArrayLike<number>[],
  height: number,
  width: number,
  shift: { dxPx: number; dyPx: number; dzPx: number },
  interpolation: Interpolation = 'bilinear',
): Float64Array[] {
  const depth = planes.length;
  const stacked = shiftStackAlongZ(planes, height * width, shift.dzPx, interpolation);
  const out: Float64Array[] = [];
  for (let z = 0; z < depth; z++) out.push(translatePlane(stacked[z], height, width, shift.dxPx, shift.dyPx, interpolation));
  return out;
}

function shiftStackAlongZ(planes: ArrayLike<number>[], size: number, dzPx: number, interpolation: Interpolation): ArrayLike<number>[] {
  const depth = planes.length;
  if (dzPx === 0 || depth === 1) return planes;
  const base = Math.floor(-dzPx);
  const fraction = -dzPx - base;
  const { offsets, weights } = taps(fraction, interpolation);
  const out: Float64Array[] = [];
  for (let z = 0; z < depth; z++) {
    const plane = new Float64Array(size);
    const position = z - dzPx;
    if (position >= -0.5 && position <= depth - 0.5) {
      for (let j = 0; j < offsets.length; j++) {
        const source = planes[Math.min(depth - 1, Math.max(0, z + base + offsets[j]))];
        const w = weights[j];
        if (w !== 0) for (let i = 0; i < size; i++) plane[i] += w * source[i];
      }
    }
    out.push(plane);
  }
  return out;
}

const INTEGER_RANGE: Partial<Record<DType, [number, number]>> = {
  uint8: [0, 255],
  int8: [-128, 127],
  uint16: [0, 65535],
  int16: [-32768, 32767],
  uint32: [0, 4294967295],
  int32: [-2147483648, 2147483647],
};

/** Converts float values to a plane of `dtype`: integers are rounded and clamped to the type's range (as ImageJ). */
export function castPlane(values: ArrayLike<number>, dtype: DType): PlaneData {
  const out = allocatePlane(dtype, values.length);
  const range = INTEGER_RANGE[dtype];
  if (!range) {
    for (let i = 0; i < values.length; i++) out[i] = values[i];
    return out;
  }
  const [lo, hi] = range;
  for (let i = 0; i < values.length; i++) {
    const v = Math.round(values[i]);
    out[i] = v < lo ? lo : v > hi ? hi : v;
  }
  return out;
}
