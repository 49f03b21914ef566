// The matcher's index of a catalogue's tools, built once per set of tools from their own
// declarations (words, values, examples, summary) and the allowed values of their schemas.
import { z } from 'zod';
import { ALL_TOOLS, findTool } from '../allTools.ts';
import { type Catalogue, type PropertyInfo, selfOf } from './catalogue.ts';
import { ToolIndex } from './matcher.ts';

const indexes = new Map<string, ToolIndex>();

/** The matcher's index of the catalogue's tools (built once per set of tools). */
export function indexFor(catalogue: Catalogue): ToolIndex {
  const names = catalogue.size ? [...catalogue.keys()] : ALL_TOOLS.map((t) => t.name);
  const key = names.join(',');
  let index = indexes.get(key);
  if (!index) {
    index = new ToolIndex(names.map((name) => ({ name, description: catalogue.get(name)?.description ?? '', self: selfOf(name, catalogue), enums: enumsOf(name, catalogue), argumentNames: Object.keys(catalogue.get(name)?.properties ?? {}) })));
    indexes.set(key, index);
  }
  return index;
}

/** The allowed values of each enum argument of a tool (from the bound schema, else the tool's own). */
function enumsOf(tool: string, catalogue: Catalogue): Record<string, string[]> {
  let props = catalogue.get(tool)?.properties;
  if (!props) {
    const spec = findTool(tool);
    props = spec ? ((z.toJSONSchema(spec.schema, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, PropertyInfo> }).properties ?? {}) : {};
  }
  const out: Record<string, string[]> = {};
  for (const [arg, p] of Object.entries(props)) {
    const values = [...(p.enum ?? []), ...(p.anyOf ?? []).flatMap((a) => a.enum ?? [])].filter((v): v is string => typeof v === 'string');
    if (values.length) out[arg] = values;
  }
  return out;
}
