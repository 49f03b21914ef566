// A small N-D float tensor with named axes (the bioimage.io axis ids: "batch",
// "channel", "y", "x", ...), enough for pre/post-processing and tiling. Data is
// row-major (C order), like numpy and ONNX.

export interface Tensor {
  /** Axis ids in order, e.g. ["batch", "channel", "y", "x"]. */
  axes: string[];
  shape: number[];
  data: Float32Array;
}

export function stridesOf(shape: number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i];
  }
  return strides;
}

export function sizeOf(shape: number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

export function zeros(axes: string[], shape: number[]): Tensor {
  return { axes, shape: [...shape], data: new Float32Array(sizeOf(shape)) };
}

/** Index of the axis called `id`, or -1. */
export function axisIndex(tensor: { axes: string[] }, id: string): number {
  return tensor.axes.indexOf(id);
}

/** Reflect-101 index (as numpy 'reflect' and OpenCV BORDER_REFLECT_101), for any n >= 1. */
export function reflectIndex(i: number, n: number): number {
  if (n === 1) return 0;
  const period = 2 * (n - 1);
  let k = ((i % period) + period) % period;
  if (k >= n) k = period - k;
  return k;
}

/**
 * Copies the box [start, start + size) of `source` into a new tensor; coordinates
 * outside the source are filled by reflection, so tiles at the border get a real halo.
 */
export function extractBox(source: Tensor, start: number[], size: number[]): Tensor {
  const out = zeros(source.axes, size);
  extractBoxInto(source, start, size, out.data, 0);
  return out;
}

/** Per block of `blockSize` consecutive source values, a gain and an offset applied while copying. */
export interface BlockAffine {
  blockSize: number;
  gain: ArrayLike<number>;
  offset: ArrayLike<number>;
}

/**
 * extractBox written into `dest` from `destOffset` (e.g. a slot of a model's batch buffer),
 * optionally mapping each value by its source block's gain and offset on the way (the
 * normalisation fused into the copy). Blocks must hold whole rows of the fastest axis.
 */
export function extractBoxInto(source: Tensor, start: number[], size: number[], dest: Float32Array, destOffset: number, affine?: BlockAffine): void {
  const inStrides = stridesOf(source.shape);
  const n = size.length;
  const last = n - 1;
  const index = new Array<number>(n).fill(0);
  const rowLength = size[last];
  const src = source.data;
  // Precompute the reflected positions along the fastest axis once.
  const lastMap = new Int32Array(rowLength);
  for (let i = 0; i < rowLength; i++) lastMap[i] = reflectIndex(start[last] + i, source.shape[last]) * inStrides[last];
  // Rows that need no reflection along the fastest axis are copied in one go.
  const inside = start[last] >= 0 && start[last] + rowLength <= source.shape[last];
  let outOffset = destOffset;
  const rows = sizeOf(size) / Math.max(1, rowLength);
  for (let r = 0; r < rows; r++) {
    let base = 0;
    for (let d = 0; d < last; d++) base += reflectIndex(start[d] + index[d], source.shape[d]) * inStrides[d];
    if (affine) {
      const block = Math.floor(base / affine.blockSize);
      const g = affine.gain[block];
      const o = affine.offset[block];
      if (inside) {
        const from = base + start[last];
        for (let i = 0; i < rowLength; i++) dest[outOffset + i] = src[from + i] * g + o;
      } else for (let i = 0; i < rowLength; i++) dest[outOffset + i] = src[base + lastMap[i]] * g + o;
    } else if (inside) dest.set(src.subarray(base + start[last], base + start[last] + rowLength), outOffset);
    else for (let i = 0; i < rowLength; i++) dest[outOffset + i] = src[base + lastMap[i]];
    outOffset += rowLength;
    for (let d = last - 1; d >= 0; d--) {
      if (++index[d] < size[d]) break;
      index[d] = 0;
    }
  }
}

/**
 * Calls `visit(groupIndex, elementOffset)` for every element, where elements that
 * differ only along `reduceAxes` share a group. Returns the number of groups. This is
 * how per-channel or per-sample statistics are computed over named axes.
 */
export function groupsOver(tensor: Tensor, reduceAxes: string[]): { groupOf: Int32Array; groups: number } {
  const keep = tensor.axes.map((a) => !reduceAxes.includes(a));
  const groupShape = tensor.shape.map((s, d) => (keep[d] ? s : 1));
  const groupStrides = stridesOf(groupShape);
  const n = tensor.data.length;
  const groupOf = new Int32Array(n);
  const index = new Array<number>(tensor.shape.length).fill(0);
  for (let i = 0; i < n; i++) {
    let g = 0;
    for (let d = 0; d < index.length; d++) if (keep[d]) g += index[d] * groupStrides[d];
    groupOf[i] = g;
    for (let d = index.length - 1; d >= 0; d--) {
      if (++index[d] < tensor.shape[d]) break;
      index[d] = 0;
    }
  }
  return { groupOf, groups: sizeOf(groupShape) };
}

/** Puts a 1-D list of values along `axisId` so it broadcasts over the tensor; a scalar applies everywhere. */
export function broadcastAlong(tensor: Tensor, values: number | number[], axisId: string | undefined, what: string): (offset: number) => number {
  if (typeof values === 'number') return () => values;
  if (values.length === 1) return () => values[0];
  const d = axisId === undefined ? -1 : tensor.axes.indexOf(axisId);
  if (d < 0) throw new Error(`${what}: a list of ${values.length} values needs an existing "axis" (got ${axisId ?? 'none'})`);
  if (tensor.shape[d] !== values.length) throw new Error(`${what}: ${values.length} values for axis ${axisId} of size ${tensor.shape[d]}`);
  const stride = stridesOf(tensor.shape)[d];
  const size = tensor.shape[d];
  return (offset) => values[Math.floor(offset / stride) % size];
}
