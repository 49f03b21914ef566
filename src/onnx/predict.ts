// Inference on whole samples of any size: pre-process the full sample, cut it into
// tiles the model accepts (with the declared halo), run tiles in batches, blend the
// trusted parts back together, post-process. Mirrors bioimageio.core's blockwise
// prediction, with linear seam blending as in csbdeep/N2V tiled prediction.
import type { Tensor as OrtTensor } from 'onnxruntime-node';
import { InputError, WorkError } from '../errors.ts';
import type { LoadedModel } from './model.ts';
import { ort } from './model.ts';
import { runOnWorker } from '../parallel/pool.ts';
import type { FeedData, SessionRunInput, SessionRunOutput } from './session-task.ts';
import { affinePlan, applyProcessing, type AffinePlan } from './processing.ts';
import type { AxisSpec, TensorSpec } from './spec.ts';
import { extractBox, extractBoxInto, sizeOf, stridesOf, zeros, type Tensor } from './tensor.ts';
import { planAxis, rampWeight, type AxisTile } from './tiling.ts';

export interface PredictOptions {
  /** Largest input tile edge in pixels, halo included (default 1024: planes up to 1024 px run whole, untiled). */
  tileSizePx?: number;
  /** Tiles per onnxruntime call when the model's batch axis allows it (default 4). */
  batchSize?: number;
  /** Pixels over which overlapping tiles are blended (default 16). */
  blendPx?: number;
  /**
   * Run batches on this many one-thread onnxruntime sessions in worker threads, side by side
   * (session-task.ts), instead of the model's own session in this thread. Default 1 (no workers).
   */
  sessionWorkers?: number;
  signal?: AbortSignal;
}

/** One sample: the model's input tensors by id, in the model's axis order, batch size 1. */
export type Sample = Map<string, Tensor>;

interface TileJob {
  sample: number;
  /** Per tiled axis (index into the input's axes): the tile along it. */
  tiles: Map<number, AxisTile>;
  /** The tile's input shape (batch 1). */
  shape: number[];
  /** Writes the tile's pre-processed input into `dest` from `offset` (a slot of the batch buffer). */
  fill(dest: Float32Array, offset: number): void;
  /** Multi-input models: the other inputs, pre-processed, by id. */
  extra?: Map<string, Tensor>;
}

/**
 * Tiles per onnxruntime call: batching helps small tiles, but a batch of whole frames runs
 * slower per frame on the CPU than one frame at a time (larger activations fall out of the
 * caches: n2v-nuclei-t3 on 512² frames, 130 against 93 ms CPU per frame in batches of 4).
 * So a batch holds at most a 512² frame's worth of pixels.
 */
const PIXELS_PER_RUN = 512 * 512;

function tilesPerRun(shape: number[]): number {
  return Math.max(1, Math.floor(PIXELS_PER_RUN / Math.max(1, sizeOf(shape) / (shape[1] ?? 1))));
}

/** Planes up to this edge run whole: tiling only when a plane is larger. */
const DEFAULT_TILE_PX = 1024;

interface SampleState {
  raw: Sample;
  remaining: number;
  /** Per output: weighted sums, weights (one per output position) and geometry. */
  outputs: Map<string, { sum: Tensor; weight: Float32Array | undefined } | undefined>;
}

function checkCancelled(signal?: AbortSignal): void {
  if (signal?.aborted) throw new WorkError('cancelled');
}

/** The input axes that are cut into tiles: spatial axes y and x with more than one pixel. */
function tiledAxes(spec: TensorSpec, tensor: Tensor): number[] {
  return spec.axes.map((a, d) => (a.type === 'space' && tensor.shape[d] > 1 ? d : -1)).filter((d) => d >= 0);
}

/** The halo (input pixels) needed along input axis `axisId`: the largest of the outputs' halos that refer to it. */
function inputHalo(model: LoadedModel, inputId: string, axisId: string): number {
  let halo = 0;
  for (const out of model.spec.outputs)
    for (const axis of out.axes) {
      if (axis.size.kind === 'reference' && axis.size.tensorId === inputId && axis.size.axisId === axisId) {
        halo = Math.max(halo, Math.ceil(axis.halo / axis.size.factor));
      }
    }
  return halo;
}

