// Embedding and clustering of per-cell feature vectors (rows = cells, columns = features):
// PCA (eigen-decomposition of the covariance by Jacobi rotations; signs fixed so the largest
// loading is positive), UMAP (umap-js, McInnes et al. 2018, arXiv:1802.03426), exact t-SNE
// (van der Maaten & Hinton 2008, with scikit-learn's defaults: perplexity 30, early
// exaggeration 12 for 250 iterations, learning rate max(n/48, 50), 1000 iterations),
// k-means with k-means++ seeding (Arthur & Vassilvitskii 2007; 10 restarts as scikit-learn),
// agglomerative clustering (Ward, average, complete, single; nearest-neighbour chain with
// Lance–Williams updates, Müllner 2011, arXiv:1109.2378), and the adjusted Rand index
// (Hubert & Arabie 1985) to compare clusterings.
import type { Cell, Table } from './table.ts';
import { mean, standardDeviation } from './timeseries.ts';
import { mulberry32 } from '../random.ts';

export type Matrix = Float64Array[];

/** A small seeded generator (mulberry32), so embeddings are reproducible. */
export const seededRandom = mulberry32;

function gaussian(random: () => number): number {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

function checkMatrix(data: Matrix, minRows: number, what: string): void {
  if (data.length < minRows) throw new RangeError(`${what} needs at least ${minRows} cells (rows), got ${data.length}`);
  const p = data[0].length;
  if (p === 0) throw new RangeError(`${what} needs at least one feature column`);
  data.forEach((row, i) => {
    if (row.length !== p) throw new RangeError(`row ${i} has ${row.length} features, expected ${p}`);
    for (const v of row) if (!Number.isFinite(v)) throw new RangeError(`row ${i} holds a missing or non-finite value; drop such cells first`);
  });
}

/** Centres each column and, if asked, scales it to unit (population) SD; constant columns become 0. */
export function standardise(data: Matrix, scale = true): Matrix {
  const p = data[0]?.length ?? 0;
  const out = data.map((r) => Float64Array.from(r));
  for (let j = 0; j < p; j++) {
    const column = data.map((r) => r[j]);
    const m = mean(column);
    const sd = scale ? standardDeviation(column) : 1;
    for (const row of out) row[j] = sd > 0 ? (row[j] - m) / sd : 0;
  }
  return out;
}

/** Eigenvalues (descending) and eigenvectors (columns of `vectors`, vectors[i][k]) of a symmetric matrix, by cyclic Jacobi. */
export function symmetricEigen(matrix: Matrix): { values: Float64Array; vectors: Matrix } {
  const n = matrix.length;
  const a = matrix.map((r) => Float64Array.from(r));
  const v = Array.from({ length: n }, (_, i) => Float64Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) off += a[i][j] * a[i][j];
    if (off < 1e-22) break;
    for (let p = 0; p < n; p++)
      for (let q = p + 1; q < n; q++) {
        if (Math.abs(a[p][q]) < 1e-300) continue;
        const theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k][p], akq = a[k][q];
          a[k][p] = c * akp - s * akq;
          a[k][q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p][k], aqk = a[q][k];
          a[p][k] = c * apk - s * aqk;
          a[q][k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k][p], vkq = v[k][q];
          v[k][p] = c * vkp - s * vkq;
          v[k][q] = s * vkp + c * vkq;
        }
      }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => a[j][j] - a[i][i]);
  return {
    values: Float64Array.from(order, (i) => a[i][i]),
    vectors: Array.from({ length: n }, (_, r) => Float64Array.from(order, (i) => v[r][i])),
  };
}

export interface PcaResult {
  /** Scores: one row per cell, nComponents columns. */
  scores: Matrix;
  /** Variance of each component (sample, n − 1) and its share of the total. */
  explainedVariance: number[];
  explainedVarianceRatio: number[];
  /** Loadings: components[k][j] is feature j's weight in component k. */
  components: Matrix;
}

