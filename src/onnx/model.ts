// Loading a model: read its rdf.yaml, check weights.onnx against the declared sha256,
// and open an onnxruntime session (imported lazily, cached per weights file).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { InferenceSession } from 'onnxruntime-node';
import { InputError, WorkError } from '../errors.ts';
import { defaultThreads } from '../parallel/pool.ts';
import { resolveModelFolder } from './registry.ts';
import { sessionOptions } from './session-task.ts';
import { readModelSpec, type ModelSpec } from './spec.ts';

export interface LoadedModel {
  spec: ModelSpec;
  session: InferenceSession;
  /** ONNX graph input/output names, matched to spec tensors by position (as bioimageio.core does). */
  inputNames: readonly string[];
  outputNames: readonly string[];
  /** Intra-op threads of `session`; with 2 or more, a movie's frames may instead run on as many one-thread sessions in worker threads (predict.ts). */
  threads: number;
}

export interface LoadOptions {
  /** Threads onnxruntime may use inside one operator (default: CELLPILOT_THREADS, else every core). */
  threads?: number;
}

type Ort = typeof import('onnxruntime-node');
let ortModule: Promise<Ort> | undefined;

/** onnxruntime-node, imported on first use so that listing tools and models stays fast. */
export function ort(): Promise<Ort> {
  ortModule ??= import('onnxruntime-node').catch((err: Error) => {
    ortModule = undefined;
    throw new WorkError(`cannot load onnxruntime-node (${err.message.split('\n')[0]}); run "npm ci" to install it`);
  });
  return ortModule;
}

const hashCache = new Map<string, string>();

/** sha256 of a file, cached by path, size and modification time. */
export function sha256File(path: string): string {
  const st = statSync(path);
  const key = `${path}:${st.size}:${st.mtimeMs}`;
  let hash = hashCache.get(key);
  if (!hash) {
    hash = createHash('sha256').update(readFileSync(path)).digest('hex');
    hashCache.set(key, hash);
  }
  return hash;
}

/** Checks that the files a spec names exist and that the weights match their sha256. */
export function checkModelFiles(spec: ModelSpec): void {
  const { path, sha256 } = spec.weights;
  if (!existsSync(path)) throw new InputError(`model ${spec.key}: weights file ${path} is missing`);
  if (sha256) {
    const actual = sha256File(path);
    if (actual.toLowerCase() !== sha256.toLowerCase()) {
      throw new InputError(`model ${spec.key}: ${path} has sha256 ${actual.slice(0, 12)}… but rdf.yaml declares ${sha256.slice(0, 12)}…; the file is corrupt or was replaced, restore it or update the sha256`);
    }
  }
}

const sessions = new Map<string, Promise<InferenceSession>>();

/** Opens (or reuses) the model called `nameOrFolder`: a folder name in models/, an rdf `name`, or a path. */
export async function loadModel(nameOrFolder: string, options: LoadOptions = {}): Promise<LoadedModel> {
  const spec = readModelSpec(resolveModelFolder(nameOrFolder));
  checkModelFiles(spec);
  const threads = options.threads ?? defaultThreads();
  const key = `${spec.weights.path}:${sha256File(spec.weights.path)}:${threads}`;
  let pending = sessions.get(key);
  if (!pending) {
    pending = (async () => {
      const { InferenceSession } = await ort();
      try {
        return await InferenceSession.create(spec.weights.path, sessionOptions(threads));
      } catch (err) {
        throw new InputError(`model ${spec.key}: onnxruntime cannot open ${spec.weights.path}: ${(err as Error).message.split('\n')[0]}`);
      }
    })();
    sessions.set(key, pending);
    pending.catch(() => sessions.delete(key));
  }
  const session = await pending;
  if (session.inputNames.length !== spec.inputs.length || session.outputNames.length !== spec.outputs.length) {
    throw new InputError(
      `model ${spec.key}: rdf.yaml declares ${spec.inputs.length} input(s) and ${spec.outputs.length} output(s) but weights.onnx has ${session.inputNames.length} and ${session.outputNames.length}`,
    );
  }
  return { spec, session, inputNames: session.inputNames, outputNames: session.outputNames, threads };
}

/** Drops cached sessions (tests, or after a model folder was replaced). */
export async function releaseSessions(): Promise<void> {
  const all = [...sessions.values()];
  sessions.clear();
  await Promise.all(all.map(async (p) => (await p.catch(() => undefined))?.release()));
}
