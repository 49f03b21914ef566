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
