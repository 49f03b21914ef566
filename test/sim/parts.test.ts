import { describe, expect, it } from 'vitest';
import { Rng, Sample, cameraWithDefaults, expectedCounts, expose, peakPhotonsForSnr, renderNuclei, illuminationField, driftPath, simulate } from '../../src/sim/index.ts';

function moments(draw: () => number, n: number) {
  let sum = 0;
  let sum2 = 0;
  for (let i = 0; i < n; i++) {
    const v = draw();
    sum += v;
    sum2 += v * v;
  }
  const mean = sum / n;
  return { mean, variance: sum2 / n - mean * mean };
}

describe('Rng', () => {
  it('repeats per seed and stream, and streams are independent', () => {
    const a = new Rng(7, 'camera');
    const b = new Rng(7, 'camera');
    const c = new Rng(7, 'sample');
    const seqA = Array.from({ length: 5 }, () => a.nextUint32());
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.nextUint32())).not.toEqual(seqA);
  });

  it('draws standard normals with the right moments and tails', () => {
    const rng = new Rng(1);
    let beyond3 = 0;
    const n = 400_000;
    const m = moments(() => {
      const v = rng.normal();
      if (Math.abs(v) > 3) beyond3++;
      return v;
    }, n);
    expect(Math.abs(m.mean)).toBeLessThan(0.01);
    expect(m.variance).toBeCloseTo(1, 1);
    expect(beyond3 / n).toBeGreaterThan(0.0027 * 0.8);
    expect(beyond3 / n).toBeLessThan(0.0027 * 1.2);
  });

  it.each([0.5, 4, 9.5, 10, 37, 250, 5000])('draws Poisson(%d) counts with mean = variance', (lambda) => {
    const rng = new Rng(2);
    const m = moments(() => rng.poisson(lambda), 100_000);
    expect(m.mean / lambda).toBeGreaterThan(0.99);
    expect(m.mean / lambda).toBeLessThan(1.01);
    expect(m.variance / lambda).toBeGreaterThan(0.97);
    expect(m.variance / lambda).toBeLessThan(1.03);
  });
});

describe('camera', () => {
  it('adds offset, gain, Poisson and read noise, and clips at 16 bits', () => {
    const camera = cameraWithDefaults({ gain: 1.5, offsetAdu: 200, readNoiseE: 3 });
    const photons = new Float32Array(100_000).fill(400);
    const counts = expose(photons, camera, new Rng(3));
    let sum = 0;
    let sum2 = 0;
    for (const v of counts) (sum += v), (sum2 += v * v);
    const mean = sum / counts.length;
    const variance = sum2 / counts.length - mean * mean;
    expect(mean).toBeCloseTo(200 + 1.5 * 400, 0);
    expect(variance / (1.5 * 1.5 * (400 + 9))).toBeCloseTo(1, 1);
    expect(expectedCounts(photons, camera)[0]).toBeCloseTo(800, 5);
    const bright = expose(new Float32Array(10).fill(1e6), cameraWithDefaults({ fullWellE: 1e7 }), new Rng(1));
    expect(Math.max(...bright)).toBe(65535);
  });

  it('scales with exposure time and saturates at the full well', () => {
    const photons = new Float32Array(4).fill(1000);
    expect(expectedCounts(photons, cameraWithDefaults({ exposureMs: 50 }))[0]).toBeCloseTo(100 + 2 * 500, 5);
    expect(expectedCounts(photons, cameraWithDefaults({ fullWellE: 300 }))[0]).toBeCloseTo(100 + 2 * 300, 5);
  });

  it('chooses peak photons that give the requested SNR', () => {
    for (const snr of [3, 10, 40]) {
      const s = peakPhotonsForSnr(snr, 100, 1.6);
      expect(s / Math.sqrt(s + 100 + 1.6 ** 2)).toBeCloseTo(snr, 6);
    }
  });
});

