import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { simulate, writeSimulation } from '../../src/sim/index.ts';
import { trackLabels } from '../../src/analysis/track.ts';
import { loadTracks, saveTracksJson, writeTracksCsv, tracksToTable } from '../../src/analysis/trackio.ts';
import { readTrackMateXml, writeTrackMateXml } from '../../src/analysis/trackmateXml.ts';
import { readCtcTracks, writeCtcResult, parseCtcTrackFile } from '../../src/analysis/ctc.ts';
import { evaluateCtc, evaluateCtcFolders, sequenceFromMovie, sequenceFromTracks, shiftedFrames, withinFrames } from '../../src/analysis/metrics.ts';
import type { Tracks } from '../../src/analysis/tracks.ts';
import { tableToCsv } from '../../src/analysis/table.ts';

const DATA = resolve(import.meta.dirname, '../../../shared/data');
const EXAMPLE = join(DATA, 'sktracker-ometiff', 'trackmate_example.xml');
const tmp = () => mkdtempSync(join(tmpdir(), 'cellpilot-trackio-'));

async function smallTracks() {
  const sim = simulate({ frames: 12, cells: 8, width: 96, height: 96, seed: 2, divisionRate: 0.05, pixelSizeUm: 0.5, frameIntervalS: 60 });
  return { sim, tracks: await trackLabels(sim.labels) };
}

/** Same lineage structure: branch spans, parents and positions. */
function summary(t: Tracks) {
  const byId = new Map(t.spots.map((s) => [s.id, s]));
  return t.branches.map((b) => ({ start: b.start, end: b.end, parent: b.parent, xs: b.spotIds.map((id) => byId.get(id)!.x.toFixed(4)) }));
}

describe('tracks files', () => {
  it('round-trips .tracks.json and CSV', async () => {
    const { tracks } = await smallTracks();
    const dir = tmp();
    saveTracksJson(join(dir, 'a.tracks.json'), tracks);
    expect(await loadTracks(join(dir, 'a.tracks.json'))).toEqual(tracks);
    writeTracksCsv(join(dir, 'a.csv'), tracks);
    const back = await loadTracks(join(dir, 'a.csv'));
    expect(summary(back)).toEqual(summary(tracks));
    const table = tracksToTable(tracks);
    expect(table.columns.slice(0, 9)).toEqual(['track_id', 'branch_id', 'parent', 'spot_id', 't', 'x', 'y', 'label', 't_s']);
    expect(table.columns).toContain('x_um');
    expect(table.rows[0].x_um).toBeCloseTo((table.rows[0].x as number) * 0.5, 9);
  });

  it('gives one-line errors for bad files', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'bad.json'), '{"spots": 3}');
    await expect(loadTracks(join(dir, 'bad.json'))).rejects.toThrow(/not a cellpilot tracks file/);
    writeFileSync(join(dir, 'bad.csv'), 'a,b\n1,2\n');
    await expect(loadTracks(join(dir, 'bad.csv'))).rejects.toThrow(/no "branch_id" column/);
    await expect(loadTracks(join(dir, 'nothing.xml'))).rejects.toThrow(/no such tracks file/);
    expect(() => parseCtcTrackFile('1 0 5 0\n2 x 3 1')).toThrow(/line 2/);
  });
});

describe('CTC export', () => {
  it('writes res_track.txt + maskNNN.tif that read back and score as in memory', async () => {
    const { sim, tracks } = await smallTracks();
    const dir = tmp();
    await writeSimulation(sim, join(dir, 'movie.tif'), join(dir, 'gt'));
    await writeCtcResult(tracks, sim.labels, join(dir, 'res'));
    expect(existsSync(join(dir, 'res', 'mask000.tif'))).toBe(true);
    expect(existsSync(join(dir, 'res', 'mask011.tif'))).toBe(true);
    expect(parseCtcTrackFile(readFileSync(join(dir, 'res', 'res_track.txt'), 'utf8'))).toHaveLength(tracks.branches.length);
    const back = await readCtcTracks(join(dir, 'res'));
    expect(back.branches.map((b) => [b.start, b.end, b.parent])).toEqual(tracks.branches.map((b) => [b.start, b.end, b.parent]));
    // Scoring the files gives exactly what scoring in memory gives.
    const scores = await evaluateCtcFolders(join(dir, 'res'), join(dir, 'gt'));
    const reference = sequenceFromMovie(sim.labels, sim.lineage);
    expect(scores).toEqual(await evaluateCtc(reference, sequenceFromTracks(tracks, sim.labels), { seg: reference }));
    expect(scores.DET).toBe(1);
    expect(scores.SEG).toBe(1);
    expect(scores.TRA).toBeGreaterThan(0.99);
    // The ground truth scored against itself is perfect.
    expect((await evaluateCtcFolders(join(dir, 'gt'), join(dir, 'gt'))).TRA).toBe(1);
  }, 30_000);
});

