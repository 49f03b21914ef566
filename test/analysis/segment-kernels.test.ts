// The segmentation kernels against scikit-image / scipy on fixed inputs. Reference numbers were
// computed with scikit-image 0.19.3 and scipy 1.10.1 by this script (same formulas as below):
//   i=np.arange(400); u16=np.where(i<300, 800+(i*7919)%401, 4200+(i*104729)%1601).astype(np.uint16)
//   j=np.arange(200); f64=np.where(j<120, 0.1+((j*7919)%997)/4985, 0.5+((j*104729)%991)/2477.5)
//   threshold_otsu / threshold_li / threshold_triangle of each;
//   mask = three discs (below); d = ndi.distance_transform_edt(mask); cc,_ = ndi.label(mask)
//   pk = peak_local_max(d, min_distance=5, labels=cc, exclude_border=False)
//   ws = watershed(-d, ndi.label(peak mask)[0], mask=mask); np.bincount(ws.ravel())[1:]
import { describe, expect, it } from 'vitest';
import { distanceTransform } from '../../src/analysis/distance.ts';
import { gaussianBlur, gaussianKernel } from '../../src/analysis/filters.ts';
import { fillHoles, fillLabelHoles, filterLabels, labelComponents } from '../../src/analysis/morphology.ts';
import { trimToEdges } from '../../src/analysis/seg-plane.ts';
import { histogram, thresholdLi, thresholdOtsu, thresholdTriangle } from '../../src/analysis/threshold.ts';
import { peakLocalMax, watershed } from '../../src/analysis/watershed.ts';

const u16 = Uint16Array.from({ length: 400 }, (_, i) => (i < 300 ? 800 + ((i * 7919) % 401) : 4200 + ((i * 104729) % 1601)));
const f64 = Float64Array.from({ length: 200 }, (_, j) => (j < 120 ? 0.1 + ((j * 7919) % 997) / 4985 : 0.5 + ((j * 104729) % 991) / 2477.5));

/** Three discs on a 64x64 plane, the first two touching. */
function discs(): Uint8Array {
  const mask = new Uint8Array(64 * 64);
  for (let y = 0; y < 64; y++)
    for (let x = 0; x < 64; x++) {
      const inside = (y - 20) ** 2 + (x - 20) ** 2 <= 100 || (y - 22) ** 2 + (x - 36) ** 2 <= 81 || (y - 45) ** 2 + (x - 45) ** 2 <= 64;
      mask[y * 64 + x] = inside ? 1 : 0;
    }
  return mask;
}

describe('thresholds match scikit-image 0.19', () => {
  it.each([
    ['otsu', thresholdOtsu, 1200, 0.2999353557013118],
    ['li', thresholdLi, 2121.91248281778, 0.3825448509829451],
    ['triangle', thresholdTriangle, 803, 0.14184693491422806],
  ] as const)('%s on integer and float data', (_name, fn, onU16, onF64) => {
    expect(fn(u16)).toBeCloseTo(onU16, 9);
    expect(fn(f64)).toBeCloseTo(onF64, 9);
  });

  it('returns the value of a constant plane and bins integers one per value', () => {
    expect(thresholdOtsu(new Uint8Array(10).fill(7))).toBe(7);
    expect(thresholdLi(new Float32Array(10).fill(0.5))).toBe(0.5);
    const h = histogram(Uint8Array.from([3, 3, 5]));
    expect([...h.counts]).toEqual([2, 0, 1]);
    expect([...h.binCenters]).toEqual([3, 4, 5]);
  });

  it('ignores NaN in float planes (Li)', () => {
    const withNaN = Float64Array.from([...f64, NaN, NaN]);
    expect(thresholdLi(withNaN)).toBeCloseTo(0.3825448509829451, 9);
  });
});

