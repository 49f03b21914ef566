// XXH3-128 (xxHash's 128-bit hash, seed 0: the digest hash-wasm's xxhash128 gives, which
// provenance records as "xxh128"), with its long-input loop hand-assembled in WebAssembly
// SIMD: a movie's planes are hashed at memory speed while they are read or written
// (issue 16: provenance hashing cost ~55 ms of CPU per 150 MiB through hash-wasm's scalar
// build plus ~12 ms to load it; this runs ~4x faster and compiles in well under 1 ms).
// Bytes that lie in a memory made by hashablePlane() are hashed where they are, with no copy
// (writeMovie reads each plane straight into one, so the read and the write of an export
// hash the same bytes in place); any other bytes are copied into a staging area first.
// Inputs of up to 240 bytes, and the final merge, run in BigInt: once per hash.
// Algorithm: Y. Collet, xxHash (XXH3), https://github.com/Cyan4973/xxHash (BSD-2-Clause).
import { leb, moduleBytes, PAGE_BYTES, sleb, wasm, type WasmFunction } from './wasmModule.ts';

const M64 = (1n << 64n) - 1n;
const PRIME32_1 = 0x9e3779b1n;
const PRIME32_2 = 0x85ebca77n;
const PRIME32_3 = 0xc2b2ae3dn;
const PRIME64_1 = 0x9e3779b185ebca87n;
const PRIME64_2 = 0xc2b2ae3d27d4eb4fn;
const PRIME64_3 = 0x165667b19e3779f9n;
const PRIME64_4 = 0x85ebca77c2b2ae63n;
const PRIME64_5 = 0x27d4eb2f165667c5n;
const PRIME_MX1 = 0x165667919e3779f9n;
const PRIME_MX2 = 0x9fb21c651e98df25n;

/** XXH3's default secret (XXH3_kSecret). */
const SECRET = Uint8Array.from([
  0xb8, 0xfe, 0x6c, 0x39, 0x23, 0xa4, 0x4b, 0xbe, 0x7c, 0x01, 0x81, 0x2c, 0xf7, 0x21, 0xad, 0x1c,
  0xde, 0xd4, 0x6d, 0xe9, 0x83, 0x90, 0x97, 0xdb, 0x72, 0x40, 0xa4, 0xa4, 0xb7, 0xb3, 0x67, 0x1f,
  0xcb, 0x79, 0xe6, 0x4e, 0xcc, 0xc0, 0xe5, 0x78, 0x82, 0x5a, 0xd0, 0x7d, 0xcc, 0xff, 0x72, 0x21,
  0xb8, 0x08, 0x46, 0x74, 0xf7, 0x43, 0x24, 0x8e, 0xe0, 0x35, 0x90, 0xe6, 0x81, 0x3a, 0x26, 0x4c,
  0x3c, 0x28, 0x52, 0xbb, 0x91, 0xc3, 0x00, 0xcb, 0x88, 0xd0, 0x65, 0x8b, 0x1b, 0x53, 0x2e, 0xa3,
  0x71, 0x64, 0x48, 0x97, 0xa2, 0x0d, 0xf9, 0x4e, 0x38, 0x19, 0xef, 0x46, 0xa9, 0xde, 0xac, 0xd8,
  0xa8, 0xfa, 0x76, 0x3f, 0xe3, 0x9c, 0x34, 0x3f, 0xf9, 0xdc, 0xbb, 0xc7, 0xc7, 0x0b, 0x4f, 0x1d,
  0x8a, 0x51, 0xe0, 0x4b, 0xcd, 0xb4, 0x59, 0x31, 0xc8, 0x9f, 0x7e, 0xc9, 0xd9, 0x78, 0x73, 0x64,
  0xea, 0xc5, 0xac, 0x83, 0x34, 0xd3, 0xeb, 0xc3, 0xc5, 0x81, 0xa0, 0xff, 0xfa, 0x13, 0x63, 0xeb,
  0x17, 0x0d, 0xdd, 0x51, 0xb7, 0xf0, 0xda, 0x49, 0xd3, 0x16, 0x55, 0x26, 0x29, 0xd4, 0x68, 0x9e,
  0x2b, 0x16, 0xbe, 0x58, 0x7d, 0x47, 0xa1, 0xfc, 0x8f, 0xf8, 0xb8, 0xd1, 0x7a, 0xd0, 0x31, 0xce,
  0x45, 0xcb, 0x3a, 0x8f, 0x95, 0x16, 0x04, 0x28, 0xaf, 0xd7, 0xfb, 0xca, 0xbb, 0x4b, 0x40, 0x7e,
]);
const SECRET_VIEW = new DataView(SECRET.buffer);
const STRIPE = 64;
const STRIPES_PER_BLOCK = (SECRET.length - STRIPE) / 8; // 16
const MIDSIZE_MAX = 240;
const INIT_ACC = [PRIME32_3, PRIME64_1, PRIME64_2, PRIME64_3, PRIME64_4, PRIME32_2, PRIME64_5, PRIME32_1];

