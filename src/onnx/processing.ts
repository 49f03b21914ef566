// The bioimage.io pre- and post-processing operations, applied to a whole sample (not
// to tiles) so that per-sample statistics are those of the full image, as in
// bioimageio.core. Definitions: bioimage.io model spec 0.5, "preprocessing".
import { selectRank } from '../analysis/quickselect.ts';
import { InputError } from '../errors.ts';
import type { ProcessingOp } from './spec.ts';
import { broadcastAlong, groupsOver, type Tensor } from './tensor.ts';

export interface ProcessingContext {
  /** Other tensors of the same sample by id (raw inputs), for `reference_tensor`. */
  tensors: Map<string, Tensor>;
  /** Names the tensor in error messages. */
  where: string;
}

/**
 * Applies the operations in order and returns a new tensor (the input is not modified), or,
 * with `inPlace`, rewrites the input's own values (for a tensor the caller owns and no longer needs).
 */
export function applyProcessing(tensor: Tensor, ops: ProcessingOp[], ctx: ProcessingContext, options: { inPlace?: boolean } = {}): Tensor {
  let current: Tensor = { axes: tensor.axes, shape: tensor.shape, data: options.inPlace ? tensor.data : new Float32Array(tensor.data) };
  for (const op of ops) current = applyOp(current, op, ctx);
  return current;
}

/**
 * A chain of operations that maps every value by a gain and an offset, one pair per block of
 * `blockSize` consecutive values (whole-sample or per-channel normalisation, scale_linear):
 * value * gain[block] + offset[block].
 */
export interface AffinePlan {
  blockSize: number;
  gain: Float64Array;
  offset: Float64Array;
}

/**
 * The chain `ops` as one affine map of `tensor`'s values, with statistics taken from the
 * tensor itself, when it is one (else null: apply the operations one by one). This is what
 * lets the ONNX core normalise while it copies a tile into the model's input buffer, in one
 * pass and without a normalised copy of the whole sample. Statistics ops (scale_range,
 * zero_mean_unit_variance) must come first (after a float32 ensure_dtype), reduce over every
 * axis from some axis on, and not refer to another tensor.
 */
export function affinePlan(tensor: Tensor, ops: ProcessingOp[], ctx: ProcessingContext): AffinePlan | null {
  let plan: AffinePlan = { blockSize: Math.max(1, tensor.data.length), gain: Float64Array.of(1), offset: Float64Array.of(0) };
  let seenAffine = false;
  for (const op of ops) {
    const k = op.kwargs;
    const where = `${ctx.where} ${op.id}`;
    if (op.id === 'ensure_dtype' && String(k.dtype ?? 'float32').startsWith('float')) continue;
    if (op.id === 'scale_linear' || op.id === 'fixed_zero_mean_unit_variance') {
      const values = op.id === 'scale_linear' ? [k.gain ?? 1, k.offset ?? 0] : [k.mean, k.std];
      if (!values.every((v) => typeof v === 'number')) return null;
      const [a, b] = values as number[];
      // scale_linear: x * a + b; fixed_zero_mean_unit_variance: (x - a) / (b + eps).
      const [g, o] = op.id === 'scale_linear' ? [a, b] : [1 / (b + (typeof k.eps === 'number' ? k.eps : 1e-6)), -a / (b + (typeof k.eps === 'number' ? k.eps : 1e-6))];
      plan = { blockSize: plan.blockSize, gain: plan.gain.map((x) => x * g), offset: plan.offset.map((x) => x * g + o) };
      seenAffine = true;
      continue;
    }
    if ((op.id === 'scale_range' || op.id === 'zero_mean_unit_variance') && !seenAffine && (k.reference_tensor === undefined || k.reference_tensor === null)) {
      const axes = reduceAxes(tensor, k.axes, where);
      const blockSize = trailingBlock(tensor, axes);
      if (blockSize === null) return null;
      const eps = typeof k.eps === 'number' ? k.eps : 1e-6;
      if (op.id === 'zero_mean_unit_variance') {
        const { mean, std } = blockMeanStd(tensor.data, blockSize);
        plan = { blockSize, gain: std.map((s) => 1 / (s + eps)), offset: mean.map((m, g) => -m / (std[g] + eps)) };
      } else {
        const lowP = typeof k.min_percentile === 'number' ? k.min_percentile : 0;
        const highP = typeof k.max_percentile === 'number' ? k.max_percentile : 100;
        if (!(lowP >= 0 && lowP < highP && highP <= 100)) throw new InputError(`${where}: need 0 <= min_percentile < max_percentile <= 100, got ${lowP} and ${highP}`);
        const [low, high] = percentilePairs(tensor, axes, lowP, highP);
        plan = { blockSize, gain: low.map((l, g) => 1 / (high[g] - l + eps)), offset: low.map((l, g) => -l / (high[g] - l + eps)) };
      }
      seenAffine = true;
      continue;
    }
    return null;
  }
  return plan;
}

