// The one file-access policy of a session, enforced where every tool call passes (the
// executor wraps each ToolContext with guardContext): paths are resolved through symlinks
// before any check; inputs are only read; special files (FIFOs, devices, sockets) and
// folders that are not movies are refused with one line; outputs go only inside the
// session, an allowed root (the `--out` folder), a path the person typed, the pipelines
// folder (pipeline YAMLs) or beside an output of the same call named after it (a plot's
// .svg beside its .png), never over an input, a system folder or an existing file the
// session did not create. Every path the
// session is given to write is recorded first in manifest.jsonl, so that cleaning up
// (`cellpilot run` over an earlier run) deletes only what the session created.
import { appendFileSync, closeSync, existsSync, lstatSync, mkdirSync, opendirSync, openSync, readFileSync, readSync, realpathSync, rmdirSync, rmSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { ArtifactType, ToolContext } from '../../tools/types.ts';
import { InputError, oneLine } from '../errors.ts';
import { isPattern } from '../image/moviePath.ts';
import { outputTarget } from './artifacts.ts';

export const MANIFEST_FILE = 'manifest.jsonl';

/** Folders no output may go into, whoever named it (a mistake there breaks the computer, not the analysis). */
const SYSTEM_DIRS = ['/etc', '/usr', '/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32', '/boot', '/proc', '/sys', '/dev', '/run', '/var', '/snap', '/srv'];
/** Exceptions inside SYSTEM_DIRS where people do keep data. */
const ALLOWED_UNDER_SYSTEM = ['/var/tmp', '/usr/local/data'];
/** How many entries of a folder are looked at to decide whether it is a movie (never recursive). */
const FOLDER_SCAN_LIMIT = 100_000;
/** Names the session keeps its own records under, directly in its folder (session.json, *.jsonl, the lock): never a tool's output. */
const SESSION_RECORD = /^(\..*|.*\.jsonl|session\.json|results\.json)$/;
const IMAGE_NAME = /\.(tiff?|ome\.tiff?)$/i;

export function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel) && rel.split(sep)[0] !== '..');
}

function specialKind(stat: Stats): string | undefined {
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return undefined;
}

/** realpath of `path`, or of its nearest existing ancestor with the rest appended (for files not written yet). */
export function realPathOf(path: string): string {
  const absolute = resolve(path);
  const rest: string[] = [];
  let current = absolute;
  for (;;) {
    try {
      const real = realpathSync(current);
      return rest.length ? join(real, ...rest.reverse()) : real;
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === 'ELOOP') throw new InputError(`${path}: a symbolic link that points to itself (loop); name the real file`);
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw new InputError(`${path}: cannot be resolved (${code ?? (err as Error).message})`);
      // a dangling symlink is not "missing": writing through it would land wherever it points
      if (current === absolute && lstatExists(current)) throw new InputError(`${path} is a symbolic link to a missing file; name the real file`);
      const parent = dirname(current);
      if (parent === current) return absolute;
      rest.push(basename(current));
      current = parent;
    }
  }
}

function lstatExists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

export interface InputFacts {
  /** The path after every symlink is followed. */
  real: string;
  kind: 'file' | 'folder' | 'pattern';
  size: number;
  ino: number;
  mtimeMs: number;
}

/**
 * Checks a path that is about to be read: it exists, it is a regular file or (for movies) a
 * folder holding TIFF images, not a FIFO, device or socket. Bounded time: one stat, and for a
 * folder one non-recursive listing. Throws InputError with one line.
 */
/**
 * One line for an input that is not there. A session's artifact id ("movie-1") names the file
 * it stood for and what to do: the file was moved, renamed or deleted since it was loaded.
 */
export function missingInput(ref: string, path: string): string {
  if (ref === path || !/^[a-z]+-\d+$/.test(ref)) return `${ref}: no such file`;
  return `${ref} was ${path}, which is no longer there (moved, renamed or deleted since it was loaded): put it back, or load it from where it is now (e.g. "load /new/place/${basename(path)}") and ask again`;
}

