// Every long-running step reports progress and stops when cancelled mid-way: the step
// ends "cancelled", registers no artifact, leaves no finished-looking output file, and the
// session goes on working.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStep } from '../../src/agent/executor.ts';
import { Session } from '../../src/agent/session.ts';
import { writeMovie } from '../../src/image/index.ts';
import { simulate } from '../../src/sim/index.ts';
import { ALL_TOOLS } from '../../src/agent/allTools.ts';

const dir = mkdtempSync(join(tmpdir(), 'cellpilot-cancel-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let session: Session;
const ids: Record<string, string> = {};

beforeAll(async () => {
  const sim = simulate({ frames: 6, width: 64, height: 64, cells: 5, seed: 21, driftPx: 3, divisionRate: 0 });
  await writeMovie(join(dir, 'movie.tif'), sim.movie);
  session = Session.create({ root: dir, id: 'cancel' });
  ids.movie = session.addInput('movie', join(dir, 'movie.tif')).id;
  const segmented = await runStep(session, ALL_TOOLS, 'segment', { movie: ids.movie });
  ids.labels = segmented.artifacts[0].id;
  const tracked = await runStep(session, ALL_TOOLS, 'track', { labels: ids.labels });
  ids.tracks = tracked.artifacts[0].id;
}, 60000);

/** Each long-running tool with arguments that make it work plane by plane. */
const CASES: [string, (ids: Record<string, string>) => Record<string, unknown>][] = [
  ['denoise', (a) => ({ movie: a.movie, method: 'nlmeans' })],
  ['denoise', (a) => ({ movie: a.movie, method: 'gaussian' })],
  ['segment', (a) => ({ movie: a.movie })],
  ['correct_drift', (a) => ({ movie: a.movie })],
  ['correct_bleach', (a) => ({ movie: a.movie })],
  ['project', (a) => ({ movie: a.movie })],
  ['track', (a) => ({ labels: a.labels })],
  ['measure', (a) => ({ kind: 'objects', labels: a.labels, movie: a.movie })],
  ['export', (a) => ({ format: 'tiff', movie: a.movie })],
  ['plot', (a) => ({ kind: 'projection', movie: a.movie, tracks: a.tracks })],
];

describe('cancel mid-way', () => {
  it.each(CASES.map(([tool, args]) => [`${tool} ${JSON.stringify(args({ movie: 'movie', labels: 'labels', tracks: 'tracks' }))}`, tool, args] as const))('%s', async (_, tool, args) => {
    const before = session.store.list().length;
    const filesBefore = new Set(readdirSync(join(session.dir, 'artifacts')));
    const controller = new AbortController();
    let events = 0;
    const outcome = await runStep(session, ALL_TOOLS, tool, args(ids), {
      signal: controller.signal,
      onProgress: () => {
        events++;
        controller.abort();
      },
    });
    expect(events, `${tool} reports progress`).toBeGreaterThan(0);
    expect(outcome.status).toBe('cancelled');
    expect(outcome.artifacts).toEqual([]);
    expect(session.store.list()).toHaveLength(before);
    expect(session.provenance.read().at(-1)).toMatchObject({ tool, status: 'cancelled', outputs: [] });
    const leftovers = readdirSync(join(session.dir, 'artifacts')).filter((f) => !filesBefore.has(f) && !f.endsWith('.partial'));
    expect(leftovers, `${tool} leaves no finished-looking file`).toEqual([]);
    // the session goes on: the same step runs to the end afterwards
    const again = await runStep(session, ALL_TOOLS, tool, args(ids));
    expect(again.status, again.error).toBe('ok');
  }, 60000);
});
