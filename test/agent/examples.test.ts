// The example pipelines in pipelines/ load, name real tools, and their literal
// arguments pass each tool's schema (references stand in as artifact ids).
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findTool } from '../../src/agent/allTools.ts';
import { loadPipeline } from '../../src/agent/pipeline.ts';
import { validateArgs } from '../../src/agent/validation.ts';

const DIR = fileURLToPath(new URL('../../pipelines', import.meta.url));

// A `${params.NAME}` reference stands for its declared value; any other reference for an artifact id.
function standIn(value: unknown, parameters: Record<string, { value: unknown }>): unknown {
  if (typeof value !== 'string' || !value.startsWith('${')) return value;
  const param = /^\$\{params\.([a-z][a-z0-9_]*)\}$/.exec(value);
  return param ? parameters[param[1]]?.value : 'movie-1';
}

describe('example pipelines', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml'));
  it('exist', () => expect(files.length).toBeGreaterThanOrEqual(2));
  for (const file of files) {
    it(`${file} is valid against the tool schemas`, () => {
      const pipeline = loadPipeline(join(DIR, file));
      expect(`${pipeline.name}.yaml`).toBe(file);
      for (const step of pipeline.steps) {
        const tool = findTool(step.tool);
        expect(tool, step.tool).toBeDefined();
        const args = Object.fromEntries(Object.entries(step.args).map(([k, v]) => [k, standIn(v, pipeline.parameters ?? {})]));
        const checked = validateArgs(tool!, args);
        expect(checked.ok ? '' : checked.error).toBe('');
      }
    });
  }
});
