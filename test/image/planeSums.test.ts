import { describe, expect, it } from 'vitest';
import { PlaneSums } from '../../src/image/planeSums.ts';

function lcg(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32;
}

describe('PlaneSums', () => {
  for (const [dtype, make, lo, hi] of [
    ['uint16', (n: number) => new Uint16Array(n), 0, 65535],
    ['int16', (n: number) => new Int16Array(n), -32768, 32767],
  ] as const) {
    it(`sums ${dtype} planes exactly in SIMD, fed through intake() or copied (1001 pixels: a ragged tail)`, () => {
      const rand = lcg(3);
      const sums = new PlaneSums(dtype, 1001);
      expect(sums.simd).toBe(true);
      const expected = new Float64Array(1001);
      for (let k = 0; k < 7; k++) {
        const p = make(1001);
        for (let i = 0; i < p.length; i++) p[i] = Math.floor(lo + rand() * (hi - lo + 1));
        p[0] = hi;
        p[1] = lo;
        p.forEach((v, i) => (expected[i] += v));
        if (k % 2) {
          sums.intake()!.set(p);
          sums.add(sums.intake()!);
        } else sums.add(p);
      }
      expect(Array.from(sums.result())).toEqual(Array.from(expected));
      expect(sums.planes).toBe(7);
    });
  }

  it('stays exact past what 32 bits hold (65 537 uint16 planes of 65535)', () => {
    const sums = new PlaneSums('uint16', 8);
    const plane = new Uint16Array(8).fill(65535);
    for (let k = 0; k < 65_537; k++) sums.add(plane);
    expect(sums.result()[7]).toBe(65535 * 65_537);
  });

  it('sums other types in float64 (no SIMD kernel), and refuses a plane of another size or type', () => {
    const sums = new PlaneSums('float32', 3);
    expect(sums.simd).toBe(false);
    expect(sums.intake()).toBeUndefined();
    sums.add(Float32Array.from([0.5, -1, 2]));
    sums.add(Float32Array.from([0.25, 1, 2]));
    expect(Array.from(sums.result())).toEqual([0.75, 0, 4]);
    expect(() => sums.add(new Float32Array(2))).toThrow(/2 float32 pixels/);
    expect(() => new PlaneSums('uint16', 3).add(new Int16Array(3))).toThrow(/int16/);
  });
});
