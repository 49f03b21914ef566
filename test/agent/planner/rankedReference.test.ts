// "the 3rd one" after a listed answer is the thing at that place of the list.
import { describe, expect, it } from 'vitest';
import { withRankedThingNamed } from '../../../src/agent/planner/rankedReference.ts';

const ranked = 'The 3 tracks with the largest mean speed: track 4: 0.9 µm/min, track 2: 0.7 µm/min, track 5: 0.4 µm/min, of 5 tracks (from table-2).';

describe('a place in the list before', () => {
  it('is the thing at that place', () => {
    expect(withRankedThingNamed('how long is the second one, in frames?', ranked)).toBe('how long is track 2, in frames?');
    expect(withRankedThingNamed("and the 3rd one, what's its mean speed?", ranked)).toBe("and track 5, what's its mean speed?");
    expect(withRankedThingNamed('distance of number 1 on the list?', ranked)).toBe('distance of track 4?');
    expect(withRankedThingNamed('what about the first one?', 'The 2 largest: object 12 (frame 3): 40 µm², object 7 (frame 3): 38 µm² (from table-1)')).toBe('what about object 12?');
  });

  it('leaves a place that names a frame, a half or another ranking, and one past the list', () => {
    for (const q of ['what about the first frame?', 'and in the second half?', 'the second fastest track?', 'and the 5th one?']) expect(withRankedThingNamed(q, ranked), q).toBe(q);
  });

  it('leaves the question when the answer before lists nothing', () => {
    expect(withRankedThingNamed('and the second one?', 'Mean speed = 0.8 µm/min over 5 tracks (from table-2).')).toBe('and the second one?');
    expect(withRankedThingNamed('and the second one?', undefined)).toBe('and the second one?');
  });
});