describe('Sample', () => {
  const bounds = { x0: 0, y0: 0, x1: 200, y1: 200 };

  it('has no collective flow: the cells present before and after a step keep their mean position (walls, pushes and divisions too)', () => {
    const sample = new Sample({ boundsUm: { x0: 0, y0: 0, x1: 60, y1: 60 }, cells: 20, crowding: 0.5, divisionHazardPerS: 1 / 3000, mitosisDurationS: 120, cycleS: 600 }, 7);
    let largestMean = 0;
    let typicalMove = 0;
    for (let k = 0; k < 60; k++) {
      const before = new Map(sample.cells.map((c) => [c.id, [c.xUm, c.yUm]]));
      sample.step(60);
      const moves = sample.cells.filter((c) => before.has(c.id)).map((c) => [c.xUm - before.get(c.id)![0], c.yUm - before.get(c.id)![1]]);
      const mean = [0, 1].map((axis) => moves.reduce((sum, m) => sum + m[axis], 0) / moves.length);
      largestMean = Math.max(largestMean, Math.hypot(mean[0], mean[1]));
      typicalMove += moves.reduce((sum, m) => sum + Math.hypot(m[0], m[1]), 0) / moves.length / 60;
    }
    expect(typicalMove).toBeGreaterThan(0.2); // the cells do move (µm per minute)
    expect(largestMean).toBeLessThan(1e-9);
  });

  it('moves cells at the requested RMS speed, persistently', () => {
    const speedUmPerS = 0.5 / 60;
    const sample = new Sample({ boundsUm: { x0: -1e6, y0: -1e6, x1: 1e6, y1: 1e6 }, cells: 200, speedUmPerS, persistenceS: 600 }, 4);
    // Spread far apart so that no contact pushes them.
    sample.cells.forEach((c, i) => ((c.xUm = i * 1000), (c.yUm = 0)));
    const steps: number[] = [];
    let aligned = 0;
    let pairs = 0;
    for (let k = 0; k < 20; k++) {
      const before = sample.cells.map((c) => [c.xUm, c.yUm]);
      sample.step(60);
      const moves = sample.cells.map((c, i) => [c.xUm - before[i][0], c.yUm - before[i][1]]);
      for (const [dx, dy] of moves) steps.push(dx * dx + dy * dy);
      if (k > 0) for (const [i, [dx, dy]] of moves.entries()) (aligned += dx * prev[i][0] + dy * prev[i][1] > 0 ? 1 : 0), pairs++;
      prev = moves;
    }
    const rmsUmPerS = Math.sqrt(steps.reduce((a, v) => a + v, 0) / steps.length) / 60;
    expect(rmsUmPerS / speedUmPerS).toBeGreaterThan(0.85);
    expect(rmsUmPerS / speedUmPerS).toBeLessThan(1.15);
    // Persistence: consecutive steps point the same way far more often than not.
    expect(aligned / pairs).toBeGreaterThan(0.75);
  });
  let prev: number[][] = [];

  it('divides into two daughters of half the area, and the hooks stop division and kill cells', () => {
    const sample = new Sample({ boundsUm: bounds, cells: 10, divisionHazardPerS: 1 / 600, mitosisDurationS: 300, cycleS: 1200, crowding: 0 }, 5);
    let divisions = 0;
    for (let k = 0; k < 60 && divisions === 0; k++) {
      const areas = new Map(sample.cells.map((c) => [c.id, sample.sizeOf({ ...c, phase: 'interphase' }) ** 2]));
      const events = sample.step(60);
      for (const d of events.divisions) {
        divisions++;
        const [a, b] = d.daughters.map((id) => sample.cells.find((c) => c.id === id)!);
        expect(a.parent).toBe(d.parent);
        expect(b.parent).toBe(d.parent);
        expect((sample.sizeOf(a) ** 2 + sample.sizeOf(b) ** 2) / areas.get(d.parent)!).toBeGreaterThan(0.9);
        expect((sample.sizeOf(a) ** 2 + sample.sizeOf(b) ** 2) / areas.get(d.parent)!).toBeLessThan(1.15);
        expect(Math.hypot(a.xUm - b.xUm, a.yUm - b.yUm)).toBeGreaterThan(sample.sizeOf(a));
      }
    }
    expect(divisions).toBeGreaterThan(0);

    const blocked = new Sample({ boundsUm: bounds, cells: 10, divisionHazardPerS: 1 / 60, divisionHazardScale: () => 0 }, 5);
    for (let k = 0; k < 50; k++) expect(blocked.step(60).divisions).toEqual([]);
    const dying = new Sample({ boundsUm: bounds, cells: 10, deathHazardPerS: (c) => (c.doseTotal > 5 ? 1 : 0) }, 5);
    dying.step(60);
    expect(dying.cells).toHaveLength(10);
    dying.expose('GFP', 10, 0.1);
    const deaths = dying.step(60).deaths;
    expect(deaths).toHaveLength(10);
  });

  it('bleaches each fluorophore exponentially in its dose', () => {
    const sample = new Sample({ boundsUm: bounds, cells: 3 }, 6);
    sample.expose('GFP', 2, 0.1);
    sample.expose('GFP', 3, 0.1, (c) => c.id === 1);
    expect(sample.cells[0].fluorophore.GFP).toBeCloseTo(Math.exp(-0.5), 9);
    expect(sample.cells[1].fluorophore.GFP).toBeCloseTo(Math.exp(-0.2), 9);
    expect(sample.cells[1].fluorophore.DAPI).toBeUndefined();
  });
});

