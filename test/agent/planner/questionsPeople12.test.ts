// Kinds of questions from tuning-questions-people-12 (brief s20/Q): each test fails when the
// mechanism behind a kind breaks, whatever sentence asks it.
// - a step whose object is a question ("quantify how bright each nucleus is in frame 7") is answered from the data;
// - a table of objects segmented from part of the movie names the movie's frames, not the table's;
// - a figure drawn for a question is named beside the numbers;
// - frames said as ordinals or words ("the 2nd frame", "time point two"), a time said first ("at 3 min, ..."),
//   "frame 1 or frame 4", an extreme of a count ("the peak cell count");
// - each thing's value ("each track's mean speed", "list the track durations"), a ranking in words ("top five");
// - a follow-up naming another quantity ("now for the area") asks the question before about it, at its scope;
// - lengths in nm, and a size across (diameter, radius) from the areas of a table of objects.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeTableCsv } from '../../../src/analysis/table.ts';
import { composeAnswer } from '../../../src/agent/planner/answers.ts';
import type { Conversation, KnownArtifact, PastResult } from '../../../src/agent/planner/conversation.ts';
import { recordingQuestion } from '../../../src/agent/planner/recordingQuestions.ts';
import { catalogue } from './planOffline.ts';
import { answerFromTable, asksForAnAnswer, completedFollowUp, isAskedForm, plainQuestion, readQuestion } from '../../../src/agent/planner/tableAnswers.ts';

