// The tool catalogue contract: unique snake_case names, a description for every tool and
// every argument, JSON schemas for the LLM, and the listing through `cellpilot tools --json`.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ALL_TOOLS, findTool } from '../../src/agent/allTools.ts';
import { listTools } from '../../src/commands/tools.ts';

const CONTRACT_NAMES = [
  'load_movie', 'movie_info', 'simulate_movie', 'correct_drift', 'align_channels', 'correct_bleach', 'project', 'kymograph', 'segment',
  'analyze_timeseries', 'embed', 'track', 'measure', 'detect_divisions', 'evaluate', 'export', 'denoise', 'list_models', 'train_n2v',
  'plot', 'microscope_status', 'snap', 'move_stage', 'start_acquisition', 'adjust_acquisition', 'pause_acquisition', 'resume_acquisition',
  'stop_acquisition', 'add_rule', 'list_rules', 'remove_rule', 'dose_report', 'help', 'save_pipeline', 'run_pipeline',
];

/** Walks a JSON schema and returns the paths of properties that have no description. */
function undescribed(schema: Record<string, unknown>, path = ''): string[] {
  const out: string[] = [];
  const props = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
  for (const [name, prop] of Object.entries(props)) {
    const here = path ? `${path}.${name}` : name;
    if (typeof prop.description !== 'string' || prop.description.trim().length < 3) out.push(here);
    out.push(...undescribed(prop, here));
    for (const option of (prop.anyOf ?? prop.oneOf ?? []) as Record<string, unknown>[]) out.push(...undescribed(option, here));
  }
  return out;
}

describe('tool catalogue', () => {
  it('has every tool named in the design, with unique snake_case names', () => {
    const names = ALL_TOOLS.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
    const missing = CONTRACT_NAMES.filter((n) => !findTool(n));
    expect(missing).toEqual([]);
  });

  it('describes every tool and every argument', () => {
    for (const tool of ALL_TOOLS) {
      expect(tool.description.length, tool.name).toBeGreaterThan(20);
      expect(tool.schema).toBeInstanceOf(z.ZodObject);
    }
    const missing = listTools().flatMap((t) => undescribed(t.parameters).map((p) => `${t.name}.${p}`));
    expect(missing).toEqual([]);
  });

  it('gives each tool an object JSON schema for the LLM', () => {
    for (const t of listTools()) {
      expect(t.parameters.type, t.name).toBe('object');
      expect(t.parameters.$schema).toBeUndefined();
    }
  });
});
