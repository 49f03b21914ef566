// The inner loops of the dense LAPJV solver (assignment.ts) in WebAssembly: each scans one
// row (or the whole matrix) of a cost matrix held in the module's memory. WebAssembly is
// compiled before its first call, so a fresh process runs them at compiled speed at once;
// the same loops in JavaScript start in the interpreter, which cost a fresh process 30-60 ms
// (more than SciPy needs for 60 matrices of 300 x 300) before they were optimised.
// Hand-assembled (no toolchain, no package; the module format in src/image/wasmModule.ts). Every kernel
// does exactly the float operations of the JavaScript it replaces, in the same order, so
// results and tie-breaking do not depend on where it ran.

import { leb, moduleBytes, PAGE_BYTES, sleb, wasm, type WasmFunction } from '../image/wasmModule.ts';

/** Byte offsets of one solve's arrays in the kernels' memory (n x n costs, then per-column arrays). */
export interface LapLayout {
  n: number;
  cost: number;
  v: number;
  pathCost: number;
  pred: number;
  settled: number;
  rowOfCol: number;
  rowOfMin: number;
  out: number;
  bytes: number;
}

export function lapLayout(n: number): LapLayout {
  const cost = 0;
  const v = n * n * 8;
  const pathCost = v + n * 8;
  const pred = pathCost + n * 8;
  const settled = pred + n * 4;
  const rowOfCol = settled + n * 4;
  const rowOfMin = rowOfCol + n * 4;
  const out = Math.ceil((rowOfMin + n * 4) / 8) * 8;
  return { n, cost, v, pathCost, pred, settled, rowOfCol, rowOfMin, out, bytes: out + 32 };
}

/** The kernels, bound to one memory. */
export interface LapKernels {
  memory: ArrayBuffer;
  /** Column minima into v and rowOfMin (first row of each minimum), reading row by row; returns the sum of all costs. */
  columnMinima(cost: number, v: number, rowOfMin: number, n: number): number;
  /** min over j != skip of c[row][j] - v[j]. */
  rowMinExcept(row: number, v: number, n: number, skip: number): number;
  /** JV's augmenting row reduction scan: returns j1 (the row's smallest c - v); stores umin, usubmin (f64) and j2 (i32) at `out`. */
  scanTwo(row: number, v: number, n: number, out: number): number;
  /** One Dijkstra step of the shortest augmenting path: relaxes row i over unsettled columns; returns the cheapest column, its cost stored at `out`. */
  relax(row: number, v: number, pathCost: number, pred: number, settled: number, rowOfCol: number, n: number, i: number, base: number, out: number): number;
  /** Counts the +Infinity among `count` costs (-1 at a NaN or -Infinity); the largest finite |cost| stored at `out`. */
  finiteScan(cost: number, count: number, out: number): number;
  /** Replaces every +Infinity among `count` costs by `big`. */
  replaceInfinite(cost: number, count: number, big: number): number;
}

// ---------------------------------------------------------------- a few instructions

const I32 = 0x7f;
const F64 = 0x7c;
const get = (i: number) => [0x20, i];
const set = (i: number) => [0x21, i];
const tee = (i: number) => [0x22, i];
const i32 = (value: number) => [0x41, ...sleb(value)];
const f64 = (value: number) => [0x44, ...new Uint8Array(Float64Array.of(value).buffer)];
const f64load = [0x2b, 0x03, 0x00];
const f64store = (offset = 0) => [0x39, 0x03, ...leb(offset)];
const i32load = [0x28, 0x02, 0x00];
const i32store = (offset = 0) => [0x36, 0x02, ...leb(offset)];
const [ADD, SHL, MUL, AND, OR, EQZ, NE, GE_S, LT_S] = [[0x6a], [0x74], [0x6c], [0x71], [0x72], [0x45], [0x47], [0x4e], [0x48]];
const [FADD, FSUB, FLT, FGE, FEQ, FNE, FMIN, FMAX, FABS] = [[0xa0], [0xa1], [0x63], [0x66], [0x61], [0x62], [0xa4], [0xa5], [0x99]];
const RETURN = [0x0f];
const IF = [0x04, 0x40];
const ELSE = [0x05];
const END = [0x0b];
const BR_IF_OUT = [0x0d, 0x01]; // out of the block around the loop
const CONTINUE = [0x0c, 0x00];
/** `for (j = from; j < n; j++) body`: the loop's own block and loop. */
const forLoop = (j: number, from: number[], n: number, body: number[]) => [
  ...from, ...set(j),
  0x02, 0x40, 0x03, 0x40,
  ...get(j), ...get(n), ...GE_S, ...BR_IF_OUT,
  ...body,
  ...get(j), ...i32(1), ...ADD, ...set(j),
  ...CONTINUE, ...END, ...END,
];
/** Address of element j of an array at `base` with 2^shift-byte elements. */
const at = (base: number, j: number, shift: number) => [...get(base), ...get(j), ...i32(shift), ...SHL, ...ADD];

