// The artifact store: every artifact names the movie it derives from, a call mixing two
// movies is refused with one line, and paths with ~ work.
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { xxhash128 } from 'hash-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { expandHome, userPath } from '../../src/agent/artifacts.ts';
import { runStep } from '../../src/agent/executor.ts';
import { hashingReads } from '../../src/agent/provenance.ts';
import { Session } from '../../src/agent/session.ts';
import { movieFromPlanes, writeMovie } from '../../src/image/index.ts';
import { simulate } from '../../src/sim/index.ts';
import { ALL_TOOLS } from '../../src/agent/allTools.ts';

const dir = mkdtempSync(join(tmpdir(), 'cellpilot-artifacts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const xxh128 = (path: string) => xxhash128(readFileSync(path));

describe('artifacts know their movie', () => {
  it('records the source movie of every derived artifact and refuses to mix two movies', async () => {
    const paths = [join(dir, 'a.tif'), join(dir, 'b.tif')];
    for (const [i, path] of paths.entries()) await writeMovie(path, simulate({ frames: 3, width: 48, height: 48, cells: 3, seed: 10 + i, divisionRate: 0 }).movie);
    const session = Session.create({ root: dir, id: 'mix' });
    const [a, b] = paths.map((p) => session.addInput('movie', p));
    const run = (name: string, args: Record<string, unknown>) => runStep(session, ALL_TOOLS, name, args);
    const labelsA = (await run('segment', { movie: a.id })).artifacts[0];
    const labelsB = (await run('segment', { movie: b.id })).artifacts[0];
    const tracksA = (await run('track', { labels: labelsA.id })).artifacts[0];
    const record = (id: string) => session.store.get(id)!;
    // the movie's content hash (taken while segment read it, never a pass of its own)
    expect(record(labelsA.id).source).toEqual({ id: a.id, path: paths[0], hash: await xxh128(paths[0]), hashAlgorithm: 'xxh128' });
    expect(record(a.id).source).toMatchObject({ id: a.id, path: paths[0] });
        expect(record(tracksA.id).source?.id).toBe(a.id);
    expect(record(labelsB.id).source).toMatchObject({ id: b.id, hash: await xxh128(paths[1]) });

    const mixed = await run('measure', { kind: 'objects', labels: labelsB.id, tracks: tracksA.id });
    expect(mixed.status).not.toBe('ok');
    // both artifacts named with their movies, in whichever order measure reads them
    const labelsFromB = `${labelsB.id}(?: comes)? from ${b.id} \\(b.tif\\)`;
    const tracksFromA = `${tracksA.id}(?: comes)? from ${a.id} \\(a.tif\\)`;
    expect(mixed.error).toMatch(new RegExp(`${labelsFromB} but ${tracksFromA}|${tracksFromA} but ${labelsFromB}`));
    expect(mixed.error).not.toContain('\n');
    // the same movie's artifacts go together, and ids given are honoured
    const fine = await run('measure', { kind: 'objects', labels: labelsA.id, tracks: tracksA.id });
    expect(fine.status).toBe('ok');
    expect(record(fine.artifacts[0].id).source?.id).toBe(a.id);
    const plotB = await run('plot', { kind: 'projection', movie: b.id });
    expect(plotB.status).toBe('ok');
    expect(record(plotB.artifacts[0].id).source?.id).toBe(b.id);
  }, 60000);

  it('reads a session written when folders were hashed with sha256 (sha256-listing): its folder movie still runs and its outputs keep that source', async () => {
    const folder = join(dir, 'old-frames');
    mkdirSync(folder);
    for (let t = 0; t < 3; t++) await writeMovie(join(folder, `t00${t}.tif`), movieFromPlanes({ t: 1, z: 1, c: 1, y: 16, x: 16 }, 'uint16', () => new Uint16Array(256).fill(10 * t + 1)));
    const sessionDir = join(dir, 'old-session');
    Session.create({ root: dir, id: 'old-session' });
    const source = { id: 'movie-1', path: folder, hash: 'a'.repeat(64), hashAlgorithm: 'sha256-listing' };
    appendFileSync(join(sessionDir, 'artifacts.jsonl'), JSON.stringify({ id: 'movie-1', type: 'movie', path: folder, description: 'frames', createdAt: '2026-12-01T00:00:00.000Z', source }) + '\n');
    const session = Session.open('old-session', { root: dir });
    expect(session.store.get('movie-1')?.source).toEqual(source);
    const out = await runStep(session, ALL_TOOLS, 'project', { movie: 'movie-1', method: 'max' });
    expect(out.status).toBe('ok');
    expect(session.store.get(out.artifacts[0].id)?.source).toEqual(source);
    // a new read of the same folder records the new algorithm; the two hashes are never compared (same folder: same movie)
    const again = await runStep(session, ALL_TOOLS, 'project', { movie: folder, method: 'mean' });
    expect(again.status).toBe('ok');
  }, 30000);

  it('hashes a raw movie for provenance and its source while the tool reads it, not in passes of their own', async () => {
    const path = join(dir, 'once.tif');
    await writeMovie(path, simulate({ frames: 16, width: 64, height: 64, cells: 3, seed: 3, divisionRate: 0 }).movie);
    const session = Session.create({ root: dir, id: 'once' });
    const before = hashingReads.bytes;
    const step = await runStep(session, ALL_TOOLS, 'project', { movie: path, method: 'max' });
    expect(step.status).toBe('ok');
    const digest = await xxh128(path);
    expect(session.store.get(step.artifacts[0].id)?.source).toMatchObject({ path, hash: digest, hashAlgorithm: 'xxh128' });
    expect(session.provenance.read()[0].inputs[0]).toMatchObject({ path, hash: digest });
    // the projection's own output is hashed by a read (small); the movie costs no pass of its own
    expect(hashingReads.bytes - before).toBeLessThan(statSync(path).size / 4);
  });

  it('expands ~ and resolves relative paths from the current folder', () => {
    expect(expandHome('~')).toBe(homedir());
    expect(expandHome('~/data/cells.tif')).toBe(join(homedir(), 'data/cells.tif'));
    expect(expandHome('a~/b')).toBe('a~/b');
    expect(userPath('x/y.tif')).toBe(join(process.cwd(), 'x/y.tif'));
    const session = Session.create({ root: dir, id: 'home' });
    const ctx = session.context();
    expect(() => ctx.resolve('~/surely-not-here-cellpilot.tif')).toThrow(/no such file/);
    expect(ctx.outputPath('x.csv', '~/out.csv')).toBe(join(homedir(), 'out.csv'));
  });

  it('writes a file named for a folder inside it, under its own name, and a folder output as that folder', () => {
    const ctx = Session.create({ root: dir, id: 'folders' }).context();
    const results = join(dir, 'results');
    // ("save the masks to results/": the folder is made, the file goes in it)
    expect(ctx.outputPath('cells-labels.tif', `${results}/`)).toBe(join(results, 'cells-labels.tif'));
    expect(statSync(results).isDirectory()).toBe(true);
    // an existing folder without the slash, and a name already taken there
    appendFileSync(join(results, 'cells-labels.tif'), 'x');
    expect(ctx.outputPath('cells-labels.tif', results)).toBe(join(results, 'cells-labels-2.tif'));
    // (a CTC folder is written as the folder named)
    expect(ctx.outputPath('cells-ctc', join(dir, 'ctc-out/'))).toBe(join(dir, 'ctc-out/'));
  });
});
