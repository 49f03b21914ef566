// The provenance log of a session: one JSON line per tool step, appended and fsynced
// as soon as the step ends, so a killed process loses nothing already done.
import { appendFileSync, closeSync, existsSync, fsyncSync, lstatSync, mkdirSync, opendirSync, openSync, readdirSync, readFileSync, readSync, realpathSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { observeTiffReads } from '../image/tiff/tiffFile.ts';
import { observeMovieWrites, type WriteObserver } from '../image/writer.ts';
import { hashablePlane, Xxh128, xxh128Hex } from '../image/xxh128.ts';
import type { ArtifactRef } from '../../tools/types.ts';
import type { StepStatus } from './events.ts';
import { redact } from './secrets.ts';
import { builtin } from '../bundle/builtins.mjs';

/**
 * node:crypto's sha256, loaded when a folder or model weights are hashed: loading it cost every
 * command ~5 ms of CPU (the per-user hash cache names its files by xxh128 of the key instead).
 */
const createHash = (algorithm: string): import('node:crypto').Hash => (builtin('node:crypto') as typeof import('node:crypto')).createHash(algorithm);

export interface InputRecord {
  /** The argument that named it. */
  arg: string;
  /** What the user or the model wrote: an artifact id or a path. */
  ref: string;
  path: string;
  /** Content hash (see `hashAlgorithm`), computed once per file and session. */
  hash?: string;
  hashAlgorithm?: string;
  bytes?: number;
}

export interface ProvenanceRecord {
  step: string;
  turn?: string;
  time: string;
  tool: string;
  args: Record<string, unknown>;
  inputs: InputRecord[];
  outputs: (ArtifactRef & { hash?: string; hashAlgorithm?: string })[];
  durationMs: number;
  versions: Record<string, string>;
  /** Model weights used, with their sha256 (the bioimage.io rdf.yaml declares sha256). */
  /** The models a step ran: name, sha256 of the weights, and the folder they were read from where known. */
  models: { name: string; sha256: string; folder?: string }[];
  status: StepStatus;
  summary?: string;
  values?: Record<string, unknown>;
  error?: string;
}

export const PROVENANCE_FILE = 'provenance.jsonl';

export class ProvenanceLog {
  readonly path: string;
  /**
   * `durable: false` for a throw-away session (an eval case's, removed when the case ends): its lines are appended
   * without the fsync (a crash loses the folder anyway; the fsync was about 10 ms of each executed eval case).
   */
  constructor(
    readonly sessionDir: string,
    private readonly durable = true,
  ) {
    this.path = join(sessionDir, PROVENANCE_FILE);
  }

  append(record: ProvenanceRecord): void {
    const line = JSON.stringify(redact(record)) + '\n';
    if (this.durable) appendDurably(this.path, line);
    else appendFileSync(this.path, line);
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

/**
 * The content hash recorded for inputs and outputs: XXH3-128 (src/image/xxh128.ts, the
 * digest hash-wasm's xxhash128 gives), ~10 GB/s in WebAssembly SIMD on bytes read anyway.
 */
export const HASH_ALGORITHM = 'xxh128';

export interface ContentHash {
  algorithm: string;
  digest: string;
  bytes: number;
}

let observing = false;

/**
 * Starts hashing movies while they are read and written (the hasher itself needs no
 * loading: its kernels compile in well under a millisecond). Kept async for its callers.
 */
export function loadHasher(): Promise<void> {
  if (!observing) {
    observeTiffReads(hashWhileRead);
    observeMovieWrites(hashWhileWritten);
    observing = true;
  }
  return Promise.resolve();
}

const HASH_CACHE_FILE = 'hashes.jsonl';
const FOLDER_LISTING_LIMIT = 10_000;
const CHUNK_BYTES = 4 << 20;
let chunk: Uint8Array | undefined;

/** The read buffer for whole-file hashing: in the hasher's memory, so nothing is copied. */
function readChunk(): Uint8Array {
  return (chunk ??= hashablePlane(CHUNK_BYTES) ?? new Uint8Array(CHUNK_BYTES));
}

/** Hashes already computed, by real path + size + device and inode + mtime + ctime: in memory, per session in hashes.jsonl, and per user (userHashCache). */
const memoryCache = new Map<string, ContentHash>();
const loadedCacheFiles = new Set<string>();

/**
 * What identifies a version of a file's content without reading it. The ctime is in it
 * too: any write changes it, and unlike the mtime it cannot be set back (`touch -d`,
 * `cp -p`, a tool restoring times), so a file rewritten in place is always hashed again.
 */
function cacheKey(real: string, stat: { size: number; dev: number; ino: number; mtimeMs: number; ctimeMs: number }): string {
  return `${real}\0${stat.size}\0${stat.dev}:${stat.ino}\0${stat.mtimeMs}\0${stat.ctimeMs}`;
}

// The per-user hash cache (issue 16.1): each `cellpilot tool` command opens a new session,
// so without it every command on the same movie would hash all of it again (~50 ms of CPU
// per 150 MiB). One small file per key, named by the key's sha256, so a lookup is one read
// and processes never rewrite each other's entries; `CELLPILOT_CACHE_DIR` moves the folder
// (an empty value turns the cache off); unwritable or unreadable, it is simply not used.

/** Entries kept in the per-user cache; past this the oldest are removed. */
export const USER_HASH_CACHE_LIMIT = 4096;

/** The per-user hash cache folder, or undefined when turned off. */
export function userHashCacheDir(): string | undefined {
  const env = process.env.CELLPILOT_CACHE_DIR;
  if (env !== undefined) return env === '' ? undefined : join(resolve(env), 'hashes');
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'cellpilot', 'hashes');
}

function userCachePath(dir: string, key: string): string {
  return join(dir, `${xxh128Hex(Buffer.from(key))}.json`);
}

/** The hash recorded under `key` by any earlier process of this user, or undefined. */
function userCachedHash(key: string): ContentHash | undefined {
  const dir = userHashCacheDir();
  if (!dir) return undefined;
  try {
    const e = JSON.parse(readFileSync(userCachePath(dir, key), 'utf8')) as { key?: string } & ContentHash;
    // the key itself is stored: a file name shared by two keys never gives the wrong hash
    if (e.key !== key || typeof e.digest !== 'string' || typeof e.algorithm !== 'string' || typeof e.bytes !== 'number') return undefined;
    return { algorithm: e.algorithm, digest: e.digest, bytes: e.bytes };
  } catch {
    return undefined;
  }
}

const madeCacheDirs = new Set<string>();

/**
 * Records a hash for later processes (best effort). About one write in 16 (those whose file
 * name begins with 0) first trims the folder: listing ~4000 entries costs ~3 ms of CPU, too
 * much for every command; the folder may pass the limit by a few entries meanwhile.
 */
function rememberForUser(key: string, hash: ContentHash): void {
  const dir = userHashCacheDir();
  if (!dir) return;
  try {
    if (!madeCacheDirs.has(dir)) {
      mkdirSync(dir, { recursive: true });
      madeCacheDirs.add(dir);
    }
    const path = userCachePath(dir, key);
    if (basename(path).startsWith('0')) trimUserHashCache(dir);
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ key, ...hash }));
    renameSync(tmp, path);
  } catch {
    // not writable: later commands hash again
  }
}