describe('gaussianBlur', () => {
  it('uses scipy\'s kernel radius and keeps the sum of a point source (nearest boundary)', () => {
    expect(gaussianKernel(2).length).toBe(2 * 8 + 1);
    expect(gaussianKernel(1.3).length).toBe(2 * 5 + 1);
    const plane = new Float32Array(41 * 41);
    plane[20 * 41 + 20] = 1000;
    const out = gaussianBlur(plane, 41, 41, 2);
    expect(out.reduce((a, b) => a + b, 0)).toBeCloseTo(1000, 2);
    // Peak of a 2-D Gaussian: 1 / (2 pi sigma^2), sampled and renormalised.
    const k = gaussianKernel(2);
    expect(out[20 * 41 + 20]).toBeCloseTo(1000 * k[8] * k[8], 3);
    expect(gaussianBlur(new Uint16Array(9).fill(5), 3, 3, 1)[4]).toBeCloseTo(5, 5);
  });
});

describe('distanceTransform', () => {
  it('equals brute-force Euclidean distances to the nearest background pixel', () => {
    const width = 23;
    const height = 17;
    const mask = Uint8Array.from({ length: width * height }, (_, i) => ((i * 2654435761) % 97 < 85 ? 1 : 0));
    const d = distanceTransform(mask, width, height);
    for (let i = 0; i < mask.length; i++) {
      let best = Infinity;
      for (let j = 0; j < mask.length; j++) {
        if (mask[j]) continue;
        const dx = (i % width) - (j % width);
        const dy = Math.floor(i / width) - Math.floor(j / width);
        best = Math.min(best, Math.hypot(dx, dy));
      }
      expect(d[i]).toBeCloseTo(mask[i] ? best : 0, 5);
    }
  });

  it('is infinite where there is no background and honours anisotropic sampling', () => {
    expect(distanceTransform(new Uint8Array(4).fill(1), 2, 2)[0]).toBe(Infinity);
    const line = Uint8Array.from([0, 1, 1, 1, 1]);
    expect([...distanceTransform(line, 1, 5, [2, 1])]).toEqual([0, 2, 4, 6, 8]);
  });
});

describe('morphology', () => {
  it('labels with 8- or 4-connectivity, fills holes and filters by size and border', () => {
    // Two pixels touching diagonally: one object with 8-connectivity, two with 4.
    const diag = Uint8Array.from([1, 0, 0, 0, 1, 0, 0, 0, 0]);
    expect(labelComponents(diag, 3, 3, 8).count).toBe(1);
    expect(labelComponents(diag, 3, 3, 4).count).toBe(2);
    // A ring with a hole; the hole touching the border through a gap is not filled.
    const ring = Uint8Array.from([0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 1, 0, 1, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0]);
    expect(fillHoles(Uint8Array.from(ring), 5, 5)[12]).toBe(1);
    const open = Uint8Array.from(ring);
    open[17] = 0;
    expect(fillHoles(open, 5, 5)[12]).toBe(0);
    const labels = Uint32Array.from([1, 1, 0, 0, 2, 0, 3, 3, 3]);
    const kept = filterLabels(Uint32Array.from(labels), 3, 3, { minAreaPx: 2 });
    expect(kept.count).toBe(2);
    expect(filterLabels(Uint32Array.from([0, 0, 0, 0, 5, 0, 0, 0, 0]), 3, 3, { excludeBorder: true }).count).toBe(1);
    expect(filterLabels(Uint32Array.from(labels), 3, 3, { excludeBorder: true }).count).toBe(1); // only the centre label 2 survives
  });
});

