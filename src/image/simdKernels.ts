// Per-pixel loops over planes in WebAssembly SIMD, hand-assembled (no toolchain, no
// package): each kernel is one loop `acc[i] = op(acc[i], load(src[i]))` over 16-byte vectors
// of an accumulator, both regions in a memory the caller provides, so planes are read
// straight into it and nothing is copied. Used by PlaneExtremes (max/min) and PlaneSums.
import type { DType, PlaneData } from './movie.ts';
import { leb, moduleBytes, PAGE_BYTES, wasm, type WasmFunction } from './wasmModule.ts';
import { HASH_HEADER_BYTES, hashInPlace } from './xxh128.ts';

export interface KernelSpec {
  /** The export name. */
  name: string;
  /** The SIMD opcode (after 0xfd) combining the accumulator vector and the loaded one. */
  op: number;
  /** How a source vector is loaded: 'v128' (16 bytes) or 'u16x4'/'s16x4' (4 samples widened to 32 bits). */
  load: 'v128' | 'u16x4' | 's16x4';
}

/** (load opcode, memarg alignment log2, source bytes per 16 accumulator bytes) */
const LOADS: Record<KernelSpec['load'], [number, number, number]> = {
  v128: [0x00, 4, 16],
  s16x4: [0x03, 3, 8], // v128.load16x4_s
  u16x4: [0x04, 3, 8], // v128.load16x4_u
};

/** kernel(acc, src, accBytes): the loop over `accBytes` (a multiple of 16) of accumulator. */
function kernelFunction(spec: KernelSpec): WasmFunction {
  const [loadOp, align, srcStep] = LOADS[spec.load];
  const add = (local: number, step: number) => [0x20, local, 0x41, ...leb(step), 0x6a, 0x21, local]; // local += step (step < 64)
  const code = [
    // local 3: the end address
    0x20, 0x00, 0x20, 0x02, 0x6a, 0x21, 0x03, // end = acc + accBytes
    0x02, 0x40, 0x03, 0x40, // block, loop
    0x20, 0x00, 0x20, 0x03, 0x4f, 0x0d, 0x01, // if acc >= end: break
    0x20, 0x00, // address of the store
    0x20, 0x00, 0xfd, 0x00, 0x04, 0x00, // v128.load acc
    0x20, 0x01, 0xfd, loadOp, align, 0x00, // load src
    0xfd, ...leb(spec.op),
    0xfd, 0x0b, 0x04, 0x00, // v128.store
    ...add(0, 16), ...add(1, srcStep),
    0x0c, 0x00, // continue
    0x0b, 0x0b, // end loop, block
  ];
  return { name: spec.name, params: [0x7f, 0x7f, 0x7f], locals: [0x7f], code };
}

export type Kernel = (acc: number, src: number, accBytes: number) => void;

/** Accumulators larger than this (1 GiB) stay in JavaScript: with their input they would not fit a 32-bit memory. */
export const MAX_SIMD_BYTES = 2 ** 30;

/** `bytes` rounded up to whole 16-byte vectors. */
export const vectorBytes = (bytes: number) => Math.ceil(bytes / 16) * 16;

/**
 * Compiles a set of kernels once (about 0.1 ms); instantiate() then gives them a memory of
 * their own. null where WebAssembly SIMD is unavailable (the callers loop in JavaScript).
 */
export function compileKernels(kernels: KernelSpec[]): { instantiate(bytes: number): { memory: ArrayBuffer; kernels: Record<string, Kernel> } } | null {
  let module: object;
  try {
    module = new wasm.Module(moduleBytes(kernels.map(kernelFunction)));
  } catch {
    return null;
  }
  return {
    instantiate(bytes: number) {
      // after the caller's bytes, room for the content hasher's header: a plane read into
      // this memory is hashed for provenance where it lies (no copy of the movie)
      const headerAt = vectorBytes(bytes);
      const memory = new wasm.Memory({ initial: Math.max(1, Math.ceil((headerAt + HASH_HEADER_BYTES) / PAGE_BYTES)) });
      hashInPlace(memory, headerAt);
      const instance = new wasm.Instance(module, { env: { mem: memory } });
      return { memory: memory.buffer, kernels: instance.exports as Record<string, Kernel> };
    },
  };
}

/** A typed view of `length` samples of `dtype` at `byteOffset`. */
export function viewOf(dtype: DType, buffer: ArrayBuffer, byteOffset: number, length: number): PlaneData {
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
