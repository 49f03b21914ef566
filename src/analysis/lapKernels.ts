// The inner loops of the dense LAPJV solver (assignment.ts) in WebAssembly: each scans one
// row (or the whole matrix) of a cost matrix held in the module's memory. WebAssembly is
// compiled before its first call, so a fresh process runs them at compiled speed at once;
// the same loops in JavaScript start in the interpreter, which cost a fresh process 30-60 ms
// (more than SciPy needs for 60 matrices of 300 x 300) before they were optimised.
// Hand-assembled (no toolchain, no package; the module format in src/image/wasmModule.ts). Every kernel
// does exactly the float operations of the JavaScript it replaces, in the same order, so
// results and tie-breaking do not depend on where it ran.

import { leb, moduleBytes, PAGE_BYTES, sleb, wasm, type WasmFunction } from '../image/wasmModule.ts';

/** Byte offsets of one solve's arrays in the kernels' memory (n x n costs, then per-column and per-row arrays). */
export interface LapLayout {
  n: number;
  cost: number;
  v: number;
  pathCost: number;
  /** Row duals of the shortest augmenting paths. */
  u: number;
  pred: number;
  settled: number;
  rowOfCol: number;
  rowOfMin: number;
  /** Column of each row, or -1. */
  colOfRow: number;
  /** Free rows, then (the augmenting phase) rows visited by one path. */
  free: number;
  visited: number;
  matches: number;
  out: number;
  bytes: number;
}

export function lapLayout(n: number): LapLayout {
  const cost = 0;
  const v = n * n * 8;
  const pathCost = v + n * 8;
  const u = pathCost + n * 8;
  const pred = u + n * 8;
  const settled = pred + n * 4;
  const rowOfCol = settled + n * 4;
  const rowOfMin = rowOfCol + n * 4;
  const colOfRow = rowOfMin + n * 4;
  const free = colOfRow + n * 4;
  const visited = free + n * 4;
  const matches = visited + n * 4;
  const out = Math.ceil((matches + n * 4) / 8) * 8;
  return { n, cost, v, pathCost, u, pred, settled, rowOfCol, rowOfMin, colOfRow, free, visited, matches, out, bytes: out + 32 };
}

/**
 * Row scans the augmenting row reduction may spend, per row of the matrix: on uniform random matrices
 * its chains of displaced rows grow to ~20n scans at n = 300 and ~33n at 1000, while the shortest
 * augmenting paths finish the rows left over in ~3n (300) to ~6n (1000) scans.
 */
export const ARR_SCANS_PER_ROW = 2;

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
  /** JV's reduction transfer: for each row assigned once (matches 1), v[colOfRow] -= rowMinExcept of that row. */
  reductionTransfer(cost: number, v: number, colOfRow: number, matches: number, n: number): number;
  /**
   * The shortest augmenting paths of the free rows (see augmentFreeRows in assignment.ts): row duals,
   * one Dijkstra search per free row (relax), dual update and path flip; 0, or -1 when a row cannot be assigned.
   */
  /**
   * JV's augmenting row reduction, two rounds over the `numFree` free rows for at most
   * ARR_SCANS_PER_ROW * n row scans in all (see lapjv in assignment.ts); returns how many rows stay free.
   */
  rowReduction(cost: number, v: number, colOfRow: number, rowOfCol: number, free: number, numFree: number, n: number, out: number): number;
  augment(cost: number, v: number, pathCost: number, pred: number, settled: number, rowOfCol: number, n: number, u: number, visited: number, colOfRow: number, free: number, numFree: number, out: number): number;
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

const CALL = (f: number) => [0x10, ...leb(f)];
const BLOCK = [0x02, 0x40];
const LOOP = [0x03, 0x40];
const BR = (depth: number) => [0x0c, depth];
const BRIF = (depth: number) => [0x0d, depth];
const FUNC_ROW_MIN_EXCEPT = 1;
const FUNC_SCAN_TWO = 2;
const FUNC_RELAX = 3;
/** Address of row i of an n x n f64 matrix at `base`. */
const rowAt = (base: number, i: number, n: number) => [...get(base), ...get(i), ...get(n), ...MUL, ...i32(3), ...SHL, ...ADD];

