// A small worker-thread pool: run one exported async function of a module over many
// inputs on all cores. The machine has 2 cores; kernels that are heavy per plane
// (FFT, watershed, inference pre-processing) use this to use both.
//
// Workers are kept warm per module (starting one with the TypeScript loader costs
// ~250 ms) and unref'd while idle, so a process that is done exits without closing them.
//
// A task module that runs native code (an onnxruntime session) declares `nativeTasks = true`:
// its workers are never terminated in the middle of a task, because Node cannot stop native
// code, and when the call returns into a thread being torn down, node-addon-api throws a C++
// Napi::Error nothing catches and the whole process aborts ("terminate called after throwing an
// instance of 'Napi::Error'", exit 134). process.exit() terminates every worker, so the command
// line waits for such tasks to end first (whenNativeTasksEnd, src/cli.ts).
import type { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { builtin } from '../bundle/builtins.mjs';

const ENTRY = new URL('./worker-entry.js', import.meta.url);

/**
 * node:worker_threads, loaded when the first worker starts: loading it cost every command that
 * imports this module ~5-10 ms of CPU (profiles of `cellpilot tool project`), used or not.
 */
let workerClass: typeof Worker | undefined;
const WorkerThread = (): typeof Worker => (workerClass ??= (builtin('node:worker_threads') as typeof import('node:worker_threads')).Worker);

export interface PoolOptions {
  /** Number of worker threads; defaults to the number of cores. */
  threads?: number;
  /** Called after each finished input. */
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export function defaultThreads(): number {
  const fromEnv = Number(process.env.CELLPILOT_THREADS);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : Math.max(1, availableParallelism());
}

interface Reply {
  ready?: boolean;
  /** With `ready`: the module's tasks run native code (see the header). */
  nativeTasks?: boolean;
  id: number;
  output?: unknown;
  error?: string;
}

/** A warm worker that runs one task at a time. */
class PooledWorker {
  private readonly worker: Worker;
  private readonly ready: Promise<void>;
  private pending: { resolve: (v: unknown) => void; reject: (e: Error) => void } | undefined;
  /** The task in flight (or the last one), settled either way. */
  private task: Promise<void> = Promise.resolve();
  dead = false;
  /** Its tasks run native code: never terminated mid-task (known once the worker is ready). */
  nativeTasks = false;

  constructor(moduleUrl: string, exportName: string) {
    this.worker = new (WorkerThread())(ENTRY, { workerData: { moduleUrl, exportName } });
    this.worker.unref();
    started.add(this);
    this.ready = new Promise((resolve, reject) => {
      this.worker.on('message', (msg: Reply) => {
        if (msg.ready) {
          this.nativeTasks = msg.nativeTasks === true;
          return resolve();
        }
        const p = this.pending;
        this.pending = undefined;
        this.worker.unref();
        if (!p) return;
        if (msg.error !== undefined) p.reject(new Error(msg.error));
        else p.resolve(msg.output);
      });
      const die = (err: Error) => {
        this.dead = true;
        reject(err);
        this.pending?.reject(err);
        this.pending = undefined;
      };
      this.worker.on('error', die);
      this.worker.on('exit', (code) => {
        started.delete(this);
        die(new Error(`worker exited with code ${code}`));
      });
    });
    this.ready.catch(() => {});
  }

  /**
   * Runs the task on `input` (copied to the worker). The buffers in `transfer` move instead
   * (unusable here afterwards); transferring detaches them, which slows this thread's later
   * typed-array code (see worker-entry.js), so only a thread that runs no kernels should.
   */
  async run(input: unknown, cancelled: () => boolean = () => false, transfer: ArrayBuffer[] = []): Promise<unknown> {
    await this.ready;
    // a worker still starting when the call was cancelled never takes the input
    if (cancelled()) throw new Error('cancelled');
    // nor one being closed (it would be terminated in the middle of the task)
    if (this.dead) throw new Error('the worker was closed before it took the task');
    const output = new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.worker.ref();
      this.worker.postMessage({ id: 0, input }, transfer);
    });
    this.task = output.then(
      () => {},
      () => {},
    );
    return output;
  }

  /** True while a task runs. */
  get busy(): boolean {
    return this.pending !== undefined;
  }

  /** Resolves when the task in flight (if any) has ended, however it ended. */
  idle(): Promise<void> {
    return this.task;
  }

  /** Stops the worker: at once, or for a worker of native tasks, once its task in flight has ended. */
  async terminate(): Promise<number> {
    this.dead = true;
    if (this.nativeTasks) await this.task;
    return this.worker.terminate();
  }
}