// ---- the WebAssembly kernels -------------------------------------------------------------
// The hasher's header in a memory, from its base: the secret, the accumulators at ACC_AT,
// one stripe of scratch at SCRATCH_AT. Memories of our own put it at 0 and the payload
// (staging, or a plane handed out by hashablePlane) at PAYLOAD_AT; another module's memory
// lends HASH_HEADER_BYTES anywhere (hashInPlace).
const ACC_AT = 256;
const SCRATCH_AT = 320;
/** Bytes a memory lends the hasher (hashInPlace) so that the bytes in it are hashed in place. */
export const HASH_HEADER_BYTES = 384;
const PAYLOAD_AT = 512;
const STAGING_BYTES = 1 << 20;

// opcodes
const GET = 0x20, SET = 0x21, I32 = 0x41, ADD = 0x6a, SUB = 0x6b, SHL = 0x74, EQZ = 0x45, EQ = 0x46;
const v128 = (op: number) => [0xfd, ...leb(op)];
const load = (offset: number) => [...v128(0x00), 0x00, ...leb(offset)]; // v128.load align=1
const store = (offset: number) => [...v128(0x0b), 0x00, ...leb(offset)];
const shuffle = (lanes: number[]) => [...v128(0x0d), ...lanes];
const XOR = v128(0x51), ADD64 = v128(0xce), SHR64 = v128(0xcd), MUL64 = v128(0xd5), EXTMUL_LO_U32 = v128(0xde), EXTMUL_HI_U32 = v128(0xdf);
const EVEN32S = [0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 27];
const ODD32S = [4, 5, 6, 7, 12, 13, 14, 15, 20, 21, 22, 23, 28, 29, 30, 31];
const SWAP64 = [8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7];
const LOW32S = [0, 1, 2, 3, 8, 9, 10, 11, 0, 1, 2, 3, 8, 9, 10, 11];
const HIGH32S = [4, 5, 6, 7, 12, 13, 14, 15, 4, 5, 6, 7, 12, 13, 14, 15];
const V128 = 0x7b;

/** acc[j] (locals a0..a3) += one stripe: input at local `input`, secret at local `secret`; uses locals d, dk and dk + 1 (the
 * products of two vectors from one pair of shuffles, extmul low and high: 4 shuffles per stripe instead of 8). */
