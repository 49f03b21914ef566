// Stop 42, helper C: a new user's analysis requests in Fiji/TrackMate words, chatty and several steps at once. A recording
// described beside analysis steps starts no acquisition; an "if so" said after its action; a value's words never read
// across a comma; colour by a measured property named as not done (no time-colour projection); a program's name that is
// the step's own word writes no file; a numbered list after "please do the following"; Fiji's Analyze Particles and Scale.
import { beforeAll, describe, expect, it } from 'vitest';
import { splitAtCondition } from '../../../src/agent/planner/conditionalSteps.ts';
import * as offline from './planOffline.ts';
import { catalogue, loadAcquisitionWords, movieAndLabels } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

const { plan, toolsOf, argsOf, said } = offline.asSaid;

describe('a recording described beside analysis steps', () => {
  it('starts no acquisition when the acquisition language reads only a channel and no time plan', () => {
    expect(toolsOf("Hi! So I've got a timelapse of HeLa H2B-GFP. I'd like to fix the drift first, then get rid of the bleaching, segment the nuclei, track them and finally get a CSV of the tracks for excel. Thanks!!"))
      .toEqual(['correct_drift', 'correct_bleach', 'segment', 'track', 'export']);
  });

  it('reads "I have a ... movie ... over 24h" as the recording told, not a command', () => {
    const tools = toolsOf('Hello! I have a 3-channel movie (DAPI, GFP, mCherry) of U2OS cells over 24h. Could you segment the nuclei in the DAPI channel and track them?');
    expect(tools).toEqual(['segment', 'track']);
    expect(argsOf('Hello! I have a 3-channel movie (DAPI, GFP, mCherry) of U2OS cells over 24h. Could you segment the nuclei in the DAPI channel and track them?', 'segment')).toMatchObject({ channel: 'DAPI' });
  });
});

describe('an "if so" said after its action', () => {
  it('splits the question, the action before "if so" and the steps asked whatever the answer', () => {
    expect(splitAtCondition('I think there might be some drift? correct it if so, then track the cells')).toEqual({ asked: 'I think there might be some drift?', action: 'correct it', after: 'track the cells' });
    expect(splitAtCondition('is there drift? if so, correct it')).toEqual({ asked: 'is there drift', action: 'correct it' });
  });

  it('plans the correction and the steps after it', () => {
    expect(toolsOf('I think there might be some drift? correct it if so, then track the cells')).toEqual(['correct_drift', 'segment', 'track']);
  });
});

describe('words read as one value only within a clause', () => {
  it('keeps the method named when a value\'s two words fall either side of a comma', () => {
    expect(argsOf('mean projection of channel 2 over time, colour LUT fire', 'project')).toMatchObject({ method: 'mean' });
    expect(argsOf('time-colour projection', 'project')).toMatchObject({ method: 'temporal_color' });
  });
});

describe('colour by a measured property', () => {
  it('makes no time-colour projection and says what was not done', () => {
    const p = plan('colour-code the nuclei by their area', movieAndLabels);
    expect(p.steps).toEqual([]);
    expect(p.reply).toMatch(/No tool colours objects by their area/);
  });

  it('runs the other steps asked, with the line', () => {
    expect(toolsOf('colour-code the nuclei by their area, then track them', movieAndLabels)).toEqual(['track']);
    expect(said('colour-code the nuclei by their area, then track them', movieAndLabels)).toMatch(/No tool colours objects by their area/);
    expect(said('segment the cells and colour them by size')).toMatch(/No tool colours objects by their size/);
  });

  it('leaves colour by time and tracks coloured by a feature as they were', () => {
    expect(argsOf('max projection coloured by time', 'project')).toMatchObject({ method: 'temporal_color' });
    expect(argsOf('plot the tracks coloured by speed', 'plot')).toMatchObject({ colorBy: 'speed' });
    expect(said('plot the tracks coloured by speed')).not.toMatch(/No tool colours/);
  });
});

