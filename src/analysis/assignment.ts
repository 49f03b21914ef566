// Linear assignment (minimum-cost perfect matching of a square cost matrix) with the
// Jonker–Volgenant algorithm: Jonker R, Volgenant A (1987) "A shortest augmenting path
// algorithm for dense and sparse linear assignment problems", Computing 38:325-340,
// doi:10.1007/BF02278710. TrackMate's LAP tracker solves its sparse cost matrices the
// same way (fiji.plugin.trackmate.tracking.jaqaman.costmatrix.LAPJV).
//
// Two solvers:
// - solveDenseLap: the full LAPJV (column reduction, reduction transfer, two rounds of
//   augmenting row reduction, then shortest augmenting paths), O(n^3) worst case, best
//   for small or dense matrices.
// - solveSparseLap: JV's shortest augmenting paths run as Dijkstra over the stored
//   entries only (a binary heap over columns), for the large, very sparse matrices of
//   tracking where a spot has a handful of candidates within the linking distance.
// Both return the optimum; ties may be broken differently. The dense solver's row scans run as
// WebAssembly kernels (lapKernels.ts) over the costs copied into their memory.
import { keptMemoryBuffer, lapKernels, lapLayout, type LapKernels, type LapLayout } from './lapKernels.ts';

export interface LapSolution {
  /** rowToCol[i] = column assigned to row i. */
  rowToCol: Int32Array;
  /** colToRow[j] = row assigned to column j. */
  colToRow: Int32Array;
  /** Sum of the assigned costs. */
  totalCost: number;
}

/** A square sparse matrix in compressed-row form: row i's entries are rowStart[i]..rowStart[i+1]-1. */
export interface SparseCostMatrix {
  size: number;
  rowStart: Int32Array;
  columns: Int32Array;
  costs: Float64Array;
}

/**
 * Minimum-cost assignment of an n x n dense cost matrix (row-major, length n*n).
 * Infinity marks a forbidden pair; throws a RangeError when no complete assignment avoids them.
 */
export function solveDenseLap(cost: Float64Array | number[], size: number): LapSolution {
  if (!Number.isInteger(size) || size < 0) throw new RangeError(`size must be a non-negative integer, got ${size}`);
  if (cost.length !== size * size) throw new RangeError(`cost matrix must hold ${size}x${size} = ${size * size} values, got ${cost.length}`);
  if (size === 0) return { rowToCol: new Int32Array(0), colToRow: new Int32Array(0), totalCost: 0 };
  const work = DenseWork.for(size);
  // The costs go into the kernels' memory; the column minima pass also sums them: a sum that is not
  // finite means a NaN or an infinity somewhere (or overflow), and only then is the matrix checked.
  work.cost.set(cost);
  if (!Number.isFinite(work.columnMinima())) {
    work.finiteCosts(cost);
    work.columnMinima();
  }
  const { rowToCol, colToRow } = size === 1 ? { rowToCol: Int32Array.of(0), colToRow: Int32Array.of(0) } : lapjv(work);
  let totalCost = 0;
  for (let i = 0; i < size; i++) {
    const v = cost[i * size + rowToCol[i]];
    if (!Number.isFinite(v)) throw new RangeError('no complete assignment exists that avoids the forbidden (infinite) costs');
    totalCost += v;
  }
  return { rowToCol, colToRow, totalCost };
}

/** One dense solve's arrays, in the memory of the WebAssembly kernels that scan them (lapKernels.ts). */
class DenseWork {
  readonly at: LapLayout;
  readonly k: LapKernels;
  readonly cost: Float64Array;
  /** Column dual variables (prices). */
  readonly v: Float64Array;
  readonly pathCost: Float64Array;
  readonly pred: Int32Array;
  /** 1 for columns settled in the current shortest path search. */
  readonly settled: Int32Array;
  /** Row assigned to each column, or -1. */
  readonly rowOfCol: Int32Array;
  readonly rowOfMin: Int32Array;
  /** Scalars the kernels return besides their result. */
  readonly outF64: Float64Array;
  readonly outI32: Int32Array;
  /** Column of each row, or -1. */
  readonly colOfRow: Int32Array;
  /** How many columns have each row as their minimum (column reduction). */
  readonly matches: Int32Array;
  readonly free: Int32Array;

  private static last: DenseWork | undefined;