function stripeCode(input: number, secret: number, a: number[], d: number, dk: number): number[] {
  const code: number[] = [];
  for (let j = 0; j < 4; j += 2) {
    // dk = data ^ key of vectors j and j + 1 (dk, dk + 1 hold them); products via one pair of shuffles
    code.push(GET, input, ...load(16 * j), SET, d);
    code.push(GET, d, GET, secret, ...load(16 * j), ...XOR, SET, dk);
    code.push(GET, a[j], GET, d, GET, d, ...shuffle(SWAP64), ...ADD64, SET, a[j]);
    code.push(GET, input, ...load(16 * j + 16), SET, d);
    code.push(GET, d, GET, secret, ...load(16 * j + 16), ...XOR, SET, dk + 1);
    code.push(GET, a[j + 1], GET, d, GET, d, ...shuffle(SWAP64), ...ADD64, SET, a[j + 1]);
    code.push(GET, dk, GET, dk + 1, ...shuffle(EVEN32S), SET, d);
    code.push(GET, dk, GET, dk + 1, ...shuffle(ODD32S), SET, dk);
    code.push(GET, a[j], GET, d, GET, dk, ...EXTMUL_LO_U32, ...ADD64, SET, a[j]);
    code.push(GET, a[j + 1], GET, d, GET, dk, ...EXTMUL_HI_U32, ...ADD64, SET, a[j + 1]);
  }
  return code;
}

const loadAccs = (acc: number, a: number[]) => a.flatMap((l, j) => [GET, acc, ...load(16 * j), SET, l]);
const storeAccs = (acc: number, a: number[]) => a.flatMap((l, j) => [GET, acc, GET, l, ...store(16 * j)]);

/**
 * accumulate(acc, input, stripes, k, base) -> k: `stripes` stripes from `input`, the first
 * one the k-th of its block, with the secret at `base`; after a block's last stripe the
 * accumulators are scrambled. Returns the next stripe's place in its block.
 */
function accumulateFunction(): WasmFunction {
  const [acc, input, n, k, base, secret, a0, a1, a2, a3, d, dk] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
  const a = [a0, a1, a2, a3];
  const scramble = a.flatMap((l, j) => [
    // acc ^= acc >> 47; acc ^= key; acc *= PRIME32_1
    GET, l, GET, l, I32, 47, ...SHR64, ...XOR, GET, base, ...load(128 + 16 * j), ...XOR,
    0x42, ...sleb64(PRIME32_1), ...v128(0x12), ...MUL64, SET, l,
  ]);
  const code = [
    ...loadAccs(acc, a),
    0x02, 0x40, 0x03, 0x40, // block, loop
    GET, n, EQZ, 0x0d, 0x01, // n == 0: break
    GET, base, GET, k, I32, 3, SHL, ADD, SET, secret,
    ...stripeCode(input, secret, a, d, dk),
    GET, input, I32, ...sleb(STRIPE), ADD, SET, input,
    GET, n, I32, 1, SUB, SET, n,
    GET, k, I32, 1, ADD, SET, k,
    GET, k, I32, STRIPES_PER_BLOCK, EQ, 0x04, 0x40, ...scramble, I32, 0, SET, k, 0x0b,
    0x0c, 0x00, // continue
    0x0b, 0x0b,
    ...storeAccs(acc, a),
    GET, k,
  ];
  return { name: 'accumulate', params: [0x7f, 0x7f, 0x7f, 0x7f, 0x7f], result: 0x7f, locals: [0x7f, V128, V128, V128, V128, V128, V128, V128], code };
}

/** stripe(acc, input, secret): one stripe with the secret at any address (the last stripe's). */
function stripeFunction(): WasmFunction {
  const [acc, input, secret, a0, a1, a2, a3, d, dk] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const a = [a0, a1, a2, a3];
  const code = [...loadAccs(acc, a), ...stripeCode(input, secret, a, d, dk), ...storeAccs(acc, a)];
  return { name: 'stripe', params: [0x7f, 0x7f, 0x7f], locals: [V128, V128, V128, V128, V128, V128, V128], code };
}

/** Signed LEB128 of a 64-bit constant (i64.const immediates). */
function sleb64(value: bigint): number[] {
  const out: number[] = [];
  let v = BigInt.asIntN(64, value);
  for (;;) {
    const byte = Number(v & 0x7fn);
    v >>= 7n;
    if ((v === 0n && !(byte & 0x40)) || (v === -1n && byte & 0x40)) return [...out, byte];
    out.push(byte | 0x80);
  }
}


interface Kernels {
  memory: { buffer: ArrayBuffer };
  bytes: Uint8Array;
  /** Where the header lies in the memory. */
  base: number;
  accumulate(acc: number, input: number, stripes: number, k: number, base: number): number;
  stripe(acc: number, input: number, secret: number): void;
}

