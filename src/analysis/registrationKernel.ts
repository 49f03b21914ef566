// The registration's per-pair loops in WebAssembly SIMD (registration.ts startShiftSingle): the phase-correlation
// cross-power spectrum and the search for the correlation peak, hand-assembled like driftMaskKernel.ts.
// - cross_power: F_ref * conj(F_mov), divided by its magnitude, in float64 lanes (f64x2) with the JavaScript
//   loop's operations in its order (float32 values widened, re = ar br - ai bi and im = ar bi + ai br with
//   bi = -mov_im, sqrt(re re + im im), max with the floor, 1 / that, both parts times it, rounded to float32), so
//   the spectrum is the same bit for bit (test/analysis/registrationKernel.test.ts checks it against the loop).
// - the peak: the largest |value| four floats at a time (f32x4, NaN never taken, as `magnitude > best`), then the
//   first four-float group that holds it: the first index in row-major order, as the loop finds it.
import { f32, f64, get, i32, leb, loop, moduleBytes, PAGE_BYTES, set, simd, wasm, type WasmFunction } from '../image/wasmModule.ts';

const I32 = 0x7f;
const F32 = 0x7d;
const F64 = 0x7c;
const V128 = 0x7b;

const I32_ADD = 0x6a;
const I32_SUB = 0x6b;
const I32_GE_U = 0x4f;
const I32_SHL = 0x74;
const F64_NEG = 0x9a;
const F32_MAX = 0x97;
const F64X2_SPLAT = 0x14;
const F64X2_EXTRACT = 0x21;
const F64X2_ADD = 0xf0;
const F64X2_MUL = 0xf2;
const F64X2_DIV = 0xf3;
const F64X2_MAX = 0xf5;
const F64X2_SQRT = 0xef;
const F32X4_SPLAT = 0x13;
const F32X4_EXTRACT = 0x1f;
const F32X4_EQ = 0x41;
const F32X4_ABS = 0xe0;
const F32X4_PMAX = 0xeb;
const V128_XOR = 0x51;
const V128_ANY_TRUE = 0x53;
const SHUFFLE = 0x0d;
const PROMOTE = 0x5f; // f64x2.promote_low_f32x4
const DEMOTE = 0x5e; // f32x4.demote_f64x2_zero
const load2 = simd(0x5d, 0x00, 0x00); // v128.load64_zero: two floats
const load4 = simd(0x00, 0x00, 0x00); // v128.load: four floats
const store4 = simd(0x0b, 0x00, 0x00); // v128.store
/** A loop `while (get(p) < get(end)) { body }`. */
const addTo = (local: number, bytes: number) => [...get(local), ...i32(bytes), I32_ADD, ...set(local)];

/**
 * cross_power(a, b, out, count, phase, floor): for count complex values (count even; byte addresses of interleaved
 * float32 pairs) out = a * conj(b), divided by max(|a * conj(b)|, floor) when phase is not 0. Two values per pass:
 * their square roots and divisions share one instruction each.
 */
function crossPower(): WasmFunction {
  const [a, b, out, count, phase, floor, end, va, vb, r0, r1, t, m] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  const shuffle = (...lanes: number[]) => simd(SHUFFLE, ...lanes);
  const bytes = (from: number) => [from, from + 1, from + 2, from + 3, from + 4, from + 5, from + 6, from + 7];
  // (x0, x1), (y0, y1) as float64 lanes -> (x0, y0), (x1, y1), (x0, x0), (x1, x1), (x1, x0)
  const lows = shuffle(...bytes(0), ...bytes(16));
  const highs = shuffle(...bytes(8), ...bytes(24));
  const dup0 = shuffle(...bytes(0), ...bytes(0));
  const dup1 = shuffle(...bytes(8), ...bytes(8));
  const swap = shuffle(...bytes(8), ...bytes(0));
  // the sign of lane 0 flipped: x - y as x + (-y), exactly
  const negateLow = [...simd(0x0c, 0, 0, 0, 0, 0, 0, 0, 0x80, 0, 0, 0, 0, 0, 0, 0, 0), ...simd(V128_XOR)];
  /** (ar, ai) in va, (br, b_im) in vb: r = (ar br - ai bi, ai br + ar bi) with bi = -b_im, into `to`. */
  const product = (to: number) => [
    ...get(va), ...get(vb), ...simd(F64X2_EXTRACT, 0), ...simd(F64X2_SPLAT), ...simd(F64X2_MUL),
    ...get(va), ...get(va), ...swap, ...get(vb), ...simd(F64X2_EXTRACT, 1), F64_NEG, ...simd(F64X2_SPLAT), ...simd(F64X2_MUL),
    ...negateLow, ...simd(F64X2_ADD), ...set(to),
  ];
  /** The value at byte offset `at` of the loaded four floats (local `from`) widened: (re, im). */
  const widen = (from: number, at: 0 | 8) => [...get(from), ...(at ? [...get(from), ...dup1] : []), ...simd(PROMOTE)];
  const [qa, qb] = [m + 1, m + 2];
  return {
    name: 'cross_power',
    params: [I32, I32, I32, I32, I32, F64],
    locals: [I32, V128, V128, V128, V128, V128, V128, V128, V128],
    code: [
      ...get(out), ...get(count), ...i32(3), I32_SHL, I32_ADD, ...set(end),
      ...loop(out, end, [
        ...get(a), ...load4, ...set(qa),
        ...get(b), ...load4, ...set(qb),
        ...widen(qa, 0), ...set(va), ...widen(qb, 0), ...set(vb), ...product(r0),
        ...widen(qa, 8), ...set(va), ...widen(qb, 8), ...set(vb), ...product(r1),
        // if (phase) r_j *= 1 / max(sqrt(re_j re_j + im_j im_j), floor), both at once
        ...get(phase), 0x04, 0x40,
        ...get(r0), ...get(r0), ...simd(F64X2_MUL), ...get(r1), ...get(r1), ...simd(F64X2_MUL), ...set(t), ...set(m),
        ...get(m), ...get(t), ...lows, ...get(m), ...get(t), ...highs, ...simd(F64X2_ADD), ...simd(F64X2_SQRT),
        ...get(floor), ...simd(F64X2_SPLAT), ...simd(F64X2_MAX), ...set(m),
        ...f64(1), ...simd(F64X2_SPLAT), ...get(m), ...simd(F64X2_DIV), ...set(m),
        ...get(r0), ...get(m), ...get(m), ...dup0, ...simd(F64X2_MUL), ...set(r0),
        ...get(r1), ...get(m), ...get(m), ...dup1, ...simd(F64X2_MUL), ...set(r1),
        0x0b,
        ...get(out), ...get(r0), ...simd(DEMOTE), ...get(r1), ...simd(DEMOTE), ...lows, ...store4,
        ...addTo(a, 16), ...addTo(b, 16), ...addTo(out, 16),
      ]),
    ],
  };
}

