// Stop 47 (helper A): questions about the methods and the tool itself run nothing and are answered from the tools'
// declarations ("how do you track cells?", "how is the speed calculated?", "what does DET mean?", "can you do 3D?"),
// while the same verbs asked as requests still plan their steps; a comparison split at a frame ("before and after
// frame 20") is two stretches of the movie, and "different" in a question is no rerun.
import { beforeAll, describe, expect, it } from 'vitest';
import { composeAnswer } from '../../../src/agent/planner/answers.ts';
import type { Conversation, PastResult } from '../../../src/agent/planner/conversation.ts';
import { readQuestion } from '../../../src/agent/planner/tableAnswers.ts';
import { asSaid, loadAcquisitionWords, movieAndLabels, plan } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

const tracked = [...movieAndLabels, { id: 'tracks-1', type: 'tracks' as const, producedBy: 'track' }];

describe('how a step is done, asked of cellpilot in the present', () => {
  it.each([
    ['how do you track cells?', 'track'],
    ['how does cellpilot segment nuclei', 'segment'],
    ['how is the speed calculated?', 'measure'],
    ['how are divisions detected?', 'detect_divisions'],
  ])('%s: nothing runs, the declaration of %s answers', (q, tool) => {
    const p = plan(q, tracked);
    expect(p.steps).toEqual([]);
    expect(p.reply).toContain(`\`${tool}\``);
  });

  it.each([['how do the cells move?'], ['how does the speed change over time?'], ['can you track the cells?'], ['segment and track the nuclei']])('%s still plans its steps', (q) => {
    expect(plan(q, tracked).steps.length).toBeGreaterThan(0);
  });
});

describe('the name of a declared result, asked what it means', () => {
  it.each([['what does DET mean?', 'detection accuracy'], ['what is SEG in the evaluation?', 'segmentation accuracy'], ['what does alpha stand for', 'MSD exponent']])('%s', (q, about) => {
    const p = plan(q, tracked);
    expect(p.steps).toEqual([]);
    expect(p.reply).toContain(about);
  });

  it('a thing asked of, not a result name, is no such question', () => {
    expect(plan('what are tracks?', tracked).reply ?? '').not.toMatch(/is a result of/);
  });
});

describe('a feature asked of cellpilot (no method name)', () => {
  it.each([['can you do 3D?'], ['Is it possible to segment in 3D with this software?'], ['do you handle z-stacks?']])('%s: answered from the declarations, nothing run', (q) => {
    const p = plan(q, tracked);
    expect(p.steps).toEqual([]);
    expect(p.reply).toMatch(/declar/);
  });

  it('a step word asked is still a request, and words pointing at the data are no feature', () => {
    expect(plan('can you do tracking?', tracked).steps.map((s) => s.tool)).toContain('track');
    expect(plan('can you handle these nuclei?', tracked).reply ?? '').not.toMatch(/tools declare/);
  });
});

describe('a comparison split at a frame', () => {
  it.each([['is the speed different before and after frame 20?'], ['speed before vs after frame 20'], ['mean area after and before timepoint 20']])('%s: the frames before it against those after', (q) => {
    expect(readQuestion(q).compareRanges).toEqual([{ first: 19 }, { from: 21, to: Infinity }]);
  });

  it('plans the measurement, no rerun', () => {
    expect(plan('is the speed different before and after frame 20?', tracked).steps.map((s) => s.tool)).toEqual(['measure']);
  });
});

describe('a condition with a number picks rows, no extreme', () => {
  it.each([['average speed of tracks longer than 10 frames?'], ['mean area of the nuclei bigger than 100 px'], ['mean displacement for tracks lasting at least 15 frames']])('%s', (q) => {
    expect(readQuestion(q).condition).toBeDefined();
    expect(readQuestion(q).reduce).toBe('mean');
  });
  it('the largest is still an extreme', () => expect(readQuestion('the largest nucleus area').reduce).toBe('max'));
});

const measured: PastResult = { tool: 'measure', args: { kind: 'tracks' }, ok: true, summary: 'measure ran.', values: { tracks: 37, meanSpeed: 1.8, meanDuration: 24.5 }, artifacts: [{ id: 'table-1', type: 'table', path: '/nonexistent/table-1.csv' }] as never };
const answer = (request: string, earlier: PastResult[] = []) => {
  const conversation: Conversation = { request, artifactsAtStart: [], earlier, earlierRequests: [], current: [measured] };
  return composeAnswer(plan(request, tracked), conversation);
};

describe('rows asked by a rule with no row at hand', () => {
  it('the value over all is said as over all, the rule named as not applied', () => {
    expect(answer('average speed of tracks longer than 10 frames?')).toMatch(/Not applied: only the ones over 10 frames.*over all/);
  });
  it('nothing is added when no rule is asked', () => expect(answer('average speed of the tracks?')).not.toMatch(/Not applied/));
});

describe('a duration in frames with the frame interval known', () => {
  const calibrated: PastResult = { tool: 'set_calibration', args: { frameIntervalS: 300 }, ok: true, summary: 'Frame interval set to 300 s.', values: { frameIntervalS: 300 }, artifacts: [] };
  it('is said in time, the frames beside it', () => expect(answer('how long are the tracks on average?', [calibrated])).toMatch(/2\.042 h \(24\.5 frames at 5 min per frame\)/));
  it('stays in frames with no interval', () => expect(answer('how long are the tracks on average?')).toMatch(/24\.5 frames/));
});

describe('a part of the field asked that no step cut out', () => {
  const objects: PastResult = { tool: 'measure', args: { kind: 'objects' }, ok: true, summary: 'measure ran.', values: { objects: 1200 }, artifacts: [{ id: 'table-1', type: 'table', path: '/nonexistent/table-1.csv' }] as never };
  const said = (request: string) => composeAnswer(plan(request, movieAndLabels), { request, artifactsAtStart: movieAndLabels, earlier: [], earlierRequests: [], current: [objects] });
  it('is named as not applied', () => expect(said('how many cells in the left half of the field?')).toMatch(/Not applied: "in the left half of the field"/));
  it('nothing is added for the whole field', () => expect(said('how many cells are there?')).not.toMatch(/Not applied/));
});

describe('a count over the frames with no row at hand', () => {
  const objects: PastResult = { tool: 'measure', args: { kind: 'objects' }, ok: true, summary: 'measure ran.', values: { objects: 1200 }, artifacts: [{ id: 'table-1', type: 'table', path: '/nonexistent/table-1.csv' }] as never };
  const said = (request: string) => composeAnswer(plan(request, movieAndLabels), { request, artifactsAtStart: movieAndLabels, earlier: [], earlierRequests: [], current: [objects] });
  it.each([['At which frame do we first see more than 50 nuclei?'], ['which timepoint has the fewest cells']])('%s: said as not answered, with why', (q) => expect(said(q)).toMatch(/Not answered: .*needs the counts in each frame/));
});

describe('a setting of the step the words name, asked as possible', () => {
  it('is a request for that step, not a feature asked about', () => {
    expect(asSaid.toolsOf('is possible to do projection with minimum?')).toEqual(['project']);
    expect(asSaid.plan('can you do 3D?').steps).toEqual([]);
  });
});
