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
    // (the index is shared by every catalogue of the same tools: one with no entry for a tool, the empty catalogue a
    // caller passes by default, reads the tool's own declaration, so the index is the same whichever caller built it first)
    index = new ToolIndex(names.map((name) => ({ name, description: catalogue.get(name)?.description ?? findTool(name)?.description ?? '', self: selfOf(name, catalogue), enums: enumsOf(name, catalogue), argumentNames: Object.keys(propertiesOf(name, catalogue)) })));
    indexes.set(key, index);
  }
  return index;
}

/** A tool's arguments (from the bound schema, else the tool's own). */
function propertiesOf(tool: string, catalogue: Catalogue): Record<string, PropertyInfo> {
  const props = catalogue.get(tool)?.properties;
  if (props) return props;
  const spec = findTool(tool);
  return spec ? ((z.toJSONSchema(spec.schema, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, PropertyInfo> }).properties ?? {}) : {};
}

/** The allowed values of each enum argument of a tool (from the bound schema, else the tool's own). */
function enumsOf(tool: string, catalogue: Catalogue): Record<string, string[]> {
  const props = propertiesOf(tool, catalogue);
  const out: Record<string, string[]> = {};
  for (const [arg, p] of Object.entries(props)) {
    const values = [...(p.enum ?? []), ...(p.anyOf ?? []).flatMap((a) => a.enum ?? [])].filter((v): v is string => typeof v === 'string');
    if (values.length) out[arg] = values;
  }
  return out;
}
