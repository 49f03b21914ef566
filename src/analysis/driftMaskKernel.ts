// The nuclei check's blur-and-threshold (driftObjects.ts smoothedMask) in WebAssembly SIMD: the
// binomial kernel [1 4 6 4 1] / 16 along x, then along y, the pixels above a level marked. Two
// pixels per instruction in float64 lanes (f64x2), with the JavaScript loop's roundings exactly:
// each float32 sample widened to float64, the five terms summed left to right, the row pass
// rounded to float32 as the JavaScript stores it, the column pass rounded to float32 (fround)
// before the comparison. So the mask is the same bit for bit (test/analysis/driftObjects.test.ts
// checks it against the JavaScript loop); about a quarter of its time.
import { f64, get, i32, leb, loop, moduleBytes, PAGE_BYTES, set, simd, wasm, type WasmFunction } from '../image/wasmModule.ts';

const I32 = 0x7f;
const F64 = 0x7c;
const V128 = 0x7b;

const I32_ADD = 0x6a;
const I32_SHL = 0x74;
const F64X2_SPLAT = 0x14;
const I64X2_SPLAT = 0x12;
const I64_CONST = 0x42;
const F64X2_ADD = 0xf0;
const F64X2_MUL = 0xf2;
const F64X2_GT = 0x4a;
const V128_AND = 0x4e;
const PROMOTE = 0x5f; // f64x2.promote_low_f32x4
const DEMOTE = 0x5e; // f32x4.demote_f64x2_zero
/** v128.load64_zero with byte offset `offset` (align 1: the addresses are those of single floats). */
const load2 = (offset: number) => simd(0x5d, 0x00, ...leb(offset));
const store64Lane0 = simd(0x5b, 0x00, 0x00, 0x00);
const store8Lane = (offset: number, lane: number) => simd(0x58, 0x00, ...leb(offset), lane);
/** A loop `while (get(p) < get(end)) { body }`. */
const addTo = (local: number, bytes: number) => [...get(local), ...i32(bytes), I32_ADD, ...set(local)];

/**
 * smooth_row(src, dst, count): dst[k] = f32((((s[k] + 4 s[k+1]) + 6 s[k+2]) + 4 s[k+3]) + s[k+4]) * 0.0625) for k < count
 * (rounded up to even), src and dst byte addresses of float32 arrays.
 */
function smoothRow(): WasmFunction {
  const [src, dst, count, end, c4, c6, c16] = [0, 1, 2, 3, 4, 5, 6];
  const term = (offset: number, weight?: number) => [...get(src), ...load2(offset), ...simd(PROMOTE), ...(weight ? [...get(weight), ...simd(F64X2_MUL)] : []), ...simd(F64X2_ADD)];
  return {
    name: 'smooth_row',
    params: [I32, I32, I32],
    locals: [I32, V128, V128, V128],
    code: [
      ...get(dst), ...get(count), ...i32(2), I32_SHL, I32_ADD, ...set(end),
      ...f64(4), ...simd(F64X2_SPLAT), ...set(c4),
      ...f64(6), ...simd(F64X2_SPLAT), ...set(c6),
      ...f64(0.0625), ...simd(F64X2_SPLAT), ...set(c16),
      ...loop(dst, end, [
        ...get(dst),
        ...get(src), ...load2(0), ...simd(PROMOTE),
        ...term(4, c4), ...term(8, c6), ...term(12, c4), ...term(16),
        ...get(c16), ...simd(F64X2_MUL), ...simd(DEMOTE),
        ...store64Lane0,
        ...addTo(src, 8), ...addTo(dst, 8),
      ]),
    ],
  };
}

/**
 * mask_row(a, b, c, d, e, mask, count, level): mask[k] = f32((((a[k] + 4 b[k]) + 6 c[k]) + 4 d[k]) + e[k]) * 0.0625) > level
 * ? 1 : 0 for k < count (rounded up to even); a..e byte addresses of float32 rows, mask of bytes.
 */
