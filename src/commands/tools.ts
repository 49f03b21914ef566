// `cellpilot tools [--json]`: the tool catalogue with each tool's JSON schema.
import { parseArgs } from 'node:util';
import { ALL_TOOLS } from '../agent/allTools.ts';
import { toolJsonSchema } from '../../tools/jsonSchema.ts';
import type { ToolSpec } from '../../tools/types.ts';
import { InputError } from '../errors.ts';

export interface ToolListing {
  name: string;
  description: string;
  /** JSON Schema (draft 2020-12) of the arguments, as the LLM sees it. */
  parameters: Record<string, unknown>;
}

export function listTools(tools: ToolSpec[] = ALL_TOOLS): ToolListing[] {
  return tools.map((t) => ({ name: t.name, description: t.description, parameters: toolJsonSchema(t) }));
}

export async function run(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { json: { type: 'boolean' } }, allowPositionals: false }));
  } catch (err) {
    throw new InputError(`${(err as Error).message}; usage: cellpilot tools [--json]`);
  }
  const listing = listTools();
  if (values.json) {
    process.stdout.write(JSON.stringify({ tools: listing }, null, 2) + '\n');
    return 0;
  }
  const width = Math.max(...listing.map((t) => t.name.length), 4);
  const lines = listing.map((t) => {
    const props = Object.keys((t.parameters.properties ?? {}) as Record<string, unknown>);
    const required = new Set((t.parameters.required ?? []) as string[]);
    const argText = props.map((p) => (required.has(p) ? p : `[${p}]`)).join(' ');
    return `  ${t.name.padEnd(width)}  ${firstSentence(t.description)}\n  ${' '.repeat(width)}  args: ${argText || '(none)'}`;
  });
  process.stdout.write(`${listing.length} tools (details: cellpilot tools --json)\n${lines.join('\n')}\n`);
  return 0;
}

/** The first sentence, not fooled by "e.g.", "i.e." or "et al.". */
function firstSentence(text: string): string {
  const m = /^(.*?(?<!\be\.g|\bi\.e|\bet al|\bvs)[.!?])(\s|$)/s.exec(text);
  return m ? m[1] : text;
}