// reductionTransfer(c 0, v 1, x 2, matches 3, n 4) -> 0; locals i 5, j 6
const reductionTransfer = (): Kernel => ({
  name: 'reductionTransfer',
  params: [I32, I32, I32, I32, I32],
  result: I32,
  locals: [I32, I32],
  code: [
    ...forLoop(5, i32(0), 4, [
      ...at(3, 5, 2), ...i32load, ...i32(1), ...[0x46] /* i32.eq */,
      ...IF,
      ...at(2, 5, 2), ...i32load, ...set(6),
      ...at(1, 6, 3),
      ...at(1, 6, 3), ...f64load,
      ...rowAt(0, 5, 4), ...get(1), ...get(4), ...get(6), ...CALL(FUNC_ROW_MIN_EXCEPT),
      ...FSUB, ...f64store(),
      ...END,
    ]),
    ...i32(0),
  ],
});

// augment(c 0, v 1, path 2, pred 3, settled 4, rowOfCol 5, n 6, u 7, visited 8, x 9, free 10, numFree 11, out 12) -> 0 / -1;
// locals f 13, start 14, i 15, count 16, best 17, sink 18, j 19, q 20, r 21, prev 22, minVal 23 (f64), lowest 24 (f64)
const augment = (): Kernel => ({
  name: 'augment',
  params: [I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32],
  result: I32,
  locals: [I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, F64, F64],
  code: [
    // row duals: assigned rows are tight on their column
    ...forLoop(15, i32(0), 6, [
      ...at(9, 15, 2), ...i32load, ...set(19),
      ...at(7, 15, 3),
      ...get(19), ...i32(0), ...GE_S,
      0x04, F64, // if (result f64)
      ...rowAt(0, 15, 6), ...get(19), ...i32(3), ...SHL, ...ADD, ...f64load, ...at(1, 19, 3), ...f64load, ...FSUB,
      ...ELSE,
      ...f64(0),
      ...END,
      ...f64store(),
    ]),
    ...forLoop(13, i32(0), 11, [
      ...at(10, 13, 2), ...i32load, ...set(14),
      ...forLoop(19, i32(0), 6, [
        ...at(4, 19, 2), ...i32(0), ...i32store(),
        ...at(2, 19, 3), ...f64(Infinity), ...f64store(),
      ]),
      ...i32(0), ...set(16),
      ...f64(0), ...set(23),
      ...get(14), ...set(15),
      ...BLOCK, ...LOOP,
      ...at(8, 16, 2), ...get(15), ...i32store(),
      ...get(16), ...i32(1), ...ADD, ...set(16),
      ...rowAt(0, 15, 6), ...get(1), ...get(2), ...get(3), ...get(4), ...get(5), ...get(6), ...get(15),
      ...get(23), ...at(7, 15, 3), ...f64load, ...FSUB, ...get(12), ...CALL(FUNC_RELAX), ...set(17),
      ...get(12), ...f64load, ...set(24),
      ...get(17), ...i32(0), ...LT_S, ...get(24), ...f64(Infinity), ...FEQ, ...OR,
      ...IF, ...i32(-1), ...RETURN, ...END,
      ...get(24), ...set(23),
      ...at(4, 17, 2), ...i32(1), ...i32store(),
      ...at(5, 17, 2), ...i32load, ...tee(21),
      ...i32(0), ...LT_S,
      ...IF, ...get(17), ...set(18), ...BR(2), ...END,
      ...get(21), ...set(15),
      ...BR(0),
      ...END, ...END,
      // dual update: every reduced cost stays >= 0 and the new path is tight
      ...at(7, 14, 3), ...at(7, 14, 3), ...f64load, ...get(23), ...FADD, ...f64store(),
      ...forLoop(20, i32(1), 16, [
        ...at(8, 20, 2), ...i32load, ...set(21),
        ...at(7, 21, 3),
        ...at(7, 21, 3), ...f64load,
        ...get(23), ...get(2), ...at(9, 21, 2), ...i32load, ...i32(3), ...SHL, ...ADD, ...f64load, ...FSUB,
        ...FADD, ...f64store(),
      ]),
      ...forLoop(19, i32(0), 6, [
        ...at(4, 19, 2), ...i32load,
        ...IF,
        ...at(1, 19, 3),
        ...at(1, 19, 3), ...f64load,
        ...get(23), ...at(2, 19, 3), ...f64load, ...FSUB,
        ...FSUB, ...f64store(),
        ...END,
      ]),
      // flip the alternating path back to the start row
      ...get(18), ...set(19),
      ...BLOCK, ...LOOP,
      ...at(3, 19, 2), ...i32load, ...set(21),
      ...at(5, 19, 2), ...get(21), ...i32store(),
      ...at(9, 21, 2), ...i32load, ...set(22),
      ...at(9, 21, 2), ...get(19), ...i32store(),
      ...get(22), ...set(19),
      ...get(21), ...get(14), ...[0x46], ...BRIF(1),
      ...BR(0),
      ...END, ...END,
    ]),
    ...i32(0),
  ],
});

