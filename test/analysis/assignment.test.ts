import { describe, expect, it } from 'vitest';
import { DENSE_ABOVE_FILL, solveDenseLap, solveLap, solveSparseLap, sparseFromTriplets } from '../../src/analysis/assignment.ts';
import { mulberry32 as rng } from '../../src/random.ts';


/** Exhaustive minimum over all permutations (n <= 7). */
function bruteForce(cost: number[], n: number): number {
  let best = Infinity;
  const used = new Array(n).fill(false);
  const rec = (i: number, acc: number) => {
    if (acc >= best) return;
    if (i === n) return void (best = acc);
    for (let j = 0; j < n; j++) {
      if (used[j] || !Number.isFinite(cost[i * n + j])) continue;
      used[j] = true;
      rec(i + 1, acc + cost[i * n + j]);
      used[j] = false;
    }
  };
  rec(0, 0);
  return best;
}

function isPermutation(rowToCol: Int32Array): boolean {
  return new Set(rowToCol).size === rowToCol.length && [...rowToCol].every((j) => j >= 0 && j < rowToCol.length);
}

describe('solveDenseLap', () => {
  it('solves a textbook 3x3 case', () => {
    // rows: workers, columns: jobs; optimum 1->1 (cost 2) ... worked out: 0->1 (1), 1->0 (2), 2->2 (2) = 5
    const r = solveDenseLap([4, 1, 3, 2, 0, 5, 3, 2, 2], 3);
    expect(r.totalCost).toBe(5);
    expect([...r.rowToCol]).toEqual([1, 0, 2]);
  });

  it('matches brute force on random matrices, with ties and forbidden pairs', () => {
    const rand = rng(7);
    for (let trial = 0; trial < 300; trial++) {
      const n = 1 + Math.floor(rand() * 7);
      const cost = Array.from({ length: n * n }, () => (rand() < 0.5 ? Math.floor(rand() * 4) : rand() * 10));
      for (let k = 0; k < n * n; k++) if (rand() < 0.15 && k % (n + 1) !== 0) cost[k] = Infinity; // keep the diagonal feasible
      const r = solveDenseLap(cost, n);
      expect(isPermutation(r.rowToCol)).toBe(true);
      expect(r.totalCost).toBeCloseTo(bruteForce(cost, n), 9);
    }
  });

  it('matches brute force on rectangular matrices padded square with free dummy rows, and returns arrays of its own', () => {
    const rand = rng(23);
    const earlier: Int32Array[] = [];
    for (let trial = 0; trial < 200; trial++) {
      const cols = 2 + Math.floor(rand() * 5);
      const rows = 1 + Math.floor(rand() * cols);
      // a rows x cols problem: every row gets a column; the cols - rows dummy rows cost 0 anywhere
      const cost = new Float64Array(cols * cols);
      for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) cost[i * cols + j] = rand() < 0.2 && j !== i ? Infinity : Math.floor(rand() * 20) / 4;
      const r = solveDenseLap(cost, cols);
      expect(r.totalCost).toBe(bruteForce([...cost], cols));
      for (let j = 0; j < cols; j++) expect(r.rowToCol[r.colToRow[j]]).toBe(j);
      earlier.push(r.rowToCol);
    }
    // each solve's answer stays as it was after later solves (nothing shared with the solver's scratch)
    expect(earlier.every((a) => isPermutation(a))).toBe(true);
    expect(new Set(earlier.map((a) => a.buffer)).size).toBe(earlier.length);
  });

  it('rejects impossible and malformed matrices with a clear message', () => {
    expect(() => solveDenseLap([Infinity, Infinity, 1, 1], 2)).toThrow(/no complete assignment/);
    expect(() => solveDenseLap([1, 2, 3], 2)).toThrow(/2x2/);
    expect(() => solveDenseLap([1, NaN, 3, 4], 2)).toThrow(/NaN/);
    expect(solveDenseLap([], 0).totalCost).toBe(0);
  });
});

describe('solveSparseLap', () => {
  it('agrees with the dense solver on random sparse matrices', () => {
    const rand = rng(11);
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + Math.floor(rand() * 30);
      const dense: number[] = [];
      const rows: number[] = [];
      const cols: number[] = [];
      const costs: number[] = [];
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) {
          const keep = i === j || rand() < 0.2;
          const c = rand() < 0.3 ? Math.floor(rand() * 3) : rand() * 20;
          dense.push(keep ? c : Infinity);
          if (keep) rows.push(i), cols.push(j), costs.push(c);
        }
      const s = solveSparseLap(sparseFromTriplets(n, rows, cols, costs));
      const d = solveDenseLap(dense, n);
      expect(isPermutation(s.rowToCol)).toBe(true);
      expect(s.totalCost).toBeCloseTo(d.totalCost, 9);
      for (let i = 0; i < n; i++) expect(s.colToRow[s.rowToCol[i]]).toBe(i);
    }
  });

  it('throws when a row cannot be assigned', () => {
    // rows 0 and 1 both only reach column 0
    expect(() => solveSparseLap(sparseFromTriplets(2, [0, 1], [0, 0], [1, 1]))).toThrow(/column 1 has no entries/);
    // 3x3 where rows 1 and 2 both only reach column 0
    expect(() => solveSparseLap(sparseFromTriplets(3, [0, 0, 0, 1, 2], [0, 1, 2, 0, 0], [1, 1, 1, 1, 1]))).toThrow(/cannot be assigned/);
  });
});