/** Keeps the per-user cache under USER_HASH_CACHE_LIMIT entries, removing the oldest (down to three quarters). */
export function trimUserHashCache(dir = userHashCacheDir()): void {
  if (!dir) return;
  const names = readdirSync(dir);
  if (names.length < USER_HASH_CACHE_LIMIT) return;
  const aged = names.map((name) => ({ name, mtimeMs: statSync(join(dir, name), { throwIfNoEntry: false })?.mtimeMs ?? 0 })).sort((a, b) => a.mtimeMs - b.mtimeMs);
  for (const { name } of aged.slice(0, names.length - Math.floor((USER_HASH_CACHE_LIMIT * 3) / 4))) rmSync(join(dir, name), { force: true });
}

/** A hash known without reading the file: this process's, else the per-user cache's (kept in memory after). */
function cachedHash(key: string): ContentHash | undefined {
  let hash = memoryCache.get(key);
  if (!hash && (hash = userCachedHash(key))) memoryCache.set(key, hash);
  return hash;
}

/** Remembers a hash computed now: in memory and for this user's later processes. */
function remember(key: string, hash: ContentHash): void {
  memoryCache.set(key, hash);
  rememberForUser(key, hash);
}

function loadCacheFile(sessionDir: string): void {
  const path = join(sessionDir, HASH_CACHE_FILE);
  if (loadedCacheFiles.has(path)) return;
  loadedCacheFiles.add(path);
  if (!existsSync(path)) return;
  for (const e of readJsonLines<{ key: string } & ContentHash>(path)) memoryCache.set(e.key, { algorithm: e.algorithm, digest: e.digest, bytes: e.bytes });
}

