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
