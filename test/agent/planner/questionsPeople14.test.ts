// Kinds of questions from tuning-questions-people-14 (brief s22/Q): each test fails when the
// mechanism behind a kind breaks, whatever sentence asks it.
// - a question about whole tracks is answered from the table of track features, no step run;
// - the unit asked says which column a word means ("track length in microns" is a distance, "in frames" a duration);
// - a ranking said from its bottom ("the bottom three by speed") or by its two ends ("from longest to shortest").
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveTracksJson } from '../../../src/analysis/trackio.ts';
import { writeTableCsv } from '../../../src/analysis/table.ts';
import { trackTable } from '../../../src/analysis/trackFeatures.ts';
import type { Spot, Tracks } from '../../../src/analysis/tracks.ts';
import type { Conversation, KnownArtifact, PastResult } from '../../../src/agent/planner/conversation.ts';
import { planRequest } from '../../../src/agent/planner/planner.ts';
import { askedDimension } from '../../../src/agent/planner/askedUnits.ts';
import { answerFromTable, asksTheData } from '../../../src/agent/planner/tableAnswers.ts';
import { catalogue, loadAcquisitionWords } from './planOffline.ts';

beforeAll(loadAcquisitionWords);
const dir = mkdtempSync(join(tmpdir(), 'people-14-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// three tracks over 6 frames at 0.5 µm/px and 60 s per frame: track i moves i px per frame to the right, from frame i to frame 6
const spots: Spot[] = [];
const branches = [1, 2, 3].map((i) => {
  const ids: number[] = [];
  for (let t = i - 1; t < 6; t++) {
    spots.push({ id: spots.length + 1, t, x: 10 * i + i * (t - i + 1), y: 10, branchId: i });
    ids.push(spots.length);
  }
  return { id: i, parent: 0, start: i - 1, end: 5, spotIds: ids };
});
const tracks: Tracks = { frames: 6, spots, branches, pixelSizeUm: 0.5, frameIntervalS: 60 };
const tracksPath = join(dir, 'cells.tracks.json');
saveTracksJson(tracksPath, tracks);
const movie: KnownArtifact = { id: 'movie-1', type: 'movie', frames: 6, pixelSizeUm: 0.5, frameIntervalS: 60 };
const labels: KnownArtifact = { id: 'labels-1', type: 'labels', producedBy: 'segment' };
const tracked: KnownArtifact = { id: 'tracks-1', type: 'tracks', producedBy: 'track', path: tracksPath };
const featuresPath = join(dir, 'track-features.csv');
writeTableCsv(featuresPath, trackTable(tracks, { timeUnit: 'min' }).table);
const features: KnownArtifact = { id: 'table-1', type: 'table', producedBy: 'measure', path: featuresPath };
const ran = (tool: string, artifact: KnownArtifact, values: Record<string, unknown> = {}): PastResult => ({ tool, args: {}, ok: true, summary: 'Done.', values, artifacts: [artifact] });
const afterTracking = (request = ''): Conversation => ({ request, artifactsAtStart: [movie, labels, tracked, features], earlier: [ran('segment', labels), ran('track', tracked), ran('measure', features, { lengthUnit: 'µm', timeUnit: 'min' })], current: [], earlierRequests: [] });
const ask = (q: string) => answerFromTable(q, afterTracking());

describe('whole tracks from the table of track features', () => {
  it('answers a track\'s span and a ranking by duration, running no step', () => {
    expect(ask('length of track 3 in frames')).toMatch(/track 3 = 3 frames/);
    for (const q of ['which track is the longest?', 'list tracks from longest to shortest', 'length of track 3 in frames']) expect(planRequest(afterTracking(q), catalogue).steps.map((s) => s.tool), q).toEqual([]);
  });
});

describe('the unit asked chooses the column', () => {
  it('reads the dimension of the unit asked', () => {
    expect(askedDimension('average track length in microns')).toBe('length');
    expect(askedDimension('track length in frames')).toBe('time');
    expect(askedDimension('mean nuclear area, micrometre squared')).toBe('area');
    expect(askedDimension('avg velocity in micron/hr')).toBe('speed');
    expect(askedDimension('how long r the trajectories on average, in min')).toBe('time');
    expect(askedDimension('how long is track 1')).toBeUndefined();
  });
  it('answers a track length in microns with the path, in frames or bare with the duration', () => {
    expect(ask('average track length in microns')).toMatch(/^Mean total distance travelled = [\d.]+ µm/);
    expect(ask('how long is each track?')).toMatch(/^duration per track/);
  });
});

describe('rankings said from the bottom or by their two ends', () => {
  it('ranks the lowest first for "bottom", and in the order of the two ends said', () => {
    expect(asksTheData('bottom three tracks by speed?')).toBe(true);
    expect(ask('bottom two tracks by speed?')).toMatch(/^The 2 tracks with the smallest mean speed: track 1: 0\.5 µm\/min, track 2: 1 µm\/min/);
    expect(ask('list tracks from longest to shortest')).toMatch(/^duration, largest first: track 1: 5 min, track 2: 4 min, track 3: 3 min/);
    expect(ask('list the tracks from shortest to longest')).toMatch(/smallest first: track 3: 3 min/);
  });
});

describe('a quantity named at its extreme, or as a ratio, with no step to run', () => {
  it('is a question about the data', () => {
    for (const q of ['highest intensity of a nucleus in frame 2', 'biggest nucleus area plz', 'colour intensity in the first frame', 'ratio of the mean intensity in the last frame to the first frame']) expect(asksTheData(q), q).toBe(true);
    for (const q of ['segment the biggest nuclei', 'largest objects only, then track them', 'fastest cell in µm/s, pixel size 0.4 µm']) expect(asksTheData(q), q).toBe(false);
  });
});
