// The artifact store of a session: every tool output is a file or folder under the
// session with a short id ("movie-3"). The index is an append-only JSONL file, so a
// killed process loses nothing already recorded.
//
// Every record names the movie it derives from (`source`: the raw file at the root of
// its chain, with its content hash). Within one tool call, inputs that derive from different
// movies are refused with one line saying which, so a segmentation of one movie is
// never joined with the tracks of another.
import { appendFileSync, existsSync, mkdirSync, readFileSync, realpathSync, rmSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, extname, isAbsolute, join, resolve, sep } from 'node:path';
import type { ArtifactFacts, ArtifactRecord, ArtifactRef, ArtifactType, ToolContext } from '../../tools/types.ts';
import { InputError, WorkError } from '../errors.ts';
import { calibratedMovie, type Calibration } from '../image/calibration.ts';
import { movieInputExists } from '../image/moviePath.ts';
import { openMovie } from '../image/reader.ts';
import type { KeptAppends } from './keptAppends.ts';
import { contentHash, knownContentHash } from './provenance.ts';
import { redact } from './secrets.ts';

type Source = NonNullable<ArtifactRecord['source']>;

/** `~` and `~/x` as the shell expands them; other paths unchanged. */
export function expandHome(path: string): string {
  if (path === '~') return homedir();
  if (path.startsWith('~/') || path.startsWith('~\\')) return join(homedir(), path.slice(2));
  return path;
}

/** A path the user typed, made absolute: `~` expanded, relative to the current folder. */
export function userPath(path: string): string {
  return resolve(expandHome(path));
}

/**
 * What identifies a movie source: its content hash (xxh128 from provenance.ts: computed
 * once per session, while the tool reads the movie, so never a second pass over a big one).
 * `readIfNeeded: false` takes only a hash already known (a movie named before any tool read it).
 */
function sourceIdentity(path: string, sessionDir: string, readIfNeeded: boolean): Pick<Source, 'hash' | 'hashAlgorithm'> {
  const hash = readIfNeeded ? contentHash(path, sessionDir) : knownContentHash(path, sessionDir);
  return hash ? { hash: hash.digest, hashAlgorithm: hash.algorithm } : {};
}

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** Same movie: equal content hashes of one algorithm (sha256 in sessions written before xxh128), else the same file after symlinks. */
function sameSource(a: Source, b: Source): boolean {
  if (a.hash && b.hash && a.hashAlgorithm === b.hashAlgorithm) return a.hash === b.hash;
  if (a.sha256 && b.sha256) return a.sha256 === b.sha256;
  return a.path === b.path || realOrSelf(a.path) === realOrSelf(b.path);
}

const INDEX = 'artifacts.jsonl';

/** Movies a session read (not made) that are no longer where they were: a resumed session says so. */
export function missingInputs(records: ArtifactRecord[]): ArtifactRecord[] {
  return records.filter((r) => (r.type === 'movie' || r.type === 'labels') && r.source?.id === r.id && r.producedBy !== 'simulate_movie' && !movieInputExists(r.path));
}

/** One line for a resumed session whose movies were moved; '' when every one is in place. */
export function missingInputsLine(records: ArtifactRecord[]): string {
  const gone = missingInputs(records);
  if (!gone.length) return '';
  const list = gone.map((r) => `${r.id} (${r.path})`).join(', ');
  return `${gone.length === 1 ? 'This movie is' : 'These movies are'} no longer where the session read ${gone.length === 1 ? 'it' : 'them'}: ${list}. Steps on ${gone.length === 1 ? 'it' : 'them'} cannot run again until you load ${gone.length === 1 ? 'it' : 'each'} from where it is now ("load /new/place/${basename(gone[0].path)}"): the same content takes the same id.`;
}

