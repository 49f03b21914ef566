// Analysis requests in people's own words (stop 31, helper E, tuning-analysis-people-20): the channel of the ask after
// facts about the channels, a method called loosely, a sentence of context that names a tool's words.
import { beforeAll, describe, expect, it } from 'vitest';
import type { KnownArtifact } from '../../../src/agent/planner/conversation.ts';
import { argsOf, loadAcquisitionWords, movie, movieAndLabels, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);
const tracked: KnownArtifact[] = [...movieAndLabels, { id: 'tracks-1', type: 'tracks', producedBy: 'track' }];

describe('people words 20', () => {
  it('takes the channel said with the verb over the channels of the facts before it', () => {
    expect(argsOf('Two channels: membrane marker in ch1, H2B in ch2. I only care about the nuclei, so segment channel 2 and track.', 'segment', [movie])).toMatchObject({ channel: 2 });
    expect(argsOf('The nuclei are in channel 2. Segment them.', 'segment', [movie])).toMatchObject({ channel: 2 });
  });
  it('reads "the neural net" as the segmentation model', () => {
    expect(argsOf('segment nuclei w/ the neural net pls', 'segment', [movie])).toMatchObject({ method: 'model' });
  });
  it('runs no step for a sentence that only describes the data or a result', () => {
    expect(toolsOf('Phase contrast movie of fibroblasts. Segment the cells and track them.', [movie])).toEqual(['segment', 'track']);
    expect(toolsOf('The tracking looks fine. Could you just plot the tracks?', tracked)).toEqual(['plot']);
    expect(toolsOf('Already segmented. Measure the GFP (channel 2) in each nucleus.', movieAndLabels)).not.toContain('segment');
  });
});

describe('a kymograph line said as a range on one axis (tools/project.ts)', () => {
  it('reads "along x from 0 to 100 at y = 40" and "along y from 10 to 90 at x = 30" as end points', () => {
    expect(argsOf('Kymograph along x from 0 to 100 at y = 40, for channel 2.', 'kymograph', [movie])).toMatchObject({ points: [[0, 40], [100, 40]] });
    expect(argsOf('kymograph along y from 10 to 90 at x = 30', 'kymograph', [movie])).toMatchObject({ points: [[30, 10], [30, 90]] });
  });
});

describe('people words 20, third batch', () => {
  it('reads "The tracks are there already" and "Masks look OK to me" as context', () => {
    expect(toolsOf('The tracks are there already. I need the MSD with a fit over the first 6 lags.', tracked)).toEqual(['measure']);
    expect(toolsOf('Masks look OK to me. Go ahead and track them, no gap closing.', movieAndLabels)).toEqual(['track']);
  });
  it('measures a quantity said "for each track" without tracking again', () => {
    expect(toolsOf('Net displacement for each track as a CSV, please.', tracked)).toEqual(['measure', 'export']);
  });
  it('keeps "on top of the MIP" after a comma with the drawing', () => {
    expect(toolsOf('Plot the tracks, coloured by their speed, on top of the MIP.', tracked)).toEqual(['plot']);
    expect(argsOf('Plot the tracks, coloured by their speed, on top of the MIP.', 'plot', tracked)).toMatchObject({ kind: 'projection', colorBy: 'speed' });
  });
  it('draws "... over time, as a CSV and as a plot please" as a time series', () => {
    expect(argsOf('Mean GFP intensity per cell over time - as a CSV and as a plot please.', 'plot', movieAndLabels)).toMatchObject({ kind: 'timeseries' });
  });
});
