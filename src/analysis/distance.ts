// Exact Euclidean distance transform of a binary plane, as scipy.ndimage.distance_transform_edt:
// each non-zero pixel gets its distance to the nearest zero pixel (pixels outside the plane
// don't count as background). One pass along columns (distance to the nearest zero pixel of
// the column, two sweeps), then Felzenszwalb & Huttenlocher's lower envelope of parabolas
// along rows, O(pixels); both passes read memory in order.
// Felzenszwalb & Huttenlocher 2012, "Distance transforms of sampled functions", doi:10.4086/toc.2012.v008a019

/**
 * The second pass along one row: the lower envelope of the parabolas of f (length n, squared
 * distances along the columns), square-rooted into out at `row`. A zero sample between two
 * zero samples is never the nearest for any other point (one of its neighbours is nearer), so
 * it adds no parabola; zero samples stay 0 (out comes zeroed).
 */
function rowDistances(f: Float64Array, n: number, out: Float32Array, row: number, g: Float64Array, at: Int32Array, v: Int32Array, z: Float64Array, spacing2: number): void {
  let m = 0;
  for (let q = 0; q < n; q++) {
    const value = f[q];
    if (value === 0 && q > 0 && q < n - 1 && f[q - 1] === 0 && f[q + 1] === 0) continue;
    g[m] = value;
    at[m++] = q;
  }
  // Felzenszwalb & Huttenlocher on the kept samples, at positions at[].
  let k = -1;
  for (let j = 0; j < m; j++) {
    const fq = g[j];
    if (fq === Infinity) continue;
    const q = at[j];
    if (k < 0) {
      k = 0;
      v[0] = j;
      z[0] = -Infinity;
      z[1] = Infinity;
      continue;
    }
    let s = 0;
    for (;;) {
      const p = at[v[k]];
      s = (fq + spacing2 * q * q - (g[v[k]] + spacing2 * p * p)) / (2 * spacing2 * (q - p));
      if (s <= z[k]) k--; // z[0] = -Infinity stops this at the first parabola
      else break;
    }
    k++;
    v[k] = j;
    z[k] = s;
    z[k + 1] = Infinity;
  }
  if (k < 0) {
    out.fill(Infinity, row, row + n);
    return;
  }
  k = 0;
  for (let q = 0; q < n; q++) {
    if (f[q] === 0) continue;
    while (z[k + 1] < q) k++;
    const diff = q - at[v[k]];
    out[row + q] = Math.sqrt(spacing2 * diff * diff + g[v[k]]);
  }
}

/**
 * Euclidean distance (in pixels, or in the units of `samplingYX`) from each non-zero pixel of
 * `mask` to the nearest zero pixel; zero pixels get 0. A plane with no zero pixel gets +Infinity.
 */
export function distanceTransform(mask: ArrayLike<number>, width: number, height: number, samplingYX: [number, number] = [1, 1]): Float32Array {
  const n = width * height;
  if (mask.length !== n) throw new RangeError(`mask has ${mask.length} pixels, expected ${width}x${height}`);
  const [sy, sx] = samplingYX;
  // Pass 1, along columns, row by row (memory in order): pixels to the nearest zero pixel of
  // the column, down then up (Infinity where the column has none).
  const columns = new Float64Array(n);
  for (let x = 0; x < width; x++) columns[x] = mask[x] ? Infinity : 0;
  for (let i = width; i < n; i++) columns[i] = mask[i] ? columns[i - width] + 1 : 0;
  for (let i = n - width - 1; i >= 0; i--) {
    const below = columns[i + width] + 1;
    if (below < columns[i]) columns[i] = below;
  }
  // Pass 2, along rows: the lower envelope of parabolas (Felzenszwalb & Huttenlocher).
  const sy2 = sy * sy;
  const f = new Float64Array(width);
  const g = new Float64Array(width);
  const at = new Int32Array(width);
  const v = new Int32Array(width);
  const z = new Float64Array(width + 1);
  const out = new Float32Array(n);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let any = false;
    for (let x = 0; x < width; x++) {
      const c = columns[row + x];
      if (c === 0) f[x] = 0;
      else (f[x] = c === Infinity ? c : sy2 * c * c), (any = true);
    }
    if (any) rowDistances(f, width, out, row, g, at, v, z, sx * sx);
  }
  return out;
}
