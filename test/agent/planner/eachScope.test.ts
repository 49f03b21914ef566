// A clause that only says "for each X" / "per X" is how the step before reports, no step of its own (brief s24/W, item 5).
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAcquisitionWords, toolsOf } from './planOffline.ts';

beforeAll(async () => {
  await loadAcquisitionWords();
});

describe('a distributive scope after a step', () => {
  it('tracks once when the scope names the tracks', () => {
    expect(toolsOf('work out the velocity, for each track, in microns')).toEqual(['segment', 'track', 'measure']);
    expect(toolsOf('analyse the cell motility - persistence - per track')).toEqual(['segment', 'track', 'measure']);
  });

  it('still runs a step said after the scope', () => {
    expect(toolsOf('follow the nuclei, for each nucleus plot the speed')).toContain('plot');
  });
});
