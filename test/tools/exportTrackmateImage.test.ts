// A TrackMate XML names the intensity movie the tracks were made on (Fiji opens it and draws
// the tracks over it), found through what each step of the session read; never the masks.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ArtifactStore, createToolContext } from '../../src/agent/artifacts.ts';
import { writeMovie } from '../../src/image/index.ts';
import { simulate } from '../../src/sim/index.ts';
import { movieOfLabels } from '../../tools/common.ts';
import { tools } from '../../tools/track.ts';
import type { ArtifactRecord } from '../../tools/types.ts';

const dir = mkdtempSync(join(tmpdir(), 'cellpilot-export-trackmate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function imageDataOf(xmlPath: string): { filename: string; folder: string } {
  const tag = /<ImageData [^>]*>/.exec(readFileSync(xmlPath, 'utf8'))![0];
  return { filename: /filename="([^"]*)"/.exec(tag)![1], folder: /folder="([^"]*)"/.exec(tag)![1] };
}

describe('TrackMate export names the intensity movie', () => {
  const sim = simulate({ frames: 4, width: 48, height: 48, cells: 3, seed: 5, divisionRate: 0 });
  const store = new ArtifactStore(join(dir, 'session'));
  const session = (toolName: string) => createToolContext({ sessionDir: join(dir, 'session'), store, toolName });
  async function call(name: string, args: unknown) {
    const spec = tools.find((t) => t.name === name)!;
    return spec.run(spec.schema.parse(args) as never, session(name));
  }

  it('names the movie the labels were segmented from, through the repaired labels of the track step', async () => {
    const moviePath = join(dir, 'cells.tif');
    await writeMovie(moviePath, sim.movie);
    // a segment step as the session records it: it reads the movie and makes the labels
    const segment = session('segment');
    segment.resolve(moviePath, 'movie');
    const labelsPath = join(dir, 'session', 'artifacts', 'cells-labels.tif');
    await writeMovie(labelsPath, sim.labels);
    const labels = segment.addArtifact('labels', labelsPath, 'objects of cells.tif');
    expect(store.get(labels.id)!.madeFrom).toEqual([moviePath]);

    const tracked = await call('track', { labels: labels.id });
    const xml = await call('export', { format: 'trackmate', tracks: tracked.artifacts.find((a) => a.type === 'tracks')!.id });
    // it named cells-labels.tif (or its repaired copy): Fiji opened the masks under the tracks
    expect(imageDataOf(xml.artifacts[0].path)).toEqual({ filename: 'cells.tif', folder: dir });
    expect(xml.summary).toMatch(/image cells\.tif/);
  });

  it('says so when no movie is known for labels the session did not make, and takes one given as `movie`', async () => {
    const labelsPath = join(dir, 'own-labels.tif');
    await writeMovie(labelsPath, sim.labels);
    const tracked = await call('track', { labels: labelsPath });
    const tracksId = tracked.artifacts.find((a) => a.type === 'tracks')!.id;
    const unknown = await call('export', { format: 'trackmate', tracks: tracksId, output: join(dir, 'unknown.xml') });
    expect(imageDataOf(unknown.artifacts[0].path).filename).toBe('');
    expect(unknown.summary).toMatch(/no image named: .*give it as `movie`/);
    const moviePath = join(dir, 'given.tif');
    await writeMovie(moviePath, sim.movie);
    const given = await call('export', { format: 'trackmate', tracks: tracksId, movie: moviePath, output: join(dir, 'given.xml') });
    expect(imageDataOf(given.artifacts[0].path)).toEqual({ filename: basename(moviePath), folder: dirname(moviePath) });
  });
});

describe('movieOfLabels', () => {
  const record = (id: string, type: string, path: string, extra: Partial<ArtifactRecord> = {}): ArtifactRecord => ({ id, type: type as ArtifactRecord['type'], path, description: '', createdAt: '', ...extra });
  const raw = record('movie-1', 'movie', '/d/raw.tif', { source: { id: 'movie-1', path: '/d/raw.tif' } });
  const corrected = record('movie-2', 'movie', '/s/raw-corrected.tif', { producedBy: 'correct_drift', madeFrom: ['movie-1'], source: { id: 'movie-1', path: '/d/raw.tif' } });

  it('follows the movie a step read, not the raw movie at the root of the chain', () => {
    const labels = record('labels-1', 'labels', '/s/l.tif', { producedBy: 'segment', madeFrom: ['movie-2'], source: raw.source });
    expect(movieOfLabels([raw, corrected, labels], '/s/l.tif')).toBe('/s/raw-corrected.tif');
  });

  it('takes the root movie for records written before inputs were kept, and nothing for unknown labels', () => {
    const old = record('labels-1', 'labels', '/s/l.tif', { producedBy: 'segment', source: raw.source });
    expect(movieOfLabels([raw, old], '/s/l.tif')).toBe('/d/raw.tif');
    expect(movieOfLabels([raw, old], '/elsewhere/l.tif')).toBeUndefined();
  });
});
