// A new biologist's first day (stop 17, brief U): what they did on the command line with
// real files, and what went wrong before each fix. Small files made here; no real data.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runStep } from '../../src/agent/executor.ts';
import { Session } from '../../src/agent/session.ts';
import { fakeTools } from './fakeTools.ts';

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'cellpilot-first-day-'));
}

describe('a movie stored as a folder of frames stays as it was', () => {
  it('refuses an output TIFF among the frames (it became a frame: the folder no longer opened as the movie)', async () => {
    const root = folder();
    const frames = join(root, 'stack_list');
    mkdirSync(frames);
    for (let t = 1; t <= 3; t++) writeFileSync(join(frames, `Stack-${t}.tif`), `frame ${t}`);
    const session = Session.create({ root: join(root, 'sessions') });
    session.addInput('movie', frames);
    const typed = [`segment it and save the labels as ${join(frames, 'Stack-4.tif')}`];
    const refused = await runStep(session, fakeTools, 'correct_drift', { movie: 'movie-1', output: join(frames, 'Stack-4.tif') }, { typed });
    expect(refused.status).not.toBe('ok');
    expect(refused.error).toMatch(/refusing to write .*Stack-4\.tif into .*stack_list, the folder of frames of an input movie/);
    expect(readdirSync(frames).sort()).toEqual(['Stack-1.tif', 'Stack-2.tif', 'Stack-3.tif']);
    // the same output outside the folder is fine
    const beside = join(root, 'labels.tif');
    expect((await runStep(session, fakeTools, 'correct_drift', { movie: 'movie-1', output: beside }, { typed: [`save it as ${beside}`] })).status).toBe('ok');
    expect(existsSync(beside)).toBe(true);
  });

  it('refuses it for a frame pattern too ("*xy1*.tif": the folder holds the frames)', async () => {
    const root = folder();
    for (let t = 1; t <= 2; t++) for (const xy of [1, 2]) writeFileSync(join(root, `exp_t00${t}xy${xy}.tif`), 'frame');
    const session = Session.create({ root: join(root, 'sessions') });
    session.addInput('movie', join(root, '*xy1*.tif'));
    const out = join(root, 'exp_t003xy1.tif');
    const refused = await runStep(session, fakeTools, 'correct_drift', { movie: 'movie-1', output: out }, { typed: [`save it as ${out}`] });
    expect(refused.error).toMatch(/the folder of frames of an input movie/);
    expect(existsSync(out)).toBe(false);
  });
});
