// The MSD table says the unit of each quantity in its CSV header, as the calibration allows.
import { describe, expect, it } from 'vitest';
import { meanSquaredDisplacement } from '../../src/analysis/msd.ts';
import { parseCsv, tableToCsv } from '../../src/analysis/table.ts';
import { tracksFromLinks } from '../../src/analysis/track.ts';

// one track moving 1 px per frame to the right for 9 frames
const spots = Array.from({ length: 9 }, (_, t) => ({ id: t + 1, t, x: t, y: 0 }));
const links = spots.slice(1).map((s) => ({ source: s.id - 1, target: s.id }));

describe('MSD table units', () => {
  it('µm² and s when calibrated, px² and frames when not; they read back as the bare names', () => {
    const calibrated = meanSquaredDisplacement(tracksFromLinks(spots, links, 9, { pixelSizeUm: 0.5, frameIntervalS: 30 }));
    const header = tableToCsv(calibrated.table).split('\n')[0];
    expect(header).toBe('branch_id,lag (frames),tau (s),msd (µm²),pairs');
    const raw = meanSquaredDisplacement(tracksFromLinks(spots, links, 9, {}));
    expect(tableToCsv(raw.table).split('\n')[0]).toBe('branch_id,lag (frames),tau (frames),msd (px²),pairs');
    const back = parseCsv(tableToCsv(calibrated.table));
    expect(back.columns).toEqual(['branch_id', 'lag', 'tau', 'msd', 'pairs']);
    // lag 2: two frames apart, 1 µm travelled, 60 s
    expect(back.rows.find((r) => r.branch_id === 1 && r.lag === 2)).toMatchObject({ tau: 60, msd: 1 });
  });
});