export class ArtifactStore {
  private readonly records: ArtifactRecord[] = [];
  /** Input files the session has read; outputs may never overwrite them. */
  private readonly inputs = new Set<string>();
  /** Movie sources of the artifacts resolved by the call in progress (see `resolve`). */
  private callSources: { ref: string; source: Source }[] = [];
  /** A raw movie file the call opened by path: the source of its outputs when no artifact names one. */
  private callRawMovie: string | undefined;
  /** Paths of the artifacts the call in progress resolved. */
  private readonly callPaths = new Set<string>();
  /** What the call in progress read, in order: artifact ids, or the paths of files named by path. */
  private readonly callInputs = new Set<string>();
  /** Source given to the call's outputs once the first is added. */
  private outputSource: Source | undefined;
  /** True once the call in progress has added an output: the next resolve starts a new call. */
  private adding = false;

  /** `appends`: the session's kept files, for a throw-away session (see keptAppends.ts); else each line opens its file. */
  constructor(
    readonly sessionDir: string,
    private readonly appends?: KeptAppends,
  ) {
    mkdirSync(join(sessionDir, 'artifacts'), { recursive: true });
    const index = join(sessionDir, INDEX);
    if (existsSync(index)) {
      for (const line of readFileSync(index, 'utf8').split('\n')) {
        if (!line.trim()) continue;
        const record = JSON.parse(line) as ArtifactRecord;
        // a later line with an id already read is that artifact moved (see `add`)
        const at = this.records.findIndex((r) => r.id === record.id);
        if (at >= 0) this.records[at] = record;
        else this.records.push(record);
      }
    }
  }

  private appendIndex(line: string): void {
    if (this.appends) this.appends.append(join(this.sessionDir, INDEX), line);
    else appendFileSync(join(this.sessionDir, INDEX), line);
  }

  /** Artifacts of undone or replaced steps: `get` and `resolve` still find them by id; `list` leaves them out. */
  private readonly asideIds = new Set<string>();

  setAside(ids: Iterable<string>): void {
    for (const id of ids) this.asideIds.add(id);
  }

  list(options: { includeSetAside?: boolean } = {}): ArtifactRecord[] {
    return this.records.filter((r) => options.includeSetAside || !this.asideIds.has(r.id));
  }

  get(id: string): ArtifactRecord | undefined {
    return this.records.find((r) => r.id === id);
  }

  add(type: ArtifactType, path: string, description: string, producedBy?: string, facts: ArtifactFacts = {}): ArtifactRef {
    const n = this.records.filter((r) => r.type === type).length + 1;
    const id = `${type}-${n}`;
    const absolute = resolve(path);
    const record: ArtifactRecord = { id, type, path: absolute, description, producedBy, createdAt: new Date().toISOString(), ...facts };
    if (producedBy !== undefined && this.callInputs.size) record.madeFrom = [...this.callInputs];
    record.source = this.sourceForOutput(id, type, absolute, producedBy);
    const moved = this.movedInput(record);
    if (moved) {
      // the person moved a movie the session read: its id now names the new place, so steps on it run again
      const relocated: ArtifactRecord = { ...moved, path: absolute, source: moved.source && { ...moved.source, path: absolute }, movedFrom: moved.path, createdAt: record.createdAt };
      this.records[this.records.indexOf(moved)] = relocated;
      if (this.outputSource === record.source) this.outputSource = relocated.source;
      this.appendIndex(JSON.stringify(redact(relocated)) + '\n');
      return { id: relocated.id, type, path: relocated.path };
    }
    this.records.push(record);
    // descriptions can come from the model, which can echo a key: redacted like every session file
    this.appendIndex(JSON.stringify(redact(record)) + '\n');
    return { id: record.id, type, path: record.path };
  }

  /**
   * A movie the session loaded whose file is gone, with the same content as `record` (a raw
   * movie just loaded from another path): the person moved or renamed it.
   */
  private movedInput(record: ArtifactRecord): ArtifactRecord | undefined {
    const source = record.source;
    if ((record.type !== 'movie' && record.type !== 'labels') || record.producedBy === undefined || !source?.hash) return undefined;
    // a raw movie: its own source, or that of the same file loaded before under another id
    if (source.id !== record.id && !this.records.some((r) => r.id === source.id && r.path === record.path && r.source?.id === r.id)) return undefined;
    // its own hash, or (named before any tool read it) the hash its outputs took when a tool read it
    const sameContent = (r: ArtifactRecord) => this.records.some((d) => d.source?.id === r.id && d.source.path === r.path && !!(d.source.hash || d.source.sha256) && sameSource(d.source, source));
    return this.records.find((r) => r.type === record.type && r.source?.id === r.id && r.path !== record.path && !movieInputExists(r.path) && sameContent(r));
  }

