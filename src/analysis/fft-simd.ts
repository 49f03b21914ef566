// PFFFT (Pommier's SIMD FFT, compiled to WebAssembly with 128-bit SIMD: @echogarden/pffft-wasm)
// for the transforms drift estimation runs per frame: 4-8x fft.js on 512-point rows, in
// single precision (as scikit-image's phase_cross_correlation on float32 frames).
// The module loads asynchronously, once per thread: async entry points await `loadSimdFft()`
// and the synchronous transforms use it when it is there (fft.ts falls back to fft.js).

import { gatherKernel, pairMoves, type PairMoves } from './fftKernels.ts';

/** Imported by a variable name: the package ships no types, and bundlers leave it to load from node_modules. */
const PACKAGE = '@echogarden/pffft-wasm/simd';

interface PffftModule {
  HEAPF32: Float32Array;
  _pffft_new_setup(size: number, kind: number): number;
  _pffft_transform(setup: number, input: number, output: number, work: number, direction: number): void;
  _pffft_transform_ordered(setup: number, input: number, output: number, work: number, direction: number): void;
  _pffft_zconvolve_accumulate(setup: number, a: number, b: number, ab: number, scaling: number): void;
  _pffft_aligned_malloc(bytes: number): number;
}

export const FORWARD = 0;
export const BACKWARD = 1;
const REAL = 0;
const COMPLEX = 1;

/** The loaded module: transforms by pointer into its heap (`heap()`, re-read after every allocation). */
export class SimdFft {
  private readonly setups = new Map<string, number>();
  constructor(
    private readonly module: PffftModule,
    /** The module's WebAssembly.Memory, where it could be taken (kernels of our own instantiate on it). */
    readonly memory?: object,
  ) {}

  /** A float view of the module's memory (a new one after the memory grew). */
  heap(): Float32Array {
    return this.module.HEAPF32;
  }

  private pairView?: Float64Array;
  /** The same memory as 8-byte words (a complex float pair each; index = float offset / 2 for even offsets), to move values in pairs. */
  pairs(): Float64Array {
    const buffer = this.module.HEAPF32.buffer;
    if (this.pairView?.buffer !== buffer) this.pairView = new Float64Array(buffer, 0, buffer.byteLength >> 3);
    return this.pairView;
  }

  /** A 16-byte aligned block of `floats` floats; its offset in heap() floats. Never freed (plans are cached per size). */
  allocate(floats: number): number {
    const pointer = this.module._pffft_aligned_malloc(4 * floats);
    if (!pointer) throw new Error(`PFFFT could not allocate ${floats} floats`);
    return pointer >> 2;
  }

  /** Setup for a real (`real` true) or complex transform of `size` points, or 0 when PFFFT does not take that size. */
  setup(size: number, real: boolean): number {
    const key = `${size}:${real}`;
    let s = this.setups.get(key);
    if (s === undefined) {
      // PFFFT takes sizes 2^a 3^b 5^c that are multiples of 32 (real) or 16 (complex)
      s = size % (real ? 32 : 16) === 0 && isSmooth(size) ? this.module._pffft_new_setup(size, real ? REAL : COMPLEX) : 0;
      this.setups.set(key, s);
    }
    return s;
  }

  /** In-place ordered transform (interleaved complex; real: [F0, F(n/2), re1, im1, ...]); offsets in floats. Unscaled. */
  ordered(setup: number, at: number, work: number, direction: number): void {
    this.module._pffft_transform_ordered(setup, 4 * at, 4 * at, 4 * work, direction);
  }

  /** In-place transform in PFFFT's internal frequency order (for convolutions); unscaled. */
  unordered(setup: number, at: number, work: number, direction: number): void {
    this.module._pffft_transform(setup, 4 * at, 4 * at, 4 * work, direction);
  }

  /** ab += a * b * scaling, on spectra in the internal order. */
  convolveAccumulate(setup: number, a: number, b: number, ab: number, scaling: number): void {
    this.module._pffft_zconvolve_accumulate(setup, 4 * a, 4 * b, 4 * ab, scaling);
  }
}

function isSmooth(n: number): boolean {
  for (const p of [2, 3, 5]) while (n % p === 0) n /= p;
  return n === 1;
}

let loaded: SimdFft | undefined;
let loading: Promise<SimdFft | undefined> | undefined;

/** The SIMD FFT of this thread once loadSimdFft() has finished; undefined before (or where WebAssembly SIMD is missing). */
export function simdFft(): SimdFft | undefined {
  return loaded;
}