/** Eigen-decomposition of the p x p covariance of centred data. */
function covarianceEigen(centred: Matrix): { values: Float64Array; vectors: Matrix } {
  const n = centred.length;
  const p = centred[0].length;
  const cov = Array.from({ length: p }, () => new Float64Array(p));
  for (const row of centred)
    for (let i = 0; i < p; i++) {
      const ri = row[i];
      if (ri === 0) continue;
      for (let j = i; j < p; j++) cov[i][j] += ri * row[j];
    }
  for (let i = 0; i < p; i++) for (let j = i; j < p; j++) cov[j][i] = cov[i][j] /= n - 1;
  return symmetricEigen(cov);
}

/**
 * With more features than cells, the same eigenvalues come from the n x n Gram matrix
 * X Xᵀ / (n − 1); the feature-space vectors are Xᵀ u / sqrt((n − 1) λ).
 */
function dualEigen(centred: Matrix): { values: Float64Array; vectors: Matrix } {
  const n = centred.length;
  const p = centred[0].length;
  const gram = Array.from({ length: n }, () => new Float64Array(n));
  for (let i = 0; i < n; i++)
    for (let j = i; j < n; j++) {
      let s = 0;
      for (let k = 0; k < p; k++) s += centred[i][k] * centred[j][k];
      gram[i][j] = gram[j][i] = s / (n - 1);
    }
  const { values, vectors: u } = symmetricEigen(gram);
  const vectors = Array.from({ length: p }, () => new Float64Array(n));
  for (let c = 0; c < n; c++) {
    const norm = Math.sqrt(Math.max(values[c], 0) * (n - 1));
    if (norm < 1e-12) continue;
    for (let k = 0; k < p; k++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += centred[i][k] * u[i][c];
      vectors[k][c] = s / norm;
    }
  }
  return { values, vectors };
}

/** Principal components of the (already standardised, if wanted) data; the data are centred here. */
export function pca(data: Matrix, nComponents = 2): PcaResult {
  checkMatrix(data, 2, 'PCA');
  const n = data.length;
  const p = data[0].length;
  const k = Math.min(nComponents, p, n);
  const centred = standardise(data, false);
  const { values, vectors } = p <= n ? covarianceEigen(centred) : dualEigen(centred);
  const total = values.reduce((s, v) => s + Math.max(0, v), 0);
  const components: Matrix = [];
  for (let c = 0; c < k; c++) {
    const loading = Float64Array.from({ length: p }, (_, j) => vectors[j][c]);
    let big = 0;
    for (let j = 1; j < p; j++) if (Math.abs(loading[j]) > Math.abs(loading[big])) big = j;
    if (loading[big] < 0) for (let j = 0; j < p; j++) loading[j] = -loading[j];
    components.push(loading);
  }
  const scores = centred.map((row) => Float64Array.from(components, (w) => w.reduce((s, wj, j) => s + wj * row[j], 0)));
  const explainedVariance = Array.from(values.subarray(0, k), (v) => Math.max(0, v));
  return { scores, explainedVariance, explainedVarianceRatio: explainedVariance.map((v) => (total > 0 ? v / total : 0)), components };
}

export interface TsneOptions {
  perplexity?: number;
  iterations?: number;
  learningRate?: number;
  seed?: number;
  nComponents?: number;
}

/** Conditional probabilities p_j|i with a per-point bandwidth matching the perplexity (binary search on beta). */
function affinities(distances: Matrix, perplexity: number): Matrix {
  const n = distances.length;
  const target = Math.log(perplexity);
  const P = Array.from({ length: n }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    let beta = 1, lo = 0, hi = Infinity;
    for (let iter = 0; iter < 100; iter++) {
      let sum = 0, weighted = 0;
      for (let j = 0; j < n; j++) {
        if (j === i) continue;
        const w = Math.exp(-distances[i][j] * beta);
        P[i][j] = w;
        sum += w;
        weighted += w * distances[i][j];
      }
      const entropy = sum > 0 ? Math.log(sum) + (beta * weighted) / sum : 0;
      for (let j = 0; j < n; j++) P[i][j] = sum > 0 ? P[i][j] / sum : 0;
      const diff = entropy - target;
      if (Math.abs(diff) < 1e-5) break;
      if (diff > 0) (lo = beta), (beta = hi === Infinity ? beta * 2 : (beta + hi) / 2);
      else (hi = beta), (beta = (beta + lo) / 2);
    }
  }
  return P;
}

