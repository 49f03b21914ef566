// measure kind "summary": one summary row per frame of a label movie, every frame of it (an empty one a count of 0),
// in the frame numbers of the movie the labels were cut from.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createToolContext } from '../../src/agent/artifacts.ts';
import { readTableCsv } from '../../src/analysis/table.ts';
import { sourceFrameExtra } from '../../src/image/frameOrigin.ts';
import { writeMovie } from '../../src/image/index.ts';
import { movieFromPlanes } from '../../src/image/movie.ts';
import { tools } from '../../tools/track.ts';

const dir = mkdtempSync(join(tmpdir(), 'cellpilot-measure-frames-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const ctx = createToolContext({ sessionDir: join(dir, 'session') });
async function measure(args: unknown) {
  const spec = tools.find((t) => t.name === 'measure')!;
  return spec.run(spec.schema.parse(args) as never, ctx);
}

const W = 20, H = 10;
/** A label plane with `n` separate 2x2 squares, labels 1..n. */
function squares(n: number): Uint16Array {
  const plane = new Uint16Array(W * H);
  for (let k = 0; k < n; k++) for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [1, 1]]) plane[(2 + dy) * W + 1 + 4 * k + dx] = k + 1;
  return plane;
}

describe('measure kind "summary"', () => {
  it('counts each frame, keeps a frame without objects, and says the spread and the empty frames', async () => {
    const labelsPath = join(dir, 'labels.tif');
    // labels cut from frames 3-5 of a movie: 2, 0 and 3 objects
    await writeMovie(labelsPath, movieFromPlanes({ t: 3, z: 1, c: 1, y: H, x: W }, 'uint16', (t) => squares([2, 0, 3][t]), { channelNames: ['labels'], extra: sourceFrameExtra({}, 2), pixelSizeUm: 0.5 }));
    const result = await measure({ kind: 'summary', labels: labelsPath });
    const table = readTableCsv(result.artifacts[0].path);
    expect(table.rows.map((r) => [r.t, r.count, r.total_area_px, r.area_fraction_percent])).toEqual([[2, 2, 8, 4], [3, 0, 0, 0], [4, 3, 12, 6]]);
    // 200 px of 0.25 µm² = 50 µm² = 5e-5 mm²: 2 objects are 40000 per mm²
    expect(table.rows[0]['objects_per_mm2']).toBeCloseTo(40000, 3);
    expect(result.values).toMatchObject({ frames: 3, minCount: 0, maxCount: 3 });
    expect(result.summary).toMatch(/0 to 3 objects per frame/);
    expect(result.summary).toMatch(/1 frame without any object \(4\)/);
    expect(readFileSync(result.artifacts[0].path, 'utf8').split('\n')[0]).toMatch(/^t \(frame index from 0\),count,total_area_px,total_area_um2,mean_area_px,mean_area_um2,objects_per_mm2,area_fraction_percent$/);
  });

  it('takes a frame range in the movie\'s frame numbers', async () => {
    const labelsPath = join(dir, 'labels2.tif');
    await writeMovie(labelsPath, movieFromPlanes({ t: 3, z: 1, c: 1, y: H, x: W }, 'uint16', (t) => squares(t + 1), { channelNames: ['labels'] }));
    const result = await measure({ kind: 'summary', labels: labelsPath, frames: { first: 2, last: 3 } });
    expect(readTableCsv(result.artifacts[0].path).rows.map((r) => [r.t, r.count])).toEqual([[1, 2], [2, 3]]);
    expect(result.summary).toMatch(/no pixel size known: no density per mm²/);
  });

  it('is refused for tracks-only settings, as the other kinds are', () => {
    const spec = tools.find((t) => t.name === 'measure')!;
    expect(spec.inapplicable?.maxLagFrames?.({ kind: 'summary' })).toMatch(/applies only to kind "msd", not "summary"/);
    expect(spec.inapplicable?.frames?.({ kind: 'summary' })).toBeUndefined();
  });
});
