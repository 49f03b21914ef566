// Kinds of questions from tuning-questions-people-20 (brief s32/A), each test failing when the mechanism behind a
// kind breaks, whatever sentence asks it:
// - a closing tag of opinion ("..., do you reckon?") asks nothing more than the question it follows;
// - a word of surprise before a question ("wait, is that in microns?") pauses nothing; "pixels or microns?" asks
//   the unit of the answer before, which that question's answer quotes;
// - lab shorthand of a numbered thing ("trk 2", "fr 5", "tp 3") is that thing's scope;
// - "between the two channels", "in the 3 channels" ask every channel;
// - "explain me please how ..." asks for an explanation from the step's record;
// - a track's lifetime is measured per track (measure declares the words for its kind);
// - "spot count" is TrackMate's count of the objects found, and "..., TrackMate style" closing a question runs no step;
// - a statistic of the rows a condition keeps ("the mean area of the nuclei bigger than 20 µm²"), and "... of those"
//   after a question with a condition, asks it of the rows that question kept.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTableCsv } from '../../../src/analysis/table.ts';
import type { Conversation } from '../../../src/agent/planner/conversation.ts';
import { asksWhy } from '../../../src/agent/planner/explanations.ts';
import { withoutInterjection, withoutOpinionTag } from '../../../src/agent/planner/normalise.ts';
import { nextAction } from '../../../src/agent/planner/planner.ts';
import { answerFromTable, completedFollowUp, isAskedForm, plainQuestion, readQuestion } from '../../../src/agent/planner/tableAnswers.ts';
import { argsOf, catalogue, loadAcquisitionWords, movieAndLabels, toolsOf } from './planOffline.ts';

/** What the planner does first with the request as said (normalised as every request is), the movie and its labels open. */
const first = (request: string) => nextAction({ request, artifactsAtStart: movieAndLabels, earlier: [], current: [], earlierRequests: [] }, catalogue);

beforeAll(loadAcquisitionWords);

describe('a closing tag of opinion', () => {
  it('is left off the question it follows', () => {
    expect(withoutOpinionTag('Were the cells faster in the first half, do you reckon?')).toBe('Were the cells faster in the first half?');
    expect(withoutOpinionTag('is the area bigger at the end, would you say')).toBe('is the area bigger at the end?');
    expect(withoutOpinionTag('more nuclei in frame 1 than frame 6 - in your opinion?')).toBe('more nuclei in frame 1 than frame 6?');
  });

  it('keeps a question that opens with the words', () => {
    expect(withoutOpinionTag('do you think I should use Li?')).toBe('do you think I should use Li?');
  });

  it('never turns a question about the data into something out of scope', () => {
    expect(JSON.stringify(first('Were the cells moving faster in the first half of the recording than in the second half, do you reckon?'))).not.toMatch(/outside what I do/);
  });
});

describe('a word of surprise before a question', () => {
  it('pauses nothing', () => {
    for (const q of ['wait is that in pixels or microns?', 'hang on, why did it stop?', 'wait, what threshold was that?']) {
      expect(withoutInterjection(q), q).not.toMatch(/^(?:wait|hang on)/);
      expect(JSON.stringify(first(q)), q).not.toMatch(/pause_acquisition/);
    }
    expect(withoutInterjection('wait 5 minutes then image again')).toBe('wait 5 minutes then image again');
  });

  it('asks the unit of the answer before when it names two units', () => {
    for (const q of ['wait is that in pixels or microns?', 'is it px or µm?', 'hmm, is that µm/min or px/frame?']) expect(completedFollowUp(q, ["what's the mean speed?"]), q).toBe("what's the mean speed?");
    // (one unit asked is the question before in that unit)
    expect(completedFollowUp('in µm per hour?', ["what's the mean speed?"])).toMatch(/mean speed in µm per hour/);
  });
});

describe('lab shorthand of a numbered thing', () => {
  it('is that thing\'s scope', () => {
    expect(readQuestion('avg speed trk 2?').track).toBe(2);
    expect(readQuestion('speed of traj #3').track).toBe(3);
    expect(readQuestion('mean area fr 5').frame).toBe(5);
    expect(readQuestion('mean area at tp 4').frame).toBe(4);
  });

  it('leaves a tracking setting alone', () => {
    expect(readQuestion('trk 15 px').track).toBeUndefined();
  });
});