describe('peakLocalMax and watershed match scikit-image on touching discs', () => {
  it('finds the disc centres and splits the discs with the same areas', () => {
    const mask = discs();
    const distance = distanceTransform(mask, 64, 64);
    const { labels: components, count } = labelComponents(mask, 64, 64, 4);
    expect(count).toBe(2);
    const peaks = peakLocalMax(distance, 64, 64, { minDistancePx: 5, labels: components, excludeBorder: false });
    expect(peaks.map(([y, x]) => `${y},${x}`).sort()).toEqual(['20,20', '22,36', '45,45']);
    const markers = new Uint32Array(64 * 64);
    peaks.forEach(([y, x], k) => (markers[y * 64 + x] = k + 1));
    const flood = distance.map((v) => -v);
    const split = watershed(flood, markers, 64, 64, { mask });
    const areaOf = (y: number, x: number) => split.filter((l) => l === split[y * 64 + x]).length;
    expect([areaOf(20, 20), areaOf(22, 36), areaOf(45, 45)]).toEqual([307, 244, 197]);
  });

  it('spaces peaks greedily by intensity and respects thresholds and borders', () => {
    const image = new Float32Array(20 * 20);
    image[5 * 20 + 5] = 10;
    image[5 * 20 + 8] = 9; // 3 px from the first
    image[15 * 20 + 15] = 4;
    image[0 * 20 + 10] = 20; // on the border
    expect(peakLocalMax(image, 20, 20, { minDistancePx: 1, excludeBorder: false })).toEqual([[0, 10], [5, 5], [5, 8], [15, 15]]);
    expect(peakLocalMax(image, 20, 20, { minDistancePx: 4 })).toEqual([[5, 5], [15, 15]]);
    expect(peakLocalMax(image, 20, 20, { minDistancePx: 1, thresholdAbs: 5 })).toEqual([[5, 5], [5, 8]]);
    expect(peakLocalMax(image, 20, 20, { minDistancePx: 1, numPeaks: 1, excludeBorder: false })).toEqual([[0, 10]]);
    expect(peakLocalMax(new Float32Array(16), 4, 4)).toEqual([]);
  });

  it('floods lowest levels first and leaves unreachable mask pixels at 0', () => {
    // A 1-D valley: markers at both ends, the ridge at index 3 decides the split.
    const image = Float32Array.from([0, 1, 2, 5, 2, 1, 0]);
    const markers = Uint32Array.from([1, 0, 0, 0, 0, 0, 2]);
    expect([...watershed(image, markers, 7, 1)]).toEqual([1, 1, 1, 1, 2, 2, 2]);
    const mask = Uint8Array.from([1, 1, 0, 1, 1, 1, 1]);
    expect([...watershed(image, Uint32Array.from([1, 0, 0, 0, 0, 0, 0]), 7, 1, { mask })]).toEqual([1, 1, 0, 0, 0, 0, 0]);
  });
});