/** The kernels' module, assembled from the functions above. */
export function kernelModuleBytes(): Uint8Array {
  return moduleBytes([accumulateFunction(), stripeFunction()]);
}

/**
 * kernelModuleBytes() as a fresh process would assemble it: assembling runs cold (~3 ms of
 * CPU per command, against ~0.3 ms to compile the 1.2 KB), so it is kept here; a test checks
 * that it is still what the functions above assemble (regenerate it when they change).
 */
export const KERNEL_MODULE_BASE64 =
  'AGFzbQEAAAABEAJgBX9/f39/AX9gA39/fwACDAEDZW52A21lbQIAAQMDAgABBxcCCmFjY3VtdWxhdGUAAAZzdHJpcGUAAQqGCALhBAIBfwd7IAD9AAAAIQYgAP0AABAhByAA/QAAICEIIAD9AAAwIQkCQANAIAJFDQEgBCADQQN0aiEFIAH9AAAAIQogCiAF/QAAAP1RIQsgBiAKIAr9DQgJCgsMDQ4PAAECAwQFBgf9zgEhBiAB/QAAECEKIAogBf0AABD9USEMIAcgCiAK/Q0ICQoLDA0ODwABAgMEBQYH/c4BIQcgCyAM/Q0AAQIDCAkKCxAREhMYGRobIQogCyAM/Q0EBQYHDA0ODxQVFhccHR4fIQsgBiAKIAv93gH9zgEhBiAHIAogC/3fAf3OASEHIAH9AAAgIQogCiAF/QAAIP1RIQsgCCAKIAr9DQgJCgsMDQ4PAAECAwQFBgf9zgEhCCAB/QAAMCEKIAogBf0AADD9USEMIAkgCiAK/Q0ICQoLDA0ODwABAgMEBQYH/c4BIQkgCyAM/Q0AAQIDCAkKCxAREhMYGRobIQogCyAM/Q0EBQYHDA0ODxQVFhccHR4fIQsgCCAKIAv93gH9zgEhCCAJIAogC/3fAf3OASEJIAFBwABqIQEgAkEBayECIANBAWohAyADQRBGBEAgBiAGQS/9zQH9USAE/QAAgAH9UUKx893xCf0S/dUBIQYgByAHQS/9zQH9USAE/QAAkAH9UUKx893xCf0S/dUBIQcgCCAIQS/9zQH9USAE/QAAoAH9UUKx893xCf0S/dUBIQggCSAJQS/9zQH9USAE/QAAsAH9UUKx893xCf0S/dUBIQlBACEDCwwACwsgACAG/QsAACAAIAf9CwAQIAAgCP0LACAgACAJ/QsAMCADC6ADAQd7IAD9AAAAIQMgAP0AABAhBCAA/QAAICEFIAD9AAAwIQYgAf0AAAAhByAHIAL9AAAA/VEhCCADIAcgB/0NCAkKCwwNDg8AAQIDBAUGB/3OASEDIAH9AAAQIQcgByAC/QAAEP1RIQkgBCAHIAf9DQgJCgsMDQ4PAAECAwQFBgf9zgEhBCAIIAn9DQABAgMICQoLEBESExgZGhshByAIIAn9DQQFBgcMDQ4PFBUWFxwdHh8hCCADIAcgCP3eAf3OASEDIAQgByAI/d8B/c4BIQQgAf0AACAhByAHIAL9AAAg/VEhCCAFIAcgB/0NCAkKCwwNDg8AAQIDBAUGB/3OASEFIAH9AAAwIQcgByAC/QAAMP1RIQkgBiAHIAf9DQgJCgsMDQ4PAAECAwQFBgf9zgEhBiAIIAn9DQABAgMICQoLEBESExgZGhshByAIIAn9DQQFBgcMDQ4PFBUWFxwdHh8hCCAFIAcgCP3eAf3OASEFIAYgByAI/d8B/c4BIQYgACAD/QsAACAAIAT9CwAQIAAgBf0LACAgACAG/QsAMAs=';

