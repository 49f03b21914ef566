// A small worker-thread pool: run one exported async function of a module over many
// inputs on all cores. The machine has 2 cores; kernels that are heavy per plane
// (FFT, watershed, inference pre-processing) use this to use both.
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';

const ENTRY = new URL('./worker-entry.js', import.meta.url);

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

/**
 * Calls `module[exportName](input)` in worker threads for every input and returns the
 * outputs in input order. Typed arrays in outputs are transferred, not copied.
 * `moduleUrl` is usually `new URL('./kernel.ts', import.meta.url)`.
 */
export async function mapInWorkers<I, O>(moduleUrl: URL, exportName: string, inputs: I[], options: PoolOptions = {}): Promise<O[]> {
  const total = inputs.length;
  if (total === 0) return [];
  const threads = Math.min(options.threads ?? defaultThreads(), total);
  const outputs = new Array<O>(total);
  let next = 0;
  let done = 0;
  const workers: Worker[] = [];

  try {
    await new Promise<void>((resolve, reject) => {
      const fail = (err: unknown) => reject(err instanceof Error ? err : new Error(String(err)));
      options.signal?.addEventListener('abort', () => fail(new Error('cancelled')), { once: true });
      const feed = (worker: Worker) => {
        if (next >= total) return;
        const id = next++;
        worker.postMessage({ id, input: inputs[id] });
      };
      for (let i = 0; i < threads; i++) {
        const worker = new Worker(ENTRY, { workerData: { moduleUrl: moduleUrl.href, exportName } });
        workers.push(worker);
        worker.on('error', fail);
        worker.on('message', (msg: { ready?: boolean; id: number; output?: O; error?: string }) => {
          if (msg.ready) return feed(worker);
          if (msg.error !== undefined) return fail(new Error(msg.error));
          outputs[msg.id] = msg.output as O;
          done++;
          options.onProgress?.(done, total);
          if (done === total) resolve();
          else feed(worker);
        });
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return outputs;
}