type Kernel = WasmFunction;

// columnMinima(c, v, rowOfMin, n) -> sum; locals i 4, j 5, row 6, j8 7, sum 8, h 9
const columnMinima = (): Kernel => ({
  name: 'columnMinima',
  params: [I32, I32, I32, I32],
  result: F64,
  locals: [I32, I32, I32, I32, F64, F64],
  code: [
    ...f64(0), ...set(8),
    ...forLoop(5, i32(0), 3, [
      ...get(5), ...i32(3), ...SHL, ...set(7),
      ...get(1), ...get(7), ...ADD, ...get(0), ...get(7), ...ADD, ...f64load, ...tee(9), ...f64store(),
      ...at(2, 5, 2), ...i32(0), ...i32store(),
      ...get(8), ...get(9), ...FADD, ...set(8),
    ]),
    ...forLoop(4, i32(1), 3, [
      ...get(0), ...get(4), ...get(3), ...MUL, ...i32(3), ...SHL, ...ADD, ...set(6),
      ...forLoop(5, i32(0), 3, [
        ...get(5), ...i32(3), ...SHL, ...set(7),
        ...get(8), ...get(6), ...get(7), ...ADD, ...f64load, ...tee(9), ...FADD, ...set(8),
        ...get(9), ...get(1), ...get(7), ...ADD, ...f64load, ...FLT,
        ...IF,
        ...get(1), ...get(7), ...ADD, ...get(9), ...f64store(),
        ...at(2, 5, 2), ...get(4), ...i32store(),
        ...END,
      ]),
    ]),
    ...get(8),
  ],
});

// rowMinExcept(row, v, n, skip) -> min; locals j 4, j8 5, min 6
const rowMinExcept = (): Kernel => ({
  name: 'rowMinExcept',
  params: [I32, I32, I32, I32],
  result: F64,
  locals: [I32, I32, F64],
  code: [
    ...f64(Infinity), ...set(6),
    ...forLoop(4, i32(0), 2, [
      ...get(4), ...get(3), ...NE,
      ...IF,
      ...get(4), ...i32(3), ...SHL, ...set(5),
      ...get(6), ...get(0), ...get(5), ...ADD, ...f64load, ...get(1), ...get(5), ...ADD, ...f64load, ...FSUB, ...FMIN, ...set(6),
      ...END,
    ]),
    ...get(6),
  ],
});

// scanTwo(row, v, n, out) -> j1; locals j 4, j1 5, j2 6, umin 7, usub 8, h 9, j8 10
const scanTwo = (): Kernel => ({
  name: 'scanTwo',
  params: [I32, I32, I32, I32],
  result: I32,
  locals: [I32, I32, I32, F64, F64, F64, I32],
  code: [
    ...get(0), ...f64load, ...get(1), ...f64load, ...FSUB, ...set(7),
    ...i32(0), ...set(5),
    ...i32(-1), ...set(6),
    ...f64(Infinity), ...set(8),
    ...forLoop(4, i32(1), 2, [
      ...get(4), ...i32(3), ...SHL, ...set(10),
      ...get(0), ...get(10), ...ADD, ...f64load, ...get(1), ...get(10), ...ADD, ...f64load, ...FSUB, ...tee(9),
      ...get(8), ...FLT,
      ...IF,
      ...get(9), ...get(7), ...FGE,
      ...IF,
      ...get(9), ...set(8), ...get(4), ...set(6),
      ...ELSE,
      ...get(7), ...set(8), ...get(9), ...set(7), ...get(5), ...set(6), ...get(4), ...set(5),
      ...END,
      ...END,
    ]),
    ...get(3), ...get(7), ...f64store(0),
    ...get(3), ...get(8), ...f64store(8),
    ...get(3), ...get(6), ...i32store(16),
    ...get(5),
  ],
});

