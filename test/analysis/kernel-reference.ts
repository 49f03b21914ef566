// Straightforward reference versions of the segmentation kernels (the code before they were
// made fast), for the tests that check the fast kernels give the same outputs bit for bit.
// Not used by cellpilot itself.

/** Gaussian smoothing, one tap loop per pixel: rows written transposed, twice (edges repeated). */
export function referenceGaussianBlur(plane: ArrayLike<number>, width: number, height: number, kernel: Float64Array): Float32Array {
  const pass = (src: ArrayLike<number>, w: number, h: number, dst: Float32Array) => {
    const radius = (kernel.length - 1) / 2;
    const line = new Float64Array(w + 2 * radius);
    for (let y = 0; y < h; y++) {
      const row = y * w;
      for (let i = 0; i < radius; i++) (line[i] = src[row]), (line[w + radius + i] = src[row + w - 1]);
      for (let x = 0; x < w; x++) line[x + radius] = src[row + x];
      for (let x = 0; x < w; x++) {
        const c = x + radius;
        let s = kernel[radius] * line[c];
        for (let k = 1; k <= radius; k++) s += kernel[radius + k] * (line[c - k] + line[c + k]);
        dst[x * h + y] = s;
      }
    }
  };
  const transposed = new Float32Array(width * height);
  const out = new Float32Array(width * height);
  pass(plane, width, height, transposed);
  pass(transposed, height, width, out);
  return out;
}

/** Euclidean distance to the nearest zero pixel by brute force (Infinity with none), in units of samplingYX. */
export function referenceDistance(mask: ArrayLike<number>, width: number, height: number, samplingYX: [number, number] = [1, 1]): Float32Array {
  const zeros: number[] = [];
  for (let i = 0; i < mask.length; i++) if (!mask[i]) zeros.push(i);
  const [sy, sx] = samplingYX;
  const out = new Float32Array(mask.length);
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    let best = Infinity;
    for (const j of zeros) {
      const dx = ((i % width) - (j % width)) * sx;
      const dy = (Math.floor(i / width) - Math.floor(j / width)) * sy;
      best = Math.min(best, dx * dx + dy * dy);
    }
    out[i] = Math.sqrt(best);
  }
  return out;
}

/** Connected components by flood fill from each unlabelled pixel in raster order. */
export function referenceLabel(mask: ArrayLike<number>, width: number, height: number, connectivity: 4 | 8): { labels: Uint32Array; count: number } {
  const labels = new Uint32Array(width * height);
  let count = 0;
  for (let start = 0; start < labels.length; start++) {
    if (!mask[start] || labels[start]) continue;
    labels[start] = ++count;
    const stack = [start];
    while (stack.length) {
      const i = stack.pop()!;
      const x = i % width;
      const y = (i - x) / width;
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) {
          if ((dx === 0 && dy === 0) || (connectivity === 4 && dx !== 0 && dy !== 0)) continue;
          const xx = x + dx;
          const yy = y + dy;
          if (xx < 0 || yy < 0 || xx >= width || yy >= height) continue;
          const j = yy * width + xx;
          if (mask[j] && !labels[j]) (labels[j] = count), stack.push(j);
        }
    }
  }
  return { labels, count };
}

/** Hole filling: background not 4-connected to the border becomes foreground (a copy). */
export function referenceFillHoles(mask: Uint8Array, width: number, height: number): Uint8Array {
  const outside = new Uint8Array(mask.length);
  const stack: number[] = [];
  const seed = (i: number) => {
    if (!mask[i] && !outside[i]) (outside[i] = 1), stack.push(i);
  };
  for (let x = 0; x < width; x++) seed(x), seed((height - 1) * width + x);
  for (let y = 0; y < height; y++) seed(y * width), seed(y * width + width - 1);
  while (stack.length) {
    const i = stack.pop()!;
    const x = i % width;
    if (x > 0) seed(i - 1);
    if (x < width - 1) seed(i + 1);
    if (i >= width) seed(i - width);
    if (i < mask.length - width) seed(i + width);
  }
  return Uint8Array.from(mask, (v, i) => (outside[i] ? v : 1));
}

/** Background median and 1.4826 MAD outside the foreground from every step-th pixel, number arrays sorted with a comparator. */
export function referenceBackgroundStats(smoothed: Float32Array, foreground: Uint8Array): { background: number; noise: number } {
  const values: number[] = [];
  const step = Math.max(1, Math.floor(smoothed.length / 65536));
  for (let i = 0; i < smoothed.length; i += step) if (!foreground[i]) values.push(smoothed[i]);
  if (!values.length) return { background: Number.NEGATIVE_INFINITY, noise: 0 };
  values.sort((a, b) => a - b);
  const background = values[values.length >> 1];
  const deviations = values.map((v) => Math.abs(v - background)).sort((a, b) => a - b);
  return { background, noise: 1.4826 * deviations[deviations.length >> 1] };
}
