// Stop 45 (helper A): questions about results in people's own words. The quantity a count answers follows the noun asked
// ("mitosis count please" is the divisions, "how many tracks?" no mean duration); a selection and a step that reads the
// things in one clause ("plot the 10 longest tracks") run both; a yes/no comparison of an average with a number is
// answered by that average with its verdict first; spread statistics by name (SEM, CV) come from the rows with units; a
// change over time is read in more wordings and never answered "Yes" from one total; statistic words are no errand and
// nothing of ours when the rest is from elsewhere.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTableCsv } from '../../../src/analysis/table.ts';
import { answerFromValues, composeAnswer, countedKind, withVerdict } from '../../../src/agent/planner/answers.ts';
import { averageCompared, quotedVerdict } from '../../../src/agent/planner/averageCompared.ts';
import type { Conversation, PastResult } from '../../../src/agent/planner/conversation.ts';
import { answerFromTable, plainQuestion, readQuestion } from '../../../src/agent/planner/tableAnswers.ts';
import { asSaid, loadAcquisitionWords, movieAndLabels } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

const dir = mkdtempSync(join(tmpdir(), 'questions-45a-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tracked = [...movieAndLabels, { id: 'tracks-1', type: 'tracks' as const, producedBy: 'track' }];

describe('the quantity a count answers follows the noun asked', () => {
  it.each([
    ['mitosis count please', 'divisions'],
    ['nr of mitoses pls', 'divisions'],
    ['count the mitotic events for me', 'divisions'],
    ['total number of divisions?', 'divisions'],
    ['track count please', 'tracks'],
    ['how many lineages', 'tracks'],
  ])('%s', (request, kind) => expect(countedKind(request)).toBe(kind));

  it.each(['count the nuclei', 'how many cells per frame?', 'number of nuclei in frame 3'])('the objects: %s', (request) => expect(countedKind(request)).toBeUndefined());

  const divisions: PastResult = { tool: 'detect_divisions', args: { tracks: 'tracks-1' }, ok: true, summary: 'Found 5 divisions.', values: { divisions: 5 }, artifacts: [] };
  const objects: PastResult = { tool: 'measure', args: { kind: 'objects' }, ok: true, summary: 'Measured.', values: { objects: 1200 }, artifacts: [] };

  it('a request with a count word among its steps quotes the count of the things it names', () => {
    const conversation: Conversation = { request: 'mitosis count please', artifactsAtStart: [], earlier: [], earlierRequests: [], current: [divisions] };
    expect(composeAnswer({ steps: [{ tool: 'detect_divisions', args: {} }] } as never, conversation)).toMatch(/Divisions = 5/);
  });

  it('"how many" with no noun counts the things the request named, not the objects', () => {
    const conversation: Conversation = { request: 'find the divisions and tell me how many', artifactsAtStart: [], earlier: [], earlierRequests: [], current: [divisions, objects] };
    expect(answerFromValues('tell me how many', conversation, [divisions, objects])).toMatch(/^Divisions = 5/);
  });

  it('a mean per thing answers no count of the things', () => {
    const tracks: PastResult = { tool: 'measure', args: { kind: 'tracks' }, ok: true, summary: 'Measured.', values: { meanDuration: 24.5 }, artifacts: [] };
    const conversation: Conversation = { request: 'how many tracks are there?', artifactsAtStart: [], earlier: [], earlierRequests: [], current: [tracks] };
    expect(answerFromValues('how many tracks are there?', conversation, [tracks])).toBeUndefined();
    expect(answerFromValues('what is the mean track duration?', conversation, [tracks])).toMatch(/24\.5 frames/);
  });
});

describe('a value found by the words its tool declares people ask it by', () => {
  const tracks: PastResult = { tool: 'measure', args: { kind: 'tracks' }, ok: true, summary: 'Measured.', values: { meanSpeed: 1.8, meanDisplacement: 14.2 }, artifacts: [] };
  const conversation: Conversation = { request: '', artifactsAtStart: [], earlier: [], earlierRequests: [], current: [tracks] };
  it.each([
    ['how quickly do the cells move?', /^Mean speed = 1\.8 px\/frame/],
    ['how far did they go?', /^Mean displacement = 14\.2 px/],
  ])('%s', (q, said) => expect(answerFromValues(q, conversation, [tracks])).toMatch(said));
});

describe('a selection and a step that reads the things, in one clause', () => {
  it.each([
    ['plot the 10 longest tracks', ['filter_tracks', 'plot']],
    ['draw the longest track', ['filter_tracks', 'plot']],
    ['export the 15 longest tracks as csv', ['filter_tracks', 'export']],
    ['plot only the tracks longer than 20 frames', ['filter_tracks', 'plot']],
  ])('%s', (request, tools) => expect(asSaid.toolsOf(request, tracked)).toEqual(tools));

  it('the step reads what the selection kept', () => {
    const steps = asSaid.plan('plot the 10 longest tracks', tracked).steps;
    expect(steps[0].args.top).toBe(10);
    expect(steps[1].args.tracks).toMatchObject({ $ref: 'tracks' });
  });

  it('a selection alone stays one', () => expect(asSaid.toolsOf('keep the 10 longest tracks', tracked)).toEqual(['filter_tracks']));
});

describe('a yes/no comparison of an average with a number', () => {
  it.each([
    ['is the speed above 1 um/min?', 'mean'],
    ['is the mean speed above 1 px/frame?', 'mean'],
    ['are the nuclei bigger than 100 px on average?', 'mean'],
    ['is the median area below 40 um2?', 'median'],
  ])('asks the average: %s', (q, statistic) => expect(averageCompared(q, plainQuestion)).toBe(statistic));

  it.each(['is any track faster than 2 px/frame?', 'are all nuclei bigger than 50 px?', 'how many tracks are faster than 2 px/frame?', 'are the tracks faster than average?', 'are the nuclei bigger than 100 px?'])('asks of the things one by one: %s', (q) => expect(averageCompared(q, plainQuestion)).toBeUndefined());

  it('a quoted mean is compared, a length written for an area in the area\'s unit', () => {
    expect(quotedVerdict('Mean area (px) = 152.3 px² (from measure)', { op: '>', value: 100, unit: 'px' }, 'mean')).toMatch(/^Yes: the mean is 152\.3 px², above 100 px² \(you wrote 100 px/);
    expect(quotedVerdict('Mean speed = 1.8 px/frame (from measure)', { op: '>', value: 2, unit: 'px/frame' }, 'mean')).toMatch(/^No: the mean is 1\.8 px\/frame, not above 2 px\/frame/);
  });

  it('px/frame is converted to µm/min with both the pixel size and the frame interval, never without', () => {
    expect(quotedVerdict('Mean speed = 1.8 px/frame', { op: '>', value: 1, unit: 'µm/min' }, 'mean', { pixelSizeUm: 0.5, intervalS: 60 })).toMatch(/^No: the mean is 1\.8 px\/frame \(0\.9 µm\/min with the calibration known\), not above 1 µm\/min/);
    expect(quotedVerdict('Mean speed = 1.8 px/frame', { op: '>', value: 1, unit: 'µm/min' }, 'mean', { pixelSizeUm: 0.5 })).toBeUndefined();
  });

  it('from the rows: the mean of all, its verdict first', () => {
    const path = join(dir, 'objects.csv');
    writeTableCsv(path, { columns: ['t', 'label', 'area_px'], rows: [{ t: 0, label: 1, area_px: 80 }, { t: 0, label: 2, area_px: 100 }, { t: 1, label: 1, area_px: 150 }] });
    const conversation: Conversation = { request: '', artifactsAtStart: [{ id: 'movie-1', type: 'movie' }, { id: 'table-1', type: 'table', producedBy: 'measure', path }], earlier: [], current: [], earlierRequests: [] };
    expect(answerFromTable('are the nuclei bigger than 100 px on average?', conversation)).toMatch(/^Yes: the mean area .*over 3 objects is 110 px², above 100 px²/);
    expect(answerFromTable('are any nuclei bigger than 120 px?', conversation)).toMatch(/^1 of 3 objects/);
  });
});

describe('spread statistics by name, from the rows', () => {
  const path = join(dir, 'areas.csv');
  writeTableCsv(path, { columns: ['t', 'label', 'area_px'], rows: [{ t: 0, label: 1, area_px: 10 }, { t: 0, label: 2, area_px: 20 }, { t: 1, label: 1, area_px: 30 }, { t: 1, label: 2, area_px: 40 }] });
  const conversation = (): Conversation => ({ request: '', artifactsAtStart: [{ id: 'movie-1', type: 'movie' }, { id: 'table-1', type: 'table', producedBy: 'measure', path }], earlier: [], current: [], earlierRequests: [] });

  it.each([
    ['mean speed ± SEM please', 'sem'],
    ['what is the standard error of the mean area', 'sem'],
    ['coefficient of variation of the nuclear intensity?', 'cv'],
    ['CV of the areas', 'cv'],
    ['SD of the areas', 'sd'],
  ])('%s', (q, reduce) => expect(readQuestion(q).reduce).toBe(reduce));

  it('the SEM with the mean, in the column\'s unit', () => {
    // SD of 10, 20, 30, 40 = 12.91; SEM = 6.455
    expect(answerFromTable('what is the SEM of the area?', conversation())).toMatch(/= 25 px².* ± 6\.45\d? px².* SEM/);
  });

  it('the CV in %, with the SD and the mean it is made of', () => {
    expect(answerFromTable('CV of the areas?', conversation())).toMatch(/^Coefficient of variation of .*= 51\.6\d?% \(SD 12\.9\d? px².* \/ mean 25 px².*\)/);
  });

  it('"mean ± SEM" lists the mean and the SEM, no SD', () => {
    const answer = answerFromTable('area: mean ± SEM?', conversation());
    expect(answer).toMatch(/mean 25 px².*, standard error of the mean 6\.45/);
    expect(answer).not.toMatch(/standard deviation/);
  });
});

describe('a change over time', () => {
  it.each(['are there fewer cells by the end?', 'do we end up with more nuclei than we started with?'])('is a count compared between the ends: %s', (q) => {
    const scope = readQuestion(q);
    expect(scope.reduce).toBe('count');
    expect(scope.compare).toBe('ends');
  });

  it('is never answered yes or no from one total', () => {
    expect(withVerdict('is the cell number going down over time?', 'Objects = 1200 (from measure)')).toMatch(/^Objects = 1200 .*one value over the whole movie, not how it changed/);
    expect(withVerdict('are there fewer cells by the end?', 'Objects per frame: 6 in frame 1 vs 4 in frame 8 (-33.3%) (from segment)')).toMatch(/^Yes: /);
    // (an existence question keeps its verdict from a count)
    expect(withVerdict('did any cell divide?', 'Divisions = 5 (from detect_divisions)')).toMatch(/^Yes: /);
  });
});

describe('a comparison after a step run again', () => {
  it('is answered by the rerun\'s own comparison with the run before, never by an earlier count', () => {
    const old: PastResult = { tool: 'segment', args: { method: 'otsu' }, ok: true, summary: 'Found 5 objects per frame.', values: { objects: 30 }, artifacts: [] };
    const rerun: PastResult = { tool: 'rerun_step', args: { tool: 'segment', changes: { method: 'triangle' } }, ok: true, summary: 'Ran segment again (s1 -> s3); Compared with s1 (segment): objects 30 → 36.', values: {}, artifacts: [] };
    const conversation: Conversation = { request: 'try it again with triangle, do we get more or fewer nuclei?', artifactsAtStart: [], earlier: [old], earlierRequests: [], current: [rerun] };
    expect(composeAnswer({ steps: [{ tool: 'rerun_step', args: {} }], question: 'do we get more or fewer nuclei?' } as never, conversation)).toMatch(/Compared with s1 \(segment\): objects 30 → 36/);
  });
});

describe('statistic words', () => {
  it('are nothing of ours beside words from elsewhere', () => {
    expect(asSaid.plan("what's the median salary of a postdoc?").steps).toEqual([]);
  });

  it('open no errand', () => {
    expect(asSaid.said('could you summarise the speeds - median and interquartile range, ideally', tracked)).not.toMatch(/not something cellpilot does/);
  });
});
