// Kinds of questions from tuning-questions-people-10 (brief s18/Q): each test fails when the
// mechanism behind a kind breaks, whatever sentence asks it.
// - a question asked after the steps of the same request ("segment the nuclei and tell me which
//   frame has the fewest") is answered from those steps' results, and its words name no step of
//   their own ("crowded" is no simulation);
// - a request to count or quantify ("quantify how many cells divide", "count the cell divisions")
//   is the question it asks;
// - a calibration told with a question is read by the one reader (quantities.statedCalibration)
//   and set first, as in a request;
// - the question reader: an extreme with nothing named is a count, two frames in one plural, a
//   time asked as "which minute", "-ies" plurals, a value of every track;
// - a ranking ("the top 3 fastest cells", "rank the cells by speed") lists the rows in order.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTableCsv } from '../../../src/analysis/table.ts';
import type { Conversation, PastResult } from '../../../src/agent/planner/conversation.ts';
import { answerFromValues } from '../../../src/agent/planner/answers.ts';
import { statedFrameIntervalS, statedPixelSizeUm, withoutToldCalibration } from '../../../src/agent/planner/askedUnits.ts';
import { nextAction } from '../../../src/agent/planner/planner.ts';
import { statedCalibration } from '../../../src/agent/planner/quantities.ts';
import { answerFromTable, askedPart, asksForAnAnswer, asksTheData, countAsQuestion, readQuestion } from '../../../src/agent/planner/tableAnswers.ts';
import { catalogue, loadAcquisitionWords, movie, plan } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

const tools = (request: string) => plan(request).steps.map((s) => s.tool);
const segmented: PastResult = { tool: 'segment', args: {}, ok: true, summary: 'Found 5 objects per frame', values: { objectsPerFrame: [6, 4, 5, 7], objectsPerFrameMean: 5.5 }, artifacts: [{ id: 'labels-1', type: 'labels' }] };

describe('a question asked after the steps of the same request', () => {
  it('is the words after the asking, without them; none for a question alone or in two parts', () => {
    expect(askedPart('detect the nuclei, then let me know in which frame there are the fewest')?.text).toBe('in which frame there are the fewest');
    expect(askedPart('find the nuclei and say which timepoint is the most crowded')?.text).toBe('which timepoint is the most crowded');
    expect(askedPart('Please segment the nuclei and report the mean area in µm²')?.text).toBe('the mean area in µm²');
    expect(askedPart('segment the nuclei, then which frame has the brightest nuclei?')?.text).toBe('which frame has the brightest nuclei?');
    expect(askedPart('could you segment the nuclei and let me know the roundest one?')?.text).toBe('the roundest one?');
    for (const none of ['how many nuclei at the start and how many at the end?', 'segment the nuclei and tell me when it is done', 'segment, then track', 'track the nuclei and export as csv', 'which frame has the most cells?']) {
      expect(askedPart(none), none).toBeUndefined();
    }
    expect(asksForAnAnswer('find the nuclei and say which timepoint is the most crowded')).toBe(true);
  });

  it('is answered from the steps run for it', () => {
    const request = 'detect the nuclei, then let me know in which frame there are the fewest';
    const conversation: Conversation = { request, artifactsAtStart: [movie], earlier: [], current: [segmented], earlierRequests: [] };
    const action = nextAction(conversation, catalogue);
    expect(action.kind).toBe('answer');
    expect(action.kind === 'answer' ? action.text : '').toMatch(/^Frame 2 has the fewest objects: 4/);
    // (the steps planned for it: the segmentation alone)
    expect(tools(request)).toEqual(['segment']);
  });

  it('names no step by its words beyond those the question alone runs; a quantity asked is measured', () => {
    expect(tools('find the nuclei and say which timepoint is the most crowded')).toEqual(['segment']);
    expect(tools('which timepoint is the most crowded')).not.toContain('simulate_movie');
    expect(tools('outline the cells then give me the number in the first vs the last frame')).not.toContain('plot');
    expect(tools('correct the drift and tell me the mean speed')).toContain('correct_drift');
    expect(tools('Please segment the nuclei and report the mean area in µm²')).toEqual(['segment', 'measure']);
    expect(tools('could you segment the nuclei and let me know the roundest one?')).toEqual(['segment', 'measure']);
    // (the asking words are no setting of the steps: nothing named as not applied)
    for (const request of ['detect the nuclei and tell me which frame has the fewest nuclei', 'segment the nuclei with li and let me know which timepoint is the busiest']) expect(plan(request).notes ?? [], request).toEqual([]);
    expect(plan('segment the nuclei with li and let me know which timepoint is the busiest').steps[0].args.method).toBe('li');
    // a movie asked to be simulated still is
    expect(tools('simulate a crowded movie')).toEqual(['simulate_movie']);
  });
});

