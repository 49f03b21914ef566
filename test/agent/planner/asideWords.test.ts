// "btw", "by the way" say a question is an aside, no word of it (normalise.ts, withoutInterjection): "how many tracks are
// there btw?" segmented the movie again.
import { describe, expect, it } from 'vitest';
import { withoutInterjection } from '../../../src/agent/planner/normalise.ts';

describe('an aside word around a question', () => {
  it('is left out', () => {
    expect(withoutInterjection('export the tracks as CSV - and how many tracks are there btw?')).toBe('export the tracks as CSV - and how many tracks are there?');
    expect(withoutInterjection('by the way, what is the mean area?')).toBe('what is the mean area?');
    expect(withoutInterjection('segment them. Btw how many are there?')).toBe('segment them. how many are there?');
  });
  it('leaves a word that only contains it', () => {
    expect(withoutInterjection('measure the way they move')).toBe('measure the way they move');
  });
});
