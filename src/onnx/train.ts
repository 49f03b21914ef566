// Training a Noise2Void denoiser on the user's own movie: the frames are dumped as .npy
// and models/training/n2v.py (PyTorch, Debian's python3-torch, CPU) trains and exports a
// bioimage.io model folder, which then shows in `cellpilot models list`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Movie } from '../image/movie.ts';
import { InputError, WorkError } from '../errors.ts';
import { writeNpy } from './npy.ts';
import { readModelSpec, type ModelSpec } from './spec.ts';

export const PYTHON = process.env.CELLPILOT_PYTHON ?? '/usr/bin/python3';
const N2V_SCRIPT = fileURLToPath(new URL('../../models/training/n2v.py', import.meta.url));
const PATCH_PX = 64;
const BATCH = 16;

/** Why training cannot run here (no python3, no torch or onnx), or null when it can. */
export function trainingUnavailable(): string | null {
  const probe = spawnSync(PYTHON, ['-c', 'import torch, onnx, numpy'], { encoding: 'utf8', timeout: 60_000 });
  if (probe.error) return `training needs Python 3 with PyTorch at ${PYTHON}: install it with "sudo apt install python3 python3-torch python3-onnx" (Debian/Ubuntu), or set CELLPILOT_PYTHON to a python that has torch and onnx`;
  if (probe.status !== 0) {
    const missing = /No module named '([^']+)'/.exec(probe.stderr)?.[1] ?? 'torch';
    return `training needs the Python package ${missing}, which ${PYTHON} lacks: install it with "sudo apt install python3-torch python3-onnx" (Debian/Ubuntu) or "pip install torch onnx"`;
  }
  return null;
}

export interface TrainN2VOptions {
  /** 0-based channel to learn from (default 0). */
  channel?: number;
  /** 0-based inclusive frames to train on (default all; at most 200 planes are used, evenly spaced). */
  frames?: [number, number];
  /** The model folder to write (its name starts the model's key in `models list`). */
  outDir: string;
  /** Passes over the movie's 64x64 patches (default 5; each at most 200 optimiser steps). */
  epochs?: number;
  name?: string;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export interface TrainN2VResult {
  folder: string;
  spec: ModelSpec;
  steps: number;
  planes: number;
  finalLoss: number;
  seconds: number;
}

/** Trains N2V on noisy frames of `movie` (never on anything clean) and writes a model folder. */
export async function trainN2V(movie: Movie, options: TrainN2VOptions): Promise<TrainN2VResult> {
  const channel = options.channel ?? 0;
  if (!Number.isInteger(channel) || channel < 0 || channel >= movie.shape.c) throw new InputError(`channel ${channel + 1} does not exist: the movie has ${movie.shape.c} channel(s)`);
  const { x: width, y: height } = movie.shape;
  if (width < PATCH_PX || height < PATCH_PX) throw new InputError(`the movie's planes are ${width}x${height} px; N2V training needs at least ${PATCH_PX}x${PATCH_PX}`);
  const epochs = options.epochs ?? 5;
  if (!Number.isInteger(epochs) || epochs < 1 || epochs > 1000) throw new InputError(`epochs must be a whole number from 1 to 1000, got ${epochs}`);
  const unavailable = trainingUnavailable();
  if (unavailable) throw new WorkError(unavailable);

  const [first, last] = options.frames ?? [0, movie.shape.t - 1];
  const positions: Array<[number, number]> = [];
  for (let t = first; t <= last; t++) for (let z = 0; z < movie.shape.z; z++) positions.push([t, z]);
  const stride = Math.max(1, Math.ceil(positions.length / 200));
  const chosen = positions.filter((_, i) => i % stride === 0);
  const work = mkdtempSync(join(tmpdir(), 'cellpilot-n2v-'));
  const started = performance.now();
  try {
    const size = width * height;
    const data = new Float32Array(chosen.length * size);
    for (let i = 0; i < chosen.length; i++) data.set(await movie.plane(chosen[i][0], chosen[i][1], channel), i * size);
    writeFileSync(join(work, 'noisy_train.npy'), writeNpy({ shape: [chosen.length, height, width], dtype: 'float32', data }));
    const patches = chosen.length * Math.floor(width / PATCH_PX) * Math.floor(height / PATCH_PX);
    const steps = epochs * Math.min(200, Math.max(20, Math.ceil(patches / BATCH)));
    const outDir = resolve(options.outDir);
    const args = [N2V_SCRIPT, '--data', work, '--out', outDir, '--steps', String(steps), '--base', '8', '--progress', '--name', options.name ?? `Noise2Void trained on ${movie.source.path.split('/').pop()}`];
    const report = await runTraining(args, steps, options);
    const spec = readModelSpec(outDir);
    return { folder: outDir, spec, steps, planes: chosen.length, finalLoss: report.final_loss ?? NaN, seconds: (performance.now() - started) / 1000 };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function runTraining(args: string[], steps: number, options: TrainN2VOptions): Promise<{ final_loss?: number }> {
  if (!existsSync(args[0])) throw new WorkError(`the training script ${args[0]} is missing; reinstall cellpilot`);
  return new Promise((resolvePromise, reject) => {
    const child = spawn(PYTHON, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let report: { final_loss?: number } = {};
    let stderr = '';
    const onAbort = () => child.kill('SIGTERM');
    options.signal?.addEventListener('abort', onAbort, { once: true });
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.startsWith('{')) continue;
        const message = JSON.parse(line) as { step?: number; final_loss?: number };
        if (message.step !== undefined) options.onProgress?.(message.step, steps);
        if (message.final_loss !== undefined) report = message;
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    child.on('error', (err) => reject(new WorkError(`cannot start ${PYTHON}: ${err.message}`)));
    child.on('close', (code) => {
      options.signal?.removeEventListener('abort', onAbort);
      if (options.signal?.aborted) return reject(new WorkError('training cancelled'));
      if (code !== 0) {
        const last = stderr.trim().split('\n').filter((l) => !/warn/i.test(l)).pop() ?? `exit code ${code}`;
        return reject(new WorkError(`N2V training failed: ${last}`));
      }
      resolvePromise(report);
    });
  });
}
