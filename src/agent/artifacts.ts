// The artifact store of a session: every tool output is a file or folder under the
// session with a short id ("movie-3"). The index is an append-only JSONL file, so a
// killed process loses nothing already recorded.
import { appendFileSync, existsSync, mkdirSync, readFileSync, realpathSync } from 'node:fs';
import { basename, extname, isAbsolute, join, resolve } from 'node:path';
import type { ArtifactRecord, ArtifactRef, ArtifactType, ToolContext } from '../../tools/types.ts';
import { InputError } from '../errors.ts';
import { openMovie } from '../image/reader.ts';

const INDEX = 'artifacts.jsonl';

export class ArtifactStore {
  private readonly records: ArtifactRecord[] = [];
  /** Input files the session has read; outputs may never overwrite them. */
  private readonly inputs = new Set<string>();

  constructor(readonly sessionDir: string) {
    mkdirSync(join(sessionDir, 'artifacts'), { recursive: true });
    const index = join(sessionDir, INDEX);
    if (existsSync(index)) {
      for (const line of readFileSync(index, 'utf8').split('\n')) if (line.trim()) this.records.push(JSON.parse(line));
    }
  }

  list(): ArtifactRecord[] {
    return [...this.records];
  }

  get(id: string): ArtifactRecord | undefined {
    return this.records.find((r) => r.id === id);
  }

  add(type: ArtifactType, path: string, description: string, producedBy?: string): ArtifactRef {
    const n = this.records.filter((r) => r.type === type).length + 1;
    const record: ArtifactRecord = { id: `${type}-${n}`, type, path: resolve(path), description, producedBy, createdAt: new Date().toISOString() };
    this.records.push(record);
    appendFileSync(join(this.sessionDir, INDEX), JSON.stringify(record) + '\n');
    return { id: record.id, type, path: record.path };
  }

  resolve(ref: string, expected?: ArtifactType | ArtifactType[]): string {
    const record = this.get(ref);
    if (record) {
      const allowed = expected === undefined ? undefined : Array.isArray(expected) ? expected : [expected];
      if (allowed && !allowed.includes(record.type)) {
        throw new InputError(`${ref} is a ${record.type}, but a ${allowed.join(' or ')} is needed here`);
      }
      return record.path;
    }
    if (/^[a-z]+-\d+$/.test(ref) && !existsSync(ref)) {
      const known = this.records.map((r) => r.id).join(', ') || 'none yet';
      throw new InputError(`no artifact called ${ref} in this session (known: ${known})`);
    }
    const path = resolve(ref);
    if (!existsSync(path) && !ref.includes('{')) throw new InputError(`${ref}: no such file or artifact`);
    this.inputs.add(existsSync(path) ? realpathSync(path) : path);
    return path;
  }

  outputPath(suggestedName: string, output?: string): string {
    if (output) {
      const path = isAbsolute(output) ? output : resolve(output);
      const real = existsSync(path) ? realpathSync(path) : path;
      if (this.inputs.has(real) || this.records.some((r) => r.path === real && r.producedBy === undefined)) {
        throw new InputError(`refusing to overwrite the input ${output}: name a new output file`);
      }
      return path;
    }
    const ext = extname(suggestedName);
    const stem = basename(suggestedName, ext).replace(/[^A-Za-z0-9_.-]+/g, '_') || 'output';
    let path = join(this.sessionDir, 'artifacts', stem + ext);
    for (let i = 2; existsSync(path); i++) path = join(this.sessionDir, 'artifacts', `${stem}-${i}${ext}`);
    return path;
  }
}

export interface ToolContextOptions {
  sessionDir: string;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number, label?: string) => void;
  state?: Map<string, unknown>;
  store?: ArtifactStore;
  /** The tool that runs with this context: recorded as the producer of its artifacts. */
  toolName?: string;
}

export function createToolContext(options: ToolContextOptions): ToolContext & { store: ArtifactStore } {
  const store = options.store ?? new ArtifactStore(options.sessionDir);
  return {
    store,
    sessionDir: options.sessionDir,
    resolve: (ref, expected) => store.resolve(ref, expected),
    openMovie: (ref) => openMovie(store.resolve(ref, ['movie', 'labels'])),
    outputPath: (name, output) => store.outputPath(name, output),
    addArtifact: (type, path, description) => store.add(type, path, description, options.toolName),
    listArtifacts: () => store.list(),
    progress: (done, total, label) => options.onProgress?.(done, total, label),
    signal: options.signal ?? new AbortController().signal,
    state: options.state ?? new Map(),
  };
}
