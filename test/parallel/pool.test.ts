import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closeWorkerPools, mapInWorkers, runOnWorker, whenNativeTasksEnd, workerStream } from '../../src/parallel/pool.ts';

const fixture = new URL('./square.fixture.ts', import.meta.url);
const nativeFixture = new URL('./native.fixture.ts', import.meta.url);
const markers = mkdtempSync(join(tmpdir(), 'cellpilot-pool-'));
afterAll(() => rmSync(markers, { recursive: true, force: true }));

describe('mapInWorkers', () => {
  it('runs a TypeScript function in worker threads and keeps input order', async () => {
    const inputs = Array.from({ length: 7 }, (_, i) => ({ values: [i, i + 1] }));
    const progress: number[] = [];
    const out = await mapInWorkers<{ values: number[] }, { sum: number; squares: Float64Array }>(fixture, 'sumSquares', inputs, {
      threads: 2,
      onProgress: (d) => progress.push(d),
    });
    expect(out.map((o) => o.sum)).toEqual(inputs.map(({ values: [a, b] }) => a * a + b * b));
    expect(out[3].squares).toBeInstanceOf(Float64Array);
    expect(progress.at(-1)).toBe(7);
  });

  it('copies outputs back instead of detaching them in the worker (a detach slows its typed-array code)', async () => {
    const out = await mapInWorkers<{ n: number }, { values: Float64Array; lastDetached: boolean }>(fixture, 'keepLast', [{ n: 3 }, { n: 4 }, { n: 5 }], { threads: 1 });
    expect(out.map((o) => o.lastDetached)).toEqual([false, false, false]);
    expect([...out[2].values]).toEqual([5, 5, 5, 5, 5]);
  });

  it('runs calls on a chosen lane, and moves only the buffers it is told to', async () => {
    const kept = new Float64Array(4);
    const moved = new Float64Array(4);
    const [a, b] = await Promise.all([
      runOnWorker<{ values: number[]; kept: Float64Array }, { sum: number }>(fixture, 'sumSquares', { values: [1, 2], kept }, 0),
      runOnWorker<{ values: number[]; moved: Float64Array }, { sum: number }>(fixture, 'sumSquares', { values: [3], moved }, 1, [moved.buffer]),
    ]);
    expect([a.sum, b.sum]).toEqual([5, 9]);
    expect(kept.length).toBe(4);
    expect(moved.length).toBe(0);
    await expect(runOnWorker(fixture, 'sumSquares', { values: [] }, -1)).rejects.toThrow(/lane must be an integer >= 0, got -1/);
  });

  it('rejects with the worker error message', async () => {
    await expect(mapInWorkers(fixture, 'explode', [1])).rejects.toThrow('boom in worker');
  });
});

describe('warm worker pool', () => {
  it('reuses workers across calls and survives a failing task', async () => {
    const inputs = [{ values: [1, 2] }, { values: [3] }];
    await expect(mapInWorkers(fixture, 'explode', [1, 2], { threads: 2 })).rejects.toThrow('boom');
    const first = await mapInWorkers<{ values: number[] }, { sum: number }>(fixture, 'sumSquares', inputs, { threads: 2 });
    const second = await mapInWorkers<{ values: number[] }, { sum: number }>(fixture, 'sumSquares', inputs, { threads: 2 });
    expect(first.map((o) => o.sum)).toEqual([5, 9]);
    expect(second.map((o) => o.sum)).toEqual([5, 9]);
  });

  it('rejects with "cancelled" when the signal aborts', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(mapInWorkers(fixture, 'sumSquares', [{ values: [1] }], { signal: controller.signal })).rejects.toThrow('cancelled');
  });

  it('terminates a worker busy with a cancelled input, so the next call does not wait for it', async () => {
    const controller = new AbortController();
    // one quick input ends first; its progress event cancels while the other worker spins for a minute
    const run = mapInWorkers(fixture, 'spin', [{ ms: 0 }, { ms: 60000 }], { threads: 2, signal: controller.signal, onProgress: () => controller.abort() });
    await expect(run).rejects.toThrow('cancelled');
    // the same workers serve the next call: it would queue behind the minute-long spin if that worker lived on
    const again = await mapInWorkers<{ ms: number }, number>(fixture, 'spin', [{ ms: 1 }, { ms: 1 }], { threads: 2 });
    expect(again).toEqual([1, 1]);
  }, 20000);
});