/** Every worker started and not yet exited (warm, or being closed). */
const started = new Set<PooledWorker>();

/** How many workers are running a native task now. */
export function nativeTasksInFlight(): number {
  return [...started].filter((w) => w.nativeTasks && w.busy).length;
}

/**
 * Resolves once no worker runs a native task (see the header): call it before process.exit().
 * Tasks in pure JavaScript are not waited for: terminating them is safe.
 */
export async function whenNativeTasksEnd(): Promise<void> {
  for (;;) {
    const running = [...started].filter((w) => w.nativeTasks && w.busy);
    if (!running.length) return;

    await Promise.all(running.map((w) => w.idle()));
  }
}

const warm = new Map<string, PooledWorker[]>();

function workersFor(moduleUrl: URL, exportName: string, count: number): PooledWorker[] {
  const key = `${moduleUrl.href}#${exportName}`;
  const live = (warm.get(key) ?? []).filter((w) => !w.dead);
  while (live.length < count) live.push(new PooledWorker(moduleUrl.href, exportName));
  warm.set(key, live);
  return live.slice(0, count);
}

/** Stops every warm worker (tests and long-lived processes that want to free memory). */
export async function closeWorkerPools(): Promise<void> {
  const all = [...warm.values()].flat();
  warm.clear();
  const streams = [...warmStreams.values()];
  warmStreams.clear();
  await Promise.all([...all.map((w) => w.terminate()), ...streams.map((s) => s.terminate())]);
}

/**
 * A worker that takes inputs as fast as they are sent (each posted at once, queued in the worker) and answers
 * each in order: for a task module that keeps state from one input to the next (a run fed a few planes at a
 * time) and takes its inputs in the order they came. Pure JavaScript tasks only (terminated when cancelled).
 */
export class WorkerStream<I, O> {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (v: O) => void; reject: (e: Error) => void }>();
  private nextId = 0;
  private failure: Error | undefined;
  dead = false;

  constructor(moduleUrl: string, exportName: string) {
    this.worker = new (WorkerThread())(ENTRY, { workerData: { moduleUrl, exportName } });
    this.worker.unref();
    this.worker.on('message', (msg: Reply) => {
      if (msg.ready) return;
      const p = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      if (this.pending.size === 0) this.worker.unref();
      if (!p) return;
      if (msg.error !== undefined) p.reject(new Error(msg.error));
      else p.resolve(msg.output as O);
    });
    const die = (err: Error) => {
      this.dead = true;
      this.failure ??= err;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    this.worker.on('error', die);
    this.worker.on('exit', (code) => die(new Error(`worker exited with code ${code}`)));
  }

  /** Posts `input` now (copied; the worker takes it after those sent before) and resolves to its output. */
  send(input: I): Promise<O> {
    if (this.dead) return Promise.reject(this.failure ?? new Error('the worker was closed'));
    const id = this.nextId++;
    const output = new Promise<O>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    this.worker.ref();
    this.worker.postMessage({ id, input });
    return output;
  }

  /** Inputs sent and not yet answered. */
  get inFlight(): number {
    return this.pending.size;
  }

  async terminate(): Promise<number> {
    this.dead = true;
    return this.worker.terminate();
  }
}

const warmStreams = new Map<string, WorkerStream<unknown, unknown>>();

/**
 * Warm stream worker number `lane` of that module's export (started when first asked for, kept for later calls
 * of the process, unref'd while idle). One caller at a time per lane: the inputs of two callers would interleave.
 */
