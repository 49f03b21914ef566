// The WebAssembly binary format, as far as our hand-assembled kernels need it: functions that
// share one imported memory (`env.mem`), each exported under its name. The kernels themselves
// (src/image/simdKernels.ts, src/analysis/lapKernels.ts) write only their instructions.

/** Unsigned LEB128, as WebAssembly encodes sizes, counts, indices and opcodes. */
export function leb(value: number): number[] {
  const out: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value) byte |= 0x80;
    out.push(byte);
  } while (value);
  return out;
}

/** Signed LEB128 (i32.const immediates). */
export function sleb(value: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = value & 0x7f;
    value >>= 7;
    if ((value === 0 && !(byte & 0x40)) || (value === -1 && byte & 0x40)) return [...out, byte];
    out.push(byte | 0x80);
  }
}

/** Instruction encoders the kernels share: local.get/set, constants, a SIMD opcode, a counted loop. */
export const get = (local: number) => [0x20, ...leb(local)];
export const set = (local: number) => [0x21, ...leb(local)];
export const i32 = (value: number) => [0x41, ...sleb(value)];
export const f64 = (value: number) => [0x44, ...new Uint8Array(Float64Array.of(value).buffer)];
export const f32 = (value: number) => [0x43, ...new Uint8Array(Float32Array.of(value).buffer)];
export const simd = (op: number, ...rest: number[]) => [0xfd, ...leb(op), ...rest];
/** `while (p < end) body`: the body advances `p` itself. */
export const loop = (p: number, end: number, body: number[]) => [0x02, 0x40, 0x03, 0x40, ...get(p), ...get(end), 0x4f /* i32.ge_u */, 0x0d, 0x01, ...body, 0x0c, 0x00, 0x0b, 0x0b];

const section = (id: number, body: number[]) => [id, ...leb(body.length), ...body];
const vec = (items: number[][]) => [...leb(items.length), ...items.flat()];
const name = (text: string) => [...leb(text.length), ...[...text].map((ch) => ch.charCodeAt(0))];

/** One exported function: value types as WebAssembly codes (0x7f i32, 0x7c f64, ...). */
export interface WasmFunction {
  name: string;
  params: number[];
  /** The result type, or undefined for none. */
  result?: number;
  /** Extra locals, in order after the params. */
  locals: number[];
  /** The instructions, without the final `end`. */
  code: number[];
}

/** A function body: its locals in runs of one type, its code and the closing `end`. */
function functionBody(f: WasmFunction): number[] {
  const groups: number[][] = [];
  for (const type of f.locals) {
    const last = groups[groups.length - 1];
    if (last && last[1] === type) last[0]++;
    else groups.push([1, type]);
  }
  const code = [...vec(groups), ...f.code, 0x0b];
  return [...leb(code.length), ...code];
}

/** A module of `functions` over one imported memory (`env.mem`, at least one page), each exported by name. */
export function moduleBytes(functions: WasmFunction[]): Uint8Array {
  const signature = (f: WasmFunction) => [0x60, ...vec(f.params.map((p) => [p])), ...(f.result === undefined ? [0x00] : [0x01, f.result])];
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec(functions.map(signature))),
    ...section(2, vec([[...name('env'), ...name('mem'), 0x02, 0x00, 0x01]])),
    ...section(3, vec(functions.map((_, i) => leb(i)))),
    ...section(7, vec(functions.map((f, i) => [...name(f.name), 0x00, ...leb(i)]))),
    ...section(10, vec(functions.map(functionBody))),
  ]);
}

/** The part of the WebAssembly API the kernels use (the project's TypeScript libs do not declare it). */
export interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number }) => { buffer: ArrayBuffer; grow(pages: number): number };
}
export const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** Bytes in a WebAssembly memory page. */
export const PAGE_BYTES = 65536;