describe('all the channels named by their number or "between"', () => {
  it('asks every channel', () => {
    for (const q of ['compare the mean nuclear intensity between the two channels', 'mean intensity in the 3 channels', 'is the intensity different between channels?']) expect(readQuestion(q).everyChannel, q).toBe(true);
    for (const q of ['how many channels are there?', 'mean intensity in channel 2']) expect(readQuestion(q).everyChannel ?? false, q).toBe(false);
  });
});

describe('an explanation asked with the person told between', () => {
  it('is a question about a step', () => {
    for (const q of ['Explain me please how you have corrected the drift.', 'explain to us why you picked that threshold', 'explain me the linking distance']) expect(asksWhy(q), q).toBe(true);
  });
});

describe("a track's lifetime", () => {
  const tracked = [...movieAndLabels, { id: 'tracks-1', type: 'tracks', producedBy: 'track' }];
  it('is measured per track', () => {
    for (const q of ['mean track lifetime?', 'lifespan of track 2 in min']) {
      expect(toolsOf(q, tracked), q).toEqual(['measure']);
      expect(argsOf(q, 'measure', tracked).kind, q).toBe('tracks');
    }
  });
});

describe('TrackMate words in a question', () => {
  it('"spot count" counts the objects found', () => {
    expect(isAskedForm('spot count per frame')).toBe(true);
    expect(readQuestion('spot count per frame').perFrame).toBe(true);
  });

  it('a manner closing the question is no step', () => {
    expect(plainQuestion('spot count per frame, TrackMate style')).toBe('object count per frame');
    expect(plainQuestion('mean speed, Fiji-like?')).toBe('mean speed?');
    expect(isAskedForm('spot count per frame, TrackMate style')).toBe(true);
    expect(JSON.stringify(first('spot count per frame, TrackMate style'))).not.toMatch(/"tool":"(?:track|segment)"/);
  });
});

describe('the rows a condition keeps', () => {
  const dir = mkdtempSync(join(tmpdir(), 'people-32-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // frame 2 (t = 1): areas 10, 30 and 50 µm²
  const path = join(dir, 'objects.csv');
  writeTableCsv(path, {
    columns: ['label', 't', 'area_um2'],
    rows: [
      { label: 1, t: 0, area_um2: 99 },
      ...[10, 30, 50].map((a, i) => ({ label: i + 1, t: 1, area_um2: a })),
    ],
  });
  const asked = (request: string): Conversation => ({
    request,
    artifactsAtStart: [{ id: 'table-1', type: 'table', producedBy: 'measure', path }],
    earlier: [{ tool: 'measure', args: { kind: 'objects' }, ok: true, summary: '', values: {}, artifacts: [{ id: 'table-1', type: 'table' }] }],
    current: [],
    earlierRequests: [],
  });

  it('gives the statistic named of those rows, at the scope asked', () => {
    const q = 'what is the mean area of the nuclei bigger than 20 µm² in frame 2?';
    expect(answerFromTable(q, asked(q))).toMatch(/^Mean area .*2 objects with area > 20 µm² in frame 2 = 40 µm²/);
    const left = 'median area in frame 2 if I ignore those under 20 µm²?';
    expect(answerFromTable(left, asked(left))).toMatch(/^Median area .*left once those with area < 20 µm² are left out in frame 2 = 40 µm²/);
  });

  it('still counts them when no statistic is named', () => {
    const q = 'how many nuclei are bigger than 20 µm² in frame 2?';
    expect(answerFromTable(q, asked(q))).toMatch(/^2 of 3 objects/);
  });

  it('are the rows "those" refers to after a question that kept them', () => {
    const before = ['how many nuclei are bigger than 20 µm² in frame 2?'];
    expect(completedFollowUp("cool, and what's the mean area of those?", before)).toBe("cool, and what's the mean area of the nuclei bigger than 20 µm² in frame 2?");
    expect(completedFollowUp('median speed for these ones', ['which tracks are faster than 0.5 µm/min?'])).toBe('median speed for the tracks faster than 0.5 µm/min');
    // (a question before with no condition keeps no rows: the follow-up stays as said)
    expect(completedFollowUp('what is the mean area of those?', ['how many nuclei in frame 2?'])).toBe('what is the mean area of those?');
  });
});

describe('a share or a yes/no with a condition', () => {
  it('names no statistic of the rows kept', () => {
    for (const q of ['what % of the nuclei have a mean intensity over 500?', 'Is the average area over 30 µm²?', 'how many cells are faster than average?']) {
      expect(completedFollowUp(q, []), q).toBe(q);
    }
  });
});