/** Loads PFFFT in this thread (once); resolves to undefined where it cannot run, so callers use fft.js instead. */
export function loadSimdFft(): Promise<SimdFft | undefined> {
  loading ??= (async () => {
    try {
      const factory = (await import(PACKAGE)).default as (options: object) => Promise<PffftModule>;
      // PFFFT's WebAssembly memory, for kernels of our own that work in it (fftKernels.ts): the glue keeps it to
      // itself, so it is taken from the instance as the glue instantiates it
      const api = (globalThis as unknown as { WebAssembly: { instantiate: (...args: unknown[]) => Promise<unknown>; Memory: new (d: { initial: number }) => object } }).WebAssembly;
      const instantiate = api.instantiate;
      const memories: object[] = [];
      api.instantiate = function (this: unknown, ...args: unknown[]) {
        return instantiate.apply(this, args).then((result) => {
          const instance = (result as { instance?: { exports: Record<string, unknown> } }).instance ?? (result as { exports: Record<string, unknown> });
          for (const value of Object.values(instance.exports ?? {})) if (value instanceof api.Memory) memories.push(value);
          return result;
        });
      };
      let module: PffftModule;
      try {
        module = await factory({});
      } finally {
        api.instantiate = instantiate;
      }
      // the memory whose buffer is the module's heap (none when the glue instantiated it otherwise)
      const memory = memories.find((m) => (m as { buffer: ArrayBuffer }).buffer === module.HEAPF32.buffer);
      loaded = new SimdFft(module, memory);
      return loaded;
    } catch {
      return undefined;
    }
  })();
  return loading;
}

const plans2d = new Map<string, RealFft2d | null>();
/** Rows (or columns) per tile of the transposes: the tile's lines stay in the cache. */
const TILE = 16;

/** The 2-D real transform of ny x nx planes in this thread, or undefined where PFFFT is not loaded or does not take the sizes. */
export function realFft2d(ny: number, nx: number): RealFft2d | undefined {
  const simd = loaded;
  if (!simd) return undefined;
  const key = `${ny}x${nx}`;
  let plan = plans2d.get(key);
  if (plan === undefined) {
    const rowSetup = simd.setup(nx, true);
    const columnSetup = simd.setup(ny, false);
    plan = rowSetup && columnSetup ? new RealFft2d(simd, ny, nx, rowSetup, columnSetup) : null;
    plans2d.set(key, plan);
  }
  return plan ?? undefined;
}

/**
 * 2-D transform of a real ny x nx plane to its half spectrum (numpy.fft.rfft2 layout: ny rows of nx/2 + 1
 * interleaved complex values) and back, in single precision: rows by PFFFT's real transform, columns by its
 * complex one on a transposed copy, all in one preallocated block of the module's memory.
 */
export class RealFft2d {
  readonly halfWidth: number;
  private readonly rows: number;
  private readonly columns: number;
  private readonly work: number;

  constructor(
    private readonly simd: SimdFft,
    readonly height: number,
    readonly width: number,
    private readonly rowSetup: number,
    private readonly columnSetup: number,
  ) {
    this.halfWidth = width / 2 + 1;
    this.rows = simd.allocate(height * width);
    this.columns = simd.allocate(2 * this.halfWidth * height);
    this.work = simd.allocate(2 * Math.max(width, height));
    this.moves = pairMoves(simd.memory, height, width);
  }

  /** The moves between the passes in WebAssembly (fftKernels.ts), where PFFFT's memory is reachable; else the loops here. */
  private readonly moves: PairMoves | undefined;

  /** The half spectrum of `plane` into `out` (2 * height * halfWidth floats); returns sum |F|^2 over the full spectrum. */
  forward(plane: ArrayLike<number>, out: Float32Array): number {
    const { simd, height: ny, width: nx, halfWidth: hc, columns } = this;
    this.transformForward(plane);
    const heap = simd.heap();
    const nyquist = nx / 2;
    let energy = 0;
    for (let k0 = 0; k0 < hc; k0 += TILE) {
      const k1 = Math.min(hc, k0 + TILE);
      for (let y = 0; y < ny; y++) {
        for (let k = k0; k < k1; k++) {
          const from = columns + 2 * (k * ny + y);
          const re = heap[from];
          const im = heap[from + 1];
          out[2 * (y * hc + k)] = re;
          out[2 * (y * hc + k) + 1] = im;
          // columns other than DC and Nyquist stand for themselves and their mirrored twin
          energy += (k === 0 || k === nyquist ? 1 : 2) * (re * re + im * im);
        }
      }
    }
    return energy;
  }