// rowReduction(c 0, v 1, x 2, y 3, free 4, numFree 5, n 6, out 7) -> free rows left;
// locals scans 8, round 9, k2 10, prev 11, i 12, j1 13, j2 14, i0 15, strict 16, i0s 17, xi 18, two 19, umin 20 (f64), usub 21 (f64)
const rowReduction = (): Kernel => ({
  name: 'rowReduction',
  params: [I32, I32, I32, I32, I32, I32, I32, I32],
  result: I32,
  locals: [I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, F64, F64],
  code: [
    ...get(6), ...i32(ARR_SCANS_PER_ROW), ...MUL, ...set(8),
    ...i32(2), ...set(19),
    ...forLoop(9, i32(0), 19, [
      ...i32(0), ...set(10),
      ...get(5), ...set(11),
      ...i32(0), ...set(5),
      ...BLOCK, ...LOOP,
      ...get(10), ...get(11), ...GE_S, ...BRIF(1),
      ...get(8), ...i32(0), ...[0x4c] /* i32.le_s */,
      ...IF,
      // out of scans: the rows not yet read stay free (numFree <= k2: nothing unread is overwritten)
      ...BLOCK, ...LOOP,
      ...get(10), ...get(11), ...GE_S, ...BRIF(1),
      ...at(4, 5, 2), ...at(4, 10, 2), ...i32load, ...i32store(),
      ...get(5), ...i32(1), ...ADD, ...set(5),
      ...get(10), ...i32(1), ...ADD, ...set(10),
      ...BR(0),
      ...END, ...END,
      ...BR(2),
      ...END,
      ...get(8), ...i32(1), ...[0x6b] /* i32.sub */, ...set(8),
      ...at(4, 10, 2), ...i32load, ...set(12),
      ...get(10), ...i32(1), ...ADD, ...set(10),
      ...rowAt(0, 12, 6), ...get(1), ...get(6), ...get(7), ...CALL(FUNC_SCAN_TWO), ...set(13),
      ...get(7), ...f64load, ...set(20),
      ...get(7), 0x2b, 0x03, 0x08, ...set(21),
      ...get(7), 0x28, 0x02, 0x10, ...set(14),
      ...at(3, 13, 2), ...i32load, ...set(15),
      ...get(20), ...get(21), ...FLT, ...set(16),
      ...at(3, 14, 2), ...i32load, ...set(17),
      ...get(16),
      ...IF,
      ...at(1, 13, 3), ...at(1, 13, 3), ...f64load, ...get(21), ...get(20), ...FSUB, ...FSUB, ...f64store(),
      ...END,
      ...get(16), ...EQZ, ...get(15), ...i32(0), ...GE_S, ...AND,
      ...IF, ...get(14), ...set(13), ...get(17), ...set(15), ...END,
      ...at(2, 12, 2), ...i32load, ...tee(18), ...i32(0), ...GE_S,
      ...IF,
      ...at(3, 18, 2), ...i32load, ...get(12), ...[0x46],
      ...IF, ...at(3, 18, 2), ...i32(-1), ...i32store(), ...END,
      ...END,
      ...at(2, 12, 2), ...get(13), ...i32store(),
      ...at(3, 13, 2), ...get(12), ...i32store(),
      ...get(15), ...i32(0), ...GE_S,
      ...IF,
      ...at(2, 15, 2), ...i32(-1), ...i32store(),
      ...get(16),
      ...IF,
      // strict: the displaced row is scanned next
      ...get(10), ...i32(1), ...[0x6b], ...set(10),
      ...at(4, 10, 2), ...get(15), ...i32store(),
      ...ELSE,
      // a tie: it waits for the next round
      ...at(4, 5, 2), ...get(15), ...i32store(),
      ...get(5), ...i32(1), ...ADD, ...set(5),
      ...END,
      ...END,
      ...BR(0),
      ...END, ...END,
    ]),
    ...get(5),
  ],
});