describe('a request to count or quantify', () => {
  it('is the question it asks', () => {
    expect(countAsQuestion('quantify how many cells divide')).toBe('how many cells divide?');
    expect(countAsQuestion('determine the number of dividing cells')).toBe('what is the number of dividing cells?');
    expect(countAsQuestion('count the cell divisions')).toBe('how many cell divisions?');
    for (const step of ['count the nuclei', 'count the divisions, then export them as csv', 'segment the nuclei']) expect(countAsQuestion(step), step).toBeUndefined();
  });

  it('plans tracking and division detection for divisions, not a measurement of objects', () => {
    for (const request of ['quantify how many cells divide', 'quantify the number of dividing cells', 'count the cell divisions', 'determine how many cells split during the experiment']) {
      const steps = tools(request);
      expect(steps, request).toEqual(expect.arrayContaining(['segment', 'track']));
      expect(steps, request).not.toContain('measure');
      expect(steps, request).not.toContain('microscope_status');
    }
  });

  it('answers a count of divisions by the value named so, not one whose description mentions them', () => {
    const tracked: PastResult = { tool: 'track', args: {}, ok: true, summary: 'Tracked', values: { tracks: 7, divisions: 2, piecesJoined: 0 }, artifacts: [{ id: 'tracks-1', type: 'tracks' }] };
    const conversation: Conversation = { request: '', artifactsAtStart: [movie], earlier: [tracked], current: [], earlierRequests: [] };
    expect(answerFromValues('how many cell divisions?', conversation, [tracked], catalogue)).toMatch(/^Divisions = 2/);
  });
});

describe('a calibration told with a question', () => {
  it('is read by one reader, for questions and requests alike', () => {
    for (const [text, want] of [
      ['the pixels are 0.65 µm', { pixelSizeUm: 0.65 }],
      ['with 1.2 micron pixels', { pixelSizeUm: 1.2 }],
      ['0.4 µm/px', { pixelSizeUm: 0.4 }],
      ['frames are 2 min apart', { frameIntervalS: 120 }],
      ['the interval is 5 min', { frameIntervalS: 300 }],
      ['one frame every 30 s', { frameIntervalS: 30 }],
      ['frame interval is 2 min, 1 um per pixel', { pixelSizeUm: 1, frameIntervalS: 120 }],
    ] as const) {
      expect(statedCalibration(text), text).toEqual(want);
      expect(statedPixelSizeUm(text), text).toBe((want as { pixelSizeUm?: number }).pixelSizeUm);
      expect(statedFrameIntervalS(text), text).toBe((want as { frameIntervalS?: number }).frameIntervalS);
    }
    expect(withoutToldCalibration("what's their mean speed in um/h? frame interval is 2 min, 1 um per pixel")).toBe("what's their mean speed in um/h?");
  });

  it('is set first, and the question planned without it', () => {
    const area = plan('with 1.2 µm pixels, what is the mean cell area in square microns?');
    expect(area.steps.map((s) => s.tool)).toEqual(['set_calibration', 'segment', 'measure']);
    expect(area.steps[0].args).toEqual({ pixelSizeUm: 1.2 });
    const speed = plan("what's their mean speed in um/h? frame interval is 2 min, 1 um per pixel");
    expect(speed.steps[0]).toMatchObject({ tool: 'set_calibration', args: { pixelSizeUm: 1, frameIntervalS: 120 } });
    expect(speed.steps.map((s) => s.tool)).toEqual(expect.arrayContaining(['track', 'measure']));
    // a question about the recording's own calibration sets nothing
    expect(tools('is the pixel size 0.5 µm?')).not.toContain('set_calibration');
  });
});

