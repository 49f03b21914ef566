import { describe, expect, it } from 'vitest';
import { standInTable } from '../../src/agent/standInTable.ts';

const objects = { rows: 'objects' as const, columns: { area_px: { unit: 'px²', example: 150, calibratedName: 'area_um2' } } };
const tracks = { rows: 'tracks' as const, columns: { TRACK_MEAN_SPEED: { unit: 'px/frame', example: 2 } } };

describe('standInTable', () => {
  it('writes rows per object and frame whose mean is the declared typical value per track', () => {
    const table = standInTable(objects, { first: 0, last: 9 }, true);
    expect(table.columns).toEqual(['label', 'track_id', 'branch_id', 't', 'area_px']);
    const counts = [0, 9].map((t) => table.rows.filter((r) => r.t === t).length);
    expect(counts[0]).toBeLessThan(counts[1]);
  });
  it('writes the calibrated column beside the px one, and converts a track speed to µm/min', () => {
    expect(standInTable(objects, { first: 0, last: 3 }, false, { pixelSizeUm: 0.5 }).columns).toContain('area_um2');
    const t = standInTable(tracks, { first: 0, last: 3 }, false, { pixelSizeUm: 0.5, frameIntervalS: 120 });
    expect(t.units?.TRACK_MEAN_SPEED).toBe('µm/min');
    const mean = t.rows.reduce((a, r) => a + (r.TRACK_MEAN_SPEED as number), 0) / t.rows.length;
    expect(mean).toBeCloseTo(0.5, 3);
  });
});
