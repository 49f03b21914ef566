// Outputs a person names: the folder they name is made, as a save dialog would (the write failed
// with Node's "ENOENT ... x.csv.partial"); a folder that cannot be made is one line saying why.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runStep } from '../../src/agent/executor.ts';
import { Session } from '../../src/agent/session.ts';
import { fakeTools } from './fakeTools.ts';

function sessionWithMovie(): { root: string; session: Session } {
  const root = mkdtempSync(join(tmpdir(), 'cellpilot-filepolicy-'));
  writeFileSync(join(root, 'raw.tif'), 'raw pixels');
  const session = Session.create({ root: join(root, 'sessions') });
  session.addInput('movie', join(root, 'raw.tif'));
  return { root, session };
}

describe('file policy: a named output', () => {
  it('goes into the folders it names, made when they do not exist yet', async () => {
    const { root, session } = sessionWithMovie();
    const output = join(root, 'results', 'day2', 'drift.txt');
    const outcome = await runStep(session, fakeTools, 'correct_drift', { movie: 'movie-1', output }, { typed: [`correct the drift and save it as ${output}`] });
    expect(outcome.error).toBeUndefined();
    expect(outcome.status).toBe('ok');
    expect(readFileSync(output, 'utf8')).toMatch(/^correct_drift /);
  });

  it('named as a folder ("save it to results/"): a file inside it, under the tool\'s own name', async () => {
    const { root, session } = sessionWithMovie();
    const folder = join(root, 'results');
    const outcome = await runStep(session, fakeTools, 'correct_drift', { movie: 'movie-1', output: `${folder}/` }, { typed: [`correct the drift and save it to ${folder}/`] });
    expect(outcome.status).toBe('ok');
    const written = readdirSync(folder);
    expect(written).toHaveLength(1);
    expect(readFileSync(join(folder, written[0]), 'utf8')).toMatch(/^correct_drift /);
    // (a file named inside that folder by the tool's caller alone, not by the person, is still refused)
    const other = await runStep(session, fakeTools, 'correct_drift', { movie: 'movie-1', output: join(folder, 'other.txt') }, { typed: [`correct the drift and save it to ${folder}/`] });
    expect(other.status).not.toBe('ok');
    expect(other.error).toMatch(/outputs go in the session folder unless you name the path yourself/);
  });

  it('in a folder that cannot be made: one line naming the folder and why, nothing written', async () => {
    if (process.getuid?.() === 0) return; // root writes anywhere: nothing to refuse
    const { root, session } = sessionWithMovie();
    const locked = join(root, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o555);
    const output = join(locked, 'sub', 'drift.txt');
    const outcome = await runStep(session, fakeTools, 'correct_drift', { movie: 'movie-1', output }, { typed: [`save it as ${output}`] });
    expect(outcome.status).not.toBe('ok');
    expect(outcome.error).toMatch(/cannot create the folder .*locked.*(permission denied|read-only)/);
    expect(outcome.error).not.toMatch(/ENOENT|EACCES|\.partial/);
    expect(existsSync(join(locked, 'sub'))).toBe(false);
  });
});