describe('Fiji and TrackMate words', () => {
  it('reads TrackMate said as the step as the tracking, no TrackMate file', () => {
    expect(toolsOf('StackReg then TrackMate with the LoG detector')).toEqual(['correct_drift', 'segment', 'track']);
    expect(argsOf('trackmate of the tracks', 'export')).toEqual({});
  });

  it('reads Analyze Particles as measuring the objects found', () => {
    expect(toolsOf('rolling-ball background subtraction (50 px), then Analyze Particles')).toEqual(['subtract_background', 'segment', 'measure']);
  });

  it('reads Scale up 2x with bicubic interpolation as super_resolve, never a calibration', () => {
    expect(argsOf('Scale x2 with bicubic interpolation', 'super_resolve')).toMatchObject({ method: 'bicubic' });
    expect(toolsOf('scale it up 2x')).toEqual(['super_resolve']);
    expect(toolsOf('the scale is 0.5 um per pixel')).toEqual(['set_calibration']);
  });

  it('reads a numbered list after "please do the following" in its order', () => {
    expect(toolsOf('Please do the following: 1) subtract background 2) segment nuclei 3) track 4) export to trackmate')).toEqual(['subtract_background', 'segment', 'track', 'export']);
  });
});

describe('hedges, pronouns and asides', () => {
  it('reads a step suggested with "maybe ...?" as asked, not as a question about the data', () => {
    expect(toolsOf("the background's a bit uneven - maybe subtract it with a 40 px ball?")).toEqual(['subtract_background']);
    expect(argsOf("the background's a bit uneven - maybe subtract it with a 40 px ball?", 'subtract_background')).toMatchObject({ radiusPx: 40 });
    expect(toolsOf('perhaps denoise it first?')).toEqual(['denoise']);
  });

  it('reads "it" after a fault told as that fault, for the fault\'s own verbs too', () => {
    expect(toolsOf('the background is uneven, subtract it with a 40 px ball')).toEqual(['subtract_background']);
    expect(toolsOf('the illumination is really uneven, flatten it and then segment the nuclei')).toEqual(['subtract_background', 'segment']);
  });

  it('keeps the order of steps around an aside between dashes', () => {
    expect(toolsOf('denoise and then - if it looks ok - segment')).toEqual(['denoise', 'segment']);
    expect(argsOf('segment frames 5 - 10 - and track', 'segment')).toMatchObject({ frames: { first: 5, last: 10 } });
  });
});

describe('figures plot does not draw', () => {
  it('draws a histogram for a box or violin plot, and says so', () => {
    expect(argsOf('a box plot of the cell areas', 'plot')).toMatchObject({ kind: 'histogram' });
    expect(said('a box plot of the cell areas')).toMatch(/A box plot is not drawn here/);
    expect(said('Can you give me both a histogram and a boxplot of cell areas?')).toMatch(/A box plot is not drawn here/);
    expect(said('violin plot of speeds')).toMatch(/A violin plot is not drawn here/);
  });
});

describe('an operation we lack, asked politely', () => {
  it('names the verb no tool\'s words know after "could you please"', () => {
    expect(plan('could you please deconvolve the stack').reply).toMatch(/I have no tool to deconvolve/);
    expect(toolsOf('hey so I think my images have a really uneven background?? could you take that out first, and once that\'s done find the nuclei')).toEqual(['subtract_background', 'segment']);
  });

  it('names what a verb of any analysis is of', () => {
    expect(plan('analyse the colocalisation of GFP and RFP').reply).toMatch(/I have no tool for the colocalisation/);
  });
});

describe('frames left out when the movie\'s length is not known', () => {
  it('never runs on the frames said to be dropped', () => {
    for (const request of ['drop the first 3 frames then segment', 'remove the first 3 frames and then segment', 'segment all but the first 3 frames']) {
      expect(argsOf(request, 'segment').frames).toBeUndefined();
      expect(said(request)).toMatch(/Not applied: ".*first 3 frames"/);
    }
    expect(argsOf('segment the first 3 frames', 'segment')).toMatchObject({ frames: { first: 1, last: 3 } });
  });
});

describe('an image asked to be written as labels', () => {
  it('segments first and says why', () => {
    expect(toolsOf('export the raw movie as a label image')).toEqual(['segment', 'export']);
    expect(said('export the raw movie as a label image')).toMatch(/not a label image/);
    expect(argsOf('save the original stack as masks for qupath', 'export')).toMatchObject({ format: 'geojson' });
  });
});
