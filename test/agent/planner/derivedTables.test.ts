// A step that makes a table of its own from a table (an embedding, a time-series analysis) reads the measurements,
// not the table a step of the same kind made just before it in the request ("a UMAP and a t-SNE": the t-SNE had
// read the UMAP's coordinates); it reads that table only when the words point at it ("of that", "of the UMAP").
import { beforeAll, describe, expect, it } from 'vitest';
import type { Ref } from '../../../src/agent/planner/types.ts';
import { loadAcquisitionWords, plan } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

/** The tools whose table each embedding step of the request reads, in order. */
const tablesRead = (request: string) =>
  plan(request)
    .steps.filter((s) => s.tool === 'embed')
    .map((s) => (s.args.table as Ref).producers ?? []);

describe('a table derived from a table reads the measurements', () => {
  it('gives each of two embeddings the measurements', () => {
    for (const request of ['show me a UMAP and a t-SNE', 'umap then a tsne please', 'run UMAP and t-SNE on the cells', 'embed the cells with umap, and also with tsne']) {
      const read = tablesRead(request);
      expect(read, request).toHaveLength(2);
      for (const producers of read) {
        expect(producers, request).toContain('measure');
        expect(producers, request).not.toContain('embed');
      }
    }
  });

  it('gives the second one the first one\'s table when the words point at it', () => {
    for (const request of ['make a UMAP, and a t-SNE of that', 'show me a UMAP and a t-SNE of the UMAP', 'do a umap and then run tsne on it']) {
      const read = tablesRead(request);
      expect(read, request).toHaveLength(2);
      expect(read[0], request).toContain('measure');
      expect(read[1], request).toEqual(['embed']);
    }
  });

  it('leaves a step that draws or writes a table to read the newest one ("make a UMAP and plot it")', () => {
    const plot = plan('make a UMAP and plot it').steps.find((s) => s.tool === 'plot');
    expect((plot?.args.table as Ref).producers).toContain('embed');
  });
});
