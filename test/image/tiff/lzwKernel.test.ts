// The WebAssembly LZW decoder against the JavaScript one it replaced: the same bytes, the same
// count and the same refusals on valid, cut, short-buffered and damaged streams.
import { describe, expect, it } from 'vitest';
import { CodecError, decodeLzw, lzwReadBuffer } from '../../../src/image/tiff/codecs.ts';
import { LZW_MODULE_BASE64, lzwModuleBytes } from '../../../src/image/tiff/lzwKernel.ts';
import { mulberry32 } from '../../../src/random.ts';
import { encodeLzw, ReferenceCodecError, referenceDecodeLzw } from '../lzw-reference.ts';

type Outcome = { written: number; bytes: string } | { error: string };

function outcome(decode: (input: Uint8Array, out: Uint8Array) => number, input: Uint8Array, capacity: number): Outcome {
  const out = new Uint8Array(capacity);
  try {
    const written = decode(input, out);
    return { written, bytes: Buffer.from(out.subarray(0, written)).toString('hex') };
  } catch (err) {
    expect(err instanceof CodecError || err instanceof ReferenceCodecError).toBe(true);
    return { error: (err as Error).message };
  }
}

/** Bytes like a 16-bit frame: a smooth background with noise in the low byte, and runs. */
function frameLike(n: number, seed: number): Uint8Array {
  const random = mulberry32(seed);
  const a = new Uint8Array(n);
  for (let i = 0; i < n; i++) a[i] = i % 2 ? (i >> 12) & 3 : random() < 0.3 ? Math.floor(random() * 256) : (i >> 9) & 0xff;
  return a;
}

describe('lzw kernel', () => {
  it('keeps the module the function assembles (regenerate LZW_MODULE_BASE64 when it changes)', () => {
    expect(LZW_MODULE_BASE64).toBe(Buffer.from(lzwModuleBytes()).toString('base64'));
  });

  it('decodes as the JavaScript decoder does, whole, into short buffers and from cut streams', () => {
    const random = mulberry32(11);
    for (let seed = 1; seed <= 6; seed++) {
      const data = frameLike(20_000 + seed * 7919, seed);
      const encoded = encodeLzw(data);
      for (const capacity of [data.length, data.length + 100, Math.floor(random() * data.length), 1, 4097]) {
        expect(outcome(decodeLzw, encoded, capacity)).toEqual(outcome(referenceDecodeLzw, encoded, capacity));
      }
      const cut = encoded.subarray(0, Math.floor(random() * encoded.length));
      expect(outcome(decodeLzw, cut, data.length)).toEqual(outcome(referenceDecodeLzw, cut, data.length));
    }
    // long strings (a constant plane) copied across the end of the buffer
    const constant = encodeLzw(new Uint8Array(300_000).fill(9));
    for (const capacity of [300_000, 299_999, 12_345]) expect(outcome(decodeLzw, constant, capacity)).toEqual(outcome(referenceDecodeLzw, constant, capacity));
  });

  it('refuses damaged streams as the JavaScript decoder does', () => {
    const random = mulberry32(5);
    const encoded = encodeLzw(frameLike(30_000, 3));
    let refused = 0;
    for (let trial = 0; trial < 40; trial++) {
      const damaged = encoded.slice();
      for (let k = 0; k < 3; k++) damaged[Math.floor(random() * damaged.length)] = Math.floor(random() * 256);
      const ours = outcome(decodeLzw, damaged, 30_000);
      expect(ours).toEqual(outcome(referenceDecodeLzw, damaged, 30_000));
      if ('error' in ours) refused++;
    }
    expect(refused).toBeGreaterThan(0);
    // a table code right after a clear code: Clear, then 300
    const bits = [256, 300].map((c) => c.toString(2).padStart(9, '0')).join('').padEnd(24, '0');
    const bytes = Uint8Array.from({ length: 3 }, (_, i) => parseInt(bits.slice(i * 8, i * 8 + 8), 2));
    expect(() => decodeLzw(bytes, new Uint8Array(10))).toThrow('LZW code 300 right after a clear code');
  });

  it('decodes a strip larger than its memory so far (the memory grows)', () => {
    const data = frameLike(600_000, 9);
    const out = new Uint8Array(data.length);
    expect(decodeLzw(encodeLzw(data), out)).toBe(data.length);
    expect(Buffer.from(out).equals(Buffer.from(data))).toBe(true);
  });

  it('decodes strips read into its own memory where they lie, as from anywhere else', () => {
    const strips = [frameLike(5000, 21), frameLike(7000, 22), new Uint8Array(3000).fill(4)];
    const encoded = strips.map(encodeLzw);
    const total = encoded.reduce((sum, e) => sum + e.length, 0);
    const room = lzwReadBuffer(total, 7000);
    let at = 0;
    for (const e of encoded) (room.set(e, at), (at += e.length));
    at = 0;
    encoded.forEach((e, i) => {
      const out = new Uint8Array(strips[i].length);
      expect(decodeLzw(room.subarray(at, at + e.length), out)).toBe(strips[i].length);
      expect(Buffer.from(out).equals(Buffer.from(strips[i]))).toBe(true);
      at += e.length;
    });
    // an output larger than the room made for it is refused, not written past the memory
    expect(() => decodeLzw(room.subarray(0, encoded[0].length), new Uint8Array(1 << 24))).toThrow(RangeError);
  });
});
