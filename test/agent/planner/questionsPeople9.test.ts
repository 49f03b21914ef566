// Kinds of questions from tuning-questions-people-9 (brief s17/Q): each test fails when the
// mechanism behind a kind breaks, whatever sentence asks it.
// - a question about things analysed is never answered by the file's reporter nor a microscope
//   command, whatever of their words it uses ("contains", "describe", "holds", "during the experiment");
// - "how many cells move?", "how many stay for the whole movie?": tracks counted by what each did;
// - the extremes of a count ("the largest number of nuclei") are no size; "busiest", "darkest" frames;
// - a distribution described, the spread of a count per frame, a duration asked in frames;
// - "distinct nuclei" are tracks.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTableCsv } from '../../../src/analysis/table.ts';
import type { Conversation, PastResult } from '../../../src/agent/planner/conversation.ts';
import { answerFromValues } from '../../../src/agent/planner/answers.ts';
import { aboutTheAnalysis, recordingQuestion } from '../../../src/agent/planner/recordingQuestions.ts';
import { answerFromTable, asksTheData, countsMovingCells, countsThings, countsWholeTracks, isAskedForm, readQuestion } from '../../../src/agent/planner/tableAnswers.ts';
import { catalogue, loadAcquisitionWords, plan } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

const dir = mkdtempSync(join(tmpdir(), 'people-9-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tools = (request: string, artifacts?: Parameters<typeof plan>[1]) => plan(request, artifacts).steps.map((s) => s.tool);

describe('a question about things analysed', () => {
  it('is about the analysis, not the file, whatever words of the reporter it uses', () => {
    for (const q of ['which frame contains the fewest cells?', 'describe the distribution of nuclear areas', 'does the number of nuclei increase during the experiment?', 'what is the total intensity in the last frame']) {
      expect(aboutTheAnalysis(q, catalogue), q).toBe(true);
      expect(recordingQuestion(q, catalogue), q).toBeUndefined();
    }
    // the file's own properties stay the file's
    for (const q of ['how many frames does this recording contain?', 'what is the pixel size?', "what's the time between frames in this film?"]) {
      expect(aboutTheAnalysis(q, catalogue), q).toBe(false);
    }
    expect(tools('How many frames does this recording contain?')).toEqual(['movie_info']);
    // a file's name is no thing analysed
    expect(aboutTheAnalysis('describe cells.tif', catalogue)).toBe(false);
  });

  it('plans the steps that count or measure, never movie_info nor a microscope command', () => {
    for (const q of ['which frame contains the smallest number of cells?', 'Which time point holds the largest number of nuclei?', 'does the number of nuclei increase during the experiment?', 'which image of the time serie contain less cells?', 'busiest frame?', 'which frame is the darkest one?']) {
      const steps = tools(q);
      expect(steps, q).toContain('segment');
      expect(steps, q).not.toContain('movie_info');
      expect(steps, q).not.toContain('track');
      expect(steps.some((t) => /acquisition|microscope|plot/.test(t)), q).toBe(false);
    }
    // a speed asked in its unit: tracking and measuring, not the microscope's status
    expect(tools('how fast are they going in um/h')).toEqual(expect.arrayContaining(['segment', 'track', 'measure']));
    expect(tools('how fast are they going in um/h')).not.toContain('microscope_status');
  });

  it('reads a frame that contains, holds or shows things as a count per frame', () => {
    for (const q of ['which timepoint contains the least nuclei?', 'Which time point holds the largest number of nuclei?', 'which image of the time serie contain less cells?', 'busiest frame?', 'when (in min) are there the fewest nuclei?']) {
      const scope = readQuestion(q);
      expect(scope.whichFrame, q).toBe(true);
      expect(scope.reduce, q).toBe('count');
      expect([...scope.quantity], q).toEqual([]);
    }
    // "the largest number" is the extreme of a count, no area
    expect(readQuestion('Which time point holds the largest number of nuclei?').extreme).toBe('max');
    expect([...readQuestion('which frame is the darkest one?').quantity]).toEqual(expect.arrayContaining([expect.stringMatching(/^intens/)]));
  });
});

// a table of whole tracks: 4 tracks over frames 0-5 (min), 2 move, 2 stay; 3 span the whole movie
const tracksPath = join(dir, 'tracks.csv');
writeTableCsv(tracksPath, {
  columns: ['TRACK_ID', 'NUMBER_SPOTS', 'NUMBER_SPLITS', 'TRACK_DURATION', 'TRACK_START', 'TRACK_STOP', 'TRACK_DISPLACEMENT', 'TRACK_MEAN_SPEED'],
  rows: [
    { TRACK_ID: 1, NUMBER_SPOTS: 6, NUMBER_SPLITS: 0, TRACK_DURATION: 5, TRACK_START: 0, TRACK_STOP: 5, TRACK_DISPLACEMENT: 6.5, TRACK_MEAN_SPEED: 1.4 },
    { TRACK_ID: 2, NUMBER_SPOTS: 6, NUMBER_SPLITS: 0, TRACK_DURATION: 5, TRACK_START: 0, TRACK_STOP: 5, TRACK_DISPLACEMENT: 0.3, TRACK_MEAN_SPEED: 0.2 },
    { TRACK_ID: 3, NUMBER_SPOTS: 6, NUMBER_SPLITS: 0, TRACK_DURATION: 5, TRACK_START: 0, TRACK_STOP: 5, TRACK_DISPLACEMENT: 4.0, TRACK_MEAN_SPEED: 1.0 },
    { TRACK_ID: 4, NUMBER_SPOTS: 3, NUMBER_SPLITS: 0, TRACK_DURATION: 2, TRACK_START: 3, TRACK_STOP: 5, TRACK_DISPLACEMENT: 0.2, TRACK_MEAN_SPEED: 0.1 },
  ],
});

function withTracks(): Conversation {
  const earlier: PastResult[] = [{ tool: 'measure', args: { kind: 'tracks' }, ok: true, summary: '', values: { lengthUnit: 'µm', timeUnit: 'min' }, artifacts: [{ id: 'table-1', type: 'table' }] }];
  return { request: '', artifactsAtStart: [{ id: 'movie-1', type: 'movie', pixelSizeUm: 0.5 }, { id: 'table-1', type: 'table', producedBy: 'measure', path: tracksPath }], earlier, current: [], earlierRequests: [] };
}

describe('cells counted by what each did', () => {
  it('knows a count of moving or staying cells from a quantity or a threshold', () => {
    for (const q of ['how many of the cells are moving?', 'How many cells migrate over the course of the movie?', 'are any of the cells stationary?', 'what fraction of the nuclei move?']) expect(countsMovingCells(q), q).toBe(true);
    // ("still" as an adverb is not standing still)
    for (const q of ['what fraction of the cells are still there at the end?', 'how many nuclei are still visible in the last frame?']) expect(countsMovingCells(q), q).toBe(false);
    expect(countsMovingCells('how many cells stay still?')).toBe(true);
    for (const q of ['how far do the cells move?', 'how many cells move faster than 0.5 µm per minute?', 'which cell moved the least?', 'how many cells divide?']) expect(countsMovingCells(q), q).toBe(false);
    expect(countsWholeTracks('how many nuclei stay in view for the whole film?')).toBe(true);
    expect(countsWholeTracks('does the number of nuclei stay the same throughout?')).toBe(false);
    expect(countsWholeTracks('how many nuclei in each frame?')).toBe(false);
  });

  it('counts the tracks that moved (net displacement over 2 px), or stayed, from a table of whole tracks', () => {
    expect(answerFromTable('how many of the cells are moving?', withTracks())).toMatch(/^2 of 4 tracks moved \(net displacement [^)]*over 1 µm \(2 px\)\)/);
    expect(answerFromTable('are any of the cells stationary?', withTracks())).toMatch(/^Yes: 2 of 4 tracks stayed put/);
    expect(answerFromTable('what percentage of the cells move?', withTracks())).toMatch(/^2 of 4 tracks moved \(50%\)[^;]*; 2 stayed within it/);
    // (the share sits with the count it is of)
    expect(answerFromTable('what fraction of the cells are stationary?', withTracks())).toMatch(/^2 of 4 tracks stayed put \(50%\)/);
  });

  it('counts the tracks present from the first to the last frame', () => {
    expect(answerFromTable('how many nuclei stay in view for the whole film?', withTracks())).toMatch(/^3 of 4 tracks span the whole movie/);
    expect(answerFromTable('do all the cells stay for the entire movie?', withTracks())).toMatch(/^No: 3 of 4 tracks/);
  });

  it('plans tracking and whole-track measurement for a fresh question', () => {
    expect(tools('how many nuclei actually move during the time-lapse?')).toEqual(['segment', 'track', 'measure']);
    expect(plan('How many cells migrate over the course of the movie?').steps.at(-1)?.args.kind).toBe('tracks');
  });

  it('gives a duration asked in frames in frames, at the interval the table shows', () => {
    expect(answerFromTable("what's the median track length in frames?", withTracks())).toMatch(/median[\s\S]*5 frames/i);
    expect(readQuestion('for how many frames is track 1 followed?').reduce).not.toBe('count');
  });
});

describe('distributions and spreads', () => {
  it('reads "describe the distribution" and "how are they distributed" as a range with its middle', () => {
    expect(isAskedForm('describe the distribution of nuclear areas')).toBe(true);
    expect(readQuestion('describe the distribution of nuclear areas').reduce).toBe('range');
    expect(readQuestion('how are the circularity values distributed?').reduce).toBe('range');
    expect(isAskedForm('percentage of nuclei with mean intensity below 300')).toBe(true);
    expect(asksTheData('percentage of nuclei with mean intensity below 300')).toBe(true);
  });

  it('gives the spread of a count per frame when a standard deviation is asked', () => {
    const segmented: PastResult = { tool: 'segment', args: {}, ok: true, summary: 'Found objects', values: { objectsPerFrame: [4, 5, 6, 5], objectsPerFrameMean: 5 }, artifacts: [{ id: 'labels-1', type: 'labels' }] };
    const conversation: Conversation = { request: '', artifactsAtStart: [{ id: 'movie-1', type: 'movie' }], earlier: [segmented], current: [], earlierRequests: [] };
    const answer = answerFromValues("How many nuclei per frame on average, and what's the standard deviation?", conversation, [segmented], catalogue);
    expect(answer).toMatch(/standard deviation 0\.816\b.* over 4 frames/);
  });
});

describe('distinct cells, and counts that name nothing', () => {
  it('counts tracks for distinct nuclei over the movie, not objects per frame', () => {
    const q = 'Total number of distinct nuclei over the movie?';
    expect(readQuestion(q).perFrame).toBe(false);
    expect(countsThings(q)).toBe(true);
    const segmented: PastResult = { tool: 'segment', args: {}, ok: true, summary: 'Found objects', values: { objectsPerFrame: [4, 5, 6], objectsPerFrameMean: 5 }, artifacts: [{ id: 'labels-1', type: 'labels' }] };
    const tracked: PastResult = { tool: 'track', args: {}, ok: true, summary: 'Tracked', values: { tracks: 7, objects: 15 }, artifacts: [{ id: 'tracks-1', type: 'tracks' }] };
    const conversation: Conversation = { request: '', artifactsAtStart: [{ id: 'movie-1', type: 'movie' }], earlier: [segmented, tracked], current: [], earlierRequests: [] };
    expect(answerFromValues(q, conversation, [segmented, tracked], catalogue)).toMatch(/\b7\b/);
  });

  it('reads an unnamed count ("how does the count change from start to finish?") as the objects per frame', () => {
    const segmented: PastResult = { tool: 'segment', args: {}, ok: true, summary: 'Found objects', values: { objectsPerFrame: [4, 5, 6], objectsPerFrameMean: 5 }, artifacts: [{ id: 'labels-1', type: 'labels' }] };
    const conversation: Conversation = { request: '', artifactsAtStart: [{ id: 'movie-1', type: 'movie' }], earlier: [segmented], current: [], earlierRequests: [] };
    expect(answerFromValues('how does the count change from start to finish?', conversation, [segmented], catalogue)).toMatch(/frame 1[\s\S]*frame 3/);
  });
});

describe('a calibration told inside a request', () => {
  it('sets the time per frame or the pixel size first, and is never named as not applied', () => {
    for (const [request, args] of [
      ['track the nuclei, one frame every 5 min', { frameIntervalS: 300 }],
      ['please segment and track, it was imaged every 10 minutes', { frameIntervalS: 600 }],
      ['segment the nuclei, 0.4 µm/px', { pixelSizeUm: 0.4 }],
    ] as const) {
      const planned = plan(request);
      expect(planned.steps[0]?.tool, request).toBe('set_calibration');
      expect(planned.steps[0]?.args, request).toMatchObject(args);
      expect(planned.steps.find((s) => s.tool === 'track')?.args.maxLinkingDistancePx, request).toBeUndefined();
      expect((planned.notes ?? []).join(' '), request).not.toMatch(/Not applied/);
    }
    // a question told its calibration after the question mark: set first, as in a request, and the speed measured
    // per track ("between frames" is the told interval, no frame scope)
    const told = plan('mean speed? 5 min between frames');
    expect(told.steps[0]?.tool).toBe('set_calibration');
    expect(told.steps[0]?.args).toMatchObject({ frameIntervalS: 300 });
    expect(told.steps.at(-1)?.args.kind).toBe('tracks');
  });
});

describe('an extreme asked after the steps named', () => {
  it('is measured with the quantity its adjective stands for, and the asking is no argument', () => {
    const fastest = plan('segment and track the nuclei and give me the fastest one');
    expect(fastest.steps.map((s) => s.tool)).toEqual(['segment', 'track', 'measure']);
    expect(fastest.steps.at(-1)?.args.kind).toBe('tracks');
    const roundest = plan('measure the circularity of each nucleus and tell me the roundest');
    expect(roundest.question).toBeDefined();
    expect((roundest.notes ?? []).join(' ')).not.toMatch(/Not applied/);
  });
});
