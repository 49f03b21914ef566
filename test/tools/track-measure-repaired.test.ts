import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readTableCsv } from '../../src/analysis/table.ts';
import { loadTracks } from '../../src/analysis/trackio.ts';
import { createToolContext } from '../../src/agent/artifacts.ts';
import { loadPipeline } from '../../src/agent/pipeline.ts';
import { movieFromPlanes } from '../../src/image/movie.ts';
import { writeMovie } from '../../src/image/index.ts';
import { simulate } from '../../src/sim/index.ts';
import { tools } from '../../tools/track.ts';

// The track step repairs the segmentation over time (splits objects that are two, merges fragments) and numbers the
// objects anew. Measurements made on the segmentation as it was would then count other objects than the tracks and
// give rows track ids of the wrong objects; measure given the tracks reads the labels they were made on.
const dir = mkdtempSync(join(tmpdir(), 'cellpilot-measure-repaired-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const ctx = createToolContext({ sessionDir: join(dir, 'session') });
async function call(name: string, args: unknown) {
  const spec = tools.find((t) => t.name === name)!;
  return spec.run(spec.schema.parse(args) as never, ctx);
}

describe('measure after the repair over time', () => {
  it('measures the objects of the repaired labels the tracks were made on, every row with its track', async () => {
    // true masks spoilt as a segmentation spoils them: sisters one object in the frame after their birth
    const sim = simulate({ frames: 24, cells: 8, width: 96, height: 96, seed: 1, divisionRate: 0.06 });
    const births = sim.lineage.filter((r) => r.parent > 0);
    const sisters = new Map<number, number[]>();
    for (const r of births) sisters.set(r.parent, [...(sisters.get(r.parent) ?? []), r.id]);
    const spoilt = movieFromPlanes(sim.labels.shape, 'uint16', (t) => {
      const plane = Uint16Array.from(sim.labels.planes[t] as Uint16Array);
      for (const kids of sisters.values()) {
        const start = births.find((r) => r.id === kids[0])!.start;
        if (kids.length === 2 && t === start + 1) for (let i = 0; i < plane.length; i++) if (plane[i] === kids[1]) plane[i] = kids[0];
      }
      return plane;
    });
    const labelsPath = join(dir, 'labels.tif');
    const moviePath = join(dir, 'movie.tif');
    await writeMovie(labelsPath, spoilt);
    await writeMovie(moviePath, sim.movie);
    const tracked = await call('track', { labels: labelsPath, movie: moviePath });
    const repaired = tracked.artifacts.find((a) => a.type === 'labels');
    expect(repaired, tracked.summary).toBeDefined();
    expect((tracked.values as { objectsSplit: number }).objectsSplit).toBeGreaterThanOrEqual(3);
    const tracks = await loadTracks(tracked.artifacts[0].path);
    const tracksId = tracked.artifacts[0].id;

    // the segmentation as it was: fewer objects than the tracks hold
    const asSegmented = await call('measure', { kind: 'objects', labels: labelsPath, movie: moviePath });
    expect((asSegmented.values as { objects: number }).objects).toBeLessThan(tracks.spots.length);

    for (const args of [{ tracks: tracksId }, { tracks: tracksId, labels: labelsPath }]) {
      const measured = await call('measure', { kind: 'objects', movie: moviePath, ...args });
      const v = measured.values as { objects: number; labels: string };
      expect(v.labels).toBe(repaired!.path);
      expect(v.objects).toBe(tracks.spots.length);
      expect(measured.summary).toMatch(/repaired|tracks were made on/);
      const rows = readTableCsv(measured.artifacts[0].path).rows;
      expect(rows.every((r) => typeof r.branch_id === 'number')).toBe(true);
      // each row's branch is the one the tracks gave that object
      const branchAt = new Map(tracks.spots.map((s) => [`${s.t}:${s.label}`, s.branchId]));
      expect(rows.every((r) => branchAt.get(`${r.t}:${r.label}`) === r.branch_id)).toBe(true);
    }
    // labels with no tracks: measured as given
    const plain = await call('measure', { kind: 'objects', labels: labelsPath });
    expect((plain.values as { labels: string }).labels).toBe(labelsPath);
  }, 60_000);

  it('every shipped pipeline that tracks measures the tracks (their repaired labels), not the segmentation', () => {
    const folder = fileURLToPath(new URL('../../pipelines/', import.meta.url));
    const files = readdirSync(folder).filter((f) => f.endsWith('.yaml'));
    expect(files).toEqual(expect.arrayContaining(['nuclei-tracking.yaml', 'cell-tracking.yaml']));
    for (const file of files) {
      const pipeline = loadPipeline(join(folder, file));
      const track = pipeline.steps.find((s) => s.tool === 'track');
      const measure = pipeline.steps.find((s) => s.tool === 'measure');
      if (!track || !measure) continue;
      expect(measure.args.tracks, file).toBe(`\${steps.${track.id}.tracks}`);
      expect(measure.args.labels, file).toBeUndefined();
      expect(pipeline.steps.indexOf(measure), file).toBeGreaterThan(pipeline.steps.indexOf(track));
    }
    // the whole-cell pipeline asks the segment step for whole cells
    const cells = loadPipeline(join(folder, 'cell-tracking.yaml'));
    expect(cells.steps.find((s) => s.tool === 'segment')!.args.target).toBe('cells');
  });
});
