export async function sumSquares(input: { values: number[] }): Promise<{ sum: number; squares: Float64Array }> {
  const squares = Float64Array.from(input.values, (v) => v * v);
  return { sum: squares.reduce((a, b) => a + b, 0), squares };
}
export async function explode(): Promise<never> {
  throw new Error('boom in worker');
}
