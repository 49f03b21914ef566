// Stop 43 (helper A): questions about results as other people ask them. A quantity the measuring tool names in its own
// words is about the analysis (never the file's reporter nor the microscope); "split" said of cells is their division;
// a bleach question is measured by correct_bleach itself, writing no movie, and "if so" corrects only on a yes.
import { beforeAll, describe, expect, it } from 'vitest';
import type { KnownArtifact } from '../../../src/agent/planner/conversation.ts';
import { withConditionsDecided } from '../../../src/agent/planner/conditionalSteps.ts';
import { withSplitAsDivision } from '../../../src/agent/planner/normalise.ts';
import { asSaid, loadAcquisitionWords, movieAndLabels } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

const tracked: KnownArtifact[] = [...movieAndLabels, { id: 'tracks-1', type: 'tracks', producedBy: 'track' }];

describe('a quantity the measuring tool names is about the analysis', () => {
  it.each(["what's the average lifetime in hours?", 'mean track duration in hours pls', 'on average, how far do they end up from where they started?', 'is the movement directed or just random?'])('%s', (q) => {
    expect(asSaid.toolsOf(q, tracked)).toEqual(['measure']);
    expect(asSaid.argsOf(q, 'measure', tracked)).toMatchObject({ kind: 'tracks' });
  });

  it('the recording keeps its own questions', () => {
    expect(asSaid.toolsOf('how far apart in time are the frames?')).toEqual(['movie_info']);
    expect(asSaid.toolsOf("what's the duration of the movie in hours?", tracked)).toEqual(['movie_info']);
  });

  it('"id of the largest cell?" is a question about the labels held', () => {
    expect(asSaid.toolsOf('id of the largest cell?', movieAndLabels)).toEqual(['measure']);
  });
});

describe('split said of the cells', () => {
  it.each([
    ['roughly how many of them split during the recording?', 'roughly how many of them divided during the recording?'],
    ['did any cells split?', 'did any cells divide?'],
    ['have any of them split yet?', 'have any of them divided yet?'],
  ])('%s', (q, read) => expect(withSplitAsDivision(q)).toBe(read));

  it.each(['split touching nuclei', 'did the segmentation split any nuclei?', 'the nuclei were split in two', 'split the channels'])('keeps a split with an object or a passive: %s', (q) => {
    expect(withSplitAsDivision(q)).toBe(q);
  });

  it('counts divisions from the tracks, never the movie length', () => {
    expect(asSaid.toolsOf('roughly how many of them split during the recording?', tracked)).not.toContain('movie_info');
  });
});

describe('bleaching asked', () => {
  it('is measured by correct_bleach writing no movie', () => {
    for (const q of ['is it bleaching?', 'has the sample photobleached much, do you reckon?', 'is there much photobleaching?']) {
      expect(asSaid.plan(q).steps.map((s) => [s.tool, s.args.writeMovie]), q).toEqual([['correct_bleach', false]]);
    }
  });

  it('"if so" corrects after the measuring step, only on its verdict', () => {
    const p = asSaid.plan('how much did it bleach, and if so correct it');
    expect(p.steps.map((s) => [s.tool, s.args.writeMovie, !!s.onlyIf])).toEqual([['correct_bleach', false, false], ['correct_bleach', undefined, true]]);
    const ran = (n: number) => ({ request: '', artifactsAtStart: [], earlier: [], earlierRequests: [], current: Array.from({ length: n }, () => ({ tool: 'correct_bleach', args: {}, ok: true, summary: '', values: {}, artifacts: [] })) });
    expect(withConditionsDecided(p, ran(1), () => 'Bleaching found over 10 frames (...): mean intensity fell by 19.1%').steps).toHaveLength(2);
    const no = withConditionsDecided(p, ran(1), () => 'No clear bleaching over 10 frames (...)');
    expect(no.steps).toHaveLength(1);
    expect(no.notes?.join(' ')).toMatch(/Not run: correct_bleach \(asked only if so\): the answer was no/);
  });

  it('a question beside another step keeps the movie as recorded', () => {
    const p = asSaid.plan('is the signal bleaching? make a mean projection too');
    expect(p.steps.map((s) => [s.tool, s.args.writeMovie])).toEqual([['correct_bleach', false], ['project', undefined]]);
    expect(asSaid.toolsOf('Bleaching? Quick number.')).toEqual(['correct_bleach']);
  });
});
