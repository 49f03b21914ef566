// The MSD table says the unit of each quantity in its CSV header, as the calibration allows.
import { describe, expect, it } from 'vitest';
import { describeMsdFit, meanSquaredDisplacement } from '../../src/analysis/msd.ts';
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

describe('what an MSD fit is called', () => {
  it('names the slope a diffusion coefficient only when α is near 1, and says directed or confined motion otherwise', () => {
    const straight = meanSquaredDisplacement(tracksFromLinks(spots, links, 9, {})).ensemble!;
    expect(straight.alpha).toBeGreaterThan(1.9);
    const directed = describeMsdFit(straight, 2, 'px²/frame');
    expect(directed).toMatch(/^exponent α 2(?:\.\d+)?, well above 1: the motion is directed \(super-diffusive\), not diffusive/);
    expect(directed).toMatch(/not a diffusion coefficient/);
    expect(describeMsdFit({ diffusionCoefficient: 0.5, offset: 0, alpha: 1.61, lags: 4 }, 2, 'µm²/s')).toMatch(/α 1\.61, well above 1: .*D = 0\.5 µm²\/s \(MSD = 4Dτ \+ offset over the first 4 lags\)/);
    expect(describeMsdFit({ diffusionCoefficient: 0.5, offset: 0, alpha: 1.05, lags: 4 }, 2, 'µm²/s')).toBe('diffusion coefficient 0.5 µm²/s (MSD = 4Dτ + offset over the first 4 lags), exponent α 1.05: close to 1, consistent with a random walk');
    expect(describeMsdFit({ diffusionCoefficient: 0.5, offset: 0, alpha: 0.4, lags: 4 }, 2, 'µm²/s')).toMatch(/well below 1: the motion is confined or hindered/);
  });
});

