// Stop 54, the lead's user tries: a question of how to do a step asks for it; opening with no file asks which; how to
// open a kind of file says whether it is read.
import { beforeAll, describe, expect, it } from 'vitest';
import { planRequest } from '../../../src/agent/planner/planner.ts';
import { catalogue, loadAcquisitionWords } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

const plan = (request: string) => planRequest({ request, artifactsAtStart: [{ id: 'movie-1', type: 'movie' }], earlier: [], current: [], earlierRequests: [] }, catalogue);

describe('a question of how to do a step', () => {
  it('runs the step itself, not a measurement of it', () => {
    const drift = plan('how do I correct the drift?');
    expect(drift.steps.map((s) => s.tool)).toEqual(['correct_drift']);
    expect(drift.steps[0].args.writeMovie).not.toBe(false);
    expect(plan('how would I make a max projection?').steps.map((s) => s.tool)).toEqual(['project']);
  });
  it('of how to know something asks about the data', () => {
    expect(plan('how do I know if there is drift?').steps[0]?.args.writeMovie).toBe(false);
  });
});

describe('opening a file', () => {
  it('with no file named asks which, with the kinds opened', () => {
    for (const request of ['load my movie', 'open a file']) expect(plan(request).reply, request).toMatch(/^Which file should I open\? Give its path/);
    expect(plan('how do I load my movie?').reply).toMatch(/^Say "load" and the file's path/);
  });
  it('of a kind not read says so and how to convert it', () => {
    const p = plan('how do I open a .czi file?');
    expect(p.steps).toEqual([]);
    expect(p.reply).toMatch(/^No, \.czi files are not read here: save it as OME-TIFF first/);
  });
});

describe('a fault the turn before told, put right by a word that points back', () => {
  const after = (before: string, request: string) => planRequest({ request, artifactsAtStart: [{ id: 'movie-1', type: 'movie' }], earlier: [], current: [], earlierRequests: [before] }, catalogue);
  it('is that fault', () => {
    expect(after('is there drift?', 'correct for that').steps.map((s) => s.tool)).toEqual(['correct_drift']);
    expect(after('does the nucleus get dimmer over time?', 'correct for that and save the result as a tiff').steps.map((s) => s.tool)).toEqual(['correct_bleach', 'export']);
    expect(after('the background looks uneven', 'fix that').steps.map((s) => s.tool)).toEqual(['subtract_background']);
  });
  it('is nothing where the turn before told no fault', () => {
    expect(after('segment the nuclei', 'fix it').steps).toEqual([]);
  });
});

describe('a phrase of a step the plan runs and its kind', () => {
  it('is no method asked for ("the super resolution model", "the tracking algorithm")', () => {
    for (const request of ['upscale the movie 2x with the super resolution model', 'track them with the tracking algorithm']) {
      expect((plan(request).notes ?? []).join(' '), request).not.toMatch(/I did not apply/);
    }
    expect((plan('track with the linear motion tracker').notes ?? []).join(' ')).toMatch(/I did not apply "linear motion tracker"/);
  });
});
