// The running per-pixel sum of 16-bit planes in WebAssembly SIMD (simdKernels.ts): each
// sample is widened to 32 bits as it is loaded and added to a 32-bit accumulator, 4 pixels
// per instruction, so a mean or sum projection runs near memory bandwidth instead of a
// JavaScript float64 loop (about 2.5x the time of a max projection in a fresh process).
// 32-bit sums are exact for 65536 planes of uint16 (32767 of int16); before that many the
// accumulator is added into float64 and restarted. Other types are summed in JavaScript.
import { dtypeOf, type DType, type PlaneData } from './movie.ts';
import { compileKernels, MAX_SIMD_BYTES, vectorBytes, viewOf, type Kernel } from './simdKernels.ts';

const I32X4_ADD = 0xae;
/** Planes a 32-bit accumulator holds without overflow: 65535 x 65536 < 2^32; 32768 x 32767 < 2^31. */
const PLANES_PER_FLUSH: Partial<Record<DType, number>> = { uint16: 65536, int16: 32767 };

let compiled: ReturnType<typeof compileKernels> | undefined;
const kernels = () =>
  (compiled ??= compileKernels([
    { name: 'sum_uint16', op: I32X4_ADD, load: 'u16x4' },
    { name: 'sum_int16', op: I32X4_ADD, load: 's16x4' },
  ]));

/**
 * The per-pixel sum of planes of one type and size, in float64. Pass intake() as the `into`
 * of Movie.plane: the reader then fills the kernel's input directly.
 */
export class PlaneSums {
  private readonly kernel: Kernel | undefined;
  /** 32-bit partial sums (SIMD), and their total so far in float64. */
  private readonly partial: Uint32Array | Int32Array | undefined;
  private readonly total: Float64Array;
  private readonly input: PlaneData | undefined;
  private readonly accBytes: number;
  private readonly inputOffset: number;
  private sincePartial = 0;
  private count = 0;

  constructor(
    readonly dtype: DType,
    readonly length: number,
  ) {
    this.total = new Float64Array(length);
    this.accBytes = vectorBytes(4 * length);
    this.inputOffset = this.accBytes;
    const limit = PLANES_PER_FLUSH[dtype];
    const compiled = limit && this.accBytes <= MAX_SIMD_BYTES ? kernels() : null;
    if (compiled) {
      // the kernel reads 8 bytes per 16 of accumulator: the input region ends half an accumulator on
      const { memory, kernels: fns } = compiled.instantiate(this.accBytes + this.accBytes / 2);
      this.kernel = fns[`sum_${dtype}`];
      this.partial = dtype === 'uint16' ? new Uint32Array(memory, 0, length) : new Int32Array(memory, 0, length);
      this.input = viewOf(dtype, memory, this.inputOffset, length);
    }
  }

  /** True when the SIMD kernel adds (false: a JavaScript loop does). */
  get simd(): boolean {
    return this.kernel !== undefined;
  }

  /** Planes added so far. */
  get planes(): number {
    return this.count;
  }

  /** The buffer the next plane should be read into (undefined: any buffer will do). */
  intake(): PlaneData | undefined {
    return this.input;
  }

  /** Adds one plane (intake() itself, or any plane of this type and length, which is copied for the kernel). */
  add(plane: PlaneData): void {
    if (plane.length !== this.length || dtypeOf(plane) !== this.dtype) {
      throw new RangeError(`plane is ${plane.length} ${dtypeOf(plane)} pixels, the sum ${this.length} ${this.dtype}`);
    }
    this.count++;
    if (!this.kernel || !this.input) {
      sumInto(this.total, plane);
      return;
    }
    if (this.sincePartial === PLANES_PER_FLUSH[this.dtype]) this.flush();
    if (plane !== this.input) this.input.set(plane as never);
    this.kernel(0, this.inputOffset, this.accBytes);
    this.sincePartial++;
  }

  /** The sums so far (a fresh array). */
  result(): Float64Array {
    this.flush();
    return this.total.slice();
  }

  private flush(): void {
    if (!this.partial || this.sincePartial === 0) return;
    const { partial, total } = this;
    for (let i = 0; i < total.length; i++) total[i] += partial[i];
    partial.fill(0);
    this.sincePartial = 0;
  }
}

function sumInto(acc: Float64Array, plane: PlaneData): void {
  for (let i = 0; i < acc.length; i++) acc[i] += plane[i];
}