  /** Starts a new tool call: forget the sources of the previous one. */
  beginCall(): void {
    this.callSources = [];
    this.callPaths.clear();
    this.callInputs.clear();
    this.callRawMovie = undefined;
    this.outputSource = undefined;
    this.adding = false;
  }

  /**
   * The movie an output derives from: the common source of the call's inputs; else the
   * raw movie file the call opened; else the output itself when it is a movie (a
   * simulated or acquired movie, or one loaded by path), which later outputs inherit.
   */
  private sourceForOutput(id: string, type: ArtifactType, path: string, producedBy: string | undefined): Source | undefined {
    if (!this.adding) {
      this.adding = true;
      this.outputSource = this.callSources[0]?.source;
      if (!this.outputSource && this.callRawMovie) {
        const known = this.records.find((r) => r.path === this.callRawMovie && r.source);
        this.outputSource = known?.source ?? { id: this.callRawMovie === path ? id : basename(this.callRawMovie), path: this.callRawMovie, ...sourceIdentity(this.callRawMovie, this.sessionDir, true) };
      }
      // a movie named before any tool read it has no hash yet; this call read it, so its hash costs no new pass now
      const source = this.outputSource;
      if (source && !source.hash && !source.sha256 && this.callPaths.has(source.path)) this.outputSource = { ...source, ...sourceIdentity(source.path, this.sessionDir, true) };
    }
    // a movie the person names is not read here: its hash is taken when a tool reads it
    if (!this.outputSource && (type === 'movie' || type === 'labels')) this.outputSource = { id, path, ...sourceIdentity(path, this.sessionDir, producedBy !== undefined) };
    return this.outputSource;
  }

  /** Notes that the call in progress reads `ref`; refuses when it derives from another movie than the call's other inputs. */
  private noteInput(ref: string, record: ArtifactRecord | undefined, rawPath?: string): void {
    if (this.adding) this.beginCall();
    if (record) this.callPaths.add(record.path);
    if (!record) {
      if (rawPath) this.callRawMovie ??= rawPath;
      return;
    }
    if (!record.source) return;
    const other = this.callSources.find((s) => !sameSource(s.source, record.source!));
    if (other) {
      throw new InputError(
        `${other.ref} comes from ${describeSource(other.source)} but ${ref} from ${describeSource(record.source)}: give artifacts of one movie (or name the other movie's ${record.type})`,
      );
    }
    this.callSources.push({ ref, source: record.source });
  }

  resolve(ref: string, expected?: ArtifactType | ArtifactType[]): string {
    const record = this.get(ref);
    if (record) {
      const allowed = expected === undefined ? undefined : Array.isArray(expected) ? expected : [expected];
      if (allowed && !allowed.includes(record.type)) {
        throw new InputError(`${ref} is a ${record.type}, but a ${allowed.join(' or ')} is needed here`);
      }
      this.noteInput(ref, record);
      this.callInputs.add(record.id);
      return record.path;
    }
    if (/^[a-z]+-\d+$/.test(ref) && !existsSync(ref)) {
      const known = this.records.map((r) => r.id).join(', ') || 'none yet';
      throw new InputError(`no artifact called ${ref} in this session (known: ${known})`);
    }
    const path = userPath(ref);
    if (!movieInputExists(path)) throw new InputError(`${ref}: no such file or artifact`);
    const real = existsSync(path) ? realpathSync(path) : path;
    this.inputs.add(real);
    // a file registered earlier (e.g. --movie F) is the same artifact, whatever name it is given by
    const registered = this.records.find((r) => r.path === path || r.path === real);
    const movieLike = expected !== undefined && (Array.isArray(expected) ? expected : [expected]).includes('movie');
    this.noteInput(ref, registered, movieLike ? path : undefined);
    this.callInputs.add(registered?.id ?? path);
    return path;
  }