export function inspectInput(ref: string, path: string, expected?: ArtifactType[]): InputFacts {
  if (isPattern(path)) {
    // a frame pattern ("t{t:3}.tif"): its folder is what exists
    const folder = inspectFolderPath(ref, dirname(path));
    return { real: join(folder, basename(path)), kind: 'pattern', size: 0, ino: 0, mtimeMs: 0 };
  }
  const real = realPathOf(path);
  let stat: Stats;
  try {
    stat = statSync(real);
  } catch {
    throw new InputError(missingInput(ref, path));
  }
  const special = specialKind(stat);
  const wanted = expected?.some((t) => t === 'movie' || t === 'labels') ? 'a TIFF movie or a folder of TIFF frames' : 'a regular file';
  if (special) throw new InputError(`${ref} is ${special}, not a file cellpilot can read: name ${wanted}`);
  if (stat.isDirectory()) {
    const wantsMovie = expected !== undefined && expected.every((t) => t === 'movie' || t === 'labels');
    if (wantsMovie && !folderHoldsImages(real)) {
      throw new InputError(`${ref} is a folder without .tif/.tiff frames, not a movie: name a movie file, or a folder holding one TIFF per frame`);
    }
    return { real, kind: 'folder', size: 0, ino: stat.ino, mtimeMs: stat.mtimeMs };
  }
  return { real, kind: 'file', size: stat.size, ino: stat.ino, mtimeMs: stat.mtimeMs };
}

function inspectFolderPath(ref: string, folder: string): string {
  const real = realPathOf(folder);
  if (!existsSync(real) || !statSync(real).isDirectory()) throw new InputError(`${ref}: the folder ${folder} does not exist`);
  return real;
}

/** Whether a folder's own entries (not its subfolders) include a TIFF: a bounded, non-recursive look. */
function folderHoldsImages(dir: string): boolean {
  let handle;
  try {
    handle = opendirSync(dir);
  } catch {
    return false;
  }
  try {
    for (let i = 0; i < FOLDER_SCAN_LIMIT; i++) {
      const entry = handle.readSync();
      if (!entry) return false;
      if (IMAGE_NAME.test(entry.name)) return true;
    }
    return false;
  } finally {
    handle.closeSync();
  }
}

/**
 * The paths a person typed: every whitespace-separated word (surrounding quotes, brackets
 * and sentence punctuation stripped) and every quoted phrase of their texts, resolved
 * against the current folder.
 */
