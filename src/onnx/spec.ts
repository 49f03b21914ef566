// Parses a bioimage.io model description (rdf.yaml / bioimageio.yaml, format 0.5, and
// the older 0.4 that most of the model zoo still uses) into one normalised ModelSpec.
// Spec: https://github.com/bioimage-io/spec-bioimage-io (model_descr 0.5, model_spec_0_4).
// Only what inference needs is interpreted; other fields are kept as read.
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { InputError } from '../errors.ts';

export type AxisType = 'batch' | 'channel' | 'index' | 'time' | 'space';

export type AxisSize =
  | { kind: 'fixed'; value: number }
  /** Any size (a batch axis with no size, or an output whose size depends on the data). */
  | { kind: 'free' }
  /** min + n * step for n = 0, 1, 2, ... */
  | { kind: 'parametrized'; min: number; step: number }
  /** size = round(size of tensorId.axisId * factor + offset). */
  | { kind: 'reference'; tensorId: string; axisId: string; factor: number; offset: number };

export interface AxisSpec {
  id: string;
  type: AxisType;
  size: AxisSize;
  /** Output pixels at each border that are unreliable and are cropped when tiling. */
  halo: number;
  /** Physical size of a step along this axis, relative units (0.5 `scale`). */
  scale: number;
  channelNames?: string[];
}

export interface ProcessingOp {
  id: string;
  kwargs: Record<string, unknown>;
}

export interface TensorSpec {
  id: string;
  description: string;
  axes: AxisSpec[];
  dataType: string;
  preprocessing: ProcessingOp[];
  postprocessing: ProcessingOp[];
  /** Absolute path of the test tensor (.npy), if the model has one. */
  testTensor?: string;
  testTensorSha256?: string;
}

export interface ModelSpec {
  /** Folder that holds the rdf.yaml (absolute). */
  folder: string;
  rdfPath: string;
  /** Folder name: what `cellpilot models info NAME` and tools take. */
  key: string;
  name: string;
  description: string;
  formatVersion: string;
  tags: string[];
  license?: string;
  authors: string[];
  documentation?: string;
  inputs: TensorSpec[];
  outputs: TensorSpec[];
  weights: { path: string; sha256?: string; opsetVersion?: number };
  /** How close a re-run of the test input must come to the test output. */
  tolerance: { absolute: number; relative: number; mismatchedPerMillion: number };
  /** The model's free-form `config` section. */
  config: Record<string, unknown>;
}

/** File names a bioimage.io model folder may use for its description, in order of preference. */
export const RDF_NAMES = ['rdf.yaml', 'bioimageio.yaml', 'model.yaml'];

export const PROCESSING_OPS = [
  'zero_mean_unit_variance',
  'fixed_zero_mean_unit_variance',
  'scale_range',
  'scale_linear',
  'scale_mean_variance',
  'clip',
  'binarize',
  'sigmoid',
  'softmax',
  'ensure_dtype',
] as const;

// ---- raw schemas: lenient about what we do not use, strict about what we do ----

const fileRef = z.union([z.string(), z.looseObject({ source: z.string(), sha256: z.string().optional() })]);
const opRaw = z.looseObject({ id: z.string().optional(), name: z.string().optional(), kwargs: z.record(z.string(), z.unknown()).optional() });

const sizeRaw = z.union([
  z.number().int().nonnegative(),
  z.null(),
  z.looseObject({ min: z.number().int().positive(), step: z.number().int().nonnegative() }),
  z.looseObject({ tensor_id: z.string(), axis_id: z.string(), offset: z.number().int().optional() }),
  z.looseObject({ min: z.number().int().optional(), max: z.number().int().optional() }),
]);

const axisRaw = z.looseObject({
  type: z.enum(['batch', 'channel', 'index', 'time', 'space']),
  id: z.string().optional(),
  size: sizeRaw.optional(),
  channel_names: z.array(z.string()).optional(),
  halo: z.number().int().nonnegative().optional(),
  scale: z.number().positive().optional(),
});

const tensor05 = z.looseObject({
  id: z.string(),
  description: z.string().optional(),
  axes: z.array(axisRaw).min(1),
  test_tensor: fileRef.optional(),
  data: z.unknown().optional(),
  preprocessing: z.array(opRaw).optional(),
  postprocessing: z.array(opRaw).optional(),
});

