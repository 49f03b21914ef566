// TIFF LZW decoding in WebAssembly, hand-assembled like the projection kernels (no
// toolchain, no package). The same algorithm as libtiff's: every table entry is a string
// the decoder has already written (the previous code's string and the first byte of the
// next), so an entry is (where in the output, how long) and decoding a code is a copy from
// earlier output. The copy moves 8 bytes at a time and may write up to 7 bytes past the
// string (later overwritten, or in the slack after the output): an entry's string always
// ends at or before the position being written, so every byte it needs is read before any
// store can reach it. In JavaScript the same loop ran ~175 MB/s of output on 16-bit frames
// of a real movie (Fluo-N2DH-SIM+), per-code overhead and byte-at-a-time copies.
import { i32, get, leb, moduleBytes, PAGE_BYTES, set, wasm, type WasmFunction } from '../wasmModule.ts';

const CLEAR = 256;
const EOI = 257;
const FIRST = 258;
const MAX_CODES = 4096;

/**
 * The table: (start, length) as two i32 per code at 8 * code. Literals are entries too, each
 * pointing at its byte in LITERALS_AT, so every code but Clear and End is one 8-byte copy;
 * the never-used entries of Clear and End report an error's code and table size.
 */
const TABLE_BYTES = MAX_CODES * 8;
const ERROR_AT = CLEAR * 8;
const LITERALS_AT = TABLE_BYTES;
const INPUT_AT = LITERALS_AT + 256 + 16;
/** After the output: room for a copy that starts before the end (at most 4096 bytes) and its 8-byte overrun. */
export const LZW_SLACK_BYTES = MAX_CODES + 16;

/** Results below zero: a code other than a literal right after a clear code, or a code past the table. */
export const LZW_AFTER_CLEAR = -1;
export const LZW_NOT_IN_TABLE = -2;

// locals
const IN = 0, IN_LEN = 1, OUT = 2, CAP = 3; // params
const IN_BITS = 4, OUT_END = 5, OP = 6, POS = 7, BYTE = 8, CODE_BITS = 10, CODE_MASK = 11;
const NEXT = 12, CODE = 13, OLD_START = 14, OLD_LENGTH = 15, HERE = 16, FROM = 17, END = 18;

const BLOCK = [0x02, 0x40], LOOP = [0x03, 0x40], IF = [0x04, 0x40], ELSE = 0x05, END_OP = 0x0b;
const br = (depth: number) => [0x0c, ...leb(depth)];
const brIf = (depth: number) => [0x0d, ...leb(depth)];
const RETURN = 0x0f;
const ADD = 0x6a, SUB = 0x6b, AND = 0x71, OR = 0x72, SHL = 0x74, SHR_U = 0x76;
const EQ = 0x46, LT_U = 0x49, LT_S = 0x48, GT_U = 0x4b, GE_U = 0x4f, GE_S = 0x4e;
const load32 = (offset: number) => [0x28, 0x02, ...leb(offset)];
const store32 = (offset: number) => [0x36, 0x02, ...leb(offset)];
const load8 = (offset: number) => [0x2d, 0x00, ...leb(offset)];
const store8 = [0x3a, 0x00, 0x00];
const load64 = [0x29, 0x00, 0x00];
const store64 = [0x37, 0x00, 0x00];
const addTo = (local: number, value: number[]) => [...get(local), ...value, ADD, ...set(local)];

/** Copies the string of `len` bytes at FROM to OP, 8 bytes at a time (FROM + len <= OP, or FROM in the literals), and advances OP by `len`. */
function copyString(len: number[]): number[] {
  return [
    ...get(OP), ...len, ADD, ...set(END),
    ...LOOP,
    ...get(OP), ...get(FROM), ...load64, ...store64,
    ...addTo(OP, i32(8)), ...addTo(FROM, i32(8)),
    ...get(OP), ...get(END), LT_U, ...brIf(0),
    END_OP,
    ...get(END), ...set(OP),
  ];
}

/**
 * lzw(input, inputBytes, output, capacity) -> bytes written (at most capacity), or
 * LZW_AFTER_CLEAR / LZW_NOT_IN_TABLE. Codes are read at a bit position from three bytes (the
 * bytes after the input are read, never used), without branches on the bit count.
 */