  /**
   * The arrays for an n x n solve: those of the last solve when n and the kernels' memory are the
   * same (a movie's linking solves many matrices of one size; 9 typed-array views a solve cost
   * ~5% of a 100 x 100 solve in a fresh process), else new ones.
   */
  static for(n: number): DenseWork {
    const last = DenseWork.last;
    if (last && last.n === n && last.cost.buffer === keptMemoryBuffer()) return last;
    const work = new DenseWork(n);
    // only arrays in the kept memory are remembered: a memory of its own (a huge solve) is freed after
    DenseWork.last = work.cost.buffer === keptMemoryBuffer() ? work : undefined;
    return work;
  }

  constructor(readonly n: number) {
    this.at = lapLayout(n);
    this.k = lapKernels(this.at.bytes);
    const buffer = this.k.memory;
    const at = this.at;
    this.cost = new Float64Array(buffer, at.cost, n * n);
    this.v = new Float64Array(buffer, at.v, n);
    this.pathCost = new Float64Array(buffer, at.pathCost, n);
    this.pred = new Int32Array(buffer, at.pred, n);
    this.settled = new Int32Array(buffer, at.settled, n);
    this.rowOfCol = new Int32Array(buffer, at.rowOfCol, n);
    this.rowOfMin = new Int32Array(buffer, at.rowOfMin, n);
    this.outF64 = new Float64Array(buffer, at.out, 2);
    this.outI32 = new Int32Array(buffer, at.out + 16, 1);
    this.colOfRow = new Int32Array(buffer, at.colOfRow, n);
    this.matches = new Int32Array(buffer, at.matches, n);
    this.free = new Int32Array(buffer, at.free, n);
  }

  /** Each column's minimum into v and its first row into rowOfMin; returns the sum of all costs. */
  columnMinima(): number {
    return this.k.columnMinima(this.at.cost, this.at.v, this.at.rowOfMin, this.n);
  }

  /**
   * Checks the costs (numbers or +Infinity) and replaces +Infinity by a value larger than any sum of
   * finite costs, so the arithmetic stays finite. `original` is the caller's matrix, for the message.
   */
  finiteCosts(original: ArrayLike<number>): void {
    const count = this.n * this.n;
    const infinite = this.k.finiteScan(this.at.cost, count, this.at.out);
    if (infinite < 0) {
      for (let k = 0; k < count; k++) {
        const x = original[k];
        if (x !== x || x === -Infinity) throw new RangeError(`cost matrix entry ${k} is ${x}: costs must be numbers or +Infinity`);
      }
    }
    if (infinite > 0) this.k.replaceInfinite(this.at.cost, count, (this.outF64[0] + 1) * Math.sqrt(count) * 4 + 1);
  }

  /** Byte address of row i of the costs. */
  row(i: number): number {
    return this.at.cost + i * this.n * 8;
  }
}

/** The LAPJV procedure of Jonker & Volgenant (1987) on a finite n x n matrix, n >= 2, from its column minima. */
function lapjv(w: DenseWork): { rowToCol: Int32Array; colToRow: Int32Array } {
  const { n, rowOfMin, k, at } = w;
  const x = w.colOfRow.fill(-1); // column of each row
  const y = w.rowOfCol.fill(-1); // row of each column
  const matches = w.matches.fill(0);

  // Column reduction: each column's minimum (v, the column dual variables) is its price; assign greedily.
  for (let j = n - 1; j >= 0; j--) {
    const imin = rowOfMin[j];
    if (++matches[imin] === 1) {
      x[imin] = j;
      y[j] = imin;
    }
    // a row that is the minimum of several columns keeps the first one (highest index)
  }

  // Reduction transfer from rows assigned once.
  const free = w.free;
  let numFree = 0;
  for (let i = 0; i < n; i++) if (matches[i] === 0) free[numFree++] = i;
  k.reductionTransfer(at.cost, at.v, at.colOfRow, at.matches, n);

  // Augmenting row reduction, twice, for at most ARR_SCANS_PER_ROW * n row scans (lapKernels.ts rowReduction):
  // each free row takes its cheapest column, displacing that column's row, and the column's price drops
  // to the row's second-cheapest; a tie between them leaves the displaced row for the next round.
  numFree = k.rowReduction(at.cost, at.v, at.colOfRow, at.rowOfCol, at.free, numFree, n, at.out);

  if (k.augment(at.cost, at.v, at.pathCost, at.pred, at.settled, at.rowOfCol, n, at.u, at.visited, at.colOfRow, at.free, numFree, at.out) < 0)
    throw new RangeError('no complete assignment exists that avoids the forbidden (infinite) costs');
  return { rowToCol: x.slice(), colToRow: y.slice() };
}

