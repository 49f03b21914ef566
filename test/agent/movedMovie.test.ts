// A session whose movie was moved: resuming says which movie is gone and where it was; loading
// the same content from its new place gives it back its id, so a step on it runs again (a
// rerun on "movie-1" failed with "movie-1: no such file" even after the moved file was loaded).
import { mkdirSync, mkdtempSync, renameSync } from 'node:fs';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { missingInputsLine } from '../../src/agent/artifacts.ts';
import { ALL_TOOLS } from '../../src/agent/allTools.ts';
import { runStep } from '../../src/agent/executor.ts';
import { Session } from '../../src/agent/session.ts';
import { writeMovie } from '../../src/image/index.ts';
import { simulate } from '../../src/sim/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'cellpilot-moved-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a movie moved after the session read it', () => {
  it('is named on resume, takes its id back when loaded from its new place, and its steps run again', async () => {
    const first = join(dir, 'cells.tif');
    await writeMovie(first, simulate({ frames: 3, width: 48, height: 48, cells: 3, seed: 4, divisionRate: 0 }).movie);
    await writeMovie(join(dir, 'other.tif'), simulate({ frames: 3, width: 48, height: 48, cells: 3, seed: 5, divisionRate: 0 }).movie);
    const session = Session.create({ root: dir, id: 's' });
    const movie = session.addInput('movie', first);
    const segmented = await runStep(session, ALL_TOOLS, 'segment', { movie: movie.id });
    expect(segmented.status).toBe('ok');

    const moved = join(dir, 'moved here', 'cells é.tif');
    mkdirSync(join(dir, 'moved here'));
    renameSync(first, moved);
    // resumed: the movie that is gone, with its id and old path
    const resumed = Session.open('s', { root: dir });
    expect(missingInputsLine(resumed.store.list())).toContain(`${movie.id} (${first})`);
    const gone = await runStep(resumed, ALL_TOOLS, 'segment', { movie: movie.id, method: 'otsu' });
    expect(gone.status).not.toBe('ok');
    expect(gone.error ?? gone.summary).toContain(`${movie.id} was ${first}, which is no longer there`);

    // loaded from the new place: the same id, its path now the new one, and a step on it runs
    const loaded = await runStep(resumed, ALL_TOOLS, 'load_movie', { movie: moved });
    expect(loaded.status).toBe('ok');
    expect(loaded.artifacts[0].id).toBe(movie.id);
    expect(loaded.summary).toContain(`the same movie as ${movie.id}, ${first}, which is no longer there`);
    const again = await runStep(resumed, ALL_TOOLS, 'segment', { movie: movie.id, method: 'otsu' });
    expect(again.status, again.error).toBe('ok');
    expect(missingInputsLine(resumed.store.list())).toBe('');
    // and so after the session is opened again from its files
    expect(Session.open('s', { root: dir }).store.get(movie.id)?.path).toBe(moved);

    // a different movie loaded is a new artifact, never a stand-in for the gone one
    renameSync(moved, first + '.bak');
    const other = await runStep(Session.open('s', { root: dir }), ALL_TOOLS, 'load_movie', { movie: join(dir, 'other.tif') });
    expect(other.status).toBe('ok');
    expect(other.artifacts[0].id).not.toBe(movie.id);
  });
});