const tensor04 = z.looseObject({
  name: z.string(),
  description: z.string().optional(),
  axes: z.string().regex(/^[bitczyx]+$/, 'axes must be letters from "bitczyx"'),
  data_type: z.string().optional(),
  shape: z.union([
    z.array(z.number().int()),
    z.looseObject({ min: z.array(z.number().int()), step: z.array(z.number().int()) }),
    z.looseObject({ reference_tensor: z.string(), scale: z.array(z.number()), offset: z.array(z.number()) }),
  ]),
  halo: z.array(z.number().int()).optional(),
  preprocessing: z.array(opRaw).optional(),
  postprocessing: z.array(opRaw).optional(),
});

const weightsRaw = z.looseObject({
  onnx: z.looseObject({ source: z.string(), sha256: z.string().optional(), opset_version: z.number().int().optional() }).optional(),
});

const modelRaw = z.looseObject({
  format_version: z.union([z.string(), z.number()]).transform(String),
  type: z.string().optional(),
  name: z.string().optional(),
  id: z.string().optional(),
  description: z.string().optional(),
  tags: z.array(z.string()).optional(),
  license: z.string().optional(),
  authors: z.array(z.looseObject({ name: z.string().optional() })).optional(),
  documentation: fileRef.optional(),
  inputs: z.array(z.unknown()).min(1),
  outputs: z.array(z.unknown()).min(1),
  weights: weightsRaw,
  test_inputs: z.array(z.string()).optional(),
  test_outputs: z.array(z.string()).optional(),
  config: z.record(z.string(), z.unknown()).optional(),
});

function zodProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue.path.length ? issue.path.join('.') : 'top level';
  return `${where}: ${issue.message}`;
}

/** Finds the description file in a model folder, or null when there is none. */
export function findRdf(folder: string): string | null {
  for (const name of RDF_NAMES) if (existsSync(join(folder, name))) return join(folder, name);
  return null;
}