function squaredDistances(data: Matrix): Matrix {
  const n = data.length;
  const d = Array.from({ length: n }, () => new Float64Array(n));
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      let s = 0;
      for (let k = 0; k < data[i].length; k++) s += (data[i][k] - data[j][k]) ** 2;
      d[i][j] = d[j][i] = s;
    }
  return d;
}

/** Above this, exact t-SNE's n x n matrices and O(n²) iterations are too slow for an interactive tool. */
export const TSNE_MAX_CELLS = 3000;

/** Exact t-SNE (O(n²) per iteration: meant for up to a few thousand cells). */
export function tsne(data: Matrix, options: TsneOptions = {}): Matrix {
  checkMatrix(data, 4, 't-SNE');
  const n = data.length;
  if (n > TSNE_MAX_CELLS) throw new RangeError(`exact t-SNE is limited to ${TSNE_MAX_CELLS} cells (got ${n}): use method "umap" or "pca" for more`);
  const dims = options.nComponents ?? 2;
  const perplexity = Math.min(options.perplexity ?? 30, (n - 1) / 3);
  const iterations = options.iterations ?? 1000;
  const exaggeration = 12;
  const learningRate = options.learningRate ?? Math.max(n / exaggeration / 4, 50);
  const random = seededRandom(options.seed ?? 0);
  const conditional = affinities(squaredDistances(data), perplexity);
  const P = Array.from({ length: n }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) P[i][j] = Math.max((conditional[i][j] + conditional[j][i]) / (2 * n), 1e-12);
  const Y = Array.from({ length: n }, () => Float64Array.from({ length: dims }, () => 1e-4 * gaussian(random)));
  const update = Array.from({ length: n }, () => new Float64Array(dims));
  const gains = Array.from({ length: n }, () => new Float64Array(dims).fill(1));
  const num = Array.from({ length: n }, () => new Float64Array(n));
  const grad = new Float64Array(dims);
  for (let iter = 0; iter < iterations; iter++) {
    const early = iter < 250;
    const momentum = early ? 0.5 : 0.8;
    const scaleP = early ? exaggeration : 1;
    let sumQ = 0;
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++) {
        let d = 0;
        for (let k = 0; k < dims; k++) d += (Y[i][k] - Y[j][k]) ** 2;
        const q = 1 / (1 + d);
        num[i][j] = num[j][i] = q;
        sumQ += 2 * q;
      }
    for (let i = 0; i < n; i++) {
      grad.fill(0);
      for (let j = 0; j < n; j++) {
        if (j === i) continue;
        const mult = (scaleP * P[i][j] - num[i][j] / sumQ) * num[i][j];
        for (let k = 0; k < dims; k++) grad[k] += 4 * mult * (Y[i][k] - Y[j][k]);
      }
      for (let k = 0; k < dims; k++) {
        const sameSign = grad[k] > 0 === update[i][k] > 0;
        gains[i][k] = Math.max(0.01, sameSign ? gains[i][k] * 0.8 : gains[i][k] + 0.2);
        update[i][k] = momentum * update[i][k] - learningRate * gains[i][k] * grad[k];
      }
    }
    for (let i = 0; i < n; i++) for (let k = 0; k < dims; k++) Y[i][k] += update[i][k];
  }
  return standardise(Y, false);
}

