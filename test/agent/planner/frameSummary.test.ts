// The per-frame summary (Fiji's Analyze Particles "Summarize"): count, total and mean area, mean intensity per frame.
import { describe, expect, it } from 'vitest';
import type { Table } from '../../../src/analysis/table.ts';
import { asksFrameSummary, frameSummaryAnswer } from '../../../src/agent/planner/frameSummary.ts';

const objects: Table = {
  columns: ['t', 'label', 'area_um2', 'mean_intensity_c1'],
  rows: [
    { t: 0, label: 1, area_um2: 10, mean_intensity_c1: 100 },
    { t: 0, label: 2, area_um2: 30, mean_intensity_c1: 200 },
    { t: 1, label: 1, area_um2: 20, mean_intensity_c1: 50 },
  ],
};

describe('per-frame summary', () => {
  it('is asked by the summary named or by two of its measures per frame', () => {
    expect(asksFrameSummary('Nuclei per frame w/ total + mean area.')).toBe(true);
    expect(asksFrameSummary('Give me the Analyze Particles style summary: per-frame count, total area, average size and mean intensity.')).toBe(true);
    expect(asksFrameSummary('number of cells and their mean intensity for each frame')).toBe(true);
    expect(asksFrameSummary('summarise the objects frame by frame')).toBe(true);
  });
  it('is not asked by one quantity per frame, nor by a summary of the whole movie', () => {
    expect(asksFrameSummary('number of nuclei per frame')).toBe(false);
    expect(asksFrameSummary('mean area per frame')).toBe(false);
    expect(asksFrameSummary('total area of the nuclei')).toBe(false);
    expect(asksFrameSummary('summarise what you did')).toBe(false);
  });
  it('gives each frame its count, total and mean area and mean intensity, with units', () => {
    const said = frameSummaryAnswer('count, total area and mean intensity per frame', [{ id: 'table-1', table: objects }]) ?? '';
    expect(said).toContain('frame 1: 2 objects, total area 40 µm², mean area 20 µm², mean intensity 150 grey levels');
    expect(said).toContain('frame 2: 1 object, total area 20 µm², mean area 20 µm², mean intensity 50 grey levels');
    expect(said).toContain('table-1');
  });
  it('names a measure the table lacks, and answers nothing from a table without objects per frame', () => {
    const noIntensity: Table = { columns: ['t', 'label', 'area_px'], rows: [{ t: 0, label: 1, area_px: 12 }] };
    expect(frameSummaryAnswer('the Analyze Particles summary per frame', [{ id: 'table-2', table: noIntensity }])).toMatch(/px².*no intensity column/);
    const tracks: Table = { columns: ['TRACK_ID', 'TRACK_DURATION'], rows: [{ TRACK_ID: 1, TRACK_DURATION: 3 }] };
    expect(frameSummaryAnswer('count and total area per frame', [{ id: 'table-3', table: tracks }])).toBeUndefined();
  });
});