describe('outlines per object', () => {
  it('fills a hole enclosed by one object, not a gap between two objects or a bay open to the edge', () => {
    // 7x5: object 1 is a ring around (2,2); objects 1 and 2 enclose (5,2) together; (6,0) is background at the edge.
    const w = 7;
    const rows = ['1111120', '1011102', '1111222', '0000000', '0000000'];
    const labels = Uint32Array.from(rows.join(''), (c) => Number(c));
    fillLabelHoles(labels, w, 5);
    expect(labels[1 * w + 1]).toBe(1);
    expect(labels[1 * w + 5]).toBe(0);
    expect(labels[0 * w + 6]).toBe(0);
  });

  it('trims the halo of an object against the level of its core, and leaves an object whole rather than lose most of it', () => {
    // One row: a 12 px object at 100 with a 3 px halo at 20 either side, on background 0.
    const w = 18;
    const values = Float32Array.from({ length: w }, (_, x) => (x >= 3 && x < 15 ? 100 : 20));
    const labels = new Uint32Array(w).fill(1);
    const depth = Float32Array.from({ length: w }, (_, x) => Math.min(x + 1, w - x));
    trimToEdges(labels, values, 0, 0.25, depth);
    expect([...labels].map(String).join('')).toBe('000111111111111000');
    // The same object, its core a bright spot of 2 px: trimming would take 16 of 18 pixels, so none go.
    const spotty = Float32Array.from({ length: w }, (_, x) => (x === 8 || x === 9 ? 100 : 20));
    const whole = new Uint32Array(w).fill(1);
    trimToEdges(whole, spotty, 0, 0.25, Float32Array.from({ length: w }, (_, x) => (x === 8 || x === 9 ? 9 : 1)));
    expect(whole.every((l) => l === 1)).toBe(true);
  });

  it('places the edge on the finer plane where the object stands clear of that plane\'s noise, else on the plane it was found on', () => {
    // One row: the coarse plane blurs a 12 px object (x 3..14) out to x 0..17; the finer plane keeps its edge.
    const w = 18;
    const coarse = Float32Array.from({ length: w }, (_, x) => (x >= 3 && x < 15 ? 100 : 60));
    const fine = Float32Array.from({ length: w }, (_, x) => (x >= 3 && x < 15 ? 100 : 0));
    const depth = Float32Array.from({ length: w }, (_, x) => Math.min(x + 1, w - x));
    const clear = new Uint32Array(w).fill(1);
    trimToEdges(clear, coarse, 0, 0.5, depth, { smoothed: fine, background: 0, noise: 2 });
    expect([...clear].map(String).join('')).toBe('000111111111111000');
    // The same object where the finer plane's noise is as large as the object: the coarse plane decides (nothing is trimmed at half of 100).
    const noisy = new Uint32Array(w).fill(1);
    trimToEdges(noisy, coarse, 0, 0.5, depth, { smoothed: fine, background: 0, noise: 50 });
    expect([...noisy].map(String).join('')).toBe('111111111111111111');
  });

  it('trims the rim a dim object was grown onto (its blur tail) where its edge level stands above the level it was grown to', () => {
    // One row: a dim 12 px object (x 3..14) at 10 on the finer plane (noise 1.2: 8.3 SD, clear enough for its edge),
    // with a dark texture pixel at x 8 deep inside; hysteresis took it out to x 0..17 on the coarse plane (noise 0.5,
    // grown to 3 SD = 1.5; its tail stands at 2).
    const w = 18;
    const coarse = Float32Array.from({ length: w }, (_, x) => (x >= 3 && x < 15 ? 10 : 2));
    const fine = Float32Array.from({ length: w }, (_, x) => (x === 8 ? 1 : x >= 3 && x < 15 ? 10 : 0.5));
    const depth = Float32Array.from({ length: w }, (_, x) => Math.min(x + 1, w - x));
    const finer = { smoothed: fine, background: 0, noise: 1.2 };
    // Without the growth's level the edge level (a quarter of 10) is within 5 noise SD of the finer plane: left whole.
    const ungrown = new Uint32Array(w).fill(1);
    trimToEdges(ungrown, coarse, 0, 0.25, depth, finer, 0.5);
    expect([...ungrown].map(String).join('')).toBe('111111111111111111');
    // Grown to 3 coarse SD (1.5): the edge level 2.5 stands above it, so the tail goes, within the 3 px rim only
    // (the dark pixel 9 px deep stays: texture inside the body, not blur).
    const grown = new Uint32Array(w).fill(1);
    trimToEdges(grown, coarse, 0, 0.25, depth, finer, 0.5, { noiseSd: 3, rimPx: 3 });
    expect([...grown].map(String).join('')).toBe('000111111111111000');
    // Grown to 6 SD (3.0): a cut at 2.5 would lie below the growth's own level; left whole.
    const deep = new Uint32Array(w).fill(1);
    trimToEdges(deep, coarse, 0, 0.25, depth, finer, 0.5, { noiseSd: 6, rimPx: 3 });
    expect([...deep].map(String).join('')).toBe('111111111111111111');
  });
});