/** For an output axis: the input axis it follows (index into the input's axes) and the size factor, if any. */
function followedAxis(out: AxisSpec, input: TensorSpec): { inAxis: number; factor: number; offset: number } | null {
  if (out.size.kind !== 'reference' || out.size.tensorId !== input.id) return null;
  const inAxis = input.axes.findIndex((a) => a.id === (out.size as { axisId: string }).axisId);
  return inAxis < 0 ? null : { inAxis, factor: out.size.factor, offset: out.size.offset };
}

function checkSample(model: LoadedModel, sample: Sample): void {
  for (const spec of model.spec.inputs) {
    const t = sample.get(spec.id);
    if (!t) throw new InputError(`model ${model.spec.key} needs an input called "${spec.id}"`);
    if (t.axes.join(',') !== spec.axes.map((a) => a.id).join(',')) {
      throw new InputError(`input ${spec.id} has axes ${t.axes.join(',')} but model ${model.spec.key} expects ${spec.axes.map((a) => a.id).join(',')}`);
    }
    spec.axes.forEach((axis, d) => {
      if (axis.type === 'channel' && axis.size.kind === 'fixed' && t.shape[d] !== axis.size.value) {
        throw new InputError(`model ${model.spec.key} takes ${axis.size.value} channel(s) in ${spec.id}, got ${t.shape[d]}`);
      }
      if (axis.type === 'batch' && t.shape[d] !== 1) throw new InputError(`a sample must have batch size 1, got ${t.shape[d]}`);
    });
  }
}

/**
 * Runs `model` over `samples` and calls `onSample(index, outputs)` for each, in order,
 * as soon as it is complete. Tiles of consecutive samples share onnxruntime calls.
 */
export async function predictSamples(
  model: LoadedModel,
  samples: Iterable<Sample> | AsyncIterable<Sample>,
  onSample: (index: number, outputs: Map<string, Tensor>) => Promise<void> | void,
  options: PredictOptions = {},
): Promise<void> {
  const { spec } = model;
  const tileSize = options.tileSizePx ?? DEFAULT_TILE_PX;
  const blendPx = options.blendPx ?? 16;
  const input0 = spec.inputs[0];
  const batchAxis = input0.axes.findIndex((a) => a.type === 'batch');
  const batchFree = batchAxis === 0 && input0.axes[0].size.kind !== 'fixed' && spec.inputs.length === 1;
  const batchSize = batchFree ? Math.max(1, options.batchSize ?? 4) : 1;
  const states = new Map<number, SampleState>();
  let queue: TileJob[] = [];
  let nextToEmit = 0;
  // With session workers, up to two batches per worker are in flight (one running, the next
  // already posted, so a worker never waits while this thread finishes a frame and prepares
  // the next); results are taken in the order sent.
  const lanes = Math.max(1, Math.floor(options.sessionWorkers ?? 1));
  const depth = lanes > 1 ? 2 * lanes : 1;
  const shared = lanes > 1 ? new SharedBatches() : undefined;
  const inFlight: Array<{ jobs: TileJob[]; results: Promise<Tensor[][]> }> = [];
  let sent = 0;

  const emitFinished = async () => {
    for (let s = states.get(nextToEmit); s && s.remaining === 0; s = states.get(nextToEmit)) {
      await onSample(nextToEmit, finishSample(model, s));
      states.delete(nextToEmit);
      nextToEmit++;
    }
  };

  const settleOldest = async () => {
    const { jobs, results: pending } = inFlight.shift()!;
    const results = await pending;
    // batches posted ahead of a cancellation are not handed out
    checkCancelled(options.signal);
    jobs.forEach((job, j) => {
      const state = states.get(job.sample)!;
      spec.outputs.forEach((out, o) => scatterTile(state, out, input0, job, results[o][j], blendPx));
      state.remaining--;
    });
    await emitFinished();
  };

  const flush = async () => {
    if (!queue.length) return;
    const jobs = queue;
    queue = [];
    checkCancelled(options.signal);
    const results = runBatch(model, jobs, lanes > 1 ? sent++ % lanes : undefined, shared);
    results.catch(() => {}); // awaited in settleOldest; a failure there ends the run
    inFlight.push({ jobs, results });
    while (inFlight.length >= depth) await settleOldest();
  };

  try {
    let index = 0;
    for await (const sample of samples) {
      checkCancelled(options.signal);
      checkSample(model, sample);
      const jobs = spec.inputs.length === 1 ? singleInputJobs(model, sample, index, tileSize, blendPx) : wholeSampleJob(model, sample, index);
      states.set(index, { raw: sample, remaining: jobs.length, outputs: new Map() });
      for (const job of jobs) {
        if (queue.length && queue[0].shape.join() !== job.shape.join()) await flush();
        queue.push(job);
        if (queue.length >= Math.min(batchSize, tilesPerRun(job.shape))) await flush();
      }
      index++;
    }
    await flush();
    while (inFlight.length) await settleOldest();
  } catch (err) {
    // Cancelled or failed: the runs still going on session workers end before this returns, so
    // that nothing (a caller's process.exit) tears down a worker inside a native run (pool.ts).
    await Promise.allSettled(inFlight.map((f) => f.results));
    throw err;
  }
}

