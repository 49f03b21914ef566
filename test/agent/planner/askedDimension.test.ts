// The dimension a question asks its answer in, from its unit ("in microns") or, without one, from words that say a
// span of time ("how long do they live", "the lifetime of each track"): which of two columns "long" means.
import { describe, expect, it } from 'vitest';
import { askedDimension } from '../../../src/agent/planner/askedUnits.ts';

describe('a time asked in words', () => {
  it('is "how long" with a verb of lasting, or a span of time named', () => {
    for (const q of ['how long does each cell cycle last?', 'how long do the cells live on average?', 'how long did track 3 persist?', 'what is the lifetime of each track?', 'mean track duration?'])
      expect(askedDimension(q), q).toBe('time');
  });
  it('leaves "how long" of a thing to its unit or to nothing', () => {
    expect(askedDimension('how long is the longest track in microns?')).toBe('length');
    expect(askedDimension('how long are the tracks?')).toBeUndefined();
  });
});
