// The running per-pixel maximum or minimum of a stream of planes, in WebAssembly SIMD
// (simdKernels.ts): one instruction compares 16 bytes (8 uint16 pixels), so a max
// projection runs at memory bandwidth instead of the 2-5 ns per pixel of a JavaScript loop
// in a fresh process. The planes are read straight into the kernel's memory (intake()), so
// nothing is copied. Float planes use pmax/pmin, which are exactly JavaScript's
// `v > a ? v : a` / `v < a ? v : a` (a NaN in a later plane is skipped).
import { BYTES_PER_SAMPLE, dtypeOf, type DType, type PlaneData } from './movie.ts';
import { compileKernels, MAX_SIMD_BYTES, vectorBytes, viewOf, type Kernel } from './simdKernels.ts';

export type ExtremeKind = 'max' | 'min';

/** SIMD opcodes (after the 0xfd prefix) of [max, min] per sample type. */
const OPCODES: Record<DType, [number, number]> = {
  int8: [0x78, 0x76],
  uint8: [0x79, 0x77],
  int16: [0x98, 0x96],
  uint16: [0x99, 0x97],
  int32: [0xb8, 0xb6],
  uint32: [0xb9, 0xb7],
  float32: [0xeb, 0xea], // f32x4.pmax, pmin
  float64: [0xf7, 0xf6], // f64x2.pmax, pmin
};

/** The export name of a kernel. */
const kernelName = (kind: ExtremeKind, dtype: DType) => `${kind}_${dtype}`;

const compiled = new Map<string, ReturnType<typeof compileKernels>>();

/**
 * The module of one kernel, compiled on first use: a command folds one kind of plane, and
 * assembling all sixteen kernels ran cold in every process (~3-5 ms of CPU in profiles of
 * `tool project`).
 */
function kernels(kind: ExtremeKind, dtype: DType): ReturnType<typeof compileKernels> {
  const name = kernelName(kind, dtype);
  let k = compiled.get(name);
  if (k === undefined) {
    k = compileKernels([{ name, op: OPCODES[dtype][kind === 'max' ? 0 : 1], load: 'v128' }]);
    compiled.set(name, k);
  }
  return k;
}

/**
 * The running maximum (or minimum) of planes of one type and size. The first plane is
 * copied; each later one is folded in. Pass intake() as the `into` of Movie.plane: the
 * reader then fills the kernel's input directly and add() folds it without a copy.
 */
export class PlaneExtremes {
  private readonly fold: Kernel | undefined;
  private readonly acc: PlaneData;
  private readonly input: PlaneData;
  private readonly foldBytes: number;
  private count = 0;

  constructor(
    readonly kind: ExtremeKind,
    readonly dtype: DType,
    readonly length: number,
  ) {
    const bytes = length * BYTES_PER_SAMPLE[dtype];
    const padded = vectorBytes(bytes);
    this.foldBytes = padded;
    const compiled = padded <= MAX_SIMD_BYTES ? kernels(kind, dtype) : null;
    if (compiled) {
      const { memory, kernels: fns } = compiled.instantiate(2 * padded);
      this.fold = fns[kernelName(kind, dtype)];
      this.acc = viewOf(dtype, memory, 0, length);
      this.input = viewOf(dtype, memory, padded, length);
    } else {
      this.acc = viewOf(dtype, new ArrayBuffer(bytes), 0, length);
      this.input = viewOf(dtype, new ArrayBuffer(bytes), 0, length);
    }
  }

  /** True when the SIMD kernel folds (false: a JavaScript loop does). */
  get simd(): boolean {
    return this.fold !== undefined;
  }

  /** Planes folded so far. */
  get planes(): number {
    return this.count;
  }

  /** The buffer the next plane should be read into (valid until the next add()). */
  intake(): PlaneData {
    return this.input;
  }

  /** Folds one plane in (intake() itself, or any plane of this type and length, which is copied). */
  add(plane: PlaneData): void {
    if (plane.length !== this.length || dtypeOf(plane) !== this.dtype) {
      throw new RangeError(`plane is ${plane.length} ${dtypeOf(plane)} pixels, the ${this.kind} projection ${this.length} ${this.dtype}`);
    }
    if (this.count++ === 0) {
      this.acc.set(plane as never);
      return;
    }
    if (!this.fold) {
      if (this.kind === 'max') maxLoop(this.acc, plane);
      else minLoop(this.acc, plane);
      return;
    }
    if (plane !== this.input) this.input.set(plane as never);
    this.fold(0, this.foldBytes, this.foldBytes);
  }

  /** The extreme so far, in a fresh array of the planes' type (undefined before the first plane). */
  result(): PlaneData | undefined {
    return this.count > 0 ? this.acc.slice() : undefined;
  }
}

function maxLoop(acc: PlaneData, plane: PlaneData): void {
  for (let i = 0; i < acc.length; i++) {
    const v = plane[i];
    const a = acc[i];
    acc[i] = v > a ? v : a;
  }
}

function minLoop(acc: PlaneData, plane: PlaneData): void {
  for (let i = 0; i < acc.length; i++) {
    const v = plane[i];
    const a = acc[i];
    acc[i] = v < a ? v : a;
  }
}