/** Block length when reducing over `axes` groups the values into runs of consecutive ones (reduced axes form a suffix), else null. */
function trailingBlock(t: Tensor, axes: string[]): number | null {
  let d0 = t.axes.length;
  while (d0 > 0 && (axes.includes(t.axes[d0 - 1]) || t.shape[d0 - 1] === 1)) d0--;
  for (let d = 0; d < d0; d++) if (t.shape[d] > 1 && axes.includes(t.axes[d])) return null;
  return t.shape.slice(d0).reduce((a, b) => a * b, 1);
}

/**
 * Population mean and standard deviation of each run of `blockSize` values, in one pass: sums of
 * the values less the run's first value (a shift that keeps the float64 sums exact enough for image
 * data, where the textbook one-pass formula loses digits), instead of a second pass for the variance.
 */
function blockMeanStd(data: Float32Array, blockSize: number): { mean: Float64Array; std: Float64Array } {
  const blocks = Math.max(1, Math.round(data.length / blockSize));
  const mean = new Float64Array(blocks);
  const std = new Float64Array(blocks);
  for (let b = 0; b < blocks; b++) {
    const start = b * blockSize;
    const end = Math.min(data.length, start + blockSize);
    const n = Math.max(1, end - start);
    const shift = start < end ? data[start] : 0;
    let sum = 0;
    let sq = 0;
    for (let i = start; i < end; i++) {
      const d = data[i] - shift;
      sum += d;
      sq += d * d;
    }
    const m = sum / n;
    mean[b] = shift + m;
    std[b] = Math.sqrt(Math.max(0, sq / n - m * m));
  }
  return { mean, std };
}

