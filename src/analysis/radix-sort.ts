// Float32 and float64 values sorted by their bits (least-significant-digit radix sort, 11-bit digits): the same order
// as the typed arrays' own sort (-0 before +0, NaN last), in linear time. The parameter choice sorts a sample of every
// smoothed plane it measures (object-size.ts sortedSample) and the tiles of every background surface (seg-background.ts),
// tens per segment call: V8's typed array sort there was a third of the choice's time. NaN (of either sign, any
// payload) comes out last as the canonical NaN.

const BITS = 11;
const BUCKETS = 1 << BITS;
const MASK = BUCKETS - 1;

/** Sorts `values` in place (ascending, as Float32Array.prototype.sort) and returns it. */
export function radixSortFloat32(values: Float32Array): Float32Array {
  const n = values.length;
  if (n < 64) return values.sort();
  // Keys that order as unsigned integers: negative floats have every bit flipped, others only the sign bit.
  const keys = new Uint32Array(values.buffer, values.byteOffset, n).slice();
  for (let i = 0; i < n; i++) {
    const k = keys[i];
    // (NaN of either sign last, as the typed array sort puts it)
    keys[i] = (k & 0x7fffffff) > 0x7f800000 ? 0xffffffff : k & 0x80000000 ? ~k >>> 0 : (k | 0x80000000) >>> 0;
  }
  let src = keys;
  let dst = new Uint32Array(n);
  const counts = new Uint32Array(BUCKETS);
  for (let shift = 0; shift < 32; shift += BITS) {
    digitOffsets(src, shift, counts);
    for (let i = 0; i < n; i++) {
      const k = src[i];
      dst[counts[(k >>> shift) & MASK]++] = k;
    }
    [src, dst] = [dst, src];
  }
  const out = new Uint32Array(values.buffer, values.byteOffset, n);
  for (let i = 0; i < n; i++) {
    const k = src[i];
    out[i] = k === 0xffffffff ? 0x7fc00000 : k & 0x80000000 ? (k & 0x7fffffff) >>> 0 : ~k >>> 0;
  }
  return values;
}

/** Sorts `values` in place (ascending, as Float64Array.prototype.sort) and returns it. */
export function radixSortFloat64(values: Float64Array): Float64Array {
  const n = values.length;
  if (n < 64) return values.sort();
  // Each value as two 32-bit words (little-endian: low word first), flipped as in radixSortFloat32 so that the
  // (high, low) pairs order as unsigned 64-bit integers.
  const words = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
  let hi = new Uint32Array(n);
  let lo = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const h = words[2 * i + 1];
    const l = words[2 * i];
    if ((h & 0x7fffffff) > 0x7ff00000 || ((h & 0x7fffffff) === 0x7ff00000 && l !== 0)) (hi[i] = 0xffffffff), (lo[i] = 0xffffffff);
    else if (h & 0x80000000) (hi[i] = ~h >>> 0), (lo[i] = ~l >>> 0);
    else (hi[i] = (h | 0x80000000) >>> 0), (lo[i] = l);
  }
  let hiDst = new Uint32Array(n);
  let loDst = new Uint32Array(n);
  const counts = new Uint32Array(BUCKETS);
  // digits: bits 0-10, 11-21, 22-31 of the low word, then the same of the high word
  for (const [word, shift] of [[0, 0], [0, 11], [0, 22], [1, 0], [1, 11], [1, 22]] as const) {
    const key = word ? hi : lo;
    digitOffsets(key, shift, counts);
    for (let i = 0; i < n; i++) {
      const j = counts[(key[i] >>> shift) & MASK]++;
      hiDst[j] = hi[i];
      loDst[j] = lo[i];
    }
    [hi, hiDst] = [hiDst, hi];
    [lo, loDst] = [loDst, lo];
  }
  for (let i = 0; i < n; i++) {
    const h = hi[i];
    const l = lo[i];
    if (h === 0xffffffff && l === 0xffffffff) (words[2 * i + 1] = 0x7ff80000), (words[2 * i] = 0);
    else if (h & 0x80000000) (words[2 * i + 1] = (h & 0x7fffffff) >>> 0), (words[2 * i] = l);
    else (words[2 * i + 1] = ~h >>> 0), (words[2 * i] = ~l >>> 0);
  }
  return values;
}

/** The first output index of each digit of `keys` at `shift` (the digits' counts, as an exclusive prefix sum), into `counts`. */
function digitOffsets(keys: Uint32Array, shift: number, counts: Uint32Array): void {
  counts.fill(0);
  for (let i = 0; i < keys.length; i++) counts[(keys[i] >>> shift) & MASK]++;
  let sum = 0;
  for (let b = 0; b < BUCKETS; b++) {
    const c = counts[b];
    counts[b] = sum;
    sum += c;
  }
}
