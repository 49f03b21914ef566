// measure on a label movie segmented from part of a movie ("how bright is each nucleus in frame 3"):
// the range is said in the movie's frame numbers, each label frame is paired with the movie frame it
// was made from, and the table reports that frame, through the label file as written and read back.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createToolContext } from '../../src/agent/artifacts.ts';
import { readTableCsv } from '../../src/analysis/table.ts';
import { sourceFrameExtra } from '../../src/image/frameOrigin.ts';
import { writeMovie } from '../../src/image/index.ts';
import { movieFromPlanes } from '../../src/image/movie.ts';
import { tools } from '../../tools/track.ts';

const dir = mkdtempSync(join(tmpdir(), 'cellpilot-measure-range-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const ctx = createToolContext({ sessionDir: join(dir, 'session') });
async function measure(args: unknown) {
  const spec = tools.find((t) => t.name === 'measure')!;
  return spec.run(spec.schema.parse(args) as never, ctx);
}

const W = 16, H = 16;
const square = Uint16Array.from({ length: W * H }, (_, i) => (i % W >= 4 && i % W < 8 && Math.floor(i / W) >= 4 && Math.floor(i / W) < 8 ? 1 : 0));

describe('measure on labels made from a frame range', () => {
  it('takes the movie\'s frame numbers, its intensities of those frames, and reports them', async () => {
    const moviePath = join(dir, 'movie.tif');
    const labelsPath = join(dir, 'labels.tif');
    // frame k of the movie is k*100 bright; the labels are frames 3-4 of it (0-based 2-3)
    await writeMovie(moviePath, movieFromPlanes({ t: 5, z: 1, c: 1, y: H, x: W }, 'uint16', (t) => new Uint16Array(W * H).fill(100 * t)));
    await writeMovie(labelsPath, movieFromPlanes({ t: 2, z: 1, c: 1, y: H, x: W }, 'uint16', () => square, { channelNames: ['labels'], extra: sourceFrameExtra({}, 2) }));
    const all = await measure({ kind: 'objects', labels: labelsPath, movie: moviePath });
    const rows = readTableCsv(all.artifacts[0].path).rows;
    expect(rows.map((r) => [r.t, r.mean_intensity_c1])).toEqual([[2, 200], [3, 300]]);
    const frame4 = await measure({ kind: 'objects', labels: labelsPath, movie: moviePath, frames: { first: 4, last: 4 } });
    expect(readTableCsv(frame4.artifacts[0].path).rows.map((r) => [r.t, r.mean_intensity_c1])).toEqual([[3, 300]]);
    await expect(measure({ kind: 'objects', labels: labelsPath, movie: moviePath, frames: { first: 1, last: 1 } })).rejects.toThrow(/frames 3 to 4/);
  });
});