function applyOp(t: Tensor, op: ProcessingOp, ctx: ProcessingContext): Tensor {
  const k = op.kwargs;
  const where = `${ctx.where} ${op.id}`;
  const d = t.data;
  switch (op.id) {
    case 'ensure_dtype': {
      const dtype = String(k.dtype ?? 'float32');
      if (/^u?int/.test(dtype) || dtype === 'bool') for (let i = 0; i < d.length; i++) d[i] = dtype === 'bool' ? (d[i] ? 1 : 0) : Math.round(d[i]);
      return t;
    }
    case 'sigmoid':
      for (let i = 0; i < d.length; i++) d[i] = 1 / (1 + Math.exp(-d[i]));
      return t;
    case 'clip': {
      const min = typeof k.min === 'number' ? k.min : -Infinity;
      const max = typeof k.max === 'number' ? k.max : Infinity;
      for (let i = 0; i < d.length; i++) d[i] = Math.min(max, Math.max(min, d[i]));
      return t;
    }
    case 'binarize': {
      const threshold = broadcastAlong(t, numberOrList(k.threshold, where, 'threshold'), optionalString(k.axis), where);
      for (let i = 0; i < d.length; i++) d[i] = d[i] > threshold(i) ? 1 : 0;
      return t;
    }
    case 'scale_linear': {
      const axis = optionalString(k.axis) ?? (Array.isArray(k.axes) ? String(k.axes[0]) : undefined);
      const gain = broadcastAlong(t, numberOrList(k.gain ?? 1, where, 'gain'), axis, where);
      const offset = broadcastAlong(t, numberOrList(k.offset ?? 0, where, 'offset'), axis, where);
      for (let i = 0; i < d.length; i++) d[i] = d[i] * gain(i) + offset(i);
      return t;
    }
    case 'fixed_zero_mean_unit_variance': {
      const axis = optionalString(k.axis) ?? (Array.isArray(k.axes) ? String(k.axes[0]) : undefined);
      const mean = broadcastAlong(t, numberOrList(k.mean, where, 'mean'), axis, where);
      const std = broadcastAlong(t, numberOrList(k.std, where, 'std'), axis, where);
      const eps = typeof k.eps === 'number' ? k.eps : 1e-6;
      for (let i = 0; i < d.length; i++) d[i] = (d[i] - mean(i)) / (std(i) + eps);
      return t;
    }
    case 'zero_mean_unit_variance': {
      const eps = typeof k.eps === 'number' ? k.eps : 1e-6;
      const { groupOf, mean, std } = meanStd(t, reduceAxes(t, k.axes, where));
      for (let i = 0; i < d.length; i++) d[i] = (d[i] - mean[groupOf[i]]) / (std[groupOf[i]] + eps);
      return t;
    }
    case 'scale_range': {
      const eps = typeof k.eps === 'number' ? k.eps : 1e-6;
      const lowP = typeof k.min_percentile === 'number' ? k.min_percentile : 0;
      const highP = typeof k.max_percentile === 'number' ? k.max_percentile : 100;
      if (!(lowP >= 0 && lowP < highP && highP <= 100)) throw new InputError(`${where}: need 0 <= min_percentile < max_percentile <= 100, got ${lowP} and ${highP}`);
      const source = referenceTensor(t, k.reference_tensor, ctx, where);
      const axes = reduceAxes(source, k.axes, where);
      // Both percentiles from one selection pass over one copy (no full sort).
      const [low, high] = percentilePairs(source, axes, lowP, highP);
      const groupOf = oneGroup(t, axes) ? new Int32Array(d.length) : groupsOver(t, axes).groupOf;
      for (let i = 0; i < d.length; i++) {
        const g = groupOf[i];
        d[i] = (d[i] - low[g]) / (high[g] - low[g] + eps);
      }
      return t;
    }
    case 'scale_mean_variance': {
      const eps = typeof k.eps === 'number' ? k.eps : 1e-6;
      const reference = referenceTensor(t, k.reference_tensor, ctx, where);
      const axes = reduceAxes(t, k.axes, where);
      const own = meanStd(t, axes);
      const ref = meanStd(reference, axes);
      for (let i = 0; i < d.length; i++) {
        const g = own.groupOf[i];
        d[i] = ((d[i] - own.mean[g]) / (own.std[g] + eps)) * (ref.std[g] + eps) + ref.mean[g];
      }
      return t;
    }
    case 'softmax': {
      const axis = optionalString(k.axis) ?? 'channel';
      softmaxAlong(t, axis, where);
      return t;
    }
    default:
      throw new InputError(`${where}: unsupported processing step "${op.id}"`);
  }
}

function numberOrList(value: unknown, where: string, name: string): number | number[] {
  if (typeof value === 'number') return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'number')) return value as number[];
  throw new InputError(`${where}: ${name} must be a number or a list of numbers, got ${JSON.stringify(value)}`);
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The axes to reduce over; the default (none given) is every axis, i.e. whole-tensor statistics. */
function reduceAxes(t: Tensor, axes: unknown, where: string): string[] {
  if (axes === undefined || axes === null) return [...t.axes];
  if (!Array.isArray(axes)) throw new InputError(`${where}: axes must be a list of axis ids, got ${JSON.stringify(axes)}`);
  const ids = axes.map(String);
  const unknown = ids.filter((a) => !t.axes.includes(a));
  if (unknown.length) throw new InputError(`${where}: axes ${unknown.join(', ')} are not axes of the tensor (${t.axes.join(', ')})`);
  return ids;
}

function referenceTensor(t: Tensor, id: unknown, ctx: ProcessingContext, where: string): Tensor {
  if (id === undefined || id === null) return t;
  const ref = ctx.tensors.get(String(id));
  if (!ref) throw new InputError(`${where}: reference_tensor "${String(id)}" is not a tensor of this model`);
  return ref;
}

