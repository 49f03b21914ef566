export async function sumSquares(input: { values: number[] }): Promise<{ sum: number; squares: Float64Array }> {
  const squares = Float64Array.from(input.values, (v) => v * v);
  return { sum: squares.reduce((a, b) => a + b, 0), squares };
}
export async function explode(): Promise<never> {
  throw new Error('boom in worker');
}
/** Busy for `ms` milliseconds (a stand-in for a heavy plane), then returns `ms`. */
export async function spin(input: { ms: number }): Promise<number> {
  const end = Date.now() + input.ms;
  while (Date.now() < end) {
    // burn CPU without yielding, as a kernel does
  }
  return input.ms;
}
let lastOutput: Float64Array | undefined;
/** Returns a typed array and whether the one it returned last time was detached (transferred away) in this worker. */
export async function keepLast(input: { n: number }): Promise<{ values: Float64Array; lastDetached: boolean }> {
  const lastDetached = lastOutput !== undefined && lastOutput.buffer.byteLength === 0;
  lastOutput = new Float64Array(input.n).fill(input.n);
  return { values: lastOutput, lastDetached };
}
let received: number[] = [];
/** Keeps every value it is sent; `end` answers with all of them in the order they came (and starts afresh); a negative value fails. */
export async function collect(input: { value?: number; end?: boolean }): Promise<number[] | undefined> {
  if (input.value !== undefined && input.value < 0) throw new Error(`negative value ${input.value}`);
  if (input.value !== undefined) received.push(input.value);
  if (!input.end) return undefined;
  const all = received;
  received = [];
  return all;
}
