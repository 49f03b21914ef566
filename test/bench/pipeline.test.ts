import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { pipelineYaml } from '../../bench/pipeline.ts';
import { ALL_TOOLS } from '../../src/agent/allTools.ts';
import { parsePipeline } from '../../src/agent/pipeline.ts';

describe('bench/pipeline.ts', () => {
  it('runs a pipeline whose every step names a tool and gives it arguments that tool accepts (a renamed argument would fail the bench mid-run)', () => {
    const pipeline = parsePipeline(pipelineYaml(), 'bench pipeline');
    expect(pipeline.steps.map((s) => s.tool)).toEqual(['correct_drift', 'segment', 'track', 'measure']);
    for (const step of pipeline.steps) {
      const tool = ALL_TOOLS.find((t) => t.name === step.tool);
      expect(tool, step.tool).toBeDefined();
      const shape = tool!.schema.shape as Record<string, z.ZodType>;
      for (const [arg, value] of Object.entries(step.args)) {
        expect(shape[arg], `${step.tool}.${arg}`).toBeDefined();
        // references (${...}) are filled in at run time; the literal values must pass the tool's own schema
        if (typeof value === 'string' && value.startsWith('${')) continue;
        expect(z.object({ [arg]: shape[arg] }).safeParse({ [arg]: value }).success, `${step.tool}.${arg} = ${JSON.stringify(value)}`).toBe(true);
      }
    }
  });
});
