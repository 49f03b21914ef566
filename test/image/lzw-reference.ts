// LZW for the tests: an encoder as libtiff writes, and the straightforward JavaScript decoder
// the WebAssembly kernel replaced (src/image/tiff/lzwKernel.ts), kept as the reference its
// outputs are compared with.
export class ReferenceCodecError extends Error {}
const LZW_CLEAR = 256;
const LZW_EOI = 257;
const LZW_FIRST = 258;
const LZW_MAX_CODES = 4096;

// Every LZW table entry is a string the decoder has already written: the string of the
// previous code followed by the first byte of the current one, which sit side by side in
// the output. So an entry is just (where in the output, how long), and decoding a code is a
// copy from earlier output (libtiff's approach): no prefix chains to walk, no tables to
// allocate per strip (they live here, reused; entries below 258 are never read).
const lzwStart = new Int32Array(LZW_MAX_CODES);
const lzwLength = new Int32Array(LZW_MAX_CODES);

/**
 * TIFF LZW (MSB-first codes of 9-12 bits, "early change" as libtiff writes it). Writes at
 * most `out.length` bytes; returns how many were written.
 */
export function referenceDecodeLzw(input: Uint8Array, out: Uint8Array): number {
  const starts = lzwStart;
  const lengths = lzwLength;
  const cap = out.length;
  const n = input.length;
  let nextCode = LZW_FIRST;
  let codeBits = 9;
  let codeMask = 511;
  let bitBuf = 0;
  let bitCount = 0;
  let inPos = 0;
  let outPos = 0;
  // the previous code's string: where it was written and its length (-1: none since a clear)
  let oldStart = 0;
  let oldLength = -1;
  while (outPos < cap) {
    if (bitCount < codeBits) {
      // two bytes at a time (at most 27 bits are ever pending)
      if (inPos + 1 < n) {
        bitBuf = ((bitBuf << 16) | (input[inPos] << 8) | input[inPos + 1]) >>> 0;
        inPos += 2;
        bitCount += 16;
      } else {
        while (bitCount < codeBits) {
          if (inPos >= n) return outPos; // no EOI: keep what was decoded
          bitBuf = ((bitBuf << 8) | input[inPos++]) >>> 0;
          bitCount += 8;
        }
      }
    }
    bitCount -= codeBits;
    const code = (bitBuf >>> bitCount) & codeMask;
    if (code === LZW_EOI) break;
    if (code === LZW_CLEAR) {
      nextCode = LZW_FIRST;
      codeBits = 9;
      codeMask = 511;
      oldLength = -1;
      continue;
    }
    const here = outPos;
    if (code < 256) {
      out[outPos++] = code;
    } else if (oldLength < 0) {
      throw new ReferenceCodecError(`LZW code ${code} right after a clear code`);
    } else if (code < nextCode) {
      outPos = copyEarlier(out, starts[code], lengths[code], outPos);
    } else if (code === nextCode) {
      // The KwKwK case: the previous string followed by its own first byte.
      outPos = copyEarlier(out, oldStart, oldLength, outPos);
      if (outPos < cap) out[outPos] = out[oldStart];
      outPos++;
    } else {
      throw new ReferenceCodecError(`LZW code ${code} is not in the table (${nextCode} entries)`);
    }
    if (oldLength >= 0 && nextCode < LZW_MAX_CODES) {
      starts[nextCode] = oldStart;
      lengths[nextCode] = oldLength + 1;
      nextCode++;
      if (nextCode + 1 >= 1 << codeBits && codeBits < 12) {
        codeBits++;
        codeMask = (1 << codeBits) - 1;
      }
    }
    oldStart = here;
    oldLength = outPos - here;
  }
  return Math.min(outPos, cap);
}

/** Copies `length` bytes written earlier at `from` to `to` (clipped to the buffer); returns the position after them. */
function copyEarlier(out: Uint8Array, from: number, length: number, to: number): number {
  if (to + length <= out.length) {
    if (length > 24) out.copyWithin(to, from, from + length);
    else for (let i = 0; i < length; i++) out[to + i] = out[from + i];
  } else {
    for (let i = 0; to + i < out.length; i++) out[to + i] = out[from + i];
  }
  return to + length;
}

/** TIFF LZW encoder as libtiff writes it: 9-12 bit codes, width grows when the table reaches 2^bits, Clear at 4094. */
export function encodeLzw(data: Uint8Array): Uint8Array {
  const out: number[] = [];
  let bitBuf = 0;
  let bitCount = 0;
  let bits = 9;
  const put = (code: number) => {
    bitBuf = (bitBuf << bits) | code;
    bitCount += bits;
    while (bitCount >= 8) {
      out.push((bitBuf >>> (bitCount - 8)) & 0xff);
      bitCount -= 8;
    }
    bitBuf &= (1 << bitCount) - 1;
  };
  let table = new Map<number, number>();
  let next = 258;
  put(256);
  let w = -1;
  for (const b of data) {
    if (w < 0) {
      w = b;
      continue;
    }
    const known = table.get(w * 256 + b);
    if (known !== undefined) {
      w = known;
      continue;
    }
    put(w);
    table.set(w * 256 + b, next++);
    if (next === 4094) {
      put(256);
      table = new Map();
      next = 258;
      bits = 9;
    } else if (next >= 1 << bits) bits++;
    w = b;
  }
  if (w >= 0) put(w);
  put(257);
  if (bitCount > 0) out.push((bitBuf << (8 - bitCount)) & 0xff);
  return Uint8Array.from(out);
}