/** UMAP via umap-js with a seeded random source. */
export async function umap(data: Matrix, options: { nNeighbors?: number; minDist?: number; seed?: number; nComponents?: number } = {}): Promise<Matrix> {
  checkMatrix(data, 3, 'UMAP');
  const { UMAP } = await import('umap-js');
  const nNeighbors = Math.max(2, Math.min(options.nNeighbors ?? 15, data.length - 1));
  const model = new UMAP({ nComponents: options.nComponents ?? 2, nNeighbors, minDist: options.minDist ?? 0.1, random: seededRandom(options.seed ?? 0) });
  return model.fit(data.map((r) => Array.from(r))).map((r) => Float64Array.from(r));
}

export interface KMeansResult {
  /** Cluster per row, 0..k-1. */
  labels: Int32Array;
  centroids: Matrix;
  /** Sum of squared distances to the nearest centroid. */
  inertia: number;
}

function squaredDistance(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += (a[k] - b[k]) ** 2;
  return s;
}

function kmeansPlusPlus(data: Matrix, k: number, random: () => number): Matrix {
  const centroids: Matrix = [Float64Array.from(data[Math.floor(random() * data.length)])];
  const nearest = data.map((r) => squaredDistance(r, centroids[0]));
  while (centroids.length < k) {
    const total = nearest.reduce((a, b) => a + b, 0);
    let pick = random() * total;
    let index = 0;
    for (; index < data.length - 1 && pick >= nearest[index]; index++) pick -= nearest[index];
    if (total === 0) index = Math.floor(random() * data.length);
    const c = Float64Array.from(data[index]);
    centroids.push(c);
    data.forEach((r, i) => (nearest[i] = Math.min(nearest[i], squaredDistance(r, c))));
  }
  return centroids;
}

function lloyd(data: Matrix, initial: Matrix, maxIterations: number): KMeansResult {
  const k = initial.length;
  const p = data[0].length;
  let centroids = initial;
  const labels = new Int32Array(data.length);
  let inertia = 0;
  for (let iter = 0; iter < maxIterations; iter++) {
    inertia = 0;
    data.forEach((row, i) => {
      let best = 0, bestD = Infinity;
      for (let c = 0; c < k; c++) {
        const d = squaredDistance(row, centroids[c]);
        if (d < bestD) (bestD = d), (best = c);
      }
      labels[i] = best;
      inertia += bestD;
    });
    const sums = Array.from({ length: k }, () => new Float64Array(p));
    const counts = new Int32Array(k);
    data.forEach((row, i) => {
      counts[labels[i]]++;
      for (let j = 0; j < p; j++) sums[labels[i]][j] += row[j];
    });
    const next = sums.map((s, c) => (counts[c] ? s.map((v) => v / counts[c]) : centroids[c]));
    const shift = next.reduce((acc, c, i) => acc + squaredDistance(c, centroids[i]), 0);
    centroids = next;
    if (shift < 1e-12) break;
  }
  return { labels, centroids, inertia };
}

/** k-means (Lloyd) with k-means++ seeding, best of `restarts` (default 10) by inertia. */
export function kmeans(data: Matrix, k: number, options: { restarts?: number; seed?: number; maxIterations?: number } = {}): KMeansResult {
  checkMatrix(data, 1, 'k-means');
  if (!Number.isInteger(k) || k < 1 || k > data.length) throw new RangeError(`k must be a whole number from 1 to the number of cells (${data.length}), got ${k}`);
  const random = seededRandom(options.seed ?? 0);
  let best: KMeansResult | undefined;
  for (let r = 0; r < (options.restarts ?? 10); r++) {
    const result = lloyd(data, kmeansPlusPlus(data, k, random), options.maxIterations ?? 300);
    if (!best || result.inertia < best.inertia) best = result;
  }
  return best!;
}

export type Linkage = 'ward' | 'average' | 'complete' | 'single';

export interface Merge {
  a: number;
  b: number;
  height: number;
}