  /**
   * As forward, with the half spectrum in column order, as the column transforms leave it: value (y, k) at
   * out[2 * (k * height + y)], the same bits, with no transpose back (cross-power spectra are taken value by
   * value, so they keep that order and inverseColumnsUnscaled takes them as they are). Returns sum |F|^2 over the
   * full spectrum (summed column by column: the same up to the rounding of the sum's order).
   */
  forwardColumns(plane: ArrayLike<number>, out: Float32Array): number {
    const { simd, height: ny, width: nx, halfWidth: hc, columns } = this;
    this.transformForward(plane);
    const heap = simd.heap();
    out.set(heap.subarray(columns, columns + 2 * hc * ny));
    const nyquist = nx / 2;
    let energy = 0;
    for (let k = 0; k < hc; k++) {
      let sum = 0;
      for (let i = 2 * k * ny, end = i + 2 * ny; i < end; i += 2) sum += out[i] * out[i] + out[i + 1] * out[i + 1];
      energy += (k === 0 || k === nyquist ? 1 : 2) * sum;
    }
    return energy;
  }

  /** The plane through the row transforms, then the columns: the half spectrum in column order at `columns`. */
  private transformForward(plane: ArrayLike<number>): void {
    const { simd, height: ny, width: nx, halfWidth: hc, rows, columns, work } = this;
    const heap = simd.heap();
    const pairs = simd.pairs();
    if (plane instanceof Float32Array) heap.set(plane, rows);
    else for (let i = 0; i < ny * nx; i++) heap[rows + i] = plane[i];
    for (let y = 0; y < ny; y++) simd.ordered(this.rowSetup, rows + y * nx, work, FORWARD);
    // Unpack each row ([F0, F(n/2), re1, im1, ...]) into the columns of the transposed half spectrum, in tiles of TILE rows
    const nyquist = nx / 2;
    for (let y0 = 0; y0 < ny; y0 += TILE) {
      const y1 = Math.min(ny, y0 + TILE);
      for (let y = y0; y < y1; y++) {
        const row = rows + y * nx;
        heap[columns + 2 * y] = heap[row];
        heap[columns + 2 * y + 1] = 0;
        heap[columns + 2 * (nyquist * ny + y)] = heap[row + 1];
        heap[columns + 2 * (nyquist * ny + y) + 1] = 0;
      }
      if (this.moves) continue;
      // a complex value moved as one 8-byte word (its bits unchanged: finite floats never read as a NaN)
      for (let k = 1; k < nyquist; k++) {
        const to = (columns >> 1) + k * ny;
        for (let y = y0; y < y1; y++) pairs[to + y] = pairs[((rows + y * nx) >> 1) + k];
      }
    }
    this.moves?.unpack(rows, columns);
    for (let k = 0; k < hc; k++) simd.ordered(this.columnSetup, columns + 2 * k * ny, work, FORWARD);
  }

  /**
   * The real plane whose half spectrum is `half`, times height * width (unscaled, as PFFFT): a view into the
   * module's memory, valid until the next transform of this plan.
   */
  inverseUnscaled(half: Float32Array): Float32Array {
    const { simd, height: ny, halfWidth: hc, columns } = this;
    const heap = simd.heap();
    const pairs = simd.pairs();
    // complex values moved as 8-byte words where `half` is aligned for it (a fresh or whole-buffer array)
    const halfPairs = half.byteOffset % 8 === 0 ? new Float64Array(half.buffer, half.byteOffset, half.length >> 1) : undefined;
    const c2 = columns >> 1;
    for (let k0 = 0; k0 < hc; k0 += TILE) {
      const k1 = Math.min(hc, k0 + TILE);
      for (let y = 0; y < ny; y++) {
        if (halfPairs) {
          for (let k = k0; k < k1; k++) pairs[c2 + k * ny + y] = halfPairs[y * hc + k];
          continue;
        }
        for (let k = k0; k < k1; k++) {
          heap[columns + 2 * (k * ny + y)] = half[2 * (y * hc + k)];
          heap[columns + 2 * (k * ny + y) + 1] = half[2 * (y * hc + k) + 1];
        }
      }
    }
    return this.transformBackward();
  }

