// Whole-cell segmentation on the held-out frames of the real movie MSC-02 (frames 34-47, never
// trained on; cells-data.ts): the segment tool's classical default (and, beside it, the best
// threshold by name) against a whole-cell model run over the whole movie, both with the
// parameters the tool chooses from the movie, by the Cell Tracking Challenge DET and SEG:
//   node bin/run-ts.js models/training/eval-cells.ts [MODEL_FOLDER] [--json] [--model-only] [--radius-factor F]
// Prints one JSON line; with --json it is the `evidence` block the model's rdf.yaml carries
// (config.cellpilot.evidence), from which the segment tool chooses the default for whole cells.
// --model-only skips the classical runs; --radius-factor F runs a copy of the model whose declared
// input_object_radius_px is F times its own (F < 1: every plane shrunk F times more than the
// model's own choice, to measure how small an input scale it keeps its accuracy at).
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { segmentPlane } from '../../src/analysis/seg-plane.ts';
import { segmentWithModel } from '../../src/analysis/segmentModel.ts';
import { openMovie } from '../../src/image/index.ts';
import { resolveModelFolder } from '../../src/onnx/index.ts';
import { dtypeOf, movieFromPlanes, type PlaneData } from '../../src/image/movie.ts';
import { cellsSplit } from './cells-data.ts';
import { allFrames, ctcDataset, datasetPresent, readFrame, scoreSegmentation, sequenceParameters } from './real-data.ts';

const data = ctcDataset('msc02');
if (!datasetPresent(data)) {
  console.log('skipping: ../shared/data/ctc-Fluo-C2DL-MSC-02 not found');
  process.exit(0);
}
const args = process.argv.slice(2);
const factorAt = args.indexOf('--radius-factor');
const radiusFactor = factorAt >= 0 ? Number(args[factorAt + 1]) : 1;
if (!(radiusFactor > 0)) throw new Error(`--radius-factor must be a positive number, got ${args[factorAt + 1]}`);
const modelOnly = args.includes('--model-only');
const modelArg = args.find((a, i) => !a.startsWith('--') && !(factorAt >= 0 && i === factorAt + 1)) ?? 'cells-unet';
const frames = cellsSplit().val;
const dir = mkdtempSync(join(tmpdir(), 'eval-cells-'));
const modelFolder = radiusFactor === 1 ? modelArg : scaledCopy(resolveModelFolder(modelArg), radiusFactor);

/** A copy of the model folder whose rdf.yaml declares `factor` times its input_object_radius_px. */
function scaledCopy(folder: string, factor: number): string {
  const out = join(dir, `model-x${factor}`);
  mkdirSync(out);
  for (const name of readdirSync(folder)) if (name !== 'rdf.yaml') copyFileSync(join(folder, name), join(out, name));
  const rdf = readFileSync(join(folder, 'rdf.yaml'), 'utf8');
  const radius = /"input_object_radius_px": ([0-9.]+)/.exec(rdf);
  if (!radius) throw new Error(`${folder}/rdf.yaml declares no input_object_radius_px to scale`);
  writeFileSync(join(out, 'rdf.yaml'), rdf.replace(radius[0], `"input_object_radius_px": ${+(Number(radius[1]) * factor).toFixed(3)}`));
  return out;
}
let calls = 0;

/** The model over the whole movie (every frame, as the segment tool runs it: sizes measured on the movie), labels by frame. */
async function byModel(objectRadiusPx: number, minAreaPx: number): Promise<Map<number, ArrayLike<number>>> {
  const all = allFrames(data);
  const planes = new Map<number, PlaneData>();
  for (const t of all) planes.set(t, (await readFrame(data, t)).plane);
  const first = planes.get(all[0])!;
  const { width, height } = await readFrame(data, all[0]);
  const movie = movieFromPlanes({ t: all.length, z: 1, c: 1, y: height, x: width }, dtypeOf(first), (k) => planes.get(all[k])!);
  const path = join(dir, 'labels.tif');
  const result = await segmentWithModel(movie, { channel: 0, outputPath: path, modelName: modelFolder, objectRadiusPx, minAreaPx });
  inputScale = result.inputScale;
  const labels = await openMovie(path);
  const out = new Map<number, ArrayLike<number>>();
  for (const t of frames) out.set(t, (await labels.plane(all.indexOf(t), 0, 0)).slice()); // copies: the reader may reuse its buffers
  await labels.close();
  return out;
}
let inputScale = 1;

try {
  // As the segment tool does for target "cells": parameters from the movie's first, middle and last
  // frames, for irregular objects, the threshold chosen from the movie (method "auto", the tool's default;
  // before 3 December this left the method unset, which is Otsu, and reported it as the default).
  const asCells = { objects: 'auto' as const, shape: 'irregular' as const };
  const { options, chosen } = await sequenceParameters(data, { ...asCells, method: 'auto' });
  const round = (s: { DET: number; SEG: number }) => ({ DET: +s.DET.toFixed(3), SEG: +s.SEG.toFixed(3) });
  // The classical side of the evidence is what the tool runs by default (method "auto"); each
  // threshold by name is measured too and the best of them kept beside it, for the README.
  const classicalRuns = modelOnly ? [] : [{ method: `auto (${chosen.method})`, ...round(await scoreSegmentation(data, frames, (plane, w, h) => segmentPlane(plane, w, h, options).labels)) }];
  for (const method of ['otsu', 'triangle', 'li'] as const) {
    if (modelOnly) break;
    if (method === chosen.method) continue;
    const fixed = await sequenceParameters(data, { ...asCells, method });
    classicalRuns.push({ method, ...round(await scoreSegmentation(data, frames, (plane, w, h) => segmentPlane(plane, w, h, fixed.options).labels)) });
  }
  const classical = classicalRuns[0];
  const classicalBestNamed = classicalRuns.length > 1 ? classicalRuns.slice(1).reduce((a, b) => (b.SEG > a.SEG ? b : a)) : undefined;
  const modelLabels = await byModel(chosen.objectRadiusPx, chosen.minAreaPx);
  const model = round(await scoreSegmentation(data, frames, (_plane, _w, _h, t) => modelLabels.get(t)!));
  const evidence = {
    data: `Fluo-C2DL-MSC-02 (real; ${frames.length} held-out annotated frames, ${frames[0]}-${frames[frames.length - 1]})`,
    measure: 'SEG',
    model,
    classical,
    classicalBestNamed,
    measured: new Date().toISOString().slice(0, 10),
  };
  console.log(JSON.stringify(process.argv.includes('--json') ? evidence : { ...evidence, classicalRuns, objectRadiusPx: chosen.objectRadiusPx, minAreaPx: chosen.minAreaPx, modelInputScale: inputScale }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
