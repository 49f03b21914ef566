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
  properties: Record<string, PropertyInfo>;
  required: string[];
}

export type Catalogue = Map<string, ToolInfo>;

export const INPUT_TYPES = ['movie', 'labels', 'tracks', 'table'] as const;
export type InputType = (typeof INPUT_TYPES)[number];

/** Artifact types each tool produces (first = main output). */
export const PRODUCES: Record<string, string[]> = {
  // simulate_movie also writes the true masks and drift: ground truth, never chained as results
  simulate_movie: ['movie'],
  load_movie: ['movie'],
  correct_drift: ['movie', 'table'],
  align_channels: ['movie', 'table'],
  correct_bleach: ['movie'],
  denoise: ['movie'],
  super_resolve: ['movie'],
  interpolate_frames: ['movie'],
  predict_label: ['movie'],
  project: ['movie'],
  kymograph: ['movie'],
  segment: ['labels'],
  track: ['tracks'],
  measure: ['table'],
  detect_divisions: ['table'],
  analyze_timeseries: ['table'],
  embed: ['table'],
  evaluate: ['table'],
  export: [],
  plot: ['plot'],
  save_pipeline: ['pipeline'],
  run_pipeline: ['movie', 'labels', 'tracks', 'table'],
  train_n2v: ['model'],
  snap: ['movie'],
  start_acquisition: ['movie'],
  add_rule: ['rule'],
  dose_report: ['table'],
};

/** Artifacts that are ground truth or by-products, not results to chain on (unless named by id). */
export function isTruth(a: { type: string; producedBy?: string }): boolean {
  return a.producedBy === 'simulate_movie' && a.type !== 'movie';
}

/** Main inputs when the tool's schema is not known. */
const DEFAULT_INPUTS: Record<string, InputType[]> = {
  movie_info: ['movie'], correct_drift: ['movie'], align_channels: ['movie'], correct_bleach: ['movie'], denoise: ['movie'],
  super_resolve: ['movie'], interpolate_frames: ['movie'], predict_label: ['movie'], project: ['movie'], kymograph: ['movie'],
  segment: ['movie'], train_n2v: ['movie'], track: ['labels'], measure: ['labels'], detect_divisions: ['tracks'],
  analyze_timeseries: ['table'], embed: ['table'], evaluate: ['tracks'], export: ['tracks'], plot: ['table'], run_pipeline: ['movie'],
};

/**
 * Inputs a step needs: those its schema requires, or, when its inputs are all optional
 * (measure, detect_divisions, export), the ones the planner prefers (`preferred`, else the
 * default for the tool) among those it accepts.
 */
export function requiredInputs(tool: string, info: ToolInfo | undefined, preferred?: InputType[]): InputType[] {
  if (!info) return preferred ?? DEFAULT_INPUTS[tool] ?? [];
  const required = INPUT_TYPES.filter((t) => t in info.properties && info.required.includes(t));
  if (required.length) return required;
  return (preferred ?? DEFAULT_INPUTS[tool] ?? []).filter((t) => t in info.properties);
}

/** Inputs the tool accepts (required or optional). */
export function acceptedInputs(tool: string, info: ToolInfo | undefined): InputType[] {
  if (!info) return DEFAULT_INPUTS[tool] ?? [];
  return INPUT_TYPES.filter((t) => t in info.properties);
}

/** Which tool makes an artifact type when a step needs one that does not exist yet. */
export const MAKER: Partial<Record<InputType, string>> = { labels: 'segment', tracks: 'track', table: 'measure' };

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
    catalogue.set(fn.name, { name: fn.name, description: fn.description ?? '', properties: params.properties ?? {}, required: params.required ?? [] });
  }
  return catalogue;
}
