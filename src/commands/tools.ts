// `cellpilot tools [--json]`: the tool catalogue with each tool's JSON schema.
import { parseCommandLine } from './commandLine.ts';
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

/**
 * One tool's own help (`cellpilot tool NAME --help`, `cellpilot tools NAME`): what it does,
 * every argument with its type, default and description (units are in the names and
 * descriptions), its result values with their units, and example requests. An unknown name
 * is an InputError naming the nearest tools.
 */
export function toolHelp(name: string, tools: ToolSpec[] = ALL_TOOLS): string {
  const tool = tools.find((t) => t.name === name);
  if (!tool) {
    const near = tools.map((t) => t.name).filter((n) => n.includes(name) || name.includes(n) || editDistance(n, name) <= 2);
    throw new InputError(`there is no tool "${name}"${near.length ? ` (did you mean ${near.join(', ')}?)` : ''}; the list: cellpilot tools`);
  }
  const schema = toolJsonSchema(tool);
  const props = (schema.properties ?? {}) as Record<string, JsonProp>;
  const required = new Set((schema.required ?? []) as string[]);
  const lines = [`${tool.name}: ${tool.description}`, '', `usage: cellpilot tool ${tool.name} --args '${JSON.stringify(exampleArgs(props, required))}' [--json] [--session ID]`, '', 'arguments:'];
  if (!Object.keys(props).length) lines.push('  (none)');
  for (const [key, p] of Object.entries(props)) {
    const facts = [typeOf(p), required.has(key) ? 'required' : p.default !== undefined ? `default ${JSON.stringify(p.default)}` : 'optional'];
    lines.push(`  ${key}  (${facts.join(', ')})`);
    if (p.description) lines.push(`      ${p.description}`);
  }
  const results = Object.entries(tool.results ?? {});
  if (results.length) {
    lines.push('', 'results:');
    for (const [key, r] of results) lines.push(`  ${key}${r.unit ? ` (${r.unit})` : ''}: ${r.about}`);
  }
  if (tool.examples?.length) lines.push('', 'in a request, e.g.:', ...tool.examples.slice(0, 3).map((e) => `  "${e}"`));
  return lines.join('\n') + '\n';
}

interface JsonProp {
  type?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonProp[];
  oneOf?: JsonProp[];
  minItems?: number;
  properties?: Record<string, JsonProp>;
  required?: string[];
  items?: JsonProp;
  default?: unknown;
  description?: string;
}

function typeOf(p: JsonProp): string {
  if (p.enum) return `one of ${p.enum.map((v) => JSON.stringify(v)).join(' | ')}`;
  if (p.anyOf) return p.anyOf.map(typeOf).join(' or ');
  if (p.type === 'array') return `list of ${p.items ? typeOf(p.items) : 'values'}`;
  return p.type ?? 'value';
}

/** The required arguments with a placeholder each, for the usage line. */
function exampleArgs(props: Record<string, JsonProp>, required: Set<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of required) out[key] = exampleValue(props[key]);
  return out;
}

/** A value of the argument's form (a list of [x, y] points is two points, not 0); numbers differ so a line has a length. */
function exampleValue(p: JsonProp | undefined, seed = 0): unknown {
  if (p?.const !== undefined) return p.const;
  if (p?.enum) return p.enum[0];
  const first = p?.anyOf?.[0] ?? p?.oneOf?.[0];
  if (first) return exampleValue(first, seed);
  if (p?.type === 'string') return '...';
  if (p?.type === 'boolean') return true;
  if (p?.type === 'array') return Array.from({ length: Math.max(1, p.minItems ?? 2) }, (_, i) => exampleValue(p.items, 2 * seed + i));
  if (p?.type === 'object') {
    const required = new Set(p.required ?? []);
    return Object.fromEntries(Object.entries(p.properties ?? {}).filter(([k]) => required.has(k)).map(([k, v]) => [k, exampleValue(v)]));
  }
  return 10 * (seed + 1);
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine({ args: argv, options: { json: { type: 'boolean' } }, allowPositionals: true }, 'usage: cellpilot tools [NAME] [--json]');
  if (positionals.length > 1) throw new InputError(`name at most one tool (got ${positionals.join(', ')}); usage: cellpilot tools [NAME] [--json]`);
  if (positionals.length === 1) {
    if (values.json) {
      const one = listTools().find((t) => t.name === positionals[0]);
      if (!one) toolHelp(positionals[0]!); // throws, naming the nearest tools
      process.stdout.write(JSON.stringify(one, null, 2) + '\n');
    } else process.stdout.write(toolHelp(positionals[0]!));
    return 0;
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
