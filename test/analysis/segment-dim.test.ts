// Objects left out by their brightness (stop 44, helper C): minMeanIntensity drops the objects whose mean grey level in
// the plane as given is under it ("excluding anything dimmer than 300"), whatever threshold found them.
import { describe, expect, it } from 'vitest';
import { filterLabels, labelSums } from '../../src/analysis/morphology.ts';
import { segmentPlane } from '../../src/analysis/seg-plane.ts';

/** A 64 x 64 plane of background 100 with three discs of radius 6 at levels 1000, 600 and 250. */
function threeDiscs(): Float32Array {
  const plane = new Float32Array(64 * 64).fill(100);
  const discs = [
    { x: 14, y: 14, level: 1000 },
    { x: 46, y: 18, level: 600 },
    { x: 30, y: 46, level: 250 },
  ];
  for (const { x, y, level } of discs)
    for (let j = -6; j <= 6; j++) for (let i = -6; i <= 6; i++) if (i * i + j * j <= 36) plane[(y + j) * 64 + x + i] = level;
  return plane;
}

describe('filterLabels by mean intensity', () => {
  it('keeps the labels whose mean is at least the bound, renumbered', () => {
    const labels = Uint32Array.from([1, 1, 0, 2, 2, 0, 3, 0, 0]);
    const intensity = [100, 300, 0, 50, 60, 0, 900, 0, 0];
    expect(Array.from(labelSums(labels, intensity, 3))).toEqual([0, 400, 110, 900]);
    const kept = filterLabels(Uint32Array.from(labels), 3, 3, { minMeanIntensity: 200, intensity });
    expect(kept.count).toBe(2);
    expect(Array.from(kept.labels)).toEqual([1, 1, 0, 0, 0, 0, 2, 0, 0]);
    // (no intensity plane: no bound on it)
    expect(filterLabels(Uint32Array.from(labels), 3, 3, { minMeanIntensity: 200 }).count).toBe(3);
  });
});

describe('segmentPlane with minMeanIntensity', () => {
  it('drops the discs dimmer than the bound on average, in the grey levels of the plane', () => {
    const options = { method: 'manual' as const, threshold: 180, sigmaPx: 1, minSeedDistancePx: 5 };
    expect(segmentPlane(threeDiscs(), 64, 64, options).count).toBe(3);
    expect(segmentPlane(threeDiscs(), 64, 64, { ...options, minMeanIntensity: 300 }).count).toBe(2);
    expect(segmentPlane(threeDiscs(), 64, 64, { ...options, minMeanIntensity: 700 }).count).toBe(1);
    expect(() => segmentPlane(threeDiscs(), 64, 64, { ...options, minMeanIntensity: Number.NaN })).toThrow(/minMeanIntensity/);
  });
});
