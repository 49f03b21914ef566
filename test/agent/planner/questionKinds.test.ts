// Kinds of question people ask about their results (brief s16/Q): percentiles and quartiles,
// the low end of a per-frame count ("the less nuclei"), dividing cells against division
// events, counts over a threshold with areas in words ("square pixels"), the time of an
// event in the unit asked, and how long steps took, from the record.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeTableCsv } from '../../../src/analysis/table.ts';
import type { Conversation, PastResult } from '../../../src/agent/planner/conversation.ts';
import { askedTimeUnit, timeText } from '../../../src/agent/planner/answers.ts';
import { asksSessionTime, describeTool, sessionTiming } from '../../../src/agent/planner/explanations.ts';
import { answerFromTable, asksAMeasuredQuantity, asksForAnAnswer, countsDividingCells, isAskedForm, percentile, percentilesOf, readQuestion, squareUnits } from '../../../src/agent/planner/tableAnswers.ts';

const dir = mkdtempSync(join(tmpdir(), 'question-kinds-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// 2 frames, 5 objects: areas 10, 20, 30, 40 µm² in frame 1 and 50 µm² in frame 2
const objectsPath = join(dir, 'objects.csv');
writeTableCsv(objectsPath, {
  columns: ['label', 't', 'area_px', 'area_um2', 'mean_intensity_c1'],
  rows: [
    { label: 1, t: 0, area_px: 40, area_um2: 10, mean_intensity_c1: 100 },
    { label: 2, t: 0, area_px: 80, area_um2: 20, mean_intensity_c1: 200 },
    { label: 3, t: 0, area_px: 120, area_um2: 30, mean_intensity_c1: 300 },
    { label: 4, t: 0, area_px: 160, area_um2: 40, mean_intensity_c1: 400 },
    { label: 1, t: 1, area_px: 200, area_um2: 50, mean_intensity_c1: 500 },
  ],
});
// 3 division events: mother branches 4, 7, 9, in 2 lineages (tracks 1 and 2)
const divisionsPath = join(dir, 'divisions.csv');
writeTableCsv(divisionsPath, {
  columns: ['t', 'x', 'y', 'mother', 'daughter_1', 'daughter_2', 'track_id'],
  rows: [
    { t: 3, x: 1, y: 1, mother: 4, daughter_1: 5, daughter_2: 6, track_id: 1 },
    { t: 5, x: 2, y: 2, mother: 7, daughter_1: 10, daughter_2: 11, track_id: 1 },
    { t: 6, x: 3, y: 3, mother: 9, daughter_1: 12, daughter_2: 13, track_id: 2 },
  ],
});

const measured: PastResult = { tool: 'measure', args: { kind: 'objects' }, ok: true, summary: '', values: {}, artifacts: [{ id: 'table-1', type: 'table' }], durationMs: 1500 };
const tracked: PastResult = { tool: 'track', args: {}, ok: true, summary: '', values: { tracks: 8 }, artifacts: [], durationMs: 250 };
const divided: PastResult = { tool: 'detect_divisions', args: {}, ok: true, summary: '', values: { divisions: 3 }, artifacts: [{ id: 'table-2', type: 'table' }] };
function conversation(): Conversation {
  return {
    request: '',
    artifactsAtStart: [
      { id: 'table-1', type: 'table', producedBy: 'measure', path: objectsPath },
      { id: 'table-2', type: 'table', producedBy: 'detect_divisions', path: divisionsPath },
    ],
    earlier: [tracked, measured, divided],
    current: [],
    earlierRequests: [],
  };
}
const ask = (q: string) => answerFromTable(q, conversation());

describe('percentiles and quartiles', () => {
  it('reads the percentiles a question asks for, in several wordings', () => {
    expect(percentilesOf("what's the 90th percentile of the area?")).toEqual([90]);
    expect(percentilesOf('95 percentile of the nucleus area please')).toEqual([95]);
    expect(percentilesOf('p90 speed')).toEqual([90]);
    expect(percentilesOf('give me the quartiles of track speed')).toEqual([25, 50, 75]);
    expect(percentilesOf('the interquartile range of the area')).toEqual([25, 75]);
    expect(percentilesOf('what percentage of cells divide?')).toBeUndefined();
    expect(readQuestion('5th percentile intensity?')).toMatchObject({ reduce: 'percentile', percentiles: [5] });
    // "percentile" is no slip of "percentage" (a share)
    expect(readQuestion('what is the 90th percentile of the area?').reduce).toBe('percentile');
  });
  it('computes percentiles linearly between ranks (numpy default)', () => {
    expect(percentile([10, 20, 30, 40, 50], 50)).toBe(30);
    expect(percentile([10, 20, 30, 40, 50], 90)).toBeCloseTo(46);
    expect(percentile([10, 20, 30, 40, 50], 25)).toBe(20);
  });
  it('answers a percentile from the table with its unit', () => {
    expect(ask("what's the 90th percentile of the nuclear area?")).toMatch(/^area: 90th percentile 46 µm²/);
    expect(ask('quartiles of the area?')).toMatch(/25th percentile 20 µm², 50th percentile 30 µm², 75th percentile 40 µm²/);
    expect(ask('IQR of the area?')).toMatch(/interquartile range 20 µm²/);
    // a percentile said without a question mark is still a question
    expect(isAskedForm('95 percentile of the nucleus area please')).toBe(true);
  });
});

describe('the frame with the least', () => {
  it('reads "less" and "fewer" in a which-frame question as the low end', () => {
    expect(readQuestion('in what frame there is the less nuclei?')).toMatchObject({ whichFrame: true, extreme: 'min' });
    expect(readQuestion('which frame has fewer cells than the others?')).toMatchObject({ whichFrame: true, extreme: 'min' });
    expect(readQuestion('which frame has the most nuclei?')).toMatchObject({ whichFrame: true, extreme: 'max' });
  });
});

describe('dividing cells against division events', () => {
  it('tells a count of dividing cells from a count of divisions', () => {
    expect(countsDividingCells('how many cells divide?')).toBe(true);
    expect(countsDividingCells('how many cels divided?')).toBe(true);
    expect(countsDividingCells('how many of the cells undergo mitosis?')).toBe(true);
    expect(countsDividingCells('how many divisions did you find?')).toBe(false);
    expect(countsDividingCells('how many division events are there?')).toBe(false);
    expect(countsDividingCells('how many cells are there?')).toBe(false);
  });
  it('answers with the cells, the events and the lineages they are in', () => {
    const answer = ask('how many cells divided?');
    expect(answer).toMatch(/^3 cells divided \(3 division events; mother branches 4, 7, 9; in 2 of 8 tracks \(lineages\); first in frame 4/);
    expect(answer).toContain('table-2');
  });
});

describe('counts over a threshold', () => {
  it('reads areas in words as their units', () => {
    expect(squareUnits('larger than 150 square pixels')).toBe('larger than 150 px²');
    expect(squareUnits('under 50 um2')).toBe('under 50 µm²');
    expect(squareUnits('bigger than 20 microns squared')).toBe('bigger than 20 µm²');
    expect(readQuestion('count the nuclei larger than 150 square pixels').condition).toEqual({ op: '>', value: 150, unit: 'px²' });
  });
  it('a count with a threshold asks for a measured quantity and an answer', () => {
    expect(asksAMeasuredQuantity('how many nuclei are bigger than 40 µm²?')).toBe(true);
    expect(asksAMeasuredQuantity('how many nuclei are there?')).toBe(false);
    expect(isAskedForm('count the nuclei larger than 150 square pixels')).toBe(true);
    expect(asksForAnAnswer('count the nuclei larger than 150 px²')).toBe(true);
    expect(isAskedForm('count the nuclei')).toBe(false);
  });
  it('counts the rows over the threshold in the unit written', () => {
    expect(ask('how many nuclei are larger than 100 square pixels?')).toMatch(/^3 of 5 objects \(60%\) have area > 100 px²/);
  });
});

describe('times in the unit asked', () => {
  it('says a time as people do, or in the unit asked', () => {
    expect(askedTimeUnit('when does the first division happen, in minutes?')).toBe('min');
    expect(askedTimeUnit('how many hours until it divides?')).toBe('h');
    expect(timeText(60, 'min')).toBe('1 min');
    expect(timeText(420)).toBe('7 min');
    expect(timeText(45)).toBe('45 s');
  });
});

describe('how long steps took, from the record', () => {
  it('reads a question about the whole session\'s time', () => {
    expect(asksSessionTime('How long did the whole analysis take altogether?')).toBe(true);
    expect(asksSessionTime('what was the total processing time?')).toBe(true);
    expect(asksSessionTime('how long is the whole movie?')).toBe(false);
    expect(asksSessionTime('how long did segmentation take?')).toBe(false);
  });
  it('sums the steps\' times and names the slowest, running nothing', () => {
    expect(sessionTiming([tracked, measured])).toBe('From the record (I ran nothing): 2 steps took 1.75 s in all: track 0.25 s, measure 1.5 s; the slowest was measure.');
    expect(sessionTiming([])).toMatch(/^Nothing has run/);
  });
  it('leads with the time a step took when it ran', () => {
    expect(describeTool({ tool: 'measure', aspect: 'time' }, [measured])).toMatch(/^`measure` ran in this session and it took 1\.5 s/);
    expect(describeTool({ tool: 'segment', aspect: 'time' }, [measured])).toMatch(/has not run in this session/);
  });
});

describe('more kinds of question', async () => {
  const { z } = await import('zod');
  const { ALL_TOOLS } = await import('../../../src/agent/allTools.ts');
  const { catalogueFromBoundTools } = await import('../../../src/agent/planner/catalogue.ts');
  const { unappliedConstraints } = await import('../../../src/agent/planner/constraints.ts');
  const { indexFor } = await import('../../../src/agent/planner/planner.ts');
  const { recordingQuestion } = await import('../../../src/agent/planner/recordingQuestions.ts');
  const { asksWhy } = await import('../../../src/agent/planner/explanations.ts');
  const { timeAsFrame } = await import('../../../src/agent/planner/answers.ts');
  const { measuringWords } = await import('../../../src/agent/planner/tableAnswers.ts');
  const catalogue = catalogueFromBoundTools(ALL_TOOLS.map((t) => ({ name: t.name, description: t.description, schema: z.toJSONSchema(t.schema, { io: 'input', unrepresentable: 'any' }) })));

  it('a diameter said is applied as a radius of half of it, not named as dropped', () => {
    const clause = 'nuclei are about 14 px across - count them in each frame';
    expect(unappliedConstraints({ tool: 'segment', clause, args: { objectRadiusPx: 7 } }, catalogue, indexFor(catalogue)).filter((u) => u.kind === 'number')).toEqual([]);
    // (a value that went nowhere is still named)
    expect(unappliedConstraints({ tool: 'segment', clause, args: {} }, catalogue, indexFor(catalogue)).some((u) => u.kind === 'number')).toBe(true);
  });
  it('an extreme over the frames is about their content, not the file', () => {
    expect(recordingQuestion('which frame has the fewest nuclei?')).toBeUndefined();
    expect(recordingQuestion('The nuclei have a diameter of roughly 12 pixels. Which frame has the fewest of them?')).toBeUndefined();
    expect(recordingQuestion('how many frames?')?.keys).toEqual(['frames']);
  });
  it('"why don\'t you ..." asks about a choice', () => {
    expect(asksWhy("why you don't use the deep learning model for segment?")).toBe(true);
    expect(asksWhy("why didn't you pick the li threshold?")).toBe(true);
  });
  it('a time in the movie is the frame nearest to it, at the recording\'s interval', () => {
    const conv: Conversation = { request: '', artifactsAtStart: [{ id: 'movie-1', type: 'movie', frameIntervalS: 120 }], earlier: [], current: [], earlierRequests: [] };
    expect(timeAsFrame('how many nuclei at 4 minutes?', conv)).toEqual({ question: 'how many nuclei in frame 3?', note: ' (frame 3 is 4 min into the movie, at 2 min per frame)' });
    expect(timeAsFrame('how many nuclei at 4 minutes?', { ...conv, artifactsAtStart: [{ id: 'movie-1', type: 'movie' }] }).note).toBe('');
  });
  it('a list of values per track is a question; a count of tracks measures tracks', () => {
    expect(isAskedForm('list the mean speed of every track')).toBe(true);
    expect(isAskedForm('list the files')).toBe(false);
    expect(measuringWords('How many trajectories are there?')).toMatch(/whole tracks$/);
    expect(measuringWords('How many cells are there?')).not.toMatch(/tracks/);
  });
});

describe('frames, spreads, the rest and units of an older table', () => {
  // 3 tracks: 1 and 2 divided (speeds 2 and 4 µm/min), 3 did not (1 µm/min)
  const tracksPath = join(dir, 'tracks.csv');
  writeTableCsv(tracksPath, {
    columns: ['TRACK_ID', 'NUMBER_SPOTS', 'NUMBER_SPLITS', 'TRACK_MEAN_SPEED'],
    rows: [
      { TRACK_ID: 1, NUMBER_SPOTS: 5, NUMBER_SPLITS: 1, TRACK_MEAN_SPEED: 2 },
      { TRACK_ID: 2, NUMBER_SPOTS: 5, NUMBER_SPLITS: 1, TRACK_MEAN_SPEED: 4 },
      { TRACK_ID: 3, NUMBER_SPOTS: 5, NUMBER_SPLITS: 0, TRACK_MEAN_SPEED: 1 },
    ],
  });
  const withTracks = (earlier: PastResult[]): Conversation => ({
    request: '',
    artifactsAtStart: [{ id: 'movie-1', type: 'movie', pixelSizeUm: 0.5, frameIntervalS: 60 }, { id: 'table-3', type: 'table', producedBy: 'measure', path: tracksPath }],
    earlier,
    current: [],
    earlierRequests: [],
  });
  const measuredTracks: PastResult = { tool: 'measure', args: { kind: 'tracks' }, ok: true, summary: '', values: { lengthUnit: 'µm', timeUnit: 'min' }, artifacts: [{ id: 'table-3', type: 'table' }] };

  it('the frame with the largest total is the sum per frame, not the mean', () => {
    expect(ask('which frame has the largest total area?')).toMatch(/^Frame 1 has the highest total area: 100 µm²/);
    expect(ask('which frame has the largest average area?')).toMatch(/^Frame 2 has the highest mean area: 50 µm²/);
  });
  it('a distribution gives the middle half besides the ends and the median', () => {
    expect(ask("what's the distribution of nucleus areas?")).toMatch(/ranges from 10 µm² to 50 µm² \(median 30 µm², middle half 20 µm² to 40 µm², over 5 objects/);
  });
  it('compares the rows a clause keeps with the rest, the rest first', () => {
    const answer = answerFromTable('are the dividing cells faster than the others?', withTracks([measuredTracks]));
    expect(answer).toMatch(/^Mean speed: 1 µm\/min for the 1 track with number of divisions = 0 vs 3 µm\/min for the 2 with number of divisions > 0 \("dividing"\) \(\+200%\): higher/);
    // without "than the others" only the kept rows are described
    expect(answerFromTable('mean speed of the cells that divided?', withTracks([measuredTracks]))).toMatch(/^Mean speed for the 2 tracks/);
  });
  it('keeps the units of a table whose making step left the conversation, from the movie header', () => {
    expect(answerFromTable('mean speed in um/h?', withTracks([]))).toMatch(/= 140 µm\/h/);
    expect(answerFromTable('mean speed in um/h?', withTracks([measuredTracks]))).toMatch(/= 140 µm\/h/);
  });
});

describe('slips of typing', () => {
  it('reads two swapped letters as the word meant, even in short words', async () => {
    const { plainQuestion } = await import('../../../src/agent/planner/tableAnswers.ts');
    expect(plainQuestion('how many nucleis in the lsat frame?')).toBe('how many nuclei in the last frame?');
    expect(plainQuestion('frist frame area')).toBe('first frame area');
    expect(plainQuestion('the mean area of the cells')).toBe('the mean area of the cells');
    expect(readQuestion('how many nucleis in the lsat frame?').frame).toBe('last');
  });
});
