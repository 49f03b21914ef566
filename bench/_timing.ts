// Shared timing helpers for the benchmarks (not a benchmark itself: bench/index.ts skips
// files whose name starts with "_").

/** Runs `work` once to warm up, then `repeats` times; returns the median wall time in ms. */
export function medianMs(repeats: number, work: () => void): number {
  work();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}
