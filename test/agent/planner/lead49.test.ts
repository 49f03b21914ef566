// The lead's user tries of stop 49: what a first try in fresh words found, each a general cause.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTableCsv } from '../../../src/analysis/table.ts';
import type { Conversation } from '../../../src/agent/planner/conversation.ts';
import { answerFromTable, questionPartsOf, readQuestion } from '../../../src/agent/planner/tableAnswers.ts';
import { findFrameRange } from '../../../src/agent/planner/quantities.ts';
import { loadAcquisitionWords, plan } from './planOffline.ts';

const dir = mkdtempSync(join(tmpdir(), 'lead49-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeAll(loadAcquisitionWords);

// track 1 goes far along a winding path; track 2 goes less far but straight
const tracksPath = join(dir, 'tracks.csv');
writeTableCsv(tracksPath, {
  columns: ['TRACK_ID', 'TRACK_MEAN_SPEED', 'TOTAL_DISTANCE_TRAVELED', 'TRACK_DISPLACEMENT', 'CONFINEMENT_RATIO'],
  rows: [
    { TRACK_ID: 1, TRACK_MEAN_SPEED: 2, TOTAL_DISTANCE_TRAVELED: 90, TRACK_DISPLACEMENT: 9, CONFINEMENT_RATIO: 0.1 },
    { TRACK_ID: 2, TRACK_MEAN_SPEED: 1, TOTAL_DISTANCE_TRAVELED: 40, TRACK_DISPLACEMENT: 32, CONFINEMENT_RATIO: 0.8 },
  ],
});
const conversation: Conversation = {
  request: '',
  artifactsAtStart: [{ id: 'table-1', type: 'table', producedBy: 'measure', path: tracksPath }],
  earlier: [{ tool: 'measure', args: { kind: 'tracks' }, ok: true, summary: '', values: { lengthUnit: 'µm', timeUnit: 'min' }, artifacts: [{ id: 'table-1', type: 'table' }] }],
  current: [],
  earlierRequests: [],
};

describe('how straight or persistent a path is, said of the motion', () => {
  it('asks no distance: "the most persistent mover" is the straightest track, not the one that went furthest', () => {
    for (const q of ['which one is the most persistent mover?', 'which cell migrates most persistently?', 'which cell moves most directionally?']) {
      expect([...readQuestion(q).quantity], q).not.toContain('distanc');
      expect(answerFromTable(q, conversation), q).toMatch(/^Track 2 has the largest confinement ratio: 0\.8/);
    }
  });

  it('reads the directionality ratio as the confinement ratio (the same d/D)', () => {
    expect(answerFromTable('whats the directionality ratio of track 1', conversation)).toMatch(/confinement ratio for track 1 = 0\.1/);
  });

  it('still reads a movement word alone as the distance travelled', () => {
    expect(answerFromTable('which cell moved the furthest?', conversation)).toMatch(/^Track 1 has the largest total distance travelled: 90 µm/);
  });
});

describe('"last" as the verb ("tracks that last 20 frames")', () => {
  it('is how long the things last, a condition on them, never the last frames of the movie', () => {
    const p = plan('segment + track the nuclei, keep only tracks that last 20 frames or more and plot their speed over time');
    expect(p.steps.map((s) => s.tool)).toEqual(['segment', 'track', 'filter_tracks', 'measure', 'plot']);
    expect(p.steps[0].args.frames).toBeUndefined();
    expect(p.steps[2].args).toMatchObject({ minFrames: 20 });
    expect((p.notes ?? []).join(' ')).not.toMatch(/Frames \d+-\d+|"[^"]*last 20 frames[^"]*"/);
    expect(findFrameRange('cells which last 5 time points', 40)).toBeUndefined();
    expect(findFrameRange('tracks that must last 10 frames', 40)).toBeUndefined();
  });

  it('still reads "the last 20 frames" and "over last 20 frames" as frames by their place', () => {
    expect(findFrameRange('track the cells in the last 20 frames', 40)).toEqual({ first: 21, last: 40 });
    expect(findFrameRange('measure over last 5 frames', 40)).toEqual({ first: 36, last: 40 });
  });

  it('a duration the filter took in seconds is applied ("that last 2 hours" is minDurationS 7200), named nowhere as not applied', () => {
    for (const [request, seconds] of [['keep the tracks that last 2 hours', 7200], ['track the nuclei and only keep those trajectories which last 3 hours', 10800]] as const) {
      const p = plan(request);
      expect(p.steps.find((s) => s.tool === 'filter_tracks')?.args, request).toMatchObject({ minDurationS: seconds });
      expect((p.notes ?? []).join(' '), request).not.toMatch(/Not applied/);
    }
  });
});

describe('a thing said not to be done, that cellpilot never does', () => {
  it('"dont overwrite the original" is confirmed, not named as not done', () => {
    const p = plan('register the stack and save it as a new tif, dont overwrite the original');
    expect((p.notes ?? []).join(' ')).toMatch(/As you asked, the movie you gave is not overwritten/);
    expect((p.notes ?? []).join(' ')).not.toMatch(/Not done/);
  });
});

describe('frames said with a verb of removing and no step', () => {
  it('are asked about as frames left out, never as the frames to run on', () => {
    for (const request of ['remove frames 3 and 7, they are blurry', 'get rid of the first 5 frames', 'delete frames 10-12']) {
      expect(plan(request).reply, request).toMatch(/^Which steps should I run, leaving out /);
    }
  });
});

describe('two questions in one request', () => {
  it('said as sentences of their own are two parts; one quantity asked twice is not', () => {
    expect(questionPartsOf('track the cells. what is their mean speed? how many divide?')).toEqual(['what is their mean speed?', 'how many divide?']);
    expect(questionPartsOf('is it noisy? can you denoise it?')).toBeUndefined();
    expect(questionPartsOf('what is the mean area? what is the mean area?')).toBeUndefined();
    // (a second question opened by "and" is read with the one before it: "the longest one" is the longest track)
    expect(questionPartsOf('how many tracks are there? and how long is the longest one?')).toEqual(['how many tracks are there?', 'how long is the longest track?']);
  });

  it('each plans its steps, also when asked after the steps ("track them and tell me their speed and how many divide")', () => {
    for (const request of ['Track the stem cells and tell me their mean speed and how many divide', 'track the cells. what is their mean speed? how many divide?']) {
      const tools = plan(request).steps.map((s) => s.tool);
      expect(tools, request).toEqual(expect.arrayContaining(['segment', 'track', 'measure', 'detect_divisions']));
      expect(tools.filter((t) => t === 'track'), request).toHaveLength(1);
    }
  });
});

describe('words beside a request that ask for nothing', () => {
  it('"tired... just find the nuclei": "just" before a verb of the step\'s own phrase is a hedge, no scope left out', () => {
    const p = plan('tired... just find the nuclei');
    expect(p.steps.map((s) => s.tool)).toEqual(['segment']);
    expect((p.notes ?? []).join(' ')).not.toMatch(/Not applied/);
  });

  it('a sentence the microscope cannot read is named, and the request beside it still runs', () => {
    const p = plan('Big experiment today. Correct the drift please');
    expect(p.steps.map((s) => s.tool)).toEqual(['correct_drift']);
    expect((p.notes ?? []).join(' ')).toMatch(/could not read "Big experiment today\." as a microscope command/);
  });
});

describe('a request to write code', () => {
  it('runs nothing and says what cellpilot does instead (no segmentation run in its place)', () => {
    for (const request of ['write me a python script to segment cells', 'hi, could you please write a MATLAB script for tracking', "I'd like you to generate code that measures the nuclei"]) {
      const p = plan(request);
      expect(p.steps, request).toEqual([]);
      expect(p.reply, request).toMatch(/^I do not write code .*save this as a pipeline/);
    }
  });

  it('leaves saving the steps as a script to the pipeline, and a step asked first runs', () => {
    expect(plan('save the steps as a script').steps.map((s) => s.tool)).toEqual(['save_pipeline']);
    expect(plan('segment the cells and write the code you used').steps.map((s) => s.tool)).toContain('segment');
  });
});