function lzwFunction(): WasmFunction {
  const resetTable = [...i32(FIRST), ...set(NEXT), ...i32(9), ...set(CODE_BITS), ...i32(511), ...set(CODE_MASK), ...i32(-1), ...set(OLD_LENGTH)];
  const fail = (result: number) => [...i32(0), ...get(CODE), ...store32(ERROR_AT), ...i32(0), ...get(NEXT), ...store32(ERROR_AT + 4), ...i32(result), RETURN];
  const code = [
    ...get(IN_LEN), ...i32(3), SHL, ...set(IN_BITS),
    ...get(OUT), ...get(CAP), ADD, ...set(OUT_END),
    ...get(OUT), ...set(OP),
    ...resetTable,
    ...BLOCK, // $done
    ...LOOP, // $main
    ...get(OP), ...get(OUT_END), GE_U, ...brIf(1),
    // no End code before the input runs out: keep what was decoded
    ...get(POS), ...get(CODE_BITS), ADD, ...get(IN_BITS), GT_U, ...IF, ...get(OP), ...get(OUT), SUB, RETURN, END_OP,
    ...get(IN), ...get(POS), ...i32(3), SHR_U, ADD, ...set(BYTE),
    ...get(BYTE), ...load8(0), ...i32(16), SHL, ...get(BYTE), ...load8(1), ...i32(8), SHL, OR, ...get(BYTE), ...load8(2), OR,
    ...i32(24), ...get(POS), ...i32(7), AND, SUB, ...get(CODE_BITS), SUB, SHR_U, ...get(CODE_MASK), AND, ...set(CODE),
    ...addTo(POS, get(CODE_BITS)),
    ...get(OP), ...set(HERE),
    // rare codes: Clear, End, the code being defined, or none at all
    ...get(CODE), ...get(NEXT), GE_U, ...get(CODE), ...i32(CLEAR), SUB, ...i32(2), LT_U, OR,
    ...IF,
    ...get(CODE), ...i32(EOI), EQ, ...brIf(2), // End: out of the if and $main, to $done
    ...get(CODE), ...i32(CLEAR), EQ, ...IF, ...resetTable, ...br(2), END_OP, // continue $main
    ...get(OLD_LENGTH), ...i32(0), LT_S, ...IF, ...fail(LZW_AFTER_CLEAR), END_OP,
    ...get(CODE), ...get(NEXT), GT_U, ...IF, ...fail(LZW_NOT_IN_TABLE), END_OP,
    // the code being defined (KwKwK): the previous string and its own first byte
    ...get(OLD_START), ...set(FROM),
    ...copyString(get(OLD_LENGTH)),
    ...get(OP), ...get(OLD_START), ...load8(0), ...store8, ...addTo(OP, i32(1)),
    ELSE,
    // a literal or a string in the table
    ...get(CODE), ...i32(3), SHL, ...load32(0), ...set(FROM),
    ...copyString([...get(CODE), ...i32(3), SHL, ...load32(4)]),
    END_OP,
    // a new entry: the previous string and the first byte of this one
    ...get(OLD_LENGTH), ...i32(0), GE_S, ...get(NEXT), ...i32(MAX_CODES), LT_U, AND,
    ...IF,
    ...get(NEXT), ...i32(3), SHL, ...get(OLD_START), ...store32(0),
    ...get(NEXT), ...i32(3), SHL, ...get(OLD_LENGTH), ...i32(1), ADD, ...store32(4),
    ...addTo(NEXT, i32(1)),
    // "early change": the code width grows one code before the table fills it
    ...get(NEXT), ...i32(1), ADD, ...i32(1), ...get(CODE_BITS), SHL, GE_S, ...get(CODE_BITS), ...i32(12), LT_S, AND,
    ...IF, ...addTo(CODE_BITS, i32(1)), ...i32(1), ...get(CODE_BITS), SHL, ...i32(1), SUB, ...set(CODE_MASK), END_OP,
    END_OP,
    ...get(HERE), ...set(OLD_START),
    ...get(OP), ...get(HERE), SUB, ...set(OLD_LENGTH),
    ...br(0),
    END_OP, // $main
    END_OP, // $done
    // written, at most the capacity (a string copied across the end)
    ...get(OP), ...get(OUT), SUB, ...get(CAP),
    ...get(OP), ...get(OUT), SUB, ...get(CAP), LT_S,
    0x1b, // select
  ];
  return { name: 'lzw', params: [0x7f, 0x7f, 0x7f, 0x7f], result: 0x7f, locals: new Array(END - IN_BITS + 1).fill(0x7f), code };
}

/** The decoder's module, assembled from the function above. */
export function lzwModuleBytes(): Uint8Array {
  return moduleBytes([lzwFunction()]);
}

