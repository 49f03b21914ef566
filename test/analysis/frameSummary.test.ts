// The per-frame summary (Fiji's Analyze Particles "Summarize"): counts, areas, the share of the field covered and the
// density per mm², with frames without objects kept as rows of 0.
import { describe, expect, it } from 'vitest';
import { summariseFrames } from '../../src/analysis/frameSummary.ts';
import type { Table } from '../../src/analysis/table.ts';

const objects: Table = {
  columns: ['label', 't', 'area_px', 'mean_intensity_c1'],
  rows: [
    { label: 1, t: 0, area_px: 100, mean_intensity_c1: 10 },
    { label: 2, t: 0, area_px: 300, mean_intensity_c1: 30 },
    { label: 1, t: 2, area_px: 50, mean_intensity_c1: 40 },
  ],
};

describe('summariseFrames', () => {
  it('counts, sums and averages each frame, and keeps an empty frame as a count of 0', () => {
    const table = summariseFrames(objects, { frames: [0, 2], fieldAreaPx: 1000 });
    expect(table.rows.map((r) => [r.t, r.count, r.total_area_px, r.mean_area_px, r.area_fraction_percent, r.mean_intensity_c1])).toEqual([
      [0, 2, 400, 200, 40, 20],
      [1, 0, 0, null, 0, null],
      [2, 1, 50, 50, 5, 40],
    ]);
    expect(table.columns).not.toContain('objects_per_mm2');
  });

  it('gives areas in µm² and objects per mm² when the pixel size is known, and the time of each frame', () => {
    // 1000 px of 0.5 µm: 250 µm² = 2.5e-4 mm², so 2 objects are 8000 per mm²
    const table = summariseFrames(objects, { frames: [0, 0], fieldAreaPx: 1000, pixelSizeUm: 0.5, frameIntervalS: 30 });
    expect(table.rows[0]).toMatchObject({ t: 0, time_s: 0, count: 2, total_area_um2: 100, mean_area_um2: 50 });
    expect(table.rows[0].objects_per_mm2).toBeCloseTo(8000, 6);
  });

  it('counts an object of a z-stack once and covers the field of every slice', () => {
    const stack: Table = { columns: ['label', 't', 'z', 'area_px'], rows: [{ label: 1, t: 0, z: 0, area_px: 10 }, { label: 1, t: 0, z: 1, area_px: 30 }] };
    const table = summariseFrames(stack, { frames: [0, 0], fieldAreaPx: 100, zSlices: 2 });
    expect(table.rows[0]).toMatchObject({ count: 1, total_area_px: 40, area_fraction_percent: 20 });
  });

  it('refuses a field without area', () => {
    expect(() => summariseFrames(objects, { frames: [0, 0], fieldAreaPx: 0 })).toThrow(/fieldAreaPx must be positive, got 0/);
  });
});