export function workerStream<I, O>(moduleUrl: URL, exportName: string, lane = 0): WorkerStream<I, O> {
  const key = `${moduleUrl.href}#${exportName}#${lane}`;
  let stream = warmStreams.get(key);
  if (!stream || stream.dead) warmStreams.set(key, (stream = new WorkerStream(moduleUrl.href, exportName)));
  return stream as WorkerStream<I, O>;
}

/** Inputs made when a worker is free to take them (e.g. read from a movie), so only those in flight are held. */
export interface LazyInputs<I> {
  length: number;
  get(index: number): Promise<I>;
}

/**
 * Calls `module[exportName](input)` in worker threads for every input and returns the
 * outputs in input order. Inputs and outputs are copied (see worker-entry.js on transfers).
 * `moduleUrl` is usually `new URL('./kernel.ts', import.meta.url)`.
 * Calls that overlap each other share the same warm workers' queue order per worker.
 */
export async function mapInWorkers<I, O>(moduleUrl: URL, exportName: string, inputs: I[] | LazyInputs<I>, options: PoolOptions = {}): Promise<O[]> {
  const total = inputs.length;
  if (total === 0) return [];
  if (options.signal?.aborted) throw new Error('cancelled');
  const workers = workersFor(moduleUrl, exportName, Math.min(options.threads ?? defaultThreads(), total));
  const outputs = new Array<O>(total);
  let next = 0;
  let done = 0;
  let cancelled = false;
  // On cancel, workers still computing one of our inputs are terminated (a plane can take
  // seconds), so the CPU is free at once; the pool starts fresh ones for the next call.
  // Workers of native tasks cannot be stopped mid-task (see the header): their task ends first.
  // Either way the call rejects only once none of its tasks runs any more.
  const abort = new Promise<never>((_, reject) => {
    options.signal?.addEventListener(
      'abort',
      () => {
        cancelled = true;
        const running = workers.filter((w) => w.busy);
        for (const w of running) void w.terminate();
        void Promise.all(running.map((w) => w.idle())).then(() => reject(new Error('cancelled')));
      },
      { once: true },
    );
  });
  abort.catch(() => {});

  // Each worker pulls the next input when it finishes one, so uneven tasks balance out.
  const drain = async (worker: PooledWorker) => {
    while (!cancelled && next < total) {
      const id = next++;
      const input = Array.isArray(inputs) ? inputs[id] : await inputs.get(id);
      outputs[id] = (await worker.run(input, () => cancelled)) as O;
      done++;
      options.onProgress?.(done, total);
    }
  };
  const lanes = workers.map((w) => serialised(w, () => drain(w)));
  await Promise.race([Promise.all(lanes), abort]);
  if (cancelled) throw new Error('cancelled');
  return outputs;
}

// One call at a time per worker, even when two mapInWorkers calls overlap.
const queues = new WeakMap<PooledWorker, Promise<unknown>>();
function serialised(worker: PooledWorker, job: () => Promise<void>): Promise<void> {
  const previous = queues.get(worker) ?? Promise.resolve();
  const mine = previous.catch(() => {}).then(job);
  queues.set(worker, mine);
  return mine;
}

/**
 * Calls `module[exportName](input)` on warm worker number `lane` (0-based) of that module,
 * after any call already queued there; returns its output. Lanes let a caller keep several
 * tasks in flight, one per worker, each worker keeping its own state (e.g. an onnxruntime
 * session). The buffers in `transfer` move to the worker instead of being copied (see run()).
 */
export async function runOnWorker<I, O>(moduleUrl: URL, exportName: string, input: I, lane: number, transfer: ArrayBuffer[] = []): Promise<O> {
  if (!Number.isInteger(lane) || lane < 0) throw new RangeError(`lane must be an integer >= 0, got ${lane}`);
  const worker = workersFor(moduleUrl, exportName, lane + 1)[lane];
  let output: unknown;
  await serialised(worker, async () => {
    output = await worker.run(input, undefined, transfer);
  });
  return output as O;
}