describe('seeds by depth (h-maxima by dynamics)', () => {
  it('keeps two touching disks apart and merges the pieces of an elongated bar', async () => {
    const { mergeShallowBasins } = await import('../../src/analysis/watershed.ts');
    const { splitTouchingObjects } = await import('../../src/analysis/seg-plane.ts');
    const w = 120;
    const h = 60;
    const mask = new Uint8Array(w * h);
    // Two disks of radius 12, centres 20 px apart (a deep waist), and a 50 x 12 px bar on its own.
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        const inDisk = Math.hypot(x - 18, y - 20) <= 12 || Math.hypot(x - 38, y - 20) <= 12;
        const inBar = x >= 60 && x < 110 && y >= 40 && y < 52;
        if (inDisk || inBar) mask[y * w + x] = 1;
      }
    const components = labelComponents(mask, w, h, 8).labels;
    const distance = distanceTransform(mask, w, h);
    // Seeds 3 px apart: the bar's flat ridge gives several, each disk one or more.
    const split = splitTouchingObjects(components, mask, distance, w, h, 3);
    const pieces = (labels: Uint32Array) => new Set(labels.filter((l) => l > 0)).size;
    expect(pieces(split)).toBeGreaterThan(3);
    const merged = mergeShallowBasins(split, distance, w, h, 2);
    expect(merged.count).toBe(3);
    expect(merged.labels[20 * w + 18]).not.toBe(merged.labels[20 * w + 38]);
    expect(merged.labels[45 * w + 62]).toBe(merged.labels[45 * w + 107]);
    // A depth above the disks' waist merges them too.
    expect(mergeShallowBasins(split, distance, w, h, 20).count).toBe(2);
  });
});

describe('the fast kernels give the same outputs as straightforward references, on random planes', async () => {
  const { referenceDistance, referenceFillHoles, referenceGaussianBlur, referenceLabel } = await import('./kernel-reference.ts');
  /** mulberry32: a small seeded generator, so every run tests the same planes. */
  const random = (seed: number) => () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const sizes: [number, number][] = [[96, 80], [33, 17], [1, 40], [40, 1], [5, 3], [257, 9]];
  /** Blobby masks: smoothed noise above a level, so that objects, holes and runs of background all occur. */
  const mask = (width: number, height: number, cover: number, seed: number) => {
    const next = random(seed);
    const smooth = referenceGaussianBlur(Float32Array.from({ length: width * height }, next), width, height, gaussianKernel(1.5));
    const sorted = Float32Array.from(smooth).sort();
    const level = sorted[Math.min(sorted.length - 1, Math.floor((1 - cover) * sorted.length))];
    return Uint8Array.from(smooth, (v) => (v >= level ? 1 : 0));
  };
  const differing = (a: ArrayLike<number>, b: ArrayLike<number>) => {
    let n = 0;
    for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) n++;
    return n;
  };

  it('gaussianBlur, on uint16, float32 and float64 planes, several sigmas', () => {
    let seed = 1;
    for (const [width, height] of sizes)
      for (const sigmaPx of [0.3, 1, 2, 3.7, 6]) {
        const next = random(seed++);
        const planes = [
          Uint16Array.from({ length: width * height }, () => Math.floor(next() * 65536)),
          Float32Array.from({ length: width * height }, () => next() * 1e3 - 200),
          Float64Array.from({ length: width * height }, () => next()),
        ];
        for (const plane of planes) {
          const fast = gaussianBlur(plane, width, height, sigmaPx);
          expect(differing(fast, referenceGaussianBlur(plane, width, height, gaussianKernel(sigmaPx))), `${width}x${height} sigma ${sigmaPx}`).toBe(0);
        }
      }
  });

  it('distanceTransform, labelComponents and fillHoles, from sparse to almost full masks', () => {
    let seed = 100;
    for (const [width, height] of sizes)
      for (const cover of [0, 0.05, 0.3, 0.6, 0.95, 1]) {
        const m = mask(width, height, cover, seed++);
        const where = `${width}x${height} cover ${cover}`;
        expect(differing(distanceTransform(m, width, height), referenceDistance(m, width, height)), where).toBe(0);
        expect(differing(distanceTransform(m, width, height, [0.5, 2]), referenceDistance(m, width, height, [0.5, 2])), where).toBe(0);
        for (const connectivity of [4, 8] as const) {
          const fast = labelComponents(m, width, height, connectivity);
          const reference = referenceLabel(m, width, height, connectivity);
          expect(fast.count, where).toBe(reference.count);
          expect(differing(fast.labels, reference.labels), where).toBe(0);
        }
        expect(differing(fillHoles(Uint8Array.from(m), width, height), referenceFillHoles(m, width, height)), where).toBe(0);
      }
  });
});
