// Stands in for a task module that runs native code (an onnxruntime session): the pool must
// never terminate its workers mid-task. The "native" call here is a JS busy loop that writes
// a marker file when it has run to its end, so a test can tell it was not cut short.
import { writeFileSync } from 'node:fs';

export const nativeTasks = true;

/** Writes `marker`.started, is busy for `ms` milliseconds without yielding, then writes `marker` (when given) and returns `ms`. */
export async function runToEnd(input: { ms: number; marker?: string }): Promise<number> {
  if (input.marker) writeFileSync(`${input.marker}.started`, '');
  const end = Date.now() + input.ms;
  while (Date.now() < end) {
    // a native call cannot be interrupted either
  }
  if (input.marker) writeFileSync(input.marker, 'ran to its end');
  return input.ms;
}
