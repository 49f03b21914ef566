// A tool's arguments as JSON Schema: what `cellpilot tools --json` lists and what a chat
// model is given (src/agent/langchainTools.ts). Computed once per tool.
import { z } from 'zod';
import type { ToolSpec } from './types.ts';

const schemaCache = new WeakMap<ToolSpec, Record<string, unknown>>();

/** The tool's arguments as JSON Schema (input side: defaults are optional). */
export function toolJsonSchema(tool: ToolSpec): Record<string, unknown> {
  const cached = schemaCache.get(tool);
  if (cached) return cached;
  let schema: Record<string, unknown>;
  try {
    schema = z.toJSONSchema(tool.schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    delete schema.$schema;
  } catch {
    schema = { type: 'object' };
  }
  schemaCache.set(tool, schema);
  return schema;
}