/** Whether reducing over `axes` leaves one group (every axis longer than 1 is reduced). */
function oneGroup(t: Tensor, axes: string[]): boolean {
  return t.axes.every((a, d) => t.shape[d] === 1 || axes.includes(a));
}

/** Population mean and standard deviation per group (numpy's mean and std, ddof=0). */
function meanStd(t: Tensor, axes: string[]): { groupOf: Int32Array; mean: Float64Array; std: Float64Array } {
  if (oneGroup(t, axes)) {
    // Whole-tensor statistics (the usual per-sample case): no per-element group table.
    let sum = 0;
    for (let i = 0; i < t.data.length; i++) sum += t.data[i];
    const mean = sum / Math.max(1, t.data.length);
    let sq = 0;
    for (let i = 0; i < t.data.length; i++) sq += (t.data[i] - mean) ** 2;
    return { groupOf: new Int32Array(t.data.length), mean: Float64Array.of(mean), std: Float64Array.of(Math.sqrt(sq / Math.max(1, t.data.length))) };
  }
  const { groupOf, groups } = groupsOver(t, axes);
  const sum = new Float64Array(groups);
  const count = new Float64Array(groups);
  for (let i = 0; i < t.data.length; i++) {
    sum[groupOf[i]] += t.data[i];
    count[groupOf[i]]++;
  }
  const mean = sum.map((s, g) => s / Math.max(1, count[g]));
  const sq = new Float64Array(groups);
  for (let i = 0; i < t.data.length; i++) {
    const dev = t.data[i] - mean[groupOf[i]];
    sq[groupOf[i]] += dev * dev;
  }
  const std = sq.map((s, g) => Math.sqrt(s / Math.max(1, count[g])));
  return { groupOf, mean, std };
}

/** Percentile per group with numpy's default linear interpolation. */
export function percentiles(t: Tensor, axes: string[], percent: number): Float64Array {
  return percentilePairs(t, axes, percent, percent)[0];
}

/** Two percentiles per group (numpy's linear interpolation), found by selection rather than sorting. */
export function percentilePairs(t: Tensor, axes: string[], lowPercent: number, highPercent: number): [Float64Array, Float64Array] {
  const buckets: Float32Array[] = [];
  // Quickselect reorders its values, so it gets a copy; the histogram only reads them.
  if (oneGroup(t, axes)) buckets.push(t.data.length >= HISTOGRAM_MIN_VALUES ? t.data : Float32Array.from(t.data));
  else {
    const { groupOf, groups } = groupsOver(t, axes);
    const counts = new Int32Array(groups);
    for (let i = 0; i < groupOf.length; i++) counts[groupOf[i]]++;
    for (let g = 0; g < groups; g++) buckets.push(new Float32Array(counts[g]));
    const fill = new Int32Array(groups);
    for (let i = 0; i < groupOf.length; i++) buckets[groupOf[i]][fill[groupOf[i]]++] = t.data[i];
  }
  const low = new Float64Array(buckets.length);
  const high = new Float64Array(buckets.length);
  buckets.forEach((values, g) => {
    if (values.length >= HISTOGRAM_MIN_VALUES) {
      [low[g], high[g]] = percentilesByHistogram(values, lowPercent, highPercent);
      return;
    }
    // Selecting the lower percentile first leaves everything above it to the right, so the higher one is selected there.
    low[g] = percentileBySelection(values, lowPercent, 0);
    high[g] = percentileBySelection(values, highPercent, Math.floor((lowPercent / 100) * (values.length - 1)));
  });
  return [low, high];
}

/** From this many values on, percentiles are found through a histogram (three streaming passes) rather than quickselect. */
const HISTOGRAM_MIN_VALUES = 1 << 16;
const HISTOGRAM_BINS = 1 << 16;

/**
 * numpy.percentile (linear interpolation) of two percents, exactly: a histogram of the values
 * tells which bins hold the ranks needed, and only those bins' values are selected among.
 * A frame of a movie (uint16 values, or floats) is read three times in order instead of being
 * shuffled by quickselect. Values are left in place.
 */
