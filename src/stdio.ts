// Output without Node's stdout stream where none was made: process.stdout is a stream object
// made on first use, which loads node:stream (and node:net when stdout is a pipe): 4-7 ms of
// CPU of a ~220 ms `cellpilot tool` command. bin/cellpilot.js records which of the two
// streams the process made; without that record (run from src/cli.ts) every stream counts
// as made, and output goes through process.stdout as before.
import { writeSync } from 'node:fs';

type StdioName = 'stdout' | 'stderr';

const made = (globalThis as Record<symbol, unknown>)[Symbol.for('cellpilot.stdioMade')] as Set<StdioName> | undefined;

/** Whether process[name] was made (or cannot be known): only then can it hold output not yet written. */
export function stdioStreamMade(name: StdioName): boolean {
  return made === undefined || made.has(name);
}

/**
 * Writes `text` to stdout: through process.stdout once it exists (keeps the order of what it
 * holds), else straight to fd 1. A non-blocking pipe that is full (EAGAIN) takes the rest
 * through process.stdout, which waits for it; a reader gone (EPIPE) ends the output, as it
 * does for process.stdout.
 */
export function writeStdout(text: string): void {
  if (stdioStreamMade('stdout')) {
    process.stdout.write(text);
    return;
  }
  const bytes = Buffer.from(text);
  let offset = 0;
  try {
    while (offset < bytes.length) offset += writeSync(1, bytes, offset);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EAGAIN') process.stdout.write(bytes.subarray(offset));
    else if (code !== 'EPIPE') throw err;
  }
}
