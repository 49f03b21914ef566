// subtract_background as a tool: its result, its words in the answer and in provenance, and
// what measure says about intensities read from its movie.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createToolContext } from '../../src/agent/artifacts.ts';
import { movieFromPlanes } from '../../src/image/movie.ts';
import { writeMovie } from '../../src/image/index.ts';
import { tools as preprocess } from '../../tools/preprocess.ts';
import { tools as trackTools } from '../../tools/track.ts';
import { tools as segmentTools } from '../../tools/segment.ts';

const dir = mkdtempSync(join(tmpdir(), 'cellpilot-background-tool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const all = [...preprocess, ...trackTools, ...segmentTools];
/** Runs a tool as the executor does: a context of its own on the session's store, its outputs recorded as made by it. */
async function call(name: string, args: unknown, session: ReturnType<typeof createToolContext>) {
  const spec = all.find((t) => t.name === name)!;
  return spec.run(spec.schema.parse(args) as never, createToolContext({ sessionDir: session.sessionDir, store: session.store, toolName: name }));
}

/** Four bright disks (radius 4 px) on a background rising 3 grey levels per pixel from left to right. */
const movie = movieFromPlanes({ t: 2, z: 1, c: 1, y: 48, x: 48 }, 'uint16', () => {
  const plane = new Uint16Array(48 * 48);
  for (let y = 0; y < 48; y++)
    for (let x = 0; x < 48; x++) plane[y * 48 + x] = 200 + 3 * x + ([12, 36].some((cx) => [12, 36].some((cy) => (x - cx) ** 2 + (y - cy) ** 2 <= 16)) ? 600 : 0);
  return plane;
});

describe('subtract_background', () => {
  const ctx = createToolContext({ sessionDir: join(dir, 'session') });
  const moviePath = join(dir, 'ramp.tif');

  it('writes a movie of the same type with the ramp gone, naming the method and the radius', async () => {
    await writeMovie(moviePath, movie);
    const result = await call('subtract_background', { movie: moviePath, radiusPx: 12 }, ctx);
    expect(result.artifacts.map((a) => a.type)).toEqual(['movie']);
    expect(result.summary).toMatch(/rolling ball .*Sternberg 1983/);
    expect(result.summary).toMatch(/ball radius 12 px as asked/);
    expect(result.summary).toMatch(/Intensities measured on this movie are background-subtracted/);
    const values = result.values as { radiusPx: number; meanBefore: number[]; meanAfter: number[]; method: string };
    expect(values).toMatchObject({ radiusPx: 12, method: 'rolling_ball' });
    expect(values.meanAfter[0]).toBeLessThan(values.meanBefore[0] / 3);
    const out = await ctx.openMovie(result.artifacts[0].id);
    expect(out.dtype).toBe('uint16');
    const plane = await out.plane(1, 0, 0);
    expect(plane[12 * 48 + 36]).toBeGreaterThan(580); // a disk keeps its height over the ramp
    expect(plane[24 * 48 + 24]).toBeLessThanOrEqual(3); // the ramp between the disks is gone
    await out.close();
    expect(ctx.listArtifacts().find((a) => a.id === result.artifacts[0].id)?.description).toBe('background-subtracted movie (rolling ball, radius 12 px)');
  });

  it('chooses the radius from the objects when none is said, and says so; create background writes the background', async () => {
    const result = await call('subtract_background', { movie: moviePath, createBackground: true }, ctx);
    expect(result.summary).toMatch(/Wrote the rolling-ball background .* nothing was subtracted/);
    expect(result.summary).toMatch(/3x the objects' radius \([\d.]+ px measured on the first frame\)/);
    const radiusPx = (result.values as { radiusPx: number }).radiusPx;
    expect(radiusPx).toBeGreaterThanOrEqual(6);
    expect(radiusPx).toBeLessThanOrEqual(18);
    const background = await ctx.openMovie(result.artifacts[0].id);
    expect((await background.plane(0, 0, 0))[12 * 48 + 12]).toBeLessThan(300); // the disk is not background
    await background.close();
  });

  it('measure says which movie its intensities come from: the background-subtracted one', async () => {
    const subtracted = await call('subtract_background', { movie: moviePath, radiusPx: 12 }, ctx);
    const labels = await call('segment', { movie: subtracted.artifacts[0].id, method: 'otsu' }, ctx);
    const measured = await call('measure', { labels: labels.artifacts[0].id, movie: subtracted.artifacts[0].id }, ctx);
    expect(measured.summary).toContain(`Intensities were measured on ${subtracted.artifacts[0].id}: background-subtracted movie (rolling ball, radius 12 px).`);
    const raw = await call('measure', { labels: labels.artifacts[0].id, movie: moviePath }, ctx);
    expect(raw.summary).not.toMatch(/Intensities were measured on/);
  });
});
