import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startAcquisition } from '../../src/microscope/engine.ts';
import { detectNuclei, focusScore } from '../../src/microscope/measures.ts';
import { openMovie } from '../../src/image/index.ts';
import { simulatedScope, tempDir } from './fixtures.ts';

function stats(data: Uint16Array): { mean: number; sd: number } {
  let sum = 0;
  for (const v of data) sum += v;
  const mean = sum / data.length;
  let sq = 0;
  for (const v of data) sq += (v - mean) ** 2;
  return { mean, sd: Math.sqrt(sq / data.length) };
}

const still = { speedUmPerS: 0, divisionHazardPerS: 0 };

describe('SimulatedMicroscope', () => {
  it('camera: offset, gain and read noise in a dark frame; signal scales with exposure and power', async () => {
    const { microscope } = simulatedScope({ sample: { cells: 3, ...still } });
    await microscope.setChannel('Cy5'); // no Cy5 label in the sample: background only
    await microscope.setLightPower('640', 0);
    const dark = stats((await microscope.snap()).data);
    expect(dark.mean).toBeCloseTo(100, 0); // offset 100 ADU
    expect(dark.sd).toBeGreaterThan(2.9); // gain 2 x read noise 1.6 e- = 3.2 ADU
    expect(dark.sd).toBeLessThan(3.5);
    await microscope.setChannel('DAPI');
    await microscope.setLightPower('405', 20);
    await microscope.setExposure(50);
    const a = stats((await microscope.snap()).data).mean - 100;
    await microscope.setExposure(100);
    const b = stats((await microscope.snap()).data).mean - 100;
    await microscope.setLightPower('405', 40);
    const c = stats((await microscope.snap()).data).mean - 100;
    expect(b / a).toBeGreaterThan(1.9);
    expect(b / a).toBeLessThan(2.1);
    expect(c / b).toBeGreaterThan(1.9);
    expect(c / b).toBeLessThan(2.1);
  });

  it('bleaching per channel and per field: FITC light bleaches GFP where it falls, not the DAPI label, not other fields', async () => {
    const { microscope } = simulatedScope({ sizePx: 128, sample: { boundsUm: { x0: -200, y0: -32, x1: 200, y1: 32 }, cells: 20, ...still } });
    await microscope.setChannel('GFP');
    await microscope.setExposure(1000);
    await microscope.setLightPower('488', 100);
    for (let i = 0; i < 10; i++) await microscope.snap(); // 10 x 5 J/cm²
    const view = microscope.view();
    const inField = (x: number) => x >= view.originXUm && x <= view.originXUm + 128 * view.pixelSizeUm;
    const lit = microscope.sample.cells.filter((c) => inField(c.xUm));
    const dark = microscope.sample.cells.filter((c) => Math.abs(c.xUm) > 60);
    expect(lit.length).toBeGreaterThan(0);
    expect(dark.length).toBeGreaterThan(0);
    // 50 J/cm² at 0.03 per J/cm²: exp(-1.5) = 0.22 of the GFP left.
    for (const c of lit) {
      expect(c.fluorophore['h2b-gfp']).toBeCloseTo(Math.exp(-1.5), 3);
      expect(c.fluorophore.hoechst ?? 1).toBe(1);
      expect(c.doseTotal).toBeCloseTo(50, 6);
    }
    for (const c of dark) expect(c.fluorophore['h2b-gfp'] ?? 1).toBe(1);
  });

  it('phototoxicity: a heavily lit field stops dividing and dies; the unlit cells live on', async () => {
    const { microscope } = simulatedScope({ sizePx: 128, sample: { boundsUm: { x0: -300, y0: -32, x1: 300, y1: 32 }, cells: 30, speedUmPerS: 0, divisionHazardPerS: 0 }, phototoxicity: { deathJPerCm2: 100, deathHalfLifeS: 600 } });
    await microscope.setChannel('GFP');
    await microscope.setExposure(10_000);
    await microscope.setLightPower('488', 100);
    for (let i = 0; i < 3; i++) await microscope.snap(); // 150 J/cm²
    const view = microscope.view();
    const lit = new Set(microscope.sample.cells.filter((c) => c.xUm >= view.originXUm && c.xUm <= view.originXUm + 64).map((c) => c.id));
    expect(lit.size).toBeGreaterThan(0);
    microscope.advanceTo(4 * 3600);
    const alive = new Set(microscope.sample.cells.map((c) => c.id));
    const litAlive = [...lit].filter((id) => alive.has(id)).length;
    expect(litAlive).toBe(0); // half-life 10 min: after 4 h all dead
    expect(microscope.history.deaths.length).toBe(lit.size); // and nobody else
    // Division slows with dose: the hazard scale is 1 / (1 + dose / 50 J/cm²).
    const scale = (microscope.sample.options.divisionHazardScale as (c: { doseTotal: number }) => number)({ doseTotal: 50 });
    expect(scale).toBeCloseTo(0.5, 6);
  });

  it('stage drift moves the image content by drift / pixel size; defocus lowers the focus score', async () => {
    const { clock, microscope } = simulatedScope({ sizePx: 128, seed: 5, sample: { cells: 6, ...still }, drift: { xUmPerH: 4, yUmPerH: -2, zUmPerH: 0, walkUmPerSqrtH: 0 } });
    await microscope.setChannel('GFP');
    const first = detectNuclei((await microscope.snap()).data, 128, 128, { minAreaPx: 40 }).nuclei.filter((n) => !n.touchesBorder);
    await clock.sleep(3600_000);
    const later = detectNuclei((await microscope.snap()).data, 128, 128, { minAreaPx: 40 }).nuclei;
    const shifts = first.map((n) => {
      const match = later.reduce((best, m) => (Math.hypot(m.xPx - n.xPx, m.yPx - n.yPx) < Math.hypot(best.xPx - n.xPx, best.yPx - n.yPx) ? m : best));
      return [match.xPx - n.xPx, match.yPx - n.yPx];
    });
    const dx = shifts.reduce((s, v) => s + v[0], 0) / shifts.length;
    const dy = shifts.reduce((s, v) => s + v[1], 0) / shifts.length;
    // 4 µm and -2 µm in an hour at 0.5 µm/px (cells grow a little, so centroids are not exact).
    expect(dx).toBeCloseTo(8, 0);
    expect(dy).toBeCloseTo(-4, 0);
    const scores: number[] = [];
    for (const z of [0, 2, 4, 8]) {
      await microscope.setZ(z);
      scores.push(focusScore((await microscope.snap()).data));
    }
    for (let i = 1; i < scores.length; i++) expect(scores[i]).toBeLessThan(scores[i - 1]);
  });

  it('binning, ROI and objectives set the image size and pixel size', async () => {
    const { microscope } = simulatedScope({ sizePx: 128 });
    await microscope.setBinning(2);
    expect(microscope.getState()).toMatchObject({ imageWidthPx: 64, imageHeightPx: 64, pixelSizeUm: 1 });
    await microscope.setRoi({ xPx: 32, yPx: 0, widthPx: 64, heightPx: 32 });
    const snap = await microscope.snap();
    expect([snap.widthPx, snap.heightPx, snap.data.length]).toEqual([32, 16, 512]);
    await microscope.setObjective('40x');
    expect(microscope.getState().pixelSizeUm).toBe(0.5);
    await expect(microscope.setBinning(3)).rejects.toThrow(/binning 3 is not offered: choose 1, 2, 4, 8/);
    await expect(microscope.setRoi({ xPx: 100, yPx: 0, widthPx: 64, heightPx: 8 })).rejects.toThrow(/does not fit the 128x128 sensor/);
    await expect(microscope.setObjective('100X')).rejects.toThrow(/no objective "100X": the microscope has 10X, 20X, 40X/);
  });
});

