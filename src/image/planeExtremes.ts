// Running per-pixel maximum or minimum of a stream of planes, in WebAssembly SIMD: one
// instruction compares 16 bytes (8 uint16 pixels), so a max projection runs at memory
// bandwidth instead of the 2-5 ns per pixel of a JavaScript loop in a fresh process.
// The planes are read straight into the module's memory (intake()), so nothing is copied.
// The kernel is a few hand-assembled instructions (no toolchain, no package): one loop per
// (operation, sample type) over 16-byte vectors. Float planes use pmax/pmin, which are
// exactly JavaScript's `v > a ? v : a` / `v < a ? v : a` (a NaN in a later plane is skipped).
import { BYTES_PER_SAMPLE, dtypeOf, type DType, type PlaneData } from './movie.ts';

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
const DTYPES = Object.keys(OPCODES) as DType[];

/** The export name of a kernel. */
const kernelName = (kind: ExtremeKind, dtype: DType) => `${kind}_${dtype}`;

/** Unsigned LEB128, as WebAssembly encodes sizes, counts and opcodes. */
function leb(value: number): number[] {
  const out: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value) byte |= 0x80;
    out.push(byte);
  } while (value);
  return out;
}

const section = (id: number, body: number[]) => [id, ...leb(body.length), ...body];
const vec = (items: number[][]) => [...leb(items.length), ...items.flat()];
const name = (text: string) => [...leb(text.length), ...[...text].map((ch) => ch.charCodeAt(0))];

/**
 * fold(acc, src, bytes): acc[i] = op(acc[i], src[i]) over 16-byte vectors, both regions in
 * the imported memory, `bytes` a multiple of 16.
 */
function foldBody(simdOp: number): number[] {
  const V128_LOAD = [0xfd, 0x00, 0x04, 0x00]; // align 2^4, offset 0
  const V128_STORE = [0xfd, 0x0b, 0x04, 0x00];
  const advance = (local: number) => [0x20, local, 0x41, 0x10, 0x6a, 0x21, local]; // local += 16
  const code = [
    0x01, 0x01, 0x7f, // one extra local (3: the end address)
    0x20, 0x00, 0x20, 0x02, 0x6a, 0x21, 0x03, // end = acc + bytes
    0x02, 0x40, 0x03, 0x40, // block, loop
    0x20, 0x00, 0x20, 0x03, 0x4f, 0x0d, 0x01, // if acc >= end: break
    0x20, 0x00, // address of the store
    0x20, 0x00, ...V128_LOAD, 0x20, 0x01, ...V128_LOAD,
    0xfd, ...leb(simdOp),
    ...V128_STORE,
    ...advance(0), ...advance(1),
    0x0c, 0x00, // continue
    0x0b, 0x0b, 0x0b, // end loop, block, function
  ];
  return [...leb(code.length), ...code];
}

function moduleBytes(): Uint8Array {
  const kernels = DTYPES.flatMap((dtype) => (['max', 'min'] as const).map((kind, i) => ({ name: kernelName(kind, dtype), op: OPCODES[dtype][i] })));
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([[0x60, 0x03, 0x7f, 0x7f, 0x7f, 0x00]])), // (i32, i32, i32) -> ()
    ...section(2, vec([[...name('env'), ...name('mem'), 0x02, 0x00, 0x01]])), // memory, min 1 page
    ...section(3, vec(kernels.map(() => [0x00]))),
    ...section(7, vec(kernels.map((k, i) => [...name(k.name), 0x00, ...leb(i)]))),
    ...section(10, vec(kernels.map((k) => foldBody(k.op)))),
  ];
  return Uint8Array.from(bytes);
}

/** The part of the WebAssembly API used here (the project's TypeScript libs do not declare it). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number }) => { buffer: ArrayBuffer };
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

let compiled: object | null | undefined;

/** The compiled kernels (about 0.1 ms), or null where WebAssembly SIMD is unavailable. */
function kernelModule(): object | null {
  if (compiled === undefined) {
    try {
      compiled = new wasm.Module(moduleBytes());
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

const PAGE_BYTES = 65536;
/** Larger planes (over 1 GiB each) fold in JavaScript: two of them would not fit a 32-bit memory. */
const MAX_SIMD_PLANE_BYTES = 2 ** 30;

function viewOf(dtype: DType, buffer: ArrayBuffer, byteOffset: number, length: number): PlaneData {
  switch (dtype) {
    case 'uint8': return new Uint8Array(buffer, byteOffset, length);
    case 'int8': return new Int8Array(buffer, byteOffset, length);
    case 'uint16': return new Uint16Array(buffer, byteOffset, length);
    case 'int16': return new Int16Array(buffer, byteOffset, length);
    case 'uint32': return new Uint32Array(buffer, byteOffset, length);
    case 'int32': return new Int32Array(buffer, byteOffset, length);
    case 'float32': return new Float32Array(buffer, byteOffset, length);
    case 'float64': return new Float64Array(buffer, byteOffset, length);
  }
}

/**
 * The running maximum (or minimum) of planes of one type and size. The first plane is
 * copied; each later one is folded in. Pass intake() as the `into` of Movie.plane: the
 * reader then fills the kernel's input directly and add() folds it without a copy.
 */
export class PlaneExtremes {
  private readonly fold: ((acc: number, src: number, bytes: number) => void) | undefined;
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
    const padded = Math.ceil(bytes / 16) * 16;
    this.foldBytes = padded;
    const module = padded <= MAX_SIMD_PLANE_BYTES ? kernelModule() : null;
    if (module) {
      const memory = new wasm.Memory({ initial: Math.max(1, Math.ceil((2 * padded) / PAGE_BYTES)) });
      const instance = new wasm.Instance(module, { env: { mem: memory } });
      this.fold = instance.exports[kernelName(kind, dtype)] as (acc: number, src: number, bytes: number) => void;
      this.acc = viewOf(dtype, memory.buffer, 0, length);
      this.input = viewOf(dtype, memory.buffer, padded, length);
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
