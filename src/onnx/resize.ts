// Bilinear resizing of planes, for running a model at the object scale it was trained on:
// sample positions follow the pixel-centre convention (align_corners=False in PyTorch,
// skimage.transform.resize with order=1), edges repeated.

/** Output length for an input of `length` pixels scaled by `factor` (at least 1). */
export function scaledLength(length: number, factor: number): number {
  return Math.max(1, Math.round(length * factor));
}

function axisTaps(from: number, to: number): { index0: Int32Array; index1: Int32Array; weight1: Float32Array } {
  const index0 = new Int32Array(to);
  const index1 = new Int32Array(to);
  const weight1 = new Float32Array(to);
  const ratio = from / to;
  for (let i = 0; i < to; i++) {
    const p = Math.min(from - 1, Math.max(0, (i + 0.5) * ratio - 0.5));
    const i0 = Math.floor(p);
    index0[i] = i0;
    index1[i] = Math.min(from - 1, i0 + 1);
    weight1[i] = p - i0;
  }
  return { index0, index1, weight1 };
}

/** Resizes a width x height plane to outWidth x outHeight by bilinear interpolation, into `out` when given. */
export function resizeBilinear(plane: ArrayLike<number>, width: number, height: number, outWidth: number, outHeight: number, out = new Float32Array(outWidth * outHeight)): Float32Array {
  if (plane.length !== width * height) throw new RangeError(`plane has ${plane.length} pixels, expected ${width}x${height}`);
  // One monomorphic kernel on Float32Array (a movie's uint16 planes are converted once, ~1 ms
  // for 512²): a kernel that has seen several element types runs about 2x slower.
  return resizeFloat32(plane instanceof Float32Array ? plane : Float32Array.from(plane), width, height, outWidth, outHeight, out);
}

/**
 * Separable: each source row is interpolated along x once, into one of two reused rows, and
 * each output row is a blend of two of them (an upsampling reads each source row once, not
 * once per output row). Rows are kept in float64, so the result is the plain two-tap bilinear
 * value to the last bit.
 */
function resizeFloat32(plane: Float32Array, width: number, height: number, outWidth: number, outHeight: number, out: Float32Array): Float32Array {
  const xs = axisTaps(width, outWidth);
  const ys = axisTaps(height, outHeight);
  const { index0: xa, index1: xb, weight1: wxs } = xs;
  let rowA = new Float64Array(outWidth);
  let rowB = new Float64Array(outWidth);
  let haveA = -1;
  let haveB = -1;
  const fill = (row: Float64Array, r: number) => {
    const o = r * width;
    for (let x = 0; x < outWidth; x++) {
      const a = plane[o + xa[x]];
      row[x] = a + (plane[o + xb[x]] - a) * wxs[x];
    }
  };
  for (let y = 0; y < outHeight; y++) {
    const r0 = ys.index0[y];
    const r1 = ys.index1[y];
    if (haveA !== r0) {
      if (haveB === r0) {
        const t = rowA;
        rowA = rowB;
        rowB = t;
        haveB = haveA;
      } else fill(rowA, r0);
      haveA = r0;
    }
    if (haveB !== r1) {
      fill(rowB, r1);
      haveB = r1;
    }
    const wy = ys.weight1[y];
    const o = y * outWidth;
    for (let x = 0; x < outWidth; x++) {
      const top = rowA[x];
      out[o + x] = top + (rowB[x] - top) * wy;
    }
  }
  return out;
}
