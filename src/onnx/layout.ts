// Between movie planes (one Y*X plane per channel) and a model's tensors, whatever
// the model's axis order (bcyx, byxc, yx, bczyx with z = 1, ...).
import { InputError } from '../errors.ts';
import type { TensorSpec } from './spec.ts';
import { sizeOf, type Tensor } from './tensor.ts';

/** Visits every element of `shape` in row-major order with the offset given by `strides` (0 = broadcast). */
function permuteCopy(shape: number[], strides: number[], read: (offset: number) => number, out: Float32Array): void {
  const n = shape.length;
  const index = new Array<number>(n).fill(0);
  let offset = 0;
  for (let i = 0; i < out.length; i++) {
    out[i] = read(offset);
    for (let d = n - 1; d >= 0; d--) {
      index[d]++;
      offset += strides[d];
      if (index[d] < shape[d]) break;
      offset -= strides[d] * shape[d];
      index[d] = 0;
    }
  }
}

/**
 * Builds the tensor for input `spec` from channel planes (each height*width, row-major).
 * Axes other than batch, channel, y and x get size 1; a 3-D model (z > 1) is not supported.
 */
export function tensorFromPlanes(spec: TensorSpec, planes: ArrayLike<number>[], height: number, width: number, modelKey = 'the model'): Tensor {
  const channelAxis = spec.axes.find((a) => a.type === 'channel');
  const wanted = channelAxis ? (channelAxis.size.kind === 'fixed' ? channelAxis.size.value : planes.length) : 1;
  if (planes.length !== wanted) {
    throw new InputError(`${modelKey} takes ${wanted} channel(s) (${channelAxis?.channelNames?.join(', ') ?? spec.id}) but was given ${planes.length}; choose ${wanted === 1 ? 'one channel' : `${wanted} channels`}`);
  }
  for (const axis of spec.axes) {
    if (axis.type === 'space' && axis.id !== 'y' && axis.id !== 'x' && axis.size.kind === 'fixed' && axis.size.value !== 1) {
      throw new InputError(`${modelKey} is a 3-D model (axis ${axis.id} of size ${axis.size.value}); cellpilot runs 2-D models plane by plane`);
    }
    if ((axis.type === 'time' || axis.type === 'index') && axis.size.kind === 'fixed' && axis.size.value !== 1) {
      throw new InputError(`${modelKey} needs ${axis.size.value} steps along ${axis.id}; only single-plane inputs are supported`);
    }
  }
  const plane = height * width;
  const shape = spec.axes.map((a) => (a.type === 'channel' ? planes.length : a.id === 'y' ? height : a.id === 'x' ? width : 1));
  const strides = spec.axes.map((a) => (a.type === 'channel' ? plane : a.id === 'y' ? width : a.id === 'x' ? 1 : 0));
  const data = new Float32Array(sizeOf(shape));
  const channelFirst = spec.axes.filter((a) => a.type === 'channel' || a.id === 'y' || a.id === 'x').map((a) => a.id).join() === [channelAxis?.id, 'y', 'x'].filter(Boolean).join();
  if (channelFirst) {
    // The usual (batch,) channel, y, x layout: planes are already in order.
    planes.forEach((p, c) => data.set(p, c * plane));
  } else {
    permuteCopy(shape, strides, (offset) => planes[Math.floor(offset / plane)][offset % plane], data);
  }
  return { axes: spec.axes.map((a) => a.id), shape, data };
}

/** Splits an output tensor into one y*x plane per channel; every other axis must have size 1. */
export function planesFromTensor(t: Tensor): { planes: Float32Array[]; height: number; width: number } {
  const dy = t.axes.indexOf('y');
  const dx = t.axes.indexOf('x');
  const dc = t.axes.indexOf('channel');
  if (dy < 0 || dx < 0) throw new InputError(`output axes ${t.axes.join(',')} have no y and x: it is not an image`);
  t.axes.forEach((a, d) => {
    if (d !== dy && d !== dx && d !== dc && t.shape[d] !== 1) throw new InputError(`output axis ${a} has size ${t.shape[d]}; only 2-D outputs can become movie planes`);
  });
  const height = t.shape[dy];
  const width = t.shape[dx];
  const channels = dc < 0 ? 1 : t.shape[dc];
  const stride = t.shape.map((_, d) => t.shape.slice(d + 1).reduce((a, b) => a * b, 1));
  if (dy === t.axes.length - 2 && dx === t.axes.length - 1) {
    // Channel (if any) before y, x: each plane is a contiguous run.
    return { planes: Array.from({ length: channels }, (_, c) => t.data.subarray(c * height * width, (c + 1) * height * width)), height, width };
  }
  const planes = Array.from({ length: channels }, (_, c) => {
    const out = new Float32Array(height * width);
    const base = dc < 0 ? 0 : c * stride[dc];
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) out[y * width + x] = t.data[base + y * stride[dy] + x * stride[dx]];
    return out;
  });
  return { planes, height, width };
}
