// Where a model trained here goes by default (train_n2v, `cellpilot train`): the first
// CELLPILOT_MODELS folder, else the repository's models/. The eval runner points
// CELLPILOT_MODELS at each case's temporary folder, so an eval case that trains leaves no
// models/n2v-fixture/ behind in the repository (it did on 3 December).
import { afterEach, describe, expect, it } from 'vitest';
import { ALL_TOOLS } from '../../src/agent/allTools.ts';
import { runCase, suiteSchema } from '../../src/agent/evals.ts';
import { BUILTIN_MODELS_DIR, trainedModelsDir } from '../../src/onnx/index.ts';
import type { ToolSpec } from '../../tools/types.ts';

describe('trainedModelsDir', () => {
  const saved = process.env.CELLPILOT_MODELS;
  afterEach(() => {
    if (saved === undefined) delete process.env.CELLPILOT_MODELS;
    else process.env.CELLPILOT_MODELS = saved;
  });

  it('is models/ without CELLPILOT_MODELS', () => {
    delete process.env.CELLPILOT_MODELS;
    expect(trainedModelsDir()).toBe(BUILTIN_MODELS_DIR);
  });

  it('is the first CELLPILOT_MODELS folder when set', () => {
    process.env.CELLPILOT_MODELS = '/tmp/case-1/models:/tmp/mine';
    expect(trainedModelsDir()).toBe('/tmp/case-1/models');
  });

  it("an executed eval case that trains writes into the case's temporary folder, not models/", async () => {
    delete process.env.CELLPILOT_MODELS;
    const seen: string[] = [];
    // train_n2v as the planner knows it, its run replaced by a record of where it would write
    const tools = ALL_TOOLS.map((t) =>
      t.name === 'train_n2v' ? ({ ...t, run: async () => (seen.push(trainedModelsDir()), { summary: 'trained', artifacts: [], values: {} }) } as ToolSpec) : t,
    );
    const suite = { ...suiteSchema.parse({ suite: 'leak', execute: true, cases: [{ id: 'train', turns: ['train a Noise2Void model on this movie'] }] }), path: '/tmp/leak.yaml' };
    await runCase(suite.cases[0], suite, { tools });
    expect(seen).toHaveLength(1);
    expect(seen[0]).not.toBe(BUILTIN_MODELS_DIR);
    expect(seen[0]).toMatch(/cellpilot-eval-.*\/models$/);
    expect(process.env.CELLPILOT_MODELS).toBeUndefined();
  });
});
