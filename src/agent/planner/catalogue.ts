import { ALL_TOOLS, findTool } from '../allTools.ts';
import type { ArtifactType, ToolSelfDescription, ToolSpec } from '../../../tools/types.ts';
import { toolJsonSchema } from '../../../tools/jsonSchema.ts';

// What the planner knows about each tool: which artifact types it takes and produces,
// and how its canonical arguments map onto the tool's real schema (the JSON schema the
// model was bound with), so that planned calls validate whatever names a tool uses.

export interface PropertyInfo {
  type?: string | string[];
  enum?: unknown[];
  anyOf?: PropertyInfo[];
  properties?: Record<string, PropertyInfo>;
  items?: PropertyInfo;
  description?: string;
  default?: unknown;
  /** A string's pattern (a regular expression), as the schema gives it. */
  pattern?: string;
}

/** The values an argument allows, as text: its enum, or the enums of its alternatives ("max", "mean" of project's method). */
export function allowedValues(p: PropertyInfo): string[] {
  // (most arguments have no alternatives: their enum alone, without building the lists below; ~1% of a plan-only suite)
  if (!p.anyOf) return p.enum ? p.enum.map(String) : [];
  return [...(p.enum ?? []), ...(p.anyOf ?? []).flatMap((a) => a.enum ?? [])].map(String);
}

export interface ToolInfo {
  name: string;
  description: string;
  /** The tool's self-description (words, examples, inputs, outputs, units), when it is one of ours. */
  self?: Partial<ToolSelfDescription>;
  properties: Record<string, PropertyInfo>;
  required: string[];
}

export type Catalogue = Map<string, ToolInfo>;

export const INPUT_TYPES = ['movie', 'labels', 'tracks', 'table'] as const;
export type InputType = (typeof INPUT_TYPES)[number];

/** Artifact types a tool produces (first = main output), from its own declaration. */
/** The tool that runs an earlier step again with changed arguments (rerun_step): its schema takes the tool to act on and the changes. */
export function rerunnerOf(catalogue: Catalogue): string | undefined {
  return [...catalogue.keys()].find((t) => {
    const props = catalogue.get(t)?.properties ?? {};
    return 'tool' in props && 'changes' in props;
  });
}

export function producesOf(tool: string, catalogue: Catalogue): string[] {
  return selfOf(tool, catalogue)?.produces ?? [];
}

/** A tool's self-description: from the bound tool's catalogue entry, else from the tool catalogue by name. */
export function selfOf(tool: string, catalogue?: Catalogue): Partial<ToolSelfDescription> | undefined {
  return catalogue?.get(tool)?.self ?? findTool(tool);
}

/** A tool whose results are copies of its inputs written for the user (an export), by its declaration: never a later step's input. */
export function writesCopies(tool: string | undefined, catalogue?: Catalogue): boolean {
  return tool !== undefined && selfOf(tool, catalogue)?.writesCopies === true;
}

/** Artifacts that are ground truth or by-products, not results to chain on (unless named by id). */
export function isTruth(a: { type: string; producedBy?: string }, catalogue?: Catalogue): boolean {
  return !!a.producedBy && !!selfOf(a.producedBy, catalogue)?.truth?.includes(a.type as ArtifactType);
}

/** The main input a tool declares it consumes (first of `consumes`). */
function mainInputs(tool: string, info: ToolInfo | undefined): InputType[] {
  const consumes = (info?.self ?? findTool(tool))?.consumes ?? [];
  return consumes.filter((t): t is InputType => (INPUT_TYPES as readonly string[]).includes(t)).slice(0, 1);
}

/**
 * Inputs a step needs: those its schema requires, or, when its inputs are all optional
 * (measure, detect_divisions, export), the ones the planner prefers (`preferred`, else the
 * default for the tool) among those it accepts.
 */
export function requiredInputs(tool: string, info: ToolInfo | undefined, preferred?: InputType[]): InputType[] {
  if (!info) return preferred ?? mainInputs(tool, info);
  const required = INPUT_TYPES.filter((t) => t in info.properties && info.required.includes(t));
  if (required.length) return required;
  return (preferred ?? mainInputs(tool, info)).filter((t) => t in info.properties);
}

/** Inputs the tool accepts (required or optional). */
export function acceptedInputs(tool: string, info: ToolInfo | undefined): InputType[] {
  if (!info) return mainInputs(tool, info);
  return INPUT_TYPES.filter((t) => t in info.properties);
}

/** The tool that declares itself the usual maker of an artifact type, for a step that needs one that does not exist yet. */
export function makerOf(type: InputType, catalogue: Catalogue): string | undefined {
  for (const [name, info] of catalogue) if (info.self?.makes?.includes(type)) return name;
  return ALL_TOOLS.find((t) => t.makes?.includes(type))?.name;
}