// The free rows left by the reductions are assigned along shortest augmenting paths (Dijkstra on
// reduced costs c[i][j] - u[i] - v[j]), as SciPy's linear_sum_assignment (Crouse 2016, "On implementing
// 2D rectangular assignment algorithms", doi:10.1109/TAES.2016.140952) does after no initialisation;
// here JV's reductions have already assigned most rows. Each visited row is scanned left to right over
// the columns not yet settled. The whole phase is one kernel call (lapKernels.ts augment): called row by
// row from JavaScript, the JS-to-WebAssembly calls and the loops around them ran unoptimised for the
// first ~50 solves of every fresh process.

/**
 * Above this share of stored entries a sparse matrix is solved densely: the sparse
 * solver's heap and index lists cost more than a sequential scan once rows hold many
 * candidates. Measured on 600 x 600 random matrices (uniform costs, steady state): 10% stored,
 * the sparse solver takes 0.66x the dense one's time; 20% stored, 1.45x; full, 5x. On TrackMate's
 * linking matrices (0.4% stored) the sparse one is 4-5x faster.
 */
export const DENSE_ABOVE_FILL = 0.15;

/** Minimum-cost assignment with the solver that suits the matrix: sparse for sparse matrices, dense otherwise. */
export function solveLap(matrix: SparseCostMatrix): LapSolution {
  const n = matrix.size;
  if (n > 0 && matrix.columns.length > DENSE_ABOVE_FILL * n * n && n <= 8192) {
    const dense = new Float64Array(n * n).fill(Infinity);
    for (let i = 0; i < n; i++) {
      for (let k = matrix.rowStart[i]; k < matrix.rowStart[i + 1]; k++) dense[i * n + matrix.columns[k]] = matrix.costs[k];
    }
    return solveDenseLap(dense, n);
  }
  return solveSparseLap(matrix);
}

/** Builds a SparseCostMatrix from (row, column, cost) triplets; duplicates are an error. */
export function sparseFromTriplets(size: number, rows: ArrayLike<number>, cols: ArrayLike<number>, costs: ArrayLike<number>): SparseCostMatrix {
  const count = new Int32Array(size + 1);
  for (let k = 0; k < rows.length; k++) count[rows[k] + 1]++;
  for (let i = 0; i < size; i++) count[i + 1] += count[i];
  const rowStart = Int32Array.from(count);
  const fill = Int32Array.from(count);
  const columns = new Int32Array(rows.length);
  const values = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) {
    const at = fill[rows[k]]++;
    columns[at] = cols[k];
    values[at] = costs[k];
  }
  return { size, rowStart, columns, costs: values };
}

/**
 * Minimum-cost assignment over the stored entries of a square sparse matrix (absent
 * entries are forbidden). Throws a RangeError when no complete assignment exists.
 */
