// Embedding and clustering against known structure; hierarchical merge heights and flat
// clusters against scipy 1.10 (scipy.cluster.hierarchy.linkage(X, method) and
// fcluster(L, 3, 'maxclust')) on the fixed 12-point set built below (same formula in numpy).
import { describe, expect, it } from 'vitest';
import { adjustedRandIndex, hierarchical, kmeans, pca, seededRandom, standardise, tsne, umap, type Matrix } from '../../src/analysis/embed.ts';

/** Three well separated Gaussian blobs in 5-D, 30 points each. */
function blobs(seed = 3): { data: Matrix; truth: number[] } {
  const random = seededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const centres = [[0, 0, 0, 0, 0], [10, 0, 5, 0, 0], [0, 10, 0, -5, 3]];
  const data: Matrix = [];
  const truth: number[] = [];
  centres.forEach((c, k) => {
    for (let i = 0; i < 30; i++) {
      data.push(Float64Array.from(c, (v) => v + normal()));
      truth.push(k);
    }
  });
  return { data, truth };
}

// Small offsets break the ties of the modular pattern, so the merge order is unique.
const X: Matrix = Array.from({ length: 12 }, (_, i) => Float64Array.from([((i * 7919) % 23) / 3 + 0.01 * i, ((i * 104729) % 19) / 2 + 0.003 * i * i, ((i * 31) % 7) + 0.0137 * i]));

describe('PCA', () => {
  it('recovers the known variances and direction of correlated data', () => {
    // x ~ N(0, 9) along (1, 1)/√2 and N(0, 1) along (1, -1)/√2.
    const random = seededRandom(1);
    const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    const data: Matrix = Array.from({ length: 4000 }, () => {
      const a = 3 * normal(), b = normal();
      return Float64Array.from([(a + b) / Math.SQRT2, (a - b) / Math.SQRT2, 0.0]);
    });
    const result = pca(data, 2);
    expect(result.explainedVariance[0]).toBeCloseTo(9, 0);
    expect(result.explainedVariance[1]).toBeCloseTo(1, 1);
    expect(result.explainedVarianceRatio[0]).toBeCloseTo(0.9, 1);
    expect(Math.abs(result.components[0][0])).toBeCloseTo(Math.SQRT1_2, 2);
    expect(result.components[0][0]).toBeGreaterThan(0); // sign convention: largest loading positive
    // Scores are uncorrelated with the component variances.
    const s0 = result.scores.map((r) => r[0]);
    expect(s0.reduce((a, v) => a + v * v, 0) / (s0.length - 1)).toBeCloseTo(result.explainedVariance[0], 6);
  });
});

describe('PCA with more features than cells', () => {
  it('gives the same variances and |scores| as on the transposed problem', () => {
    const random = seededRandom(2);
    const wide: Matrix = Array.from({ length: 8 }, () => Float64Array.from({ length: 20 }, () => random()));
    const result = pca(wide, 3);
    // The defining properties: variances sum to the total, unit orthogonal loadings, score variances.
    const total = wide[0].map((_, j) => {
      const col = wide.map((r) => r[j]);
      const m = col.reduce((a, b) => a + b, 0) / col.length;
      return col.reduce((a, v) => a + (v - m) ** 2, 0) / (col.length - 1);
    }).reduce((a, b) => a + b, 0);
    expect(result.explainedVarianceRatio[0] * total).toBeCloseTo(result.explainedVariance[0], 9);
    result.components.forEach((w, i) => {
      expect(w.reduce((a, v) => a + v * v, 0)).toBeCloseTo(1, 9); // unit loadings
      const s = result.scores.map((r) => r[i]);
      expect(s.reduce((a, v) => a + v * v, 0) / 7).toBeCloseTo(result.explainedVariance[i], 9);
    });
    expect(result.components[0].reduce((a, v, j) => a + v * result.components[1][j], 0)).toBeCloseTo(0, 9); // orthogonal
  });
});

describe('clustering', () => {
  it('k-means (k-means++) recovers separated blobs (ARI 1)', () => {
    const { data, truth } = blobs();
    const result = kmeans(data, 3, { seed: 7 });
    expect(adjustedRandIndex(result.labels, truth)).toBeCloseTo(1, 12);
    expect(() => kmeans(data, 0)).toThrow(/k must be a whole number from 1/);
  });

  it.each([
    ['ward', [2.6378890527, 2.6591341926, 2.6806944351, 2.7025622388, 3.3287761655, 3.8516747209, 4.6824580639, 5.3942766744, 6.5744650059, 6.7509075416, 10.4698578695], [1, 3, 3, 3, 3, 3, 3, 1, 3, 2, 1, 2]],
    ['average', [2.6378890527, 2.6591341926, 2.6806944351, 2.7025622388, 3.3287761655, 3.576391566, 3.7736158359, 4.480147441, 4.7664753454, 4.8163137473, 6.0317346242], [1, 3, 3, 3, 3, 3, 3, 1, 3, 2, 1, 2]],
    ['complete', [2.6378890527, 2.6591341926, 2.6806944351, 2.7025622388, 3.3287761655, 3.8513218252, 4.617812797, 5.7310162081, 6.1393571706, 6.8235879568, 9.6503918574], [1, 3, 3, 3, 3, 3, 3, 1, 3, 2, 1, 2]],
  ] as const)('hierarchical %s linkage matches scipy heights and clusters', (linkage, heights, flat) => {
    const result = hierarchical(X, 3, linkage);
    result.merges.forEach((m, i) => expect(m.height).toBeCloseTo(heights[i], 8));
    expect(adjustedRandIndex(result.labels, flat)).toBeCloseTo(1, 12);
  });

  it('hierarchical Ward recovers blobs, and the ARI behaves', () => {
    const { data, truth } = blobs(5);
    expect(adjustedRandIndex(hierarchical(data, 3, 'ward').labels, truth)).toBeCloseTo(1, 12);
    expect(adjustedRandIndex([0, 0, 1, 1], [1, 1, 0, 0])).toBe(1);
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1])).toBeLessThan(0);
  });
});

describe('non-linear embeddings keep separated blobs apart', () => {
  it('t-SNE', () => {
    const { data, truth } = blobs(9);
    const embedding = tsne(standardise(data), { seed: 1, iterations: 400 });
    expect(embedding).toHaveLength(90);
    expect(adjustedRandIndex(kmeans(embedding, 3, { seed: 1 }).labels, truth)).toBeGreaterThan(0.95);
  });
  it('UMAP', async () => {
    const { data, truth } = blobs(11);
    const embedding = await umap(standardise(data), { seed: 2 });
    expect(embedding[0]).toHaveLength(2);
    expect(adjustedRandIndex(kmeans(embedding, 3, { seed: 1 }).labels, truth)).toBeGreaterThan(0.95);
    const again = await umap(standardise(data), { seed: 2 });
    expect(again[5][0]).toBe(embedding[5][0]); // seeded: reproducible
  });
});
