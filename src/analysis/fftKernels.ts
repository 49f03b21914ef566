// The 2-D real transform's moves between PFFFT's row and column passes (fft-simd.ts RealFft2d) in WebAssembly,
// in PFFFT's own memory: complex values moved as 8-byte words (their bits unchanged), 16 rows at a time with the
// plane's size built into the instructions (one small module per size and thread). The same moves as the
// JavaScript loops they replace, which stay for sizes it does not take and where PFFFT's memory is not reachable.
import { get, i32, leb, loop, moduleBytes, set, simd, wasm, type WasmFunction } from '../image/wasmModule.ts';

const I32 = 0x7f;
const I32_ADD = 0x6a;
const I32_SHL = 0x74;
const F64_LOAD = (offset: number) => [0x2b, 0x00, ...leb(offset)];
const load8 = (offset: number) => [0x29, 0x00, ...leb(offset)]; // i64.load
const store8 = (offset: number) => [0x37, 0x00, ...leb(offset)]; // i64.store
/** A loop `while (get(p) < get(end)) { body }`. */
const addTo = (local: number, bytes: number) => [...get(local), ...i32(bytes), I32_ADD, ...set(local)];

/** Rows per tile (the plane's height must be a multiple). */
export const TILE_ROWS = 16;

/**
 * unpack(rows, columns) / pack(columns, rows), byte addresses: for every tile of 16 rows y and column k in 1..nx/2-1,
 * the complex value at rows + 4 (y nx) + 8 k moves to columns + 8 (k ny + y) (unpack), or back (pack).
 */
function mover(name: 'unpack' | 'pack', ny: number, nx: number): WasmFunction {
  const [from, to, rowBase, colBase, rowsEnd, r, c, rEnd] = [0, 1, 2, 3, 4, 5, 6, 7];
  const nyquist = nx / 2;
  const rowsAt = name === 'unpack' ? from : to;
  const columnsAt = name === 'unpack' ? to : from;
  const moves: number[] = [];
  for (let j = 0; j < TILE_ROWS; j++) {
    moves.push(...(name === 'unpack' ? [...get(c), ...get(r), ...load8(4 * nx * j), ...store8(8 * j)] : [...get(r), ...get(c), ...load8(8 * j), ...store8(4 * nx * j)]));
  }
  return {
    name,
    params: [I32, I32],
    locals: [I32, I32, I32, I32, I32, I32],
    code: [
      ...get(rowsAt), ...set(rowBase), ...get(columnsAt), ...set(colBase),
      ...get(rowsAt), ...i32(4 * nx * ny), I32_ADD, ...set(rowsEnd),
      ...loop(rowBase, rowsEnd, [
        ...get(rowBase), ...i32(8), I32_ADD, ...set(r),
        ...get(rowBase), ...i32(8 * nyquist), I32_ADD, ...set(rEnd),
        ...get(colBase), ...i32(8 * ny), I32_ADD, ...set(c),
        ...loop(r, rEnd, [...moves, ...addTo(r, 8), ...addTo(c, 8 * ny)]),
        ...addTo(rowBase, 4 * nx * TILE_ROWS), ...addTo(colBase, 8 * TILE_ROWS),
      ]),
    ],
  };
}

export interface PairMoves {
  /** Row transforms' output (floats at `rows`) to the transposed half spectrum's columns 1..nx/2-1 (at `columns`); float offsets. */
  unpack(rows: number, columns: number): void;
  /** The reverse. */
  pack(columns: number, rows: number): void;
}

const movers = new Map<string, PairMoves | null>();

/** The moves for ny x nx planes in PFFFT's memory `memory` (a WebAssembly.Memory), or undefined where they cannot run. */
export function pairMoves(memory: object | undefined, ny: number, nx: number): PairMoves | undefined {
  if (!memory || ny % TILE_ROWS !== 0 || nx % 2 !== 0 || process.env.CELLPILOT_NO_DRIFT_KERNEL === '1') return undefined;
  const key = `${ny}x${nx}`;
  let m = movers.get(key);
  if (m === undefined) {
    try {
      const exports = new wasm.Instance(new wasm.Module(moduleBytes([mover('unpack', ny, nx), mover('pack', ny, nx)])), { env: { mem: memory } }).exports;
      const unpack = exports.unpack as (from: number, to: number) => void;
      const pack = exports.pack as (from: number, to: number) => void;
      m = { unpack: (rows, columns) => unpack(4 * rows, 4 * columns), pack: (columns, rows) => pack(4 * columns, 4 * rows) };
    } catch {
      m = null;
    }
    movers.set(key, m);
  }
  return m ?? undefined;
}

/**
 * gather_pre(src, step, dst, pre, count), byte addresses: for m < count, the complex float pair g at src + m step times
 * the float64 pair p at pre + 16 m, (g_re p_re - g_im p_im, g_re p_im + g_im p_re) in float64 lanes rounded to float32,
 * at dst + 8 m: ZoomDft's multiplication by its chirp with the JavaScript loop's roundings (fft-simd.ts).
 */
function gatherPre(): WasmFunction {
  const [src, step, dst, pre, count, end, g] = [0, 1, 2, 3, 4, 5, 6];
  const V128 = 0x7b;
  const bytes = (from: number) => [from, from + 1, from + 2, from + 3, from + 4, from + 5, from + 6, from + 7];
  const swap = simd(0x0d, ...bytes(8), ...bytes(0));
  const negateLow = [...simd(0x0c, 0, 0, 0, 0, 0, 0, 0, 0x80, 0, 0, 0, 0, 0, 0, 0, 0), ...simd(0x51)];
  const [SPLAT, MUL, ADD, PROMOTE, DEMOTE] = [0x14, 0xf2, 0xf0, 0x5f, 0x5e];
  return {
    name: 'gather_pre',
    params: [I32, I32, I32, I32, I32],
    locals: [I32, V128],
    code: [
      ...get(dst), ...get(count), ...i32(3), I32_SHL, I32_ADD, ...set(end),
      ...loop(dst, end, [
        ...get(src), ...simd(0x5d, 0x00, 0x00), ...simd(PROMOTE), ...set(g),
        ...get(dst),
        // (gr pr, gi pr) + negateLow((gi pi, gr pi))
        ...get(g), ...get(pre), ...F64_LOAD(0), ...simd(SPLAT), ...simd(MUL),
        ...get(g), ...get(g), ...swap, ...get(pre), ...F64_LOAD(8), ...simd(SPLAT), ...simd(MUL),
        ...negateLow, ...simd(ADD), ...simd(DEMOTE),
        ...simd(0x5b, 0x00, 0x00, 0x00),
        ...get(src), ...get(step), I32_ADD, ...set(src),
        ...addTo(dst, 8), ...addTo(pre, 16),
      ]),
    ],
  };
}

type GatherPre = (src: number, step: number, dst: number, pre: number, count: number) => void;
const gathers = new WeakMap<object, GatherPre | null>();

/** gather_pre instantiated on PFFFT's memory `memory`, or undefined where it cannot run. */
export function gatherKernel(memory: object | undefined): GatherPre | undefined {
  if (!memory || process.env.CELLPILOT_NO_DRIFT_KERNEL === '1') return undefined;
  let k = gathers.get(memory);
  if (k === undefined) {
    try {
      k = new wasm.Instance(new wasm.Module(moduleBytes([gatherPre()])), { env: { mem: memory } }).exports.gather_pre as GatherPre;
    } catch {
      k = null;
    }
    gathers.set(memory, k);
  }
  return k ?? undefined;
}
