// Requests in the shapes of brief R, stop 19 (issue 11): what a verb leaves out or switches off ("ignore dividing cells",
// "ignore divisions", "turn off splitting") is never looked for, and no step is added for it; someone's own thing in
// everyday words with a word from elsewhere is out of scope ("plot my running times for the marathon"); a value of a
// choice turned down never runs ("no gaussian please"); a length alone in a list of settings is the tool's main length
// ("tracking: LAP, 12 px"); thanks for the help ask for no help.
import { beforeAll, describe, expect, it } from 'vitest';
import { leftOutSpans } from '../../../src/agent/planner/clauses.ts';
import { statedNumbers } from '../../../src/agent/planner/arguments.ts';
import type { KnownArtifact } from '../../../src/agent/planner/conversation.ts';
import { argsOf, catalogue, loadAcquisitionWords, movieAndLabels, plan, said, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);
const labels = movieAndLabels;

describe('what a verb leaves out or switches off', () => {
  it('reads the few words after the verb, up to a word that ends them', () => {
    expect(leftOutSpans('ignore cells that divide and track the rest').map((s) => s.text)).toEqual(['cells that divide']);
    expect(leftOutSpans('ignore mitoses when tracking').map((s) => s.text)).toEqual(['mitoses']);
    expect(leftOutSpans('so turn off splitting').map((s) => s.text)).toEqual(['splitting']);
  });

  it('turns splitting off for "ignore dividing cells", never on', () => {
    expect(argsOf('track the nuclei, ignore dividing cells', 'track').allowSplitting).toBe(false);
    expect(argsOf('track the cells and ignore dividing cells', 'track', labels).allowSplitting).toBe(false);
    expect(argsOf('ignore cells that divide and track the rest', 'track', labels).allowSplitting).toBe(false);
    expect(said('track the cells and ignore dividing cells', labels)).toMatch(/Turned off.*allowSplitting/);
  });

  it('adds no division detection for "ignore divisions" and says it is not run', () => {
    expect(toolsOf('track, ignore divisions', labels)).toEqual(['track']);
    expect(argsOf('track, ignore divisions', 'track', labels).allowSplitting).toBe(false);
    expect(toolsOf('ignore mitoses when tracking', labels)).toEqual(['track']);
    expect(toolsOf('track the nuclei; divisions are rare, so turn off splitting', labels)).toEqual(['track']);
    expect(argsOf('track the nuclei; divisions are rare, so turn off splitting', 'track', labels).allowSplitting).toBe(false);
  });

  it('still reads things found left out as a filter, and divisions asked for as on', () => {
    expect(argsOf('ignore nuclei smaller than 30 px', 'segment').minAreaPx).toBe(30);
    expect(argsOf('count the nuclei, but ignore any that are cut off by the image edge', 'segment').excludeBorder).toBe(true);
    expect(argsOf('track the nuclei with divisions', 'track', labels).allowSplitting).toBe(true);
  });
});

describe('someone\'s own thing from elsewhere', () => {
  it('runs nothing for "plot my running times for the marathon"', () => {
    expect(toolsOf('plot my running times for the marathon')).toEqual([]);
    expect(plan('plot my running times for the marathon').reply).toMatch(/outside what I do/);
    expect(toolsOf('measure the speed of my car on the motorway')).toEqual([]);
  });

  it('still runs what is asked of one\'s own data or cells', () => {
    expect(toolsOf('plot my tracks for the paper', [...labels, { id: 'tracks-1', type: 'tracks', producedBy: 'track' }])).toContain('plot');
    expect(toolsOf('measure the speed of my cells on the coverslip')).toContain('measure');
  });
});

