// Kinds of questions from tuning-questions-people-13 (brief s21/Q) and the brief's known bugs: each
// test fails when the mechanism behind a kind breaks, whatever sentence asks it.
// - a question about one thing found ("when does track 2 start?") is answered from the results, never the microscope's;
// - a quantity over time in a channel is a measurement, never a projection;
// - the statistic word of a plotted quantity ("the mean speed") is part of its name, never "not applied";
// - every number in an explanation carries its unit (objectRadiusPx in px);
// - rankings with the number first, a track's value in the plural, a time written t = 2 min, a quantity alone;
// - a follow-up naming another quantity asks it at the scope of the question before.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTableCsv } from '../../../src/analysis/table.ts';
import type { Conversation, KnownArtifact, PastResult } from '../../../src/agent/planner/conversation.ts';
import { explainStep } from '../../../src/agent/planner/explanations.ts';
import { indexFor, planRequest } from '../../../src/agent/planner/planner.ts';
import { answerFromHeader, namesOneAnalysedThing } from '../../../src/agent/planner/recordingQuestions.ts';
import { answerFromTable, completedFollowUp, isAskedForm, readQuestion } from '../../../src/agent/planner/tableAnswers.ts';
import { catalogue, loadAcquisitionWords, plan } from './planOffline.ts';

