import { describe, expect, it } from 'vitest';
import { simulate, type SimResult } from '../../src/sim/index.ts';

function plane<T>(movie: { planes: unknown[] }, index: number): T {
  return movie.planes[index] as T;
}

function liveAt(result: SimResult, t: number): number[] {
  return result.lineage.filter((r) => r.start <= t && r.end >= t).map((r) => r.id);
}

function labelsIn(mask: Uint16Array): Set<number> {
  const ids = new Set<number>();
  for (const v of mask) if (v) ids.add(v);
  return ids;
}

describe('simulate', () => {
  const base = simulate({ frames: 30, width: 128, height: 128, cells: 12, seed: 3, divisionRate: 0.03, driftPx: 6, bleachRate: 0.01 });

  it('is deterministic per seed and differs between seeds', () => {
    const again = simulate({ frames: 30, width: 128, height: 128, cells: 12, seed: 3, divisionRate: 0.03, driftPx: 6, bleachRate: 0.01 });
    const other = simulate({ frames: 30, width: 128, height: 128, cells: 12, seed: 4, divisionRate: 0.03, driftPx: 6, bleachRate: 0.01 });
    for (const t of [0, 15, 29]) {
      expect(Buffer.from(plane<Uint16Array>(again.movie, t).buffer)).toEqual(Buffer.from(plane<Uint16Array>(base.movie, t).buffer));
      expect(Buffer.from(plane<Uint16Array>(again.labels, t).buffer)).toEqual(Buffer.from(plane<Uint16Array>(base.labels, t).buffer));
    }
    expect(again.lineage).toEqual(base.lineage);
    expect(again.drift).toEqual(base.drift);
    expect(Buffer.from(plane<Uint16Array>(other.movie, 0).buffer)).not.toEqual(Buffer.from(plane<Uint16Array>(base.movie, 0).buffer));
  });

  it('has the documented shape, dtypes and calibration', () => {
    expect(base.movie.shape).toEqual({ t: 30, z: 1, c: 1, y: 128, x: 128 });
    expect(base.movie.dtype).toBe('uint16');
    expect(base.clean.dtype).toBe('float32');
    expect(base.labels.dtype).toBe('uint16');
    expect(base.movie.meta).toMatchObject({ pixelSizeUm: 0.5, frameIntervalS: 60, channelNames: ['nuclei'] });
    expect(base.drift).toHaveLength(30);
    expect(base.drift[0]).toEqual({ t: 0, dxPx: 0, dyPx: 0 });
  });

  it('has one mask per live cell in every frame, with the lineage ids', () => {
    for (let t = 0; t < 30; t++) {
      const ids = labelsIn(plane<Uint16Array>(base.labels, t));
      expect([...ids].sort((a, b) => a - b)).toEqual(liveAt(base, t).sort((a, b) => a - b));
    }
  });

  it('divides cells into two daughters that start the frame after the mother ends', () => {
    const mothers = new Set(base.lineage.filter((r) => r.parent > 0).map((r) => r.parent));
    expect(mothers.size).toBeGreaterThanOrEqual(2);
    for (const mother of mothers) {
      const row = base.lineage.find((r) => r.id === mother)!;
      const daughters = base.lineage.filter((r) => r.parent === mother);
      expect(daughters).toHaveLength(2);
      for (const d of daughters) expect(d.start).toBe(row.end + 1);
    }
  });

  it('is much brighter inside the masks than outside', () => {
    for (const t of [0, 29]) {
      const mask = plane<Uint16Array>(base.labels, t);
      const counts = plane<Uint16Array>(base.movie, t);
      let inside = 0;
      let nIn = 0;
      let outside = 0;
      let nOut = 0;
      for (let p = 0; p < mask.length; p++) {
        if (mask[p]) (inside += counts[p]), nIn++;
        else (outside += counts[p]), nOut++;
      }
      const offset = base.options.camera.offsetAdu;
      expect((inside / nIn - offset) / (outside / nOut - offset)).toBeGreaterThan(2.5);
    }
  });

  it('moves the sample by drift.csv, to a tenth of a pixel', () => {
    // No motion, no background, flat light: each nucleus's intensity centroid moves only with the stage.
    const still = simulate({ frames: 12, width: 128, height: 128, cells: 8, seed: 5, driftPx: 7.3, speedPx: 0, divisionRate: 0, backgroundPhotons: 0, vignetting: 0 });
    const offset = still.options.camera.offsetAdu;
    const centroids = (t: number) => {
      const sums = new Map<number, [number, number, number]>();
      const mask = plane<Uint16Array>(still.labels, t);
      const clean = plane<Float32Array>(still.clean, t);
      for (let p = 0; p < mask.length; p++) {
        if (!mask[p]) continue;
        const s = sums.get(mask[p]) ?? [0, 0, 0];
        const w = clean[p] - offset;
        s[0] += w * (p % 128);
        s[1] += w * Math.floor(p / 128);
        s[2] += w;
        sums.set(mask[p], s);
      }
      return sums;
    };
    const first = centroids(0);
    let largest = 0;
    for (let t = 1; t < 12; t++) {
      const { dxPx, dyPx } = still.drift[t];
      largest = Math.max(largest, Math.hypot(dxPx, dyPx));
      const shifts: [number, number][] = [];
      for (const [id, [x, y, w]] of centroids(t)) {
        const [x0, y0, w0] = first.get(id)!;
        shifts.push([x / w - x0 / w0, y / w - y0 / w0]);
      }
      const mx = shifts.reduce((a, s) => a + s[0], 0) / shifts.length;
      const my = shifts.reduce((a, s) => a + s[1], 0) / shifts.length;
      expect(Math.abs(mx - dxPx)).toBeLessThan(0.1);
      expect(Math.abs(my - dyPx)).toBeLessThan(0.1);
    }
    expect(largest).toBeCloseTo(7.3, 6);
  });

  it('has camera noise with variance gain * signal + read noise²', () => {
    const r = simulate({ frames: 4, width: 128, height: 128, cells: 15, seed: 6, snr: 30 });
    const { gain, offsetAdu, readNoiseE } = r.options.camera;
    const bins = [
      [150, 300],
      [600, 1400],
    ];
    for (const [low, high] of bins) {
      let n = 0;
      let signal = 0;
      let sum = 0;
      let sum2 = 0;
      for (let t = 0; t < 4; t++) {
        const clean = plane<Float32Array>(r.clean, t);
        const counts = plane<Uint16Array>(r.movie, t);
        for (let p = 0; p < clean.length; p++) {
          const s = clean[p] - offsetAdu;
          if (s < low || s >= high) continue;
          const residual = counts[p] - clean[p];
          n++;
          signal += s;
          sum += residual;
          sum2 += residual * residual;
        }
      }
      expect(n).toBeGreaterThan(2000);
      const mean = sum / n;
      const variance = sum2 / n - mean * mean;
      const expected = gain * (signal / n) + (gain * readNoiseE) ** 2 + 1 / 12;
      expect(Math.abs(mean)).toBeLessThan(0.05 * Math.sqrt(expected));
      expect(variance / expected).toBeGreaterThan(0.95);
      expect(variance / expected).toBeLessThan(1.05);
    }
  });

  it('bleaches exponentially at bleachRate per frame', () => {
    // The same sample without bleaching is the reference, so growth and motion cancel out.
    const options = { frames: 20, width: 96, height: 96, cells: 6, seed: 7, backgroundPhotons: 0 };
    const bleached = simulate({ ...options, bleachRate: 0.05 });
    const reference = simulate(options);
    const offset = bleached.options.camera.offsetAdu;
    const total = (r: SimResult, t: number) => plane<Float32Array>(r.clean, t).reduce((a, v) => a + (v - offset), 0);
    for (const t of [0, 1, 5, 10, 19]) expect(total(bleached, t) / total(reference, t)).toBeCloseTo(0.95 ** t, 4);
  });

  it('gives the requested signal-to-noise ratio at nucleus centres', () => {
    for (const snr of [5, 20]) {
      const r = simulate({ frames: 3, width: 128, height: 128, cells: 15, seed: 8, snr, vignetting: 0, divisionRate: 0 });
      const background = r.options.camera.offsetAdu + r.options.camera.gain * r.options.backgroundPhotons;
      // Signal at each nucleus's mask centroid (averaged over cells), noise SD from the residuals at similar clean levels.
      let peak = 0;
      let cells = 0;
      for (let t = 0; t < 3; t++) {
        const mask = plane<Uint16Array>(r.labels, t);
        const clean = plane<Float32Array>(r.clean, t);
        const sums = new Map<number, [number, number, number]>();
        for (let p = 0; p < mask.length; p++) {
          if (!mask[p]) continue;
          const s = sums.get(mask[p]) ?? [0, 0, 0];
          s[0] += p % 128;
          s[1] += Math.floor(p / 128);
          s[2]++;
          sums.set(mask[p], s);
        }
        for (const [x, y, n] of sums.values()) {
          let local = 0;
          for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) local += clean[(Math.round(y / n) + dy) * 128 + Math.round(x / n) + dx];
          peak += local / 9 - background;
          cells++;
        }
      }
      peak /= cells;
      let n = 0;
      let sum2 = 0;
      for (let t = 0; t < 3; t++) {
        const clean = plane<Float32Array>(r.clean, t);
        const counts = plane<Uint16Array>(r.movie, t);
        for (let p = 0; p < clean.length; p++) {
          if (Math.abs(clean[p] - background - peak) > 0.1 * peak) continue;
          sum2 += (counts[p] - clean[p]) ** 2;
          n++;
        }
      }
      const measured = peak / Math.sqrt(sum2 / n);
      expect(measured / snr).toBeGreaterThan(0.85);
      expect(measured / snr).toBeLessThan(1.15);
    }
  });

  it('adds a brightfield channel and the true nuclei target', () => {
    const r = simulate({ frames: 3, width: 96, height: 96, cells: 6, seed: 9, brightfield: true });
    expect(r.movie.shape.c).toBe(2);
    expect(r.movie.meta.channelNames).toEqual(['nuclei', 'brightfield']);
    expect(r.nuclei?.shape).toEqual({ t: 3, z: 1, c: 1, y: 96, x: 96 });
    const mask = plane<Uint16Array>(r.labels, 0);
    const nuclei = plane<Float32Array>(r.nuclei!, 0);
    const bright = plane<Uint16Array>(r.movie, 1);
    let inNuc = 0;
    let nIn = 0;
    let outNuc = 0;
    for (let p = 0; p < mask.length; p++) if (mask[p]) (inNuc += nuclei[p]), nIn++;
    else outNuc = Math.max(outNuc, nuclei[p]);
    expect(inNuc / nIn).toBeGreaterThan(0.6);
    // Brightfield: bright, with visible contrast (halo and rims) but no fluorescence-like blobs.
    const mean = bright.reduce((a, v) => a + v, 0) / bright.length;
    const sd = Math.sqrt(bright.reduce((a, v) => a + (v - mean) ** 2, 0) / bright.length);
    expect(mean).toBeGreaterThan(4000);
    expect(sd / mean).toBeGreaterThan(0.02);
  });

  it('renders z-stacks with masks per plane and defocus away from each cell', () => {
    const r = simulate({ frames: 2, width: 96, height: 96, cells: 8, seed: 10, z: 5, divisionRate: 0 });
    expect(r.movie.shape).toEqual({ t: 2, z: 5, c: 1, y: 96, x: 96 });
    expect(r.labels.shape).toEqual({ t: 2, z: 5, c: 1, y: 96, x: 96 });
    expect(r.movie.meta.zStepUm).toBe(1.5);
    const seen = new Set<number>();
    const areas: number[] = [];
    for (let z = 0; z < 5; z++) {
      const mask = plane<Uint16Array>(r.labels, z);
      for (const id of labelsIn(mask)) seen.add(id);
      areas.push(mask.reduce((a, v) => a + (v ? 1 : 0), 0));
    }
    expect(seen.size).toBe(8);
    // Cells sit around the middle of the stack: the outer planes cut fewer of them.
    expect(areas[2]).toBeGreaterThan(areas[0]);
    expect(areas[2]).toBeGreaterThan(areas[4]);
  });

  it('rejects bad options with one line naming the option', () => {
    expect(() => simulate({ frames: 0 })).toThrow(/^frames must be a whole number from 1/);
    expect(() => simulate({ bleachRate: 1 })).toThrow(/bleachRate/);
    expect(() => simulate({ snr: -1 })).toThrow(/snr must be a number above 0, got -1/);
    expect(() => simulate({ width: 64, height: 64, driftPx: 40 })).toThrow(/too small for 40 px of drift/);
  });
});
