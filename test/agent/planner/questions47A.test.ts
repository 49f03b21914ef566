// Stop 47 (helper A): questions about the methods and the tool itself run nothing and are answered from the tools'
// declarations ("how do you track cells?", "how is the speed calculated?", "what does DET mean?", "can you do 3D?"),
// while the same verbs asked as requests still plan their steps; a comparison split at a frame ("before and after
// frame 20") is two stretches of the movie, and "different" in a question is no rerun.
import { beforeAll, describe, expect, it } from 'vitest';
import { readQuestion } from '../../../src/agent/planner/tableAnswers.ts';
import { loadAcquisitionWords, movieAndLabels, plan } from './planOffline.ts';

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