/**
 * Jobs for a single-input model. When the pre-processing is an affine map (the usual
 * percentile or mean/std normalisation), it is applied while each tile is copied into the
 * batch buffer: one pass over the raw sample, no normalised copy of it.
 */
function singleInputJobs(model: LoadedModel, sample: Sample, index: number, tileSize: number, blendPx: number): TileJob[] {
  const spec = model.spec.inputs[0];
  const raw = sample.get(spec.id)!;
  const ctx = { tensors: sample, where: `input ${spec.id}` };
  const plan = affinePlan(raw, spec.preprocessing, ctx);
  return tileJobs(model, plan ? raw : applyProcessing(raw, spec.preprocessing, ctx), index, tileSize, blendPx, plan ?? undefined);
}

/** Cuts the input (pre-processed, or raw with `affine` to apply on the way) into tile jobs (one job when the whole sample fits). */
function tileJobs(model: LoadedModel, input: Tensor, sample: number, tileSize: number, blendPx: number, affine?: AffinePlan): TileJob[] {
  const spec = model.spec.inputs[0];
  const axes = tiledAxes(spec, input);
  const plans = axes.map((d) => planAxis(input.shape[d], spec.axes[d].size, inputHalo(model, spec.id, spec.axes[d].id), tileSize, blendPx, spec.axes[d].id));
  // Axes that are not tiled must already have a size the model accepts (singleton z, channels...).
  spec.axes.forEach((axis, d) => {
    if (axes.includes(d) || axis.type === 'batch' || axis.type === 'channel') return;
    const n = input.shape[d];
    const ok = axis.size.kind === 'fixed' ? axis.size.value === n : axis.size.kind === 'parametrized' ? n >= axis.size.min && (n - axis.size.min) % axis.size.step === 0 : true;
    if (!ok) throw new InputError(`model ${model.spec.key}: axis ${axis.id} of size ${n} does not fit the model (${JSON.stringify(axis.size)})`);
  });
  const jobs: TileJob[] = [];
  const combos = plans.reduce<AxisTile[][]>((acc, plan) => acc.flatMap((prefix) => plan.map((t) => [...prefix, t])), [[]]);
  for (const combo of combos) {
    const start = input.shape.map(() => 0);
    const size = [...input.shape];
    const tiles = new Map<number, AxisTile>();
    combo.forEach((tile, k) => {
      start[axes[k]] = tile.inStart;
      size[axes[k]] = tile.inSize;
      tiles.set(axes[k], tile);
    });
    const wholeBox = combo.every((t, k) => t.inStart === 0 && t.inSize === input.shape[axes[k]]);
    const rowLength = input.shape[input.shape.length - 1];
    // The whole sample, normalised on the way: one flat pass per block (the same value * gain + offset as extractBoxInto's rows, which it is only when a block holds whole rows).
    const fill = wholeBox && !affine
      ? (dest: Float32Array, offset: number) => dest.set(input.data, offset)
      : wholeBox && affine && affine.blockSize % rowLength === 0
        ? (dest: Float32Array, offset: number) => affineInto(input.data, affine, dest, offset)
        : (dest: Float32Array, offset: number) => extractBoxInto(input, start, size, dest, offset, affine);
    jobs.push({ sample, tiles, shape: size, fill });
  }
  return jobs;
}

