// Stop 36 (helper C): multi-step requests in people's words — each mechanism in several wordings of our own.
import { beforeAll, describe, expect, it } from 'vitest';
import { findName } from '../../../src/agent/planner/extract.ts';
import { asksForOtherFiles } from '../../../src/agent/planner/otherFiles.ts';
import { loadAcquisitionWords, movieAndLabels, plan, said, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('the steps so far asked on other files: saved as a pipeline, the batch command named, nothing exported', () => {
  it.each([
    'run it on all the tif files in this folder',
    'do the same on every stack in the directory',
    'could these steps be applied to all the other movies too?',
    'repeat this for each of the remaining files',
    'process the whole folder the same way',
    'run the same thing on data/run4/',
    'apply that to raw/*.tif please',
  ])('%s', (request) => {
    expect(asksForOtherFiles(request)).toBe(true);
    const p = plan(request, movieAndLabels);
    expect(p.steps.map((s) => s.tool)).toEqual(['save_pipeline']);
    expect(said(request, movieAndLabels)).toMatch(/cellpilot run pipelines\/[\w-]+\.yaml \S+ --out/);
  });
  it('the folder named goes into the command', () => {
    expect(said('run the same thing on data/run4/', movieAndLabels)).toContain('data/run4/*.tif');
  });
  it('a name given is the pipeline name', () => {
    expect(plan('apply it to every file in the folder and call it qc-run', movieAndLabels).steps[0].args.name).toBe('qc-run');
  });
  it('with nothing analysed yet, it asks which steps, and runs nothing', () => {
    const p = plan('run it on all the tif files in this folder');
    expect(p.steps).toEqual([]);
    expect(p.reply).toMatch(/which steps/i);
  });
  it.each([
    'segment all the frames',
    'export every frame as png',
    'track all the cells',
    'apply the drift correction to all channels',
    'segment every frame in the movie',
    'measure all the nuclei in this movie',
  ])('work on the movie at hand is no run over files: %s', (request) => {
    expect(asksForOtherFiles(request)).toBe(false);
    expect(toolsOf(request, movieAndLabels)).not.toContain('save_pipeline');
  });
});

describe('a name said after "the name"', () => {
  it.each([
    ['save this workflow under the name plate-screen', 'plate-screen'],
    ['store it with the name qc_v2', 'qc_v2'],
    ['keep the steps as a pipeline, using the name h2b-weekly', 'h2b-weekly'],
  ])('%s', (request, name) => {
    expect(findName(request)).toBe(name);
  });
});