/** max_abs(p, count): the largest |x| of count float32 values (count a multiple of 4), NaN never taken; -1 when none. */
function maxAbs(): WasmFunction {
  const [p, count, end, acc] = [0, 1, 2, 3];
  return {
    name: 'max_abs',
    params: [I32, I32],
    result: F32,
    locals: [I32, V128],
    code: [
      ...get(p), ...get(count), ...i32(2), I32_SHL, I32_ADD, ...set(end),
      ...f32(-1), ...simd(F32X4_SPLAT), ...set(acc),
      // pmax(acc, v) = acc < v ? v : acc: a NaN value never replaces acc
      ...loop(p, end, [...get(acc), ...get(p), ...load4, ...simd(F32X4_ABS), ...simd(F32X4_PMAX), ...set(acc), ...addTo(p, 16)]),
      ...get(acc), ...simd(F32X4_EXTRACT, 0), ...get(acc), ...simd(F32X4_EXTRACT, 1), F32_MAX,
      ...get(acc), ...simd(F32X4_EXTRACT, 2), F32_MAX, ...get(acc), ...simd(F32X4_EXTRACT, 3), F32_MAX,
    ],
  };
}

/** first_group(p, count, value): the byte offset from p of the first group of four floats holding |x| == value; count * 4 when none. */
function firstGroup(): WasmFunction {
  const [p, count, value, end, target, start] = [0, 1, 2, 3, 4, 5];
  return {
    name: 'first_group',
    params: [I32, I32, F32],
    result: I32,
    locals: [I32, V128, I32],
    code: [
      ...get(p), ...set(start),
      ...get(p), ...get(count), ...i32(2), I32_SHL, I32_ADD, ...set(end),
      ...get(value), ...simd(F32X4_SPLAT), ...set(target),
      0x02, 0x40, 0x03, 0x40,
      ...get(p), ...get(end), I32_GE_U, 0x0d, 0x01,
      ...get(p), ...load4, ...simd(F32X4_ABS), ...get(target), ...simd(F32X4_EQ), ...simd(V128_ANY_TRUE), 0x0d, 0x01,
      ...addTo(p, 16),
      0x0c, 0x00, 0x0b, 0x0b,
      ...get(p), ...get(start), I32_SUB,
    ],
  };
}

type CrossPower = (a: number, b: number, out: number, count: number, phase: number, floor: number) => void;
type MaxAbs = (p: number, count: number) => number;
type FirstGroup = (p: number, count: number, value: number) => number;

let kernelModule: object | null | undefined;
/** This thread's kernels by size (a 3-D movie registers its XY and XZ planes in turn). */
const kernels = new Map<string, CorrelationKernel>();

/**
 * The kernels with a memory for spectra of `spectrumFloats` floats and planes of `planeFloats` floats (this thread's, one
 * per size); undefined where WebAssembly SIMD is missing or CELLPILOT_NO_DRIFT_KERNEL=1.
 */