/**
 * The content hash of a file, computed at most once per (real path, size, inode, mtime):
 * later steps and later processes of the same session reuse it. A folder gets a hash of
 * its own listing (names, sizes, times; never recursive, at most 10 000 entries); FIFOs,
 * devices and sockets get none (reading them could block forever).
 */
export function contentHash(path: string, sessionDir?: string): ContentHash | undefined {
  let real: string;
  let stat;
  try {
    real = realpathSync(path);
    stat = statSync(real);
  } catch {
    return undefined;
  }
  if (stat.isDirectory()) return folderListingHash(real);
  if (!stat.isFile()) return undefined;
  if (sessionDir) loadCacheFile(sessionDir);
  const key = cacheKey(real, stat);
  const cached = cachedHash(key);
  if (cached) return cached;
  // files that say they are empty are not read: /proc and /sys files say so and can block or fail
  if (stat.size === 0) return emptyHash();
  let result: ContentHash;
  try {
    result = finishTap(real, key, stat.size) ?? hashRegularFile(real, stat.size);
  } catch {
    return undefined; // unreadable now (EIO, permissions): recorded without a hash, never a failed step
  }
  remember(key, result);
  if (sessionDir && existsSync(sessionDir)) appendFileSync(join(sessionDir, HASH_CACHE_FILE), JSON.stringify({ key, ...result }) + '\n');
  return result;
}

/** The content hash of a file when it is already known (this process or the session's hashes.jsonl): never reads the file. */
export function knownContentHash(path: string, sessionDir?: string): ContentHash | undefined {
  try {
    const real = realpathSync(path);
    const stat = statSync(real);
    if (!stat.isFile()) return undefined;
    if (sessionDir) loadCacheFile(sessionDir);
    return cachedHash(cacheKey(real, stat));
  } catch {
    return undefined;
  }
}

// Hashing while a movie is read (issue 16.1: never a second full pass over a large movie).
// The TIFF reader reports every range it reads; the bytes that continue the file from
// where the hash stands are fed to a per-file xxHash128 state (small gaps, such as an
// IFD skipped ahead of the pixel data, are filled by reading them). contentHash() then
// reads only what the tool did not (nothing, after a whole-movie pass). The state is tied
// to the file's size, inode and mtime, so a file changed meanwhile is hashed afresh.

/**
 * Gaps up to this size between the hashed prefix and a read are read to keep the hash going.
 * Small: a frame whose image directory follows its pixels (Cell Tracking Challenge folders)
 * is opened at that directory, and a 1 MiB limit read all its pixels ahead only to hash them,
 * then again to decode them (26 of 51 MB read per projection of Fluo-N2DH-SIM+ 01).
 */
const GAP_FILL_BYTES = 1 << 16;

/**
 * Whether the bytes between the hashed prefix and a read are read now to keep the hash going.
 * A gap under a quarter of the read is filled too, whatever its size: the image directories a
 * reader skips ahead of large planes (520 of them, 122 KB before the first 8 MiB plane of a
 * 4 GiB BigTIFF) left the hash at byte 5130, so a first command read the whole movie a second
 * time to hash it (+3.9 s of 15.7). Filling costs at most a quarter of what the reader reads;
 * a gap the reader comes back to (pixels behind a directory read first) is larger than that.
 */
