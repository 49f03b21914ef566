import { describe, expect, it } from 'vitest';
import { PlaneExtremes } from '../../src/image/planeExtremes.ts';
import { allocatePlane, type DType, type PlaneData } from '../../src/image/movie.ts';

const RANGES: Record<DType, [number, number]> = {
  uint8: [0, 255], int8: [-128, 127], uint16: [0, 65535], int16: [-32768, 32767],
  uint32: [0, 2 ** 32 - 1], int32: [-(2 ** 31), 2 ** 31 - 1], float32: [-1e6, 1e6], float64: [-1e12, 1e12],
};

/** A deterministic plane of `dtype` spanning the type's whole range (so signedness matters). */
function plane(dtype: DType, length: number, seed: number): PlaneData {
  const out = allocatePlane(dtype, length);
  const [lo, hi] = RANGES[dtype];
  let s = seed;
  for (let i = 0; i < length; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    const u = s / 2 ** 32;
    out[i] = dtype.startsWith('float') ? lo + u * (hi - lo) : Math.floor(lo + u * (hi - lo + 1));
  }
  return out;
}

function reference(kind: 'max' | 'min', planes: PlaneData[]): number[] {
  return Array.from(planes[0], (_, i) => planes.reduce((a, p) => (kind === 'max' ? (p[i] > a ? p[i] : a) : p[i] < a ? p[i] : a), planes[0][i]));
}

describe('PlaneExtremes', () => {
  // 1001 pixels: not a multiple of any vector width, so the padded tail is exercised
  for (const dtype of Object.keys(RANGES) as DType[]) {
    for (const kind of ['max', 'min'] as const) {
      it(`${kind} of ${dtype} planes matches a per-pixel loop, fed through intake() or copied`, () => {
        const planes = [0, 1, 2, 3, 4].map((k) => plane(dtype, 1001, 17 + k * 31));
        const extremes = new PlaneExtremes(kind, dtype, 1001);
        expect(extremes.simd).toBe(true);
        planes.forEach((p, k) => {
          if (k % 2) {
            extremes.intake().set(p as never);
            extremes.add(extremes.intake());
          } else extremes.add(p);
        });
        expect(Array.from(extremes.result()!)).toEqual(reference(kind, planes));
        expect(extremes.planes).toBe(5);
      });
    }
  }

  it('skips NaN in later float planes and keeps a NaN of the first, like `v > a ? v : a`', () => {
    const extremes = new PlaneExtremes('max', 'float32', 4);
    extremes.add(Float32Array.from([1, NaN, 3, 4]));
    extremes.add(Float32Array.from([NaN, 5, 2, 9]));
    expect(Array.from(extremes.result()!)).toEqual([1, NaN, 3, 9]);
  });

  it('has no result before a plane, and refuses a plane of another size or type', () => {
    const extremes = new PlaneExtremes('min', 'uint16', 8);
    expect(extremes.result()).toBeUndefined();
    expect(() => extremes.add(new Uint16Array(7))).toThrow(/7 uint16 pixels/);
    expect(() => extremes.add(new Uint8Array(8))).toThrow(/uint8/);
  });

  it('returns a copy: folding more planes does not change an earlier result', () => {
    const extremes = new PlaneExtremes('max', 'uint8', 32);
    extremes.add(new Uint8Array(32).fill(3));
    const first = extremes.result()!;
    extremes.add(new Uint8Array(32).fill(9));
    expect(first[0]).toBe(3);
    expect(extremes.result()![31]).toBe(9);
  });
});
