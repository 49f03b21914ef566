// Start-to-end distances asked as such: "from its starting point" is the net displacement
// (TRACK_DISPLACEMENT), "in total" the path; a displacement "between frame 1 and frame 3" is
// each track's distance between its positions in the two frames, never a mean step.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeTableCsv } from '../../../src/analysis/table.ts';
import { saveTracksJson } from '../../../src/analysis/trackio.ts';
import type { Spot, Tracks } from '../../../src/analysis/tracks.ts';
import type { Conversation } from '../../../src/agent/planner/conversation.ts';
import { asksDisplacementBetweenFrames, asksPathLengthBetweenFrames, displacementsAnswer, displacementsBetween, distanceKindOf, pathLengthsAnswer, pathLengthsBetween, netDisplacementsOfTracks } from '../../../src/agent/planner/netDisplacement.ts';
import { answerFromTable, asksTheData } from '../../../src/agent/planner/tableAnswers.ts';

const dir = mkdtempSync(join(tmpdir(), 'net-displacement-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// 5 frames. Track 1 goes out (3-4-5 steps) and comes back: net 10 px from frame 1 to 3, 0 over the movie.
// Track 2 appears in frame 2. Track 3 (branch 3) divides in frame 3 into branches 4 and 5.
const spots: Spot[] = [];
const branch = (id: number, parent: number, t0: number, xy: [number, number][]) => {
  const ids = xy.map(([x, y], i) => {
    const spot = { id: spots.length + 1, t: t0 + i, x, y, branchId: id };
    spots.push(spot);
    return spot.id;
  });
  return { id, parent, start: t0, end: t0 + xy.length - 1, spotIds: ids };
};
const tracks: Tracks = {
  frames: 5,
  spots,
  branches: [
    branch(1, 0, 0, [[0, 0], [3, 4], [6, 8], [6, 8], [0, 0]]),
    branch(2, 0, 1, [[10, 10], [10, 13], [14, 13], [14, 13]]),
    branch(3, 0, 0, [[20, 0], [20, 5]]),
    branch(4, 3, 2, [[20, 10], [20, 12], [20, 14]]),
    branch(5, 3, 2, [[25, 10], [25, 12], [25, 14]]),
  ],
};
const tracksPath = join(dir, 'cells.tracks.json');
saveTracksJson(tracksPath, tracks);
const featuresPath = join(dir, 'track-features.csv');
writeTableCsv(featuresPath, {
  columns: ['TRACK_ID', 'NUMBER_SPOTS', 'TRACK_DISPLACEMENT', 'TRACK_MEAN_SPEED', 'TOTAL_DISTANCE_TRAVELED'],
  rows: [
    { TRACK_ID: 1, NUMBER_SPOTS: 5, TRACK_DISPLACEMENT: 0, TRACK_MEAN_SPEED: 5, TOTAL_DISTANCE_TRAVELED: 20 },
    { TRACK_ID: 2, NUMBER_SPOTS: 4, TRACK_DISPLACEMENT: 5, TRACK_MEAN_SPEED: 2.3, TOTAL_DISTANCE_TRAVELED: 7 },
  ],
});
const linksPath = join(dir, 'links.csv');
writeTableCsv(linksPath, {
  columns: ['track_id', 't', 'displacement_px', 'speed_px_per_frame'],
  rows: [
    { track_id: 1, t: 0, displacement_px: 5, speed_px_per_frame: 5 },
    { track_id: 1, t: 1, displacement_px: 5, speed_px_per_frame: 5 },
    { track_id: 1, t: 2, displacement_px: 0, speed_px_per_frame: 0 },
    { track_id: 1, t: 3, displacement_px: 10, speed_px_per_frame: 10 },
  ],
});

function conversation(pixelSizeUm: number | null): Conversation {
  return {
    request: '',
    artifactsAtStart: [
      { id: 'movie-1', type: 'movie', path: join(dir, 'movie.tif'), frames: 5, pixelSizeUm },
      { id: 'tracks-1', type: 'tracks', producedBy: 'track', path: tracksPath },
      { id: 'table-1', type: 'table', producedBy: 'measure', path: featuresPath },
      { id: 'table-2', type: 'table', producedBy: 'measure', path: linksPath },
    ],
    earlier: [
      { tool: 'measure', args: { kind: 'tracks' }, ok: true, summary: '', values: { lengthUnit: 'px', timeUnit: 'frame' }, artifacts: [{ id: 'table-1', type: 'table' }] },
      { tool: 'measure', args: { kind: 'links' }, ok: true, summary: '', values: { lengthUnit: 'px', timeUnit: 'frame' }, artifacts: [{ id: 'table-2', type: 'table' }] },
    ],
    current: [],
    earlierRequests: [],
  };
}
const ask = (q: string, pixelSizeUm: number | null = null) => answerFromTable(q, conversation(pixelSizeUm));

describe('which distance a question asks', () => {
  it('reads start-to-end words as the net displacement and path words as the path', () => {
    for (const q of ['how far did each cell move from its starting point?', 'how far is each cell from where it started', 'net distance per track', 'distance as the crow flies', 'straight-line distance of every cell', 'end-to-end distance', 'overall displacement of each track']) {
      expect(distanceKindOf(q), q).toBe('net');
    }
    for (const q of ['how far did each cell travel in total?', 'path length of each track', 'distance covered by every cell', 'the total distance travelled']) {
      expect(distanceKindOf(q), q).toBe('path');
    }
    expect(distanceKindOf('how far did the cells move?')).toBeUndefined();
  });

  it('takes a distance over frames as between two positions, a speed or a per-step value not', () => {
    expect(asksDisplacementBetweenFrames('give me the displacement of every cell between frame 1 and frame 20')).toBe(true);
    expect(asksDisplacementBetweenFrames('how far did cell 3 move between frame 5 and 30')).toBe(true);
    expect(asksDisplacementBetweenFrames('mean speed between frame 1 and frame 20')).toBe(false);
    expect(asksDisplacementBetweenFrames('mean displacement per frame in frames 1-20')).toBe(false);
    expect(asksDisplacementBetweenFrames('total distance travelled between frame 1 and 20')).toBe(false);
  });
});

describe('net displacement between two frames', () => {
  it('measures each track between its one position in each frame, naming those left out', () => {
    const found = displacementsBetween(tracks, 1, 3);
    expect(found.displacements).toEqual([{ track: 1, displacementPx: 10 }]);
    expect(found.notInBoth).toBe(1);
    expect(found.divided).toBe(1);
    const whole = displacementsBetween(tracks, 2, 5);
    expect(whole.displacements.map((d) => [d.track, d.displacementPx])).toEqual([[1, 5], [2, 5]]);
    expect(displacementsAnswer(found, 0.5, 'tracks-1')).toMatch(/^Net displacement from frame 1 to frame 3 per track .*track 1: 5 µm; mean 5 µm over 1 track; left out: 1 track not seen in both frames, 1 track divided by then/);
  });

  it('answers "from its starting point" with TRACK_DISPLACEMENT and "in total" with the path', () => {
    expect(ask('how far did each cell move from its starting point?')).toMatch(/^net displacement \(start to end\) per track .*track 1: 0 px, track 2: 5 px/);
    expect(ask('how far did each cell travel in total?')).toMatch(/^total distance travelled per track .*track 1: 20 px/);
    expect(ask('how far did track 2 get from where it started?')).toMatch(/net displacement \(start to end\) for track 2 = 5 px/);
    expect(asksTheData('path length of every track in microns')).toBe(true);
    expect(ask('path length of every track in microns', 0.5)).toMatch(/^total distance travelled per track/);
  });

  it('answers a displacement between two frames per track, in µm when calibrated, never the mean step', () => {
    expect(ask('give me the displacement of every cell between frame 1 and frame 3')).toMatch(/^Net displacement from frame 1 to frame 3 per track \(.*px \(no calibration known.*track 1: 10 px; mean 10 px over 1 track; left out: 1 track not seen in both frames, 1 track divided/);
    expect(ask('how far did cell 1 move between frame 2 and 5', 0.5)).toMatch(/^Track 1 moved 2\.5 µm from frame 2 to frame 5 \(net displacement/);
    expect(ask('how far did cell 2 move between frame 1 and 4')).toMatch(/^No track is seen in both frame 1 and frame 4.*1 track not seen in both frames/);
    expect(ask('displacement of each cell between frame 2 and frame 40')).toMatch(/^Net displacement from frame 2 to frame 5 \(the movie has 5 frames\) per track/);
    expect(ask('net displacement from t=0 to the end')).toMatch(/^Net displacement from frame 1 to frame 5 per track .*track 1: 0 px/);
    expect(asksTheData('net displacement from t=0 to the end')).toBe(true);
    // a speed over the same frames stays the mean of the steps
    expect(ask('mean speed between frame 1 and frame 3')).not.toMatch(/Net displacement/);
  });
});

describe('path length between two frames', () => {
  it('sums each track\'s steps inside the frames, daughters included, naming tracks with none', () => {
    const found = pathLengthsBetween(tracks, 1, 3);
    expect(found.lengths.map((l) => [l.track, Number(l.pathLengthPx.toFixed(3))])).toEqual([[1, 10], [2, 3], [3, 17.071]]);
    expect(found.noStep).toBe(0);
    expect(pathLengthsBetween(tracks, 5, 5).noStep).toBe(3);
    expect(pathLengthsAnswer(pathLengthsBetween(tracks, 1, 3, 1), 0.5, 'tracks-1')).toMatch(/^Track 1 travelled 5 µm along its path from frame 1 to frame 3/);
  });

  it('answers a distance travelled or a path length over frames per track, never the mean step', () => {
    expect(asksPathLengthBetweenFrames('total distance travelled by each cell from frame 5 to 15')).toBe(true);
    expect(asksPathLengthBetweenFrames('mean speed between frame 1 and frame 20')).toBe(false);
    expect(ask('total distance travelled by each cell from frame 1 to 3')).toMatch(/^Path length from frame 1 to frame 3 per track \(.*\): track 1: 10 px, track 2: 3 px, track 3: 17\.07 px; mean 10\.02 px over 3 tracks/);
    expect(ask('path length of each track between frames 2 and 5', 0.5)).toMatch(/^Path length from frame 2 to frame 5 per track .*track 1: 7\.5 µm/);
    expect(ask('what distance did track 2 cover between frame 2 and frame 4?')).toMatch(/^Track 2 travelled 7 px along its path from frame 2 to frame 4/);
  });
});

describe('net displacement when the only table has one row per step', () => {
  const linksOnly = (): Conversation => {
    const c = conversation(0.5);
    return { ...c, artifactsAtStart: c.artifactsAtStart.filter((a) => a.id !== 'table-1'), earlier: c.earlier.filter((r) => r.args.kind === 'links') };
  };
  it('takes each track from its first to its last position, leaving out the one that divided', () => {
    const found = netDisplacementsOfTracks(tracks);
    expect(found.displacements).toEqual([{ track: 1, displacementPx: 0 }, { track: 2, displacementPx: 5 }]);
    expect(found.divided).toBe(1);
  });
  it('answers from the tracks and says why the steps table does not, never with the mean step', () => {
    const answer = answerFromTable('what is the net displacement?', linksOnly());
    expect(answer).toMatch(/^Net displacement per track \(the straight-line distance from its first to its last position, µm\): track 1: 0 µm, track 2: 2\.5 µm; mean 1\.25 µm over 2 tracks; left out: 1 track that divided/);
    expect(answer).toMatch(/table-2 has one row per step/);
    expect(answerFromTable('net displacement of track 2', linksOnly())).toMatch(/^Track 2 moved 2\.5 µm from its first to its last position/);
    // the mean squared displacement is no mean of the steps (an MSD step answers it)
    expect(answerFromTable('what is the mean squared displacement?', linksOnly())).toBeUndefined();
    // a table of whole tracks answers it itself
    expect(ask('what is the net displacement of each cell?')).toMatch(/^net displacement \(start to end\) per track/);
  });
});