export function fillsGap(gapBytes: number, readBytes: number): boolean {
  return gapBytes <= Math.max(GAP_FILL_BYTES, readBytes / 4);
}

interface Tap {
  real: string;
  key: string;
  /** Bytes [0, upTo) of the file have been fed to `state`. */
  upTo: number;
  state: Xxh128 | undefined;
  /** The hash is known (or the file is not worth following): later reads are ignored. */
  done: boolean;
}

const taps = new Map<string, Tap>();

/** Bytes this process read from disk only to hash them (what the tools had not read already). */
export const hashingReads = { bytes: 0 };

/** The tap of `path`; looked up afresh when the file is opened again (a read at byte 0), in case it was replaced. */
function tapFor(path: string, opening: boolean): Tap | undefined {
  let tap = taps.get(path);
  if (tap && !opening) return tap;
  try {
    const real = realpathSync(path);
    const stat = statSync(real);
    const key = cacheKey(real, stat);
    if (tap && tap.key === key) return tap;
    // a hash already known (this process, or an earlier command of this user) is not followed
    tap = { real, key, upTo: 0, state: undefined, done: !stat.isFile() || cachedHash(key) !== undefined };
  } catch {
    return undefined;
  }
  taps.set(path, tap);
  if (tap.real !== path) taps.set(tap.real, tap);
  return tap;
}

function feed(tap: Tap, bytes: Uint8Array): void {
  (tap.state ??= new Xxh128()).update(bytes);
  tap.upTo += bytes.byteLength;
}

/** The ReadObserver given to the TIFF reader. */
function hashWhileRead(path: string, offset: number, bytes: Uint8Array): void {
  const tap = tapFor(path, offset === 0);
  if (!tap || tap.done) return;
  try {
    const end = offset + bytes.byteLength;
    if (end <= tap.upTo) return;
    if (offset > tap.upTo) {
      if (!fillsGap(offset - tap.upTo, bytes.byteLength)) return; // read out of order: contentHash reads the rest
      feed(tap, readRange(tap.real, tap.upTo, offset - tap.upTo));
    }
    feed(tap, bytes.subarray(tap.upTo - offset));
  } catch {
    tap.done = true; // never let hashing break a read; contentHash hashes in full
  }
}

function readRange(real: string, offset: number, length: number): Uint8Array {
  const out = Buffer.allocUnsafe(length);
  const fd = openSync(real, 'r');
  try {
    let done = 0;
    while (done < length) {
      const n = readSync(fd, out, done, length - done, offset + done);
      if (n === 0) throw new Error('file shorter than expected');
      done += n;
      hashingReads.bytes += n;
    }
  } finally {
    closeSync(fd);
  }
  return out;
}

// Outputs are hashed while the movie writer writes them (issue 16.1: no second pass over a
// written movie either): the writer hands over every byte once, in file order, and says when
// the file is in place; its hash is then known under the file's size, inode and mtime.
interface WriteTap {
  upTo: number;
  state: Xxh128;
  broken: boolean;
}
const writeTaps = new Map<string, WriteTap>();

const hashWhileWritten: WriteObserver = {
  written(path, offset, bytes) {
    if (offset === 0) writeTaps.set(path, { upTo: 0, state: new Xxh128(), broken: false });
    const tap = writeTaps.get(path);
    if (!tap || tap.broken) return;
    if (offset !== tap.upTo) {
      tap.broken = true; // not front to back: contentHash reads the file instead
      return;
    }
    try {
      tap.state.update(bytes);
      tap.upTo += bytes.byteLength;
    } catch {
      tap.broken = true;
    }
  },
  finished(path) {
    const tap = writeTaps.get(path);
    writeTaps.delete(path);
    if (!tap || tap.broken) return;
    try {
      const real = realpathSync(path);
      const stat = statSync(real);
      if (!stat.isFile() || stat.size !== tap.upTo) return;
      remember(cacheKey(real, stat), { algorithm: HASH_ALGORITHM, digest: tap.state.digestHex(), bytes: stat.size });
    } catch {
      // unreadable now: contentHash decides
    }
  },
  abandoned(path) {
    writeTaps.delete(path);
  },
};