describe('a result made on part of the movie', () => {
  it('is scored on the frames it covers, renumbered to the reference, not charged with the others as missed', async () => {
    const { sim } = await smallTracks();
    const reference = sequenceFromMovie(sim.labels, sim.lineage);
    // the truth of frames 5-10 as a result made on a movie cut from them (its frames numbered from 0)
    const part = shiftedFrames(withinFrames(reference, 4, 9), -4);
    expect(part.frames).toEqual([0, 1, 2, 3, 4, 5]);
    expect(part.rows.every((r) => r.start >= 0 && r.end <= 5)).toBe(true);
    const scored = await evaluateCtc(withinFrames(reference, 4, 9), shiftedFrames(part, 4), { seg: withinFrames(reference, 4, 9) });
    expect([scored.TRA, scored.DET, scored.SEG]).toEqual([1, 1, 1]);
    // (against the whole truth, the 6 frames outside are missed: what a user was told before)
    expect((await evaluateCtc(reference, shiftedFrames(part, 4))).TRA).toBeLessThan(0.7);
    // (a track whose mother ended before the window starts there as a root)
    const cut = withinFrames(reference, 6, 11);
    expect(cut.rows.filter((r) => r.parent > 0).every((r) => r.start > 6 && cut.rows.some((m) => m.id === r.parent))).toBe(true);
  }, 30_000);
});

describe('TrackMate XML', () => {
  it.skipIf(!existsSync(EXAMPLE))('imports the sktracker TrackMate example (91 spots in frames 516-530, no tracks)', async () => {
    const { tracks, info } = await readTrackMateXml(EXAMPLE);
    expect(info).toMatchObject({ version: '2.2.0', spatialUnits: 'micron', spots: 91, declaredSpots: 6869, tracks: 0, edges: 0, width: 67, height: 78, frames: 1200, detector: 'DOG_DETECTOR' });
    expect(info.pixelSizeUm).toBeCloseTo(0.07, 6);
    expect(info.frameIntervalS).toBeCloseTo(0.2, 6);
    const first = tracks.spots.find((s) => s.id === 516955)!;
    // POSITION_X 3.332121973371065 µm / 0.07000000029802322 µm per px
    expect(first.t).toBe(516);
    expect(first.x).toBeCloseTo(3.332121973371065 / 0.07000000029802322, 9);
    expect(first.features?.QUALITY).toBeCloseTo(13.6348876953125, 9);
    expect(Math.min(...tracks.spots.map((s) => s.t))).toBe(516);
    expect(Math.max(...tracks.spots.map((s) => s.t))).toBe(530);
  });

  it('a spot feature read from the XML keeps the unit the file declares for it: the tracks CSV says "RADIUS (µm)" beside "x (px)", also read back', async () => {
    const { tracks } = await smallTracks();
    const dir = tmp();
    writeTrackMateXml(join(dir, 'tracks.xml'), tracks, { width: 96, height: 96 });
    const { tracks: back } = await readTrackMateXml(join(dir, 'tracks.xml'));
    expect(back.spotFeatureUnits).toEqual({ RADIUS: 'µm' });
    const header = tableToCsv(tracksToTable(back)).split('\n')[0].split(',');
    expect(header).toContain('RADIUS (µm)');
    expect(header).toContain('QUALITY');
    expect(header).toContain('x (px)');
    writeTracksCsv(join(dir, 'tracks.csv'), back);
    expect((await loadTracks(join(dir, 'tracks.csv'))).spotFeatureUnits).toEqual({ RADIUS: 'µm' });
  });

  it('exports tracks that TrackMate-style reading returns unchanged (spots, edges, lineage, calibration)', async () => {
    const { tracks } = await smallTracks();
    const path = join(tmp(), 'tracks.xml');
    writeTrackMateXml(path, tracks, { width: 96, height: 96 });
    const text = readFileSync(path, 'utf8');
    for (const tag of ['<Model spatialunits="micron" timeunits="min">', '<AllSpots', '<AllTracks>', '<FilteredTracks>', '<Settings>', '<ImageData', 'TRACKER_NAME="SPARSE_LAP_TRACKER"']) expect(text).toContain(tag);
    const { tracks: back, info } = await readTrackMateXml(path);
    expect(info.spots).toBe(tracks.spots.length);
    expect(info.tracks).toBe(info.filteredTracks);
    expect(back.pixelSizeUm).toBe(0.5);
    expect(back.frameIntervalS).toBe(60);
    expect(summary(back)).toEqual(summary(tracks));
    // each spot keeps its object's label (the tracks CSV of the XML read back had an empty label column)
    expect(text).toContain('feature="LABEL" name="Label" shortname="Label" dimension="NONE" isint="true"');
    expect(text).toMatch(/ LABEL="\d+" /);
    const labels = (t: Tracks) => t.spots.map((s) => `${s.t}:${s.label}`).sort();
    expect(tracks.spots.every((s) => Number.isInteger(s.label))).toBe(true);
    expect(labels(back)).toEqual(labels(tracks));
    expect(back.spots.some((s) => 'LABEL' in (s.features ?? {}))).toBe(false);
  });
});