/** An independent reference: the O(n^3) Hungarian algorithm with potentials (Kuhn-Munkres as in e-maxx), minimum cost. */
function hungarian(cost: ArrayLike<number>, n: number): number {
  const INF = Infinity;
  const u = new Float64Array(n + 1);
  const v = new Float64Array(n + 1);
  const p = new Int32Array(n + 1);
  const way = new Int32Array(n + 1);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Float64Array(n + 1).fill(INF);
    const used = new Uint8Array(n + 1);
    do {
      used[j0] = 1;
      const i0 = p[j0];
      let delta = INF;
      let j1 = 0;
      for (let j = 1; j <= n; j++) {
        if (used[j]) continue;
        const cur = cost[(i0 - 1) * n + (j - 1)] - u[i0] - v[j];
        if (cur < minv[j]) (minv[j] = cur), (way[j] = j0);
        if (minv[j] < delta) (delta = minv[j]), (j1 = j);
      }
      for (let j = 0; j <= n; j++) {
        if (used[j]) (u[p[j]] += delta), (v[j] -= delta);
        else minv[j] -= delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0];
      p[j0] = p[j1];
      j0 = j1;
    } while (j0);
  }
  let total = 0;
  for (let j = 1; j <= n; j++) total += cost[(p[j] - 1) * n + (j - 1)];
  return total;
}

describe('dense solver on larger matrices', () => {
  it('reaches the optimum of an independent Hungarian solver on random Float64Array matrices (uniform, integer ties, negative, wide range)', () => {
    const rand = rng(2024);
    const kinds = [() => rand() * 100, () => Math.floor(rand() * 5), () => rand() * 200 - 100, () => Math.exp(rand() * 20)];
    for (let trial = 0; trial < 40; trial++) {
      const n = 20 + Math.floor(rand() * 100);
      const draw = kinds[trial % kinds.length];
      const cost = new Float64Array(n * n).map(() => draw());
      const r = solveDenseLap(cost, n);
      expect(isPermutation(r.rowToCol)).toBe(true);
      for (let i = 0; i < n; i++) expect(r.colToRow[r.rowToCol[i]]).toBe(i);
      const reference = hungarian(cost, n);
      expect(Math.abs(r.totalCost - reference)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(reference)));
    }
  });
});

describe('dense solver memory', () => {
  it('stays right after its memory grew for a bigger matrix and when a matrix gets memory of its own', () => {
    const rand = rng(99);
    const check = (n: number) => {
      const cost = new Float64Array(n * n).map(() => Math.floor(rand() * 1000));
      const r = solveDenseLap(cost, n);
      expect(isPermutation(r.rowToCol)).toBe(true);
      expect(r.totalCost).toBe(hungarian(cost, n));
      expect(cost.every(Number.isFinite)).toBe(true); // the caller's matrix is not written to
    };
    /** A matrix of costs >= 1 with a planted zero-cost assignment: that one is the optimum. */
    const planted = (n: number) => {
      const cost = new Float64Array(n * n).map(() => 1 + Math.floor(rand() * 1000));
      const perm = Int32Array.from({ length: n }, (_, i) => i).sort(() => rand() - 0.5);
      for (let i = 0; i < n; i++) cost[i * n + perm[i]] = 0;
      const r = solveDenseLap(cost, n);
      expect(r.totalCost).toBe(0);
      expect([...r.rowToCol]).toEqual([...perm]);
    };
    check(30);
    planted(400); // grows the kept memory
    check(5);
    planted(3000); // over the kept 64 MiB: a memory of its own
    check(7);
  }, 60_000);
});

describe('solveLap (automatic choice)', () => {
  it('gives the optimum on sparse and on dense matrices, whichever solver it picks', () => {
    const rand = rng(99);
    for (const fill of [0.03, DENSE_ABOVE_FILL / 2, DENSE_ABOVE_FILL * 2, 0.6, 1]) {
      for (let trial = 0; trial < 5; trial++) {
        const n = 10 + Math.floor(rand() * 60);
        const dense = new Float64Array(n * n).fill(Infinity);
        const rows: number[] = [];
        const cols: number[] = [];
        const costs: number[] = [];
        for (let i = 0; i < n; i++)
          for (let j = 0; j < n; j++) {
            if (i !== j && rand() >= fill) continue;
            const c = rand() * 50;
            dense[i * n + j] = c;
            rows.push(i), cols.push(j), costs.push(c);
          }
        const auto = solveLap(sparseFromTriplets(n, rows, cols, costs));
        expect(isPermutation(auto.rowToCol)).toBe(true);
        expect(auto.totalCost).toBeCloseTo(solveDenseLap(dense, n).totalCost, 9);
        expect(auto.totalCost).toBeCloseTo(solveSparseLap(sparseFromTriplets(n, rows, cols, costs)).totalCost, 9);
      }
    }
  });
});
