// Order statistics of plain number lists, as the tracking and repair rules read them.

/** The element at floor(p · (n − 1)) of the sorted values (no interpolation: the lower of two middles); NaN when empty. */
export function lowerQuantile(values: ArrayLike<number>, p: number): number {
  if (!values.length) return NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.floor(p * (sorted.length - 1))];
}

/** The lower median: lowerQuantile at 0.5. */
export function lowerMedian(values: ArrayLike<number>): number {
  return lowerQuantile(values, 0.5);
}