  outputPath(suggestedName: string, output?: string): string {
    if (output) {
      const named = isAbsolute(output) ? output : userPath(output);
      const path = outputTarget(suggestedName, named);
      if (path !== named) mkdirSync(named, { recursive: true });
      const real = existsSync(path) ? realpathSync(path) : path;
      if (this.inputs.has(real) || this.records.some((r) => r.path === real && r.producedBy === undefined)) {
        throw new InputError(`refusing to overwrite the input ${output}: name a new output file`);
      }
      return path;
    }
    const ext = extname(suggestedName);
    const stem = basename(suggestedName, ext).replace(/[^A-Za-z0-9_.-]+/g, '_') || 'output';
    return freeName(join(this.sessionDir, 'artifacts', stem + ext));
  }
}

/**
 * Where an output named by the user goes: the path itself, or for a folder named for a file ("save the masks to
 * results/", or an existing folder) a new file inside it under the tool's own name. A folder output (a CTC folder, a
 * folder of PNGs: a suggested name without an extension) is the folder named.
 */
export function outputTarget(suggestedName: string, output: string): string {
  const folder = userPath(output);
  const intoFolder = extname(suggestedName) !== '' && (/[\\/]$/.test(output) || (existsSync(folder) && statSync(folder).isDirectory()));
  return intoFolder ? freeName(join(output, basename(suggestedName))) : output;
}

/** The path, or the first of path-2, path-3, ... (before the extension) that names nothing yet. */
function freeName(path: string): string {
  const ext = extname(path);
  const stem = path.slice(0, path.length - ext.length);
  let free = path;
  for (let i = 2; existsSync(free); i++) free = `${stem}-${i}${ext}`;
  return free;
}

function describeSource(source: Source): string {
  return `${source.id} (${basename(source.path)})`;
}

export interface ToolContextOptions {
  sessionDir: string;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number, label?: string) => void;
  state?: Map<string, unknown>;
  store?: ArtifactStore;
  /** The tool that runs with this context: recorded as the producer of its artifacts. */
  toolName?: string;
  /** Called when a tool sets the calibration, so the session can keep it (session.json). */
  onCalibration?: (calibration: Calibration) => void;
}

/** Where the session's calibration lives in the shared state map. */
export const CALIBRATION_KEY = 'calibration';

export function createToolContext(options: ToolContextOptions): ToolContext & { store: ArtifactStore } {
  const store = options.store ?? new ArtifactStore(options.sessionDir);
  const state = options.state ?? new Map();
  const calibration = (): Calibration => (state.get(CALIBRATION_KEY) as Calibration | undefined) ?? {};
  store.beginCall();
  return {
    store,
    sessionDir: options.sessionDir,
    resolve: (ref, expected) => store.resolve(ref, expected),
    openMovie: async (ref) => calibratedMovie(await openMovie(store.resolve(ref, ['movie', 'labels'])), calibration()),
    outputPath: (name, output) => store.outputPath(name, output),
    addArtifact: (type, path, description, facts) => {
      // a step cancelled while it wrote registers nothing, and what it wrote in the session goes
      if (options.signal?.aborted) {
        const absolute = resolve(path);
        if (absolute.startsWith(join(resolve(options.sessionDir), 'artifacts') + sep)) rmSync(absolute, { recursive: true, force: true });
        throw new WorkError('cancelled');
      }
      return store.add(type, path, description, options.toolName, facts);
    },
    listArtifacts: () => store.list(),
    progress: (done, total, label) => options.onProgress?.(done, total, label),
    signal: options.signal ?? new AbortController().signal,
    state,
    calibration,
    setCalibration: (next) => {
      state.set(CALIBRATION_KEY, next);
      options.onCalibration?.(next);
    },
  };
}
