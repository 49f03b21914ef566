// Where models live and how a name finds one. Model folders sit in the repository's
// models/ (the project's own models) and in any folder listed in CELLPILOT_MODELS
// (colon-separated), so a user can drop a bioimage.io model folder in and use it by name.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../errors.ts';
import { findRdf, modelFolderOf, readModelSpec, type ModelSpec } from './spec.ts';

/** The repository's models/ folder. */
export const BUILTIN_MODELS_DIR = fileURLToPath(new URL('../../models', import.meta.url));

/** Folders searched for models, first match wins: CELLPILOT_MODELS entries, then models/. */
export function modelRoots(): string[] {
  const extra = (process.env.CELLPILOT_MODELS ?? '')
    .split(':')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => resolve(s));
  return [...extra, BUILTIN_MODELS_DIR];
}

/** Where a model trained here goes by default: the first CELLPILOT_MODELS folder, else models/
 *  (the eval runner points CELLPILOT_MODELS at each case's temporary folder, so a case that
 *  trains leaves nothing in the repository). */
export function trainedModelsDir(): string {
  return modelRoots()[0];
}

/** Every model folder (a folder with an rdf.yaml) under the roots, one level deep. */
export function modelFolders(roots = modelRoots()): string[] {
  const out: string[] = [];
  for (const root of roots) {
    if (!existsSync(root)) continue;
    for (const entry of readdirSync(root).sort()) {
      const folder = join(root, entry);
      if (statSync(folder).isDirectory() && findRdf(folder)) out.push(folder);
    }
  }
  return out;
}

export interface ModelListing {
  key: string;
  folder: string;
  spec?: ModelSpec;
  /** Why the folder could not be read, if it could not. */
  problem?: string;
}

/**
 * Each folder's spec as last read, with the rdf file's modification time and size: the segment
 * tool lists the models twice per call (the model and the outline evidence), and parsing every
 * rdf.yaml each time cost about as much as choosing the parameters on a small movie. A file
 * changed on disk is read again.
 */
const specCache = new Map<string, { stamp: string; spec: ModelSpec }>();

function readModelSpecOnce(folder: string): ModelSpec {
  const rdf = findRdf(folder);
  const stats = rdf ? statSync(rdf) : undefined;
  const stamp = stats ? `${rdf}:${stats.mtimeMs}:${stats.size}` : '';
  const cached = specCache.get(folder);
  if (cached && stamp && cached.stamp === stamp) return cached.spec;
  const spec = readModelSpec(folder);
  if (stamp) specCache.set(folder, { stamp, spec });
  return spec;
}

/** Lists models; broken folders are listed with their problem rather than hidden. */
export function listModels(roots = modelRoots()): ModelListing[] {
  return modelFolders(roots).map((folder) => {
    try {
      const spec = readModelSpecOnce(folder);
      return { key: spec.key, folder, spec };
    } catch (err) {
      return { key: folder.split('/').pop() ?? folder, folder, problem: (err as Error).message };
    }
  });
}

/**
 * Finds a model by folder name (e.g. "n2v-nuclei"), by its rdf `name` (case-insensitive),
 * or by a path to its folder or rdf.yaml.
 */
export function resolveModelFolder(nameOrPath: string, roots = modelRoots()): string {
  const asPath = modelFolderOf(resolve(nameOrPath));
  if ((nameOrPath.includes('/') || nameOrPath.startsWith('.')) && existsSync(asPath)) {
    if (!findRdf(asPath)) throw new InputError(`${nameOrPath} is not a bioimage.io model folder: it has no rdf.yaml`);
    return asPath;
  }
  const folders = modelFolders(roots);
  const byKey = folders.find((f) => f.split('/').pop() === nameOrPath);
  if (byKey) return byKey;
  const wanted = nameOrPath.trim().toLowerCase();
  for (const folder of folders) {
    try {
      if (readModelSpec(folder).name.toLowerCase() === wanted) return folder;
    } catch {
      // a broken folder cannot match by name
    }
  }
  const known = folders.map((f) => f.split('/').pop()).join(', ') || 'none';
  throw new InputError(`no model called "${nameOrPath}" (available: ${known}); put a bioimage.io model folder with ONNX weights in models/ to add one`);
}
