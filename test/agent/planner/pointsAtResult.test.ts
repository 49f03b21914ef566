// "... and plot it": a step said only as a verb on the result before is described by the earlier step's words, as the
// tool's own reader reads them (planner.ts valuesFromEarlierWords): the quantity asked about is the one plotted. "how many
// nuclei per frame, and plot it" had plotted the area; "measure their intensity and plot it" the default feature.
import { beforeAll, describe, expect, it } from 'vitest';
import { argsOf, loadAcquisitionWords } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('a plot of "it"', () => {
  it('plots the count asked about, over time', () => {
    expect(argsOf('how many nuclei per frame, and plot it', 'plot')).toMatchObject({ feature: 'count', kind: 'timeseries' });
    expect(argsOf('count the nuclei in each frame and plot that', 'plot')).toMatchObject({ feature: 'count', kind: 'timeseries' });
  });

  it('plots the quantity measured', () => {
    expect(argsOf('measure the area over time and plot it', 'plot')).toMatchObject({ feature: 'area_px', kind: 'timeseries' });
    expect(argsOf('segment the nuclei, measure their intensity and plot it', 'plot')).toMatchObject({ feature: 'mean_intensity_c1' });
  });

  it('takes no number said for the earlier step', () => {
    expect(argsOf('segment frame 10 with seeds 6 px apart and plot it', 'plot').frame).toBeUndefined();
  });
});
