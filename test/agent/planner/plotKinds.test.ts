// A frame named by its number is a picture of that frame, never a time series: 'per frame' among the time
// series' words made "show frame 20 with the label outlines" measure and draw a time series after the stop-21 merge.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAcquisitionWords, movieAndLabels, plan } from './planOffline.ts';

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