let compiled: object | null | undefined;

/** The compiled module, or null where WebAssembly SIMD is unavailable. */
function module(): object | null {
  if (compiled === undefined) {
    try {
      compiled = new wasm.Module(Buffer.from(KERNEL_MODULE_BASE64, 'base64'));
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/** An instance with `payloadBytes` of room after the header, in a memory of its own; undefined without SIMD. */
function instantiate(payloadBytes: number): Kernels | undefined {
  return module() ? instantiateOn(new wasm.Memory({ initial: Math.ceil((PAYLOAD_AT + payloadBytes) / PAGE_BYTES) }), 0) : undefined;
}

/** The kernels on `memory`, with their header at `base`. */
function instantiateOn(memory: WasmMemory, base: number): Kernels {
  const instance = new wasm.Instance(module()!, { env: { mem: memory } });
  const bytes = new Uint8Array(memory.buffer);
  bytes.set(SECRET, base);
  const exports = instance.exports as unknown as Pick<Kernels, 'accumulate' | 'stripe'>;
  return { memory, bytes, base, accumulate: exports.accumulate, stripe: exports.stripe };
}

type WasmMemory = InstanceType<typeof wasm.Memory>;

let staging: Kernels | undefined;
/** Kernels on memories whose bytes are hashed in place (hashablePlane, hashInPlace), by the memory's buffer. */
const planeMemories = new WeakMap<ArrayBuffer, Kernels>();

/**
 * Lets the hasher read the bytes of another module's WebAssembly `memory` where they lie
 * (PlaneExtremes reads planes straight into its own memory): the memory lends it
 * HASH_HEADER_BYTES at `headerAt`, which its owner then leaves alone. The memory must not
 * grow afterwards (its bytes would be in a new buffer). No-op without SIMD.
 */
export function hashInPlace(memory: WasmMemory, headerAt: number): void {
  if (!module() || headerAt < 0 || headerAt + HASH_HEADER_BYTES > memory.buffer.byteLength) return;
  planeMemories.set(memory.buffer, instantiateOn(memory, headerAt));
}

/** Whether the SIMD kernels run here (else every hash is computed by the BigInt code: correct, slow). */
export function xxh128Simd(): boolean {
  return module() !== null;
}

/**
 * `byteLength` bytes the hasher reads where they are, with no copy (a plane buffer for a
 * reader and writer); undefined where WebAssembly SIMD is unavailable. Never transfer it
 * to another thread (a WebAssembly memory cannot be detached).
 */
export function hashablePlane(byteLength: number): Uint8Array | undefined {
  if (byteLength > 2 ** 31) return undefined;
  let kernels: Kernels | undefined;
  try {
    kernels = instantiate(byteLength);
  } catch {
    return undefined; // no memory of that size to be had: the caller allocates its own
  }
  if (!kernels) return undefined;
  planeMemories.set(kernels.memory.buffer, kernels);
  return new Uint8Array(kernels.memory.buffer, PAYLOAD_AT, byteLength);
}

// ---- 64-bit helpers (BigInt: the short inputs and the final merge) ------------------------
const mul = (a: bigint, b: bigint) => (a * b) & M64;
const xorshift = (v: bigint, s: bigint) => v ^ (v >> s);
function fold(a: bigint, b: bigint): bigint {
  const p = a * b;
  return (p & M64) ^ (p >> 64n);
}
function avalanche3(h: bigint): bigint {
  return xorshift(mul(xorshift(h, 37n), PRIME_MX1), 32n);
}
function avalanche64(h: bigint): bigint {
  h = mul(xorshift(h, 33n), PRIME64_2);
  h = mul(xorshift(h, 29n), PRIME64_3);
  return xorshift(h, 32n);
}
const swap32 = (v: number) => (((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24)) >>> 0;
function swap64(v: bigint): bigint {
  let out = 0n;
  for (let i = 0; i < 8; i++) out = (out << 8n) | ((v >> BigInt(8 * i)) & 0xffn);
  return out;
}
const secret64 = (at: number) => SECRET_VIEW.getBigUint64(at, true);
const secret32 = (at: number) => BigInt(SECRET_VIEW.getUint32(at, true));

function mix16(input: DataView, at: number, secretAt: number, seed: bigint): bigint {
  return fold(input.getBigUint64(at, true) ^ ((secret64(secretAt) + seed) & M64), input.getBigUint64(at + 8, true) ^ ((secret64(secretAt + 8) - seed) & M64));
}

function mix32(acc: [bigint, bigint], input: DataView, at1: number, at2: number, secretAt: number, seed: bigint): [bigint, bigint] {
  let [lo, hi] = acc;
  lo = (lo + mix16(input, at1, secretAt, seed)) & M64;
  lo ^= (input.getBigUint64(at2, true) + input.getBigUint64(at2 + 8, true)) & M64;
  hi = (hi + mix16(input, at2, secretAt + 16, seed)) & M64;
  hi ^= (input.getBigUint64(at1, true) + input.getBigUint64(at1 + 8, true)) & M64;
  return [lo, hi];
}

/** XXH3_128bits of up to 240 bytes, as [low64, high64]. */
function shortHash(bytes: Uint8Array): [bigint, bigint] {
  const len = bytes.byteLength;
  const view = new DataView(bytes.buffer, bytes.byteOffset, len);
  const n = BigInt(len);
  if (len === 0) return [avalanche64(secret64(64) ^ secret64(72)), avalanche64(secret64(80) ^ secret64(88))];
  if (len <= 3) {
    const combinedl = ((bytes[0] << 16) | (bytes[len >> 1] << 24) | bytes[len - 1] | (len << 8)) >>> 0;
    const swapped = swap32(combinedl);
    const combinedh = ((swapped << 13) | (swapped >>> 19)) >>> 0;
    return [avalanche64(BigInt(combinedl) ^ (secret32(0) ^ secret32(4))), avalanche64(BigInt(combinedh) ^ (secret32(8) ^ secret32(12)))];
  }
  if (len <= 8) {
    const input64 = BigInt(view.getUint32(0, true)) + (BigInt(view.getUint32(len - 4, true)) << 32n);
    const keyed = input64 ^ (secret64(16) ^ secret64(24));
    const p = keyed * ((PRIME64_1 + (n << 2n)) & M64);
    let lo = p & M64;
    let hi = p >> 64n;
    hi = (hi + (lo << 1n)) & M64;
    lo ^= hi >> 3n;
    lo = xorshift(lo, 35n);
    lo = mul(lo, PRIME_MX2);
    lo = xorshift(lo, 28n);
    return [lo, avalanche3(hi)];
  }
  if (len <= 16) {
    const bitflipl = secret64(32) ^ secret64(40);
    const bitfliph = secret64(48) ^ secret64(56);
    const inputLo = view.getBigUint64(0, true);
    let inputHi = view.getBigUint64(len - 8, true);
    const m = (inputLo ^ inputHi ^ bitflipl) * PRIME64_1;
    let mLo = ((m & M64) + ((n - 1n) << 54n)) & M64;
    inputHi ^= bitfliph;
    let mHi = ((m >> 64n) + inputHi + (inputHi & 0xffffffffn) * (PRIME32_2 - 1n)) & M64;
    mLo ^= swap64(mHi);
    const h = mLo * PRIME64_2;
    const hLo = h & M64;
    const hHi = ((h >> 64n) + mHi * PRIME64_2) & M64;
    mHi = hHi;
    return [avalanche3(hLo), avalanche3(mHi)];
  }
  let acc: [bigint, bigint] = [mul(n, PRIME64_1), 0n];
  if (len <= 128) {
    if (len > 32) {
      if (len > 64) {
        if (len > 96) acc = mix32(acc, view, 48, len - 64, 96, 0n);
        acc = mix32(acc, view, 32, len - 48, 64, 0n);
      }
      acc = mix32(acc, view, 16, len - 32, 32, 0n);
    }
    acc = mix32(acc, view, 0, len - 16, 0, 0n);
  } else {
    const rounds = Math.floor(len / 32);
    for (let i = 0; i < 4; i++) acc = mix32(acc, view, 32 * i, 32 * i + 16, 32 * i, 0n);
    acc = [avalanche3(acc[0]), avalanche3(acc[1])];
    for (let i = 4; i < rounds; i++) acc = mix32(acc, view, 32 * i, 32 * i + 16, 3 + 32 * (i - 4), 0n);
    acc = mix32(acc, view, len - 16, len - 32, 136 - 17 - 16, 0n);
  }
  const lo = (acc[0] + acc[1]) & M64;
  const hi = (mul(acc[0], PRIME64_1) + mul(acc[1], PRIME64_4) + mul(n, PRIME64_2)) & M64;
  return [avalanche3(lo), (-avalanche3(hi)) & M64];
}

function mergeAccs(acc: bigint[], secretAt: number, start: bigint): bigint {
  let result = start;
  for (let i = 0; i < 4; i++) result = (result + fold(acc[2 * i] ^ secret64(secretAt + 16 * i), acc[2 * i + 1] ^ secret64(secretAt + 16 * i + 8))) & M64;
  return avalanche3(result);
}

// ---- the scalar long loop (no SIMD: same results, BigInt speed) ---------------------------
function scalarAccumulate(acc: bigint[], data: DataView, at: number, stripes: number, k: number): number {
  for (let s = 0; s < stripes; s++, at += STRIPE) {
    scalarStripe(acc, data, at, 8 * k);
    if (++k === STRIPES_PER_BLOCK) {
      for (let i = 0; i < 8; i++) acc[i] = mul(xorshift(acc[i], 47n) ^ secret64(128 + 8 * i), PRIME32_1);
      k = 0;
    }
  }
  return k;
}
function scalarStripe(acc: bigint[], data: DataView, at: number, secretAt: number): void {
  for (let i = 0; i < 8; i++) {
    const v = data.getBigUint64(at + 8 * i, true);
    const key = v ^ secret64(secretAt + 8 * i);
    acc[i ^ 1] = (acc[i ^ 1] + v) & M64;
    acc[i] = (acc[i] + (key & 0xffffffffn) * (key >> 32n)) & M64;
  }
}

/**
 * A streaming XXH3-128 (seed 0): update() with the bytes in order, then digestHex(), the
 * canonical form (high 64 bits first), which equals hash-wasm's xxhash128(bytes).
 */
export class Xxh128 {
  private readonly acc = new Uint8Array(64);
  private readonly accView = new DataView(this.acc.buffer);
  /** The next stripe's place in its block. */
  private k = 0;
  private total = 0;
  /** Bytes not yet accumulated (1..64 once anything was given): a stripe is accumulated only when a byte follows it. */
  private readonly tail = new Uint8Array(STRIPE);
  private tailBytes = 0;
  /** The last 64 bytes given. */
  private readonly last = new Uint8Array(STRIPE);
  /** The first 240 bytes (inputs this short have their own hash). */
  private readonly head = new Uint8Array(MIDSIZE_MAX);

  constructor() {
    INIT_ACC.forEach((v, i) => this.accView.setBigUint64(8 * i, v, true));
  }

  /** Bytes hashed so far. */
  get bytes(): number {
    return this.total;
  }

  update(bytes: Uint8Array): this {
    const len = bytes.byteLength;
    if (len === 0) return this;
    if (this.total < MIDSIZE_MAX) this.head.set(bytes.subarray(0, MIDSIZE_MAX - this.total), this.total);
    this.total += len;
    if (len >= STRIPE) this.last.set(bytes.subarray(len - STRIPE));
    else {
      this.last.copyWithin(0, len);
      this.last.set(bytes, STRIPE - len);
    }
    let i = 0;
    if (this.tailBytes > 0) {
      i = Math.min(STRIPE - this.tailBytes, len);
      this.tail.set(bytes.subarray(0, i), this.tailBytes);
      this.tailBytes += i;
      if (this.tailBytes < STRIPE || i === len) return this;
      this.consume(this.tail, 0, 1);
      this.tailBytes = 0;
    }
    const stripes = Math.floor((len - i - 1) / STRIPE);
    this.consume(bytes, i, stripes);
    i += stripes * STRIPE;
    this.tail.set(bytes.subarray(i));
    this.tailBytes = len - i;
    return this;
  }

  /** The hash of everything given, as 32 hex digits (high 64 bits first); the state is left as it was. */
  digestHex(): string {
    let lo: bigint;
    let hi: bigint;
    if (this.total <= MIDSIZE_MAX) [lo, hi] = shortHash(this.head.subarray(0, this.total));
    else {
      const acc = this.lastStripeAccs();
      const n = BigInt(this.total);
      lo = mergeAccs(acc, 11, mul(n, PRIME64_1));
      hi = mergeAccs(acc, SECRET.length - 64 - 11, ~mul(n, PRIME64_2) & M64);
    }
    return hi.toString(16).padStart(16, '0') + lo.toString(16).padStart(16, '0');
  }

  /** The accumulators after the last stripe (the last 64 bytes, with the secret at 121), without changing the state. */
  private lastStripeAccs(): bigint[] {
    const kernels = staging ?? (staging = instantiate(STAGING_BYTES));
    if (kernels) {
      const { base } = kernels;
      kernels.bytes.set(this.acc, base + ACC_AT);
      kernels.bytes.set(this.last, base + SCRATCH_AT);
      kernels.stripe(base + ACC_AT, base + SCRATCH_AT, base + SECRET.length - STRIPE - 7);
      const view = new DataView(kernels.memory.buffer, base + ACC_AT, 64);
      return Array.from({ length: 8 }, (_, i) => view.getBigUint64(8 * i, true));
    }
    const acc = Array.from({ length: 8 }, (_, i) => this.accView.getBigUint64(8 * i, true));
    scalarStripe(acc, new DataView(this.last.buffer, this.last.byteOffset, STRIPE), 0, SECRET.length - STRIPE - 7);
    return acc;
  }

  /** Accumulates `stripes` stripes of `bytes` from `at`: in place when they lie in a hashable plane, else through the staging area. */
  private consume(bytes: Uint8Array, at: number, stripes: number): void {
    if (stripes <= 0) return;
    const own = planeMemories.get(bytes.buffer as ArrayBuffer);
    if (own) {
      this.run(own, bytes.byteOffset + at, stripes);
      return;
    }
    const kernels = staging ?? (staging = instantiate(STAGING_BYTES));
    if (!kernels) {
      const acc = Array.from({ length: 8 }, (_, i) => this.accView.getBigUint64(8 * i, true));
      this.k = scalarAccumulate(acc, new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), at, stripes, this.k);
      acc.forEach((v, i) => this.accView.setBigUint64(8 * i, v, true));
      return;
    }
    const perChunk = STAGING_BYTES / STRIPE;
    for (let done = 0; done < stripes; ) {
      const n = Math.min(perChunk, stripes - done);
      const from = at + done * STRIPE;
      kernels.bytes.set(bytes.subarray(from, from + n * STRIPE), PAYLOAD_AT);
      this.run(kernels, PAYLOAD_AT, n);
      done += n;
    }
  }

  private run(kernels: Kernels, address: number, stripes: number): void {
    const at = kernels.base + ACC_AT;
    kernels.bytes.set(this.acc, at);
    this.k = kernels.accumulate(at, address, stripes, this.k, kernels.base);
    this.acc.set(kernels.bytes.subarray(at, at + 64));
  }
}

/** XXH3-128 of `bytes` as 32 hex digits (hash-wasm's xxhash128). */
export function xxh128Hex(bytes: Uint8Array): string {
  return new Xxh128().update(bytes).digestHex();
}
