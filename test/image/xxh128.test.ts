import { xxhash128 } from 'hash-wasm';
import { describe, expect, it } from 'vitest';
import { HASH_HEADER_BYTES, hashablePlane, hashInPlace, KERNEL_MODULE_BASE64, kernelModuleBytes, Xxh128, xxh128Hex, xxh128Simd } from '../../src/image/xxh128.ts';

/** Deterministic bytes (xorshift), so a failure names a reproducible input. */
function bytesOf(length: number, seed = 1): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed * 2654435761 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

describe('xxh128 (XXH3-128, seed 0)', () => {
  it('runs the SIMD kernels here', () => {
    expect(xxh128Simd()).toBe(true);
  });

  it('keeps the module the kernel functions assemble (regenerate KERNEL_MODULE_BASE64 when they change)', () => {
    expect(KERNEL_MODULE_BASE64).toBe(Buffer.from(kernelModuleBytes()).toString('base64'));
  });

  it('equals hash-wasm for every length up to 2100 bytes (short paths, stripe and block edges)', async () => {
    const data = bytesOf(2100, 7);
    for (let n = 0; n <= 2100; n++) {
      const bytes = data.subarray(0, n);
      expect(xxh128Hex(bytes), `length ${n}`).toBe(await xxhash128(bytes));
    }
  });

  it('equals hash-wasm around block multiples of large inputs', async () => {
    for (const n of [1024 * 64, 1024 * 64 + 1, 1024 * 64 - 1, 1024 * 64 + 63, 1024 * 64 + 64, 1024 * 64 + 65, 3 << 20, (3 << 20) + 17]) {
      const bytes = bytesOf(n, n);
      expect(xxh128Hex(bytes), `length ${n}`).toBe(await xxhash128(bytes));
    }
  });

  it('gives the same digest however the input is split into updates', async () => {
    const data = bytesOf(70_000, 3);
    const expected = await xxhash128(data);
    for (const pieces of [[1, 63, 64, 65, 1000, 68_807], [64, 64, 64, 69_808], [241, 69_759], [239, 1, 1, 69_759], [1024, 1023, 1, 67_952]]) {
      const h = new Xxh128();
      let at = 0;
      for (const size of pieces) {
        h.update(data.subarray(at, at + size));
        at += size;
      }
      expect(at).toBe(data.length);
      expect(h.digestHex(), pieces.join('+')).toBe(expected);
    }
    // many random splits, including empty and one-byte updates
    let seed = 11;
    for (let round = 0; round < 30; round++) {
      const h = new Xxh128();
      for (let at = 0; at < data.length; ) {
        seed = (seed * 1103515245 + 12345) >>> 0;
        const size = Math.min(data.length - at, seed % 5 === 0 ? seed % 3 : seed % 9000);
        h.update(data.subarray(at, at + size));
        at += size;
      }
      expect(h.digestHex()).toBe(expected);
    }
  });

  it('hashes bytes in a hashable plane in place, with the same digest', async () => {
    const data = bytesOf(512 * 512 * 2, 5);
    const plane = hashablePlane(data.length)!;
    plane.set(data);
    const h = new Xxh128();
    h.update(plane.subarray(0, 1000)).update(plane.subarray(1000));
    expect(h.digestHex()).toBe(await xxhash128(data));
    expect(Array.from(plane.subarray(0, 16))).toEqual(Array.from(data.subarray(0, 16))); // the plane is left as it was
  });

  it("hashes the bytes of another module's WebAssembly memory in place, touching only the header it lent", async () => {
    const { Memory } = (globalThis as unknown as { WebAssembly: { Memory: new (d: { initial: number }) => Parameters<typeof hashInPlace>[0] } }).WebAssembly;
    const memory = new Memory({ initial: 9 });
    const all = new Uint8Array(memory.buffer);
    const data = bytesOf(524_288, 13);
    all.set(data, 16);
    const headerAt = 16 + data.length;
    const after = bytesOf(200, 2);
    all.set(after, headerAt + HASH_HEADER_BYTES);
    hashInPlace(memory, headerAt);
    const view = new Uint8Array(memory.buffer, 16, data.length);
    expect(new Xxh128().update(view.subarray(0, 70_001)).update(view.subarray(70_001)).digestHex()).toBe(await xxhash128(data));
    expect(Buffer.compare(all.subarray(16, headerAt), data)).toBe(0);
    expect(Buffer.compare(all.subarray(headerAt + HASH_HEADER_BYTES, headerAt + HASH_HEADER_BYTES + 200), after)).toBe(0);
  });

  it('digestHex leaves the state as it was (later updates continue the same hash)', async () => {
    const data = bytesOf(5000, 9);
    const h = new Xxh128().update(data.subarray(0, 3000));
    expect(h.digestHex()).toBe(await xxhash128(data.subarray(0, 3000)));
    h.update(data.subarray(3000));
    expect(h.digestHex()).toBe(await xxhash128(data));
    expect(h.bytes).toBe(5000);
  });
});
