// The per-user hash cache (issue 16.1): a later command, in a new session and a new process,
// reuses the hash of a movie it did not change instead of reading it again; any change of
// the file (content, size, times, a new inode) is hashed afresh. The cache folder is a temp
// folder here (CELLPILOT_CACHE_DIR); vitest.config.ts turns the cache off for other tests.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { xxhash128 } from 'hash-wasm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contentHash, forgetHashesInMemory, hashingReads, hashOf, loadHasher, trimUserHashCache, USER_HASH_CACHE_LIMIT, userHashCacheDir } from '../../src/agent/provenance.ts';
import { openMovie, writeMovie } from '../../src/image/index.ts';
import { simulate } from '../../src/sim/index.ts';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'cellpilot-usercache-'));
}

let saved: string | undefined;
let cacheRoot: string;
beforeEach(() => {
  saved = process.env.CELLPILOT_CACHE_DIR;
  cacheRoot = tempDir();
  process.env.CELLPILOT_CACHE_DIR = cacheRoot;
  forgetHashesInMemory();
});
afterEach(() => {
  if (saved === undefined) delete process.env.CELLPILOT_CACHE_DIR;
  else process.env.CELLPILOT_CACHE_DIR = saved;
  forgetHashesInMemory();
});

/** The one entry of the cache folder (the test wrote one file). */
function onlyEntry(): string {
  const names = readdirSync(userHashCacheDir()!);
  expect(names).toHaveLength(1);
  return join(userHashCacheDir()!, names[0]!);
}

/** Times exact to the nanosecond when read back (whole seconds), so they can be put back exactly. */
const WHOLE_SECOND = new Date('2026-01-02T03:04:05Z');

/** Rewrites `file` in place with the same size and gives it back its times: only the ctime tells. */
function rewriteKeepingTimes(file: string, text: string): void {
  const before = statSync(file);
  expect(before.mtime.getTime()).toBe(WHOLE_SECOND.getTime());
  // the file system's clock may not have moved since the last write: wait until the ctime does
  for (let i = 0; i < 1000; i++) {
    writeFileSync(file, text);
    utimesSync(file, WHOLE_SECOND, WHOLE_SECOND);
    const after = statSync(file);
    expect(after.mtimeMs).toBe(before.mtimeMs);
    if (after.ctimeMs !== before.ctimeMs) return;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
  }
  throw new Error('the ctime never changed');
}

describe('per-user content hash cache', () => {
  it('reuses a hash from an earlier process and another session, without reading the file', async () => {
    const file = join(tempDir(), 'movie.tif');
    writeFileSync(file, 'raw pixels');
    const first = await hashOf(file, tempDir());
    expect(first).toEqual({ algorithm: 'xxh128', digest: await xxhash128('raw pixels'), bytes: 10 });
    // prove the later process reads the cache, not the file: plant a digest in the entry
    const entry = onlyEntry();
    writeFileSync(entry, JSON.stringify({ ...JSON.parse(readFileSync(entry, 'utf8')), digest: 'planted' }));
    forgetHashesInMemory();
    const before = hashingReads.bytes;
    expect(contentHash(file, tempDir())?.digest).toBe('planted');
    expect(hashingReads.bytes).toBe(before);
  });

  it('hashes again a file rewritten in place with the same size and its old times put back', async () => {
    const file = join(tempDir(), 'movie.tif');
    writeFileSync(file, 'raw pixels');
    utimesSync(file, WHOLE_SECOND, WHOLE_SECOND);
    await hashOf(file, tempDir());
    rewriteKeepingTimes(file, 'new pixels');
    expect(statSync(file).size).toBe(10);
    forgetHashesInMemory();
    expect(contentHash(file, tempDir())?.digest).toBe(await xxhash128('new pixels'));
  });

  it('hashes again a file replaced by another (a new inode) at the same path', async () => {
    const dir = tempDir();
    const file = join(dir, 'movie.tif');
    writeFileSync(file, 'raw pixels');
    utimesSync(file, WHOLE_SECOND, WHOLE_SECOND);
    await hashOf(file, tempDir());
    writeFileSync(join(dir, 'next.tif'), 'new pixels');
    utimesSync(join(dir, 'next.tif'), WHOLE_SECOND, WHOLE_SECOND);
    renameSync(join(dir, 'next.tif'), file);
    forgetHashesInMemory();
    expect(contentHash(file, tempDir())?.digest).toBe(await xxhash128('new pixels'));
  });

  it('never takes an entry written for another file, even under the same name', async () => {
    const file = join(tempDir(), 'movie.tif');
    writeFileSync(file, 'raw pixels');
    await hashOf(file, tempDir());
    const entry = onlyEntry();
    writeFileSync(entry, JSON.stringify({ ...JSON.parse(readFileSync(entry, 'utf8')), key: 'another file', digest: 'wrong' }));
    forgetHashesInMemory();
    expect(contentHash(file, tempDir())?.digest).toBe(await xxhash128('raw pixels'));
  });

  it('knows a movie written by an earlier command: a later read neither follows nor rereads it', async () => {
    await loadHasher();
    const file = join(tempDir(), 'written.tif');
    await writeMovie(file, simulate({ frames: 6, width: 64, height: 64, cells: 3, seed: 3, divisionRate: 0 }).movie);
    const expected = await xxhash128(readFileSync(file));
    forgetHashesInMemory(); // a new process
    const before = hashingReads.bytes;
    const movie = await openMovie(file);
    for (let t = 0; t < movie.shape.t; t++) await movie.plane(t, 0, 0);
    await movie.close();
    expect(contentHash(file, tempDir())?.digest).toBe(expected);
    expect(hashingReads.bytes).toBe(before);
  });

  it('is off when CELLPILOT_CACHE_DIR is empty: nothing written, every process hashes', async () => {
    process.env.CELLPILOT_CACHE_DIR = '';
    expect(userHashCacheDir()).toBeUndefined();
    const file = join(tempDir(), 'movie.tif');
    writeFileSync(file, 'raw pixels');
    await hashOf(file);
    forgetHashesInMemory();
    const before = hashingReads.bytes;
    expect(contentHash(file)?.digest).toBe(await xxhash128('raw pixels'));
    expect(hashingReads.bytes - before).toBe(10);
    expect(readdirSync(cacheRoot)).toEqual([]);
  });

  it('keeps at most USER_HASH_CACHE_LIMIT entries, removing the oldest first', async () => {
    const dir = join(cacheRoot, 'hashes');
    mkdirSync(dir, { recursive: true });
    const extra = 10;
    for (let i = 0; i < USER_HASH_CACHE_LIMIT + extra; i++) {
      const path = join(dir, `old-${String(i).padStart(5, '0')}.json`);
      writeFileSync(path, '{}');
      utimesSync(path, new Date(1e12 + i * 1000), new Date(1e12 + i * 1000));
    }
    // (a write trims the folder when its entry's name begins with 0, about one in 16)
    trimUserHashCache();
    const names = readdirSync(dir);
    expect(names.length).toBeLessThanOrEqual(USER_HASH_CACHE_LIMIT);
    expect(names).not.toContain('old-00000.json');
    expect(names).toContain(`old-${String(USER_HASH_CACHE_LIMIT + extra - 1).padStart(5, '0')}.json`);
  });
});