function percentilesByHistogram(values: Float32Array, lowPercent: number, highPercent: number): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (!(max > min)) return [min, min];
  const scale = (HISTOGRAM_BINS - 1) / (max - min);
  const binOf = (v: number) => Math.floor((v - min) * scale);
  const counts = new Int32Array(HISTOGRAM_BINS);
  for (let i = 0; i < values.length; i++) counts[binOf(values[i])]++;
  const n = values.length;
  const positions = [(lowPercent / 100) * (n - 1), (highPercent / 100) * (n - 1)];
  const ranks = [...new Set(positions.flatMap((p) => [Math.floor(p), Math.min(n - 1, Math.floor(p) + 1)]))].sort((a, b) => a - b);
  // The bin of each rank, and the rank of that bin's first value.
  const bins: Array<{ first: number; values: Float32Array; fill: number }> = [];
  const slotOfBin = new Int32Array(HISTOGRAM_BINS).fill(-1);
  const slotOfRank = new Map<number, number>();
  let seen = 0;
  let r = 0;
  for (let b = 0; b < HISTOGRAM_BINS && r < ranks.length; b++) {
    while (r < ranks.length && ranks[r] < seen + counts[b]) {
      if (slotOfBin[b] < 0) slotOfBin[b] = bins.push({ first: seen, values: new Float32Array(counts[b]), fill: 0 }) - 1;
      slotOfRank.set(ranks[r], slotOfBin[b]);
      r++;
    }
    seen += counts[b];
  }
  for (let i = 0; i < values.length; i++) {
    const slot = slotOfBin[binOf(values[i])];
    if (slot >= 0) bins[slot].values[bins[slot].fill++] = values[i];
  }
  const valueAt = (rank: number) => {
    const bin = bins[slotOfRank.get(rank)!];
    return selectRank(bin.values, rank - bin.first, 0);
  };
  return positions.map((p) => {
    const lo = Math.floor(p);
    const a = valueAt(lo);
    return lo + 1 >= n || p === lo ? a : a + (valueAt(lo + 1) - a) * (p - lo);
  }) as [number, number];
}

/** numpy.percentile (linear interpolation) of `values`, partially reordering them; ranks below `from` are already in place. */
function percentileBySelection(values: Float32Array, percent: number, from: number): number {
  if (values.length === 0) return Number.NaN;
  const position = (percent / 100) * (values.length - 1);
  const lo = Math.floor(position);
  const a = selectRank(values, lo, Math.min(from, lo));
  if (lo + 1 >= values.length || position === lo) return a;
  let b = Infinity;
  for (let i = lo + 1; i < values.length; i++) if (values[i] < b) b = values[i];
  return a + (b - a) * (position - lo);
}

function softmaxAlong(t: Tensor, axisId: string, where: string): void {
  const d = t.axes.indexOf(axisId);
  if (d < 0) throw new InputError(`${where}: axis ${axisId} is not an axis of the tensor (${t.axes.join(', ')})`);
  const size = t.shape[d];
  const stride = t.shape.slice(d + 1).reduce((a, b) => a * b, 1);
  const outer = t.data.length / (size * stride);
  // Plane by plane (contiguous runs of `stride` values per channel), so every pass streams through memory.
  const max = new Float32Array(stride);
  const sum = new Float32Array(stride);
  const data = t.data;
  for (let o = 0; o < outer; o++) {
    const base = o * size * stride;
    max.fill(-Infinity);
    sum.fill(0);
    for (let c = 0; c < size; c++) {
      const off = base + c * stride;
      for (let s = 0; s < stride; s++) if (data[off + s] > max[s]) max[s] = data[off + s];
    }
    for (let c = 0; c < size; c++) {
      const off = base + c * stride;
      for (let s = 0; s < stride; s++) sum[s] += data[off + s] = Math.exp(data[off + s] - max[s]);
    }
    for (let s = 0; s < stride; s++) sum[s] = 1 / sum[s];
    for (let c = 0; c < size; c++) {
      const off = base + c * stride;
      for (let s = 0; s < stride; s++) data[off + s] *= sum[s];
    }
  }
}