export function correlationKernel(spectrumFloats: number, planeFloats: number): CorrelationKernel | undefined {
  if (kernelModule === null || process.env.CELLPILOT_NO_DRIFT_KERNEL === '1') return undefined;
  const key = `${spectrumFloats}:${planeFloats}`;
  const known = kernels.get(key);
  if (known) return known;
  if (kernelModule === undefined) {
    try {
      kernelModule = new wasm.Module(moduleBytes([crossPower(), maxAbs(), firstGroup()]));
    } catch {
      kernelModule = null;
    }
  }
  if (!kernelModule || spectrumFloats % 4 !== 0 || planeFloats % 4 !== 0) return undefined;
  const kernel = new CorrelationKernel(kernelModule, spectrumFloats, planeFloats);
  kernels.set(key, kernel);
  return kernel;
}

/**
 * Spectrum-sized buffers each kernel's memory holds besides its work areas, handed out by spectrumBuffer: a
 * registration's spectra and cross-power products kept there are read and written in place (about 3 MB of copies
 * per 512² pair otherwise). The memory is made once at its full size and never grows (growing it would detach them).
 */
const SPECTRUM_BUFFERS = 12;

export class CorrelationKernel {
  /** Work areas in the kernels' memory: the two spectra, the product, the plane searched. */
  readonly reference: Float32Array;
  readonly moving: Float32Array;
  readonly product: Float32Array;
  readonly plane: Float32Array;
  private readonly at: { reference: number; moving: number; product: number; plane: number; buffers: number };
  private readonly memoryBuffer: ArrayBuffer;
  private buffersHandedOut = 0;
  private readonly cross: CrossPower;
  private readonly max: MaxAbs;
  private readonly first: FirstGroup;

  constructor(module: object, readonly spectrumFloats: number, readonly planeFloats: number) {
    const region = (floats: number) => Math.ceil((4 * floats) / 16) * 16;
    const s = region(spectrumFloats);
    const p = region(planeFloats);
    this.at = { reference: 0, moving: s, product: 2 * s, plane: 3 * s, buffers: 3 * s + p };
    const memory = new wasm.Memory({ initial: Math.ceil((3 * s + p + SPECTRUM_BUFFERS * s) / PAGE_BYTES) });
    const exports = new wasm.Instance(module, { env: { mem: memory } }).exports;
    this.cross = exports.cross_power as CrossPower;
    this.max = exports.max_abs as MaxAbs;
    this.first = exports.first_group as FirstGroup;
    this.memoryBuffer = memory.buffer as ArrayBuffer;
    this.reference = new Float32Array(memory.buffer, this.at.reference, spectrumFloats);
    this.moving = new Float32Array(memory.buffer, this.at.moving, spectrumFloats);
    this.product = new Float32Array(memory.buffer, this.at.product, spectrumFloats);
    this.plane = new Float32Array(memory.buffer, this.at.plane, planeFloats);
  }

  /**
   * A spectrum-sized buffer in the kernels' memory, the caller's from now on (to keep and reuse: it is never handed
   * out again), which crossPower reads or writes in place; undefined once all SPECTRUM_BUFFERS are handed out.
   */
  spectrumBuffer(): Float32Array | undefined {
    if (this.buffersHandedOut === SPECTRUM_BUFFERS) return undefined;
    const at = this.at.buffers + this.buffersHandedOut++ * Math.ceil((4 * this.spectrumFloats) / 16) * 16;
    return new Float32Array(this.memoryBuffer, at, this.spectrumFloats);
  }

  /** Byte address of `values` where it lies in the kernels' memory (a spectrumBuffer), else -1. */
  private addressOf(values: Float32Array): number {
    return values.buffer === this.memoryBuffer && values.length === this.spectrumFloats ? values.byteOffset : -1;
  }

  /**
   * reference * conj(moving), whitened when `phase` (below `floor` the magnitude is taken as floor): into `out` where it
   * is a spectrumBuffer (returned), else into this.product. Spectra in spectrumBuffers are read where they lie.
   */
  crossPower(reference: Float32Array, moving: Float32Array, phase: boolean, floor: number, out?: Float32Array): Float32Array {
    let a = this.addressOf(reference);
    if (a < 0) this.reference.set(reference), (a = this.at.reference);
    let b = this.addressOf(moving);
    if (b < 0) this.moving.set(moving), (b = this.at.moving);
    const into = out ? this.addressOf(out) : -1;
    this.cross(a, b, into >= 0 ? into : this.at.product, this.spectrumFloats >> 1, phase ? 1 : 0, floor);
    return into >= 0 ? out! : this.product;
  }

  /** The index of the first largest |value| of `values` (planeFloats of them; NaN never taken; 0 when every value is NaN). */
  argmaxAbs(values: Float32Array): number {
    const plane = this.plane;
    plane.set(values);
    const n = this.planeFloats;
    const best = this.max(this.at.plane, n);
    if (!(best >= 0)) return 0;
    const group = this.first(this.at.plane, n, best) >> 2;
    for (let i = group; i < Math.min(n, group + 4); i++) if (Math.abs(plane[i]) === best) return i;
    return 0;
  }
}