/**
 * `src` mapped by `plan` (value * gain[block] + offset[block], in float64, stored as float32) into
 * `dest` from `offset`: what extractBoxInto writes for a box covering the whole tensor, in one
 * flat loop per block instead of one short loop per row.
 */
export function affineInto(src: Float32Array, plan: AffinePlan, dest: Float32Array, offset: number): void {
  const n = src.length;
  const blockSize = Math.max(1, plan.blockSize);
  for (let start = 0, b = 0; start < n; start += blockSize, b++) {
    const g = plan.gain[b];
    const o = plan.offset[b];
    const end = Math.min(n, start + blockSize);
    for (let i = start; i < end; i++) dest[offset + i] = src[i] * g + o;
  }
}

/** Multi-input models run on the whole sample (their inputs must already have valid sizes). */
function wholeSampleJob(model: LoadedModel, raw: Sample, sample: number): TileJob[] {
  const pre = new Map<string, Tensor>();
  for (const t of model.spec.inputs) pre.set(t.id, applyProcessing(raw.get(t.id)!, t.preprocessing, { tensors: raw, where: `input ${t.id}` }));
  const input = pre.get(model.spec.inputs[0].id)!;
  const tiles = new Map<number, AxisTile>();
  tiledAxes(model.spec.inputs[0], input).forEach((d) => {
    const n = input.shape[d];
    tiles.set(d, { inStart: 0, inSize: n, validStart: 0, validEnd: n, rampLow: false, rampHigh: false });
  });
  return [{ sample, tiles, shape: input.shape, fill: (dest, offset) => dest.set(input.data, offset), extra: pre }];
}

const ORT_ARRAYS: Record<string, (n: number) => ArrayLike<number> & { [i: number]: number }> = {
  float32: (n) => new Float32Array(n),
  float64: (n) => new Float64Array(n),
  uint8: (n) => new Uint8Array(n),
  int8: (n) => new Int8Array(n),
  uint16: (n) => new Uint16Array(n),
  int16: (n) => new Int16Array(n),
  int32: (n) => new Int32Array(n),
  uint32: (n) => new Uint32Array(n),
};

/**
 * Batch input buffers, one per model, data type and length, reused across tiles and frames
 * (a batch is copied in with one set() per tile). Safe because each session.run is awaited
 * before the next batch is written.
 */
const batchBuffers = new WeakMap<LoadedModel, Map<string, ArrayLike<number> & { [i: number]: number }>>();

function batchBuffer(model: LoadedModel, dataType: string, length: number, make: (n: number) => ArrayLike<number> & { [i: number]: number }) {
  let perModel = batchBuffers.get(model);
  if (!perModel) batchBuffers.set(model, (perModel = new Map()));
  const key = `${dataType}:${length}`;
  let buffer = perModel.get(key);
  if (!buffer) perModel.set(key, (buffer = make(length)));
  return buffer;
}

/**
 * The jobs' inputs, pre-processed, as the model's data type: in buffers reused across batches,
 * or (`fresh`, for a worker: it is copied when the worker is free, after later batches were filled) in new ones.
 */