function maskRow(): WasmFunction {
  const [a, b, c, d, e, mask, count, level, end, c4, c6, c16, lv, one, bits] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14];
  const term = (row: number, weight?: number) => [...get(row), ...load2(0), ...simd(PROMOTE), ...(weight ? [...get(weight), ...simd(F64X2_MUL)] : []), ...simd(F64X2_ADD)];
  return {
    name: 'mask_row',
    params: [I32, I32, I32, I32, I32, I32, I32, F64],
    locals: [I32, V128, V128, V128, V128, V128, V128],
    code: [
      ...get(mask), ...get(count), I32_ADD, ...set(end),
      ...f64(4), ...simd(F64X2_SPLAT), ...set(c4),
      ...f64(6), ...simd(F64X2_SPLAT), ...set(c6),
      ...f64(0.0625), ...simd(F64X2_SPLAT), ...set(c16),
      ...get(level), ...simd(F64X2_SPLAT), ...set(lv),
      I64_CONST, 0x01, ...simd(I64X2_SPLAT), ...set(one),
      ...loop(mask, end, [
        ...get(a), ...load2(0), ...simd(PROMOTE),
        ...term(b, c4), ...term(c, c6), ...term(d, c4), ...term(e),
        // fround, then the comparison in float64 as JavaScript's `>`; true lanes all ones, kept as 1
        ...get(c16), ...simd(F64X2_MUL), ...simd(DEMOTE), ...simd(PROMOTE),
        ...get(lv), ...simd(F64X2_GT), ...get(one), ...simd(V128_AND), ...set(bits),
        // lane 0's low byte to mask[k], lane 1's (byte 8) to mask[k + 1]
        ...get(mask), ...get(bits), ...store8Lane(0, 0),
        ...get(mask), ...get(bits), ...store8Lane(1, 8),
        ...addTo(a, 8), ...addTo(b, 8), ...addTo(c, 8), ...addTo(d, 8), ...addTo(e, 8), ...addTo(mask, 2),
      ]),
    ],
  };
}

type SmoothRow = (src: number, dst: number, count: number) => void;
type MaskRow = (a: number, b: number, c: number, d: number, e: number, mask: number, count: number, level: number) => void;

let module: object | null | undefined;
function compiled(): object | null {
  if (module === undefined) {
    try {
      module = new wasm.Module(moduleBytes([smoothRow(), maskRow()]));
    } catch {
      module = null; // no WebAssembly SIMD here: the JavaScript loop does it
    }
  }
  return module;
}

/** Bytes past each region the kernels may read or write (a pair's second value past an odd count, the last terms). */
const SLACK = 64;

/** The kernels with a memory for planes of one size: the plane, five smoothed rows and the mask, each with slack. */
export class MaskKernel {
  readonly plane: Float32Array;
  readonly rows: Float32Array;
  readonly mask: Uint8Array;
  private readonly smooth: SmoothRow;
  private readonly maskRow: MaskRow;
  private readonly rowsAt: number;
  private readonly maskAt: number;

  private constructor(readonly height: number, readonly width: number, instance: { exports: Record<string, unknown> }, memory: ArrayBuffer, planeBytes: number) {
    this.smooth = instance.exports.smooth_row as SmoothRow;
    this.maskRow = instance.exports.mask_row as MaskRow;
    this.plane = new Float32Array(memory, 0, height * width);
    this.rowsAt = planeBytes;
    this.rows = new Float32Array(memory, this.rowsAt, 5 * width);
    this.maskAt = this.rowsAt + 20 * width + SLACK;
    this.mask = new Uint8Array(memory, this.maskAt, height * width);
  }

  /** The kernels for height x width planes, or undefined where WebAssembly SIMD is missing or the plane is too narrow. */
  static create(height: number, width: number): MaskKernel | undefined {
    const m = width >= 8 && height >= 1 ? compiled() : null;
    if (!m) return undefined;
    const planeBytes = Math.ceil((4 * height * width + SLACK) / 16) * 16;
    const bytes = planeBytes + 20 * width + SLACK + height * width + SLACK;
    const memory = new wasm.Memory({ initial: Math.ceil(bytes / PAGE_BYTES) });
    const instance = new wasm.Instance(m, { env: { mem: memory } });
    return new MaskKernel(height, width, instance, memory.buffer, planeBytes);
  }

  /** Smooths plane row y (already in this.plane) along x into rows slot `slot`: the interior here, the 2 px at each edge by `edge`. */
  smoothRow(y: number, slot: number, edge: (base: number, x: number) => number): void {
    const { width, rows } = this;
    const base = y * width;
    const to = slot * width;
    this.smooth(4 * base, this.rowsAt + 4 * (to + 2), width - 4);
    // after the interior: an odd count's extra value lands on x = width - 2, written here
    for (let x = 0; x < 2; x++) rows[to + x] = edge(base, x);
    for (let x = width - 2; x < width; x++) rows[to + x] = edge(base, x);
  }

  /** The mask of row y from the smoothed rows in slots a..e (rows y - 2 .. y + 2). */
  maskOf(y: number, a: number, b: number, c: number, d: number, e: number, level: number): void {
    const w4 = 4 * this.width;
    const r = this.rowsAt;
    this.maskRow(r + a * w4, r + b * w4, r + c * w4, r + d * w4, r + e * w4, this.maskAt + y * this.width, this.width, level);
  }
}

