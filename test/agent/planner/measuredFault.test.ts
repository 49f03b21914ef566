// Stop 40, helper A, second task: how much of a fault, a share of tracks, a count of named things per frame.
import { beforeAll, describe, expect, it } from 'vitest';
import { measuredFaultAsQuestion } from '../../../src/agent/planner/measuredFault.ts';
import { countAsQuestion, countAtFramesAsQuestion } from '../../../src/agent/planner/tableAnswers.ts';
import { catalogue, loadAcquisitionWords, plan } from './planOffline.ts';

beforeAll(loadAcquisitionWords);
const tracked = [{ id: 'movie-1', type: 'movie' }, { id: 'labels-1', type: 'labels', producedBy: 'segment' }, { id: 'tracks-1', type: 'tracks', producedBy: 'track' }] as never;

describe('a verb of measuring with a fault a tool removes', () => {
  it('is the question how much of it there is, measured without writing a corrected movie', () => {
    expect(measuredFaultAsQuestion('quantify the drift (in µm)', catalogue)).toBe('how much drift is there (in µm)?');
    expect(measuredFaultAsQuestion('can u quantify how much the sample drifted', catalogue)).toBe('how much the sample drifted?');
    for (const request of ['quantify the drift (in µm)', 'measure the stage drift in microns']) {
      const steps = plan(request).steps;
      expect(steps.map((s) => s.tool)).toEqual(['correct_drift']);
      expect(steps[0].args.writeMovie).toBe(false);
    }
  });
  it('leaves other objects, other steps and faults no tool can only measure', () => {
    expect(measuredFaultAsQuestion('measure the nuclei', catalogue)).toBeUndefined();
    expect(measuredFaultAsQuestion('measure the drift and then track the cells', catalogue)).toBeUndefined();
    expect(measuredFaultAsQuestion('quantify the background', catalogue)).toBeUndefined();
    expect(plan('correct the drift').steps[0].args.writeMovie).toBeUndefined();
  });
});

describe('a tool\'s name as what a share is of', () => {
  it('is the result, not the step: "what % of tracks divide?" runs no tracking again', () => {
    expect(plan('what % of tracks divide?', tracked).steps.map((s) => s.tool)).not.toContain('track');
    expect(plan('what percentage of tracks divided', tracked).steps.map((s) => s.tool)).not.toContain('track');
  });
});

describe('things named and counted per frame', () => {
  it('are the question of their count at that scope', () => {
    expect(countAtFramesAsQuestion('count the nuclei in each frame')).toBe('how many nuclei are there in each frame?');
    expect(countAtFramesAsQuestion('now count the cells per frame please')).toBe('how many cells are there per frame?');
    expect(countAtFramesAsQuestion('count the nuclei')).toBeUndefined();
    expect(countAsQuestion('count the nuclei in each frame'), 'not a question by itself: only where labels are').toBeUndefined();
  });
  it('are answered from the labels the session has, and planned as said where it has none', () => {
    const labelled = [{ id: 'movie-1', type: 'movie' }, { id: 'labels-1', type: 'labels', producedBy: 'segment' }] as never;
    expect(plan('count the nuclei in each frame', labelled).steps.map((s) => s.tool)).not.toContain('segment');
    // (with no labels the count per frame is the segmentation's own: no measuring step is added to it)
    const movieOnly = [{ id: 'movie-1', type: 'movie' }] as never;
    expect(plan('count the nuclei in each frame', movieOnly).steps.map((s) => s.tool)).toEqual(['segment']);
  });
});