function batchData(model: LoadedModel, jobs: TileJob[], dataType: string, fresh: boolean, shared?: SharedBatches): { data: FeedData['data']; dims: number[] } {
  const make = ORT_ARRAYS[dataType];
  if (!make) throw new InputError(`input data type ${dataType} is not supported (use float32, float64 or an integer type)`);
  const n = sizeOf(jobs[0].shape);
  const floats = shared && dataType === 'float32' ? shared.take(n * jobs.length) : fresh ? new Float32Array(n * jobs.length) : (batchBuffer(model, 'float32', n * jobs.length, (k) => new Float32Array(k)) as Float32Array);
  jobs.forEach((job, j) => job.fill(floats, j * n));
  const dims = [...jobs[0].shape];
  if (model.spec.inputs[0].axes[0]?.type === 'batch') dims[0] = jobs.length;
  if (dataType === 'float32') return { data: floats, dims };
  const data = fresh ? make(n * jobs.length) : batchBuffer(model, dataType, n * jobs.length, make);
  (data as unknown as { set(a: ArrayLike<number>): void }).set(dataType.includes('int') ? floats.map(Math.round) : floats);
  return { data: data as FeedData['data'], dims };
}

/**
 * Input buffers for session workers in memory both threads share (SharedArrayBuffer): posting
 * one to a worker copies nothing and detaches nothing (a structured clone of a 3 MiB batch cost
 * ~2-4 ms of CPU per 512² frame of a three-frame model, a transfer would slow this thread's
 * kernels: parallel/worker-entry.js). A buffer is taken for a run and given back once its
 * outputs have come back (the worker copies it out before session.run: session-task.ts).
 */
class SharedBatches {
  private readonly spare = new Map<number, Float32Array[]>();
  take(length: number): Float32Array {
    return this.spare.get(length)?.pop() ?? new Float32Array(new SharedArrayBuffer(4 * length));
  }
  give(data: FeedData['data']): void {
    if (!(data instanceof Float32Array) || !(data.buffer instanceof SharedArrayBuffer)) return;
    let list = this.spare.get(data.length);
    if (!list) this.spare.set(data.length, (list = []));
    list.push(data);
  }
}

/** The jobs' inputs as one onnxruntime tensor over the reused buffer. */
async function batchTensor(model: LoadedModel, jobs: TileJob[], dataType: string): Promise<OrtTensor> {
  const { Tensor } = await ort();
  const { data, dims } = batchData(model, jobs, dataType, false);
  return new Tensor(dataType as 'float32', data as Float32Array, dims);
}

/** Another input of a multi-input model, as the model's data type. */
function extraData(t: Tensor, dataType: string): FeedData['data'] {
  const make = ORT_ARRAYS[dataType];
  if (!make) throw new InputError(`input data type ${dataType} is not supported (use float32, float64 or an integer type)`);
  if (dataType === 'float32') return t.data;
  const data = make(t.data.length);
  for (let i = 0; i < t.data.length; i++) data[i] = t.data[i];
  return data as FeedData['data'];
}

const SESSION_TASK = new URL('./session-task.ts', import.meta.url);