/** Completes a hash begun while the file was read (reading only the rest); undefined when none was begun for this version of it. */
function finishTap(real: string, key: string, size: number): ContentHash | undefined {
  const tap = taps.get(real);
  if (!tap || tap.done || tap.key !== key || !tap.state) return undefined;
  tap.done = true;
  const fd = openSync(real, 'r');
  try {
    const buffer = readChunk();
    const state = tap.state;
    let position = tap.upTo;
    for (let n = readSync(fd, buffer, 0, CHUNK_BYTES, position); n > 0; n = readSync(fd, buffer, 0, CHUNK_BYTES, position)) {
      state.update(buffer.subarray(0, n));
      position += n;
      hashingReads.bytes += n;
    }
    tap.state = undefined;
    return { algorithm: HASH_ALGORITHM, digest: state.digestHex(), bytes: size };
  } finally {
    closeSync(fd);
  }
}

function emptyHash(): ContentHash {
  return { algorithm: HASH_ALGORITHM, digest: xxh128Hex(new Uint8Array(0)), bytes: 0 };
}

function hashRegularFile(real: string, size: number): ContentHash {
  const fd = openSync(real, 'r');
  try {
    const buffer = readChunk();
    const state = new Xxh128();
    for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer)) {
      state.update(buffer.subarray(0, n));
      hashingReads.bytes += n;
    }
    return { algorithm: HASH_ALGORITHM, digest: state.digestHex(), bytes: size };
  } finally {
    closeSync(fd);
  }
}

/**
 * A folder's hash: xxh128 of its sorted listing ('xxh128-listing'). Sessions written before
 * 5 December 2026 hold 'sha256-listing' (node:crypto, ~8 ms of CPU to load per command):
 * they still read, and a hash is only compared with one of its own algorithm.
 */
export const FOLDER_HASH_ALGORITHM = 'xxh128-listing';

function folderListingHash(dir: string): ContentHash | undefined {
  const hash = new Xxh128();
  let bytes = 0;
  let handle;
  try {
    handle = opendirSync(dir);
  } catch {
    return undefined;
  }
  try {
    const lines: string[] = [];
    for (let entry = handle.readSync(); entry && lines.length < FOLDER_LISTING_LIMIT; entry = handle.readSync()) {
      try {
        const s = lstatSync(join(dir, entry.name));
        bytes += s.isFile() ? s.size : 0;
        lines.push(`${entry.name}\0${s.size}\0${s.mtimeMs}`);
      } catch {
        lines.push(`${entry.name}\0?`);
      }
    }
    for (const line of lines.sort()) hash.update(Buffer.from(line + '\n'));
  } finally {
    handle.closeSync();
  }
  return { algorithm: FOLDER_HASH_ALGORITHM, digest: hash.digestHex(), bytes };
}

const sha256Cache = new Map<string, string>();

/** sha256 of a file (model weights: bioimage.io declares sha256), cached by path, size and mtime. */
export function sha256File(path: string): string | undefined {
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return undefined;
    const key = `${path}\0${stat.size}\0${stat.mtimeMs}`;
    let digest = sha256Cache.get(key);
    if (!digest) {
      const hash = createHash('sha256');
      const fd = openSync(path, 'r');
      try {
        const buffer = readChunk();
        for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer)) hash.update(buffer.subarray(0, n));
      } finally {
        closeSync(fd);
      }
      digest = hash.digest('hex');
      sha256Cache.set(key, digest);
    }
    return digest;
  } catch {
    return undefined;
  }
}

/** Forgets the in-memory hashes (as a new process would): the session's hashes.jsonl still holds them. */
export function forgetHashesInMemory(): void {
  memoryCache.clear();
  loadedCacheFiles.clear();
  taps.clear();
}

/** Async form of contentHash (loads the hasher first). */
export async function hashOf(path: string, sessionDir?: string): Promise<ContentHash | undefined> {
  await loadHasher();
  return contentHash(path, sessionDir);
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

// movies read or written from here on are hashed as they go (runStep calls it too)
void loadHasher();