  /** As inverseUnscaled, on a half spectrum in column order (forwardColumns' layout): no transpose before the columns. */
  inverseColumnsUnscaled(half: Float32Array): Float32Array {
    this.simd.heap().set(half, this.columns);
    return this.transformBackward();
  }

  /** The half spectrum in column order at `columns` back through the column transforms, then the rows. */
  private transformBackward(): Float32Array {
    const { simd, height: ny, width: nx, halfWidth: hc, rows, columns, work } = this;
    const heap = simd.heap();
    const pairs = simd.pairs();
    for (let k = 0; k < hc; k++) simd.ordered(this.columnSetup, columns + 2 * k * ny, work, BACKWARD);
    // The DC and Nyquist columns of a real plane's rows are real (their imaginary parts dropped, as irfft)
    const nyquist = nx / 2;
    for (let y0 = 0; y0 < ny; y0 += TILE) {
      const y1 = Math.min(ny, y0 + TILE);
      for (let y = y0; y < y1; y++) {
        heap[rows + y * nx] = heap[columns + 2 * y];
        heap[rows + y * nx + 1] = heap[columns + 2 * (nyquist * ny + y)];
      }
      if (this.moves) continue;
      for (let k = 1; k < nyquist; k++) {
        const from = (columns >> 1) + k * ny;
        for (let y = y0; y < y1; y++) pairs[((rows + y * nx) >> 1) + k] = pairs[from + y];
      }
    }
    this.moves?.pack(columns, rows);
    for (let y = 0; y < ny; y++) simd.ordered(this.rowSetup, rows + y * nx, work, BACKWARD);
    return heap.subarray(rows, rows + ny * nx);
  }
}

const zoomPlans = new Map<string, ZoomDft>();
const phaseTables = new Map<number, { cos: Float64Array; sin: Float64Array }>();

/** e^(i pi q / period) for q in [0, 2 period): every phase the chirp-z transform needs is such a value (exact integer indices). */
function phaseTable(period: number): { cos: Float64Array; sin: Float64Array } {
  let t = phaseTables.get(period);
  if (!t) {
    const cos = new Float64Array(2 * period);
    const sin = new Float64Array(2 * period);
    for (let q = 0; q < 2 * period; q++) {
      cos[q] = Math.cos((Math.PI * q) / period);
      sin[q] = Math.sin((Math.PI * q) / period);
    }
    t = { cos, sin };
    phaseTables.set(period, t);
  }
  return t;
}

/** The zoom transform for `length` inputs, `outputs` outputs and period `period` in this thread (PFFFT loaded). */
export function zoomDft(simd: SimdFft, period: number, length: number, outputs: number): ZoomDft {
  const key = `${period}:${length}:${outputs}`;
  let plan = zoomPlans.get(key);
  if (!plan) {
    plan = new ZoomDft(simd, period, length, outputs);
    zoomPlans.set(key, plan);
  }
  return plan;
}

/**
 * A DFT evaluated on a fine grid, by Bluestein's chirp-z transform (one FFT convolution per row instead of a
 * length x outputs matrix product): for rows g of `length` complex values,
 *   G[v] = sum_m g[m] exp(2 pi i (v - offset)(start + m) / period),  v < outputs,
 * with integer offset and start. The upsampled DFT of phase correlation is this with period n * upsampleFactor.
 */
export class ZoomDft {
  private readonly size: number;
  private readonly setup: number;
  private readonly chirpSpectrum: number;
  private readonly buffer: number;
  private readonly product: number;
  private readonly work: number;
  private readonly table: { cos: Float64Array; sin: Float64Array };
  private readonly pre: Float64Array;
  /** The chirp `pre` as float64 pairs in PFFFT's memory (float offset), for runGathered's kernel. */
  private readonly preAt: number;
  private readonly post: Float64Array;

  constructor(
    private readonly simd: SimdFft,
    readonly period: number,
    readonly length: number,
    readonly outputs: number,
  ) {
    // the linear convolution needs length + outputs - 1 points: the smallest size PFFFT takes (2^a 3^b 5^c, a
    // multiple of 16), not the next power of two (upsample 20 on 512 px: 288 and 576 points, not 512 and 1024)
    let size = 16;
    while (size < length + outputs - 1 || !isSmooth(size)) size += 16;
    this.size = size;
    this.setup = simd.setup(size, false);
    this.table = phaseTable(period);
    this.chirpSpectrum = simd.allocate(2 * size);
    this.buffer = simd.allocate(2 * size);
    this.product = simd.allocate(2 * size);
    this.work = simd.allocate(2 * size);
    this.preAt = simd.allocate(4 * length);
    this.pre = new Float64Array(2 * length);
    this.post = new Float64Array(2 * outputs);
    // d[s] = exp(-i pi s^2 / period) for s in (-length, outputs), wrapped around
    const heap = simd.heap();
    const d = this.chirpSpectrum;
    heap.fill(0, d, d + 2 * size);
    for (let s = -(length - 1); s < outputs; s++) {
      const q = this.index(-s * s);
      const at = d + 2 * ((s + size) % size);
      heap[at] = this.table.cos[q];
      heap[at + 1] = this.table.sin[q];
    }
    simd.unordered(this.setup, d, this.work, FORWARD);
  }

