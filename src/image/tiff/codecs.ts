// Bounded TIFF decompressors: each decodes one strip or tile straight into a caller's
// buffer of the expected size and stops when it is full, so a corrupted or hostile stream
// can never allocate more than the plane it claims to be (geotiff's decoders grow a JS
// array without limit, which aborted Node on a damaged LZW file).
import { LZW_AFTER_CLEAR, LZW_SLACK_BYTES, lzwKernel } from './lzwKernel.ts';
import { builtin } from '../../bundle/builtins.mjs';

/** node:zlib, loaded on the first Deflate strip: loading it (and node:stream under it) at import cost every command ~8 ms of CPU. */
const zlib = (): typeof import('node:zlib') => builtin('node:zlib') as typeof import('node:zlib');

/** Thrown for a stream that cannot be decoded; the caller names the file and the strip. */
export class CodecError extends Error {}

const LZW_MAX_CODES = 4096;

/**
 * TIFF LZW (MSB-first codes of 9-12 bits, "early change" as libtiff writes it). Writes at
 * most `out.length` bytes; returns how many were written. Decoded in WebAssembly
 * (lzwKernel.ts): a strip that lies in lzwReadBuffer()'s room is decoded where it lies,
 * any other is copied into the decoder's memory first; the output is copied out.
 */
export function decodeLzw(input: Uint8Array, out: Uint8Array): number {
  const k = lzwKernel();
  let inputAt = input.byteOffset;
  if (input.buffer !== k.bytes.buffer || inputAt < k.inputAt || inputAt + input.length > k.inputAt + k.inputBytes) {
    k.reserve(input.length, out.length);
    k.bytes.set(input, k.inputAt);
    inputAt = k.inputAt;
  } else if (k.outputAt + out.length + LZW_SLACK_BYTES > k.bytes.length) {
    throw new RangeError(`lzwReadBuffer made room for outputs of fewer than ${out.length} bytes`);
  }
  const written = k.decode(inputAt, input.length, k.outputAt, out.length);
  if (written < 0) {
    const { code, tableSize } = k.errorCode();
    throw new CodecError(written === LZW_AFTER_CLEAR ? `LZW code ${code} right after a clear code` : `LZW code ${code} is not in the table (${tableSize} entries)`);
  }
  out.set(k.bytes.subarray(k.outputAt, k.outputAt + written));
  return written;
}

/**
 * A buffer in the LZW decoder's memory to read `inputBytes` of compressed strips into, each then
 * decoded by decodeLzw where it lies (no copy, and no buffer of the reader's own per file), into
 * outputs of at most `outputBytes`. Valid until the next call here or a decodeLzw of a strip from
 * elsewhere: read into it and decode its strips with no await between.
 */
export function lzwReadBuffer(inputBytes: number, outputBytes: number): Uint8Array {
  const k = lzwKernel();
  k.reserve(inputBytes, outputBytes);
  return k.bytes.subarray(k.inputAt, k.inputAt + inputBytes);
}

/** PackBits (Apple run-length): writes at most `out.length` bytes; returns how many. */
export function decodePackBits(input: Uint8Array, out: Uint8Array): number {
  const cap = out.length;
  let i = 0;
  let o = 0;
  while (i < input.length && o < cap) {
    const header = (input[i++] << 24) >> 24;
    if (header >= 0) {
      const count = Math.min(header + 1, cap - o, input.length - i);
      out.set(input.subarray(i, i + count), o);
      i += header + 1;
      o += count;
    } else if (header !== -128) {
      const count = Math.min(1 - header, cap - o);
      out.fill(input[i++], o, o + count);
      o += count;
    }
  }
  return o;
}

/**
 * zlib Deflate, inflated straight into `out`; a stream that inflates to more than `out.length`
 * bytes is refused. One zlib stream per thread is kept and reset between strips (see inflater):
 * `zlib.inflateSync` builds a Transform stream, a zlib state and a 32 KiB window per call, then
 * output Buffers that are copied into the plane: ~60% of its time on 6-row strips.
 */
export function decodeDeflate(input: Uint8Array, out: Uint8Array): number {
  const engine = inflater();
  return engine ? engine.inflateAt(input, 0, input.length, out, 0, out.length) : inflateOnce(input, out);
}

/** decodeDeflate through `zlib.inflateSync` (where Node's zlib handle is not as inflater() expects it). */
export function inflateOnce(input: Uint8Array, out: Uint8Array): number {
  let inflated: Buffer;
  try {
    inflated = zlib().inflateSync(input, { maxOutputLength: Math.max(1, out.length) });
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') throw new CodecError(tooMuch(out.length));
    throw new CodecError((err as Error).message.split('\n')[0]);
  }
  const count = Math.min(inflated.length, out.length);
  out.set(inflated.subarray(0, count));
  return count;
}

const tooMuch = (bytes: number) => `inflates to more than the ${bytes} bytes it should hold`;

/** What decodeDeflate uses of a zlib.Inflate's native handle (Node 20-24: lib/zlib.js's own calls). */
interface ZlibHandle {
  writeSync(flush: number, input: Uint8Array, inputAt: number, inputBytes: number, output: Uint8Array, outputAt: number, outputBytes: number): void;
  reset(): void;
  close(): void;
  onerror: (message: string, errno: number, code?: string) => void;
}