/**
 * background_segment(src, out, windowed, weights, window, count, a, b, rowWeight), byte addresses of float32 arrays, for
 * k < count (rounded up to even): v = f32(src[k] - (a * (1 - w[k]) + b * w[k])); out[k] = v; windowed[k] =
 * f32(v * rowWeight * window[k]): drift-kernel.ts withoutBackground's stretch between two grid centres, its roundings.
 */
function backgroundSegment(): WasmFunction {
  const [src, out, win, weights, windowAt, count, a, b, rowWeight, end, va, vb, vr, one, w, v] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15];
  const F64X2_SUB = 0xf1;
  return {
    name: 'background_segment',
    params: [I32, I32, I32, I32, I32, I32, F64, F64, F64],
    locals: [I32, V128, V128, V128, V128, V128, V128],
    code: [
      ...get(out), ...get(count), ...i32(2), I32_SHL, I32_ADD, ...set(end),
      ...get(a), ...simd(F64X2_SPLAT), ...set(va),
      ...get(b), ...simd(F64X2_SPLAT), ...set(vb),
      ...get(rowWeight), ...simd(F64X2_SPLAT), ...set(vr),
      ...f64(1), ...simd(F64X2_SPLAT), ...set(one),
      ...loop(out, end, [
        ...get(weights), ...load2(0), ...simd(PROMOTE), ...set(w),
        // src - (a * (1 - w) + b * w), rounded to float32 (and kept widened for the window)
        ...get(src), ...load2(0), ...simd(PROMOTE),
        ...get(va), ...get(one), ...get(w), ...simd(F64X2_SUB), ...simd(F64X2_MUL),
        ...get(vb), ...get(w), ...simd(F64X2_MUL), ...simd(F64X2_ADD),
        ...simd(F64X2_SUB), ...simd(DEMOTE), ...set(v),
        ...get(out), ...get(v), ...store64Lane0,
        ...get(win),
        ...get(v), ...simd(PROMOTE), ...get(vr), ...simd(F64X2_MUL),
        ...get(windowAt), ...load2(0), ...simd(PROMOTE), ...simd(F64X2_MUL), ...simd(DEMOTE),
        ...store64Lane0,
        ...addTo(src, 8), ...addTo(out, 8), ...addTo(win, 8), ...addTo(weights, 8), ...addTo(windowAt, 8),
      ]),
    ],
  };
}

type BackgroundSegment = (src: number, out: number, windowed: number, weights: number, window: number, count: number, a: number, b: number, rowWeight: number) => void;

let backgroundModule: object | null | undefined;

/** The background removal's per-stretch kernel with a memory for planes of one size: input, output, windowed output, the x weights and window. */
export class BackgroundKernel {
  readonly plane: Float32Array;
  readonly out: Float32Array;
  readonly windowed: Float32Array;
  readonly weights: Float32Array;
  readonly window: Float32Array;
  private readonly segment: BackgroundSegment;
  private readonly at: { plane: number; out: number; windowed: number; weights: number; window: number };

  private constructor(readonly height: number, readonly width: number, instance: { exports: Record<string, unknown> }, memory: ArrayBuffer, at: BackgroundKernel['at']) {
    this.segment = instance.exports.background_segment as BackgroundSegment;
    const n = height * width;
    this.at = at;
    this.plane = new Float32Array(memory, at.plane, n);
    this.out = new Float32Array(memory, at.out, n);
    this.windowed = new Float32Array(memory, at.windowed, n);
    this.weights = new Float32Array(memory, at.weights, width);
    this.window = new Float32Array(memory, at.window, width);
  }

  static create(height: number, width: number): BackgroundKernel | undefined {
    if (backgroundModule === undefined) {
      try {
        backgroundModule = new wasm.Module(moduleBytes([backgroundSegment()]));
      } catch {
        backgroundModule = null;
      }
    }
    if (!backgroundModule || width < 2) return undefined;
    const region = (floats: number) => Math.ceil((4 * floats + SLACK) / 16) * 16;
    const n = height * width;
    const at = { plane: 0, out: region(n), windowed: 2 * region(n), weights: 3 * region(n), window: 3 * region(n) + region(width) };
    const memory = new wasm.Memory({ initial: Math.ceil((at.window + region(width)) / PAGE_BYTES) });
    const instance = new wasm.Instance(backgroundModule, { env: { mem: memory } });
    return new BackgroundKernel(height, width, instance, memory.buffer, at);
  }

  /** Pixels [from, to) of row y (the input in this.plane; weights and window set): into this.out and this.windowed. */
  stretch(y: number, from: number, to: number, a: number, b: number, rowWeight: number): void {
    const i = 4 * (y * this.width + from);
    const at = this.at;
    this.segment(at.plane + i, at.out + i, at.windowed + i, at.weights + 4 * from, at.window + 4 * from, to - from, a, b, rowWeight);
  }
}
