import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { estimateShift, type Plane } from '../../src/analysis/registration.ts';
import { InputError } from '../../src/errors.ts';
import { fft2dInPlace, fft2dReal, fftFrequencies } from '../../src/analysis/fft.ts';
import { simulate } from '../../src/sim/index.ts';

/** A simulated nuclei frame (static cells), as a plane. */
function nucleiPlane(height: number, width: number): Plane {
  const sim = simulate({ width, height, frames: 1, cells: Math.round((width * height) / 2000), seed: 4 });
  return { data: Float64Array.from(sim.movie.planes[0]), height, width };
}

/** The plane's content moved by (dx, dy) px, periodically (an exact sub-pixel shift), plus independent noise of SD noise. */
function shifted(plane: Plane, dxPx: number, dyPx: number, noise = 0, seed = 1): Plane {
  const { height, width } = plane;
  const spectrum = fft2dReal(plane.data, height, width);
  const fy = fftFrequencies(height);
  const fx = fftFrequencies(width);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const a = -2 * Math.PI * (fx[x] * dxPx + fy[y] * dyPx);
      const i = 2 * (y * width + x);
      const [re, im] = [spectrum[i], spectrum[i + 1]];
      spectrum[i] = re * Math.cos(a) - im * Math.sin(a);
      spectrum[i + 1] = re * Math.sin(a) + im * Math.cos(a);
    }
  fft2dInPlace(spectrum, height, width, true);
  let s = seed;
  const rand = () => (s = (s * 16807) % 2147483647) / 2147483647;
  const data = Float64Array.from({ length: height * width }, (_, i) => spectrum[2 * i] + noise * (rand() - 0.5) * Math.sqrt(12));
  return { data, height, width };
}

describe('estimateShift (phase correlation, scikit-image convention)', () => {
  const cases: [number, number, number, number][] = [
    // height, width, dx, dy of the moving image's content
    [128, 128, 3.25, -1.5],
    [128, 96, -7.6, 4.35],
    [100, 90, 0.05, 0.6],
    [64, 77, -12.3, -9.95],
  ];
  it.each(cases)('%ix%i: content moved by (%f, %f) gives the negated shift within 0.05 px', (h, w, dx, dy) => {
    const reference = nucleiPlane(h, w);
    const moving = shifted(reference, dx, dy);
    const r = estimateShift(reference, moving, { upsampleFactor: 20 });
    expect(Math.abs(r.dxPx + dx)).toBeLessThan(0.05 + 1e-9);
    expect(Math.abs(r.dyPx + dy)).toBeLessThan(0.05 + 1e-9);
    expect(Math.abs(r.phaseDifference)).toBeLessThan(0.05);
  });

  it('without upsampling returns the nearest whole-pixel shift', () => {
    const p = nucleiPlane(96, 96);
    const r = estimateShift(p, shifted(p, 5.2, -3.9), { upsampleFactor: 1 });
    expect([r.dxPx, r.dyPx]).toEqual([-5, 4]);
  });

  it('an identical image gives zero shift, and zero error without phase normalisation (as scikit-image)', () => {
    const p = nucleiPlane(64, 64);
    const r = estimateShift(p, p, { upsampleFactor: 20, normalization: 'none' });
    expect([r.dxPx, r.dyPx]).toEqual([0, 0]);
    expect(r.error).toBeLessThan(1e-6);
    expect(estimateShift(p, p, { upsampleFactor: 20 })).toMatchObject({ dxPx: 0, dyPx: 0 });
  });

  it('keeps sub-pixel accuracy at realistic noise', () => {
    const p = nucleiPlane(128, 128);
    const r = estimateShift(shifted(p, 0, 0, 5, 1), shifted(p, 2.4, 1.15, 5, 2), { upsampleFactor: 20 });
    expect(Math.abs(r.dxPx + 2.4)).toBeLessThan(0.1);
    expect(Math.abs(r.dyPx + 1.15)).toBeLessThan(0.1);
  });

  it('maxShiftPx ignores peaks farther than the bound', () => {
    const reference = nucleiPlane(64, 64);
    const moving = shifted(reference, 10, 0);
    expect(estimateShift(reference, moving, { upsampleFactor: 1 }).dxPx).toBe(-10);
    const bounded = estimateShift(reference, moving, { upsampleFactor: 1, maxShiftPx: 4 });
    expect(Math.abs(bounded.dxPx)).toBeLessThanOrEqual(4);
  });

  it('rejects different shapes, NaNs and a bad upsample factor with one-line input errors', () => {
    const a = nucleiPlane(32, 32);
    expect(() => estimateShift(a, { data: new Float64Array(512), height: 32, width: 16 })).toThrow('images must be the same shape, got 32x32 and 32x16');
    const nan = { ...a, data: Float64Array.from(a.data as Float64Array) };
    nan.data[5] = NaN;
    expect(() => estimateShift(a, nan)).toThrow(InputError);
    expect(() => estimateShift(a, nan)).toThrow(/NaN/);
    expect(() => estimateShift(a, a, { upsampleFactor: 2.5 })).toThrow(/upsampleFactor/);
  });
});

