// Provenance hashing (issue 16.1): each file is hashed once per session, the hash is reused
// by later steps and later processes (hashes.jsonl), the algorithm is recorded, and special
// files and folders cost no read of their content.
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { xxhash128 } from 'hash-wasm';
import { describe, expect, it } from 'vitest';
import { contentHash, fillsGap, forgetHashesInMemory, hashingReads, hashOf, loadHasher } from '../../src/agent/provenance.ts';
import { createMovieWriter, openMovie, writeMovie } from '../../src/image/index.ts';
import { simulate } from '../../src/sim/index.ts';
import { DATA_DIR } from '../image/helpers.ts';

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
    // xxh128 of the sorted listing (name, size, mtime), not node:crypto's sha256 (sessions before 5 December 2026)
    const t0 = statSync(join(dir, 'frames', 't0.tif'));
    const deep = statSync(join(dir, 'frames', 'deep'));
    const listing = [`deep\0${deep.size}\0${deep.mtimeMs}`, `t0.tif\0${t0.size}\0${t0.mtimeMs}`].sort().map((l) => l + '\n').join('');
    expect(contentHash(join(dir, 'frames'))).toEqual({ algorithm: 'xxh128-listing', digest: await xxhash128(listing), bytes: 1 });
    expect(contentHash(join(dir, 'pipe.tif'))).toBeUndefined();
  });

  it('hashes a movie while a tool reads it: no second pass, and the same digest as a full read', async () => {
    await loadHasher();
    const dir = tempDir();
    const file = join(dir, 'movie.tif');
    await writeMovie(file, simulate({ frames: 12, width: 64, height: 64, cells: 3, seed: 4, divisionRate: 0 }).movie);
    forgetHashesInMemory(); // the hash taken while it was written: this test is about reading
    const size = statSync(file).size;
    const expected = await xxhash128(readFileSync(file));
    const movie = await openMovie(file);
    for (let t = 0; t < movie.shape.t; t++) await movie.plane(t, 0, 0);
    await movie.close();
    const before = hashingReads.bytes;
    expect(contentHash(file, dir)).toEqual({ algorithm: 'xxh128', digest: expected, bytes: size });
    // only what the reader skipped (IFDs at the end, at most) is read for the hash
    expect(hashingReads.bytes - before).toBeLessThan(size / 4);
  });

  it('fills a gap of skipped image directories ahead of large planes, never one larger than a quarter of the read', () => {
    expect(fillsGap(122_000, 8 << 20)).toBe(true); // 520 IFDs ahead of 8 MiB planes (a 4 GiB BigTIFF)
    expect(fillsGap(1 << 16, 100)).toBe(true); // small gaps always
    expect(fillsGap(500_000, 200)).toBe(false); // a frame opened at its IFD after the pixels
    expect(fillsGap(8 << 20, 8 << 20)).toBe(false); // a plane skipped: read out of order
  });

  it('hashes a movie whose image directories (over 64 KiB) precede its planes with no second pass', async () => {
    await loadHasher();
    const dir = tempDir();
    const file = join(dir, 'many.tif');
    const frames = 300; // BigTIFF: 300 directories of 234 bytes, ~70 KB before the first 295 KB plane
    const plane = new Uint16Array(384 * 384).map((_, i) => i);
    // an ImageJ hyperstack: the reader finds the planes from its description and skips the directories
    const writer = await createMovieWriter(file, { shape: { t: frames, z: 1, c: 1, y: 384, x: 384 }, dtype: 'uint16', meta: { channelNames: ['C1'] }, bigTiff: true });
    for (let t = 0; t < frames; t++) await writer.writePlane(plane);
    await writer.close();
    forgetHashesInMemory(); // the hash taken while it was written: this test is about reading
    const movie = await openMovie(file);
    for (let t = 0; t < 2; t++) await movie.plane(t, 0, 0);
    await movie.close();
    const before = hashingReads.bytes;
    const size = statSync(file).size;
    expect(contentHash(file, dir)).toEqual({ algorithm: 'xxh128', digest: await xxhash128(readFileSync(file)), bytes: size });
    // only what follows the two planes read is read for the hash (was the whole movie from its first directory on)
    expect(hashingReads.bytes - before).toBeLessThanOrEqual(size - 2 * plane.byteLength);
    rmSync(dir, { recursive: true, force: true });
  });

  const ctcFrames = join(DATA_DIR, 'ctc-Fluo-N2DH-SIMplus', '01');
  it.skipIf(!existsSync(ctcFrames))('reads a frame whose image directory follows its pixels once: the pixels are not read ahead only to hash them', async () => {
    await loadHasher();
    forgetHashesInMemory();
    const before = hashingReads.bytes;
    const movie = await openMovie(ctcFrames); // a folder of LZW frames, each IFD after the strips (as CTC writes them)
    for (let t = 0; t < 2; t++) await movie.plane(t, 0, 0);
    await movie.close();
    const first = join(ctcFrames, 't000.tif');
    expect(hashingReads.bytes - before).toBeLessThan(statSync(first).size / 4);
  });

  it('gives the right digest when only part of a movie was read, out of order, or it changed after the read', async () => {
    await loadHasher();
    const dir = tempDir();
    const file = join(dir, 'movie.tif');
    await writeMovie(file, simulate({ frames: 12, width: 64, height: 64, cells: 3, seed: 5, divisionRate: 0 }).movie);
    forgetHashesInMemory();
    const movie = await openMovie(file);
    for (const t of [9, 10, 2, 0]) await movie.plane(t, 0, 0);
    await movie.close();
    expect(contentHash(file, dir)?.digest).toBe(await xxhash128(readFileSync(file)));

    const other = join(dir, 'other.tif');
    await writeMovie(other, simulate({ frames: 6, width: 64, height: 64, cells: 3, seed: 6, divisionRate: 0 }).movie);
    forgetHashesInMemory();
    const reading = await openMovie(other);
    for (let t = 0; t < 6; t++) await reading.plane(t, 0, 0);
    await reading.close();
    // replaced after it was read (a new inode and time): the new content is what is hashed
    await writeMovie(other, simulate({ frames: 6, width: 64, height: 64, cells: 3, seed: 7, divisionRate: 0 }).movie);
    utimesSync(other, new Date(), new Date(Date.now() + 5000));
    expect(contentHash(other, dir)?.digest).toBe(await xxhash128(readFileSync(other)));
  });

  it('hashes a movie while the writer writes it: no read at all, the digest of the file in place', async () => {
    await loadHasher();
    const dir = tempDir();
    const file = join(dir, 'written.tif');
    await writeMovie(file, simulate({ frames: 8, width: 64, height: 64, cells: 3, seed: 8, divisionRate: 0 }).movie);
    const before = hashingReads.bytes;
    const expected = await xxhash128(readFileSync(file));
    expect(contentHash(file, dir)).toEqual({ algorithm: 'xxh128', digest: expected, bytes: statSync(file).size });
    expect(hashingReads.bytes).toBe(before);
    // changed after it was written (a new time): read and hashed afresh
    writeFileSync(file, 'replaced');
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect(contentHash(file, dir)?.digest).toBe(await xxhash128('replaced'));
  });
});
