import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openMovie } from '../../src/image/index.ts';
import { detectSpots, spotLabels, spotRadiusOfPlanes } from '../../src/analysis/spots.ts';
import { mulberry32 } from '../../src/random.ts';

/** A plane of Gaussian spots (std s, amplitudes `amps`) at random positions at least `gap` px apart, on background 100 with Gaussian noise. */
function spotPlane(seed: number, width: number, height: number, n: number, s: number, amps: [number, number], noise: number, gap = 8) {
  const rand = mulberry32(seed);
  const truth: { x: number; y: number; a: number }[] = [];
  while (truth.length < n) {
    const x = 3 + rand() * (width - 6);
    const y = 3 + rand() * (height - 6);
    if (truth.some((t) => (t.x - x) ** 2 + (t.y - y) ** 2 < gap * gap)) continue;
    truth.push({ x, y, a: amps[0] + rand() * (amps[1] - amps[0]) });
  }
  const plane = new Float32Array(width * height);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  for (let i = 0; i < plane.length; i++) plane[i] = 100 + noise * gauss();
  const reach = Math.ceil(4 * s);
  for (const t of truth)
    for (let y = Math.max(0, Math.round(t.y) - reach); y <= Math.min(height - 1, Math.round(t.y) + reach); y++)
      for (let x = Math.max(0, Math.round(t.x) - reach); x <= Math.min(width - 1, Math.round(t.x) + reach); x++)
        plane[y * width + x] += t.a * Math.exp(-((x - t.x) ** 2 + (y - t.y) ** 2) / (2 * s * s));
  return { plane, truth };
}

/** Recall and precision of found positions against the truth, a match within `within` px (each truth matched once). */
function score(found: { x: number; y: number }[], truth: { x: number; y: number }[], within = 2) {
  const used = new Set<number>();
  let hits = 0;
  for (const f of found) {
    const k = truth.findIndex((t, i) => !used.has(i) && (t.x - f.x) ** 2 + (t.y - f.y) ** 2 <= within * within);
    if (k >= 0) (used.add(k), hits++);
  }
  return { recall: hits / truth.length, precision: found.length ? hits / found.length : 1 };
}

describe('LoG spot detector (spots.ts)', () => {
  it('finds Gaussian spots in noise with recall and precision >= 0.9 within 2 px, at SNR 4-10', () => {
    const all = { found: [] as number[], recall: [] as number[], precision: [] as number[] };
    for (const seed of [1, 2, 3]) {
      // spots of std 1.5 px (radius 2.1 px), amplitude 4-10 times the noise
      const { plane, truth } = spotPlane(seed, 96, 96, 25, 1.5, [40, 100], 10);
      const found = detectSpots(plane, 96, 96, { radiusPx: 1.5 * Math.SQRT2 });
      const s = score(found.spots, truth);
      all.recall.push(s.recall);
      all.precision.push(s.precision);
    }
    expect(Math.min(...all.recall)).toBeGreaterThanOrEqual(0.9);
    expect(Math.min(...all.precision)).toBeGreaterThanOrEqual(0.9);
  });

  it('finds nothing, or next to nothing, in a plane of noise alone (no threshold splitting the noise maxima)', () => {
    const { plane } = spotPlane(7, 96, 96, 0, 1.5, [0, 0], 10);
    expect(detectSpots(plane, 96, 96, { radiusPx: 2 }).spots.length).toBeLessThanOrEqual(1);
  });

  it('locates spots to a fraction of a pixel and keeps a dim spot beside bright ones', () => {
    const { plane, truth } = spotPlane(11, 64, 64, 6, 1.2, [30, 300], 3);
    const found = detectSpots(plane, 64, 64, { radiusPx: 1.2 * Math.SQRT2 });
    expect(score(found.spots, truth).recall).toBe(1);
    expect(score(found.spots, truth, 0.5).recall).toBe(1);
  });

  it('measures the radius of the strongest small peaks within 30%', () => {
    for (const s of [1, 2, 3]) {
      const { plane } = spotPlane(20 + s, 96, 96, 12, s, [60, 120], 5, 6 * s + 4);
      const r = spotRadiusOfPlanes([{ plane, width: 96, height: 96 }])!;
      expect(Math.abs(r - s * Math.SQRT2) / (s * Math.SQRT2)).toBeLessThan(0.3);
    }
  });

  it('writes each spot as a disc of its radius, a pixel between two going to the nearer', () => {
    const labels = spotLabels([{ x: 5, y: 5, quality: 2 }, { x: 9, y: 5, quality: 1 }], 16, 12, 3);
    expect(labels[5 * 16 + 5]).toBe(1);
    expect(labels[5 * 16 + 9]).toBe(2);
    expect(labels[5 * 16 + 6]).toBe(1);
    expect(labels[5 * 16 + 8]).toBe(2);
    expect(labels[5 * 16 + 13]).toBe(0);
    expect(labels[1 * 16 + 5]).toBe(0);
  });

  const czt = fileURLToPath(new URL('../../../shared/data/sktracker-ometiff/CZT_peaks.ome.tif', import.meta.url));
  it.skipIf(!existsSync(czt))('finds several diffraction-limited spots per frame in sktracker\'s CZT_peaks, the isolated one at the right among them', async () => {
    const movie = await openMovie(czt);
    try {
      const { x: width, y: height } = movie.shape;
      const radiusPx = 0.2 / movie.meta.pixelSizeUm!;
      expect(radiusPx * movie.meta.pixelSizeUm!).toBeLessThan(1);
      for (let t = 0; t < movie.shape.t; t++) {
        let perFrame = 0;
        let right = false;
        for (let z = 0; z < movie.shape.z; z++) {
          const { spots } = detectSpots(await movie.plane(t, z, 0), width, height, { radiusPx });
          perFrame = Math.max(perFrame, spots.length);
          if (spots.some((s) => s.x > 42 && s.y > 28 && s.y < 42)) right = true;
        }
        expect(perFrame).toBeGreaterThan(1);
        expect(right).toBe(true);
      }
    } finally {
      await movie.close();
    }
  });
});
