// Stands in for a task module that runs native code (an onnxruntime session): the pool must
// never terminate its workers mid-task. The "native" call here blocks the worker's thread without
// yielding (Atomics.wait, which a worker's terminate() cuts short as it cuts a JS loop, without
// burning a core for the 1.5 s the tests ask) and writes a marker file when it has run to its end,
// so a test can tell it was not cut short.
import { writeFileSync } from 'node:fs';

const blocked = new Int32Array(new SharedArrayBuffer(4));

export const nativeTasks = true;

/** Writes `marker`.started, blocks for `ms` milliseconds without yielding, then writes `marker` (when given) and returns `ms`. */
export async function runToEnd(input: { ms: number; marker?: string }): Promise<number> {
  if (input.marker) writeFileSync(`${input.marker}.started`, '');
  const end = Date.now() + input.ms;
  for (let left = input.ms; left > 0; left = end - Date.now()) {
    // a native call cannot be interrupted either: no message, timer or promise runs on this thread meanwhile
    Atomics.wait(blocked, 0, 0, left);
  }
  if (input.marker) writeFileSync(input.marker, 'ran to its end');
  return input.ms;
}
