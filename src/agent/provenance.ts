// The provenance log of a session: one JSON line per tool step, appended and fsynced
// as soon as the step ends, so a killed process loses nothing already done.
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, existsSync, fsyncSync, openSync, readdirSync, readFileSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { ArtifactRef } from '../../tools/types.ts';
import type { StepStatus } from './events.ts';
import { redact } from './secrets.ts';

export interface InputRecord {
  /** The argument that named it. */
  arg: string;
  /** What the user or the model wrote: an artifact id or a path. */
  ref: string;
  path: string;
  sha256?: string;
  bytes?: number;
}

export interface ProvenanceRecord {
  step: string;
  turn?: string;
  time: string;
  tool: string;
  args: Record<string, unknown>;
  inputs: InputRecord[];
  outputs: (ArtifactRef & { sha256?: string })[];
  durationMs: number;
  versions: Record<string, string>;
  models: { name: string; sha256: string }[];
  status: StepStatus;
  summary?: string;
  values?: Record<string, unknown>;
  error?: string;
}

export const PROVENANCE_FILE = 'provenance.jsonl';

export class ProvenanceLog {
  readonly path: string;
  constructor(readonly sessionDir: string) {
    this.path = join(sessionDir, PROVENANCE_FILE);
  }

  append(record: ProvenanceRecord): void {
    appendDurably(this.path, JSON.stringify(redact(record)) + '\n');
  }

  read(): ProvenanceRecord[] {
    if (!existsSync(this.path)) return [];
    return readJsonLines<ProvenanceRecord>(this.path);
  }
}

/** Appends and fsyncs, so that the line survives a crash right after. */
export function appendDurably(path: string, text: string): void {
  const fd = openSync(path, 'a');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Reads a JSONL file, skipping a torn last line left by a crash. */
export function readJsonLines<T>(path: string): T[] {
  const out: T[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      out.push(JSON.parse(line) as T);
    } catch {
      // a partial line from a killed process: everything before it is intact
    }
  }
  return out;
}

const hashCache = new Map<string, string>();

/** sha256 of a file, or of a folder (sorted relative names and file hashes). Cached by path, size and mtime. */
export async function sha256Of(path: string): Promise<{ sha256: string; bytes: number } | undefined> {
  if (!existsSync(path)) return undefined;
  const stat = statSync(path);
  if (stat.isDirectory()) {
    const hash = createHash('sha256');
    let bytes = 0;
    for (const name of readdirSync(path).sort()) {
      const sub = await sha256Of(join(path, name));
      if (!sub) continue;
      hash.update(`${name}\0${sub.sha256}\n`);
      bytes += sub.bytes;
    }
    return { sha256: hash.digest('hex'), bytes };
  }
  const key = `${path}\0${stat.size}\0${stat.mtimeMs}`;
  const cached = hashCache.get(key);
  if (cached) return { sha256: cached, bytes: stat.size };
  const hash = createHash('sha256');
  await new Promise<void>((resolve, reject) => {
    createReadStream(path).on('data', (chunk) => hash.update(chunk)).on('end', resolve).on('error', reject);
  });
  const digest = hash.digest('hex');
  hashCache.set(key, digest);
  return { sha256: digest, bytes: stat.size };
}

let versionsCache: Record<string, string> | undefined;

/** cellpilot, node and the versions of the libraries that compute results. */
export function softwareVersions(): Record<string, string> {
  if (versionsCache) return versionsCache;
  const root = new URL('../../', import.meta.url);
  const versions: Record<string, string> = { node: process.versions.node };
  try {
    const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { version: string };
    versions.cellpilot = pkg.version;
  } catch {
    versions.cellpilot = 'unknown';
  }
  for (const dep of ['onnxruntime-node', 'geotiff', 'zod', '@langchain/core']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(`node_modules/${dep}/package.json`, root), 'utf8')) as { version: string };
      versions[dep] = pkg.version;
    } catch {
      // not installed: nothing to record
    }
  }
  versionsCache = versions;
  return versions;
}