/**
 * Agglomerative clustering: the merges (cluster ids are the row index of a representative)
 * sorted by height, and the flat labels (0..k-1, in order of first row) when cut at k clusters.
 * Ward works on Euclidean distances and reports heights as scipy's linkage does.
 */
export function hierarchical(data: Matrix, k: number, linkage: Linkage = 'ward'): { labels: Int32Array; merges: Merge[] } {
  checkMatrix(data, 1, 'hierarchical clustering');
  const n = data.length;
  if (!Number.isInteger(k) || k < 1 || k > n) throw new RangeError(`k must be a whole number from 1 to the number of cells (${n}), got ${k}`);
  // Ward's Lance–Williams update is exact on squared distances.
  const d = squaredDistances(data);
  if (linkage !== 'ward') for (const row of d) for (let j = 0; j < n; j++) row[j] = Math.sqrt(row[j]);
  const size = new Int32Array(n).fill(1);
  const active = new Uint8Array(n).fill(1);
  const merges: Merge[] = [];
  const chain: number[] = [];
  let remaining = n;
  while (remaining > 1) {
    if (chain.length === 0) chain.push(active.indexOf(1));
    for (;;) {
      const top = chain[chain.length - 1];
      const previous = chain.length > 1 ? chain[chain.length - 2] : -1;
      let nearest = previous, best = previous >= 0 ? d[top][previous] : Infinity;
      for (let j = 0; j < n; j++) {
        if (!active[j] || j === top) continue;
        if (d[top][j] < best) (best = d[top][j]), (nearest = j);
      }
      if (nearest === previous) break;
      chain.push(nearest);
    }
    const b = chain.pop()!;
    const a = chain.pop()!;
    const dab = d[a][b];
    merges.push({ a: Math.min(a, b), b: Math.max(a, b), height: linkage === 'ward' ? Math.sqrt(dab) : dab });
    // Merge b into a.
    const na = size[a], nb = size[b];
    for (let j = 0; j < n; j++) {
      if (!active[j] || j === a || j === b) continue;
      const nj = size[j];
      let value: number;
      if (linkage === 'ward') value = ((na + nj) * d[a][j] + (nb + nj) * d[b][j] - nj * dab) / (na + nb + nj);
      else if (linkage === 'average') value = (na * d[a][j] + nb * d[b][j]) / (na + nb);
      else if (linkage === 'complete') value = Math.max(d[a][j], d[b][j]);
      else value = Math.min(d[a][j], d[b][j]);
      d[a][j] = d[j][a] = value;
    }
    size[a] = na + nb;
    active[b] = 0;
    remaining--;
  }
  merges.sort((x, y) => x.height - y.height);
  // Cut: apply the n − k lowest merges with union-find.
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (let m = 0; m < n - k; m++) parent[find(merges[m].b)] = find(merges[m].a);
  const labels = new Int32Array(n);
  const names = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const root = find(i);
    if (!names.has(root)) names.set(root, names.size);
    labels[i] = names.get(root)!;
  }
  return { labels, merges };
}

/** Adjusted Rand index between two labellings (1 = identical up to renaming, ~0 = chance). */
export function adjustedRandIndex(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  if (b.length !== n) throw new RangeError(`labellings must be the same length, got ${n} and ${b.length}`);
  const pairs = (x: number) => (x * (x - 1)) / 2;
  const table = new Map<string, number>();
  const rows = new Map<number, number>();
  const cols = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const key = `${a[i]},${b[i]}`;
    table.set(key, (table.get(key) ?? 0) + 1);
    rows.set(a[i], (rows.get(a[i]) ?? 0) + 1);
    cols.set(b[i], (cols.get(b[i]) ?? 0) + 1);
  }
  let index = 0;
  for (const v of table.values()) index += pairs(v);
  let sumRows = 0, sumCols = 0;
  for (const v of rows.values()) sumRows += pairs(v);
  for (const v of cols.values()) sumCols += pairs(v);
  const expected = (sumRows * sumCols) / pairs(n);
  const max = (sumRows + sumCols) / 2;
  return max === expected ? 1 : (index - expected) / (max - expected);
}

