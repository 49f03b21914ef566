// Kinds of questions from tuning-questions-people-11 (brief s19/Q): each test fails when the
// mechanism behind a kind breaks, whatever sentence asks it.
// - slips of the words a question is built of ("how mnay", "teh most") are read as those words;
// - a count in a channel counts the things found in it;
// - the forms of a letter around a request ("Dear cellpilot, ... Many thanks, Tom") are no part of it;
// - a feature drawn from a table is a column of it: "plot their speed over time" after measuring
//   objects and then tracking takes the tracks, not the objects' table (a known miss);
// - a request to count is told the count ("segment the cells in channel 2 and count them", a known miss);
// - a value of each thing ("durations of all tracks", "circularity of each nucleus in frame 3",
//   "list the areas ..."), a follow-up that is only a scope ("per frame?") or "same for X";
// - a question in two parts about two quantities is planned and answered part by part;
// - a column of a channel is named as that channel.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTableCsv } from '../../../src/analysis/table.ts';
import type { Conversation, KnownArtifact, PastResult } from '../../../src/agent/planner/conversation.ts';
import { explainStep } from '../../../src/agent/planner/explanations.ts';
import { withoutLetterForms } from '../../../src/agent/planner/letterForms.ts';
import { indexFor } from '../../../src/agent/planner/toolIndex.ts';
import { nextAction } from '../../../src/agent/planner/planner.ts';
import { answerFromTable, asksTheData, completedFollowUp, isAskedForm, plainQuestion, questionPartsOf, readQuestion, tableWithFeature } from '../../../src/agent/planner/tableAnswers.ts';
import { catalogue, loadAcquisitionWords, plan, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

const dir = mkdtempSync(join(tmpdir(), 'people-11-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const objectsPath = join(dir, 'objects.csv');
writeTableCsv(objectsPath, {
  columns: ['label', 't', 'area_um2', 'mean_intensity_c1', 'mean_intensity_c2'],
  rows: [
    { label: 1, t: 0, area_um2: 40, mean_intensity_c1: 1000, mean_intensity_c2: 5000 },
    { label: 2, t: 0, area_um2: 60, mean_intensity_c1: 1100, mean_intensity_c2: 5200 },
    { label: 1, t: 1, area_um2: 44, mean_intensity_c1: 900, mean_intensity_c2: 5100 },
  ],
});
const tracksPath = join(dir, 'tracks.csv');
writeTableCsv(tracksPath, {
  columns: ['TRACK_ID', 'NUMBER_SPOTS', 'TRACK_DURATION', 'TRACK_MEAN_SPEED'],
  rows: [
    { TRACK_ID: 1, NUMBER_SPOTS: 2, TRACK_DURATION: 1, TRACK_MEAN_SPEED: 1.4 },
    { TRACK_ID: 2, NUMBER_SPOTS: 1, TRACK_DURATION: 0, TRACK_MEAN_SPEED: 0.2 },
  ],
});
const objectsTable: KnownArtifact = { id: 'table-1', type: 'table', producedBy: 'measure', path: objectsPath };
const tracksTable: KnownArtifact = { id: 'table-2', type: 'table', producedBy: 'measure', path: tracksPath };
const measured = (table: KnownArtifact, kind: string): PastResult => ({ tool: 'measure', args: { kind }, ok: true, summary: '', values: { lengthUnit: 'µm', timeUnit: 'min' }, artifacts: [{ id: table.id, type: 'table' }] });

describe('slips of the words a question is built of', () => {
  it('are read as those words, and the question is planned as written right', () => {
    expect(plainQuestion('how mnay nuclei in frame 3?')).toBe('how many nuclei in frame 3?');
    expect(plainQuestion('wich frame has teh most cells')).toBe('which frame has the most cells');
    // (a word is no slip of another it is itself: "three" stays, whatever "there" looks like)
    expect(plainQuestion('which are the three slowest tracks?')).toBe('which are the three slowest tracks?');
    for (const q of ['how mnay nuclei in frame 3?', 'wich frame has teh most cells']) {
      expect(toolsOf(q), q).toContain('segment');
      expect(toolsOf(q), q).not.toContain('correct_drift');
    }
  });
});

describe('a count in a channel', () => {
  it('counts the things found in that channel, not their intensity', () => {
    expect([...readQuestion('how many cells in channel 2?').quantity]).toEqual([]);
    expect(readQuestion('how many cells in channel 2?').reduce).toBe('count');
    expect(plan('how many cells in channel 2?').steps.find((s) => s.tool === 'segment')?.args.channel).toBe(2);
    // (a channel named alone still asks for its intensity)
    expect([...readQuestion('compare channel 1 and channel 2').quantity]).toEqual([...readQuestion('intensity').quantity]);
  });
});

describe('the forms of a letter around a request', () => {
  it('are left out: salutation, well-wishing and sign-off', () => {
    expect(withoutLetterForms('Dear cellpilot, could you tell me which of my cells moves the fastest? Many thanks, Tom')).toBe('could you tell me which of my cells moves the fastest?');
    expect(withoutLetterForms("Hi, hope you're well! Could you segment the nuclei? Thanks a lot, Maria")).toBe('Could you segment the nuclei?');
    expect(withoutLetterForms('Could you find the nuclei? Cheers, Raj')).toBe('Could you find the nuclei?');
    // (a well of a plate, and thanks for something, stay)
    expect(withoutLetterForms('segment the nuclei in well B3')).toBe('segment the nuclei in well B3');
    expect(withoutLetterForms('thanks')).toBe('thanks');
  });

  it('leave the request as if said plainly', () => {
    expect(toolsOf('Dear cellpilot, could you tell me which of my cells moves the fastest? Many thanks, Tom')).toEqual(expect.arrayContaining(['segment', 'track']));
    expect(toolsOf("Hi, hope you're well! Could you segment the nuclei and send me the number of nuclei in every frame?")).toEqual(['segment']);
  });
});

describe('a feature drawn from a table', () => {
  it('is a column of it: another table that has it, else none (the step takes its other inputs)', () => {
    expect(tableWithFeature('speed', 'table-1', [objectsTable, tracksTable])).toBe('table-2');
    expect(tableWithFeature('speed', 'table-1', [objectsTable])).toBeNull();
    expect(tableWithFeature('area', 'table-1', [objectsTable, tracksTable])).toBe('table-1');
    // a stand-in with no file: the choice stays
    expect(tableWithFeature('speed', 'table-9', [{ id: 'table-9', type: 'table' }])).toBeUndefined();
  });

  it('"plot their speed over time" after measuring objects, then tracking, draws from the tracks (known miss)', () => {
    const conversation: Conversation = {
      request: 'plot their speed over time',
      artifactsAtStart: [{ id: 'movie-1', type: 'movie' }, { id: 'labels-1', type: 'labels', producedBy: 'segment' }, objectsTable, { id: 'tracks-1', type: 'tracks', producedBy: 'track' }],
      earlier: [measured(objectsTable, 'objects'), { tool: 'track', args: {}, ok: true, summary: '', values: {}, artifacts: [{ id: 'tracks-1', type: 'tracks' }] }],
      current: [],
      earlierRequests: ['segment the nuclei and measure them', 'now track them'],
    };
    const action = nextAction(conversation, catalogue);
    expect(action.kind).toBe('call');
    if (action.kind !== 'call') return;
    expect(action.tool).toBe('plot');
    expect(action.args.tracks).toBe('tracks-1');
    expect(action.args.table).toBeUndefined();
  });
});

describe('a request to count', () => {
  it('is told the count after the steps (known miss: "segment the cells in channel 2 and count them")', () => {
    const request = 'segment the cells in channel 2 and count them';
    expect(plan(request).steps.map((s) => [s.tool, s.args.channel])).toEqual([['segment', 2]]);
    const segmented: PastResult = { tool: 'segment', args: { channel: 2 }, ok: true, summary: 'Found 5 objects per frame', values: { objects: 20, objectsPerFrame: [6, 4, 5, 5], objectsPerFrameMean: 5 }, artifacts: [{ id: 'labels-1', type: 'labels' }] };
    const action = nextAction({ request, artifactsAtStart: [{ id: 'movie-1', type: 'movie' }], earlier: [], current: [segmented], earlierRequests: [] }, catalogue);
    expect(action.kind === 'answer' ? action.text : '').toMatch(/Objects per frame mean = 5\b.*frame 1: 6/);
    // (without a count asked, the steps alone)
    const segmentOnly = nextAction({ request: 'segment the cells in channel 2', artifactsAtStart: [{ id: 'movie-1', type: 'movie' }], earlier: [], current: [segmented], earlierRequests: [] }, catalogue);
    expect(segmentOnly.kind === 'answer' ? segmentOnly.text : '').not.toMatch(/Objects per frame/);
  });
});

describe('a value of each thing', () => {
  it('is read from "of all the tracks", "each nucleus in frame 3", "list the areas ..."', () => {
    expect(readQuestion('durations of all tracks pls').perTrack).toBe(true);
    expect(readQuestion('the mean speed of all tracks').perTrack).toBeUndefined();
    expect(isAskedForm('circularity of each nucleus in frame 3')).toBe(true);
    expect(isAskedForm('intensity of each cell over time')).toBe(true);
    expect(isAskedForm('list the areas of the nuclei in frame 1')).toBe(true);
    // (of what, then the unit)
    expect(isAskedForm('speed of track 2 in µm/h')).toBe(true);
    expect(isAskedForm('area of the nuclei in px²')).toBe(true);
    expect(isAskedForm('segment the nuclei in channel 2')).toBe(false);
    expect(asksTheData('list the areas of the nuclei in frame 1')).toBe(true);
    expect(toolsOf('intensity of each cell over time')).not.toContain('project');
  });

  it('in one frame is that frame\'s value, not a mean over frames', () => {
    const conversation: Conversation = { request: '', artifactsAtStart: [{ id: 'movie-1', type: 'movie' }, objectsTable], earlier: [measured(objectsTable, 'objects')], current: [], earlierRequests: [] };
    const answer = answerFromTable('list the areas of the nuclei in frame 1', conversation) ?? '';
    expect(answer).toMatch(/object 1: 40 µm², object 2: 60 µm²/);
    expect(answer).not.toMatch(/mean over frames/);
  });
});

describe('a follow-up', () => {
  it('that is only a scope asks the question before at it; "same for X" asks it of X', () => {
    expect(completedFollowUp('per frame?', ['how many nuclei are there?'])).toMatch(/^how many \w+ per frame\?$/);
    expect(completedFollowUp('same for the area', ['what is the mean intensity?'])).toBe('what is the mean area?');
    // (after a step, "the same for channel 2" repeats the step)
    expect(completedFollowUp('now the same for channel 2', ['segment the nuclei'])).toBe('now the same for channel 2');
    // (a step whose words read like a quantity is no question: "the same with mean" after a max projection repeats the projection)
    expect(completedFollowUp('and the same with mean', ['max projection of frames 1-10'])).toBe('and the same with mean');
  });
});

describe('a question in two parts', () => {
  it('is split where a second question about another quantity starts, its pronoun the things of the first', () => {
    expect(questionPartsOf('how fast do the nuclei move on average and how big are they?')).toEqual(['how fast do the nuclei move on average', 'how big are the nuclei?']);
    expect(questionPartsOf('what is the mean speed and the mean area?')).toEqual(['what is the mean speed', 'the mean area?']);
    expect(questionPartsOf('how much do the cells move, and how many divide?')).toEqual(['how much do the cells move', 'how many divide?']);
    expect(questionPartsOf('my PI wants two numbers: how fast the nuclei move and how big they are. Could you work those out?')).toEqual(['how fast the nuclei move', 'how big the nuclei are.']);
    for (const one of ['how many at the start and how many at the end?', 'which frame has the most nuclei, and how many?', 'segment the nuclei and what is the mean area']) expect(questionPartsOf(one), one).toBeUndefined();
  });

  it('plans the steps of both parts, each once, and answers each', () => {
    const steps = plan('how fast do the nuclei move on average and how big are they?').steps;
    expect(steps.map((s) => s.tool)).toEqual(['segment', 'track', 'measure', 'measure']);
    expect(steps.filter((s) => s.tool === 'measure').map((s) => s.args.kind)).toEqual(['tracks', 'objects']);
    // (a tool both parts need, with settings that agree, runs once with the settings of both)
    const divide = plan('how much do the cells move, and how many divide?').steps;
    expect(divide.filter((s) => s.tool === 'track')).toHaveLength(1);
    expect(divide.find((s) => s.tool === 'track')?.args.allowSplitting).toBe(true);
    expect(divide.map((s) => s.tool)).toEqual(expect.arrayContaining(['measure', 'detect_divisions']));
    const conversation: Conversation = { request: 'what is the mean speed and the mean area?', artifactsAtStart: [{ id: 'movie-1', type: 'movie' }, objectsTable, tracksTable], earlier: [measured(objectsTable, 'objects'), measured(tracksTable, 'tracks')], current: [], earlierRequests: [] };
    const action = nextAction(conversation, catalogue);
    expect(action.kind).toBe('answer');
    expect(action.kind === 'answer' ? action.text : '').toMatch(/µm\/min[\s\S]*\n[\s\S]*µm²/);
  });
});

describe('a column of a channel', () => {
  it('is named as that channel', () => {
    const conversation: Conversation = { request: '', artifactsAtStart: [{ id: 'movie-1', type: 'movie' }, objectsTable], earlier: [measured(objectsTable, 'objects')], current: [], earlierRequests: [] };
    expect(answerFromTable("what's the mean intensity in channel 2?", conversation)).toMatch(/mean intensity \(channel 2\)/i);
  });
});

describe('a ranking with its number after the extreme', () => {
  it('reads how many', () => {
    expect(readQuestion('fastest 2 tracks pls')).toMatchObject({ top: 2, reduce: 'max', which: true });
    expect(readQuestion('the biggest three nuclei in frame 2?')).toMatchObject({ top: 3, reduce: 'max', frame: 2 });
    expect(isAskedForm('fastest 2 tracks pls')).toBe(true);
  });
});

describe('a number quoted in a "why"', () => {
  it('picks the step whose record holds it, not the newest', () => {
    const earlier: PastResult[] = [
      { tool: 'segment', args: {}, ok: true, summary: 'Found 6 objects per frame', values: { threshold: 5397.75 }, artifacts: [{ id: 'labels-1', type: 'labels' }] },
      { tool: 'track', args: {}, ok: true, summary: 'Tracked 48 objects (max 13.1 px per frame)', values: { maxLinkingDistancePx: 13.1, method: 'lap' }, artifacts: [{ id: 'tracks-1', type: 'tracks' }] },
      { tool: 'plot', args: { kind: 'timeseries' }, ok: true, summary: 'Plotted speed', values: { widthPx: 1220 }, artifacts: [{ id: 'plot-1', type: 'plot' }] },
    ];
    expect(explainStep('why did you pick 13.1 px?', earlier, indexFor(catalogue))).toMatch(/record of track/);
    expect(explainStep('why was it 5397.75?', earlier, indexFor(catalogue))).toMatch(/record of segment/);
  });
});

describe('doubt about a result, and a method named', () => {
  const earlier: PastResult[] = [{ tool: 'segment', args: {}, ok: true, summary: 'Found 6 objects per frame by otsu threshold', values: { objects: 48, objectsPerFrameMean: 6, method: 'otsu' }, artifacts: [{ id: 'labels-1', type: 'labels' }] }];
  it('is explained from the record, nothing run', () => {
    for (const q of ['are you sure about the number of nuclei?', 'could the count be wrong?', 'why 6 nuclei and not 7?', 'what threshold value did you end up with?']) {
      expect(explainStep(q, earlier, indexFor(catalogue)), q).toMatch(/record of segment/);
    }
  });

  it('says Yes or No first: a method that did not run never stands as if it had', () => {
    expect(explainStep('did you use stardist?', earlier, indexFor(catalogue))).toMatch(/^No: stardist did not run; segment used otsu\./);
    expect(explainStep('was cellpose used?', earlier, indexFor(catalogue))).toMatch(/^No: cellpose did not run/);
    expect(explainStep('did you use otsu?', earlier, indexFor(catalogue))).toMatch(/^Yes: otsu/);
    // (stop 42: a question about the model leads with the model the record names, or that none ran)
    expect(explainStep('did you use a deep learning model?', earlier, indexFor(catalogue))).toMatch(/^No: segment ran no model: method "otsu"\. I did not re-run/);
  });
});