describe('estimateShift equals scikit-image phase_cross_correlation (where /usr/bin/python3 has skimage)', () => {
  const python = '/usr/bin/python3';
  const hasSkimage = spawnSync(python, ['-c', 'import skimage.registration'], { encoding: 'utf8' }).status === 0;
  it.skipIf(!hasSkimage)('same shifts and error on even, odd and single-row sizes at upsample 1, 7 and 20', () => {
    let s = 7;
    const rand = () => (s = (s * 16807) % 2147483647) / 2147483647;
    const cases: { h: number; w: number; up: number; a: number[]; b: number[]; ours: number[] }[] = [];
    for (const [h, w] of [[64, 64], [63, 65], [50, 77], [1, 40], [40, 1], [33, 33]]) {
      for (const up of [1, 7, 20]) {
        // a bright band plus texture, moved by (-3, +2) px (periodically) with fresh noise
        const a = Array.from({ length: h * w }, (_, i) => Math.sin(i * 0.37) * 50 + rand() * 30 + ((i % w) > w / 3 && (i % w) < w / 2 ? 100 : 0));
        const b = a.map((_, i) => a[((Math.floor(i / w) + 3) % h) * w + (((i % w) + w - 2) % w)] + rand() * 20);
        const r = estimateShift({ data: a, height: h, width: w }, { data: b, height: h, width: w }, { upsampleFactor: up });
        cases.push({ h, w, up, a, b, ours: [r.dyPx, r.dxPx, r.error] });
      }
    }
    const script = `
import json, sys, numpy as np
from skimage.registration import phase_cross_correlation as pcc
out = []
for c in json.load(sys.stdin):
    a = np.array(c['a']).reshape(c['h'], c['w']); b = np.array(c['b']).reshape(c['h'], c['w'])
    shift, error, _ = pcc(a, b, upsample_factor=c['up'])
    out.append([float(shift[0]), float(shift[1]), float(error)])
print(json.dumps(out))`;
    const peer = spawnSync(python, ['-c', script], { input: JSON.stringify(cases), encoding: 'utf8', maxBuffer: 1 << 26 });
    expect(peer.status, peer.stderr).toBe(0);
    const theirs = JSON.parse(peer.stdout) as number[][];
    cases.forEach((c, i) => {
      expect([c.ours[0], c.ours[1]], `${c.h}x${c.w} upsample ${c.up}`).toEqual([theirs[i][0], theirs[i][1]]);
      expect(c.ours[2]).toBeCloseTo(theirs[i][2], 9);
    });
  });
});

describe('startShiftFromSpectra (refinement on demand)', () => {
  it('gives estimateShiftFromSpectra bit for bit, with two pending at once finished in either order or one discarded', async () => {
    const { loadSimdFft } = await import('../../src/analysis/fft-simd.ts');
    const { estimateShiftFromSpectra, singlePrecisionSpectrum, startShiftFromSpectra } = await import('../../src/analysis/registration.ts');
    await loadSimdFft();
    const base = nucleiPlane(128, 128);
    const spectrum = (p: Plane) => singlePrecisionSpectrum({ data: Float32Array.from(p.data), height: p.height, width: p.width });
    const [a, b, c] = [spectrum(base), spectrum(shifted(base, 2.35, -1.6, 2, 3)), spectrum(shifted(base, -4.1, 0.45, 2, 5))];
    for (const options of [{ upsampleFactor: 20 }, { upsampleFactor: 1 }, { upsampleFactor: 7, normalization: 'none' as const, removeMean: true }]) {
      const eagerAB = estimateShiftFromSpectra(a, b, options);
      const eagerAC = estimateShiftFromSpectra(a, c, options);
      const ab = startShiftFromSpectra(a, b, options);
      const ac = startShiftFromSpectra(a, c, options);
      expect([ab.peakHeight, ac.peakHeight]).toEqual([eagerAB.peakHeight, eagerAC.peakHeight]);
      expect(ac.finish()).toEqual(eagerAC);
      expect(ab.finish()).toEqual(eagerAB);
      const dropped = startShiftFromSpectra(a, c, options);
      const kept = startShiftFromSpectra(a, b, options);
      dropped.discard();
      startShiftFromSpectra(b, c, options).finish(); // reuses the discarded one's buffer
      expect(kept.finish()).toEqual(eagerAB);
    }
    // spectra in column order (singlePrecisionSpectrum) register as the same spectra in row order, bit for bit
    // (the energies, summed in another order, only enter the error metric); a view not aligned for 8-byte moves too
    const { realFft2d } = await import('../../src/analysis/fft-simd.ts');
    const plan = realFft2d(128, 128)!;
    const byRows = (p: Plane, offset = 0) => {
      const values = new Float32Array(2 * 128 * plan.halfWidth + offset).subarray(offset);
      const energy = plan.forward(Float32Array.from(p.data), values);
      return { height: 128, width: 128, values, energy };
    };
    const byColumns = (p: Plane, offset: number) => {
      const s = spectrum(p);
      const values = new Float32Array(s.values.length + offset).subarray(offset);
      values.set(s.values);
      return { ...s, values };
    };
    for (const offset of [0, 1]) {
      const [ra, rb] = [byRows(base, offset), byRows(shifted(base, 2.35, -1.6, 2, 3), offset)];
      const [ca, cb] = [byColumns(base, offset), byColumns(shifted(base, 2.35, -1.6, 2, 3), offset)];
      for (const options of [{ upsampleFactor: 20 }, { upsampleFactor: 1 }, { upsampleFactor: 7, normalization: 'none' as const, removeMean: true }]) {
        const rows = estimateShiftFromSpectra(ra, rb, options);
        const columns = estimateShiftFromSpectra(ca, cb, options);
        expect([columns.dyPx, columns.dxPx, columns.peakHeight, columns.phaseDifference]).toEqual([rows.dyPx, rows.dxPx, rows.peakHeight, rows.phaseDifference]);
        expect(columns.error).toBeCloseTo(rows.error, 6);
      }
    }
    expect(() => estimateShiftFromSpectra(a, byRows(base))).toThrow(/different orders/);
    // the shift itself, as a check that the spectra registered
    const found = estimateShiftFromSpectra(a, b, { upsampleFactor: 20 });
    expect(Math.abs(found.dxPx + 2.35)).toBeLessThan(0.1);
    expect(Math.abs(found.dyPx - 1.6)).toBeLessThan(0.1);
  });
});
