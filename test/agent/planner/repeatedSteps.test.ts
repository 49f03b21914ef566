import { beforeAll, describe, expect, it } from 'vitest';
import { loadAcquisitionWords, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('a step planned twice with the same settings on the same input', () => {
  it('runs once', () => {
    expect(toolsOf('tell me whether these cells migrate in a particular direction. Could you follow them over time and plot their trajectories?')).toEqual(['segment', 'track', 'measure', 'plot']);
  });

  it('runs again when a step in between made its input anew', () => {
    expect(toolsOf('measure the areas, then correct drift and measure again')).toEqual(['segment', 'measure', 'correct_drift', 'measure']);
  });
});