/** The kernels' module, assembled from the functions above. */
export function lapKernelModuleBytes(): Uint8Array {
  return moduleBytes([columnMinima, rowMinExcept, scanTwo, relax, finiteScan, replaceInfinite, reductionTransfer, augment, rowReduction].map((kernel) => kernel()));
}

/**
 * lapKernelModuleBytes() as a fresh process would assemble it: assembling ran cold at ~6 ms of CPU
 * in every process that solves (against ~4 ms to compile the module), so it is kept here; a test
 * checks that it is still what the functions above assemble (regenerate it when they change).
 */
export const LAP_KERNEL_MODULE_BASE64 = 
  'AGFzbQEAAAABWwlgBH9/f38BfGAEf39/fwF8YAR/f39/AX9gCn9/f39/f39/fH8Bf2ADf39/AX9gA39/fAF/YAV/f39/fwF/YA1/f39/f39/f39/f39/AX9gCH9/f39/f39/AX8CDAEDZW52A21lbQIAAQMKCQABAgMEBQYHCAd9CQxjb2x1bW5NaW5pbWEAAAxyb3dNaW5FeGNlcHQAAQdzY2FuVHdvAAIFcmVsYXgAAwpmaW5pdGVTY2FuAAQPcmVwbGFjZUluZmluaXRlAAURcmVkdWN0aW9uVHJhbnNmZXIABgdhdWdtZW50AAcMcm93UmVkdWN0aW9uAAgK1Q8J1gECBH8CfEQAAAAAAAAAACEIQQAhBQJAA0AgBSADTg0BIAVBA3QhByABIAdqIAAgB2orAwAiCTkDACACIAVBAnRqQQA2AgAgCCAJoCEIIAVBAWohBQwACwtBASEEAkADQCAEIANODQEgACAEIANsQQN0aiEGQQAhBQJAA0AgBSADTg0BIAVBA3QhByAIIAYgB2orAwAiCaAhCCAJIAEgB2orAwBjBEAgASAHaiAJOQMAIAIgBUECdGogBDYCAAsgBUEBaiEFDAALCyAEQQFqIQQMAAsLIAgLUgICfwF8RAAAAAAAAPB/IQZBACEEAkADQCAEIAJODQEgBCADRwRAIARBA3QhBSAGIAAgBWorAwAgASAFaisDAKGkIQYLIARBAWohBAwACwsgBguaAQMDfwN8AX8gACsDACABKwMAoSEHQQAhBUF/IQZEAAAAAAAA8H8hCEEBIQQCQANAIAQgAk4NASAEQQN0IQogACAKaisDACABIApqKwMAoSIJIAhjBEAgCSAHZgRAIAkhCCAEIQYFIAchCCAJIQcgBSEGIAQhBQsLIARBAWohBAwACwsgAyAHOQMAIAMgCDkDCCADIAY2AhAgBQu0AQIEfwN8RAAAAAAAAPB/IQ5BfyELQQAhCgJAA0AgCiAGTg0BIApBAnQhDSAEIA1qKAIARQRAIApBA3QhDCAIIAAgDGorAwCgIAEgDGorAwChIQ8gAiAMaisDACEQIA8gEGMEQCADIA1qIAc2AgAgAiAMaiAPOQMAIA8hEAsgECAOYyAQIA5hIAUgDWooAgBBAEhxcgRAIBAhDiAKIQsLCyAKQQFqIQoMAAsLIAkgDjkDACALC3oCAn8CfEQAAAAAAAAAACEGQQAhBEEAIQMCQANAIAMgAU4NASAAIANBA3RqKwMAIgVEAAAAAAAA8H9hBEAgBEEBaiEEBSAFIAViIAVEAAAAAAAA8P9hcgRAQX8PCyAGIAWZpSEGCyADQQFqIQMMAAsLIAIgBjkDACAEC0MBAn9BACEDAkADQCADIAFODQEgACADQQN0aiEEIAQrAwBEAAAAAAAA8H9hBEAgBCACOQMACyADQQFqIQMMAAsLQQALaAECf0EAIQUCQANAIAUgBE4NASADIAVBAnRqKAIAQQFGBEAgAiAFQQJ0aigCACEGIAEgBkEDdGogASAGQQN0aisDACAAIAUgBGxBA3RqIAEgBCAGEAGhOQMACyAFQQFqIQUMAAsLQQAL/QQCCn8CfEEAIQ8CQANAIA8gBk4NASAJIA9BAnRqKAIAIRMgByAPQQN0aiATQQBOBHwgACAPIAZsQQN0aiATQQN0aisDACABIBNBA3RqKwMAoQVEAAAAAAAAAAALOQMAIA9BAWohDwwACwtBACENAkADQCANIAtODQEgCiANQQJ0aigCACEOQQAhEwJAA0AgEyAGTg0BIAQgE0ECdGpBADYCACACIBNBA3RqRAAAAAAAAPB/OQMAIBNBAWohEwwACwtBACEQRAAAAAAAAAAAIRcgDiEPAkADQCAIIBBBAnRqIA82AgAgEEEBaiEQIAAgDyAGbEEDdGogASACIAMgBCAFIAYgDyAXIAcgD0EDdGorAwChIAwQAyERIAwrAwAhGCARQQBIIBhEAAAAAAAA8H9hcgRAQX8PCyAYIRcgBCARQQJ0akEBNgIAIAUgEUECdGooAgAiFUEASARAIBEhEgwCCyAVIQ8MAAsLIAcgDkEDdGogByAOQQN0aisDACAXoDkDAEEBIRQCQANAIBQgEE4NASAIIBRBAnRqKAIAIRUgByAVQQN0aiAHIBVBA3RqKwMAIBcgAiAJIBVBAnRqKAIAQQN0aisDAKGgOQMAIBRBAWohFAwACwtBACETAkADQCATIAZODQEgBCATQQJ0aigCAARAIAEgE0EDdGogASATQQN0aisDACAXIAIgE0EDdGorAwChoTkDAAsgE0EBaiETDAALCyASIRMCQANAIAMgE0ECdGooAgAhFSAFIBNBAnRqIBU2AgAgCSAVQQJ0aigCACEWIAkgFUECdGogEzYCACAWIRMgFSAORg0BDAALCyANQQFqIQ0MAAsLQQALrgMCDH8CfCAGQQJsIQhBAiETQQAhCQJAA0AgCSATTg0BQQAhCiAFIQtBACEFAkADQCAKIAtODQEgCEEATARAAkADQCAKIAtODQEgBCAFQQJ0aiAEIApBAnRqKAIANgIAIAVBAWohBSAKQQFqIQoMAAsLDAILIAhBAWshCCAEIApBAnRqKAIAIQwgCkEBaiEKIAAgDCAGbEEDdGogASAGIAcQAiENIAcrAwAhFCAHKwMIIRUgBygCECEOIAMgDUECdGooAgAhDyAUIBVjIRAgAyAOQQJ0aigCACERIBAEQCABIA1BA3RqIAEgDUEDdGorAwAgFSAUoaE5AwALIBBFIA9BAE5xBEAgDiENIBEhDwsgAiAMQQJ0aigCACISQQBOBEAgAyASQQJ0aigCACAMRgRAIAMgEkECdGpBfzYCAAsLIAIgDEECdGogDTYCACADIA1BAnRqIAw2AgAgD0EATgRAIAIgD0ECdGpBfzYCACAQBEAgCkEBayEKIAQgCkECdGogDzYCAAUgBCAFQQJ0aiAPNgIAIAVBAWohBQsLDAALCyAJQQFqIQkMAAsLIAUL';


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
    reductionTransfer: exports.reductionTransfer,
    augment: exports.augment,
    rowReduction: exports.rowReduction,
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