// relax(row 0, v 1, path 2, pred 3, settled 4, rowOfCol 5, n 6, i 7, base 8, out 9) -> best;
// locals j 10, best 11, j8 12, j4 13, lowest 14, r 15, s 16
const relax = (): Kernel => ({
  name: 'relax',
  params: [I32, I32, I32, I32, I32, I32, I32, I32, F64, I32],
  result: I32,
  locals: [I32, I32, I32, I32, F64, F64, F64],
  code: [
    ...f64(Infinity), ...set(14),
    ...i32(-1), ...set(11),
    ...forLoop(10, i32(0), 6, [
      ...get(10), ...i32(2), ...SHL, ...set(13),
      ...get(4), ...get(13), ...ADD, ...i32load, ...EQZ,
      ...IF,
      ...get(10), ...i32(3), ...SHL, ...set(12),
      ...get(8), ...get(0), ...get(12), ...ADD, ...f64load, ...FADD, ...get(1), ...get(12), ...ADD, ...f64load, ...FSUB, ...set(15),
      ...get(2), ...get(12), ...ADD, ...f64load, ...set(16),
      ...get(15), ...get(16), ...FLT,
      ...IF,
      ...get(3), ...get(13), ...ADD, ...get(7), ...i32store(),
      ...get(2), ...get(12), ...ADD, ...get(15), ...f64store(),
      ...get(15), ...set(16),
      ...END,
      // ties go to an unassigned column: the path ends sooner
      ...get(16), ...get(14), ...FLT,
      ...get(16), ...get(14), ...FEQ, ...get(5), ...get(13), ...ADD, ...i32load, ...i32(0), ...LT_S, ...AND,
      ...OR,
      ...IF,
      ...get(16), ...set(14), ...get(10), ...set(11),
      ...END,
      ...END,
    ]),
    ...get(9), ...get(14), ...f64store(),
    ...get(11),
  ],
});

// finiteScan(ptr, count, out) -> number of +Infinity, or -1 at a NaN or -Infinity; the largest |finite| at out;
// locals k 3, infinite 4, x 5, max 6
const finiteScan = (): Kernel => ({
  name: 'finiteScan',
  params: [I32, I32, I32],
  result: I32,
  locals: [I32, I32, F64, F64],
  code: [
    ...f64(0), ...set(6),
    ...i32(0), ...set(4),
    ...forLoop(3, i32(0), 1, [
      ...at(0, 3, 3), ...f64load, ...tee(5),
      ...f64(Infinity), ...FEQ,
      ...IF,
      ...get(4), ...i32(1), ...ADD, ...set(4),
      ...ELSE,
      ...get(5), ...get(5), ...FNE, ...get(5), ...f64(-Infinity), ...FEQ, ...OR,
      ...IF, ...i32(-1), ...RETURN, ...END,
      ...get(6), ...get(5), ...FABS, ...FMAX, ...set(6),
      ...END,
    ]),
    ...get(2), ...get(6), ...f64store(),
    ...get(4),
  ],
});

// replaceInfinite(ptr, count, big) -> 0: every +Infinity becomes big; locals k 3, address 4
const replaceInfinite = (): Kernel => ({
  name: 'replaceInfinite',
  params: [I32, I32, F64],
  result: I32,
  locals: [I32, I32],
  code: [
    ...forLoop(3, i32(0), 1, [
      ...at(0, 3, 3), ...set(4),
      ...get(4), ...f64load, ...f64(Infinity), ...FEQ,
      ...IF, ...get(4), ...get(2), ...f64store(), ...END,
    ]),
    ...i32(0),
  ],
});

/** The kernels' module, assembled from the functions above. */
export function lapKernelModuleBytes(): Uint8Array {
  return moduleBytes([columnMinima, rowMinExcept, scanTwo, relax, finiteScan, replaceInfinite].map((kernel) => kernel()));
}

/**
 * lapKernelModuleBytes() as a fresh process would assemble it: assembling ran cold at ~6 ms of CPU
 * in every process that solves (against ~4 ms to compile the module), so it is kept here; a test
 * checks that it is still what the functions above assemble (regenerate it when they change).
 */