describe('a value turned down', () => {
  it('denoises with a method other than the one turned down, and says which', () => {
    expect(toolsOf('denoise the movie; no gaussian please')).toEqual(['denoise']);
    expect(argsOf('denoise the movie; no gaussian please', 'denoise').method).not.toBe('gaussian');
    expect(said('denoise the movie; no gaussian please')).toMatch(/Not gaussian, as you asked/);
    expect(argsOf('denoise but not with n2v', 'denoise').method).not.toBe('n2v');
  });

  it('never runs a default that stands for the value turned down (segment\'s auto is Otsu)', () => {
    expect(argsOf('segment the nuclei, no otsu', 'segment').method).not.toMatch(/^(?:otsu|auto)$/);
    expect(argsOf('segment the nuclei; don\'t use otsu', 'segment').method).not.toMatch(/^(?:otsu|auto)$/);
    expect(argsOf('segment with li instead of otsu', 'segment').method).toBe('li');
  });
});

describe('a length alone in a list of settings', () => {
  it('is the linking distance of "tracking: LAP, 12 px"', () => {
    expect(argsOf('tracking: LAP, 12 px', 'track', labels).maxLinkingDistancePx).toBe(12);
    expect(said('tracking: LAP, 12 px', labels)).not.toMatch(/Not applied/);
  });

  it("leaves a tool's own reading of the number be ('a demo movie, 128 px' is its size, not its drift)", () => {
    const args = argsOf('make a demo movie, 128 px, 20 frames', 'simulate_movie', []);
    expect(args).toMatchObject({ width: 128, height: 128, frames: 20 });
    expect(args.driftPx).toBeUndefined();
  });

  it('is the first argument in its unit, never an area, and only with no words of its own', () => {
    expect(statedNumbers('segment', 'segment: li, 8 px', catalogue)).toEqual({ objectRadiusPx: 8 });
    expect(statedNumbers('denoise', 'denoise: gaussian, 2 px', catalogue)).toEqual({ sigmaPx: 2 });
    expect(statedNumbers('track', 'track, max gap 3 frames', catalogue)).toEqual({ maxFrameGap: 3 });
  });
});

describe('thanks', () => {
  it('ask for no help', () => {
    expect(toolsOf('segment the nuclei. Thanks for the help')).toEqual(['segment']);
    expect(toolsOf('Could you track the nuclei? Thank you so much for your help.')).toEqual(['segment', 'track']);
    expect(toolsOf('Segment the nuclei. Much appreciated!')).toEqual(['segment']);
  });

  it('leave a request for help a request', () => {
    expect(toolsOf('help')).toEqual(['help']);
    expect(toolsOf('I\'d appreciate help choosing a segmentation method')).toEqual(['help']);
  });
});

describe('methods paragraphs and words of order', () => {
  it('asks no microscope step in a sentence of the past passive, and gives the calibration step every value told', () => {
    const request = 'Time-lapse movies (5 min interval, 0.32 µm/px) were denoised with non-local means prior to segmentation.';
    expect(toolsOf(request)).toEqual(['set_calibration', 'denoise', 'segment']);
    expect(argsOf(request, 'set_calibration')).toMatchObject({ frameIntervalS: 300, pixelSizeUm: 0.32 });
    expect(toolsOf('Cells were tracked over 48 h (n = 4 independent experiments) and divisions were scored.')).toEqual(['segment', 'track', 'detect_divisions']);
  });

  it('reads "start by" and "end with" as order, never as an acquisition to start or stop', () => {
    expect(toolsOf('start by registering the frames, next denoise them, and end with a max projection')).toEqual(['correct_drift', 'denoise', 'project']);
    expect(toolsOf('track them, but start by correcting the drift')).toEqual(['correct_drift', 'segment', 'track']);
  });
});

describe('a turned-down value or argument in a clause of its own', () => {
  it('leaves the step asked with another value', () => {
    expect(argsOf('Please don\'t use the U-Net, just threshold the nuclei with triangle', 'segment').method).toBe('triangle');
    expect(argsOf('segment with li; skip the watershed', 'segment')).toMatchObject({ method: 'li', splitTouching: false });
  });

  it('still excludes a step named by its own words', () => {
    expect(toolsOf('segment and measure, no tracking')).toEqual(['segment', 'measure']);
    expect(toolsOf('please track them but disregard any divisions', labels)).toEqual(['track']);
  });
});