/** The outputs (in the model's order) of one run: in this thread, or on session worker `lane`. */
async function runOutputs(model: LoadedModel, jobs: TileJob[], lane: number | undefined, shared?: SharedBatches): Promise<Array<{ data: ArrayLike<number>; dims: number[] }>> {
  const { spec, session } = model;
  if (lane !== undefined) {
    const first = batchData(model, jobs, spec.inputs[0].dataType, true, shared);
    const feeds: FeedData[] = [{ name: model.inputNames[0], type: spec.inputs[0].dataType, ...first }];
    for (let i = 1; i < spec.inputs.length; i++) {
      const t = jobs[0].extra!.get(spec.inputs[i].id)!;
      feeds.push({ name: model.inputNames[i], type: spec.inputs[i].dataType, data: extraData(t, spec.inputs[i].dataType), dims: t.shape });
    }
    const input: SessionRunInput = { weightsPath: spec.weights.path, feeds, outputNames: [...model.outputNames] };
    // Shared (or copied), never transferred: a detached buffer would slow this thread's typed-array code (parallel/worker-entry.js).
    try {
      const result = await runOnWorker<SessionRunInput, SessionRunOutput>(SESSION_TASK, 'runSessionTask', input, lane);
      return result.outputs;
    } finally {
      shared?.give(first.data);
    }
  }
  const { Tensor } = await ort();
  const feeds: Record<string, OrtTensor> = {};
  feeds[model.inputNames[0]] = await batchTensor(model, jobs, spec.inputs[0].dataType);
  for (let i = 1; i < spec.inputs.length; i++) {
    const t = jobs[0].extra!.get(spec.inputs[i].id)!;
    feeds[model.inputNames[i]] = new Tensor(spec.inputs[i].dataType as 'float32', extraData(t, spec.inputs[i].dataType) as Float32Array, t.shape);
  }
  // Outputs are not pre-allocated: onnxruntime-node copies into pre-allocated output tensors,
  // which measured slower (89 against 86 ms CPU per 512² n2v-nuclei-t3 frame).
  const results = (await session.run(feeds)) as Record<string, OrtTensor>;
  return model.outputNames.map((name) => ({ data: results[name].data as ArrayLike<number>, dims: results[name].dims.map(Number) }));
}

/** Runs one onnxruntime call for a batch of same-shaped tiles (on session worker `lane` when given); returns per output, per tile, a tensor. */
async function runBatch(model: LoadedModel, jobs: TileJob[], lane?: number, shared?: SharedBatches): Promise<Tensor[][]> {
  const { spec } = model;
  let results: Array<{ data: ArrayLike<number>; dims: number[] }>;
  try {
    results = await runOutputs(model, jobs, lane, shared);
  } catch (err) {
    if (err instanceof InputError) throw err;
    const shape = jobs[0].shape.join('x');
    throw new WorkError(`model ${spec.key} failed on a tile of shape ${shape}: ${(err as Error).message.split('\n')[0]}`);
  }
  return spec.outputs.map((out, o) => {
    const r = results[o];
    const dims = r.dims;
    const data = r.data instanceof Float32Array ? r.data : Float32Array.from(r.data as ArrayLike<number>, Number);
    const per = data.length / jobs.length;
    const tileShape = [...dims];
    if (out.axes[0]?.type === 'batch') tileShape[0] = 1;
    if (dims.length !== out.axes.length) throw new WorkError(`model ${spec.key}: output ${out.id} has ${dims.length} dimensions but rdf.yaml declares ${out.axes.length} axes`);
    return jobs.map((_, j) => ({ axes: out.axes.map((a) => a.id), shape: tileShape, data: data.subarray(j * per, (j + 1) * per) }));
  });
}

