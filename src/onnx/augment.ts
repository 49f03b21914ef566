// Test-time augmentation: the eight rotations and flips of a plane (the dihedral group
// of the square). A model's outputs on all eight, mapped back and averaged, are less
// noisy than one prediction (as n2v's and csbdeep's `tta` option). Costs 8x the time.

export interface Transform {
  /** Swap y and x first, then flip rows (y) and/or columns (x). */
  transpose: boolean;
  flipY: boolean;
  flipX: boolean;
}

export const DIHEDRAL: Transform[] = [false, true].flatMap((transpose) =>
  [false, true].flatMap((flipY) => [false, true].map((flipX) => ({ transpose, flipY, flipX }))),
);

/** Applies `tr` to a height x width plane; returns the plane and its new size. */
export function forward(plane: ArrayLike<number>, height: number, width: number, tr: Transform): { data: ArrayLike<number>; height: number; width: number } {
  if (!tr.transpose && !tr.flipY && !tr.flipX) return { data: plane, height, width };
  const [h, w] = tr.transpose ? [width, height] : [height, width];
  const out = new Float32Array(h * w);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const sy = tr.flipY ? h - 1 - y : y;
      const sx = tr.flipX ? w - 1 - x : x;
      out[y * w + x] = tr.transpose ? plane[sx * width + sy] : plane[sy * width + sx];
    }
  return { data: out, height: h, width: w };
}

/** Undoes `tr` on a plane of the transformed size (height x width), adding it into `target`. */
export function addInverse(plane: ArrayLike<number>, height: number, width: number, tr: Transform, target: Float32Array): void {
  // Output pixel (y, x) of the transformed image came from original (sy, sx) (or (sx, sy) when transposed).
  const originalWidth = tr.transpose ? height : width;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const sy = tr.flipY ? height - 1 - y : y;
      const sx = tr.flipX ? width - 1 - x : x;
      const index = tr.transpose ? sx * originalWidth + sy : sy * originalWidth + sx;
      target[index] += plane[y * width + x];
    }
}