describe('the question reader', () => {
  it('reads an extreme over the frames with nothing named as a count', () => {
    for (const q of ['in which frame are there the fewest?', 'in which of the frame there is less nucleus?', 'at which minute is the nuclei count highest?']) {
      const scope = readQuestion(q);
      expect(scope.whichFrame, q).toBe(true);
      expect(scope.reduce, q).toBe('count');
    }
  });

  it('reads two frames in one plural, a count said as a cell number, -ies plurals and a value of every track', () => {
    expect(readQuestion('compare frames 2 and 5 in terms of nuclei count')).toMatchObject({ compare: 'frames', compareFrames: [2, 5], reduce: 'count' });
    expect(readQuestion('mean area over frames 2 to 5').frames).toEqual({ first: 2, last: 5 });
    expect(readQuestion('Between frames 3 and 8, which cell had the highest mean intensity?')).toMatchObject({ frames: { first: 3, last: 8 } });
    expect(readQuestion('Between frames 3 and 8, which cell had the highest mean intensity?').compareFrames).toBeUndefined();
    expect(readQuestion('how does the cell number evolve over time?')).toMatchObject({ reduce: 'count', perFrame: true });
    expect([...readQuestion('how does the cell number evolve over time?').quantity]).toEqual([]);
    expect([...readQuestion('how variable are the nuclear intensities?').quantity]).toEqual([...readQuestion('how variable is the nuclear intensity?').quantity]);
    expect(asksTheData('speed of every track, please')).toBe(true);
    expect([...readQuestion('Which cell covers the greatest distance?').quantity]).toEqual([...readQuestion('Which cell has the greatest distance?').quantity]);
  });
});

const dir = mkdtempSync(join(tmpdir(), 'people-10-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const tracksPath = join(dir, 'tracks.csv');
writeTableCsv(tracksPath, {
  columns: ['TRACK_ID', 'NUMBER_SPOTS', 'TRACK_MEAN_SPEED'],
  rows: [
    { TRACK_ID: 1, NUMBER_SPOTS: 6, TRACK_MEAN_SPEED: 1.4 },
    { TRACK_ID: 2, NUMBER_SPOTS: 6, TRACK_MEAN_SPEED: 0.2 },
    { TRACK_ID: 3, NUMBER_SPOTS: 6, TRACK_MEAN_SPEED: 1.0 },
    { TRACK_ID: 4, NUMBER_SPOTS: 3, TRACK_MEAN_SPEED: 0.1 },
  ],
});
const withTracks = (): Conversation => ({
  request: '',
  artifactsAtStart: [{ id: 'movie-1', type: 'movie', pixelSizeUm: 0.5 }, { id: 'table-1', type: 'table', producedBy: 'measure', path: tracksPath }],
  earlier: [{ tool: 'measure', args: { kind: 'tracks' }, ok: true, summary: '', values: { lengthUnit: 'µm', timeUnit: 'min' }, artifacts: [{ id: 'table-1', type: 'table' }] }],
  current: [],
  earlierRequests: [],
});

describe('a ranking', () => {
  it('reads how many first and which end, and no quantity from its words', () => {
    expect(readQuestion('top 3 fastest cells')).toMatchObject({ top: 3, reduce: 'max', which: true });
    expect(readQuestion('which are the three slowest tracks?')).toMatchObject({ top: 3, reduce: 'min' });
    expect(readQuestion('rank the cells by speed')).toMatchObject({ top: Infinity, reduce: 'max' });
    for (const q of ['top 3 fastest cells', 'which are the three slowest tracks?', 'rank the cells by speed']) expect([...readQuestion(q).quantity], q).toEqual([...readQuestion('speed').quantity]);
    expect(readQuestion('what is the mean speed in the first 3 frames?').top).toBeUndefined();
    expect(asksForAnAnswer('rank the cells by speed')).toBe(true);
    expect(asksForAnAnswer('sort the table by speed and export it as csv')).toBe(false);
  });

  it('lists the rows in order of the quantity, the number asked first', () => {
    expect(answerFromTable('top 2 fastest cells', withTracks())).toMatch(/^The 2 tracks with the largest mean speed: track 1: 1\.4 µm\/min, track 3: 1 µm\/min, of 4 tracks/);
    expect(answerFromTable('which are the three slowest tracks?', withTracks())).toMatch(/^The 3 tracks with the smallest mean speed: track 4: 0\.1 µm\/min, track 2: 0\.2 µm\/min, track 3: 1 µm\/min/);
    expect(answerFromTable('rank the cells by speed', withTracks())).toMatch(/largest first: track 1: [^,]+, track 3: [^,]+, track 2: [^,]+, track 4: /);
  });
});
