import { describe, expect, it } from 'vitest';
import { solveDenseLap } from '../../src/analysis/assignment.ts';
import { mulberry32 } from '../../src/random.ts';

/** Exhaustive minimum over all permutations (n <= 6). */
function bruteForce(cost: Float64Array, n: number): number {
  let best = Infinity;
  const used = new Array(n).fill(false);
  const rec = (i: number, acc: number) => {
    if (i === n) return void (best = Math.min(best, acc));
    for (let j = 0; j < n; j++) {
      if (used[j]) continue;
      used[j] = true;
      rec(i + 1, acc + cost[i * n + j]);
      used[j] = false;
    }
  };
  rec(0, 0);
  return best;
}

describe('dense solves one after another (the arrays of the last solve are reused)', () => {
  it('stay optimal across sizes, and after a solve that grows the kernels memory', () => {
    const rand = mulberry32(31);
    const random = (n: number) => Float64Array.from({ length: n * n }, () => Math.round(rand() * 1000) / 10);
    const small = [random(5), random(6), random(5)];
    for (const [k, n] of [5, 6, 5].entries()) expect(solveDenseLap(small[k], n).totalCost).toBeCloseTo(bruteForce(small[k], n), 9);
    const again = random(5);
    expect(solveDenseLap(again, 5).totalCost).toBeCloseTo(bruteForce(again, 5), 9);
    // 1200 x 1200 needs ~11.6 MB: the kept memory grows, so the arrays of the last 5 x 5 solve are stale
    const n = 1200;
    const diagonal = new Float64Array(n * n).fill(10);
    for (let i = 0; i < n; i++) diagonal[i * n + ((i + 1) % n)] = 1;
    expect(solveDenseLap(diagonal, n).totalCost).toBe(n);
    const after = random(5);
    expect(solveDenseLap(after, 5).totalCost).toBeCloseTo(bruteForce(after, 5), 9);
    expect(solveDenseLap(after, 5).rowToCol).toEqual(solveDenseLap(Float64Array.from(after), 5).rowToCol);
  });
});