/** An argument's name as words, without its unit ("maxLinkingDistancePx" → max, linking, distance). */
function wordsOfName(name: string): string[] {
  return name.replace(/(Px|Um|Ms|S|Percent)$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().split(/[\s_]+/).map((w) => w.replace(/(?:ies|s)$/, ''));
}

function unitOfName(name: string): string {
  return /(Px|Um|Ms|Percent)$/.exec(name)?.[1] ?? (/[a-z]S$/.test(name) ? 'S' : '');
}

/**
 * The schema's name for an argument the planner read: the same name, else the one whose
 * name words include all of its words with the same unit, the closest first
 * ("maxDistancePx" → "maxLinkingDistancePx" in a schema that spells it so).
 */
function schemaNameFor(key: string, props: Record<string, PropertyInfo>): string[] {
  if (key in props) return [key];
  const words = wordsOfName(key);
  const unit = unitOfName(key);
  return Object.keys(props)
    .filter((n) => unitOfName(n) === unit && words.every((w) => wordsOfName(n).includes(w)))
    .sort((a, b) => wordsOfName(a).length - wordsOfName(b).length);
}

function typesOf(p: PropertyInfo): string[] {
  const own = p.type === undefined ? [] : Array.isArray(p.type) ? p.type : [p.type];
  return [...own, ...(p.anyOf ?? []).flatMap(typesOf)];
}

function enumOf(p: PropertyInfo): unknown[] | undefined {
  if (p.enum) return p.enum;
  const values = (p.anyOf ?? []).flatMap((a) => enumOf(a) ?? []);
  return values.length ? values : undefined;
}

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The allowed value closest to `value` (exact after normalising, then prefix/containment), or undefined. */
export function matchEnum(value: unknown, allowed: unknown[]): unknown {
  if (allowed.includes(value)) return value;
  if (typeof value !== 'string') return undefined;
  const v = norm(value);
  const strings = allowed.filter((a): a is string => typeof a === 'string');
  return strings.find((a) => norm(a) === v) ?? strings.find((a) => norm(a).startsWith(v) || v.startsWith(norm(a))) ?? strings.find((a) => norm(a).includes(v) || v.includes(norm(a)));
}

/** Does `value` fit the property's JSON type? Coerces enums; returns undefined when it cannot fit. */
function fit(value: unknown, p: PropertyInfo): unknown {
  const allowed = enumOf(p);
  if (allowed) return matchEnum(value, allowed);
  const types = typesOf(p);
  if (types.length === 0) return value;
  if (typeof value === 'number') {
    if (types.includes('integer')) return Number.isInteger(value) ? value : types.includes('number') ? value : Math.round(value);
    if (types.includes('number')) return value;
    if (types.includes('string')) return String(value);
    return undefined;
  }
  if (typeof value === 'string') return types.includes('string') ? value : types.includes('number') && Number.isFinite(Number(value)) ? Number(value) : undefined;
  if (typeof value === 'boolean') return types.includes('boolean') ? value : undefined;
  if (Array.isArray(value)) {
    if (types.includes('array')) return value;
    return undefined;
  }
  if (value && typeof value === 'object') return types.includes('object') ? value : undefined;
  return undefined;
}

/**
 * Maps the planner's arguments onto a tool's schema: finds each one's name there
 * (schemaNameFor), fits enums and types, and drops what the tool does not take.
 * Without schema information the canonical arguments are returned unchanged.
 */
export function adaptArgs(args: Record<string, unknown>, info: ToolInfo | undefined): Record<string, unknown> {
  if (!info) return args;
  const out: Record<string, unknown> = {};
  const props = info.properties;
  const take = (canonical: string, value: unknown): boolean => {
    if (value === undefined) return true;
    for (const name of schemaNameFor(canonical, props)) {
      if (name in out) continue;
      const fitted = fit(value, props[name]);
      if (fitted !== undefined) {
        out[name] = fitted;
        return true;
      }
    }
    return false;
  };
  for (const [key, value] of Object.entries(args)) take(key, value);
  return out;
}

/** Reads the tool list the model was bound with (OpenAI tool format or LangChain tools). */
export function catalogueFromBoundTools(tools: unknown[] | undefined): Catalogue {
  const catalogue: Catalogue = new Map();
  for (const t of tools ?? []) {
    const tool = t as { type?: string; function?: { name: string; description?: string; parameters?: Record<string, unknown> }; name?: string; description?: string; schema?: Record<string, unknown> };
    const fn = tool.function ?? { name: tool.name ?? '', description: tool.description, parameters: tool.schema };
    if (!fn.name) continue;
    const params = (fn.parameters ?? {}) as { properties?: Record<string, PropertyInfo>; required?: string[] };
    catalogue.set(fn.name, { name: fn.name, description: fn.description ?? '', self: findTool(fn.name), properties: params.properties ?? {}, required: params.required ?? [] });
  }
  return catalogue;
}

/** A catalogue of tool declarations, their self-descriptions included (a tool of a test or a plug-in needs no other entry). */
export function catalogueFromTools(tools: ToolSpec[]): Catalogue {
  const catalogue = catalogueFromBoundTools(tools.map((t) => ({ name: t.name, description: t.description, schema: toolJsonSchema(t) })));
  for (const t of tools) {
    const info = catalogue.get(t.name);
    if (info) info.self = t;
  }
  return catalogue;
}