export function typedPaths(texts: readonly string[]): Set<string> {
  const out = new Set<string>();
  const add = (word: string) => {
    const w = word.trim();
    if (!w || w.length > 4096 || w.includes('\0')) return;
    out.add(resolve(w));
    // "save it as drift" names drift.tif too (a planner adds the extension)
    out.add(withoutExtension(resolve(w)));
    try {
      out.add(realPathOf(w));
    } catch {
      // a path that cannot be resolved cannot match an output either
    }
  };
  for (const text of texts) {
    add(text);
    for (const m of text.matchAll(/"([^"]+)"|'([^']+)'|`([^`]+)`|“([^”]+)”/g)) add(m[1] ?? m[2] ?? m[3] ?? m[4]);
    for (const raw of text.split(/\s+/)) {
      const word = raw.replace(/^[("'`“‘[{<]+/, '').replace(/[)"'`”’\]}>,;:!?]+$/, '').replace(/\.+$/, (dots) => (dots.length > 1 ? dots : ''));
      add(word);
    }
  }
  return out;
}

/**
 * The paths a person typed, or a function that resolves them when first asked (typedPaths costs a few
 * file-system calls per word of every request of the session, and only an output outside the session reads them).
 */
export type TypedPaths = ReadonlySet<string> | (() => ReadonlySet<string>);

/** A key for "the same name but for its extension" in a typedPaths set. */
function withoutExtension(path: string): string {
  return `\0stem:${path.replace(/(\.ome)?\.[A-Za-z0-9]{1,5}$/, '')}`;
}

/** Every string in a JSON value (what a person typed as --args). */
export function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}

/** The folder of saved pipelines (`pipelines/` in the current folder unless CELLPILOT_PIPELINES names another). */
export function pipelinesDir(): string {
  return resolve(process.env.CELLPILOT_PIPELINES ?? 'pipelines');
}

/** The first line of every pipeline file cellpilot writes (pipeline.ts): such a file in the pipelines folder may be replaced. */
const PIPELINE_MARK = '# cellpilot pipeline';

/** A pipeline YAML directly inside the pipelines folder: the one place besides the session a tool writes on its own. */
function inPipelineLibrary(real: string): boolean {
  return /\.ya?ml$/i.test(real) && dirname(real) === realPathOf(pipelinesDir());
}

function startsWith(path: string, mark: string): boolean {
  try {
    const fd = openSync(path, 'r');
    try {
      const head = Buffer.alloc(mark.length);
      return readSync(fd, head, 0, mark.length, 0) === mark.length && head.toString('utf8') === mark;
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}

/**
 * Whether `real` is a side file of an output already granted in the same call: same folder,
 * named after it (fig.png -> fig.svg, fig.vl.json; movie.tif -> movie-truth/).
 */
function sideFileOf(real: string, granted: readonly string[]): boolean {
  const name = basename(real);
  return granted.some((g) => {
    if (dirname(g) !== dirname(real) || g === real) return false;
    const stem = basename(g).replace(/(\.ome)?\.[A-Za-z0-9]{1,5}$/, '');
    return stem.length > 0 && name.length > stem.length && name.startsWith(stem) && /[._-]/.test(name[stem.length]);
  });
}

/** The file policy of one session folder: created files (the manifest), inputs read, allowed roots. */
export class FilePolicy {
  private readonly created = new Set<string>();
  private readonly inputs = new Set<string>();
  /** Folders read as movies (one TIFF per frame, or a frame pattern's folder): a new TIFF there would become one of their frames. */
  private readonly inputFolders = new Set<string>();
  private readonly roots: string[];
  readonly manifestPath: string;

  constructor(readonly sessionDir: string) {
    this.roots = [realPathOf(sessionDir)];
    this.manifestPath = join(sessionDir, MANIFEST_FILE);
    for (const path of readManifest(sessionDir)) this.created.add(path);
  }

  /** Lets outputs go anywhere under `dir` (the `--out` folder of a batch run). */
  allowRoot(dir: string): void {
    const real = realPathOf(dir);
    if (!this.roots.includes(real)) this.roots.push(real);
  }

  noteInput(real: string, kind: InputFacts['kind'] = 'file'): void {
    this.inputs.add(real);
    if (kind === 'folder') this.inputFolders.add(real);
    if (kind === 'pattern') this.inputFolders.add(dirname(real));
  }

  isInput(real: string): boolean {
    return this.inputs.has(real);
  }

  createdBySession(real: string): boolean {
    return this.created.has(real);
  }

  /** Records that the session is about to write `real` (before it exists: a killed run still lists it). */
  grant(real: string): void {
    if (this.created.has(real)) return;
    this.created.add(real);
    appendFileSync(this.manifestPath, JSON.stringify({ path: real, at: new Date().toISOString() }) + '\n');
  }

  /**
   * Checks an output path: `typed` are the paths the person typed (the only ones that may
   * leave the session), or how to get them: they are read only for an output outside the
   * allowed roots. `named`: the path the person gave when `output` is a file the tool named inside it ("save the masks to
   * results/"), which is what they typed. Returns the path with symlinks resolved; throws InputError with one line.
   */
  checkOutput(output: string, typed: TypedPaths, grantedInCall: readonly string[] = [], named = output): string {
    if (output.includes('\0')) throw new InputError('an output path may not contain a NUL character');
    const absolute = resolve(output);
    const real = realPathOf(absolute);
    const system = SYSTEM_DIRS.find((d) => isInside(real, d));
    if (system && !ALLOWED_UNDER_SYSTEM.some((d) => isInside(real, d))) {
      throw new InputError(`refusing to write ${output}: ${system} is a system folder; save results in your project folder`);
    }
    const inAllowedRoot = this.roots.some((root) => isInside(real, root));
    const typedByPerson = () => {
      const paths = typeof typed === 'function' ? typed() : typed;
      return paths.has(absolute) || paths.has(real) || paths.has(withoutExtension(absolute)) || (named !== output && paths.has(resolve(named)));
    };
    const library = inPipelineLibrary(real);
    if (!inAllowedRoot && !typedByPerson() && !library && !sideFileOf(real, grantedInCall)) {
      throw new InputError(`refusing to write ${output}: outputs go in the session folder unless you name the path yourself in your request`);
    }
    if (dirname(real) === this.roots[0] && SESSION_RECORD.test(basename(real))) {
      throw new InputError(`refusing to write ${output}: ${basename(real)} is where the session keeps its own records; name another file`);
    }
    if (this.inputs.has(real)) throw new InputError(`refusing to overwrite the input ${output}: name a new output file`);
    // a movie stored as a folder of frames: an image written among them would be read as a frame of it ever after
    const series = [...this.inputFolders].find((folder) => dirname(real) === folder && IMAGE_NAME.test(basename(real)));
    if (series) throw new InputError(`refusing to write ${output} into ${series}, the folder of frames of an input movie (it would be read as one of its frames): name a file outside that folder`);
    if (this.roots.some((root) => root === real)) throw new InputError(`refusing to write over the folder ${output}: name a file inside it`);
    if (existsSync(real) && !this.created.has(real) && !(library && startsWith(real, PIPELINE_MARK))) {
      throw new InputError(`refusing to overwrite ${output}: it exists and was not written by this session; name a new file`);
    }
    return real;
  }
}

export function readManifest(sessionDir: string): string[] {
  const path = join(sessionDir, MANIFEST_FILE);
  if (!existsSync(path)) return [];
  const out: string[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    try {
      const entry = JSON.parse(line) as { path?: unknown };
      if (typeof entry.path === 'string') out.push(entry.path);
    } catch {
      // a torn last line from a killed process
    }
  }
  return out;
}

const policies = new Map<string, FilePolicy>();

/** The policy of a session folder, shared by every tool call of this process. */
export function policyFor(session: { dir: string }): FilePolicy {
  let policy = policies.get(session.dir);
  if (!policy) {
    policy = new FilePolicy(session.dir);
    policies.set(session.dir, policy);
  }
  return policy;
}

/** Forgets a cached policy (the session folder was removed and will be created again). */
export function dropPolicy(sessionDir: string): void {
  policies.delete(sessionDir);
}

/**
 * The tool context a tool gets: reads go through inspectInput (special files and
 * non-movie folders refused, inputs remembered), outputs through checkOutput.
 */
/**
 * Creates the folder an output the person named goes in ("save the tracks as results/day2/tracks.csv"),
 * as a save dialog would: without it the write failed with Node's "ENOENT ... tracks.csv.partial".
 */
function createFolderOf(real: string): void {
  try {
    mkdirSync(dirname(real), { recursive: true });
  } catch (err) {
    // (one line that names the folder and why: "cannot create the folder /data/x: permission denied; ...")
    throw new InputError(oneLine(err));
  }
}

export function guardContext<C extends ToolContext>(inner: C, policy: FilePolicy, typed: TypedPaths): C {
  // outputs granted to this call: files named after one of them beside it (a plot's .svg) are its side files
  const granted: string[] = [];
  const guardedResolve = (ref: string, expected?: ArtifactType | ArtifactType[]): string => {
    const path = inner.resolve(ref, expected);
    const facts = inspectInput(ref, path, expected === undefined ? undefined : Array.isArray(expected) ? expected : [expected]);
    policy.noteInput(facts.real, facts.kind);
    return path;
  };
  return {
    ...inner,
    resolve: guardedResolve,
    openMovie: async (ref: string) => {
      guardedResolve(ref, ['movie', 'labels']);
      return inner.openMovie(ref);
    },
    outputPath: (suggestedName: string, output?: string) => {
      if (output) {
        const real = policy.checkOutput(outputTarget(suggestedName, output), typed, granted, output);
        createFolderOf(real);
        policy.grant(real);
        granted.push(real);
        return real;
      }
      const path = inner.outputPath(suggestedName);
      const real = realPathOf(path);
      policy.grant(real);
      granted.push(real);
      return path;
    },
  };
}

/**
 * Deletes what a session folder's own run created (its manifest and its artifacts) and the
 * session's bookkeeping files, never anything else: files someone else put there stay.
 */
export function removeCreated(sessionDir: string, bookkeeping: readonly string[]): void {
  const root = realPathOf(sessionDir);
  const created = new Set(readManifest(sessionDir));
  const artifacts = join(sessionDir, 'artifacts.jsonl');
  if (existsSync(artifacts)) {
    for (const line of readFileSync(artifacts, 'utf8').split('\n')) {
      try {
        const record = JSON.parse(line) as { path?: string; producedBy?: string };
        if (record.producedBy !== undefined && typeof record.path === 'string') created.add(record.path);
      } catch {
        // torn line
      }
    }
  }
  for (const path of created) {
    // only inside the folder being cleaned: a manifest is data, and data can be forged
    if (path !== root && isInside(resolve(path), root) && lstatExists(path)) rmSync(path, { recursive: true, force: true });
  }
  for (const name of [...bookkeeping, MANIFEST_FILE]) rmSync(join(sessionDir, name), { force: true });
  for (const dir of [join(sessionDir, 'artifacts'), sessionDir]) {
    try {
      rmdirSync(dir); // only when empty
    } catch {
      // something not ours is left: keep it
    }
  }
  dropPolicy(sessionDir);
}