// ---------------------------------------------------------------------------------------
// Tables: rows = cells, numeric columns = features (e.g. summariseCells' output).

export type EmbedMethod = 'pca' | 'umap' | 'tsne';

export interface EmbedTableOptions {
  method: EmbedMethod;
  /** Feature columns; default every numeric column except identifiers. */
  features?: string[];
  /** Scale each feature to zero mean and unit SD first (default true). */
  standardize?: boolean;
  nComponents?: number;
  cluster?: 'kmeans' | 'hierarchical' | 'none';
  k?: number;
  linkage?: Linkage;
  seed?: number;
  perplexity?: number;
  nNeighbors?: number;
}

// (TrackMate's TRACK_ID too: embedding the track features used each track's number as a feature)
const IDENTIFIERS = ['id', 'track_id', 'TRACK_ID', 'track', 'branch_id', 'parent', 'spot_id', 'cell_id', 'CellID', 'cell', 'label', 'frames', 't', 'frame', 'cluster'];

export async function embedTable(table: Table, options: EmbedTableOptions) {
  const features = options.features ?? table.columns.filter((c) => !IDENTIFIERS.includes(c) && table.rows.some((r) => typeof r[c] === 'number'));
  for (const f of features) if (!table.columns.includes(f)) throw new RangeError(`no column "${f}" in the table (columns: ${table.columns.join(', ')})`);
  if (features.length === 0) throw new RangeError('the table has no numeric feature columns to embed');
  // Cells with a missing feature are left out (and counted), as scikit-learn would refuse them.
  const kept = table.rows.filter((r) => features.every((f) => typeof r[f] === 'number' && Number.isFinite(r[f] as number)));
  const dropped = table.rows.length - kept.length;
  const raw: Matrix = kept.map((r) => Float64Array.from(features, (f) => r[f] as number));
  const data = options.standardize === false ? raw : standardise(raw);
  const dims = options.nComponents ?? 2;
  let coordinates: Matrix;
  let explainedVarianceRatio: number[] | undefined;
  if (options.method === 'pca') {
    const result = pca(data, dims);
    coordinates = result.scores;
    explainedVarianceRatio = result.explainedVarianceRatio;
  } else if (options.method === 'tsne') coordinates = tsne(data, { nComponents: dims, seed: options.seed, perplexity: options.perplexity });
  else coordinates = await umap(data, { nComponents: dims, seed: options.seed, nNeighbors: options.nNeighbors });
  const clusterMethod = options.cluster ?? 'kmeans';
  let clusters: Int32Array | undefined;
  if (clusterMethod !== 'none') {
    const k = options.k ?? 3;
    // Clusters are found in the standardised feature space, not in the 2-D picture.
    clusters = clusterMethod === 'kmeans' ? kmeans(data, k, { seed: options.seed }).labels : hierarchical(data, k, options.linkage ?? 'ward').labels;
  }
  const idColumns = table.columns.filter((c) => IDENTIFIERS.includes(c) && c !== 'cluster' && c !== 'frames');
  const axisNames = Array.from({ length: coordinates[0]?.length ?? dims }, (_, i) => `${options.method}_${i + 1}`);
  const rows = kept.map((r, i) => {
    const row: Record<string, Cell> = {};
    for (const c of idColumns) row[c] = r[c];
    axisNames.forEach((name, j) => (row[name] = coordinates[i][j]));
    if (clusters) row.cluster = clusters[i] + 1;
    return row;
  });
  const sizes = clusters ? Array.from({ length: Math.max(...clusters) + 1 }, (_, c) => clusters!.filter((v) => v === c).length) : [];
  return { table: { columns: [...idColumns, ...axisNames, ...(clusters ? ['cluster'] : [])], rows } as Table, features, dropped, explainedVarianceRatio, clusterSizes: sizes };
}
