// Questions in people's words: a question in a sentence of its own beside a request is answered (its steps planned as if
// asked alone) and the other sentences' steps run too; a word of the question ("average ... over time") is no image step.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAcquisitionWords, plan, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('a question in a sentence of its own, beside a request', () => {
  it('"what is the average intensity of the cells over time? show me a plot" measures and plots, no mean projection', () => {
    const p = plan("what's the average intensity of the cells over time? show me a plot");
    expect(p.steps.map((s) => s.tool)).toEqual(['segment', 'measure', 'plot']);
    expect(p.steps[2].args).toMatchObject({ kind: 'timeseries', feature: 'mean_intensity_c1' });
  });

  it('a question whose steps the whole reading lost runs them first, and the request after it still runs', () => {
    const bleaching = plan('is the signal bleaching? make a mean projection too');
    // (the question measured by correct_bleach writing no movie, stop 43)
    expect(bleaching.steps.map((s) => s.tool)).toEqual(['correct_bleach', 'project']);
    expect(bleaching.steps[0].args.writeMovie).toBe(false);
    expect(bleaching.question).toBeDefined();
    expect(toolsOf('how bright are the nuclei? also project the movie over time with the average')).toEqual(['segment', 'measure', 'project']);
  });

  it('a request of one sentence, or with no question about the data, is planned as before', () => {
    expect(toolsOf('make a mean projection over time')).toEqual(['project']);
    expect(toolsOf('segment the nuclei. track them.')).toEqual(['segment', 'track']);
  });
});

describe('the image steps asked before the asking words of a question sentence', () => {
  it('still run: "denoise, then segment; what is the average intensity? plot it"', () => {
    expect(toolsOf("denoise it, then segment the cells; what's the average intensity of the cells? plot it")).toEqual(expect.arrayContaining(['denoise', 'segment', 'measure', 'plot']));
  });
});

describe('spots counted in a frame', () => {
  it('are the objects the segmentation finds there, no tracking over every frame', () => {
    const p = plan('how many spots are there in the first time point?');
    expect(p.steps.map((s) => s.tool)).toEqual(['segment']);
    expect(p.steps[0].args.frames).toEqual({ first: 1, last: 1 });
  });
});

describe('a fact told in a sentence before the request', () => {
  it('leaves the count asked after it a count ("The nucleus have size around 14 pixel. Please count ...")', () => {
    const tools = toolsOf('The nucleus have size around 14 pixel. Please count how many nucleus is in every frame and say me which frame have the least.');
    expect(tools).toContain('segment');
    expect(tools).not.toContain('correct_drift');
  });
});