describe('multi-position and grid acquisitions', () => {
  it('write one hyperstack per position and field, each at its own stage position', async () => {
    const { clock, microscope } = simulatedScope({ sizePx: 64 });
    const status = await startAcquisition(
      { channels: [{ config: 'DAPI', exposureMs: 10 }], stagePositions: [{ name: 'A', xUm: 0, yUm: 0 }, { name: 'B', xUm: 300, yUm: 0 }], gridPlan: { rows: 1, columns: 2 }, timePlan: { intervalS: 60, loops: 3 } },
      { microscope, clock, outputPath: join(tempDir(), 'multi.tif') },
    ).done;
    expect(status.files.map((f) => f.path.split('/').pop())).toEqual(['multi_A_r0c0.tif', 'multi_A_r0c1.tif', 'multi_B_r0c0.tif', 'multi_B_r0c1.tif']);
    for (const f of status.files) {
      const movie = await openMovie(f.path);
      expect(movie.shape.t).toBe(3);
      await movie.close();
    }
    const rows = readFileSync(status.framesTable, 'utf8').trim().split('\n').slice(1);
    expect(rows.length).toBe(12);
    // Fields of a 32 µm wide field of view sit 32 µm apart around each position.
    expect(new Set(rows.map((r) => r.split(',')[9]))).toEqual(new Set(['-16', '16', '284', '316']));
    expect(Object.keys(status.dose.byPosition).sort()).toEqual(['A_r0c0', 'A_r0c1', 'B_r0c0', 'B_r0c1']);
  });
});
