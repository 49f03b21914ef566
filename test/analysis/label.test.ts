import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryMovie } from '../../src/image/movie.ts';
import { openMovie } from '../../src/image/index.ts';
import { simulate } from '../../src/sim/index.ts';
import { findBrightfieldChannel, pearson, predictLabelMovie } from '../../src/analysis/label.ts';
import { segmentPlane } from '../../src/analysis/segment.ts';
import { matchLabels } from '../../src/analysis/matching.ts';

const dir = mkdtempSync(join(tmpdir(), 'cellpilot-label-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pearson', () => {
  it('is 1 for a positive linear relation, -1 for a negative one and 0 for orthogonal patterns', () => {
    expect(pearson([1, 2, 3, 4], [3, 5, 7, 9])).toBeCloseTo(1, 12);
    expect(pearson([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1, 12);
    expect(pearson([1, -1, 1, -1], [1, 1, -1, -1])).toBeCloseTo(0, 12);
  });
});

describe('findBrightfieldChannel', () => {
  const movie = (names: string[]) => new MemoryMovie({ t: 1, z: 1, c: names.length, y: 4, x: 4 }, 'uint16', names.map(() => new Uint16Array(16)), { channelNames: names });
  it('finds brightfield, BF, phase and DIC channels by name', () => {
    expect(findBrightfieldChannel(movie(['nuclei', 'brightfield']))).toBe(1);
    expect(findBrightfieldChannel(movie(['BF', 'GFP']))).toBe(0);
    expect(findBrightfieldChannel(movie(['GFP', 'Phase contrast']))).toBe(1);
    expect(findBrightfieldChannel(movie(['DIC']))).toBe(0);
    // one channel whose name says nothing is the transmitted light asked for; one named for a stain is not
    expect(findBrightfieldChannel(movie(['C1']))).toBe(0);
    expect(() => findBrightfieldChannel(movie(['nuclei']))).toThrow(/no brightfield channel/);
    expect(findBrightfieldChannel(movie(['GFP', 'TL-Brightfield']))).toBe(1);
  });
  it('says which channels the movie has when none is brightfield', () => {
    expect(() => findBrightfieldChannel(movie(['DAPI', 'GFP']))).toThrow(/^the movie has no brightfield channel \(its channels are DAPI, GFP\): give the transmitted-light channel with channel$/);
  });
});

describe('predictLabelMovie', () => {
  it('predicts nuclei from brightfield with Pearson r >= 0.85 against the true nuclei on held-out frames', async () => {
    // Held-out seeds (training used 5001-5040, validation 6001-6004).
    const rs: number[] = [];
    const f1s: number[] = [];
    for (const seed of [9501, 9502]) {
      const sim = simulate({ seed, frames: 2, width: 128, height: 128, cells: 16, crowding: 0.3, nucleusRadiusPx: 7, speedPx: 3, brightfield: true });
      const path = join(dir, `labelled-${seed}.tif`);
      const result = await predictLabelMovie(sim.movie, { outputPath: path });
      expect(result).toMatchObject({ channel: 1, planes: 2, model: 'label-nuclei' });
      const out = await openMovie(path);
      expect(out.shape).toMatchObject({ t: 2, z: 1, c: 1, y: 128, x: 128 });
      for (let t = 0; t < 2; t++) {
        const predicted = await out.plane(t, 0, 0);
        rs.push(pearson(predicted, await sim.nuclei!.plane(t, 0, 0)));
        // The point of artificial labelling: segment nuclei without a nuclear stain (Otsu + watershed defaults).
        f1s.push(matchLabels(segmentPlane(predicted, 128, 128).labels, await sim.labels.plane(t, 0, 0), 128, 128).f1);
      }
      await out.close();
    }
    const mean = rs.reduce((a, b) => a + b, 0) / rs.length;
    console.log(`predict_label Pearson r per frame: ${rs.map((r) => r.toFixed(3)).join(', ')} (mean ${mean.toFixed(3)})`);
    expect(mean).toBeGreaterThanOrEqual(0.85);
    expect(Math.min(...rs)).toBeGreaterThanOrEqual(0.85);
    const meanF1 = f1s.reduce((a, b) => a + b, 0) / f1s.length;
    console.log(`segmentation of the predicted nuclei, F1 at IoU 0.5 per frame: ${f1s.map((f) => f.toFixed(3)).join(', ')} (mean ${meanF1.toFixed(3)})`);
    expect(meanF1).toBeGreaterThanOrEqual(0.85);
  });
});
