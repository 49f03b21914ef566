// Hoare's quickselect: the k-th smallest of an array in linear time on average, reordering it
// partially, where sorting the whole array would cost n log n (medians of background samples,
// percentiles of model inputs).

/** Puts the k-th smallest of values[left..] at index k (smaller before, larger after) and returns it; ranks below `left` must already be in place. */
export function selectRank(values: Float32Array | Float64Array, k: number, left = 0): number {
  let l = left;
  let r = values.length - 1;
  while (r > l) {
    const pivot = values[(l + r) >> 1];
    let i = l;
    let j = r;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        const tmp = values[i];
        values[i] = values[j];
        values[j] = tmp;
        i++;
        j--;
      }
    }
    if (k <= j) r = j;
    else if (k >= i) l = i;
    else break;
  }
  return values[k];
}

/** The median of a list (the mean of the two middle values for an even count); NaN for an empty list. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The median of a plane's values, the upper of the two middle ones for an even count (the background level of a fluorescence plane), by quickselect on a copy. */
export function upperMedianOf(plane: ArrayLike<number>): number {
  const copy = Float64Array.from(plane);
  return copy.length ? selectRank(copy, copy.length >> 1) : 0;
}
