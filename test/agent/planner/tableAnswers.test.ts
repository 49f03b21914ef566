// Questions answered from result tables at the scope asked: a frame, a track, extremes,
// spreads, counts over time and comparisons, each number with its unit.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeTableCsv } from '../../../src/analysis/table.ts';
import type { Conversation } from '../../../src/agent/planner/conversation.ts';
import { withVerdict } from '../../../src/agent/planner/answers.ts';
import { asksPerFrame, statedPixelSizeUm } from '../../../src/agent/planner/askedUnits.ts';
import { answerFromTable, asksHowMuch, frameIntervalOfTable, plainQuestion, asksTheData, completedFollowUp, isAskedForm, measuringWords, namesQuantity, readQuestion, withoutScope } from '../../../src/agent/planner/tableAnswers.ts';

const dir = mkdtempSync(join(tmpdir(), 'table-answers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// 3 frames; track 1 grows (10, 20, 30 µm²), track 2 stays at 5 µm², track 3 appears in frame 3
const objectsPath = join(dir, 'objects.csv');
writeTableCsv(objectsPath, {
  columns: ['label', 'track_id', 't', 'area_px', 'area_um2', 'mean_intensity_c1'],
  rows: [
    { label: 1, track_id: 1, t: 0, area_px: 40, area_um2: 10, mean_intensity_c1: 100 },
    { label: 2, track_id: 2, t: 0, area_px: 20, area_um2: 5, mean_intensity_c1: 300 },
    { label: 1, track_id: 1, t: 1, area_px: 80, area_um2: 20, mean_intensity_c1: 110 },
    { label: 2, track_id: 2, t: 1, area_px: 20, area_um2: 5, mean_intensity_c1: 290 },
    { label: 1, track_id: 1, t: 2, area_px: 120, area_um2: 30, mean_intensity_c1: 120 },
    { label: 2, track_id: 2, t: 2, area_px: 20, area_um2: 5, mean_intensity_c1: 280 },
    { label: 3, track_id: 3, t: 2, area_px: 60, area_um2: 15, mean_intensity_c1: 500 },
  ],
});
const tracksPath = join(dir, 'tracks.csv');
writeTableCsv(tracksPath, {
  columns: ['TRACK_ID', 'NUMBER_SPOTS', 'NUMBER_SPLITS', 'TRACK_DURATION', 'TRACK_MEAN_SPEED', 'TRACK_STD_SPEED', 'TOTAL_DISTANCE_TRAVELED'],
  rows: [
    { TRACK_ID: 1, NUMBER_SPOTS: 3, NUMBER_SPLITS: 1, TRACK_DURATION: 2, TRACK_MEAN_SPEED: 2, TRACK_STD_SPEED: 0.1, TOTAL_DISTANCE_TRAVELED: 4 },
    { TRACK_ID: 2, NUMBER_SPOTS: 3, NUMBER_SPLITS: 0, TRACK_DURATION: 2, TRACK_MEAN_SPEED: 0.5, TRACK_STD_SPEED: 0.2, TOTAL_DISTANCE_TRAVELED: 1 },
    { TRACK_ID: 3, NUMBER_SPOTS: 1, NUMBER_SPLITS: 0, TRACK_DURATION: 0, TRACK_MEAN_SPEED: 3, TRACK_STD_SPEED: 0, TOTAL_DISTANCE_TRAVELED: 9 },
  ],
});

function conversation(calibrated: boolean): Conversation {
  const units = calibrated ? { lengthUnit: 'µm', timeUnit: 'min' } : { lengthUnit: 'px', timeUnit: 'frame' };
  return {
    request: '',
    artifactsAtStart: [
      { id: 'table-1', type: 'table', producedBy: 'measure', path: objectsPath },
      { id: 'table-2', type: 'table', producedBy: 'measure', path: tracksPath },
    ],
    earlier: [
      { tool: 'measure', args: { kind: 'objects' }, ok: true, summary: '', values: {}, artifacts: [{ id: 'table-1', type: 'table' }] },
      { tool: 'measure', args: { kind: 'tracks' }, ok: true, summary: '', values: units, artifacts: [{ id: 'table-2', type: 'table' }] },
    ],
    current: [],
    earlierRequests: [],
  };
}
const ask = (q: string, calibrated = true) => answerFromTable(q, conversation(calibrated));

describe('answers from tables', () => {
  it('reads the scope, the reduction and the quantity of a question', () => {
    expect(readQuestion('what is the average nucleus area in frame 10?')).toMatchObject({ frame: 10, reduce: 'mean' });
    expect(readQuestion("what's the mean speed in µm/min?")).toMatchObject({ reduce: 'mean' });
    expect(readQuestion('which cell travelled the longest distance?')).toMatchObject({ reduce: 'max', which: true });
    expect(readQuestion('how many nuclei at the last time point?')).toMatchObject({ frame: 'last', reduce: 'count' });
    expect(readQuestion('did the cells move faster in the first half than in the second?')).toMatchObject({ compare: 'halves' });
    expect(readQuestion('how does the number of cells change over time?')).toMatchObject({ perFrame: true, reduce: 'count' });
    expect(asksTheData('which models are available?')).toBe(false);
    expect(asksTheData('can you segment the cells?')).toBe(false);
    expect(asksTheData('what is the median area?')).toBe(true);
  });

  it('answers at one frame, one track, and the last frame', () => {
    expect(ask('what is the average nucleus area in frame 2?')).toMatch(/^Mean area in frame 2 = 12\.5 µm² .*over 2 objects/);
    // a frame past the table's end is named once, with one full stop (it read '(frames 1 to 3)..')
    expect(ask('how many cells in frame 12?')).toMatch(/^There is no frame 12 in the table \(frames 1 to 3\)$/);
    expect(ask('what is the area of cell 1?')).toMatch(/area for track 1 = 20 µm².* over 3 frames/);
    expect(ask('how many nuclei are in the last frame?')).toMatch(/^3 objects in frame 3/);
    expect(ask('what is the area in frame 9?')).toMatch(/no frame 9/);
  });

  it('names the cell with an extreme and quotes its unit, or says there is no calibration', () => {
    expect(ask('which cell travelled the longest distance?')).toMatch(/^Track 3 has the largest total distance travelled: 9 µm/);
    expect(ask('which track is the slowest?')).toMatch(/^Track 2 has the smallest mean speed: 0\.5 µm\/min/);
    expect(ask('which track is the slowest?', false)).toMatch(/0\.5 px\/frame \(no calibration known\)/);
    // (a cell is its track: the mean over the frames it was followed, never one outline in one frame)
    expect(ask('which nucleus is the brightest?')).toMatch(/^Track 3 has the largest mean intensity \(channel 1\) over its frames: 500/);
    expect(ask('which cell is the biggest?')).toMatch(/^Track 1 has the largest mean area over its frames: 20 µm² \(mean of 3 frames\)/);
  });

  it('gives medians, spreads, ranges and totals', () => {
    expect(ask("what's the median speed?")).toMatch(/^Median mean speed = 2 µm\/min over 3 tracks/);
    expect(ask('what is the range of speeds?')).toMatch(/ranges from 0\.5 µm\/min to 3 µm\/min/);
    expect(ask('what is the standard deviation of the area?')).toMatch(/^Standard deviation area = \d/);
    expect(ask('how many divisions were there in total?')).toMatch(/^1 division \(/);
    expect(ask('how many tracks are there?')).toMatch(/^3 tracks/);
  });

  it('counts per frame and compares parts of the movie', () => {
    expect(ask('how many cells are there in each frame?')).toMatch(/frame 1: 2, frame 2: 2, frame 3: 3; up from 2 in frame 1 to 3 in frame 3/);
    expect(ask('is the mean area larger at the end than at the start?')).toMatch(/7\.5 µm² in frame 1 vs 16\.67 µm² in frame 3 .*higher later/);
  });

  it('leaves a question no column fits to the steps that make one', () => {
    expect(ask('what is the TRA score?')).toBeUndefined();
    expect(answerFromTable('what is the mean area?', { ...conversation(true), artifactsAtStart: [] })).toBeUndefined();
  });
});

describe('a quantity told apart by a word of its own', () => {
  it('answers the nearest-neighbour distance only from a column of it, never from the distance tracks travelled', () => {
    for (const q of ['how far apart are the nuclei?', 'what is the nearest neighbour distance?', 'the distance between neighbouring cells?']) expect(ask(q), q).toBeUndefined();
    const withNeighbours = join(dir, 'neighbours.csv');
    writeTableCsv(withNeighbours, { columns: ['label', 't', 'area_px', 'nearest_neighbour_px'], rows: [{ label: 1, t: 0, area_px: 40, nearest_neighbour_px: 10 }, { label: 2, t: 0, area_px: 20, nearest_neighbour_px: 14 }] });
    const c = conversation(false);
    c.artifactsAtStart.push({ id: 'table-3', type: 'table', producedBy: 'measure', path: withNeighbours });
    c.earlier.push({ tool: 'measure', args: { kind: 'objects' }, ok: true, summary: '', values: {}, artifacts: [{ id: 'table-3', type: 'table' }] });
    expect(answerFromTable('how far apart are the nuclei?', c)).toMatch(/nearest neighbour = 12 px/i);
  });
});

describe('the step that makes the table a question needs', () => {
  it('reads the words for the measuring step without the scope, with the quantity the adjectives stand for', () => {
    expect(measuringWords('what is the mean area of the nuclei in frame 3?')).not.toMatch(/frame 3/);
    expect(measuringWords('which cell went the furthest?')).toMatch(/distance travelled/);
    expect(measuringWords('how straight are the trajectories?', 'speed straightness migration')).toMatch(/straightness/);
    expect(measuringWords('what is the area of cell 2?')).not.toMatch(/cell 2/);
  });

  it('knows when a tool names the quantity asked and when a question asks how much', () => {
    expect(namesQuantity('how fast do they move?', 'speed velocity displacement')).toBe(true);
    expect(namesQuantity('how long do the tracks last?', 'track features (duration, displacement)')).toBe(true);
    expect(namesQuantity('what is the TRA score?', 'area intensity speed')).toBe(false);
    expect(asksHowMuch('how straight are the trajectories?')).toBe(true);
    expect(asksHowMuch("what's in this file?")).toBe(false);
    expect(asksHowMuch("what's the eccentricity of the nuclei?")).toBe(true);
    expect(asksHowMuch("what's the pixel size of the movie?")).toBe(false);
  });
});

describe('units asked for', () => {
  it('gives a speed in the time unit the question names, and the column the question names by its own word', () => {
    expect(ask('what is the mean speed in µm per hour?')).toMatch(/^Mean speed = 110 µm\/h/);
    expect(ask('what is the mean distance travelled?')).toMatch(/total distance travelled/);
    expect(ask('how many divisions were there?')).toMatch(/^1 division \(/);
  });
});

// 2 channels, 60 s per frame: frame 1 (t 0 s) 2 objects, frame 2 (t 60 s) 1 object, frame 3 (t 120 s) 3 objects
const timedPath = join(dir, 'timed.csv');
writeTableCsv(timedPath, {
  columns: ['label', 't', 'time_s', 'area_um2', 'mean_intensity_c1', 'mean_intensity_c2'],
  rows: [
    { label: 1, t: 0, time_s: 0, area_um2: 10, mean_intensity_c1: 100, mean_intensity_c2: 50 },
    { label: 2, t: 0, time_s: 0, area_um2: 30, mean_intensity_c1: 300, mean_intensity_c2: 150 },
    { label: 1, t: 1, time_s: 60, area_um2: 20, mean_intensity_c1: 200, mean_intensity_c2: 100 },
    { label: 1, t: 2, time_s: 120, area_um2: 40, mean_intensity_c1: 100, mean_intensity_c2: 50 },
    { label: 2, t: 2, time_s: 120, area_um2: 50, mean_intensity_c1: 100, mean_intensity_c2: 50 },
    { label: 3, t: 2, time_s: 120, area_um2: 60, mean_intensity_c1: 100, mean_intensity_c2: 50 },
  ],
});
const timed: Conversation = {
  request: '',
  artifactsAtStart: [{ id: 'table-1', type: 'table', producedBy: 'measure', path: timedPath }],
  earlier: [{ tool: 'measure', args: { kind: 'objects' }, ok: true, summary: '', values: {}, artifacts: [{ id: 'table-1', type: 'table' }] }],
  current: [],
  earlierRequests: [],
};

describe('questions as people write them', () => {
  it('reads slips, shorthand and scopes written in other ways', () => {
    expect(readQuestion('hw many nuclei r there in frame 3')).toMatchObject({ frame: 3, reduce: 'count' });
    // slips of the words the reader knows
    expect(readQuestion('wich cell is the fastes?')).toMatchObject({ which: true, reduce: 'max' });
    expect([...readQuestion('what is the avrage velocty').quantity]).toEqual(['speed']);
    expect(ask('whats the diplacement of trakc 2')).toMatch(/for track 2 = 1 µm/);
    expect(ask('what is the distnce travelled by track 2?')).toMatch(/total distance travelled for track 2 = 1 µm/);
    expect([...readQuestion('whats the avg nucleus area').quantity]).toEqual(['area']);
    expect(readQuestion('number of nuclei at t=2?')).toMatchObject({ frame: 2, reduce: 'count' });
    expect(readQuestion('in frames 2-4, what is the mean area?')).toMatchObject({ frames: { first: 2, last: 4 } });
    expect(readQuestion('mean area from frame 5 onwards?')).toMatchObject({ frames: { first: 5, last: Infinity } });
    expect(readQuestion('compare ch1 and ch2')).toMatchObject({ channels: [1, 2] });
    expect(readQuestion('is the signal going down')).toMatchObject({ perFrame: true });
    expect(readQuestion('do they speed up over time?')).toMatchObject({ perFrame: true });
    expect(readQuestion('did the nuclei grow between the first and the last frame?')).toMatchObject({ compare: 'ends' });
    expect(readQuestion('how many tracks last longer than 5 minutes?')).toMatchObject({ reduce: 'count', condition: { op: '>', value: 5, unit: 'min' } });
    expect(readQuestion('how many cells are there after 3 minutes?')).toMatchObject({ atTimeS: 180, reduce: 'count' });
    expect(readQuestion('what percentage of the tracks have a division?')).toMatchObject({ reduce: 'fraction' });
    expect(readQuestion('give me the speed of each track')).toMatchObject({ perTrack: true });
    expect(readQuestion('what is the average speed per cell?').perTrack).toBeUndefined();
  });

  it('tells questions from requests, and keeps the scope out of the words that choose a step', () => {
    for (const q of ['in frames 5-10, what is the mean speed?', 'mean area in frames 2-4?', 'speed of track 2?', 'do they speed up?', 'compare ch1 and ch2']) expect(isAskedForm(q), q).toBe(true);
    for (const q of ['do the thing with 15 px and channel 2', 'segment the nuclei in frame 3', 'track them']) expect(isAskedForm(q), q).toBe(false);
    // asked indirectly
    for (const q of ["I'd like to know the average speed", 'could you tell me which cell moved furthest?', 'I want to know how many cells are in frame 2', 'please give me the mean speed']) expect(isAskedForm(q), q).toBe(true);
    for (const q of ['can you segment the cells?', 'I want to segment the cells', "I'd like to see the tracks"]) expect(isAskedForm(q), q).toBe(false);
    expect(withoutScope('are there more cells at the end than at the start?')).not.toMatch(/start|end/);
    expect(withoutScope('what is the mean area per frame?')).not.toMatch(/mean|frame/);
    expect(withoutScope('which nucleus is the brightest?')).toMatch(/intensity/);
    expect(withoutScope('what is the mean squared displacement?')).toMatch(/mean squared displacement/);
  });

  it('completes a follow-up that names no quantity with the one asked before', () => {
    expect(completedFollowUp('and the median?', ['segment the nuclei', 'whats the avg nucleus area'])).toMatch(/median.*area/);
    expect(completedFollowUp('and at the last timepoint?', ['how many nuclei in frame 3'])).toBe('how many nuclei at the last timepoint?');
    expect(completedFollowUp('and track them', ['what is the mean area?'])).toBe('and track them');
    expect(completedFollowUp('and the drift?', ['what is the mean area?'])).toBe('and the drift?');
  });

  it('reads the end and the start alone as the last and first frame, and the last N frames back from the end', () => {
    expect(readQuestion('which cell is biggest at the end?')).toMatchObject({ frame: 'last', reduce: 'max' });
    expect(readQuestion('how many cells at the start?')).toMatchObject({ frame: 'first', reduce: 'count' });
    expect(answerFromTable('what is the mean area in the last 2 frames?', timed)).toMatch(/^Mean area in frames 2-3 = 42\.5 µm²/);
    expect(answerFromTable('which nucleus is the biggest at the end?', timed)).toMatch(/^Object 3 has the largest area: 60 µm²/);
  });

  it('answers over frames a-b, at a time in the movie, per channel and per track', () => {
    expect(answerFromTable('mean area in frames 2-3?', timed)).toMatch(/^Mean area in frames 2-3 = 42\.5 µm²/);
    expect(answerFromTable('mean area from frame 2 onwards?', timed)).toMatch(/in frames 2-3 = 42\.5 µm²/);
    expect(answerFromTable('how many cells are there after 1 minute?', timed)).toMatch(/^1 object in frame 2 \(at 1 min\)/);
    expect(answerFromTable('how many cells at t=3?', timed)).toMatch(/^3 objects in frame 3/);
    expect(answerFromTable('compare ch1 and ch2', timed)).toMatch(/channel 1 mean intensity = 150 grey levels vs channel 2 mean intensity = 75 grey levels; ratio channel 2 \/ channel 1 = 0\.5/);
    // (a ratio asked in an order is that one, never its inverse)
    expect(answerFromTable('what is the ratio of channel 1 to channel 2?', timed)).toMatch(/ratio channel 1 \/ channel 2 = 2\b/);
    expect(answerFromTable('what is the mean intensity in channel 2?', timed)).toMatch(/^Mean intensity \(channel 2\) = 75/);
    expect(ask('give me the speed of each track')).toMatch(/per track.*track 1: 2 µm\/min, track 2: 0\.5 µm\/min, track 3: 3 µm\/min/);
  });

  it('counts the rows that meet a condition, in the unit written, and gives shares', () => {
    expect(answerFromTable('how many nuclei are bigger than 35 µm²?', timed)).toMatch(/^3 of 6 objects \(50%\) have area > 35 µm²/);
    expect(ask('how many tracks last longer than 60 s?')).toMatch(/^2 of 3 tracks \(66\.7%\) have duration > 1 min/);
    expect(ask('what percentage of the tracks have a division?')).toMatch(/^1 of 3 tracks \(33\.3%\) have number of divisions > 0/);
    expect(ask('how many tracks are faster than 1 px/frame?', false)).toMatch(/2 of 3 tracks/);
  });

  it('gives several statistics at once, names the cells that had an event, and reads a comparative with one end', () => {
    expect(ask('give me the mean, min and max area')).toMatch(/^area: mean 12\.86 µm², minimum 5 µm², maximum 30 µm² over 7 objects/);
    expect(ask('which cells divided?')).toMatch(/^1 of 3 tracks \(33\.3%\) have number of divisions > 0: tracks 1 /);
    expect(readQuestion('are the cells moving faster at the end?')).toMatchObject({ compare: 'ends' });
    expect(readQuestion('what is the number of cells at the end?').compare).toBeUndefined();
    expect(readQuestion('how many cells divided during the movie?').quantity.has('length')).toBe(false);
  });

  it('names the frame with an extreme', () => {
    expect(answerFromTable('which frame has the most cells?', timed)).toMatch(/^Frame 3 has the most objects: 3/);
    expect(answerFromTable('in which frame are there the fewest nuclei?', timed)).toMatch(/^Frame 2 has the fewest objects: 1/);
    expect(answerFromTable('at which timepoint does the mean intensity peak?', timed)).toMatch(/^Frame [12] has the highest mean intensity \(channel 1\): 200 grey levels/);
  });

  it('compares both ends and follows a change over the movie', () => {
    expect(answerFromTable('did the nuclei get bigger between the first and the last frame?', timed)).toMatch(/20 µm² in frame 1 vs 50 µm² in frame 3 \(\+150%\)/);
    expect(answerFromTable('is the signal going down?', timed)).toMatch(/per frame.*frame 1: 200, frame 2: 200, frame 3: 100; down/);
  });
});

describe('extremes and comparisons at the scope asked', () => {
  it('reads an extreme of the frames themselves, and which end of it', () => {
    expect(readQuestion("what's the brightest frame?")).toMatchObject({ whichFrame: true, extreme: 'max' });
    expect(readQuestion('at what frame is the number of nuclei lowest')).toMatchObject({ whichFrame: true, reduce: 'count', extreme: 'min' });
    expect(readQuestion('which frame has the most cells?')).toMatchObject({ whichFrame: true, extreme: 'max' });
    expect(readQuestion('which cell is the brightest?').whichFrame).toBeUndefined();
  });

  it('reads two frames compared, not the frames between them', () => {
    expect(readQuestion('compare the mean intensity in frame 1 and frame 4')).toMatchObject({ compare: 'frames', compareFrames: [1, 4] });
    expect(readQuestion('mean area frame 2 versus frame 5')).toMatchObject({ compare: 'frames', compareFrames: [2, 5] });
    expect(readQuestion('how many cells in frame 3 vs frame 1?')).toMatchObject({ compare: 'frames', compareFrames: [3, 1], reduce: 'count' });
    expect(readQuestion('mean area in frames 2 to 5')).toMatchObject({ frames: { first: 2, last: 5 } });
    expect(readQuestion('mean area in frames 2 to 5').compare).toBeUndefined();
  });

  it('reads a superlative of speed as the fastest cell, and "per track" with an average as both the mean and each', () => {
    expect(readQuestion("who's the speediest cell")).toMatchObject({ which: true, reduce: 'max' });
    expect([...readQuestion("who's the speediest cell").quantity]).toEqual(['speed']);
    expect(readQuestion('average speed per track?')).toMatchObject({ listsEach: true, reduce: 'mean' });
    expect(readQuestion('average speed overall?').listsEach).toBeUndefined();
  });

  it('reads a thing at a scope with no verb as a question, and a verb with it as a step', () => {
    for (const q of ['cells per frame pls', 'nucleus count over time', 'speed for each track']) expect(isAskedForm(q), q).toBe(true);
    for (const q of ['track cells over time', 'segment the cells per frame', 'measure intensity over time']) expect(isAskedForm(q), q).toBe(false);
    expect(isAskedForm('when are there the fewest cells?')).toBe(true);
  });
});

describe('questions in people\'s own words (brief s14/Q)', () => {
  it('keeps the rows a relative clause names by an event, and says when none had it', () => {
    // track 1 divided (speed 2), tracks 2 and 3 did not (0.5, 3)
    expect(ask('what is the mean speed of the cells that divided?')).toMatch(/^Mean speed for the 1 track with number of divisions > 0 .* = 2 µm\/min/);
    expect(ask('mean speed of the tracks without a division?')).toMatch(/for the 2 tracks with number of divisions = 0 .* = 1\.75 µm\/min/);
    expect(readQuestion('are there any dividing cells?').subset).toBeUndefined();
    expect(readQuestion('how many tracks last a decent while?').subset).toBeUndefined();
  });

  it('reads frames in a condition as the frames a track is seen in, and speeds with their unit', () => {
    expect(ask('how many tracks are longer than 2 frames?')).toMatch(/^2 of 3 tracks \(66\.7%\) have number of frames seen > 2 frames/);
    expect(ask('any tracks faster than 1 µm/min?')).toMatch(/^2 of 3 tracks .* mean speed > 1 µm\/min/);
    expect(ask('how many of the tracks have a division?')).toMatch(/^1 of 3 tracks .* number of divisions > 0/);
  });

  it('gives the unit asked: pixels of a calibrated movie, seconds of a duration in minutes', () => {
    const withPixelSize = conversation(true);
    withPixelSize.artifactsAtStart.push({ id: 'movie-1', type: 'movie', pixelSizeUm: 0.5 });
    expect(answerFromTable('average nucleus area in pixels', withPixelSize)).toMatch(/ px²/);
    expect(ask('average track duration in seconds?')).toMatch(/= 80 s\b/);
  });

  it('reads non-native and chat forms of a question', () => {
    expect(readQuestion('how much cells there are in the end compare to the beginning?')).toMatchObject({ reduce: 'count', compare: 'ends' });
    expect(readQuestion('the cells become more slow during the movie, yes or no?')).toMatchObject({ perFrame: true });
    expect(isAskedForm('in the last 4 frames which cell is fastest')).toBe(true);
    expect(isAskedForm('area in µm² pls')).toBe(true);
    expect(isAskedForm('segment the nuclei in µm')).toBe(false);
  });
});

// brief s15/Q: a table in pixels only, a tracks table with a 2-min interval, division events, and steps between frames
const pxObjectsPath = join(dir, 'objects-px.csv');
writeTableCsv(pxObjectsPath, { columns: ['label', 't', 'area_px'], rows: [{ label: 1, t: 0, area_px: 40 }, { label: 2, t: 0, area_px: 60 }, { label: 1, t: 1, area_px: 50 }] });
const timedTracksPath = join(dir, 'tracks-timed.csv');
writeTableCsv(timedTracksPath, {
  columns: ['TRACK_ID', 'NUMBER_SPOTS', 'NUMBER_GAPS', 'NUMBER_SPLITS', 'NUMBER_MERGES', 'TRACK_DURATION', 'TRACK_MEAN_SPEED'],
  rows: [
    // a gap: 3 spots over 6 min is no interval; the others are seen in every frame, 2 min apart
    { TRACK_ID: 1, NUMBER_SPOTS: 3, NUMBER_GAPS: 1, NUMBER_SPLITS: 0, NUMBER_MERGES: 0, TRACK_DURATION: 6, TRACK_MEAN_SPEED: 1 },
    { TRACK_ID: 2, NUMBER_SPOTS: 4, NUMBER_GAPS: 0, NUMBER_SPLITS: 0, NUMBER_MERGES: 0, TRACK_DURATION: 6, TRACK_MEAN_SPEED: 2 },
    { TRACK_ID: 3, NUMBER_SPOTS: 2, NUMBER_GAPS: 0, NUMBER_SPLITS: 0, NUMBER_MERGES: 0, TRACK_DURATION: 2, TRACK_MEAN_SPEED: 3 },
  ],
});
const divisionsPath = join(dir, 'divisions.csv');
writeTableCsv(divisionsPath, { columns: ['t', 'x', 'y', 'mother', 'daughter_1', 'daughter_2', 'track_id'], rows: [{ t: 3, x: 1, y: 1, mother: 4, daughter_1: 5, daughter_2: 6, track_id: 2 }] });
// steps between frames of an 8-frame movie: speed 1 in frames 1-4, 3 in frames 5-8, 100 on the step across the middle
const linksPath = join(dir, 'links.csv');
writeTableCsv(linksPath, {
  columns: ['TRACK_ID', 'source_spot', 'target_spot', 't', 'frames', 'speed_um_per_min'],
  rows: [0, 1, 2, 3, 4, 5, 6].map((t) => ({ TRACK_ID: 1, source_spot: t + 1, target_spot: t + 2, t, frames: 1, speed_um_per_min: t < 3 ? 1 : t === 3 ? 100 : 3 })),
});

function withTables(tables: { id: string; path: string; values?: Record<string, unknown>; tool?: string }[], movie: { pixelSizeUm?: number } = {}): Conversation {
  return {
    request: '',
    artifactsAtStart: [{ id: 'movie-1', type: 'movie', ...movie }, ...tables.map((t) => ({ id: t.id, type: 'table', producedBy: t.tool ?? 'measure', path: t.path }))],
    earlier: tables.map((t) => ({ tool: t.tool ?? 'measure', args: {}, ok: true, summary: '', values: t.values ?? {}, artifacts: [{ id: t.id, type: 'table' }] })),
    current: [],
    earlierRequests: [],
  };
}

describe('questions in people\'s own words (brief s15/Q)', () => {
  it('reads a pixel size said inside the question, and uses it for the answer', () => {
    expect(statedPixelSizeUm('mean area in square microns, the pixels are 0.65 µm')).toBe(0.65);
    expect(statedPixelSizeUm('distance per track in µm? 0.4 µm/px')).toBe(0.4);
    expect(statedPixelSizeUm('with 650 nm pixels, the mean area?')).toBe(0.65);
    expect(statedPixelSizeUm('the nuclei are 8 µm across, how many?')).toBeUndefined();
    const uncalibrated = withTables([{ id: 'table-1', path: pxObjectsPath }]);
    // mean 50 px² at 0.5 µm/px = 12.5 µm²
    expect(answerFromTable('mean area in µm², the pixels are 0.5 µm', uncalibrated)).toMatch(/= 12\.5 µm².*0\.5 µm\/px, the pixel size you gave/);
    expect(answerFromTable('mean area in µm²?', uncalibrated)).toMatch(/= 50 px² \(no calibration known\)/);
  });

  it('gives a speed per minute and a duration in minutes at the time between frames the question tells', () => {
    const uncalibrated = withTables([{ id: 'table-1', path: timedTracksPath, values: { lengthUnit: 'px', timeUnit: 'frame' } }]);
    // mean 2 px/frame at 2 min per frame and 0.5 µm/px = 0.5 µm/min
    expect(answerFromTable('mean speed in µm/min? the pixels are 0.5 µm and frames are 2 min apart', uncalibrated)).toMatch(/= 0\.5 µm\/min.*0\.5 µm\/px, the pixel size you gave and 2 min between frames/);
    expect(answerFromTable('mean speed? frame interval is 2 min', uncalibrated)).toMatch(/= 1 px\/min/);
    expect(answerFromTable('mean speed?', uncalibrated)).toMatch(/= 2 px\/frame \(no calibration known\)/);
    expect(withoutScope('mean area in µm²? pixel size 0.65 µm')).not.toMatch(/pixel|0\.65/);
  });

  it('gives a speed per frame at the frame interval the table shows', () => {
    expect(frameIntervalOfTable({ columns: ['TRACK_DURATION', 'NUMBER_SPOTS', 'NUMBER_GAPS'], rows: [{ TRACK_DURATION: 6, NUMBER_SPOTS: 3, NUMBER_GAPS: 1 }, { TRACK_DURATION: 6, NUMBER_SPOTS: 4, NUMBER_GAPS: 0 }] })).toBe(2);
    expect(frameIntervalOfTable({ columns: ['label', 't', 'time_s'], rows: [{ t: 0, time_s: 0 }, { t: 2, time_s: 240 }] })).toBe(120);
    expect(asksPerFrame('mean speed in pixels per frame please')).toBe(true);
    expect(asksPerFrame('how many cells per frame?')).toBe(false);
    const calibrated = withTables([{ id: 'table-1', path: timedTracksPath, values: { lengthUnit: 'µm', timeUnit: 'min' } }], { pixelSizeUm: 0.5 });
    // mean 2 µm/min = 4 px/min = 8 px/frame at 2 min per frame; asked of a calibrated movie, no "no calibration known"
    const answer = answerFromTable('mean speed in pixels per frame please', calibrated);
    expect(answer).toMatch(/= 8 px\/frame/);
    expect(answer).not.toMatch(/no calibration known/);
    expect(answerFromTable('mean speed in µm/min?', calibrated)).toMatch(/= 2 µm\/min/);
  });

  it('gives the share of tracks with a division from a table of division events and the tracks reported', () => {
    const events = withTables([{ id: 'table-1', path: divisionsPath, tool: 'detect_divisions', values: { divisions: 1 } }]);
    events.earlier.unshift({ tool: 'track', args: {}, ok: true, summary: '', values: { tracks: 4 }, artifacts: [{ id: 'tracks-1', type: 'tracks' }] });
    expect(answerFromTable('what percentage of the nuclei go through a division?', events)).toMatch(/^1 of 4 tracks \(25%\) have a division/);
    expect(answerFromTable('what fraction of the cells divide?', events)).toMatch(/^1 of 4 tracks/);
  });

  it('counts the rows above or below their own mean or median', () => {
    const tracks = withTables([{ id: 'table-1', path: timedTracksPath, values: { lengthUnit: 'µm', timeUnit: 'min' } }]);
    // speeds 1, 2, 3: mean 2
    expect(answerFromTable('how many cells are faster than average?', tracks)).toMatch(/^1 of 3 tracks \(33\.3%\) have mean speed > the mean, 2 µm\/min/);
    expect(answerFromTable('how many tracks are slower than the median?', tracks)).toMatch(/^1 of 3 tracks .* < the median, 2 µm\/min/);
    expect(readQuestion('how many tracks are longer than 5 frames?').condition).toMatchObject({ op: '>', value: 5, unit: 'frames' });
    expect(isAskedForm('area of the nuclei in the first vs last frame, in um^2')).toBe(true);
    expect(isAskedForm('plot area vs intensity')).toBe(false);
  });

  it('compares two cells or tracks, the one after "than" as the baseline', () => {
    expect(readQuestion('is nucleus 2 bigger than nucleus 3?')).toMatchObject({ compareTracks: [3, 2] });
    expect(readQuestion('is nucleus 2 bigger than nucleus 3?').track).toBeUndefined();
    expect(readQuestion('speed of track 1 vs track 3?')).toMatchObject({ compareTracks: [1, 3] });
    expect(readQuestion('speed of track 1?').compareTracks).toBeUndefined();
    const tracks = withTables([{ id: 'table-1', path: timedTracksPath, values: { lengthUnit: 'µm', timeUnit: 'min' } }]);
    const answer = answerFromTable('is track 3 faster than track 1?', tracks)!;
    expect(answer).toMatch(/^mean speed: 1 µm\/min for track 1 vs 3 µm\/min for track 3 \(\+200%\): higher for track 3/);
    expect(withVerdict('is track 3 faster than track 1?', answer)).toMatch(/^Yes\b/);
    // per-object rows: the mean over the frames each is in
    expect(ask('is cell 1 bigger than cell 2?')).toMatch(/area: 5 µm² for track 2 \(mean of 3 frames\) vs 20 µm² for track 1 \(mean of 3 frames\)/);
  });

  it('says when no row is in the subset asked, with the value over all of them', () => {
    const tracks = withTables([{ id: 'table-1', path: timedTracksPath, values: { lengthUnit: 'µm', timeUnit: 'min' } }]);
    expect(answerFromTable('mean speed of the cells that divided?', tracks)).toMatch(/^No tracks have number of divisions > 0.*over all of them: Mean speed = 2 µm\/min/);
  });

  it('compares the halves of the movie with the steps inside each half', () => {
    const links = withTables([{ id: 'table-1', path: linksPath }]);
    const answer = answerFromTable('are the cells faster in the first half than the second?', links);
    expect(answer).toMatch(/1 µm\/min in the first half \(frames 1-4\) vs 3 µm\/min in the second half \(frames 5-8\).*higher in the second half/);
    expect(withVerdict('Do the cells move quicker in the first half of the film than in the second half?', answer!)).toMatch(/^No\b/);
    expect(withVerdict('are the cells faster in the second half than in the first?', answer!)).toMatch(/^Yes\b/);
  });

  it('keeps the part of the recording and the word for it out of the step words, and reads chat shorthand', () => {
    expect(withoutScope('Do the cells move quicker in the first half of the film than in the second half?')).not.toMatch(/film|half/);
    expect(withoutScope('Are the cells speeding up as the film goes on?')).not.toMatch(/film/);
    expect(readQuestion('n per timepoint?')).toMatchObject({ reduce: 'count', perFrame: true });
    expect(plainQuestion('standart deviation of the area?')).toMatch(/^standard deviation/);
    expect(readQuestion('standart deviation of the area?').reduce).toBe('sd');
    expect(readQuestion('the nucleus are growing in the time or not?').perFrame).toBe(true);
    expect(readQuestion('which track is the longest in time?')).toMatchObject({ perFrame: false, reduce: 'max', which: true });
    expect(readQuestion('how does the number of nuclei vary from frame to frame?')).toMatchObject({ reduce: 'count', perFrame: true });
    // a time with its unit is no minimum; a unit per hour is no interval to image at
    expect(readQuestion('how fast do they go? frame interval is 5 min').reduce).toBe('mean');
    expect(withoutScope("what's the average cell speed per hour?")).not.toMatch(/hour/);
    expect(readQuestion('wats the mean sped of the cells').quantity.size).toBeGreaterThan(0);
    // a comparative with "getting" is a change over the movie; "the cell density" is a density (objects per mm², measure
    // kind "summary"), never the bare count of one field (stop 38)
    expect(readQuestion('are the nuclei getting brighter?').perFrame).toBe(true);
    expect(readQuestion('is the cell density higher at the end?')).toMatchObject({ compare: 'ends' });
    expect(plainQuestion('is the cell density higher at the end?')).toMatch(/\bdensity of cells\b/);
    // "the total distance each cell moved": one value per cell; "the straightest track": which track, at its maximum
    expect(readQuestion('what is the total distance each cell moved?').perTrack).toBe(true);
    expect(readQuestion("what's the straightest track?")).toMatchObject({ reduce: 'max', which: true });
    // "than": the frame after it is the baseline
    expect(readQuestion('is the mean area bigger in frame 6 than frame 1?')).toMatchObject({ compare: 'frames', compareFrames: [1, 6] });
    expect(readQuestion('more cells in frame 2 than in frame 5?')).toMatchObject({ compare: 'frames', compareFrames: [5, 2] });
  });
});
