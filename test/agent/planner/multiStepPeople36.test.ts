// Stop 36 (helper C): multi-step requests in people's words — each mechanism in several wordings of our own.
import { beforeAll, describe, expect, it } from 'vitest';
import { splitClauses } from '../../../src/agent/planner/clauses.ts';
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

describe('a step turned down in other words: "I\'d rather you didn\'t", "you needn\'t", or the "no" said after it', () => {
  it.each([
    ['find the nuclei and track them. I\'d rather you didn\'t touch the drift.', 'correct_drift', 'track'],
    ['segment and measure the intensity, but the tracking no', 'track', 'measure'],
    ['segment and track; drift correction not needed', 'correct_drift', 'track'],
    ['we would prefer you did not denoise, just segment the cells', 'denoise', 'segment'],
    ['segment the nuclei, you needn\'t track them', 'track', 'segment'],
    ['segment them, the tracking isn\'t needed', 'track', 'segment'],
  ])('%s', (request, dropped, kept) => {
    const tools = toolsOf(request);
    expect(tools).not.toContain(dropped);
    expect(tools).toContain(kept);
  });
  it.each(['check whether they divide or not', 'is it bleaching or not', 'segment the ones that move, if not too slow'])('a question with "or not" is no step turned down: %s', (request) => {
    expect(splitClauses(request).some((c) => c.negated)).toBe(false);
  });
});

describe('"swap X for Y", "replace X with Y": X is turned down and Y, said in its place, runs', () => {
  it.each([
    ['segment the nuclei, but swap Otsu for triangle', 'triangle'],
    ['segment them and replace otsu with li', 'li'],
    ['segment, switching from otsu to triangle', 'triangle'],
  ])('%s', (request, method) => {
    expect(plan(request).steps.find((s) => s.tool === 'segment')?.args.method).toBe(method);
  });
});

describe('a clause naming only a value of a planned step\'s choice is that step\'s setting, never an errand', () => {
  it.each([
    ['temporal upsampling x2 by frame interpolation, linear blend rather than the network', 'interpolate_frames', 'method', 'linear'],
    ['denoise the movie, gaussian rather than nlmeans', 'denoise', 'method', 'gaussian'],
  ])('%s', (request, tool, arg, value) => {
    expect(plan(request).steps.find((s) => s.tool === tool)?.args[arg]).toBe(value);
    expect(said(request)).not.toMatch(/not something cellpilot does/);
  });
});

describe('chat shorthand: "em" for them, "dist" for distance; a "but with <setting> <n>" clause is the step before it', () => {
  const withTracks = [...movieAndLabels, { id: 'tracks-1', type: 'tracks' as const, producedBy: 'track' }];
  it.each(['track em again but w/ max dist 8', 'track them again, but with max distance 8', 'link em again w/ max dist 8'])('%s', (request) => {
    const p = plan(request, withTracks);
    expect(p.steps.map((s) => s.tool)).toEqual(['track']);
    expect(p.steps[0].args.maxLinkingDistancePx).toBe(8);
  });
  it('"em" inside a word or as a unit is kept', () => {
    expect(toolsOf('segment the nuclei in the emission channel')).toContain('segment');
  });
});
