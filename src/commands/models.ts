// `cellpilot models [list|info NAME|verify [NAME]] [--json]`: the ONNX models in models/
// (and CELLPILOT_MODELS), their tensors and processing, and a re-run of each model's
// test input against its test output.
import { InputError, oneLine } from '../errors.ts';
import type { ModelSpec, TensorSpec } from '../onnx/spec.ts';
import { parseCommandLine } from './commandLine.ts';

const USAGE = 'usage: cellpilot models [list|info NAME|verify [NAME]] [--json]';

export const help = `options:
  list              the models in models/ and the ones you trained
  info NAME         one model's description, inputs and outputs
  verify [NAME]     check the weights against the sha256 their rdf.yaml declares
  --json            print one JSON document on stdout
`;

function axisText(t: TensorSpec): string {
  return t.axes
    .map((a) => {
      const s = a.size;
      const size = s.kind === 'fixed' ? String(s.value) : s.kind === 'parametrized' ? `${s.min}+${s.step}n` : s.kind === 'reference' ? `=${s.tensorId}.${s.axisId}${s.factor !== 1 ? `x${s.factor}` : ''}` : '*';
      return `${a.id}:${size}${a.halo ? ` (halo ${a.halo})` : ''}`;
    })
    .join(', ');
}

function describe(spec: ModelSpec) {
  return {
    name: spec.key,
    title: spec.name,
    description: spec.description,
    formatVersion: spec.formatVersion,
    folder: spec.folder,
    tags: spec.tags,
    license: spec.license ?? null,
    weights: spec.weights,
    inputs: spec.inputs.map((t) => ({ id: t.id, axes: axisText(t), channels: t.axes.find((a) => a.type === 'channel')?.channelNames ?? null, preprocessing: t.preprocessing.map((p) => p.id) })),
    outputs: spec.outputs.map((t) => ({ id: t.id, axes: axisText(t), channels: t.axes.find((a) => a.type === 'channel')?.channelNames ?? null, postprocessing: t.postprocessing.map((p) => p.id) })),
    config: spec.config.cellpilot ?? null,
  };
}

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommandLine({ args: argv, options: { json: { type: 'boolean' } }, allowPositionals: true }, USAGE);
  const json = parsed.values.json ?? false;
  const [action = 'list', name, extra] = parsed.positionals;
  if (extra !== undefined) throw new InputError(`unexpected argument "${extra}"; ${USAGE}`);
  const out = (value: unknown, text: string) => process.stdout.write(json ? JSON.stringify(value, null, 2) + '\n' : text + '\n');

  if (action === 'list') {
    const { listModels } = await import('../onnx/registry.ts');
    const models = listModels();
    const rows = models.map((m) => ({
      name: m.key,
      title: m.spec?.name ?? null,
      task: (m.spec?.config.cellpilot as { task?: string } | undefined)?.task ?? m.spec?.tags.join(', ') ?? null,
      folder: m.folder,
      problem: m.problem ?? null,
    }));
    const width = Math.max(4, ...rows.map((r) => r.name.length));
    const text = rows.length
      ? rows.map((r) => `  ${r.name.padEnd(width)}  ${r.problem ? `BROKEN: ${r.problem}` : `${r.title}${r.task ? ` [${r.task}]` : ''}`}`).join('\n')
      : '  no models (put bioimage.io model folders with ONNX weights in models/)';
    out({ models: rows }, `${rows.length} model(s)\n${text}`);
    return rows.some((r) => r.problem) ? 1 : 0;
  }
  if (action === 'info') {
    if (!name) throw new InputError(`models info needs a model name; ${USAGE}`);
    const { resolveModelFolder } = await import('../onnx/registry.ts');
    const { readModelSpec } = await import('../onnx/spec.ts');
    const info = describe(readModelSpec(resolveModelFolder(name)));
    const text = [
      `${info.name}: ${info.title} (bioimage.io ${info.formatVersion})`,
      `  ${info.description}`,
      `  folder: ${info.folder}`,
      ...info.inputs.map((t) => `  input ${t.id}: ${t.axes}; channels ${t.channels?.join(', ') ?? '-'}; preprocessing ${t.preprocessing.join(' > ') || 'none'}`),
      ...info.outputs.map((t) => `  output ${t.id}: ${t.axes}; channels ${t.channels?.join(', ') ?? '-'}; postprocessing ${t.postprocessing.join(' > ') || 'none'}`),
      `  weights: ${info.weights.path} (sha256 ${info.weights.sha256?.slice(0, 12) ?? 'not given'}…)`,
    ].join('\n');
    out(info, text);
    return 0;
  }
  if (action === 'verify') {
    const { listModels } = await import('../onnx/registry.ts');
    const { verifyModel } = await import('../onnx/verify.ts');
    const names = name ? [name] : listModels().map((m) => m.folder);
    const results = [];
    for (const n of names) {
      try {
        results.push(await verifyModel(n));
      } catch (err) {
        if (name) throw err;
        results.push({ model: n.split('/').pop() ?? n, ok: false, message: oneLine(err) });
      }
    }
    const text = results.map((r) => `  ${r.ok ? 'ok  ' : 'FAIL'}  ${r.model}: ${r.message}`).join('\n') || '  no models to verify';
    out({ ok: results.every((r) => r.ok), results }, `${results.filter((r) => r.ok).length} of ${results.length} model(s) verified\n${text}`);
    return results.every((r) => r.ok) ? 0 : 1;
  }
  throw new InputError(`unknown models action "${action}"; ${USAGE}`);
}
