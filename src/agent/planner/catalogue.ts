import { ALL_TOOLS, findTool } from '../allTools.ts';
import type { ToolSelfDescription, ToolSpec } from '../../../tools/types.ts';
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
export function producesOf(tool: string, catalogue: Catalogue): string[] {
  return selfOf(tool, catalogue)?.produces ?? [];
}

/** A tool's self-description: from the bound tool's catalogue entry, else from the tool catalogue by name. */
export function selfOf(tool: string, catalogue?: Catalogue): Partial<ToolSelfDescription> | undefined {
  return catalogue?.get(tool)?.self ?? findTool(tool);
}

/** Artifacts that are ground truth or by-products, not results to chain on (unless named by id). */
export function isTruth(a: { type: string; producedBy?: string }): boolean {
  return a.producedBy === 'simulate_movie' && a.type !== 'movie';
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

/** Canonical argument → names a tool might use for it, in order of preference. */
const ALIASES: Record<string, string[]> = {
  channel: ['channel', 'channelName'],
  channels: ['channels'],
  frames: ['frames', 'frameRange', 'range', 'timeRange'],
  method: ['method', 'algorithm', 'mode', 'kind', 'type', 'model'],
  model: ['model', 'modelName', 'method'],
  radiusPx: ['radiusPx', 'radius', 'spotRadiusPx', 'objectRadiusPx', 'minSeedDistancePx'],
  diameterPx: ['diameterPx', 'diameter', 'objectDiameterPx', 'expectedDiameterPx'],
  diameterUm: ['diameterUm', 'objectDiameterUm'],
  radiusUm: ['radiusUm'],
  minAreaPx: ['minAreaPx', 'minSizePx', 'minArea', 'minObjectAreaPx'],
  maxDistancePx: ['maxLinkingDistancePx', 'linkingMaxDistancePx', 'maxDistancePx', 'maxDisplacementPx', 'searchRadiusPx', 'maxLinkDistancePx', 'linkingDistancePx', 'maxDistance'],
  maxDistanceUm: ['maxLinkingDistanceUm', 'linkingMaxDistanceUm', 'maxDistanceUm'],
  maxGapFrames: ['maxFrameGap', 'gapClosingMaxFrameGap', 'maxGapFrames', 'maxGap', 'gapFrames'],
  allowDivisions: ['allowSplitting', 'allowTrackSplitting', 'splitting', 'divisions', 'allowDivisions', 'detectDivisions'],
  reference: ['reference', 'referenceFrame', 'referenceMode', 'mode'],
  referenceChannel: ['referenceChannel', 'reference'],
  sigmaPx: ['sigmaPx', 'sigma', 'radiusPx'],
  axis: ['axis', 'along', 'dimension', 'over'],
  line: ['line', 'path', 'lineCoords'],
  lineWidthPx: ['widthPx', 'lineWidthPx', 'lineWidth', 'width'],
  points: ['points', 'line', 'path'],
  format: ['format', 'kind', 'to'],
  output: ['output', 'outputDir', 'out', 'path'],
  kind: ['kind', 'type', 'chart', 'plotType', 'mark'],
  feature: ['feature', 'y', 'column', 'value', 'variable', 'measure', 'metric'],
  xFeature: ['x', 'xFeature'],
  truth: ['groundTruth', 'truth', 'truthDir', 'reference', 'gt'],
  result: ['result', 'tracks', 'labels'],
  factor: ['factor', 'scale', 'upsampleFactor', 'scaleFactor', 'timeFactor'],
  epochs: ['epochs', 'numEpochs', 'trainEpochs'],
  clusters: ['clusters', 'nClusters', 'k'],
  cells: ['cells', 'nuclei', 'cellCount', 'nCells', 'objects', 'count'],
  framesCount: ['frames', 'nFrames', 'frameCount', 't', 'timepoints'],
  sizePx: ['sizePx', 'size', 'widthPx', 'width'],
  divisionsOn: ['divisions', 'dividing', 'divide', 'allowDivisions'],
  drift: ['driftPx', 'drift', 'maxDriftPx', 'driftPxPerFrame'],
  divisionRate: ['divisionRate'],
  width: ['width', 'widthPx'],
  height: ['height', 'heightPx'],
  seed: ['seed'],
  path: ['movie', 'path', 'file', 'input'],
  name: ['name', 'pipelineName'],
  pipeline: ['pipeline', 'name', 'path'],
  question: ['question', 'query', 'text'],
  topic: ['topic'],
  text: ['request', 'command', 'text', 'instruction', 'rule', 'description', 'what'],
  request: ['request', 'text'],
  command: ['command', 'text'],
  rule: ['rule', 'text'],
  intervalS: ['intervalS', 'interval', 'intervalSeconds', 'frameIntervalS'],
  durationS: ['durationS', 'duration', 'totalS', 'forS'],
  loops: ['loops', 'timepoints', 'nFrames'],
  exposureMs: ['exposureMs', 'exposure'],
  powerPercent: ['powerPercent', 'power', 'laserPowerPercent'],
  xUm: ['xUm', 'x'],
  yUm: ['yUm', 'y'],
  zUm: ['zUm', 'z'],
  relative: ['relative', 'relativeMove', 'by'],
  cell: ['cell', 'cellId', 'label'],
  zRangeUm: ['zRangeUm', 'rangeUm', 'zRange'],
  zStepUm: ['zStepUm', 'stepUm', 'zStep'],
  ruleId: ['id', 'ruleId', 'rule'],
  normalize: ['normalize', 'normalise', 'normalization'],
  confirm: ['confirm'],
  allowGapClosing: ['allowGapClosing', 'gapClosing'],
  finishTimepoint: ['finishTimepoint'],
  thresholdValue: ['threshold', 'thresholdValue'],
  objective: ['objective'],
  position: ['position', 'positionName'],
};

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
 * Maps canonical planner arguments onto a tool's schema: renames through ALIASES,
 * converts radius ↔ diameter, fits enums, and drops what the tool does not take.
 * Without schema information the canonical arguments are returned unchanged.
 */
export function adaptArgs(args: Record<string, unknown>, info: ToolInfo | undefined): Record<string, unknown> {
  if (!info) return args;
  const out: Record<string, unknown> = {};
  const props = info.properties;
  const take = (canonical: string, value: unknown): boolean => {
    if (value === undefined) return true;
    for (const name of [canonical, ...(ALIASES[canonical] ?? [])]) {
      if (!(name in props) || name in out) continue;
      const fitted = fit(value, props[name]);
      if (fitted !== undefined) {
        out[name] = fitted;
        return true;
      }
    }
    return false;
  };
  for (const [key, value] of Object.entries(args)) {
    if (take(key, value)) continue;
    if (typeof value !== 'number') continue;
    // a radius the tool wants as a diameter, or the other way round
    if (key === 'radiusPx') take('diameterPx', value * 2);
    else if (key === 'diameterPx') take('radiusPx', value / 2);
    else if (key === 'radiusUm') take('diameterUm', value * 2);
    else if (key === 'diameterUm') take('radiusUm', value / 2);
  }
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
