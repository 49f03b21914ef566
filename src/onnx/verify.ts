// `cellpilot models verify`: run a model's test input and compare with its test output,
// within the tolerance the model declares (bioimage.io `reproducibility_tolerance`,
// default absolute 1e-3 + relative 1e-3, as bioimageio.core's test_model).
import { existsSync, readFileSync } from 'node:fs';
import { InputError } from '../errors.ts';
import { loadModel } from './model.ts';
import { npyToFloat32, readNpy } from './npy.ts';
import { predictSample } from './predict.ts';
import type { Tensor } from './tensor.ts';
import { sha256File } from './model.ts';

export interface VerifyResult {
  model: string;
  ok: boolean;
  /** Largest |ours - expected| over all outputs. */
  maxAbsDiff: number;
  /** Elements outside the tolerance, and how many were compared. */
  mismatched: number;
  elements: number;
  seconds: number;
  message: string;
}

function readTestTensor(path: string | undefined, sha256: string | undefined, axes: string[], what: string): Tensor {
  if (!path) throw new InputError(`${what} has no test tensor in rdf.yaml`);
  if (!existsSync(path)) throw new InputError(`${what}: test tensor ${path} is missing`);
  if (sha256 && sha256File(path) !== sha256.toLowerCase()) throw new InputError(`${what}: test tensor ${path} does not match its sha256 in rdf.yaml`);
  const npy = readNpy(readFileSync(path), path);
  if (npy.shape.length !== axes.length) throw new InputError(`${what}: test tensor ${path} has ${npy.shape.length} dimensions, rdf.yaml declares axes ${axes.join(',')}`);
  return { axes, shape: npy.shape, data: npyToFloat32(npy) };
}

/** Runs the test input of the model called `name` and compares every output with its test tensor. */
export async function verifyModel(name: string): Promise<VerifyResult> {
  const started = performance.now();
  const model = await loadModel(name);
  const { spec } = model;
  const sample = new Map<string, Tensor>();
  for (const input of spec.inputs) {
    sample.set(input.id, readTestTensor(input.testTensor, input.testTensorSha256, input.axes.map((a) => a.id), `model ${spec.key} input ${input.id}`));
  }
  // The test output was made on the whole test input: no tiling, so results are comparable.
  const largest = Math.max(...[...sample.values()].flatMap((t) => t.shape));
  const outputs = await predictSample(model, sample, { tileSizePx: Math.max(largest, 4096) });
  const { absolute, relative, mismatchedPerMillion } = spec.tolerance;
  let maxAbsDiff = 0;
  let mismatched = 0;
  let elements = 0;
  for (const out of spec.outputs) {
    const expected = readTestTensor(out.testTensor, out.testTensorSha256, out.axes.map((a) => a.id), `model ${spec.key} output ${out.id}`);
    const ours = outputs.get(out.id)!;
    if (ours.shape.join('x') !== expected.shape.join('x')) {
      return { model: spec.key, ok: false, maxAbsDiff: Infinity, mismatched: expected.data.length, elements: expected.data.length, seconds: (performance.now() - started) / 1000, message: `output ${out.id} has shape ${ours.shape.join('x')}, expected ${expected.shape.join('x')}` };
    }
    for (let i = 0; i < expected.data.length; i++) {
      const diff = Math.abs(ours.data[i] - expected.data[i]);
      if (!(diff <= absolute + relative * Math.abs(expected.data[i]))) mismatched++;
      if (diff > maxAbsDiff || Number.isNaN(diff)) maxAbsDiff = Number.isNaN(diff) ? Infinity : diff;
    }
    elements += expected.data.length;
  }
  const ok = mismatched <= (mismatchedPerMillion * elements) / 1e6;
  const seconds = (performance.now() - started) / 1000;
  const message = ok
    ? `matches its test output (max |diff| ${maxAbsDiff.toExponential(2)})`
    : `${mismatched} of ${elements} values differ from the test output by more than ${absolute} + ${relative}·|expected| (max |diff| ${maxAbsDiff.toExponential(2)})`;
  return { model: spec.key, ok, maxAbsDiff, mismatched, elements, seconds, message };
}
