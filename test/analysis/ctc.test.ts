import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ctcTracksOf, listCtcFrames, movieFrameNumbers, parseCtcTrackFile, readMaskFrame, writeCtcResult } from '../../src/analysis/ctc.ts';
import { ctcViolations } from './ctcRules.ts';
import { openMovie, writeMovie } from '../../src/image/index.ts';
import { formatFrameNumbers, parseFrameNumbers } from '../../src/image/seriesLayout.ts';
import { movieFromPlanes } from '../../src/image/movie.ts';
import { trackLabels } from '../../src/analysis/track.ts';
import { simulate } from '../../src/sim/index.ts';
import type { Tracks } from '../../src/analysis/tracks.ts';

/** Square objects on a 32x32 plane: label -> top-left corner, per frame. */
function labelMovie(frames: Record<number, [number, number]>[], frameNumbers?: string) {
  return movieFromPlanes({ t: frames.length, z: 1, c: 1, y: 32, x: 32 }, 'uint16', (t) => {
    const plane = new Uint16Array(32 * 32);
    for (const [label, [x0, y0]] of Object.entries(frames[t])) for (let y = y0; y < y0 + 4; y++) for (let x = x0; x < x0 + 4; x++) plane[y * 32 + x] = Number(label);
    return plane;
  }, frameNumbers ? { extra: { frameNumbers } } : undefined);
}

