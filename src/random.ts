/**
 * mulberry32: a small, fast seeded generator of uniform numbers in [0, 1), so that
 * embeddings, test fixtures and benchmarks are reproducible. (The simulator has its own
 * stream-splitting generator in src/sim/random.ts.) Seed 0 is mapped to a fixed odd value.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0 || 0x9e3779b9;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