export function solveSparseLap(matrix: SparseCostMatrix): LapSolution {
  const { size: n, rowStart, columns, costs } = matrix;
  const x = new Int32Array(n).fill(-1);
  const y = new Int32Array(n).fill(-1);
  const assignedCost = new Float64Array(n);
  const v = new Float64Array(n).fill(Infinity);

  // Column reduction: price = cheapest entry of the column.
  for (let k = 0; k < columns.length; k++) {
    const cost = costs[k];
    if (!Number.isFinite(cost)) throw new RangeError(`sparse cost entry ${k} is ${cost}: store only finite costs`);
    if (cost < v[columns[k]]) v[columns[k]] = cost;
  }
  for (let j = 0; j < n; j++) if (v[j] === Infinity) throw new RangeError(`column ${j} has no entries: no complete assignment exists`);

  // Greedy start: give each row a free column whose reduced cost is zero.
  const free: number[] = [];
  for (let i = n - 1; i >= 0; i--) {
    let chosen = -1;
    for (let k = rowStart[i]; k < rowStart[i + 1]; k++) {
      const j = columns[k];
      if (y[j] < 0 && costs[k] - v[j] === 0) {
        chosen = k;
        break;
      }
    }
    if (chosen >= 0) {
      const j = columns[chosen];
      x[i] = j;
      y[j] = i;
      assignedCost[i] = costs[chosen];
    } else free.push(i);
  }

  const d = new Float64Array(n).fill(Infinity);
  const pred = new Int32Array(n);
  const scanned = new Uint8Array(n);
  const touched: number[] = [];
  const scannedList: number[] = [];
  const heap = new ColumnHeap(n);

  for (const freeRow of free) {
    for (let k = rowStart[freeRow]; k < rowStart[freeRow + 1]; k++) {
      const j = columns[k];
      const dj = costs[k] - v[j];
      if (dj < d[j]) {
        if (d[j] === Infinity) touched.push(j);
        d[j] = dj;
        pred[j] = freeRow;
        heap.push(j, dj);
      }
    }
    let sink = -1;
    let dmin = 0;
    while (heap.length > 0) {
      const j = heap.pop(d);
      if (j < 0) break;
      if (scanned[j]) continue;
      if (y[j] < 0) {
        sink = j;
        dmin = d[j];
        break;
      }
      scanned[j] = 1;
      scannedList.push(j);
      const i = y[j];
      const ui = assignedCost[i] - v[j];
      const base = d[j] - ui;
      for (let k = rowStart[i]; k < rowStart[i + 1]; k++) {
        const col = columns[k];
        if (scanned[col]) continue;
        const nd = base + costs[k] - v[col];
        if (nd < d[col]) {
          if (d[col] === Infinity) touched.push(col);
          d[col] = nd;
          pred[col] = i;
          heap.push(col, nd);
        }
      }
    }
    if (sink < 0) throw new RangeError(`row ${freeRow} cannot be assigned: no complete assignment exists`);

    for (const j of scannedList) v[j] += d[j] - dmin;
    // Flip the alternating path back to the free row.
    let j = sink;
    for (;;) {
      const i = pred[j];
      const previous = x[i];
      x[i] = j;
      y[j] = i;
      assignedCost[i] = entryCost(matrix, i, j);
      if (i === freeRow) break;
      j = previous;
    }
    for (const t of touched) (d[t] = Infinity), (scanned[t] = 0);
    touched.length = 0;
    scannedList.length = 0;
    heap.clear();
  }

  let totalCost = 0;
  for (let i = 0; i < n; i++) totalCost += assignedCost[i];
  return { rowToCol: x, colToRow: y, totalCost };
}

function entryCost(m: SparseCostMatrix, i: number, j: number): number {
  for (let k = m.rowStart[i]; k < m.rowStart[i + 1]; k++) if (m.columns[k] === j) return m.costs[k];
  throw new RangeError(`no entry at row ${i}, column ${j}`);
}

/** A binary min-heap of (column, key) with lazy deletion: stale entries are skipped by the caller. */
class ColumnHeap {
  private cols: Int32Array;
  private keys: Float64Array;
  length = 0;
  constructor(capacity: number) {
    this.cols = new Int32Array(Math.max(16, capacity));
    this.keys = new Float64Array(Math.max(16, capacity));
  }
  clear(): void {
    this.length = 0;
  }
  push(col: number, key: number): void {
    if (this.length === this.cols.length) {
      const cols = new Int32Array(this.length * 2);
      const keys = new Float64Array(this.length * 2);
      cols.set(this.cols);
      keys.set(this.keys);
      this.cols = cols;
      this.keys = keys;
    }
    let i = this.length++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.keys[parent] <= key) break;
      this.cols[i] = this.cols[parent];
      this.keys[i] = this.keys[parent];
      i = parent;
    }
    this.cols[i] = col;
    this.keys[i] = key;
  }
  /** Pops the smallest entry whose key is still current (equals d[col]); -1 when empty. */
  pop(d: Float64Array): number {
    while (this.length > 0) {
      const col = this.cols[0];
      const key = this.keys[0];
      const lastCol = this.cols[--this.length];
      const lastKey = this.keys[this.length];
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= this.length) break;
        if (child + 1 < this.length && this.keys[child + 1] < this.keys[child]) child++;
        if (this.keys[child] >= lastKey) break;
        this.cols[i] = this.cols[child];
        this.keys[i] = this.keys[child];
        i = child;
      }
      this.cols[i] = lastCol;
      this.keys[i] = lastKey;
      if (key === d[col]) return col;
    }
    return -1;
  }
}