/** Adds a tile's trusted output, weighted by the seam ramps, into the sample's accumulator. */
function scatterTile(state: SampleState, out: TensorSpec, input: TensorSpec, job: TileJob, tile: Tensor, blendPx: number): void {
  const raw = state.raw.get(input.id)!;
  // Geometry of each output axis: full size, and where this tile lands.
  const geometry = out.axes.map((axis, d) => {
    const follow = followedAxis(axis, input);
    const t = follow ? job.tiles.get(follow.inAxis) : undefined;
    if (!follow || !t) return { full: tile.shape[d], offset: 0, low: 0, high: tile.shape[d], rampLow: false, rampHigh: false, factor: 1 };
    const f = follow.factor;
    const single = !t.rampLow && !t.rampHigh && t.inStart === 0;
    if (!single && follow.offset !== 0) throw new InputError(`output ${out.id}: tiling needs an output size offset of 0 along ${axis.id}; use a tile size that covers the image`);
    const full = Math.round(raw.shape[follow.inAxis] * f + (single ? follow.offset : 0));
    return { full, offset: Math.round(t.inStart * f), low: Math.round(t.validStart * f), high: Math.min(full, Math.round(t.validEnd * f)), rampLow: t.rampLow, rampHigh: t.rampHigh, factor: f };
  });
  let acc = state.outputs.get(out.id);
  // One tile covering the whole output (no tiling was needed): it is the output, nothing to blend.
  if (!acc && geometry.every((g, d) => g.offset === 0 && g.low === 0 && g.high === g.full && tile.shape[d] === g.full)) {
    state.outputs.set(out.id, { sum: { axes: out.axes.map((a) => a.id), shape: [...tile.shape], data: tile.data }, weight: undefined });
    return;
  }
  // One tile padded past the image (a plane whose size the model does not take, e.g. 410 px
  // for a step of 8, runs as 416): its output is cropped, with no weights to accumulate.
  if (!acc && geometry.every((g, d) => g.offset === 0 && g.low === 0 && g.high === g.full && !g.rampLow && !g.rampHigh && tile.shape[d] >= g.full)) {
    state.outputs.set(out.id, { sum: extractBox(tile, tile.shape.map(() => 0), geometry.map((g) => g.full)), weight: undefined });
    return;
  }
  if (!acc) {
    const shape = geometry.map((g) => g.full);
    acc = { sum: zeros(out.axes.map((a) => a.id), shape), weight: new Float32Array(sizeOf(shape)) };
    state.outputs.set(out.id, acc);
  }
  const fullStrides = stridesOf(acc.sum.shape);
  const weight = acc.weight!;
  const n = tile.shape.length;
  const weightsPerAxis = geometry.map((g, d) => {
    const w = new Float32Array(tile.shape[d]);
    for (let i = 0; i < tile.shape[d]; i++) {
      const p = g.offset + i;
      w[i] = p < g.low || p >= g.high ? 0 : rampWeight(p, g.low, g.high, g.rampLow, g.rampHigh, Math.max(1, Math.round(blendPx * g.factor)));
    }
    return w;
  });
  const index = new Array<number>(n).fill(0);
  const last = n - 1;
  const rowLength = tile.shape[last];
  const rows = tile.data.length / rowLength;
  const sum = acc.sum.data;
  const values = tile.data;
  const wl = weightsPerAxis[last];
  const off = geometry[last].offset;
  // The row's non-zero weights along the fastest axis: [firstW, endW).
  let firstW = 0;
  while (firstW < rowLength && wl[firstW] === 0) firstW++;
  let endW = rowLength;
  while (endW > firstW && wl[endW - 1] === 0) endW--;
  let src = 0;
  for (let r = 0; r < rows; r++, src += rowLength) {
    let w0 = 1;
    let base = off;
    for (let d = 0; d < last; d++) {
      w0 *= weightsPerAxis[d][index[d]];
      base += (geometry[d].offset + index[d]) * fullStrides[d];
    }
    if (w0 > 0) {
      for (let i = firstW; i < endW; i++) {
        const w = w0 * wl[i];
        sum[base + i] += w * values[src + i];
        weight[base + i] += w;
      }
    }
    for (let d = last - 1; d >= 0; d--) {
      if (++index[d] < tile.shape[d]) break;
      index[d] = 0;
    }
  }
}

function finishSample(model: LoadedModel, state: SampleState): Map<string, Tensor> {
  const outputs = new Map<string, Tensor>();
  for (const out of model.spec.outputs) {
    const acc = state.outputs.get(out.id)!;
    const { sum, weight } = acc;
    if (weight) for (let i = 0; i < sum.data.length; i++) sum.data[i] = weight[i] > 0 ? sum.data[i] / weight[i] : 0;
    // In place: the sum is this sample's own (an accumulator, or its part of a run's fresh output).
    outputs.set(out.id, applyProcessing(sum, out.postprocessing, { tensors: state.raw, where: `output ${out.id}` }, { inPlace: true }));
  }
  return outputs;
}

/** Convenience: one sample in, its outputs out. */
export async function predictSample(model: LoadedModel, sample: Sample, options: PredictOptions = {}): Promise<Map<string, Tensor>> {
  let result: Map<string, Tensor> | undefined;
  await predictSamples(model, [sample], (_, outputs) => {
    result = outputs;
  }, options);
  return result!;
}
