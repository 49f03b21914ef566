import { describe, expect, it } from 'vitest';
import { unitsSaidOnce } from '../../../src/agent/acquisitionLanguage/channelValues.ts';
import { DEMO_CONFIG } from '../../../src/microscope/config.ts';

describe('a unit said once for a list of channels (stop 37)', () => {
  it('is the unit of each bare number right after a channel', () => {
    expect(unitsSaidOnce('DAPI 50 ms, GFP 200, every 10 min for 6 h', DEMO_CONFIG)).toBe('DAPI 50 ms, GFP 200 ms, every 10 min for 6 h');
    expect(unitsSaidOnce('GFP 80 ms, mCherry 150', DEMO_CONFIG)).toBe('GFP 80 ms, mCherry 150 ms');
    expect(unitsSaidOnce('GFP 200 ms and Cy5 at 300, every 3 min', DEMO_CONFIG)).toBe('GFP 200 ms and Cy5 at 300 ms, every 3 min');
    expect(unitsSaidOnce('GFP 5%, Cy5 8', DEMO_CONFIG)).toBe('GFP 5%, Cy5 8%');
  });
  it('leaves the words alone with no unit, two units, or a number that is not the channel\'s', () => {
    for (const t of ['image GFP and mCherry every 5 min for 8 h', 'GFP 50 ms, DAPI 5%, mCherry 20', 'GFP 100 ms, DAPI 3 times', 'GFP 100 ms']) expect(unitsSaidOnce(t, DEMO_CONFIG)).toBe(t);
  });
});
