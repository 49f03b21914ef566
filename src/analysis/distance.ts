// Exact Euclidean distance transform of a binary plane, as scipy.ndimage.distance_transform_edt:
// each non-zero pixel gets its distance to the nearest zero pixel (pixels outside the plane
// don't count as background). Felzenszwalb & Huttenlocher's lower envelope of parabolas,
// one pass along rows then one along columns, O(pixels).
// Felzenszwalb & Huttenlocher 2012, "Distance transforms of sampled functions", doi:10.4086/toc.2012.v008a019

/**
 * 1-D squared distance transform of f (length n) into d, using scratch arrays v (n) and z (n + 1).
 * Infinite samples (no background on that line yet) add no parabola; a line with none finite stays infinite.
 */
function transform1d(f: Float64Array, n: number, d: Float64Array, v: Int32Array, z: Float64Array, spacing2: number): void {
  let k = -1;
  for (let q = 0; q < n; q++) {
    if (f[q] === Infinity) continue;
    if (k < 0) {
      k = 0;
      v[0] = q;
      z[0] = -Infinity;
      z[1] = Infinity;
      continue;
    }
    let s = 0;
    for (;;) {
      const p = v[k];
      s = (f[q] + spacing2 * q * q - (f[p] + spacing2 * p * p)) / (2 * spacing2 * (q - p));
      if (s <= z[k]) k--; // z[0] = -Infinity stops this at the first parabola
      else break;
    }
    k++;
    v[k] = q;
    z[k] = s;
    z[k + 1] = Infinity;
  }
  if (k < 0) {
    d.fill(Infinity, 0, n);
    return;
  }
  k = 0;
  for (let q = 0; q < n; q++) {
    while (z[k + 1] < q) k++;
    const diff = q - v[k];
    d[q] = spacing2 * diff * diff + f[v[k]];
  }
}

/**
 * Euclidean distance (in pixels, or in the units of `samplingYX`) from each non-zero pixel of
 * `mask` to the nearest zero pixel; zero pixels get 0. A plane with no zero pixel gets +Infinity.
 */
export function distanceTransform(mask: ArrayLike<number>, width: number, height: number, samplingYX: [number, number] = [1, 1]): Float32Array {
  const n = width * height;
  if (mask.length !== n) throw new RangeError(`mask has ${mask.length} pixels, expected ${width}x${height}`);
  const size = Math.max(width, height);
  const f = new Float64Array(size);
  const d = new Float64Array(size);
  const v = new Int32Array(size);
  const z = new Float64Array(size + 1);
  const [sy, sx] = samplingYX;
  // Rows first, written transposed, so that both passes read memory in order.
  const transposed = new Float64Array(n);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) f[x] = mask[row + x] ? Infinity : 0;
    transform1d(f, width, d, v, z, sx * sx);
    for (let x = 0; x < width; x++) transposed[x * height + y] = d[x];
  }
  const out = new Float32Array(n);
  for (let x = 0; x < width; x++) {
    const column = x * height;
    for (let y = 0; y < height; y++) f[y] = transposed[column + y];
    transform1d(f, height, d, v, z, sy * sy);
    for (let y = 0; y < height; y++) out[y * width + x] = Math.sqrt(d[y]);
  }
  return out;
}
