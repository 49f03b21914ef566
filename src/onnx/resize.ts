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
  const xs = axisTaps(width, outWidth);
  const ys = axisTaps(height, outHeight);
  for (let y = 0; y < outHeight; y++) {
    const r0 = ys.index0[y] * width;
    const r1 = ys.index1[y] * width;
    const wy = ys.weight1[y];
    const o = y * outWidth;
    for (let x = 0; x < outWidth; x++) {
      const a = xs.index0[x];
      const b = xs.index1[x];
      const wx = xs.weight1[x];
      const top = plane[r0 + a] + (plane[r0 + b] - plane[r0 + a]) * wx;
      const bottom = plane[r1 + a] + (plane[r1 + b] - plane[r1 + a]) * wx;
      out[o + x] = top + (bottom - top) * wy;
    }
  }
  return out;
}