describe('settings people write around a step', () => {
  it('gives the tracker a search radius said after its name, never a simulated nucleus radius', () => {
    expect(toolsOf('LAP tracker, search radius 9 px, gap 2', labels)).toEqual(['track']);
    expect(argsOf('LAP tracker, search radius 9 px, gap 2', 'track', labels)).toMatchObject({ maxLinkingDistancePx: 9, maxFrameGap: 2 });
  });

  it('reads a least size said with the verb that leaves the small ones out, for a segmentation added for the measuring', () => {
    expect(argsOf('measure the nuclei but leave out the tiny ones under 15 px', 'segment')).toMatchObject({ minAreaPx: 15 });
  });

  it('reads frames said by their time index', () => {
    expect(argsOf('track only between t=5 and t=30', 'segment').frames).toEqual({ first: 5, last: 30 });
    expect(argsOf('segment t5-t30', 'segment').frames).toEqual({ first: 5, last: 30 });
  });

  it('reads "ch2" as channel 2 and no date label as a setting', () => {
    expect(argsOf('segment ch2', 'segment').channel).toBe(2);
    expect(argsOf('denoise ch 3 with gaussian', 'denoise').channel).toBe(3);
    expect(argsOf('the drift in the Dec-2 movie is horrible, correct it', 'correct_drift').maxDriftPx).toBeUndefined();
  });

  it('makes the measurements a request names for its export, not the masks made just before', () => {
    const request = 'Could you correct the drift, segment the nuclei with Li and send me the areas as a csv?';
    expect(toolsOf(request)).toEqual(['correct_drift', 'segment', 'measure', 'export']);
  });

  it('summarises in British spelling, and names a method whose name opens with a word of ours', () => {
    const table = [...labels, { id: 'table-1', type: 'table' as const, producedBy: 'measure' }];
    expect(argsOf('I\'d like to summarise each cell\'s time series and then cluster them', 'analyze_timeseries', table).analysis).toBe('summary');
    expect(said('segment with Mask R-CNN')).toMatch(/Mask R-CNN/);
  });

  it('reads a plural in -ies as its singular', () => {
    expect(toolsOf('plot my GFP intensities for the grant', [...labels, { id: 'table-1', type: 'table', producedBy: 'measure' }])).toContain('plot');
  });
});

describe('things left out that are a setting of the step', () => {
  it('turns divisions off for "disregard mitotic events" (a setting that is that thing, on by default)', () => {
    expect(argsOf('link the nuclei over time, and please disregard mitotic events', 'track', labels).allowSplitting).toBe(false);
    expect(argsOf('track the nuclei with divisions, no gap closing', 'track', labels)).toMatchObject({ allowSplitting: true, allowGapClosing: false });
  });

  it('never reads the frames left out after "all frames" as the frames to use', () => {
    expect(argsOf('project all frames except 1-5', 'project').frames).toBeUndefined();
    expect(said('project all frames except 1-5')).toMatch(/Not applied: "(?:all frames )?except 1-5" — I do not know how many frames/);
    expect(argsOf('project frames 1-5', 'project').frames).toEqual({ first: 1, last: 5 });
  });
});

describe('a value turned down in another step\'s words', () => {
  it('is that step\'s when its tool has the value, and no other step\'s', () => {
    expect(argsOf('segment the cells not the nuclei, and measure their area', 'measure').kind ?? 'objects').toBe('objects');
    expect(argsOf('segment and track but do not use otsu', 'segment').method).toBe('li');
  });
});

describe('a table named by the step that made it', () => {
  const drifted: KnownArtifact[] = [
    { id: 'movie-1', type: 'movie' },
    { id: 'movie-2', type: 'movie', producedBy: 'correct_drift' },
    { id: 'table-1', type: 'table', producedBy: 'correct_drift' },
  ];

  it("exports that table ('export the drift table as csv' measured nothing new)", () => {
    const p = plan('export the drift table as csv', drifted);
    expect(p.steps.map((s) => s.tool)).toEqual(['export']);
    expect(p.steps[0].args.table).toMatchObject({ mode: 'producer', producers: ['correct_drift'] });
  });

  it('still measures for a table of measurements no step has made', () => {
    expect(toolsOf('export the measurements as csv', drifted)).toEqual(['segment', 'measure', 'export']);
  });
});