export interface Inflater {
  engine: object;
  /**
   * Inflates `inputBytes` at `inputAt` of `input` into `outBytes` at `outAt` of `out` (offsets into the
   * views, as zlib's handle takes them: a plane's strips decode with no view made per strip); returns
   * the bytes written, or throws a CodecError.
   */
  inflateAt(input: Uint8Array, inputAt: number, inputBytes: number, out: Uint8Array, outAt: number, outBytes: number): number;
}

/** undefined: not made yet; null: this Node's zlib handle is not as expected (inflateSync is used). */
let kept: Inflater | null | undefined;

/**
 * This thread's inflater: one zlib.Inflate whose native handle inflates each strip straight into
 * its rows of the plane (`writeSync`, as zlib.inflateSync's own loop calls it) and is reset
 * after it, so a strip costs one native call (two when it fills its rows exactly: a second
 * call into a 1-byte probe tells a stream that ended from one that holds more). Made on first use.
 */
export function inflater(): Inflater | null {
  if (kept !== undefined) return kept;
  const engine = zlib().createInflate() as unknown as { _handle?: ZlibHandle; _writeState?: Uint32Array };
  const handle = engine._handle;
  const state = engine._writeState;
  if (!handle || typeof handle.writeSync !== 'function' || typeof handle.reset !== 'function' || !(state instanceof Uint32Array) || state.length < 2) return (kept = null);
  let failure: string | undefined;
  // zlib's errors arrive here, synchronously, from inside writeSync (the stream's own handler would destroy it)
  handle.onerror = (message) => {
    failure = message;
  };
  const failed = (): string | undefined => failure;
  const probe = new Uint8Array(1);
  const Z_FINISH = zlib().constants.Z_FINISH;
  const inflateAt = (input: Uint8Array, inputAt: number, inputBytes: number, out: Uint8Array, outAt: number, outBytes: number): number => {
    failure = undefined;
    try {
      handle.writeSync(Z_FINISH, input, inputAt, inputBytes, out, outAt, outBytes);
      if (failed() === undefined) {
        const written = outBytes - state[0];
        if (state[0] !== 0) return written;
        // the rows are full: refuse a stream that has more (what is left of the input, if any, is read)
        const readTo = inputAt + inputBytes - state[1];
        handle.writeSync(Z_FINISH, input, readTo, inputAt + inputBytes - readTo, probe, 0, 1);
        if (failed() === undefined) {
          if (state[0] === 0) throw new CodecError(tooMuch(outBytes));
          return written;
        }
      }
      // an error leaves the handle as zlib left it: the next strip gets a fresh one
      kept = undefined;
      handle.close();
      throw new CodecError(String(failed()).split('\n')[0]);
    } finally {
      if (kept !== undefined) handle.reset();
    }
  };
  // the engine stays referenced with its handle (the handle points back to it)
  return (kept = { engine, inflateAt });
}

/** Zstd through geotiff's WebAssembly decoder (rare in microscopy; sizes are checked before), loaded on first use. */
export async function decodeZstd(input: Uint8Array, out: Uint8Array): Promise<number> {
  const { getDecoder } = await import('geotiff');
  const decoder = await getDecoder(50000, { tileWidth: 1, tileHeight: 1, predictor: 1, bitsPerSample: 8, planarConfiguration: 1, samplesPerPixel: 1 });
  const decoded = new Uint8Array(await decoder.decode(input.slice().buffer));
  const count = Math.min(decoded.length, out.length);
  out.set(decoded.subarray(0, count));
  return count;
}

/**
 * Decodes one block with TIFF compression `compression` into `out`; returns the bytes
 * written. Synchronous but for Zstd (its decoder loads on first use): a plane is often a
 * hundred strips, and a promise per strip cost about 15% of an LZW plane.
 */
export function decodeBlock(compression: number, input: Uint8Array, out: Uint8Array): number | Promise<number> {
  switch (compression) {
    case 5:
      return decodeLzw(input, out);
    case 8:
    case 32946:
      return decodeDeflate(input, out);
    case 32773:
      return decodePackBits(input, out);
    case 50000:
      return decodeZstd(input, out);
    default:
      throw new CodecError(`compression ${compression} is not supported`);
  }
}

/**
 * The most one compressed byte can expand to, by format: Deflate's longest match (258
 * bytes) costs at least 2 bits (1032:1); an LZW code of >= 9 bits stands for at most
 * 4096 - 257 bytes; a PackBits run is 2 bytes for 128. Larger claimed ratios are bombs.
 * Zstd has no useful bound (its RLE blocks), so only the memory budget applies to it.
 */
export const MAX_EXPANSION: Record<number, number> = {
  1: 1,
  5: Math.ceil(((LZW_MAX_CODES - 257) * 8) / 9),
  8: 1032,
  32946: 1032,
  32773: 64,
  50000: Infinity,
};

/** The most bytes an honest encoder needs for `raw` bytes (stored Deflate blocks, 12-bit LZW codes of literals). */
export function maxCompressedBytes(compression: number, raw: number): number {
  if (compression === 1) return Infinity; // extra bytes after an uncompressed strip are never read
  return Math.ceil(raw * 1.5) + 1024;
}
