// A change asked of each cell between the start and the end is each track's own first and last frame.
import { describe, expect, it } from 'vitest';
import { asksEachOnesEnds, endsOfEach, percentChange } from '../../../src/agent/planner/eachOnesEnds.ts';

describe('each one\'s start and end', () => {
  it.each([
    'for each cell, how does its GFP at the end compare with the start?',
    'did every nucleus get bigger between the first and the last frame?',
    'per track: area at the end vs at the beginning',
    'cell by cell, brighter or dimmer at the end than at the start?',
    'how did the cells change individually from start to finish?',
  ])('"%s" asks each one', (q) => {
    expect(asksEachOnesEnds(q, { compare: 'ends' })).toBe(true);
  });

  it.each(['is the mean intensity higher at the end than at the start?', 'are the nuclei bigger in the last frame than in the first?'])('"%s" asks the pooled means', (q) => {
    expect(asksEachOnesEnds(q, { compare: 'ends' })).toBe(false);
  });

  it('needs a comparison of the ends or halves', () => {
    expect(asksEachOnesEnds('the area of each cell', {})).toBe(false);
  });

  it('takes each id\'s own first and last frame, leaving out ids seen once', () => {
    const rows = [
      { track_id: 1, t: 0, v: 10 }, { track_id: 1, t: 1, v: 12 }, { track_id: 1, t: 3, v: 15 },
      { track_id: 2, t: 2, v: 8 }, { track_id: 2, t: 4, v: 4 },
      { track_id: 3, t: 1, v: 5 },
    ].map(({ v, ...row }) => ({ row, v }));
    const { ends, oneFrameOnly } = endsOfEach(rows, 'track_id');
    expect(ends.map((e) => [e.id, e.first.t, e.first.v, e.last.t, e.last.v])).toEqual([['1', 0, 10, 3, 15], ['2', 2, 8, 4, 4]]);
    expect(oneFrameOnly).toBe(1);
    expect(ends.map(percentChange)).toEqual([50, -50]);
  });
});