describe('renderNuclei', () => {
  it('renders sub-pixel positions exactly: a 0.3 px stage move moves the centroid by 0.3 px', () => {
    const sample = new Sample({ boundsUm: { x0: 15, y0: 15, x1: 17, y1: 17 }, cells: 1 }, 7);
    const centroid = (originXUm: number) => {
      const photons = new Float32Array(64 * 64);
      renderNuclei(sample, { widthPx: 64, heightPx: 64, pixelSizeUm: 0.5, originXUm, originYUm: 0 }, { peakPhotons: 100 }, { photons });
      let sx = 0;
      let s = 0;
      photons.forEach((v, p) => ((sx += v * (p % 64)), (s += v)));
      return sx / s;
    };
    // Point sampling of the fine texture leaves an error of a few thousandths of a pixel.
    expect(Math.abs(centroid(0) - centroid(0.15) - 0.3)).toBeLessThan(0.01);
    expect(Math.abs(centroid(0) - centroid(-0.6) + 1.2)).toBeLessThan(0.01);
  });

  it('masks the nucleus ellipse (area pi*a*b) and dims out-of-focus nuclei', () => {
    const sample = new Sample({ boundsUm: { x0: 16, y0: 16, x1: 16, y1: 16 }, cells: 1 }, 8);
    const view = { widthPx: 64, heightPx: 64, pixelSizeUm: 0.5, originXUm: 0, originYUm: 0 };
    const photons = new Float32Array(64 * 64);
    const labels = new Uint16Array(64 * 64);
    renderNuclei(sample, view, { peakPhotons: 1000 }, { photons, labels });
    const { aUm, bUm } = sample.shapeOf(sample.cells[0]);
    const area = labels.reduce((a, v) => a + (v === sample.cells[0].id ? 1 : 0), 0);
    expect(area / ((Math.PI * aUm * bUm) / 0.25)).toBeGreaterThan(0.95);
    expect(area / ((Math.PI * aUm * bUm) / 0.25)).toBeLessThan(1.05);
    let outside = 0;
    photons.forEach((v, p) => (outside = labels[p] ? outside : Math.max(outside, v)));
    expect(outside).toBeLessThan(0.5 * Math.max(...photons));
    const far = new Float32Array(64 * 64);
    const farLabels = new Uint16Array(64 * 64);
    renderNuclei(sample, { ...view, focusZUm: 8 }, { peakPhotons: 1000 }, { photons: far, labels: farLabels });
    expect(Math.max(...far)).toBeLessThan(0.6 * Math.max(...photons));
    expect(farLabels.every((v) => v === 0)).toBe(true);
  });

  it('has an illumination field of 1 at the centre falling towards the corners', () => {
    const field = illuminationField(65, 65, { vignetting: 0.3, tiltX: 0, tiltY: 0 });
    expect(field[32 * 65 + 32]).toBeCloseTo(1, 6);
    expect(field[0]).toBeCloseTo(0.7, 6);
  });
});

describe('driftPath', () => {
  it('starts at zero, reaches the requested amplitude and moves smoothly', () => {
    const rows = driftPath(50, 12.5, 3);
    expect(rows[0]).toEqual({ t: 0, dxPx: 0, dyPx: 0 });
    expect(Math.max(...rows.map((r) => Math.hypot(r.dxPx, r.dyPx)))).toBeCloseTo(12.5, 9);
    for (let t = 1; t < 50; t++) expect(Math.hypot(rows[t].dxPx - rows[t - 1].dxPx, rows[t].dyPx - rows[t - 1].dyPx)).toBeLessThan(2);
    expect(driftPath(50, 0, 3).every((r) => r.dxPx === 0 && r.dyPx === 0)).toBe(true);
  });
});

describe('crowded simulations', () => {
  it('keeps one visible mask per live cell when nuclei are packed and touching', () => {
    for (const seed of [1, 2]) {
      const r = simulate({ frames: 30, width: 128, height: 128, cells: 36, crowding: 1, divisionRate: 0.05, driftPx: 5, seed });
      const areas: number[] = [];
      let touching = 0;
      for (let t = 0; t < 30; t++) {
        const mask = r.labels.planes[t] as Uint16Array;
        const area = new Map<number, number>();
        mask.forEach((v, p) => {
          if (!v) return;
          area.set(v, (area.get(v) ?? 0) + 1);
          if (p % 128 < 127 && mask[p + 1] && mask[p + 1] !== v) touching++;
        });
        expect(area.size).toBe(r.lineage.filter((l) => l.start <= t && l.end >= t).length);
        areas.push(...area.values());
      }
      areas.sort((a, b) => a - b);
      expect(areas[Math.floor(areas.length / 2)]).toBeGreaterThan(120);
      expect(touching).toBeGreaterThan(100);
    }
  });

  it('refuses more cells than the field holds', () => {
    expect(() => simulate({ width: 64, height: 64, cells: 40 })).toThrow(/40 cells of 8 px radius do not fit in a 64x64 field: use at most 10 cells/);
  });
});
