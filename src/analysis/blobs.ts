// The scale of a blob, Laplacian-of-Gaussian style (Lindeberg's scale selection, as
// TrackMate's LoG detector and skimage.feature.blob_log use it): the scale-normalised
// response -sigma^2 * LoG at a point, over a geometric ladder of sigmas, peaks at
// sigma = r / sqrt 2 for a disk of radius r centred there. Evaluated at given points only
// (a window sum per point and scale), so large scales cost no whole-plane filtering.
//
// Textured objects (bright chromatin spots in a dim nucleus) answer most strongly at the
// spots' scale; capping the plane at the objects' typical level (capAtObjectLevel) flattens
// the spots, so the object's own scale wins (Fluo-N2DH-SIM+: the nucleus scale is then the
// peak for nearly every annotated nucleus, against about half of them uncapped).

/** The plane with every value above `cap` set to `cap` (a copy). */
export function capValues(values: Float32Array, cap: number): Float32Array {
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i] > cap ? cap : values[i];
  return out;
}

/** Sigmas from lowPx to highPx (inclusive where it falls on the ladder), each `ratio` times the last. */
export function sigmaLadder(lowPx: number, highPx: number, ratio = 2 ** 0.25): number[] {
  if (!(lowPx > 0) || !(highPx >= lowPx) || !(ratio > 1)) throw new RangeError(`sigma ladder needs 0 < low <= high and ratio > 1, got ${lowPx}, ${highPx}, ${ratio}`);
  const out: number[] = [];
  for (let s = lowPx; s <= highPx * 1.0001; s *= ratio) out.push(s);
  return out;
}

/**
 * Kernels made so far, by sigma (read only): the parameter choice asks for the same ladder of scales on every sample
 * plane of every segment call, and a kernel costs as much to make as the responses it gives at a few hundred points.
 */
const kernelsBySigma = new Map<number, { radius: number; weights: Float64Array }>();
const MAX_KERNELS_KEPT = 256;

/** The zero-sum, scale-normalised kernel -sigma^2 LoG on a (2 R + 1)^2 window, R = 3 sigma (made once per sigma). */
function normalisedLogKernel(sigmaPx: number): { radius: number; weights: Float64Array } {
  let kernel = kernelsBySigma.get(sigmaPx);
  if (!kernel) {
    if (kernelsBySigma.size >= MAX_KERNELS_KEPT) kernelsBySigma.clear();
    kernel = makeLogKernel(sigmaPx);
    kernelsBySigma.set(sigmaPx, kernel);
  }
  return kernel;
}

function makeLogKernel(sigmaPx: number): { radius: number; weights: Float64Array } {
  const radius = Math.max(1, Math.ceil(3 * sigmaPx));
  const side = 2 * radius + 1;
  const weights = new Float64Array(side * side);
  const s2 = sigmaPx * sigmaPx;
  let sum = 0;
  for (let dy = -radius; dy <= radius; dy++)
    for (let dx = -radius; dx <= radius; dx++) {
      const r2 = dx * dx + dy * dy;
      const w = ((2 * s2 - r2) / s2) * Math.exp(-r2 / (2 * s2)) / (2 * Math.PI * s2);
      weights[(dy + radius) * side + dx + radius] = w;
      sum += w;
    }
  // The window cuts the kernel's tails: taking the mean off keeps a flat plane at zero response.
  const mean = sum / weights.length;
  for (let k = 0; k < weights.length; k++) weights[k] -= mean;
  return { radius, weights };
}

/** -sigma^2 LoG of `values` at pixel (x, y) for each kernel; pixels beyond the plane repeat its edge. */
function responsesAt(values: Float32Array, width: number, height: number, x: number, y: number, kernels: { radius: number; weights: Float64Array }[]): number[] {
  return kernels.map(({ radius, weights }) => {
    const side = 2 * radius + 1;
    let s = 0;
    for (let dy = -radius; dy <= radius; dy++) {
      const yy = Math.min(height - 1, Math.max(0, y + dy)) * width;
      const row = (dy + radius) * side + radius;
      for (let dx = -radius; dx <= radius; dx++) s += weights[row + dx] * values[yy + Math.min(width - 1, Math.max(0, x + dx))];
    }
    return s;
  });
}

export interface BlobScale {
  /** sqrt 2 times the sigma of the strongest response: the radius of a disk answering there. */
  radiusPx: number;
  /** The strongest scale-normalised response (the plane's units). */
  response: number;
}

/**
 * The blob scale at each point (pixel indices into the width x height plane): the sigma of the
 * ladder with the strongest -sigma^2 LoG response there, refined by a parabola in log sigma.
 * Points whose response is never positive (no blob there) get radius NaN.
 */
export function blobScalesAt(values: Float32Array, width: number, height: number, points: number[], sigmasPx: number[]): BlobScale[] {
  if (values.length !== width * height) throw new RangeError(`plane has ${values.length} pixels, expected ${width}x${height}`);
  const kernels = sigmasPx.map(normalisedLogKernel);
  // Responses within rounding of zero (a flat neighbourhood) are no blob.
  let largest = 0;
  for (let i = 0; i < values.length; i++) largest = Math.max(largest, Math.abs(values[i]));
  const floor = 1e-6 * largest;
  return points.map((p) => {
    const x = p % width;
    const r = responsesAt(values, width, height, x, (p - x) / width, kernels);
    let best = 0;
    for (let k = 1; k < r.length; k++) if (r[k] > r[best]) best = k;
    if (!(r[best] > floor)) return { radiusPx: Number.NaN, response: r[best] };
    let logSigma = Math.log(sigmasPx[best]);
    if (best > 0 && best < r.length - 1) {
      const denom = r[best - 1] - 2 * r[best] + r[best + 1];
      const step = Math.log(sigmasPx[best + 1] / sigmasPx[best]);
      if (denom < 0) logSigma += (0.5 * step * (r[best - 1] - r[best + 1])) / denom;
    }
    return { radiusPx: Math.SQRT2 * Math.exp(logSigma), response: r[best] };
  });
}
