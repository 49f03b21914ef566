// A request to make a pipeline runs the steps it describes, then keeps them as a pipeline;
// "save it as NAME.yaml" names the pipeline's file, never another step's output.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAcquisitionWords, plan, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

const movie = [{ id: 'movie-1', type: 'movie', frames: 48 }];
const stepsOf = (request: string) => plan(request, movie).steps.map((s) => ({ tool: s.tool, args: s.args }));

describe('a pipeline asked for', () => {
  it('keeps the steps described, and its file is the .yaml said, not the export\'s', () => {
    const steps = stepsOf('build me a pipeline that removes background, segments nuclei bigger than 40 px, tracks them and exports tracks to CSV; save it as mypipe.yaml');
    expect(steps.map((s) => s.tool)).toEqual(['subtract_background', 'segment', 'track', 'export', 'save_pipeline']);
    expect(steps[3].args).toMatchObject({ format: 'csv' });
    expect(steps[3].args.output).toBeUndefined();
    expect(steps[4].args).toMatchObject({ name: 'mypipe', output: 'mypipe.yaml' });
  });

  it('"save it" after the steps saves the pipeline, it exports nothing', () => {
    expect(toolsOf('create a workflow that corrects drift and segments, and save it', movie)).toEqual(['correct_drift', 'segment', 'save_pipeline']);
    expect(toolsOf('make a pipeline that segments and tracks the nuclei and save it as p.yaml', movie)).toEqual(['segment', 'track', 'save_pipeline']);
  });

  it('a heading before the steps asks for the pipeline too', () => {
    expect(toolsOf('save a pipeline: denoise, segment, track, export CSV', movie)).toEqual(['denoise', 'segment', 'track', 'export', 'save_pipeline']);
  });

  it('no pipeline without one asked for, and running a saved one makes none', () => {
    expect(toolsOf('segment the nuclei, track them and save it as tracks.csv', movie)).not.toContain('save_pipeline');
    expect(toolsOf('run the nuclei-tracking pipeline on this movie', movie)).not.toContain('save_pipeline');
  });
});
