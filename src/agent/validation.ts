// Turns a zod validation failure into one line a person (or a model) can act on:
// which field, what it got, what would be accepted. The same text goes to the
// `cellpilot tool` user (exit 2) and back to the LLM as a tool message.
import { z } from 'zod';
import type { ToolSpec } from '../../tools/types.ts';

export type Validated = { ok: true; args: Record<string, unknown> } | { ok: false; error: string };

/** Validates raw arguments against a tool's schema, rejecting unknown argument names too. */
export function validateArgs(tool: ToolSpec, raw: unknown): Validated {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, error: `${tool.name}: arguments must be a JSON object such as {"movie": "movie-1"}, got ${describeValue(raw)}` };
  }
  const known = Object.keys(tool.schema.shape);
  const unknown = Object.keys(raw).filter((k) => !known.includes(k));
  if (unknown.length > 0) {
    const suggestions = unknown.map((k) => {
      const near = closest(k, known);
      return near ? `"${k}" (did you mean "${near}"?)` : `"${k}"`;
    });
    return { ok: false, error: `${tool.name}: unknown argument ${suggestions.join(', ')}; it takes ${known.join(', ') || 'no arguments'}` };
  }
  const parsed = tool.schema.safeParse(raw);
  if (parsed.success) return { ok: true, args: parsed.data as Record<string, unknown> };
  return { ok: false, error: `${tool.name}: ${formatIssues(parsed.error.issues, raw as Record<string, unknown>, tool.schema)}` };
}

/** The issues of a zod error, joined into one line. */
export function formatIssues(issues: readonly z.core.$ZodIssue[], input: Record<string, unknown>, schema?: z.ZodType): string {
  return issues.slice(0, 3).map((issue) => formatIssue(issue, input, schema)).join('; ');
}

function formatIssue(issue: z.core.$ZodIssue, input: Record<string, unknown>, schema?: z.ZodType): string {
  const path = issue.path.map(String).join('.');
  const field = path ? `argument "${path}"` : 'the arguments';
  const got = valueAt(input, issue.path);
  switch (issue.code) {
    case 'invalid_type':
      if (got === undefined) return `${field} is required (${issue.expected})`;
      if (issue.expected === 'object' && schema) {
        const example = objectExample(schemaAt(schema, issue.path), got);
        if (example) return `${field} must be ${example}, got ${describeValue(got)}`;
      }
      return `${field} must be ${article(issue.expected)}, got ${describeValue(got)}`;
    case 'invalid_value':
      return `${field} must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${describeValue(got)}`;
    case 'too_small':
      return `${field} must be ${issue.inclusive === false ? 'more than' : 'at least'} ${String(issue.minimum)}${issue.origin === 'string' ? ' characters long' : ''}, got ${describeValue(got)}`;
    case 'too_big':
      return `${field} must be ${issue.inclusive === false ? 'less than' : 'at most'} ${String(issue.maximum)}, got ${describeValue(got)}`;
    case 'invalid_union': {
      const options = unionExpectations(issue);
      return options ? `${field} must be ${options}, got ${describeValue(got)}` : `${field}: ${issue.message}, got ${describeValue(got)}`;
    }
    case 'unrecognized_keys':
      return `${field}: unknown key(s) ${issue.keys.join(', ')}`;
    default:
      return `${field}: ${issue.message}${got === undefined ? '' : `, got ${describeValue(got)}`}`;
  }
}

type Def = { type: string; innerType?: z.ZodType; shape?: Record<string, z.ZodType>; entries?: Record<string, unknown>; checks?: { _zod: { def: { check: string; value?: number; inclusive?: boolean } } }[] };
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The schema without optional/default/nullable wrappers. */
function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (let def = defOf(s); ['optional', 'default', 'nullable', 'prefault', 'readonly'].includes(def.type) && def.innerType; def = defOf(s)) s = def.innerType;
  return s;
}

/** The field schema at a path of object keys, or undefined. */
function schemaAt(schema: z.ZodType, path: readonly PropertyKey[]): z.ZodType | undefined {
  let s: z.ZodType | undefined = unwrap(schema);
  for (const key of path) {
    const def = defOf(s);
    if (def.type !== 'object' || !def.shape || typeof key !== 'string' || !(key in def.shape)) return undefined;
    s = unwrap(def.shape[key]);
  }
  return s;
}

/**
 * An example of an object-typed argument, built from its schema: {"first": 30, "last": 40}
 * (1-based and inclusive...). A list given where the object was wanted fills the fields in order,
 * so the example shows the user's own numbers in the right form.
 */
function objectExample(schema: z.ZodType | undefined, got: unknown): string | undefined {
  if (!schema || defOf(schema).type !== 'object') return undefined;
  const shape = defOf(schema).shape ?? {};
  const keys = Object.keys(shape);
  if (keys.length === 0) return undefined;
  // a list in order, or the numbers of a text ("6-8", "6 to 8"): the user's own values, in the right form
  const numbers = typeof got === 'string' ? [...got.matchAll(/-?\d+(?:\.\d+)?/g)].map((m) => Math.abs(Number(m[0]))) : undefined;
  const given = Array.isArray(got) && got.length === keys.length ? got : numbers?.length === keys.length ? numbers : undefined;
  const fields = keys.map((key, i) => {
    const field = unwrap(shape[key]);
    const own = given?.[i];
    const value = own !== undefined && fieldAccepts(field, own) ? own : exampleValue(field);
    return `${JSON.stringify(key)}: ${JSON.stringify(value)}`;
  });
  const description = (schema as { description?: string }).description;
  return `{${fields.join(', ')}}${description ? ` (${description.charAt(0).toLowerCase()}${description.slice(1)})` : ''}`;
}

function fieldAccepts(field: z.ZodType, value: unknown): boolean {
  return field.safeParse(value).success;
}

/** A value the field accepts: its minimum for numbers, its first option for enums. */
function exampleValue(field: z.ZodType): unknown {
  const def = defOf(field);
  if (def.type === 'number' || def.type === 'int') {
    const min = def.checks?.map((c) => c._zod.def).find((c) => c.check === 'greater_than');
    return min?.value !== undefined ? (min.inclusive === false ? min.value + 1 : min.value) : 1;
  }
  if (def.type === 'boolean') return true;
  if (def.type === 'enum' && def.entries) return Object.values(def.entries)[0];
  if (def.type === 'array') return [];
  return '...';
}

function unionExpectations(issue: z.core.$ZodIssueInvalidUnion): string | undefined {
  const parts = new Set<string>();
  for (const branch of issue.errors) {
    for (const sub of branch) {
      if (sub.path.length > 0) continue;
      if (sub.code === 'invalid_type') parts.add(article(sub.expected));
      else if (sub.code === 'invalid_value') parts.add(`one of ${sub.values.map((v) => JSON.stringify(v)).join(', ')}`);
      else if (sub.code === 'too_small') parts.add(`at least ${String(sub.minimum)}`);
    }
  }
  return parts.size ? [...parts].join(' or ') : undefined;
}

function article(expected: string): string {
  if (expected === 'int') return 'an integer';
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 60 ? text.slice(0, 57) + '...' : text;
}

/** The closest name by edit distance, if reasonably close. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const saved = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = saved;
    }
  }
  return row[b.length];
}