const dir = mkdtempSync(join(tmpdir(), 'people-12-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// objects of frame 7 only (t is 0-based in the movie: labels segmented from frame 7 keep it)
const frame7Path = join(dir, 'frame7.csv');
writeTableCsv(frame7Path, {
  columns: ['label', 't', 'area_um2', 'mean_intensity_c1'],
  rows: [
    { label: 1, t: 6, area_um2: 40, mean_intensity_c1: 1000 },
    { label: 2, t: 6, area_um2: 60, mean_intensity_c1: 1200 },
  ],
});
const tracksPath = join(dir, 'tracks.csv');
writeTableCsv(tracksPath, {
  columns: ['TRACK_ID', 'NUMBER_SPOTS', 'TRACK_DURATION', 'TRACK_MEAN_SPEED'],
  rows: [
    { TRACK_ID: 1, NUMBER_SPOTS: 6, TRACK_DURATION: 5, TRACK_MEAN_SPEED: 0.25 },
    { TRACK_ID: 2, NUMBER_SPOTS: 6, TRACK_DURATION: 5, TRACK_MEAN_SPEED: 0.5 },
  ],
});
const tracksTable: KnownArtifact = { id: 'table-2', type: 'table', producedBy: 'measure', path: tracksPath };
const frame7Table: KnownArtifact = { id: 'table-1', type: 'table', producedBy: 'measure', path: frame7Path };
const movie: KnownArtifact = { id: 'movie-1', type: 'movie', frames: 8, pixelSizeUm: 0.5 };
const measured = (table: KnownArtifact): PastResult => ({ tool: 'measure', args: { kind: 'objects' }, ok: true, summary: 'Measured.', values: { lengthUnit: 'µm', timeUnit: 'min' }, artifacts: [table] });
const asked = (request: string, current: PastResult[], earlier: PastResult[] = []): Conversation => ({ request, artifactsAtStart: [movie], earlier, current, earlierRequests: [] });

describe('a step whose object is a question', () => {
  it('asks for an answer; a step with no question does not', () => {
    for (const q of ['quantify how bright each nucleus is in frame 7', 'measure how big the nuclei are', 'work out which cell moves furthest', 'determine whether the count goes down']) expect(asksForAnAnswer(q), q).toBe(true);
    for (const q of ['measure the nuclei', 'segment and track the nuclei', 'quantify the intensity']) expect(asksForAnAnswer(q), q).toBe(false);
  });
});

describe('objects segmented from part of the movie', () => {
  it('are reported in the movie\'s frame numbers', () => {
    const c = asked('quantify how bright each nucleus is in frame 7', [measured(frame7Table)]);
    expect(answerFromTable('quantify how bright each nucleus is in frame 7', c)).toMatch(/frame 7/);
    expect(answerFromTable('what is the median nucleus size in the last frame?', c)).toMatch(/frame 7\b[\s\S]*µm²|µm²[\s\S]*frame 7\b/);
  });
});

describe('a figure drawn for a question', () => {
  it('is named beside the numbers', () => {
    const segmented: PastResult = { tool: 'segment', args: {}, ok: true, summary: 'Found 4 objects per frame.', values: { objects: 8, objectsPerFrameMean: 4, objectsPerFrame: [3, 5] }, artifacts: [{ id: 'labels-1', type: 'labels' }] };
    const plotted: PastResult = { tool: 'plot', args: { feature: 'count' }, ok: true, summary: 'Plotted count against frame.', values: {}, artifacts: [{ id: 'plot-1', type: 'plot' }] };
    const answer = composeAnswer({ steps: [], question: 'plot their count per frame' }, asked('plot their count per frame', [plotted], [segmented]));
    expect(answer).toMatch(/frame 1: 3, frame 2: 5/);
    expect(answer).toMatch(/Plotted count against frame\. \(plot-1\)/);
  });
});

describe('frames said in words', () => {
  it('ordinals and number words are frame numbers; first and last stay the ends, "2nd half" a half', () => {
    expect(plainQuestion('number of cells in the 2nd frame?')).toBe('number of cells in frame 2?');
    expect(plainQuestion('the average fluorescence at time point two?')).toMatch(/time point 2\?$/);
    expect(plainQuestion('the third timepoint vs the 5th frame')).toBe('timepoint 3 vs frame 5');
    expect(plainQuestion('the first frame and the last frame')).toBe('the first frame and the last frame');
    expect(plainQuestion('speed of the 2nd track')).toBe('speed of track 2');
    expect(plainQuestion('track two cells')).toBe('track two cells');
    expect(readQuestion('do cells move faster in the 2nd half?').compare).toBe('halves');
  });
  it('a time said first is a scope of the question after it', () => {
    expect(isAskedForm('at 3 min how many nuclei were there')).toBe(true);
    expect(readQuestion('at 3 min how many nuclei were there').atTimeS).toBe(180);
  });
  it('"frame 1 or frame 4" compares the two; "timepoint 2 on average" is one frame', () => {
    expect(readQuestion('is the mean area bigger in frame 1 or frame 4?').compareFrames).toEqual([1, 4]);
    expect(readQuestion('how big are the nuclei at timepoint 2 on average?')).toMatchObject({ frame: 2 });
    expect(readQuestion('how big are the nuclei at timepoint 2 on average?').frames).toBeUndefined();
  });
  it('an extreme of a count asks for the frame where it is reached', () => {
    expect(readQuestion("what's the peak cell count?")).toMatchObject({ reduce: 'count', whichFrame: true, extreme: 'max' });
    expect(readQuestion('lowest number of nuclei?')).toMatchObject({ reduce: 'count', whichFrame: true, extreme: 'min' });
  });
});

describe('each thing\'s value and rankings in words', () => {
  const c = asked('', [measured(tracksTable)]);
  it('are answered per track', () => {
    expect(answerFromTable("give me each track's mean speed", c)).toMatch(/track 1: 0\.25 µm\/min, track 2: 0\.5 µm\/min/);
    expect(isAskedForm("each cell's speed please")).toBe(true);
    expect(isAskedForm('list the track durations in minutes')).toBe(true);
    expect(answerFromTable('list the track durations in minutes', c)).toMatch(/track 1: 5 min, track 2: 5 min/);
    expect(isAskedForm('top five brightest nuclei')).toBe(true);
    expect(readQuestion('top five brightest nuclei')).toMatchObject({ top: 5, reduce: 'max' });
  });
});

describe('a follow-up naming another quantity', () => {
  it('asks the question before about it, with its statistic and scope', () => {
    expect(completedFollowUp('now for the area', ['segment the nuclei and measure them', 'mean intensity per frame'])).toBe('mean area per frame');
    expect(completedFollowUp('same for the area', ['what is the mean intensity?'])).toBe('what is the mean area?');
    // (after a step, no question: nothing to ask again)
    expect(completedFollowUp('now for the area', ['segment the nuclei and measure them'])).toBe('now for the area');
  });
});

describe('a unit asked of the answer before', () => {
  it('asks the question before again, in that unit or to see it', () => {
    const before = ['segment the nuclei and measure them', 'what is the average area of the nuclei?'];
    expect(completedFollowUp('is that in microns?', before)).toBe('what is the average area of the nuclei in microns?');
    expect(completedFollowUp('what unit is that in?', before)).toBe('what is the average area of the nuclei?');
    expect(completedFollowUp('which units?', ['what is the mean speed?'])).toBe('what is the mean speed?');
  });
  it('"list the tracks by duration" ranks them by it', () => {
    expect(isAskedForm('list the tracks by duration, longest first')).toBe(true);
    expect(readQuestion('list the tracks by duration, longest first')).toMatchObject({ reduce: 'max', which: true });
    expect(answerFromTable('list the tracks by speed', asked('', [measured(tracksTable)]))).toMatch(/track 2: 0\.5 µm\/min, track 1: 0\.25 µm\/min/);
  });
});

describe('lengths asked in other units', () => {
  it('gives µm as nm, and a diameter or radius from the objects\' areas', () => {
    const tracks = asked('', [measured(tracksTable)]);
    expect(answerFromTable('mean speed in nm per minute?', tracks)).toMatch(/375 nm\/min/);
    const objects = asked('', [measured(frame7Table)]);
    // areas 40 and 60 µm²: diameters 2√(A/π) = 7.136 and 8.740 µm
    expect(answerFromTable('what is the average diameter of the nuclei?', objects)).toMatch(/7\.9\d* µm/);
    expect(answerFromTable('radius of the biggest nucleus?', objects)).toMatch(/4\.37\d* µm/);
  });
});

describe('a property said of "they"', () => {
  it('is one of the things analysed, not of the file', () => {
    expect(recordingQuestion('how big are they in um^2?', catalogue)).toBeUndefined();
    expect(recordingQuestion('how fast do these move?', catalogue)).toBeUndefined();
    expect(recordingQuestion('how big is the movie?', catalogue)).toBeDefined();
  });
});