// Terminating a worker inside a native call (onnxruntime's session.run) aborts the whole
// process when the call returns; the fixture's tasks declare nativeTasks and write a marker
// when they have run to their end.
describe('workers of native tasks', () => {
  it('are not terminated by a cancel: the call rejects once the task in flight has run to its end', async () => {
    const marker = join(markers, 'cancelled.txt');
    // both workers warm first: a worker still starting when the cancel comes never takes its input
    await mapInWorkers(nativeFixture, 'runToEnd', [{ ms: 1 }, { ms: 1 }], { threads: 2 });
    const controller = new AbortController();
    const run = mapInWorkers(nativeFixture, 'runToEnd', [{ ms: 0 }, { ms: 1500, marker }], { threads: 2, signal: controller.signal, onProgress: () => controller.abort() });
    await expect(run).rejects.toThrow('cancelled');
    expect(existsSync(marker)).toBe(true);
    // the worker lived on and serves the next call
    expect(await mapInWorkers<{ ms: number }, number>(nativeFixture, 'runToEnd', [{ ms: 1 }, { ms: 1 }], { threads: 2 })).toEqual([1, 1]);
  }, 20000);

  it('whenNativeTasksEnd resolves only after the task in flight has ended (before process.exit)', async () => {
    const marker = join(markers, 'exit.txt');
    const running = runOnWorker(nativeFixture, 'runToEnd', { ms: 1500, marker }, 0);
    await started(marker);
    await whenNativeTasksEnd();
    expect(existsSync(marker)).toBe(true);
    expect(await running).toBe(1500);
  }, 20000);

  it('closeWorkerPools lets a native task end before it terminates the worker', async () => {
    const marker = join(markers, 'close.txt');
    const running = runOnWorker(nativeFixture, 'runToEnd', { ms: 1500, marker }, 0);
    await started(marker);
    await closeWorkerPools();
    expect(existsSync(marker)).toBe(true);
    expect(await running).toBe(1500);
  }, 20000);
});

describe('workerStream', () => {
  it('takes inputs posted at once, before the worker has started, in the order sent; keeps its state between them', async () => {
    const stream = workerStream<{ value?: number; end?: boolean }, number[] | undefined>(fixture, 'collect', 3);
    const sent = Array.from({ length: 50 }, (_, i) => stream.send({ value: i }));
    expect(stream.inFlight).toBe(50);
    const all = await stream.send({ value: 50, end: true });
    expect(all).toEqual(Array.from({ length: 51 }, (_, i) => i));
    expect(await Promise.all(sent)).toEqual(sent.map(() => undefined));
    expect(stream.inFlight).toBe(0);
    // the same warm worker for the same lane, a fresh state after the end
    expect(workerStream(fixture, 'collect', 3)).toBe(stream);
    expect(await stream.send({ value: 7, end: true })).toEqual([7]);
  });

  it('a failing input rejects its own answer only; a terminated stream rejects what is sent after', async () => {
    const stream = workerStream<{ value?: number; end?: boolean }, number[] | undefined>(fixture, 'collect', 4);
    const bad = stream.send({ value: -1 });
    const good = stream.send({ value: 2, end: true });
    await expect(bad).rejects.toThrow('negative value -1');
    expect(await good).toEqual([2]);
    await stream.terminate();
    await expect(stream.send({ value: 1 })).rejects.toThrow();
    // the lane starts a fresh worker
    expect(await workerStream<{ value?: number; end?: boolean }, number[] | undefined>(fixture, 'collect', 4).send({ value: 5, end: true })).toEqual([5]);
  });
});

/** Resolves when the fixture task writing `marker` has started (it writes MARKER.started first). */
async function started(marker: string): Promise<void> {
  while (!existsSync(`${marker}.started`)) await new Promise((r) => setTimeout(r, 10));
}