/**
 * lzwModuleBytes() as a fresh process would assemble it (assembling runs cold at start-up; a
 * test checks that this is still what the function above assembles: regenerate it when it changes).
 */
export const LZW_MODULE_BASE64 =
  'AGFzbQEAAAABCQFgBH9/f38BfwIMAQNlbnYDbWVtAgABAwIBAAcHAQNsencAAAriAwHfAwEPfyABQQN0IQQgAiADaiEFIAIhBkGCAiEMQQkhCkH/AyELQX8hDwJAA0AgBiAFTw0BIAcgCmogBEsEQCAGIAJrDwsgACAHQQN2aiEIIAgtAABBEHQgCC0AAUEIdHIgCC0AAnJBGCAHQQdxayAKa3YgC3EhDSAHIApqIQcgBiEQIA0gDE8gDUGAAmtBAklyBEAgDUGBAkYNAiANQYACRgRAQYICIQxBCSEKQf8DIQtBfyEPDAILIA9BAEgEQEEAIA02AoAQQQAgDDYChBBBfw8LIA0gDEsEQEEAIA02AoAQQQAgDDYChBBBfg8LIA4hESAGIA9qIRIDQCAGIBEpAAA3AAAgBkEIaiEGIBFBCGohESAGIBJJDQALIBIhBiAGIA4tAAA6AAAgBkEBaiEGBSANQQN0KAIAIREgBiANQQN0KAIEaiESA0AgBiARKQAANwAAIAZBCGohBiARQQhqIREgBiASSQ0ACyASIQYLIA9BAE4gDEGAIElxBEAgDEEDdCAONgIAIAxBA3QgD0EBajYCBCAMQQFqIQwgDEEBakEBIAp0TiAKQQxIcQRAIApBAWohCkEBIAp0QQFrIQsLCyAQIQ4gBiAQayEPDAALCyAGIAJrIAMgBiACayADSBsL';

export interface LzwKernel {
  /** The decoder's memory as bytes (a new view after it grows). */
  bytes: Uint8Array;
  /** Where compressed input lies: `inputBytes` of room from here (see reserve). */
  inputAt: number;
  inputBytes: number;
  /** Where the output is written: after the input room (and the 2 bytes past it the code reader reads). */
  outputAt: number;
  /**
   * Room for `inputBytes` of input at `inputAt` and `outputBytes` of output (and slack) after it;
   * refreshes `bytes`. Bytes put in the input room before are kept only when it does not shrink or move.
   */
  reserve(inputBytes: number, outputBytes: number): void;
  decode(input: number, inputBytes: number, output: number, capacity: number): number;
  /** After an error result: the offending code and the table size. */
  errorCode(): { code: number; tableSize: number };
}

let kernel: LzwKernel | undefined;

/** This thread's decoder (compiled and instantiated on first use, its memory reused across strips and planes). */
export function lzwKernel(): LzwKernel {
  if (kernel) return kernel;
  const module = new wasm.Module(LZW_MODULE_BASE64 ? Buffer.from(LZW_MODULE_BASE64, 'base64') : lzwModuleBytes());
  const memory = new wasm.Memory({ initial: 2 });
  const decode = new wasm.Instance(module, { env: { mem: memory } }).exports.lzw as LzwKernel['decode'];
  // the literals: entry c is the byte c, one long
  const table = new Int32Array(memory.buffer, 0, 512);
  const literals = new Uint8Array(memory.buffer, LITERALS_AT, 256);
  for (let c = 0; c < 256; c++) {
    table[2 * c] = LITERALS_AT + c;
    table[2 * c + 1] = 1;
    literals[c] = c;
  }
  const k: LzwKernel = {
    bytes: new Uint8Array(memory.buffer),
    inputAt: INPUT_AT,
    inputBytes: 0,
    outputAt: INPUT_AT + 8,
    reserve(inputBytes, outputBytes) {
      k.inputBytes = inputBytes;
      k.outputAt = INPUT_AT + Math.ceil((inputBytes + 2) / 8) * 8;
      const need = k.outputAt + outputBytes + LZW_SLACK_BYTES;
      if (need > memory.buffer.byteLength) memory.grow(Math.ceil((need - memory.buffer.byteLength) / PAGE_BYTES));
      if (k.bytes.buffer !== memory.buffer) k.bytes = new Uint8Array(memory.buffer);
    },
    decode,
    errorCode() {
      const words = new Int32Array(memory.buffer, ERROR_AT, 2);
      return { code: words[0], tableSize: words[1] };
    },
  };
  return (kernel = k);
}
