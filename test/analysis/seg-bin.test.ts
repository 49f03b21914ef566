import { describe, expect, it } from 'vitest';
import { binFactorFor, binPlane } from '../../src/analysis/seg-bin.ts';

describe('binning sample planes to a working object size', () => {
  it('replaces each block by its mean, a partial last block by its own mean', () => {
    // 5 x 3: the last column and the last row are partial blocks of a 2 x 2 binning
    const plane = Float32Array.from([1, 3, 5, 7, 9, 1, 3, 5, 7, 9, 4, 4, 4, 4, NaN]);
    const b = binPlane({ plane, width: 5, height: 3 }, 2);
    expect([b.width, b.height]).toEqual([3, 2]);
    expect([...b.plane]).toEqual([2, 6, 9, 4, 4, 0]);
  });

  it('leaves a plane alone at factor 1 and names a factor that is no whole number', () => {
    const sample = { plane: new Float32Array(4), width: 2, height: 2 };
    expect(binPlane(sample, 1)).toBe(sample);
    expect(() => binPlane(sample, 1.5)).toThrow(/bin factor 1.5/);
  });

  it('brings objects to between the working radius and twice it, never below', () => {
    expect(binFactorFor(10, 24)).toBe(1);
    expect(binFactorFor(47, 24)).toBe(1);
    expect(binFactorFor(48, 24)).toBe(2);
    expect(binFactorFor(100, 24)).toBe(4);
    for (const r of [30, 61, 95, 140]) expect(r / binFactorFor(r, 24)).toBeGreaterThanOrEqual(24);
    expect(binFactorFor(Number.NaN, 24)).toBe(1);
  });
});
