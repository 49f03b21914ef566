// onnxruntime sessions on worker threads: each worker of the pool (src/parallel/pool.ts)
// opens its own session of a model (one intra-op thread) and runs the batches sent to it,
// so that a movie's frames run side by side on all cores. On the 2-core development machine
// two one-thread sessions did more per CPU second than one two-thread session (whose
// threads spin-wait between operators): cells-unet on 512² frames, 271 against 366 ms of CPU
// per frame, measured alternately under the same load.
import type { InferenceSession } from 'onnxruntime-node';

/**
 * The session options cellpilot opens every model with, for `threads` intra-op threads. With
 * 2 or more, the pool's threads sleep between operators instead of spin-waiting
 * (`session.intra_op.allow_spinning` 0): on the shared 2-core machine (load 17) a two-thread
 * session of n2v-nuclei took 92-94 instead of 120-122 ms of CPU per 512² frame (one thread: 87),
 * and less wall time too (583-631 against 708-756 ms); a one-thread session has no pool.
 */
export function sessionOptions(threads: number): InferenceSession.SessionOptions {
  const options: InferenceSession.SessionOptions = { intraOpNumThreads: threads, interOpNumThreads: 1, graphOptimizationLevel: 'all' };
  if (threads > 1) options.extra = { session: { intra_op: { allow_spinning: '0' } } };
  return options;
}

/** One input of a run: the graph input's name, its element type, values and dimensions. */
export interface FeedData {
  name: string;
  type: string;
  data: Float32Array | Float64Array | Int32Array | Uint32Array | Int16Array | Uint16Array | Int8Array | Uint8Array;
  dims: number[];
}

export interface SessionRunInput {
  /** The model's weights.onnx (checked against its sha256 by the caller). */
  weightsPath: string;
  feeds: FeedData[];
  /** Graph outputs to return, in this order. */
  outputNames: string[];
}

export interface SessionRunOutput {
  outputs: Array<{ data: ArrayLike<number>; dims: number[] }>;
}

/** Output buffers are handed to the caller, not copied: this thread runs no typed-array kernels (parallel/worker-entry.js). */
export const transferOutputs = true;

/**
 * session.run is native code that Node cannot interrupt: terminating this thread during a run
 * aborts the whole process when the run returns (Napi::Error, exit 134). The pool waits for a
 * run to end instead (parallel/pool.ts).
 */
export const nativeTasks = true;

/**
 * onnxruntime-node refuses a typed array over a SharedArrayBuffer ("Invalid argument"), which is
 * how the caller lends its batches (predict.ts SharedBatches): such an input is copied into this
 * worker's own buffer of that type and length, reused from run to run (this worker runs one task
 * at a time, and session.run has returned before the next task starts).
 */
const ownBuffers = new Map<string, FeedData['data']>();
function ownCopy(data: FeedData['data']): FeedData['data'] {
  if (!(data.buffer instanceof SharedArrayBuffer)) return data;
  const key = `${data.constructor.name}:${data.length}`;
  let own = ownBuffers.get(key);
  if (!own) ownBuffers.set(key, (own = new (data.constructor as new (n: number) => FeedData['data'])(data.length)));
  own.set(data as never);
  return own;
}

/** This worker's sessions, by weights file. */
const sessions = new Map<string, Promise<InferenceSession>>();

/** Worker entry: runs the model on the feeds with this worker's own session (opened on first use, one thread). */
export async function runSessionTask(input: SessionRunInput): Promise<SessionRunOutput> {
  const ort = await import('onnxruntime-node');
  let pending = sessions.get(input.weightsPath);
  if (!pending) {
    pending = ort.InferenceSession.create(input.weightsPath, sessionOptions(1));
    sessions.set(input.weightsPath, pending);
    pending.catch(() => sessions.delete(input.weightsPath));
  }
  const session = await pending;
  const feeds: Record<string, InstanceType<typeof ort.Tensor>> = {};
  for (const f of input.feeds) feeds[f.name] = new ort.Tensor(f.type as 'float32', ownCopy(f.data) as Float32Array, f.dims);
  const results = await session.run(feeds);
  return {
    outputs: input.outputNames.map((name) => {
      const r = results[name];
      return { data: r.data as ArrayLike<number>, dims: r.dims.map(Number) };
    }),
  };
}
