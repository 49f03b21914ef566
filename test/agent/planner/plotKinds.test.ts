// A frame named by its number is a picture of that frame, never a time series: 'per frame' among the time
// series' words made "show frame 20 with the label outlines" measure and draw a time series after the stop-21 merge.
import { beforeAll, describe, expect, it } from 'vitest';
import { argsOf, loadAcquisitionWords, movieAndLabels, plan } from './planOffline.ts';

beforeAll(loadAcquisitionWords);
const kinds = (request: string) => plan(request, movieAndLabels).steps.map((s) => [s.tool, s.args.kind]);

describe('plot kinds said with frames', () => {
  it('a numbered frame with outlines is kind frame; a quantity per or against frames a time series', () => {
    expect(kinds('show frame 20 with the label outlines')).toEqual([['plot', 'frame']]);
    expect(kinds('plot the count per frame').at(-1)).toEqual(['plot', 'timeseries']);
    expect(kinds('plot area vs frame').at(-1)).toEqual(['plot', 'timeseries']);
  });
});

describe('a plot of "it"', () => {
  it('draws the quantity named last before it ("measure circularity, then a histogram of it")', () => {
    const steps = plan('measure circularity and then show a histogram of it', movieAndLabels).steps;
    expect(steps.at(-1)).toMatchObject({ tool: 'plot', args: { kind: 'histogram', feature: 'circularity' } });
    expect(plan('measure the area then the eccentricity, and plot them as a histogram', movieAndLabels).steps.at(-1)?.args.feature).toBe('eccentricity');
    // a feature the plot clause names itself wins
    expect(plan('measure circularity, then plot a histogram of the area', movieAndLabels).steps.at(-1)?.args.feature).toBe('area_px');
  });
});

describe('plot words said of what came before (stop 31, helper E)', () => {
  const args = argsOf;
  const open = [{ id: 'movie-1', type: 'movie' }, { id: 'labels-1', type: 'labels', producedBy: 'segment' }, { id: 'tracks-1', type: 'tracks', producedBy: 'track' }] as const;
  it('plots the quantity named before "... and as a figure"', () => {
    expect(args('give me the track speeds as CSV and as a figure', 'plot', [...open])).toMatchObject({ feature: 'speed' });
  });
  it('draws an embedding just made as a scatter', () => {
    expect(args('cluster the cells with UMAP and plot the result', 'plot', [...open])).toMatchObject({ kind: 'scatter' });
  });
  it('colours paths on a projection by the feature said after a comma', () => {
    expect(args('a figure of the trajectories on top of the max projection, coloured by speed', 'plot', [...open])).toMatchObject({ kind: 'projection', colorBy: 'speed' });
  });
});
