// Parts of a request that only tell (brief s55/K), in words of no eval file.
import { describe, expect, it } from 'vitest';
import { toldParts, withoutToldParts } from '../../../src/agent/planner/toldParts.ts';

const told = (text: string) => toldParts(text).map((p) => text.slice(p.start, p.end));

describe('told parts', () => {
  it('reads narration in the past, a reason and a purpose as told', () => {
    expect(told('track the spots, we rinsed twice with PBS before filming')).toEqual(['we rinsed twice with PBS before filming']);
    expect(told('The dish was kept at 30 degrees. Count the blobs.')).toEqual(['The dish was kept at 30 degrees']);
    expect(told('since the plate was cold, count the blobs')).toEqual(['since the plate was cold']);
    expect(told('count the blobs so that we can show it at the retreat')).toEqual(['so that we can show it at the retreat']);
  });

  it('never reads an ask, a selection or a moment of the movie as told', () => {
    expect(told('count the blobs, could you also plot them')).toEqual([]);
    expect(told('the blobs labelled with Hoechst, count them')).toEqual([]);
    expect(told('the toxin was added at frame 8, count the blobs after that')).toEqual([]);
  });

  it('keeps positions when it blanks them', () => {
    const text = 'count the blobs, we rinsed twice';
    expect(withoutToldParts(text)).toHaveLength(text.length);
    expect(withoutToldParts(text)).toMatch(/^count the blobs,\s+$/);
  });
});
