import { describe, expect, it } from 'vitest';
import { objectKindOfSamples, objectShapeMeasures, WHOLE_CELL_MAX_QUARTILE_SOLIDITY } from '../../src/analysis/objectKind.ts';

const [w, h] = [160, 160];

/** A plane of background 100 and noise-free objects at 1000 where inside(x, y) holds. */
function plane(inside: (x: number, y: number) => boolean): Float32Array {
  const p = new Float32Array(w * h).fill(100);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (inside(x, y)) p[y * w + x] = 1000;
  return p;
}

const centres = [30, 80, 130].flatMap((cy) => [30, 80, 130].map((cx) => [cx, cy] as const));
/** Round objects of radius 9 px, the last three each with a touching twin (a waist between them). */
const nuclei = plane((x, y) => centres.some(([cx, cy], k) => Math.hypot(x - cx, y - cy) <= 9 || (k >= 6 && Math.hypot(x - cx - 16, y - cy) <= 9)));
/** Cells with protrusions: a body of radius 8 px and three thin arms (3 px wide, 14 px long) at 120 degrees. */
const cells = plane((x, y) =>
  centres.some(([cx, cy], k) => {
    const [dx, dy] = [x - cx, y - cy];
    if (Math.hypot(dx, dy) <= 8) return true;
    return [0, 1, 2].some((a) => {
      const angle = k * 0.4 + (a * 2 * Math.PI) / 3;
      const along = dx * Math.cos(angle) + dy * Math.sin(angle);
      const across = -dx * Math.sin(angle) + dy * Math.cos(angle);
      return along > 0 && along <= 22 && Math.abs(across) <= 1.5;
    });
  }),
);
const samples = (p: Float32Array) => [{ plane: p, width: w, height: h }];

/** The plane k times larger (nearest neighbour): the same objects as a microscope with k times the pixel density sees them. */
function larger(p: Float32Array, k: number): { plane: Float32Array; width: number; height: number } {
  const out = new Float32Array(w * h * k * k);
  for (let y = 0; y < h * k; y++) for (let x = 0; x < w * k; x++) out[y * w * k + x] = p[Math.floor(y / k) * w + Math.floor(x / k)];
  return { plane: out, width: w * k, height: h * k };
}

describe('whole cells or nuclei, told from the movie', () => {
  it('round objects, touching pairs included, measure convex and are nuclei', () => {
    const m = objectShapeMeasures(samples(nuclei));
    expect(m.pieces).toBeGreaterThanOrEqual(9);
    expect(m.quartileSolidity).toBeGreaterThan(WHOLE_CELL_MAX_QUARTILE_SOLIDITY);
    const kind = objectKindOfSamples(samples(nuclei));
    expect(kind.target).toBe('nuclei');
    expect(kind.reason).toMatch(/nuclei, told from the movie: .*solidity \d\.\d\d \(above/);
  });

  it('cells with thin protrusions are whole cells, and the reason gives the figure', () => {
    const kind = objectKindOfSamples(samples(cells));
    expect(kind.measures.quartileSolidity).toBeLessThanOrEqual(WHOLE_CELL_MAX_QUARTILE_SOLIDITY);
    expect(kind.target).toBe('cells');
    expect(kind.reason).toMatch(/^whole cells, told from the movie: a quarter of the \d+ objects/);
  });

  it('too few objects to judge by stay nuclei, whatever their shape', () => {
    const one = plane((x, y) => Math.hypot(x - 80, y - 80) <= 8 || (Math.abs(y - 80) <= 1.5 && x > 80 && x < 110));
    const kind = objectKindOfSamples(samples(one));
    expect(kind.target).toBe('nuclei');
    expect(kind.reason).toMatch(/only \d objects to judge by/);
  });

  it('tells the same objects apart at any pixel density: large ones are measured on binned frames', () => {
    // 6x: nuclei 54 px in radius, cells with bodies of 48 px and arms 18 px wide
    const bigNuclei = objectKindOfSamples([larger(nuclei, 6)]);
    expect(bigNuclei.measures.binFactor).toBeGreaterThan(1);
    expect(bigNuclei.measures.radiusPx / bigNuclei.measures.binFactor).toBeGreaterThanOrEqual(24);
    expect(bigNuclei.target).toBe('nuclei');
    expect(bigNuclei.reason).toMatch(/binned \dx\d \(objects of [\d.]+ px in radius\)/);
    // the radius the segment tool measured is taken as given
    const bigCells = objectKindOfSamples([larger(cells, 6)], 48);
    expect(bigCells.measures.binFactor).toBe(2);
    expect(bigCells.target).toBe('cells');
    // as recorded nothing is binned
    expect(objectKindOfSamples(samples(cells)).measures.binFactor).toBe(1);
  });
});