describe('CTC export', () => {
  it('cuts a gap-closed branch at the gap: a new track after it, with the part before as parent; daughters name the last part', async () => {
    // one cell at t 0,1 (label 1), missed at t 2, found again at 3,4 (label 1), divides at 5 into labels 2 and 3
    const movie = labelMovie([{ 1: [2, 2] }, { 1: [3, 2] }, {}, { 1: [5, 2] }, { 1: [6, 2] }, { 2: [6, 10], 3: [6, 20] }]);
    const spot = (id: number, t: number, label: number, branchId: number) => ({ id, t, x: 0, y: 0, label, branchId });
    const tracks: Tracks = {
      spots: [spot(1, 0, 1, 1), spot(2, 1, 1, 1), spot(3, 3, 1, 1), spot(4, 4, 1, 1), spot(5, 5, 2, 2), spot(6, 5, 3, 3)],
      branches: [
        { id: 1, start: 0, end: 4, parent: 0, spotIds: [1, 2, 3, 4] },
        { id: 2, start: 5, end: 5, parent: 1, spotIds: [5] },
        { id: 3, start: 5, end: 5, parent: 1, spotIds: [6] },
      ],
      frames: 6,
    };
    expect(ctcTracksOf(tracks).rows).toEqual([
      { id: 1, start: 0, end: 1, parent: 0 },
      { id: 4, start: 3, end: 4, parent: 1 },
      { id: 2, start: 5, end: 5, parent: 4 },
      { id: 3, start: 5, end: 5, parent: 4 },
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'cellpilot-ctc-'));
    await writeCtcResult(tracks, movie, dir);
    expect(await ctcViolations(dir)).toEqual([]);
    expect((await readMaskFrame(join(dir, 'mask003.tif'))).planes[0][2 * 32 + 5]).toBe(4);
  });

  it('a tracked simulated movie with gaps and divisions passes the validator rules', async () => {
    const sim = simulate({ frames: 16, cells: 10, width: 96, height: 96, seed: 4, divisionRate: 0.06 });
    // drop every object from two frames' labels, so the tracker must close gaps
    const holed = movieFromPlanes(sim.labels.shape, 'uint16', (t) => (t === 5 || t === 9 ? new Uint16Array(96 * 96) : (sim.labels.planes[t] as Uint16Array)));
    const tracks = await trackLabels(holed, { divisionCheck: false });
    expect(tracks.branches.some((b) => b.spotIds.length < b.end - b.start + 1)).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'cellpilot-ctc-'));
    await writeCtcResult(tracks, holed, dir);
    expect(await ctcViolations(dir)).toEqual([]);
  });

  it('the validator rules catch a gap kept under one label (the export before the CTC rule)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cellpilot-ctc-'));
    const movie = labelMovie([{ 1: [2, 2] }, {}, { 1: [4, 2] }]);
    const spot = (id: number, t: number) => ({ id, t, x: 0, y: 0, label: 1, branchId: 1 });
    const tracks: Tracks = { spots: [spot(1, 0), spot(2, 2)], branches: [{ id: 1, start: 0, end: 2, parent: 0, spotIds: [1, 2] }], frames: 3 };
    await writeCtcResult(tracks, movie, dir);
    expect(await ctcViolations(dir)).toEqual([]);
    // the same masks with one row "1 0 2 0", as the export wrote before
    writeFileSync(join(dir, 'mask002.tif'), readFileSync(join(dir, 'mask002.tif')));
    writeFileSync(join(dir, 'res_track.txt'), '1 0 2 0\n');
    const problems = await ctcViolations(dir);
    expect(problems).toContain('label 1 is missing from frame 1 (track 0-2)');
  });

  it('keeps the frame numbers of a movie that does not start at frame 0 (masks and track rows), and cuts a track where the numbers jump', async () => {
    // frames numbered 5, 6, 7, then 10, 11 (files 8 and 9 absent): one cell throughout, dividing at frame 11
    const movie = labelMovie([{ 1: [2, 2] }, { 1: [3, 2] }, { 1: [4, 2] }, { 1: [5, 2] }, { 2: [6, 10], 3: [6, 20] }], '5-7,10,11');
    expect(movieFrameNumbers(movie)).toEqual([5, 6, 7, 10, 11]);
    const spot = (id: number, t: number, label: number, branchId: number) => ({ id, t, x: 0, y: 0, label, branchId });
    const tracks: Tracks = {
      spots: [spot(1, 0, 1, 1), spot(2, 1, 1, 1), spot(3, 2, 1, 1), spot(4, 3, 1, 1), spot(5, 4, 2, 2), spot(6, 4, 3, 3)],
      branches: [
        { id: 1, start: 0, end: 3, parent: 0, spotIds: [1, 2, 3, 4] },
        { id: 2, start: 4, end: 4, parent: 1, spotIds: [5] },
        { id: 3, start: 4, end: 4, parent: 1, spotIds: [6] },
      ],
      frames: 5,
    };
    const dir = mkdtempSync(join(tmpdir(), 'cellpilot-ctc-'));
    await writeCtcResult(tracks, movie, dir);
    expect([...listCtcFrames(dir, 'mask').keys()].sort((a, b) => a - b)).toEqual([5, 6, 7, 10, 11]);
    expect(parseCtcTrackFile(readFileSync(join(dir, 'res_track.txt'), 'utf8'))).toEqual([
      { id: 1, start: 5, end: 7, parent: 0 },
      { id: 4, start: 10, end: 10, parent: 1 },
      { id: 2, start: 11, end: 11, parent: 4 },
      { id: 3, start: 11, end: 11, parent: 4 },
    ]);
    // the validator's rules, over the frames the folder holds (5-7, 10, 11)
    expect((await ctcViolations(dir)).filter((p) => !/missing from frame (8|9)\b/.test(p))).toEqual([]);
  });

  it('a folder of frames t005.tif ... t007.tif keeps its numbers through the label movie to the export', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cellpilot-ctc-series-'));
    const frames = [{ 1: [2, 2] }, { 1: [3, 2] }, { 1: [4, 2] }] as Record<number, [number, number]>[];
    for (let t = 0; t < 3; t++) await writeMovie(join(dir, `t00${t + 5}.tif`), labelMovie([frames[t]]));
    const series = await openMovie(dir);
    expect(movieFrameNumbers(series)).toEqual([5, 6, 7]);
    const tracks = await trackLabels(series, { divisionCheck: false });
    const out = mkdtempSync(join(tmpdir(), 'cellpilot-ctc-'));
    await writeCtcResult(tracks, series, out);
    await series.close();
    expect([...listCtcFrames(out, 'mask').keys()].sort()).toEqual([5, 6, 7]);
    expect(readFileSync(join(out, 'res_track.txt'), 'utf8')).toBe('1 5 7 0\n');
    expect(await ctcViolations(out)).toEqual([]);
  });

  it('frame numbers are kept compactly and read back', () => {
    expect(formatFrameNumbers([0, 1, 12])).toBe('0,1,12');
    expect(formatFrameNumbers([5, 6, 7, 8, 10, 11])).toBe('5-8,10,11');
    expect(parseFrameNumbers('5-8,10,11')).toEqual([5, 6, 7, 8, 10, 11]);
    expect(parseFrameNumbers('2,5,17')).toEqual([2, 5, 17]);
    expect(parseFrameNumbers('5-x')).toBeUndefined();
    const many = Array.from({ length: 2000 }, (_, i) => i + 3);
    expect(parseFrameNumbers(formatFrameNumbers(many))).toEqual(many);
  });
});
