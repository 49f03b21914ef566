// Provenance hashing (issue 16.1): each file is hashed once per session, the hash is reused
// by later steps and later processes (hashes.jsonl), the algorithm is recorded, and special
// files and folders cost no read of their content.
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { xxhash128 } from 'hash-wasm';
import { describe, expect, it } from 'vitest';
import { contentHash, forgetHashesInMemory, hashOf } from '../../src/agent/provenance.ts';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'cellpilot-prov-'));
}

describe('content hashes for provenance', () => {
  it('hashes a file with xxh128 once per session and reuses it from hashes.jsonl in a later process', async () => {
    const dir = tempDir();
    const file = join(dir, 'movie.tif');
    writeFileSync(file, 'raw pixels');
    const first = await hashOf(file, dir);
    expect(first).toEqual({ algorithm: 'xxh128', digest: await xxhash128('raw pixels'), bytes: 10 });
    expect(contentHash(file, dir)).toEqual(first);
    const lines = readFileSync(join(dir, 'hashes.jsonl'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(1);
    // a later process reads the session's cache instead of the file: prove it by a planted digest
    const entry = JSON.parse(lines[0]);
    appendFileSync(join(dir, 'hashes.jsonl'), JSON.stringify({ ...entry, digest: 'planted' }) + '\n');
    forgetHashesInMemory();
    expect(contentHash(file, dir)?.digest).toBe('planted');
  });

  it('hashes again when the file changes (size, mtime or inode)', async () => {
    const dir = tempDir();
    const file = join(dir, 'movie.tif');
    writeFileSync(file, 'raw pixels');
    const before = await hashOf(file, dir);
    writeFileSync(file, 'new pixels');
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect(contentHash(file, dir)?.digest).not.toBe(before?.digest);
    expect(contentHash(file, dir)?.digest).toBe(await xxhash128('new pixels'));
  });

  it('gives a folder a hash of its own listing, never reading below it, and a FIFO none', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'frames', 'deep'), { recursive: true });
    writeFileSync(join(dir, 'frames', 't0.tif'), 'a');
    try {
      execFileSync('mkfifo', [join(dir, 'frames', 'deep', 'pipe')]);
      execFileSync('mkfifo', [join(dir, 'pipe.tif')]);
    } catch {
      return console.log('mkfifo is missing: skipping');
    }
    expect(contentHash(join(dir, 'frames'))).toMatchObject({ algorithm: 'sha256-listing', bytes: 1 });
    expect(contentHash(join(dir, 'pipe.tif'))).toBeUndefined();
  });
});