beforeAll(loadAcquisitionWords);
const dir = mkdtempSync(join(tmpdir(), 'people-13-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const tracksPath = join(dir, 'tracks.csv');
writeTableCsv(tracksPath, {
  columns: ['TRACK_ID', 'NUMBER_SPOTS', 'TRACK_DURATION', 'TRACK_START', 'TRACK_STOP', 'TRACK_MEAN_SPEED'],
  rows: [1, 2, 3].map((i) => ({ TRACK_ID: i, NUMBER_SPOTS: 4, TRACK_DURATION: 3, TRACK_START: i - 1, TRACK_STOP: i + 2, TRACK_MEAN_SPEED: 0.2 * i })),
});
const movie: KnownArtifact = { id: 'movie-1', type: 'movie', frames: 6, pixelSizeUm: 0.5, frameIntervalS: 60 };
const labels: KnownArtifact = { id: 'labels-1', type: 'labels', producedBy: 'segment' };
const tracks: KnownArtifact = { id: 'tracks-1', type: 'tracks', producedBy: 'track' };
const table: KnownArtifact = { id: 'table-1', type: 'table', producedBy: 'measure', path: tracksPath };
const ran = (tool: string, artifact: KnownArtifact, values: Record<string, unknown> = {}): PastResult => ({ tool, args: {}, ok: true, summary: 'Done.', values, artifacts: [artifact] });
const tracked: PastResult[] = [ran('segment', labels), ran('track', tracks)];
const asked = (request: string, earlier: PastResult[], artifacts: KnownArtifact[]): Conversation => ({ request, artifactsAtStart: [movie, ...artifacts], earlier, current: [], earlierRequests: [] });
const toolsFor = (c: Conversation) => planRequest(c, catalogue).steps.map((s) => s.tool);

describe('a question about one thing found', () => {
  it('names it by its number, whatever the verb', () => {
    for (const q of ['when does track 2 start?', 'when does cell #3 end?', 'where is nucleus no. 4 in the last frame?', 'when does the 2nd track stop?']) expect(namesOneAnalysedThing(q), q).toBe(true);
    for (const q of ['start imaging every 2 min', 'stop after 10 frames', 'when does the acquisition end?', 'track 2 s apart']) expect(namesOneAnalysedThing(q), q).toBe(false);
  });

  it('is answered from the results: the tracks measured first, never the microscope run\'s status', () => {
    for (const q of ['when does track 2 start?', 'when does track 1 end?', 'which frame does track 3 first appear in?']) {
      const tools = toolsFor(asked(q, tracked, [labels, tracks]));
      expect(tools, q).toEqual(['measure']);
      expect(planRequest(asked(q, tracked, [labels, tracks]), catalogue).steps[0].args.kind, q).toBe('tracks');
    }
    // with a table of tracks: answered from it, in frames and minutes
    const c = asked('when does track 2 start?', [...tracked, ran('measure', table, { lengthUnit: 'µm', timeUnit: 'min' })], [labels, tracks, table]);
    expect(toolsFor(c)).toEqual([]);
    expect(answerFromTable('when does track 2 start?', c)).toMatch(/^Track 2 starts in frame 2 \(1 min into the movie\) and ends in frame 5/);
  });
});

describe('a quantity over time', () => {
  it('in a channel is measured, never projected', () => {
    for (const q of ['nuclear intensity in channel 2 over time', "what's the nuclear intensity in channel 2 over time", 'mean GFP intensity in the nuclei over time']) {
      const tools = plan(q).steps.map((s) => s.tool);
      expect(tools, q).toEqual(['segment', 'measure']);
    }
  });
});

describe('a plotted quantity', () => {
  it('keeps its statistic word as part of its name, never "not applied"', () => {
    const p = plan('plot the mean speed of each track as a histogram');
    expect(p.steps.at(-1)).toMatchObject({ tool: 'plot', args: { kind: 'histogram' } });
    expect((p.notes ?? []).join(' ')).not.toMatch(/mean/);
  });

  it('against time is a time series; one quantity against another a scatter', () => {
    expect(plan('can u plot mean intensity vs time').steps.at(-1)).toMatchObject({ tool: 'plot', args: { kind: 'timeseries' } });
    expect((plan('can u plot mean intensity vs time').notes ?? []).join(' ')).not.toMatch(/Not applied/);
    expect(plan('plot intensity vs area').steps.at(-1)).toMatchObject({ tool: 'plot', args: { kind: 'scatter' } });
  });
});

describe('numbers in an explanation', () => {
  it('carry their units, from the value\'s or argument\'s name', () => {
    const segmented: PastResult = { tool: 'segment', args: { movie: 'movie-1', objectRadiusPx: 8 }, ok: true, summary: 'Found 6 objects.', values: { objectRadiusPx: 8.4, objects: 48 }, artifacts: [] };
    const text = explainStep('why that radius?', [segmented], indexFor(catalogue), (t) => catalogue.get(t)?.properties ?? {})!;
    expect(text).toContain('objectRadiusPx = 8 px');
    expect(text).toContain('objectRadiusPx = 8.4 px');
  });
});

describe('how people ask for a ranking, a list, a time and a quantity', () => {
  it('reads the number of a ranking said first', () => {
    expect(readQuestion('2 slowest tracks')).toMatchObject({ top: 2, reduce: 'min' });
    expect(readQuestion('which 3 tracks went furthest?')).toMatchObject({ top: 3, reduce: 'max' });
  });

  it('reads a track value in the plural, or in frames of each track, as each track\'s', () => {
    expect(readQuestion('track durations in seconds please').perTrack).toBe(true);
    expect(readQuestion('mean track durations').perTrack).toBeUndefined();
    expect(readQuestion('how many frames long is each track?').reduce).not.toBe('count');
  });

  it('reads a time written as t = 2 min, and a quantity named alone or at a point of the movie as a question', () => {
    expect(readQuestion('cell count at t = 2 min').atTimeS).toBe(120);
    for (const q of ['areas pls', 'mean speed please', 'cell count at t = 2 min', 'nuclear area in frame 3 pls']) expect(isAskedForm(q), q).toBe(true);
    for (const q of ['track please', 'segment in frame 3', 'measure the areas']) expect(isAskedForm(q), q).toBe(false);
  });

  it('reads how they were found as no quantity', () => {
    expect([...readQuestion('how many did you find?').quantity]).toEqual([]);
    expect([...readQuestion('which nucleus has the most intense colour?').quantity]).toContain('intensit');
    expect([...readQuestion('which nucleus has the most intense colour?').quantity]).not.toContain('color');
  });
});

describe('a follow-up naming another quantity', () => {
  it('asks it at the scope of the question before, unless it names its own', () => {
    expect(completedFollowUp('and the mean intensity?', ['count per frame'])).toBe('and the mean intensity per frame?');
    expect(completedFollowUp('and the intensity?', ['mean area in frame 3?'])).toBe('and the intensity in frame 3?');
    expect(completedFollowUp('and the intensity?', ['mean area?'])).toBe('and the intensity?');
    expect(completedFollowUp('and the intensity in frame 2?', ['mean area per frame'])).toBe('and the intensity in frame 2?');
  });
});

describe('a property of the recording once the movie is open', () => {
  it('is answered from the header facts the session holds, without reading the file again', () => {
    const c = asked("what's the time between frames?", tracked, [labels, tracks]);
    expect(toolsFor(c)).toEqual([]);
    expect(toolsFor(asked('is the movie calibrated?', tracked, [labels, tracks]))).toEqual([]);
    expect(answerFromHeader('is the movie calibrated?', [movie])).toMatch(/^Yes: 0\.5 µm per pixel/);
    expect(answerFromHeader("what's the pixel size?", [{ id: 'movie-1', type: 'movie', pixelSizeUm: null }])).toMatch(/unknown/);
    // a property the session does not hold is read from the file
    expect(answerFromHeader('what bit depth is it?', [movie])).toBeUndefined();
    expect(toolsFor(asked('what bit depth is it?', tracked, [labels, tracks]))).toEqual(['movie_info']);
  });
});

describe('frames ranked', () => {
  it('by their count or a value, the highest first unless the lowest is asked', () => {
    const objectsPath = join(dir, 'objects.csv');
    writeTableCsv(objectsPath, {
      columns: ['label', 't', 'area_um2', 'mean_intensity_c1'],
      rows: [{ label: 1, t: 0, area_um2: 10, mean_intensity_c1: 900 }, { label: 1, t: 1, area_um2: 11, mean_intensity_c1: 1000 }, { label: 2, t: 1, area_um2: 12, mean_intensity_c1: 1000 }, { label: 1, t: 2, area_um2: 9, mean_intensity_c1: 800 }],
    });
    const objects: KnownArtifact = { id: 'table-2', type: 'table', producedBy: 'measure', path: objectsPath };
    const c = asked('order the frames by cell count', [ran('segment', labels), ran('measure', objects, { lengthUnit: 'µm', timeUnit: 'min' })], [labels, objects]);
    expect(answerFromTable('order the frames by cell count', c)).toMatch(/^Frames by objects, highest first: frame 2: 2, frame 1: 1, frame 3: 1/);
    expect(answerFromTable('rank the timepoints by mean intensity', c)).toMatch(/highest first: frame 2: 1000 grey levels, frame 1: 900 grey levels, frame 3: 800/);
    expect(answerFromTable('the 2 dimmest frames', c)).toMatch(/lowest first: frame 3: 800 grey levels, frame 1: 900 grey levels \(/);
  });
});

describe('a track by another name, one thing\'s value and an extreme said alone', () => {
  it('are questions about the data', () => {
    expect(readQuestion('speed of trajectory 3?').track).toBe(3);
    for (const q of ["track 1's displacement", 'fastest track pls', 'the biggest nucleus', 'slowest one']) expect(isAskedForm(q), q).toBe(true);
    for (const q of ['track the fastest cells', 'segment the biggest nuclei']) expect(isAskedForm(q), q).toBe(false);
  });
});

describe('how a quantity is computed', () => {
  it('is told from the declaration of the step that measured it, beside its record', () => {
    const measured: PastResult = { tool: 'measure', args: { kind: 'tracks' }, ok: true, summary: 'Measured 5 tracks.', values: { meanSpeed: 0.5, speedUnit: 'µm/min', tracks: 5 }, artifacts: [] };
    const text = explainStep('how is the speed calculated?', [measured], indexFor(catalogue), (t) => catalogue.get(t)?.properties ?? {})!;
    expect(text).toContain('meanSpeed = 0.5 µm/min');
    expect(text).toMatch(/How `measure` computes it, from its declaration: .*speed/);
    expect(explainStep('why did you pick that speed?', [measured], indexFor(catalogue))).not.toMatch(/computes it/);
  });
});