/** Reads and validates a model folder's rdf.yaml. Throws a one-line InputError naming the file and the field. */
export function readModelSpec(folder: string): ModelSpec {
  const rdfPath = findRdf(folder);
  if (!rdfPath) throw new InputError(`${folder} is not a bioimage.io model folder: it has no ${RDF_NAMES.join(' or ')}`);
  let yamlValue: unknown;
  try {
    yamlValue = parseYaml(readFileSync(rdfPath, 'utf8'));
  } catch (err) {
    throw new InputError(`${rdfPath} is not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  const parsed = modelRaw.safeParse(yamlValue);
  if (!parsed.success) throw new InputError(`${rdfPath}: ${zodProblem(parsed.error)}`);
  const raw = parsed.data;
  if (raw.type !== undefined && raw.type !== 'model') throw new InputError(`${rdfPath} describes a "${raw.type}", not a model`);
  const major = raw.format_version.split('.').slice(0, 2).join('.');
  if (major !== '0.5' && major !== '0.4') {
    throw new InputError(`${rdfPath} has format_version ${raw.format_version}; cellpilot reads bioimage.io model formats 0.4 and 0.5`);
  }
  if (!raw.weights.onnx) {
    const kinds = Object.keys(raw.weights).join(', ') || 'none';
    throw new InputError(`${rdfPath} has no ONNX weights (it has: ${kinds}); convert the model to ONNX (e.g. bioimageio.core's weight converter) to run it here`);
  }
  const source = (ref: { source: string } | string) => (typeof ref === 'string' ? ref : ref.source);
  const ctx = { rdfPath, folder };
  const inputs = major === '0.5' ? raw.inputs.map((t, i) => tensorFrom05(t, `inputs.${i}`, ctx)) : raw.inputs.map((t, i) => tensorFrom04(t, `inputs.${i}`, ctx, raw.test_inputs?.[i]));
  const outputs = major === '0.5' ? raw.outputs.map((t, i) => tensorFrom05(t, `outputs.${i}`, ctx)) : raw.outputs.map((t, i) => tensorFrom04(t, `outputs.${i}`, ctx, raw.test_outputs?.[i]));
  resolveReferences([...inputs, ...outputs], rdfPath);
  const config = raw.config ?? {};
  return {
    folder,
    rdfPath,
    key: basename(folder),
    name: raw.name ?? raw.id ?? basename(folder),
    description: raw.description ?? '',
    formatVersion: raw.format_version,
    tags: raw.tags ?? [],
    license: raw.license,
    authors: (raw.authors ?? []).map((a) => a.name ?? '').filter(Boolean),
    documentation: raw.documentation ? join(folder, source(raw.documentation)) : undefined,
    inputs,
    outputs,
    weights: { path: join(folder, raw.weights.onnx.source), sha256: raw.weights.onnx.sha256, opsetVersion: raw.weights.onnx.opset_version },
    tolerance: toleranceOf(config),
    config,
  };
}

function toleranceOf(config: Record<string, unknown>): ModelSpec['tolerance'] {
  const fallback = { absolute: 1e-3, relative: 1e-3, mismatchedPerMillion: 0 };
  const bio = config.bioimageio as { reproducibility_tolerance?: Array<Record<string, number>> } | undefined;
  const first = bio?.reproducibility_tolerance?.[0];
  if (!first) return fallback;
  return {
    absolute: first.absolute_tolerance ?? fallback.absolute,
    relative: first.relative_tolerance ?? fallback.relative,
    mismatchedPerMillion: first.mismatched_elements_per_million ?? 0,
  };
}

interface ParseContext {
  rdfPath: string;
  folder: string;
}

const DEFAULT_AXIS_ID: Record<AxisType, string | undefined> = { batch: 'batch', channel: 'channel', index: 'index', time: 'time', space: undefined };

function tensorFrom05(value: unknown, where: string, ctx: ParseContext): TensorSpec {
  const parsed = tensor05.safeParse(value);
  if (!parsed.success) throw new InputError(`${ctx.rdfPath}: ${where}.${zodProblem(parsed.error)}`);
  const t = parsed.data;
  const axes = t.axes.map((a, i): AxisSpec => {
    const id = a.id ?? DEFAULT_AXIS_ID[a.type];
    if (!id) throw new InputError(`${ctx.rdfPath}: ${where}.axes.${i}: a space axis needs an id (x, y or z)`);
    let size: AxisSize;
    const s = a.size;
    if (a.type === 'channel') {
      const n = a.channel_names?.length ?? (typeof s === 'number' ? s : undefined);
      if (!n) throw new InputError(`${ctx.rdfPath}: ${where}.axes.${i}: a channel axis needs channel_names`);
      size = { kind: 'fixed', value: n };
    } else if (s === undefined || s === null) size = { kind: 'free' };
    else if (typeof s === 'number') size = { kind: 'fixed', value: s };
    else if ('tensor_id' in s && typeof s.tensor_id === 'string') size = { kind: 'reference', tensorId: s.tensor_id, axisId: String(s.axis_id), factor: NaN, offset: Number(s.offset ?? 0) };
    else if ('step' in s && typeof s.step === 'number' && typeof s.min === 'number') size = s.step === 0 ? { kind: 'fixed', value: s.min } : { kind: 'parametrized', min: s.min, step: s.step };
    else size = { kind: 'free' };
    return { id, type: a.type, size, halo: a.halo ?? 0, scale: a.scale ?? 1, channelNames: a.channel_names };
  });
  const data = t.data as { type?: string } | Array<{ type?: string }> | undefined;
  const dataType = (Array.isArray(data) ? data[0]?.type : data?.type) ?? 'float32';
  const test = t.test_tensor;
  return {
    id: t.id,
    description: t.description ?? '',
    axes,
    dataType,
    preprocessing: (t.preprocessing ?? []).map((op) => normaliseOp(op, ctx.rdfPath, where)),
    postprocessing: (t.postprocessing ?? []).map((op) => normaliseOp(op, ctx.rdfPath, where)),
    testTensor: test ? join(ctx.folder, typeof test === 'string' ? test : test.source) : undefined,
    testTensorSha256: test && typeof test !== 'string' ? test.sha256 : undefined,
  };
}

const LETTER_TO_AXIS: Record<string, { id: string; type: AxisType }> = {
  b: { id: 'batch', type: 'batch' },
  i: { id: 'index', type: 'index' },
  t: { id: 'time', type: 'time' },
  c: { id: 'channel', type: 'channel' },
  z: { id: 'z', type: 'space' },
  y: { id: 'y', type: 'space' },
  x: { id: 'x', type: 'space' },
};

function tensorFrom04(value: unknown, where: string, ctx: ParseContext, testFile: string | undefined): TensorSpec {
  const parsed = tensor04.safeParse(value);
  if (!parsed.success) throw new InputError(`${ctx.rdfPath}: ${where}.${zodProblem(parsed.error)}`);
  const t = parsed.data;
  const letters = [...t.axes];
  const shape = t.shape;
  const axes = letters.map((letter, i): AxisSpec => {
    const { id, type } = LETTER_TO_AXIS[letter];
    let size: AxisSize;
    if (Array.isArray(shape)) size = { kind: 'fixed', value: shape[i] };
    else if (typeof shape.reference_tensor === 'string') {
      const ref = shape as { reference_tensor: string; scale: number[]; offset: number[] };
      size = { kind: 'reference', tensorId: ref.reference_tensor, axisId: id, factor: ref.scale[i], offset: 2 * ref.offset[i] };
    } else {
      const param = shape as { min: number[]; step: number[] };
      size = param.step[i] === 0 ? { kind: 'fixed', value: param.min[i] } : { kind: 'parametrized', min: param.min[i], step: param.step[i] };
    }
    // A batch axis with min 1 and step > 0 takes any batch size; a fixed one is kept (the graph may be fixed too).
    if (type === 'batch' && size.kind === 'parametrized') size = { kind: 'free' };
    return { id, type, size, halo: t.halo?.[i] ?? 0, scale: 1 };
  });
  const axisLetters = (s: unknown) => (typeof s === 'string' ? [...s].map((l) => LETTER_TO_AXIS[l]?.id ?? l) : s);
  const convert = (op: z.infer<typeof opRaw>) => {
    const kwargs = { ...(op.kwargs ?? {}) };
    if ('axes' in kwargs) kwargs.axes = axisLetters(kwargs.axes);
    const mode = kwargs.mode;
    delete kwargs.mode;
    let id = op.name ?? op.id ?? '';
    if (id === 'zero_mean_unit_variance' && mode === 'fixed') id = 'fixed_zero_mean_unit_variance';
    if (mode === 'per_dataset' && Array.isArray(kwargs.axes)) kwargs.axes = ['batch', ...(kwargs.axes as string[])];
    if (id === 'scale_linear' && Array.isArray(kwargs.gain) && Array.isArray(kwargs.axes)) kwargs.axis = (kwargs.axes as string[])[0];
    return normaliseOp({ id, kwargs }, ctx.rdfPath, where);
  };
  return {
    id: t.name,
    description: t.description ?? '',
    axes,
    dataType: t.data_type ?? 'float32',
    preprocessing: (t.preprocessing ?? []).map(convert),
    postprocessing: (t.postprocessing ?? []).map(convert),
    testTensor: testFile ? join(ctx.folder, testFile) : undefined,
  };
}

function normaliseOp(op: z.infer<typeof opRaw>, rdfPath: string, where: string): ProcessingOp {
  const id = op.id ?? op.name ?? '';
  if (!(PROCESSING_OPS as readonly string[]).includes(id)) {
    throw new InputError(`${rdfPath}: ${where} uses the processing step "${id}", which cellpilot does not support (supported: ${PROCESSING_OPS.join(', ')})`);
  }
  return { id, kwargs: op.kwargs ?? {} };
}

/** Fills in the size factor of 0.5 references (ratio of the two axes' scales) and checks that every reference exists. */
function resolveReferences(tensors: TensorSpec[], rdfPath: string): void {
  for (const tensor of tensors) {
    for (const axis of tensor.axes) {
      if (axis.size.kind !== 'reference') continue;
      const { tensorId, axisId } = axis.size;
      const ref = tensors.find((t) => t.id === tensorId)?.axes.find((a) => a.id === axisId);
      if (!ref) throw new InputError(`${rdfPath}: ${tensor.id}.${axis.id} refers to ${tensorId}.${axisId}, which does not exist`);
      if (Number.isNaN(axis.size.factor)) axis.size.factor = ref.scale / axis.scale;
    }
  }
}

/** Folder of a model given the path of its rdf.yaml or of the folder itself. */
export function modelFolderOf(path: string): string {
  return RDF_NAMES.some((n) => path.endsWith(n)) ? dirname(path) : path;
}