export const LAP_KERNEL_MODULE_BASE64 = 
  'AGFzbQEAAAABNQZgBH9/f38BfGAEf39/fwF8YAR/f39/AX9gCn9/f39/f39/fH8Bf2ADf39/AX9gA39/fAF/AgwBA2VudgNtZW0CAAEDBwYAAQIDBAUHUAYMY29sdW1uTWluaW1hAAAMcm93TWluRXhjZXB0AAEHc2NhblR3bwACBXJlbGF4AAMKZmluaXRlU2NhbgAED3JlcGxhY2VJbmZpbml0ZQAFCr0GBtYBAgR/AnxEAAAAAAAAAAAhCEEAIQUCQANAIAUgA04NASAFQQN0IQcgASAHaiAAIAdqKwMAIgk5AwAgAiAFQQJ0akEANgIAIAggCaAhCCAFQQFqIQUMAAsLQQEhBAJAA0AgBCADTg0BIAAgBCADbEEDdGohBkEAIQUCQANAIAUgA04NASAFQQN0IQcgCCAGIAdqKwMAIgmgIQggCSABIAdqKwMAYwRAIAEgB2ogCTkDACACIAVBAnRqIAQ2AgALIAVBAWohBQwACwsgBEEBaiEEDAALCyAIC1ICAn8BfEQAAAAAAADwfyEGQQAhBAJAA0AgBCACTg0BIAQgA0cEQCAEQQN0IQUgBiAAIAVqKwMAIAEgBWorAwChpCEGCyAEQQFqIQQMAAsLIAYLmgEDA38DfAF/IAArAwAgASsDAKEhB0EAIQVBfyEGRAAAAAAAAPB/IQhBASEEAkADQCAEIAJODQEgBEEDdCEKIAAgCmorAwAgASAKaisDAKEiCSAIYwRAIAkgB2YEQCAJIQggBCEGBSAHIQggCSEHIAUhBiAEIQULCyAEQQFqIQQMAAsLIAMgBzkDACADIAg5AwggAyAGNgIQIAULtAECBH8DfEQAAAAAAADwfyEOQX8hC0EAIQoCQANAIAogBk4NASAKQQJ0IQ0gBCANaigCAEUEQCAKQQN0IQwgCCAAIAxqKwMAoCABIAxqKwMAoSEPIAIgDGorAwAhECAPIBBjBEAgAyANaiAHNgIAIAIgDGogDzkDACAPIRALIBAgDmMgECAOYSAFIA1qKAIAQQBIcXIEQCAQIQ4gCiELCwsgCkEBaiEKDAALCyAJIA45AwAgCwt6AgJ/AnxEAAAAAAAAAAAhBkEAIQRBACEDAkADQCADIAFODQEgACADQQN0aisDACIFRAAAAAAAAPB/YQRAIARBAWohBAUgBSAFYiAFRAAAAAAAAPD/YXIEQEF/DwsgBiAFmaUhBgsgA0EBaiEDDAALCyACIAY5AwAgBAtDAQJ/QQAhAwJAA0AgAyABTg0BIAAgA0EDdGohBCAEKwMARAAAAAAAAPB/YQRAIAQgAjkDAAsgA0EBaiEDDAALC0EACw==';


/** Memory kept between solves (matrices up to ~2800 x 2800); a larger solve gets memory of its own, freed after. */
const KEPT_BYTES = 64 * 2 ** 20;
/** The most a 32-bit memory is asked for. */
export const MAX_KERNEL_BYTES = 2 ** 31;

let compiled: object | undefined;
let kept: { kernels: LapKernels; memory: { buffer: ArrayBuffer; grow(pages: number): number } } | undefined;

function instantiate(bytes: number) {
  compiled ??= new wasm.Module(Buffer.from(LAP_KERNEL_MODULE_BASE64, 'base64'));
  const memory = new wasm.Memory({ initial: Math.ceil(bytes / PAGE_BYTES) });
  const exports = new wasm.Instance(compiled, { env: { mem: memory } }).exports as unknown as Omit<LapKernels, 'memory'>;
  const kernels: LapKernels = {
    get memory() {
      return memory.buffer;
    },
    columnMinima: exports.columnMinima,
    rowMinExcept: exports.rowMinExcept,
    scanTwo: exports.scanTwo,
    relax: exports.relax,
    finiteScan: exports.finiteScan,
    replaceInfinite: exports.replaceInfinite,
  };
  return { kernels, memory };
}

/** The buffer of the memory kept between solves (undefined before the first); a solve larger than it gets its own. */
export function keptMemoryBuffer(): ArrayBuffer | undefined {
  return kept?.memory.buffer;
}

/** Kernels whose memory holds at least `bytes` (views of an earlier memory.buffer are stale after this call). */
export function lapKernels(bytes: number): LapKernels {
  if (bytes > MAX_KERNEL_BYTES) throw new RangeError(`a dense cost matrix of ${(bytes / 2 ** 30).toFixed(1)} GiB is too large for the dense solver; store it sparsely (solveSparseLap)`);
  if (bytes > KEPT_BYTES) return instantiate(bytes).kernels;
  kept ??= instantiate(Math.max(bytes, PAGE_BYTES));
  const have = kept.memory.buffer.byteLength;
  if (have < bytes) kept.memory.grow(Math.ceil((bytes - have) / PAGE_BYTES));
  return kept.kernels;
}
