// Directionality of migration against hand-made tracks and the Rayleigh test's textbook value.
import { describe, expect, it } from 'vitest';
import { directionalityOf, directionInWords, rayleighP } from '../../src/analysis/directionality.ts';
import { tracksFromLinks } from '../../src/analysis/track.ts';

/** One straight track per (dx, dy) step, 5 frames, starting at separate places. */
function straightTracks(steps: [number, number][]) {
  const spots = steps.flatMap(([dx, dy], k) => [0, 1, 2, 3, 4].map((t) => ({ id: 10 * k + t + 1, t, x: 50 + 20 * k + dx * t, y: 50 + dy * t, label: k + 1 })));
  const links = steps.flatMap((_, k) => [1, 2, 3, 4].map((t) => ({ source: 10 * k + t, target: 10 * k + t + 1 })));
  return tracksFromLinks(spots, links, 5, {});
}

describe('directionalityOf', () => {
  it('finds cells that all move right as one direction (R 1, Rayleigh p tiny, FMI x 1)', () => {
    const d = directionalityOf(straightTracks([[2, 0], [3, 0], [1, 0], [2, 0], [4, 0], [2, 0]]))!;
    expect(d.paths).toBe(6);
    expect(d.meanDirectionDeg).toBeCloseTo(0, 6);
    expect(d.meanResultantLength).toBeCloseTo(1, 6);
    expect(d.rayleighP).toBeLessThan(0.01);
    expect(d.forwardMigrationIndex.x).toBeCloseTo(1, 6);
    expect(d.forwardMigrationIndex.y).toBeCloseTo(0, 6);
    expect(d.centreOfMassPx.dx).toBeCloseTo((4 * (2 + 3 + 1 + 2 + 4 + 2)) / 6, 6);
    expect(directionInWords(d.meanDirectionDeg)).toBe('right');
  });

  it('finds no preferred direction where cells move every way (R 0, p 1)', () => {
    const d = directionalityOf(straightTracks([[2, 0], [0, 2], [-2, 0], [0, -2]]))!;
    expect(d.meanResultantLength).toBeCloseTo(0, 6);
    expect(d.rayleighP).toBeGreaterThan(0.5);
  });

  it('reads angles as the image is shown (y down) and needs three moving paths', () => {
    expect(directionInWords(90)).toBe('down');
    expect(directionInWords(225)).toBe('up and to the left');
    expect(directionInWords(-45)).toBe('up and to the right');
    expect(directionalityOf(straightTracks([[1, 0], [1, 1]]))).toBeUndefined();
  });

  it('gives the Rayleigh p of Zar\'s worked example (n 10, R 0.5 -> about 0.077)', () => {
    // exact Rayleigh: z = nR² = 2.5, p ~ exp(-z)(1 + (2z - z²)/(4n) - ...) = 0.0767
    expect(rayleighP(10, 0.5)).toBeCloseTo(0.077, 2);
  });
});