  private index(q: number): number {
    const p = 2 * this.period;
    return ((q % p) + p) % p;
  }

  /**
   * Transforms `rows` rows; `load(row, heap, at)` writes row's `length` interleaved complex inputs at heap[at...];
   * the outputs go to out[2 * (row * outputs + v)] (re) and the next entry (im).
   */
  run(rows: number, offset: number, start: number, load: (row: number, heap: Float32Array, at: number) => void, out: Float64Array): void {
    const { length, pre, buffer } = this;
    this.runRows(rows, offset, start, (r, heap) => {
      load(r, heap, buffer);
      for (let m = 0; m < length; m++) {
        const i = buffer + 2 * m;
        const gr = heap[i];
        const gi = heap[i + 1];
        heap[i] = gr * pre[2 * m] - gi * pre[2 * m + 1];
        heap[i + 1] = gr * pre[2 * m + 1] + gi * pre[2 * m];
      }
    }, out);
  }

  /**
   * As run, with the rows' inputs read from PFFFT's memory itself: row r's value m is the complex float pair at float
   * offset sourceAt + r * rowStep + m * valueStep (e.g. the rows of a half spectrum kept in column order). Gathered and
   * multiplied by the chirp in WebAssembly (fftKernels.ts, the same roundings) where it can run.
   */
  runGathered(rows: number, offset: number, start: number, sourceAt: number, rowStep: number, valueStep: number, out: Float64Array): void {
    const gather = gatherKernel(this.simd.memory);
    if (!gather) {
      const pairs = () => this.simd.pairs();
      return this.run(rows, offset, start, (r, _heap, at) => {
        const p = pairs();
        const from = (sourceAt + r * rowStep) >> 1;
        const step = valueStep >> 1;
        for (let m = 0, to = at >> 1; m < this.length; m++) p[to + m] = p[from + m * step];
      }, out);
    }
    const { length, buffer } = this;
    this.runRows(rows, offset, start, (r) => gather(4 * (sourceAt + r * rowStep), 4 * valueStep, 4 * buffer, 4 * this.preAt, length), out, true);
  }

  private runRows(rows: number, offset: number, start: number, prepareRow: (row: number, heap: Float32Array) => void, out: Float64Array, preInHeap = false): void {
    const { simd, size, length, outputs, pre, post, buffer, product } = this;
    const { cos, sin } = this.table;
    for (let m = 0; m < length; m++) {
      const q = this.index(m * m - 2 * offset * m);
      pre[2 * m] = cos[q];
      pre[2 * m + 1] = sin[q];
    }
    for (let v = 0; v < outputs; v++) {
      const q = this.index(v * v + 2 * (v - offset) * start);
      post[2 * v] = cos[q];
      post[2 * v + 1] = sin[q];
    }
    const heap = simd.heap();
    if (preInHeap) new Float64Array(heap.buffer, 4 * this.preAt, 2 * length).set(pre);
    const scale = 1 / size;
    for (let r = 0; r < rows; r++) {
      prepareRow(r, heap);
      heap.fill(0, buffer + 2 * length, buffer + 2 * size);
      simd.unordered(this.setup, buffer, this.work, FORWARD);
      heap.fill(0, product, product + 2 * size);
      simd.convolveAccumulate(this.setup, buffer, this.chirpSpectrum, product, scale);
      simd.unordered(this.setup, product, this.work, BACKWARD);
      const to = 2 * r * outputs;
      for (let v = 0; v < outputs; v++) {
        const hr = heap[product + 2 * v];
        const hi = heap[product + 2 * v + 1];
        out[to + 2 * v] = hr * post[2 * v] - hi * post[2 * v + 1];
        out[to + 2 * v + 1] = hr * post[2 * v + 1] + hi * post[2 * v];
      }
    }
  }
}
