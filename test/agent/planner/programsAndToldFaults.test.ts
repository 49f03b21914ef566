// Stop 41, helper C: a program named as where the files go chooses the export format from export's own declaration
// (opensIn); a fault told as a complaint beside a request is put right first; a time scope alone names no projection;
// a verb of putting right turned down takes the correction back; a result wished for is a step of its own.
import { beforeAll, describe, expect, it } from 'vitest';
import { frameScopeSaid } from '../../../src/agent/planner/frameScope.ts';
import { normalisedRequest } from '../../../src/agent/planner/normalise.ts';
import * as offline from './planOffline.ts';
import { catalogue, loadAcquisitionWords, movieAndLabels } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

const { plan, toolsOf, argsOf, said } = offline.asSaid;

describe('a program named as where the files go', () => {
  it('writes what the step before makes in the format that program opens', () => {
    expect(argsOf('segment the nuclei, they need to go into QuPath', 'export')).toMatchObject({ format: 'geojson' });
    expect(argsOf('outline the cells and save them for qupath', 'export')).toMatchObject({ format: 'geojson' });
    expect(argsOf('segment the nuclei, I want to look at the masks in napari', 'export')).toMatchObject({ format: 'tiff' });
    expect(argsOf('track the cells so I can open them in Fiji', 'export')).toMatchObject({ format: 'trackmate' });
    expect(argsOf('save the segmentation for QuPath', 'export', movieAndLabels)).toMatchObject({ format: 'geojson' });
    expect(argsOf('give me the nuclei as QuPath annotations', 'export')).toMatchObject({ format: 'geojson', objectType: 'annotation' });
  });

  it('reads a program of one letter only after a word of place ("in R")', () => {
    expect(toolsOf('segment and measure the intensities, I\'ll do the stats in R')).toEqual(['segment', 'measure', 'export']);
    expect(argsOf('segment and measure the intensities, I\'ll do the stats in R', 'export')).toMatchObject({ format: 'csv' });
    expect(toolsOf('segment channel R')).not.toContain('export');
  });

  it('keeps a format said by its own name, and a program said as a comparison or a method', () => {
    expect(argsOf('write the masks as a TIFF I can open in QuPath', 'export', movieAndLabels)).toMatchObject({ format: 'tiff' });
    expect(toolsOf('track them with trackmate')).not.toContain('export');
    expect(toolsOf('segment like in Fiji')).not.toContain('export');
  });
});

describe('a fault told as a complaint beside a request', () => {
  const normal = (text: string) => normalisedRequest(text, catalogue);
  it('is put right first', () => {
    expect(toolsOf('the image is really grainy; count the cells')).toEqual(['denoise', 'segment']);
    expect(toolsOf('the cells keep jumping around between frames, I need them tracked')).toEqual(['correct_drift', 'segment', 'track']);
    expect(toolsOf("there's a bright haze in the background that messes up the segmentation")).toEqual(['subtract_background', 'segment']);
    expect(toolsOf('the signal fades towards the end, so measure the intensities properly').slice(0, 1)).toEqual(['correct_bleach']);
  });

  it('is left alone when said small, left alone, asked about, a reason, or alone', () => {
    for (const text of ['the signal fades over time. Can you measure by how much?', 'the cells bleach fast, lower the laser power to 5%', 'the signal is fading; increase the exposure to 200 ms', 'the drift is minor, just track', 'is there drift? track the cells', 'the movie is noisy but fine, segment it', 'my cells bleach quickly so I imaged every 10 min; track them', 'the image is noisy', 'the nuclei are too dim to see, make me a picture']) expect(normal(text), text).toBe(text);
    // (a fault asked to be put right already is put right once)
    expect(normal('the stage drifted a lot; fix it and track')).toBe('the stage drifted a lot; fix the drift and track');
  });

  it('takes the correction back where its verb is turned down', () => {
    const p = plan("there's quite a bit of bleaching but don't correct it, just measure the intensity");
    expect(p.steps.map((s) => s.tool)).toEqual(['segment', 'measure']);
    expect(said("there's quite a bit of bleaching but don't correct it, just measure the intensity")).toMatch(/correct_bleach/);
  });
});

describe('a time scope and a wished result', () => {
  it('reads a quantity followed over time as its measurement, never a projection', () => {
    expect(toolsOf('analyse the nuclear intensity over time')).toEqual(['segment', 'measure']);
    expect(toolsOf('normalise the photobleaching, then analyse the nuclear signal over time')).toEqual(['correct_bleach', 'segment', 'measure']);
    expect(toolsOf('make an average over time')).toEqual(['project']);
    expect(toolsOf('the goal is to follow each nucleus through the whole movie')).toEqual(['segment', 'track']);
  });

  it('plans a result wished for after another step', () => {
    expect(toolsOf('photobleaching is strong in this one, I want the nuclear intensity per frame')).toEqual(['correct_bleach', 'segment', 'measure']);
  });

  it('reads "apart" alone as no calibration', () => {
    expect(toolsOf("segment the nuclei, I can't tell them apart when they touch")).toEqual(['segment']);
    expect(argsOf('frames are 30 s apart, track the cells', 'set_calibration')).toMatchObject({ frameIntervalS: 30 });
  });
});

describe('words of time, particles and method names', () => {
  it('reads "straight away" as no word from elsewhere', () => {
    expect(toolsOf('segment straight away please')).toEqual(['segment']);
    expect(toolsOf("I don't want denoising, segment straight away")).toEqual(['segment']);
  });

  it('reads a particle that is a word of its own between a verb of putting right and the fault', () => {
    expect(toolsOf('take away the background then segment')).toEqual(['subtract_background', 'segment']);
  });

  it('reads "the middle z slice" as no region of the field', () => {
    expect(toolsOf('segment just the middle z slice')).toEqual(['segment']);
    expect(toolsOf('segment only the middle of the image')).toEqual(['crop', 'segment']);
  });

  it('reads both ends of the movie left out, and the middle frame', () => {
    expect(frameScopeSaid('segment the cells but ignore the first and last frames', 40)).toMatchObject({ range: { first: 2, last: 39 } });
    expect(frameScopeSaid('skip the first 2 and the last 3 frames, then track', 40)).toMatchObject({ range: { first: 3, last: 37 } });
    expect(frameScopeSaid('segment the nuclei in the middle frame only', 40)).toMatchObject({ range: { first: 20, last: 20 } });
    // (the movie's length unknown: named, never dropped)
    expect(said('segment the cells but ignore the first and last frames')).toMatch(/ignore the first and last frames/);
  });

  it('reads a channel said by its colour', () => {
    expect(argsOf('segment nuclei in the red channel', 'segment')).toMatchObject({ channel: 'red' });
    expect(argsOf('measure intensity in the far red channel', 'measure')).toMatchObject({ channel: 'far-red' });
  });

  it('names Weka as not available where it is asked for', () => {
    expect(said('Weka please, then measure')).toMatch(/Weka/);
  });
});
