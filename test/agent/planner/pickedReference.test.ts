// "it", "its", "that one" after an answer that picked one thing at an extreme is that thing.
import { describe, expect, it } from 'vitest';
import { pickedThing, withPickedThingNamed } from '../../../src/agent/planner/pickedReference.ts';
import { questionPartsOf } from '../../../src/agent/planner/tableAnswers.ts';

const farthest = 'Track 5 has the largest total distance travelled: 9.1 µm, of 8 tracks (from table-2).';

describe('the thing an answer picked', () => {
  it('is the track, object (in its frame) or frame at the extreme', () => {
    expect(pickedThing(farthest)).toBe('track 5');
    expect(pickedThing('Object 31 (frame 6) has the smallest area: 12 µm², of 90 objects (from table-1)')).toBe('object 31 in frame 6');
    expect(pickedThing('Frame 9 has the most objects: 14 (per frame 10 to 14; from segment)')).toBe('frame 9');
  });

  it('is none for a mean or a list', () => {
    expect(pickedThing('Mean speed = 0.4 µm/min ± 0.1 SD over 8 tracks (from table-2).')).toBeUndefined();
    expect(pickedThing(undefined)).toBeUndefined();
  });
});

describe('a pointer at the thing picked before', () => {
  it('is replaced by that thing', () => {
    expect(withPickedThingNamed('and how quickly did it move, in µm/h?', farthest)).toBe('and how quickly did track 5 move, in µm/h?');
    expect(withPickedThingNamed("what's its straightness?", farthest)).toBe("what's track 5's straightness?");
    expect(withPickedThingNamed('how long was that cell followed?', farthest)).toBe('how long was track 5 followed?');
    expect(withPickedThingNamed('how long is its trajectory?', farthest)).toBe('how long is track 5?');
  });

  it('leaves a question that names its own thing, picks its own, or an order', () => {
    expect(withPickedThingNamed('and how fast was track 3?', farthest)).toBe('and how fast was track 3?');
    expect(withPickedThingNamed('which cell is the dimmest and how big is it?', farthest)).toBe('which cell is the dimmest and how big is it?');
    expect(withPickedThingNamed('the slowest nucleus: what is its area?', farthest)).toBe('the slowest nucleus: what is its area?');
    expect(withPickedThingNamed('plot it over time', farthest)).toBe('plot it over time');
    expect(withPickedThingNamed('how fast was it?', 'Mean speed = 0.4 µm/min over 8 tracks (from table-2).')).toBe('how fast was it?');
  });
});

describe('a thing named first, then a question about it', () => {
  it('is a part that picks it and the question', () => {
    expect(questionPartsOf('the slowest nucleus: what is its mean area?')).toEqual(['which nucleus is the slowest?', 'what is its mean area?']);
  });
});
