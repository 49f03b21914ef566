// The lead's user tries of stop 51, in fresh words, each a general mechanism.
import { beforeAll, describe, expect, it } from 'vitest';
import type { KnownArtifact } from '../../../src/agent/planner/conversation.ts';
import { loadAcquisitionWords, plan } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

const measured: KnownArtifact[] = [{ id: 'movie-1', type: 'movie' }, { id: 'labels-1', type: 'labels', producedBy: 'segment' }, { id: 'table-1', type: 'table', producedBy: 'measure' }];

describe('the count of the objects, the noun either side of "number"', () => {
  it.each(['ok now give me a plot of cell number versus time', 'can I see nucleus numbers through time as a graph', 'plot the number of the nuclei over time'])('%s', (request) => {
    const p = plan(request, measured);
    expect(p.steps.map((s) => s.tool)).toEqual(['plot']);
    expect(p.steps[0].args.feature).toBe('count');
  });
});

describe("a figure's own word after \"as\" is no file format of another tool", () => {
  it('"the speed as a graph" plots, writing no CSV', () => {
    expect(plan('the speed as a graph', measured).steps.map((s) => s.tool)).toEqual(['plot']);
  });
  it('"as a spreadsheet" still writes the table', () => {
    expect(plan('measure the areas as a spreadsheet', measured).steps.map((s) => s.tool)).toEqual(['measure', 'export']);
  });
});

describe('a step read from words that describe the sample is the same step asked later with its verb', () => {
  it('"... whole cell GFP ... segment the cells" segments once, with the described settings', () => {
    const p = plan('these are stem cells, whole cell GFP, 10 min between frames and 0.3 um pixels. segment the cells and track them please');
    expect(p.steps.map((s) => s.tool)).toEqual(['set_calibration', 'segment', 'track']);
    expect(p.steps[1].args).toMatchObject({ target: 'cells', channel: 'GFP' });
  });
});

describe('a sentence with no verb that says where the objects are is no step of its own', () => {
  it('"nuclei in the red channel. segment them" segments the red channel, cropping nothing', () => {
    const p = plan('nuclei in the red channel. segment them and count per frame');
    expect(p.steps.map((s) => s.tool)).toEqual(['segment']);
    expect(p.steps[0].args.channel).toBe('red');
  });
  it('"crop channel 2. then segment" still crops', () => {
    expect(plan('crop channel 2. then segment').steps.map((s) => s.tool)).toEqual(['crop', 'segment']);
  });
});

describe("the objects' channel said anywhere reaches the step added to find them", () => {
  it.each(['the nuclei are in the second channel, track them', 'the nuclei are in channel 2. track them'])('%s', (request) => {
    const p = plan(request);
    expect(p.steps.map((s) => s.tool)).toEqual(['segment', 'track']);
    expect(p.steps[0].args.channel).toBe(2);
  });
  it('a channel named by its place is never named as a method not applied', () => {
    for (const request of ['use the second channel and track the nuclei', 'nuclear marker is on the second channel, please track the nuclei']) {
      const p = plan(request);
      expect(p.steps[0].args.channel).toBe(2);
      expect((p.notes ?? []).join(' ')).not.toMatch(/Not applied/);
    }
  });
});

describe("a weak step of the telling step's own tool naming another value of it is a second step", () => {
  it('"show me the tracks, then plot the speed over time" draws both figures', () => {
    const plots = plan('show me the tracks, then plot the speed over time').steps.filter((s) => s.tool === 'plot');
    expect(plots.map((s) => s.args.kind)).toEqual(['tracks', 'timeseries']);
  });
});

describe('a size asked in an indirect question of what a step reports is how much of it', () => {
  it.each([
    'the stage wobbled during this recording, can you stabilise it and tell me how big the shifts were',
    "correct the drift, I'd like to know how big it was",
  ])('%s', (request) => {
    const p = plan(request);
    expect(p.steps.map((s) => s.tool)).toEqual(['correct_drift']);
    expect((p.notes ?? []).join(' ')).not.toMatch(/Not applied/);
  });
  it('"tell me how big the nuclei are" still measures them', () => {
    expect(plan('segment the nuclei and tell me how big they are').steps.map((s) => s.tool)).toEqual(['segment', 'measure']);
  });
});

describe('a wish to know is no setting of the step', () => {
  it("\"I'd like to know how much it drifted\" names nothing as not applied", () => {
    expect((plan("I'd like to know how much it drifted").notes ?? []).join(' ')).not.toMatch(/Not applied/);
  });
});

describe('a question set off by a spaced dash after the steps is asked of them', () => {
  it.each(['correct drift - tell me how big it was', 'please correct drift - I want to know how big it was'])('%s', (request) => {
    expect(plan(request).steps.map((s) => s.tool)).toEqual(['correct_drift']);
  });
});

describe('a label with no verb is no second step of the same tool', () => {
  it('"Step one: bleach correction. Step two: measure ..." corrects the bleaching first and measures once', () => {
    expect(plan('Step one: bleach correction. Step two: measure the intensity of every nucleus over time.').steps.map((s) => s.tool)).toEqual(['correct_bleach', 'segment', 'track', 'measure']);
  });
});
