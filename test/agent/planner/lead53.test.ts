// The lead's fixes of stop 53 (issue 11): what a simulation is asked to show is set at a value that shows it.
import { beforeAll, describe, expect, it } from 'vitest';
import { argsOf, loadAcquisitionWords } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('a simulation asked for dividing nuclei', () => {
  it('sets a division rate that shows divisions, unless told otherwise', () => {
    const defaultRate = 0.005;
    expect(argsOf('simulate a movie with 20 dividing nuclei', 'simulate_movie', []).divisionRate).toBeGreaterThan(defaultRate);
    expect(argsOf('make a synthetic movie of 10 nuclei, some of them dividing', 'simulate_movie', []).divisionRate).toBeGreaterThan(defaultRate);
    expect(argsOf('simulate nuclei that do not divide', 'simulate_movie', []).divisionRate).toBe(0);
    expect(argsOf('simulate a movie with a division rate of 0.05', 'simulate_movie', []).divisionRate).toBe(0.05);
    expect(argsOf('simulate a movie with drift', 'simulate_movie', []).divisionRate).toBeUndefined();
  });
});
